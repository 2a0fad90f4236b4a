// Package scan is the code-scan driver: it finds files, reads and parses
// them in parallel, runs the rules, and applies suppressions,
// configuration, fingerprints and the baseline. It reports every file it
// could not read instead of skipping it silently.
package scan

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/baseline"
	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/deps/undeclared"
	"github.com/snakeguard/snakeguard/internal/discover"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/notebook"
	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/report"
	"github.com/snakeguard/snakeguard/internal/rules"
	"github.com/snakeguard/snakeguard/internal/rules/framework"
	"github.com/snakeguard/snakeguard/internal/suppress"
)

// Options configure a scan.
type Options struct {
	Paths  []string
	Config *config.Config
	// Workers bounds the files processed at once (default: all cores).
	Workers int
	// Stdin, with StdinFilename, is scanned when Paths is ["-"].
	Stdin         io.Reader
	StdinFilename string
	// Rules to run (default: the whole catalogue, filtered by Config).
	Rules []*analysis.Rule
	// Shard and Shards split a scan across machines: with Shards > 1 only
	// the files whose path hashes to Shard (0-based) are read.
	Shard, Shards int
	// LimitMemory sets the Go runtime's soft memory limit for the scan from
	// the size of the source it reads (unless GOMEMLIMIT sets one), and
	// restores the previous limit when the scan returns. The limit is
	// process-wide: a program that runs scans side by side leaves it off.
	LimitMemory bool
	// PaceGC lets the heap of a scan that drops its trees grow to a budget
	// set from the source size before the collector runs (fewer
	// collections, less CPU), unless LimitMemory, GOGC or GOMEMLIMIT is
	// set. Like LimitMemory it is process-wide and restored at the end.
	PaceGC bool
	// KeepTrees keeps every file's tree until the project rules are done,
	// as a scan with the taint rules does, instead of dropping those no
	// project rule keeps (analysis.Rule.Keeps). Findings are the same
	// either way; dropping saves memory.
	KeepTrees bool
}

// Result is the outcome of a scan.
type Result struct {
	Root         string
	Findings     []finding.Finding // sorted; includes suppressed ones (marked)
	Notices      []report.Notice
	Rules        []finding.RuleDoc
	FilesScanned int
	FilesSkipped int
	Duration     time.Duration
	Unused       []UnusedSuppression
	// Sources holds the decoded text of each scanned file by report path,
	// for reporters that show source lines.
	Sources map[string][]byte
	// Imports lists the unconditional module-level absolute imports of the
	// scanned files, and LocalModules the project's own top-level modules,
	// for the undeclared-dependency check.
	Imports      []undeclared.Import
	LocalModules map[string]bool
	// Dropped counts the files whose trees the scan dropped after the
	// per-file rules, and Reparsed those of them it parsed again for a
	// project rule.
	Dropped, Reparsed int
}

// UnusedSuppression is a suppression comment that suppressed nothing.
type UnusedSuppression struct {
	Path string
	Line int
	Text string
}

// fileResult is what one worker produces for one file.
type fileResult struct {
	unit     *analysis.Unit
	nb       *notebook.Source
	findings []finding.Finding // SG000 and the per-file rules' findings
	notes    []analysis.Notice // per-file rules that failed
	supp     *suppress.Index
	notice   *report.Notice
	skipped  bool
	src      []byte
	template []byte // the text of a template file
	imports  []undeclared.Import
	raw      []byte // the file's bytes as read, before decoding
	// scopes maps the lines of the file's findings to their enclosing
	// function or class, for fingerprints, when the tree is dropped.
	scopes map[int]string
}

