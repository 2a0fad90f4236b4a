// Package cwe maps CWE ids to the compliance frameworks reports cite: the
// OWASP Top 10 2021 and 2025 categories (by OWASP's own CWE lists), OWASP
// ASVS 4.0.3 requirements (by the CWE column of its requirement tables) and
// ASVS 5.0 chapters (by OWASP's 4.0.3 to 5.0.0 mapping), the 2024 CWE Top 25
// ranks, the attack classes of PCI DSS v4.0.1 requirement 6.2.4 and
// ISO/IEC 27001:2022 Annex A 8.28. Where a published list does not name a
// CWE that a rule reports, a reviewed supplement (supplement.go) maps it by
// the category's or requirement's definition, and Mapping.Notes says so.
// docs/compliance.md gives the sources and their versions.
package cwe

import (
	"fmt"
	"sort"
	"strings"
)

// owasp2021 lists, per OWASP Top 10 2021 category, the CWEs OWASP maps to it.
var owasp2021 = map[string][]int{
	"A01:2021-Broken Access Control":                      {22, 23, 35, 59, 200, 201, 219, 264, 275, 276, 284, 285, 352, 359, 377, 402, 425, 441, 497, 538, 540, 548, 552, 566, 601, 639, 651, 668, 706, 862, 863, 913, 922, 1275},
	"A02:2021-Cryptographic Failures":                     {261, 296, 310, 319, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 335, 336, 337, 338, 340, 347, 523, 720, 757, 759, 760, 780, 818, 916},
	"A03:2021-Injection":                                  {20, 74, 75, 77, 78, 79, 80, 83, 87, 88, 89, 90, 91, 93, 94, 95, 96, 97, 98, 99, 100, 113, 116, 138, 184, 470, 471, 564, 610, 643, 644, 652, 917},
	"A04:2021-Insecure Design":                            {73, 183, 209, 213, 235, 256, 257, 266, 269, 280, 311, 312, 313, 316, 419, 430, 434, 444, 451, 472, 501, 522, 525, 539, 579, 598, 602, 642, 646, 650, 653, 656, 657, 799, 807, 840, 841, 927, 1021, 1173},
	"A05:2021-Security Misconfiguration":                  {2, 11, 13, 15, 16, 260, 315, 520, 526, 537, 541, 547, 611, 614, 756, 776, 942, 1004, 1032, 1174},
	"A06:2021-Vulnerable and Outdated Components":         {937, 1035, 1104},
	"A07:2021-Identification and Authentication Failures": {255, 259, 287, 288, 290, 294, 295, 297, 300, 302, 304, 306, 307, 346, 384, 521, 613, 620, 640, 798, 940, 1216},
	"A08:2021-Software and Data Integrity Failures":       {345, 353, 426, 494, 502, 565, 784, 829, 830, 915},
	"A09:2021-Security Logging and Monitoring Failures":   {117, 223, 532, 778},
	"A10:2021-Server-Side Request Forgery (SSRF)":         {918},
}

// owasp2025 lists, per OWASP Top 10 2025 category, the CWEs OWASP maps to it
// (the "List of Mapped CWEs" of each category page, 2025/docs/en).
var owasp2025 = map[string][]int{
	"A01:2025-Broken Access Control":                  {22, 23, 36, 59, 61, 65, 200, 201, 219, 276, 281, 282, 283, 284, 285, 352, 359, 377, 379, 402, 424, 425, 441, 497, 538, 540, 548, 552, 566, 601, 615, 639, 668, 732, 749, 862, 863, 918, 922, 1275},
	"A02:2025-Security Misconfiguration":              {5, 11, 13, 15, 16, 260, 315, 489, 526, 547, 611, 614, 776, 942, 1004, 1174},
	"A03:2025-Software Supply Chain Failures":         {447, 1035, 1104, 1329, 1357, 1395},
	"A04:2025-Cryptographic Failures":                 {261, 296, 319, 320, 321, 322, 323, 324, 325, 326, 327, 328, 329, 330, 331, 332, 334, 335, 336, 337, 338, 340, 342, 347, 523, 757, 759, 760, 780, 916, 1240, 1241},
	"A05:2025-Injection":                              {20, 74, 76, 77, 78, 79, 80, 83, 86, 88, 89, 90, 91, 93, 94, 95, 96, 97, 98, 99, 103, 104, 112, 113, 114, 115, 116, 129, 159, 470, 493, 500, 564, 610, 643, 644, 917},
	"A06:2025-Insecure Design":                        {73, 183, 256, 266, 269, 286, 311, 312, 313, 316, 362, 382, 419, 434, 436, 444, 451, 454, 472, 501, 522, 525, 539, 598, 602, 628, 642, 646, 653, 656, 657, 676, 693, 799, 807, 841, 1021, 1022, 1125},
	"A07:2025-Authentication Failures":                {258, 259, 287, 288, 289, 290, 291, 293, 294, 295, 297, 298, 299, 300, 302, 303, 304, 305, 306, 307, 308, 309, 346, 350, 384, 521, 613, 620, 640, 798, 940, 941, 1390, 1391, 1392, 1393},
	"A08:2025-Software or Data Integrity Failures":    {345, 353, 426, 427, 494, 502, 506, 509, 565, 784, 829, 830, 915, 926},
	"A09:2025-Security Logging and Alerting Failures": {117, 221, 223, 532, 778},
	"A10:2025-Mishandling of Exceptional Conditions":  {209, 215, 234, 235, 248, 252, 274, 280, 369, 390, 391, 394, 396, 397, 460, 476, 478, 484, 550, 636, 703, 754, 755, 756},
}

