package review

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

// projectFuncs finds the project's own functions by qualified name, so a
// changed call of app.db.run counts as a use of what app.db.run uses.
type projectFuncs struct {
	sources map[string][]byte // repo path → source of the scanned Python files
	units   map[string]*analysis.Unit
	uses    map[string][]Evidence // qualified function name → uses in its body
}

func newProjectFuncs(sources map[string][]byte) *projectFuncs {
	return &projectFuncs{sources: sources, units: map[string]*analysis.Unit{}, uses: map[string][]Evidence{}}
}

func (pf *projectFuncs) unit(path string) *analysis.Unit {
	if u, ok := pf.units[path]; ok {
		return u
	}
	var u *analysis.Unit
	if res := parser.ParseFile(path, pf.sources[path]); res.File != nil {
		u = analysis.NewUnit(path, moduleOf(path), res)
	}
	pf.units[path] = u
	return u
}

// file finds the scanned file that holds module mod ("app.db" is app/db.py
// or app/db/__init__.py, also below a source directory such as src/).
func (pf *projectFuncs) file(mod string) string {
	base := strings.ReplaceAll(mod, ".", "/")
	for _, cand := range []string{base + ".py", base + "/__init__.py"} {
		best := ""
		for p := range pf.sources {
			if (p == cand || strings.HasSuffix(p, "/"+cand)) && (best == "" || len(p) < len(best) || len(p) == len(best) && p < best) {
				best = p
			}
		}
		if best != "" {
			return best
		}
	}
	return ""
}

// usesOf lists the uses in the body of the project function called name
// (a module-level function or a method), one level deep.
func (pf *projectFuncs) usesOf(name string) []Evidence {
	if ev, ok := pf.uses[name]; ok {
		return ev
	}
	pf.uses[name] = nil
	parts := strings.Split(name, ".")
	for i := len(parts) - 1; i >= 1 && len(parts)-i <= 2; i-- {
		path := pf.file(strings.Join(parts[:i], "."))
		if path == "" {
			continue
		}
		u := pf.unit(path)
		if u == nil {
			continue
		}
		fn := findDef(u.Parse().Module.Body, parts[i:])
		if fn == nil {
			continue
		}
		f := u.File()
		from, to := f.Line(fn.Pos()), f.Line(fn.End())
		in := func(a, b int) bool { return a <= to && b >= from }
		on := func(l int) bool { return l >= from && l <= to }
		ev := usesIn(u, path, in, on)
		pf.uses[name] = ev
		return ev
	}
	return nil
}

func findDef(body []ast.Stmt, names []string) *ast.FunctionDef {
	for _, st := range body {
		switch s := st.(type) {
		case *ast.FunctionDef:
			if len(names) == 1 && s.Name == names[0] {
				return s
			}
		case *ast.ClassDef:
			if len(names) == 2 && s.Name == names[0] {
				return findDef(s.Body, names[1:])
			}
		}
	}
	return nil
}

// follow adds, for each changed use of a project function, the area uses
// in that function's body, credited to the changed line.
func (pf *projectFuncs) follow(ev []Evidence) []Evidence {
	out := ev
	for _, e := range ev {
		if inAnyArea(e.Name) {
			continue
		}
		for _, inner := range pf.usesOf(e.Name) {
			if inAnyArea(inner.Name) {
				out = append(out, Evidence{Path: e.Path, Line: e.Line, Name: inner.Name, Via: e.Name})
			}
		}
	}
	return out
}

// moduleOf is the dotted module name of a repo path ("app/db.py" is
// app.db), or __main__ when the path cannot be imported; a module name
// keeps a local def pickle() from reading as the pickle module.
func moduleOf(path string) string {
	p := strings.TrimSuffix(strings.TrimSuffix(path, ".py"), ".pyw")
	p = strings.TrimSuffix(strings.TrimSuffix(p, "/__init__"), "__init__")
	parts := strings.Split(p, "/")
	for _, part := range parts {
		if !isIdentifier(part) {
			return "__main__"
		}
	}
	return strings.Join(parts, ".")
}

func isIdentifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && (i == 0 || !(r >= '0' && r <= '9')) && r < 0x80 {
			return false
		}
	}
	return true
}
