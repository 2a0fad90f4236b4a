package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/osv"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
	"github.com/snakeguard/snakeguard/internal/deps/sbom"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
)

// listFlag collects a flag given several times.
type listFlag []string

func (l *listFlag) String() string     { return strings.Join(*l, ",") }
func (l *listFlag) Set(s string) error { *l = append(*l, s); return nil }

type depsOptions struct {
	requirements, locks, sitePaths, dbs, ignoreVulns listFlag

	offline, fix, dryRun, requireHashes bool
	osvURL, threshold, format, output   string
	pythonVersion, platform             string
	configPath                          string
	timeout                             time.Duration
	retries                             int
	paths                               []string
	minSeverity                         finding.Severity
}

func depsFlagSet(o *depsOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("snakeguard deps", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Var(&o.requirements, "r", "audit this requirements file (repeatable)")
	fs.Var(&o.requirements, "requirement", "same as -r")
	fs.Var(&o.locks, "lock", "audit this lock file: poetry.lock, Pipfile.lock, uv.lock, pdm.lock, pylock.toml (repeatable)")
	fs.Var(&o.sitePaths, "path", "audit the distributions installed in this virtualenv or site-packages directory (repeatable)")
	fs.BoolVar(&o.offline, "offline", false, "never use the network: use the database from 'deps db update' if present, else the built-in snapshot")
	fs.Var(&o.dbs, "db", "read advisories from an OSV export: PyPI all.zip, or a directory of OSV JSON/YAML files (repeatable; implies no network)")
	fs.StringVar(&o.osvURL, "osv-url", osv.DefaultAPI, "base URL of the OSV API")
	fs.Var(&o.ignoreVulns, "ignore-vuln", "ignore this advisory id; any alias matches (repeatable)")
	fs.StringVar(&o.threshold, "severity-threshold", "low", "report only vulnerabilities at or above: low, medium, high, critical (unrated ones are always reported)")
	fs.BoolVar(&o.fix, "fix", false, "rewrite == pins in requirements files to the fixed versions")
	fs.BoolVar(&o.dryRun, "dry-run", false, "with --fix: print a unified diff instead of writing files")
	fs.BoolVar(&o.requireHashes, "require-hashes", false, "report requirements without --hash")
	fs.StringVar(&o.pythonVersion, "python-version", "", "evaluate environment markers for this Python version, e.g. 3.12 (default 3.13); dependencies whose markers are false are left out")
	fs.StringVar(&o.platform, "platform", "", "evaluate environment markers for this platform: linux, darwin, win32 (default linux)")
	fs.StringVar(&o.format, "format", "text", "output format: text, json, sarif, markdown, github, html, cyclonedx")
	fs.StringVar(&o.output, "o", "", "write the report to this file instead of standard output")
	fs.StringVar(&o.configPath, "config", "", "read this configuration file instead of looking for one")
	fs.DurationVar(&o.timeout, "timeout", osv.DefaultTimeout, "timeout of each request to the OSV API")
	fs.IntVar(&o.retries, "retries", 3, "retries of a failed request to the OSV API (network errors, HTTP 5xx and 429)")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: snakeguard deps [flags] [PATH...]")
		fmt.Fprintln(stderr, "       snakeguard deps db update [--url URL]")
		fmt.Fprintln(stderr, "\nAudits requirements files, pyproject.toml, Pipfile, setup.cfg, setup.py (read, never run),")
		fmt.Fprintln(stderr, "lock files and installed environments for known vulnerabilities (OSV), unpinned")
		fmt.Fprintln(stderr, "requirements, typosquatted names and missing or stale lock files.")
		fmt.Fprintln(stderr, "Nothing is installed or executed. Exit status: 0 clean, 1 findings, 2 error.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

func runDeps(e *env) int {
	if len(e.args) > 0 && e.args[0] == "db" {
		return runDepsDB(e, e.args[1:])
	}
	var o depsOptions
	fs := depsFlagSet(&o, e.stderr)
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	o.paths = fs.Args()
	if err := o.validate(); err != nil {
		fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
		return ExitUsage
	}
	return auditDeps(e, &o)
}

func (o *depsOptions) validate() error {
	sev, err := finding.ParseSeverity(o.threshold)
	if err != nil {
		return fmt.Errorf("--severity-threshold: %w", err)
	}
	o.minSeverity = sev
	if o.format != "cyclonedx" && !contains(report.Formats(), o.format) && o.format != "md" {
		return fmt.Errorf("--format: unknown format %q (want %s, cyclonedx)", o.format, strings.Join(report.Formats(), ", "))
	}
	if o.dryRun && !o.fix {
		return errors.New("--dry-run only makes sense with --fix")
	}
	if _, err := pep508.TargetEnvironment(o.pythonVersion, o.platform); err != nil {
		return fmt.Errorf("--python-version/--platform: %w", err)
	}
	if o.offline && o.osvURL != osv.DefaultAPI {
		return errors.New("--offline and --osv-url exclude each other")
	}
	return nil
}

// targetName describes the marker target: "Python 3.13 on linux".
func targetName(o *depsOptions) string {
	py, plat := o.pythonVersion, o.platform
	if py == "" {
		py = pep508.DefaultPythonVersion
	}
	if plat == "" {
		plat = pep508.DefaultPlatform
	}
	return "Python " + py + " on " + plat
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func auditDeps(e *env, o *depsOptions) int {
	cfg, err := depsConfig(o)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
		return ExitUsage
	}
	in, err := collectDependencies(o)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
		return ExitUsage
	}
	notices := in.notices
	sources, srcNotices, err := advisorySources(o, time.Now())
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
		return ExitUsage
	}
	notices = append(notices, srcNotices...)
	ctx := e.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	results, err := audit.Audit(ctx, in.packages, sources, audit.Options{IgnoreVulns: o.ignoreVulns})
	if err != nil {
		if errors.Is(err, osv.ErrUnavailable) {
			fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
			fmt.Fprintf(e.stderr, "snakeguard deps: the OSV service cannot be reached; run with --offline to use the built-in advisory snapshot (%s), or --db PATH with a downloaded OSV export\n", osv.SnapshotDate)
			return ExitUsage
		}
		fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
		return ExitUsage
	}
	if in.excluded > 0 {
		notices = append(notices, report.Notice{Level: report.LevelNote,
			Message: fmt.Sprintf("%d dependencies were left out: their environment markers are false for %s", in.excluded, targetName(o))})
	}
	if n := countUnpinned(in.packages); n > 0 {
		notices = append(notices, report.Notice{Level: report.LevelNote,
			Message: fmt.Sprintf("%d of %d dependencies have no exact version and were not matched against advisories", n, len(in.packages))})
	}
	findings := append(audit.Findings(results), in.findings...)
	findings = aboveThreshold(findings, o.minSeverity)
	findings = selected(cfg, findings)

	if o.fix {
		fixNotices, code := applyFixes(e, o, results)
		notices = append(notices, fixNotices...)
		if code != ExitOK {
			return code
		}
	}
	if code := writeDepsReport(e, o, in, results, findings, notices); code != ExitOK {
		return code
	}
	for _, n := range notices {
		if n.Level == report.LevelError {
			return ExitUsage
		}
	}
	if len(findings) > 0 {
		return ExitFindings
	}
	return ExitOK
}

// aboveThreshold keeps findings at or above min; findings without a
// rating are kept, since nobody has said they are harmless.
func aboveThreshold(fs []finding.Finding, min finding.Severity) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		if f.Severity == finding.SeverityUnknown || f.Severity >= min {
			out = append(out, f)
		}
	}
	return out
}

