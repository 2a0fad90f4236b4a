package manifest

import (
	"errors"
	"fmt"
	"strings"
)

// iniFile is an INI file read the way Python's configparser.ConfigParser
// reads it with its defaults (as setuptools does for setup.cfg): sections
// in brackets, `key = value` or `key: value` options, values continued on
// lines indented deeper than their key, whole-line comments starting with
// "#" or ";" (no inline comments), empty lines kept inside values, and
// duplicate sections or options rejected.
type iniFile struct {
	sections []*iniSection
	defaults *iniSection // [DEFAULT]: options every section inherits
}

type iniSection struct {
	name    string
	line    int
	options []*iniOption
}

// iniOption is one option; lines holds its value line by line, the first
// one being the text after the delimiter ("" when the value starts on the
// next line).
type iniOption struct {
	name  string
	line  int
	lines []iniLine
}

type iniLine struct {
	text string
	line int
}

// parseINI reads data; a line configparser rejects is a *ParseError.
func parseINI(path string, data []byte) (*iniFile, error) {
	f := &iniFile{}
	var cur *iniSection
	var opt *iniOption
	indent := 0
	seen := map[string]bool{}
	ls := lines([]byte(strings.TrimPrefix(string(data), "\ufeff")))
	if len(ls) > 0 && ls[len(ls)-1] == "" {
		ls = ls[:len(ls)-1] // the end of the last line, not an empty line
	}
	for i, raw := range ls {
		n := i + 1
		stripped := strings.TrimSpace(raw)
		if strings.HasPrefix(stripped, "#") || strings.HasPrefix(stripped, ";") {
			continue
		}
		if stripped == "" {
			if opt != nil {
				opt.lines = append(opt.lines, iniLine{"", n})
			}
			continue
		}
		level := len(raw) - len(strings.TrimLeft(raw, " \t\f\v"))
		if opt != nil && level > indent {
			opt.lines = append(opt.lines, iniLine{stripped, n})
			continue
		}
		indent = level
		if name, ok := iniHeader(stripped); ok {
			if seen["["+name] {
				return nil, &ParseError{Path: path, Line: n, Err: fmt.Errorf("section %q already exists", name)}
			}
			seen["["+name] = true
			cur, opt = &iniSection{name: name, line: n}, nil
			if name == "DEFAULT" {
				f.defaults = cur
			} else {
				f.sections = append(f.sections, cur)
			}
			continue
		}
		if cur == nil {
			return nil, &ParseError{Path: path, Line: n, Err: errors.New("file contains no section headers")}
		}
		key, value, ok := iniOptionLine(stripped)
		if !ok {
			return nil, &ParseError{Path: path, Line: n, Err: fmt.Errorf("not a section, an option or a continuation line: %q", stripped)}
		}
		if seen[cur.name+"]"+key] {
			return nil, &ParseError{Path: path, Line: n, Err: fmt.Errorf("option %q in section %q already exists", key, cur.name)}
		}
		seen[cur.name+"]"+key] = true
		opt = &iniOption{name: key, line: n, lines: []iniLine{{value, n}}}
		cur.options = append(cur.options, opt)
	}
	return f, nil
}

// iniHeader matches configparser's `\[(?P<header>.+)\]` at the start of
// a stripped line: the header runs to the last "]".
func iniHeader(s string) (string, bool) {
	if !strings.HasPrefix(s, "[") {
		return "", false
	}
	end := strings.LastIndexByte(s, ']')
	if end < 2 {
		return "", false
	}
	return s[1:end], true
}

// iniOptionLine splits at the first "=" or ":"; the key must not be empty.
func iniOptionLine(s string) (key, value string, ok bool) {
	i := strings.IndexAny(s, "=:")
	if i < 0 {
		return "", "", false
	}
	key = strings.TrimRight(s[:i], " \t")
	if key == "" {
		return "", "", false
	}
	return key, strings.TrimSpace(s[i+1:]), true
}

func (f *iniFile) section(name string) *iniSection {
	for _, s := range f.sections {
		if s.name == name {
			return s
		}
	}
	return nil
}

// option finds a section's option by any of names, falling back to
// [DEFAULT] as configparser does.
func (f *iniFile) option(section string, names ...string) *iniOption {
	for _, s := range []*iniSection{f.section(section), f.defaults} {
		if s == nil {
			continue
		}
		for _, o := range s.options {
			for _, n := range names {
				if o.name == n {
					return o
				}
			}
		}
	}
	return nil
}

// maxInterpolationDepth is configparser's MAX_INTERPOLATION_DEPTH.
const maxInterpolationDepth = 10

// interpolate applies configparser's BasicInterpolation to one value
// line: "%%" is "%", "%(name)s" is that option of the section (or
// [DEFAULT]); any other "%" is an error, as it is for setuptools.
func (f *iniFile) interpolate(section, s string, depth int) (string, error) {
	if !strings.Contains(s, "%") {
		return s, nil
	}
	if depth > maxInterpolationDepth {
		return "", errors.New("interpolation nested too deeply")
	}
	var b strings.Builder
	for {
		i := strings.IndexByte(s, '%')
		if i < 0 {
			b.WriteString(s)
			return b.String(), nil
		}
		b.WriteString(s[:i])
		s = s[i:]
		switch {
		case strings.HasPrefix(s, "%%"):
			b.WriteByte('%')
			s = s[2:]
		case strings.HasPrefix(s, "%("):
			end := strings.Index(s, ")s")
			if end < 0 {
				return "", fmt.Errorf("bad interpolation syntax in %q", s)
			}
			name := s[2:end]
			o := f.option(section, name)
			if o == nil {
				return "", fmt.Errorf("interpolation refers to the missing option %q", name)
			}
			v, err := f.interpolate(section, o.value(), depth+1)
			if err != nil {
				return "", err
			}
			b.WriteString(v)
			s = s[end+2:]
		default:
			return "", fmt.Errorf("'%%' must be followed by '%%' or '(' in %q", s)
		}
	}
}

// value is the option's value as configparser returns it: the lines
// joined with newlines, trailing white space removed.
func (o *iniOption) value() string {
	parts := make([]string, len(o.lines))
	for i, l := range o.lines {
		parts[i] = l.text
	}
	return strings.TrimRight(strings.Join(parts, "\n"), " \t\n\r\f\v")
}
