// Package analysis runs rules over parsed Python files. A Rule carries its
// documentation and its matching code; a Pass gives a rule one file with its
// semantic model and an index of its calls, and turns reports into
// findings with exact locations.
package analysis

import (
	"bytes"
	"context"
	"fmt"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/python/token"
	"github.com/snakeguard/snakeguard/internal/semantic"
)

// Rule is one check: its documentation and its code. Run is called once
// per file; RunProject, for rules that need every file at once, once per
// scan. A rule sets one of them.
type Rule struct {
	Doc        finding.RuleDoc
	Run        func(*Pass)
	RunProject func(*ProjectPass)
	// Interprocedural marks a project rule that follows data through the
	// whole program's functions: a scan that runs one keeps its summaries
	// and working state next to the trees, and budgets memory for them.
	Interprocedural bool
	// Keeps, for a project rule, says which units' trees a scan keeps in
	// memory for it after the per-file rules; nil keeps every unit's
	// tree. A tree that is not kept is parsed again when the rule reads
	// it, so Keeps costs or saves time and memory, never findings.
	Keeps func(*Unit) bool
}

// Unit is one parsed file ready for analysis.
//
// A driver that holds many units while it waits for the project rules can
// Drop a unit's tree and semantic model once the per-file rules are done
// with it: Parse and Model then parse the unit's source again the first
// time a project rule asks for them, so dropping a tree costs time when it
// is needed after all, never a finding.
type Unit struct {
	Path   string // slash-separated, relative to the scan root
	Module string // dotted module name, "" when unknown

	file *token.File // kept when the tree is dropped

	loadMu  sync.Mutex
	parse   *parser.Result
	model   *semantic.Model
	raw     []byte // the bytes the tree was parsed from, while it is dropped
	imports []semantic.Import
	dynamic bool          // calls importlib.import_module or __import__
	reloads *atomic.Int64 // counts trees parsed again, when set

	callsMu sync.Mutex
	calls   []CallSite
	callsOK bool

	nodesMu  sync.Mutex
	nodes    []ast.Node
	released bool        // the per-file rules are done: build lists, keep none
	buf      *NodeBuffer // storage lent for the node list until ReleaseNodes
}

// NodeBuffer is storage for node lists that a driver reading files one
// after another lends to each unit in turn (LendNodeBuffer), so that the
// lists of all its files take one allocation instead of one each.
type NodeBuffer struct {
	nodes []ast.Node
}

// LendNodeBuffer makes Nodes build the unit's list in b until ReleaseNodes.
// b must not be lent to another unit before then.
func (u *Unit) LendNodeBuffer(b *NodeBuffer) {
	u.nodesMu.Lock()
	if !u.released && u.nodes == nil {
		u.buf = b
	}
	u.nodesMu.Unlock()
}

// NewUnit builds the semantic model of a parsed file.
func NewUnit(path, module string, res *parser.Result) *Unit {
	return &Unit{Path: path, Module: module, parse: res, file: res.File, model: semantic.Build(res.Module, res.File, module)}
}

// File is the unit's source file (nil if it could not be decoded). It is
// kept when the tree is dropped.
func (u *Unit) File() *token.File { return u.file }

// Parse is the parse result of the unit's file, parsed again if the tree
// was dropped.
func (u *Unit) Parse() *parser.Result {
	u.loadMu.Lock()
	defer u.loadMu.Unlock()
	u.load()
	return u.parse
}

// Model is the semantic model of the unit's file, built again if the tree
// was dropped.
func (u *Unit) Model() *semantic.Model {
	u.loadMu.Lock()
	defer u.loadMu.Unlock()
	u.load()
	return u.model
}

// Imports lists the file's imports (the semantic model's Imports). It
// stays available, without parsing again, when the tree is dropped.
func (u *Unit) Imports() []semantic.Import {
	u.loadMu.Lock()
	defer u.loadMu.Unlock()
	if u.model != nil {
		return u.model.Imports
	}
	return u.imports
}

