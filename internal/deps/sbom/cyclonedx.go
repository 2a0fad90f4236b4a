// Package sbom writes the audited dependencies and their vulnerabilities
// as a CycloneDX 1.6 bill of materials (JSON).
package sbom

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
	"github.com/snakeguard/snakeguard/internal/finding"
)

// Options describe the document.
type Options struct {
	ToolVersion string
	Time        time.Time // metadata.timestamp; zero leaves it out
}

// PURL returns the package URL of a PyPI distribution, e.g.
// pkg:pypi/django@4.2.1 (the name in PEP 503 form, as the purl spec asks).
func PURL(name, version string) string {
	p := "pkg:pypi/" + url.PathEscape(pep508.NormalizeName(name))
	if version != "" {
		p += "@" + url.PathEscape(version)
	}
	return p
}

type bom struct {
	BOMFormat       string          `json:"bomFormat"`
	SpecVersion     string          `json:"specVersion"`
	SerialNumber    string          `json:"serialNumber"`
	Version         int             `json:"version"`
	Metadata        metadata        `json:"metadata"`
	Components      []component     `json:"components"`
	Vulnerabilities []vulnerability `json:"vulnerabilities"`
}

type metadata struct {
	Timestamp string `json:"timestamp,omitempty"`
	Tools     struct {
		Components []component `json:"components"`
	} `json:"tools"`
}

type component struct {
	Type    string `json:"type"`
	BOMRef  string `json:"bom-ref,omitempty"`
	Name    string `json:"name"`
	Version string `json:"version,omitempty"`
	PURL    string `json:"purl,omitempty"`
}

type source struct {
	Name string `json:"name,omitempty"`
	URL  string `json:"url,omitempty"`
}

type vulnerability struct {
	BOMRef         string      `json:"bom-ref"`
	ID             string      `json:"id"`
	Source         source      `json:"source"`
	References     []reference `json:"references,omitempty"`
	Ratings        []rating    `json:"ratings,omitempty"`
	Description    string      `json:"description,omitempty"`
	Recommendation string      `json:"recommendation,omitempty"`
	Published      string      `json:"published,omitempty"`
	Updated        string      `json:"updated,omitempty"`
	Affects        []affects   `json:"affects"`
}

type reference struct {
	ID     string `json:"id"`
	Source source `json:"source"`
}

type rating struct {
	Source   *source  `json:"source,omitempty"`
	Score    *float64 `json:"score,omitempty"`
	Severity string   `json:"severity"`
	Method   string   `json:"method,omitempty"`
	Vector   string   `json:"vector,omitempty"`
}

type affects struct {
	Ref      string          `json:"ref"`
	Versions []affectVersion `json:"versions,omitempty"`
}

type affectVersion struct {
	Version string `json:"version"`
	Status  string `json:"status"`
}

// idSource names the database an advisory id belongs to.
func idSource(id string) source {
	switch {
	case strings.HasPrefix(id, "CVE-"):
		return source{Name: "NVD", URL: "https://nvd.nist.gov/vuln/detail/" + id}
	case strings.HasPrefix(id, "GHSA-"):
		return source{Name: "GitHub", URL: "https://github.com/advisories/" + id}
	}
	return source{Name: "OSV", URL: "https://osv.dev/vulnerability/" + id}
}

func method(vector string) string {
	switch {
	case strings.HasPrefix(vector, "CVSS:3.1/"):
		return "CVSSv31"
	case strings.HasPrefix(vector, "CVSS:3.0/"):
		return "CVSSv3"
	case strings.HasPrefix(vector, "CVSS:4.0/"):
		return "CVSSv4"
	}
	return "other"
}

func severityName(s finding.Severity) string {
	if s == finding.SeverityUnknown {
		return "unknown"
	}
	return s.String()
}

