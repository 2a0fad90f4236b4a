package taint

import (
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// quoteAround returns the quote of the literal an f-string field stands
// in: f"[@id='{v}']" has the field between two constant parts that end
// and start with the same quote. The field must be formatted with str()
// (no !r, no format spec).
func quoteAround(parts []ast.Expr, i int) (byte, bool) {
	fv, ok := parts[i].(*ast.FormattedValue)
	if !ok || i == 0 || i+1 >= len(parts) || (fv.Conversion != -1 && fv.Conversion != 's') || fv.FormatSpec != nil {
		return 0, false
	}
	before, ok1 := parts[i-1].(*ast.Constant)
	after, ok2 := parts[i+1].(*ast.Constant)
	if !ok1 || !ok2 || before.Str == "" || after.Str == "" {
		return 0, false
	}
	q := before.Str[len(before.Str)-1]
	if (q != '\'' && q != '"') || after.Str[0] != q {
		return 0, false
	}
	return q, true
}

// quoteFreeField reports an f-string field that is a local name the
// function has checked to be free of the quote around it: a statement
// `if "'" in x: return` (also one test of an `or`, and an arm that
// raises, aborts, breaks or continues) that comes before the field in a
// block holding it, with every binding of x in the function before that
// statement. No path reaches the field with a quote in x, and a literal
// without an escape character (XPath) cannot be left without one.
func (c *fnCtx) quoteFreeField(parts []ast.Expr, i int) bool {
	q, ok := quoteAround(parts, i)
	if !ok {
		return false
	}
	n, ok := parts[i].(*ast.FormattedValue).Value.(*ast.Name)
	if !ok {
		return false
	}
	m := c.f.Unit.Model
	scope := m.ScopeAt(n.Pos())
	bs := m.Lookup(n.Id, n.Pos())
	if len(bs) == 0 {
		return false
	}
	last := 0
	for _, b := range bs {
		if b.Scope != scope || b.Node == nil {
			return false // a global, a parameter of an enclosing function
		}
		if containerValue(b.Value) {
			return false // `in` looks for an element, and str() quotes them
		}
		end := b.Node.End()
		if f, ok := b.Node.(*ast.For); ok {
			end = f.Target.End() // bound before each run of the body
		}
		last = max(last, end)
	}
	return quoteCheckedBefore(c.f.Body, n, q, last)
}

// quoteCheckedBefore looks through the blocks that hold use for an if
// statement before it (and after every binding, which ends at last) that
// leaves when use's name holds quote q.
func quoteCheckedBefore(body []ast.Stmt, use *ast.Name, q byte, last int) bool {
	for _, s := range body {
		if s.Pos() > use.Pos() {
			return false
		}
		if use.Pos() >= s.End() {
			if g, ok := s.(*ast.If); ok && g.Pos() >= last && terminates(g.Body) && quoteTest(g.Test, use.Id, q) {
				return true
			}
			continue
		}
		// s holds the use: look inside its blocks.
		for _, inner := range innerBlocks(s) {
			if len(inner) > 0 && inner[0].Pos() <= use.Pos() && use.Pos() < inner[len(inner)-1].End() {
				return quoteCheckedBefore(inner, use, q, last)
			}
		}
		return false
	}
	return false
}

// innerBlocks lists the statement blocks of a compound statement (not
// those of nested functions and classes, which run elsewhere).
func innerBlocks(s ast.Stmt) [][]ast.Stmt {
	switch x := s.(type) {
	case *ast.If:
		return [][]ast.Stmt{x.Body, x.Orelse}
	case *ast.For:
		return [][]ast.Stmt{x.Body, x.Orelse}
	case *ast.While:
		return [][]ast.Stmt{x.Body, x.Orelse}
	case *ast.With:
		return [][]ast.Stmt{x.Body}
	case *ast.Try:
		out := [][]ast.Stmt{x.Body, x.Orelse, x.Finalbody}
		for _, h := range x.Handlers {
			out = append(out, h.Body)
		}
		return out
	}
	return nil
}

// quoteTest reports a test that holds whenever name contains quote q:
// `q in name`, or an `or` with such a test among its values.
func quoteTest(test ast.Expr, name string, q byte) bool {
	switch t := test.(type) {
	case *ast.BoolOp:
		if t.Op != ast.Or {
			return false
		}
		for _, v := range t.Values {
			if quoteTest(v, name, q) {
				return true
			}
		}
	case *ast.Compare:
		k, ok1 := t.Left.(*ast.Constant)
		if !ok1 || len(t.Ops) != 1 || t.Ops[0] != ast.In || k.Kind != ast.StrConst || k.Str != string(q) {
			return false
		}
		n, ok := t.Comparators[0].(*ast.Name)
		return ok && n.Id == name
	}
	return false
}

// containerValue reports a value that is a list, tuple, set or dict by
// its shape: a display, a comprehension, or a call that makes one
// (getlist, split, list(), sorted(), ...).
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
