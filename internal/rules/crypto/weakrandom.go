package crypto

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/python/ast"
)

// randomMethods are the methods of random.Random (and so the functions of
// the random module, which call a hidden instance): none is fit for
// secrets. random.SystemRandom overrides them with os.urandom.
var randomMethods = map[string]bool{
	"random": true, "randint": true, "randrange": true, "choice": true, "choices": true, "getrandbits": true,
	"sample": true, "randbytes": true, "uniform": true, "triangular": true, "normalvariate": true, "gauss": true,
	"lognormvariate": true, "expovariate": true, "vonmisesvariate": true, "gammavariate": true, "betavariate": true,
	"paretovariate": true, "weibullvariate": true, "binomialvariate": true,
}

// weakRandomCall returns the name of a call that draws from the random
// module's generator: random.randint(...), or a method of a random.Random
// instance (random.Random(seed).random(), rng.choice(...) with rng made by
// random.Random). SystemRandom and secrets are not weak.
func weakRandomCall(u *analysis.Unit, call *ast.Call) (string, bool) {
	m := u.Model()
	if n, ok := call.Func.(*ast.Name); ok {
		// from random import choice
		if q := m.QualifiedName(n); strings.HasPrefix(q, "random.") && randomMethods[q[len("random."):]] {
			return q, true
		}
		return "", false
	}
	a, ok := call.Func.(*ast.Attribute)
	if !ok || !randomMethods[a.Attr] {
		return "", false
	}
	if q := m.QualifiedName(call.Func); q == "random."+a.Attr {
		return q, true
	}
	isRandom := func(e ast.Expr) bool {
		c, ok := e.(*ast.Call)
		return ok && m.QualifiedName(c.Func) == "random.Random"
	}
	switch v := a.Value.(type) {
	case *ast.Call:
		if isRandom(v) {
			return "random.Random()." + a.Attr, true
		}
	case *ast.Name:
		bs := m.Lookup(v.Id, v.Pos())
		if len(bs) == 0 {
			return "", false
		}
		for _, b := range bs {
			if b.Value == nil || !isRandom(b.Value) {
				return "", false
			}
		}
		return v.Id + "." + a.Attr, true
	}
	return "", false
}

// sensitiveArgs are arguments of functions that must be unpredictable:
// keys, salts and nonces (by position and keyword).
var sensitiveArgs = map[string]struct {
	pos int
	kw  string
}{
	"hmac.new":                            {0, "key"},
	"hmac.digest":                         {0, "key"},
	"hashlib.pbkdf2_hmac":                 {2, "salt"},
	"hashlib.scrypt":                      {-1, "salt"},
	"hashlib.blake2b":                     {-1, "key"},
	"hashlib.blake2s":                     {-1, "key"},
	"jwt.encode":                          {1, "key"},
	"itsdangerous.URLSafeSerializer":      {0, "secret_key"},
	"itsdangerous.URLSafeTimedSerializer": {0, "secret_key"},
}

// weakFlow follows values of the random module through the local names of
// one function (or the module's top level) to places that must hold a
// secret: session entries, cookies, names and keys that read as secrets,
// key and salt arguments, and the return value of a function named for a
// secret.
type weakFlow struct {
	p      *analysis.Pass
	fn     *ast.FunctionDef // nil at module level
	origin map[string]string
	done   map[int]bool // lines already reported
	// named holds the names reported where they were assigned (token =
	// random...): their later uses are the same finding.
	named map[string]bool
}

// weakRandomFlows reports the flows of every function and the module.
func weakRandomFlows(p *analysis.Pass, reported map[int]bool) {
	imported := false
	for _, im := range p.Unit.Model().Imports {
		imported = imported || im.Module == "random" || strings.HasPrefix(im.Module, "random.")
	}
	if !imported {
		return
	}
	mod := p.Unit.Parse().Module
	(&weakFlow{p: p, origin: map[string]string{}, done: reported}).run(mod.Body)
	for _, n := range p.Unit.Nodes() {
		if fn, ok := n.(*ast.FunctionDef); ok {
			(&weakFlow{p: p, fn: fn, origin: map[string]string{}, done: reported}).run(fn.Body)
		}
	}
}

// eachStmt visits the statements of a body, with the compound ones'
// inner statements, but not nested functions or classes.
func eachStmt(body []ast.Stmt, visit func(ast.Stmt)) {
	for _, s := range body {
		visit(s)
		ast.EachBody(s, func(inner []ast.Stmt, _ *ast.Try) { eachStmt(inner, visit) })
	}
}

// weak returns the random call a value comes from, or "": a comparison
// or a truth test is a decision, not the value itself, and len() or
// isinstance() of it neither.
func (w *weakFlow) weak(e ast.Expr) string {
	found := ""
	ast.Inspect(e, func(n ast.Node) bool {
		if found != "" || n == nil {
			return false
		}
		switch n := n.(type) {
		case *ast.Compare, *ast.Lambda, *ast.BoolOp:
			return false
		case *ast.UnaryOp:
			return n.Op != ast.Not
		case *ast.Name:
			if !w.named[n.Id] {
				found = w.origin[n.Id]
			}
		case *ast.Call:
			switch w.p.Unit.Model().QualifiedName(n.Func) {
			case "len", "isinstance", "bool", "range", "time.sleep", "asyncio.sleep":
				return false
			}
			if name, ok := weakRandomCall(w.p.Unit, n); ok {
				found = name + "()"
			}
		}
		return found == ""
	})
	return found
}

