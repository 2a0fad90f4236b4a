// Package cwe maps CWE ids to the compliance frameworks reports cite: the
// OWASP Top 10 2021 categories (by OWASP's own CWE lists), the 2024 CWE
// Top 25 ranks, and the attack classes of PCI DSS v4.0.1 requirement 6.2.4.
package cwe

import "sort"

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

// Mapping is what one rule's CWEs map to.
type Mapping struct {
	OWASP2021 []string `json:"owasp_top10_2021,omitempty"`
	Top25     []Rank   `json:"cwe_top25_2024,omitempty"`
	PCIDSS    []string `json:"pci_dss_6_2_4,omitempty"`
	ISO27001  string   `json:"iso27001_2022,omitempty"`
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
	cats := map[string]bool{}
	pci := map[string]bool{}
	for _, c := range cwes {
		for cat, list := range owasp2021 {
			for _, x := range list {
				if x == c {
					cats[cat] = true
					pci[pciByCategory[cat]] = true
				}
			}
		}
		if p, ok := pciByCWE[c]; ok {
			pci[p] = true
		}
		for i, x := range top25 {
			if x == c {
				m.Top25 = append(m.Top25, Rank{CWE: c, Rank: i + 1})
			}
		}
	}
	for c := range cats {
		m.OWASP2021 = append(m.OWASP2021, c)
	}
	sort.Strings(m.OWASP2021)
	for p := range pci {
		m.PCIDSS = append(m.PCIDSS, p)
	}
	sort.Strings(m.PCIDSS)
	if len(m.PCIDSS) == 0 && len(cwes) > 0 {
		m.PCIDSS = []string{PCIHighRiskOthers}
	}
	if len(cwes) > 0 {
		m.ISO27001 = "A.8.28 Secure coding"
	}
	return m
}
