package taint

import (
	"fmt"
	"reflect"
	"regexp"
	"runtime"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// label is one origin of tainted data: a real source, or (Param >= 0) a
// parameter of the function being summarised.
type label struct {
	Param      int
	What       string
	Loc        finding.Location
	Confidence finding.Confidence
	Cleared    map[Kind]bool // kinds a sanitizer or guard made it safe for
	Steps      []finding.Step
	Class      string          // who chose the data: Remote ("" too), Local, Response, File
	Content    map[string]bool // for an object holding the data: the attributes that read it
	Tail       bool            // after the first element of a list (see argv.go)
}

func (l *label) clears(k Kind) bool { return l.Cleared["all"] || l.Cleared[k] }

// withCleared returns l cleared for kinds as well: l itself when it
// already is (labels are never written once made), else a copy. Cleared
// maps are never written once a label holds them either.
func (l *label) withCleared(kinds []Kind) *label {
	done := true
	for _, k := range kinds {
		if !l.Cleared[k] {
			done = false
			break
		}
	}
	if done {
		return l
	}
	c := *l
	c.Cleared = make(map[Kind]bool, len(l.Cleared)+len(kinds))
	for k := range l.Cleared {
		c.Cleared[k] = true
	}
	for _, k := range kinds {
		c.Cleared[k] = true
	}
	return &c
}

// taint is a small set of labels.
type taint []*label

const maxLabels = 6

func union(a, b taint) taint {
	if len(a) == 0 {
		return b
	}
	if len(b) == 0 {
		return a
	}
	// a itself when b adds nothing: no copy, and callers can tell by the
	// length that nothing changed.
	out := a
	copied := false
outer:
	for _, l := range b {
		if len(out) >= maxLabels {
			break
		}
		for _, m := range out {
			if m.Param == l.Param && m.Loc == l.Loc && len(m.Cleared) == len(l.Cleared) && m.Tail == l.Tail && (m.Content == nil) == (l.Content == nil) {
				continue outer
			}
		}
		if !copied {
			out = append(make(taint, 0, min(len(a)+len(b), maxLabels)), a...)
			copied = true
		}
		out = append(out, l)
	}
	return out
}

// queryKinds are the kinds text in a URL's query or fragment cannot
// reach once what comes before it is safe: it cannot change the site a
// redirect sends the browser to (f"{checked_url}?{params}").
var queryKinds = []Kind{Redirect}

// clearAll returns t cleared for kinds: t itself when every label
// already is.
func (t taint) clearAll(kinds []Kind) taint {
	var out taint
	for i, l := range t {
		c := l.withCleared(kinds)
		if c != l && out == nil {
			out = make(taint, len(t))
			copy(out, t[:i])
		}
		if out != nil {
			out[i] = c
		}
	}
	if out == nil {
		return t
	}
	return out
}

// reaching returns the labels not cleared for kind k.
func (t taint) reaching(k Kind) taint {
	var out taint
	for _, l := range t {
		if !l.clears(k) {
			out = append(out, l)
		}
	}
	return out
}

// sinkHit is a tainted value arriving at a sink.
type sinkHit struct {
	Kind    Kind
	Call    string // the sink's name, e.g. "os.system"
	Loc     finding.Location
	Labels  taint
	Via     []finding.Step // call steps through project functions
	Snippet string
}

// paramSink records that a parameter reaches a sink inside a function.
type paramSink struct {
	Kind    Kind
	Call    string
	Loc     finding.Location
	Cleared map[Kind]bool
	Via     []finding.Step
	Program bool // only the program of an argument vector matters
}

// summary describes a project function for its callers.
type summary struct {
	ParamNames []string
	ToReturn   map[int]map[Kind]bool // param -> kinds cleared on the way to the return value
	ToSink     map[int][]paramSink
	Sources    taint // untrusted data the function returns (a source of its own)
	ToField    map[int][]fieldRef
	// cachedKey is key(), set when the summary is merged into the project.
	cachedKey string
}

// fieldRef is a field of a project class (self.<Attr> in its methods)
// that a parameter is stored in.
type fieldRef struct {
	Class, Attr string
	Cleared     map[Kind]bool
}

func (s *summary) addField(param int, ref fieldRef) {
	if s.ToField == nil {
		s.ToField = map[int][]fieldRef{}
	}
	for i, r := range s.ToField[param] {
		if r.Class == ref.Class && r.Attr == ref.Attr {
			s.ToField[param][i].Cleared = intersect(r.Cleared, ref.Cleared)
			return
		}
	}
	s.ToField[param] = append(s.ToField[param], ref)
}

// storeField records real sources stored in a class field; they join the
// field when the round's results are merged.
func (c *fnCtx) storeField(class, attr string, t taint) {
	if len(t) == 0 {
		return
	}
	if c.out.fields == nil {
		c.out.fields = map[string]map[string]taint{}
	}
	m := c.out.fields[class]
	if m == nil {
		m = map[string]taint{}
		c.out.fields[class] = m
	}
	m[attr] = union(m[attr], t)
}

func (s *summary) key() string {
	if len(s.ToReturn) == 0 && len(s.ToSink) == 0 && len(s.Sources) == 0 && len(s.ToField) == 0 {
		return ""
	}
	var b []byte
	ps := make([]int, 0, len(s.ToReturn)+len(s.ToSink))
	for p := range s.ToReturn {
		ps = append(ps, p)
	}
	sort.Ints(ps)
	for _, p := range ps {
		b = append(b, 'r')
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(len(s.ToReturn[p])), 10)
		b = append(b, ';')
	}
	ps = ps[:0]
	for p := range s.ToSink {
		ps = append(ps, p)
	}
	sort.Ints(ps)
	for _, p := range ps {
		b = append(b, 's')
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(len(s.ToSink[p])), 10)
		b = append(b, ';')
	}
	b = append(b, 'u')
	b = strconv.AppendInt(b, int64(len(s.Sources)), 10)
	b = append(b, ';')
	ps = ps[:0]
	for p := range s.ToField {
		ps = append(ps, p)
	}
	sort.Ints(ps)
	for _, p := range ps {
		b = append(b, 'f')
		b = strconv.AppendInt(b, int64(p), 10)
		b = append(b, ':')
		b = strconv.AppendInt(b, int64(len(s.ToField[p])), 10)
		b = append(b, ';')
	}
	return string(b)
}

// function is one analysable body: a def (or the module's top level).
type function struct {
	Key    string // qualified name: module.func, module.Class.method, module.<module>
	Unit   *analysis.Unit
	Def    *ast.FunctionDef // nil for module level
	mod    *ast.Module      // the module, for its top level
	Class  string           // qualified class name for methods
	Params []*ast.Arg
	// paramNames are the names of Params, shared by its summaries.
	paramNames []string
	// slots is the number of names its latest analysis numbered: the
	// room the next one starts with.
	slots int32
	order int32 // index in project.funcs
	// routeParams: the parameters are request data (a web route handler).
	routeParams bool
	classDep    string // "class:" + Class, the key of its fields' readers
	hits        []sinkHit
	// deps lists, sorted, every summary and class the function's analyses
	// have read so far (each is recorded once in project.rdeps).
	deps []string
	// flow holds the constants of the body, computed when an analysis
	// first needs them (a function is analysed by one worker at a time).
	flow *semantic.Flow
	// reads and fieldReads are what its latest analysis read of the
	// project's summaries and class fields (see fnResult).
	reads      []summaryRead
	fieldReads []fieldRead
}

// body returns the statements of the function (of the module for its
// top level).
func (f *function) body() []ast.Stmt {
	if f.Def != nil {
		return f.Def.Body
	}
	return f.mod.Body
}

// project is the state of one analysis over all units.
type project struct {
	spec  *Spec
	funcs []*function
	byKey map[string]*function
	// byTail holds the functions by the last two parts of their keys
	// (see keyTail), to find the key a dotted name is a suffix of.
	byTail map[string][]*function
	// lastNames holds the last part of every key: a name whose last part
	// is not among them names no project function.
	lastNames map[string]bool
	// unitPrefix and shared: the key prefixes of files that share a
	// module name, and those files by name (see sharedModules).
	unitPrefix map[*analysis.Unit]string
	shared     map[string][]*analysis.Unit
	summaries  map[string]*summary
	// classFields holds taint written to self.<attr> in any method.
	classFields map[string]map[string]taint
	rdeps       map[string][]*function // dependency -> functions that read it, each once
	// webUnits records which units import a web framework.
	webUnits map[*analysis.Unit]bool
	// converted holds, by function key, the view parameters the Django URL
	// configuration converts to digits, UUIDs or slugs.
	converted map[string]map[string]bool
	// helpers holds the keys of functions that take the request first but
	// are only ever called (requestHelpers): no URL parameters.
	helpers map[string]bool
	// bases are the classes' base classes; handlers holds handlerFor's
	// answer for every class, computed before the rounds start.
	bases    map[string][]string
	handlers map[string]*HandlerSpec
}