// Drop lets the unit's tree, semantic model and call list be collected;
// raw is the source the tree was parsed from (the file's bytes before
// decoding). reloads, if not nil, counts the trees parsed again later.
func (u *Unit) Drop(raw []byte, reloads *atomic.Int64) {
	if u.File() == nil || u.Dropped() {
		return
	}
	dynamic := u.callsDynamicImport()
	u.loadMu.Lock()
	u.imports = u.model.Imports
	u.dynamic = dynamic
	u.raw = raw
	u.reloads = reloads
	u.parse, u.model = nil, nil
	u.loadMu.Unlock()
	u.callsMu.Lock()
	u.calls, u.callsOK = nil, false
	u.callsMu.Unlock()
	u.nodesMu.Lock()
	u.nodes, u.buf = nil, nil
	u.nodesMu.Unlock()
}

// Dropped reports whether the unit's tree is dropped and not parsed again.
func (u *Unit) Dropped() bool {
	u.loadMu.Lock()
	defer u.loadMu.Unlock()
	return u.parse == nil
}

// load parses a dropped unit again; loadMu is held.
func (u *Unit) load() {
	if u.parse != nil {
		return
	}
	res := parser.ParseFile(u.Path, u.raw)
	if res.File == nil {
		// The bytes decoded the first time; keep the first file so
		// offsets stay valid, with an empty tree.
		res = &parser.Result{File: u.file, Module: &ast.Module{}}
	}
	u.parse = res
	u.model = semantic.Build(res.Module, res.File, u.Module)
	u.file = res.File
	u.raw, u.imports = nil, nil
	if u.reloads != nil {
		u.reloads.Add(1)
	}
}

// ImportsUnder reports whether names of module's namespace can occur in
// the file: it imports module or anything under it (`import module.x`,
// `from module import y`), or it has a star import or an
// importlib.import_module/__import__ call, which may bring any module in.
// Rules use it to skip files cheaply.
func (u *Unit) ImportsUnder(module string) bool {
	for _, im := range u.Imports() {
		if im.Module == module || strings.HasPrefix(im.Module, module+".") || im.Alias.Name == "*" {
			return true
		}
	}
	u.loadMu.Lock()
	dropped, dynamic := u.parse == nil, u.dynamic
	u.loadMu.Unlock()
	if dropped {
		return dynamic
	}
	return u.callsDynamicImport()
}

func (u *Unit) callsDynamicImport() bool {
	for _, cs := range u.Calls() {
		if cs.Name == "importlib.import_module" || cs.Name == "__import__" {
			return true
		}
	}
	return false
}

// Mentions says whether the unit's source contains one of words. A
// qualified name a unit resolves comes from what its source spells, so a
// unit that mentions neither a name's package nor its last part cannot
// refer to it: project rules use Mentions to skip units without reading
// their trees, which a scan may have dropped.
func (u *Unit) Mentions(words ...string) bool {
	f := u.File()
	if f == nil {
		return false
	}
	for _, w := range words {
		if bytes.Contains(f.Src, []byte(w)) {
			return true
		}
	}
	return false
}

// MayName says whether qualified names under the package pkg can occur in
// the unit: it is a module of pkg, whose own definitions are named under
// pkg, or it imports from pkg, star-imports or imports by name at run time
// (ImportsUnder), the only other ways a name gets its package. It reads
// the import list, which a dropped unit keeps, not the text.
func (u *Unit) MayName(pkg string) bool {
	return u.Module == pkg || strings.HasPrefix(u.Module, pkg+".") || u.ImportsUnder(pkg)
}

// CallSite is one call with the qualified name of what it calls.
type CallSite struct {
	Call *ast.Call
	Name string // qualified name of the callee, "" when unknown
}

// Calls lists every call of the file in source order, computed once (and
// once more if the tree is dropped and parsed again).
func (u *Unit) Calls() []CallSite {
	u.callsMu.Lock()
	defer u.callsMu.Unlock()
	if u.callsOK {
		return u.calls
	}
	nodes := u.Nodes()
	m := u.Model()
	n := 0
	for _, x := range nodes {
		if _, ok := x.(*ast.Call); ok {
			n++
		}
	}
	calls := make([]CallSite, 0, n) // kept for the project rules: no spare room
	for _, n := range nodes {
		if c, ok := n.(*ast.Call); ok {
			calls = append(calls, CallSite{Call: c, Name: m.QualifiedName(c.Func)})
		}
	}
	u.calls, u.callsOK = calls, true
	return u.calls
}

