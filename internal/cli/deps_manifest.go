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

// lockNames are files that pin a pyproject's dependencies.
var lockNames = []string{"poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Pipfile.lock", "requirements.txt", "requirements.lock"}

// readPyproject reads the dependencies a pyproject.toml declares. Exact
// pins are audited; every name is checked for typosquatting; a pyproject
// with dependencies but no lock file beside it is reported (SG905).
func readPyproject(in *depsInput, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rel := displayPath(path)
	py, err := manifest.ParsePyproject(rel, data)
	if err != nil {
		in.notices = append(in.notices, parseNotice(rel, err))
		return nil
	}
	for _, p := range py.Problems {
		in.notices = append(in.notices, report.Notice{Path: rel, Line: p.Line, Level: report.LevelWarning, Message: p.Message})
	}
	var applying []manifest.Dependency
	for _, d := range py.Dependencies {
		if in.applies(d) {
			in.addPackage(rel, d)
			applying = append(applying, d)
		}
	}
	if err := checkLockBeside(in, path, rel, applying); err != nil {
		return err
	}
	if py.FirstLine > 0 && !hasLockBeside(path) {
		text := lineAt(strings.Split(string(data), "\n"), py.FirstLine)
		loc := finding.Location{Path: rel, Line: py.FirstLine, Column: 1}
		f, err := audit.RuleFinding(audit.RuleMissingLock, spanOf(loc, text, strings.TrimSpace(text)), text, rel,
			fmt.Sprintf("%s declares dependencies but no lock file (%s) pins them beside it", rel, strings.Join(lockNames[:5], ", ")), "", nil)
		if err != nil {
			return err
		}
		in.findings = append(in.findings, f)
	}
	return nil
}

// tomlLockNames are the lock files beside a pyproject.toml whose packages
// are compared with its declarations (SG906), in order of preference.
var tomlLockNames = []string{"uv.lock", "poetry.lock", "pdm.lock", "pylock.toml"}

// checkLockBeside reports the declared dependencies that the lock file
// beside the pyproject does not satisfy (SG906). A lock that does not
// parse is left to the lock-file reader, which reports it.
func checkLockBeside(in *depsInput, path, rel string, declared []manifest.Dependency) error {
	for _, name := range tomlLockNames {
		lockPath := filepath.Join(filepath.Dir(path), name)
		data, err := os.ReadFile(lockPath)
		if err != nil {
			continue
		}
		locked, err := manifest.ParseTOMLLock(displayPath(lockPath), data)
		if err != nil {
			return nil
		}
		for _, m := range lockcheck.Check(declared, locked, name) {
			d := m.Declared
			loc := finding.Location{Path: rel, Line: d.Line, Column: 1}
			if d.Column > 0 {
				loc.Column, loc.EndLine, loc.EndColumn = d.Column, d.Line, d.Column+utf8.RuneCountInString(d.Name)
			}
			props := map[string]any{report.PropPackage: d.Name, "lock_file": name, "locked_versions": nonNilStrings(m.Locked)}
			f, err := audit.RuleFinding(audit.RuleStaleLock, loc, d.Text, d.Name, m.Message+"; regenerate the lock file", "", props)
			if err != nil {
				return err
			}
			in.findings = append(in.findings, f)
		}
		return nil
	}
	return nil
}

func nonNilStrings(s []string) []string {
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
