package audit

import (
	"context"
	"slices"
	"testing"

	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// adv builds an advisory for package pkg with ECOSYSTEM events given as
// pairs: "introduced", "1.0", "fixed", "1.5", ...
func adv(id string, aliases []string, pkg string, versions []string, events ...string) *osv.Vulnerability {
	var evs []osv.Event
	for i := 0; i+1 < len(events); i += 2 {
		var e osv.Event
		switch events[i] {
		case "introduced":
			e.Introduced = events[i+1]
		case "fixed":
			e.Fixed = events[i+1]
		case "last_affected":
			e.LastAffected = events[i+1]
		case "limit":
			e.Limit = events[i+1]
		}
		evs = append(evs, e)
	}
	a := osv.Affected{Package: osv.Package{Ecosystem: "PyPI", Name: pkg}, Versions: versions}
	if len(evs) > 0 {
		a.Ranges = []osv.Range{{Type: "ECOSYSTEM", Events: evs}}
	}
	return &osv.Vulnerability{ID: id, Aliases: aliases, Summary: id + " summary", Affected: []osv.Affected{a}}
}

func db(name string, vs ...*osv.Vulnerability) *osv.DB {
	d := osv.NewDB(name)
	for _, v := range vs {
		d.Add(v)
	}
	return d
}

func TestRangeSemantics(t *testing.T) {
	for _, tc := range []struct {
		name    string
		a       *osv.Vulnerability
		version string
		want    bool
	}{
		{"below introduced", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.5"), "0.9", false},
		{"at introduced", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.5"), "1.0", true},
		{"inside", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.5"), "1.4.9", true},
		{"at fixed", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.5"), "1.5", false},
		{"above fixed", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.5"), "2.0", false},
		{"introduced zero", adv("A", nil, "p", nil, "introduced", "0", "fixed", "1.5"), "0.0.1", true},
		{"open range", adv("A", nil, "p", nil, "introduced", "2.0"), "99", true},
		{"last_affected inclusive", adv("A", nil, "p", nil, "introduced", "0", "last_affected", "1.2"), "1.2", true},
		{"after last_affected", adv("A", nil, "p", nil, "introduced", "0", "last_affected", "1.2"), "1.2.1", false},
		{"limit", adv("A", nil, "p", nil, "introduced", "0", "limit", "3.0"), "3.0", false},
		{"below limit", adv("A", nil, "p", nil, "introduced", "0", "limit", "3.0"), "2.9", true},
		{"second interval", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.2", "introduced", "2.0", "fixed", "2.3"), "2.1", true},
		{"between intervals", adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.2", "introduced", "2.0", "fixed", "2.3"), "1.5", false},
		{"unsorted events", adv("A", nil, "p", nil, "introduced", "2.0", "fixed", "2.3", "introduced", "1.0", "fixed", "1.2"), "1.1", true},
		{"listed version", adv("A", nil, "p", []string{"0.5"}), "0.5", true},
		{"listed version, other spelling", adv("A", nil, "p", []string{"0.5"}), "0.5.0", true},
		{"not listed", adv("A", nil, "p", []string{"0.5"}), "0.6", false},
		{"other package", adv("A", nil, "q", nil, "introduced", "0"), "1.0", false},
	} {
		res, err := Audit(context.Background(), []Package{{Name: "p", Version: tc.version}}, []osv.Source{db("t", tc.a)}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if got := len(res) == 1; got != tc.want {
			t.Errorf("%s: %s affected = %v, want %v", tc.name, tc.version, got, tc.want)
		}
	}
}

func TestUnpinnedNotMatched(t *testing.T) {
	res, _ := Audit(context.Background(), []Package{{Name: "p"}}, []osv.Source{db("t", adv("A", nil, "p", nil, "introduced", "0"))}, Options{})
	if len(res) != 0 {
		t.Errorf("unpinned package matched: %+v", res)
	}
}

func TestWithdrawnIgnored(t *testing.T) {
	a := adv("A", nil, "p", nil, "introduced", "0")
	a.Withdrawn = "2024-01-01T00:00:00Z"
	src := &fixedSource{name: "api", vulns: []*osv.Vulnerability{a}}
	res, _ := Audit(context.Background(), []Package{{Name: "p", Version: "1.0"}}, []osv.Source{src}, Options{})
	if len(res) != 0 {
		t.Errorf("withdrawn advisory matched")
	}
}

// fixedSource returns the same advisories for every query, like an API
// that does not filter.
type fixedSource struct {
	name  string
	vulns []*osv.Vulnerability
}

func (s *fixedSource) Name() string { return s.name }
func (s *fixedSource) Query(_ context.Context, qs []osv.Query) ([][]*osv.Vulnerability, error) {
	out := make([][]*osv.Vulnerability, len(qs))
	for i := range qs {
		out[i] = s.vulns
	}
	return out, nil
}

func TestMergeAliasesAcrossSources(t *testing.T) {
	// PYSEC-1 names CVE-1; GHSA-1 (another source) names CVE-1 and
	// PYSEC-1 transitively through CVE-1; PYSEC-2 is a different flaw.
	pysec := adv("PYSEC-2020-1", []string{"CVE-2020-1"}, "p", nil, "introduced", "0", "fixed", "1.5")
	ghsa := adv("GHSA-aaaa-bbbb-cccc", []string{"CVE-2020-1"}, "p", nil, "introduced", "1.0", "fixed", "1.5")
	ghsa.DatabaseSpecific = map[string]any{"severity": "HIGH"}
	other := adv("PYSEC-2021-9", nil, "p", nil, "introduced", "0", "fixed", "1.3")
	res, err := Audit(context.Background(), []Package{{Name: "P", Version: "1.2"}},
		[]osv.Source{db("pypa", pysec, other), db("github", ghsa)}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res) != 1 || len(res[0].Vulns) != 2 {
		t.Fatalf("results = %+v", res)
	}
	v := res[0].Vulns[0]
	if !slices.Equal(v.IDs, []string{"PYSEC-2020-1", "GHSA-aaaa-bbbb-cccc", "CVE-2020-1"}) {
		t.Errorf("IDs = %v", v.IDs)
	}
	if !slices.Equal(v.Sources, []string{"github", "pypa"}) {
		t.Errorf("Sources = %v", v.Sources)
	}
	if v.Severity != finding.High {
		t.Errorf("Severity = %v, want high from database_specific", v.Severity)
	}
	if !slices.Equal(v.FixedIn, []string{"1.5"}) || !slices.Equal(res[0].Vulns[1].FixedIn, []string{"1.3"}) {
		t.Errorf("FixedIn = %v, %v", v.FixedIn, res[0].Vulns[1].FixedIn)
	}
	if res[0].FixVersion != "1.5" {
		t.Errorf("FixVersion = %q, want 1.5", res[0].FixVersion)
	}

	// Ignoring by any alias drops the whole merged vulnerability.
	res, _ = Audit(context.Background(), []Package{{Name: "p", Version: "1.2"}},
		[]osv.Source{db("pypa", pysec, other), db("github", ghsa)}, Options{IgnoreVulns: []string{"cve-2020-1"}})
	if len(res) != 1 || len(res[0].Vulns) != 1 || res[0].Vulns[0].IDs[0] != "PYSEC-2021-9" {
		t.Errorf("after ignore: %+v", res)
	}
}

func TestFixVersionSkipsVulnerableFix(t *testing.T) {
	// 1.0 is fixed by 1.1 for A, but B affects 1.1 (introduced there) and
	// is fixed in 1.3; C has no fix but does not affect 1.3.
	a := adv("A", nil, "p", nil, "introduced", "0", "fixed", "1.1")
	b := adv("B", nil, "p", nil, "introduced", "1.1", "fixed", "1.3")
	c := adv("C", nil, "p", nil, "introduced", "2.0")
	res, _ := Audit(context.Background(), []Package{{Name: "p", Version: "1.0"}}, []osv.Source{db("t", a, b, c)}, Options{})
	if len(res) != 1 || res[0].FixVersion != "1.3" {
		t.Fatalf("FixVersion = %+v", res)
	}
	// No fix at all.
	res, _ = Audit(context.Background(), []Package{{Name: "p", Version: "2.1"}}, []osv.Source{db("t", a, b, c)}, Options{})
	if len(res) != 1 || res[0].FixVersion != "" {
		t.Fatalf("FixVersion without fix = %+v", res)
	}
	// Several fixed events above: the one closing the range wins.
	d := adv("D", nil, "p", nil, "introduced", "1.0", "fixed", "1.4", "introduced", "2.0", "fixed", "2.2")
	res, _ = Audit(context.Background(), []Package{{Name: "p", Version: "2.1"}}, []osv.Source{db("t", d)}, Options{})
	if len(res) != 1 || !slices.Equal(res[0].Vulns[0].FixedIn, []string{"2.2"}) || res[0].FixVersion != "2.2" {
		t.Fatalf("two ranges: %+v", res)
	}
}

func TestSeverityFromCVSS(t *testing.T) {
	a := adv("A", nil, "p", nil, "introduced", "0")
	a.Severity = []osv.Severity{
		{Type: "CVSS_V3", Score: "CVSS:3.1/AV:N/AC:H/PR:N/UI:R/S:C/C:H/I:N/A:N"},                    // 6.1
		{Type: "CVSS_V4", Score: "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:H/SC:N/SI:N/SA:N"}, // 8.7
		{Type: "CVSS_V3", Score: "garbage"},
	}
	a.DatabaseSpecific = map[string]any{"severity": "LOW"}
	res, _ := Audit(context.Background(), []Package{{Name: "p", Version: "1"}}, []osv.Source{db("t", a)}, Options{})
	v := res[0].Vulns[0]
	if v.Severity != finding.High || v.Score != 8.7 {
		t.Errorf("severity %v score %v, want high 8.7", v.Severity, v.Score)
	}
	b := adv("B", nil, "p", nil, "introduced", "0")
	res, _ = Audit(context.Background(), []Package{{Name: "p", Version: "1"}}, []osv.Source{db("t", b)}, Options{})
	if res[0].Vulns[0].Severity != finding.SeverityUnknown {
		t.Errorf("unrated advisory got %v", res[0].Vulns[0].Severity)
	}
}

func TestFindings(t *testing.T) {
	a := adv("PYSEC-2020-1", []string{"CVE-2020-1"}, "p", nil, "introduced", "0", "fixed", "1.5")
	loc := finding.Location{Path: "requirements.txt", Line: 3, Column: 1}
	res, _ := Audit(context.Background(), []Package{{Name: "P", Version: "1.2", Location: loc, Line: "P==1.2"}}, []osv.Source{db("t", a)}, Options{})
	fs := Findings(res)
	if len(fs) != 1 {
		t.Fatalf("findings = %+v", fs)
	}
	f := fs[0]
	if f.RuleID != RuleVulnerable || f.Location != loc || f.CWE[0] != 1395 || f.Fingerprint == "" {
		t.Errorf("finding = %+v", f)
	}
	if f.Properties[PropPackage] != "P" || f.Properties[PropVersion] != "1.2" || f.Properties[PropFixAll] != "1.5" {
		t.Errorf("properties = %v", f.Properties)
	}
	if f.Fix != "upgrade P to 1.5 or later" {
		t.Errorf("Fix = %q", f.Fix)
	}
}

func TestRuleDocs(t *testing.T) {
	seen := map[string]bool{}
	for _, d := range Rules() {
		if seen[d.ID] || len(d.ID) != 5 || d.ID[:3] != "SG9" {
			t.Errorf("bad or repeated id %q", d.ID)
		}
		seen[d.ID] = true
		if d.Name == "" || len(d.CWE) == 0 || d.Severity == finding.SeverityUnknown || d.Confidence == finding.ConfidenceUnknown ||
			d.Summary == "" || d.Why == "" || d.Vulnerable == "" || d.Secure == "" || d.Fix == "" || len(d.References) == 0 {
			t.Errorf("%s: incomplete documentation", d.ID)
		}
	}
}

func TestCoveredByRanges(t *testing.T) {
	rs := adv("A", nil, "p", nil, "introduced", "1.0", "fixed", "1.5").Affected[0].Ranges
	git := []osv.Range{{Type: "GIT", Events: []osv.Event{{Introduced: "0"}}}}
	bad := []osv.Range{{Type: "ECOSYSTEM", Events: []osv.Event{{Introduced: "0"}, {Fixed: "not a version!"}}}}
	for _, tc := range []struct {
		ranges []osv.Range
		v      string
		want   bool
	}{
		{rs, "1.2", true}, {rs, "1.5", false}, {rs, "0.9", false},
		{git, "1.0", false}, {bad, "1.0", false}, {rs, "garbage", false},
	} {
		if got := CoveredByRanges(tc.ranges, tc.v); got != tc.want {
			t.Errorf("CoveredByRanges(%v, %q) = %v", tc.ranges, tc.v, got)
		}
	}
}

func TestRuleFinding(t *testing.T) {
	loc := finding.Location{Path: "requirements.txt", Line: 4, Column: 1}
	f, err := RuleFinding(RuleTyposquat, loc, "reqeusts==2.0", "reqeusts", "reqeusts looks like requests", "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if f.RuleName != "typosquatted-dependency" || f.CWE[0] != 829 || f.Severity != finding.High || f.Fix == "" || f.Fingerprint == "" {
		t.Errorf("finding = %+v", f)
	}
	g, _ := RuleFinding(RuleTyposquat, finding.Location{Path: "requirements.txt", Line: 9}, "reqeusts==2.1", "Reqeusts", "m", "", nil)
	if g.Fingerprint != f.Fingerprint {
		t.Error("fingerprint depends on the line")
	}
	if _, err := RuleFinding("SG101", loc, "", "", "", "", nil); err == nil {
		t.Error("unknown rule accepted")
	}
}

func TestMalformedCandidates(t *testing.T) {
	src := &fixedSource{name: "api", vulns: []*osv.Vulnerability{nil, {ID: ""}, adv("A", nil, "p", nil, "introduced", "0", "fixed", "2")}}
	res, err := Audit(context.Background(), []Package{{Name: "p", Version: "1"}}, []osv.Source{src}, Options{})
	if err != nil || len(res) != 1 || res[0].FixVersion != "2" {
		t.Errorf("res = %+v, %v", res, err)
	}
}
