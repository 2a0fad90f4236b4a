package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"github.com/snakeguard/snakeguard/internal/taint"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/baseline"
	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/typosquat"
	"github.com/snakeguard/snakeguard/internal/deps/undeclared"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
	"github.com/snakeguard/snakeguard/internal/scan"
)

type scanOptions struct {
	format, output, configPath, stdinFilename   string
	selectRules, ignoreRules, exclude, extend   listFlag
	minSeverity, minConfidence, failOn, maxSize string
	baseline, writeBaseline                     string
	showSuppressed, warnUnused, noDeps, noColor bool
	onlineDeps, lowMemory                       bool
	workers                                     int
	shard                                       string
}

func scanFlagSet(o *scanOptions, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("snakeguard scan", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.format, "format", "", "output format: "+strings.Join(report.Formats(), ", ")+" (default text)")
	fs.StringVar(&o.output, "o", "", "write the report to this file")
	fs.StringVar(&o.configPath, "config", "", "read this configuration file instead of looking for one")
	fs.Var(&o.selectRules, "select", "run only these rule ids or prefixes (repeatable, comma-separated)")
	fs.Var(&o.ignoreRules, "ignore", "do not run these rule ids or prefixes (repeatable, comma-separated)")
	fs.Var(&o.exclude, "exclude", "skip paths matching this glob, replacing the default excludes (repeatable)")
	fs.Var(&o.extend, "extend-exclude", "skip paths matching this glob, in addition to the defaults (repeatable)")
	fs.StringVar(&o.minSeverity, "severity-threshold", "", "report findings at or above: low, medium, high, critical")
	fs.StringVar(&o.minSeverity, "min-severity", "", "same as --severity-threshold")
	fs.StringVar(&o.minConfidence, "confidence-threshold", "", "report findings at or above: low, medium, high")
	fs.StringVar(&o.failOn, "fail-on", "", "exit 1 only for findings at or above this severity (default low)")
	fs.StringVar(&o.maxSize, "max-file-size", "", "skip files larger than this (e.g. 5MB)")
	fs.StringVar(&o.baseline, "baseline", "", "report only findings that are not in this baseline file")
	fs.StringVar(&o.writeBaseline, "write-baseline", "", "write the current findings to this baseline file")
	fs.BoolVar(&o.showSuppressed, "show-suppressed", false, "also show suppressed findings")
	fs.BoolVar(&o.warnUnused, "warn-unused-suppressions", false, "warn about suppression comments that suppress nothing")
	fs.BoolVar(&o.noDeps, "no-deps", false, "do not audit the dependency manifests found under the paths")
	fs.BoolVar(&o.onlineDeps, "online-deps", false, "query the OSV API for the dependency audit (default: the offline database)")
	fs.BoolVar(&o.noColor, "no-color", false, "no colour in text output")
	fs.StringVar(&o.stdinFilename, "stdin-filename", "", "with PATH '-': the name to report for standard input")
	fs.IntVar(&o.workers, "j", 0, "files analysed in parallel (default: all cores)")
	fs.BoolVar(&o.lowMemory, "low-memory", false, "keep the Go heap near what the scan's trees need (a soft limit set from the source size; the collector runs more often, so the scan takes more CPU); an explicit GOMEMLIMIT wins")
	fs.StringVar(&o.shard, "shard", "", "scan only shard I of N (I/N, 1-based), by a stable hash of each path; merge the SARIF outputs")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: snakeguard scan [flags] [PATH...]   (PATH '-' reads one file from standard input)")
		fmt.Fprintln(stderr, "\nScans Python files and notebooks for security problems and audits the dependency")
		fmt.Fprintln(stderr, "manifests it finds. Exit status: 0 no findings, 1 findings, 2 usage or input error, 3 internal error.")
		fmt.Fprintln(stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	return fs
}

// splitList flattens repeatable, comma-separated flag values.
func splitList(l listFlag) []string {
	var out []string
	for _, v := range l {
		for _, s := range strings.Split(v, ",") {
			if s = strings.TrimSpace(s); s != "" {
				out = append(out, s)
			}
		}
	}
	return out
}

// configName names the file a configuration came from, for messages.
func configName(cfg *config.Config) string {
	if cfg.Path == "" {
		return "configuration"
	}
	return cfg.Path
}

func scanConfig(o *scanOptions, paths []string) (*config.Config, error) {
	var cfg *config.Config
	var err error
	if o.configPath != "" {
		cfg, err = config.LoadFile(o.configPath)
	} else {
		start := "."
		if len(paths) > 0 && paths[0] != "-" {
			start = paths[0]
		}
		cfg, _, err = config.Load(start)
	}
	if err != nil {
		return nil, err
	}
	if err := taint.CheckConfig(cfg.Taint); err != nil {
		return nil, fmt.Errorf("%s: [tool.snakeguard.taint]: %w", configName(cfg), err)
	}
	var ov config.Override
	if s := splitList(o.selectRules); len(s) > 0 {
		ov.Select = s
	}
	ov.Ignore = splitList(o.ignoreRules)
	if s := splitList(o.exclude); len(s) > 0 {
		ov.Exclude = s
	}
	ov.ExtendExclude = splitList(o.extend)
	if o.minSeverity != "" {
		s, err := finding.ParseSeverity(o.minSeverity)
		if err != nil {
			return nil, fmt.Errorf("--severity-threshold: %w", err)
		}
		ov.MinSeverity = &s
	}
	if o.minConfidence != "" {
		c, err := finding.ParseConfidence(o.minConfidence)
		if err != nil {
			return nil, fmt.Errorf("--confidence-threshold: %w", err)
		}
		ov.MinConfidence = &c
	}
	if o.failOn != "" {
		s, err := finding.ParseSeverity(o.failOn)
		if err != nil {
			return nil, fmt.Errorf("--fail-on: %w", err)
		}
		ov.FailOn = &s
	}
	if o.maxSize != "" {
		n, err := config.ParseSize(o.maxSize)
		if err != nil {
			return nil, fmt.Errorf("--max-file-size: %w", err)
		}
		ov.MaxFileSize = &n
	}
	if o.format != "" {
		ov.Format = &o.format
	}
	if o.baseline != "" {
		ov.Baseline = &o.baseline
	}
	if o.showSuppressed {
		ov.ShowSuppressed = &o.showSuppressed
	}
	if o.warnUnused {
		ov.WarnUnusedSuppressions = &o.warnUnused
	}
	if err := cfg.Merge(ov); err != nil {
		return nil, err
	}
	return cfg, nil
}

func runScan(e *env) int {
	var o scanOptions
	fs := scanFlagSet(&o, e.stderr)
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	paths := fs.Args()
	if len(paths) == 0 {
		paths = []string{"."}
	}
	for _, p := range paths {
		if p == "-" {
			if len(paths) > 1 {
				fmt.Fprintln(e.stderr, "snakeguard scan: '-' (standard input) cannot be combined with other paths")
				return ExitUsage
			}
			continue
		}
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard scan: %v\n", err)
			return ExitUsage
		}
	}
	cfg, err := scanConfig(&o, paths)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard scan: %v\n", err)
		return ExitUsage
	}
	format := cfg.Format
	if format == "" {
		format = "text"
	}
	if !validFormat(format) {
		fmt.Fprintf(e.stderr, "snakeguard scan: unknown format %q (%s)\n", format, strings.Join(report.Formats(), ", "))
		return ExitUsage
	}
	ctx := e.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	shard, shards := 0, 0
	if o.shard != "" {
		var i, n int
		if _, err := fmt.Sscanf(o.shard, "%d/%d", &i, &n); err != nil || n < 1 || i < 1 || i > n {
			fmt.Fprintf(e.stderr, "snakeguard scan: --shard wants I/N with 1 <= I <= N, not %q\n", o.shard)
			return ExitUsage
		}
		shard, shards = i-1, n
	}
	res, err := scan.Run(ctx, scan.Options{Paths: paths, Config: cfg, Workers: o.workers, Stdin: e.stdin, StdinFilename: o.stdinFilename, Shard: shard, Shards: shards, LimitMemory: o.lowMemory, PaceGC: true})
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard scan: %v\n", err)
		if errors.Is(err, baseline.ErrFormat) || errors.Is(err, os.ErrNotExist) || strings.HasPrefix(err.Error(), "baseline") {
			return ExitUsage
		}
		return ExitInternal
	}
	findings := res.Findings
	notices := res.Notices
	docs := res.Rules
	if !o.noDeps && !(len(paths) == 1 && paths[0] == "-") {
		fs, ns := scanDependencies(ctx, paths, o.onlineDeps, cfg, res)
		findings = append(findings, fs...)
		notices = append(notices, ns...)
		if len(fs) > 0 {
			docs = append(docs, audit.Rules()...)
		}
		finding.Sort(findings)
	}
	for _, u := range res.Unused {
		notices = append(notices, report.Notice{Path: u.Path, Line: u.Line, Level: report.LevelWarning, Message: "suppression comment suppresses nothing: " + u.Text})
	}
	if o.writeBaseline != "" {
		if err := baseline.WriteFile(o.writeBaseline, findings); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard scan: %v\n", err)
			return ExitUsage
		}
	}
	rep := &report.Report{
		ToolVersion: Version, Root: res.Root, Findings: findings, Rules: docs, Notices: notices,
		FilesScanned: res.FilesScanned, FilesSkipped: res.FilesSkipped, Duration: res.Duration,
		ShowSuppressed: cfg.ShowSuppressed,
	}
	out := e.stdout
	var file *os.File
	if o.output != "" {
		file, err = os.Create(o.output)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard scan: %v\n", err)
			return ExitUsage
		}
		out = file
	}
	color := !o.noColor && o.output == "" && format == "text" && isTerminal(e.stdout) && os.Getenv("NO_COLOR") == ""
	sourceLine := func(path string, line int) string {
		src := res.Sources[path]
		return lineOf(src, line)
	}
	werr := report.Write(out, format, rep, report.Options{Color: color, SourceLine: sourceLine})
	if file != nil {
		if cerr := file.Close(); werr == nil {
			werr = cerr
		}
	}
	if werr != nil {
		fmt.Fprintf(e.stderr, "snakeguard scan: %v\n", werr)
		return ExitInternal
	}
	for _, f := range findings {
		if cfg.Fails(f) {
			return ExitFindings
		}
	}
	return ExitOK
}

