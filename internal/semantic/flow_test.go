package semantic_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// sinkValues returns, for every call sink(x) in f's body, the constant the
// flow analysis gives x ("?" when unknown).
func sinkValues(t *testing.T, src string) []string {
	t.Helper()
	res := parser.ParseString("m.py", src)
	if len(res.Errors) > 0 {
		t.Fatalf("parse: %v", res.Errors[0])
	}
	m := semantic.Build(res.Module, res.File, "mod")
	var out []string
	ast.Inspect(res.Module, func(n ast.Node) bool {
		c, ok := n.(*ast.Call)
		if !ok {
			return true
		}
		if f, ok := c.Func.(*ast.Name); ok && f.Id == "sink" && len(c.Args) == 1 {
			v, ok := m.ConstAt(c.Args[0])
			switch {
			case !ok:
				out = append(out, "?")
			case v.Kind == semantic.StrValue:
				out = append(out, v.Str)
			case v.Kind == semantic.IntValue:
				out = append(out, v.Int.String())
			case v.Kind == semantic.BoolValue && v.Bool:
				out = append(out, "True")
			case v.Kind == semantic.BoolValue:
				out = append(out, "False")
			default:
				out = append(out, "other")
			}
		}
		return true
	})
	return out
}

func TestFlowConstants(t *testing.T) {
	tests := []struct {
		name, body string
		want       []string
	}{
		{"folded branch", "num = 86\nif 7 * 42 - num > 200:\n    bar = 'safe'\nelse:\n    bar = p\nsink(bar)", []string{"safe"}},
		{"unknown branch", "if p:\n    bar = 'safe'\nelse:\n    bar = p\nsink(bar)", []string{"?"}},
		{"same on both sides", "if p:\n    bar = 'a'\nelse:\n    bar = 'a'\nsink(bar)", []string{"a"}},
		{"conditional expression", "num = 106\nbar = 'x' if 7 * 18 + num > 200 else p\nsink(bar)", []string{"x"}},
		{"in on constant string", "bar = 'This should never happen'\nif 'should' in bar:\n    bar = p\nsink(bar)", []string{"?"}},
		{"not in on constant string", "bar = 'This should never happen'\nif 'should' not in bar:\n    bar = p\nsink(bar)", []string{"This should never happen"}},
		{"reassigned", "bar = 'a'\nbar = p\nsink(bar)", []string{"?"}},
		{"list pop", "lst = []\nlst.append('safe')\nlst.append(p)\nlst.append('more')\nlst.pop(0)\nsink(lst[1])\nsink(lst[0])", []string{"more", "?"}},
		{"list escapes", "lst = ['a']\nhelper(lst)\nsink(lst[0])", []string{"?"}},
		{"list alias", "lst = ['a']\nother = lst\nother[0] = p\nsink(lst[0])\nsink(other[0])", []string{"?", "?"}},
		{"dict keys", "d = {}\nd['a'] = 'x'\nd['b'] = p\nsink(d['a'])\nsink(d['b'])\nsink(d.get('a'))", []string{"x", "?", "x"}},
		{"dict display", "d = {'a': 'x', 'b': p}\nsink(d['a'])", []string{"x"}},
		{"dict updated elsewhere", "d = {'a': 'x'}\nd.update(other)\nsink(d['a'])", []string{"?"}},
		{"configparser", "import configparser\nc = configparser.ConfigParser()\nc.add_section('s')\nc.set('s', 'keyA', 'a_Value')\nc.set('s', 'keyB', p)\nsink(c.get('s', 'keyA'))\nsink(c.get('s', 'keyB'))", []string{"a_Value", "?"}},
		{"configparser interpolation", "import configparser\nc = configparser.ConfigParser()\nc.add_section('s')\nc.set('s', 'k', '%(other)s')\nsink(c.get('s', 'k'))", []string{"?"}},
		{"match", "possible = 'ABC'\nguess = possible[1]\nmatch guess:\n    case 'A':\n        bar = p\n    case 'B':\n        bar = 'bob'\n    case _:\n        bar = p\nsink(bar)", []string{"bob"}},
		{"match capture", "bar = 'a'\nmatch 'x':\n    case bar:\n        pass\nsink(bar)", []string{"?"}},
		{"aliased dict", "d = {'a': 'x'}\nalias = d\nalias['a'] = p\nsink(d['a'])", []string{"?"}},
		{"list in a comprehension", "lst = ['a']\n[lst.append(p) for _ in p]\nsink(lst[-1])", []string{"?"}},
		{"stored in an object", "lst = ['a']\nobj.items = lst\nobj.items.append(p)\nsink(lst[-1])", []string{"?"}},
		{"concatenated list", "lst = ['a']\nlst += [p]\nsink(lst[0])\nsink(lst[1])", []string{"a", "?"}},
		{"match unknown", "match p:\n    case 'A':\n        bar = p\n    case _:\n        bar = 'x'\nsink(bar)", []string{"?"}},
		{"str methods", "s = 'a-b'.replace('-', '_').upper()\nsink(s)\nsink('abcdef'[1:-2])\nsink(len('abc'))", []string{"A_B", "bcd", "3"}},
		{"slice of unknown", "s = 'help' + p\nsink(s[4:])", []string{"?"}},
		{"loop forgets", "bar = 'a'\nfor x in p:\n    sink(bar)\n    bar = x\nsink(bar)", []string{"?", "?"}},
		{"loop keeps untouched", "bar = 'a'\nfor x in p:\n    sink(bar)\nsink(bar)", []string{"a", "a"}},
		{"try forgets in handler", "bar = 'a'\ntry:\n    bar = p\nexcept E:\n    sink(bar)\nsink(bar)", []string{"?", "?"}},
		{"return ends path", "bar = 'a'\nif p:\n    bar = p\n    return\nsink(bar)", []string{"a"}},
		{"global", "global bar\nbar = 'a'\nhelper()\nsink(bar)", []string{"?"}},
		{"closure mutates", "lst = ['a']\ndef g():\n    lst.append(p)\ng()\nsink(lst[-1])", []string{"?"}},
		{"boolean operators", "a = ''\nsink(a or 'b')\nsink('x' and 'y')\nsink(p or 'b')", []string{"b", "y", "?"}},
		{"f-string", "n = 3\nsink(f'id={n}')\nsink(f'{p}')", []string{"id=3", "?"}},
		{"chained comparison", "n = 5\nsink(1 < n < 10)\nsink(1 < n < p)", []string{"True", "?"}},
		{"with forgets", "bar = 'a'\nwith ctx():\n    bar = 'b'\nsink(bar)", []string{"?"}},
		{"walrus", "if (n := 3) > 2:\n    bar = 'a'\nelse:\n    bar = p\nsink(bar)", []string{"a"}},
		{"del item", "lst = ['a', p]\ndel lst[0]\nsink(lst[0])\nlst2 = [p, 'a']\ndel lst2[0]\nsink(lst2[0])", []string{"?", "a"}},
		{"parameter", "sink(p)", []string{"?"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "def f(p):\n"
			for _, line := range splitLines(tt.body) {
				src += "    " + line + "\n"
			}
			got := sinkValues(t, src)
			if len(got) != len(tt.want) {
				t.Fatalf("got %v, want %v", got, tt.want)
			}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("sink %d = %q, want %q (all: %v)", i, got[i], tt.want[i], got)
				}
			}
		})
	}
}

