package audit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/deps/manifest"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

func TestCompareLock(t *testing.T) {
	env, err := pep508.TargetEnvironment("", "")
	if err != nil {
		t.Fatal(err)
	}
	marker := func(s string) *pep508.Marker {
		m, err := pep508.ParseMarker(s)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
	project := "project.dependencies"
	poetry := "tool.poetry.dependencies"
	locked := []manifest.Dependency{
		{Name: "Django", Version: "4.2.11"},
		{Name: "requests", Version: "2.31.0"},
		{Name: "numpy", Version: "1.26.4"},
		{Name: "numpy", Version: "2.1.0"}, // a fork by Python version
		{Name: "tool"},                    // a git package: no version
		{Name: "odd", Version: "not-a-version"},
	}
	for _, c := range []struct {
		name string
		lock string
		dep  manifest.Dependency
		want string // "" none, "missing", or the locked versions
	}{
		{"satisfied", "uv.lock", manifest.Dependency{Name: "django", Spec: ">=4.2,<5", Table: project}, ""},
		{"outside the range", "uv.lock", manifest.Dependency{Name: "django", Spec: ">=5.0", Table: project}, "4.2.11"},
		{"missing", "uv.lock", manifest.Dependency{Name: "flask", Table: project}, "missing"},
		{"normalised names", "uv.lock", manifest.Dependency{Name: "DJANGO", Spec: "==4.2.11", Table: project}, ""},
		{"one fork satisfies", "uv.lock", manifest.Dependency{Name: "numpy", Spec: ">=2", Table: project}, ""},
		{"no fork satisfies", "uv.lock", manifest.Dependency{Name: "numpy", Spec: ">=3", Table: project}, "1.26.4 2.1.0"},
		{"poetry caret outside", "poetry.lock", manifest.Dependency{Name: "django", Spec: "^5.0", Table: poetry}, "4.2.11"},
		{"poetry caret inside", "poetry.lock", manifest.Dependency{Name: "django", Spec: "^4.2", Table: poetry}, ""},
		{"uv does not lock poetry tables", "uv.lock", manifest.Dependency{Name: "flask", Table: poetry}, ""},
		{"pdm: groups may be left out", "pdm.lock", manifest.Dependency{Name: "flask", Group: "dev", Table: "dependency-groups"}, ""},
		{"pdm: main dependencies", "pdm.lock", manifest.Dependency{Name: "flask", Table: project}, "missing"},
		{"Pipfile category", "Pipfile.lock", manifest.Dependency{Name: "pytest", Group: "develop", Table: "dev-packages"}, "missing"},
		{"direct reference", "uv.lock", manifest.Dependency{Name: "other", Direct: true, Table: project}, ""},
		{"the project itself", "uv.lock", manifest.Dependency{Name: "Shop", Table: project}, ""},
		{"marker false here", "uv.lock", manifest.Dependency{Name: "pywin32", Marker: marker(`sys_platform == "win32"`), Table: project}, ""},
		{"marker true here", "uv.lock", manifest.Dependency{Name: "uvloop", Marker: marker(`sys_platform != "win32"`), Table: project}, "missing"},
		{"marker not evaluable", "uv.lock", manifest.Dependency{Name: "x", Marker: marker(`platform_release >= "6"`), Table: project}, ""},
		{"locked without a version", "uv.lock", manifest.Dependency{Name: "tool", Spec: ">=2", Table: project}, ""},
		{"locked version not PEP 440", "uv.lock", manifest.Dependency{Name: "odd", Spec: ">=2", Table: project}, ""},
		{"range that does not parse", "uv.lock", manifest.Dependency{Name: "django", Spec: ">=>5", Table: project}, ""},
	} {
		got := CompareLock([]manifest.Dependency{c.dep}, "shop", "sub/"+c.lock, locked, env)
		var g string
		switch {
		case len(got) == 1 && len(got[0].Locked) == 0:
			g = "missing"
		case len(got) == 1:
			g = strings.Join(got[0].Locked, " ")
		case len(got) > 1:
			g = fmt.Sprint(got)
		}
		if g != c.want {
			t.Errorf("%s: got %q, want %q", c.name, g, c.want)
		}
	}
	if !ComparableLock("Pipfile", "Pipfile.lock") || ComparableLock("Pipfile", "poetry.lock") || !ComparableLock("pyproject.toml", "pdm.lock") || ComparableLock("pyproject.toml", "pylock.toml") {
		t.Error("ComparableLock")
	}
}
