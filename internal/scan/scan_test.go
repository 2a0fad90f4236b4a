package scan

import (
	"os"
	"path/filepath"
	"testing"

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
