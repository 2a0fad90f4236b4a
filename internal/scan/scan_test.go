package scan

import (
	"context"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/finding"
)

func TestModuleName(t *testing.T) {
	dir := t.TempDir()
	must := func(err error) {
		if err != nil {
			t.Fatal(err)
		}
	}
	must(os.MkdirAll(filepath.Join(dir, "src", "shop", "api"), 0o755))
	for _, f := range []string{"src/shop/__init__.py", "src/shop/api/__init__.py", "src/shop/api/views.py", "src/tool.py", "src/my-script.py"} {
		must(os.WriteFile(filepath.Join(dir, f), nil, 0o644))
	}
	tests := map[string]string{
		"src/shop/api/views.py":    "shop.api.views",
		"src/shop/api/__init__.py": "shop.api",
		"src/tool.py":              "tool",
		"src/my-script.py":         "",
	}
	for rel, want := range tests {
		if got := moduleName(filepath.Join(dir, rel)); got != want {
			t.Errorf("moduleName(%s) = %q, want %q", rel, got, want)
		}
	}
}

func TestDropConfirmed(t *testing.T) {
	loc := finding.Location{Path: "a.py", Line: 3}
	fs := []finding.Finding{{RuleID: "SG102", Location: loc}, {RuleID: "SG602", Location: loc}, {RuleID: "SG301", Location: loc},
		{RuleID: "SG101", Location: finding.Location{Path: "a.py", Line: 4}}}
	got := dropConfirmed(fs)
	if len(got) != 3 || got[0].RuleID != "SG602" {
		t.Errorf("dropConfirmed = %+v", got)
	}
}

func TestLooksBinary(t *testing.T) {
	if looksBinary([]byte("print('x')\n")) {
		t.Error("text judged binary")
	}
	if looksBinary([]byte("x = 1\x00\n")) {
		t.Error("text with one NUL judged binary")
	}
	if !looksBinary([]byte{0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 3, 0}) {
		t.Error("ELF header judged text")
	}
}

// TestDroppedTreesChangeNothing scans the rule fixtures, which hold Flask,
// Django, FastAPI and XML-RPC code spread over many files, once keeping
// every tree and once dropping those no project rule keeps: the findings
// and their fingerprints must be the same, with and without the taint
// rules (which keep every file but tests).
func TestDroppedTreesChangeNothing(t *testing.T) {
	dirs := []string{"../rules/framework/testdata", "../rules/network/testdata",
		"../taint/testdata", "../rules/injection/testdata"}
	for _, dir := range dirs {
		for _, taint := range []bool{false, true} {
			name := filepath.Base(filepath.Dir(dir))
			if taint {
				name += "+taint"
			}
			t.Run(name, func(t *testing.T) { droppedTreesChangeNothing(t, dir, taint) })
		}
	}
}

func droppedTreesChangeNothing(t *testing.T, dir string, taint bool) {
	cfg := config.Default()
	if !taint {
		cfg.Ignore = append(cfg.Ignore, "SG6")
	}
	kept, err := Run(context.Background(), Options{Paths: []string{dir}, Config: cfg, KeepTrees: true})
	if err != nil {
		t.Fatal(err)
	}
	dropped, err := Run(context.Background(), Options{Paths: []string{dir}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if kept.Dropped != 0 || (dropped.Dropped == 0 && !taint) {
		t.Errorf("dropped %d trees with KeepTrees and %d without", kept.Dropped, dropped.Dropped)
	}
	if len(kept.Findings) == 0 {
		t.Fatal("no findings")
	}
	if !reflect.DeepEqual(kept.Findings, dropped.Findings) {
		t.Errorf("findings differ: %d kept, %d dropped", len(kept.Findings), len(dropped.Findings))
		for i := range min(len(kept.Findings), len(dropped.Findings)) {
			if !reflect.DeepEqual(kept.Findings[i], dropped.Findings[i]) {
				t.Errorf("first difference:\n%+v\n%+v", kept.Findings[i], dropped.Findings[i])
				break
			}
		}
	}
}

// TestDroppedTreeParsedAgain checks that a project rule that follows a
// reference into a file whose tree was dropped (a Flask config class in a
// module that imports no framework) still reads it.
func TestDroppedTreeParsedAgain(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app.py":         "from flask import Flask\n\napp = Flask(__name__)\napp.config.from_object(\"settingsobj.Production\")\n",
		"settingsobj.py": "class Production:\n    SECRET_KEY = \"a-literal-signing-key\"\n",
		"util.py":        "def add(a, b):\n    return a + b\n",
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	cfg := config.Default()
	cfg.Select = []string{"SG7"}
	res, err := Run(context.Background(), Options{Paths: []string{dir}, Config: cfg})
	if err != nil {
		t.Fatal(err)
	}
	if res.Dropped != 2 || res.Reparsed != 1 {
		t.Errorf("dropped %d, parsed again %d; want 2 and 1", res.Dropped, res.Reparsed)
	}
	found := false
	for _, f := range res.Findings {
		if strings.HasSuffix(f.Location.Path, "settingsobj.py") && f.Location.Line == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("no finding on the config class's SECRET_KEY: %+v", res.Findings)
	}
}
