package semantic

import (
	"math/big"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// Flow is the result of a flow-sensitive constant analysis of one function
// body (or a module's top level): the expressions whose value is the same
// constant on every path that reaches them, and for each match statement
// whose subject is known the one case that runs.
//
// The analysis is deliberately small and only folds what is certain: local
// names bound to constants, int and str arithmetic and comparisons, `in`
// on constant strings and containers, str methods and slices of constants,
// and lists, dicts and configparser objects built in the function from
// constant keys (one abstract value per name; a container that escapes
// into anything the analysis does not model is forgotten). Branches whose
// test is constant are followed on their live side only. Loops, exception
// handlers and with blocks forget what their bodies change.
type Flow struct {
	vals  map[ast.Expr]*absVal
	cases map[*ast.Match]int
	dead  map[ast.Stmt]bool // statements of a reached block that no path runs
}

// Reached reports whether a statement of the body, in a block that runs,
// runs on some path too (it does not stand after a return, or in a branch
// whose test is constant).
func (f *Flow) Reached(s ast.Stmt) bool {
	return f == nil || !f.dead[s]
}

// Value returns the constant an expression evaluates to where it stands,
// if the analysis proved one.
func (f *Flow) Value(e ast.Expr) (Value, bool) {
	if f == nil {
		return Value{}, false
	}
	if k, ok := e.(*ast.Constant); ok {
		return literal(k)
	}
	if v := f.vals[e]; v != nil && v.kind == absConst {
		return v.v, true
	}
	return Value{}, false
}

// Known reports whether an expression's value is fully known where it
// stands: a constant, or a list, tuple or dict of known values.
func (f *Flow) Known(e ast.Expr) bool {
	if f == nil {
		return false
	}
	v := f.vals[e]
	return v != nil && v.known()
}

// MatchCase returns the index of the only case a match statement can run,
// or -1 when it is not known.
func (f *Flow) MatchCase(m *ast.Match) int {
	if f == nil {
		return -1
	}
	if i, ok := f.cases[m]; ok {
		return i
	}
	return -1
}

type absKind uint8

const (
	absConst  absKind = iota + 1
	absList           // list or tuple
	absDict           // dict with constant keys
	absConfig         // configparser object: sections of constant options
	absOpaque         // a scalar computed from constants only, its value not followed
)

var opaque = &absVal{kind: absOpaque}

// absVal is an abstract value; nil is unknown. Values are never mutated
// once built: a change makes a new one.
type absVal struct {
	kind absKind
	v    Value
	elts []*absVal // list elements, or dict values in key order
	keys []Value   // dict keys, config section names
	sub  []*absVal // config sections (each an absDict)
}

func (a *absVal) known() bool {
	if a == nil {
		return false
	}
	switch a.kind {
	case absConst, absOpaque:
		return true
	case absList, absDict:
		for _, e := range a.elts {
			if !e.known() {
				return false
			}
		}
		return true
	}
	return false
}

func (a *absVal) container() bool {
	return a != nil && a.kind != absConst && a.kind != absOpaque
}

func (a *absVal) scalar() bool { return a != nil && (a.kind == absConst || a.kind == absOpaque) }

// joinVal is what holds of a value that is a on one path and b on another:
// two different constants are still a constant, of unknown value.
func joinVal(a, b *absVal) *absVal {
	switch {
	case sameAbs(a, b):
		return a
	case a.scalar() && b.scalar():
		return opaque
	case a != nil && b != nil && a.kind == absList && b.kind == absList && len(a.elts) == len(b.elts):
		elts := make([]*absVal, len(a.elts))
		for i := range elts {
			elts[i] = joinVal(a.elts[i], b.elts[i])
		}
		return &absVal{kind: absList, elts: elts}
	}
	return nil
}

// joinInto joins b into a in place.
func joinInto(a, b flowEnv) {
	for k, v := range a {
		if j := joinVal(v, b[k]); j != nil {
			a[k] = j
		} else {
			delete(a, k)
		}
	}
}

func sameValue(a, b Value) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case StrValue, BytesValue:
		return a.Str == b.Str
	case IntValue:
		return a.Int.Cmp(b.Int) == 0
	case FloatValue:
		return a.Float == b.Float
	case BoolValue:
		return a.Bool == b.Bool
	}
	return true
}

func sameAbs(a, b *absVal) bool {
	if a == nil || b == nil {
		return a == b
	}
	if a == b {
		return true
	}
	if a.kind != b.kind || len(a.elts) != len(b.elts) || len(a.keys) != len(b.keys) || len(a.sub) != len(b.sub) {
		return false
	}
	if a.kind == absConst {
		return sameValue(a.v, b.v)
	}
	for i := range a.elts {
		if !sameAbs(a.elts[i], b.elts[i]) {
			return false
		}
	}
	for i := range a.keys {
		if !sameValue(a.keys[i], b.keys[i]) {
			return false
		}
	}
	for i := range a.sub {
		if !sameAbs(a.sub[i], b.sub[i]) {
			return false
		}
	}
	return true
}

// flowEnv maps local names to their abstract values; a nil env is a point
// no path reaches.
type flowEnv map[string]*absVal

func (e flowEnv) copy() flowEnv {
	if e == nil {
		return nil
	}
	c := make(flowEnv, len(e))
	for k, v := range e {
		c[k] = v
	}
	return c
}

func join(a, b flowEnv) flowEnv {
	if a == nil {
		return b.copy()
	}
	if b == nil {
		return a.copy()
	}
	out := a.copy()
	joinInto(out, b)
	return out
}

// limits keep the analysis cheap on generated code.
const (
	maxFlowElts = 64
	maxFlowStr  = 4096
)

type flowCtx struct {
	m     *Model
	out   *Flow
	scope *Scope          // its bindings are the names the body binds (tracked flow-sensitively)
	never map[string]bool // global/nonlocal names and names nested scopes bind
	// noContainers: a nested function or class may mutate containers.
	noContainers bool
	all          bool // record the value of every expression
	function     bool // a function body (not a module's top level)
	loops        int  // loops around the statement being analysed
}

// FlowOf analyses a function's body (fn nil: the module's top level). It
// records the values of tests, subscripts and calls (what a name holds is
// known where it is bound); ConstAt and KnownAt answer for any expression.
func (m *Model) FlowOf(fn *ast.FunctionDef, body []ast.Stmt) *Flow {
	return m.flowOf(fn, body, false)
}

