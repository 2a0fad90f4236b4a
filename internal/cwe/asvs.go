package cwe

import (
	_ "embed"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"sync"
)

//go:embed data/asvs403.tsv
var asvs403TSV string

// ASVSRequirement is one OWASP ASVS 4.0.3 requirement: its id, its section,
// the CWEs its table row names and the ASVS 5.0.0 requirements OWASP maps it
// to (none when 5.0 deleted it).
type ASVSRequirement struct {
	ID      string // "V5.3.4"
	Section string // "V5.3 Output Encoding and Injection Prevention"
	CWE     []int
	V5      []string // "1.2.4"
}

// ASVS5Chapters names the chapters of OWASP ASVS 5.0.0 by number.
var asvs5Chapters = []string{
	"V1 Encoding and Sanitization",
	"V2 Validation and Business Logic",
	"V3 Web Frontend Security",
	"V4 API and Web Service",
	"V5 File Handling",
	"V6 Authentication",
	"V7 Session Management",
	"V8 Authorization",
	"V9 Self-contained Tokens",
	"V10 OAuth and OIDC",
	"V11 Cryptography",
	"V12 Secure Communication",
	"V13 Configuration",
	"V14 Data Protection",
	"V15 Secure Coding and Architecture",
	"V16 Security Logging and Error Handling",
	"V17 WebRTC",
}

// ASVS5Chapters lists the OWASP ASVS 5.0.0 chapters in order.
func ASVS5Chapters() []string { return append([]string(nil), asvs5Chapters...) }

// V5Chapters returns the ASVS 5.0 chapters of the requirements OWASP maps
// this 4.0.3 requirement to.
func (r ASVSRequirement) V5Chapters() []string {
	var out []string
	for _, id := range r.V5 {
		n, err := strconv.Atoi(strings.SplitN(id, ".", 2)[0])
		if err == nil && n >= 1 && n <= len(asvs5Chapters) {
			out = append(out, asvs5Chapters[n-1])
		}
	}
	return out
}

var asvsTable = sync.OnceValues(func() ([]ASVSRequirement, error) { return parseASVS(asvs403TSV) })

// ASVS4Requirements returns every OWASP ASVS 4.0.3 requirement in order.
func ASVS4Requirements() []ASVSRequirement {
	reqs, err := asvsTable()
	if err != nil {
		// The table is embedded and checked by a test; an error here is a
		// build defect, reported as an empty table rather than a panic.
		return nil
	}
	return reqs
}

func parseASVS(text string) ([]ASVSRequirement, error) {
	var out []ASVSRequirement
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 4 || !strings.HasPrefix(f[0], "V") {
			return nil, fmt.Errorf("asvs403.tsv line %d: want 4 tab-separated fields starting with an id", i+1)
		}
		r := ASVSRequirement{ID: f[0], Section: f[1]}
		for _, c := range splitComma(f[2]) {
			n, err := strconv.Atoi(c)
			if err != nil {
				return nil, fmt.Errorf("asvs403.tsv line %d: CWE %q: %w", i+1, c, err)
			}
			r.CWE = append(r.CWE, n)
		}
		r.V5 = splitComma(f[3])
		out = append(out, r)
	}
	return out, nil
}

func splitComma(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, ",")
}

func asvsByCWE(c int) []ASVSRequirement {
	var out []ASVSRequirement
	for _, r := range ASVS4Requirements() {
		for _, x := range r.CWE {
			if x == c {
				out = append(out, r)
			}
		}
	}
	return out
}

func asvsRequirement(id string) (ASVSRequirement, bool) {
	for _, r := range ASVS4Requirements() {
		if r.ID == id {
			return r, true
		}
	}
	return ASVSRequirement{}, false
}

// asvsKey turns "V5.3.4" or "V12 Secure Communication" into numbers for
// ordering.
func asvsKey(s string) []int {
	s = strings.TrimPrefix(s, "V")
	if i := strings.IndexByte(s, ' '); i >= 0 {
		s = s[:i]
	}
	var out []int
	for _, p := range strings.Split(s, ".") {
		n, _ := strconv.Atoi(p)
		out = append(out, n)
	}
	return out
}

// CompareASVS orders ASVS ids and chapters numerically.
func CompareASVS(a, b string) int {
	ka, kb := asvsKey(a), asvsKey(b)
	for i := 0; i < len(ka) && i < len(kb); i++ {
		if ka[i] != kb[i] {
			return ka[i] - kb[i]
		}
	}
	return len(ka) - len(kb)
}

func sortASVS(ids []string) {
	sort.SliceStable(ids, func(i, j int) bool { return CompareASVS(ids[i], ids[j]) < 0 })
}

func sortASVS5(ch []string) { sortASVS(ch) }
