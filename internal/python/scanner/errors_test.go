package scanner

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// firstError scans a file of testdata/errors and renders its first error
// the way errors.golden spells it.
func firstError(t *testing.T, name string) string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("testdata", "errors", name+".py"))
	if err != nil {
		t.Fatal(err)
	}
	text, err := source.Decode(raw)
	if err != nil {
		t.Fatalf("%s: decode: %v", name, err)
	}
	e := reportedError(token.NewFile(name+".py", text))
	if e == nil {
		return name + "\tOK"
	}
	return fmt.Sprintf("%s\t%s\t%d\t%d\t%s", name, e.Kind, e.Line, e.Col, e.Msg)
}

// reportedError is the error CPython would report for a file whose only
// problems are lexical, following Error.Immediate: a bad string literal is
// a parser error, which an immediate tokenizer error anywhere replaces.
func reportedError(f *token.File) *Error {
	toks, errs := Scan(f, 0)
	var first *Error
	if len(errs) > 0 {
		first = &errs[0]
		if first.Immediate() {
			return first
		}
	}
	for _, tok := range toks {
		if first != nil && int(tok.Pos) >= first.Pos {
			break
		}
		if e := StringError(f, tok); e != nil {
			if first != nil && strings.HasSuffix(first.Msg, "was never closed") && first.Line < e.Line {
				return first
			}
			return e
		}
	}
	return first
}

// TestErrorsGolden checks the first error of every file in testdata/errors
// against errors.golden, which CPython 3.13 wrote (see errors_golden.py).
func TestErrorsGolden(t *testing.T) {
	golden, err := os.ReadFile(filepath.Join("testdata", "errors.golden"))
	if err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "errors", "*.py"))
	lines := strings.Split(strings.TrimRight(string(golden), "\n"), "\n")
	if len(lines) != len(files) {
		t.Errorf("errors.golden has %d lines for %d files; regenerate it", len(lines), len(files))
	}
	for _, want := range lines {
		name, _, _ := strings.Cut(want, "\t")
		if got := firstError(t, name); got != want {
			t.Errorf("\ngot  %s\nwant %s", got, want)
		}
	}
}

// TestErrorsGoldenIsCPython3_13 regenerates errors.golden with CPython 3.13,
// when installed, so the expectations cannot drift from the reference.
func TestErrorsGoldenIsCPython3_13(t *testing.T) {
	run := python313(t)
	out, err := run(filepath.Join("testdata", "errors_golden.py")).Output()
	if err != nil {
		t.Fatalf("errors_golden.py: %v", err)
	}
	golden, err := os.ReadFile(filepath.Join("testdata", "errors.golden"))
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, golden) {
		sc := bufio.NewScanner(bytes.NewReader(out))
		for sc.Scan() {
			if !bytes.Contains(golden, append(sc.Bytes(), '\n')) {
				t.Errorf("CPython now says: %s", sc.Text())
			}
		}
		t.Error("errors.golden differs from CPython 3.13's verdicts")
	}
}
