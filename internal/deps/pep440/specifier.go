package pep440

import (
	"fmt"
	"strings"
)

// Operator is a specifier's comparison operator.
type Operator string

// The PEP 440 operators.
const (
	Compatible   Operator = "~="
	Equal_       Operator = "=="
	NotEqual     Operator = "!="
	LessEqual    Operator = "<="
	GreaterEqual Operator = ">="
	Less         Operator = "<"
	Greater      Operator = ">"
	Arbitrary    Operator = "==="
)

// operators in the order they are tried: "===" before "==", two-character
// operators before "<" and ">".
var operators = []Operator{Arbitrary, Compatible, Equal_, NotEqual, LessEqual, GreaterEqual, Less, Greater}

// Prereleases says whether a match may be a pre-release.
type Prereleases int8

const (
	// PrereleasesDefault follows PEP 440: pre-releases only when a
	// specifier names one (">=2.0b1"), or, in Filter, when nothing else
	// matches.
	PrereleasesDefault Prereleases = iota
	// PrereleasesAllow accepts pre-releases (pip's --pre).
	PrereleasesAllow
	// PrereleasesExclude never accepts them.
	PrereleasesExclude
)

// Specifier is one clause such as ">=1.2", "==2.*" or "~=1.4.5".
type Specifier struct {
	op       Operator
	raw      string  // the version text as written (trimmed)
	v        Version // zero for a wildcard or an unparsable "===" value
	wildcard bool
	prefix   []string // "==X.*" and "~=": the split prefix a version must start with; nil: matches nothing
	pre      bool     // the specifier itself admits pre-releases
}

// ParseSpecifier parses one specifier clause.
func ParseSpecifier(s string) (Specifier, error) {
	t := strings.TrimFunc(s, isSpace)
	var sp Specifier
	for _, op := range operators {
		if strings.HasPrefix(t, string(op)) {
			sp.op = op
			break
		}
	}
	if sp.op == "" {
		return Specifier{}, fmt.Errorf("specifier %q: no operator (one of ~= == != <= >= < > ===)", s)
	}
	sp.raw = strings.TrimFunc(t[len(sp.op):], isSpace)
	if sp.op == Arbitrary {
		if strings.ContainsFunc(sp.raw, func(r rune) bool { return isSpace(r) || r == ';' || r == ')' }) {
			return Specifier{}, fmt.Errorf("specifier %q: space, ';' or ')' in an arbitrary version", s)
		}
		if v, err := Parse(sp.raw); err == nil {
			sp.v = v
			sp.pre = v.IsPrerelease()
		}
		return sp, nil
	}
	body := sp.raw
	if (sp.op == Equal_ || sp.op == NotEqual) && strings.HasSuffix(body, ".*") {
		sp.wildcard = true
		body = body[:len(body)-2]
	}
	lower := strings.ToLower(body)
	v, n, ok := parsePrefix(lower, sp.op == Equal_ || sp.op == NotEqual)
	if !ok || n != len(body) || strings.ContainsFunc(body, func(r rune) bool { return r >= 0x80 }) {
		return Specifier{}, fmt.Errorf("specifier %q: %q is not a PEP 440 version%s", s, sp.raw, opHint(sp.op))
	}
	switch {
	case sp.wildcard && (v.preKind >= 0 || v.post != "" || v.dev != "" || len(v.local) > 0):
		return Specifier{}, fmt.Errorf("specifier %q: a .* wildcard follows only a release (1.2.*)", s)
	case sp.op == Compatible && len(v.release) < 2:
		return Specifier{}, fmt.Errorf("specifier %q: ~= needs at least two release numbers (~=1.4)", s)
	}
	sp.v = v
	switch {
	case sp.wildcard:
		sp.prefix = versionSplit(v.String())
	case sp.op == Compatible:
		sp.prefix = compatiblePrefix(sp.raw)
	}
	switch sp.op {
	case Equal_, GreaterEqual, LessEqual, Compatible:
		sp.pre = v.IsPrerelease()
	}
	return sp, nil
}

func opHint(op Operator) string {
	switch op {
	case Equal_, NotEqual:
		return ""
	case Compatible:
		return " (no local version or wildcard after ~=)"
	}
	return fmt.Sprintf(" (no local version or wildcard after %s)", op)
}