// top25 is the 2024 CWE Top 25 Most Dangerous Software Weaknesses.
var top25 = []int{79, 787, 89, 352, 22, 125, 78, 416, 862, 434, 94, 20, 77, 287, 269, 502, 200, 863, 918, 119, 476, 798, 190, 400, 306}

// PCI DSS v4.0.1 requirement 6.2.4 attack classes.
const (
	PCIInjection      = "6.2.4 injection attacks"
	PCIData           = "6.2.4 attacks on data and data structures"
	PCICryptography   = "6.2.4 attacks on cryptography usage"
	PCIBusinessLogic  = "6.2.4 attacks on business logic (incl. XSS, CSRF)"
	PCIAccessControl  = "6.2.4 attacks on access control mechanisms"
	PCIHighRiskOthers = "6.2.4 other high-risk vulnerabilities (6.3.1)"
)

// PCIClasses lists the 6.2.4 attack classes in the standard's order.
var PCIClasses = []string{PCIInjection, PCIData, PCICryptography, PCIBusinessLogic, PCIAccessControl, PCIHighRiskOthers}

var pciByCategory = map[string]string{
	"A01:2021-Broken Access Control":                      PCIAccessControl,
	"A02:2021-Cryptographic Failures":                     PCICryptography,
	"A03:2021-Injection":                                  PCIInjection,
	"A04:2021-Insecure Design":                            PCIBusinessLogic,
	"A05:2021-Security Misconfiguration":                  PCIHighRiskOthers,
	"A06:2021-Vulnerable and Outdated Components":         PCIHighRiskOthers,
	"A07:2021-Identification and Authentication Failures": PCIAccessControl,
	"A08:2021-Software and Data Integrity Failures":       PCIData,
	"A09:2021-Security Logging and Monitoring Failures":   PCIHighRiskOthers,
	"A10:2021-Server-Side Request Forgery (SSRF)":         PCIInjection,
}

// pciByCWE overrides the category-derived class where PCI DSS names the
// weakness itself.
var pciByCWE = map[int]string{
	79: PCIBusinessLogic, 352: PCIBusinessLogic, 601: PCIBusinessLogic, 1021: PCIBusinessLogic,
	502: PCIData, 776: PCIData, 611: PCIData, 400: PCIData, 1333: PCIData,
}

// ISO27001 is the ISO/IEC 27001:2022 Annex A control every code weakness
// falls under.
const ISO27001 = "A.8.28 Secure coding"

// Mapping is what one rule's CWEs map to.
type Mapping struct {
	OWASP2021 []string `json:"owasp_top10_2021,omitempty"`
	OWASP2025 []string `json:"owasp_top10_2025,omitempty"`
	// ASVS4 holds OWASP ASVS 4.0.3 requirement ids ("V5.3.4").
	ASVS4 []string `json:"asvs_4_0_3,omitempty"`
	// ASVS5 holds OWASP ASVS 5.0 chapters ("V1 Encoding and Sanitization").
	ASVS5    []string `json:"asvs_5_0,omitempty"`
	Top25    []Rank   `json:"cwe_top25_2024,omitempty"`
	PCIDSS   []string `json:"pci_dss_6_2_4,omitempty"`
	ISO27001 string   `json:"iso27001_2022,omitempty"`
	// Notes says which entries come from the reviewed supplement rather than
	// the framework's own published CWE lists.
	Notes []string `json:"notes,omitempty"`
}

// Rank is a CWE's place in the 2024 Top 25.
type Rank struct {
	CWE  int `json:"cwe"`
	Rank int `json:"rank"`
}

