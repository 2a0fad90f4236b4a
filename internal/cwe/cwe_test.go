package cwe

import (
	"slices"
	"strings"
	"testing"
)

func TestMap(t *testing.T) {
	tests := []struct {
		cwes  []int
		owasp string
		o2025 string
		asvs4 string
		asvs5 string
		rank  int
		pci   string
	}{
		{[]int{89}, "A03:2021-Injection", "A05:2025-Injection", "V5.3.4", "V1 Encoding and Sanitization", 3, PCIInjection},
		{[]int{79}, "A03:2021-Injection", "A05:2025-Injection", "V5.3.3", "V3 Web Frontend Security", 1, PCIBusinessLogic},
		{[]int{78}, "A03:2021-Injection", "A05:2025-Injection", "V5.3.8", "V1 Encoding and Sanitization", 7, PCIInjection},
		{[]int{502}, "A08:2021-Software and Data Integrity Failures", "A08:2025-Software or Data Integrity Failures", "V5.5.3", "V1 Encoding and Sanitization", 16, PCIData},
		{[]int{327}, "A02:2021-Cryptographic Failures", "A04:2025-Cryptographic Failures", "V6.2.2", "V11 Cryptography", 0, PCICryptography},
		{[]int{918}, "A10:2021-Server-Side Request Forgery (SSRF)", "A01:2025-Broken Access Control", "V12.6.1", "V13 Configuration", 19, PCIInjection},
		{[]int{798}, "A07:2021-Identification and Authentication Failures", "A07:2025-Authentication Failures", "V2.10.4", "V13 Configuration", 22, PCIAccessControl},
		{[]int{295}, "A07:2021-Identification and Authentication Failures", "A07:2025-Authentication Failures", "V9.2.1", "V12 Secure Communication", 0, PCIAccessControl},
		{[]int{1004}, "A05:2021-Security Misconfiguration", "A02:2025-Security Misconfiguration", "V3.4.2", "V3 Web Frontend Security", 0, PCIHighRiskOthers},
		{[]int{1395}, "A06:2021-Vulnerable and Outdated Components", "A03:2025-Software Supply Chain Failures", "V14.2.1", "V15 Secure Coding and Architecture", 0, PCIHighRiskOthers},
		{[]int{396}, "A04:2021-Insecure Design", "A10:2025-Mishandling of Exceptional Conditions", "V7.4.2", "V16 Security Logging and Error Handling", 0, PCIBusinessLogic},
		{[]int{1336}, "A03:2021-Injection", "A05:2025-Injection", "V5.2.5", "V1 Encoding and Sanitization", 0, PCIInjection},
		{[]int{22}, "A01:2021-Broken Access Control", "A01:2025-Broken Access Control", "V12.3.1", "V5 File Handling", 5, PCIAccessControl},
	}
	for _, tt := range tests {
		m := Map(tt.cwes)
		if !slices.Contains(m.OWASP2021, tt.owasp) {
			t.Errorf("%v: OWASP 2021 %v, want %s", tt.cwes, m.OWASP2021, tt.owasp)
		}
		if !slices.Contains(m.OWASP2025, tt.o2025) {
			t.Errorf("%v: OWASP 2025 %v, want %s", tt.cwes, m.OWASP2025, tt.o2025)
		}
		if !slices.Contains(m.ASVS4, tt.asvs4) {
			t.Errorf("%v: ASVS 4.0.3 %v, want %s", tt.cwes, m.ASVS4, tt.asvs4)
		}
		if !slices.Contains(m.ASVS5, tt.asvs5) {
			t.Errorf("%v: ASVS 5.0 %v, want %s", tt.cwes, m.ASVS5, tt.asvs5)
		}
		if tt.rank > 0 && (len(m.Top25) == 0 || m.Top25[0].Rank != tt.rank) {
			t.Errorf("%v: Top 25 %v, want rank %d", tt.cwes, m.Top25, tt.rank)
		}
		if tt.rank == 0 && len(m.Top25) != 0 {
			t.Errorf("%v: Top 25 %v, want none", tt.cwes, m.Top25)
		}
		if !slices.Contains(m.PCIDSS, tt.pci) {
			t.Errorf("%v: PCI %v, want %s", tt.cwes, m.PCIDSS, tt.pci)
		}
		if m.ISO27001 != ISO27001 {
			t.Errorf("%v: ISO 27001 %q", tt.cwes, m.ISO27001)
		}
	}
}

func TestSupplementIsNoted(t *testing.T) {
	// CWE-943 (NoSQL injection) is in none of OWASP's lists: the mapping
	// must say it was made by definition.
	m := Map([]int{943})
	if len(m.Notes) == 0 {
		t.Fatalf("no note for a supplemented mapping: %+v", m)
	}
	for _, n := range m.Notes {
		if !strings.Contains(n, "CWE-943") || !strings.Contains(n, "mapped by") {
			t.Errorf("note %q", n)
		}
	}
	// CWE-89 is in every published list: no note.
	if m := Map([]int{89}); len(m.Notes) != 0 {
		t.Errorf("CWE-89 notes %v", m.Notes)
	}
}

