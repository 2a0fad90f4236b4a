package pep508

import (
	"errors"
	"testing"
)

func TestParseRequirement(t *testing.T) {
	r, err := Parse(`requests[socks, security] >=2.31,<3 ; python_version >= "3.8" and sys_platform != "win32"`)
	if err != nil {
		t.Fatal(err)
	}
	if r.Name != "requests" || len(r.Extras) != 2 || r.SpecifierText != ">=2.31,<3" || r.Marker == nil ||
		r.Marker.String() != `python_version >= "3.8" and sys_platform != "win32"` {
		t.Errorf("got %+v", r)
	}
	r, err = Parse("pkg @ https://example.org/pkg-1.0.whl ; os_name == 'nt'")
	if err != nil || r.URL != "https://example.org/pkg-1.0.whl" || r.Marker == nil {
		t.Errorf("got %+v, %v", r, err)
	}
	var se *SyntaxError
	if _, err := Parse("pkg >=1.0 <2"); !errors.As(err, &se) || se.Pos != 10 {
		t.Errorf("Parse(pkg >=1.0 <2) = %v, want a syntax error at offset 10", err)
	}
}

func TestEvaluate(t *testing.T) {
	linux313, err := TargetEnvironment("", "")
	if err != nil {
		t.Fatal(err)
	}
	win38, err := TargetEnvironment("3.8", "windows")
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct {
		marker     string
		linux, win bool
	}{
		{`python_version < "3.11"`, false, true},
		{`python_version >= "3.8"`, true, true},
		{`python_full_version >= "3.13.0"`, true, false},
		{`sys_platform == "win32"`, false, true},
		{`platform_system == "Linux"`, true, false},
		{`os_name == "nt" or python_version > "3.12"`, true, true},
		{`"linux" in sys_platform`, true, false},
		{`platform_machine not in "arm64 aarch64"`, true, true},
		{`implementation_name == "cpython" and extra == ""`, true, true},
		{`python_version == "3.*"`, true, true},
		{`sys_platform < "m"`, true, false},
		// Quoted strings are Python literals: escapes decode as literal_eval does.
		{`sys_platform == "li\x6eux"`, true, false},
		{`sys_platform == "\N{LATIN SMALL LETTER L}inux"`, true, false},
		{`sys_platform == "lin\qux"`, false, false},
	} {
		m, err := ParseMarker(c.marker)
		if err != nil {
			t.Fatalf("ParseMarker(%q): %v", c.marker, err)
		}
		for _, e := range []struct {
			env  Environment
			want bool
		}{{linux313, c.linux}, {win38, c.win}} {
			got, err := m.Evaluate(e.env)
			if err != nil || got != e.want {
				t.Errorf("%q on %s %s = %v, %v; want %v", c.marker, e.env["python_version"], e.env["sys_platform"], got, err, e.want)
			}
		}
	}
	m, _ := ParseMarker(`extra == "Dev_Tools"`)
	if ok, _ := m.Evaluate(linux313.With("extra", "dev.tools")); !ok {
		t.Error("extra names are not compared in normal form")
	}
	m, _ = ParseMarker(`platform_release >= "5"`)
	if _, err := m.Evaluate(linux313); !errors.Is(err, ErrUndefined) {
		t.Errorf("a version comparison on an empty value = %v, want ErrUndefined", err)
	}
}

func TestTargetEnvironmentErrors(t *testing.T) {
	for _, c := range [][2]string{{"3", ""}, {"3.12rc1", ""}, {"three", ""}, {"3.12", "solaris"}, {"3.12.1.1", ""}} {
		if _, err := TargetEnvironment(c[0], c[1]); err == nil {
			t.Errorf("TargetEnvironment(%q, %q) accepted", c[0], c[1])
		}
	}
	env, err := TargetEnvironment("3.12.4", "darwin")
	if err != nil || env["python_version"] != "3.12" || env["python_full_version"] != "3.12.4" || env["sys_platform"] != "darwin" {
		t.Errorf("got %v, %v", env, err)
	}
}

func TestNormalizeName(t *testing.T) {
	for in, want := range map[string]string{"Django": "django", "zope.interface": "zope-interface", "A__B-.c": "a-b-c", "Flask_SQLAlchemy": "flask-sqlalchemy",
		"python_dateutil": "python-dateutil", "Foo__Bar-.baz": "foo-bar-baz", "ruamel.yaml.clib": "ruamel-yaml-clib", "": ""} {
		if got := NormalizeName(in); got != want {
			t.Errorf("NormalizeName(%q) = %q, want %q", in, got, want)
		}
	}
	if ValidName("-a") || ValidName("a-") || !ValidName("a.b_c-d") {
		t.Error("ValidName")
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"requests[socks]>=2.31,<3; python_version>='3.8'", "pkg @ https://x/y.whl ; os_name=='nt'",
		"a ; (extra == 'x' or sys_platform in 'linux') and python_full_version < '3.9.1'", `p ; os_name == "\x41\n"`} {
		f.Add(s)
	}
	env, err := TargetEnvironment("", "")
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, s string) {
		r, err := Parse(s)
		if err != nil {
			return
		}
		if r.Marker != nil {
			_, _ = r.Marker.Evaluate(env)
			if _, err := ParseMarker(r.Marker.String()); err != nil {
				t.Fatalf("marker %q of %q does not parse alone: %v", r.Marker, s, err)
			}
		}
	})
}
