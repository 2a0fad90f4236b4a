package pep440

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"testing"
)

// oracle is testdata/oracle.json, written by scripts/gen-pep440-oracle.py
// from the packaging library that pip vendors.
type oracle struct {
	Packaging string `json:"packaging"`
	Versions  []struct {
		S      string `json:"s"`
		Valid  bool   `json:"valid"`
		Norm   string `json:"norm"`
		Public string `json:"public"`
		Base   string `json:"base"`
		Pre    bool   `json:"pre"`
		Post   bool   `json:"post"`
		Dev    bool   `json:"dev"`
		Local  string `json:"local"`
	} `json:"versions"`
	Sorted     [][]string `json:"sorted"`
	Pairs      [][3]any   `json:"pairs"`
	Targets    []string   `json:"targets"`
	Specifiers []struct {
		Spec      string   `json:"spec"`
		Valid     bool     `json:"valid"`
		Op        string   `json:"op"`
		Version   string   `json:"version"`
		AdmitsPre bool     `json:"admits_pre"`
		Default   []string `json:"default"`
		Allow     []string `json:"allow"`
	} `json:"specifiers"`
	Filters []struct {
		Set      string   `json:"set"`
		Contains []string `json:"contains"`
		Filter   []string `json:"filter"`
	} `json:"filters"`
}

func loadOracle(t *testing.T, path string) oracle {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var o oracle
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return o
}

func mustParse(t *testing.T, s string) Version {
	t.Helper()
	v, err := Parse(s)
	if err != nil {
		t.Fatalf("Parse(%q): %v", s, err)
	}
	return v
}

func checkOracle(t *testing.T, o oracle) {
	if len(o.Versions) < 3000 || len(o.Pairs) < 3000 || len(o.Specifiers) < 300 {
		t.Fatalf("oracle too small: %d versions, %d pairs, %d specifiers", len(o.Versions), len(o.Pairs), len(o.Specifiers))
	}
	for _, c := range o.Versions {
		v, err := Parse(c.S)
		if (err == nil) != c.Valid {
			t.Errorf("Parse(%q): err %v, want valid=%v", c.S, err, c.Valid)
			continue
		}
		if !c.Valid {
			continue
		}
		got := []any{v.String(), v.Public().String(), v.Base().String(), v.IsPrerelease(), v.IsPostrelease(), v.IsDevrelease(), localString(v)}
		want := []any{c.Norm, c.Public, c.Base, c.Pre, c.Post, c.Dev, c.Local}
		if !slices.Equal(got, want) {
			t.Errorf("Parse(%q) = %v, want %v", c.S, got, want)
		}
	}
	for i, g := range o.Sorted {
		first := mustParse(t, g[0])
		for _, s := range g[1:] {
			if c := Compare(first, mustParse(t, s)); c != 0 {
				t.Errorf("Compare(%q, %q) = %d, want 0", g[0], s, c)
			}
		}
		if i > 0 {
			prev := mustParse(t, o.Sorted[i-1][0])
			if c := Compare(prev, first); c != -1 {
				t.Errorf("Compare(%q, %q) = %d, want -1", o.Sorted[i-1][0], g[0], c)
			}
		}
	}
	for _, p := range o.Pairs {
		a, b, want := p[0].(string), p[1].(string), int(p[2].(float64))
		if c := Compare(mustParse(t, a), mustParse(t, b)); c != want {
			t.Errorf("Compare(%q, %q) = %d, want %d", a, b, c, want)
		}
	}
	targets := make([]Version, len(o.Targets))
	for i, s := range o.Targets {
		targets[i] = mustParse(t, s)
	}
	for _, c := range o.Specifiers {
		sp, err := ParseSpecifier(c.Spec)
		if (err == nil) != c.Valid {
			t.Errorf("ParseSpecifier(%q): err %v, want valid=%v", c.Spec, err, c.Valid)
			continue
		}
		if !c.Valid {
			continue
		}
		if string(sp.Operator()) != c.Op || sp.Version() != c.Version || sp.AdmitsPrereleases() != c.AdmitsPre {
			t.Errorf("ParseSpecifier(%q) = %s %q pre=%v, want %s %q pre=%v", c.Spec, sp.Operator(), sp.Version(), sp.AdmitsPrereleases(), c.Op, c.Version, c.AdmitsPre)
		}
		for mode, want := range map[Prereleases][]string{PrereleasesDefault: c.Default, PrereleasesAllow: c.Allow} {
			var got []string
			for i, v := range targets {
				if sp.Contains(v, mode) {
					got = append(got, o.Targets[i])
				}
			}
			if !slices.Equal(got, want) {
				t.Errorf("%q (mode %d) contains %q, want %q", c.Spec, mode, got, want)
			}
		}
	}
	for _, c := range o.Filters {
		set, err := ParseSpecifierSet(c.Set)
		if err != nil {
			t.Errorf("ParseSpecifierSet(%q): %v", c.Set, err)
			continue
		}
		pool := []string{"0.9", "1.0", "1.0.post1", "1.1a1", "1.1", "1.1rc1", "2.0.dev1", "2.0", "3.0a1", "1.0+local"}
		var vs []Version
		var contains []string
		for _, s := range pool {
			v := mustParse(t, s)
			vs = append(vs, v)
			if set.Contains(v, PrereleasesDefault) {
				contains = append(contains, s)
			}
		}
		var filtered []string
		for _, v := range set.Filter(vs, PrereleasesDefault) {
			filtered = append(filtered, v.String())
		}
		if !slices.Equal(contains, c.Contains) {
			t.Errorf("%q contains %q, want %q", c.Set, contains, c.Contains)
		}
		if !slices.Equal(filtered, c.Filter) {
			t.Errorf("%q filters to %q, want %q", c.Set, filtered, c.Filter)
		}
	}
}

func localString(v Version) string {
	s := v.String()
	if i := len(v.Public().String()); i < len(s) {
		return s[i+1:]
	}
	return ""
}

func TestOracle(t *testing.T) {
	checkOracle(t, loadOracle(t, filepath.Join("testdata", "oracle.json")))
}

// TestOracleLive regenerates the table with the machine's Python when it
// has pip with packaging 22 or newer, so new cases in the script are
// checked before the table is committed.
func TestOracleLive(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	script := filepath.Join("..", "..", "..", "scripts", "gen-pep440-oracle.py")
	out, err := exec.Command(py, script).Output()
	if err != nil {
		t.Skipf("oracle not available: %v", err)
	}
	path := filepath.Join(t.TempDir(), "oracle.json")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	checkOracle(t, loadOracle(t, path))
}
