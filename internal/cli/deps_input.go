package cli

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/snakeguard/snakeguard/internal/deps/typosquat"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/report"
)

// depsInput is what the manifests yield: the dependencies to audit, the
// findings of the manifest checks, and notices about unreadable files.
type depsInput struct {
	packages []audit.Package
	findings []finding.Finding
	notices  []report.Notice
	files    []string
}

// collectDependencies reads the requirements files named with -r and
// those found under the PATH arguments. Includes (-r) are followed;
// constraints files (-c) only restrict versions and are not audited.
func collectDependencies(o *depsOptions) (*depsInput, error) {
	in := &depsInput{}
	files := append([]string(nil), o.requirements...)
	locks := append([]string(nil), o.locks...)
	for _, p := range o.paths {
		found, err := findManifests(p)
		if err != nil {
			return nil, err
		}
		for _, f := range found {
			if isLockFile(filepath.Base(f)) {
				locks = append(locks, f)
			} else {
				files = append(files, f)
			}
		}
	}
	var requirementFiles []string
	for _, f := range files {
		if filepath.Base(f) == "pyproject.toml" {
			if err := readPyproject(in, f); err != nil {
				return nil, err
			}
			continue
		}
		requirementFiles = append(requirementFiles, f)
	}
	files = requirementFiles
	for _, p := range locks {
		if err := readLock(in, p); err != nil {
			return nil, err
		}
	}
	for _, p := range o.sitePaths {
		if err := readInstalled(in, p); err != nil {
			return nil, err
		}
	}
	if len(files) == 0 && (len(o.sitePaths)+len(locks) > 0 || len(in.packages)+len(in.findings)+len(in.notices) > 0) {
		return in, nil
	}
	if len(files) == 0 {
		return nil, errors.New("no requirements or lock files found (name one with -r FILE or --lock FILE)")
	}
	seen := map[string]bool{}
	for _, f := range files {
		if err := readRequirements(in, f, seen, o.requireHashes, 0); err != nil {
			return nil, err
		}
	}
	return in, nil
}

// isLockFile reports whether a file name is one of the lock files readLock
// reads.
func isLockFile(name string) bool {
	switch name {
	case "uv.lock", "poetry.lock", "pdm.lock", "Pipfile.lock", "pylock.toml":
		return true
	}
	return strings.HasPrefix(name, "pylock.") && strings.HasSuffix(name, ".toml")
}