// Nodes lists every node of the file in the order ast.Inspect visits them
// (parents before children, in field order), so that a rule looking for
// nodes of some kind anywhere in the file reads a slice instead of walking
// the tree again. The list is built on first use and dropped by
// ReleaseNodes once the per-file rules are done; a later call (from a
// project rule) builds a list for the caller and keeps none.
func (u *Unit) Nodes() []ast.Node {
	u.nodesMu.Lock()
	defer u.nodesMu.Unlock()
	if u.nodes != nil {
		return u.nodes
	}
	// About one node per five or six bytes of source: room for all of
	// them at once saves growing the list a dozen times.
	hint := 64
	if f := u.File(); f != nil {
		hint += len(f.Src) / 5
	}
	if u.released {
		return ast.AppendPreorder(make([]ast.Node, 0, hint), u.Parse().Module)
	}
	var dst []ast.Node
	if u.buf != nil && cap(u.buf.nodes) >= hint {
		dst = u.buf.nodes[:0]
	} else {
		dst = make([]ast.Node, 0, hint)
	}
	u.nodes = ast.AppendPreorder(dst, u.Parse().Module)
	if u.buf != nil {
		u.buf.nodes = u.nodes[:0]
	}
	return u.nodes
}

// EachNode calls f for every node of the file, in the order of Nodes.
// Unlike ast.Inspect it does not prune: every node is visited.
func (u *Unit) EachNode(f func(ast.Node)) {
	for _, n := range u.Nodes() {
		f(n)
	}
}

// ReleaseNodes drops the list Nodes built, to keep memory low while the
// unit waits for the project rules.
func (u *Unit) ReleaseNodes() {
	u.nodesMu.Lock()
	u.nodes = nil
	u.released = true
	u.buf = nil
	u.nodesMu.Unlock()
}

// Pass is one rule running over one file.
type Pass struct {
	Unit  *Unit
	Rule  *Rule
	found []finding.Finding
}

// Report reports a finding spanning node n.
func (p *Pass) Report(n ast.Node, msg string) {
	p.ReportSpan(n.Pos(), n.End(), msg)
}

// Reportf is Report with a format.
func (p *Pass) Reportf(n ast.Node, format string, args ...any) {
	p.Report(n, fmt.Sprintf(format, args...))
}

// ReportSpan reports a finding over the byte range [pos, end).
func (p *Pass) ReportSpan(pos, end int, msg string) {
	p.found = append(p.found, MakeFinding(p.Unit, &p.Rule.Doc, pos, end, msg))
}

// ReportWith reports a finding and lets the caller adjust it (severity,
// confidence, properties, fix) before it is recorded.
func (p *Pass) ReportWith(n ast.Node, msg string, adjust func(*finding.Finding)) {
	f := MakeFinding(p.Unit, &p.Rule.Doc, n.Pos(), n.End(), msg)
	adjust(&f)
	p.found = append(p.found, f)
}

// MakeFinding builds a finding of rule doc over [pos, end) of a unit.
func MakeFinding(u *Unit, doc *finding.RuleDoc, pos, end int, msg string) finding.Finding {
	f := finding.Finding{
		RuleID: doc.ID, RuleName: doc.Name, CWE: doc.CWE,
		Severity: doc.Severity, Confidence: doc.Confidence, Message: msg,
		Location: finding.Location{Path: u.Path},
	}
	if tf := u.File(); tf != nil {
		if end < pos {
			end = pos
		}
		f.Location.Line = tf.Line(pos)
		f.Location.Column = tf.CharColumn(pos)
		f.Location.EndLine = tf.Line(end)
		f.Location.EndColumn = tf.CharColumn(end)
		f.Snippet = tf.LineText(f.Location.Line)
	}
	return f
}

