package parser_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/astjson"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

// TestGoldenTrees compares the JSON dump of each testdata/valid file with
// the tree CPython 3.13 gave for it (the .json beside it, written by
// ../../../shared-tools' pyast_dump.py format).
func TestGoldenTrees(t *testing.T) {
	files, _ := filepath.Glob("testdata/valid/*.py")
	if len(files) == 0 {
		t.Fatal("no golden files")
	}
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		want, err := os.ReadFile(strings.TrimSuffix(path, ".py") + ".json")
		if err != nil {
			t.Fatal(err)
		}
		res := parser.ParseFile(filepath.Base(path), raw)
		var got bytes.Buffer
		if err := astjson.Encode(&got, filepath.Base(path), res); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(got.Bytes(), want) {
			t.Errorf("%s: tree differs from CPython's\n got: %.400s\nwant: %.400s", path, got.String(), want)
		}
	}
}

type invalidCase struct {
	Src    string `json:"src"`
	Msg    string `json:"msg"`
	Lineno int    `json:"lineno"`
	Offset int    `json:"offset"`
	Kind   string `json:"kind"`
}

// TestInvalidCorpus parses snippets CPython rejects: every one must be
// rejected, and at least 95% must agree with CPython on line and column.
func TestInvalidCorpus(t *testing.T) {
	raw, err := os.ReadFile("testdata/invalid.json")
	if err != nil {
		t.Fatal(err)
	}
	var corpus struct {
		Cases []invalidCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &corpus); err != nil {
		t.Fatal(err)
	}
	posAgree, msgAgree := 0, 0
	for _, c := range corpus.Cases {
		res := parser.ParseString("<snippet>", c.Src)
		if len(res.Errors) == 0 {
			t.Errorf("accepted invalid source %q (CPython: %s)", c.Src, c.Msg)
			continue
		}
		e := res.Errors[0]
		if e.Line == c.Lineno && e.Col == c.Offset {
			posAgree++
		} else {
			t.Logf("position %q: got %d:%d %q, CPython %d:%d %q", c.Src, e.Line, e.Col, e.Msg, c.Lineno, c.Offset, c.Msg)
		}
		if e.Msg == c.Msg {
			msgAgree++
		}
	}
	n := len(corpus.Cases)
	t.Logf("%d invalid snippets: line and column agree on %d (%.1f%%), message on %d (%.1f%%)",
		n, posAgree, 100*float64(posAgree)/float64(n), msgAgree, 100*float64(msgAgree)/float64(n))
	if n < 150 {
		t.Errorf("corpus has %d snippets, want at least 150", n)
	}
	if float64(posAgree) < 0.95*float64(n) {
		t.Errorf("line and column agree on %d of %d, want at least 95%%", posAgree, n)
	}
}

func TestRecoveryKeepsLaterStatements(t *testing.T) {
	src := "import os\nx = (1,\ndef broken(:\n    pass\nos.system(cmd)\nif y\n    eval(z)\nlast = 1\n"
	res := parser.ParseString("r.py", src)
	if len(res.Errors) == 0 {
		t.Fatal("no error reported")
	}
	var calls []string
	ast.Inspect(res.Module, func(n ast.Node) bool {
		if c, ok := n.(*ast.Call); ok {
			if a, ok := c.Func.(*ast.Attribute); ok {
				calls = append(calls, a.Attr)
			}
			if nm, ok := c.Func.(*ast.Name); ok {
				calls = append(calls, nm.Id)
			}
		}
		return true
	})
	got := strings.Join(calls, ",")
	if !strings.Contains(got, "eval") {
		t.Errorf("calls after the errors = %q, want eval among them", got)
	}
	if _, ok := res.Module.Body[0].(*ast.Import); !ok {
		t.Errorf("first statement = %T, want *ast.Import", res.Module.Body[0])
	}
	last := res.Module.Body[len(res.Module.Body)-1]
	if a, ok := last.(*ast.Assign); !ok || a.Targets[0].(*ast.Name).Id != "last" {
		t.Errorf("last statement = %T, want the assignment to last", last)
	}
}

func TestErrors(t *testing.T) {
	tests := []struct {
		src, msg  string
		line, col int
		kind      string
	}{
		{"print 'x'\n", "Missing parentheses in call to 'print'. Did you mean print(...)?", 1, 1, parser.KindSyntax},
		{"if x\n    pass\n", "expected ':'", 1, 5, parser.KindSyntax},
		{"def f():\nreturn 1\n", "expected an indented block after function definition on line 1", 2, 1, parser.KindIndentation},
		{"f(**x, *y)\n", "iterable argument unpacking follows keyword argument unpacking", 1, 6, parser.KindSyntax},
		{"1 = x\n", "cannot assign to literal here. Maybe you meant '==' instead of '='?", 1, 1, parser.KindSyntax},
		{"x = 'abc\n", "unterminated string literal (detected at line 1)", 1, 5, parser.KindSyntax},
		{"if x:\n        a\n    b\n", "unindent does not match any outer indentation level", 3, 6, parser.KindIndentation},
	}
	for _, tt := range tests {
		res := parser.ParseString("t.py", tt.src)
		if len(res.Errors) == 0 {
			t.Errorf("%q: no error", tt.src)
			continue
		}
		e := res.Errors[0]
		if e.Msg != tt.msg || e.Line != tt.line || e.Col != tt.col || e.Kind != tt.kind {
			t.Errorf("%q: got %d:%d %s %q, want %d:%d %s %q", tt.src, e.Line, e.Col, e.Kind, e.Msg, tt.line, tt.col, tt.kind, tt.msg)
		}
	}
}

