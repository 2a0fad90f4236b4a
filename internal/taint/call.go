package taint

import (
	"fmt"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// argTaints evaluates every argument once, by position and by keyword.
func (c *fnCtx) argTaints(call *ast.Call, st state) ([]taint, map[string]taint) {
	pos := make([]taint, len(call.Args))
	for i, a := range call.Args {
		pos[i] = c.expr(a, st)
	}
	var kw map[string]taint
	if len(call.Keywords) > 0 {
		kw = make(map[string]taint, len(call.Keywords))
	}
	for _, k := range call.Keywords {
		t := c.expr(k.Value, st)
		kw[k.Arg] = union(kw[k.Arg], t)
	}
	return pos, kw
}

func allOf(pos []taint, kw map[string]taint) taint {
	var t taint
	for _, p := range pos {
		t = union(t, p)
	}
	if len(kw) == 1 {
		for _, k := range kw {
			t = union(t, k)
		}
		return t
	}
	names := make([]string, 0, len(kw))
	for name := range kw {
		names = append(names, name)
	}
	sort.Strings(names) // labels in a fixed order, so findings are too
	for _, name := range names {
		t = union(t, kw[name])
	}
	return t
}

// sinksFor returns the sink specs that match a call.
func (c *fnCtx) sinksFor(call *ast.Call, q string) []SinkSpec {
	out := c.p.spec.sinks[q]
	if a, ok := call.Func.(*ast.Attribute); ok {
		recv := ""
		for _, s := range c.p.spec.sinks["*."+a.Attr] {
			if s.Receiver != "" && recv == "" {
				recv = strings.ToLower(c.f.Unit.Model.QualifiedName(a.Value) + " " + exprText(a.Value))
				if n, ok := a.Value.(*ast.Name); ok {
					for _, b := range c.f.Unit.Model.Lookup(n.Id, n.Pos()) {
						if b.Value != nil {
							recv += " " + strings.ToLower(exprText(b.Value))
						}
					}
				}
			}
			if s.Receiver != "" && !strings.Contains(recv, s.Receiver) {
				continue
			}
			if q != "" && !strings.HasSuffix(q, "."+a.Attr) {
				continue
			}
			out = append(out, s)
		}
	}
	return out
}

func exprText(e ast.Expr) string {
	switch e := e.(type) {
	case *ast.Name:
		return e.Id
	case *ast.Attribute:
		return exprText(e.Value) + "." + e.Attr
	case *ast.Call:
		return exprText(e.Func)
	}
	return ""
}

func (c *fnCtx) call(call *ast.Call, st state) taint {
	m := c.f.Unit.Model
	q := m.QualifiedName(call.Func)
	var recv taint
	switch call.Func.(type) {
	case *ast.Call, *ast.Subscript, *ast.Lambda:
		recv = c.expr(call.Func, st)
	}
	if a, ok := call.Func.(*ast.Attribute); ok {
		base := c.expr(a.Value, st)
		recv = base.read(a.Attr)
		if pathAccess[a.Attr] && len(base) > 0 && c.isPath(a.Value, 0) {
			// Path("/srv") / name: the path is used where it touches the disk.
			c.hitAt(Path, "pathlib.Path."+a.Attr, call, base.reaching(Path), nil, false)
		}
		if c.isRequest(a.Value) && c.p.spec.requestAt[a.Attr] {
			c.argTaints(call, st)
			return c.source(call, "request."+a.Attr+"()", finding.HighConfidence)
		}
	}
	pos, kw := c.argTaints(call, st)
	c.mutate(call, st, allOf(pos, kw))
	// Sinks.
	for _, sk := range c.sinksFor(call, q) {
		if safeCall(m, call, sk.SafeWith) {
			continue
		}
		var t taint
		for _, i := range sk.Args {
			if i < len(pos) {
				t = union(t, pos[i])
			}
		}
		for _, k := range sk.Keywords {
			if k == "" {
				t = union(t, c.expanded(call, st))
			} else {
				t = union(t, kw[k])
			}
		}
		// Without a shell only the program itself is dangerous.
		program := sk.Kind == Command && strings.HasPrefix(q, "subprocess.") && !analysis.IsTrue(m, analysis.Keyword(call, "shell"))
		if program {
			t = t.programs()
		}
		c.hitAt(sk.Kind, sinkName(call, q), call, t.reaching(sk.Kind), nil, program)
	}
	// Sources (after sinks: requests.get(url) is both).
	src, ok := c.p.spec.sources[q]
	if !ok {
		src, ok = c.methodSource(call, q)
	}
	if ok {
		t := c.specSource(call, src)
		if src.Class == File {
			t = union(t, namedBy(union(recv, allOf(pos, kw))))
		}
		c.fill(call, src, t, st)
		return t
	}
	// Sanitizers.
	kinds, ok := c.p.spec.sanitizers[q]
	if a, isMethod := call.Func.(*ast.Attribute); !ok && isMethod {
		kinds, ok = c.p.spec.sanitizers["*."+a.Attr]
	}
	if ok {
		return allOf(pos, kw).clearAll(kinds)
	}
	// Project functions.
	if key, s := c.resolve(call, q); s != nil {
		return c.applySummary(call, key, s, pos, kw)
	}
	// Anything else: methods of tainted objects and functions of tainted
	// arguments return tainted values (str methods, formatting, wrappers).
	return union(recv, allOf(pos, kw).opened())
}

// safeCall reports whether a call passes one of the arguments that make
// its sink safe.
func safeCall(m *semantic.Model, call *ast.Call, safe []SafeArg) bool {
	for _, sa := range safe {
		pos := -1
		if sa.Arg != nil {
			pos = *sa.Arg
		}
		a := analysis.Arg(call, pos, sa.Keyword)
		if a == nil {
			continue
		}
		if len(sa.Values) == 0 {
			return true
		}
		q := m.QualifiedName(a)
		for _, v := range sa.Values {
			if q == v {
				return true
			}
		}
	}
	return false
}

// expanded is the taint of the names a call's **mapping arguments pass:
// for a dict display only its keys (filter(**{"slug": value}) is
// filter(slug=value)), else the whole mapping.
func (c *fnCtx) expanded(call *ast.Call, st state) taint {
	var t taint
	for _, k := range call.Keywords {
		if k.Arg != "" {
			continue
		}
		d, ok := k.Value.(*ast.Dict)
		if !ok {
			t = union(t, c.expr(k.Value, st))
			continue
		}
		for i, key := range d.Keys {
			if key == nil { // {**other}
				t = union(t, c.expr(d.Values[i], st))
			} else {
				t = union(t, c.expr(key, st))
			}
		}
	}
	return t
}

func sinkName(call *ast.Call, q string) string {
	if q != "" {
		return q
	}
	if a, ok := call.Func.(*ast.Attribute); ok {
		return exprText(a.Value) + "." + a.Attr
	}
	return exprText(call.Func)
}

// resolve finds the project function a call invokes.
func (c *fnCtx) resolve(call *ast.Call, q string) (string, *summary) {
	key, s := c.resolveKey(call, q)
	return key, s
}

// lookup returns a summary by key, recording the dependency either way.
// A key that names no function exactly may still end one uniquely
// (`db.find` for `shop.db.find` when the scan root is above the package).
func (c *fnCtx) lookup(key string) *summary {
	if _, ok := c.p.byKey[key]; !ok && len(c.p.pathNames) > 0 {
		// helpers.util.f for util.f, when helpers is a namespace package.
		for i := strings.LastIndexByte(key, '.'); i > 0; i = strings.LastIndexByte(key[:i], '.') {
			if mod := c.p.pathNames[key[:i]]; mod != "" {
				if _, ok := c.p.byKey[mod+key[i:]]; ok {
					key = mod + key[i:]
				}
				break
			}
		}
	}
	if _, ok := c.p.byKey[key]; !ok {
		full, ok := c.p.bySuffix[key]
		if !ok || full == "" {
			// No project function has this name: there is no summary
			// now and there never will be, so no dependency either.
			return nil
		}
		key = full
	}
	c.dep(key)
	return c.p.summaries[key]
}

func (c *fnCtx) resolveKey(call *ast.Call, q string) (string, *summary) {
	if q != "" {
		if s := c.lookup(q); s != nil {
			return q, s
		}
		// A class: its __init__.
		if s := c.lookup(q + ".__init__"); s != nil {
			return q + ".__init__", s
		}
	}
	if a, ok := call.Func.(*ast.Attribute); ok {
		switch v := a.Value.(type) {
		case *ast.Name:
			if (v.Id == "self" || v.Id == "cls") && c.f.Class != "" {
				key := c.f.Class + "." + a.Attr
				if s := c.lookup(key); s != nil {
					return key, s
				}
			}
			// obj = ProjectClass(...); obj.method(...)
			for _, b := range c.f.Unit.Model.Lookup(v.Id, v.Pos()) {
				if ctor, ok := b.Value.(*ast.Call); ok {
					if cq := c.f.Unit.Model.QualifiedName(ctor.Func); cq != "" {
						if s := c.lookup(cq + "." + a.Attr); s != nil {
							return cq + "." + a.Attr, s
						}
					}
				}
			}
		case *ast.Call:
			if cq := c.f.Unit.Model.QualifiedName(v.Func); cq != "" {
				if s := c.lookup(cq + "." + a.Attr); s != nil {
					return cq + "." + a.Attr, s
				}
			}
		}
	}
	return "", nil
}

// applySummary reports parameters of a project function that reach its
// sinks and returns the taint of its result.
func (c *fnCtx) applySummary(call *ast.Call, key string, s *summary, pos []taint, kw map[string]taint) taint {
	offset := 0
	if f := c.p.byKey[key]; f != nil && f.Class != "" && len(f.Params) > 0 && (f.Params[0].Arg == "self" || f.Params[0].Arg == "cls") {
		offset = 1
	}
	argFor := func(i int) taint {
		if i-offset >= 0 && i-offset < len(pos) {
			if _, starred := call.Args[i-offset].(*ast.Starred); !starred {
				return pos[i-offset]
			}
		}
		if i < len(s.ParamNames) {
			if t, ok := kw[s.ParamNames[i]]; ok {
				return t
			}
		}
		if t, ok := kw[""]; ok { // **kwargs
			return t
		}
		return nil
	}
	var ret taint
	for i := 0; i <= len(s.ParamNames); i++ {
		t := argFor(i)
		if i == len(s.ParamNames) {
			t = nil
			for j := len(s.ParamNames) - offset; j < len(pos); j++ {
				if j >= 0 {
					t = union(t, pos[j])
				}
			}
		}
		if len(t) == 0 {
			continue
		}
		for _, ps := range s.ToSink[i] {
			var reach taint
			arg := t.opened() // the callee may read what it is given
			if ps.Program {
				arg = t.programs()
			}
			for _, l := range arg {
				l2 := l.withCleared(keys(ps.Cleared))
				if !l2.clears(ps.Kind) {
					reach = append(reach, l2)
				}
			}
			name := key[strings.LastIndexByte(key, '.')+1:]
			param := fmt.Sprintf("%d", i)
			if i < len(s.ParamNames) {
				param = s.ParamNames[i]
			}
			via := append([]finding.Step{{Location: c.loc(call), Message: fmt.Sprintf("passed to %s() as %s", name, param)}}, ps.Via...)
			c.hitAt(ps.Kind, ps.Call, call, reach, append(via, finding.Step{Location: ps.Loc, Message: reachesText(ps.Call)}), ps.Program)
		}
		if cleared, ok := s.ToReturn[i]; ok {
			ret = union(ret, t.clearAll(keys(cleared)))
		}
		for _, ref := range s.ToField[i] {
			c.storeArg(call, key, ref, t)
		}
	}
	if len(s.Sources) > 0 {
		name := key[strings.LastIndexByte(key, '.')+1:]
		step := finding.Step{Location: c.loc(call), Message: "returned by " + name + "()"}
		for _, l := range s.Sources {
			r := *l
			r.Steps = append(append([]finding.Step(nil), l.Steps...), step)
			ret = union(ret, taint{&r})
		}
	}
	return ret
}

// storeArg records an argument a callee stores in a class field: real
// sources join the field, the caller's own parameters its summary.
func (c *fnCtx) storeArg(call *ast.Call, key string, ref fieldRef, t taint) {
	name := key[strings.LastIndexByte(key, '.')+1:]
	step := finding.Step{Location: c.loc(call), Message: fmt.Sprintf("stored in self.%s by %s()", ref.Attr, name)}
	var real taint
	for _, l := range t {
		l2 := l.withCleared(keys(ref.Cleared))
		if l.Param >= 0 {
			c.sum.addField(l.Param, fieldRef{Class: ref.Class, Attr: ref.Attr, Cleared: l2.Cleared})
			continue
		}
		l2.Steps = append(append([]finding.Step(nil), l.Steps...), step)
		real = append(real, l2)
	}
	c.dep("class:" + ref.Class)
	c.storeField(ref.Class, ref.Attr, real)
}

func keys(m map[Kind]bool) []Kind {
	out := make([]Kind, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	return out
}

// storeHit records tainted data stored into a sink (an assignment).
func (c *fnCtx) storeHit(kind Kind, name string, n ast.Node, t taint) {
	c.hitAt(kind, name, n, t, nil, false)
}

// hitAt records tainted data at a sink node: real sources become findings,
// parameters go into the function's summary. program says the sink takes
// only the program of an argument vector (subprocess without a shell).
func (c *fnCtx) hitAt(kind Kind, name string, node ast.Node, t taint, via []finding.Step, program bool) {
	if len(t) == 0 {
		return
	}
	loc := c.loc(node)
	var real taint
	for _, l := range t {
		if l.Param >= 0 {
			dup := false
			for _, ps := range c.sum.ToSink[l.Param] {
				if ps.Kind == kind && ps.Loc == loc {
					dup = true
				}
			}
			if !dup && len(c.sum.ToSink[l.Param]) < 8 {
				var v []finding.Step
				if len(via) > 0 {
					v = via[:len(via)-1]
				}
				sinkLoc := loc
				if len(via) > 0 {
					sinkLoc = via[len(via)-1].Location
				}
				_ = sinkLoc
				if c.sum.ToSink == nil {
					c.sum.ToSink = map[int][]paramSink{}
				}
				c.sum.ToSink[l.Param] = append(c.sum.ToSink[l.Param], paramSink{Kind: kind, Call: name, Loc: loc, Cleared: l.Cleared, Via: v, Program: program})
			}
			continue
		}
		real = append(real, l)
	}
	// Each class of source is reported at its own kinds of sink. An object
	// that holds data (a response) is its data only for sinks that read
	// file-like objects; elsewhere it is not the data.
	reported := real[:0:0]
	for _, l := range real {
		if l.Content != nil {
			if kind != Deserialization && kind != XXE {
				continue
			}
			l = l.opened()
		}
		if reportedAt(l.Class, kind) {
			reported = append(reported, l)
		}
	}
	real = reported
	if len(real) > 0 {
		snippet := ""
		if f := c.f.Unit.File(); f != nil {
			snippet = f.LineText(loc.Line)
		}
		c.out.hits = append(c.out.hits, sinkHit{Kind: kind, Call: name, Loc: loc, Labels: real, Via: via, Snippet: snippet})
	}
}