func (w *weakFlow) run(body []ast.Stmt) {
	// Names bound to weak values, to a fixpoint (a few rounds).
	for round := 0; round < 3; round++ {
		changed := false
		eachStmt(body, func(s ast.Stmt) {
			var targets []ast.Expr
			var value ast.Expr
			switch s := s.(type) {
			case *ast.Assign:
				targets, value = s.Targets, s.Value
			case *ast.AnnAssign:
				targets, value = []ast.Expr{s.Target}, s.Value
			case *ast.AugAssign:
				targets, value = []ast.Expr{s.Target}, s.Value
			}
			if value == nil {
				return
			}
			src := w.weak(value)
			if src == "" {
				return
			}
			for _, t := range targets {
				if n, ok := t.(*ast.Name); ok && w.origin[n.Id] == "" {
					w.origin[n.Id] = src
					changed = true
				}
			}
		})
		if !changed || len(w.origin) == 0 {
			break
		}
	}
	if len(w.origin) == 0 && !w.mentionsRandom(body) {
		return
	}
	eachStmt(body, func(s ast.Stmt) {
		switch s := s.(type) {
		case *ast.Assign:
			if src := w.weak(s.Value); src != "" {
				for _, t := range s.Targets {
					w.store(t, s.Value, src)
				}
			}
		case *ast.AugAssign:
			if src := w.weak(s.Value); src != "" {
				w.store(s.Target, s.Value, src)
			}
		case *ast.Return:
			// A tuple holds several values, not necessarily the secret.
			if _, tuple := s.Value.(*ast.Tuple); !tuple && s.Value != nil && w.fn != nil && secretName.MatchString(w.fn.Name) {
				if src := w.weak(s.Value); src != "" {
					w.report(s.Value, src, "is returned by "+w.fn.Name+"()")
				}
			}
		}
		ast.Inspect(s, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			case *ast.Call:
				w.call(n)
			}
			return true
		})
	})
}

// mentionsRandom reports a body with a weak random call anywhere (the
// calls whose value is used directly, not through a name).
func (w *weakFlow) mentionsRandom(body []ast.Stmt) bool {
	found := false
	eachStmt(body, func(s ast.Stmt) {
		ast.Inspect(s, func(n ast.Node) bool {
			if c, ok := n.(*ast.Call); ok && !found {
				_, found = weakRandomCall(w.p.Unit, c)
			}
			return !found
		})
	})
	return found
}

// store judges an assignment of a weak value to a target.
func (w *weakFlow) store(t ast.Expr, value ast.Expr, src string) {
	switch t := t.(type) {
	case *ast.Name:
		if secretName.MatchString(t.Id) {
			w.report(value, src, "is stored in "+t.Id)
			if w.named == nil {
				w.named = map[string]bool{}
			}
			w.named[t.Id] = true
		}
	case *ast.Attribute:
		if secretName.MatchString(t.Attr) {
			w.report(value, src, "is stored in "+t.Attr)
		}
	case *ast.Subscript:
		container := exprName(t.Value)
		key := ""
		if c, ok := t.Slice.(*ast.Constant); ok && c.Kind == ast.StrConst {
			key = c.Str
		}
		if secretName.MatchString(lastName(container)) || (key != "" && secretName.MatchString(key)) {
			w.report(value, src, "is stored in "+container+"[...]")
		}
	}
}

// call judges the arguments of a call: cookie values, session updates,
// keyword arguments named for a secret, keys and salts.
func (w *weakFlow) call(c *ast.Call) {
	m := w.p.Unit.Model()
	if a, ok := c.Func.(*ast.Attribute); ok {
		switch a.Attr {
		case "set_cookie", "set_signed_cookie":
			if v := analysis.Arg(c, 1, "value"); v != nil && len(c.Args)+len(c.Keywords) >= 2 {
				if src := w.weak(v); src != "" {
					w.report(v, src, "is set as a cookie value")
				}
			}
		case "update", "setdefault":
			if secretName.MatchString(lastName(exprName(a.Value))) {
				for _, arg := range c.Args {
					if src := w.weak(arg); src != "" {
						w.report(arg, src, "is stored in "+exprName(a.Value))
					}
				}
			}
		}
	}
	if sa, ok := sensitiveArgs[m.QualifiedName(c.Func)]; ok {
		if v := analysis.Arg(c, sa.pos, sa.kw); v != nil {
			if src := w.weak(v); src != "" {
				w.report(v, src, "is used as "+sa.kw)
			}
		}
	}
	for _, k := range c.Keywords {
		// key= is the sort key of sorted(), min(), max() and friends.
		if k.Arg != "" && k.Arg != "key" && secretName.MatchString(k.Arg) {
			if src := w.weak(k.Value); src != "" {
				w.report(k.Value, src, "is passed as "+k.Arg+"=")
			}
		}
	}
}

func (w *weakFlow) report(n ast.Node, src, what string) {
	line := 0
	if f := w.p.Unit.File(); f != nil {
		line = f.Line(n.Pos())
	}
	if w.done[line] {
		return
	}
	w.done[line] = true
	w.p.Reportf(n, "a value from %s %s; random is predictable: use the secrets module", src, what)
}

// exprName spells a name or attribute chain ("request.session"), or "".
func exprName(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.Id
	case *ast.Attribute:
		if base := exprName(e.Value); base != "" {
			return base + "." + e.Attr
		}
		return e.Attr
	}
	return ""
}
