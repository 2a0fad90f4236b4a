package parser

import (
	"errors"
	"fmt"
	"strings"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/unicode/runenames"
)

// decodeStringLiteral decodes one STRING token (prefix and quotes
// included). For bytes literals the result holds the raw byte values. It
// returns CPython's message for an invalid literal.
func decodeStringLiteral(lit string) (string, string) {
	q := strings.IndexAny(lit, `'"`)
	if q < 0 {
		return "", "invalid syntax"
	}
	prefix := strings.ToLower(lit[:q])
	raw := strings.Contains(prefix, "r")
	isBytes := strings.Contains(prefix, "b")
	quote := 1
	if len(lit) >= q+6 && lit[q+1] == lit[q] && lit[q+2] == lit[q] {
		quote = 3
	}
	if len(lit) < q+2*quote {
		return "", "invalid syntax"
	}
	body := lit[q+quote : len(lit)-quote]
	if isBytes {
		for i := 0; i < len(body); i++ {
			if body[i] >= 0x80 {
				return "", "bytes can only contain ASCII literal characters"
			}
		}
	}
	return decodeBody(body, raw, isBytes)
}

// decodeBody decodes the escapes of a literal's text.
func decodeBody(body string, raw, isBytes bool) (string, string) {
	if raw || strings.IndexByte(body, '\\') < 0 {
		return body, ""
	}
	var b strings.Builder
	b.Grow(len(body))
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		escStart := i
		i++
		if i >= len(body) {
			b.WriteByte('\\')
			break
		}
		c = body[i]
		i++
		switch c {
		case '\n':
		case '\\':
			b.WriteByte('\\')
		case '\'':
			b.WriteByte('\'')
		case '"':
			b.WriteByte('"')
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'f':
			b.WriteByte(12)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte(11)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for k := 0; k < 2 && i < len(body) && body[i] >= '0' && body[i] <= '7'; k++ {
				v = v*8 + int(body[i]-'0')
				i++
			}
			if isBytes {
				b.WriteByte(byte(v))
			} else {
				writeCodePoint(&b, rune(v))
			}
		case 'x':
			v, n := hexDigits(body[i:], 2)
			if n < 2 {
				if isBytes {
					return "", fmt.Sprintf("(value error) invalid \\x escape at position %d", escStart)
				}
				return "", unicodeError(body, escStart, i+n, "truncated \\xXX escape")
			}
			i += n
			if isBytes {
				b.WriteByte(byte(v))
			} else {
				writeCodePoint(&b, rune(v))
			}
		case 'u', 'U':
			if isBytes {
				b.WriteByte('\\')
				b.WriteByte(c)
				continue
			}
			want := 4
			what := "truncated \\uXXXX escape"
			if c == 'U' {
				want = 8
				what = "truncated \\UXXXXXXXX escape"
			}
			v, n := hexDigits(body[i:], want)
			if n < want {
				return "", unicodeError(body, escStart, i+n, what)
			}
			i += n
			if v > 0x10FFFF {
				return "", unicodeError(body, escStart, i, "illegal Unicode character")
			}
			writeCodePoint(&b, rune(v))
		case 'N':
			if isBytes {
				b.WriteString(`\N`)
				continue
			}
			if i >= len(body) || body[i] != '{' {
				return "", unicodeError(body, escStart, i, "malformed \\N character escape")
			}
			end := strings.IndexByte(body[i:], '}')
			if end < 0 {
				return "", unicodeError(body, escStart, len(body), "malformed \\N character escape")
			}
			name := body[i+1 : i+end]
			i += end + 1
			r, ok := lookupRuneName(name)
			if !ok || name == "" {
				return "", unicodeError(body, escStart, i, "unknown Unicode character name")
			}
			writeCodePoint(&b, r)
		default:
			// An unknown escape stays as written (CPython warns).
			b.WriteByte('\\')
			i--
		}
	}
	return b.String(), ""
}

// unicodeError is CPython's message for a bad escape in a str literal.
// Positions count bytes of the literal's text from start to end-1.
func unicodeError(body string, start, end int, what string) string {
	if end > len(body) {
		end = len(body)
	}
	if end-1 <= start {
		return fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s", start, start+1, what)
	}
	return fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s", start, end-1, what)
}