func (m *Model) flowOf(fn *ast.FunctionDef, body []ast.Stmt, all bool) *Flow {
	c := &flowCtx{m: m, all: all, function: fn != nil, out: &Flow{vals: map[ast.Expr]*absVal{}},
		never: map[string]bool{}}
	if fn != nil && fn.Args != nil {
		for _, list := range [][]*ast.Arg{fn.Args.PosOnlyArgs, fn.Args.Args, fn.Args.KwOnlyArgs} {
			for _, a := range list {
				c.never[a.Arg] = true
			}
		}
		for _, a := range []*ast.Arg{fn.Args.Vararg, fn.Args.Kwarg} {
			if a != nil {
				c.never[a.Arg] = true
			}
		}
	}
	sc := m.scopeOf(fn)
	if sc == nil {
		return c.out // not a function of this model: nothing is known
	}
	c.names(sc)
	c.block(body, flowEnv{})
	return c.out
}

// ConstAt returns the constant an expression evaluates to where it stands
// in its function, by the flow-sensitive analysis of that function (or of
// the module's top level), falling back to ConstValue.
func (m *Model) ConstAt(e ast.Expr) (Value, bool) {
	fn, body := m.enclosingBody(e)
	if body == nil {
		return m.ConstValue(e)
	}
	return m.flowOf(fn, body, true).Value(e)
}

// KnownAt reports whether an expression's value (a constant, or a
// container of constants) is fully known where it stands, or whether it
// stands where no path reaches (after a return, in a branch whose test is
// constant), so that no value reaches it.
func (m *Model) KnownAt(e ast.Expr) bool {
	fn, body := m.enclosingBody(e)
	if body == nil {
		_, ok := m.ConstValue(e)
		return ok
	}
	f := m.flowOf(fn, body, true)
	return f.Known(e) || f.deadAt(body, e)
}

// deadAt reports whether a statement that holds e (in the body, not in a
// nested function or class) is one no path runs.
func (f *Flow) deadAt(body []ast.Stmt, e ast.Expr) bool {
	pos := e.Pos()
	for _, s := range body {
		if pos < s.Pos() || pos >= s.End() {
			continue
		}
		if f.dead[s] {
			return true
		}
		var inner []ast.Stmt
		switch x := s.(type) {
		case *ast.If:
			inner = append(append(inner, x.Body...), x.Orelse...)
		case *ast.For:
			inner = append(append(inner, x.Body...), x.Orelse...)
		case *ast.While:
			inner = append(append(inner, x.Body...), x.Orelse...)
		case *ast.With:
			inner = x.Body
		case *ast.Try:
			inner = append(append(inner, x.Body...), x.Orelse...)
			inner = append(inner, x.Finalbody...)
			for _, h := range x.Handlers {
				inner = append(inner, h.Body...)
			}
		case *ast.Match:
			for _, mc := range x.Cases {
				inner = append(inner, mc.Body...)
			}
		case *ast.FunctionDef, *ast.ClassDef:
			return false
		}
		return f.deadAt(inner, e)
	}
	return false
}

func (m *Model) enclosingBody(e ast.Expr) (*ast.FunctionDef, []ast.Stmt) {
	s := m.ScopeAt(e.Pos())
	if s == nil {
		return nil, nil
	}
	switch n := s.Node.(type) {
	case *ast.FunctionDef:
		return n, n.Body
	case *ast.Module:
		return nil, n.Body
	}
	return nil, nil // class body, lambda, comprehension
}

// names fills local with the names the scope binds and never with those
// that must not be followed: declared global, bound in a nested scope (a
// nested function may declare them nonlocal and rebind them at any call)
// or, at module level, declared global by a function. With a nested
// function, lambda or class, containers are not followed at all (one may
// mutate them at any call).
func (c *flowCtx) names(sc *Scope) {
	c.scope = sc
	for name := range sc.Globals {
		c.never[name] = true
	}
	var visit func(*Scope)
	visit = func(s *Scope) {
		for _, ch := range s.Children {
			if ch.Kind != ComprehensionScope {
				c.noContainers = true
			}
			for _, nb := range ch.names {
				if c.local(nb.name) {
					c.never[nb.name] = true
				}
			}
			for name := range ch.Globals {
				if c.local(name) {
					c.never[name] = true
				}
			}
			visit(ch)
		}
	}
	visit(sc)
}

// scopeOf returns the scope a function (nil: the module) makes.
func (m *Model) scopeOf(fn *ast.FunctionDef) *Scope {
	if fn == nil {
		return m.Root
	}
	parent := m.ScopeAt(fn.Pos())
	for parent != nil {
		for _, ch := range parent.Children {
			if ch.Node == ast.Node(fn) {
				return ch
			}
		}
		// Decorators and defaults may open scopes of their own; the def's
		// scope is a child of the scope holding the statement.
		parent = parent.Parent
	}
	return nil
}

func (c *flowCtx) local(name string) bool {
	return len(c.scope.Bindings(name)) > 0
}

func (c *flowCtx) tracked(name string) bool {
	return c.local(name) && !c.never[name]
}

func (c *flowCtx) block(body []ast.Stmt, env flowEnv) flowEnv {
	for i, s := range body {
		if env == nil {
			c.markDead(body[i:])
			return nil
		}
		env = c.stmt(s, env)
	}
	return env
}

func (c *flowCtx) markDead(list []ast.Stmt) {
	if len(list) == 0 {
		return
	}
	if c.out.dead == nil {
		c.out.dead = map[ast.Stmt]bool{}
	}
	for _, s := range list {
		c.out.dead[s] = true
	}
}

// kill forgets the names a subtree binds and the containers it mentions.
func (c *flowCtx) kill(n ast.Node, env flowEnv) {
	if len(env) == 0 || n == nil {
		return
	}
	ast.Inspect(n, func(x ast.Node) bool {
		switch x := x.(type) {
		case *ast.Name:
			if x.Ctx != ast.Load || env[x.Id].container() {
				delete(env, x.Id)
			}
		case *ast.FunctionDef:
			delete(env, x.Name)
		case *ast.ClassDef:
			delete(env, x.Name)
		case *ast.ExceptHandler:
			if x.Name != "" {
				delete(env, x.Name)
			}
		case *ast.MatchAs:
			if x.Name != "" {
				delete(env, x.Name)
			}
		case *ast.MatchStar:
			if x.Name != "" {
				delete(env, x.Name)
			}
		case *ast.MatchMapping:
			if x.Rest != "" {
				delete(env, x.Rest)
			}
		case *ast.Alias:
			name := x.Asname
			if name == "" {
				name, _, _ = strings.Cut(x.Name, ".")
			}
			delete(env, name)
		}
		return true
	})
}

func (c *flowCtx) killAll(list []ast.Stmt, env flowEnv) {
	for _, s := range list {
		c.kill(s, env)
	}
}