// maxRounds bounds the rounds of the summary fixpoint.
const maxRounds = 16

// fnResult is what analysing one function produced. During a round the
// project's shared state is only read; results are merged after it.
type fnResult struct {
	sum    *summary
	hits   []sinkHit
	deps   []string                    // summaries and classes the analysis read
	fields map[string]map[string]taint // class -> attr -> real sources stored in the field
	// reads and fieldReads record the parts of the project's state the
	// analysis depended on: an analysis is a function of them, so while
	// they are unchanged another analysis would produce the same result.
	reads      []summaryRead
	fieldReads []fieldRead
}

// mergeable is the part of a function's result that the end of a round
// merges into the project.
type mergeable struct {
	sum    *summary
	deps   []string
	fields map[string]map[string]taint
}

// summaryRead is a summary lookup: the summary it found (nil: none yet)
// and, if the summary was applied to a call, the parameters that were
// given tainted data. Only those parameters' parts of the summary, and
// its sources, can change what the call yields. A call without tainted
// arguments or receiver that yielded nothing (empty) yields nothing
// again as long as no summary it looks up returns untrusted data.
type summaryRead struct {
	key   string
	seen  *summary
	args  []int
	empty bool
}

// fieldRead is a read of a class field and the number of labels it held.
// Fields only grow, so the same number means the same labels.
type fieldRead struct {
	class, attr string
	n           int
}

// readsChanged reports whether anything f's latest analysis read of the
// summaries or class fields is different now.
func (p *project) readsChanged(f *function) bool {
	for _, r := range f.fieldReads {
		if len(p.classFields[r.class][r.attr]) != r.n {
			return true
		}
	}
	for _, r := range f.reads {
		cur := p.summaries[r.key]
		if cur == r.seen {
			continue
		}
		if r.empty {
			if cur != nil && len(cur.Sources) > 0 {
				return true
			}
			continue
		}
		if cur == nil || r.seen == nil || !reflect.DeepEqual(cur.Sources, r.seen.Sources) {
			return true
		}
		for _, i := range r.args {
			prev, had := r.seen.ToReturn[i]
			now, has := cur.ToReturn[i]
			if had != has || !reflect.DeepEqual(prev, now) ||
				!reflect.DeepEqual(r.seen.ToSink[i], cur.ToSink[i]) || !reflect.DeepEqual(r.seen.ToField[i], cur.ToField[i]) {
				return true
			}
		}
	}
	return false
}

// analyzeAll analyses the functions on all cores and returns their results
// in the same order.
func (p *project) analyzeAll(funcs []*function) []mergeable {
	out := make([]mergeable, len(funcs))
	workers := runtime.GOMAXPROCS(0)
	if workers > len(funcs)/32 {
		workers = max(1, len(funcs)/32)
	}
	var next atomic.Int64
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			sc := &scratch{}
			for {
				i := int(next.Add(1) - 1)
				if i >= len(funcs) {
					return
				}
				f := funcs[i]
				r := p.analyze(f, sc)
				// What only f's next analysis or the end reads goes to
				// f at once; the rest waits for the merge.
				f.hits, f.reads, f.fieldReads = r.hits, r.reads, r.fieldReads
				out[i] = mergeable{sum: r.sum, deps: r.deps, fields: r.fields}
			}
		}()
	}
	wg.Wait()
	return out
}

func sortedKeys(m map[string]taint) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func collectFunctions(units []*analysis.Unit, unitPrefix map[*analysis.Unit]string) []*function {
	var out []*function
	for _, u := range units {
		mod := u.Module
		// Keys are module-qualified and, for a module name that several
		// scanned files share, start with the file's own prefix; class
		// names stay as the semantic model spells them.
		var visit func(body []ast.Stmt, prefix, class string)
		visit = func(body []ast.Stmt, prefix, class string) {
			for _, st := range body {
				switch s := st.(type) {
				case *ast.FunctionDef:
					key := prefix + s.Name
					var params []*ast.Arg
					if s.Args != nil {
						params = make([]*ast.Arg, 0, len(s.Args.PosOnlyArgs)+len(s.Args.Args)+len(s.Args.KwOnlyArgs))
						params = append(append(append(params, s.Args.PosOnlyArgs...), s.Args.Args...), s.Args.KwOnlyArgs...)
					}
					out = append(out, &function{Key: unitPrefix[u] + key, Unit: u, Def: s, Class: class, Params: params, routeParams: isRoute(s)})
					if definesIn(s.Body) {
						visit(s.Body, key+".", "")
					}
				case *ast.ClassDef:
					visit(s.Body, prefix+s.Name+".", prefix+s.Name)
				case *ast.If:
					visit(s.Body, prefix, class)
					visit(s.Orelse, prefix, class)
				case *ast.Try:
					visit(s.Body, prefix, class)
				}
			}
		}
		prefix := ""
		if mod != "" {
			prefix = mod + "."
		}
		top := u.Parse().Module
		out = append(out, &function{Key: unitPrefix[u] + prefix + "<module>", Unit: u, mod: top})
		visit(top.Body, prefix, "")
	}
	return out
}

// definesIn reports whether a body has a def or class where
// collectFunctions and classBases look for them: at its top level or in
// the arms of an if or the body of a try.
func definesIn(body []ast.Stmt) bool {
	for _, st := range body {
		switch s := st.(type) {
		case *ast.FunctionDef, *ast.ClassDef:
			return true
		case *ast.If:
			if definesIn(s.Body) || definesIn(s.Orelse) {
				return true
			}
		case *ast.Try:
			if definesIn(s.Body) {
				return true
			}
		}
	}
	return false
}

// sharedModules finds the module names that more than one scanned file
// has (a script folder's lib.py beside another folder's lib.py, or files
// whose name is no module name at all). Each such file gets a key prefix
// of its own, so their functions keep separate summaries; the returned map
// lists the files of each shared name.
func sharedModules(units []*analysis.Unit) (map[*analysis.Unit]string, map[string][]*analysis.Unit) {
	byModule := map[string][]*analysis.Unit{}
	for _, u := range units {
		byModule[u.Module] = append(byModule[u.Module], u)
	}
	prefix := map[*analysis.Unit]string{}
	shared := map[string][]*analysis.Unit{}
	for i, u := range units {
		if len(byModule[u.Module]) > 1 {
			prefix[u] = fmt.Sprintf("#%d:", i)
			shared[u.Module] = byModule[u.Module]
		}
	}
	return prefix, shared
}

// isRoute reports a web route handler: decorated with .route/.get/.post...
func isRoute(fn *ast.FunctionDef) bool {
	for _, d := range fn.DecoratorList {
		if c, ok := d.(*ast.Call); ok {
			d = c.Func
		}
		if a, ok := d.(*ast.Attribute); ok {
			switch a.Attr {
			case "route", "get", "post", "put", "patch", "delete", "api_route", "websocket", "api_view":
				return true
			}
		}
		if n, ok := d.(*ast.Name); ok && (n.Id == "api_view" || n.Id == "route") {
			return true
		}
	}
	return false
}

