package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/typosquat"
	"github.com/snakeguard/snakeguard/internal/report"
)

// pyprojectFile is the part of pyproject.toml that declares dependencies.
type pyprojectFile struct {
	Project struct {
		Dependencies         []string            `toml:"dependencies"`
		OptionalDependencies map[string][]string `toml:"optional-dependencies"`
	} `toml:"project"`
	DependencyGroups map[string][]any `toml:"dependency-groups"`
	Tool             struct {
		Poetry struct {
			Dependencies    map[string]any `toml:"dependencies"`
			DevDependencies map[string]any `toml:"dev-dependencies"`
			Group           map[string]struct {
				Dependencies map[string]any `toml:"dependencies"`
			} `toml:"group"`
		} `toml:"poetry"`
	} `toml:"tool"`
}

// lockNames are files that pin a pyproject's dependencies.
var lockNames = []string{"poetry.lock", "uv.lock", "pdm.lock", "pylock.toml", "Pipfile.lock", "requirements.txt", "requirements.lock"}

// readPyproject reads PEP 621 dependencies and optional dependencies,
// PEP 735 dependency groups and Poetry's dependency tables. Exact pins are
// audited; every name is checked for typosquatting; a pyproject with
// dependencies but no lock file beside it is reported (SG905).
func readPyproject(in *depsInput, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rel := displayPath(path)
	var py pyprojectFile
	if err := toml.Unmarshal(data, &py); err != nil {
		if de, ok := err.(*toml.DecodeError); ok {
			line, _ := de.Position()
			in.notices = append(in.notices, report.Notice{Path: rel, Line: line, Level: report.LevelError, Message: "invalid TOML: " + de.Error()})
			return nil
		}
		in.notices = append(in.notices, report.Notice{Path: rel, Level: report.LevelError, Message: "invalid pyproject.toml: " + err.Error()})
		return nil
	}
	lines := strings.Split(string(data), "\n")
	var reqs []string
	reqs = append(reqs, py.Project.Dependencies...)
	extras := make([]string, 0, len(py.Project.OptionalDependencies))
	for k := range py.Project.OptionalDependencies {
		extras = append(extras, k)
	}
	sort.Strings(extras)
	for _, k := range extras {
		reqs = append(reqs, py.Project.OptionalDependencies[k]...)
	}
	groups := make([]string, 0, len(py.DependencyGroups))
	for k := range py.DependencyGroups {
		groups = append(groups, k)
	}
	sort.Strings(groups)
	for _, g := range groups {
		for _, item := range py.DependencyGroups[g] {
			if s, ok := item.(string); ok {
				reqs = append(reqs, s) // {include-group = "..."} entries name other groups
			}
		}
	}
	firstLine := 0
	for _, r := range reqs {
		line := findQuoted(lines, r)
		if firstLine == 0 {
			firstLine = line
		}
		pkg, _, ok := parseRequirementLine(r)
		if !ok {
			continue
		}
		addDeclared(in, rel, lines, line, pkg)
	}
	poetryTables := []map[string]any{py.Tool.Poetry.Dependencies, py.Tool.Poetry.DevDependencies}
	groupNames := make([]string, 0, len(py.Tool.Poetry.Group))
	for k := range py.Tool.Poetry.Group {
		groupNames = append(groupNames, k)
	}
	sort.Strings(groupNames)
	for _, g := range groupNames {
		poetryTables = append(poetryTables, py.Tool.Poetry.Group[g].Dependencies)
	}
	for _, table := range poetryTables {
		names := make([]string, 0, len(table))
		for k := range table {
			names = append(names, k)
		}
		sort.Strings(names)
		for _, name := range names {
			if strings.EqualFold(name, "python") {
				continue
			}
			line := findKey(lines, name)
			if firstLine == 0 {
				firstLine = line
			}
			pkg := audit.Package{Name: name}
			spec := ""
			switch v := table[name].(type) {
			case string:
				spec = v
			case map[string]any:
				if s, ok := v["version"].(string); ok {
					spec = s
				}
			}
			spec = strings.TrimSpace(spec)
			spec = strings.TrimPrefix(spec, "==")
			if spec != "" && !strings.ContainsAny(spec, "^~<>=!*, |") {
				pkg.Version = spec // Poetry: a bare version is an exact pin
			}
			addDeclared(in, rel, lines, line, pkg)
		}
	}
	if firstLine > 0 && !hasLockBeside(path) {
		f, err := audit.RuleFinding(audit.RuleMissingLock, nameSpan(rel, firstLine, lineAt(lines, firstLine), strings.TrimSpace(lineAt(lines, firstLine))), lineAt(lines, firstLine), rel,
			fmt.Sprintf("%s declares dependencies but no lock file (%s) pins them beside it", rel, strings.Join(lockNames[:5], ", ")), "", nil)
		if err != nil {
			return err
		}
		in.findings = append(in.findings, f)
	}
	return nil
}

func addDeclared(in *depsInput, rel string, lines []string, line int, pkg audit.Package) {
	pkg.Line = lineAt(lines, line)
	pkg.Location = nameSpan(rel, line, pkg.Line, pkg.Name)
	in.packages = append(in.packages, pkg)
	if checker, err := typosquat.Default(); err == nil {
		if m, ok := checker.Check(pkg.Name); ok {
			if f, err := audit.RuleFinding(audit.RuleTyposquat, pkg.Location, pkg.Line, pkg.Name,
				m.Reason+"; check that this is the project you mean", "",
				map[string]any{report.PropPackage: pkg.Name, "imitates": m.Popular}); err == nil {
				in.findings = append(in.findings, f)
			}
		}
	}
}

func lineAt(lines []string, n int) string {
	if n < 1 || n > len(lines) {
		return ""
	}
	return strings.TrimRight(lines[n-1], "\r")
}

// findQuoted returns the 1-based line holding "s" or 's' (0 if none).
func findQuoted(lines []string, s string) int {
	for i, l := range lines {
		if strings.Contains(l, `"`+s+`"`) || strings.Contains(l, `'`+s+`'`) {
			return i + 1
		}
	}
	return 0
}

// findKey returns the line of `name =` (0 if none).
func findKey(lines []string, name string) int {
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, name+" ") || strings.HasPrefix(t, name+"=") || strings.HasPrefix(t, `"`+name+`"`) {
			return i + 1
		}
	}
	return 0
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
