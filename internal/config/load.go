package config

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"
	"github.com/pelletier/go-toml/v2/unstable"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// fileConfig mirrors the keys of the [tool.snakeguard] table. Pointers and
// nil slices tell "not set" from a zero value.
type fileConfig struct {
	Select                 []string            `toml:"select"`
	Ignore                 []string            `toml:"ignore"`
	Severity               *string             `toml:"severity"`
	Confidence             *string             `toml:"confidence"`
	Exclude                []string            `toml:"exclude"`
	ExtendExclude          []string            `toml:"extend-exclude"`
	PerFileIgnores         map[string][]string `toml:"per-file-ignores"`
	MaxFileSize            any                 `toml:"max-file-size"`
	Format                 *string             `toml:"format"`
	Baseline               *string             `toml:"baseline"`
	ShowSuppressed         *bool               `toml:"show-suppressed"`
	WarnUnusedSuppressions *bool               `toml:"warn-unused-suppressions"`
	FailOn                 *string             `toml:"fail-on"`
	Taint                  *taintTable         `toml:"taint"`
	Deps                   *depsTable          `toml:"deps"`
}

type taintTable struct {
	Sources     []map[string]any `toml:"sources"`
	Sinks       []map[string]any `toml:"sinks"`
	Sanitizers  []map[string]any `toml:"sanitizers"`
	FileSources *bool            `toml:"file-sources"`
}

type depsTable struct {
	IgnoreVulns   []string `toml:"ignore-vulns"`
	RequireHashes *bool    `toml:"require-hashes"`
	Offline       *bool    `toml:"offline"`
}

type pyproject struct {
	Tool struct {
		Snakeguard *fileConfig `toml:"snakeguard"`
	} `toml:"tool"`
}

// File names searched in each directory, in order of preference.
var configNames = []string{".snakeguard.toml", "snakeguard.toml", "pyproject.toml"}

// Formats a config file may name in `format`.
var knownFormats = []string{"text", "json", "sarif", "github", "markdown", "md", "html"}

// Load finds the configuration for a scan of startDir (a directory or a
// file): the nearest config file in startDir or a parent, up to the
// repository root (a directory containing .git) or the filesystem root. It
// returns the defaults and "" when there is none; their Dir is then the
// repository root, or startDir outside a repository.
func Load(startDir string) (*Config, string, error) {
	dir, err := filepath.Abs(startDir)
	if err != nil {
		return nil, "", fmt.Errorf("find config for %s: %w", startDir, err)
	}
	if fi, err := os.Stat(dir); err == nil && !fi.IsDir() {
		dir = filepath.Dir(dir)
	}
	start := dir
	for {
		for _, name := range configNames {
			path := filepath.Join(dir, name)
			data, err := os.ReadFile(path)
			if errors.Is(err, fs.ErrNotExist) {
				continue
			}
			if err != nil {
				if fi, serr := os.Stat(path); serr == nil && fi.IsDir() {
					continue // a directory that happens to have the name
				}
				return nil, "", fmt.Errorf("read config: %w", err)
			}
			if name == "pyproject.toml" && !hasSnakeguardTable(data) {
				continue
			}
			c, err := parse(path, data)
			if err != nil {
				return nil, "", err
			}
			return c, path, nil
		}
		if isRepoRoot(dir) {
			c := Default()
			c.Dir = dir
			return c, "", nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	c := Default()
	c.Dir = start
	return c, "", nil
}

func isRepoRoot(dir string) bool {
	_, err := os.Stat(filepath.Join(dir, ".git"))
	return err == nil
}

// hasSnakeguardTable reports whether a pyproject.toml has a
// [tool.snakeguard] table (or a tool.snakeguard.* key).
var snakeguardTableRe = regexp.MustCompile(`(?m)^\s*\[\s*tool\s*\.\s*snakeguard\s*[\].]|^\s*tool\s*\.\s*snakeguard\s*[.=]`)

func hasSnakeguardTable(data []byte) bool {
	return snakeguardTableRe.Match(data)
}

// LoadFile reads one config file: a pyproject.toml (its [tool.snakeguard]
// table; none means defaults) or a snakeguard.toml.
func LoadFile(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		return nil, fmt.Errorf("read config %s: %w", path, err)
	}
	return parse(abs, data)
}

// parse decodes and validates a config file's content.
func parse(path string, data []byte) (*Config, error) {
	isPyproject := filepath.Base(path) == "pyproject.toml"
	var prefix []string
	var fc *fileConfig
	var strict *toml.StrictMissingError
	if isPyproject {
		prefix = []string{"tool", "snakeguard"}
		var pp pyproject
		err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(&pp)
		if err != nil && !errors.As(err, &strict) {
			return nil, decodeError(path, err)
		}
		fc = pp.Tool.Snakeguard
	} else {
		fc = new(fileConfig)
		err := toml.NewDecoder(bytes.NewReader(data)).DisallowUnknownFields().Decode(fc)
		if err != nil && !errors.As(err, &strict) {
			return nil, decodeError(path, err)
		}
	}
	if strict != nil {
		if err := unknownKeys(path, prefix, strict); err != nil {
			return nil, err
		}
	}
	c := Default()
	c.Path, c.Dir = path, filepath.Dir(path)
	if fc == nil {
		return c, nil
	}
	v := validator{path: path, data: data, prefix: prefix}
	v.apply(c, fc)
	if len(v.errs) > 0 {
		return nil, errors.Join(v.errs...)
	}
	return c, nil
}

// decodeError reports a TOML syntax or type error with its position.
func decodeError(path string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		row, col := de.Position()
		msg := de.Error()
		if m := typeErrorRe.FindStringSubmatch(msg); m != nil {
			want, ok := goTypeNames[strings.TrimPrefix(m[2], "*")]
			if !ok {
				want = "another type"
			}
			msg = fmt.Sprintf("wrong type: got a TOML %s, want %s", m[1], want)
		}
		if key := strings.Join(de.Key(), "."); key != "" {
			return fmt.Errorf("%s:%d:%d: %s: %s", path, row, col, key, msg)
		}
		return fmt.Errorf("%s:%d:%d: %s", path, row, col, msg)
	}
	return fmt.Errorf("%s: %w", path, err)
}