// TextFile is a non-Python file of the project that project rules may read
// (templates).
type TextFile struct {
	Path string // slash-separated report path
	Src  []byte
}

// ProjectPass is one project rule running over every unit of a scan.
type ProjectPass struct {
	Units []*Unit
	Files []TextFile
	Rule  *Rule
	found []finding.Finding
}

// Report reports a finding spanning node n of unit u.
func (p *ProjectPass) Report(u *Unit, n ast.Node, msg string) {
	p.found = append(p.found, MakeFinding(u, &p.Rule.Doc, n.Pos(), n.End(), msg))
}

// ReportFinding records a finding built by the rule itself.
func (p *ProjectPass) ReportFinding(f finding.Finding) {
	p.found = append(p.found, f)
}

// Notice is a problem met while running a rule (a rule that failed on a
// file); the scan reports it and goes on.
type Notice struct {
	Path    string
	Message string
}

// Run runs the rules over the units, per-file rules in parallel on up to
// workers goroutines, and returns the findings (not yet suppressed or
// fingerprinted) in a deterministic order, with notices for rules that
// failed.
func Run(ctx context.Context, units []*Unit, rules []*Rule, workers int, files ...TextFile) ([]finding.Finding, []Notice) {
	if workers < 1 {
		workers = 1
	}
	results := make([][]finding.Finding, len(units))
	notes := make([][]Notice, len(units))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				results[i], notes[i] = runFile(units[i], rules)
			}
		}()
	}
feed:
	for i := range units {
		select {
		case next <- i:
		case <-ctx.Done():
			break feed
		}
	}
	close(next)
	wg.Wait()
	var out []finding.Finding
	var notices []Notice
	for i := range units {
		out = append(out, results[i]...)
		notices = append(notices, notes[i]...)
	}
	fs, ns := RunProject(ctx, units, rules, files...)
	out = append(out, fs...)
	notices = append(notices, ns...)
	finding.Sort(out)
	sort.SliceStable(notices, func(i, j int) bool { return notices[i].Path < notices[j].Path })
	return out, notices
}

// RunFile runs the per-file rules over one unit, as Run does for each unit.
// A caller that reads files in parallel can run it right after parsing,
// while the tree is fresh, and RunProject once every unit is ready.
func RunFile(u *Unit, rules []*Rule) ([]finding.Finding, []Notice) {
	return runFile(u, rules)
}

// RunProject runs the project rules over all units, one after another, and
// returns their findings and notices (unsorted).
func RunProject(ctx context.Context, units []*Unit, rules []*Rule, files ...TextFile) ([]finding.Finding, []Notice) {
	var out []finding.Finding
	var notices []Notice
	for _, r := range rules {
		if r.RunProject == nil || ctx.Err() != nil {
			continue
		}
		fs, err := runProject(units, files, r)
		if err != nil {
			notices = append(notices, Notice{Message: err.Error()})
		}
		out = append(out, fs...)
	}
	return out, notices
}

func runFile(u *Unit, rules []*Rule) (out []finding.Finding, notices []Notice) {
	defer u.ReleaseNodes()
	for _, r := range rules {
		if r.Run == nil {
			continue
		}
		p := &Pass{Unit: u, Rule: r}
		if err := safely(func() { r.Run(p) }); err != nil {
			notices = append(notices, Notice{Path: u.Path, Message: fmt.Sprintf("rule %s failed on this file: %v", r.Doc.ID, err)})
			continue
		}
		out = append(out, p.found...)
	}
	return out, notices
}

func runProject(units []*Unit, files []TextFile, r *Rule) (out []finding.Finding, err error) {
	p := &ProjectPass{Units: units, Files: files, Rule: r}
	if err := safely(func() { r.RunProject(p) }); err != nil {
		return nil, fmt.Errorf("rule %s failed: %w", r.Doc.ID, err)
	}
	return p.found, nil
}

// safely runs f, turning a panic into an error so that one faulty rule
// cannot stop a scan.
func safely(f func()) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v\n%s", r, debug.Stack())
		}
	}()
	f()
	return nil
}
