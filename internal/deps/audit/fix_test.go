package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRewritePins(t *testing.T) {
	src, err := os.ReadFile(filepath.Join("testdata", "fix", "requirements.txt"))
	if err != nil {
		t.Fatal(err)
	}
	pins := []Pin{
		{Name: "Django", Line: 2, Old: "3.2.0", New: "3.2.25"},
		{Name: "requests", Line: 3, Old: "2.25.0", New: "2.32.4"},
		{Name: "jinja2", Line: 4, Old: "2.10", New: "2.11.3"},
		{Name: "urllib3", Line: 5, Old: "1.26.0", New: "1.26.19"},
		{Name: "flask", Line: 8, Old: "0.12", New: "2.3.2"}, // line holds a range, not a pin
		{Name: "pyyaml", Line: 99, Old: "5.3", New: "5.4"},  // no such line
		{Name: "pillow", Line: 9, Old: "9.0.0", New: "10.3.0"},
	}
	out, warnings, skipped := RewritePins(src, pins)
	want, err := os.ReadFile(filepath.Join("testdata", "fix", "requirements.fixed.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if string(out) != string(want) {
		t.Errorf("rewritten:\n%s\nwant:\n%s", out, want)
	}
	if len(skipped) != 2 || skipped[0].Name != "flask" || skipped[1].Name != "pyyaml" {
		t.Errorf("skipped = %+v", skipped)
	}
	if len(warnings) != 1 || !strings.Contains(warnings[0], "urllib3") {
		t.Errorf("warnings = %q", warnings)
	}

	diff := UnifiedDiff("requirements.txt", src, out)
	wantDiff, err := os.ReadFile(filepath.Join("testdata", "fix", "requirements.diff"))
	if err != nil {
		t.Fatal(err)
	}
	if diff != string(wantDiff) {
		t.Errorf("diff:\n%s\nwant:\n%s", diff, wantDiff)
	}
	if UnifiedDiff("x", src, src) != "" {
		t.Error("diff of identical files")
	}
}

func FuzzRewritePins(f *testing.F) {
	f.Add([]byte("django==3.2.0 # pin\nrequests===2.0 \\\n --hash=sha256:00\n"), "django", 1, "3.2.0", "3.2.25")
	f.Add([]byte("a==1\r\nb == 2 ; python_version<'3'\n"), "b", 2, "2", "2.1")
	f.Add([]byte("x==1"), "x", 1, "1", "2")
	f.Fuzz(func(t *testing.T, src []byte, name string, line int, old, new string) {
		out, _, skipped := RewritePins(src, []Pin{{Name: name, Line: line, Old: old, New: new}})
		if len(skipped) == 1 && string(out) != string(src) {
			t.Fatal("skipped pin changed the file")
		}
		a := strings.Count(string(src), "\n")
		if b := strings.Count(string(out), "\n"); a != b && !strings.Contains(new, "\n") && !strings.Contains(old, "\n") {
			t.Fatalf("line count changed from %d to %d", a, b)
		}
		UnifiedDiff("f", src, out)
	})
}
