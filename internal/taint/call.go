package taint

import (
	"fmt"
	pathpkg "path"
	"path/filepath"
	"slices"
	"strconv"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// kwTaint is the taint of a call's keyword argument ("" for **mapping).
type kwTaint struct {
	name string
	t    taint
}

// kwTaints are a call's keyword arguments by name, sorted.
type kwTaints []kwTaint

func (kw kwTaints) get(name string) (taint, bool) {
	for _, k := range kw {
		if k.name == name {
			return k.t, true
		}
	}
	return nil, false
}

// argTaints evaluates every argument once, by position and by keyword.
// Both slices live in the worker's buffers until the call that asked for
// them ends (see call).
func (c *fnCtx) argTaints(call *ast.Call, st state) ([]taint, kwTaints) {
	sc := c.sc
	start := len(sc.pos)
	for _, a := range call.Args {
		t := c.expr(a, st)
		sc.pos = append(sc.pos, t)
	}
	pos := sc.pos[start:len(sc.pos):len(sc.pos)]
	kstart := len(sc.kw)
	for _, k := range call.Keywords {
		t := c.expr(k.Value, st)
		kw := sc.kw[kstart:]
		found := false
		for i := range kw {
			if kw[i].name == k.Arg {
				kw[i].t = union(kw[i].t, t)
				found = true
				break
			}
		}
		if !found {
			sc.kw = append(sc.kw, kwTaint{k.Arg, t})
			// Keep the names sorted: labels in a fixed order, so findings
			// are too.
			kw = sc.kw[kstart:]
			for i := len(kw) - 1; i > 0 && kw[i].name < kw[i-1].name; i-- {
				kw[i], kw[i-1] = kw[i-1], kw[i]
			}
		}
	}
	var kw kwTaints
	if len(sc.kw) > kstart {
		kw = sc.kw[kstart:len(sc.kw):len(sc.kw)]
	}
	return pos, kw
}

// untainted reports arguments that carry no taint.
func untainted(pos []taint, kw kwTaints) bool {
	for _, t := range pos {
		if len(t) > 0 {
			return false
		}
	}
	for _, k := range kw {
		if len(k.t) > 0 {
			return false
		}
	}
	return true
}

func allOf(pos []taint, kw kwTaints) taint {
	var t taint
	for _, p := range pos {
		t = union(t, p)
	}
	for _, k := range kw {
		t = union(t, k.t)
	}
	return t
}

// sinksFor returns the sink specs that match a call.
func (c *fnCtx) sinksFor(call *ast.Call, q string) []SinkSpec {
	// Clipped: the spec's slice is shared by every worker, so an append
	// must copy it rather than write into its spare room.
	out := slices.Clip(c.p.spec.sinks[q])
	if a, ok := call.Func.(*ast.Attribute); ok {
		recv := ""
		for _, s := range c.p.spec.sinks["*."+a.Attr] {
			if s.Receiver != "" && recv == "" {
				recv = c.receiverText(a)
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
	// The arguments' taints the call pushes on the worker's buffers are
	// dropped when it returns.
	n, k := len(c.sc.pos), len(c.sc.kw)
	t := c.callTaint(call, st)
	clear(c.sc.pos[n:])
	clear(c.sc.kw[k:])
	c.sc.pos, c.sc.kw = c.sc.pos[:n], c.sc.kw[:k]
	return t
}

func (c *fnCtx) callTaint(call *ast.Call, st state) taint {
	m := c.m
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
	all := allOf(pos, kw)
	c.mutate(call, st, all)
	// Sinks.
	query := false
	for _, sk := range c.sinksFor(call, q) {
		query = query || sk.Kind == SQL || sk.Kind == Command
		if safeCall(m, call, sk.SafeWith) || !c.externalParser(call, sk.ExternalWith) ||
			(len(sk.PageWith) > 0 && !safeCall(m, call, sk.PageWith)) {
			continue
		}
		var t taint
		for _, i := range sk.Args {
			if i < len(pos) && (!sk.Text || analysis.IsBuiltString(m, call.Args[i])) {
				t = union(t, c.sinkArg(sk, call.Args[i], pos[i], st))
			}
		}
		for _, k := range sk.Keywords {
			if k == "" {
				t = union(t, c.expanded(call, st))
			} else {
				kt, _ := kw.get(k)
				t = union(t, kt)
			}
		}
		// Without a shell only the program itself is dangerous.
		program := sk.Kind == Command && (strings.HasPrefix(q, "subprocess.") && !analysis.IsTrue(m, analysis.Keyword(call, "shell")) ||
			strings.HasPrefix(q, "os.exec") || strings.HasPrefix(q, "os.spawn") || strings.HasPrefix(q, "os.posix_spawn"))
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
			t = union(t, namedBy(union(recv, all)))
		}
		c.fill(call, src, t, st)
		return t
	}
	// What a query returns is the database's data (rows, a cursor, a
	// statement), and what a command returns is the program's output, not
	// the text of the query or command (already reported at the sink).
	if query {
		return recv
	}
	// Sanitizers.
	kinds, ok := c.p.spec.sanitizers[q]
	if ok && (q == "flask.render_template" || q == "flask.templating.render_template") && !flaskEscapes(m, call) {
		ok = false // the template's values are written as they are
	}
	if a, isMethod := call.Func.(*ast.Attribute); !ok && isMethod {
		// cleaner = bleach.Cleaner(...); cleaner.clean(text)
		for _, cq := range ctorNames(m, a.Value) {
			if kinds, ok = c.p.spec.sanitizers[cq+"."+a.Attr]; ok {
				return all.clearAll(kinds)
			}
		}
		kinds, ok = c.p.spec.sanitizers["*."+a.Attr]
		if ok {
			// A method clears its arguments, not its receiver: a
			// template made from untrusted source renders it.
			return union(recv, all.clearAll(kinds))
		}
	}
	if ok {
		return all.clearAll(kinds)
	}
	// Project functions.
	n := len(c.reads)
	key, s := c.resolve(call, q)
	if (s == nil || len(s.Sources) == 0) && len(recv) == 0 && untainted(pos, kw) {
		// Nothing to pass and nothing returned: see summaryRead.
		for i := n; i < len(c.reads); i++ {
			c.reads[i].empty = true
		}
	}
	if s != nil {
		return c.applySummary(call, key, s, pos, kw)
	}
	// A SQLAlchemy statement holds its values as bound parameters.
	if sqlStatement(c.m, call, q) {
		return union(recv, all).clearAll([]Kind{SQL})
	}
	// A Django ORM lookup returns rows of the database: the request only
	// chose which.
	if ormLookup(c.m, call, q) {
		return recv
	}
	// Anything else: methods of tainted objects and functions of tainted
	// arguments return tainted values (str methods, formatting, wrappers).
	return union(recv, all.opened())
}

// flaskEscapes reports whether Flask autoescapes the template a
// render_template call names: it does so only for .html, .htm, .xml,
// .xhtml and .svg files. A name the code computes is given the benefit of
// the doubt.
func flaskEscapes(m *semantic.Model, call *ast.Call) bool {
	name, ok := analysis.ConstString(m, analysis.Arg(call, 0, "template_name_or_list"))
	if !ok {
		return true
	}
	switch strings.ToLower(pathpkg.Ext(name)) {
	case ".html", ".htm", ".xml", ".xhtml", ".svg":
		return true
	}
	return false
}

// sqlStatement reports a call that builds a SQLAlchemy statement object: a
// chain of method calls rooted at select(), insert(), update() or delete()
// (sqlalchemy's own, Flask-SQLAlchemy's db.select(), Table.select()).
// Values given to such a statement (where(), filter_by(), values()) are
// bound parameters, not SQL text; SQL text enters a statement only through
// text(), which is a sink of its own. q is the qualified name of call.Func.
func sqlStatement(m *semantic.Model, call *ast.Call, q string) bool {
	for depth := 0; depth < 32; depth++ {
		if depth > 0 {
			q = m.QualifiedName(call.Func)
		}
		if strings.HasPrefix(q, "sqlalchemy.") {
			switch q[strings.LastIndexByte(q, '.')+1:] {
			case "select", "insert", "update", "delete", "union", "union_all", "exists":
				return true
			}
		}
		a, ok := call.Func.(*ast.Attribute)
		if !ok {
			return false
		}
		if a.Attr == "select" {
			return true
		}
		inner, ok := a.Value.(*ast.Call)
		if !ok {
			return false
		}
		call = inner
	}
	return false
}

// ormLookup reports a Django ORM lookup: get_object_or_404() or
// get_list_or_404(), or a chain of query methods on a model's manager
// (`Post.objects.filter(slug=s).first()`). Its keyword values are bound
// parameters, and what it returns (model instances, values, counts) is
// stored data, not the values it was given. Lookups that take SQL text
// (raw(), extra()) are sinks of their own. q is the qualified name of
// call.Func.
func ormLookup(m *semantic.Model, call *ast.Call, q string) bool {
	switch q {
	case "django.shortcuts.get_object_or_404", "django.shortcuts.get_list_or_404":
		return true
	}
	for depth := 0; depth < 16; depth++ {
		a, ok := call.Func.(*ast.Attribute)
		if !ok || !ormMethods[a.Attr] {
			return false
		}
		switch v := a.Value.(type) {
		case *ast.Attribute:
			return v.Attr == "objects" && modelClass(v.Value)
		case *ast.Call:
			call = v
		default:
			return false
		}
	}
	return false
}

// modelClass reports what a manager is read from: a class by its name
// (Post, models.Post) or a call that returns one (get_user_model()), not
// an object's field (self.objects may be any mapping).
func modelClass(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Name:
		return x.Id != "" && x.Id[0] >= 'A' && x.Id[0] <= 'Z'
	case *ast.Attribute:
		return x.Attr != "" && x.Attr[0] >= 'A' && x.Attr[0] <= 'Z'
	case *ast.Call:
		return true
	}
	return false
}

// ormMethods are the QuerySet methods that select rows and return
// instances, querysets or plain values.
var ormMethods = map[string]bool{
	"get": true, "filter": true, "exclude": true, "all": true, "first": true, "last": true,
	"order_by": true, "distinct": true, "select_related": true, "prefetch_related": true,
	"only": true, "defer": true, "values": true, "values_list": true, "count": true, "exists": true,
	"latest": true, "earliest": true, "in_bulk": true, "get_or_create": true, "using": true,
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
		text, isStr := analysis.ConstString(m, a)
		for _, v := range sa.Values {
			if q == v || (isStr && strings.HasPrefix(strings.ToLower(strings.TrimSpace(text)), v)) {
				return true
			}
		}
	}
	return false
}

// expanded is the taint of the names a call's **mapping arguments pass:
// for a dict display only its keys (filter(**{"slug": value}) is
// filter(slug=value)), none for a local dict filled only under literal
// keys (constKeys) or the result of a project function that only returns
// such dict displays (literalDictFunc), else the whole mapping.
func (c *fnCtx) expanded(call *ast.Call, st state) taint {
	var t taint
	for _, k := range call.Keywords {
		if k.Arg != "" {
			continue
		}
		d, ok := k.Value.(*ast.Dict)
		if !ok {
			if n, isName := k.Value.(*ast.Name); isName && c.constKeys(n) {
				continue // updates = {}; updates["ip"] = addr; update(**updates)
			}
			if cl, isCall := k.Value.(*ast.Call); isCall && c.literalDictFunc(cl) {
				continue // create(**event_fields(amount))
			}
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

// resolve finds the project function a call invokes: its key and summary.
func (c *fnCtx) resolve(call *ast.Call, q string) (string, *summary) {
	if q != "" {
		if key, s := c.lookup(q, ""); s != nil {
			return key, s
		}
		// A class: its __init__.
		if key, s := c.lookup(q, "__init__"); s != nil {
			return key, s
		}
	}
	if a, ok := call.Func.(*ast.Attribute); ok {
		switch v := a.Value.(type) {
		case *ast.Name:
			if (v.Id == "self" || v.Id == "cls") && c.f.Class != "" {
				if key, s := c.lookup(c.f.Class, a.Attr); s != nil {
					return key, s
				}
			}
			// obj = ProjectClass(...); obj.method(...)
			for _, b := range c.m.Lookup(v.Id, v.Pos()) {
				if ctor, ok := b.Value.(*ast.Call); ok {
					if cq := c.m.QualifiedName(ctor.Func); cq != "" {
						if key, s := c.lookup(cq, a.Attr); s != nil {
							return key, s
						}
					}
				}
			}
		case *ast.Call:
			if cq := c.m.QualifiedName(v.Func); cq != "" {
				if key, s := c.lookup(cq, a.Attr); s != nil {
					return key, s
				}
			}
		}
	}
	return "", nil
}

// lookup finds the project function a qualified name (name, or its
// attribute attr if not "") means from the calling function and returns
// its key and summary, recording the dependency either way.
func (c *fnCtx) lookup(name, attr string) (string, *summary) {
	key := c.keyFor(name, attr)
	if key == "" {
		// No project function has this name: there is no summary now
		// and there never will be, so no dependency either.
		return "", nil
	}
	c.dep(key)
	s := c.p.summaries[key]
	c.reads = append(c.reads, summaryRead{key: key, seen: s})
	return key, s
}

// keyFor is the project's keyFor of name (or of name.attr) from the
// function's file, remembered by the worker while it analyses functions
// of that file.
func (c *fnCtx) keyFor(name, attr string) string {
	sc := c.sc
	if sc.unit != c.f.Unit {
		if sc.keys == nil || len(sc.keys) > 4096 {
			sc.keys = map[[2]string]string{}
		} else {
			clear(sc.keys)
		}
		sc.unit = c.f.Unit
	}
	k := [2]string{name, attr}
	if key, ok := sc.keys[k]; ok {
		return key
	}
	full := name
	if attr != "" {
		full = name + "." + attr
	}
	key := c.p.keyFor(full, c.f.Unit)
	sc.keys[k] = key
	return key
}

// keyFor maps a qualified name, as the semantic model of the file from
// is spelled, to the key of a project function, or "".
func (p *project) keyFor(name string, from *analysis.Unit) string {
	// Every key found below ends with the last part of name.
	if !p.lastNames[name[strings.LastIndexByte(name, '.')+1:]] {
		return ""
	}
	if _, ok := p.byKey[name]; ok {
		return name
	}
	// The caller's own module, where its file shares the module name.
	if pre := p.unitPrefix[from]; pre != "" {
		if _, ok := p.byKey[pre+name]; ok {
			return pre + name
		}
	}
	// Another module whose name several files share: the one nearest the
	// caller (a script's `import lib` loads the lib.py in its own folder).
	for mod := name; ; {
		i := strings.LastIndexByte(mod, '.')
		if i < 0 {
			break
		}
		mod = mod[:i]
		if units := p.shared[mod]; units != nil {
			if u := nearestUnit(units, from.Path); u != nil {
				if _, ok := p.byKey[p.unitPrefix[u]+name]; ok {
					return p.unitPrefix[u] + name
				}
			}
			break
		}
	}
	// A name that ends a key uniquely (`db.find` for `shop.db.find` when
	// the scan root is above the package).
	if key, ok := p.bySuffix(name); ok {
		return key
	}
	// A module of a namespace package, named with its folders.
	key, _ := p.namespaceKey(name)
	return key
}

// nearestUnit returns the file whose folder shares the most leading path
// elements with the folder of path, or nil when two are equally near.
func nearestUnit(units []*analysis.Unit, path string) *analysis.Unit {
	dir := strings.Split(pathpkg.Dir(path), "/")
	var best *analysis.Unit
	bestLen, tie := -1, false
	for _, u := range units {
		d := strings.Split(pathpkg.Dir(u.Path), "/")
		n := 0
		for n < len(d) && n < len(dir) && d[n] == dir[n] {
			n++
		}
		if n == len(d) && len(d) == len(dir) {
			n++ // the same folder beats a parent folder
		}
		switch {
		case n > bestLen:
			best, bestLen, tie = u, n, false
		case n == bestLen:
			tie = true
		}
	}
	if tie {
		return nil
	}
	return best
}

// applySummary reports parameters of a project function that reach its
// sinks and returns the taint of its result.
func (c *fnCtx) applySummary(call *ast.Call, key string, s *summary, pos []taint, kw kwTaints) taint {
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
			if t, ok := kw.get(s.ParamNames[i]); ok {
				return t
			}
		}
		if t, ok := kw.get(""); ok { // **kwargs
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
		c.readArg(key, s, i)
		for _, ps := range s.ToSink[i] {
			var reach taint
			arg := t.opened() // the callee may read what it is given
			if ps.Program {
				arg = t.programs()
			}
			var kinds []Kind
			for _, l := range arg {
				// l.withCleared(kinds).clears(ps.Kind), without the copy.
				if l.clears(ps.Kind) || ps.Cleared["all"] || ps.Cleared[ps.Kind] {
					continue
				}
				if kinds == nil {
					kinds = keys(ps.Cleared)
				}
				reach = append(reach, l.withCleared(kinds))
			}
			if len(reach) == 0 {
				continue // hitAt would record nothing
			}
			name := key[strings.LastIndexByte(key, '.')+1:]
			var param string
			if i < len(s.ParamNames) {
				param = s.ParamNames[i]
			} else {
				param = strconv.Itoa(i)
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

// readArg records that a call applied parameter i of the summary s to
// tainted data.
func (c *fnCtx) readArg(key string, s *summary, i int) {
	n := len(c.reads)
	if n == 0 || c.reads[n-1].key != key || c.reads[n-1].seen != s {
		c.reads = append(c.reads, summaryRead{key: key, seen: s})
		n++
	}
	c.reads[n-1].args = append(c.reads[n-1].args, i)
}

// storeArg records an argument a callee stores in a class field: real
// sources join the field, the caller's own parameters its summary.
func (c *fnCtx) storeArg(call *ast.Call, key string, ref fieldRef, t taint) {
	var step *finding.Step // made for the first real source
	var real taint
	kinds := keys(ref.Cleared)
	for _, l := range t {
		l2 := l.withCleared(kinds)
		if l.Param >= 0 {
			c.sum.addField(l.Param, fieldRef{Class: ref.Class, Attr: ref.Attr, Cleared: l2.Cleared})
			continue
		}
		if step == nil {
			name := key[strings.LastIndexByte(key, '.')+1:]
			step = &finding.Step{Location: c.loc(call), Message: fmt.Sprintf("stored in self.%s by %s()", ref.Attr, name)}
		}
		l3 := *l2 // l2 may be l itself
		l3.Steps = append(append([]finding.Step(nil), l.Steps...), *step)
		real = append(real, &l3)
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

// sinkArg is the taint of a sink's argument. Flask's make_response and
// Response take a (body, status, headers) tuple: only the body is the
// page.
func (c *fnCtx) sinkArg(sk SinkSpec, arg ast.Expr, t taint, st state) taint {
	if tup, ok := arg.(*ast.Tuple); ok && sk.Kind == XSS && len(tup.Elts) > 0 {
		return c.expr(tup.Elts[0], st)
	}
	if sk.Kind == Redirect && fixedOrigin(c.m, arg, 0) {
		return nil
	}
	return t
}

// urlBuilders return a URL of the site's own: a path, or the site's
// absolute URL.
var urlBuilders = map[string]bool{
	"django.urls.reverse": true, "django.urls.reverse_lazy": true, "django.core.urlresolvers.reverse": true,
	"flask.url_for": true, "flask.helpers.url_for": true,
}

// fixedOrigin reports a redirect target whose start the code fixes to a
// path of its own or to a whole origin: "/account/" + x, f"/p/{x}",
// "?page=" + x, "https://shop.example/" + x, reverse(...) + x,
// url_for(...) + x, or a name every binding of which is such a value or
// appends to one with +=. Whatever follows cannot send the browser to
// another site.
func fixedOrigin(m *semantic.Model, e ast.Expr, depth int) bool {
	if depth > 8 || e == nil {
		return false
	}
	if s, ok := analysis.ConstString(m, e); ok {
		return fixesOrigin(s)
	}
	switch x := e.(type) {
	case *ast.JoinedStr:
		if len(x.Values) > 0 {
			switch v := x.Values[0].(type) {
			case *ast.Constant:
				return v.Kind == ast.StrConst && fixesOrigin(v.Str)
			case *ast.FormattedValue:
				return fixedOrigin(m, v.Value, depth+1) // f"{reverse('list')}?q={q}"
			}
		}
	case *ast.BinOp:
		if x.Op == ast.Add {
			return fixedOrigin(m, x.Left, depth+1)
		}
		if x.Op == ast.Mod {
			s, ok := analysis.ConstString(m, x.Left)
			if !ok {
				return false
			}
			if strings.HasPrefix(s, "%s") { // "%s?page=%d" % (reverse(...), n)
				first := x.Right
				if t, ok := first.(*ast.Tuple); ok && len(t.Elts) > 0 {
					first = t.Elts[0]
				}
				return fixedOrigin(m, first, depth+1)
			}
			return fixesOrigin(s[:strings.IndexByte(s+"%", '%')])
		}
	case *ast.Call:
		if urlBuilders[m.QualifiedName(x.Func)] {
			return true
		}
		if a, ok := x.Func.(*ast.Attribute); ok && a.Attr == "format" {
			s, ok := analysis.ConstString(m, a.Value)
			if ok && (strings.HasPrefix(s, "{}") || strings.HasPrefix(s, "{0}")) && len(x.Args) > 0 {
				return fixedOrigin(m, x.Args[0], depth+1)
			}
			return ok && fixesOrigin(s[:strings.IndexByte(s+"{", '{')])
		}
	case *ast.Name:
		bs := m.Lookup(x.Id, x.Pos())
		if len(bs) == 0 {
			return false
		}
		for _, b := range bs {
			switch {
			case b.Kind == semantic.AssignBinding && b.Value != nil:
				if !fixedOrigin(m, b.Value, depth+1) {
					return false
				}
			default:
				aug, ok := b.Node.(*ast.AugAssign)
				if !ok || aug.Op != ast.Add {
					return false
				}
			}
		}
		return true
	}
	return false
}

// fixesOrigin reports constant leading text after which nothing can
// change the site a URL points to: a path ("/account/", not "/" alone,
// which "/evil.example" would turn into "//evil.example"), a relative
// reference or query ("page?id=", "?next="), or a whole origin with the
// slash that ends it ("https://shop.example/").
func fixesOrigin(s string) bool {
	switch {
	case s == "":
		return false
	case s[0] == '/' || s[0] == '\\':
		return len(s) > 1 && s[1] != '/' && s[1] != '\\'
	}
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		return strings.IndexByte(rest, '/') > 0
	}
	// A relative reference: a '/', '?' or '#' with no scheme before it
	// ("https" alone could still become "https://other.example").
	i := strings.IndexAny(s, "/?#")
	return i >= 0 && !strings.Contains(s[:i], ":")
}

// namespaceKey finds a function imported through a namespace package (a
// directory without __init__.py): `helpers.util.f` for the function f of
// helpers/util.py, whose module is named util. The directories dropped
// from the key must be the ones the file lies in.
func (p *project) namespaceKey(key string) (string, bool) {
	for i := strings.IndexByte(key, '.'); i >= 0 && i < len(key)-1; {
		rest := key[i+1:]
		if f, ok := p.byKey[rest]; ok && f.Unit.Module != "" {
			dir := strings.TrimSuffix(strings.TrimSuffix(filepath.ToSlash(f.Unit.Path), ".py"), "/__init__")
			want := key[:i+1] + f.Unit.Module
			if strings.HasSuffix(strings.ReplaceAll(dir, "/", "."), want) {
				return rest, true
			}
			return "", false
		}
		j := strings.IndexByte(rest, '.')
		if j < 0 {
			break
		}
		i += j + 1
	}
	return "", false
}

// externalParser reports whether a sink that needs a SAX parser loading
// external entities gets one (always true for other sinks).
func (c *fnCtx) externalParser(call *ast.Call, pa *ParserArg) bool {
	if pa == nil {
		return true
	}
	var parser ast.Expr
	if pa.Receiver {
		if a, ok := call.Func.(*ast.Attribute); ok {
			parser = a.Value
		}
	} else {
		pos := -1
		if pa.Arg != nil {
			pos = *pa.Arg
		}
		parser = analysis.Arg(call, pos, pa.Keyword)
	}
	return parser != nil && analysis.SAXParserResolvesExternal(c.f.Unit, parser)
}

// ctorNames returns the qualified names of the calls that made a method's
// receiver: the call itself (Cleaner().clean) or, for a name, the calls
// every one of its bindings assigns (c = Cleaner(); c.clean, or
// with Cleaner() as c). It is empty
// when a binding is anything else or the bindings call different things.
func ctorNames(m *semantic.Model, recv ast.Expr) []string {
	switch v := recv.(type) {
	case *ast.Call:
		if q := m.QualifiedName(v.Func); q != "" {
			return []string{q}
		}
	case *ast.Name:
		var out []string
		for _, b := range m.Lookup(v.Id, v.Pos()) {
			ctor, ok := boundValue(b).(*ast.Call)
			if !ok {
				return nil
			}
			q := m.QualifiedName(ctor.Func)
			if q == "" || (len(out) > 0 && out[0] != q) {
				return nil
			}
			out = append(out[:0], q)
		}
		return out
	}
	return nil
}

// literalDictFunc reports a call of a project function every return of
// which is a dict display with string-literal keys (or dict()): the names
// it passes when expanded are the ones its author wrote.
func (c *fnCtx) literalDictFunc(call *ast.Call) bool {
	key, _ := c.resolve(call, c.m.QualifiedName(call.Func))
	f := c.p.byKey[key]
	if f == nil || f.Def == nil {
		return false
	}
	returns, ok := 0, true
	for _, s := range f.body() {
		ast.Inspect(s, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.FunctionDef, *ast.ClassDef, *ast.Lambda:
				return false
			case *ast.Yield, *ast.YieldFrom:
				ok = false
			case *ast.Return:
				returns++
				if !literalKeyed(f.Unit.Model(), x.Value) {
					ok = false
				}
			}
			return ok
		})
	}
	return ok && returns > 0
}