// Map returns the compliance mapping of a rule's CWEs. Every code weakness
// falls under ISO/IEC 27001:2022 Annex A 8.28 (secure coding).
func Map(cwes []int) Mapping {
	var m Mapping
	o21, o25 := set{}, set{}
	a4, a5 := set{}, set{}
	pci := set{}
	for _, c := range cwes {
		if cats := categories(owasp2021, c); len(cats) > 0 {
			o21.add(cats...)
		} else if s, ok := supplement2021[c]; ok {
			o21.add(s.entries...)
			m.Notes = append(m.Notes, note("OWASP Top 10 2021", c, s))
		}
		if cats := categories(owasp2025, c); len(cats) > 0 {
			o25.add(cats...)
		} else if s, ok := supplement2025[c]; ok {
			o25.add(s.entries...)
			m.Notes = append(m.Notes, note("OWASP Top 10 2025", c, s))
		}
		reqs := asvsByCWE(c)
		if len(reqs) == 0 {
			if s, ok := supplementASVS4[c]; ok {
				for _, id := range s.entries {
					if r, ok := asvsRequirement(id); ok {
						reqs = append(reqs, r)
					}
				}
				m.Notes = append(m.Notes, note("OWASP ASVS 4.0.3", c, s))
			}
		}
		var chapters []string
		for _, r := range reqs {
			a4.add(r.ID)
			chapters = append(chapters, r.V5Chapters()...)
		}
		if len(chapters) == 0 {
			if s, ok := supplementASVS5[c]; ok {
				chapters = s.entries
				m.Notes = append(m.Notes, note("OWASP ASVS 5.0", c, s))
			}
		}
		a5.add(chapters...)
		if p, ok := pciByCWE[c]; ok {
			pci.add(p)
		}
		for i, x := range top25 {
			if x == c {
				m.Top25 = append(m.Top25, Rank{CWE: c, Rank: i + 1})
			}
		}
	}
	for _, cat := range o21.sorted() {
		pci.add(pciByCategory[cat])
	}
	m.OWASP2021 = o21.sorted()
	m.OWASP2025 = o25.sorted()
	m.ASVS4 = a4.sorted()
	sortASVS(m.ASVS4)
	m.ASVS5 = a5.sorted()
	sortASVS5(m.ASVS5)
	m.PCIDSS = pci.sorted()
	if len(m.PCIDSS) == 0 && len(cwes) > 0 && !allExempt(cwes) {
		m.PCIDSS = []string{PCIHighRiskOthers}
	}
	if len(cwes) > 0 {
		m.ISO27001 = ISO27001
	}
	return m
}

// allExempt reports whether every CWE is one the supplement deliberately
// leaves out of the weakness frameworks (a diagnostic, not a weakness).
func allExempt(cwes []int) bool {
	for _, c := range cwes {
		if _, ok := notAWeakness[c]; !ok {
			return false
		}
	}
	return true
}

func categories(table map[string][]int, c int) []string {
	var out []string
	for cat, list := range table {
		for _, x := range list {
			if x == c {
				out = append(out, cat)
			}
		}
	}
	return out
}

// Categories2021 and Categories2025 list the Top 10 categories in order.
func Categories2021() []string { return keys(owasp2021) }

// Categories2025 lists the OWASP Top 10 2025 categories in order.
func Categories2025() []string { return keys(owasp2025) }

func keys(m map[string][]int) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

type set map[string]bool

func (s set) add(xs ...string) {
	for _, x := range xs {
		s[x] = true
	}
}

func (s set) sorted() []string {
	out := make([]string, 0, len(s))
	for x := range s {
		out = append(out, x)
	}
	sort.Strings(out)
	if len(out) == 0 {
		return nil
	}
	return out
}

// Line is one labelled line of a mapping, as explain and the rule pages
// print it.
type Line struct {
	Label string
	Value string
}

// Lines renders the mapping as labelled lines, in a fixed order; frameworks
// the mapping has nothing for are left out.
func (m Mapping) Lines() []Line {
	var out []Line
	add := func(label string, vals []string) {
		if len(vals) > 0 {
			out = append(out, Line{label, strings.Join(vals, "; ")})
		}
	}
	add("OWASP Top 10 2021", m.OWASP2021)
	add("OWASP Top 10 2025", m.OWASP2025)
	add("OWASP ASVS 4.0.3", m.ASVS4)
	add("OWASP ASVS 5.0", m.ASVS5)
	var ranks []string
	for _, r := range m.Top25 {
		ranks = append(ranks, fmt.Sprintf("CWE-%d is #%d", r.CWE, r.Rank))
	}
	add("CWE Top 25 (2024)", ranks)
	add("PCI DSS v4.0.1", m.PCIDSS)
	if m.ISO27001 != "" {
		add("ISO/IEC 27001:2022", []string{m.ISO27001})
	}
	for _, n := range m.Notes {
		out = append(out, Line{"Note", n})
	}
	return out
}