// Analyze runs the taint analysis over all units and returns the sink hits
// of real sources.
func Analyze(spec *Spec, units []*analysis.Unit) []sinkHit {
	unitPrefix, shared := sharedModules(units)
	funcs := collectFunctions(units, unitPrefix)
	p := &project{spec: spec, funcs: funcs, byKey: make(map[string]*function, len(funcs)), summaries: make(map[string]*summary, len(funcs)),
		classFields: map[string]map[string]taint{}, webUnits: make(map[*analysis.Unit]bool, len(units)), unitPrefix: unitPrefix, shared: shared}
	p.bases, p.handlers = classBases(units), map[string]*HandlerSpec{}
	p.byTail = make(map[string][]*function, len(funcs))
	p.lastNames = make(map[string]bool, len(funcs)/2)
	p.rdeps = make(map[string][]*function, len(funcs))
	for i, f := range p.funcs {
		if f.Class != "" {
			// Methods of a class come one after the other: they share
			// one string.
			if i > 0 && p.funcs[i-1].Class == f.Class {
				f.classDep = p.funcs[i-1].classDep
			} else {
				f.classDep = "class:" + f.Class
			}
		}
		f.order = int32(i)
		if len(f.Params) > 0 {
			f.paramNames = make([]string, len(f.Params))
			for j, a := range f.Params {
				f.paramNames[j] = a.Arg
			}
		}
		p.byKey[f.Key] = f
		p.lastNames[f.Key[strings.LastIndexByte(f.Key, '.')+1:]] = true
		p.indexTail(f)
	}
	for _, u := range units {
		p.webUnits[u] = isWebModule(u)
	}
	p.converted = p.urlConverted(units)
	p.helpers = p.requestHelpers(units)
	// The rounds only read handlers: answer for every class now.
	for _, f := range p.funcs {
		if f.Class != "" {
			p.handlerFor(f.Class)
		}
	}
	// Summaries to a fixpoint (bounded): after the first round only the
	// functions whose callees' summaries (or whose class fields) changed
	// are analysed again. The functions of a round are analysed in
	// parallel against the summaries and class fields of the round
	// before; their results are then merged in a fixed order, so the
	// outcome does not depend on scheduling.
	dirty := p.funcs
	for round := 0; round < maxRounds && len(dirty) > 0; round++ {
		results := p.analyzeAll(dirty)
		changed := map[string]bool{}
		for i, f := range dirty {
			r := &results[i]
			before := ""
			if s := p.summaries[f.Key]; s != nil {
				before = s.cachedKey
			}
			r.sum.cachedKey = r.sum.key()
			p.summaries[f.Key] = r.sum
			if r.sum.cachedKey != before {
				changed[f.Key] = true
			}
			p.recordDeps(f, r.deps)
			classes := make([]string, 0, len(r.fields))
			for cls := range r.fields {
				classes = append(classes, cls)
			}
			sort.Strings(classes)
			for _, cls := range classes {
				m := p.classFields[cls]
				if m == nil {
					m = map[string]taint{}
					p.classFields[cls] = m
				}
				for _, attr := range sortedKeys(r.fields[cls]) {
					if merged := union(m[attr], r.fields[cls][attr]); len(merged) != len(m[attr]) {
						m[attr] = merged
						changed["class:"+cls] = true
					}
				}
			}
		}
		var next []*function
		queued := map[*function]bool{}
		for d := range changed {
			for _, f := range p.rdeps[d] {
				if !queued[f] {
					queued[f] = true
					// A function whose reads are all as they were
					// would be analysed to the same result.
					if p.readsChanged(f) {
						next = append(next, f)
					}
				}
			}
		}
		sort.Slice(next, func(i, j int) bool { return next[i].order < next[j].order })
		dirty = next
	}
	// Each function's latest analysis saw its callees' final summaries
	// (a change would have queued it again), so its sink hits stand.
	var hits []sinkHit
	for _, f := range p.funcs {
		hits = append(hits, f.hits...)
	}
	return hits
}

// keyTail returns the last two dot-separated parts of a name (all of it
// when it has fewer).
func keyTail(name string) string {
	i := strings.LastIndexByte(name, '.')
	if i < 0 {
		return name
	}
	j := strings.LastIndexByte(name[:i], '.')
	return name[j+1:]
}

// indexTail records f in byTail if its key has suffixes of two parts or
// more short of the whole key (three parts or more).
func (p *project) indexTail(f *function) {
	if tail := keyTail(f.Key); len(tail) < len(f.Key) && f.Key[len(f.Key)-len(tail)-1] == '.' {
		p.byTail[tail] = append(p.byTail[tail], f)
	}
}

// bySuffix finds the key that a dotted name (two parts or more) ends,
// after a dot and short of the whole key: found is false when no key
// does, key is "" when several do.
func (p *project) bySuffix(name string) (key string, found bool) {
	if strings.IndexByte(name, '.') < 0 {
		return "", false
	}
	for _, f := range p.byTail[keyTail(name)] {
		k := f.Key
		if len(k) <= len(name) || k[len(k)-len(name)-1] != '.' || k[len(k)-len(name):] != name {
			continue
		}
		if found && key != k {
			return "", true // ambiguous
		}
		key, found = k, true
	}
	return key, found
}

// recordDeps records in rdeps that f read the dependencies deps (sorted,
// without repeats), once for each dependency.
func (p *project) recordDeps(f *function, deps []string) {
	if len(f.deps) == 0 {
		for _, d := range deps {
			p.rdeps[d] = append(p.rdeps[d], f)
		}
		f.deps = deps
		return
	}
	var added bool
	for _, d := range deps {
		if _, found := slices.BinarySearch(f.deps, d); !found {
			p.rdeps[d] = append(p.rdeps[d], f)
			added = true
		}
	}
	if added {
		merged := make([]string, 0, len(f.deps)+len(deps))
		merged = append(append(merged, f.deps...), deps...)
		slices.Sort(merged)
		f.deps = slices.Compact(merged)
	}
}

// state is the taint of local names at a point in a function. The names
// of a function's analysis are numbered (slots), and a state holds one
// value per number; copies share their values until one of them writes,
// so a branch that changes nothing costs no copy.
type state = *locals

type locals struct {
	slots *slotTable
	// vals holds the taint of each slot: nil when the state does not
	// bind the name, an empty taint when it binds it to clean data.
	vals []taint
	// shared counts the states holding vals (nil: this one alone); a
	// state writes to vals only when it alone holds them.
	shared *int
	// trail, when set, records the value each slot had before its first
	// write (see armInPlace).
	trail *[]slotWas
}

// slotWas is the value a slot had before it was written.
type slotWas struct {
	slot int
	was  taint
}

// record notes in the trail the value of slot i before a write.
func (s *locals) record(i int) {
	for _, w := range *s.trail {
		if w.slot == i {
			return
		}
	}
	var was taint
	if i < len(s.vals) {
		was = s.vals[i]
	}
	*s.trail = append(*s.trail, slotWas{i, was})
}

// slotTable numbers the names of one function's analysis: local names,
// and the fields of self (self.<attr>) apart.
type slotTable struct {
	index, attrs map[string]int
	n            int
	hint         int // the room a state starts with
}

// slot returns the number of a name (or of self.<name> if attr), giving
// it the next one if it has none yet.
func (t *slotTable) slot(name string, attr bool) int {
	m := t.index
	if attr {
		m = t.attrs
	}
	i, ok := m[name]
	if !ok {
		i = t.n
		m[name] = i
		t.n++
	}
	return i
}

// scratch is a worker's memory for the analyses it runs one after the
// other: what an analysis needs only while it runs.
type scratch struct {
	ctx   fnCtx
	slots slotTable
	// unit is the file of the latest analysis; keys caches keyFor for
	// the names its calls resolve (a name and an attribute of it).
	unit *analysis.Unit
	keys map[[2]string]string
	// pos and kw hold the taints of the arguments of the calls being
	// analysed, innermost last.
	pos []taint
	kw  []kwTaint
}

// newState returns the empty state of a new analysis, numbering its names
// afresh in the worker's table.
func (sc *scratch) newState(hint int) state {
	if sc.slots.index == nil {
		sc.slots.index, sc.slots.attrs = map[string]int{}, map[string]int{}
	}
	clear(sc.slots.index)
	clear(sc.slots.attrs)
	sc.slots.n, sc.slots.hint = 0, max(hint, 4)
	return &locals{slots: &sc.slots}
}

// get returns the taint of a name and whether the state binds it.
func (s *locals) get(name string) (taint, bool) {
	i, ok := s.slots.index[name]
	if !ok || i >= len(s.vals) || s.vals[i] == nil {
		return nil, false
	}
	return s.vals[i], true
}

// at returns the taint of a name (nil when unbound).
func (s *locals) at(name string) taint {
	t, _ := s.get(name)
	return t
}

// field returns the taint of self.<attr> (nil when unbound).
func (s *locals) field(attr string) taint {
	i, ok := s.slots.attrs[attr]
	if !ok || i >= len(s.vals) {
		return nil
	}
	return s.vals[i]
}

// setField binds self.<attr>.
func (s *locals) setField(attr string, t taint) {
	s.setSlot(s.slots.slot(attr, true), t)
}