// Run scans.
func Run(ctx context.Context, opt Options) (*Result, error) {
	start := time.Now()
	cfg := opt.Config
	if cfg == nil {
		cfg = config.Default()
	}
	root, err := os.Getwd()
	if err != nil {
		return nil, fmt.Errorf("working directory: %w", err)
	}
	res := &Result{Root: root, Sources: map[string][]byte{}}
	workers := opt.Workers
	if workers < 1 {
		workers = runtime.NumCPU()
	}
	ruleSet := opt.Rules
	if ruleSet == nil {
		for _, r := range rules.AllWith(cfg.Taint) {
			if cfg.Enabled(r.Doc.ID) {
				ruleSet = append(ruleSet, r)
			}
		}
	}
	keep := keepTrees(ruleSet)
	if opt.KeepTrees {
		keep = nil
	}

	// Read, parse and run the per-file rules in parallel, starting while
	// the walk is still finding files. A unit's tree is kept for the
	// project rules only if one of them keeps it.
	type job struct {
		f   discover.File
		out *fileResult
	}
	var stdinData []byte
	var reparsed atomic.Int64
	var wg sync.WaitGroup
	jobs := make(chan job)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf buffers // scratch storage for all this worker's files
			for j := range jobs {
				*j.out = loadFile(j.f, stdinData, cfg.MaxFileSize, ruleSet, &buf)
				if u := j.out.unit; u != nil && keep != nil && !keep(u) {
					j.out.drop(&reparsed)
				}
				j.out.raw = nil
			}
		}()
	}
	slots := map[string]*fileResult{}
	feed := func(f discover.File) {
		if ctx.Err() != nil || !opt.inShard(f.Rel) {
			return
		}
		slot := new(fileResult)
		slots[f.Rel] = slot
		jobs <- job{f, slot}
	}
	var files []discover.File
	var walkErr error
	if len(opt.Paths) == 1 && opt.Paths[0] == "-" {
		name := opt.StdinFilename
		if name == "" {
			name = "stdin.py"
		}
		stdinData, walkErr = io.ReadAll(opt.Stdin)
		if walkErr != nil {
			walkErr = fmt.Errorf("read stdin: %w", walkErr)
		} else {
			kind := discover.Python
			if strings.HasSuffix(name, ".ipynb") {
				kind = discover.Notebook
			}
			files = []discover.File{{Path: "-", Rel: filepath.ToSlash(name), Kind: kind}}
			feed(files[0])
		}
	} else {
		excluded := func(rel string) bool { return cfg.Excluded(cfgRel(cfg, root, rel)) }
		var notices []discover.Notice
		files, notices, walkErr = discover.Walk(root, opt.Paths, discover.Options{Excluded: excluded, Found: feed})
		for _, n := range notices {
			res.Notices = append(res.Notices, report.Notice{Path: n.Path, Level: report.LevelWarning, Message: n.Message})
		}
	}
	if opt.Shards > 1 {
		kept := files[:0]
		for _, f := range files {
			if opt.inShard(f.Rel) {
				kept = append(kept, f)
			}
		}
		files = kept
	}
	// The collector's pacing is set from the size of the source once the
	// walk has found it; the first files are read under the default.
	limitSet, limit := false, int64(0)
	if walkErr == nil && opt.PaceGC && !opt.LimitMemory && keep != nil && !interprocedural(ruleSet) {
		defer paceGC(sourceSize(files))()
	}
	if walkErr == nil && opt.LimitMemory {
		var restore func()
		limit = memoryLimit(sourceSize(files), ruleSet)
		restore, limitSet = setMemoryLimit(limit)
		defer restore()
	}
	close(jobs)
	wg.Wait()
	if walkErr != nil {
		return nil, walkErr
	}
	// Results in the walk's sorted order.
	results := make([]fileResult, len(files))
	for i, f := range files {
		if slot := slots[f.Rel]; slot != nil {
			results[i] = *slot
		}
	}
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	if limitSet {
		raiseMemoryLimit(limit)
	}

	var units []*analysis.Unit
	var findings []finding.Finding
	var fileNotes []analysis.Notice
	supps := map[*analysis.Unit]*suppress.Index{}
	var templates []analysis.TextFile
	notebooks := map[string]*notebook.Source{}
	for i, fr := range results {
		if fr.template != nil {
			templates = append(templates, analysis.TextFile{Path: files[i].Rel, Src: fr.template})
			res.Sources[files[i].Rel] = fr.template
			res.FilesScanned++
			continue
		}
		if fr.notice != nil {
			res.Notices = append(res.Notices, *fr.notice)
		}
		if fr.skipped {
			res.FilesSkipped++
			continue
		}
		res.FilesScanned++
		findings = append(findings, fr.findings...)
		fileNotes = append(fileNotes, fr.notes...)
		if fr.unit != nil {
			units = append(units, fr.unit)
			supps[fr.unit] = fr.supp
			res.Sources[fr.unit.Path] = fr.src
			if fr.nb != nil {
				notebooks[fr.unit.Path] = fr.nb
			}
		}
	}
	if stdinData == nil {
		extra := configuredTemplates(ctx, root, units, files, cfg, opt)
		for _, t := range extra {
			templates = append(templates, t)
			res.Sources[t.Path] = t.Src
			res.FilesScanned++
		}
	}
	res.LocalModules = map[string]bool{}
	for _, u := range units {
		if u.Module != "" {
			res.LocalModules[strings.SplitN(u.Module, ".", 2)[0]] = true
		}
	}
	for _, fr := range results {
		res.Imports = append(res.Imports, fr.imports...)
		if fr.unit != nil && fr.scopes != nil {
			res.Dropped++
		}
	}
	found, notes := analysis.RunProject(ctx, units, ruleSet, templates...)
	notes = append(fileNotes, notes...)
	sort.SliceStable(notes, func(i, j int) bool { return notes[i].Path < notes[j].Path })
	for _, n := range notes {
		res.Notices = append(res.Notices, report.Notice{Path: n.Path, Level: report.LevelError, Message: n.Message})
	}
	findings = dropConfirmed(append(findings, found...))

	// Suppressions, per file.
	docs := map[string]finding.RuleDoc{}
	for _, d := range rules.Docs() {
		docs[d.ID] = d
	}
	byPath := map[string][]finding.Finding{}
	for _, f := range findings {
		byPath[f.Location.Path] = append(byPath[f.Location.Path], f)
	}
	unitByPath := map[string]*analysis.Unit{}
	scopesByPath := map[string]map[int]string{}
	for _, u := range units {
		unitByPath[u.Path] = u
	}
	for _, fr := range results {
		if fr.unit != nil && fr.scopes != nil {
			scopesByPath[fr.unit.Path] = fr.scopes
		}
	}
	findings = findings[:0]
	for _, u := range units {
		fs := byPath[u.Path]
		ix := supps[u]
		fs = ix.Apply(fs, docs)
		if cfg.WarnUnusedSuppressions {
			for _, d := range ix.Unused() {
				res.Unused = append(res.Unused, UnusedSuppression{Path: u.Path, Line: d.Line, Text: d.Text})
			}
		}
		findings = append(findings, fs...)
		delete(byPath, u.Path)
	}
	for _, fs := range byPath {
		findings = append(findings, fs...)
	}

	// Configuration filters.
	kept := findings[:0]
	for _, f := range findings {
		if cfg.Keep(f, cfgRel(cfg, root, f.Location.Path)) {
			kept = append(kept, f)
		}
	}
	findings = kept

	// Fingerprints: rule, path, the flagged line and its enclosing scope.
	finding.AssignFingerprints(findings, func(f *finding.Finding) string {
		return f.Snippet
	}, func(f *finding.Finding) string {
		u := unitByPath[f.Location.Path]
		if u == nil || u.File() == nil || f.Location.Line < 1 || f.Location.Line > u.File().LineCount() {
			return ""
		}
		if u.Dropped() {
			if name, ok := scopesByPath[u.Path][f.Location.Line]; ok {
				return name
			}
		}
		return u.Model().EnclosingScopeName(u.File().LineStart(f.Location.Line))
	})

	// Notebook findings point at their cell.
	for i := range findings {
		f := &findings[i]
		nb := notebooks[f.Location.Path]
		if nb == nil {
			continue
		}
		if cl, ok := nb.Locate(f.Location.Line); ok {
			endLine := f.Location.EndLine
			if el, ok := nb.Locate(endLine); ok && el.Cell == cl.Cell {
				f.Location.EndLine = el.Line
			} else {
				f.Location.EndLine = cl.Line
			}
			f.Location.Line = cl.Line
			if f.Properties == nil {
				f.Properties = map[string]any{}
			}
			f.Properties["cell"] = cl.Cell
			f.Message = fmt.Sprintf("cell %d: %s", cl.Cell, f.Message)
		}
	}

	if cfg.Baseline != "" {
		b, err := baseline.Load(cfg.Baseline)
		if err != nil {
			return nil, fmt.Errorf("baseline: %w", err)
		}
		findings = b.Filter(findings)
	}
	finding.Sort(findings)
	res.Findings = findings
	ruleIDs := map[string]bool{}
	for _, r := range ruleSet {
		ruleIDs[r.Doc.ID] = true
	}
	ruleIDs[rules.SyntaxError.ID] = true
	for _, d := range rules.Docs() {
		if ruleIDs[d.ID] {
			res.Rules = append(res.Rules, d)
		}
	}
	res.Reparsed = int(reparsed.Load())
	res.Duration = time.Since(start)
	return res, nil
}

