package taint

import (
	"regexp"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// htmlFrameworks serve a str a route handler returns as an HTML page
// (Flask and Quart as text/html, Bottle likewise); jsonFrameworks encode it
// as JSON (FastAPI, Starlette's and Litestar's handlers), so a module that
// imports one of those is not judged.
var (
	htmlFrameworks = []string{"flask", "quart", "bottle"}
	jsonFrameworks = []string{"fastapi", "starlette", "litestar", "sanic", "ninja", "rest_framework"}
)

func importsAny(u *analysis.Unit, mods []string) bool {
	for _, im := range u.Model().Imports {
		for _, w := range mods {
			if im.Module == w || strings.HasPrefix(im.Module, w+".") {
				return true
			}
		}
	}
	return false
}

// returnSink reports untrusted data a route handler returns as its page:
// Flask turns a returned str (or the first element of a returned tuple)
// into a text/html response. Dicts and lists become JSON, and response
// objects (make_response, Response, jsonify, redirect) are judged where
// they are made.
func (c *fnCtx) returnSink(ret *ast.Return, st state) {
	if c.f.Def == nil || !c.f.routeParams || ret.Value == nil {
		return
	}
	u := c.f.Unit
	if !importsAny(u, htmlFrameworks) || importsAny(u, jsonFrameworks) {
		return
	}
	body := ret.Value
	if t, ok := body.(*ast.Tuple); ok {
		if len(t.Elts) == 0 {
			return
		}
		body = t.Elts[0]
	}
	if !c.p.mayBeHTML(c.f, body, ret.Pos(), 0) {
		return
	}
	t := c.expr(body, st)
	c.hitAt(XSS, "return:"+c.f.Def.Name, body, t.reaching(XSS), nil, false)
}

// mayBeHTML reports an expression whose value may be a str (or bytes) that
// a route handler returns as the response body: not a dict or list (JSON),
// not a response object, not a call to another route handler (whose own
// return is judged).
func (p *project) mayBeHTML(f *function, e ast.Expr, before int, depth int) bool {
	if depth > 6 {
		return true
	}
	switch x := e.(type) {
	case *ast.Dict, *ast.List, *ast.ListComp, *ast.DictComp, *ast.Set, *ast.SetComp, *ast.GeneratorExp, *ast.Tuple:
		return false
	case *ast.Constant, *ast.JoinedStr, *ast.BinOp, *ast.Subscript, *ast.FormattedValue, *ast.Attribute:
		return true
	case *ast.IfExp:
		return p.mayBeHTML(f, x.Body, before, depth+1) || p.mayBeHTML(f, x.Orelse, before, depth+1)
	case *ast.BoolOp:
		for _, v := range x.Values {
			if p.mayBeHTML(f, v, before, depth+1) {
				return true
			}
		}
		return false
	case *ast.Await:
		return p.mayBeHTML(f, x.Value, before, depth+1)
	case *ast.Name:
		// The binding in effect: the last one before the return.
		var last *ast.Assign
		lastPos := -1
		for _, b := range f.Unit.Model().Lookup(x.Id, x.Pos()) {
			if b.Node == nil || b.Node.Pos() >= before || b.Node.Pos() < f.Def.Pos() || b.Node.Pos() <= lastPos {
				continue
			}
			lastPos = b.Node.Pos()
			last, _ = b.Node.(*ast.Assign)
		}
		if last == nil {
			return true // a parameter, an augmented assignment, a loop variable
		}
		return p.mayBeHTML(f, last.Value, last.Pos(), depth+1)
	case *ast.Call:
		q := f.Unit.Model().QualifiedName(x.Func)
		switch q {
		case "str", "bytes", "html.unescape", "urllib.parse.unquote", "urllib.parse.unquote_plus",
			"flask.render_template", "flask.templating.render_template", "flask.render_template_string":
			return true // a str; whether it is escaped is the sanitizers' call
		}
		if a, ok := x.Func.(*ast.Attribute); ok && (strMethods[a.Attr] || a.Attr == "get" || a.Attr == "pop") {
			return true // a str, or an item of request data
		}
		if _, ok := p.spec.sources[q]; ok || strings.HasPrefix(q, "flask.request.") || strings.HasPrefix(q, "bottle.request.") {
			return true
		}
		if q == "" {
			return false
		}
		callee := p.byKey[p.keyFor(q, f.Unit)]
		if callee == nil || callee.Def == nil || callee.routeParams {
			return false
		}
		// A helper returns a page if one of its returns may be one.
		found := false
		ast.Inspect(callee.Def, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.Lambda, *ast.ClassDef:
				return n == ast.Node(callee.Def)
			case *ast.Return:
				if !found && n.Value != nil && p.mayBeHTML(callee, n.Value, n.Pos(), depth+1) {
					found = true
				}
			}
			return !found
		})
		return found
	}
	return false
}

// strMethods are the str (and bytes) methods that return a new string.
var strMethods = map[string]bool{"format": true, "format_map": true, "join": true, "replace": true, "strip": true, "lstrip": true,
	"rstrip": true, "lower": true, "upper": true, "title": true, "capitalize": true, "casefold": true, "swapcase": true,
	"decode": true, "encode": true, "center": true, "ljust": true, "rjust": true, "zfill": true, "expandtabs": true,
	"removeprefix": true, "removesuffix": true, "translate": true}

// escaperName and charRef recognise a project's own HTML escaper: a
// function named for escaping or encoding HTML whose body writes
// character references (&lt;, &#x3c;, &#60;) in place of characters.
var (
	escaperName = regexp.MustCompile(`(?i)(escape|encode|sanitiz|html)`)
	charRef     = regexp.MustCompile(`&(lt|gt|amp|quot|apos|#x?[0-9a-fA-F]*)(;|$)|^&$`)
)

// htmlEscaper reports a project function that escapes HTML by hand: its
// return value is safe in a page, as html.escape's is.
func htmlEscaper(f *function) bool {
	if f.Def == nil || !escaperName.MatchString(f.Def.Name) {
		return false
	}
	refs := 0
	ast.Inspect(f.Def, func(n ast.Node) bool {
		if c, ok := n.(*ast.Constant); ok && c.Kind == ast.StrConst && charRef.MatchString(c.Str) {
			refs++
		}
		return refs == 0
	})
	return refs > 0
}

// clearedFor returns a copy of a summary's parameter-to-return map with
// kind k cleared on every path.
func clearedFor(m map[int]map[Kind]bool, k Kind) map[int]map[Kind]bool {
	out := make(map[int]map[Kind]bool, len(m))
	for p, kinds := range m {
		c := make(map[Kind]bool, len(kinds)+1)
		for kk := range kinds {
			c[kk] = true
		}
		c[k] = true
		out[p] = c
	}
	return out
}
