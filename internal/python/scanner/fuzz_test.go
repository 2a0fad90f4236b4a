package scanner

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// addSeeds adds every file of testdata/errors and testdata/valid to the
// fuzz corpus, plus some fragments that exercise the mode stack.
func addSeeds(f *testing.F) {
	for _, dir := range []string{"errors", "valid"} {
		paths, _ := filepath.Glob(filepath.Join("testdata", dir, "*.py"))
		for _, p := range paths {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	for _, s := range []string{
		"", "\n", "\\", "\\\n", "(", ")", "f'", "f'{", "f'{x:{y", "f'''{\n", `t"{x!r:>{w}}"`,
		"if x:\n\tpass\n        pass\n", "0x_", "1e+", "'''", "\"\\", "f'\\N{x}'", "f'{{'", "\x00", "\xff",
		"# coding: latin-1\n", "\xef\xbb\xbf", "\r\n\r", "\f\f  x",
	} {
		f.Add([]byte(s))
	}
}

// checkTokens verifies the invariants every token stream keeps.
func checkTokens(t *testing.T, f *token.File, toks []token.Token) {
	t.Helper()
	if len(toks) == 0 || toks[len(toks)-1].Kind != token.ENDMARKER {
		t.Fatalf("stream does not end with ENDMARKER")
	}
	prev := int32(0)
	for i, tok := range toks {
		if tok.Pos < prev || tok.End < tok.Pos || int(tok.End) > len(f.Src) {
			t.Fatalf("token %d %v [%d:%d] out of order or bounds (prev %d, size %d)",
				i, tok.Kind, tok.Pos, tok.End, prev, len(f.Src))
		}
		prev = tok.Pos
	}
	indents := 0
	for _, tok := range toks {
		switch tok.Kind {
		case token.INDENT:
			indents++
		case token.DEDENT:
			indents--
			if indents < 0 {
				t.Fatalf("more DEDENT than INDENT tokens")
			}
		}
	}
	if indents != 0 {
		t.Fatalf("%d INDENT tokens left open", indents)
	}
}

func FuzzScan(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		file := token.NewFile("fuzz.py", src)
		toks, errs := Scan(file, ScanComments)
		checkTokens(t, file, toks)
		for _, e := range errs {
			if e.Line < 1 || e.Col < 0 || e.Msg == "" {
				t.Fatalf("bad error %+v", e)
			}
		}
		toks2, _ := Scan(file, 0)
		checkTokens(t, file, toks2)
	})
}

func FuzzDecodeAndScan(f *testing.F) {
	addSeeds(f)
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, err := source.Decode(raw)
		if err != nil {
			return
		}
		if strings.ContainsRune(string(text), '\r') || strings.ContainsRune(string(text), 0) {
			t.Fatalf("decoded text keeps a CR or NUL: %q", text)
		}
		file := token.NewFile("fuzz.py", text)
		toks, _ := Scan(file, 0)
		checkTokens(t, file, toks)
	})
}

// TestLinearTime scans inputs that would expose quadratic behaviour; each
// must finish well within the time limit.
func TestLinearTime(t *testing.T) {
	line := "result = compute(alpha, beta[1:2], {'k': f'{gamma!r:>10}'}) + 0x_ff * 1.5e-3  # note\n"
	tests := []struct {
		name string
		src  string
	}{
		{"10 MB of code", strings.Repeat(line, 10<<20/len(line))},
		{"10k nested brackets", "x = " + strings.Repeat("(", 10000) + "1" + strings.Repeat(")", 10000) + "\n"},
		{"10k nested f-strings", strings.Repeat(`f"{`, 10000) + strings.Repeat(`}"`, 10000)},
		{"1 MB of closing brackets", strings.Repeat(")", 1<<20)},
		{"1 MB of quotes", strings.Repeat("'", 1<<20)},
		{"1 MB of bad numbers", strings.Repeat("1a ", 1<<20/3)},
		{"2k indentation levels", indentLadder(2000)},
		{"unterminated triple quote", "x = '''" + strings.Repeat("a\n", 1<<19)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			start := time.Now()
			file := token.NewFile("big.py", []byte(tt.src))
			toks, _ := Scan(file, 0)
			checkTokens(t, file, toks)
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("took %v", d)
			}
		})
	}
}

func indentLadder(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("if x:\n")
	}
	return b.String()
}
