// Package semantic builds the scopes and bindings of one Python module and
// answers what a name means at a place: its qualified name through imports
// and aliases ("sp.Popen" -> "subprocess.Popen"), and its constant value
// when it is bound once to something constant. Rules ask these questions
// instead of matching spellings.
//
// Qualified names: an imported module or member is named by its import path
// ("os.path.join"); a builtin by its bare name ("eval", "open"); a function
// or class defined at module level by the module path and its name
// ("app.views.search", or just "search" when the module path is unknown).
// Resolution is flow-insensitive: a name bound more than once in its scope
// resolves only if every binding agrees.
package semantic

import (
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// ScopeKind says what made a scope.
type ScopeKind uint8

const (
	ModuleScope ScopeKind = iota
	ClassScope
	FunctionScope
	LambdaScope
	ComprehensionScope
)

// BindingKind says how a name was bound.
type BindingKind uint8

const (
	ImportBinding    BindingKind = iota // import x / from m import x
	AssignBinding                       // x = value (Value set for a single plain target)
	FunctionBinding                     // def x
	ClassBinding                        // class x
	ParameterBinding                    // a function parameter
	OtherBinding                        // for/with/except targets, augmented assignment, del, walrus in unpacking ...
)

// Binding is one binding of a name in a scope.
type Binding struct {
	Name      string
	Kind      BindingKind
	Qualified string   // for imports: the full dotted name bound
	Value     ast.Expr // for a plain `name = value`
	Node      ast.Node // the statement or node that binds
	Scope     *Scope
}

// ContextExpr is, for a name bound by `with E as name`, the expression E
// (the value __enter__ was called on); nil for any other binding.
func (b *Binding) ContextExpr() ast.Expr {
	w, ok := b.Node.(*ast.With)
	if !ok || b.Kind != OtherBinding {
		return nil
	}
	for _, it := range w.Items {
		if n, ok := it.OptionalVars.(*ast.Name); ok && n.Id == b.Name {
			return it.ContextExpr
		}
	}
	return nil
}

// nameBindings is one name bound in a scope and its bindings in source
// order.
type nameBindings struct {
	name string
	bs   []*Binding
}

// indexAbove is the number of names above which a scope indexes them.
const indexAbove = 8

// Bindings returns the bindings of name in this scope, in source order
// (nil when the scope does not bind it).
func (s *Scope) Bindings(name string) []*Binding {
	if s.index != nil {
		if i, ok := s.index[name]; ok {
			return s.names[i].bs
		}
		return nil
	}
	for i := range s.names {
		if s.names[i].name == name {
			return s.names[i].bs
		}
	}
	return nil
}

// addBinding adds b to the scope. one is a slice of length and capacity
// 1 holding b, the list of a name bound for the first time.
func (s *Scope) addBinding(b *Binding, one []*Binding) {
	if s.index != nil {
		if i, ok := s.index[b.Name]; ok {
			s.names[i].bs = append(s.names[i].bs, b)
			return
		}
	} else {
		for i := range s.names {
			if s.names[i].name == b.Name {
				s.names[i].bs = append(s.names[i].bs, b)
				return
			}
		}
	}
	s.names = append(s.names, nameBindings{name: b.Name, bs: one})
	if s.index != nil {
		s.index[b.Name] = int32(len(s.names) - 1)
	} else if len(s.names) > indexAbove {
		s.index = make(map[string]int32, 2*len(s.names))
		for i := range s.names {
			s.index[s.names[i].name] = int32(i)
		}
	}
}

// Scope is a module, class, function, lambda or comprehension scope.
type Scope struct {
	Kind     ScopeKind
	Node     ast.Node // *ast.Module, *ast.ClassDef, *ast.FunctionDef, *ast.Lambda, or a comprehension expression
	Name     string   // function or class name; "" otherwise
	Parent   *Scope
	Children []*Scope
	Globals  map[string]bool // names declared global here
	// names holds the scope's bound names in the order they were first
	// bound; index finds them once a scope has more than a few. Most
	// scopes bind a handful of names, for which a slice is much smaller
	// than a map.
	names []nameBindings
	index map[string]int32
	start int // the span in which names resolve to this scope
	end   int
}

// QualifiedScopeName is the dotted name of a function or class scope
// within its module ("Handler.post"), "" for the module.
func (s *Scope) QualifiedScopeName() string {
	var parts []string
	for x := s; x != nil; x = x.Parent {
		if x.Name != "" {
			parts = append(parts, x.Name)
		}
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, ".")
}

// Import is one imported name.
type Import struct {
	Module string // the full dotted module or member name ("os.path", "subprocess.run")
	Node   ast.Stmt
	Alias  *ast.Alias
}

// Model is the semantic model of one module.
type Model struct {
	File       *token.File
	Module     *ast.Module
	ModulePath string
	Root       *Scope
	Imports    []Import
	starFrom   []string // modules imported with `from m import *`
}

// Build builds the model of a parsed module. modulePath is its dotted
// module name ("pkg.sub.mod"), "" when unknown; relative imports resolve
// against it.
func Build(mod *ast.Module, f *token.File, modulePath string) *Model {
	m := &Model{File: f, Module: mod, ModulePath: modulePath}
	end := 0
	if f != nil {
		end = len(f.Src)
	}
	m.Root = &Scope{Kind: ModuleScope, Node: mod, start: 0, end: end + 1}
	b := &builder{m: m}
	b.open(m.Root)
	b.stmts(m.Root, mod.Body)
	b.close(m.Root)
	return m
}

type builder struct {
	m *Model
	// spare holds name lists to build scopes in: a scope collects its
	// names in one while it is being built (no other scope binds names
	// in it then) and keeps an exact copy, so that most scopes take one
	// allocation for their names instead of one per doubling.
	spare [][]nameBindings
	// cells is storage for the next bindings, taken a chunk at a time;
	// chunks grow with the number of bindings made so far (made).
	cells []bindingCell
	made  int
}

// bindingCell is a binding together with the one-element list that
// holds it while it is its name's only binding in the scope.
type bindingCell struct {
	b   Binding
	one [1]*Binding
}

// maxCellChunk bounds how many bindings the builder allocates at once.
const maxCellChunk = 128

// open starts collecting the names of scope s.
func (b *builder) open(s *Scope) {
	if n := len(b.spare); n > 0 {
		s.names = b.spare[n-1][:0]
		b.spare = b.spare[:n-1]
	}
}

// close ends the names of scope s: they are copied to a list of their
// own and the working list is kept for the next scope.
func (b *builder) close(s *Scope) {
	work := s.names
	if len(work) == 0 {
		s.names = nil
	} else {
		s.names = make([]nameBindings, len(work))
		copy(s.names, work)
	}
	if cap(work) > 0 {
		clear(work) // beyond its length a working list is zero already
		b.spare = append(b.spare, work[:0])
	}
}

func newScope(parent *Scope, kind ScopeKind, node ast.Node, name string, start, end int) *Scope {
	s := &Scope{Kind: kind, Node: node, Name: name, Parent: parent, start: start, end: end}
	parent.Children = append(parent.Children, s)
	return s
}

func (b *builder) bind(s *Scope, name string, kind BindingKind, node ast.Node, value ast.Expr, qualified string) {
	target := s
	if s.Globals[name] {
		target = b.m.Root
	}
	if len(b.cells) == 0 {
		b.cells = make([]bindingCell, min(max(b.made, 4), maxCellChunk))
	}
	b.made++
	c := &b.cells[0]
	b.cells = b.cells[1:]
	c.b = Binding{Name: name, Kind: kind, Qualified: qualified, Value: value, Node: node, Scope: target}
	c.one[0] = &c.b
	target.addBinding(&c.b, c.one[:])
}

// bindTarget binds the names of an assignment target.
func (b *builder) bindTarget(s *Scope, t ast.Expr, node ast.Node, value ast.Expr) {
	switch t := t.(type) {
	case *ast.Name:
		if value != nil {
			b.bind(s, t.Id, AssignBinding, node, value, "")
		} else {
			b.bind(s, t.Id, OtherBinding, node, nil, "")
		}
	case *ast.Tuple:
		for _, e := range t.Elts {
			b.bindTarget(s, e, node, nil)
		}
	case *ast.List:
		for _, e := range t.Elts {
			b.bindTarget(s, e, node, nil)
		}
	case *ast.Starred:
		b.bindTarget(s, t.Value, node, nil)
	default:
		b.expr(s, t)
	}
}

func (b *builder) stmts(s *Scope, list []ast.Stmt) {
	for _, st := range list {
		b.stmt(s, st)
	}
}

func (b *builder) stmt(s *Scope, st ast.Stmt) {
	switch st := st.(type) {
	case *ast.FunctionDef:
		for _, d := range st.DecoratorList {
			b.expr(s, d)
		}
		b.arguments(s, st.Args)
		if st.Returns != nil {
			b.expr(s, st.Returns)
		}
		b.bind(s, st.Name, FunctionBinding, st, nil, "")
		start := st.End()
		if len(st.Body) > 0 {
			start = st.Body[0].Pos()
		}
		fs := newScope(s, FunctionScope, st, st.Name, start, st.End())
		b.open(fs)
		b.params(fs, st.Args)
		b.stmts(fs, st.Body)
		b.close(fs)
	case *ast.ClassDef:
		for _, d := range st.DecoratorList {
			b.expr(s, d)
		}
		for _, e := range st.Bases {
			b.expr(s, e)
		}
		for _, k := range st.Keywords {
			b.expr(s, k.Value)
		}
		b.bind(s, st.Name, ClassBinding, st, nil, "")
		start := st.End()
		if len(st.Body) > 0 {
			start = st.Body[0].Pos()
		}
		cs := newScope(s, ClassScope, st, st.Name, start, st.End())
		b.open(cs)
		b.stmts(cs, st.Body)
		b.close(cs)
	case *ast.Assign:
		b.expr(s, st.Value)
		for _, t := range st.Targets {
			if len(st.Targets) == 1 {
				b.bindTarget(s, t, st, st.Value)
			} else {
				b.bindTarget(s, t, st, nil)
			}
		}
	case *ast.AnnAssign:
		b.expr(s, st.Annotation)
		if st.Value != nil {
			b.expr(s, st.Value)
			b.bindTarget(s, st.Target, st, st.Value)
		} else if _, ok := st.Target.(*ast.Name); !ok {
			b.expr(s, st.Target)
		}
	case *ast.AugAssign:
		b.expr(s, st.Value)
		if n, ok := st.Target.(*ast.Name); ok {
			b.bind(s, n.Id, OtherBinding, st, nil, "")
		} else {
			b.expr(s, st.Target)
		}
	case *ast.TypeAlias:
		if n, ok := st.Name.(*ast.Name); ok {
			b.bind(s, n.Id, OtherBinding, st, nil, "")
		}
		b.expr(s, st.Value)
	case *ast.For:
		b.expr(s, st.Iter)
		b.bindTarget(s, st.Target, st, nil)
		b.stmts(s, st.Body)
		b.stmts(s, st.Orelse)
	case *ast.While:
		b.expr(s, st.Test)
		b.stmts(s, st.Body)
		b.stmts(s, st.Orelse)
	case *ast.If:
		b.expr(s, st.Test)
		b.stmts(s, st.Body)
		b.stmts(s, st.Orelse)
	case *ast.With:
		for _, it := range st.Items {
			b.expr(s, it.ContextExpr)
			if it.OptionalVars != nil {
				b.bindTarget(s, it.OptionalVars, st, nil)
			}
		}
		b.stmts(s, st.Body)
	case *ast.Match:
		b.expr(s, st.Subject)
		for _, c := range st.Cases {
			b.pattern(s, c.Pattern)
			if c.Guard != nil {
				b.expr(s, c.Guard)
			}
			b.stmts(s, c.Body)
		}
	case *ast.Try:
		b.stmts(s, st.Body)
		for _, h := range st.Handlers {
			if h.Type != nil {
				b.expr(s, h.Type)
			}
			if h.Name != "" {
				b.bind(s, h.Name, OtherBinding, h, nil, "")
			}
			b.stmts(s, h.Body)
		}
		b.stmts(s, st.Orelse)
		b.stmts(s, st.Finalbody)
	case *ast.Import:
		for _, a := range st.Names {
			b.m.Imports = append(b.m.Imports, Import{Module: a.Name, Node: st, Alias: a})
			if a.Asname != "" {
				b.bind(s, a.Asname, ImportBinding, st, nil, a.Name)
			} else {
				first := a.Name
				if i := strings.IndexByte(first, '.'); i >= 0 {
					first = first[:i]
				}
				b.bind(s, first, ImportBinding, st, nil, first)
			}
		}
	case *ast.ImportFrom:
		mod := b.m.resolveRelative(st.Module, st.Level)
		for _, a := range st.Names {
			if a.Name == "*" {
				b.m.starFrom = append(b.m.starFrom, mod)
				b.m.Imports = append(b.m.Imports, Import{Module: mod, Node: st, Alias: a})
				continue
			}
			q := a.Name
			if mod != "" {
				q = mod + "." + a.Name
			}
			b.m.Imports = append(b.m.Imports, Import{Module: q, Node: st, Alias: a})
			name := a.Name
			if a.Asname != "" {
				name = a.Asname
			}
			b.bind(s, name, ImportBinding, st, nil, q)
		}
	case *ast.Global:
		if s.Globals == nil {
			s.Globals = map[string]bool{}
		}
		for _, n := range st.Names {
			s.Globals[n] = true
		}
	case *ast.Delete:
		for _, t := range st.Targets {
			b.expr(s, t)
		}
	case *ast.Return:
		if st.Value != nil {
			b.expr(s, st.Value)
		}
	case *ast.Raise:
		if st.Exc != nil {
			b.expr(s, st.Exc)
		}
		if st.Cause != nil {
			b.expr(s, st.Cause)
		}
	case *ast.Assert:
		b.expr(s, st.Test)
		if st.Msg != nil {
			b.expr(s, st.Msg)
		}
	case *ast.ExprStmt:
		b.expr(s, st.Value)
	}
}

func (b *builder) pattern(s *Scope, p ast.Pattern) {
	ast.Inspect(p, func(n ast.Node) bool {
		switch n := n.(type) {
		case *ast.MatchAs:
			if n.Name != "" {
				b.bind(s, n.Name, OtherBinding, n, nil, "")
			}
		case *ast.MatchStar:
			if n.Name != "" {
				b.bind(s, n.Name, OtherBinding, n, nil, "")
			}
		case *ast.MatchMapping:
			if n.Rest != "" {
				b.bind(s, n.Rest, OtherBinding, n, nil, "")
			}
		}
		return true
	})
}

func (b *builder) arguments(s *Scope, a *ast.Arguments) {
	if a == nil {
		return
	}
	for _, d := range a.Defaults {
		b.expr(s, d)
	}
	for _, d := range a.KwDefaults {
		if d != nil {
			b.expr(s, d)
		}
	}
}

func (b *builder) params(fs *Scope, a *ast.Arguments) {
	if a == nil {
		return
	}
	each := func(list []*ast.Arg) {
		for _, p := range list {
			b.bind(fs, p.Arg, ParameterBinding, p, nil, "")
		}
	}
	each(a.PosOnlyArgs)
	each(a.Args)
	each(a.KwOnlyArgs)
	if a.Vararg != nil {
		b.bind(fs, a.Vararg.Arg, ParameterBinding, a.Vararg, nil, "")
	}
	if a.Kwarg != nil {
		b.bind(fs, a.Kwarg.Arg, ParameterBinding, a.Kwarg, nil, "")
	}
}

// expr visits an expression for the scopes it creates (lambdas,
// comprehensions) and the names it binds (walrus).
func (b *builder) expr(s *Scope, e ast.Expr) {
	if e == nil {
		return
	}
	switch e := e.(type) {
	case *ast.Lambda:
		b.arguments(s, e.Args)
		ls := newScope(s, LambdaScope, e, "", e.Body.Pos(), e.Body.End())
		b.open(ls)
		b.params(ls, e.Args)
		b.expr(ls, e.Body)
		b.close(ls)
		return
	case *ast.ListComp, *ast.SetComp, *ast.DictComp, *ast.GeneratorExp:
		var gens []*ast.Comprehension
		var elts []ast.Expr
		switch c := e.(type) {
		case *ast.ListComp:
			gens, elts = c.Generators, []ast.Expr{c.Elt}
		case *ast.SetComp:
			gens, elts = c.Generators, []ast.Expr{c.Elt}
		case *ast.DictComp:
			gens, elts = c.Generators, []ast.Expr{c.Key, c.Value}
		case *ast.GeneratorExp:
			gens, elts = c.Generators, []ast.Expr{c.Elt}
		}
		if len(gens) > 0 {
			b.expr(s, gens[0].Iter)
		}
		cs := newScope(s, ComprehensionScope, e, "", e.Pos(), e.End())
		b.open(cs)
		for i, g := range gens {
			if i > 0 {
				b.expr(cs, g.Iter)
			}
			b.bindTarget(cs, g.Target, g, nil)
			for _, c := range g.Ifs {
				b.expr(cs, c)
			}
		}
		for _, x := range elts {
			b.expr(cs, x)
		}
		b.close(cs)
		return
	case *ast.NamedExpr:
		b.expr(s, e.Value)
		target := s
		for target.Kind == ComprehensionScope && target.Parent != nil {
			target = target.Parent
		}
		if n, ok := e.Target.(*ast.Name); ok {
			b.bind(target, n.Id, AssignBinding, e, e.Value, "")
		}
		return
	}
	ast.Children(e, func(n ast.Node) {
		if x, ok := n.(ast.Expr); ok {
			b.expr(s, x)
		} else if k, ok := n.(*ast.Keyword); ok {
			b.expr(s, k.Value)
		} else if c, ok := n.(*ast.Comprehension); ok {
			b.expr(s, c.Iter)
		}
	})
}

// resolveRelative turns `from ..x import` into an absolute module name.
func (m *Model) resolveRelative(module string, level int) string {
	if level == 0 {
		return module
	}
	parts := []string{}
	if m.ModulePath != "" {
		parts = strings.Split(m.ModulePath, ".")
	}
	// The package of a module is its path without the last part.
	if len(parts) >= level {
		parts = parts[:len(parts)-level]
	} else {
		parts = nil
	}
	if module != "" {
		parts = append(parts, module)
	}
	return strings.Join(parts, ".")
}

// ScopeAt returns the innermost scope in which names at offset pos
// resolve.
func (m *Model) ScopeAt(pos int) *Scope {
	s := m.Root
	for {
		i := sort.Search(len(s.Children), func(i int) bool { return s.Children[i].end > pos })
		found := false
		for ; i < len(s.Children); i++ {
			c := s.Children[i]
			if c.start > pos {
				break
			}
			if pos >= c.start && pos < c.end {
				s, found = c, true
				break
			}
		}
		if !found {
			return s
		}
	}
}

// Lookup finds the bindings a name refers to at offset pos, following
// Python's scoping rules (class scopes are skipped from nested functions).
// It returns nil for a builtin or unbound name.
func (m *Model) Lookup(name string, pos int) []*Binding {
	s := m.ScopeAt(pos)
	first := true
	for x := s; x != nil; x = x.Parent {
		if x.Kind == ClassScope && !first {
			continue
		}
		first = false
		if x.Globals[name] {
			return m.Root.Bindings(name)
		}
		if bs := x.Bindings(name); len(bs) > 0 {
			return bs
		}
	}
	return nil
}

// maxDepth bounds alias chains (x = y; y = x).
const maxDepth = 16

// QualifiedName returns the qualified name an expression refers to, or ""
// when it is not known.
func (m *Model) QualifiedName(e ast.Expr) string {
	return m.qualified(e, 0)
}

func (m *Model) qualified(e ast.Expr, depth int) string {
	if depth > maxDepth {
		return ""
	}
	switch e := e.(type) {
	case *ast.Name:
		bs := m.Lookup(e.Id, e.Pos())
		if bs == nil {
			if mod := m.starModuleFor(e.Id); mod != "" {
				return mod + "." + e.Id
			}
			if Builtins[e.Id] {
				return e.Id
			}
			return ""
		}
		q := ""
		for i, b := range bs {
			var bq string
			switch b.Kind {
			case ImportBinding:
				bq = b.Qualified
			case AssignBinding:
				if b.Value == nil {
					return ""
				}
				if b.Value.Pos() <= e.Pos() && e.Pos() < b.Value.End() {
					return "" // x = x.y refers to an earlier x
				}
				bq = m.qualified(b.Value, depth+1)
			case FunctionBinding, ClassBinding:
				if b.Scope.Kind != ModuleScope {
					return ""
				}
				if m.ModulePath != "" {
					bq = m.ModulePath + "." + b.Name
				} else {
					bq = b.Name
				}
			default:
				return ""
			}
			if bq == "" || (i > 0 && bq != q) {
				return ""
			}
			q = bq
		}
		return q
	case *ast.Attribute:
		base := m.qualified(e.Value, depth+1)
		if base == "" {
			return ""
		}
		return base + "." + e.Attr
	case *ast.Call:
		// importlib.import_module("pickle") and __import__("os") name a module.
		fn := m.qualified(e.Func, depth+1)
		if (fn == "importlib.import_module" || fn == "__import__") && len(e.Args) > 0 {
			if v, ok := m.constValue(e.Args[0], depth+1); ok && v.Kind == StrValue {
				if fn == "__import__" {
					if i := strings.IndexByte(v.Str, '.'); i >= 0 {
						return v.Str[:i]
					}
				}
				return v.Str
			}
		}
	}
	return ""
}

// starModuleFor returns the module a star import brings name from.
func (m *Model) starModuleFor(name string) string {
	for i := len(m.starFrom) - 1; i >= 0; i-- {
		mod := m.starFrom[i]
		if names, ok := StarExports[mod]; ok && names[name] {
			return mod
		}
	}
	return ""
}

// CalleeName is QualifiedName of a call's function.
func (m *Model) CalleeName(c *ast.Call) string {
	return m.QualifiedName(c.Func)
}

// EnclosingScopeName is the dotted name of the function or class that
// contains offset pos ("" at module level).
func (m *Model) EnclosingScopeName(pos int) string {
	s := m.ScopeAt(pos)
	for s != nil && s.Kind != FunctionScope && s.Kind != ClassScope && s.Kind != ModuleScope {
		s = s.Parent
	}
	if s == nil {
		return ""
	}
	return s.QualifiedScopeName()
}