func (c *flowCtx) stmt(s ast.Stmt, env flowEnv) flowEnv {
	switch s := s.(type) {
	case *ast.Assign:
		v := c.eval(s.Value, env)
		if v.container() && (len(s.Targets) > 1 || !fresh(s.Value)) {
			// Two names for one object: neither is followed.
			c.escapeValue(s.Value, v, env)
			v = nil
		}
		for _, t := range s.Targets {
			c.assign(t, v, env)
		}
	case *ast.AnnAssign:
		if s.Value != nil {
			v := c.eval(s.Value, env)
			if v.container() && !fresh(s.Value) {
				c.escapeValue(s.Value, v, env)
				v = nil
			}
			c.assign(s.Target, v, env)
		} else {
			c.kill(s.Target, env)
		}
	case *ast.AugAssign:
		if n, ok := s.Target.(*ast.Name); ok {
			v := c.binop(s.Op, c.evalName(n, env), c.eval(s.Value, env))
			c.assign(n, v, env)
		} else {
			c.eval(s.Value, env)
			c.kill(s.Target, env)
			c.escapeTarget(s.Target, env)
		}
	case *ast.ExprStmt:
		c.eval(s.Value, env)
	case *ast.Return:
		if s.Value != nil {
			c.escape(s.Value, env)
		}
		if !c.function {
			return env // not Python (a file that does not parse): nothing ends here
		}
		return nil
	case *ast.Raise:
		c.escape(s.Exc, env)
		c.escape(s.Cause, env)
		return nil
	case *ast.Break, *ast.Continue:
		if c.loops == 0 {
			return env // outside a loop: not Python
		}
		return nil
	case *ast.If:
		t := c.eval(s.Test, env)
		if t != nil && t.kind == absConst {
			c.out.vals[s.Test] = t
			if t.v.Truthy() {
				c.markDead(s.Orelse)
				return c.block(s.Body, env)
			}
			c.markDead(s.Body)
			return c.block(s.Orelse, env)
		}
		a := c.block(s.Body, env.copy())
		b := c.block(s.Orelse, env)
		return join(a, b)
	case *ast.For:
		c.escape(s.Iter, env)
		c.kill(s.Target, env)
		c.kill(s, env)
		c.loops++
		c.block(s.Body, env.copy())
		c.loops--
		return c.block(s.Orelse, env)
	case *ast.While:
		c.kill(s, env)
		c.escape(s.Test, env)
		c.loops++
		c.block(s.Body, env.copy())
		c.loops--
		return c.block(s.Orelse, env)
	case *ast.With:
		for _, it := range s.Items {
			c.escape(it.ContextExpr, env)
			if it.OptionalVars != nil {
				c.kill(it.OptionalVars, env)
			}
		}
		// A context manager may swallow an exception and skip the rest of
		// the body: what the body changes is unknown after it.
		after := c.block(s.Body, env.copy())
		c.killAll(s.Body, env)
		return join(after, env)
	case *ast.Try:
		entry := env.copy()
		c.killAll(s.Body, entry)
		after := c.block(s.Orelse, c.block(s.Body, env))
		for _, h := range s.Handlers {
			c.escape(h.Type, entry)
			he := entry.copy()
			if h.Name != "" {
				delete(he, h.Name)
			}
			after = join(after, c.block(h.Body, he))
		}
		if len(s.Finalbody) > 0 {
			// The final block also runs on the ways out (return, raise):
			// it starts from what holds on all of them.
			fin := entry.copy()
			for _, h := range s.Handlers {
				c.killAll(h.Body, fin)
			}
			c.killAll(s.Orelse, fin)
			end := c.block(s.Finalbody, fin)
			if after == nil || end == nil {
				return nil
			}
			c.killAll(s.Finalbody, after)
			return join(after, end)
		}
		return after
	case *ast.Match:
		subj := c.eval(s.Subject, env)
		c.escapeValue(s.Subject, subj, env)
		if subj != nil && subj.kind == absConst {
			for i, mc := range s.Cases {
				switch matchConst(mc.Pattern, subj.v) {
				case matchNo:
					continue
				case matchYes:
					if mc.Guard == nil {
						if c.out.cases == nil {
							c.out.cases = map[*ast.Match]int{}
						}
						c.out.cases[s] = i
						for j, other := range s.Cases {
							if j != i {
								c.markDead(other.Body)
							}
						}
						c.kill(mc.Pattern, env) // `case x:` binds the subject
						return c.block(mc.Body, env)
					}
				}
				break
			}
		}
		var out flowEnv
		exhaustive := false
		for _, mc := range s.Cases {
			ce := env.copy()
			c.kill(mc.Pattern, ce)
			c.escape(mc.Guard, ce)
			out = join(out, c.block(mc.Body, ce))
			if as, ok := mc.Pattern.(*ast.MatchAs); ok && as.Pattern == nil && mc.Guard == nil {
				exhaustive = true
			}
		}
		if !exhaustive {
			e := env.copy()
			for _, mc := range s.Cases {
				c.kill(mc.Pattern, e)
			}
			out = join(out, e)
		}
		return out
	case *ast.Delete:
		for _, t := range s.Targets {
			c.del(t, env)
		}
	case *ast.FunctionDef, *ast.ClassDef, *ast.Import, *ast.ImportFrom:
		c.kill(s, env)
	case *ast.Assert:
		c.escape(s.Test, env)
	case *ast.Global, *ast.Nonlocal, *ast.Pass:
	default:
		c.kill(s, env)
	}
	return env
}

type matchResult uint8

const (
	matchUnknown matchResult = iota
	matchYes
	matchNo
)

// matchConst decides a case pattern against a constant subject, for value
// patterns, wildcards and alternatives of them.
func matchConst(p ast.Pattern, v Value) matchResult {
	switch p := p.(type) {
	case *ast.MatchAs:
		if p.Pattern == nil {
			return matchYes
		}
		return matchConst(p.Pattern, v)
	case *ast.MatchValue:
		k, ok := p.Value.(*ast.Constant)
		if !ok {
			return matchUnknown
		}
		cv, ok := literal(k)
		if !ok || (cv.Kind != StrValue && cv.Kind != IntValue) || (v.Kind != StrValue && v.Kind != IntValue) {
			return matchUnknown
		}
		if sameValue(cv, v) {
			return matchYes
		}
		return matchNo
	case *ast.MatchOr:
		res := matchNo
		for _, q := range p.Patterns {
			switch matchConst(q, v) {
			case matchYes:
				return matchYes
			case matchUnknown:
				res = matchUnknown
			}
		}
		return res
	}
	return matchUnknown
}

func literal(k *ast.Constant) (Value, bool) {
	switch k.Kind {
	case ast.StrConst:
		return Value{Kind: StrValue, Str: k.Str}, true
	case ast.BytesConst:
		return Value{Kind: BytesValue, Str: k.Str}, true
	case ast.IntConst:
		return Value{Kind: IntValue, Int: k.Int}, true
	case ast.FloatConst:
		return Value{Kind: FloatValue, Float: k.Float}, true
	case ast.BoolConst:
		return Value{Kind: BoolValue, Bool: k.Bool}, true
	case ast.NoneConst:
		return Value{Kind: NoneValue}, true
	}
	return Value{}, false
}

