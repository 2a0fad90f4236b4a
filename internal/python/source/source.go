// Package source turns the raw bytes of a Python file into the text that
// CPython's tokenizer reads: the UTF-8 byte order mark removed, a PEP 263
// coding declaration honoured, and every line end normalised to "\n".
//
// The reference is CPython 3.13 parsing a file's bytes with ast.parse
// (compile of a bytes object), not running it as a script. The two differ
// for undeclared non-UTF-8 bytes: a script run rejects them anywhere, while
// ast.parse accepts them inside comments and rejects them in the token that
// holds them. Decode therefore keeps such bytes as they are and leaves the
// verdict to the scanner, which knows whether a byte sits in a comment.
package source

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Error is a problem found while decoding. Line is 0 for a bad or unknown
// encoding declaration (CPython reports those on line 0); Col is 1-based and
// 0 when unknown.
type Error struct {
	Line, Col int
	Msg       string
}

func (e *Error) Error() string {
	if e.Line == 0 {
		return e.Msg
	}
	if e.Col == 0 {
		return fmt.Sprintf("line %d: %s", e.Line, e.Msg)
	}
	return fmt.Sprintf("line %d:%d: %s", e.Line, e.Col, e.Msg)
}

// NullByteMsg is CPython's message for a NUL byte in source text, as it
// reports it when reading a file. (ast.parse of bytes says "source code
// string cannot contain null bytes" and gives no line.)
const NullByteMsg = "source code cannot contain null bytes"

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// Decode turns a file's raw bytes into the text CPython tokenizes: UTF-8
// BOM stripped, a PEP 263 coding cookie on line 1 or 2 honoured, universal
// newlines ("\r\n" and a lone "\r" become "\n"). Text that needs no change
// is returned as a subslice of raw, without copying.
//
// Errors (all *Error): an unknown encoding ("unknown encoding: x"), a codec
// CPython has but Decode lacks, such as the multi-byte Asian codecs and
// UTF-16 ("unsupported encoding: x ..."), a cookie that contradicts a BOM,
// bytes the declared codec cannot decode, and NUL bytes. Supported: UTF-8
// (and utf-8-sig), latin-1, ASCII and the common single-byte codecs
// (cp1250-cp1258, ISO 8859-2 to -16, KOI8-R/U, cp437, cp850, cp852, cp866,
// mac-roman) under all of Python's names for them.
// Undeclared UTF-8 text is not validated here (see the package comment).
func Decode(raw []byte) ([]byte, error) {
	text := raw
	bom := bytes.HasPrefix(text, utf8BOM)
	if bom {
		text = text[len(utf8BOM):]
	}
	text = normaliseNewlines(text)

	codec, err := cookieCodec(text, bom)
	if err != nil {
		return nil, err
	}
	switch codec {
	case "", "utf-8":
		// Kept as is; CPython validates undeclared-but-default UTF-8 per token.
	default:
		text, err = decodeWith(codec, text)
		if err != nil {
			return nil, err
		}
	}
	if i := bytes.IndexByte(text, 0); i >= 0 {
		line := 1 + bytes.Count(text[:i], []byte{'\n'})
		return nil, &Error{Line: line, Msg: NullByteMsg}
	}
	return text, nil
}

// normaliseNewlines maps "\r\n" and lone "\r" to "\n", copying only when
// the text holds a "\r".
func normaliseNewlines(b []byte) []byte {
	i := bytes.IndexByte(b, '\r')
	if i < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	out = append(out, b[:i]...)
	for ; i < len(b); i++ {
		c := b[i]
		if c == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, c)
	}
	return out
}