// Write writes the bill of materials of pkgs, with the vulnerabilities of
// results, as CycloneDX 1.6 JSON.
func Write(w io.Writer, pkgs []audit.Package, results []audit.Result, opt Options) error {
	doc := bom{BOMFormat: "CycloneDX", SpecVersion: "1.6", Version: 1}
	doc.Metadata.Tools.Components = []component{{Type: "application", Name: "snakeguard", Version: opt.ToolVersion}}
	if !opt.Time.IsZero() {
		doc.Metadata.Timestamp = opt.Time.UTC().Format(time.RFC3339)
	}
	seen := map[string]bool{}
	doc.Components = []component{}
	for _, p := range pkgs {
		ref := PURL(p.Name, p.Version)
		if seen[ref] {
			continue
		}
		seen[ref] = true
		doc.Components = append(doc.Components, component{Type: "library", BOMRef: ref, Name: pep508.NormalizeName(p.Name), Version: p.Version, PURL: ref})
	}
	sort.Slice(doc.Components, func(i, j int) bool { return doc.Components[i].BOMRef < doc.Components[j].BOMRef })
	// One entry per vulnerability, listing every component it affects.
	doc.Vulnerabilities = []vulnerability{}
	byID := map[string]int{}
	for _, r := range results {
		ref := PURL(r.Package.Name, r.Package.Version)
		for _, v := range r.Vulns {
			i, ok := byID[v.IDs[0]]
			if !ok {
				byID[v.IDs[0]] = len(doc.Vulnerabilities)
				doc.Vulnerabilities = append(doc.Vulnerabilities, vuln(ref, r, v))
				continue
			}
			dup := false
			for _, a := range doc.Vulnerabilities[i].Affects {
				dup = dup || a.Ref == ref
			}
			if !dup {
				doc.Vulnerabilities[i].Affects = append(doc.Vulnerabilities[i].Affects, affected(ref, r))
			}
		}
	}
	sort.SliceStable(doc.Vulnerabilities, func(i, j int) bool { return doc.Vulnerabilities[i].ID < doc.Vulnerabilities[j].ID })
	doc.SerialNumber = serial(doc)
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(doc); err != nil {
		return fmt.Errorf("write CycloneDX: %w", err)
	}
	return nil
}

func vuln(ref string, r audit.Result, v audit.Vuln) vulnerability {
	out := vulnerability{
		BOMRef:      v.IDs[0],
		ID:          v.IDs[0],
		Source:      idSource(v.IDs[0]),
		Description: v.Summary,
		Published:   v.Published,
		Updated:     v.Modified,
		Affects:     []affects{affected(ref, r)},
	}
	for _, id := range v.IDs[1:] {
		out.References = append(out.References, reference{ID: id, Source: idSource(id)})
	}
	rt := rating{Severity: severityName(v.Severity)}
	if v.Vector != "" {
		score := v.Score
		rt.Score, rt.Method, rt.Vector = &score, method(v.Vector), v.Vector
	}
	out.Ratings = []rating{rt}
	switch {
	case r.FixVersion != "":
		out.Recommendation = fmt.Sprintf("Upgrade %s to %s or later.", r.Package.Name, r.FixVersion)
	case len(v.FixedIn) > 0:
		out.Recommendation = fmt.Sprintf("Fixed in %s.", strings.Join(v.FixedIn, ", "))
	}
	return out
}

func affected(ref string, r audit.Result) affects {
	return affects{Ref: ref, Versions: []affectVersion{{Version: r.Package.Version, Status: "affected"}}}
}

// serial derives a stable urn:uuid from the document's content, so the
// same audit gives the same document.
func serial(doc bom) string {
	h := sha256.New()
	for _, c := range doc.Components {
		h.Write([]byte(c.BOMRef + "\n"))
	}
	for _, v := range doc.Vulnerabilities {
		h.Write([]byte(v.BOMRef + "\n"))
	}
	b := h.Sum(nil)[:16]
	b[6] = b[6]&0x0f | 0x50 // version 5 layout (name-based, SHA)
	b[8] = b[8]&0x3f | 0x80 // RFC 4122 variant
	return fmt.Sprintf("urn:uuid:%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16])
}
