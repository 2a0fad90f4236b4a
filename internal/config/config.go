// Package config loads snakeguard's settings: [tool.snakeguard] in
// pyproject.toml, or the top level of snakeguard.toml / .snakeguard.toml.
// Command-line flags override the file through Merge.
//
// Discovery (Load) starts at the scanned path and walks up to the
// repository root (a directory holding .git) or the filesystem root; the
// nearest directory with a config file wins. In one directory,
// .snakeguard.toml is preferred to snakeguard.toml, and both to a
// pyproject.toml that has a [tool.snakeguard] table.
//
// Unknown keys are an error that names the key, the file and the line.
package config

import (
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// DefaultMaxFileSize is the size above which a file is skipped (5 MiB).
const DefaultMaxFileSize int64 = 5 << 20

// DefaultExclude lists what a scan skips unless `exclude` replaces it:
// version control, virtual environments, caches, build output and
// third-party code. `extend-exclude` adds to it.
var DefaultExclude = []string{
	".git", ".hg", ".svn", ".bzr",
	".venv", "venv", ".direnv", "__pypackages__",
	".tox", ".nox", ".eggs", "*.egg-info",
	"__pycache__", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".pytype",
	"build", "dist", "site-packages", "node_modules", "_build", "buck-out",
}

// Config is the effective configuration of a run.
type Config struct {
	// Path is the file the configuration came from ("" for defaults) and
	// Dir its directory. Exclude globs, per-file-ignores and a relative
	// baseline path are relative to Dir.
	Path string
	Dir  string

	// Select lists rule ids or prefixes ("SG1", "SG101") to run; empty
	// means every rule. Ignore lists ids or prefixes not to run. The most
	// specific entry wins; on a tie, Ignore wins. "ALL" matches every rule.
	Select []string
	Ignore []string
	// MinSeverity and MinConfidence drop findings below them.
	MinSeverity   finding.Severity
	MinConfidence finding.Confidence
	// Exclude (default DefaultExclude) and ExtendExclude are globs of
	// paths not to scan.
	Exclude       []string
	ExtendExclude []string
	// PerFileIgnores turns rules off for paths, sorted by Glob.
	PerFileIgnores []PathIgnore
	// MaxFileSize in bytes; larger files are skipped with a notice.
	MaxFileSize int64
	// Format is the report format ("" means the command's default).
	Format string
	// Baseline is the baseline file to filter findings with ("" for none).
	Baseline               string
	ShowSuppressed         bool
	WarnUnusedSuppressions bool
	// FailOn is the lowest severity of an unsuppressed finding that makes
	// the run fail (exit code 1).
	FailOn finding.Severity

	Taint TaintConfig
	Deps  DepsConfig
}

// PathIgnore turns Rules (ids or prefixes) off for paths matching Glob.
type PathIgnore struct {
	Glob  string
	Rules []string
}

// TaintConfig holds the project's own taint specifications, as written;
// the taint engine validates them.
type TaintConfig struct {
	Sources    []TaintEntry
	Sinks      []TaintEntry
	Sanitizers []TaintEntry
	// FileSources makes file contents untrusted ("file-sources").
	FileSources bool
}

// TaintEntry is one [[tool.snakeguard.taint.sources]] (or sinks,
// sanitizers) table.
type TaintEntry struct {
	QualName string // "qualname": the function or attribute, e.g. "myorm.Session.query"
	Kind     string // "kind": e.g. "sql", "command", "user-input"
	Args     []any  // "args": argument positions (int64) or keyword names (string)
	// Extra holds any other keys of the table, for the taint engine.
	Extra map[string]any
}

// DepsConfig configures the dependency audit.
type DepsConfig struct {
	IgnoreVulns   []string // advisory ids (GHSA-…, PYSEC-…, CVE-…) to ignore
	RequireHashes bool     // requirement files must pin --hash for every package
	Offline       bool     // use the local or embedded advisory database only
}

// Default returns the configuration used when no file is found.
func Default() *Config {
	return &Config{
		MinSeverity:   finding.Low,
		MinConfidence: finding.LowConfidence,
		Exclude:       append([]string(nil), DefaultExclude...),
		MaxFileSize:   DefaultMaxFileSize,
		FailOn:        finding.Low,
	}
}

// ruleSelectorRe matches what select, ignore and per-file-ignores accept.
var ruleSelectorRe = regexp.MustCompile(`^(ALL|SG[0-9]{0,3})$`)

func validSelector(s string) bool { return ruleSelectorRe.MatchString(s) }

// matchLen returns the length of the most specific selector in sels that
// matches ruleID ("ALL" counts as 0), or -1 if none does.
func matchLen(sels []string, ruleID string) int {
	best := -1
	for _, s := range sels {
		switch {
		case s == "ALL":
			best = max(best, 0)
		case strings.HasPrefix(ruleID, s):
			best = max(best, len(s))
		}
	}
	return best
}

// SyntaxErrorRule is the id of the finding for a file that does not parse.
// It is reported whatever Select says; only ignoring it by its exact id
// turns it off.
const SyntaxErrorRule = "SG000"

// Enabled reports whether the rule runs under Select and Ignore.
func (c *Config) Enabled(ruleID string) bool {
	if ruleID == SyntaxErrorRule {
		return !contains(c.Ignore, SyntaxErrorRule)
	}
	sel := 0 // no select list: every rule is selected
	if len(c.Select) > 0 {
		sel = matchLen(c.Select, ruleID)
	}
	if sel < 0 {
		return false
	}
	return matchLen(c.Ignore, ruleID) < sel
}

// IgnoredForPath reports whether per-file-ignores turn the rule off for
// relPath (slash-separated, relative to Dir).
func (c *Config) IgnoredForPath(ruleID, relPath string) bool {
	for _, pi := range c.PerFileIgnores {
		if matchLen(pi.Rules, ruleID) >= 0 && MatchPath(pi.Glob, relPath) {
			return true
		}
	}
	return false
}

// Excluded reports whether relPath (slash-separated, relative to Dir) or
// one of its parent directories matches Exclude or ExtendExclude.
func (c *Config) Excluded(relPath string) bool {
	for _, globs := range [][]string{c.Exclude, c.ExtendExclude} {
		for _, g := range globs {
			if MatchPath(g, relPath) {
				return true
			}
		}
	}
	return false
}

// Keep reports whether a finding at relPath is reported at all: its rule is
// enabled and not ignored for the path, and its severity and confidence
// reach the thresholds. Findings whose severity or confidence is unknown
// are kept.
func (c *Config) Keep(f finding.Finding, relPath string) bool {
	if !c.Enabled(f.RuleID) || c.IgnoredForPath(f.RuleID, relPath) {
		return false
	}
	if f.Severity != finding.SeverityUnknown && f.Severity < c.MinSeverity {
		return false
	}
	if f.Confidence != finding.ConfidenceUnknown && f.Confidence < c.MinConfidence {
		return false
	}
	return true
}

// Fails reports whether a finding makes the run fail: it is not suppressed
// and its severity is at least FailOn (unknown severities fail).
func (c *Config) Fails(f finding.Finding) bool {
	return !f.Suppressed && (f.Severity == finding.SeverityUnknown || f.Severity >= c.FailOn)
}

// Override holds settings given on the command line; nil or empty fields
// leave the file's setting alone.
type Override struct {
	Select        []string // replaces select
	Ignore        []string // added to ignore
	Exclude       []string // replaces exclude
	ExtendExclude []string // added to extend-exclude
	MinSeverity   *finding.Severity
	MinConfidence *finding.Confidence
	FailOn        *finding.Severity
	MaxFileSize   *int64
	Format        *string
	Baseline      *string // relative to the working directory, not Dir

	ShowSuppressed         *bool
	WarnUnusedSuppressions *bool

	IgnoreVulns   []string // added to deps.ignore-vulns
	RequireHashes *bool
	Offline       *bool
}

// Merge applies command-line overrides. It checks rule selectors the way
// a config file's are checked.
func (c *Config) Merge(o Override) error {
	for _, list := range [][]string{o.Select, o.Ignore} {
		for _, s := range list {
			if !validSelector(s) {
				return fmt.Errorf("invalid rule selector %q (want ALL, SG, or SG followed by up to three digits)", s)
			}
		}
	}
	if len(o.Select) > 0 {
		c.Select = append([]string(nil), o.Select...)
	}
	c.Ignore = append(c.Ignore, o.Ignore...)
	if len(o.Exclude) > 0 {
		c.Exclude = append([]string(nil), o.Exclude...)
	}
	c.ExtendExclude = append(c.ExtendExclude, o.ExtendExclude...)
	setIf(&c.MinSeverity, o.MinSeverity)
	setIf(&c.MinConfidence, o.MinConfidence)
	setIf(&c.FailOn, o.FailOn)
	setIf(&c.MaxFileSize, o.MaxFileSize)
	setIf(&c.Format, o.Format)
	setIf(&c.Baseline, o.Baseline)
	setIf(&c.ShowSuppressed, o.ShowSuppressed)
	setIf(&c.WarnUnusedSuppressions, o.WarnUnusedSuppressions)
	c.Deps.IgnoreVulns = append(c.Deps.IgnoreVulns, o.IgnoreVulns...)
	setIf(&c.Deps.RequireHashes, o.RequireHashes)
	setIf(&c.Deps.Offline, o.Offline)
	return nil
}

func setIf[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// sortedPathIgnores turns the per-file-ignores table into a sorted list.
func sortedPathIgnores(m map[string][]string) []PathIgnore {
	out := make([]PathIgnore, 0, len(m))
	for g, rules := range m {
		out = append(out, PathIgnore{Glob: g, Rules: rules})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Glob < out[j].Glob })
	return out
}