// cookieCodec finds the coding declaration the way CPython's tokenizer does
// for string input: line 1, and line 2 only when line 1 holds nothing but
// whitespace or a comment. It returns "" when there is none, "utf-8" for
// every spelling CPython itself folds to utf-8, else the codec's name.
func cookieCodec(text []byte, bom bool) (string, error) {
	line1, rest, ok := cutLine(text)
	if !ok {
		// CPython appends the final newline before it looks, so a lone
		// line without one is still line 1.
		line1, rest = text, nil
	}
	name, found, codeLine := codingSpec(line1)
	if !found && !codeLine && len(rest) > 0 {
		line2, _, ok2 := cutLine(rest)
		if !ok2 {
			line2 = rest
		}
		name, found, _ = codingSpec(line2)
	}
	if !found {
		if bom {
			return "utf-8", nil
		}
		return "", nil
	}
	norm := normalName(name)
	if bom && norm != "utf-8" {
		return "", &Error{Msg: "encoding problem: " + norm + " with BOM"}
	}
	if norm == "utf-8" {
		return norm, nil
	}
	canon, ok := lookupCodec(norm, codecAliases)
	if !ok {
		if other, known := lookupCodec(norm, unsupportedCodecs); known {
			return "", &Error{Msg: "unsupported encoding: " + norm + " (CPython's codec " + other + " is not available)"}
		}
		return "", &Error{Msg: "unknown encoding: " + norm}
	}
	return canon, nil
}

func cutLine(b []byte) (line, rest []byte, ok bool) {
	i := bytes.IndexByte(b, '\n')
	if i < 0 {
		return b, nil, false
	}
	return b[:i], b[i+1:], true
}

// codingSpec looks for "coding[:=]name" in a comment that is alone on its
// line. codeLine reports a line holding anything but blanks and a comment,
// which ends the search for a declaration.
func codingSpec(line []byte) (name string, found, codeLine bool) {
	hash := -1
	for i, c := range line {
		if c == '#' {
			hash = i
			break
		}
		if c != ' ' && c != '\t' && c != '\f' {
			return "", false, true
		}
	}
	if hash < 0 {
		return "", false, false
	}
	s := line[hash:]
	for i := 0; i+6 < len(s); i++ {
		if string(s[i:i+6]) != "coding" {
			continue
		}
		t := i + 6
		if s[t] != ':' && s[t] != '=' {
			continue
		}
		t++
		for t < len(s) && (s[t] == ' ' || s[t] == '\t') {
			t++
		}
		begin := t
		for t < len(s) && isCodecNameByte(s[t]) {
			t++
		}
		if t > begin {
			return string(s[begin:t]), true, false
		}
	}
	return "", false, false
}

func isCodecNameByte(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' ||
		c == '-' || c == '_' || c == '.'
}

// normalName folds the spellings of utf-8 and latin-1 that CPython's
// tokenizer recognises itself (it looks at the first 12 characters only).
func normalName(s string) string {
	n := min(len(s), 12)
	buf := make([]byte, n)
	for i := 0; i < n; i++ {
		c := s[i]
		switch {
		case c == '_':
			c = '-'
		case c >= 'A' && c <= 'Z':
			c += 'a' - 'A'
		}
		buf[i] = c
	}
	b := string(buf)
	switch {
	case b == "utf-8" || strings.HasPrefix(b, "utf-8-"):
		return "utf-8"
	case b == "latin-1" || b == "iso-8859-1" || b == "iso-latin-1" ||
		strings.HasPrefix(b, "latin-1-") || strings.HasPrefix(b, "iso-8859-1-") ||
		strings.HasPrefix(b, "iso-latin-1-"):
		return "iso-8859-1"
	}
	return s
}

// lookupCodec resolves a name the way Python's codec registry does:
// lower case, runs of punctuation other than '.' become one '_', then the
// alias table.
func lookupCodec(name string, codecAliases map[string]string) (string, bool) {
	var b strings.Builder
	punct := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c >= 'A' && c <= 'Z' {
			c += 'a' - 'A'
		}
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' {
			if punct && b.Len() > 0 {
				b.WriteByte('_')
			}
			b.WriteByte(c)
			punct = false
		} else {
			punct = true
		}
	}
	norm := b.String()
	if c, ok := codecAliases[norm]; ok {
		return c, true
	}
	if c, ok := codecAliases[strings.ReplaceAll(norm, ".", "_")]; ok {
		return c, true
	}
	return "", false
}

