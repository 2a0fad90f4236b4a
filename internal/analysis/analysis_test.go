package analysis_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

func TestMayName(t *testing.T) {
	tests := []struct {
		name, module, src string
		want              bool
	}{
		{"import", "app", "import flask\n", true},
		{"from import", "app", "from flask import Flask\n", true},
		{"submodule import", "app", "import flask.json as fj\n", true},
		{"own module", "flask.app", "class Flask:\n    pass\n", true},
		{"star import", "app", "from compat import *\n", true},
		{"import at run time", "app", "import importlib\nm = importlib.import_module(name)\n", true},
		{"other package", "app", "import flask_login\nflask = 1\n", false},
		{"text only", "app", "# flask is not used here\nx = 'flask'\n", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			u := analysis.NewUnit("app.py", tt.module, parser.ParseString("app.py", tt.src))
			if got := u.MayName("flask"); got != tt.want {
				t.Errorf("MayName(flask) = %v, want %v", got, tt.want)
			}
			u.Drop([]byte(tt.src), nil) // the import list survives a dropped tree
			if got := u.MayName("flask"); got != tt.want || !u.Dropped() {
				t.Errorf("dropped: MayName(flask) = %v, want %v (dropped %v)", got, tt.want, u.Dropped())
			}
		})
	}
}
