package framework

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// configEntry is one Flask configuration key set in code.
type configEntry struct {
	Unit    *analysis.Unit
	Key     string
	Value   ast.Expr // the value, or the environment default when FromEnv
	At      ast.Node // the statement or keyword that sets it
	FromEnv bool
}

func (e configEntry) note() string {
	if e.FromEnv {
		return " (the default used when the environment variable is not set)"
	}
	return ""
}

// isAppConfig says whether e is `<something>.config`, the Flask config
// mapping of an app in a module that imports flask.
func isAppConfig(e ast.Expr) bool {
	a, ok := e.(*ast.Attribute)
	return ok && a.Attr == "config"
}

// appConfigEntries returns the keys a Flask module sets directly on an
// app: app.config["K"] = v, app.config.update(...)/from_mapping(...) with
// keywords or a dict, app.secret_key and app.debug.
func appConfigEntries(u *analysis.Unit) []configEntry {
	if !imports(u, "flask") || analysis.IsTestPath(u.Path) {
		return nil // test apps are not deployed
	}
	m := u.Model()
	var out []configEntry
	add := func(key string, v ast.Expr, at ast.Node) {
		e := configEntry{Unit: u, Key: key, Value: v, At: at}
		if def, ok := configEnvDefault(m, v); ok {
			e.Value, e.FromEnv = def, true
		}
		out = append(out, e)
	}
	u.EachNode(func(n ast.Node) {
		switch n := n.(type) {
		case *ast.Assign:
			for _, t := range n.Targets {
				switch t := t.(type) {
				case *ast.Subscript:
					if key, ok := analysis.ConstString(m, t.Slice); ok && isAppConfig(t.Value) {
						add(key, n.Value, n)
					}
				case *ast.Attribute:
					if _, isName := t.Value.(*ast.Name); !isName {
						continue
					}
					switch t.Attr {
					case "secret_key":
						add("SECRET_KEY", n.Value, n)
					case "debug":
						add("DEBUG", n.Value, n)
					}
				}
			}
		case *ast.Call:
			a, ok := n.Func.(*ast.Attribute)
			if !ok || (a.Attr != "update" && a.Attr != "from_mapping") || !isAppConfig(a.Value) {
				return
			}
			for _, k := range n.Keywords {
				if k.Arg != "" {
					add(k.Arg, k.Value, k)
				}
			}
			if len(n.Args) == 1 {
				for _, kv := range mappingItems(m, n.Args[0]) {
					add(kv.key, kv.value, kv.at)
				}
			}
		}
	})
	return out
}

type mappingItem struct {
	key   string
	value ast.Expr
	at    ast.Node
}

// mappingItems reads a dict display or a dict(K=v) call.
func mappingItems(m *semantic.Model, e ast.Expr) []mappingItem {
	var out []mappingItem
	switch e := e.(type) {
	case *ast.Dict:
		for i, k := range e.Keys {
			if key, ok := analysis.ConstString(m, k); ok {
				out = append(out, mappingItem{key, e.Values[i], e.Values[i]})
			}
		}
	case *ast.Call:
		if m.QualifiedName(e.Func) == "dict" {
			for _, k := range e.Keywords {
				if k.Arg != "" {
					out = append(out, mappingItem{k.Arg, k.Value, k})
				}
			}
		}
	}
	return out
}

// configEnvDefault extends envDefault with `os.environ.get("X") or "default"`.
func configEnvDefault(m *semantic.Model, e ast.Expr) (ast.Expr, bool) {
	if b, ok := e.(*ast.BoolOp); ok && b.Op == ast.Or && len(b.Values) == 2 {
		if _, env := envDefault(m, b.Values[0]); env {
			return b.Values[1], true
		}
		if c, ok := b.Values[0].(*ast.Subscript); ok && m.QualifiedName(c.Value) == "os.environ" {
			return b.Values[1], true
		}
	}
	if def, ok := envDefault(m, e); ok {
		return def, def != nil
	}
	return nil, false
}

// objectConfigEntries returns the keys set by app.config.from_object(X)
// and from_pyfile("f.py") when X is a class or module of the project: the
// upper-case class attributes (with those of its base classes first) or
// module-level names. Development and test classes are left out.
func objectConfigEntries(units []*analysis.Unit) []configEntry {
	ev := newEvaluator(units)
	var out []configEntry
	seen := map[ast.Node]bool{}
	for _, u := range units {
		if !imports(u, "flask") || analysis.IsTestPath(u.Path) {
			continue
		}
		for _, cs := range u.Calls() {
			a, ok := cs.Call.Func.(*ast.Attribute)
			if !ok || len(cs.Call.Args) != 1 || !isAppConfig(a.Value) {
				continue
			}
			var tu *analysis.Unit
			var cls *ast.ClassDef
			switch a.Attr {
			case "from_object":
				tu, cls = resolveConfigObject(ev, u, cs.Call.Args[0])
			case "from_pyfile":
				if name, ok := analysis.ConstString(u.Model(), cs.Call.Args[0]); ok {
					tu = unitByFile(units, u, name)
				}
			}
			if tu == nil || (cls != nil && isDevName(cls.Name)) || (cls == nil && isDevPath(tu.Path)) {
				continue
			}
			var body []ast.Stmt
			if cls == nil {
				body = tu.Parse().Module.Body
				for _, e := range classEntries(tu, body) {
					if !seen[e.At] {
						seen[e.At] = true
						out = append(out, e)
					}
				}
				continue
			}
			for _, e := range classChain(ev, tu, cls, 0) {
				if !seen[e.At] {
					seen[e.At] = true
					out = append(out, e)
				}
			}
		}
	}
	return out
}