// interprocedural says whether a rule of the set follows data through the
// whole program, keeping its own state next to the trees.
func interprocedural(ruleSet []*analysis.Rule) bool {
	for _, r := range ruleSet {
		if r.Interprocedural {
			return true
		}
	}
	return false
}

// keepTrees says which units' trees a scan with ruleSet keeps after the
// per-file rules: those a project rule of the set keeps. It returns nil
// when a rule keeps every tree.
func keepTrees(ruleSet []*analysis.Rule) func(*analysis.Unit) bool {
	var keeps []func(*analysis.Unit) bool
	for _, r := range ruleSet {
		if r.RunProject == nil {
			continue
		}
		if r.Keeps == nil {
			return nil
		}
		keeps = append(keeps, r.Keeps)
	}
	return func(u *analysis.Unit) bool {
		for _, k := range keeps {
			if k(u) {
				return true
			}
		}
		return false
	}
}

// drop lets the unit's tree go once the per-file work is done, first
// noting what the rest of the scan reads of it: its module imports and the
// enclosing scopes of its findings' lines.
func (fr *fileResult) drop(reparsed *atomic.Int64) {
	u := fr.unit
	f := u.File()
	if f == nil {
		return
	}
	fr.scopes = map[int]string{}
	for _, fd := range fr.findings {
		if l := fd.Location.Line; l >= 1 && l <= f.LineCount() {
			fr.scopes[l] = u.Model().EnclosingScopeName(f.LineStart(l))
		}
	}
	u.Drop(fr.raw, reparsed)
	fr.raw = nil
}

