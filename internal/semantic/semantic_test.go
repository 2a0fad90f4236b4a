package semantic_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// callNames returns the qualified name of every call, in source order.
func callNames(t *testing.T, src string) []string {
	t.Helper()
	res := parser.ParseString("m.py", src)
	if len(res.Errors) > 0 {
		t.Fatalf("parse: %v", res.Errors[0])
	}
	m := semantic.Build(res.Module, res.File, "pkg.mod")
	var out []string
	ast.Inspect(res.Module, func(n ast.Node) bool {
		if c, ok := n.(*ast.Call); ok {
			out = append(out, m.QualifiedName(c.Func))
		}
		return true
	})
	return out
}

func TestQualifiedNames(t *testing.T) {
	tests := []struct {
		name, src string
		want      []string
	}{
		{"alias import", "import subprocess as sp\nsp.Popen(x)\n", []string{"subprocess.Popen"}},
		{"from import alias", "from os import system as run_cmd\nrun_cmd(c)\n", []string{"os.system"}},
		{"dotted import", "import os.path\nos.path.join(a)\n", []string{"os.path.join"}},
		{"star import", "from hashlib import *\nmd5(b)\n", []string{"hashlib.md5"}},
		{"importlib", "import importlib\nm = importlib.import_module('pickle')\nm.loads(d)\n", []string{"importlib.import_module", "pickle.loads"}},
		{"dunder import", "__import__('os').system(c)\n", []string{"os.system", "__import__"}},
		{"local alias", "import subprocess\nrun = subprocess.run\nrun(c, shell=True)\n", []string{"subprocess.run"}},
		{"builtin", "eval(x)\n", []string{"eval"}},
		{"shadowed builtin", "def eval(x): pass\neval(y)\n", []string{"pkg.mod.eval"}},
		{"parameter shadows import", "import os\ndef f(os):\n    os.system(c)\n", []string{""}},
		{"nested function sees module import", "import pickle\ndef f():\n    def g():\n        return pickle.loads(d)\n    return g\n", []string{"pickle.loads"}},
		{"class scope hidden from methods", "import os\nclass C:\n    os = None\n    def m(self):\n        os.system(c)\n", []string{"os.system"}},
		{"relative import", "from .db import query\nquery(q)\n", []string{"pkg.db.query"}},
		{"rebound differently", "import os as x\nimport sys as x\nx.exit()\n", []string{""}},
		{"global in function", "def f():\n    global sp\n    import subprocess as sp\nsp.call(c)\n", []string{"subprocess.call"}},
		{"comprehension variable", "import os\n[os.system(c) for c in cmds]\n", []string{"os.system"}},
	}
	for _, tt := range tests {
		got := callNames(t, tt.src)
		if len(got) != len(tt.want) {
			t.Errorf("%s: got %q, want %q", tt.name, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("%s: call %d = %q, want %q", tt.name, i, got[i], tt.want[i])
			}
		}
	}
}

func TestConstValue(t *testing.T) {
	src := "SHELL = True\nBASE = 'ls '\ncmd = BASE + '-l'\nmsg = f'{BASE}x'\nn = -5\nwho = input()\nmixed = BASE + who\nfmt = 'a %s' % 'b'\n"
	res := parser.ParseString("c.py", src)
	m := semantic.Build(res.Module, res.File, "")
	get := func(i int) (semantic.Value, bool) {
		return m.ConstValue(res.Module.Body[i].(*ast.Assign).Targets[0])
	}
	if v, ok := get(0); !ok || v.Kind != semantic.BoolValue || !v.Bool {
		t.Errorf("SHELL = %+v %v", v, ok)
	}
	if v, ok := get(2); !ok || v.Str != "ls -l" {
		t.Errorf("cmd = %+v %v", v, ok)
	}
	if v, ok := get(3); !ok || v.Str != "ls x" {
		t.Errorf("msg = %+v %v", v, ok)
	}
	if v, ok := get(4); !ok || v.Int.Int64() != -5 {
		t.Errorf("n = %+v %v", v, ok)
	}
	if _, ok := get(6); ok {
		t.Error("BASE + input() folded to a constant")
	}
	if v, ok := get(7); !ok || v.Kind != semantic.StrValue {
		t.Errorf("fmt = %+v %v", v, ok)
	}
}

func TestEnclosingScopeName(t *testing.T) {
	src := "class Handler:\n    def post(self):\n        x = 1\n"
	res := parser.ParseString("s.py", src)
	m := semantic.Build(res.Module, res.File, "")
	pos := res.Module.Body[0].(*ast.ClassDef).Body[0].(*ast.FunctionDef).Body[0].Pos()
	if got := m.EnclosingScopeName(pos); got != "Handler.post" {
		t.Errorf("scope = %q, want Handler.post", got)
	}
}

func TestBindingContextExpr(t *testing.T) {
	src := "import requests\n\nwith requests.Session() as s, open(p) as (a, b):\n    pass\nt = requests.Session()\nfor u in x:\n    pass\n"
	res := parser.ParseString("m.py", src)
	m := semantic.Build(res.Module, res.File, "m")
	tests := []struct {
		name, want string // want: the qualified name of the call, "" for no context expression
	}{
		{"s", "requests.Session"}, {"a", ""}, {"t", ""}, {"u", ""},
	}
	for _, tt := range tests {
		bs := m.Lookup(tt.name, len(src))
		if len(bs) != 1 {
			t.Fatalf("%s: %d bindings", tt.name, len(bs))
		}
		got := ""
		if c, ok := bs[0].ContextExpr().(*ast.Call); ok {
			got = m.QualifiedName(c.Func)
		} else if bs[0].ContextExpr() != nil {
			got = "not a call"
		}
		if got != tt.want {
			t.Errorf("%s: ContextExpr names %q, want %q", tt.name, got, tt.want)
		}
	}
}
