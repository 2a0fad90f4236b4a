// Package audit matches dependencies against vulnerability advisories in
// the OSV schema and turns the matches, and the pinning and typosquatting
// checks of the dependency pipeline, into findings of the SG9xx rules.
//
// Matching follows pip-audit: only dependencies with an exact version (an
// "==" or "===" pin, a lock file entry, an installed distribution) are
// matched. A version range says nothing certain about what gets installed;
// such requirements are reported by the pinning rule instead.
package audit

import (
	"context"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/cvss"
	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// Package is one dependency to audit.
type Package struct {
	Name     string // as written; normalised for matching
	Version  string // exact version; "" if not pinned
	Location finding.Location
	// Line is the text of the manifest line, for fingerprints and --fix.
	Line string
}

// Options tune an audit.
type Options struct {
	// IgnoreVulns lists advisory ids to leave out; any id or alias of a
	// vulnerability matches (case-insensitive).
	IgnoreVulns []string
}

// Vuln is one vulnerability of a package version, merged over every
// advisory (and source) that describes it under any of its ids.
type Vuln struct {
	IDs        []string // PYSEC, GHSA, CVE, then others; each group sorted
	Sources    []string // sources that reported it
	Summary    string
	Severity   finding.Severity // SeverityUnknown when no source rates it
	Score      float64          // CVSS base score, when a vector is known
	Vector     string           // the CVSS vector the score comes from
	FixedIn    []string         // smallest fixed versions above the installed one
	Published  string
	Modified   string
	Advisories []*osv.Vulnerability
}

// Result is the audit of one package.
type Result struct {
	Package Package
	Vulns   []Vuln
	// FixVersion is the smallest version that fixes every vulnerability
	// of the installed version and is not itself known to be vulnerable;
	// "" when no such version is known.
	FixVersion string
}

// sourced is an advisory with the source that returned it.
type sourced struct {
	adv    *osv.Vulnerability
	source string
}

// Audit queries every source for the pinned packages and returns one
// Result per package with at least one vulnerability, in input order.
func Audit(ctx context.Context, pkgs []Package, sources []osv.Source, opt Options) ([]Result, error) {
	var qs []osv.Query
	var idx []int
	for i, p := range pkgs {
		if p.Version == "" {
			continue
		}
		qs = append(qs, osv.Query{Name: pep508.NormalizeName(p.Name), Version: p.Version})
		idx = append(idx, i)
	}
	if len(qs) == 0 {
		return nil, nil
	}
	found := make([][]sourced, len(qs))
	for _, src := range sources {
		res, err := src.Query(ctx, qs)
		if err != nil {
			return nil, fmt.Errorf("query %s: %w", src.Name(), err)
		}
		for i, vs := range res {
			for _, v := range vs {
				found[i] = append(found[i], sourced{v, src.Name()})
			}
		}
	}
	ignore := map[string]bool{}
	for _, id := range opt.IgnoreVulns {
		ignore[strings.ToUpper(strings.TrimSpace(id))] = true
	}
	var out []Result
	for i, q := range qs {
		r := match(pkgs[idx[i]], q.Name, found[i], ignore)
		if len(r.Vulns) > 0 {
			out = append(out, r)
		}
	}
	return out, nil
}

// entryCache parses the affected entries of each advisory once per package.
type entryCache struct {
	name string
	m    map[*osv.Vulnerability][]packageAffected
}

func (c *entryCache) get(adv *osv.Vulnerability) []packageAffected {
	if pa, ok := c.m[adv]; ok {
		return pa
	}
	pa := affectedEntries(adv, c.name)
	c.m[adv] = pa
	return pa
}

// match audits one package against its candidate advisories.
func match(p Package, name string, cands []sourced, ignore map[string]bool) Result {
	res := Result{Package: p}
	valid := cands[:0:0]
	for _, c := range cands {
		if c.adv != nil && c.adv.ID != "" && !c.adv.IsWithdrawn() {
			valid = append(valid, c)
		}
	}
	cands = valid
	ec := &entryCache{name: name, m: make(map[*osv.Vulnerability][]packageAffected, len(cands))}
	v, err := pep440.Parse(p.Version)
	parsed := err == nil
	var hits []sourced
	for _, c := range cands {
		for _, pa := range ec.get(c.adv) {
			if pa.affects(p.Version, v, parsed) {
				hits = append(hits, c)
				break
			}
		}
	}
	for _, g := range mergeAliases(hits) {
		vuln := newVuln(g, ec, v, parsed)
		if ignored(vuln.IDs, ignore) {
			continue
		}
		res.Vulns = append(res.Vulns, vuln)
	}
	sort.SliceStable(res.Vulns, func(i, j int) bool { return res.Vulns[i].IDs[0] < res.Vulns[j].IDs[0] })
	if parsed && len(res.Vulns) > 0 {
		res.FixVersion = fixForAll(res.Vulns, cands, ec, ignore)
	}
	return res
}

func ignored(ids []string, ignore map[string]bool) bool {
	for _, id := range ids {
		if ignore[strings.ToUpper(id)] {
			return true
		}
	}
	return false
}

// mergeAliases groups advisories that share an id or alias, transitively.
func mergeAliases(hits []sourced) [][]sourced {
	parent := make([]int, len(hits))
	for i := range parent {
		parent[i] = i
	}
	find := func(i int) int {
		for parent[i] != i {
			parent[i] = parent[parent[i]]
			i = parent[i]
		}
		return i
	}
	owner := map[string]int{}
	for i, h := range hits {
		for _, id := range h.adv.IDs() {
			id = strings.ToUpper(id)
			if j, ok := owner[id]; ok {
				parent[find(i)] = find(j)
			} else {
				owner[id] = i
			}
		}
	}
	groups := map[int][]sourced{}
	var order []int
	for i, h := range hits {
		r := find(i)
		if _, ok := groups[r]; !ok {
			order = append(order, r)
		}
		groups[r] = append(groups[r], h)
	}
	out := make([][]sourced, 0, len(order))
	for _, r := range order {
		out = append(out, groups[r])
	}
	return out
}

// idRank orders id families: PYSEC (the PyPI database's own), GHSA, CVE.
func idRank(id string) int {
	switch {
	case strings.HasPrefix(id, "PYSEC-"):
		return 0
	case strings.HasPrefix(id, "GHSA-"):
		return 1
	case strings.HasPrefix(id, "CVE-"):
		return 2
	}
	return 3
}

func sortIDs(ids []string) {
	slices.SortFunc(ids, func(a, b string) int {
		if ra, rb := idRank(a), idRank(b); ra != rb {
			return ra - rb
		}
		return strings.Compare(a, b)
	})
}

func newVuln(g []sourced, ec *entryCache, v pep440.Version, parsed bool) Vuln {
	var vuln Vuln
	seenID := map[string]bool{}
	seenSrc := map[string]bool{}
	fixes := map[string]pep440.Version{}
	for _, s := range g {
		for _, id := range s.adv.IDs() {
			if !seenID[strings.ToUpper(id)] {
				seenID[strings.ToUpper(id)] = true
				vuln.IDs = append(vuln.IDs, id)
			}
		}
		if !seenSrc[s.source] {
			seenSrc[s.source] = true
			vuln.Sources = append(vuln.Sources, s.source)
		}
		if vuln.Summary == "" {
			vuln.Summary = s.adv.Title()
		}
		if vuln.Published == "" || (s.adv.Published != "" && s.adv.Published < vuln.Published) {
			vuln.Published = s.adv.Published
		}
		if s.adv.Modified > vuln.Modified {
			vuln.Modified = s.adv.Modified
		}
		vuln.Advisories = append(vuln.Advisories, s.adv)
		if parsed {
			if e, ok := smallestFix(ec.get(s.adv), v); ok {
				fixes[e.raw] = e.v
			}
		}
	}
	sortIDs(vuln.IDs)
	sort.Strings(vuln.Sources)
	for raw := range fixes {
		vuln.FixedIn = append(vuln.FixedIn, raw)
	}
	slices.SortFunc(vuln.FixedIn, func(a, b string) int { return pep440.Compare(fixes[a], fixes[b]) })
	vuln.Severity, vuln.Score, vuln.Vector = rate(vuln.Advisories)
	return vuln
}

// smallestFix returns the smallest fixed version above v in the ranges of
// adv that affect v (or in all its ranges when v is only listed by
// version).
func smallestFix(entries []packageAffected, v pep440.Version) (event, bool) {
	var best event
	found := false
	consider := func(es []event) {
		for _, e := range es {
			if !found || pep440.Compare(e.v, best.v) < 0 {
				best, found = e, true
			}
		}
	}
	for _, pa := range entries {
		for _, r := range pa.ranges {
			if r.affects(v) {
				consider(r.fixesAbove(v))
			}
		}
	}
	if !found {
		for _, pa := range entries {
			for _, r := range pa.ranges {
				consider(r.fixesAbove(v))
			}
		}
	}
	return best, found
}

// fixForAll finds the smallest version at or above every vulnerability's
// fix that no advisory of the package (affecting the installed version
// or not) marks as affected.
func fixForAll(vulns []Vuln, cands []sourced, ec *entryCache, ignore map[string]bool) string {
	var cand event
	have := false
	for _, vu := range vulns {
		if len(vu.FixedIn) == 0 {
			return ""
		}
		e, err := pep440.Parse(vu.FixedIn[0])
		if err != nil {
			return ""
		}
		if !have || pep440.Compare(e, cand.v) > 0 {
			cand, have = event{raw: vu.FixedIn[0], v: e}, true
		}
	}
	for range len(cands) + 1 {
		bumped := false
		for _, c := range cands {
			if c.adv.IsWithdrawn() || ignored(c.adv.IDs(), ignore) {
				continue
			}
			hit := false
			for _, pa := range ec.get(c.adv) {
				hit = hit || pa.affects(cand.raw, cand.v, true)
			}
			if !hit {
				continue
			}
			next, ok := smallestFix(ec.get(c.adv), cand.v)
			if !ok {
				return ""
			}
			cand, bumped = next, true
		}
		if !bumped {
			return cand.raw
		}
	}
	return ""
}

// rate takes the highest CVSS base score of the advisories' vectors; if
// none parses, the database's own severity label.
func rate(advs []*osv.Vulnerability) (finding.Severity, float64, string) {
	best, vector := -1.0, ""
	label := finding.SeverityUnknown
	for _, a := range advs {
		sevs := slices.Clone(a.Severity)
		for _, af := range a.Affected {
			sevs = append(sevs, af.Severity...)
		}
		for _, s := range sevs {
			if s.Type != osv.SeverityCVSSv3 && s.Type != osv.SeverityCVSSv4 {
				continue
			}
			score, err := cvss.Score(s.Score)
			if err == nil && score > best {
				best, vector = score, s.Score
			}
		}
		if l := databaseSeverity(a); l > label {
			label = l
		}
	}
	if best >= 0 {
		return severityOf(cvss.RatingOf(best)), best, vector
	}
	return label, 0, ""
}

func severityOf(r cvss.Rating) finding.Severity {
	switch r {
	case cvss.Critical:
		return finding.Critical
	case cvss.High:
		return finding.High
	case cvss.Medium:
		return finding.Medium
	}
	return finding.Low
}

// databaseSeverity reads database_specific.severity as GitHub's database
// writes it (LOW, MODERATE, HIGH, CRITICAL).
func databaseSeverity(a *osv.Vulnerability) finding.Severity {
	s, _ := a.DatabaseSpecific["severity"].(string)
	switch strings.ToUpper(s) {
	case "CRITICAL":
		return finding.Critical
	case "HIGH":
		return finding.High
	case "MODERATE", "MEDIUM":
		return finding.Medium
	case "LOW":
		return finding.Low
	}
	return finding.SeverityUnknown
}
