package cwe

import "testing"

func TestMap(t *testing.T) {
	tests := []struct {
		cwes  []int
		owasp string
		rank  int
		pci   string
	}{
		{[]int{89}, "A03:2021-Injection", 3, PCIInjection},
		{[]int{79}, "A03:2021-Injection", 1, PCIBusinessLogic},
		{[]int{502}, "A08:2021-Software and Data Integrity Failures", 16, PCIData},
		{[]int{327}, "A02:2021-Cryptographic Failures", 0, PCICryptography},
		{[]int{918}, "A10:2021-Server-Side Request Forgery (SSRF)", 19, PCIInjection},
		{[]int{798}, "A07:2021-Identification and Authentication Failures", 22, PCIAccessControl},
	}
	for _, tt := range tests {
		m := Map(tt.cwes)
		if len(m.OWASP2021) == 0 || m.OWASP2021[0] != tt.owasp {
			t.Errorf("%v: OWASP %v, want %s", tt.cwes, m.OWASP2021, tt.owasp)
		}
		if tt.rank > 0 && (len(m.Top25) == 0 || m.Top25[0].Rank != tt.rank) {
			t.Errorf("%v: Top 25 %v, want rank %d", tt.cwes, m.Top25, tt.rank)
		}
		found := false
		for _, p := range m.PCIDSS {
			found = found || p == tt.pci
		}
		if !found {
			t.Errorf("%v: PCI %v, want %s", tt.cwes, m.PCIDSS, tt.pci)
		}
		if m.ISO27001 == "" {
			t.Errorf("%v: no ISO 27001 control", tt.cwes)
		}
	}
}

func TestEveryListedCWEIsPlausible(t *testing.T) {
	for cat, list := range owasp2021 {
		for _, c := range list {
			if c <= 0 || c > 1500 {
				t.Errorf("%s: CWE-%d", cat, c)
			}
		}
	}
	if len(top25) != 25 {
		t.Errorf("top 25 has %d entries", len(top25))
	}
}