// advisorySources picks where advisories come from: --db exports, or with
// --offline the downloaded export or the built-in snapshot, else the OSV
// API.
func advisorySources(o *depsOptions, now time.Time) ([]osv.Source, []report.Notice, error) {
	var notices []report.Notice
	note := func(level, format string, args ...any) {
		notices = append(notices, report.Notice{Level: level, Message: fmt.Sprintf(format, args...)})
	}
	if len(o.dbs) > 0 {
		var out []osv.Source
		for _, p := range o.dbs {
			db, bad, err := osv.Load(p)
			if err != nil {
				return nil, nil, err
			}
			for _, b := range bad {
				note(report.LevelWarning, "advisory database: skipped %v", b)
			}
			note(report.LevelNote, "advisories: %s (%d advisories for %d packages)", p, db.Len(), db.Packages())
			out = append(out, db)
		}
		return out, notices, nil
	}
	if o.offline {
		if dir, err := osv.DefaultCacheDir(); err == nil {
			path := osv.CachedDBPath(dir)
			if st, err := os.Stat(path); err == nil {
				db, bad, err := osv.Load(path)
				if err == nil {
					note(report.LevelNote, "advisories: OSV export downloaded %s (%d advisories)", st.ModTime().UTC().Format(time.DateOnly), db.Len())
					if len(bad) > 0 {
						note(report.LevelWarning, "advisory database: skipped %d unreadable files", len(bad))
					}
					return []osv.Source{db}, notices, nil
				}
				note(report.LevelWarning, "downloaded advisory database unusable (%v); using the built-in snapshot", err)
			}
		}
		db, err := osv.Snapshot()
		if err != nil {
			return nil, nil, err
		}
		note(report.LevelNote, "advisories: %s, %d advisories", osv.SnapshotName, db.Len())
		if age := osv.SnapshotAge(now); age > osv.StaleAfter {
			note(report.LevelWarning, "the built-in advisory snapshot is %d days old; newer advisories are missing: run 'snakeguard deps db update' or audit online", int(age.Hours()/24))
		}
		return []osv.Source{db}, notices, nil
	}
	c := osv.NewClient(o.osvURL)
	c.HTTP.Timeout = o.timeout
	c.Retries = max(o.retries, 0)
	note(report.LevelNote, "advisories: %s", c.Name())
	return []osv.Source{c}, notices, nil
}