var typeErrorRe = regexp.MustCompile(`cannot decode TOML (\w+) into .* of type (\S+)`)

// goTypeNames describes the Go types of fileConfig's fields to users.
var goTypeNames = map[string]string{
	"string":                    "a string",
	"bool":                      "true or false",
	"[]string":                  "a list of strings",
	"map[string][]string":       "a table of lists of strings",
	"config.taintTable":         "a table",
	"config.depsTable":          "a table",
	"[]map[string]interface {}": "a list of tables",
	"config.fileConfig":         "a table",
}

// knownKeys are the keys of the snakeguard table, for suggestions.
var knownKeys = []string{
	"select", "ignore", "severity", "confidence", "exclude", "extend-exclude",
	"per-file-ignores", "max-file-size", "format", "baseline", "show-suppressed",
	"warn-unused-suppressions", "fail-on", "taint", "deps",
	"taint.sources", "taint.sinks", "taint.sanitizers", "taint.file-sources",
	"deps.ignore-vulns", "deps.require-hashes", "deps.offline",
}

// unknownKeys turns the strict decoder's list of unknown keys inside the
// snakeguard table into an error; keys elsewhere in a pyproject.toml
// belong to other tools.
func unknownKeys(path string, prefix []string, strict *toml.StrictMissingError) error {
	var errs []error
	for _, e := range strict.Errors {
		key := []string(e.Key())
		if !hasPrefix(key, prefix) {
			continue
		}
		rel := strings.Join(key[len(prefix):], ".")
		full := strings.Join(key, ".")
		row, _ := e.Position()
		msg := fmt.Sprintf("%s:%d: unknown key %q", path, row, full)
		if len(prefix) == 0 && key[0] == "tool" {
			msg += fmt.Sprintf(" (%s takes the settings at the top level, without [tool.snakeguard])", filepath.Base(path))
		} else if s := suggest(rel); s != "" {
			msg += fmt.Sprintf(" (did you mean %q?)", strings.Join(append(append([]string(nil), prefix...), s), "."))
		}
		errs = append(errs, errors.New(msg))
	}
	return errors.Join(errs...)
}

func hasPrefix(key, prefix []string) bool {
	if len(key) < len(prefix) {
		return false
	}
	for i := range prefix {
		if key[i] != prefix[i] {
			return false
		}
	}
	return true
}

