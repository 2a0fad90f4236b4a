package injection_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/rules/injection"
)

func TestRules(t *testing.T) {
	res := analysistest.Run(t, "testdata/src", injection.Rules()...)
	if res.Want < 30 {
		t.Errorf("only %d want annotations checked", res.Want)
	}
}
