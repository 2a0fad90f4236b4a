package scanner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/token"
)

func TestWriteTokens(t *testing.T) {
	src := "def f(x):\n    return f\"{x!r}\\t\" + 'é'  # note\n"
	want := strings.Join([]string{
		"1,0-1,3:            NAME           'def'          ",
		"1,4-1,5:            NAME           'f'            ",
		"1,5-1,6:            LPAR           '('            ",
		"1,6-1,7:            NAME           'x'            ",
		"1,7-1,8:            RPAR           ')'            ",
		"1,8-1,9:            COLON          ':'            ",
		"1,9-1,10:           NEWLINE        '\\n'           ",
		"2,0-2,4:            INDENT         '    '         ",
		"2,4-2,10:           NAME           'return'       ",
		"2,11-2,13:          FSTRING_START  'f\"'           ",
		"2,13-2,14:          LBRACE         '{'            ",
		"2,14-2,15:          NAME           'x'            ",
		"2,15-2,16:          EXCLAMATION    '!'            ",
		"2,16-2,17:          NAME           'r'            ",
		"2,17-2,18:          RBRACE         '}'            ",
		"2,18-2,20:          FSTRING_MIDDLE '\\\\t'          ",
		"2,20-2,21:          FSTRING_END    '\"'            ",
		"2,22-2,23:          PLUS           '+'            ",
		"2,24-2,27:          STRING         \"'é'\"          ",
		"2,29-2,35:          COMMENT        '# note'       ",
		"2,35-2,36:          NEWLINE        '\\n'           ",
		"3,0-3,0:            DEDENT         ''             ",
		"3,0-3,0:            ENDMARKER      ''             ",
	}, "\n") + "\n"
	f := token.NewFile("t.py", []byte(src))
	toks, _ := Scan(f, ScanComments)
	var b strings.Builder
	if err := WriteTokens(&b, f, toks); err != nil {
		t.Fatal(err)
	}
	if b.String() != want {
		t.Errorf("got\n%s\nwant\n%s", b.String(), want)
	}
}

// TestWriteTokensAgainstCPython compares WriteTokens with the output of
// "python3 -m tokenize -e" of CPython 3.13 on the sample files.
func TestWriteTokensAgainstCPython(t *testing.T) {
	run := python313(t)
	paths, _ := filepath.Glob(filepath.Join("testdata", "valid", "*.py"))
	for _, p := range paths {
		out, err := run("-m", "tokenize", "-e", p).Output()
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		want := strings.SplitN(string(out), "\n", 2)[1] // without ENCODING
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		f := token.NewFile(p, src)
		toks, _ := Scan(f, ScanComments)
		var b strings.Builder
		if err := WriteTokens(&b, f, toks); err != nil {
			t.Fatal(err)
		}
		got := strings.Split(b.String(), "\n")
		wantLines := strings.Split(want, "\n")
		for i := 0; i < len(got) || i < len(wantLines); i++ {
			var g, w string
			if i < len(got) {
				g = got[i]
			}
			if i < len(wantLines) {
				w = wantLines[i]
			}
			if g != w {
				t.Errorf("%s line %d:\ngot  %q\nwant %q", p, i+1, g, w)
				break
			}
		}
	}
}
