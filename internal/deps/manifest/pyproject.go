package manifest

import (
	"sort"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// pyprojectFile is the part of pyproject.toml that declares dependencies.
type pyprojectFile struct {
	Project struct {
		Name                 string              `toml:"name"`
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

// Pyproject is what a pyproject.toml declares.
type Pyproject struct {
	Name         string
	Dependencies []Dependency
	Problems     []Problem
	// FirstLine is the line of the first declaration (0: none).
	FirstLine int
}

// ParsePyproject reads PEP 621 dependencies and optional dependencies,
// PEP 735 dependency groups and Poetry's dependency tables. Poetry's bare
// versions ("2.31.0") are exact pins; its ^ and ~ ranges are kept as Spec.
func ParsePyproject(path string, data []byte) (Pyproject, error) {
	var py pyprojectFile
	if err := toml.Unmarshal(data, &py); err != nil {
		return Pyproject{}, tomlError(path, err)
	}
	ls := lines(data)
	out := Pyproject{Name: py.Project.Name}
	type declared struct{ text, group, table string }
	var reqs []declared
	for _, r := range py.Project.Dependencies {
		reqs = append(reqs, declared{r, "", "project.dependencies"})
	}
	for _, k := range sortedKeys(py.Project.OptionalDependencies) {
		for _, r := range py.Project.OptionalDependencies[k] {
			reqs = append(reqs, declared{r, k, "project.optional-dependencies"})
		}
	}
	for _, g := range sortedKeys(py.DependencyGroups) {
		for _, item := range py.DependencyGroups[g] {
			if s, ok := item.(string); ok { // {include-group = "..."} names another group
				reqs = append(reqs, declared{s, g, "dependency-groups"})
			}
		}
	}
	for _, r := range reqs {
		line := findQuoted(ls, r.text)
		req, err := pep508.Parse(r.text)
		if err != nil {
			out.Problems = append(out.Problems, Problem{Line: line, Message: "not a requirement: " + err.Error() + "; skipped"})
			continue
		}
		d := FromRequirement(req)
		d.Group, d.Table = r.group, r.table
		d.place(ls, line)
		out.add(d)
	}
	type poetryTable struct {
		group, name, header string
		table               map[string]any
	}
	poetry := []poetryTable{
		{"", "tool.poetry.dependencies", "tool.poetry.dependencies", py.Tool.Poetry.Dependencies},
		{"dev", "tool.poetry.dev-dependencies", "tool.poetry.dev-dependencies", py.Tool.Poetry.DevDependencies},
	}
	for _, g := range sortedKeys(py.Tool.Poetry.Group) {
		poetry = append(poetry, poetryTable{g, "tool.poetry.group", "tool.poetry.group." + g + ".dependencies", py.Tool.Poetry.Group[g].Dependencies})
	}
	for _, t := range poetry {
		for _, name := range sortedKeys(t.table) {
			if strings.EqualFold(name, "python") {
				continue
			}
			d := Dependency{Name: name, Group: t.group, Table: t.name}
			switch v := t.table[name].(type) {
			case string:
				d.Spec = strings.TrimSpace(v)
			case map[string]any:
				if s, ok := v["version"].(string); ok {
					d.Spec = strings.TrimSpace(s)
				}
				for _, k := range []string{"git", "url", "path"} {
					if _, ok := v[k]; ok {
						d.Direct = true
					}
				}
				if s, ok := v["markers"].(string); ok {
					if m, err := pep508.ParseMarker(s); err == nil {
						d.Marker = m
					}
				}
			}
			if pin := strings.TrimPrefix(d.Spec, "=="); pin != "" && !strings.ContainsAny(pin, "^~<>=!*, |") {
				d.Version = pin
			}
			line := tableKeyLine(ls, t.header, name)
			if line == 0 {
				line = findKey(ls, name)
			}
			d.place(ls, line)
			out.add(d)
		}
	}
	return out, nil
}

func (p *Pyproject) add(d Dependency) {
	if p.FirstLine == 0 || (d.Line > 0 && d.Line < p.FirstLine) {
		p.FirstLine = d.Line
	}
	p.Dependencies = append(p.Dependencies, d)
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// findQuoted returns the 1-based line holding "s" or 's' (0 if none).
func findQuoted(ls []string, s string) int {
	for i, l := range ls {
		if strings.Contains(l, `"`+s+`"`) || strings.Contains(l, `'`+s+`'`) {
			return i + 1
		}
	}
	return 0
}

// findKey returns the line of `name =` (0 if none).
func findKey(ls []string, name string) int {
	for i, l := range ls {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, name+" ") || strings.HasPrefix(t, name+"=") || strings.HasPrefix(t, `"`+name+`"`) {
			return i + 1
		}
	}
	return 0
}
