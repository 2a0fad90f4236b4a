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

// A project that calls defusedxml.xmlrpc.monkey_patch() in one module is
// protected in all of them.
func TestXMLRPCPatchedProject(t *testing.T) {
	if res := analysistest.Run(t, "testdata/patched", network.XMLRPC); res.OK != 2 {
		t.Errorf("checked %d ok lines, want 2", res.OK)
	}
}