// Operator returns the specifier's operator.
func (s Specifier) Operator() Operator { return s.op }

// Version returns the version text as written.
func (s Specifier) Version() string { return s.raw }

// Wildcard reports "==X.*" or "!=X.*".
func (s Specifier) Wildcard() bool { return s.wildcard }

// String is the clause as operator and version text.
func (s Specifier) String() string { return string(s.op) + s.raw }

// AdmitsPrereleases reports whether the clause names a pre-release with
// an inclusive operator (==, >=, <=, ~=, ===), which lets pre-releases
// match by default.
func (s Specifier) AdmitsPrereleases() bool { return s.pre }

// Contains reports whether v satisfies the clause.
func (s Specifier) Contains(v Version, pre Prereleases) bool {
	if v.IsPrerelease() && !allowPre(pre, s.pre) {
		return false
	}
	return s.match(v)
}

func allowPre(pre Prereleases, implied bool) bool {
	switch pre {
	case PrereleasesAllow:
		return true
	case PrereleasesExclude:
		return false
	}
	return implied
}

func (s Specifier) match(v Version) bool {
	switch s.op {
	case Arbitrary:
		return strings.EqualFold(v.String(), s.raw)
	case Equal_:
		return s.equal(v)
	case NotEqual:
		return !s.equal(v)
	case LessEqual:
		return Compare(v.Public(), s.v) <= 0
	case GreaterEqual:
		return Compare(v.Public(), s.v) >= 0
	case Compatible:
		return Compare(v.Public(), s.v) >= 0 && matchPrefix(v, s.prefix)
	case Less:
		// <V excludes V's own pre-releases unless V is one.
		if Compare(v, s.v) >= 0 {
			return false
		}
		return s.v.IsPrerelease() || !v.IsPrerelease() || compareBase(v, s.v) != 0
	case Greater:
		// >V excludes V's post-releases (unless V is one) and V+local.
		if Compare(v, s.v) <= 0 {
			return false
		}
		if !s.v.IsPostrelease() && v.IsPostrelease() && compareBase(v, s.v) == 0 {
			return false
		}
		return len(v.local) == 0 || compareBase(v, s.v) != 0
	}
	return false
}

func compareBase(a, b Version) int {
	if c := cmpNum(a.epoch, b.epoch); c != 0 {
		return c
	}
	return compareRelease(a.release, b.release)
}

func (s Specifier) equal(v Version) bool {
	if s.wildcard {
		return matchPrefix(v, s.prefix)
	}
	if len(s.v.local) == 0 {
		v = v.Public()
	}
	return Compare(v, s.v) == 0
}

// versionSplit splits a version string into epoch and dot-separated
// parts, a release number with a pre-release glued to it ("0rc1") giving
// two parts.
func versionSplit(s string) []string {
	epoch, rest := "0", s
	if i := strings.LastIndexByte(s, '!'); i >= 0 {
		epoch, rest = s[:i], s[i+1:]
		if epoch == "" {
			epoch = "0"
		}
	}
	out := []string{epoch}
	for _, item := range strings.Split(rest, ".") {
		if n, p, ok := splitGluedPre(item); ok {
			out = append(out, n, p)
		} else {
			out = append(out, item)
		}
	}
	return out
}

// splitGluedPre splits "4rc1" into "4" and "rc1" (digits, then a, b, c or
// rc and digits).
func splitGluedPre(item string) (string, string, bool) {
	i := 0
	for i < len(item) && isDigit(item[i]) {
		i++
	}
	if i == 0 {
		return "", "", false
	}
	j := i
	switch {
	case strings.HasPrefix(item[j:], "rc"):
		j += 2
	case j < len(item) && (item[j] == 'a' || item[j] == 'b' || item[j] == 'c'):
		j++
	default:
		return "", "", false
	}
	k := j
	for k < len(item) && isDigit(item[k]) {
		k++
	}
	if k == j || k != len(item) {
		return "", "", false
	}
	return item[:i], item[i:], true
}

