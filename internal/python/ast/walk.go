package ast

// Visitor's Visit is called for each node met by Walk. If it returns a
// non-nil visitor w, Walk visits the node's children with w, then calls
// w.Visit(nil).
type Visitor interface {
	Visit(node Node) (w Visitor)
}

// Walk traverses the tree rooted at node in depth-first source order.
// Children are visited in source order (decorators before the def).
func Walk(v Visitor, node Node) {
	if v = v.Visit(node); v == nil {
		return
	}
	eachChild(node, func(n Node) { Walk(v, n) })
	v.Visit(nil)
}

// Inspect traverses the tree rooted at node, calling f for each node; if f
// returns true, Inspect descends into the node's children. After the
// children, f is called with nil.
func Inspect(node Node, f func(Node) bool) {
	// One closure for the whole walk, not one per node.
	var visit func(Node)
	visit = func(n Node) {
		if !f(n) {
			return
		}
		eachChild(n, visit)
		f(nil)
	}
	visit(node)
}

// Preorder lists node and every node below it in the order Inspect visits
// them.
func Preorder(node Node) []Node {
	return AppendPreorder(make([]Node, 0, 64), node)
}

// AppendPreorder appends node and every node below it to dst, in the order
// Inspect visits them, and returns the extended slice; a caller that knows
// roughly how many nodes to expect sizes dst for them.
func AppendPreorder(dst []Node, node Node) []Node {
	out := dst
	var visit func(Node)
	visit = func(n Node) {
		out = append(out, n)
		eachChild(n, visit)
	}
	if node != nil {
		visit(node)
	}
	return out
}

// Children calls f for each direct child of node, in field order.
func Children(node Node, f func(Node)) { eachChild(node, f) }