func isDevName(name string) bool {
	l := strings.ToLower(name)
	for _, w := range []string{"dev", "test", "local", "debug"} {
		if strings.Contains(l, w) {
			return true
		}
	}
	return false
}

// resolveConfigObject finds the class or module a from_object argument
// names: a class of this module, an imported class or module, or a dotted
// string "pkg.module.Class".
func resolveConfigObject(ev *evaluator, u *analysis.Unit, arg ast.Expr) (*analysis.Unit, *ast.ClassDef) {
	var dotted string
	if s, ok := analysis.ConstString(u.Model(), arg); ok {
		dotted = s
	} else {
		if n, ok := arg.(*ast.Name); ok {
			if c := findClass(u, n.Id); c != nil {
				return u, c
			}
			// create_app(config_class=Config): the default is what a
			// deployment that calls create_app() gets.
			if def := parameterDefault(u, n); def != nil && def != arg {
				return resolveConfigObject(ev, u, def)
			}
		}
		dotted = u.Model().QualifiedName(arg)
	}
	if dotted == "" {
		return nil, nil
	}
	if i := strings.LastIndexByte(dotted, '.'); i > 0 {
		if tu := ev.findUnit(dotted[:i]); tu != nil {
			if c := findClass(tu, dotted[i+1:]); c != nil {
				return tu, c
			}
		}
	}
	if tu := ev.findUnit(dotted); tu != nil && tu != u {
		return tu, nil
	}
	return nil, nil
}

func findClass(u *analysis.Unit, name string) *ast.ClassDef {
	for _, st := range u.Parse().Module.Body {
		if c, ok := st.(*ast.ClassDef); ok && c.Name == name {
			return c
		}
	}
	return nil
}

// unitByFile finds the unit from_pyfile names, relative to the app's
// directory or anywhere in the project by file name.
func unitByFile(units []*analysis.Unit, from *analysis.Unit, name string) *analysis.Unit {
	if !strings.HasSuffix(name, ".py") {
		return nil
	}
	dir := from.Path[:strings.LastIndexByte(from.Path, '/')+1]
	var found *analysis.Unit
	for _, u := range units {
		if u.Path == dir+name {
			return u
		}
		if strings.HasSuffix(u.Path, "/"+name) || u.Path == name {
			if found != nil {
				return nil
			}
			found = u
		}
	}
	return found
}

// classChain returns the upper-case attributes of a config class, base
// classes first so that a subclass's value replaces the inherited one.
func classChain(ev *evaluator, u *analysis.Unit, cls *ast.ClassDef, depth int) []configEntry {
	if depth > 8 {
		return nil
	}
	vals := map[string]configEntry{}
	var order []string
	put := func(es []configEntry) {
		for _, e := range es {
			if _, ok := vals[e.Key]; !ok {
				order = append(order, e.Key)
			}
			vals[e.Key] = e
		}
	}
	for _, b := range cls.Bases {
		if bu, bc := resolveConfigObject(ev, u, b); bc != nil {
			put(classChain(ev, bu, bc, depth+1))
		}
	}
	put(classEntries(u, cls.Body))
	out := make([]configEntry, 0, len(order))
	for _, k := range order {
		out = append(out, vals[k])
	}
	return out
}

// classEntries reads upper-case assignments of a class body or module.
func classEntries(u *analysis.Unit, body []ast.Stmt) []configEntry {
	m := u.Model()
	var out []configEntry
	for _, st := range body {
		var target ast.Expr
		var value ast.Expr
		switch s := st.(type) {
		case *ast.Assign:
			if len(s.Targets) == 1 {
				target, value = s.Targets[0], s.Value
			}
		case *ast.AnnAssign:
			target, value = s.Target, s.Value
		}
		n, ok := target.(*ast.Name)
		if !ok || value == nil || !isSettingName(n.Id) {
			continue
		}
		e := configEntry{Unit: u, Key: n.Id, Value: value, At: st}
		if def, ok := configEnvDefault(m, value); ok {
			e.Value, e.FromEnv = def, true
		}
		out = append(out, e)
	}
	return out
}

// parameterDefault returns the default of the parameter n names in the
// innermost function around it, or nil.
func parameterDefault(u *analysis.Unit, n *ast.Name) ast.Expr {
	var fn *ast.FunctionDef
	ast.Inspect(u.Parse().Module, func(x ast.Node) bool {
		if x == nil || x.Pos() > n.Pos() || x.End() < n.End() {
			return false
		}
		if f, ok := x.(*ast.FunctionDef); ok {
			fn = f
		}
		return true
	})
	if fn == nil || fn.Args == nil {
		return nil
	}
	a := fn.Args
	pos := append(append([]*ast.Arg(nil), a.PosOnlyArgs...), a.Args...)
	off := len(pos) - len(a.Defaults)
	for i, p := range pos {
		if p.Arg == n.Id {
			if i >= off && off >= 0 {
				return a.Defaults[i-off]
			}
			return nil
		}
	}
	for i, p := range a.KwOnlyArgs {
		if p.Arg == n.Id && i < len(a.KwDefaults) {
			return a.KwDefaults[i]
		}
	}
	return nil
}