func splitLines(s string) []string {
	var out []string
	start := 0
	for i := 0; i < len(s); i++ {
		if s[i] == '\n' {
			out = append(out, s[start:i])
			start = i + 1
		}
	}
	return append(out, s[start:])
}

func TestFlowKnown(t *testing.T) {
	tests := []struct {
		name, body string
		want       bool
	}{
		{"either constant", "if p:\n    s = 'a'\nelse:\n    s = 'b'\nsink(s)", true},
		{"pure function of constants", "import base64\nsink(base64.b64decode('YQ=='))", true},
		{"pure function of input", "import base64\nsink(base64.b64decode(p))", false},
		{"method of a constant", "s = 'a' if p else 'b'\nsink(s.encode('utf-8'))", true},
		{"list of constants", "argv = []\nif p:\n    argv.append('cmd')\nelse:\n    argv.append('sh')\nargv.append('-c')\nsink(argv)", true},
		{"list with input", "argv = ['sh', '-c', p]\nsink(argv)", false},
		{"unreachable", "return 1\nsink(p)", true},
		{"unknown call", "sink(helper('a'))", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := "def f(p):\n"
			for _, line := range splitLines(tt.body) {
				src += "    " + line + "\n"
			}
			res := parser.ParseString("m.py", src)
			if len(res.Errors) > 0 {
				t.Fatalf("parse: %v", res.Errors[0])
			}
			m := semantic.Build(res.Module, res.File, "mod")
			var got *bool
			ast.Inspect(res.Module, func(n ast.Node) bool {
				if c, ok := n.(*ast.Call); ok {
					if f, ok := c.Func.(*ast.Name); ok && f.Id == "sink" {
						k := m.KnownAt(c.Args[0])
						got = &k
					}
				}
				return true
			})
			if got == nil || *got != tt.want {
				t.Errorf("KnownAt = %v, want %v", got != nil && *got, tt.want)
			}
		})
	}
}
