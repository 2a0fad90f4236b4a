package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/lockcheck"
	"github.com/snakeguard/snakeguard/internal/deps/manifest"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
)

// lockNames are files that pin a pyproject's or Pipfile's dependencies.
var lockNames = []string{"poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Pipfile.lock", "requirements.txt", "requirements.lock"}

// isDeclarationFile reports whether a file name is a manifest that
// declares dependencies without being a requirements or lock file.
func isDeclarationFile(name string) bool {
	switch name {
	case "pyproject.toml", "Pipfile", "setup.cfg", "setup.py":
		return true
	}
	return false
}

// readManifest reads one pyproject.toml, Pipfile, setup.cfg or setup.py.
// A file that does not parse becomes an error notice; the other files are
// still audited.
func readManifest(in *depsInput, path string, seen map[string]bool) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rel := displayPath(path)
	switch filepath.Base(path) {
	case "pyproject.toml":
		return readPyproject(in, path, rel, data)
	case "Pipfile":
		return readPipfile(in, path, rel, data)
	case "setup.cfg":
		c, err := manifest.ParseSetupCfg(rel, data)
		return readSetup(in, path, rel, c, err, seen)
	default:
		c, err := manifest.ParseSetupPy(rel, data)
		return readSetup(in, path, rel, c, err, seen)
	}
}

// readPyproject reads the dependencies a pyproject.toml declares. Exact
// pins are audited; every name is checked for typosquatting; a pyproject
// with dependencies but no lock file beside it is reported (SG905), and
// so are declarations the lock beside it does not satisfy (SG906).
func readPyproject(in *depsInput, path, rel string, data []byte) error {
	py, err := manifest.ParsePyproject(rel, data)
	if err != nil {
		in.notices = append(in.notices, parseNotice(rel, err))
		return nil
	}
	in.files = append(in.files, rel)
	in.problems(rel, py.Problems)
	in.declareAll(rel, py.Dependencies)
	if err := in.missingLock(path, rel, data, py.FirstLine); err != nil {
		return err
	}
	return in.staleLocks(path, rel, py.Name, py.Dependencies)
}

// readPipfile reads a Pipfile as readPyproject reads a pyproject.toml;
// its lock is Pipfile.lock.
func readPipfile(in *depsInput, path, rel string, data []byte) error {
	pf, err := manifest.ParsePipfile(rel, data)
	if err != nil {
		in.notices = append(in.notices, parseNotice(rel, err))
		return nil
	}
	in.files = append(in.files, rel)
	in.problems(rel, pf.Problems)
	in.declareAll(rel, pf.Dependencies)
	if err := in.missingLock(path, rel, data, pf.FirstLine); err != nil {
		return err
	}
	before := len(in.findings)
	if err := in.staleLocks(path, rel, "", pf.Dependencies); err != nil {
		return err
	}
	if len(in.findings) > before {
		return nil // the stale declarations say more than the hash would
	}
	return in.pipfileHash(path, rel, data, pf)
}

// pipfileHash reports a Pipfile.lock whose recorded Pipfile hash matches
// none that pipenv computes for this Pipfile: pipenv then relocks, and
// `pipenv install --deploy` refuses to install (SG906).
func (in *depsInput) pipfileHash(path, rel string, data []byte, pf manifest.Pipfile) error {
	lockPath := filepath.Join(filepath.Dir(path), "Pipfile.lock")
	lockData, err := os.ReadFile(lockPath)
	if err != nil {
		return nil
	}
	lockRel := displayPath(lockPath)
	recorded, _, err := manifest.PipfileLockHash(lockRel, lockData)
	if err != nil || recorded == "" {
		return nil
	}
	hashes, ok := manifest.PipfileHashes(pf.Data)
	if !ok {
		return nil
	}
	for _, h := range hashes {
		if strings.EqualFold(h, recorded) {
			return nil
		}
	}
	line := max(pf.FirstLine, 1)
	text := lineAt(strings.Split(string(data), "\n"), line)
	loc := spanOf(finding.Location{Path: rel, Line: line, Column: 1}, text, strings.TrimSpace(text))
	short := recorded
	if len(short) > 12 {
		short = short[:12]
	}
	f, err := audit.RuleFinding(audit.RuleStaleLock, loc, text, "pipfile-hash Pipfile.lock",
		fmt.Sprintf("%s was locked from a different Pipfile: the hash it records (%s…) is not that of %s, so `pipenv install --deploy` refuses it", lockRel, short, rel),
		"Regenerate Pipfile.lock with `pipenv lock` and commit it together with Pipfile.",
		map[string]any{"lock_file": lockRel, "recorded_hash": recorded})
	if err != nil {
		return err
	}
	in.findings = append(in.findings, f)
	return nil
}