// own makes s the only holder of its values.
func (s *locals) own() {
	if s.shared != nil && *s.shared > 1 {
		*s.shared--
		n := max(s.slots.n, s.slots.hint)
		s.vals = append(make([]taint, 0, n), s.vals...)
		s.shared = nil
	}
}

func (s *locals) set(name string, t taint) {
	s.setSlot(s.slots.slot(name, false), t)
}

func (s *locals) setSlot(i int, t taint) {
	if s.trail != nil {
		s.record(i)
	}
	s.own()
	if n := len(s.vals); n <= i {
		size := max(s.slots.n, i+1)
		if cap(s.vals) < size {
			s.vals = append(make([]taint, 0, max(size+size/2, s.slots.hint)), s.vals...)
		}
		s.vals = s.vals[:size]
		clear(s.vals[n:])
	}
	if t == nil {
		t = taint{} // bound, to clean data
	}
	s.vals[i] = t
}

func (s *locals) del(name string) {
	if i, ok := s.slots.index[name]; ok && i < len(s.vals) && s.vals[i] != nil {
		if s.trail != nil {
			s.record(i)
		}
		s.own()
		s.vals[i] = nil
	}
}

func (s *locals) copy() state {
	if s.shared == nil {
		s.shared = new(int)
		*s.shared = 1
	}
	*s.shared++
	return &locals{slots: s.slots, vals: s.vals, shared: s.shared}
}

func merge(a, b state) state {
	return mergeInto(a.copy(), b)
}

// sameTaint reports whether u is t itself (union returns its first
// argument when the second adds nothing).
func sameTaint(u, t taint) bool {
	return len(u) == len(t) && (len(u) == 0 || &u[0] == &t[0])
}

// mergeInto merges b into a, which the caller owns, and returns a: the
// same result as merge(a, b) without copying a.
func mergeInto(a, b state) state { return mergeOwned(a, b, false) }

// mergeUnder merges a into b, which the caller owns, keeping a's labels
// first: the same result as merge(a, b) without copying a.
func mergeUnder(a, b state) state { return mergeOwned(b, a, true) }

// mergeOwned merges src into dst, which the caller owns, and returns dst;
// srcFirst puts src's labels first in each union.
func mergeOwned(dst, src state, srcFirst bool) state {
	if src == nil {
		return dst
	}
	for i, v := range src.vals {
		if v == nil {
			continue
		}
		var cur taint
		if i < len(dst.vals) {
			cur = dst.vals[i]
		}
		var u taint
		if srcFirst {
			u = union(v, cur)
		} else {
			u = union(cur, v)
		}
		if cur == nil || !sameTaint(u, cur) {
			dst.setSlot(i, u)
		}
	}
	return dst
}

// fnCtx is the analysis of one function.
type fnCtx struct {
	p        *project
	sc       *scratch
	f        *function
	m        *semantic.Model // the model of f's file
	sum      *summary
	ret      taint
	requests map[string]bool // names bound to a web request object
	out      fnResult
	deps     []string // may repeat; sorted and compacted at the end
	// reads and fieldReads: see fnResult.
	reads      []summaryRead
	fieldReads []fieldRead
	flow       *semantic.Flow
	// exits holds, per enclosing loop, the states that leave an if arm
	// with break or continue: they reach the code after the loop.
	exits []state
	// trail holds what an arm analysed in place replaced (armInPlace).
	trail []slotWas
	// probe: the analysis stops (stopped) once needsFlow holds.
	probe, stopped bool
}

// leaveLoop records the state of an if arm that ends in break or
// continue inside a loop.
func (c *fnCtx) leaveLoop(body []ast.Stmt, st state) {
	if len(c.exits) == 0 || len(body) == 0 {
		return
	}
	switch body[len(body)-1].(type) {
	case *ast.Break, *ast.Continue:
		i := len(c.exits) - 1
		if c.exits[i] == nil {
			c.exits[i] = st.copy()
		} else {
			c.exits[i] = mergeInto(c.exits[i], st)
		}
	}
}

// popExits ends a loop and returns the states its arms left it with.
func (c *fnCtx) popExits() state {
	i := len(c.exits) - 1
	out := c.exits[i]
	c.exits[i] = nil
	c.exits = c.exits[:i]
	return out
}

// analyze analyses a function. The constants of its body only ever remove
// taint, so they are worked out only for a function whose analysis without
// them reaches a sink, returns untrusted data or stores it in a field; once
// worked out they are kept for the later rounds. That first analysis stops
// as soon as it finds one of these: its result is not used then.
func (p *project) analyze(f *function, sc *scratch) fnResult {
	if f.flow == nil {
		r := p.analyzeWith(f, nil, true, sc)
		if len(r.hits) == 0 && len(r.sum.ToSink) == 0 && len(r.sum.Sources) == 0 && len(r.sum.ToField) == 0 && len(r.fields) == 0 {
			return r
		}
		f.flow = f.Unit.Model().FlowOf(f.Def, f.body())
	}
	return p.analyzeWith(f, f.flow, false, sc)
}

// needsFlow reports, during a probing analysis, that its result will
// reach a sink, return untrusted data or store it in a field: hits, sinks,
// fields and returned labels are only ever added.
func (c *fnCtx) needsFlow() bool {
	if len(c.out.hits) > 0 || len(c.sum.ToSink) > 0 || len(c.sum.ToField) > 0 || len(c.out.fields) > 0 {
		return true
	}
	for _, l := range c.ret {
		if l.Param < 0 {
			return true
		}
	}
	return false
}

func (p *project) analyzeWith(f *function, flow *semantic.Flow, probe bool, sc *scratch) fnResult {
	// The worker's context is reused: its lists keep their room, and what
	// the result keeps of them is copied out at the end.
	c := &sc.ctx
	*c = fnCtx{p: p, f: f, m: f.Unit.Model(), sum: &summary{}, flow: flow, probe: probe, sc: sc,
		deps: c.deps[:0], reads: c.reads[:0], fieldReads: c.fieldReads[:0], exits: c.exits[:0], trail: c.trail[:0]}
	c.out = fnResult{sum: c.sum}
	st := sc.newState(int(f.slots))
	// A view whose first parameter is the request gets the URL's
	// parameters in the others (Django, DRF, class-based views).
	viewParams := false
	web := p.webUnits[f.Unit]
	for i, a := range f.Params {
		if web && a.Arg == "request" && (i == 0 || (i == 1 && f.Class != "")) && !p.helpers[f.Key] {
			viewParams = true
		}
	}
	c.sum.ParamNames = f.paramNames
	for i, a := range f.Params {
		if i == 0 && f.Class != "" && (a.Arg == "self" || a.Arg == "cls") {
			continue
		}
		if ((a.Arg == "request" || a.Arg == "req") && (web || f.routeParams)) || isRequestAnnotation(f.Unit, a) {
			if c.requests == nil {
				c.requests = map[string]bool{}
			}
			c.requests[a.Arg] = true
			continue
		}
		loc := nodeLoc(f.Unit, a)
		// What is left empty: a parameter's label never reaches a
		// finding (callers put their own data in its place).
		st.set(a.Arg, taint{&label{Param: i, Loc: loc, Confidence: finding.HighConfidence}})
		if (f.routeParams || viewParams) && !isDependency(f.Def, a) && !convertedParam(f.Unit, f.Def, a) && !exceptionParam(f.Unit, a) && !p.converted[f.Key][a.Arg] {
			st.set(a.Arg, union(st.at(a.Arg), taint{&label{Param: -1, What: "route parameter " + a.Arg, Loc: loc, Confidence: finding.HighConfidence}}))
		}
	}
	if f.Def != nil && f.Def.Args != nil {
		for _, a := range []*ast.Arg{f.Def.Args.Vararg, f.Def.Args.Kwarg} {
			if a != nil {
				loc := nodeLoc(f.Unit, a)
				st.set(a.Arg, taint{&label{Param: len(f.Params), Loc: loc, Confidence: finding.HighConfidence}})
			}
		}
	}
	c.block(f.body(), st)
	f.slots = int32(sc.slots.n)
	for _, l := range c.ret {
		if l.Param >= 0 {
			// A kind is cleared for the return value only if every path
			// to it clears it.
			if prev, ok := c.sum.ToReturn[l.Param]; ok {
				c.sum.ToReturn[l.Param] = intersect(prev, l.Cleared)
			} else {
				if c.sum.ToReturn == nil {
					c.sum.ToReturn = map[int]map[Kind]bool{}
				}
				c.sum.ToReturn[l.Param] = l.Cleared
			}
		} else {
			c.sum.Sources = union(c.sum.Sources, taint{l})
		}
	}
	if len(c.sum.ToReturn) > 0 && htmlEscaper(f) {
		c.sum.ToReturn = clearedFor(c.sum.ToReturn, XSS)
	}
	sort.Strings(c.deps)
	c.out.deps = exact(slices.Compact(c.deps))
	c.out.reads, c.out.fieldReads = exact(c.reads), exact(c.fieldReads)
	clear(c.deps)
	clear(c.reads)
	clear(c.fieldReads)
	return c.out
}

