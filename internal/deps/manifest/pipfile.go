package manifest

import (
	"fmt"
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/snakeguard/snakeguard/internal/deps/pep440"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Pipfile is what a Pipfile declares.
type Pipfile struct {
	Dependencies []Dependency
	Problems     []Problem
	// RequiresPython is [requires] python_full_version, else python_version
	// ("" when neither is set); RequiresLine is its line.
	RequiresPython string
	RequiresLine   int
	// FirstLine is the line of the first declaration (0: none).
	FirstLine int
	// Data is the decoded TOML document, for the lock file's content hash.
	Data map[string]any
}

// Pipfile sections that are not package categories.
var pipfileSections = map[string]bool{"source": true, "requires": true, "scripts": true, "pipenv": true}

// pipfileMarkerKeys are the marker variables pipenv accepts as keys of a
// package table (`pywin32 = {version = "*", sys_platform = "== 'win32'"}`).
var pipfileMarkerKeys = []string{
	"implementation_name", "implementation_version", "os_name", "platform_machine",
	"platform_python_implementation", "platform_release", "platform_system", "platform_version",
	"python_full_version", "python_version", "sys_platform",
}

// PipfileGroup is the Group of a Pipfile category's dependencies and the
// name of the Pipfile.lock section that locks them: [packages] is ""
// (locked in "default"), [dev-packages] is "develop", a custom category
// keeps its name.
func PipfileGroup(category string) string {
	switch category {
	case "packages":
		return ""
	case "dev-packages":
		return "develop"
	}
	return category
}

// ParsePipfile reads a Pipfile (TOML): [packages], [dev-packages] and
// custom categories, whose values are "*", a version specifier, or a
// table with version, extras, markers (and pipenv's per-variable marker
// keys), git/path/file references and editable. [requires] gives the
// Python version.
func ParsePipfile(path string, data []byte) (Pipfile, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return Pipfile{}, tomlError(path, err)
	}
	ls := lines(data)
	out := Pipfile{Data: doc}
	if req, ok := doc["requires"].(map[string]any); ok {
		for _, k := range []string{"python_full_version", "python_version"} {
			if v, ok := req[k].(string); ok && v != "" {
				out.RequiresPython, out.RequiresLine = v, tableKeyLine(ls, "requires", k)
				break
			}
		}
	}
	categories := make([]string, 0, len(doc))
	for k := range doc {
		if !pipfileSections[k] {
			categories = append(categories, k)
		}
	}
	// packages, dev-packages, then custom categories by name.
	rank := map[string]int{"packages": 0, "dev-packages": 1}
	sort.Slice(categories, func(i, j int) bool {
		ri, iok := rank[categories[i]]
		rj, jok := rank[categories[j]]
		switch {
		case iok && jok:
			return ri < rj
		case iok != jok:
			return iok
		}
		return categories[i] < categories[j]
	})
	for _, cat := range categories {
		table, ok := doc[cat].(map[string]any)
		if !ok {
			out.Problems = append(out.Problems, Problem{Line: keyOrHeaderLine(ls, cat), Message: fmt.Sprintf("%s is not a table of packages; skipped", cat)})
			continue
		}
		for _, name := range sortedKeys(table) {
			line := tableKeyLine(ls, cat, name)
			d, problem := pipfileDependency(name, table[name])
			if problem != "" {
				out.Problems = append(out.Problems, Problem{Line: line, Message: problem})
			}
			if d.Name == "" {
				continue
			}
			d.Group, d.Table = PipfileGroup(cat), cat
			d.place(ls, line)
			if out.FirstLine == 0 || (d.Line > 0 && d.Line < out.FirstLine) {
				out.FirstLine = d.Line
			}
			out.Dependencies = append(out.Dependencies, d)
		}
	}
	sort.SliceStable(out.Dependencies, func(i, j int) bool { return out.Dependencies[i].Line < out.Dependencies[j].Line })
	return out, nil
}

// keyOrHeaderLine is the line of a top-level key or table header.
func keyOrHeaderLine(ls []string, key string) int {
	for i, l := range ls {
		if name, ok := tableHeader(l); ok && name == key || startsKey(l, key) {
			return i + 1
		}
	}
	return 0
}

// pipfileDependency reads one package entry. A problem that leaves the
// entry unusable returns a Dependency without a name; one that only loses
// a detail (an unreadable marker) keeps the dependency.
func pipfileDependency(name string, value any) (Dependency, string) {
	if !pep508.ValidName(name) {
		return Dependency{}, fmt.Sprintf("%q is not a valid project name; skipped", name)
	}
	d := Dependency{Name: name}
	var version string
	switch v := value.(type) {
	case string:
		version = v
	case map[string]any:
		if s, ok := v["version"].(string); ok {
			version = s
		}
		for _, k := range []string{"git", "path", "file", "hg", "svn", "bzr"} {
			if _, ok := v[k]; ok {
				d.Direct = true
			}
		}
		marker, problem := pipfileMarker(v)
		if problem != "" {
			return d, fmt.Sprintf("markers of %s: %s; the dependency is kept without them", name, problem)
		}
		d.Marker = marker
	default:
		return Dependency{}, fmt.Sprintf("%s: a package is \"*\", a version specifier or a table, not %v; skipped", name, value)
	}
	version = strings.TrimSpace(version)
	if version == "" || version == "*" {
		return d, ""
	}
	d.Spec = version
	set, err := pep440.ParseSpecifierSet(version)
	if err != nil {
		return d, fmt.Sprintf("version %q of %s is not a version specifier: %v", version, name, err)
	}
	d.Version = exactVersion(set)
	return d, ""
}

// pipfileMarker joins a package table's "markers" and per-variable marker
// keys with "and", as pipenv does, and parses the result.
func pipfileMarker(table map[string]any) (*pep508.Marker, string) {
	var parts []string
	if s, ok := table["markers"].(string); ok && strings.TrimSpace(s) != "" {
		parts = append(parts, strings.TrimSpace(s))
	}
	for _, k := range pipfileMarkerKeys {
		if s, ok := table[k].(string); ok && strings.TrimSpace(s) != "" {
			parts = append(parts, k+" "+strings.TrimSpace(s))
		}
	}
	if len(parts) == 0 {
		return nil, ""
	}
	text := parts[0]
	if len(parts) > 1 {
		text = "(" + strings.Join(parts, ") and (") + ")"
	}
	m, err := pep508.ParseMarker(text)
	if err != nil {
		return nil, err.Error()
	}
	return m, ""
}
