package framework

import (
	"path"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// TemplateDirs returns the template directories a project configures, as
// slash paths relative to the scan root: the DIRS of Django's TEMPLATES in
// every settings module, Flask and Blueprint template_folder, Jinja2
// FileSystemLoader and Starlette/FastAPI Jinja2Templates directories.
// Directories that cannot be evaluated or lie outside the root are left out.
func TemplateDirs(units []*analysis.Unit) []string {
	set := map[string]bool{}
	add := func(dir string, ok bool) {
		if ok && dir != "" && dir != "." {
			set[dir] = true
		}
	}
	ev := newEvaluator(units)
	for _, u := range units {
		if isSettingsUnit(u) {
			sm := ev.eval(u)
			for _, dir := range djangoTemplateDirs(sm.Values) {
				add(dir, true)
			}
		}
		if !u.MayName("flask") && !u.MayName("jinja2") && !u.MayName("fastapi") && !u.MayName("starlette") {
			continue
		}
		for _, cs := range u.Calls() {
			switch cs.Name {
			case "flask.Flask", "flask.Blueprint", "flask.app.Flask", "flask.blueprints.Blueprint":
				if e := analysis.Keyword(cs.Call, "template_folder"); e != nil {
					if s, ok := analysis.ConstString(u.Model(), e); ok && !strings.HasPrefix(s, "/") {
						add(path.Clean(path.Join(unitDir(u), s)), !escapes(path.Join(unitDir(u), s)))
					} else {
						add(pathValue(u, e, nil, 0))
					}
				}
			case "jinja2.FileSystemLoader", "jinja2.loaders.FileSystemLoader":
				add(pathValue(u, analysis.Arg(cs.Call, 0, "searchpath"), nil, 0))
			case "fastapi.templating.Jinja2Templates", "starlette.templating.Jinja2Templates":
				add(pathValue(u, analysis.Arg(cs.Call, 0, "directory"), nil, 0))
			}
		}
	}
	out := make([]string, 0, len(set))
	for d := range set {
		out = append(out, d)
	}
	sort.Strings(out)
	return out
}

func unitDir(u *analysis.Unit) string {
	if i := strings.LastIndexByte(u.Path, '/'); i >= 0 {
		return u.Path[:i]
	}
	return ""
}

// escapes says whether a relative path climbs above the scan root.
func escapes(p string) bool {
	p = path.Clean(p)
	return p == ".." || strings.HasPrefix(p, "../")
}

// parentDir is path.Dir that climbs above the root instead of stopping at ".".
func parentDir(p string) string {
	if p = path.Clean(p); p == "." {
		return ".."
	}
	return path.Dir(p)
}

// djangoTemplateDirs evaluates TEMPLATES[i]["DIRS"] of one settings module.
func djangoTemplateDirs(vals map[string]*setting) []string {
	s := vals["TEMPLATES"]
	if s == nil || s.Value == nil {
		return nil
	}
	var out []string
	for _, backend := range s.Items {
		d, ok := backend.(*ast.Dict)
		if !ok {
			continue
		}
		for i, k := range d.Keys {
			if key, ok := analysis.ConstString(s.Unit.Model(), k); !ok || key != "DIRS" {
				continue
			}
			for _, e := range elements(d.Values[i]) {
				if dir, ok := pathValue(s.Unit, e, vals, 0); ok {
					out = append(out, dir)
				}
			}
		}
	}
	return out
}

// pathValue evaluates a path expression of the forms settings use:
// Path(__file__).resolve().parent.parent / "templates",
// os.path.join(BASE_DIR, "templates"), os.path.dirname(os.path.abspath(__file__)),
// str(...), .joinpath(...), .parents[n], and names bound to such values (in
// vals, the settings values, or in the module). A relative string is
// relative to the scan root, where the server is usually started.
func pathValue(u *analysis.Unit, e ast.Expr, vals map[string]*setting, depth int) (string, bool) {
	if e == nil || depth > 16 {
		return "", false
	}
	m := u.Model()
	clean := func(p string) (string, bool) {
		if escapes(p) {
			return "", false
		}
		return path.Clean(p), true
	}
	if s, ok := analysis.ConstString(m, e); ok {
		if strings.HasPrefix(s, "/") {
			return "", false
		}
		return clean(s)
	}
	switch x := e.(type) {
	case *ast.Name:
		if x.Id == "__file__" {
			return u.Path, true
		}
		if s := vals[x.Id]; s != nil && s.Value != nil && s.Value != e {
			return pathValue(s.Unit, s.Value, vals, depth+1)
		}
		for _, b := range m.Lookup(x.Id, x.Pos()) {
			if b.Value != nil && b.Value != e {
				if p, ok := pathValue(u, b.Value, vals, depth+1); ok {
					return p, true
				}
			}
		}
	case *ast.Attribute:
		switch x.Attr {
		case "parent":
			p, ok := pathValue(u, x.Value, vals, depth+1)
			if !ok {
				return "", false
			}
			return clean(parentDir(p))
		}
	case *ast.Subscript:
		// Path(__file__).parents[1]
		if a, ok := x.Value.(*ast.Attribute); ok && a.Attr == "parents" {
			n, ok := m.ConstValue(x.Slice)
			if !ok || n.Int == nil || !n.Int.IsInt64() || n.Int.Int64() < 0 || n.Int.Int64() > 32 {
				return "", false
			}
			p, ok := pathValue(u, a.Value, vals, depth+1)
			if !ok {
				return "", false
			}
			for i := int64(0); i <= n.Int.Int64(); i++ {
				p = parentDir(p)
			}
			return clean(p)
		}
	case *ast.BinOp:
		if x.Op != ast.Div {
			return "", false
		}
		l, ok := pathValue(u, x.Left, vals, depth+1)
		if !ok {
			return "", false
		}
		r, ok := analysis.ConstString(m, x.Right)
		if !ok || strings.HasPrefix(r, "/") {
			return "", false
		}
		return clean(path.Join(l, r))
	case *ast.Call:
		q := m.QualifiedName(x.Func)
		switch q {
		case "pathlib.Path", "pathlib.PurePath", "str", "os.fspath", "os.path.abspath", "os.path.realpath", "os.path.normpath":
			if len(x.Args) == 1 {
				return pathValue(u, x.Args[0], vals, depth+1)
			}
		case "os.path.dirname":
			if len(x.Args) == 1 {
				p, ok := pathValue(u, x.Args[0], vals, depth+1)
				if !ok {
					return "", false
				}
				return clean(parentDir(p))
			}
		case "os.path.join":
			return joinArgs(u, x.Args, vals, depth)
		}
		if a, ok := x.Func.(*ast.Attribute); ok {
			switch a.Attr {
			case "resolve", "absolute", "expanduser":
				if len(x.Args) == 0 {
					return pathValue(u, a.Value, vals, depth+1)
				}
			case "joinpath":
				return joinArgs(u, append([]ast.Expr{a.Value}, x.Args...), vals, depth)
			}
		}
	}
	return "", false
}

func joinArgs(u *analysis.Unit, args []ast.Expr, vals map[string]*setting, depth int) (string, bool) {
	if len(args) == 0 {
		return "", false
	}
	p, ok := pathValue(u, args[0], vals, depth+1)
	if !ok {
		return "", false
	}
	for _, a := range args[1:] {
		s, ok := analysis.ConstString(u.Model(), a)
		if !ok || strings.HasPrefix(s, "/") {
			return "", false
		}
		p = path.Join(p, s)
	}
	if escapes(p) {
		return "", false
	}
	return path.Clean(p), true
}
