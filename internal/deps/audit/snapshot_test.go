package audit

import (
	"context"
	"slices"
	"testing"

	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// Known-vulnerable pins against the built-in snapshot of the PyPA
// database: requests 2.25.0 leaks Proxy-Authorization headers
// (PYSEC-2023-74, CVE-2023-32681, GHSA-j8r2-6x86-q33q, fixed in 2.31.0).
func TestBuiltInSnapshotKnownVulnerable(t *testing.T) {
	db, err := osv.Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	pkgs := []Package{
		{Name: "requests", Version: "2.25.0"},
		{Name: "Django", Version: "3.2.0"},
		{Name: "requests", Version: "2.33.0"},
		{Name: "django", Version: "6.0.7"},
	}
	res, err := Audit(context.Background(), pkgs, []osv.Source{db}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 2 {
		t.Fatalf("%d vulnerable packages, want 2 (the old pins): %+v", len(res), res)
	}
	var found *Vuln
	for i, v := range res[0].Vulns {
		if v.IDs[0] == "PYSEC-2023-74" {
			found = &res[0].Vulns[i]
		}
	}
	if found == nil {
		t.Fatalf("PYSEC-2023-74 not reported for requests 2.25.0: %+v", res[0].Vulns)
	}
	if !slices.Contains(found.IDs, "CVE-2023-32681") || !slices.Contains(found.IDs, "GHSA-j8r2-6x86-q33q") {
		t.Errorf("aliases missing: %v", found.IDs)
	}
	if !slices.Equal(found.FixedIn, []string{"2.31.0"}) {
		t.Errorf("FixedIn = %v, want [2.31.0]", found.FixedIn)
	}
	// The PyPA record of this flaw carries no severity; the audit must not
	// invent one.
	if found.Severity != finding.SeverityUnknown || found.Vector != "" {
		t.Errorf("PYSEC-2023-74 rated %v from %q", found.Severity, found.Vector)
	}
	rated := 0
	for _, v := range res[1].Vulns {
		if v.Vector != "" && v.Severity != finding.SeverityUnknown {
			rated++
		}
	}
	if rated == 0 {
		t.Error("no django advisory rated from its CVSS vector")
	}
	if len(res[1].Vulns) < 20 {
		t.Errorf("django 3.2.0: %d vulnerabilities, want over 20", len(res[1].Vulns))
	}
	// The fix version of each package is itself clean in the same data.
	for _, r := range res {
		if r.FixVersion == "" {
			t.Errorf("%s %s: no fix version", r.Package.Name, r.Package.Version)
			continue
		}
		again, err := Audit(context.Background(), []Package{{Name: r.Package.Name, Version: r.FixVersion}}, []osv.Source{db}, Options{})
		if err != nil || len(again) != 0 {
			t.Errorf("%s %s (the fix version) is still vulnerable: %+v", r.Package.Name, r.FixVersion, again)
		}
	}
}
