// Package manifest reads the files that declare or pin a Python project's
// dependencies: requirements files, pyproject.toml, lock files (poetry,
// uv, pdm, pylock, Pipfile.lock), Pipfile, setup.cfg, setup.py (read
// statically, never run) and installed distributions' METADATA. Every
// dependency keeps the file and line it came from; a file that does not
// parse gives a *ParseError naming the file and line.
package manifest

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Dependency is one declared or locked dependency.
type Dependency struct {
	Name    string // as written
	Version string // the exact version (== without wildcard, ===, or a lock's version); "" if not pinned
	// Spec is the version constraint as written ("" for any version).
	Spec   string
	Marker *pep508.Marker // nil: always applies
	Direct bool           // a URL, VCS or path reference
	Hashed bool           // carries --hash options (requirements files)
	Line   int            // 1-based line of the dependency
	Column int            // 1-based column of the name on that line (characters), 0 if not found
	Text   string         // the text of that line
	Group  string         // extra, dependency group or lock section ("" for the main dependencies)
	// Table is where a pyproject.toml or Pipfile declares it:
	// "project.dependencies", "project.optional-dependencies",
	// "dependency-groups", "tool.poetry.dependencies",
	// "tool.poetry.dev-dependencies", "tool.poetry.group", or a Pipfile
	// category ("packages", "dev-packages", ...); "" for other files.
	Table string
}

// Problem is a line this build skipped, with the reason.
type Problem struct {
	Line    int
	Message string
}

// ParseError is a file that could not be read as its format.
type ParseError struct {
	Path string
	Line int // 0 when unknown
	Err  error
}

func (e *ParseError) Error() string {
	if e.Line > 0 {
		return fmt.Sprintf("%s:%d: %v", e.Path, e.Line, e.Err)
	}
	return fmt.Sprintf("%s: %v", e.Path, e.Err)
}

func (e *ParseError) Unwrap() error { return e.Err }

// lines splits data into lines without their line endings.
func lines(data []byte) []string {
	ls := strings.Split(string(data), "\n")
	for i, l := range ls {
		ls[i] = strings.TrimSuffix(l, "\r")
	}
	return ls
}

func lineAt(ls []string, n int) string {
	if n < 1 || n > len(ls) {
		return ""
	}
	return ls[n-1]
}

// nameColumn is the 1-based column (in characters) of name on line, or 0.
func nameColumn(line, name string) int {
	if name == "" {
		return 0
	}
	if i := strings.Index(line, name); i >= 0 {
		return utf8.RuneCountInString(line[:i]) + 1
	}
	if i := strings.Index(strings.ToLower(line), strings.ToLower(name)); i >= 0 && utf8.ValidString(line) {
		return utf8.RuneCountInString(line[:i]) + 1
	}
	return 0
}

// place sets the line, its text and the name's column.
func (d *Dependency) place(ls []string, line int) {
	d.Line = line
	d.Text = lineAt(ls, line)
	d.Column = nameColumn(d.Text, d.Name)
}

// exactVersion returns the version a specifier set pins: its only clause
// is == without a wildcard, or ===.
func exactVersion(set pep440.SpecifierSet) string {
	specs := set.Specifiers()
	if len(specs) != 1 {
		return ""
	}
	switch s := specs[0]; {
	case s.Operator() == pep440.Arbitrary:
		return s.Version()
	case s.Operator() == pep440.Equal_ && !s.Wildcard():
		return s.Version()
	}
	return ""
}

// FromRequirement turns a parsed PEP 508 requirement into a dependency.
func FromRequirement(r pep508.Requirement) Dependency {
	return Dependency{Name: r.Name, Version: exactVersion(r.Specifier), Spec: r.SpecifierText, Marker: r.Marker, Direct: r.URL != ""}
}
