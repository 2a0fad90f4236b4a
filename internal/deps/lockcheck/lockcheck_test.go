package lockcheck

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/deps/manifest"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

func TestCheck(t *testing.T) {
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
	const project, poetry = "project.dependencies", "tool.poetry.dependencies"
	locked := []manifest.Dependency{
		{Name: "Django", Version: "4.2.11"},
		{Name: "requests", Version: "2.32.3"},
		{Name: "typing_extensions", Version: "4.12.2"},
		{Name: "numpy", Version: "1.26.4"}, // two versions for two Python versions (uv forks)
		{Name: "numpy", Version: "2.1.0"},
		{Name: "pytest", Version: "8.3.2"},
		{Name: "rich", Version: "14.0.0rc1"},
		{Name: "tool"}, // a VCS package: no version
		{Name: "odd", Version: "not-a-version"},
	}
	tests := []struct {
		name string
		lock string
		dep  manifest.Dependency
		want string // "" when the lock satisfies the declaration
	}{
		{"range satisfied", "uv.lock", manifest.Dependency{Name: "requests", Spec: ">=2.31"}, ""},
		{"range outside the lock", "uv.lock", manifest.Dependency{Name: "django", Spec: ">=5.0"}, "django is declared as >=5.0 but svc/uv.lock locks 4.2.11"},
		{"name spelled another way", "uv.lock", manifest.Dependency{Name: "Typing-Extensions", Spec: ">=4.7"}, ""},
		{"any version", "uv.lock", manifest.Dependency{Name: "requests"}, ""},
		{"one of two locked versions fits", "uv.lock", manifest.Dependency{Name: "numpy", Spec: ">=2.0"}, ""},
		{"none of two locked versions fits", "uv.lock", manifest.Dependency{Name: "numpy", Spec: ">=2.2"}, "numpy is declared as >=2.2 but svc/uv.lock locks 1.26.4, 2.1.0"},
		{"missing from the lock", "uv.lock", manifest.Dependency{Name: "celery", Spec: ">=5", Table: project}, "celery is declared but svc/uv.lock does not lock it"},
		{"missing optional group", "uv.lock", manifest.Dependency{Name: "sphinx", Spec: ">=7", Group: "docs", Table: "project.optional-dependencies"}, ""},
		{"group outside the lock", "uv.lock", manifest.Dependency{Name: "pytest", Spec: "<8", Group: "dev", Table: "dependency-groups"}, "pytest is declared as <8 but svc/uv.lock locks 8.3.2"},
		{"direct reference", "uv.lock", manifest.Dependency{Name: "shop-lib", Direct: true}, ""},
		{"the project itself", "uv.lock", manifest.Dependency{Name: "Shop", Table: project}, ""},
		{"locked pre-release", "uv.lock", manifest.Dependency{Name: "rich", Spec: ">=13"}, ""},
		{"locked without a version", "uv.lock", manifest.Dependency{Name: "tool", Spec: ">=2"}, ""},
		{"locked version not PEP 440", "uv.lock", manifest.Dependency{Name: "odd", Spec: ">=2"}, ""},
		{"poetry caret satisfied", "poetry.lock", manifest.Dependency{Name: "django", Spec: "^4.2", Table: poetry}, ""},
		{"poetry caret outside", "poetry.lock", manifest.Dependency{Name: "django", Spec: "^5.0", Table: poetry}, "django is declared as ^5.0 but svc/poetry.lock locks 4.2.11"},
		{"poetry caret below 1", "poetry.lock", manifest.Dependency{Name: "requests", Spec: "^0.2", Table: poetry}, "requests is declared as ^0.2 but svc/poetry.lock locks 2.32.3"},
		{"poetry tilde", "poetry.lock", manifest.Dependency{Name: "requests", Spec: "~2.32.0", Table: poetry}, ""},
		{"poetry tilde outside", "poetry.lock", manifest.Dependency{Name: "requests", Spec: "~2.31", Table: poetry}, "requests is declared as ~2.31 but svc/poetry.lock locks 2.32.3"},
		{"poetry bare version", "poetry.lock", manifest.Dependency{Name: "requests", Spec: "2.31.0", Table: poetry}, "requests is declared as 2.31.0 but svc/poetry.lock locks 2.32.3"},
		{"poetry wildcard", "poetry.lock", manifest.Dependency{Name: "requests", Spec: "2.32.*", Table: poetry}, ""},
		{"poetry alternatives, none locked", "poetry.lock", manifest.Dependency{Name: "django", Spec: "^3.2 || ^5.0", Table: poetry}, "django is declared as ^3.2 || ^5.0 but svc/poetry.lock locks 4.2.11"},
		{"poetry alternatives, one locked", "poetry.lock", manifest.Dependency{Name: "django", Spec: "^3.2 || ^4.2", Table: poetry}, ""},
		{"uv does not read Poetry's tables", "uv.lock", manifest.Dependency{Name: "flask", Table: poetry}, ""},
		{"pdm: a missing group may be left out", "pdm.lock", manifest.Dependency{Name: "flask", Group: "dev", Table: "dependency-groups"}, ""},
		{"pdm: main dependencies", "pdm.lock", manifest.Dependency{Name: "flask", Table: project}, "flask is declared but svc/pdm.lock does not lock it"},
		{"Pipfile dev-packages", "Pipfile.lock", manifest.Dependency{Name: "black", Group: "develop", Table: "dev-packages"}, "black is declared but svc/Pipfile.lock does not lock it"},
		{"Pipfile custom category may be left out", "Pipfile.lock", manifest.Dependency{Name: "sphinx", Group: "docs", Table: "docs"}, ""},
		{"marker false here", "uv.lock", manifest.Dependency{Name: "pywin32", Marker: marker(`sys_platform == "win32"`), Table: project}, ""},
		{"marker true here", "uv.lock", manifest.Dependency{Name: "uvloop", Marker: marker(`sys_platform != "win32"`), Table: project}, "uvloop is declared but svc/uv.lock does not lock it"},
		{"marker not evaluable here", "uv.lock", manifest.Dependency{Name: "x", Marker: marker(`platform_release >= "6"`), Table: project}, ""},
		{"unreadable range", "uv.lock", manifest.Dependency{Name: "django", Spec: ">=five"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check([]manifest.Dependency{tt.dep}, locked, Options{Lock: "svc/" + tt.lock, Project: "shop", Env: env})
			msg := ""
			if len(got) > 0 {
				msg = got[0].Message
			}
			if len(got) > 1 || msg != tt.want {
				t.Errorf("Check = %+v, want %q", got, tt.want)
			}
		})
	}
	if !Comparable("Pipfile", "Pipfile.lock") || Comparable("Pipfile", "poetry.lock") || !Comparable("pyproject.toml", "pdm.lock") || Comparable("pyproject.toml", "pylock.toml") {
		t.Error("Comparable")
	}
}