func TestSupplementDoesNotShadowPublishedLists(t *testing.T) {
	// A supplement entry for a CWE that the published list already names
	// would never be used and hides a review mistake.
	for c := range supplement2021 {
		if len(categories(owasp2021, c)) > 0 {
			t.Errorf("supplement2021 has CWE-%d, which OWASP 2021 lists", c)
		}
	}
	for c := range supplement2025 {
		if len(categories(owasp2025, c)) > 0 {
			t.Errorf("supplement2025 has CWE-%d, which OWASP 2025 lists", c)
		}
	}
	for c, s := range supplementASVS4 {
		if len(asvsByCWE(c)) > 0 {
			t.Errorf("supplementASVS4 has CWE-%d, which an ASVS 4.0.3 row names", c)
		}
		for _, id := range s.entries {
			if _, ok := asvsRequirement(id); !ok {
				t.Errorf("supplementASVS4 CWE-%d: no ASVS 4.0.3 requirement %s", c, id)
			}
		}
	}
	for c, s := range supplementASVS5 {
		derived := 0
		reqs := asvsByCWE(c)
		if len(reqs) == 0 {
			for _, id := range supplementASVS4[c].entries {
				r, _ := asvsRequirement(id)
				reqs = append(reqs, r)
			}
		}
		for _, r := range reqs {
			derived += len(r.V5Chapters())
		}
		if derived > 0 {
			t.Errorf("supplementASVS5 has CWE-%d, whose requirements OWASP maps to 5.0 chapters", c)
		}
		for _, ch := range s.entries {
			if !slices.Contains(asvs5Chapters, ch) {
				t.Errorf("supplementASVS5 CWE-%d: no ASVS 5.0 chapter %q", c, ch)
			}
		}
	}
	for _, s := range []map[int]supplement{supplement2021, supplement2025} {
		for c, e := range s {
			for _, cat := range e.entries {
				if _, ok := owasp2021[cat]; !ok {
					if _, ok := owasp2025[cat]; !ok {
						t.Errorf("CWE-%d: unknown category %q", c, cat)
					}
				}
			}
		}
	}
}

func TestASVSTable(t *testing.T) {
	reqs, err := parseASVS(asvs403TSV)
	if err != nil {
		t.Fatal(err)
	}
	// ASVS 4.0.3 has 286 requirements in 14 chapters.
	if len(reqs) != 286 {
		t.Errorf("%d requirements, want 286", len(reqs))
	}
	seen := map[string]bool{}
	for _, r := range reqs {
		if seen[r.ID] {
			t.Errorf("duplicate %s", r.ID)
		}
		seen[r.ID] = true
		if !strings.HasPrefix(r.Section, strings.Join(strings.Split(r.ID, ".")[:2], ".")+" ") {
			t.Errorf("%s in section %q", r.ID, r.Section)
		}
	}
	r, ok := asvsRequirement("V5.3.4")
	if !ok || !slices.Contains(r.CWE, 89) || !slices.Equal(r.V5Chapters(), []string{"V1 Encoding and Sanitization"}) {
		t.Errorf("V5.3.4 = %+v, %v", r, r.V5Chapters())
	}
	for _, bad := range []string{"V1.1.1\tsection\n", "V1.1.1\ts\tx\t\n"} {
		if _, err := parseASVS(bad); err == nil {
			t.Errorf("parseASVS(%q) accepted", bad)
		}
	}
}

func TestCompareASVS(t *testing.T) {
	ids := []string{"V14.2.1", "V5.3.10", "V5.3.4", "V1.14.3", "V5.3.8"}
	sortASVS(ids)
	want := []string{"V1.14.3", "V5.3.4", "V5.3.8", "V5.3.10", "V14.2.1"}
	if !slices.Equal(ids, want) {
		t.Errorf("sorted %v, want %v", ids, want)
	}
}

func TestTables(t *testing.T) {
	for name, table := range map[string]map[string][]int{"2021": owasp2021, "2025": owasp2025} {
		if len(table) != 10 {
			t.Errorf("OWASP %s has %d categories", name, len(table))
		}
		for cat, list := range table {
			if !strings.Contains(cat, ":"+name+"-") {
				t.Errorf("%s: category %q", name, cat)
			}
			for _, c := range list {
				if c <= 0 || c > 1500 {
					t.Errorf("%s: CWE-%d", cat, c)
				}
			}
		}
	}
	if len(top25) != 25 {
		t.Errorf("top 25 has %d entries", len(top25))
	}
}

func TestNotAWeakness(t *testing.T) {
	m := Map([]int{1164})
	if len(m.OWASP2021)+len(m.OWASP2025)+len(m.ASVS4)+len(m.PCIDSS) != 0 || m.ISO27001 != ISO27001 {
		t.Errorf("CWE-1164 maps to %+v", m)
	}
}