// compatiblePrefix is the "==P.*" that "~=V" implies: the parts of V as
// written up to its first suffix, less the last. This follows the
// reference implementation part for part (so "~=1.4.c1" is
// ">=1.4c1, ==1.4.*" while "~=1.4rc1" is ">=1.4rc1, ==1.*"). A prefix
// that is not a version matches nothing.
func compatiblePrefix(raw string) []string {
	parts := versionSplit(raw)
	n := 0
	for n < len(parts) && !isSuffixPart(parts[n]) {
		n++
	}
	if n < 3 {
		return nil
	}
	v, err := Parse(parts[0] + "!" + strings.Join(parts[1:n-1], "."))
	if err != nil {
		return nil
	}
	return versionSplit(v.String())
}

func isSuffixPart(p string) bool {
	for _, s := range []string{"dev", "a", "b", "rc", "post"} {
		if strings.HasPrefix(p, s) {
			return true
		}
	}
	return false
}

// matchPrefix reports whether v's public version, its release padded with
// zeros, starts with the split prefix.
func matchPrefix(v Version, prefix []string) bool {
	if prefix == nil {
		return false
	}
	got := versionSplit(v.Public().String())
	want := prefix
	gr, wr := digitRun(got), digitRun(want)
	if gr < wr {
		padded := make([]string, 0, len(got)+wr-gr)
		padded = append(padded, got[:gr]...)
		for i := gr; i < wr; i++ {
			padded = append(padded, "0")
		}
		got = append(padded, got[gr:]...)
	}
	if len(got) < len(want) {
		return false
	}
	for i := range want {
		if got[i] != want[i] {
			return false
		}
	}
	return true
}

func digitRun(parts []string) int {
	n := 0
	for n < len(parts) && parts[n] != "" && strings.Trim(parts[n], "0123456789") == "" {
		n++
	}
	return n
}

// SpecifierSet is a comma-separated list of clauses, all of which must
// hold ("" holds for every final release).
type SpecifierSet struct {
	specs []Specifier
}

// ParseSpecifierSet parses "a, b, c"; empty clauses are skipped.
func ParseSpecifierSet(s string) (SpecifierSet, error) {
	var set SpecifierSet
	for _, part := range strings.Split(s, ",") {
		if strings.TrimFunc(part, isSpace) == "" {
			continue
		}
		sp, err := ParseSpecifier(part)
		if err != nil {
			return SpecifierSet{}, err
		}
		set.specs = append(set.specs, sp)
	}
	return set, nil
}

// Specifiers returns the clauses.
func (s SpecifierSet) Specifiers() []Specifier { return append([]Specifier(nil), s.specs...) }

// Len is the number of clauses.
func (s SpecifierSet) Len() int { return len(s.specs) }

// String joins the clauses with commas in their given order.
func (s SpecifierSet) String() string {
	parts := make([]string, len(s.specs))
	for i, sp := range s.specs {
		parts[i] = sp.String()
	}
	return strings.Join(parts, ",")
}

// AdmitsPrereleases reports whether any clause lets pre-releases match.
func (s SpecifierSet) AdmitsPrereleases() bool {
	for _, sp := range s.specs {
		if sp.pre {
			return true
		}
	}
	return false
}

// Contains reports whether v satisfies every clause. By default a
// pre-release satisfies the set only when a clause admits pre-releases.
func (s SpecifierSet) Contains(v Version, pre Prereleases) bool {
	allow := allowPre(pre, s.AdmitsPrereleases())
	if v.IsPrerelease() && !allow {
		return false
	}
	for _, sp := range s.specs {
		if !sp.match(v) {
			return false
		}
	}
	return true
}

// Filter returns the versions that satisfy the set, in their order. By
// default pre-releases are kept when a clause admits them or when no
// final release satisfies the set (PEP 440: a pre-release is accepted
// when it is the only match).
func (s SpecifierSet) Filter(vs []Version, pre Prereleases) []Version {
	var finals, pres []Version
	for _, v := range vs {
		if !s.Contains(v, PrereleasesAllow) {
			continue
		}
		if v.IsPrerelease() {
			pres = append(pres, v)
		} else {
			finals = append(finals, v)
		}
	}
	switch {
	case allowPre(pre, s.AdmitsPrereleases()):
		var out []Version
		for _, v := range vs {
			if s.Contains(v, PrereleasesAllow) {
				out = append(out, v)
			}
		}
		return out
	case pre == PrereleasesDefault && len(finals) == 0:
		return pres
	}
	return finals
}
