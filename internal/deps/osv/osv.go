// Package osv reads vulnerability advisories in the OSV schema
// (https://ossf.github.io/osv-schema/) from the snapshot built into
// snakeguard, from an OSV export (a zip or a directory of JSON and YAML
// files) and from the OSV web API.
package osv

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Ecosystem is the OSV ecosystem name of Python packages.
const Ecosystem = "PyPI"

// Vulnerability is one OSV advisory. Timestamps are kept as written
// (RFC 3339) because some records carry odd ones.
type Vulnerability struct {
	SchemaVersion    string         `json:"schema_version,omitempty" yaml:"schema_version,omitempty"`
	ID               string         `json:"id" yaml:"id"`
	Modified         string         `json:"modified,omitempty" yaml:"modified,omitempty"`
	Published        string         `json:"published,omitempty" yaml:"published,omitempty"`
	Withdrawn        string         `json:"withdrawn,omitempty" yaml:"withdrawn,omitempty"`
	Aliases          []string       `json:"aliases,omitempty" yaml:"aliases,omitempty"`
	Related          []string       `json:"related,omitempty" yaml:"related,omitempty"`
	Summary          string         `json:"summary,omitempty" yaml:"summary,omitempty"`
	Details          string         `json:"details,omitempty" yaml:"details,omitempty"`
	Severity         []Severity     `json:"severity,omitempty" yaml:"severity,omitempty"`
	Affected         []Affected     `json:"affected,omitempty" yaml:"affected,omitempty"`
	References       []Reference    `json:"references,omitempty" yaml:"references,omitempty"`
	DatabaseSpecific map[string]any `json:"database_specific,omitempty" yaml:"database_specific,omitempty"`
}

// Severity is a scored severity, e.g. {CVSS_V3, "CVSS:3.1/AV:N/..."}.
type Severity struct {
	Type  string `json:"type" yaml:"type"`
	Score string `json:"score" yaml:"score"`
}

// Severity types.
const (
	SeverityCVSSv2 = "CVSS_V2"
	SeverityCVSSv3 = "CVSS_V3"
	SeverityCVSSv4 = "CVSS_V4"
)

// Affected names a package and the versions of it that are affected.
type Affected struct {
	Package           Package        `json:"package" yaml:"package"`
	Severity          []Severity     `json:"severity,omitempty" yaml:"severity,omitempty"`
	Ranges            []Range        `json:"ranges,omitempty" yaml:"ranges,omitempty"`
	Versions          []string       `json:"versions,omitempty" yaml:"versions,omitempty"`
	EcosystemSpecific map[string]any `json:"ecosystem_specific,omitempty" yaml:"ecosystem_specific,omitempty"`
	DatabaseSpecific  map[string]any `json:"database_specific,omitempty" yaml:"database_specific,omitempty"`
}

// Package identifies a package in an ecosystem.
type Package struct {
	Ecosystem string `json:"ecosystem" yaml:"ecosystem"`
	Name      string `json:"name" yaml:"name"`
	Purl      string `json:"purl,omitempty" yaml:"purl,omitempty"`
}

// Range types.
const (
	RangeEcosystem = "ECOSYSTEM"
	RangeSemver    = "SEMVER"
	RangeGit       = "GIT"
)

// Range is a list of events over one kind of version.
type Range struct {
	Type   string  `json:"type" yaml:"type"`
	Repo   string  `json:"repo,omitempty" yaml:"repo,omitempty"`
	Events []Event `json:"events" yaml:"events"`
}

// Event is one of introduced, fixed, last_affected or limit.
type Event struct {
	Introduced   string `json:"introduced,omitempty" yaml:"introduced,omitempty"`
	Fixed        string `json:"fixed,omitempty" yaml:"fixed,omitempty"`
	LastAffected string `json:"last_affected,omitempty" yaml:"last_affected,omitempty"`
	Limit        string `json:"limit,omitempty" yaml:"limit,omitempty"`
}

// Reference is a link about the advisory.
type Reference struct {
	Type string `json:"type" yaml:"type"`
	URL  string `json:"url" yaml:"url"`
}

// IsWithdrawn reports whether the advisory was withdrawn.
func (v *Vulnerability) IsWithdrawn() bool { return v.Withdrawn != "" }

// IDs returns the advisory's id followed by its aliases.
func (v *Vulnerability) IDs() []string {
	return append([]string{v.ID}, v.Aliases...)
}

// Title returns the summary, or the first line of the details.
func (v *Vulnerability) Title() string {
	if v.Summary != "" {
		return v.Summary
	}
	line, _, _ := strings.Cut(strings.TrimSpace(v.Details), "\n")
	return line
}

// PackageNames returns the normalised names of the PyPI packages the
// advisory affects, without duplicates.
func (v *Vulnerability) PackageNames() []string {
	var names []string
	for _, a := range v.Affected {
		if !isPyPI(a.Package.Ecosystem) || a.Package.Name == "" {
			continue
		}
		n := pep508.NormalizeName(a.Package.Name)
		dup := false
		for _, m := range names {
			dup = dup || m == n
		}
		if !dup {
			names = append(names, n)
		}
	}
	return names
}

// isPyPI accepts "PyPI" and an empty ecosystem (hand-written files).
func isPyPI(eco string) bool {
	return eco == "" || strings.EqualFold(eco, Ecosystem)
}