// cfgRel turns a report path into a path relative to the config file's
// directory, which is what exclude globs and per-file ignores use.
func cfgRel(cfg *config.Config, root, rel string) string {
	if cfg.Dir == "" {
		return rel
	}
	abs := rel
	if !filepath.IsAbs(rel) {
		abs = filepath.Join(root, filepath.FromSlash(rel))
	}
	r, err := filepath.Rel(cfg.Dir, abs)
	if err != nil || strings.HasPrefix(r, "..") {
		return rel
	}
	return filepath.ToSlash(r)
}

// loadFile reads, decodes and parses one file, then runs the per-file rules
// over it while its tree is fresh and collects its suppression comments.
// buffers is the scratch storage a worker reuses from one file to the next:
// the tokens of the file being parsed and its node list.
type buffers struct {
	parse parser.Buffers
	nodes analysis.NodeBuffer
}

func loadFile(f discover.File, stdin []byte, maxSize int64, ruleSet []*analysis.Rule, buf *buffers) fileResult {
	var raw []byte
	var err error
	if f.Path == "-" {
		raw = stdin
	} else {
		st, serr := os.Stat(f.Path)
		if serr != nil {
			return fileResult{skipped: true, notice: &report.Notice{Path: f.Rel, Level: report.LevelError, Message: fmt.Sprintf("cannot read: %v", serr)}}
		}
		if maxSize > 0 && st.Size() > maxSize {
			return fileResult{skipped: true, notice: &report.Notice{Path: f.Rel, Level: report.LevelWarning,
				Message: fmt.Sprintf("skipped: %d bytes is over the size limit of %d bytes (max-file-size)", st.Size(), maxSize)}}
		}
		raw, err = os.ReadFile(f.Path)
		if err != nil {
			return fileResult{skipped: true, notice: &report.Notice{Path: f.Rel, Level: report.LevelError, Message: fmt.Sprintf("cannot read: %v", err)}}
		}
	}
	if f.Kind == discover.Template {
		return fileResult{template: raw}
	}
	var nb *notebook.Source
	if f.Kind == discover.Notebook {
		nb, err = notebook.Parse(raw)
		if err != nil {
			return fileResult{skipped: true, notice: &report.Notice{Path: f.Rel, Level: report.LevelError, Message: err.Error()}}
		}
		raw = nb.Text
	} else if looksBinary(raw) {
		return fileResult{skipped: true, notice: &report.Notice{Path: f.Rel, Level: report.LevelWarning, Message: "skipped: binary file (NUL bytes in its first 8 KB and not text)"}}
	}
	var res *parser.Result
	if buf != nil {
		res = parser.ParseFileWith(f.Rel, raw, &buf.parse)
	} else {
		res = parser.ParseFile(f.Rel, raw)
	}
	out := fileResult{nb: nb}
	if res.File == nil {
		// Undecodable: no tree at all.
		e := res.Errors[0]
		out.notice = &report.Notice{Path: f.Rel, Line: e.Line, Level: report.LevelError, Message: "cannot decode: " + e.Msg}
		out.findings = append(out.findings, syntaxFinding(f.Rel, e, ""))
		return out
	}
	if len(res.Errors) > 0 {
		e := res.Errors[0]
		line := ""
		if e.Line >= 1 && e.Line <= res.File.LineCount() {
			line = res.File.LineText(e.Line)
		}
		out.findings = append(out.findings, syntaxFinding(f.Rel, e, line))
	}
	out.unit = analysis.NewUnit(f.Rel, moduleName(f.Path), res)
	out.raw = raw
	if buf != nil {
		out.unit.LendNodeBuffer(&buf.nodes)
	}
	out.src = res.File.Src
	out.supp = suppressionIndex(out.unit)
	found, notes := analysis.RunFile(out.unit, ruleSet)
	out.findings = append(out.findings, found...)
	out.notes = notes
	out.imports = moduleImports(out.unit)
	return out
}

