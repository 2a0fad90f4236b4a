// Package typosquat recognises dependency names that imitate a popular
// PyPI project: one edit away from it, with characters swapped, with a
// python/py prefix or suffix added, or a module's import name used where
// its distribution name belongs (`dateutil` for `python-dateutil`).
//
// The list of popular projects is the 15,000 most downloaded PyPI projects
// of 2026-04-01 (github.com/hugovk/top-pypi-packages); the import names are
// pipreqs' mapping (Apache-2.0). See data/README.md.
package typosquat

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"strings"
	"sync"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

//go:embed data/popular.txt.gz
var popularGz []byte

//go:embed data/imports.tsv.gz
var importsGz []byte

// Match says which popular project a name imitates.
type Match struct {
	Popular string // the project the name resembles
	Reason  string // why, in words
}

// Checker holds the popular names, by rank.
type Checker struct {
	rank    map[string]int    // normalised name -> rank (0 = most downloaded)
	byLen   map[int][]string  // the top names by length, for edit-distance search
	imports map[string]string // import name -> distribution
	top     int
}

// knownImports adds import/distribution pairs the mapping lacks.
var knownImports = map[string]string{
	"attr": "attrs", "fitz": "pymupdf", "skimage": "scikit-image", "mysqldb": "mysqlclient",
	"request": "requests", "crypto": "pycryptodome", "jwt": "pyjwt", "dotenv": "python-dotenv",
	"magic": "python-magic", "serial": "pyserial", "usb": "pyusb", "git": "gitpython",
}

var (
	defaultOnce    sync.Once
	defaultChecker *Checker
	defaultErr     error
)

// Default returns the checker built from the embedded data (built once,
// read-only afterwards).
func Default() (*Checker, error) {
	defaultOnce.Do(func() { defaultChecker, defaultErr = New(popularGz, importsGz, 5000) })
	return defaultChecker, defaultErr
}

// New builds a checker from gzip-compressed popular names (one per line,
// most downloaded first) and import\tdistribution rows; names within the
// first top ranks are the ones imitated.
func New(popular, imports []byte, top int) (*Checker, error) {
	c := &Checker{rank: map[string]int{}, byLen: map[int][]string{}, imports: map[string]string{}, top: top}
	err := readGz(popular, func(line string) {
		n := Normalize(line)
		if _, ok := c.rank[n]; !ok {
			r := len(c.rank)
			c.rank[n] = r
			if r < top {
				c.byLen[len(n)] = append(c.byLen[len(n)], n)
			}
		}
	})
	if err != nil {
		return nil, fmt.Errorf("popular names: %w", err)
	}
	err = readGz(imports, func(line string) {
		if in, dist, ok := strings.Cut(line, "\t"); ok {
			c.imports[Normalize(in)] = Normalize(dist)
		}
	})
	if err != nil {
		return nil, fmt.Errorf("import names: %w", err)
	}
	for k, v := range knownImports {
		c.imports[k] = v
	}
	return c, nil
}

func readGz(data []byte, each func(string)) error {
	zr, err := gzip.NewReader(bytes.NewReader(data))
	if err != nil {
		return err
	}
	sc := bufio.NewScanner(zr)
	for sc.Scan() {
		if s := strings.TrimSpace(sc.Text()); s != "" {
			each(s)
		}
	}
	return sc.Err()
}

// Normalize is PEP 503 name normalisation.
func Normalize(name string) string {
	return pep508.NormalizeName(strings.TrimSpace(name))
}

// Popular reports whether a name is among the known projects at all.
func (c *Checker) Popular(name string) bool {
	_, ok := c.rank[Normalize(name)]
	return ok
}

// Check reports whether name imitates a popular project. A name that is
// itself among the 15,000 known projects is never reported.
func (c *Checker) Check(name string) (Match, bool) {
	n := Normalize(name)
	if n == "" {
		return Match{}, false
	}
	if dist, ok := c.imports[n]; ok && dist != n {
		if _, known := c.rank[n]; !known {
			return Match{Popular: dist, Reason: fmt.Sprintf("%q is the import name of %s; the project to install is %s", name, dist, dist)}, true
		}
	}
	if _, known := c.rank[n]; known {
		return Match{}, false
	}
	// python-X, py-X, X-python, X-py, pyX around a popular name.
	for _, affix := range []struct{ pre, suf string }{{"python-", ""}, {"py-", ""}, {"", "-python"}, {"", "-py"}, {"py", ""}, {"python", ""}} {
		if strings.HasPrefix(n, affix.pre) && strings.HasSuffix(n, affix.suf) {
			base := strings.TrimSuffix(strings.TrimPrefix(n, affix.pre), affix.suf)
			if base != n && len(base) >= 4 {
				if r, ok := c.rank[base]; ok && r < 500 {
					return Match{Popular: base, Reason: fmt.Sprintf("%q adds %q to the popular project %s", name, affix.pre+affix.suf, base)}, true
				}
			}
		}
	}
	if len(n) < 5 {
		return Match{}, false // short names are too close to each other to judge
	}
	best, bestRank := "", c.top
	for l := len(n) - 1; l <= len(n)+1; l++ {
		for _, p := range c.byLen[l] {
			if c.rank[p] < bestRank && oneEdit(n, p) {
				best, bestRank = p, c.rank[p]
			}
		}
	}
	if best != "" {
		return Match{Popular: best, Reason: fmt.Sprintf("%q is one typo away from the popular project %s", name, best)}, true
	}
	return Match{}, false
}

// oneEdit reports whether a and b differ by one insertion, deletion,
// substitution or swap of adjacent characters (a != b).
func oneEdit(a, b string) bool {
	if a == b {
		return false
	}
	la, lb := len(a), len(b)
	switch {
	case la == lb:
		diff := -1
		for i := 0; i < la; i++ {
			if a[i] != b[i] {
				if diff >= 0 {
					// a swap of two adjacent characters
					return i == diff+1 && a[diff] == b[i] && a[i] == b[diff] && a[i+1:] == b[i+1:]
				}
				diff = i
			}
		}
		return true
	case la == lb+1:
		return deletes(a, b)
	case lb == la+1:
		return deletes(b, a)
	}
	return false
}

// deletes reports whether removing one character of long gives short.
func deletes(long, short string) bool {
	i := 0
	for i < len(short) && long[i] == short[i] {
		i++
	}
	return long[i+1:] == short[i:]
}

// Distribution returns the distribution that provides an import name when
// the two differ (`yaml` -> `pyyaml`).
func (c *Checker) Distribution(importName string) (string, bool) {
	d, ok := c.imports[Normalize(importName)]
	return d, ok
}