// assign binds a target to a value.
func (c *flowCtx) assign(t ast.Expr, v *absVal, env flowEnv) {
	switch t := t.(type) {
	case *ast.Name:
		if c.tracked(t.Id) && v != nil && (!v.container() || !c.noContainers) {
			env[t.Id] = v
		} else {
			delete(env, t.Id)
		}
	case *ast.Subscript:
		n, ok := t.Value.(*ast.Name)
		if !ok {
			c.escapeTarget(t, env)
			return
		}
		key := c.eval(t.Slice, env)
		cur := env[n.Id]
		if cur.container() && v.container() {
			v = nil
		}
		if cur == nil || key == nil || key.kind != absConst {
			delete(env, n.Id)
			return
		}
		switch cur.kind {
		case absDict:
			env[n.Id] = dictSet(cur, key.v, v)
		case absList:
			if i, ok := index(key.v, len(cur.elts)); ok {
				elts := append([]*absVal(nil), cur.elts...)
				elts[i] = v
				env[n.Id] = &absVal{kind: absList, elts: elts}
			} else {
				delete(env, n.Id)
			}
		default:
			delete(env, n.Id)
		}
	default:
		c.kill(t, env)
		c.escapeTarget(t, env)
	}
}

// escapeTarget forgets containers read by a store target's expressions.
func (c *flowCtx) escapeTarget(t ast.Expr, env flowEnv) {
	if len(env) == 0 {
		return
	}
	ast.Inspect(t, func(x ast.Node) bool {
		if n, ok := x.(*ast.Name); ok && env[n.Id].container() {
			delete(env, n.Id)
		}
		return true
	})
}

func (c *flowCtx) del(t ast.Expr, env flowEnv) {
	if s, ok := t.(*ast.Subscript); ok {
		if n, ok := s.Value.(*ast.Name); ok {
			cur := env[n.Id]
			key := c.eval(s.Slice, env)
			if cur != nil && key != nil && key.kind == absConst {
				switch cur.kind {
				case absList:
					if i, ok := index(key.v, len(cur.elts)); ok {
						env[n.Id] = &absVal{kind: absList, elts: remove(cur.elts, i)}
						return
					}
				case absDict:
					if i := dictIndex(cur, key.v); i >= 0 {
						env[n.Id] = &absVal{kind: absDict, keys: removeValue(cur.keys, i), elts: remove(cur.elts, i)}
						return
					}
				}
			}
			delete(env, n.Id)
			return
		}
	}
	c.kill(t, env)
	c.escapeTarget(t, env)
}

func remove(elts []*absVal, i int) []*absVal {
	out := make([]*absVal, 0, len(elts)-1)
	out = append(out, elts[:i]...)
	return append(out, elts[i+1:]...)
}

func removeValue(keys []Value, i int) []Value {
	out := make([]Value, 0, len(keys)-1)
	out = append(out, keys[:i]...)
	return append(out, keys[i+1:]...)
}

func dictIndex(d *absVal, k Value) int {
	for i, dk := range d.keys {
		if sameValue(dk, k) {
			return i
		}
	}
	return -1
}

func dictSet(d *absVal, k Value, v *absVal) *absVal {
	if k.Kind != StrValue && k.Kind != IntValue {
		return nil
	}
	i := dictIndex(d, k)
	if i < 0 {
		if len(d.keys) >= maxFlowElts {
			return nil
		}
		return &absVal{kind: absDict, keys: append(append([]Value(nil), d.keys...), k), elts: append(append([]*absVal(nil), d.elts...), v)}
	}
	elts := append([]*absVal(nil), d.elts...)
	elts[i] = v
	return &absVal{kind: absDict, keys: d.keys, elts: elts}
}

// index turns a constant int into a position of a sequence of length n.
func index(v Value, n int) (int, bool) {
	if v.Kind != IntValue || !v.Int.IsInt64() {
		return 0, false
	}
	i := v.Int.Int64()
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, false
	}
	return int(i), true
}

// escape evaluates an expression whose value goes somewhere the analysis
// does not follow: the containers it names are forgotten.
func (c *flowCtx) escape(e ast.Expr, env flowEnv) {
	if e == nil || env == nil {
		return
	}
	if _, lit := e.(*ast.Constant); lit {
		return // nothing to evaluate or forget
	}
	v := c.eval(e, env)
	if v.container() {
		c.escapeTarget(e, env)
	}
}

func (c *flowCtx) record(e ast.Expr, v *absVal) *absVal {
	if v == nil {
		return nil
	}
	if !c.all {
		// What a name holds is known where it is bound: only what reads
		// containers and calls is worth keeping.
		switch e.(type) {
		case *ast.Subscript, *ast.Call:
		default:
			return v
		}
	}
	c.out.vals[e] = v
	return v
}

func constAbs(v Value) *absVal { return &absVal{kind: absConst, v: v} }

func strAbs(s string) *absVal {
	if len(s) > maxFlowStr {
		return nil
	}
	return constAbs(Value{Kind: StrValue, Str: s})
}

func intAbs(i *big.Int) *absVal {
	if i.BitLen() > 256 {
		return nil
	}
	return constAbs(Value{Kind: IntValue, Int: i})
}

func boolAbs(b bool) *absVal { return constAbs(Value{Kind: BoolValue, Bool: b}) }

func (c *flowCtx) evalName(n *ast.Name, env flowEnv) *absVal {
	if c.local(n.Id) {
		if c.never[n.Id] {
			return nil
		}
		return env[n.Id]
	}
	if c.never[n.Id] {
		return nil
	}
	if v, ok := c.m.ConstValue(n); ok {
		return constAbs(v)
	}
	return nil
}

