package analysis

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// CheckedBefore reports whether a local name is validated where it is
// used: an if statement whose arm leaves (Leaves) when rejects(test)
// holds comes before use in a block that holds use, every binding of the
// name in its function comes before that statement, and no nested scope
// binds the name (nonlocal could rebind it at any call). Every path to
// use then passed the test with the value it has at use.
func CheckedBefore(m *semantic.Model, use *ast.Name, rejects func(ast.Expr) bool) bool {
	scope := m.ScopeAt(use.Pos())
	if scope == nil {
		return false
	}
	var body []ast.Stmt
	switch n := scope.Node.(type) {
	case *ast.FunctionDef:
		body = n.Body
	case *ast.Module:
		body = n.Body
	default:
		return false
	}
	bs := m.Lookup(use.Id, use.Pos())
	if len(bs) == 0 {
		return false
	}
	last := 0
	for _, b := range bs {
		if b.Scope != scope || b.Node == nil || containerValue(b.Value) {
			return false
		}
		end := b.Node.End()
		if f, ok := b.Node.(*ast.For); ok {
			end = f.Target.End() // bound before each run of the body
		}
		last = max(last, end)
	}
	if boundBelow(scope, use.Id) {
		return false
	}
	return checkedIn(body, use, last, rejects)
}

func boundBelow(s *semantic.Scope, name string) bool {
	for _, c := range s.Children {
		if len(c.Bindings(name)) > 0 || boundBelow(c, name) {
			return true
		}
	}
	return false
}

func checkedIn(body []ast.Stmt, use *ast.Name, last int, rejects func(ast.Expr) bool) bool {
	for _, s := range body {
		if s.Pos() > use.Pos() {
			return false
		}
		if use.Pos() >= s.End() {
			if g, ok := s.(*ast.If); ok && g.Pos() >= last && Leaves(g.Body) && rejects(g.Test) {
				return true
			}
			continue
		}
		// s holds the use: look inside the block that holds it.
		for _, inner := range ast.Bodies(s) {
			if len(inner) > 0 && inner[0].Pos() <= use.Pos() && use.Pos() < inner[len(inner)-1].End() {
				return checkedIn(inner, use, last, rejects)
			}
		}
		return false
	}
	return false
}

// containerValue reports a value that is a list, tuple, set or dict by
// its shape: a display, a comprehension, or a call that makes one
// (getlist, split, list(), sorted(), ...). A test such as `q in x` looks
// for an element of one, not for text.
func containerValue(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.List, *ast.Tuple, *ast.Set, *ast.Dict, *ast.ListComp, *ast.SetComp, *ast.DictComp:
		return true
	case *ast.Call:
		name := ""
		switch f := x.Func.(type) {
		case *ast.Name:
			name = f.Id
		case *ast.Attribute:
			name = f.Attr
		}
		switch name {
		case "getlist", "getall", "split", "rsplit", "splitlines", "findall", "keys", "values", "items",
			"list", "tuple", "set", "frozenset", "dict", "sorted":
			return true
		}
	}
	return false
}

// Leaves reports a block whose last statement leaves it: return, raise,
// continue, break, or a call of abort() or exit().
func Leaves(body []ast.Stmt) bool {
	if len(body) == 0 {
		return false
	}
	switch s := body[len(body)-1].(type) {
	case *ast.Return, *ast.Raise, *ast.Continue, *ast.Break:
		return true
	case *ast.ExprStmt:
		if c, ok := s.Value.(*ast.Call); ok {
			if n, ok := c.Func.(*ast.Name); ok && (n.Id == "abort" || n.Id == "exit") {
				return true
			}
			if a, ok := c.Func.(*ast.Attribute); ok && (a.Attr == "abort" || a.Attr == "exit") {
				return true
			}
		}
	}
	return false
}

// LiteralCheck returns the name that
// `not x.startswith(q) or not x.endswith(q) or q in x[1:-1]` tests: when
// the test fails, x is one string literal in quotes q, which eval() and
// exec() can only turn into a string (or reject).
func LiteralCheck(b *ast.BoolOp) string {
	if b.Op != ast.Or {
		return ""
	}
	found := map[string]int{} // name+quote -> checks seen (bit set)
	for _, v := range b.Values {
		switch t := v.(type) {
		case *ast.UnaryOp:
			call, ok := t.Operand.(*ast.Call)
			if t.Op != ast.Not || !ok || len(call.Args) != 1 {
				continue
			}
			a, ok1 := call.Func.(*ast.Attribute)
			q, ok2 := call.Args[0].(*ast.Constant)
			if !ok1 || !ok2 || q.Kind != ast.StrConst || (q.Str != "'" && q.Str != `"`) {
				continue
			}
			n, ok := a.Value.(*ast.Name)
			if !ok {
				continue
			}
			switch a.Attr {
			case "startswith":
				found[n.Id+"\x00"+q.Str] |= 1
			case "endswith":
				found[n.Id+"\x00"+q.Str] |= 2
			}
		case *ast.Compare:
			q, ok := t.Left.(*ast.Constant)
			if !ok || len(t.Ops) != 1 || t.Ops[0] != ast.In || q.Kind != ast.StrConst {
				continue
			}
			sub, ok := t.Comparators[0].(*ast.Subscript)
			if !ok {
				continue
			}
			n, ok1 := sub.Value.(*ast.Name)
			sl, ok2 := sub.Slice.(*ast.Slice)
			if ok1 && ok2 && sl.Step == nil && intConst(sl.Lower, 1) && intConst(sl.Upper, -1) {
				found[n.Id+"\x00"+q.Str] |= 4
			}
		}
	}
	for k, bits := range found {
		if bits == 7 {
			return k[:strings.IndexByte(k, 0)]
		}
	}
	return ""
}

// intConst reports an int literal of value v (-1 written as -1).
func intConst(e ast.Expr, v int64) bool {
	if u, ok := e.(*ast.UnaryOp); ok && u.Op == ast.USub {
		e, v = u.Operand, -v
	}
	c, ok := e.(*ast.Constant)
	return ok && c.Kind == ast.IntConst && c.Int.IsInt64() && c.Int.Int64() == v
}