// readSetup records what a setup.cfg or setup.py declares. These are a
// library's ranges: exact pins are audited and names checked, but
// neither pinning nor a lock file is asked for. Requirements files named
// by `file:` are read as declarations too.
func readSetup(in *depsInput, path, rel string, c manifest.SetupConfig, err error, seen map[string]bool) error {
	if err != nil {
		in.notices = append(in.notices, parseNotice(rel, err))
		return nil
	}
	in.files = append(in.files, rel)
	in.problems(rel, c.Problems)
	if c.Computed {
		in.incomplete = append(in.incomplete, rel)
	}
	in.declareAll(rel, c.Dependencies)
	for _, ref := range c.Files {
		target := filepath.Join(filepath.Dir(path), filepath.FromSlash(ref.Target))
		clean := filepath.Clean(target)
		if seen[clean] {
			continue
		}
		seen[clean] = true
		data, err := os.ReadFile(target)
		if err != nil {
			in.notices = append(in.notices, report.Notice{Path: rel, Line: ref.Line, Level: report.LevelWarning,
				Message: fmt.Sprintf("requirements file %s named by file: cannot be read; its dependencies are not audited", ref.Target)})
			in.incomplete = append(in.incomplete, rel)
			continue
		}
		refRel := displayPath(target)
		reqs := manifest.ParseRequirements(data)
		in.files = append(in.files, refRel)
		in.problems(refRel, reqs.Problems)
		in.declareAll(refRel, reqs.Dependencies)
	}
	return nil
}

func (in *depsInput) problems(rel string, ps []manifest.Problem) {
	for _, p := range ps {
		in.notices = append(in.notices, report.Notice{Path: rel, Line: p.Line, Level: report.LevelWarning, Message: p.Message})
	}
}

// declareAll records declarations and audits those that apply to the
// target environment.
func (in *depsInput) declareAll(rel string, deps []manifest.Dependency) {
	for _, d := range deps {
		in.declare(d)
		if in.applies(d) {
			in.addPackage(rel, d)
		}
	}
}

// missingLock reports a manifest with declarations but no lock file
// beside it (SG905).
func (in *depsInput) missingLock(path, rel string, data []byte, firstLine int) error {
	if firstLine == 0 || hasLockBeside(path) {
		return nil
	}
	text := lineAt(strings.Split(string(data), "\n"), firstLine)
	loc := finding.Location{Path: rel, Line: firstLine, Column: 1}
	f, err := audit.RuleFinding(audit.RuleMissingLock, spanOf(loc, text, strings.TrimSpace(text)), text, rel,
		fmt.Sprintf("%s declares dependencies but no lock file (%s) pins them beside it", rel, strings.Join(lockNames[:5], ", ")), "", nil)
	if err != nil {
		return err
	}
	in.findings = append(in.findings, f)
	return nil
}

// staleLocks holds the declarations of a manifest against each lock file
// beside it that locks them (SG906, internal/deps/lockcheck). A lock that does not parse is left
// to the audit of the lock itself.
func (in *depsInput) staleLocks(path, rel, project string, declared []manifest.Dependency) error {
	base := filepath.Base(path)
	for _, lockName := range lockNames {
		if !lockcheck.Comparable(base, lockName) {
			continue
		}
		lockPath := filepath.Join(filepath.Dir(path), lockName)
		data, err := os.ReadFile(lockPath)
		if err != nil {
			continue
		}
		lockRel := displayPath(lockPath)
		var locked []manifest.Dependency
		if lockName == "Pipfile.lock" {
			locked, err = manifest.ParsePipfileLock(lockRel, data)
		} else {
			locked, err = manifest.ParseTOMLLock(lockRel, data)
		}
		if err != nil {
			continue
		}
		for _, m := range lockcheck.Check(declared, locked, lockcheck.Options{Lock: lockRel, Project: project, Env: in.env}) {
			if err := in.addStale(rel, base, lockName, m); err != nil {
				return err
			}
		}
	}
	return nil
}

// addStale reports one declaration the lock does not satisfy, at its
// line in the manifest.
func (in *depsInput) addStale(rel, manifestName, lockName string, m lockcheck.Mismatch) error {
	d := m.Declared
	loc := finding.Location{Path: rel, Line: d.Line, Column: 1}
	if d.Column > 0 {
		loc.Column, loc.EndLine, loc.EndColumn = d.Column, d.Line, d.Column+utf8.RuneCountInString(d.Name)
	}
	fix := fmt.Sprintf("Regenerate %s with `%s` and commit it together with %s.", lockName, lockcheck.LockCommand(lockName), manifestName)
	props := map[string]any{report.PropPackage: d.Name, "lock_file": lockName, "locked_versions": nonNil(m.Locked)}
	f, err := audit.RuleFinding(audit.RuleStaleLock, loc, d.Text, d.Name+" "+lockName, m.Message, fix, props)
	if err != nil {
		return err
	}
	in.findings = append(in.findings, f)
	return nil
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// spanOf narrows loc to the first occurrence of s on its line.
func spanOf(loc finding.Location, text, s string) finding.Location {
	if i := strings.Index(text, s); i >= 0 && s != "" {
		loc.Column = len([]rune(text[:i])) + 1
		loc.EndLine = loc.Line
		loc.EndColumn = loc.Column + len([]rune(s))
	}
	return loc
}

func lineAt(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

func hasLockBeside(path string) bool {
	dir := filepath.Dir(path)
	for _, n := range lockNames {
		if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
			return true
		}
	}
	matches, _ := filepath.Glob(filepath.Join(dir, "requirements*.txt"))
	return len(matches) > 0
}
