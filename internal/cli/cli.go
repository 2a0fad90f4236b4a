// Package cli implements snakeguard's command line. It parses flags and
// calls library code; it is the only package that prints.
package cli

import (
	"context"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Exit codes.
const (
	ExitOK       = 0 // no findings at or above the threshold
	ExitFindings = 1 // findings at or above the threshold
	ExitUsage    = 2 // usage or input error
	ExitInternal = 3 // internal error
)

// Version is the snakeguard version; set at build time with -ldflags.
var Version = "0.1.0-dev"

// env is what every command gets: its arguments and streams.
type env struct {
	ctx    context.Context
	args   []string
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// context is the command's context (background when none was given).
func (e *env) context() context.Context {
	if e.ctx == nil {
		return context.Background()
	}
	return e.ctx
}

type command struct {
	summary string
	run     func(e *env) int
}

func commands() map[string]command {
	return map[string]command{
		"scan":        {"scan Python files for security problems (the default)", runScan},
		"deps":        {"audit dependencies for known vulnerabilities, pinning and typosquatting", runDeps},
		"explain":     {"show a rule's documentation: why, vulnerable and secure code, fix", runExplain},
		"rules":       {"list the rule catalogue", runRules},
		"report":      {"write a compliance report (Markdown and HTML): report --compliance pci-dss|asvs|iso27001|owasp-top10", runReport},
		"learn":       {"self-study: spot the vulnerable line and the weakness, rule by rule", runLearn},
		"review":      {"review the changes since a git ref: findings on changed lines and a checklist", runReview},
		"debug":       {"front-end tools: debug ast|tokens|parse", runDebug},
		"version":     {"print the version", runVersion},
		"merge-sarif": {"merge the SARIF logs of sharded scans (scan --shard I/N)", runMergeSARIF},
	}
}

// Run executes the command line args and returns the process exit code.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) (code int) {
	defer func() {
		if r := recover(); r != nil {
			fmt.Fprintf(stderr, "snakeguard: internal error: %v\n", r)
			code = ExitInternal
		}
	}()
	cmds := commands()
	if len(args) == 0 {
		args = []string{"scan", "."}
	}
	name := args[0]
	switch name {
	case "-h", "--help", "help":
		usage(stdout, cmds)
		return ExitOK
	case "--version", "-V":
		name = "version"
	}
	cmd, ok := cmds[name]
	rest := args[1:]
	if !ok {
		// `snakeguard PATH` means `snakeguard scan PATH`.
		if strings.HasPrefix(name, "-") || isPath(name) {
			cmd, rest = cmds["scan"], args
		} else {
			fmt.Fprintf(stderr, "snakeguard: unknown command %q (see snakeguard --help)\n", name)
			return ExitUsage
		}
	}
	return cmd.run(&env{ctx: ctx, args: rest, stdin: stdin, stdout: stdout, stderr: stderr})
}

func isPath(s string) bool {
	if s == "-" {
		return true
	}
	_, err := os.Stat(s)
	return err == nil
}

func usage(w io.Writer, cmds map[string]command) {
	fmt.Fprintln(w, "snakeguard: a security analyzer for Python projects")
	fmt.Fprintln(w, "\nUsage: snakeguard [command] [flags] [path...]")
	fmt.Fprintln(w, "\nCommands:")
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-12s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'snakeguard COMMAND -h' for a command's flags.")
}

func runVersion(e *env) int {
	fmt.Fprintf(e.stdout, "snakeguard %s\n", Version)
	return ExitOK
}
