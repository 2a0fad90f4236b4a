package typosquat

import "testing"

func TestCheck(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		want    bool
		popular string
	}{
		{"requests", false, ""},
		{"request", true, "requests"},
		{"reqeusts", true, "requests"},
		{"requestss", true, "requests"},
		{"dateutil", true, "python-dateutil"},
		{"python-dateutil", false, ""},
		{"python_dateutil", false, ""},
		{"sklearn", false, ""}, // itself a published project: never flagged
		{"scikit-learn", false, ""},
		{"yaml", true, "pyyaml"},
		{"PyYAML", false, ""},
		{"djnago", true, "django"},
		{"python-numpy", true, "numpy"},
		{"numpy", false, ""},
		{"flask", false, ""},
		{"my-company-internal-lib", false, ""},
		{"urllib3", false, ""},
		{"urlib3", true, "urllib3"},
	}
	for _, tt := range tests {
		m, ok := c.Check(tt.name)
		if ok != tt.want || (ok && m.Popular != tt.popular) {
			t.Errorf("Check(%q) = %+v, %v; want %v %q", tt.name, m, ok, tt.want, tt.popular)
		}
	}
}

// TestPopularNamesAreNotFlagged measures false positives: none of the
// 15,000 known projects may be reported against the others.
func TestPopularNamesAreNotFlagged(t *testing.T) {
	c, err := Default()
	if err != nil {
		t.Fatal(err)
	}
	flagged := 0
	for name, rank := range c.rank {
		if _, ok := c.Check(name); ok {
			flagged++
			if flagged < 10 {
				t.Logf("popular project %s (rank %d) flagged", name, rank)
			}
		}
	}
	t.Logf("%d of %d known projects flagged", flagged, len(c.rank))
	if flagged > len(c.rank)/200 {
		t.Errorf("%d known projects flagged as typosquats", flagged)
	}
}

func TestOneEdit(t *testing.T) {
	for _, tt := range []struct {
		a, b string
		want bool
	}{{"abc", "abd", true}, {"abc", "acb", true}, {"abc", "abcd", true}, {"abc", "ab", true}, {"abc", "abc", false}, {"abc", "cba", false}, {"abcd", "ab", false}} {
		if got := oneEdit(tt.a, tt.b); got != tt.want {
			t.Errorf("oneEdit(%q, %q) = %v", tt.a, tt.b, got)
		}
	}
}

func FuzzCheck(f *testing.F) {
	c, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Add("reqeusts")
	f.Add("")
	f.Fuzz(func(t *testing.T, s string) { c.Check(s) })
}
