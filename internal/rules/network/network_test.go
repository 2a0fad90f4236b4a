package network_test

import (
	"context"
	"fmt"
	"os"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
	"github.com/snakeguard/snakeguard/internal/python/parser"
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

// SG509 reports entity expansion (CWE-776) for the standard library's
// parsers and external entities (CWE-611) only where they are loaded: a
// SAX parser with feature_external_ges on, lxml's resolving parsers. The
// fixture names the CWE after each want.
func TestXMLCWEs(t *testing.T) {
	res := analysistest.Run(t, "testdata/xml", network.UnsafeXML)
	if res.Want < 10 || res.OK < 3 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
	src, err := os.ReadFile("testdata/xml/feeds.py")
	if err != nil {
		t.Fatal(err)
	}
	want := map[int]string{}
	for i, line := range strings.Split(string(src), "\n") {
		if _, after, ok := strings.Cut(line, "# cwe: "); ok {
			want[i+1] = strings.TrimSpace(after)
		}
	}
	units := []*analysis.Unit{analysis.NewUnit("feeds.py", "feeds", parser.ParseFile("feeds.py", src))}
	fs, _ := analysis.Run(context.Background(), units, []*analysis.Rule{network.UnsafeXML}, 1)
	for _, f := range fs {
		got := fmt.Sprint(f.CWE[0])
		if len(f.CWE) != 1 || got != want[f.Location.Line] {
			t.Errorf("line %d: CWE %v, want [%s]", f.Location.Line, f.CWE, want[f.Location.Line])
		}
	}
}
