package taint_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/taint"
)

func TestTaintFixtures(t *testing.T) {
	res := analysistest.Run(t, "testdata/src", taint.Rules()...)
	if res.Want < 15 || res.OK < 10 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
	t.Logf("%d want, %d ok, %d known gaps", res.Want, res.OK, res.Todo)
}

func TestBuiltinSpec(t *testing.T) {
	s, err := taint.Builtin()
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Sources) < 10 || len(s.Sinks) < 40 || len(s.Sanitizers) < 10 {
		t.Errorf("spec has %d sources, %d sinks, %d sanitizers", len(s.Sources), len(s.Sinks), len(s.Sanitizers))
	}
}