// decodeWith decodes text from a named codec into UTF-8.
func decodeWith(codec string, text []byte) ([]byte, error) {
	switch codec {
	case "utf_8", "utf_8_sig":
		if codec == "utf_8_sig" {
			text = bytes.TrimPrefix(text, utf8BOM)
		}
		if i, n, reason := InvalidUTF8(text); i >= 0 {
			return nil, &Error{Msg: "'utf-8' codec can't decode " + ByteRange(text, i, n) + ": " + reason}
		}
		return text, nil
	case "ascii":
		for i, c := range text {
			if c >= 0x80 {
				return nil, &Error{Msg: fmt.Sprintf("'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", c, i)}
			}
		}
		return text, nil
	case "latin_1":
		return decodeTable(text, nil)
	}
	table := singleByteCodecs[codec]
	if table == nil {
		return nil, &Error{Msg: "unknown encoding: " + codec}
	}
	return decodeTable(text, table)
}

// decodeTable decodes a single-byte codec whose lower half is ASCII; a nil
// table is latin-1.
func decodeTable(text []byte, table *[128]uint16) ([]byte, error) {
	n := 0
	for _, c := range text {
		if c >= 0x80 {
			n++
		}
	}
	if n == 0 {
		return text, nil
	}
	out := make([]byte, 0, len(text)+2*n)
	for i, c := range text {
		if c < 0x80 {
			out = append(out, c)
			continue
		}
		r := rune(c)
		if table != nil {
			r = rune(table[c-0x80])
			if r == 0xFFFE {
				return nil, &Error{Msg: fmt.Sprintf("'charmap' codec can't decode byte 0x%02x in position %d: character maps to <undefined>", c, i)}
			}
		}
		out = utf8.AppendRune(out, r)
	}
	return out, nil
}

// InvalidUTF8 finds the first byte sequence of b that is not UTF-8 in the
// sense of CPython's strict decoder. It returns its offset, the number of
// bytes CPython's error names and CPython's reason, or -1 when b is valid.
func InvalidUTF8(b []byte) (at, n int, reason string) {
	for i := 0; i < len(b); {
		c := b[i]
		if c < 0x80 {
			i++
			continue
		}
		if r, size := utf8.DecodeRune(b[i:]); r != utf8.RuneError || size > 1 {
			i += size
			continue
		}
		n, reason := utf8Failure(b[i:])
		return i, n, reason
	}
	return -1, 0, ""
}

// utf8Failure classifies an invalid sequence at the start of b the way
// CPython's decoder does.
func utf8Failure(b []byte) (int, string) {
	c := b[0]
	var need int
	lo, hi := byte(0x80), byte(0xBF)
	switch {
	case c >= 0xC2 && c <= 0xDF:
		need = 1
	case c == 0xE0:
		need, lo = 2, 0xA0
	case c >= 0xE1 && c <= 0xEC, c == 0xEE, c == 0xEF:
		need = 2
	case c == 0xED:
		need, hi = 2, 0x9F
	case c == 0xF0:
		need, lo = 3, 0x90
	case c >= 0xF1 && c <= 0xF3:
		need = 3
	case c == 0xF4:
		need, hi = 3, 0x8F
	default:
		return 1, "invalid start byte"
	}
	for k := 1; k <= need; k++ {
		if k >= len(b) {
			return k, "unexpected end of data"
		}
		x := b[k]
		if k == 1 && (x < lo || x > hi) || k > 1 && (x < 0x80 || x > 0xBF) {
			return k, "invalid continuation byte"
		}
	}
	return need + 1, "invalid continuation byte"
}

// ByteRange spells the bytes of a decoding error as CPython's message does:
// "byte 0xe9 in position 3" or "bytes in position 3-4".
func ByteRange(b []byte, at, n int) string {
	if n <= 1 {
		return fmt.Sprintf("byte 0x%02x in position %d", b[at], at)
	}
	return fmt.Sprintf("bytes in position %d-%d", at, at+n-1)
}