func syntaxFinding(path string, e parser.Error, line string) finding.Finding {
	d := rules.SyntaxError
	f := finding.Finding{
		RuleID: d.ID, RuleName: d.Name, CWE: d.CWE, Severity: d.Severity, Confidence: d.Confidence,
		Message:  fmt.Sprintf("%s: %s (the rest of the file was analysed as far as it could be read)", e.Kind, e.Msg),
		Location: finding.Location{Path: path, Line: e.Line, Column: max(e.Col, 1), EndLine: e.Line, EndColumn: max(e.Col, 1) + 1},
		Snippet:  line,
	}
	if e.Line == 0 {
		f.Location.Line, f.Location.EndLine = 1, 1
	}
	return f
}

// looksBinary reports a file with NUL bytes in its first 8 KB that is not
// mostly text (a .py with a stray NUL is still reported as a syntax error).
func looksBinary(b []byte) bool {
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) < 0 {
		return false
	}
	ctrl := 0
	for _, c := range head {
		if c < 0x09 || (c > 0x0d && c < 0x20) {
			ctrl++
		}
	}
	return ctrl > 4 && ctrl*10 > len(head)
}

// moduleName is the dotted name Python would import a file by: its name
// joined to those of the enclosing directories that are packages (hold an
// __init__.py).
func moduleName(path string) string {
	if path == "-" || path == "" {
		return ""
	}
	base := filepath.Base(path)
	name := strings.TrimSuffix(strings.TrimSuffix(base, ".py"), ".pyw")
	if name == base || !identifier(name) {
		return ""
	}
	parts := []string{name}
	if name == "__init__" {
		parts = nil
	}
	dir := filepath.Dir(path)
	for i := 0; i < 32; i++ {
		if _, err := os.Stat(filepath.Join(dir, "__init__.py")); err != nil {
			break
		}
		pkg := filepath.Base(dir)
		if !identifier(pkg) {
			break
		}
		parts = append([]string{pkg}, parts...)
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	return strings.Join(parts, ".")
}

func identifier(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if r != '_' && !(r >= 'a' && r <= 'z') && !(r >= 'A' && r <= 'Z') && (i == 0 || !(r >= '0' && r <= '9')) {
			return false
		}
	}
	return true
}