func hexDigits(s string, max int) (int, int) {
	v, n := 0, 0
	for n < max && n < len(s) {
		c := s[n]
		var d int
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'f':
			d = int(c-'a') + 10
		case c >= 'A' && c <= 'F':
			d = int(c-'A') + 10
		default:
			return v, n
		}
		v = v*16 + d
		n++
	}
	return v, n
}

// writeCodePoint writes r as WTF-8: surrogate code points are encoded as
// three bytes like any other, as Python strings can hold them.
func writeCodePoint(b *strings.Builder, r rune) {
	if r >= 0xD800 && r <= 0xDFFF {
		b.WriteByte(byte(0xE0 | r>>12))
		b.WriteByte(byte(0x80 | (r>>6)&0x3F))
		b.WriteByte(byte(0x80 | r&0x3F))
		return
	}
	var buf [4]byte
	n := utf8.EncodeRune(buf[:], r)
	b.Write(buf[:n])
}

// runeNames maps Unicode character names to code points; built on first
// use of a \N{...} escape and read-only afterwards.
type runeNameTable struct {
	once  sync.Once
	names map[string]rune
}

var unicodeNames runeNameTable

func lookupRuneName(name string) (rune, bool) {
	name = strings.ToUpper(strings.TrimSpace(name))
	if r, ok := algorithmicName(name); ok {
		return r, true
	}
	unicodeNames.once.Do(func() {
		m := make(map[string]rune, 40000)
		for r := rune(0); r <= 0x10FFFF; r++ {
			if r >= 0xD800 && r <= 0xDFFF {
				continue
			}
			if n := runenames.Name(r); n != "" && n[0] != '<' {
				m[n] = r
			}
		}
		for alias, r := range nameAliases {
			m[alias] = r
		}
		unicodeNames.names = m
	})
	r, ok := unicodeNames.names[name]
	return r, ok
}

// algorithmicName resolves names that Unicode derives from the code point.
func algorithmicName(name string) (rune, bool) {
	for _, pre := range []string{"CJK UNIFIED IDEOGRAPH-", "CJK COMPATIBILITY IDEOGRAPH-", "TANGUT IDEOGRAPH-"} {
		if strings.HasPrefix(name, pre) {
			v, n := hexDigits(name[len(pre):], 6)
			if n >= 4 && n == len(name)-len(pre) {
				return rune(v), true
			}
		}
	}
	return 0, false
}

// nameAliases are the formal name aliases CPython's \N{} accepts beside
// the names (a commonly used subset).
var nameAliases = map[string]rune{
	"NULL": 0, "NUL": 0, "BELL": 7, "BACKSPACE": 8, "CHARACTER TABULATION": 9, "TAB": 9,
	"LINE FEED": 10, "LF": 10, "NEW LINE": 10, "LINE TABULATION": 11, "FORM FEED": 12, "FF": 12,
	"CARRIAGE RETURN": 13, "CR": 13, "ESCAPE": 27, "ESC": 27, "SPACE": 32, "DELETE": 127, "DEL": 127,
	"NO-BREAK SPACE": 0xA0, "NBSP": 0xA0, "SOFT HYPHEN": 0xAD, "SHY": 0xAD,
	"ZERO WIDTH SPACE": 0x200B, "ZWSP": 0x200B, "ZERO WIDTH NON-JOINER": 0x200C, "ZWNJ": 0x200C,
	"ZERO WIDTH JOINER": 0x200D, "ZWJ": 0x200D, "BYTE ORDER MARK": 0xFEFF, "BOM": 0xFEFF,
	"ZERO WIDTH NO-BREAK SPACE": 0xFEFF, "LEFT-TO-RIGHT MARK": 0x200E, "LRM": 0x200E,
	"RIGHT-TO-LEFT MARK": 0x200F, "RLM": 0x200F, "LINE SEPARATOR": 0x2028, "PARAGRAPH SEPARATOR": 0x2029,
}

// DecodeString decodes one Python string literal, prefix and quotes
// included, as CPython's compiler does: the value of `'a\x41'` is "aA".
// An invalid literal gets CPython's message as the error. It does not
// check what the tokenizer checks (newlines in a one-line literal, an
// escaped closing quote).
func DecodeString(lit string) (string, error) {
	v, msg := decodeStringLiteral(lit)
	if msg != "" {
		return "", errors.New(msg)
	}
	return v, nil
}
