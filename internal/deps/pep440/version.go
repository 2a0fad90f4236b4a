// Package pep440 parses, normalises and compares Python package versions
// and evaluates version specifiers as PEP 440 defines them, following the
// behaviour of the packaging library that pip vendors (packaging 24), so a
// version matches a specifier here exactly when pip would install it.
package pep440

import (
	"errors"
	"fmt"
	"strings"
	"unicode"
)

// ErrInvalid is wrapped by every parse error.
var ErrInvalid = errors.New("not a PEP 440 version")

// Version is a parsed PEP 440 version. Numbers are kept as decimal digit
// strings without leading zeros, so versions with huge components
// (dates, build numbers) compare exactly.
type Version struct {
	epoch   string
	release []string // as written, trailing zeros kept for String
	preKind int8     // -1 none, 0 a, 1 b, 2 rc
	pre     string
	post    string // "" none
	dev     string // "" none
	local   []string
}

var preLabels = [...]string{"a", "b", "rc"}

// Parse parses a version in any spelling PEP 440 normalises: surrounding
// white space, a leading "v", any case, "alpha"/"beta"/"c"/"pre"/"preview",
// "rev"/"r", "-", "_" or "." separators, implicit numbers ("1.0a" is
// 1.0a0) and implicit post releases ("1.0-1" is 1.0.post1). Legacy
// strings ("1.0-beta-2", "2.0.x", "latest") are rejected with an error
// wrapping ErrInvalid.
func Parse(s string) (Version, error) {
	t := strings.TrimFunc(s, isSpace)
	for i := 0; i < len(t); i++ {
		if t[i] >= 0x80 {
			return Version{}, fmt.Errorf("%q: %w (non-ASCII character)", s, ErrInvalid)
		}
	}
	v, n, ok := parsePrefix(strings.ToLower(t), true)
	if !ok || n != len(t) {
		return Version{}, fmt.Errorf("%q: %w", s, ErrInvalid)
	}
	return v, nil
}

// isSpace is Python's str.isspace, which the packaging regexes' \s follows.
func isSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }
func isSep(c byte) bool   { return c == '.' || c == '-' || c == '_' }
func isAlnum(c byte) bool { return isDigit(c) || ('a' <= c && c <= 'z') }

// digits reads a run of digits at i and returns it without leading zeros.
func digits(s string, i int) (string, int) {
	j := i
	for j < len(s) && isDigit(s[j]) {
		j++
	}
	if j == i {
		return "", i
	}
	return trimZeros(s[i:j]), j
}

func trimZeros(d string) string {
	d = strings.TrimLeft(d, "0")
	if d == "" {
		return "0"
	}
	return d
}

func at(s string, i int) byte {
	if i < len(s) {
		return s[i]
	}
	return 0
}

// label matches the first of words at i.
func label(s string, i int, words ...string) (string, int) {
	for _, w := range words {
		if strings.HasPrefix(s[i:], w) {
			return w, i + len(w)
		}
	}
	return "", i
}

// suffixNumber reads the "[sep][N]" after a pre, post or dev label. A
// separator without digits is consumed, as the greedy reference pattern
// does ("1.0a." is 1.0a0).
func suffixNumber(s string, i int) (string, int) {
	if isSep(at(s, i)) {
		i++
	}
	if n, j := digits(s, i); j > i {
		return n, j
	}
	return "0", i
}

// parsePrefix parses a version at the start of the lower-case string s and
// returns it with the number of bytes read. Without local, a "+" ends the
// version unread.
func parsePrefix(s string, local bool) (Version, int, bool) {
	v := Version{epoch: "0", preKind: -1}
	i := 0
	if at(s, i) == 'v' {
		i++
	}
	n, j := digits(s, i)
	if j == i {
		return v, 0, false
	}
	i = j
	if at(s, i) == '!' {
		v.epoch = n
		if n, j = digits(s, i+1); j == i+1 {
			return v, 0, false
		}
		i = j
	}
	v.release = []string{n}
	for at(s, i) == '.' && isDigit(at(s, i+1)) {
		n, i = digits(s, i+1)
		v.release = append(v.release, n)
	}
	// pre-release
	j = i
	if isSep(at(s, j)) {
		j++
	}
	if w, k := label(s, j, "alpha", "a", "beta", "b", "preview", "pre", "c", "rc"); k > j {
		switch w {
		case "alpha", "a":
			v.preKind = 0
		case "beta", "b":
			v.preKind = 1
		default:
			v.preKind = 2
		}
		v.pre, i = suffixNumber(s, k)
	}
	// post-release: "-N" or [sep](post|rev|r)[sep][N]
	if at(s, i) == '-' && isDigit(at(s, i+1)) {
		v.post, i = digits(s, i+1)
	} else {
		j = i
		if isSep(at(s, j)) {
			j++
		}
		if _, k := label(s, j, "post", "rev", "r"); k > j {
			v.post, i = suffixNumber(s, k)
		}
	}
	// dev-release
	j = i
	if isSep(at(s, j)) {
		j++
	}
	if _, k := label(s, j, "dev"); k > j {
		v.dev, i = suffixNumber(s, k)
	}
	if local && at(s, i) == '+' {
		i++
		for {
			j := i
			for j < len(s) && isAlnum(s[j]) {
				j++
			}
			if j == i {
				return v, 0, false
			}
			part := s[i:j]
			if strings.Trim(part, "0123456789") == "" {
				part = trimZeros(part)
			}
			v.local = append(v.local, part)
			i = j
			if !isSep(at(s, i)) || !isAlnum(at(s, i+1)) {
				break
			}
			i++
		}
	}
	return v, i, true
}

