package crypto_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/rules/crypto"
)

func TestRules(t *testing.T) {
	res := analysistest.Run(t, "testdata/src", crypto.Rules()...)
	if res.Want < 8 || res.OK < 5 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
}