// exact returns a copy of s without spare room (nil when s is empty).
func exact[S ~[]E, E any](s S) S {
	if len(s) == 0 {
		return nil
	}
	return append(make(S, 0, len(s)), s...)
}

func intersect(a, b map[Kind]bool) map[Kind]bool {
	out := map[Kind]bool{}
	for k := range a {
		if b[k] || b["all"] {
			out[k] = true
		}
	}
	if a["all"] {
		for k := range b {
			out[k] = true
		}
	}
	return out
}

// dep records that the function being analysed read a summary or class.
func (c *fnCtx) dep(key string) {
	if n := len(c.deps); n > 0 && c.deps[n-1] == key {
		return
	}
	c.deps = append(c.deps, key)
}

// webFrameworks are modules whose import marks a file as serving web
// requests, so that a `request` parameter is an incoming request.
var webFrameworks = []string{"django", "flask", "fastapi", "starlette", "rest_framework", "pyramid", "aiohttp",
	"tornado", "bottle", "falcon", "sanic", "quart", "litestar", "werkzeug", "ninja"}

func isWebModule(u *analysis.Unit) bool {
	for _, im := range u.Model().Imports {
		for _, w := range webFrameworks {
			if im.Module == w || strings.HasPrefix(im.Module, w+".") {
				return true
			}
		}
	}
	return false
}

func isRequestAnnotation(u *analysis.Unit, a *ast.Arg) bool {
	if a.Annotation == nil {
		return false
	}
	q := u.Model().QualifiedName(a.Annotation)
	return strings.HasSuffix(q, ".Request") || strings.HasSuffix(q, ".HttpRequest") || strings.HasSuffix(q, ".WSGIRequest")
}

// isDependency reports a FastAPI parameter filled by Depends(...).
func isDependency(fn *ast.FunctionDef, a *ast.Arg) bool {
	if fn == nil || fn.Args == nil {
		return false
	}
	all := append(append([]*ast.Arg{}, fn.Args.PosOnlyArgs...), fn.Args.Args...)
	for i, d := range fn.Args.Defaults {
		idx := len(all) - len(fn.Args.Defaults) + i
		if idx >= 0 && all[idx] == a {
			if c, ok := d.(*ast.Call); ok {
				if n, ok := c.Func.(*ast.Name); ok && (n.Id == "Depends" || n.Id == "Security") {
					return true
				}
			}
		}
	}
	return false
}

// scalarTypes are annotations a web framework converts a URL or query
// parameter to before the view runs (FastAPI and Django Ninja validate by
// annotation, Django's <int:…>/<uuid:…> converters produce them): such a
// value carries no text an attacker chose.
var scalarTypes = map[string]bool{
	"int": true, "float": true, "bool": true, "uuid.UUID": true, "decimal.Decimal": true,
	"datetime.date": true, "datetime.datetime": true, "datetime.time": true, "datetime.timedelta": true,
}

// routeConverter matches a Flask/Werkzeug route variable with a converter
// that admits only numbers or UUIDs: <int:id>, <float:x>, <uuid:key>.
var routeConverter = regexp.MustCompile(`<(?:int|float|uuid)(?:\([^)]*\))?:(\w+)>`)

// convertedParam reports a route parameter the framework has converted to
// a number, UUID, date or bool: by its annotation, or by the converter its
// route gives it.
func convertedParam(u *analysis.Unit, fn *ast.FunctionDef, a *ast.Arg) bool {
	if a.Annotation != nil {
		ann := a.Annotation
		if s, ok := ann.(*ast.Subscript); ok && u.Model().QualifiedName(s.Value) == "typing.Optional" {
			ann = s.Slice
		}
		if scalarTypes[u.Model().QualifiedName(ann)] {
			return true
		}
	}
	if fn == nil {
		return false
	}
	for _, d := range fn.DecoratorList {
		c, ok := d.(*ast.Call)
		if !ok || len(c.Args) == 0 {
			continue
		}
		if route, ok := analysis.ConstString(u.Model(), c.Args[0]); ok {
			for _, m := range routeConverter.FindAllStringSubmatch(route, -1) {
				if m[1] == a.Arg {
					return true
				}
			}
		}
	}
	return false
}

// exceptionParam reports the exception parameter of an error handler
// (Django's handler404(request, exception), Django Ninja's and FastAPI's
// exception handlers): it is the server's own exception, not part of the
// URL.
func exceptionParam(u *analysis.Unit, a *ast.Arg) bool {
	switch a.Arg {
	case "exc", "exception", "error", "err":
		return true
	}
	if a.Annotation == nil {
		return false
	}
	isExc := func(e ast.Expr) bool {
		q := u.Model().QualifiedName(e)
		return strings.HasSuffix(q, "Error") || strings.HasSuffix(q, "Exception")
	}
	if b, ok := a.Annotation.(*ast.BinOp); ok && b.Op == ast.BitOr {
		return isExc(b.Left) || isExc(b.Right)
	}
	return isExc(a.Annotation)
}

// pureBody reports a body of one statement that cannot change the state:
// pass, break, continue, or a return or raise of an expression without
// calls, assignments or comprehensions.
func pureBody(body []ast.Stmt) bool {
	if len(body) != 1 {
		return false
	}
	switch s := body[0].(type) {
	case *ast.Pass, *ast.Break, *ast.Continue:
		return true
	case *ast.Return:
		return s.Value == nil || pureExpr(s.Value)
	case *ast.Raise:
		return (s.Exc == nil || pureExpr(s.Exc)) && (s.Cause == nil || pureExpr(s.Cause))
	}
	return false
}

// pureExpr reports an expression whose evaluation cannot change the state.
func pureExpr(e ast.Expr) bool {
	switch x := e.(type) {
	case *ast.Name, *ast.Constant:
		return true
	case *ast.Attribute:
		return pureExpr(x.Value)
	case *ast.Subscript:
		return pureExpr(x.Value) && pureExpr(x.Slice)
	case *ast.BinOp:
		return pureExpr(x.Left) && pureExpr(x.Right)
	case *ast.UnaryOp:
		return pureExpr(x.Operand)
	case *ast.BoolOp:
		return pureExprs(x.Values)
	case *ast.Compare:
		return pureExpr(x.Left) && pureExprs(x.Comparators)
	case *ast.IfExp:
		return pureExpr(x.Test) && pureExpr(x.Body) && pureExpr(x.Orelse)
	case *ast.Tuple:
		return pureExprs(x.Elts)
	case *ast.List:
		return pureExprs(x.Elts)
	case *ast.JoinedStr:
		return pureExprs(x.Values)
	case *ast.FormattedValue:
		return x.FormatSpec == nil && pureExpr(x.Value)
	}
	return false
}

func pureExprs(list []ast.Expr) bool {
	for _, e := range list {
		if !pureExpr(e) {
			return false
		}
	}
	return true
}

func (c *fnCtx) block(body []ast.Stmt, st state) state {
	for _, s := range body {
		if c.stopped {
			return st
		}
		if !c.flow.Reached(s) {
			continue // no path runs it
		}
		st = c.stmt(s, st)
		if c.probe && c.needsFlow() {
			c.stopped = true
		}
	}
	return st
}

