package audit

import (
	"fmt"
	"math/big"
	"strings"
)

// version is a parsed PEP 440 version, reduced to what ordering needs.
type version struct {
	epoch   *big.Int
	release []*big.Int // trailing zeros removed
	pre     preRelease // kind -1: none
	post    *big.Int   // nil: none
	dev     *big.Int   // nil: none
	local   []localPart
}

type preRelease struct {
	kind int // -1 none, 0 a, 1 b, 2 rc
	n    *big.Int
}

type localPart struct {
	num *big.Int // nil for a string part
	str string
}

// parseVersion parses a PEP 440 version in any of the spellings the
// specification normalises (case, "v" prefix, "alpha"/"c"/"rev"
// spellings, separators, implicit numbers).
func parseVersion(s string) (version, error) {
	p := &versionParser{s: strings.ToLower(strings.TrimSpace(s))}
	v, ok := p.parse()
	if !ok || p.i != len(p.s) {
		return version{}, fmt.Errorf("invalid PEP 440 version %q", s)
	}
	return v, nil
}

type versionParser struct {
	s string
	i int
}

func (p *versionParser) peek() byte {
	if p.i < len(p.s) {
		return p.s[p.i]
	}
	return 0
}

func (p *versionParser) number() (*big.Int, bool) {
	start := p.i
	for p.i < len(p.s) && '0' <= p.s[p.i] && p.s[p.i] <= '9' {
		p.i++
	}
	if p.i == start {
		return nil, false
	}
	n, _ := new(big.Int).SetString(p.s[start:p.i], 10)
	return n, true
}

// word consumes the first of words found at the position.
func (p *versionParser) word(words ...string) (string, bool) {
	for _, w := range words {
		if strings.HasPrefix(p.s[p.i:], w) {
			p.i += len(w)
			return w, true
		}
	}
	return "", false
}

func (p *versionParser) sep() bool {
	if c := p.peek(); c == '.' || c == '-' || c == '_' {
		p.i++
		return true
	}
	return false
}

// implicitNumber reads "[sep]N" after a pre, post or dev label; without
// digits the number is 0 and a separator is left alone.
func (p *versionParser) implicitNumber() *big.Int {
	save := p.i
	p.sep()
	if n, ok := p.number(); ok {
		return n
	}
	p.i = save
	return new(big.Int)
}

func (p *versionParser) parse() (version, bool) {
	v := version{epoch: new(big.Int), pre: preRelease{kind: -1}}
	if p.peek() == 'v' {
		p.i++
	}
	n, ok := p.number()
	if !ok {
		return v, false
	}
	if p.peek() == '!' {
		p.i++
		v.epoch = n
		if n, ok = p.number(); !ok {
			return v, false
		}
	}
	v.release = []*big.Int{n}
	for p.peek() == '.' && p.i+1 < len(p.s) && '0' <= p.s[p.i+1] && p.s[p.i+1] <= '9' {
		p.i++
		n, _ := p.number()
		v.release = append(v.release, n)
	}
	for len(v.release) > 1 && v.release[len(v.release)-1].Sign() == 0 {
		v.release = v.release[:len(v.release)-1]
	}
	// pre-release
	save := p.i
	p.sep()
	if w, ok := p.word("alpha", "beta", "preview", "pre", "rc", "a", "b", "c"); ok {
		kind := map[string]int{"a": 0, "alpha": 0, "b": 1, "beta": 1, "rc": 2, "c": 2, "pre": 2, "preview": 2}[w]
		v.pre = preRelease{kind: kind, n: p.implicitNumber()}
	} else {
		p.i = save
	}
	// post-release: "-N" or [sep] post|rev|r [sep] [N]
	save = p.i
	if p.peek() == '-' {
		p.i++
		if n, ok := p.number(); ok {
			v.post = n
		} else {
			p.i = save
		}
	}
	if v.post == nil {
		p.sep()
		if _, ok := p.word("post", "rev", "r"); ok {
			v.post = p.implicitNumber()
		} else {
			p.i = save
		}
	}
	// dev-release
	save = p.i
	p.sep()
	if _, ok := p.word("dev"); ok {
		v.dev = p.implicitNumber()
	} else {
		p.i = save
	}
	// local version
	if p.peek() == '+' {
		p.i++
		for {
			start := p.i
			for p.i < len(p.s) && (('a' <= p.s[p.i] && p.s[p.i] <= 'z') || ('0' <= p.s[p.i] && p.s[p.i] <= '9')) {
				p.i++
			}
			if p.i == start {
				return v, false
			}
			seg := p.s[start:p.i]
			if n, ok := new(big.Int).SetString(seg, 10); ok {
				v.local = append(v.local, localPart{num: n})
			} else {
				v.local = append(v.local, localPart{str: seg})
			}
			if !p.sep() {
				break
			}
		}
	}
	return v, true
}

// compareVersions orders versions as PEP 440 does: epoch, release,
// then dev-only releases before pre-releases before the release before
// post-releases, then local versions after the public one.
func compareVersions(a, b version) int {
	if c := a.epoch.Cmp(b.epoch); c != 0 {
		return c
	}
	for i := 0; i < max(len(a.release), len(b.release)); i++ {
		x, y := big.NewInt(0), big.NewInt(0)
		if i < len(a.release) {
			x = a.release[i]
		}
		if i < len(b.release) {
			y = b.release[i]
		}
		if c := x.Cmp(y); c != 0 {
			return c
		}
	}
	if c := cmpInts(preKey(a), preKey(b)); c != 0 {
		return c
	}
	if c := cmpOptional(a.post, b.post, -1); c != 0 {
		return c
	}
	if c := cmpOptional(a.dev, b.dev, 1); c != 0 {
		return c
	}
	return compareLocal(a.local, b.local)
}

// preKey ranks the pre-release part: a dev release without a pre or post
// release sorts before every pre-release; no pre-release sorts after all.
func preKey(v version) []*big.Int {
	switch {
	case v.pre.kind < 0 && v.post == nil && v.dev != nil:
		return []*big.Int{big.NewInt(-1)}
	case v.pre.kind < 0:
		return []*big.Int{big.NewInt(3)}
	}
	return []*big.Int{big.NewInt(int64(v.pre.kind)), v.pre.n}
}

func cmpInts(a, b []*big.Int) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		if c := a[i].Cmp(b[i]); c != 0 {
			return c
		}
	}
	return len(a) - len(b)
}

// cmpOptional compares optional numbers; absent sorts as absent (-1
// before any number, +1 after any number).
func cmpOptional(a, b *big.Int, absent int) int {
	switch {
	case a == nil && b == nil:
		return 0
	case a == nil:
		return absent
	case b == nil:
		return -absent
	}
	return a.Cmp(b)
}

// compareLocal: no local part first; segment by segment, numbers sort
// after strings and compare numerically; a longer local version wins a tie.
func compareLocal(a, b []localPart) int {
	for i := 0; i < len(a) && i < len(b); i++ {
		x, y := a[i], b[i]
		switch {
		case x.num != nil && y.num != nil:
			if c := x.num.Cmp(y.num); c != 0 {
				return c
			}
		case x.num != nil:
			return 1
		case y.num != nil:
			return -1
		default:
			if c := strings.Compare(x.str, y.str); c != 0 {
				return c
			}
		}
	}
	return len(a) - len(b)
}