// suggest returns the known key that an unknown key most likely meant:
// the same key spelt with '_' instead of '-', or in another case.
func suggest(key string) string {
	norm := strings.ToLower(strings.ReplaceAll(key, "_", "-"))
	for _, k := range knownKeys {
		if k == norm {
			return k
		}
	}
	return ""
}

// validator converts a decoded fileConfig into a Config, collecting every
// invalid value as an error with its line.
type validator struct {
	path   string
	data   []byte
	prefix []string
	errs   []error
}

func (v *validator) errorf(key string, format string, args ...any) {
	full := append(append([]string(nil), v.prefix...), strings.Split(key, ".")...)
	loc := v.path
	if line := keyLine(v.data, full); line > 0 {
		loc += ":" + strconv.Itoa(line)
	}
	v.errs = append(v.errs, fmt.Errorf("%s: %s: %s", loc, strings.Join(full, "."), fmt.Sprintf(format, args...)))
}

func (v *validator) apply(c *Config, fc *fileConfig) {
	v.selectors("select", fc.Select)
	v.selectors("ignore", fc.Ignore)
	c.Select, c.Ignore = fc.Select, fc.Ignore
	if fc.Severity != nil {
		if s, err := finding.ParseSeverity(*fc.Severity); err != nil {
			v.errorf("severity", "%v", err)
		} else {
			c.MinSeverity = s
		}
	}
	if fc.FailOn != nil {
		if s, err := finding.ParseSeverity(*fc.FailOn); err != nil {
			v.errorf("fail-on", "%v", err)
		} else {
			c.FailOn = s
		}
	}
	if fc.Confidence != nil {
		if s, err := finding.ParseConfidence(*fc.Confidence); err != nil {
			v.errorf("confidence", "%v", err)
		} else {
			c.MinConfidence = s
		}
	}
	if fc.Exclude != nil {
		v.globs("exclude", fc.Exclude)
		c.Exclude = fc.Exclude
	}
	v.globs("extend-exclude", fc.ExtendExclude)
	c.ExtendExclude = fc.ExtendExclude
	c.PerFileIgnores = sortedPathIgnores(fc.PerFileIgnores)
	for _, pi := range c.PerFileIgnores {
		if !validGlob(pi.Glob) {
			v.errorf("per-file-ignores", "invalid glob %q", pi.Glob)
		}
		v.selectors("per-file-ignores", pi.Rules)
	}
	if fc.MaxFileSize != nil {
		if n, err := parseSize(fc.MaxFileSize); err != nil {
			v.errorf("max-file-size", "%v", err)
		} else {
			c.MaxFileSize = n
		}
	}
	if fc.Format != nil {
		if !contains(knownFormats, *fc.Format) {
			v.errorf("format", "unknown format %q (want one of %s)", *fc.Format, strings.Join(knownFormats, ", "))
		}
		c.Format = *fc.Format
	}
	if fc.Baseline != nil {
		c.Baseline = *fc.Baseline
		if c.Baseline != "" && !filepath.IsAbs(c.Baseline) {
			c.Baseline = filepath.Join(c.Dir, filepath.FromSlash(c.Baseline))
		}
	}
	setIf(&c.ShowSuppressed, fc.ShowSuppressed)
	setIf(&c.WarnUnusedSuppressions, fc.WarnUnusedSuppressions)
	if fc.Taint != nil {
		c.Taint.Sources = v.taintEntries("taint.sources", fc.Taint.Sources)
		c.Taint.Sinks = v.taintEntries("taint.sinks", fc.Taint.Sinks)
		c.Taint.Sanitizers = v.taintEntries("taint.sanitizers", fc.Taint.Sanitizers)
		setIf(&c.Taint.FileSources, fc.Taint.FileSources)
	}
	if fc.Deps != nil {
		c.Deps.IgnoreVulns = fc.Deps.IgnoreVulns
		setIf(&c.Deps.RequireHashes, fc.Deps.RequireHashes)
		setIf(&c.Deps.Offline, fc.Deps.Offline)
	}
}

func (v *validator) selectors(key string, sels []string) {
	for _, s := range sels {
		if !validSelector(s) {
			v.errorf(key, "invalid rule selector %q (want ALL, SG, or SG followed by up to three digits)", s)
		}
	}
}

func (v *validator) globs(key string, globs []string) {
	for _, g := range globs {
		if !validGlob(g) {
			v.errorf(key, "invalid glob %q", g)
		}
	}
}

