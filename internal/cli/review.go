package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"

	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
	"github.com/snakeguard/snakeguard/internal/review"
	"github.com/snakeguard/snakeguard/internal/scan"
)

func runReview(e *env) int {
	var base, format, output string
	var o scanOptions
	var exitZero, noDeps bool
	fl := flag.NewFlagSet("snakeguard review", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	fl.StringVar(&base, "base", "", "compare with this git ref (default: the merge base with the default branch; on the default branch, HEAD when there are uncommitted changes, else HEAD~1)")
	fl.StringVar(&format, "format", "markdown", "output format: markdown, github-pr or json")
	fl.StringVar(&output, "o", "", "write the review to this file")
	fl.StringVar(&o.configPath, "config", "", "read this configuration file instead of looking for one")
	fl.Var(&o.selectRules, "select", "run only these rule ids or prefixes (repeatable, comma-separated)")
	fl.Var(&o.ignoreRules, "ignore", "do not run these rule ids or prefixes (repeatable, comma-separated)")
	fl.StringVar(&o.failOn, "fail-on", "", "exit 1 only for findings at or above this severity (default low)")
	fl.BoolVar(&exitZero, "exit-zero", false, "exit 0 even when there are findings")
	fl.BoolVar(&noDeps, "no-deps", false, "do not audit the dependency manifests (offline, built-in or downloaded advisories)")
	fl.IntVar(&o.workers, "j", 0, "files analysed in parallel (default: all cores)")
	fl.Usage = func() {
		fmt.Fprintln(e.stderr, "Usage: snakeguard review [flags] [PATH]")
		fmt.Fprintln(e.stderr, "\nReviews what changed in the git work tree since a base commit (committed, staged, unstaged")
		fmt.Fprintln(e.stderr, "and untracked files): the whole project is scanned and its dependency manifests audited offline,")
		fmt.Fprintln(e.stderr, "the findings on changed lines or in data flows through them are reported, then a checklist")
		fmt.Fprintln(e.stderr, "for the kinds of code that changed.")
		fmt.Fprintln(e.stderr, "Exit status: 0 no findings, 1 findings, 2 not a git repository, unknown ref or usage error, 3 internal error.")
		fmt.Fprintln(e.stderr, "\nFlags:")
		fl.PrintDefaults()
	}
	if err := fl.Parse(e.args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return ExitOK
		}
		return ExitUsage
	}
	if fl.NArg() > 1 {
		fmt.Fprintln(e.stderr, "snakeguard review: at most one PATH")
		return ExitUsage
	}
	switch format {
	case "markdown", "md", "github-pr", "json":
	default:
		fmt.Fprintf(e.stderr, "snakeguard review: unknown format %q (markdown, github-pr, json)\n", format)
		return ExitUsage
	}
	path := "."
	if fl.NArg() == 1 {
		path = fl.Arg(0)
	}
	if _, err := os.Stat(path); err != nil {
		fmt.Fprintf(e.stderr, "snakeguard review: %v\n", err)
		return ExitUsage
	}
	cfg, err := scanConfig(&o, []string{path})
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard review: %v\n", err)
		return ExitUsage
	}
	opt := review.Options{Path: path, Base: base, Config: cfg, Workers: o.workers}
	if !noDeps {
		opt.Dependencies = func(ctx context.Context, res *scan.Result) []finding.Finding {
			fs, notices := scanDependencies(ctx, []string{path}, false, cfg, res)
			for _, n := range notices {
				if n.Level == report.LevelError {
					fmt.Fprintf(e.stderr, "snakeguard review: %s\n", n.Message)
				}
			}
			return fs
		}
	}
	rv, err := review.Run(e.context(), opt)
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard review: %v\n", err)
		if errors.Is(err, review.ErrNotRepo) || errors.Is(err, review.ErrUnknownRef) || errors.Is(err, os.ErrNotExist) {
			return ExitUsage
		}
		return ExitInternal
	}
	var w io.Writer = e.stdout
	var file *os.File
	if output != "" {
		if file, err = os.Create(output); err != nil {
			fmt.Fprintf(e.stderr, "snakeguard review: %v\n", err)
			return ExitUsage
		}
		w = file
	}
	meta := review.Meta{ToolVersion: Version}
	switch format {
	case "json":
		err = rv.WriteJSON(w, meta)
	case "github-pr":
		_, err = io.WriteString(w, rv.GitHubPR(meta, 0))
	default:
		_, err = io.WriteString(w, rv.Markdown(meta))
	}
	if file != nil {
		if cerr := file.Close(); err == nil {
			err = cerr
		}
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard review: %v\n", err)
		return ExitInternal
	}
	if exitZero {
		return ExitOK
	}
	for _, f := range rv.Findings {
		if cfg.Fails(f.Finding) {
			return ExitFindings
		}
	}
	return ExitOK
}
