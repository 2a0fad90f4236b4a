package discover

import (
	"os"
	"path/filepath"
	"testing"
)

func TestIgnored(t *testing.T) {
	rules := []ignoreRule{
		{pattern: "*.log"}, {pattern: "build/"}, {pattern: "/root_only.py"}, {pattern: "docs/**/gen_*.py"},
		{pattern: "keep*.py"}, {pattern: "!keep_me.py", negate: true}, {base: "sub", pattern: "local.py"},
	}
	rules[5].pattern = "keep_me.py"
	tests := []struct {
		rel   string
		isDir bool
		want  bool
	}{
		{"a.log", false, true}, {"x/y.log", false, true}, {"build", true, true}, {"build", false, false},
		{"root_only.py", false, true}, {"pkg/root_only.py", false, false}, {"docs/a/b/gen_x.py", false, true},
		{"keep_other.py", false, true}, {"keep_me.py", false, false}, {"sub/local.py", false, true}, {"local.py", false, false},
	}
	for _, tt := range tests {
		if got := ignored(rules, tt.rel, tt.isDir); got != tt.want {
			t.Errorf("ignored(%q, dir=%v) = %v, want %v", tt.rel, tt.isDir, got, tt.want)
		}
	}
}

func TestWalk(t *testing.T) {
	dir := t.TempDir()
	write := func(rel, text string) {
		p := filepath.Join(dir, rel)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("app.py", "x = 1\n")
	write("script", "#!/usr/bin/env python3\nprint(1)\n")
	write("notes.txt", "hello\n")
	write("nb.ipynb", "{}")
	write(".gitignore", "generated/\n")
	write("generated/out.py", "x\n")
	write("venv/pyvenv.cfg", "home = /usr\n")
	write("venv/lib/site.py", "x\n")
	write("pkg/mod.py", "x\n")
	files, notices, err := Walk(dir, []string{dir}, Options{Excluded: func(rel string) bool { return false }})
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, f := range files {
		got = append(got, filepath.Base(f.Path))
	}
	want := []string{"app.py", "nb.ipynb", "mod.py", "script"}
	if len(got) != len(want) {
		t.Fatalf("files = %v, want %v (notices %v)", got, want, notices)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("files = %v, want %v", got, want)
			break
		}
	}
}