// eval evaluates an expression, applying its effects on the containers it
// mutates, and records constant results.
func (c *flowCtx) eval(e ast.Expr, env flowEnv) *absVal {
	if e == nil || env == nil {
		return nil
	}
	switch x := e.(type) {
	case *ast.Constant:
		// Literals are not recorded: everyone knows them.
		if v, ok := literal(x); ok {
			return constAbs(v)
		}
		return nil
	case *ast.Name:
		return c.record(e, c.evalName(x, env))
	case *ast.BinOp:
		l := c.eval(x.Left, env)
		r := c.eval(x.Right, env)
		v := c.binop(x.Op, l, r)
		if v == nil {
			c.escapeValue(x.Left, l, env)
			c.escapeValue(x.Right, r, env)
		}
		return c.record(e, v)
	case *ast.UnaryOp:
		v := c.eval(x.Operand, env)
		if v == nil || v.kind != absConst {
			c.escapeValue(x.Operand, v, env)
			if x.Op == ast.Not && v.container() {
				return c.record(e, boolAbs(len(v.elts)+len(v.sub) == 0))
			}
			if v.known() {
				return c.record(e, opaque)
			}
			return nil
		}
		switch {
		case x.Op == ast.Not && v.v.Kind != FloatValue:
			return c.record(e, boolAbs(!v.v.Truthy()))
		case x.Op == ast.USub && v.v.Kind == IntValue:
			return c.record(e, intAbs(new(big.Int).Neg(v.v.Int)))
		case x.Op == ast.UAdd && v.v.Kind == IntValue:
			return c.record(e, v)
		}
		return c.record(e, opaque)
	case *ast.BoolOp:
		// Python returns the operand that decides.
		var last *absVal
		for i, operand := range x.Values {
			v := c.eval(operand, env)
			if v == nil || v.kind != absConst || v.v.Kind == FloatValue {
				c.escapeValue(operand, v, env)
				known := v.scalar()
				for _, rest := range x.Values[i+1:] {
					if !c.maybe(rest, env).scalar() {
						known = false
					}
				}
				if known {
					return c.record(e, opaque)
				}
				return nil
			}
			last = v
			if v.v.Truthy() == (x.Op == ast.Or) {
				return c.record(e, v)
			}
		}
		return c.record(e, last)
	case *ast.IfExp:
		t := c.eval(x.Test, env)
		if t != nil && t.kind == absConst && t.v.Kind != FloatValue {
			c.out.vals[x.Test] = t
			if t.v.Truthy() {
				return c.record(e, c.eval(x.Body, env))
			}
			return c.record(e, c.eval(x.Orelse, env))
		}
		c.escapeValue(x.Test, t, env)
		a := env.copy()
		va := c.eval(x.Body, a)
		vb := c.eval(x.Orelse, env)
		joinInto(env, a)
		if va.scalar() && vb.scalar() {
			return c.record(e, joinVal(va, vb))
		}
		c.escapeValue(x.Body, va, env)
		c.escapeValue(x.Orelse, vb, env)
		return nil
	case *ast.Compare:
		return c.record(e, c.compare(x, env))
	case *ast.JoinedStr:
		var b strings.Builder
		ok, known := true, true
		for _, part := range x.Values {
			switch p := part.(type) {
			case *ast.Constant:
				b.WriteString(p.Str)
			case *ast.FormattedValue:
				v := c.eval(p.Value, env)
				spec := c.eval(p.FormatSpec, env)
				s, good := formatted(v, p)
				if !good {
					c.escapeValue(p.Value, v, env)
					ok = false
					if !v.known() || (p.FormatSpec != nil && !spec.known()) {
						known = false
					}
				}
				b.WriteString(s)
			default:
				c.escape(part, env)
				ok, known = false, false
			}
		}
		if !ok {
			if known {
				return c.record(e, opaque)
			}
			return nil
		}
		return c.record(e, strAbs(b.String()))
	case *ast.List:
		return c.record(e, c.sequence(x.Elts, env))
	case *ast.Tuple:
		return c.record(e, c.sequence(x.Elts, env))
	case *ast.Dict:
		ok := len(x.Keys) <= maxFlowElts
		var keys []Value
		var vals []*absVal
		for i, k := range x.Keys {
			if k == nil {
				c.escape(x.Values[i], env)
				ok = false
				continue
			}
			kv := c.eval(k, env)
			vv := c.eval(x.Values[i], env)
			if vv.container() {
				c.escapeValue(x.Values[i], vv, env)
				vv = nil
			}
			if !ok || kv == nil || kv.kind != absConst || (kv.v.Kind != StrValue && kv.v.Kind != IntValue) {
				ok = false
				continue
			}
			if j := dictIndex(&absVal{keys: keys}, kv.v); j >= 0 {
				vals[j] = vv
				continue
			}
			keys = append(keys, kv.v)
			vals = append(vals, vv)
		}
		if !ok {
			return nil
		}
		return c.record(e, &absVal{kind: absDict, keys: keys, elts: vals})
	case *ast.Subscript:
		base := c.eval(x.Value, env)
		if sl, ok := x.Slice.(*ast.Slice); ok {
			lo, hi, st := c.eval(sl.Lower, env), c.eval(sl.Upper, env), c.eval(sl.Step, env)
			v := slice(base, sl, lo, hi, st)
			if v == nil && base.scalar() && (sl.Lower == nil || lo.known()) && (sl.Upper == nil || hi.known()) && (sl.Step == nil || st.known()) {
				v = opaque
			}
			return c.record(e, v)
		}
		key := c.eval(x.Slice, env)
		if base == nil || key == nil || key.kind != absConst {
			c.escapeValue(x.Slice, key, env)
			if base.known() && key.known() {
				return c.record(e, opaque)
			}
			return nil
		}
		switch base.kind {
		case absList:
			if i, ok := index(key.v, len(base.elts)); ok {
				return c.record(e, base.elts[i])
			}
		case absDict:
			if i := dictIndex(base, key.v); i >= 0 {
				return c.record(e, base.elts[i])
			}
		case absConst:
			if base.v.Kind == StrValue && utf8.ValidString(base.v.Str) {
				r := []rune(base.v.Str)
				if i, ok := index(key.v, len(r)); ok {
					return c.record(e, strAbs(string(r[i])))
				}
			}
			return c.record(e, opaque)
		case absOpaque:
			return c.record(e, opaque)
		}
		return nil
	case *ast.Call:
		return c.record(e, c.call(x, env))
	case *ast.NamedExpr:
		v := c.eval(x.Value, env)
		if v.container() {
			c.escapeValue(x.Value, v, env)
			v = nil
		}
		c.assign(x.Target, v, env)
		return c.record(e, v)
	case *ast.Attribute:
		c.escape(x.Value, env)
		return nil
	}
	// Anything else (comprehensions, lambdas, await, starred, ...): the
	// containers it names are forgotten, and the names it binds.
	c.kill(e, env)
	return nil
}

// fresh reports an expression that makes a new object (so that binding
// its value to a name makes no alias).
func fresh(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.List, *ast.Tuple, *ast.Dict, *ast.Call, *ast.BinOp:
		return true
	case *ast.Subscript:
		_, ok := e.Slice.(*ast.Slice)
		return ok
	}
	return false
}

// maybe evaluates an expression that runs on some paths only: env keeps
// what holds whether it runs or not.
func (c *flowCtx) maybe(e ast.Expr, env flowEnv) *absVal {
	if e == nil || env == nil {
		return nil
	}
	ce := env.copy()
	v := c.eval(e, ce)
	c.escapeValue(e, v, ce)
	joinInto(env, ce)
	return v
}

// escapeValue forgets the container an operand evaluated to.
func (c *flowCtx) escapeValue(e ast.Expr, v *absVal, env flowEnv) {
	if v.container() {
		c.escapeTarget(e, env)
	}
}