func runDepsDB(e *env, args []string) int {
	if len(args) == 0 || args[0] != "update" {
		fmt.Fprintln(e.stderr, "usage: snakeguard deps db update [--url URL]")
		return ExitUsage
	}
	fs := flag.NewFlagSet("snakeguard deps db update", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	url := fs.String("url", osv.DefaultDBURL, "URL of the OSV PyPI export (all.zip)")
	dir := fs.String("cache-dir", "", "directory to store it in (default: the user cache directory)")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if *dir == "" {
		d, err := osv.DefaultCacheDir()
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard deps db update: %v\n", err)
			return ExitUsage
		}
		*dir = d
	}
	dest := osv.CachedDBPath(*dir)
	ctx := e.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	n, err := osv.DownloadDB(ctx, nil, *url, dest)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard deps db update: %v\n", err)
		return ExitUsage
	}
	fmt.Fprintf(e.stdout, "saved %d advisories to %s; 'snakeguard deps --offline' uses them\n", n, dest)
	return ExitOK
}

// applyFixes rewrites the == pins of requirements files, or prints the
// diff with --dry-run.
func applyFixes(e *env, o *depsOptions, results []audit.Result) ([]report.Notice, int) {
	var notices []report.Notice
	files := map[string]bool{}
	var order []string
	for _, r := range results {
		p := r.Package.Location.Path
		if r.FixVersion != "" && isRequirementsFile(p) && !files[p] {
			files[p] = true
			order = append(order, p)
		}
	}
	for _, path := range order {
		src, err := os.ReadFile(filepath.FromSlash(path))
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard deps: --fix: %v\n", err)
			return nil, ExitUsage
		}
		out, warnings, skipped := audit.RewritePins(src, audit.FixPins(results, path))
		for _, w := range warnings {
			notices = append(notices, report.Notice{Path: path, Level: report.LevelWarning, Message: w})
		}
		for _, s := range skipped {
			notices = append(notices, report.Notice{Path: path, Line: s.Line, Level: report.LevelWarning,
				Message: fmt.Sprintf("--fix: %s is not pinned with == on this line; upgrade it to %s by hand", s.Name, s.New)})
		}
		if bytes.Equal(src, out) {
			continue
		}
		if o.dryRun {
			fmt.Fprint(e.stderr, audit.UnifiedDiff(path, src, out))
			continue
		}
		if err := writeFileKeepMode(filepath.FromSlash(path), out); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard deps: --fix: %v\n", err)
			return nil, ExitUsage
		}
		notices = append(notices, report.Notice{Path: path, Level: report.LevelNote, Message: "--fix: pins updated"})
	}
	return notices, ExitOK
}

