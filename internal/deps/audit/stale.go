package audit

import (
	"path"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/manifest"
	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// LockMismatch is a declared dependency that the lock file beside its
// manifest does not satisfy (SG906).
type LockMismatch struct {
	Declared manifest.Dependency
	// Locked are the versions the lock holds for it; empty when the lock
	// does not hold it at all.
	Locked []string
}

// lockedTables says which manifest tables each lock file resolves. Every
// table of a Pipfile goes to Pipfile.lock. poetry lock resolves every
// group and extra; uv lock every extra and dependency group; pdm.lock may
// leave groups and extras out, so only the main dependencies are held
// against it.
var lockedTables = map[string][]string{
	"poetry.lock": {"project.dependencies", "project.optional-dependencies", "tool.poetry.dependencies", "tool.poetry.dev-dependencies", "tool.poetry.group"},
	"uv.lock":     {"project.dependencies", "project.optional-dependencies", "dependency-groups"},
	"pdm.lock":    {"project.dependencies"},
}

// ComparableLock reports whether a lock file (by base name) can be held
// against the declarations of a manifest (pyproject.toml or Pipfile).
func ComparableLock(manifestName, lockName string) bool {
	if manifestName == "Pipfile" {
		return lockName == "Pipfile.lock"
	}
	return manifestName == "pyproject.toml" && lockedTables[lockName] != nil
}

// locks reports whether lockName resolves the table d comes from.
func locks(lockName string, d manifest.Dependency) bool {
	if lockName == "Pipfile.lock" {
		return true
	}
	for _, t := range lockedTables[lockName] {
		if d.Table == t {
			return true
		}
	}
	return false
}

// CompareLock returns the declarations of a manifest that the lock file
// lockPath (locked holds its packages) does not satisfy: missing from it,
// or locked only at versions outside the declared range. Only certain
// mismatches are returned: direct references, the project itself,
// declarations whose marker does not hold for env (or cannot be
// evaluated there), tables the lock format may leave out, and ranges that
// do not parse are not compared; a locked entry without a version (a VCS
// or path package) satisfies any range.
func CompareLock(declared []manifest.Dependency, project, lockPath string, locked []manifest.Dependency, env pep508.Environment) []LockMismatch {
	lockName := path.Base(strings.ReplaceAll(lockPath, `\`, "/"))
	byName := map[string][]string{}
	for _, l := range locked {
		n := pep508.NormalizeName(l.Name)
		byName[n] = append(byName[n], l.Version)
	}
	self := pep508.NormalizeName(project)
	var out []LockMismatch
	for _, d := range declared {
		name := pep508.NormalizeName(d.Name)
		if d.Direct || name == self || !locks(lockName, d) || !holds(d.Marker, env) {
			continue
		}
		versions, ok := byName[name]
		if !ok {
			out = append(out, LockMismatch{Declared: d})
			continue
		}
		sets, err := manifest.Constraint(d)
		if err != nil || sets == nil || admitsAny(sets, versions) {
			continue
		}
		out = append(out, LockMismatch{Declared: d, Locked: versions})
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

// admitsAny reports whether one of the locked versions lies in one of the
// sets; a version that is missing or not PEP 440 counts as admitted.
func admitsAny(sets []pep440.SpecifierSet, versions []string) bool {
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
