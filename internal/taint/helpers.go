package taint

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// requestHelpers returns the keys of the module-level functions of web
// modules that take the request first but are no views: the project calls
// them and never uses them as a value. A URL configuration (or any other
// router) needs the function object, so a function that is only ever
// called gets its other parameters from its callers, whose arguments the
// summaries follow, and not from a URL. A name the analysis cannot
// resolve counts as a use as a value.
//
// A method that takes the request after self or cls is a helper the same
// way when the project only ever calls it (self._serve(request, f)) and
// it is no handler a framework dispatches to by name (get, post,
// dispatch, a viewset's actions) and has no decorator but classmethod or
// staticmethod. Methods are matched by name: any use of the name other
// than a call keeps every method of that name a view.
func (p *project) requestHelpers(units []*analysis.Unit) map[string]bool {
	cand := map[string]bool{}
	methods := map[string][]string{} // method name -> keys
	for _, f := range p.funcs {
		if f.Def == nil || f.routeParams || !p.webUnits[f.Unit] {
			continue
		}
		switch {
		case f.Class == "" && len(f.Params) > 1 && f.Params[0].Arg == "request":
			cand[f.Def.Name] = true
		case f.Class != "" && len(f.Params) > 2 && f.Params[1].Arg == "request" && !handlerMethods[f.Def.Name] && plainMethod(f.Def):
			methods[f.Def.Name] = append(methods[f.Def.Name], f.Key)
		}
	}
	if len(cand) == 0 && len(methods) == 0 {
		return nil
	}
	methodCalled, methodValued := map[string]bool{}, map[string]bool{}
	called := map[string]bool{}
	valued := map[string]bool{} // keys, and simple names never resolved
	for _, u := range units {
		if u.Parse() == nil || u.Parse().Module == nil {
			continue
		}
		callee := map[ast.Node]bool{}
		for _, cs := range u.Calls() {
			callee[cs.Call.Func] = true
		}
		ast.Inspect(u.Parse().Module, func(n ast.Node) bool {
			var name string
			var e ast.Expr
			switch x := n.(type) {
			case *ast.Name:
				name, e = x.Id, x
			case *ast.Attribute:
				name, e = x.Attr, x
			default:
				return true
			}
			if len(methods[name]) > 0 {
				if _, isAttr := n.(*ast.Attribute); isAttr && callee[n] {
					methodCalled[name] = true
				} else {
					methodValued[name] = true
				}
			}
			if !cand[name] {
				return true
			}
			key := p.keyFor(u.Model().QualifiedName(e), u)
			switch {
			case key == "":
				valued[name] = true
			case callee[n]:
				called[key] = true
			default:
				valued[key] = true
			}
			return true
		})
	}
	out := map[string]bool{}
	for name, keys := range methods {
		if methodCalled[name] && !methodValued[name] {
			for _, key := range keys {
				out[key] = true
			}
		}
	}
	for key := range called {
		if !valued[key] && !valued[key[strings.LastIndexByte(key, '.')+1:]] {
			out[key] = true
		}
	}
	return out
}

// handlerMethods are the methods a class-based view or viewset runs by
// name for a request.
var handlerMethods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true, "trace": true,
	"dispatch": true, "list": true, "create": true, "retrieve": true, "update": true, "partial_update": true, "destroy": true,
}

// plainMethod reports a method with no decorator but classmethod or
// staticmethod.
func plainMethod(def *ast.FunctionDef) bool {
	for _, d := range def.DecoratorList {
		n, ok := d.(*ast.Name)
		if !ok || (n.Id != "classmethod" && n.Id != "staticmethod") {
			return false
		}
	}
	return true
}

// constKeys reports a local dict whose keys are all string literals: bound
// only to dict displays with literal keys (or dict()), and otherwise only
// indexed with literal keys (`d["ip"] = addr`, `d["ip"]`, `del d["ip"]`),
// tested for emptiness or passed as `**d`. Expanded into a call it passes
// the names its author wrote; any other use (a method call, an alias, an
// argument, iteration) may add keys and makes it an ordinary mapping.
func (c *fnCtx) constKeys(d *ast.Name) bool {
	m := c.m
	scope := m.ScopeAt(d.Pos())
	bs := m.Lookup(d.Id, d.Pos())
	if len(bs) == 0 {
		return false
	}
	for _, b := range bs {
		if b.Scope != scope || b.Kind != semantic.AssignBinding || !literalKeyed(m, b.Value) {
			return false
		}
	}
	accepted := map[*ast.Name]bool{}
	accept := func(e ast.Expr) {
		if n, ok := e.(*ast.Name); ok && n.Id == d.Id {
			accepted[n] = true
		}
	}
	// `if d:`, `if d and x:`, `if not d:` only read whether it is empty.
	var acceptTest func(e ast.Expr)
	acceptTest = func(e ast.Expr) {
		switch x := e.(type) {
		case *ast.BoolOp:
			for _, v := range x.Values {
				acceptTest(v)
			}
		case *ast.UnaryOp:
			if x.Op == ast.Not {
				acceptTest(x.Operand)
			}
		default:
			accept(e)
		}
	}
	var uses []*ast.Name
	for _, s := range c.f.body() {
		ast.Inspect(s, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.Name:
				if x.Id == d.Id {
					uses = append(uses, x)
				}
			case *ast.Subscript:
				if k, ok := x.Slice.(*ast.Constant); ok && k.Kind == ast.StrConst {
					accept(x.Value)
				}
			case *ast.Assign:
				for _, t := range x.Targets {
					if literalKeyed(m, x.Value) {
						accept(t)
					}
				}
			case *ast.Call:
				for _, k := range x.Keywords {
					if k.Arg == "" {
						accept(k.Value)
					}
				}
			case *ast.If:
				acceptTest(x.Test)
			case *ast.While:
				acceptTest(x.Test)
			case *ast.IfExp:
				acceptTest(x.Test)
			}
			return true
		})
	}
	for _, u := range uses {
		if !accepted[u] {
			return false
		}
	}
	return true
}

// literalKeyed reports a dict display whose keys are all string literals,
// or dict() with no arguments.
func literalKeyed(m *semantic.Model, e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Dict:
		for _, k := range x.Keys {
			c, ok := k.(*ast.Constant)
			if !ok || c.Kind != ast.StrConst {
				return false
			}
		}
		return true
	case *ast.Call:
		return m.QualifiedName(x.Func) == "dict" && len(x.Args) == 0 && len(x.Keywords) == 0
	}
	return false
}