// findManifests lists requirements*.txt and lock files under path,
// skipping hidden directories, virtualenvs and node_modules.
func findManifests(path string) ([]string, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if !st.IsDir() {
		return []string{path}, nil
	}
	var out []string
	err = filepath.WalkDir(path, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if p != path && (strings.HasPrefix(name, ".") || name == "node_modules" || name == "venv" || name == "__pycache__" || name == "site-packages") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasPrefix(name, "requirements") && strings.HasSuffix(name, ".txt") || isLockFile(name) || name == "pyproject.toml" {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// maxIncludeDepth bounds chains of -r includes.
const maxIncludeDepth = 20

// readRequirements reads one requirements file in pip's format: comments,
// backslash continuations, options lines, extras, markers, URLs and
// per-requirement --hash options. A requirement has an exact version when
// its only specifier is == (without a wildcard) or ===.
func readRequirements(in *depsInput, path string, seen map[string]bool, requireHashes bool, depth int) error {
	clean := filepath.Clean(path)
	if seen[clean] {
		return nil
	}
	seen[clean] = true
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rel := displayPath(path)
	in.files = append(in.files, rel)
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	for i := 0; i < len(lines); i++ {
		first := i
		logical := stripComment(lines[i])
		for strings.HasSuffix(logical, "\\") && i+1 < len(lines) {
			i++
			logical = strings.TrimSuffix(logical, "\\") + " " + stripComment(lines[i])
		}
		logical = strings.TrimSpace(logical)
		if logical == "" {
			continue
		}
		if strings.HasPrefix(logical, "-") {
			if inc, ok := includeTarget(logical); ok {
				if depth >= maxIncludeDepth {
					return fmt.Errorf("%s:%d: -r includes nested too deep", rel, first+1)
				}
				target := filepath.Join(filepath.Dir(path), inc)
				if err := readRequirements(in, target, seen, requireHashes, depth+1); err != nil {
					return fmt.Errorf("%s:%d: %w", rel, first+1, err)
				}
			}
			continue
		}
		pkg, hashed, ok := parseRequirementLine(logical)
		direct := strings.Contains(logical, "@")
		if !ok {
			in.notices = append(in.notices, report.Notice{Path: rel, Line: first + 1, Level: report.LevelWarning,
				Message: "not a requirement this build understands; skipped"})
			continue
		}
		pkg.Line = strings.TrimRight(lines[first], "\r")
		pkg.Location = nameSpan(rel, first+1, pkg.Line, pkg.Name)
		in.packages = append(in.packages, pkg)
		if pkg.Version == "" && !direct {
			f, err := audit.RuleFinding(audit.RuleUnpinned, pkg.Location, pkg.Line, pkg.Name,
				fmt.Sprintf("%s is not pinned to one version (%s)", pkg.Name, requirementSpec(logical)), "",
				map[string]any{report.PropPackage: pkg.Name})
			if err != nil {
				return err
			}
			in.findings = append(in.findings, f)
		}
		if checker, err := typosquat.Default(); err == nil {
			if m, ok := checker.Check(pkg.Name); ok {
				f, err := audit.RuleFinding(audit.RuleTyposquat, pkg.Location, pkg.Line, pkg.Name,
					m.Reason+"; check that this is the project you mean", "",
					map[string]any{report.PropPackage: pkg.Name, "imitates": m.Popular})
				if err != nil {
					return err
				}
				in.findings = append(in.findings, f)
			}
		}
		if requireHashes && !hashed {
			f, err := audit.RuleFinding(audit.RuleMissingHashes, pkg.Location, pkg.Line, pkg.Name,
				fmt.Sprintf("%s has no --hash option although hashes are required", pkg.Name), "",
				map[string]any{report.PropPackage: pkg.Name})
			if err != nil {
				return err
			}
			in.findings = append(in.findings, f)
		}
	}
	return nil
}

// stripComment removes a comment: "#" at the start or after whitespace.
func stripComment(line string) string {
	line = strings.TrimRight(line, "\r")
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	if i := strings.Index(line, " #"); i >= 0 {
		line = line[:i]
	}
	if i := strings.Index(line, "\t#"); i >= 0 {
		line = line[:i]
	}
	return strings.TrimRight(line, " \t")
}

// includeTarget returns the file of "-r FILE" / "--requirement FILE".
func includeTarget(line string) (string, bool) {
	for _, opt := range []string{"--requirement=", "--requirement ", "-r ", "-r"} {
		if rest, ok := strings.CutPrefix(line, opt); ok {
			rest = strings.TrimSpace(rest)
			return rest, rest != ""
		}
	}
	return "", false
}

// parseRequirementLine reads "name[extras] specifiers ; marker --hash=...".
func parseRequirementLine(line string) (audit.Package, bool, bool) {
	hashed := strings.Contains(line, "--hash")
	if i := strings.Index(line, " --"); i >= 0 {
		line = line[:i]
	}
	if i := strings.IndexByte(line, ';'); i >= 0 {
		line = line[:i]
	}
	line = strings.TrimSpace(line)
	end := 0
	for end < len(line) && isNameByte(line[end]) {
		end++
	}
	name := line[:end]
	if name == "" || strings.Contains(line, "://") && !strings.Contains(line, "@") {
		return audit.Package{}, false, false
	}
	rest := strings.TrimSpace(line[end:])
	if strings.HasPrefix(rest, "[") {
		close := strings.IndexByte(rest, ']')
		if close < 0 {
			return audit.Package{}, false, false
		}
		rest = strings.TrimSpace(rest[close+1:])
	}
	if rest != "" && !strings.ContainsAny(rest[:1], "=<>!~@(") {
		return audit.Package{}, false, false
	}
	pkg := audit.Package{Name: name}
	if strings.HasPrefix(rest, "@") { // direct reference: no version to match
		return pkg, hashed, true
	}
	spec := strings.ReplaceAll(strings.Trim(rest, "()"), " ", "")
	if !strings.Contains(spec, ",") {
		if v, ok := strings.CutPrefix(spec, "==="); ok {
			pkg.Version = v
		} else if v, ok := strings.CutPrefix(spec, "=="); ok && !strings.HasSuffix(v, "*") {
			pkg.Version = v
		}
	}
	return pkg, hashed, true
}

func isNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.'
}

// displayPath makes path relative to the working directory when it lies
// inside it, slash-separated, as findings' paths are.
func displayPath(path string) string {
	if filepath.IsAbs(path) {
		if wd, err := os.Getwd(); err == nil {
			if r, err := filepath.Rel(wd, path); err == nil && !strings.HasPrefix(r, "..") {
				return filepath.ToSlash(r)
			}
		}
	}
	return filepath.ToSlash(filepath.Clean(path))
}

// requirementSpec returns the version part of a requirement for messages:
// its specifiers, or "any version".
func requirementSpec(line string) string {
	if i := strings.Index(line, " --"); i >= 0 {
		line = line[:i]
	}
	line, _, _ = strings.Cut(line, ";")
	i := strings.IndexAny(line, "=<>!~")
	if i < 0 {
		return "any version"
	}
	return strings.TrimSpace(line[i:])
}

// sitePackages returns the site-packages directories of a virtualenv, or
// dir itself when it holds distributions.
func sitePackages(dir string) ([]string, error) {
	if st, err := os.Stat(dir); err != nil {
		return nil, err
	} else if !st.IsDir() {
		return nil, fmt.Errorf("--path %s: not a directory", dir)
	}
	if m, _ := filepath.Glob(filepath.Join(dir, "*.dist-info")); len(m) > 0 {
		return []string{dir}, nil
	}
	var out []string
	for _, pat := range []string{"lib/python*/site-packages", "lib64/python*/site-packages", "Lib/site-packages"} {
		m, _ := filepath.Glob(filepath.Join(dir, filepath.FromSlash(pat)))
		out = append(out, m...)
	}
	if len(out) == 0 {
		return nil, fmt.Errorf("--path %s: no site-packages directory and no *.dist-info in it", dir)
	}
	return out, nil
}

// readInstalled lists the distributions installed in a virtualenv or
// site-packages directory from their *.dist-info/METADATA headers.
func readInstalled(in *depsInput, dir string) error {
	sites, err := sitePackages(dir)
	if err != nil {
		return err
	}
	for _, site := range sites {
		infos, _ := filepath.Glob(filepath.Join(site, "*.dist-info"))
		for _, info := range infos {
			meta := filepath.Join(info, "METADATA")
			data, err := os.ReadFile(meta)
			if err != nil {
				in.notices = append(in.notices, report.Notice{Path: displayPath(info), Level: report.LevelWarning, Message: "no readable METADATA; skipped"})
				continue
			}
			name, version, line := metadataNameVersion(string(data))
			if name == "" || version == "" {
				in.notices = append(in.notices, report.Notice{Path: displayPath(meta), Level: report.LevelWarning, Message: "METADATA without Name or Version; skipped"})
				continue
			}
			rel := displayPath(meta)
			in.files = append(in.files, rel)
			in.packages = append(in.packages, audit.Package{Name: name, Version: version,
				Location: finding.Location{Path: rel, Line: line, Column: 1}, Line: "Version: " + version})
		}
	}
	return nil
}

// metadataNameVersion reads the Name and Version headers of a core
// metadata file (RFC 822 style; the headers end at the first blank line).
func metadataNameVersion(data string) (name, version string, versionLine int) {
	for i, line := range strings.Split(data, "\n") {
		line = strings.TrimRight(line, "\r")
		if line == "" {
			break
		}
		if v, ok := strings.CutPrefix(line, "Name:"); ok && name == "" {
			name = strings.TrimSpace(v)
		}
		if v, ok := strings.CutPrefix(line, "Version:"); ok && version == "" {
			version, versionLine = strings.TrimSpace(v), i+1
		}
	}
	return name, version, versionLine
}

// readLock reads the locked packages of a lock file: the [[package]] (or,
// in pylock.toml, [[packages]]) tables of poetry.lock, uv.lock, pdm.lock
// and pylock.toml, or the default and develop sections of Pipfile.lock.
// Each package points at the line of its name.
func readLock(in *depsInput, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rel := displayPath(path)
	in.files = append(in.files, rel)
	var pkgs []audit.Package
	if strings.HasSuffix(path, ".json") || filepath.Base(path) == "Pipfile.lock" {
		pkgs, err = pipfileLock(data)
	} else {
		pkgs, err = tomlLock(data)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", rel, err)
	}
	lines := strings.Split(string(data), "\n")
	for i := range pkgs {
		pkgs[i].Location.Path = rel
		if l := pkgs[i].Location.Line; l > 0 && l <= len(lines) {
			pkgs[i].Line = strings.TrimRight(lines[l-1], "\r")
			pkgs[i].Location = nameSpan(rel, l, pkgs[i].Line, pkgs[i].Name)
		}
	}
	in.packages = append(in.packages, pkgs...)
	return nil
}

// tomlLock scans the package tables of a TOML lock file line by line; the
// tools that write these files put name and version on lines of their own.
func tomlLock(data []byte) ([]audit.Package, error) {
	var out []audit.Package
	inPkg := false
	var cur audit.Package
	flush := func() {
		if inPkg && cur.Name != "" {
			out = append(out, cur)
		}
		cur = audit.Package{}
	}
	for i, line := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "[") {
			if t == "[[package]]" || t == "[[packages]]" {
				flush()
				inPkg = true
				continue
			}
			if strings.HasPrefix(t, "[[") || !strings.HasPrefix(t, "[package.") && !strings.HasPrefix(t, "[packages.") {
				flush()
				inPkg = false
			}
			continue
		}
		if !inPkg {
			continue
		}
		key, val, ok := strings.Cut(t, "=")
		if !ok {
			continue
		}
		key = strings.TrimSpace(key)
		val = strings.Trim(strings.TrimSpace(val), `"'`)
		switch {
		case key == "name" && cur.Name == "":
			cur.Name = val
			cur.Location = finding.Location{Line: i + 1, Column: 1}
		case key == "version" && cur.Version == "":
			cur.Version = val
		}
	}
	flush()
	if len(out) == 0 {
		return nil, errors.New("no [[package]] tables: not a lock file this build reads")
	}
	return out, nil
}

