package framework

import (
	"maps"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// setting is the value a Django settings module ends with for one name.
type setting struct {
	Unit    *analysis.Unit
	Node    ast.Node // the statement that set it last
	Value   ast.Expr // the expression (nil when it comes from a call we cannot read)
	FromEnv bool     // read from the environment; Value is the default
	// Items holds the elements of a list/tuple setting after +=, append,
	// insert and extend.
	Items []ast.Expr
	// Maybe is set when the value was assigned in only one branch of an if.
	Maybe bool
	// Stores are later item assignments into the value, such as
	// DATABASES["default"]["PASSWORD"] = ..., in order.
	Stores []itemStore
	// Alts are the values the other branch of an if gives the setting.
	Alts []*setting
}

// itemStore is one `NAME[k1][k2] = value` statement.
type itemStore struct {
	Unit  *analysis.Unit
	Node  ast.Node
	Keys  []string
	Value ast.Expr
}

// settingsModule is one evaluated settings module.
type settingsModule struct {
	Unit     *analysis.Unit
	Values   map[string]*setting
	imported bool // another settings module star-imports it
}

// isSettingsUnit says whether a unit is a Django settings module: named
// settings.py or inside a settings package, and assigning upper-case names
// Django knows.
func isSettingsUnit(u *analysis.Unit) bool {
	if !isSettingsPath(u.Path) && !strings.HasSuffix(u.Module, ".settings") {
		return false
	}
	for _, st := range u.Parse().Module.Body {
		if as, ok := st.(*ast.Assign); ok && len(as.Targets) == 1 {
			if n, ok := as.Targets[0].(*ast.Name); ok {
				switch n.Id {
				case "INSTALLED_APPS", "MIDDLEWARE", "SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASES", "ROOT_URLCONF":
					return true
				}
			}
		}
		if imp, ok := st.(*ast.ImportFrom); ok && len(imp.Names) == 1 && imp.Names[0].Name == "*" {
			return true
		}
	}
	return false
}

// evaluator evaluates settings modules of a project.
type evaluator struct {
	units   map[string]*analysis.Unit // by module name
	done    map[string]*settingsModule
	working map[string]bool
}

func newEvaluator(units []*analysis.Unit) *evaluator {
	ev := &evaluator{units: map[string]*analysis.Unit{}, done: map[string]*settingsModule{}, working: map[string]bool{}}
	for _, u := range units {
		if u.Module != "" {
			ev.units[u.Module] = u
		}
	}
	return ev
}

// findUnit resolves a module name, also when the scan root sits above or
// below the package root (by dotted suffix).
func (ev *evaluator) findUnit(mod string) *analysis.Unit {
	if u := ev.units[mod]; u != nil {
		return u
	}
	var found *analysis.Unit
	for name, u := range ev.units {
		if strings.HasSuffix(name, "."+mod) || strings.HasSuffix(mod, "."+name) {
			if found != nil {
				return nil
			}
			found = u
		}
	}
	return found
}

func (ev *evaluator) eval(u *analysis.Unit) *settingsModule {
	if sm := ev.done[u.Module]; sm != nil {
		return sm
	}
	sm := &settingsModule{Unit: u, Values: map[string]*setting{}}
	if ev.working[u.Module] {
		return sm // an import cycle
	}
	ev.working[u.Module] = true
	ev.block(u, u.Parse().Module.Body, sm.Values, false)
	delete(ev.working, u.Module)
	ev.done[u.Module] = sm
	return sm
}

func copySetting(s *setting) *setting {
	c := *s
	c.Items = append([]ast.Expr(nil), s.Items...)
	c.Stores = append([]itemStore(nil), s.Stores...)
	c.Alts = append([]*setting(nil), s.Alts...)
	return &c
}

func (ev *evaluator) block(u *analysis.Unit, body []ast.Stmt, vals map[string]*setting, maybe bool) {
	m := u.Model()
	for _, st := range body {
		switch s := st.(type) {
		case *ast.ImportFrom:
			if len(s.Names) != 1 || s.Names[0].Name != "*" {
				continue
			}
			mod := resolveFrom(u, s)
			base := ev.findUnit(mod)
			if base == nil || base == u {
				continue
			}
			bm := ev.eval(base)
			bm.imported = true
			for k, v := range bm.Values {
				vals[k] = copySetting(v)
			}
		case *ast.Assign:
			for _, t := range s.Targets {
				if n, ok := t.(*ast.Name); ok && isSettingName(n.Id) {
					vals[n.Id] = ev.value(u, s, s.Value, maybe)
				}
				if name, keys, ok := subscriptPath(m, t); ok && vals[name] != nil {
					v := copySetting(vals[name])
					v.Stores = append(v.Stores, itemStore{Unit: u, Node: s, Keys: keys, Value: s.Value})
					vals[name] = v
				}
			}
		case *ast.AnnAssign:
			if n, ok := s.Target.(*ast.Name); ok && s.Value != nil && isSettingName(n.Id) {
				vals[n.Id] = ev.value(u, s, s.Value, maybe)
			}
		case *ast.AugAssign:
			n, ok := s.Target.(*ast.Name)
			if !ok || vals[n.Id] == nil {
				continue
			}
			v := copySetting(vals[n.Id])
			v.Items = append(v.Items, elements(s.Value)...)
			v.Node, v.Unit = s, u
			vals[n.Id] = v
		case *ast.ExprStmt:
			c, ok := s.Value.(*ast.Call)
			if !ok {
				continue
			}
			a, ok := c.Func.(*ast.Attribute)
			if !ok {
				continue
			}
			n, ok := a.Value.(*ast.Name)
			if !ok || vals[n.Id] == nil {
				continue
			}
			v := copySetting(vals[n.Id])
			switch a.Attr {
			case "append":
				v.Items = append(v.Items, c.Args...)
			case "insert":
				if len(c.Args) == 2 {
					v.Items = append(v.Items, c.Args[1])
				}
			case "extend":
				if len(c.Args) == 1 {
					v.Items = append(v.Items, elements(c.Args[0])...)
				}
			case "remove":
				if len(c.Args) == 1 {
					if s1, ok := m.ConstValue(c.Args[0]); ok {
						var kept []ast.Expr
						for _, it := range v.Items {
							if s2, ok := m.ConstValue(it); !ok || s2.Str != s1.Str {
								kept = append(kept, it)
							}
						}
						v.Items = kept
					}
				}
			default:
				continue
			}
			v.Node, v.Unit = s, u
			vals[n.Id] = v
		case *ast.If:
			ev.branches(u, s, vals)
		case *ast.Try:
			ev.block(u, s.Body, vals, maybe)
			for _, h := range s.Handlers {
				ev.block(u, h.Body, vals, true)
			}
		}
	}
}

// subscriptPath reads a store target NAME["a"]["b"] as NAME and [a b].
func subscriptPath(m *semantic.Model, t ast.Expr) (string, []string, bool) {
	var keys []string
	for {
		sub, ok := t.(*ast.Subscript)
		if !ok {
			break
		}
		k, ok := analysis.ConstString(m, sub.Slice)
		if !ok {
			return "", nil, false
		}
		keys = append([]string{k}, keys...)
		t = sub.Value
	}
	n, ok := t.(*ast.Name)
	if !ok || len(keys) == 0 {
		return "", nil, false
	}
	return n.Id, keys, true
}

// branches evaluates both arms of an if. The else arm (or the value before
// the if) stays the setting's value, and what the other arm sets becomes
// an alternative that the checks judge too.
func (ev *evaluator) branches(u *analysis.Unit, s *ast.If, vals map[string]*setting) {
	// `if DEBUG:` with DEBUG known in these settings runs one arm only.
	if t, ok := conditionValue(u, s.Test, vals); ok {
		if t {
			ev.block(u, s.Body, vals, false)
		} else {
			ev.block(u, s.Orelse, vals, false)
		}
		return
	}
	bodyVals, elseVals := maps.Clone(vals), maps.Clone(vals)
	ev.block(u, s.Body, bodyVals, true)
	ev.block(u, s.Orelse, elseVals, true)
	for k, v := range elseVals {
		vals[k] = v
	}
	for k, bv := range bodyVals {
		if elseVals[k] == bv {
			continue
		}
		main := vals[k]
		if main == nil {
			vals[k] = bv
			continue
		}
		c := copySetting(main)
		c.Alts = append(c.Alts, bv)
		c.Alts = append(c.Alts, bv.Alts...)
		vals[k] = c
	}
}

// conditionValue evaluates an if test made of a constant, a setting with
// a known value (an environment default counts), or `not` of either.
func conditionValue(u *analysis.Unit, e ast.Expr, vals map[string]*setting) (bool, bool) {
	switch x := e.(type) {
	case *ast.UnaryOp:
		if x.Op == ast.Not {
			t, ok := conditionValue(u, x.Operand, vals)
			return !t, ok
		}
	case *ast.Name:
		if s := vals[x.Id]; isSettingName(x.Id) && s != nil && len(s.Alts) == 0 {
			return truthy(s)
		}
	case *ast.Constant:
		if v, ok := u.Model().ConstValue(x); ok {
			return v.Truthy(), true
		}
	}
	return false, false
}

func isSettingName(s string) bool {
	return s != "" && strings.ToUpper(s) == s && s[0] >= 'A' && s[0] <= 'Z'
}

// resolveFrom turns `from .base import *` into a module name.
func resolveFrom(u *analysis.Unit, s *ast.ImportFrom) string {
	if s.Level == 0 {
		return s.Module
	}
	parts := strings.Split(u.Module, ".")
	if strings.HasSuffix(u.Path, "__init__.py") {
		parts = append(parts, "__init__")
	}
	if len(parts) < s.Level {
		return s.Module
	}
	parts = parts[:len(parts)-s.Level]
	if s.Module != "" {
		parts = append(parts, s.Module)
	}
	return strings.Join(parts, ".")
}

func elements(e ast.Expr) []ast.Expr {
	switch x := e.(type) {
	case *ast.List:
		return x.Elts
	case *ast.Tuple:
		return x.Elts
	}
	return nil
}

// value reads an assigned expression, looking through environment reads
// to their defaults.
func (ev *evaluator) value(u *analysis.Unit, node ast.Node, e ast.Expr, maybe bool) *setting {
	s := &setting{Unit: u, Node: node, Value: e, Maybe: maybe, Items: elements(e)}
	if def, ok := envDefault(u.Model(), e); ok {
		s.FromEnv = true
		s.Value = def
		s.Items = elements(def)
	}
	return s
}

// envDefault recognises os.environ.get("X", d), os.getenv("X", d),
// env("X", default=d), env.bool("X", default=d) and friends, with the
// comparison `os.environ.get("X") == "1"` left alone. It returns the
// default (nil when there is none).
func envDefault(m *semantic.Model, e ast.Expr) (ast.Expr, bool) {
	c, ok := e.(*ast.Call)
	if !ok {
		return nil, false
	}
	q := m.QualifiedName(c.Func)
	switch q {
	case "os.environ.get", "os.getenv":
		return analysis.Arg(c, 1, "default"), true
	case "os.environ.setdefault":
		return analysis.Arg(c, 1, "value"), true
	}
	// django-environ: env = environ.Env(); env("X", default=...), env.bool(...)
	fn := c.Func
	if a, ok := fn.(*ast.Attribute); ok {
		switch a.Attr {
		case "bool", "str", "int", "list", "db", "url", "json", "float", "tuple", "dict":
			fn = a.Value
		}
	}
	if n, ok := fn.(*ast.Name); ok {
		bs := m.Lookup(n.Id, n.Pos())
		if len(bs) == 0 && n.Id == "env" {
			// `env` star-imported from a base settings module.
			return analysis.Keyword(c, "default"), true
		}
		for _, b := range bs {
			if ctor, ok := b.Value.(*ast.Call); ok && strings.HasSuffix(m.QualifiedName(ctor.Func), "environ.Env") {
				return analysis.Keyword(c, "default"), true
			}
		}
	}
	return nil, false
}