// suppressionIndex collects a unit's suppression comments and registers
// multi-line statements so a comment on their first or last line covers
// them.
func suppressionIndex(u *analysis.Unit) *suppress.Index {
	f := u.File()
	if f == nil {
		return suppress.Parse(nil)
	}
	res := u.Parse()
	ix := suppress.Parse(suppress.Comments(f, res.Comments))
	if ix.Len() == 0 {
		return ix // statements matter only to a directive on one of their lines
	}
	eachStmt(res.Module.Body, func(st ast.Stmt) {
		first := f.Line(st.Pos())
		last := f.Line(st.End())
		switch s := st.(type) {
		case *ast.FunctionDef, *ast.ClassDef, *ast.If, *ast.For, *ast.While, *ast.With, *ast.Try, *ast.Match:
			// A compound statement's header: up to its first body line.
			if body := firstBody(s); body != nil {
				last = f.Line(body.Pos()) - 1
				if last < first {
					last = first
				}
			}
		}
		if last > first {
			ix.AddStatement(first, last)
		}
	})
	return ix
}

// eachStmt calls f for every statement of body and of the bodies nested in
// it, parents first.
func eachStmt(body []ast.Stmt, f func(ast.Stmt)) {
	for _, st := range body {
		f(st)
		switch s := st.(type) {
		case *ast.FunctionDef:
			eachStmt(s.Body, f)
		case *ast.ClassDef:
			eachStmt(s.Body, f)
		default:
			ast.EachBody(st, func(b []ast.Stmt, _ *ast.Try) { eachStmt(b, f) })
		}
	}
}

func firstBody(s ast.Stmt) ast.Stmt {
	var body []ast.Stmt
	switch s := s.(type) {
	case *ast.FunctionDef:
		body = s.Body
	case *ast.ClassDef:
		body = s.Body
	case *ast.If:
		body = s.Body
	case *ast.For:
		body = s.Body
	case *ast.While:
		body = s.Body
	case *ast.With:
		body = s.Body
	case *ast.Try:
		body = s.Body
	case *ast.Match:
		if len(s.Cases) > 0 {
			body = s.Cases[0].Body
		}
	}
	if len(body) == 0 {
		return nil
	}
	return body[0]
}

// confirmedBy maps a pattern rule to the taint rule that confirms the same
// problem with a data flow; when both fire on one line only the taint
// finding, which carries the trace, is kept.
var confirmedBy = map[string]string{
	"SG101": "SG601", "SG102": "SG602", "SG103": "SG602", "SG105": "SG602", "SG107": "SG603",
	"SG109": "SG604", "SG110": "SG607", "SG201": "SG609", "SG203": "SG609", "SG507": "SG602",
	"SG509": "SG617",
}

