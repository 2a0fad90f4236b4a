// Package lockcheck compares the dependencies a pyproject.toml declares
// with the versions a lock file beside it locks (SG906): a declared
// dependency the lock leaves out, or one whose locked versions all lie
// outside the declared range, means the lock is out of date.
package lockcheck

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/manifest"
	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Mismatch is one declared dependency the lock file does not satisfy.
type Mismatch struct {
	Declared manifest.Dependency
	Locked   []string // the versions the lock holds for the name; none when it leaves the name out
	Message  string
}

// Check returns the declared dependencies that the locked packages do not
// satisfy. lockName names the lock file in messages. Direct references
// (URLs, paths, VCS) and ranges this build cannot read are not judged; a
// dependency of an extra or a group that is missing from the lock is not
// reported either, since lock tools may leave optional groups out.
func Check(declared, locked []manifest.Dependency, lockName string) []Mismatch {
	versions := map[string][]string{}
	for _, l := range locked {
		if l.Version != "" {
			n := pep508.NormalizeName(l.Name)
			versions[n] = append(versions[n], l.Version)
		}
	}
	var out []Mismatch
	for _, d := range declared {
		if d.Direct {
			continue
		}
		have := versions[pep508.NormalizeName(d.Name)]
		if len(have) == 0 {
			if d.Group == "" {
				out = append(out, Mismatch{Declared: d, Message: fmt.Sprintf("%s is declared but %s does not lock it", d.Name, lockName)})
			}
			continue
		}
		spec, ok := specifierSet(d.Spec)
		if !ok || satisfied(spec, have) {
			continue
		}
		out = append(out, Mismatch{Declared: d, Locked: have, Message: fmt.Sprintf("%s is declared as %s but %s locks %s",
			d.Name, strings.TrimSpace(d.Spec), lockName, strings.Join(have, ", "))})
	}
	return out
}

func satisfied(spec pep440.SpecifierSet, versions []string) bool {
	for _, s := range versions {
		v, err := pep440.Parse(s)
		if err != nil {
			return true // a version this build cannot read is not judged
		}
		if spec.Contains(v, pep440.PrereleasesAllow) {
			return true
		}
	}
	return false
}

// specifierSet reads a declared range: PEP 440 specifiers, or Poetry's
// caret (^1.2), tilde (~1.2), wildcard (1.2.*, *) and bare versions.
// Poetry's "||" alternatives are not read.
func specifierSet(spec string) (pep440.SpecifierSet, bool) {
	spec = strings.TrimSpace(spec)
	if strings.Contains(spec, "||") {
		return pep440.SpecifierSet{}, false
	}
	var parts []string
	for _, p := range strings.Split(spec, ",") {
		p = strings.TrimSpace(p)
		switch {
		case p == "" || p == "*":
		case strings.HasPrefix(p, "^"):
			r, ok := caret(strings.TrimSpace(p[1:]))
			if !ok {
				return pep440.SpecifierSet{}, false
			}
			parts = append(parts, r)
		case strings.HasPrefix(p, "~") && !strings.HasPrefix(p, "~="):
			r, ok := tilde(strings.TrimSpace(p[1:]))
			if !ok {
				return pep440.SpecifierSet{}, false
			}
			parts = append(parts, r)
		case p[0] >= '0' && p[0] <= '9':
			parts = append(parts, "=="+p) // Poetry: a bare version is an exact pin, 1.2.* a wildcard
		default:
			parts = append(parts, p)
		}
	}
	set, err := pep440.ParseSpecifierSet(strings.Join(parts, ","))
	return set, err == nil
}

// release splits a plain release version into its numbers.
func release(v string) ([]int, bool) {
	var out []int
	for _, p := range strings.Split(v, ".") {
		n := 0
		if p == "" {
			return nil, false
		}
		for _, c := range p {
			if c < '0' || c > '9' {
				return nil, false
			}
			n = n*10 + int(c-'0')
		}
		out = append(out, n)
	}
	return out, len(out) > 0
}

// caret is Poetry's ^: the next version that changes the leftmost
// non-zero number is excluded (^1.2.3 is >=1.2.3,<2.0.0; ^0.2.3 is
// >=0.2.3,<0.3.0; ^0.0 is >=0.0,<0.1).
func caret(v string) (string, bool) {
	r, ok := release(v)
	if !ok {
		return "", false
	}
	i := 0
	for i < len(r)-1 && r[i] == 0 {
		i++
	}
	return fmt.Sprintf(">=%s,<%s", v, bump(r, i)), true
}

// tilde is Poetry's ~: ~1.2.3 is >=1.2.3,<1.3.0 and ~1 is >=1,<2.
func tilde(v string) (string, bool) {
	r, ok := release(v)
	if !ok {
		return "", false
	}
	i := 1
	if len(r) == 1 {
		i = 0
	}
	return fmt.Sprintf(">=%s,<%s", v, bump(r, i)), true
}

// bump increments number i of a release and drops the numbers after it.
func bump(r []int, i int) string {
	parts := make([]string, i+1)
	for j := 0; j < i; j++ {
		parts[j] = fmt.Sprint(r[j])
	}
	parts[i] = fmt.Sprint(r[i] + 1)
	return strings.Join(parts, ".")
}
