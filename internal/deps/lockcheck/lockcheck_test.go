package lockcheck

import (
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/deps/manifest"
)

func TestCheck(t *testing.T) {
	locked := []manifest.Dependency{
		{Name: "Django", Version: "4.2.11"},
		{Name: "requests", Version: "2.32.3"},
		{Name: "typing_extensions", Version: "4.12.2"},
		{Name: "numpy", Version: "1.26.4"}, // two versions for two Python versions (uv forks)
		{Name: "numpy", Version: "2.1.0"},
		{Name: "pytest", Version: "8.3.2"},
		{Name: "rich", Version: "14.0.0rc1"},
	}
	tests := []struct {
		name string
		dep  manifest.Dependency
		want string // "" when the lock satisfies the declaration
	}{
		{"range satisfied", manifest.Dependency{Name: "requests", Spec: ">=2.31"}, ""},
		{"range outside the lock", manifest.Dependency{Name: "django", Spec: ">=5.0"}, "django is declared as >=5.0 but uv.lock locks 4.2.11"},
		{"name spelled another way", manifest.Dependency{Name: "Typing-Extensions", Spec: ">=4.7"}, ""},
		{"any version", manifest.Dependency{Name: "requests"}, ""},
		{"one of two locked versions fits", manifest.Dependency{Name: "numpy", Spec: ">=2.0"}, ""},
		{"none of two locked versions fits", manifest.Dependency{Name: "numpy", Spec: ">=2.2"}, "numpy is declared as >=2.2 but uv.lock locks 1.26.4, 2.1.0"},
		{"missing from the lock", manifest.Dependency{Name: "celery", Spec: ">=5"}, "celery is declared but uv.lock does not lock it"},
		{"missing optional group", manifest.Dependency{Name: "sphinx", Spec: ">=7", Group: "docs"}, ""},
		{"group outside the lock", manifest.Dependency{Name: "pytest", Spec: "<8", Group: "dev"}, "pytest is declared as <8 but uv.lock locks 8.3.2"},
		{"direct reference", manifest.Dependency{Name: "shop-lib", Direct: true}, ""},
		{"locked pre-release", manifest.Dependency{Name: "rich", Spec: ">=13"}, ""},
		{"poetry caret satisfied", manifest.Dependency{Name: "django", Spec: "^4.2"}, ""},
		{"poetry caret outside", manifest.Dependency{Name: "django", Spec: "^5.0"}, "django is declared as ^5.0 but uv.lock locks 4.2.11"},
		{"poetry caret below 1", manifest.Dependency{Name: "requests", Spec: "^0.2"}, "requests is declared as ^0.2 but uv.lock locks 2.32.3"},
		{"poetry tilde", manifest.Dependency{Name: "requests", Spec: "~2.32.0"}, ""},
		{"poetry tilde outside", manifest.Dependency{Name: "requests", Spec: "~2.31"}, "requests is declared as ~2.31 but uv.lock locks 2.32.3"},
		{"poetry bare version", manifest.Dependency{Name: "requests", Spec: "2.31.0"}, "requests is declared as 2.31.0 but uv.lock locks 2.32.3"},
		{"poetry wildcard", manifest.Dependency{Name: "requests", Spec: "2.32.*"}, ""},
		{"poetry alternatives are not read", manifest.Dependency{Name: "django", Spec: "^3.2 || ^5.0"}, ""},
		{"unreadable range", manifest.Dependency{Name: "django", Spec: ">=five"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Check([]manifest.Dependency{tt.dep}, locked, "uv.lock")
			msg := ""
			if len(got) > 0 {
				msg = got[0].Message
			}
			if len(got) > 1 || msg != tt.want {
				t.Errorf("Check = %+v, want %q", got, tt.want)
			}
		})
	}
}

func TestPoetryRanges(t *testing.T) {
	for in, want := range map[string]string{
		"^1.2.3": ">=1.2.3,<2", "^0.2.3": ">=0.2.3,<0.3", "^0.0.3": ">=0.0.3,<0.0.4", "^0.0": ">=0.0,<0.1",
		"~1.2.3": ">=1.2.3,<1.3", "~1": ">=1,<2", ">=2, ^3.1": ">=2,>=3.1,<4",
	} {
		set, ok := specifierSet(in)
		if !ok || strings.ReplaceAll(set.String(), " ", "") != want {
			t.Errorf("specifierSet(%q) = %q, %v; want %q", in, set.String(), ok, want)
		}
	}
}