func isRequirementsFile(path string) bool {
	base := strings.ToLower(filepath.Base(path))
	return strings.HasSuffix(base, ".txt") || strings.HasSuffix(base, ".in")
}

func writeFileKeepMode(path string, data []byte) error {
	st, err := os.Stat(path)
	if err != nil {
		return err
	}
	return os.WriteFile(path, data, st.Mode().Perm())
}

func writeDepsReport(e *env, o *depsOptions, in *depsInput, results []audit.Result, findings []finding.Finding, notices []report.Notice) int {
	w := e.stdout
	var file *os.File
	if o.output != "" {
		f, err := os.Create(o.output)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
			return ExitUsage
		}
		file, w = f, f
	}
	var err error
	if o.format == "cyclonedx" {
		for _, n := range notices {
			fmt.Fprintf(e.stderr, "%s: %s\n", n.Level, n.Message)
		}
		err = sbom.Write(w, in.packages, results, sbom.Options{ToolVersion: Version, Time: time.Now()})
	} else {
		root, _ := os.Getwd()
		r := &report.Report{
			ToolVersion:  Version,
			Root:         root,
			Findings:     findings,
			Rules:        audit.Rules(),
			Notices:      notices,
			FilesScanned: len(in.files),
		}
		err = report.Write(w, o.format, r, report.Options{})
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard deps: %v\n", err)
		return ExitUsage
	}
	return ExitOK
}

func countUnpinned(pkgs []audit.Package) int {
	n := 0
	for _, p := range pkgs {
		if p.Version == "" {
			n++
		}
	}
	return n
}

// depsConfig loads the project configuration ([tool.snakeguard] or
// snakeguard.toml) and merges its [deps] settings under the flags.
func depsConfig(o *depsOptions) (*config.Config, error) {
	var cfg *config.Config
	var err error
	if o.configPath != "" {
		cfg, err = config.LoadFile(o.configPath)
	} else {
		start := "."
		if len(o.paths) > 0 {
			start = o.paths[0]
		} else if len(o.requirements) > 0 {
			start = filepath.Dir(o.requirements[0])
		}
		cfg, _, err = config.Load(start)
	}
	if err != nil {
		return nil, err
	}
	o.ignoreVulns = append(append(listFlag{}, cfg.Deps.IgnoreVulns...), o.ignoreVulns...)
	o.requireHashes = o.requireHashes || cfg.Deps.RequireHashes
	if cfg.Deps.Offline && len(o.dbs) == 0 && o.osvURL == osv.DefaultAPI {
		o.offline = true
	}
	return cfg, nil
}

// selected drops findings of rules that select/ignore or per-file-ignores
// turn off.
func selected(cfg *config.Config, fs []finding.Finding) []finding.Finding {
	var out []finding.Finding
	for _, f := range fs {
		rel := f.Location.Path
		if abs, err := filepath.Abs(filepath.FromSlash(rel)); err == nil && cfg.Dir != "" {
			if r, err := filepath.Rel(cfg.Dir, abs); err == nil {
				rel = filepath.ToSlash(r)
			}
		}
		if cfg.Enabled(f.RuleID) && !cfg.IgnoredForPath(f.RuleID, rel) {
			out = append(out, f)
		}
	}
	return out
}
