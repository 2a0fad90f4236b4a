// Package review reviews a change: it asks git which lines changed since a
// base commit, scans the whole project (so data flows across files are
// still found), keeps the findings on changed lines or whose flow passes
// through one, and lists what a reviewer should check for the kinds of
// code the change touches, recognised through the semantic model.
package review

import (
	"cmp"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/rules"
	"github.com/snakeguard/snakeguard/internal/scan"
)

// Options configure a review.
type Options struct {
	Path    string // the file or directory to review (default ".")
	Base    string // the git ref to compare with ("" chooses one, see resolveBase)
	Config  *config.Config
	Workers int
	// Dependencies, when set, audits the project's dependency manifests,
	// given the scan's result for the undeclared-import check. Its
	// findings (paths relative to the working directory, or absolute)
	// are kept when they lie on changed lines, like the scan's.
	Dependencies func(ctx context.Context, res *scan.Result) []finding.Finding
}

// Finding is a finding of the review with the reason it is shown.
type Finding struct {
	finding.Finding
	// Via is the changed step of a data flow whose reported line did not
	// change; nil when the finding's own lines changed.
	Via *finding.Step
}

// Review is the outcome of a review.
type Review struct {
	Base      Base
	Top       string        // the work tree's top directory
	Files     []*FileChange // changed files under the reviewed path
	Findings  []Finding     // sorted by severity, then location
	Checklist []ChecklistItem
	Docs      map[string]finding.RuleDoc
	Scanned   int // files scanned
}

// ChangedLines is the number of added or modified lines.
func (r *Review) ChangedLines() int {
	n := 0
	for _, f := range r.Files {
		n += len(f.Lines)
	}
	return n
}

// Run reviews the changes under opt.Path.
func Run(ctx context.Context, opt Options) (*Review, error) {
	target := cmp.Or(opt.Path, ".")
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("review %s: %w", target, err)
	}
	st, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("review: %w", err)
	}
	dir := abs
	if !st.IsDir() {
		dir = filepath.Dir(abs)
	}
	repo, err := openRepo(ctx, dir)
	if err != nil {
		return nil, err
	}
	base, err := repo.resolveBase(ctx, opt.Base)
	if err != nil {
		return nil, err
	}
	all, err := repo.changes(ctx, base)
	if err != nil {
		return nil, err
	}
	scope := repoRel(repo.top, abs)
	changes := map[string]*FileChange{}
	rv := &Review{Base: base, Top: repo.top, Docs: map[string]finding.RuleDoc{}}
	for _, c := range all {
		if scope == "." || c.Path == scope || strings.HasPrefix(c.Path, scope+"/") {
			rv.Files = append(rv.Files, c)
			changes[c.Path] = c
		}
	}
	for _, d := range rules.Docs() {
		rv.Docs[d.ID] = d
	}
	res, err := scan.Run(ctx, scan.Options{Paths: []string{target}, Config: opt.Config, Workers: opt.Workers})
	if err != nil {
		return nil, fmt.Errorf("scan: %w", err)
	}
	rv.Scanned = res.FilesScanned
	root := res.Root
	if r, err := filepath.EvalSymlinks(root); err == nil {
		root = r
	}
	toRepo := func(p string) string {
		if !filepath.IsAbs(p) {
			p = filepath.Join(root, filepath.FromSlash(p))
		}
		return repoRel(repo.top, p)
	}
	rv.Findings = keepChanged(res.Findings, changes, toRepo)
	if opt.Dependencies != nil {
		fromCwd := func(p string) string {
			if abs, err := filepath.Abs(filepath.FromSlash(p)); err == nil {
				p = abs
			}
			return repoRel(repo.top, p)
		}
		rv.Findings = append(rv.Findings, keepChanged(opt.Dependencies(ctx, res), changes, fromCwd)...)
		sortFindings(rv.Findings)
	}

	sources := map[string][]byte{}
	for report, src := range res.Sources {
		if p := toRepo(report); strings.HasSuffix(p, ".py") || strings.HasSuffix(p, ".pyw") {
			sources[p] = src
		}
	}
	pf := newProjectFuncs(sources)
	var evidence []Evidence
	var manifests []string
	for _, c := range rv.Files {
		if _, ok := sources[c.Path]; !ok {
			continue
		}
		if u := pf.unit(c.Path); u != nil {
			evidence = append(evidence, uses(u, c)...)
		}
	}
	evidence = pf.follow(evidence)
	for _, c := range rv.Files {
		if isManifest(c.Path) {
			manifests = append(manifests, c.Path)
		}
	}
	rv.Checklist = buildChecklist(evidence, manifests, rules.Docs())
	return rv, nil
}

// repoRel is p relative to the work tree's top, slash-separated.
func repoRel(top, p string) string {
	if r, err := filepath.EvalSymlinks(p); err == nil {
		p = r
	}
	rel, err := filepath.Rel(top, p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	return filepath.ToSlash(rel)
}

// keepChanged keeps the unsuppressed findings that lie on changed lines,
// cover a whole changed file, or whose trace passes through a changed
// line; paths become relative to the work tree's top.
func keepChanged(fs []finding.Finding, changes map[string]*FileChange, toRepo func(string) string) []Finding {
	var out []Finding
	for _, f := range fs {
		if f.Suppressed {
			continue
		}
		f.Location.Path = toRepo(f.Location.Path)
		trace := make([]finding.Step, len(f.Trace))
		for i, s := range f.Trace {
			s.Location.Path = toRepo(s.Location.Path)
			trace[i] = s
		}
		f.Trace = trace
		if ch := changes[f.Location.Path]; ch != nil {
			if f.Location.Line == 0 || ch.ChangedIn(f.Location.Line, max(f.Location.Line, f.Location.EndLine)) {
				out = append(out, Finding{Finding: f})
				continue
			}
		}
		for i := range f.Trace {
			s := &f.Trace[i]
			if ch := changes[s.Location.Path]; ch != nil && s.Location.Line > 0 && ch.Changed(s.Location.Line) {
				out = append(out, Finding{Finding: f, Via: s})
				break
			}
		}
	}
	sortFindings(out)
	return out
}

// sortFindings orders findings by severity, then location and rule.
func sortFindings(out []Finding) {
	slices.SortStableFunc(out, func(a, b Finding) int {
		if c := cmp.Compare(b.Severity, a.Severity); c != 0 {
			return c
		}
		if c := strings.Compare(a.Location.Path, b.Location.Path); c != 0 {
			return c
		}
		if c := cmp.Compare(a.Location.Line, b.Location.Line); c != 0 {
			return c
		}
		return strings.Compare(a.RuleID, b.RuleID)
	})
}
