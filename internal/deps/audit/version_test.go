package audit

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// testdata/pep440/sorted.txt lists versions in the order pip's vendored
// packaging library gives them (testdata/pep440/oracle.py), equal ones on
// one line; invalid.txt lists strings it rejects.
func TestVersionOrderAgainstPackaging(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "pep440", "sorted.txt"))
	if err != nil {
		t.Fatal(err)
	}
	var groups [][]version
	var raw [][]string
	for _, line := range strings.Split(strings.TrimSuffix(string(data), "\n"), "\n") {
		var g []version
		for _, s := range strings.Split(line, "\t") {
			v, err := parseVersion(s)
			if err != nil {
				t.Errorf("parseVersion(%q): %v", s, err)
				continue
			}
			g = append(g, v)
		}
		groups = append(groups, g)
		raw = append(raw, strings.Split(line, "\t"))
	}
	for i, g := range groups {
		for j := range g {
			if c := compareVersions(g[0], g[j]); c != 0 {
				t.Errorf("%s and %s compare %d, want equal", raw[i][0], raw[i][j], c)
			}
		}
		if i > 0 && len(g) > 0 && len(groups[i-1]) > 0 {
			if c := compareVersions(groups[i-1][0], g[0]); c >= 0 {
				t.Errorf("%s and %s compare %d, want -1", raw[i-1][0], raw[i][0], c)
			}
			if c := compareVersions(g[0], groups[i-1][0]); c <= 0 {
				t.Errorf("%s and %s compare %d, want 1", raw[i][0], raw[i-1][0], c)
			}
		}
	}
	if len(groups) < 3000 {
		t.Errorf("only %d groups", len(groups))
	}
}

func TestVersionInvalid(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "pep440", "invalid.txt"))
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range append(strings.Split(strings.TrimSuffix(string(data), "\n"), "\n"), "") {
		if _, err := parseVersion(s); err == nil {
			t.Errorf("parseVersion(%q) accepted an invalid version", s)
		}
	}
}

func FuzzParseVersion(f *testing.F) {
	for _, s := range []string{"1.0", "1!2.0rc1.post2.dev3+abc.4", "v1.0-1", "1.0.dev"} {
		f.Add(s, "1.0")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		x, errA := parseVersion(a)
		y, errB := parseVersion(b)
		if errA != nil || errB != nil {
			return
		}
		if compareVersions(x, y) != -compareVersions(y, x) {
			t.Fatalf("compare(%q, %q) not antisymmetric", a, b)
		}
		if compareVersions(x, x) != 0 {
			t.Fatalf("%q != itself", a)
		}
	})
}