func eachChild(node Node, f func(Node)) {
	expr := func(e Expr) {
		if e != nil {
			f(e)
		}
	}
	exprs := func(list []Expr) {
		for _, e := range list {
			if e != nil {
				f(e)
			}
		}
	}
	stmts := func(list []Stmt) {
		for _, s := range list {
			f(s)
		}
	}
	patterns := func(list []Pattern) {
		for _, p := range list {
			f(p)
		}
	}
	typeParams := func(list []TypeParam) {
		for _, p := range list {
			f(p)
		}
	}
	keywords := func(list []*Keyword) {
		for _, k := range list {
			f(k)
		}
	}
	comps := func(list []*Comprehension) {
		for _, c := range list {
			f(c)
		}
	}
	args := func(a *Arguments) {
		if a != nil {
			f(a)
		}
	}
	arg := func(a *Arg) {
		if a != nil {
			f(a)
		}
	}

	switch n := node.(type) {
	case *Module:
		stmts(n.Body)
	case *FunctionDef:
		exprs(n.DecoratorList)
		typeParams(n.TypeParams)
		args(n.Args)
		expr(n.Returns)
		stmts(n.Body)
	case *ClassDef:
		exprs(n.DecoratorList)
		typeParams(n.TypeParams)
		exprs(n.Bases)
		keywords(n.Keywords)
		stmts(n.Body)
	case *Return:
		expr(n.Value)
	case *Delete:
		exprs(n.Targets)
	case *Assign:
		exprs(n.Targets)
		expr(n.Value)
	case *TypeAlias:
		expr(n.Name)
		typeParams(n.TypeParams)
		expr(n.Value)
	case *AugAssign:
		expr(n.Target)
		expr(n.Value)
	case *AnnAssign:
		expr(n.Target)
		expr(n.Annotation)
		expr(n.Value)
	case *For:
		expr(n.Target)
		expr(n.Iter)
		stmts(n.Body)
		stmts(n.Orelse)
	case *While:
		expr(n.Test)
		stmts(n.Body)
		stmts(n.Orelse)
	case *If:
		expr(n.Test)
		stmts(n.Body)
		stmts(n.Orelse)
	case *With:
		for _, it := range n.Items {
			f(it)
		}
		stmts(n.Body)
	case *Match:
		expr(n.Subject)
		for _, c := range n.Cases {
			f(c)
		}
	case *Raise:
		expr(n.Exc)
		expr(n.Cause)
	case *Try:
		stmts(n.Body)
		for _, h := range n.Handlers {
			f(h)
		}
		stmts(n.Orelse)
		stmts(n.Finalbody)
	case *Assert:
		expr(n.Test)
		expr(n.Msg)
	case *Import:
		for _, a := range n.Names {
			f(a)
		}
	case *ImportFrom:
		for _, a := range n.Names {
			f(a)
		}
	case *ExprStmt:
		expr(n.Value)

	case *BoolOp:
		exprs(n.Values)
	case *NamedExpr:
		expr(n.Target)
		expr(n.Value)
	case *BinOp:
		expr(n.Left)
		expr(n.Right)
	case *UnaryOp:
		expr(n.Operand)
	case *Lambda:
		args(n.Args)
		expr(n.Body)
	case *IfExp:
		expr(n.Test)
		expr(n.Body)
		expr(n.Orelse)
	case *Dict:
		for i := range n.Values {
			if i < len(n.Keys) {
				expr(n.Keys[i])
			}
			expr(n.Values[i])
		}
	case *Set:
		exprs(n.Elts)
	case *ListComp:
		expr(n.Elt)
		comps(n.Generators)
	case *SetComp:
		expr(n.Elt)
		comps(n.Generators)
	case *DictComp:
		expr(n.Key)
		expr(n.Value)
		comps(n.Generators)
	case *GeneratorExp:
		expr(n.Elt)
		comps(n.Generators)
	case *Await:
		expr(n.Value)
	case *Yield:
		expr(n.Value)
	case *YieldFrom:
		expr(n.Value)
	case *Compare:
		expr(n.Left)
		exprs(n.Comparators)
	case *Call:
		expr(n.Func)
		exprs(n.Args)
		keywords(n.Keywords)
	case *FormattedValue:
		expr(n.Value)
		expr(n.FormatSpec)
	case *Interpolation:
		expr(n.Value)
		expr(n.FormatSpec)
	case *JoinedStr:
		exprs(n.Values)
	case *TemplateStr:
		exprs(n.Values)
	case *Attribute:
		expr(n.Value)
	case *Subscript:
		expr(n.Value)
		expr(n.Slice)
	case *Starred:
		expr(n.Value)
	case *List:
		exprs(n.Elts)
	case *Tuple:
		exprs(n.Elts)
	case *Slice:
		expr(n.Lower)
		expr(n.Upper)
		expr(n.Step)

	case *Comprehension:
		expr(n.Target)
		expr(n.Iter)
		exprs(n.Ifs)
	case *ExceptHandler:
		expr(n.Type)
		stmts(n.Body)
	case *Arguments:
		for _, a := range n.PosOnlyArgs {
			f(a)
		}
		for _, a := range n.Args {
			f(a)
		}
		arg(n.Vararg)
		for _, a := range n.KwOnlyArgs {
			f(a)
		}
		exprs(n.KwDefaults)
		arg(n.Kwarg)
		exprs(n.Defaults)
	case *Arg:
		expr(n.Annotation)
	case *Keyword:
		expr(n.Value)
	case *WithItem:
		expr(n.ContextExpr)
		expr(n.OptionalVars)
	case *MatchCase:
		if n.Pattern != nil {
			f(n.Pattern)
		}
		expr(n.Guard)
		stmts(n.Body)

	case *MatchValue:
		expr(n.Value)
	case *MatchSingleton:
		if n.Value != nil {
			f(n.Value)
		}
	case *MatchSequence:
		patterns(n.Patterns)
	case *MatchMapping:
		exprs(n.Keys)
		patterns(n.Patterns)
	case *MatchClass:
		expr(n.Cls)
		patterns(n.Patterns)
		patterns(n.KwdPatterns)
	case *MatchAs:
		if n.Pattern != nil {
			f(n.Pattern)
		}
	case *MatchOr:
		patterns(n.Patterns)

	case *TypeVar:
		expr(n.Bound)
		expr(n.DefaultValue)
	case *ParamSpec:
		expr(n.DefaultValue)
	case *TypeVarTuple:
		expr(n.DefaultValue)
	}
}

// EachBody calls f with each statement list directly nested in a compound
// statement: the arms of if, for, while, with, try (its handlers, else and
// finally) and match. For a try's own body f also gets the try, so callers
// can see its handlers and finally. Function and class bodies are not
// visited: they are scopes of their own.
func EachBody(s Stmt, f func(body []Stmt, try *Try)) {
	switch s := s.(type) {
	case *If:
		f(s.Body, nil)
		f(s.Orelse, nil)
	case *For:
		f(s.Body, nil)
		f(s.Orelse, nil)
	case *While:
		f(s.Body, nil)
		f(s.Orelse, nil)
	case *With:
		f(s.Body, nil)
	case *Try:
		f(s.Body, s)
		for _, h := range s.Handlers {
			f(h.Body, nil)
		}
		f(s.Orelse, nil)
		f(s.Finalbody, nil)
	case *Match:
		for _, c := range s.Cases {
			f(c.Body, nil)
		}
	}
}

// Bodies returns the statement lists EachBody visits.
func Bodies(s Stmt) [][]Stmt {
	var out [][]Stmt
	EachBody(s, func(body []Stmt, _ *Try) { out = append(out, body) })
	return out
}