func (c *fnCtx) stmt(s ast.Stmt, st state) state {
	switch s := s.(type) {
	case *ast.Assign:
		t := c.expr(s.Value, st)
		for _, target := range s.Targets {
			c.bind(target, t, st, true)
		}
	case *ast.AnnAssign:
		if s.Value != nil {
			c.bind(s.Target, c.expr(s.Value, st), st, true)
		}
	case *ast.AugAssign:
		t := c.expr(s.Value, st)
		c.bind(s.Target, union(c.expr(s.Target, st), t), st, true)
	case *ast.ExprStmt:
		c.expr(s.Value, st)
	case *ast.Return:
		if s.Value != nil {
			t := c.expr(s.Value, st)
			if len(t) > 0 && fixedOrigin(c.m, s.Value, 0) {
				// A URL whose start the function fixes stays on that site
				// wherever the caller redirects to it.
				t = t.clearAll([]Kind{Redirect})
			}
			c.ret = union(c.ret, t)
			c.returnSink(s, st)
		}
	case *ast.If:
		c.expr(s.Test, st)
		// A test that is constant where it stands runs one side only.
		if v, ok := c.flow.Value(s.Test); ok {
			live := s.Body
			if !v.Truthy() {
				live = s.Orelse
			}
			st = c.block(live, st)
			c.leaveLoop(live, st)
			return st
		}
		guarded, negated, kinds := c.guard(s.Test)
		// An arm of one statement that cannot change the state, with no
		// else and no guard to apply, runs on the state itself.
		if _, boolOp := s.Test.(*ast.BoolOp); guarded == "" && !boolOp && len(s.Orelse) == 0 && pureBody(s.Body) {
			c.block(s.Body, st)
			c.leaveLoop(s.Body, st)
			return st
		}
		// An arm of simple statements with no else and no guard that
		// holds after the if runs on the state itself, keeping what it
		// overwrites: no copy of the state.
		if _, boolOp := s.Test.(*ast.BoolOp); !boolOp && len(s.Orelse) == 0 && (guarded == "" || !negated) && simpleBody(s.Body) {
			return c.armInPlace(s.Body, st, guarded, kinds)
		}
		// The caller hands st over: the else arm may change it in place.
		bodySt := st.copy()
		elseSt := st
		if guarded != "" {
			if negated {
				elseSt.set(guarded, elseSt.at(guarded).clearAll(kinds))
			} else {
				bodySt.set(guarded, bodySt.at(guarded).clearAll(kinds))
			}
		}
		// `if A or B: return` leaves the rest of the function to the
		// values for which neither A nor B holds: each negated guard among
		// them holds there (and `if A and B:` enters its body only where
		// both hold).
		if b, ok := s.Test.(*ast.BoolOp); ok {
			for _, v := range b.Values {
				name, neg, ks := c.guard(v)
				switch {
				case name == "":
				case b.Op == ast.Or && neg:
					elseSt.set(name, elseSt.at(name).clearAll(ks))
				case b.Op == ast.And && !neg:
					bodySt.set(name, bodySt.at(name).clearAll(ks))
				}
			}
			if name := analysis.LiteralCheck(b); name != "" && analysis.Leaves(s.Body) {
				elseSt.set(name, elseSt.at(name).clearAll(codeKinds))
			}
		}
		bodySt = c.block(s.Body, bodySt)
		elseSt = c.block(s.Orelse, elseSt)
		c.leaveLoop(s.Body, bodySt)
		c.leaveLoop(s.Orelse, elseSt)
		switch {
		case analysis.Leaves(s.Body) && !analysis.Leaves(s.Orelse):
			return elseSt
		case analysis.Leaves(s.Orelse) && !analysis.Leaves(s.Body):
			return bodySt
		}
		return mergeInto(bodySt, elseSt)
	case *ast.For:
		it := c.expr(s.Iter, st).asElement().read("__iter__")
		c.bind(s.Target, it, st, true)
		c.exits = append(c.exits, nil)
		loop := c.block(s.Body, st.copy())
		loop = c.block(s.Body, mergeUnder(st, loop))
		st = mergeInto(mergeInto(st, loop), c.popExits())
		return c.block(s.Orelse, st)
	case *ast.While:
		c.expr(s.Test, st)
		c.exits = append(c.exits, nil)
		loop := c.block(s.Body, st.copy())
		loop = c.block(s.Body, mergeUnder(st, loop))
		st = mergeInto(mergeInto(st, loop), c.popExits())
		return c.block(s.Orelse, st)
	case *ast.With:
		for _, it := range s.Items {
			t := c.expr(it.ContextExpr, st)
			if it.OptionalVars != nil {
				c.bind(it.OptionalVars, t, st, true)
			}
		}
		return c.block(s.Body, st)
	case *ast.Try:
		after := c.block(s.Body, st.copy())
		handlers := make([]state, len(s.Handlers))
		for i, h := range s.Handlers {
			handlers[i] = c.block(h.Body, merge(st, after))
		}
		out := after
		for i, h := range handlers {
			// A handler that returns does not go on; one that breaks out
			// of a loop or continues it reaches the code after the loop.
			c.leaveLoop(s.Handlers[i].Body, h)
			if !analysis.Leaves(s.Handlers[i].Body) {
				out = mergeInto(out, h)
			}
		}
		out = c.block(s.Orelse, out)
		return c.block(s.Finalbody, out)
	case *ast.Match:
		t := c.expr(s.Subject, st)
		var out state
		cases := s.Cases
		if i := c.flow.MatchCase(s); i >= 0 {
			cases = cases[i : i+1]
		}
		for _, mc := range cases {
			cs := st.copy()
			ast.Inspect(mc.Pattern, func(n ast.Node) bool {
				switch n := n.(type) {
				case *ast.MatchAs:
					if n.Name != "" {
						cs.set(n.Name, t)
					}
				case *ast.MatchStar:
					if n.Name != "" {
						cs.set(n.Name, t)
					}
				}
				return true
			})
			cs = c.block(mc.Body, cs)
			if out == nil {
				out = cs
			} else {
				out = mergeInto(out, cs)
			}
		}
		if len(cases) == 1 && len(s.Cases) > 1 && out != nil {
			return out // the only case that runs
		}
		if out != nil {
			return mergeInto(st, out)
		}
	case *ast.Raise:
		if s.Exc != nil {
			c.expr(s.Exc, st)
		}
	case *ast.Assert:
		c.expr(s.Test, st)
	case *ast.Delete:
		for _, t := range s.Targets {
			if n, ok := t.(*ast.Name); ok {
				st.del(n.Id)
			}
		}
	}
	return st
}

// simpleBody reports a body without compound statements: its analysis
// goes on in the state it was given.
func simpleBody(body []ast.Stmt) bool {
	for _, s := range body {
		switch s.(type) {
		case *ast.Assign, *ast.AnnAssign, *ast.AugAssign, *ast.ExprStmt, *ast.Return, *ast.Raise,
			*ast.Assert, *ast.Delete, *ast.Pass, *ast.Break, *ast.Continue:
		default:
			return false
		}
	}
	return true
}

// armInPlace analyses the arm of an if without else (see stmt) on st
// itself, which the caller hands over, recording the values it replaces;
// guarded (if not "") is cleared for kinds in the arm. It returns what
// the two ways through the if leave, as the copying analysis would.
func (c *fnCtx) armInPlace(body []ast.Stmt, st state, guarded string, kinds []Kind) state {
	c.trail = c.trail[:0]
	st.trail = &c.trail
	if guarded != "" {
		st.set(guarded, st.at(guarded).clearAll(kinds))
	}
	after := c.block(body, st)
	st.trail = nil
	c.leaveLoop(body, after)
	leaves := analysis.Leaves(body)
	if after != st || leaves {
		// Put st back as it was before the arm.
		st.own()
		for _, w := range c.trail {
			st.vals[w.slot] = w.was
		}
		clear(c.trail)
		if leaves {
			return st
		}
		return mergeInto(after, st)
	}
	// mergeInto(after, before): only the replaced values differ.
	for _, w := range c.trail {
		if w.was == nil {
			continue
		}
		cur := st.vals[w.slot]
		if u := union(cur, w.was); cur == nil || !sameTaint(u, cur) {
			st.setSlot(w.slot, u)
		}
	}
	clear(c.trail)
	return st
}

