package framework_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/rules/framework"
)

func TestRules(t *testing.T) {
	res := analysistest.Run(t, "testdata/src", framework.Rules()...)
	if res.Want < 55 || res.OK < 55 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
}

// SG723 is judged per project: one without CSRF protection (several apps,
// a blueprint, outbound requests.post calls, tests) and one that enables
// CSRFProtect in its app factory.
func TestFlaskCSRFProjects(t *testing.T) {
	for dir, want := range map[string][2]int{"testdata/csrf": {1, 3}, "testdata/csrfprotected": {0, 1}} {
		res := analysistest.Run(t, dir, framework.FlaskNoCSRF)
		if res.Want != want[0] || res.OK != want[1] {
			t.Errorf("%s: checked %d want and %d ok lines, want %v", dir, res.Want, res.OK, want)
		}
	}
}
