package taint

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// requestHelpers returns the keys of the module-level functions of web
// modules that take the request first but are no views: the project calls
// them and never uses them as a value. A URL configuration (or any other
// router) needs the function object, so a function that is only ever
// called gets its other parameters from its callers, whose arguments the
// summaries follow, and not from a URL. A name the analysis cannot
// resolve counts as a use as a value.
func (p *project) requestHelpers(units []*analysis.Unit) map[string]bool {
	cand := map[string]bool{}
	for _, f := range p.funcs {
		if f.Class == "" && f.Def != nil && !f.routeParams && len(f.Params) > 1 && f.Params[0].Arg == "request" && p.webUnits[f.Unit] {
			cand[f.Def.Name] = true
		}
	}
	if len(cand) == 0 {
		return nil
	}
	called := map[string]bool{}
	valued := map[string]bool{} // keys, and simple names never resolved
	for _, u := range units {
		if u.Parse == nil || u.Parse.Module == nil {
			continue
		}
		callee := map[ast.Node]bool{}
		for _, cs := range u.Calls() {
			callee[cs.Call.Func] = true
		}
		ast.Inspect(u.Parse.Module, func(n ast.Node) bool {
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
			if !cand[name] {
				return true
			}
			key := p.keyFor(u.Model.QualifiedName(e), u)
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
	for key := range called {
		if !valued[key] && !valued[key[strings.LastIndexByte(key, '.')+1:]] {
			out[key] = true
		}
	}
	return out
}