// guard recognises `x in ALLOWED`, `x not in ALLOWED`, isinstance(x, ...),
// re.fullmatch(..., x) and the spec's guard functions; it returns the
// guarded name, whether the test is negated (the name is safe when the
// test is false) and the kinds of sink the name is safe for.
func (c *fnCtx) guard(test ast.Expr) (string, bool, []Kind) {
	negated := false
	if u, ok := test.(*ast.UnaryOp); ok && u.Op == ast.Not {
		test, negated = u.Operand, true
	}
	switch t := test.(type) {
	case *ast.Name:
		// ok = url_has_allowed_host_and_scheme(url, ...) then `if ok:`.
		if name, neg, kinds := c.storedGuard(t); name != "" {
			return name, negated != neg, kinds
		}
	case *ast.Compare:
		if len(t.Ops) == 1 {
			// urlparse(url).netloc in ALLOWED: url goes to an allowed host.
			if name := c.parsedURL(t.Left); name != "" {
				_, isConst := t.Comparators[0].(*ast.Constant)
				switch op := t.Ops[0]; {
				case op == ast.In || op == ast.NotIn:
					return name, negated != (op == ast.NotIn), urlKinds
				case (op == ast.Eq || op == ast.NotEq) && isConst:
					return name, negated != (op == ast.NotEq), urlKinds
				}
			}
		}
		n, ok := t.Left.(*ast.Name)
		if !ok || len(t.Ops) != 1 {
			return "", false, nil
		}
		switch t.Ops[0] {
		case ast.In:
			return n.Id, negated, allKinds
		case ast.NotIn:
			return n.Id, !negated, allKinds
		case ast.Eq:
			if _, isConst := t.Comparators[0].(*ast.Constant); isConst {
				return n.Id, negated, allKinds
			}
		}
	case *ast.Call:
		q := c.m.QualifiedName(t.Func)
		var arg ast.Expr
		switch q {
		case "isinstance":
			arg = analysis.Arg(t, 0, "")
		case "re.fullmatch", "re.match":
			arg = analysis.Arg(t, 1, "string")
		default:
			if a, ok := t.Func.(*ast.Attribute); ok && (a.Attr == "fullmatch" || a.Attr == "isdigit" || a.Attr == "isalnum" || a.Attr == "isidentifier") {
				if a.Attr == "fullmatch" {
					arg = analysis.Arg(t, 0, "string")
				} else {
					arg = a.Value
				}
			}
		}
		// str(p).startswith(base) or p.is_relative_to(base) on a resolved
		// path: the path stays under base.
		if a, ok := t.Func.(*ast.Attribute); ok && (a.Attr == "startswith" || a.Attr == "is_relative_to") && len(t.Args) == 1 {
			if name := c.resolvedPath(a.Value); name != "" {
				return name, negated, pathKinds
			}
		}
		kinds := allKinds
		if g, ok := c.p.spec.guards[q]; ok {
			arg, kinds = analysis.Arg(t, g.Arg, g.Keyword), g.kinds
		}
		if n, ok := arg.(*ast.Name); ok {
			return n.Id, negated, kinds
		}
	}
	return "", false, nil
}

var (
	allKinds  = []Kind{"all"}
	urlKinds  = []Kind{Redirect, SSRF}
	pathKinds = []Kind{Path}
)

// parsedURL returns the name a host test checks: x in
// urlparse(x).netloc or u.hostname with u bound only to urlparse(x) or
// urlsplit(x).
func (c *fnCtx) parsedURL(e ast.Expr) string {
	a, ok := e.(*ast.Attribute)
	if !ok || (a.Attr != "netloc" && a.Attr != "hostname") {
		return ""
	}
	m := c.m
	parse := a.Value
	if n, ok := parse.(*ast.Name); ok {
		bs := m.Lookup(n.Id, n.Pos())
		if len(bs) != 1 || bs[0].Value == nil {
			return ""
		}
		parse = bs[0].Value
	}
	call, ok := parse.(*ast.Call)
	if !ok || len(call.Args) == 0 {
		return ""
	}
	switch m.QualifiedName(call.Func) {
	case "urllib.parse.urlparse", "urllib.parse.urlsplit", "urlparse.urlparse", "urlparse.urlsplit":
		if n, ok := call.Args[0].(*ast.Name); ok {
			return n.Id
		}
	}
	return ""
}

// resolvedPath returns the name of a path made absolute and free of ..
// (Path.resolve(), os.path.realpath/abspath/normpath) that e reads, also
// through str(); "" otherwise.
func (c *fnCtx) resolvedPath(e ast.Expr) string {
	m := c.m
	if call, ok := e.(*ast.Call); ok && m.QualifiedName(call.Func) == "str" && len(call.Args) == 1 {
		e = call.Args[0]
	}
	n, ok := e.(*ast.Name)
	if !ok {
		return ""
	}
	bs := m.Lookup(n.Id, n.Pos())
	for _, b := range bs {
		call, ok := b.Value.(*ast.Call)
		if !ok {
			return ""
		}
		switch m.QualifiedName(call.Func) {
		case "os.path.realpath", "os.path.abspath", "os.path.normpath", "posixpath.realpath", "posixpath.abspath", "posixpath.normpath":
			continue
		}
		if a, ok := call.Func.(*ast.Attribute); ok && a.Attr == "resolve" {
			continue
		}
		return ""
	}
	if len(bs) == 0 {
		return ""
	}
	return n.Id
}

var codeKinds = []Kind{Code}

// quotedKinds are the sinks whose string literals have no escape
// character, so text without the quote cannot leave a quoted literal.
var quotedKinds = []Kind{XPath}

// quotedLiteral reports an f-string field that stands inside a quoted
// literal and has the quote taken out: f"[@id='{v.replace("'", "&apos;")}']".
func quotedLiteral(parts []ast.Expr, i int) bool {
	fv, ok := parts[i].(*ast.FormattedValue)
	if !ok || i == 0 || i+1 >= len(parts) || (fv.Conversion != -1 && fv.Conversion != 's') || fv.FormatSpec != nil {
		return false
	}
	before, ok1 := parts[i-1].(*ast.Constant)
	after, ok2 := parts[i+1].(*ast.Constant)
	if !ok1 || !ok2 || before.Str == "" || after.Str == "" {
		return false
	}
	q := before.Str[len(before.Str)-1]
	if (q != '\'' && q != '"') || after.Str[0] != q {
		return false
	}
	call, ok := fv.Value.(*ast.Call)
	if !ok || len(call.Args) != 2 || len(call.Keywords) != 0 {
		return false
	}
	if a, ok := call.Func.(*ast.Attribute); !ok || a.Attr != "replace" {
		return false
	}
	old, ok1 := call.Args[0].(*ast.Constant)
	repl, ok2 := call.Args[1].(*ast.Constant)
	return ok1 && ok2 && old.Kind == ast.StrConst && repl.Kind == ast.StrConst &&
		old.Str == string(q) && !strings.ContainsRune(repl.Str, rune(q))
}

// bind assigns taint to a target.
func (c *fnCtx) bind(target ast.Expr, t taint, st state, strong bool) {
	switch x := target.(type) {
	case *ast.Name:
		if strong {
			st.set(x.Id, t)
		} else {
			st.set(x.Id, union(st.at(x.Id), t))
		}
		if c.f.Def == nil && len(t) == 0 {
			st.del(x.Id)
		}
	case *ast.Tuple:
		for _, e := range x.Elts {
			c.bind(e, t, st, strong)
		}
	case *ast.List:
		for _, e := range x.Elts {
			c.bind(e, t, st, strong)
		}
	case *ast.Starred:
		c.bind(x.Value, t, st, strong)
	case *ast.Attribute:
		if n, ok := x.Value.(*ast.Name); ok && n.Id == "self" && c.f.Class != "" {
			key := c.f.Class
			// Real sources travel through fields; a parameter stored in a
			// field goes into the summary, and callers store what they pass.
			var real taint
			for _, l := range t {
				if l.Param < 0 {
					real = append(real, l)
				} else {
					c.sum.addField(l.Param, fieldRef{Class: key, Attr: x.Attr, Cleared: l.Cleared})
				}
			}
			c.storeField(key, x.Attr, real)
			st.setField(x.Attr, t)
			return
		}
		if n, ok := x.Value.(*ast.Name); ok {
			st.set(n.Id, union(st.at(n.Id), t))
		}
	case *ast.Subscript:
		c.storeSinks(x, t, c.expr(x.Slice, st))
		if n, ok := x.Value.(*ast.Name); ok {
			st.set(n.Id, union(st.at(n.Id), t))
		}
	}
}

func (c *fnCtx) loc(n ast.Node) finding.Location {
	return nodeLoc(c.f.Unit, n)
}

func (c *fnCtx) source(n ast.Node, what string, conf finding.Confidence) taint {
	loc := c.loc(n)
	return taint{&label{Param: -1, What: what, Loc: loc, Confidence: conf,
		Steps: []finding.Step{{Location: loc, Message: "untrusted data enters here: " + what}}}}
}