func validFormat(f string) bool {
	for _, x := range report.Formats() {
		if x == f {
			return true
		}
	}
	return f == "md"
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func lineOf(src []byte, line int) string {
	if line < 1 {
		return ""
	}
	for n := 1; n < line; n++ {
		i := bytes.IndexByte(src, '\n')
		if i < 0 {
			return ""
		}
		src = src[i+1:]
	}
	if i := bytes.IndexByte(src, '\n'); i >= 0 {
		src = src[:i]
	}
	return string(src)
}

// scanDependencies audits the manifests under the scanned directories,
// offline unless online is set.
func scanDependencies(ctx context.Context, paths []string, online bool, cfg *config.Config, res *scan.Result) ([]finding.Finding, []report.Notice) {
	var dirs []string
	for _, p := range paths {
		if st, err := os.Stat(p); err == nil && st.IsDir() {
			dirs = append(dirs, p)
		} else if err == nil && isManifestName(filepath.Base(p)) {
			dirs = append(dirs, p)
		}
	}
	if len(dirs) == 0 {
		return nil, nil
	}
	o := &depsOptions{paths: dirs, offline: !online, timeout: 20 * time.Second, retries: 2}
	in, err := collectDependencies(o)
	if errors.Is(err, errNoManifests) {
		return nil, nil // a project without manifests has nothing to audit
	}
	if err != nil {
		return nil, []report.Notice{{Level: report.LevelError, Message: "dependency audit: " + err.Error()}}
	}
	if len(in.packages) == 0 && len(in.findings) == 0 {
		fs, ns := undeclaredImports(in, res)
		return selected(cfg, fs), append(in.notices, ns...)
	}
	sources, notices, err := advisorySources(o, time.Now())
	if err != nil {
		return nil, append(in.notices, report.Notice{Level: report.LevelError, Message: "dependency audit: " + err.Error()})
	}
	notices = append(in.notices, notices...)
	results, err := audit.Audit(ctx, in.packages, sources, audit.Options{IgnoreVulns: cfg.Deps.IgnoreVulns})
	if err != nil {
		return nil, append(notices, report.Notice{Level: report.LevelError, Message: "dependency audit: " + err.Error()})
	}
	fs := append(audit.Findings(results), in.findings...)
	undeclaredFindings, undeclaredNotices := undeclaredImports(in, res)
	fs = append(fs, undeclaredFindings...)
	return selected(cfg, fs), append(notices, undeclaredNotices...)
}

// undeclaredImports reports third-party modules the code imports that no
// manifest declares (SG907); only when some manifest declares packages,
// and not when a manifest's declarations could not all be read.
func undeclaredImports(in *depsInput, res *scan.Result) ([]finding.Finding, []report.Notice) {
	if res == nil {
		return nil, nil
	}
	if len(in.incomplete) > 0 {
		return nil, []report.Notice{{Path: in.incomplete[0], Level: report.LevelNote,
			Message: "not all declared dependencies could be read statically, so imports are not checked against them (" + audit.RuleUndeclaredUse + ")"}}
	}
	if len(in.declared) == 0 {
		return nil, nil
	}
	checker, err := typosquat.Default()
	if err != nil {
		return nil, nil
	}
	var out []finding.Finding
	for _, im := range undeclared.Check(res.Imports, in.declared, res.LocalModules, checker.Distribution) {
		loc := finding.Location{Path: im.Path, Line: im.Line, Column: im.Column, EndLine: im.Line, EndColumn: im.Column + len(im.Module)}
		if i := strings.Index(im.LineText, im.Module); i >= 0 {
			loc.Column = len([]rune(im.LineText[:i])) + 1
			loc.EndColumn = loc.Column + len([]rune(im.Module))
		}
		f, err := audit.RuleFinding(audit.RuleUndeclaredUse, loc, im.LineText, im.Module,
			fmt.Sprintf("%s is imported but no requirements, lock, pyproject.toml, Pipfile, setup.cfg or setup.py file declares it", im.Module),
			fmt.Sprintf("Declare the distribution that provides %s (%s) in your requirements, pyproject.toml, Pipfile or setup.cfg, or remove the import.", im.Module, distName(checker, im.Module)),
			map[string]any{report.PropPackage: im.Module})
		if err == nil {
			out = append(out, f)
		}
	}
	return out, nil
}

func isManifestName(name string) bool {
	return strings.HasPrefix(name, "requirements") || isLockFile(name) || isDeclarationFile(name)
}

func distName(c *typosquat.Checker, module string) string {
	if d, ok := c.Distribution(module); ok {
		return d
	}
	return typosquat.Normalize(module)
}
