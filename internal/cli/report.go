package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/snakeguard/snakeguard/internal/compliance"
	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
	"github.com/snakeguard/snakeguard/internal/rules"
	"github.com/snakeguard/snakeguard/internal/scan"
)

// runReport implements `snakeguard report --compliance FRAMEWORK`: it scans
// (or reads a saved JSON result) and writes a Markdown and an HTML report.
func runReport(e *env) int {
	var o scanOptions
	fs := scanFlagSet(&o, e.stderr)
	framework := fs.String("compliance", "", "framework: "+strings.Join(compliance.Frameworks(), ", "))
	outDir := fs.String("out-dir", "", "write compliance-FRAMEWORK.md and .html into this directory")
	from := fs.String("from", "", "build the report from this saved `scan --format json` result instead of scanning")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: snakeguard report --compliance FRAMEWORK [scan flags] [-o BASE | --out-dir DIR] [PATH...]")
		fmt.Fprintln(e.stderr, "\nScans PATH (or reads --from FILE) and writes a Markdown and a self-contained HTML report:")
		fmt.Fprintln(e.stderr, "which requirements snakeguard's rules cover, what the scan found per requirement, and what")
		fmt.Fprintln(e.stderr, "static analysis does not cover. -o BASE writes BASE.md and BASE.html.")
		fmt.Fprintln(e.stderr, "\nFlags:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if *framework == "" {
		fmt.Fprintf(e.stderr, "snakeguard report: --compliance is required (%s)\n", strings.Join(compliance.Frameworks(), ", "))
		return ExitUsage
	}
	if o.output != "" && *outDir != "" {
		fmt.Fprintln(e.stderr, "snakeguard report: give -o or --out-dir, not both")
		return ExitUsage
	}
	paths := fs.Args()
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard report: %v\n", err)
			return ExitUsage
		}
	}
	ctx := e.ctx
	if ctx == nil {
		ctx = context.Background()
	}
	in := compliance.Input{Framework: *framework, ToolVersion: Version, Date: time.Now()}
	if *from != "" {
		f, err := os.Open(*from)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard report: %v\n", err)
			return ExitUsage
		}
		saved, err := report.ReadJSON(f)
		f.Close()
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard report: %s: %v\n", *from, err)
			return ExitUsage
		}
		in.Rules = rules.Docs()
		in.Findings = saved.Findings
		in.FilesScanned = saved.FilesScanned
		in.Source = fmt.Sprintf("%s (written by snakeguard %s)", *from, saved.ToolVersion)
		in.Paths = paths
		if len(paths) > 0 {
			in.Commit = gitCommit(ctx, paths[0])
		} else {
			in.Commit = "not recorded in the saved result (give the scanned PATH to record it)"
		}
	} else {
		if len(paths) == 0 {
			paths = []string{"."}
		}
		var err error
		in.Rules, in.Findings, in.FilesScanned, err = reportScan(ctx, &o, paths)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard report: %v\n", err)
			return ExitUsage
		}
		in.Paths = paths
		in.Commit = gitCommit(ctx, paths[0])
	}
	rep, err := compliance.Build(in)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard report: %v\n", err)
		return ExitUsage
	}
	base := reportBase(o.output, *outDir, rep.Framework)
	if dir := filepath.Dir(base); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard report: %v\n", err)
			return ExitUsage
		}
	}
	for _, w := range []struct {
		ext   string
		write func(*os.File) error
	}{
		{".md", func(f *os.File) error { return compliance.WriteMarkdown(f, rep) }},
		{".html", func(f *os.File) error { return compliance.WriteHTML(f, rep) }},
	} {
		if err := writeFile(base+w.ext, w.write); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard report: %v\n", err)
			return ExitInternal
		}
	}
	fmt.Fprintf(e.stdout, "wrote %s.md and %s.html (%d findings)\n", base, base, rep.Findings)
	return ExitOK
}

// reportScan runs the scan pipeline of `snakeguard scan` and returns the
// rules that ran, the findings and the number of files scanned.
func reportScan(ctx context.Context, o *scanOptions, paths []string) ([]finding.RuleDoc, []finding.Finding, int, error) {
	cfg, err := scanConfig(o, paths)
	if err != nil {
		return nil, nil, 0, err
	}
	res, err := scan.Run(ctx, scan.Options{Paths: paths, Config: cfg, Workers: o.workers, LimitMemory: o.lowMemory, PaceGC: true})
	if err != nil {
		return nil, nil, 0, err
	}
	docs := append([]finding.RuleDoc(nil), res.Rules...)
	findings := res.Findings
	if !o.noDeps {
		fs, _ := scanDependencies(ctx, paths, o.onlineDeps, cfg, res)
		findings = append(findings, fs...)
		for _, d := range audit.Rules() {
			if cfg.Enabled(d.ID) {
				docs = append(docs, d)
			}
		}
	}
	return docs, findings, res.FilesScanned, nil
}

// reportBase is the report's file name without extension.
func reportBase(output, outDir, framework string) string {
	if output != "" {
		return strings.TrimSuffix(strings.TrimSuffix(output, ".md"), ".html")
	}
	if outDir == "" {
		outDir = "."
	}
	return filepath.Join(outDir, "compliance-"+framework)
}

func writeFile(path string, write func(*os.File) error) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	werr := write(f)
	if cerr := f.Close(); werr == nil {
		werr = cerr
	}
	if werr != nil {
		return fmt.Errorf("write %s: %w", path, werr)
	}
	return nil
}

// gitCommit describes the git revision of path: the commit id, marked when
// tracked files have uncommitted changes, or why there is none. It never
// fails: a report without git is still a report.
func gitCommit(ctx context.Context, path string) string {
	dir := path
	if st, err := os.Stat(path); err == nil && !st.IsDir() {
		dir = filepath.Dir(path)
	}
	if _, err := exec.LookPath("git"); err != nil {
		return "unknown (git is not installed)"
	}
	ctx, cancel := context.WithTimeout(ctx, 10*time.Second)
	defer cancel()
	out, err := exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--verify", "HEAD").Output()
	if err != nil {
		if exec.CommandContext(ctx, "git", "-C", dir, "rev-parse", "--git-dir").Run() == nil {
			return "no commit yet (git repository without commits)"
		}
		return "not a git repository"
	}
	commit := strings.TrimSpace(string(out))
	status, err := exec.CommandContext(ctx, "git", "-C", dir, "status", "--porcelain", "--untracked-files=no").Output()
	if err == nil && len(strings.TrimSpace(string(status))) > 0 {
		commit += " (with uncommitted changes)"
	}
	return commit
}
