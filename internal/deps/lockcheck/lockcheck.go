// Package lockcheck compares the dependencies a pyproject.toml or Pipfile
// declares with the versions the lock file beside it locks (SG906): a
// declared dependency the lock leaves out, or one whose locked versions
// all lie outside the declared range, means the lock is out of date.
package lockcheck

import (
	"fmt"
	"path"
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

// Options say which lock is compared and for which environment.
type Options struct {
	// Lock is the lock file as messages name it ("svc/uv.lock"); its base
	// name says which tool wrote it.
	Lock string
	// Project is the project's own name, which its lock need not hold.
	Project string
	// Env is the target of marker evaluation: a declaration whose marker
	// is not known to hold there is not judged.
	Env pep508.Environment
}

// readers are the manifest tables each lock file's tool resolves. A
// declaration from another table (a Poetry table against uv.lock) is not
// judged; one whose table is not known ("") is.
var readers = map[string][]string{
	"poetry.lock": {"project.dependencies", "project.optional-dependencies", "tool.poetry.dependencies", "tool.poetry.dev-dependencies", "tool.poetry.group"},
	"uv.lock":     {"project.dependencies", "project.optional-dependencies", "dependency-groups"},
	"pdm.lock":    {"project.dependencies", "project.optional-dependencies", "dependency-groups"},
}

// mainTables are the tables every lock of its tool must hold in full;
// extras, groups and custom categories may be left out of a lock
// (pdm lock -G, pipenv lock --categories), so a name missing from there
// is not reported.
var mainTables = map[string]bool{"": true, "project.dependencies": true, "tool.poetry.dependencies": true, "packages": true, "dev-packages": true}

// Comparable reports whether a lock file (by base name) can be held
// against the declarations of a manifest (pyproject.toml or Pipfile).
// pylock.toml is not: it may be written for one environment, from
// another input than the pyproject beside it.
func Comparable(manifestName, lockName string) bool {
	if manifestName == "Pipfile" {
		return lockName == "Pipfile.lock"
	}
	return manifestName == "pyproject.toml" && readers[lockName] != nil
}

// reads reports whether the tool of lockName resolves d's table.
func reads(lockName string, d manifest.Dependency) bool {
	if lockName == "Pipfile.lock" || d.Table == "" {
		return true
	}
	for _, t := range readers[lockName] {
		if d.Table == t {
			return true
		}
	}
	return false
}

// Check returns the declarations the locked packages do not satisfy.
// Only certain mismatches are returned: direct references (URLs, paths,
// VCS), the project itself, declarations whose marker is not known to
// hold for opt.Env, tables the lock's tool does not read, and ranges that
// do not parse are not judged; a name missing from the lock is reported
// only for the main dependencies (and a Pipfile's dev-packages); a locked
// entry without a version (a VCS or path package) satisfies any range.
func Check(declared, locked []manifest.Dependency, opt Options) []Mismatch {
	lockName := path.Base(strings.ReplaceAll(opt.Lock, `\`, "/"))
	versions := map[string][]string{}
	for _, l := range locked {
		n := pep508.NormalizeName(l.Name)
		versions[n] = append(versions[n], l.Version)
	}
	self := pep508.NormalizeName(opt.Project)
	var out []Mismatch
	for _, d := range declared {
		name := pep508.NormalizeName(d.Name)
		if d.Direct || name == self || !reads(lockName, d) || !holds(d.Marker, opt.Env) {
			continue
		}
		have, ok := versions[name]
		if !ok {
			if mainTables[d.Table] {
				out = append(out, Mismatch{Declared: d, Message: fmt.Sprintf("%s is declared but %s does not lock it", d.Name, opt.Lock)})
			}
			continue
		}
		sets, err := manifest.Constraint(d)
		if err != nil || sets == nil || satisfied(sets, have) {
			continue
		}
		out = append(out, Mismatch{Declared: d, Locked: have, Message: fmt.Sprintf("%s is declared as %s but %s locks %s",
			d.Name, strings.TrimSpace(d.Spec), opt.Lock, strings.Join(have, ", "))})
	}
	return out
}

// holds reports whether a marker is known to be true for env.
func holds(m *pep508.Marker, env pep508.Environment) bool {
	if m == nil {
		return true
	}
	if env == nil {
		return false
	}
	ok, err := m.Evaluate(env)
	return err == nil && ok
}

// satisfied reports whether one of the locked versions lies in one of the
// sets; a version that is missing or not PEP 440 is not judged.
func satisfied(sets []pep440.SpecifierSet, versions []string) bool {
	for _, raw := range versions {
		v, err := pep440.Parse(raw)
		if raw == "" || err != nil {
			return true
		}
		for _, s := range sets {
			if s.Contains(v, pep440.PrereleasesAllow) {
				return true
			}
		}
	}
	return false
}

// LockCommand is the command that regenerates a lock file.
func LockCommand(lockName string) string {
	switch lockName {
	case "poetry.lock":
		return "poetry lock"
	case "uv.lock":
		return "uv lock"
	case "pdm.lock":
		return "pdm lock"
	case "Pipfile.lock":
		return "pipenv lock"
	}
	return "your tool's lock command"
}