// TestPython314 checks syntax that only CPython 3.14 accepts, with trees
// written from PEP 750 and PEP 758.
func TestPython314(t *testing.T) {
	res := parser.ParseString("t.py", "try:\n    pass\nexcept A, B:\n    pass\nmsg = t\"hi {name!r:>5}\"\n")
	if len(res.Errors) > 0 {
		t.Fatalf("errors: %v", res.Errors)
	}
	try := res.Module.Body[0].(*ast.Try)
	tup, ok := try.Handlers[0].Type.(*ast.Tuple)
	if !ok || len(tup.Elts) != 2 {
		t.Fatalf("handler type = %T, want a 2-tuple", try.Handlers[0].Type)
	}
	ts, ok := res.Module.Body[1].(*ast.Assign).Value.(*ast.TemplateStr)
	if !ok || len(ts.Values) != 2 {
		t.Fatalf("t-string = %#v", res.Module.Body[1].(*ast.Assign).Value)
	}
	in := ts.Values[1].(*ast.Interpolation)
	if in.Str != "name" || in.Conversion != 'r' || in.FormatSpec == nil {
		t.Errorf("interpolation = %+v", in)
	}
	bad := parser.ParseString("t.py", "try:\n    pass\nexcept A, B as e:\n    pass\n")
	if len(bad.Errors) == 0 || bad.Errors[0].Msg != "multiple exception types must be parenthesized when using 'as'" {
		t.Errorf("except A, B as e: errors = %v", bad.Errors)
	}
}

func TestDeepNestingAndLargeInput(t *testing.T) {
	deep := strings.Repeat("(", 100000) + "1" + strings.Repeat(")", 100000)
	start := time.Now()
	res := parser.ParseString("deep.py", deep)
	if len(res.Errors) == 0 {
		t.Error("100000 nested parentheses accepted")
	}
	unary := "x = " + strings.Repeat("-", 200000) + "1\n"
	res = parser.ParseString("unary.py", unary)
	if len(res.Errors) == 0 {
		t.Error("200000 nested unary operators accepted")
	}
	var big strings.Builder
	for big.Len() < 10<<20 {
		big.WriteString("def handler(request, *args, **kwargs):\n    value = request.args.get('q', '') + str(len(args))\n    return {'value': value, 'n': [i * 2 for i in range(10)]}\n\n")
	}
	res = parser.ParseString("big.py", big.String())
	if len(res.Errors) > 0 {
		t.Errorf("10 MB file: %v", res.Errors[0])
	}
	if d := time.Since(start); d > 20*time.Second {
		t.Errorf("deep and large inputs took %v", d)
	}
}

func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/valid/*.py")
	for _, path := range files {
		if raw, err := os.ReadFile(path); err == nil {
			f.Add(raw)
		}
	}
	if raw, err := os.ReadFile("testdata/invalid.json"); err == nil {
		var corpus struct {
			Cases []invalidCase `json:"cases"`
		}
		if json.Unmarshal(raw, &corpus) == nil {
			for _, c := range corpus.Cases {
				f.Add([]byte(c.Src))
			}
		}
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		res := parser.ParseFile("fuzz.py", src)
		if res.Module == nil {
			t.Fatal("nil module")
		}
		if res.File != nil {
			n := len(res.File.Src)
			ast.Inspect(res.Module, func(node ast.Node) bool {
				if node == nil {
					return false
				}
				if node.Pos() < 0 || node.End() > n || node.Pos() > node.End() {
					t.Fatalf("node %T span %d-%d outside 0-%d", node, node.Pos(), node.End(), n)
				}
				return true
			})
		}
		for _, e := range res.Errors {
			if e.Msg == "internal parser error" {
				t.Fatalf("internal error on %q", src)
			}
		}
	})
}

func BenchmarkParse(b *testing.B) {
	var srcs [][]byte
	var total int64
	files, _ := filepath.Glob("testdata/valid/*.py")
	for _, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			b.Fatal(err)
		}
		srcs = append(srcs, raw)
		total += int64(len(raw))
	}
	b.SetBytes(total)
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		for _, src := range srcs {
			parser.ParseFile("bench.py", src)
		}
	}
}
