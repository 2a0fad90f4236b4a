package scanner

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/python/token"
)

// WriteTokens writes a token stream in the layout of CPython's
// "python -m tokenize -e": "LINE,COL-LINE,COL:", the kind and the Python
// repr of the text, with columns counted in characters. Positions follow
// the tokenize module where it differs from byte offsets: a NEWLINE or NL
// is one character wide even when CPython added it at the end of the
// file, and the tokens after such a final line sit on the line below it.
func WriteTokens(w io.Writer, f *token.File, toks []token.Token) error {
	bw := bufio.NewWriter(w)
	size := len(f.Src)
	noFinalNewline := size > 0 && f.Src[size-1] != '\n'
	for _, t := range toks {
		pos, end := int(t.Pos), int(t.End)
		sl, sc := f.Line(pos), f.CharColumn(pos)-1
		el, ec := f.Line(end), f.CharColumn(end)-1
		switch t.Kind {
		case token.NEWLINE, token.NL:
			el, ec = sl, sc+1
		case token.DEDENT, token.ENDMARKER:
			if pos == size && noFinalNewline {
				sl, sc = f.LineCount()+1, 0
				el, ec = sl, 0
			}
		}
		where := fmt.Sprintf("%d,%d-%d,%d:", sl, sc, el, ec)
		fmt.Fprintf(bw, "%-20s%-15s%-15s\n", where, t.Kind, pythonRepr(f.Text(t.Pos, t.End)))
	}
	return bw.Flush()
}

// pythonRepr spells s as Python's repr of a str does.
func pythonRepr(s string) string {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	var b strings.Builder
	b.WriteByte(quote)
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			// Python would show the surrogate escape of the byte.
			fmt.Fprintf(&b, "\\udc%02x", s[i])
		case r == '\\' || r == rune(quote):
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r < 0x20 || r == 0x7f:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r < 0x80 || isPrintable(r):
			b.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(&b, "\\x%02x", r)
		case r <= 0xffff:
			fmt.Fprintf(&b, "\\u%04x", r)
		default:
			b.WriteString(`\U` + fmt.Sprintf("%08x", r))
		}
		i += size
	}
	b.WriteByte(quote)
	return b.String()
}