func (c *flowCtx) sequence(elts []ast.Expr, env flowEnv) *absVal {
	out := &absVal{kind: absList}
	for _, el := range elts {
		if _, star := el.(*ast.Starred); star {
			c.escape(el, env)
			out = nil
			continue
		}
		v := c.eval(el, env)
		if v.container() {
			c.escapeValue(el, v, env)
			v = nil
		}
		if out != nil {
			if len(out.elts) >= maxFlowElts {
				out = nil
				continue
			}
			out.elts = append(out.elts, v)
		}
	}
	return out
}

// formatted is the text an f-string replacement field gives.
func formatted(v *absVal, p *ast.FormattedValue) (string, bool) {
	if v == nil || v.kind != absConst || p.FormatSpec != nil {
		return "", false
	}
	if p.Conversion != -1 && p.Conversion != 's' {
		return "", false
	}
	switch v.v.Kind {
	case StrValue:
		return v.v.Str, true
	case IntValue:
		return v.v.Int.String(), true
	case BoolValue:
		if v.v.Bool {
			return "True", true
		}
		return "False", true
	case NoneValue:
		return "None", true
	}
	return "", false
}

func (c *flowCtx) binop(op ast.Operator, l, r *absVal) *absVal {
	if l == nil || r == nil {
		return nil
	}
	if l.kind == absList && r.kind == absList && op == ast.Add {
		if len(l.elts)+len(r.elts) > maxFlowElts {
			return nil
		}
		return &absVal{kind: absList, elts: append(append([]*absVal(nil), l.elts...), r.elts...)}
	}
	if l.kind != absConst || r.kind != absConst {
		if l.scalar() && r.scalar() {
			return opaque
		}
		return nil
	}
	a, b := l.v, r.v
	switch {
	case a.Kind == StrValue && b.Kind == StrValue && op == ast.Add:
		return strAbs(a.Str + b.Str)
	case a.Kind == IntValue && b.Kind == IntValue:
		switch op {
		case ast.Add:
			return intAbs(new(big.Int).Add(a.Int, b.Int))
		case ast.Sub:
			return intAbs(new(big.Int).Sub(a.Int, b.Int))
		case ast.Mult:
			return intAbs(new(big.Int).Mul(a.Int, b.Int))
		case ast.FloorDiv, ast.Mod:
			if b.Int.Sign() == 0 {
				return nil
			}
			// Python floors toward negative infinity, as Go's Div/Mod
			// (Euclidean) do only for a positive divisor.
			if b.Int.Sign() < 0 {
				return nil
			}
			if op == ast.FloorDiv {
				return intAbs(new(big.Int).Div(a.Int, b.Int))
			}
			return intAbs(new(big.Int).Mod(a.Int, b.Int))
		}
	case a.Kind == StrValue && b.Kind == IntValue && op == ast.Mult:
		if b.Int.IsInt64() && b.Int.Int64() >= 0 && int64(len(a.Str))*b.Int.Int64() <= maxFlowStr {
			return strAbs(strings.Repeat(a.Str, int(b.Int.Int64())))
		}
	}
	// Operators of constants give a constant.
	return opaque
}

func (c *flowCtx) compare(x *ast.Compare, env flowEnv) *absVal {
	left := c.eval(x.Left, env)
	leftExpr := x.Left
	for i, op := range x.Ops {
		right := c.eval(x.Comparators[i], env)
		r, ok := compareOne(op, left, right)
		if !ok {
			c.escapeValue(leftExpr, left, env)
			c.escapeValue(x.Comparators[i], right, env)
			known := left.known() && right.known()
			for _, rest := range x.Comparators[i+1:] {
				if !c.maybe(rest, env).known() {
					known = false
				}
			}
			if known {
				return opaque
			}
			return nil
		}
		if !r {
			// The rest of the chain is not evaluated.
			return boolAbs(false)
		}
		c.escapeValue(leftExpr, left, env)
		left, leftExpr = right, x.Comparators[i]
	}
	c.escapeValue(leftExpr, left, env)
	return boolAbs(true)
}

func compareOne(op ast.CmpOperator, l, r *absVal) (bool, bool) {
	if l == nil || r == nil {
		return false, false
	}
	if op == ast.In || op == ast.NotIn {
		if l.kind != absConst {
			return false, false
		}
		found := false
		switch {
		case r.kind == absConst && r.v.Kind == StrValue && l.v.Kind == StrValue:
			found = strings.Contains(r.v.Str, l.v.Str)
		case r.kind == absList || r.kind == absDict:
			if l.v.Kind != StrValue && l.v.Kind != IntValue {
				return false, false
			}
			if r.kind == absDict {
				found = dictIndex(r, l.v) >= 0
				break
			}
			for _, el := range r.elts {
				if el == nil || el.kind != absConst || (el.v.Kind != StrValue && el.v.Kind != IntValue) {
					if el == nil || el.kind != absConst {
						return false, false
					}
					continue
				}
				if sameValue(el.v, l.v) {
					found = true
				}
			}
		default:
			return false, false
		}
		return found == (op == ast.In), true
	}
	if l.kind != absConst || r.kind != absConst {
		return false, false
	}
	a, b := l.v, r.v
	var cmp int
	switch {
	case a.Kind == IntValue && b.Kind == IntValue:
		cmp = a.Int.Cmp(b.Int)
	case a.Kind == StrValue && b.Kind == StrValue:
		cmp = strings.Compare(a.Str, b.Str)
	case (op == ast.Eq || op == ast.NotEq) && a.Kind != b.Kind && a.Kind != FloatValue && b.Kind != FloatValue &&
		a.Kind != BoolValue && b.Kind != BoolValue && !(a.Kind == IntValue && b.Kind == BoolValue):
		// Values of different types (str, bytes, int, None) are unequal.
		return op == ast.NotEq, true
	default:
		return false, false
	}
	switch op {
	case ast.Eq:
		return cmp == 0, true
	case ast.NotEq:
		return cmp != 0, true
	case ast.Lt:
		return cmp < 0, true
	case ast.LtE:
		return cmp <= 0, true
	case ast.Gt:
		return cmp > 0, true
	case ast.GtE:
		return cmp >= 0, true
	}
	return false, false
}