// pipfileLock reads Pipfile.lock (JSON): "default" and "develop" map
// names to {"version": "==X"}.
func pipfileLock(data []byte) ([]audit.Package, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, err
	}
	lines := strings.Split(string(data), "\n")
	var out []audit.Package
	for _, section := range []string{"default", "develop"} {
		var pkgs map[string]struct {
			Version string `json:"version"`
		}
		if raw, ok := doc[section]; ok {
			if err := json.Unmarshal(raw, &pkgs); err != nil {
				return nil, fmt.Errorf("%s: %w", section, err)
			}
		}
		names := make([]string, 0, len(pkgs))
		for n := range pkgs {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			p := audit.Package{Name: n}
			if v, ok := strings.CutPrefix(pkgs[n].Version, "=="); ok {
				p.Version = v
			}
			if p.Location.Line = keyLine(lines, section, n); p.Location.Line > 0 {
				p.Location.Column = 1
			}
			out = append(out, p)
		}
	}
	return out, nil
}

// keyLine finds the line of key "name" after the line of section's key.
func keyLine(lines []string, section, name string) int {
	in := false
	for i, l := range lines {
		t := strings.TrimSpace(l)
		if strings.HasPrefix(t, `"`+section+`":`) {
			in = true
		}
		if in && strings.HasPrefix(t, `"`+name+`":`) {
			return i + 1
		}
	}
	return 0
}

// nameSpan locates the package name on its line (columns count
// characters), or the line's start if the name is not there as written.
func nameSpan(path string, line int, text, name string) finding.Location {
	loc := finding.Location{Path: path, Line: line, Column: 1}
	if i := strings.Index(text, name); i >= 0 {
		loc.Column = utf8.RuneCountInString(text[:i]) + 1
		loc.EndLine = line
		loc.EndColumn = loc.Column + utf8.RuneCountInString(name)
	}
	return loc
}
