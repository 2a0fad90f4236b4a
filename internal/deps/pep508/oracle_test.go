package pep508

import (
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"testing"
)

// oracle is testdata/oracle.json, written by scripts/gen-pep508-oracle.py
// from the packaging library that pip vendors.
type oracle struct {
	Envs         []Environment `json:"envs"`
	Requirements []struct {
		S          string   `json:"s"`
		Valid      bool     `json:"valid"`
		Name       string   `json:"name"`
		Extras     []string `json:"extras"`
		Specifiers []string `json:"specifiers"`
		URL        string   `json:"url"`
		Marker     []any    `json:"marker"`
	} `json:"requirements"`
	Markers []struct {
		S       string `json:"s"`
		Valid   bool   `json:"valid"`
		Results []any  `json:"results"`
	} `json:"markers"`
	Names [][2]string `json:"names"`
}

// result renders an evaluation as the oracle does: true, false or error.
func result(ok bool, err error) string {
	if err != nil {
		if !errors.Is(err, ErrUndefined) {
			return "unexpected error: " + err.Error()
		}
		return "error"
	}
	return fmt.Sprint(ok)
}

func oracleResult(x any) string {
	if s, ok := x.(string); ok && len(s) > 6 && s[:6] == "error:" {
		return "error"
	}
	return fmt.Sprint(x)
}

func checkOracle(t *testing.T, o oracle) {
	if len(o.Requirements) < 50 || len(o.Markers) < 100 {
		t.Fatalf("oracle too small: %d requirements, %d markers", len(o.Requirements), len(o.Markers))
	}
	for _, c := range o.Requirements {
		r, err := Parse(c.S)
		if (err == nil) != c.Valid {
			t.Errorf("Parse(%q): err %v, want valid=%v", c.S, err, c.Valid)
			continue
		}
		if !c.Valid {
			continue
		}
		extras := slices.Clone(r.Extras)
		sort.Strings(extras)
		extras = slices.Compact(extras)
		var specs []string
		for _, s := range r.Specifier.Specifiers() {
			specs = append(specs, s.String())
		}
		sort.Strings(specs)
		if r.Name != c.Name || !slices.Equal(extras, c.Extras) || !slices.Equal(specs, c.Specifiers) || r.URL != c.URL {
			t.Errorf("Parse(%q) = %q %q %q %q, want %q %q %q %q", c.S, r.Name, extras, specs, r.URL, c.Name, c.Extras, c.Specifiers, c.URL)
		}
		if (r.Marker != nil) != (c.Marker != nil) {
			t.Errorf("Parse(%q): marker %v, want %v", c.S, r.Marker, c.Marker)
			continue
		}
		for i, want := range c.Marker {
			if r.Marker == nil {
				break
			}
			if got := result(r.Marker.Evaluate(o.Envs[i])); got != oracleResult(want) {
				t.Errorf("%q in env %d: %s, want %s", c.S, i, got, oracleResult(want))
			}
		}
	}
	for _, c := range o.Markers {
		m, err := ParseMarker(c.S)
		if (err == nil) != c.Valid {
			t.Errorf("ParseMarker(%q): err %v, want valid=%v", c.S, err, c.Valid)
			continue
		}
		for i, want := range c.Results {
			if got := result(m.Evaluate(o.Envs[i])); got != oracleResult(want) {
				t.Errorf("%q in env %d (%s %s): %s, want %s", c.S, i, o.Envs[i]["python_version"], o.Envs[i]["sys_platform"], got, oracleResult(want))
			}
		}
	}
	for _, n := range o.Names {
		if got := NormalizeName(n[0]); got != n[1] {
			t.Errorf("NormalizeName(%q) = %q, want %q", n[0], got, n[1])
		}
	}
}

func loadOracle(t *testing.T, data []byte) oracle {
	t.Helper()
	var o oracle
	if err := json.Unmarshal(data, &o); err != nil {
		t.Fatal(err)
	}
	return o
}

func TestOracle(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("testdata", "oracle.json"))
	if err != nil {
		t.Fatal(err)
	}
	checkOracle(t, loadOracle(t, data))
}

// TestOracleLive runs the generator when python3 has pip with packaging
// 22 or newer.
func TestOracleLive(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("no python3")
	}
	out, err := exec.Command(py, filepath.Join("..", "..", "..", "scripts", "gen-pep508-oracle.py")).Output()
	if err != nil {
		t.Skipf("oracle not available: %v", err)
	}
	checkOracle(t, loadOracle(t, out))
}
