package undeclared

import (
	"sort"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Import is one module-level import of a project file.
type Import struct {
	Module   string // the top-level module name ("yaml" for `import yaml.constructor`)
	Path     string // report path of the importing file
	Line     int
	Column   int // 1-based, of the module name
	LineText string
}

// Check returns, once per module, the first import of a third-party module
// that no declared distribution provides. declared holds PEP 503 names of
// the declared distributions; local holds the project's own top-level
// modules; distribution maps an import name to its distribution's PEP 503
// name when they differ.
func Check(imports []Import, declared, local map[string]bool, distribution func(string) (string, bool)) []Import {
	seen := map[string]bool{}
	var out []Import
	sorted := append([]Import(nil), imports...)
	sort.SliceStable(sorted, func(i, j int) bool {
		if sorted[i].Path != sorted[j].Path {
			return sorted[i].Path < sorted[j].Path
		}
		return sorted[i].Line < sorted[j].Line
	})
	for _, im := range sorted {
		m := im.Module
		if m == "" || seen[m] || Stdlib(m) || local[m] {
			continue
		}
		seen[m] = true
		name := pep508.NormalizeName(m)
		if declared[name] {
			continue
		}
		if dist, ok := distribution(name); ok && declared[dist] {
			continue
		}
		out = append(out, im)
	}
	return out
}
