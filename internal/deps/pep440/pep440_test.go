package pep440

import (
	"errors"
	"testing"
)

func TestParseNormalises(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"1.0", "1.0"},
		{"v1.0", "1.0"},
		{" V1.0\n", "1.0"},
		{"1.0-1", "1.0.post1"},
		{"1.0_POST_2", "1.0.post2"},
		{"1.0.rev3", "1.0.post3"},
		{"1.0alpha1", "1.0a1"},
		{"1.0.beta", "1.0b0"},
		{"1.0c1", "1.0rc1"},
		{"1.0-preview-2", "1.0rc2"},
		{"1.0.DEV", "1.0.dev0"},
		{"0!01.002", "1.2"},
		{"2!1.0", "2!1.0"},
		{"1.0+Ubuntu-1_A.007", "1.0+ubuntu.1.a.7"},
		{"1.0a.", "1.0a0"},
		{"18446744073709551616.1", "18446744073709551616.1"},
	} {
		v, err := Parse(c.in)
		if err != nil {
			t.Errorf("Parse(%q): %v", c.in, err)
			continue
		}
		if v.String() != c.want {
			t.Errorf("Parse(%q) = %s, want %s", c.in, v, c.want)
		}
	}
}

func TestParseRejectsLegacy(t *testing.T) {
	for _, s := range []string{"", "latest", "1.0-beta-2-x", "2.0.x", "1.0+", "1.0 beta", "1..0", "1.0-SNAPSHOT", "١.0"} {
		_, err := Parse(s)
		if !errors.Is(err, ErrInvalid) {
			t.Errorf("Parse(%q) = %v, want ErrInvalid", s, err)
		}
	}
}

func TestCompare(t *testing.T) {
	order := []string{"1.0.dev0", "1.0a1.dev1", "1.0a1", "1.0a1.post1.dev1", "1.0a1.post1", "1.0b1", "1.0rc1",
		"1.0", "1.0+a", "1.0+a.1", "1.0+1", "1.0.post1.dev1", "1.0.post1", "1.1", "1.10", "1!0.1"}
	for i := range order {
		for j := range order {
			want := sign(i - j)
			if c := Compare(mustParse(t, order[i]), mustParse(t, order[j])); c != want {
				t.Errorf("Compare(%s, %s) = %d, want %d", order[i], order[j], c, want)
			}
		}
	}
	if !Equal(mustParse(t, "1.0"), mustParse(t, "1.0.0.0")) {
		t.Error("1.0 != 1.0.0.0")
	}
}

func TestSpecifier(t *testing.T) {
	for _, c := range []struct {
		spec, version string
		pre           Prereleases
		want          bool
	}{
		{"~=1.4.5", "1.4.9", PrereleasesDefault, true},
		{"~=1.4.5", "1.5", PrereleasesDefault, false},
		{"~=1.4", "1.9", PrereleasesDefault, true},
		{"~=1.4", "2.0", PrereleasesDefault, false},
		{"==1.4.*", "1.4.0rc1", PrereleasesAllow, true},
		{"==1.4.*", "1.40", PrereleasesDefault, false},
		{"==1.0", "1.0+local", PrereleasesDefault, true},
		{"==1.0+local", "1.0", PrereleasesDefault, false},
		{"!=1.0.*", "1.0.5", PrereleasesDefault, false},
		{"<1.0", "1.0rc1", PrereleasesAllow, false},
		{"<1.0rc2", "1.0rc1", PrereleasesDefault, false},
		{"<1.0rc2", "1.0rc1", PrereleasesAllow, true},
		{">1.0", "1.0.post1", PrereleasesDefault, false},
		{">1.0.post1", "1.0.post2", PrereleasesDefault, true},
		{">1.0", "1.0+local", PrereleasesDefault, false},
		{">=1.0", "2.0b1", PrereleasesDefault, false},
		{">=1.0", "2.0b1", PrereleasesAllow, true},
		{">=1.0b1", "2.0b1", PrereleasesDefault, true},
		{">=1.0b1", "2.0b1", PrereleasesExclude, false},
		{"===1.0", "1.0", PrereleasesDefault, true},
		{"===1.0", "1.0.0", PrereleasesDefault, false},
	} {
		sp, err := ParseSpecifier(c.spec)
		if err != nil {
			t.Fatalf("ParseSpecifier(%q): %v", c.spec, err)
		}
		if got := sp.Contains(mustParse(t, c.version), c.pre); got != c.want {
			t.Errorf("%s contains %s (mode %d) = %v, want %v", c.spec, c.version, c.pre, got, c.want)
		}
	}
}

func TestSpecifierErrors(t *testing.T) {
	for _, s := range []string{"1.0", "=1.0", "~=1", ">=1.0+local", "<1.*", "==1.0a1.*", "===a b", "=>1"} {
		if _, err := ParseSpecifier(s); err == nil {
			t.Errorf("ParseSpecifier(%q) accepted", s)
		}
	}
}

func TestFilterOnlyPrereleases(t *testing.T) {
	set, err := ParseSpecifierSet(">=1.5, <3")
	if err != nil {
		t.Fatal(err)
	}
	vs := []Version{mustParse(t, "1.0"), mustParse(t, "2.0b1"), mustParse(t, "2.0rc1")}
	got := set.Filter(vs, PrereleasesDefault)
	if len(got) != 2 || got[0].String() != "2.0b1" {
		t.Errorf("Filter = %v, want the pre-releases as the only match", got)
	}
	if got := set.Filter(vs, PrereleasesExclude); len(got) != 0 {
		t.Errorf("Filter(exclude) = %v", got)
	}
	vs = append(vs, mustParse(t, "2.1"))
	if got := set.Filter(vs, PrereleasesDefault); len(got) != 1 || got[0].String() != "2.1" {
		t.Errorf("Filter = %v, want only 2.1", got)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"1.0", "1!2.0rc1.post2.dev3+abc.4", "v1.0-1", "1.0.dev", "1.0a.", "1.0+a-b_c"} {
		f.Add(s, "1.0")
	}
	f.Fuzz(func(t *testing.T, a, b string) {
		x, errA := Parse(a)
		y, errB := Parse(b)
		if errA != nil || errB != nil {
			return
		}
		if Compare(x, y) != -Compare(y, x) || Compare(x, x) != 0 {
			t.Fatalf("Compare(%q, %q) not antisymmetric", a, b)
		}
		again, err := Parse(x.String())
		if err != nil || again.String() != x.String() || Compare(again, x) != 0 {
			t.Fatalf("%q normalises to %q, which does not round-trip (%v)", a, x, err)
		}
	})
}

func FuzzSpecifier(f *testing.F) {
	for _, s := range []string{"~=1.4.5", "==1.*", "!=1.0+local", "===foo", ">1.0.post1", "<=1!2"} {
		f.Add(s, "1.4.6")
	}
	f.Fuzz(func(t *testing.T, spec, version string) {
		set, err := ParseSpecifierSet(spec)
		if err != nil {
			return
		}
		v, err := Parse(version)
		if err != nil {
			return
		}
		if set.Contains(v, PrereleasesAllow) != (len(set.Filter([]Version{v}, PrereleasesAllow)) == 1) {
			t.Fatalf("%q: Contains and Filter disagree on %q", spec, version)
		}
		if _, err := ParseSpecifierSet(set.String()); err != nil {
			t.Fatalf("%q prints as %q, which does not parse: %v", spec, set, err)
		}
	})
}
