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
