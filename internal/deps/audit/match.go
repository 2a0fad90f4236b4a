package audit

import (
	"slices"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// rangeEvents is one ECOSYSTEM range with parsed versions, sorted as the
// OSV specification asks: by version, "introduced: 0" first.
type rangeEvents struct {
	events []event
}

type eventKind int

const (
	introduced eventKind = iota
	fixed
	lastAffected
	limit
)

type event struct {
	kind eventKind
	zero bool // introduced "0": before every version
	raw  string
	v    pep440.Version
}

// parseRange parses the events of r; ok is false when an event's version
// is not a PEP 440 version, in which case the range cannot be evaluated.
func parseRange(r osv.Range) (rangeEvents, bool) {
	var out rangeEvents
	for _, e := range r.Events {
		var ev event
		switch {
		case e.Introduced != "":
			ev = event{kind: introduced, raw: e.Introduced}
			if e.Introduced == "0" {
				ev.zero = true
				out.events = append(out.events, ev)
				continue
			}
		case e.Fixed != "":
			ev = event{kind: fixed, raw: e.Fixed}
		case e.LastAffected != "":
			ev = event{kind: lastAffected, raw: e.LastAffected}
		case e.Limit != "":
			ev = event{kind: limit, raw: e.Limit}
		default:
			continue
		}
		v, err := pep440.Parse(ev.raw)
		if err != nil {
			return rangeEvents{}, false
		}
		ev.v = v
		out.events = append(out.events, ev)
	}
	slices.SortStableFunc(out.events, func(a, b event) int {
		switch {
		case a.zero && b.zero:
			return 0
		case a.zero:
			return -1
		case b.zero:
			return 1
		}
		return pep440.Compare(a.v, b.v)
	})
	return out, true
}

// affects applies the events in order: an introduced at or below v makes
// it affected, a fixed at or below v or a last_affected below v makes it
// unaffected; a limit at or below v ends the range.
func (r rangeEvents) affects(v pep440.Version) bool {
	affected := false
	for _, e := range r.events {
		switch e.kind {
		case introduced:
			if e.zero || pep440.Compare(v, e.v) >= 0 {
				affected = true
			}
		case fixed:
			if pep440.Compare(v, e.v) >= 0 {
				affected = false
			}
		case lastAffected:
			if pep440.Compare(v, e.v) > 0 {
				affected = false
			}
		case limit:
			if pep440.Compare(v, e.v) >= 0 {
				return false
			}
		}
	}
	return affected
}

// fixesAbove returns the fixed versions of the range above v.
func (r rangeEvents) fixesAbove(v pep440.Version) []event {
	var out []event
	for _, e := range r.events {
		if e.kind == fixed && pep440.Compare(e.v, v) > 0 {
			out = append(out, e)
		}
	}
	return out
}

// packageAffected is the part of an advisory about one package.
type packageAffected struct {
	ranges   []rangeEvents
	versions []string
}

// affectedEntries collects the affected entries of adv for the package
// with normalised name.
func affectedEntries(adv *osv.Vulnerability, name string) []packageAffected {
	var out []packageAffected
	for _, a := range adv.Affected {
		if !strings.EqualFold(a.Package.Ecosystem, osv.Ecosystem) && a.Package.Ecosystem != "" {
			continue
		}
		if pep508.NormalizeName(a.Package.Name) != name {
			continue
		}
		pa := packageAffected{versions: a.Versions}
		for _, r := range a.Ranges {
			if r.Type != osv.RangeEcosystem {
				continue
			}
			if re, ok := parseRange(r); ok {
				pa.ranges = append(pa.ranges, re)
			}
		}
		out = append(out, pa)
	}
	return out
}

// affects reports whether version v (raw as given) of the package is
// affected: listed in versions, or inside an ECOSYSTEM range.
func (pa packageAffected) affects(raw string, v pep440.Version, parsed bool) bool {
	for _, s := range pa.versions {
		if s == raw {
			return true
		}
		if parsed {
			if w, err := pep440.Parse(s); err == nil && pep440.Compare(v, w) == 0 {
				return true
			}
		}
	}
	if !parsed {
		return false
	}
	for _, r := range pa.ranges {
		if r.affects(v) {
			return true
		}
	}
	return false
}

// CoveredByRanges reports whether version lies inside one of the
// ECOSYSTEM ranges, so that listing it in an advisory's versions adds
// nothing. Ranges with versions that do not parse cover nothing.
func CoveredByRanges(ranges []osv.Range, version string) bool {
	v, err := pep440.Parse(version)
	if err != nil {
		return false
	}
	for _, r := range ranges {
		if r.Type != osv.RangeEcosystem {
			continue
		}
		if re, ok := parseRange(r); ok && re.affects(v) {
			return true
		}
	}
	return false
}