// slice folds s[lo:hi:step] of a str or list.
func slice(base *absVal, sl *ast.Slice, lo, hi, st *absVal) *absVal {
	if base == nil {
		return nil
	}
	bound := func(e ast.Expr, v *absVal) (int64, bool, bool) { // value, present, ok
		if e == nil {
			return 0, false, true
		}
		if v == nil || v.kind != absConst || v.v.Kind != IntValue || !v.v.Int.IsInt64() {
			return 0, false, false
		}
		return v.v.Int.Int64(), true, true
	}
	l, hasL, ok1 := bound(sl.Lower, lo)
	h, hasH, ok2 := bound(sl.Upper, hi)
	step, hasStep, ok3 := bound(sl.Step, st)
	if !ok1 || !ok2 || !ok3 || (hasStep && step != 1) {
		return nil
	}
	var n int64
	var runes []rune
	switch {
	case base.kind == absConst && base.v.Kind == StrValue && utf8.ValidString(base.v.Str):
		runes = []rune(base.v.Str)
		n = int64(len(runes))
	case base.kind == absList:
		n = int64(len(base.elts))
	default:
		return nil
	}
	clamp := func(i int64, present bool, def int64) int64 {
		if !present {
			return def
		}
		if i < 0 {
			i += n
		}
		return max(0, min(i, n))
	}
	from, to := clamp(l, hasL, 0), clamp(h, hasH, n)
	if to < from {
		to = from
	}
	if runes != nil || base.kind == absConst {
		return strAbs(string(runes[from:to]))
	}
	return &absVal{kind: absList, elts: append([]*absVal(nil), base.elts[from:to]...)}
}

// strMethods are str methods folded on constant receivers and arguments.
var strMethods = wordSet(`upper lower strip lstrip rstrip replace startswith endswith find count capitalize title swapcase casefold removeprefix removesuffix`)

// call folds calls the analysis models and applies their effects.
func (c *flowCtx) call(x *ast.Call, env flowEnv) *absVal {
	q := c.m.QualifiedName(x.Func)
	switch q {
	case "configparser.ConfigParser", "configparser.RawConfigParser":
		if len(x.Args) == 0 && len(x.Keywords) == 0 {
			return &absVal{kind: absConfig, v: Value{Kind: BoolValue, Bool: q == "configparser.RawConfigParser"}}
		}
		c.escapeArgs(x, env)
		return nil
	}
	if pureFuncs[q] && q != "len" && q != "str" && len(x.Keywords) == 0 {
		args := make([]*absVal, len(x.Args))
		for i, arg := range x.Args {
			args[i] = c.eval(arg, env)
		}
		return c.pure(x.Args, args, env)
	}
	if a, ok := x.Func.(*ast.Attribute); ok {
		if n, ok := a.Value.(*ast.Name); ok && env[n.Id].container() {
			if len(x.Keywords) > 0 {
				c.escapeArgs(x, env)
				delete(env, n.Id)
				return nil
			}
			return c.method(n, a.Attr, x, env)
		}
		recv := c.eval(a.Value, env)
		if recv != nil && recv.kind == absConst && recv.v.Kind == StrValue && len(x.Keywords) == 0 {
			args := make([]*absVal, len(x.Args))
			good := true
			for i, arg := range x.Args {
				args[i] = c.eval(arg, env)
				if args[i] == nil || args[i].kind != absConst {
					good = false
				}
			}
			if good {
				if v := strMethod(recv.v.Str, a.Attr, args); v != nil {
					return v
				}
			}
			return c.pure(x.Args, args, env)
		}
		if recv.scalar() && len(x.Keywords) == 0 {
			// A method of a str, bytes or number gives a constant from
			// constant arguments.
			args := make([]*absVal, len(x.Args))
			for i, arg := range x.Args {
				args[i] = c.eval(arg, env)
			}
			return c.pure(x.Args, args, env)
		}
		c.escapeValue(a.Value, recv, env)
		c.escapeArgs(x, env)
		return nil
	}
	switch q {
	case "len":
		if len(x.Args) == 1 && len(x.Keywords) == 0 {
			v := c.eval(x.Args[0], env)
			switch {
			case v == nil:
			case v.kind == absList || v.kind == absDict:
				return intAbs(big.NewInt(int64(len(v.elts))))
			case v.kind == absConst && (v.v.Kind == StrValue && utf8.ValidString(v.v.Str)):
				return intAbs(big.NewInt(int64(utf8.RuneCountInString(v.v.Str))))
			case v.kind == absConst && v.v.Kind == BytesValue:
				return intAbs(big.NewInt(int64(len(v.v.Str))))
			}
			c.escapeValue(x.Args[0], v, env)
			if v.known() {
				return opaque
			}
			return nil
		}
	case "str":
		if len(x.Args) == 1 && len(x.Keywords) == 0 {
			v := c.eval(x.Args[0], env)
			if v != nil && v.kind == absConst && (v.v.Kind == StrValue || v.v.Kind == IntValue) {
				if v.v.Kind == IntValue {
					return strAbs(v.v.Int.String())
				}
				return v
			}
			c.escapeValue(x.Args[0], v, env)
			if v.known() {
				return opaque
			}
			return nil
		}
	}
	c.escape(x.Func, env)
	c.escapeArgs(x, env)
	return nil
}

// pure is the result of a function without effects applied to evaluated
// arguments: a constant when they are all known.
func (c *flowCtx) pure(exprs []ast.Expr, args []*absVal, env flowEnv) *absVal {
	known := true
	for i, a := range args {
		if !a.known() {
			known = false
		}
		if _, star := exprs[i].(*ast.Starred); star {
			known = false
		}
		c.escapeValue(exprs[i], a, env)
	}
	if known {
		return opaque
	}
	return nil
}

// pureFuncs give a constant from constant arguments.
var pureFuncs = wordSet(`len str int float bool repr abs min max ord chr hex oct bin round
	base64.b64encode base64.b64decode base64.urlsafe_b64encode base64.urlsafe_b64decode
	base64.b32encode base64.b32decode base64.b16encode base64.b16decode base64.standard_b64encode base64.standard_b64decode
	urllib.parse.quote urllib.parse.quote_plus urllib.parse.unquote urllib.parse.unquote_plus
	html.escape html.unescape textwrap.dedent os.path.join os.path.basename os.path.dirname os.path.normpath posixpath.join`)

func (c *flowCtx) escapeArgs(x *ast.Call, env flowEnv) {
	for _, a := range x.Args {
		c.escape(a, env)
	}
	for _, k := range x.Keywords {
		c.escape(k.Value, env)
	}
}

// method applies a list, dict or configparser method to a tracked
// container; handled is false for methods it does not model (the caller
// then forgets the container).
func (c *flowCtx) method(n *ast.Name, name string, x *ast.Call, env flowEnv) *absVal {
	v, ok := c.applyMethod(n, name, x, env)
	if !ok {
		delete(env, n.Id)
	}
	return v
}