// isRequest reports an expression naming a web request object.
func (c *fnCtx) isRequest(e ast.Expr) bool {
	switch e := e.(type) {
	case *ast.Name:
		return c.requests[e.Id]
	case *ast.Attribute:
		if n, ok := e.Value.(*ast.Name); ok && n.Id == "self" && e.Attr == "request" {
			return true
		}
	}
	return false
}

func (c *fnCtx) expr(e ast.Expr, st state) taint {
	if e == nil {
		return nil
	}
	// A value the flow analysis knows is built from constants only.
	if _, walrus := e.(*ast.NamedExpr); !walrus && c.flow.Known(e) {
		return nil
	}
	m := c.m
	switch x := e.(type) {
	case *ast.Name:
		if t, ok := st.get(x.Id); ok {
			return t
		}
		if q := m.QualifiedName(x); q != "" {
			if src, ok := c.p.spec.sources[q]; ok && q != "input" && q != "os.getenv" {
				return c.specSource(x, src)
			}
		}
		return nil
	case *ast.Attribute:
		q := m.QualifiedName(x)
		if src, ok := c.p.spec.sources[q]; ok {
			return c.specSource(x, src)
		}
		if c.isRequest(x.Value) && c.p.spec.requestAt[x.Attr] {
			t := c.source(x, "request."+x.Attr, finding.HighConfidence)
			if x.Attr == "path" || x.Attr == "path_info" {
				t[0].Class = RequestPath
			}
			return t
		}
		if n, ok := x.Value.(*ast.Name); ok && n.Id == "self" && c.f.Class != "" {
			if t := c.handlerSource(x); t != nil {
				return t
			}
			t := st.field(x.Attr)
			c.dep(c.f.classDep)
			if fields := c.p.classFields[c.f.Class]; fields != nil {
				t = union(t, fields[x.Attr])
			}
			c.fieldReads = append(c.fieldReads, fieldRead{class: c.f.Class, attr: x.Attr, n: len(c.p.classFields[c.f.Class][x.Attr])})
			return t
		}
		return c.expr(x.Value, st).read(x.Attr)
	case *ast.Subscript:
		c.expr(x.Slice, st)
		t := c.expr(x.Value, st).asElement()
		if len(t) > 0 {
			t = c.refererRead(x, t)
		}
		return t
	case *ast.Call:
		t := c.call(x, st)
		if len(t) > 0 {
			t = c.refererRead(x, t)
		}
		return t
	case *ast.BinOp:
		return c.concat(x, st)
	case *ast.BoolOp:
		var t taint
		for _, v := range x.Values {
			t = union(t, c.expr(v, st))
		}
		return t
	case *ast.IfExp:
		c.expr(x.Test, st)
		if v, ok := c.flow.Value(x.Test); ok {
			if v.Truthy() {
				return c.expr(x.Body, st)
			}
			return c.expr(x.Orelse, st)
		}
		// `url if ok else ""`: a guard holds in the arm it chooses.
		if name, neg, kinds := c.guard(x.Test); name != "" {
			guarded := st.copy()
			guarded.set(name, guarded.at(name).clearAll(kinds))
			if neg {
				return union(c.expr(x.Body, st), c.expr(x.Orelse, guarded))
			}
			return union(c.expr(x.Body, guarded), c.expr(x.Orelse, st))
		}
		return union(c.expr(x.Body, st), c.expr(x.Orelse, st))
	case *ast.JoinedStr:
		var t taint
		query := false // a '?' or '#' follows a start no untrusted data chose
		for i, v := range x.Values {
			vt := c.expr(v, st)
			if len(vt) > 0 && (quotedLiteral(x.Values, i) || c.quoteFreeField(x.Values, i)) {
				vt = vt.clearAll(quotedKinds)
			}
			if query {
				vt = vt.clearAll(queryKinds)
			}
			t = union(t, vt)
			if k, ok := v.(*ast.Constant); ok && k.Kind == ast.StrConst && strings.ContainsAny(k.Str, "?#") && len(t.reaching(Redirect)) == 0 {
				query = true
			}
		}
		return t
	case *ast.FormattedValue:
		return c.expr(x.Value, st)
	case *ast.TemplateStr:
		var t taint
		for _, v := range x.Values {
			t = union(t, c.expr(v, st))
		}
		return t
	case *ast.Interpolation:
		return c.expr(x.Value, st)
	case *ast.List:
		return c.sequence(x.Elts, st)
	case *ast.Tuple:
		return c.sequence(x.Elts, st)
	case *ast.Set:
		return c.exprs(x.Elts, st)
	case *ast.Dict:
		for _, k := range x.Keys {
			c.expr(k, st)
		}
		return c.exprs(x.Values, st)
	case *ast.Starred:
		return c.expr(x.Value, st)
	case *ast.Await:
		return c.expr(x.Value, st)
	case *ast.NamedExpr:
		t := c.expr(x.Value, st)
		c.bind(x.Target, t, st, true)
		return t
	case *ast.ListComp:
		return c.comprehension(x.Generators, []ast.Expr{x.Elt}, st)
	case *ast.SetComp:
		return c.comprehension(x.Generators, []ast.Expr{x.Elt}, st)
	case *ast.GeneratorExp:
		return c.comprehension(x.Generators, []ast.Expr{x.Elt}, st)
	case *ast.DictComp:
		return c.comprehension(x.Generators, []ast.Expr{x.Key, x.Value}, st)
	case *ast.Compare:
		c.expr(x.Left, st)
		c.exprs(x.Comparators, st)
		return nil
	case *ast.UnaryOp:
		t := c.expr(x.Operand, st)
		if x.Op == ast.Not {
			return nil
		}
		return t
	case *ast.Slice:
		return union(union(c.expr(x.Lower, st), c.expr(x.Upper, st)), c.expr(x.Step, st))
	case *ast.Yield:
		// What a generator yields is what iterating its call gives.
		t := c.expr(x.Value, st)
		c.ret = union(c.ret, t)
		return t
	case *ast.YieldFrom:
		c.ret = union(c.ret, c.expr(x.Value, st))
		return nil
	}
	return nil
}

func (c *fnCtx) exprs(list []ast.Expr, st state) taint {
	var t taint
	for _, e := range list {
		t = union(t, c.expr(e, st))
	}
	return t
}

func (c *fnCtx) comprehension(gens []*ast.Comprehension, elts []ast.Expr, st state) taint {
	// The loop variables live in the comprehension's own scope: bind them
	// in st and put back what they shadowed afterwards, instead of
	// copying the state for every comprehension.
	type saved struct {
		name string
		t    taint
		had  bool
	}
	var shadowed []saved
	plain := true
	for _, g := range gens {
		for _, n := range targetNames(g.Target, &plain) {
			t, had := st.get(n)
			shadowed = append(shadowed, saved{n, t, had})
		}
	}
	cs := st
	if !plain {
		cs = st.copy()
	}
	for _, g := range gens {
		c.bind(g.Target, c.expr(g.Iter, cs).asElement().read("__iter__"), cs, true)
		for _, cond := range g.Ifs {
			c.expr(cond, cs)
		}
	}
	out := c.exprs(elts, cs)
	if plain {
		for i := len(shadowed) - 1; i >= 0; i-- {
			if s := shadowed[i]; s.had {
				st.set(s.name, s.t)
			} else {
				st.del(s.name)
			}
		}
	}
	return out
}

// targetNames lists the names a for-target binds; plain is cleared when the
// target also stores into something other than a name.
func targetNames(t ast.Expr, plain *bool) []string {
	switch t := t.(type) {
	case *ast.Name:
		return []string{t.Id}
	case *ast.Tuple:
		var out []string
		for _, e := range t.Elts {
			out = append(out, targetNames(e, plain)...)
		}
		return out
	case *ast.List:
		var out []string
		for _, e := range t.Elts {
			out = append(out, targetNames(e, plain)...)
		}
		return out
	case *ast.Starred:
		return targetNames(t.Value, plain)
	}
	*plain = false
	return nil
}

// nodeLoc is a node's location (without the snippet a finding carries).
func nodeLoc(u *analysis.Unit, n ast.Node) finding.Location {
	loc := finding.Location{Path: u.Path}
	if f := u.File(); f != nil {
		loc.Line = f.Line(n.Pos())
		loc.Column = f.CharColumn(n.Pos())
		loc.EndLine = f.Line(n.End())
		loc.EndColumn = f.CharColumn(n.End())
	}
	return loc
}
