package manifest

import (
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/pelletier/go-toml/v2"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// tomlError turns a TOML decoding error into a ParseError with its line.
func tomlError(path string, err error) error {
	var de *toml.DecodeError
	if errors.As(err, &de) {
		line, _ := de.Position()
		return &ParseError{Path: path, Line: line, Err: fmt.Errorf("invalid TOML: %s", de.Error())}
	}
	return &ParseError{Path: path, Err: fmt.Errorf("invalid TOML: %w", err)}
}

// ParseTOMLLock reads the packages of poetry.lock, uv.lock, pdm.lock or a
// pylock.toml (PEP 751): the [[package]] / [[packages]] tables, each
// pointing at the line of its name. A package's marker (pylock and pdm
// "marker", poetry "markers") is kept. A package locked twice with the
// same version (pdm writes one more entry for each set of extras) is
// read once, at its first entry.
func ParseTOMLLock(path string, data []byte) ([]Dependency, error) {
	var doc map[string]any
	if err := toml.Unmarshal(data, &doc); err != nil {
		return nil, tomlError(path, err)
	}
	ls := lines(data)
	var out []Dependency
	inPkg := false
	var cur Dependency
	var markerLine int
	var markerText string
	sub := false
	seen := map[string]bool{}
	flush := func() error {
		key := pep508.NormalizeName(cur.Name) + " " + cur.Version
		if inPkg && cur.Name != "" && !seen[key] {
			seen[key] = true
			if markerText != "" {
				m, err := pep508.ParseMarker(markerText)
				if err != nil {
					return &ParseError{Path: path, Line: markerLine, Err: fmt.Errorf("marker of %s: %w", cur.Name, err)}
				}
				cur.Marker = m
			}
			out = append(out, cur)
		}
		cur, markerText = Dependency{}, ""
		return nil
	}
	for i, line := range ls {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			if t == "[[package]]" || t == "[[packages]]" {
				if err := flush(); err != nil {
					return nil, err
				}
				inPkg, sub = true, false
				continue
			}
			if strings.HasPrefix(t, "[[") || !strings.HasPrefix(t, "[package.") && !strings.HasPrefix(t, "[packages.") {
				if err := flush(); err != nil {
					return nil, err
				}
				inPkg = false
			} else {
				sub = true // [package.dependencies] and the like: not the package's own keys
			}
			continue
		}
		if !inPkg || sub {
			continue
		}
		key, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		val = strings.TrimSpace(val)
		switch {
		case key == "name" && cur.Name == "":
			cur.Name = tomlString(val)
			cur.Version = ""
			cur.place(ls, i+1)
		case key == "version" && cur.Version == "":
			cur.Version = tomlString(val)
		case (key == "marker" || key == "markers") && markerText == "":
			markerText, markerLine = tomlString(val), i+1
		}
	}
	if err := flush(); err != nil {
		return nil, err
	}
	if len(out) == 0 {
		return nil, &ParseError{Path: path, Err: errors.New("no [[package]] tables: not a lock file this build reads")}
	}
	return out, nil
}

// tomlString decodes a one-line TOML basic or literal string value.
func tomlString(val string) string {
	if strings.HasPrefix(val, "'") {
		if end := strings.IndexByte(val[1:], '\''); end >= 0 {
			return val[1 : 1+end]
		}
		return strings.Trim(val, "'")
	}
	if strings.HasPrefix(val, `"`) {
		var doc struct{ V string }
		if err := toml.Unmarshal([]byte("V = "+val), &doc); err == nil {
			return doc.V
		}
	}
	return strings.Trim(val, `"'`)
}

// ParsePipfileLock reads Pipfile.lock (JSON): "default", "develop" and
// the sections of custom package categories map names to
// {"version": "==X", "markers": "..."}. A package's Group is "" in
// "default" and the section's name elsewhere.
func ParsePipfileLock(path string, data []byte) ([]Dependency, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, &ParseError{Path: path, Line: jsonErrorLine(data, err), Err: fmt.Errorf("invalid JSON: %w", err)}
	}
	ls := lines(data)
	var out []Dependency
	sections := []string{"default", "develop"}
	var custom []string
	for k := range doc {
		if k != "_meta" && k != "default" && k != "develop" {
			custom = append(custom, k)
		}
	}
	sort.Strings(custom)
	for _, section := range append(sections, custom...) {
		var pkgs map[string]struct {
			Version string `json:"version"`
			Markers string `json:"markers"`
		}
		if raw, ok := doc[section]; ok {
			if err := json.Unmarshal(raw, &pkgs); err != nil {
				if section != "default" && section != "develop" {
					continue // not a package category
				}
				return nil, &ParseError{Path: path, Line: keyLine(ls, "", section), Err: fmt.Errorf("%s: %w", section, err)}
			}
		}
		names := make([]string, 0, len(pkgs))
		for n := range pkgs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			d := Dependency{Name: n, Spec: pkgs[n].Version}
			if section != "default" {
				d.Group = section
			}
			if v, ok := strings.CutPrefix(pkgs[n].Version, "=="); ok {
				d.Version = v
			}
			d.place(ls, keyLine(ls, section, n))
			if pkgs[n].Markers != "" {
				m, err := pep508.ParseMarker(pkgs[n].Markers)
				if err != nil {
					return nil, &ParseError{Path: path, Line: d.Line, Err: fmt.Errorf("markers of %s: %w", n, err)}
				}
				d.Marker = m
			}
			out = append(out, d)
		}
	}
	return out, nil
}

// jsonErrorLine is the line of a JSON syntax error's offset, 0 if unknown.
func jsonErrorLine(data []byte, err error) int {
	var se *json.SyntaxError
	if errors.As(err, &se) && se.Offset <= int64(len(data)) {
		return strings.Count(string(data[:se.Offset]), "\n") + 1
	}
	return 0
}

// keyLine finds the line of key name after the line of key section ("" for
// the top level), 0 if none.
func keyLine(ls []string, section, name string) int {
	in := section == ""
	quoted := strconv.Quote(name) + ":"
	for i, l := range ls {
		t := strings.TrimSpace(l)
		if !in && strings.HasPrefix(t, strconv.Quote(section)+":") {
			in = true
			continue
		}
		if in && strings.HasPrefix(t, quoted) {
			return i + 1
		}
	}
	return 0
}

// ParseMetadata reads the Name and Version headers of an installed
// distribution's core metadata (METADATA or PKG-INFO).
func ParseMetadata(path string, data []byte) (Dependency, error) {
	var d Dependency
	ls := lines(data)
	for i, line := range ls {
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Name:"); ok && d.Name == "" {
			d.Name = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "Version:"); ok && d.Version == "" {
			d.Version = strings.TrimSpace(v)
			d.Line, d.Text, d.Column = i+1, line, 1
		}
	}
	if d.Name == "" || d.Version == "" {
		return Dependency{}, &ParseError{Path: path, Err: errors.New("metadata without Name or Version")}
	}
	return d, nil
}
