package network_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/rules/network"
)

func TestRules(t *testing.T) {
	res := analysistest.Run(t, "testdata/src", network.Rules()...)
	if res.Want < 8 || res.OK < 5 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
}