// taintEntries converts raw taint tables, checking the keys every entry
// needs; the taint engine checks the rest.
func (v *validator) taintEntries(key string, raw []map[string]any) []TaintEntry {
	var out []TaintEntry
	for i, m := range raw {
		e := TaintEntry{Extra: map[string]any{}}
		for k, val := range m {
			switch k {
			case "qualname":
				s, ok := val.(string)
				if !ok || s == "" {
					v.errorf(key, "entry %d: qualname must be a non-empty string", i+1)
				}
				e.QualName = s
			case "kind":
				s, ok := val.(string)
				if !ok {
					v.errorf(key, "entry %d: kind must be a string", i+1)
				}
				e.Kind = s
			case "args":
				args, ok := val.([]any)
				if !ok {
					v.errorf(key, "entry %d: args must be a list of positions or keyword names", i+1)
				}
				for _, a := range args {
					switch a.(type) {
					case int64, string:
					default:
						v.errorf(key, "entry %d: args must hold integers (positions) or strings (keyword names), not %v", i+1, a)
					}
				}
				e.Args = args
			default:
				e.Extra[k] = val
			}
		}
		if _, ok := m["qualname"]; !ok {
			v.errorf(key, "entry %d has no qualname", i+1)
		}
		out = append(out, e)
	}
	return out
}

var sizeRe = regexp.MustCompile(`^\s*([0-9]+)\s*([kKmMgG]i?[bB]?|[bB])?\s*$`)

// ParseSize reads a size as written on the command line: a number of bytes
// or a number with a unit, "512KB", "5MB", "5MiB", "1G" (K, M and G are
// powers of 1024 either way).
func ParseSize(s string) (int64, error) {
	return parseSize(s)
}

// parseSize reads a size from a config value: an integer number of bytes
// or a string (see ParseSize).
func parseSize(v any) (int64, error) {
	switch n := v.(type) {
	case int64:
		if n <= 0 {
			return 0, fmt.Errorf("size must be positive, got %d", n)
		}
		return n, nil
	case string:
		m := sizeRe.FindStringSubmatch(n)
		if m == nil {
			return 0, fmt.Errorf("invalid size %q (want bytes, or a number with KB, MB or GB)", n)
		}
		num, err := strconv.ParseInt(m[1], 10, 64)
		if err != nil || num <= 0 {
			return 0, fmt.Errorf("invalid size %q", n)
		}
		shift := 0
		switch strings.ToUpper(m[2][:min(1, len(m[2]))]) {
		case "K":
			shift = 10
		case "M":
			shift = 20
		case "G":
			shift = 30
		}
		if num > (1<<62)>>shift {
			return 0, fmt.Errorf("size %q is too large", n)
		}
		return num << shift, nil
	}
	return 0, fmt.Errorf("size must be an integer or a string like \"5MB\", not %v", v)
}

func contains(xs []string, x string) bool {
	for _, y := range xs {
		if x == y {
			return true
		}
	}
	return false
}

// keyLine returns the line where key (a full dotted path) is set in a TOML
// document, or 0 if it cannot tell.
func keyLine(data []byte, key []string) int {
	var p unstable.Parser
	p.Reset(data)
	var table []string
	for p.NextExpression() {
		e := p.Expression()
		switch e.Kind {
		case unstable.Table, unstable.ArrayTable:
			table = keyParts(e.Key())
			if equalKeys(table, key) {
				return lineOf(&p, e.Key())
			}
		case unstable.KeyValue:
			full := append(append([]string(nil), table...), keyParts(e.Key())...)
			if equalKeys(full, key) || hasPrefix(key, full) {
				return lineOf(&p, e.Key())
			}
		}
	}
	return 0
}

func keyParts(it unstable.Iterator) []string {
	var parts []string
	for it.Next() {
		parts = append(parts, string(it.Node().Data))
	}
	return parts
}

func lineOf(p *unstable.Parser, it unstable.Iterator) int {
	if it.Next() {
		if n := it.Node(); n.Raw.Length > 0 {
			return p.Shape(n.Raw).Start.Line
		}
	}
	return 0
}

func equalKeys(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// Keys returns the known top-level keys, sorted; for documentation.
func Keys() []string {
	var out []string
	for _, k := range knownKeys {
		if !strings.Contains(k, ".") {
			out = append(out, k)
		}
	}
	sort.Strings(out)
	return out
}