func (c *flowCtx) applyMethod(n *ast.Name, name string, x *ast.Call, env flowEnv) (*absVal, bool) {
	args := make([]*absVal, len(x.Args))
	bad := false
	for i, a := range x.Args {
		if _, star := a.(*ast.Starred); star {
			c.escape(a, env)
			bad = true
			continue
		}
		args[i] = c.eval(a, env)
		if args[i].container() {
			c.escapeValue(a, args[i], env)
			bad = true
		}
	}
	cur := env[n.Id]
	if bad || cur == nil {
		return nil, false
	}
	constArg := func(i int) (Value, bool) {
		if i < len(args) && args[i] != nil && args[i].kind == absConst {
			return args[i].v, true
		}
		return Value{}, false
	}
	set := func(v *absVal) {
		if v == nil {
			delete(env, n.Id)
		} else {
			env[n.Id] = v
		}
	}
	switch cur.kind {
	case absList:
		switch name {
		case "append":
			if len(args) == 1 && len(cur.elts) < maxFlowElts {
				set(&absVal{kind: absList, elts: append(append([]*absVal(nil), cur.elts...), args[0])})
				return nil, true
			}
		case "pop":
			i := len(cur.elts) - 1
			if len(args) == 1 {
				k, ok := constArg(0)
				if !ok {
					return nil, false
				}
				if i, ok = index(k, len(cur.elts)); !ok {
					return nil, false
				}
			} else if len(args) != 0 || i < 0 {
				return nil, false
			}
			v := cur.elts[i]
			set(&absVal{kind: absList, elts: remove(cur.elts, i)})
			return v, true
		case "insert":
			k, ok := constArg(0)
			if len(args) == 2 && ok && k.Kind == IntValue && k.Int.IsInt64() && len(cur.elts) < maxFlowElts {
				i := k.Int.Int64()
				n := int64(len(cur.elts))
				if i < 0 {
					i = max(0, i+n)
				}
				i = min(i, n)
				elts := append([]*absVal(nil), cur.elts[:i]...)
				elts = append(elts, args[1])
				set(&absVal{kind: absList, elts: append(elts, cur.elts[i:]...)})
				return nil, true
			}
		case "reverse":
			if len(args) == 0 {
				elts := make([]*absVal, len(cur.elts))
				for i, e := range cur.elts {
					elts[len(elts)-1-i] = e
				}
				set(&absVal{kind: absList, elts: elts})
				return nil, true
			}
		case "clear":
			if len(args) == 0 {
				set(&absVal{kind: absList})
				return nil, true
			}
		}
	case absDict:
		switch name {
		case "get":
			k, ok := constArg(0)
			if ok && (len(args) == 1 || len(args) == 2) {
				if i := dictIndex(cur, k); i >= 0 {
					return cur.elts[i], true
				}
				if k.Kind == StrValue || k.Kind == IntValue {
					if len(args) == 2 {
						return args[1], true
					}
					return constAbs(Value{Kind: NoneValue}), true
				}
			}
		case "clear":
			if len(args) == 0 {
				set(&absVal{kind: absDict})
				return nil, true
			}
		}
	case absConfig:
		raw := cur.v.Bool
		switch name {
		case "add_section":
			s, ok := constArg(0)
			if ok && len(args) == 1 && s.Kind == StrValue && dictIndex(&absVal{keys: cur.keys}, s) < 0 {
				set(&absVal{kind: absConfig, v: cur.v, keys: append(append([]Value(nil), cur.keys...), s),
					sub: append(append([]*absVal(nil), cur.sub...), &absVal{kind: absDict})})
				return nil, true
			}
		case "set":
			s, ok1 := constArg(0)
			o, ok2 := constArg(1)
			if len(args) == 3 && ok1 && ok2 && s.Kind == StrValue && o.Kind == StrValue {
				i := dictIndex(&absVal{keys: cur.keys}, s)
				if i >= 0 {
					sub := append([]*absVal(nil), cur.sub...)
					// Option names are case-insensitive by default.
					sub[i] = dictSet(cur.sub[i], Value{Kind: StrValue, Str: strings.ToLower(o.Str)}, args[2])
					if sub[i] != nil {
						set(&absVal{kind: absConfig, v: cur.v, keys: cur.keys, sub: sub})
						return nil, true
					}
				}
			}
		case "get":
			s, ok1 := constArg(0)
			o, ok2 := constArg(1)
			if len(args) == 2 && ok1 && ok2 && s.Kind == StrValue && o.Kind == StrValue {
				if i := dictIndex(&absVal{keys: cur.keys}, s); i >= 0 {
					if j := dictIndex(cur.sub[i], Value{Kind: StrValue, Str: strings.ToLower(o.Str)}); j >= 0 {
						v := cur.sub[i].elts[j]
						// Interpolation may pull in other options: only
						// text without '%' is returned as it is.
						if v != nil && v.kind == absConst && v.v.Kind == StrValue && (raw || !strings.Contains(v.v.Str, "%")) {
							return v, true
						}
					}
				}
			}
		}
	}
	return nil, false
}

func strMethod(s, name string, args []*absVal) *absVal {
	if !strMethods[name] {
		return nil
	}
	str := func(i int) (string, bool) {
		if i < len(args) && args[i].v.Kind == StrValue {
			return args[i].v.Str, true
		}
		return "", false
	}
	switch name {
	case "upper", "lower", "capitalize", "title", "swapcase", "casefold":
		if len(args) != 0 || !isASCII(s) {
			return nil
		}
		switch name {
		case "upper":
			return strAbs(strings.ToUpper(s))
		case "lower", "casefold":
			return strAbs(strings.ToLower(s))
		}
		return nil
	case "strip", "lstrip", "rstrip":
		cut := " \t\n\r\x0b\x0c"
		if len(args) == 1 {
			a, ok := str(0)
			if !ok {
				return nil
			}
			cut = a
		} else if len(args) != 0 || !isASCII(s) {
			return nil
		}
		switch name {
		case "strip":
			return strAbs(strings.Trim(s, cut))
		case "lstrip":
			return strAbs(strings.TrimLeft(s, cut))
		}
		return strAbs(strings.TrimRight(s, cut))
	case "replace":
		old, ok1 := str(0)
		repl, ok2 := str(1)
		if len(args) != 2 || !ok1 || !ok2 || !utf8.ValidString(s) {
			return nil
		}
		return strAbs(strings.ReplaceAll(s, old, repl))
	case "startswith", "endswith":
		p, ok := str(0)
		if len(args) != 1 || !ok {
			return nil
		}
		if name == "startswith" {
			return boolAbs(strings.HasPrefix(s, p))
		}
		return boolAbs(strings.HasSuffix(s, p))
	case "removeprefix", "removesuffix":
		p, ok := str(0)
		if len(args) != 1 || !ok {
			return nil
		}
		if name == "removeprefix" {
			return strAbs(strings.TrimPrefix(s, p))
		}
		return strAbs(strings.TrimSuffix(s, p))
	case "find", "count":
		p, ok := str(0)
		if len(args) != 1 || !ok || !isASCII(s) || !isASCII(p) {
			return nil
		}
		if name == "find" {
			return intAbs(big.NewInt(int64(strings.Index(s, p))))
		}
		if p == "" {
			return intAbs(big.NewInt(int64(len(s) + 1)))
		}
		return intAbs(big.NewInt(int64(strings.Count(s, p))))
	}
	return nil
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