func dropConfirmed(fs []finding.Finding) []finding.Finding {
	type key struct {
		path string
		line int
		rule string
	}
	taint := map[key]bool{}
	for _, f := range fs {
		if strings.HasPrefix(f.RuleID, "SG6") {
			taint[key{f.Location.Path, f.Location.Line, f.RuleID}] = true
		}
	}
	if len(taint) == 0 {
		return fs
	}
	out := fs[:0]
	for _, f := range fs {
		if t, ok := confirmedBy[f.RuleID]; ok && taint[key{f.Location.Path, f.Location.Line, t}] {
			continue
		}
		out = append(out, f)
	}
	return out
}

// inShard says whether the file at report path rel belongs to the scan's
// shard (every file does when the scan is not split).
func (opt Options) inShard(rel string) bool {
	return opt.Shards <= 1 || int(pathHash(rel)%uint32(opt.Shards)) == opt.Shard
}

// pathHash is FNV-1a of a report path: stable across machines and runs.
func pathHash(s string) uint32 {
	h := uint32(2166136261)
	for i := 0; i < len(s); i++ {
		h ^= uint32(s[i])
		h *= 16777619
	}
	return h
}

// moduleImports lists a unit's unconditional module-level imports of
// absolute modules (imports under try/if are often optional).
func moduleImports(u *analysis.Unit) []undeclared.Import {
	f := u.File()
	if f == nil {
		return nil
	}
	var out []undeclared.Import
	add := func(name string, n ast.Node) {
		top := strings.SplitN(name, ".", 2)[0]
		line := f.Line(n.Pos())
		out = append(out, undeclared.Import{Module: top, Path: u.Path, Line: line, Column: f.CharColumn(n.Pos()), LineText: f.LineText(line)})
	}
	for _, st := range u.Parse().Module.Body {
		switch s := st.(type) {
		case *ast.Import:
			for _, a := range s.Names {
				add(a.Name, a)
			}
		case *ast.ImportFrom:
			if s.Level == 0 && s.Module != "" && s.Module != "__future__" {
				add(s.Module, s)
			}
		}
	}
	return out
}

// configuredTemplates reads the templates in directories the project
// configures (Django TEMPLATES DIRS, Flask template_folder, Jinja2 loaders)
// that the walk did not already take as templates.
func configuredTemplates(ctx context.Context, root string, units []*analysis.Unit, files []discover.File, cfg *config.Config, opt Options) []analysis.TextFile {
	dirs := framework.TemplateDirs(units)
	if len(dirs) == 0 {
		return nil
	}
	seen := map[string]bool{}
	for _, f := range files {
		seen[f.Rel] = true
	}
	var paths []string
	for _, d := range dirs {
		full := d
		if !filepath.IsAbs(full) {
			full = filepath.Join(root, filepath.FromSlash(d))
		}
		if st, err := os.Stat(full); err == nil && st.IsDir() {
			paths = append(paths, full)
		}
	}
	if len(paths) == 0 {
		return nil
	}
	excluded := func(rel string) bool { return cfg.Excluded(cfgRel(cfg, root, rel)) }
	found, _, err := discover.Walk(root, paths, discover.Options{Excluded: excluded, AllTemplates: true})
	if err != nil {
		return nil
	}
	var out []analysis.TextFile
	for _, f := range found {
		if f.Kind != discover.Template || seen[f.Rel] || ctx.Err() != nil {
			continue
		}
		if !opt.inShard(f.Rel) {
			continue
		}
		seen[f.Rel] = true
		fr := loadFile(f, nil, cfg.MaxFileSize, nil, nil)
		if fr.template != nil {
			out = append(out, analysis.TextFile{Path: f.Rel, Src: fr.template})
		}
	}
	return out
}
