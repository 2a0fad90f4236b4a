package cwe_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/cwe"
	"github.com/snakeguard/snakeguard/internal/rules"
)

// exceptions lists, per framework, the catalogue rules that map to nothing
// in it and why. Everything else must map to at least one entry of every
// framework.
var exceptions = map[string]map[string]string{
	"OWASP Top 10 2021": {
		"SG000": "syntax errors are diagnostics, not weaknesses",
		"SG807": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG808": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG810": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG813": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10",
		"SG814": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG815": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG816": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG817": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10",
		"SG818": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG819": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG820": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10", "SG821": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10",
		"SG822": "the 2021 lists have no category for code-quality defects; the 2025 edition adds A10",
	},
	"OWASP Top 10 2025": {
		"SG000": "syntax errors are diagnostics, not weaknesses",
		"SG808": "numeric correctness is outside every category", "SG818": "numeric correctness is outside every category", "SG820": "numeric correctness is outside every category", "SG821": "numeric correctness is outside every category",
		"SG810": "identity comparison with a literal is a correctness defect outside every category",
		"SG815": "no category covers the order of normalisation and validation",
		"SG819": "mutating a collection while iterating is a correctness defect outside every category",
	},
	"OWASP ASVS 4.0.3": {
		"SG000": "syntax errors are diagnostics, not weaknesses",
		"SG508": "ASVS 4.0.3 has no requirement on the network interfaces a service listens on",
		"SG612": "ASVS 4.0.3 has no requirement on regular expressions (5.0 adds V1.2.9 and V1.3.12)",
		"SG808": "ASVS 4.0.3 has no requirement on code-level correctness (5.0 adds V15 Secure Coding)", "SG810": "ASVS 4.0.3 has no requirement on code-level correctness (5.0 adds V15 Secure Coding)", "SG818": "ASVS 4.0.3 has no requirement on code-level correctness (5.0 adds V15 Secure Coding)",
		"SG819": "ASVS 4.0.3 has no requirement on code-level correctness (5.0 adds V15 Secure Coding)", "SG821": "ASVS 4.0.3 has no requirement on code-level correctness (5.0 adds V15 Secure Coding)",
		"SG813": "ASVS 4.0.3 has no requirement on checking the result of a security call (5.0 V15.3)",
		"SG815": "ASVS 4.0.3 has no requirement on canonicalisation before validation (5.0 V1.1.1)",
		"SG822": "ASVS 4.0.3 has no requirement on releasing file and socket handles",
	},
	"OWASP ASVS 5.0": {"SG000": "syntax errors are diagnostics, not weaknesses"},
	"PCI DSS v4.0.1": {"SG000": "syntax errors are diagnostics, not weaknesses"},
}

func TestEveryRuleMaps(t *testing.T) {
	used := map[string]map[string]bool{}
	for _, d := range rules.Docs() {
		m := cwe.Map(d.CWE)
		for fw, got := range map[string][]string{
			"OWASP Top 10 2021": m.OWASP2021,
			"OWASP Top 10 2025": m.OWASP2025,
			"OWASP ASVS 4.0.3":  m.ASVS4,
			"OWASP ASVS 5.0":    m.ASVS5,
			"PCI DSS v4.0.1":    m.PCIDSS,
		} {
			_, exempt := exceptions[fw][d.ID]
			switch {
			case len(got) == 0 && !exempt:
				t.Errorf("%s (CWE %v) maps to nothing in %s", d.ID, d.CWE, fw)
			case len(got) > 0 && exempt:
				t.Errorf("%s is listed as an exception for %s but maps to %v", d.ID, fw, got)
			}
			if exempt {
				if used[fw] == nil {
					used[fw] = map[string]bool{}
				}
				used[fw][d.ID] = true
			}
		}
		if m.ISO27001 == "" {
			t.Errorf("%s: no ISO/IEC 27001 control", d.ID)
		}
	}
	for fw, ids := range exceptions {
		for id := range ids {
			if !used[fw][id] {
				t.Errorf("exception %s for %s names no catalogue rule", id, fw)
			}
		}
	}
}

// TestTop25Ranks checks the ranks against the 2024 list for the catalogue's
// ranked CWEs. The Top 25 is a ranking, not a framework to cover: rules
// whose CWEs are not in it carry no rank.
func TestTop25Ranks(t *testing.T) {
	want := map[int]int{79: 1, 89: 3, 352: 4, 22: 5, 78: 7, 94: 11, 502: 16, 918: 19, 798: 22, 400: 24}
	ranked := 0
	for _, d := range rules.Docs() {
		for _, r := range cwe.Map(d.CWE).Top25 {
			ranked++
			if w, ok := want[r.CWE]; ok && w != r.Rank {
				t.Errorf("%s: CWE-%d rank %d, want %d", d.ID, r.CWE, r.Rank, w)
			}
		}
	}
	if ranked == 0 {
		t.Error("no catalogue rule has a Top 25 rank")
	}
}
