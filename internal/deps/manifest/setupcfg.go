package manifest

import (
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// SetupConfig is what a setup.cfg (or setup.py) declares: the
// requirements of install_requires and extras_require, python_requires,
// and the files that a `file:` directive reads requirements from.
type SetupConfig struct {
	Dependencies []Dependency
	Problems     []Problem
	// Files are the requirements files named by `install_requires = file: ...`.
	Files          []FileReference
	PythonRequires string
	PythonLine     int
	// Computed is set when a declaration could not be read statically
	// (setup.py only); Problems says which and where.
	Computed bool
}

// FileReference is a requirements file a manifest reads its requirements
// from, with the line that names it.
type FileReference struct {
	Target string
	Line   int
	Group  string // the extra, "" for install_requires
}

// ParseSetupCfg reads [options] install_requires and python_requires and
// [options.extras_require] of a setup.cfg the way setuptools does: a value
// spread over several lines has one requirement per line; a value on one
// line is split at ";" (so a marker there is a mistake setuptools warns
// about, reported here as a problem); " #" comments are dropped.
func ParseSetupCfg(path string, data []byte) (SetupConfig, error) {
	f, err := parseINI(path, data)
	if err != nil {
		return SetupConfig{}, err
	}
	var out SetupConfig
	if o := f.option("options", "python_requires", "python-requires"); o != nil {
		v, err := f.interpolate("options", o.value(), 0)
		if err != nil {
			return SetupConfig{}, &ParseError{Path: path, Line: o.line, Err: fmt.Errorf("python_requires: %w", err)}
		}
		out.PythonRequires, out.PythonLine = v, o.line
	}
	ls := lines(data)
	if o := f.option("options", "install_requires", "install-requires"); o != nil {
		if err := out.readRequirementList(f, ls, "options", o, ""); err != nil {
			return SetupConfig{}, &ParseError{Path: path, Line: o.line, Err: err}
		}
	}
	if s := f.section("options.extras_require"); s != nil {
		for _, o := range s.options {
			if err := out.readRequirementList(f, ls, s.name, o, o.name); err != nil {
				return SetupConfig{}, &ParseError{Path: path, Line: o.line, Err: err}
			}
		}
	}
	return out, nil
}

// setupItem is one entry of a requirements list with its line.
type setupItem struct {
	text string
	line int
}

// readRequirementList parses one install_requires or extras value.
func (c *SetupConfig) readRequirementList(f *iniFile, ls []string, section string, o *iniOption, group string) error {
	var items []setupItem
	for _, l := range o.lines {
		v, err := f.interpolate(section, l.text, 0)
		if err != nil {
			return fmt.Errorf("%s: %w", o.name, err)
		}
		items = append(items, setupItem{v, l.line})
	}
	if strings.HasPrefix(strings.TrimSpace(items[0].text), "file:") && len(strings.TrimSpace(o.value())) > 0 {
		spec := strings.TrimPrefix(strings.TrimSpace(o.value()), "file:")
		for _, target := range strings.Split(spec, ",") {
			if t := strings.TrimSpace(target); t != "" {
				c.Files = append(c.Files, FileReference{Target: t, Line: o.line, Group: group})
			}
		}
		return nil
	}
	if !strings.Contains(o.value(), "\n") {
		var split []setupItem
		for _, part := range strings.Split(items[0].text, ";") {
			split = append(split, setupItem{part, o.line})
		}
		items = split
	}
	c.addRequirements(ls, items, group, o.name)
	return nil
}

// addRequirements parses requirement strings as setuptools does: blank
// entries and comments are dropped, " #" comments cut, backslash
// continuations joined; what does not parse is a Problem.
func (c *SetupConfig) addRequirements(ls []string, items []setupItem, group, field string) {
	for i := 0; i < len(items); i++ {
		it := items[i]
		text := strings.TrimSpace(stripComment(it.text))
		for strings.HasSuffix(text, `\`) && i+1 < len(items) {
			i++
			text = strings.TrimSpace(strings.TrimSuffix(text, `\`) + " " + strings.TrimSpace(stripComment(items[i].text)))
		}
		if text == "" {
			continue
		}
		r, err := pep508.Parse(text)
		if err != nil {
			msg := fmt.Sprintf("%s: not a requirement: %v; skipped", field, err)
			if _, merr := pep508.ParseMarker(text); merr == nil {
				msg = fmt.Sprintf("%s: %q is an environment marker, not a requirement: a value on one line is split at \";\"; put each requirement on its own line", field, text)
			}
			c.Problems = append(c.Problems, Problem{Line: it.line, Message: msg})
			continue
		}
		d := FromRequirement(r)
		d.Group = group
		d.place(ls, it.line)
		c.Dependencies = append(c.Dependencies, d)
	}
}