// String is the normalised form ("1.0rc1.post2.dev3+ubuntu.1").
func (v Version) String() string {
	var b strings.Builder
	v.writePublic(&b)
	if len(v.local) > 0 {
		b.WriteByte('+')
		b.WriteString(strings.Join(v.local, "."))
	}
	return b.String()
}

func (v Version) writePublic(b *strings.Builder) {
	if v.epoch != "0" {
		b.WriteString(v.epoch)
		b.WriteByte('!')
	}
	b.WriteString(strings.Join(v.release, "."))
	if v.preKind >= 0 {
		b.WriteString(preLabels[v.preKind])
		b.WriteString(v.pre)
	}
	if v.post != "" {
		b.WriteString(".post")
		b.WriteString(v.post)
	}
	if v.dev != "" {
		b.WriteString(".dev")
		b.WriteString(v.dev)
	}
}

// Public is the version without its local part.
func (v Version) Public() Version {
	v.local = nil
	return v
}

// Base is the epoch and release only ("1!2.0" for "1!2.0rc1.post1+x").
func (v Version) Base() Version {
	return Version{epoch: v.epoch, release: v.release, preKind: -1}
}

// IsPrerelease reports a pre-release or development release.
func (v Version) IsPrerelease() bool { return v.preKind >= 0 || v.dev != "" }

// IsPostrelease reports a post-release.
func (v Version) IsPostrelease() bool { return v.post != "" }

// IsDevrelease reports a development release.
func (v Version) IsDevrelease() bool { return v.dev != "" }

// HasLocal reports a local version label ("+ubuntu1").
func (v Version) HasLocal() bool { return len(v.local) > 0 }

// IsZero reports the zero Version, which no successful Parse returns.
func (v Version) IsZero() bool { return len(v.release) == 0 }

// Release returns the release numbers as written (trailing zeros kept).
func (v Version) Release() []string { return append([]string(nil), v.release...) }

// cmpNum compares decimal digit strings without leading zeros.
func cmpNum(a, b string) int {
	if len(a) != len(b) {
		if len(a) < len(b) {
			return -1
		}
		return 1
	}
	return strings.Compare(a, b)
}

// Compare orders versions as PEP 440 does and returns -1, 0 or 1: epoch,
// release (trailing zeros ignored), then a bare dev release before
// pre-releases before the final release before post-releases, dev
// releases before their parent, and a local version after its public one.
func Compare(a, b Version) int {
	if c := cmpNum(a.epoch, b.epoch); c != 0 {
		return c
	}
	if c := compareRelease(a.release, b.release); c != 0 {
		return c
	}
	if c := preRank(a) - preRank(b); c != 0 {
		return sign(c)
	}
	if a.preKind >= 0 {
		if c := cmpNum(a.pre, b.pre); c != 0 {
			return c
		}
	}
	if c := cmpOptional(a.post, b.post, -1); c != 0 {
		return c
	}
	if c := cmpOptional(a.dev, b.dev, 1); c != 0 {
		return c
	}
	return compareLocal(a.local, b.local)
}

func sign(n int) int {
	switch {
	case n < 0:
		return -1
	case n > 0:
		return 1
	}
	return 0
}

func compareRelease(a, b []string) int {
	for i := 0; i < max(len(a), len(b)); i++ {
		x, y := "0", "0"
		if i < len(a) {
			x = a[i]
		}
		if i < len(b) {
			y = b[i]
		}
		if c := cmpNum(x, y); c != 0 {
			return c
		}
	}
	return 0
}

// preRank: a dev release with neither pre nor post part sorts before
// every pre-release, a version without a pre-release after all of them.
func preRank(v Version) int {
	switch {
	case v.preKind < 0 && v.post == "" && v.dev != "":
		return -1
	case v.preKind < 0:
		return 3
	}
	return int(v.preKind)
}

// cmpOptional compares optional numbers; absent sorts before any number
// when absent is -1, after any number when it is 1.
func cmpOptional(a, b string, absent int) int {
	switch {
	case a == "" && b == "":
		return 0
	case a == "":
		return absent
	case b == "":
		return -absent
	}
	return cmpNum(a, b)
}

// compareLocal: segment by segment, numbers sort after strings and compare
// numerically; when one is a prefix of the other the shorter is smaller.
func compareLocal(a, b []string) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		xn, yn := isDigit(x[0]) && strings.Trim(x, "0123456789") == "", isDigit(y[0]) && strings.Trim(y, "0123456789") == ""
		switch {
		case xn && yn:
			if c := cmpNum(x, y); c != 0 {
				return c
			}
		case xn:
			return 1
		case yn:
			return -1
		default:
			if c := strings.Compare(x, y); c != 0 {
				return c
			}
		}
	}
	return sign(len(a) - len(b))
}

// Equal reports Compare(a, b) == 0 ("1.0" equals "1.0.0").
func Equal(a, b Version) bool { return Compare(a, b) == 0 }
