package cli

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"

	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/deps/manifest"
	"github.com/snakeguard/snakeguard/internal/deps/pep508"
	"github.com/snakeguard/snakeguard/internal/deps/typosquat"
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
	env      pep508.Environment // target of marker evaluation; nil: every dependency applies
	excluded int                // dependencies whose markers exclude the target
	// declared holds the PEP 503 names of every dependency read, whatever
	// its marker, for the undeclared-import check.
	declared map[string]bool
	// incomplete names manifests whose declarations could not all be
	// read (a computed install_requires); the undeclared-import check
	// cannot be trusted then.
	incomplete []string
}

// errNoManifests: nothing to audit was named or found.
var errNoManifests = errors.New("no requirements or lock files found, nor pyproject.toml, Pipfile, setup.cfg or setup.py (name one with -r FILE or --lock FILE)")

// collectDependencies reads the requirements files named with -r and
// the manifests found under the PATH arguments. Includes (-r) are
// followed; constraints files (-c) only restrict versions and are not
// audited. Requirements files are read before the other manifests, so a
// file both found and named by setup.cfg's `file:` is read once, as a
// requirements file.
func collectDependencies(o *depsOptions) (*depsInput, error) {
	env, err := pep508.TargetEnvironment(o.pythonVersion, o.platform)
	if err != nil {
		return nil, err
	}
	in := &depsInput{env: env, declared: map[string]bool{}}
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
	var requirementFiles, manifests []string
	for _, f := range files {
		if isDeclarationFile(filepath.Base(f)) {
			manifests = append(manifests, f)
		} else {
			requirementFiles = append(requirementFiles, f)
		}
	}
	if len(requirementFiles)+len(manifests)+len(locks)+len(o.sitePaths) == 0 {
		return nil, errNoManifests
	}
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
	seen := map[string]bool{}
	for _, f := range requirementFiles {
		if err := readRequirements(in, f, seen, o.requireHashes, 0); err != nil {
			return nil, err
		}
	}
	for _, f := range manifests {
		if err := readManifest(in, f, seen); err != nil {
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

// findManifests lists requirements*.txt, lock files, pyproject.toml,
// Pipfile, setup.cfg and setup.py under path,
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
		if strings.HasPrefix(name, "requirements") && strings.HasSuffix(name, ".txt") || isLockFile(name) || isDeclarationFile(name) {
			out = append(out, p)
		}
		return nil
	})
	return out, err
}

// maxIncludeDepth bounds chains of -r includes.
const maxIncludeDepth = 20

// readRequirements reads one requirements file and the files it includes
// with -r (constraints files, -c, only restrict versions and are not
// audited). A requirement has an exact version when its only specifier is
// == (without a wildcard) or ===.
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
	reqs := manifest.ParseRequirements(data)
	for _, inc := range reqs.Includes {
		if inc.Constraint {
			continue
		}
		if depth >= maxIncludeDepth {
			return fmt.Errorf("%s:%d: -r includes nested too deep", rel, inc.Line)
		}
		if err := readRequirements(in, filepath.Join(filepath.Dir(path), inc.Target), seen, requireHashes, depth+1); err != nil {
			return fmt.Errorf("%s:%d: %w", rel, inc.Line, err)
		}
	}
	for _, p := range reqs.Problems {
		in.notices = append(in.notices, report.Notice{Path: rel, Line: p.Line, Level: report.LevelWarning, Message: p.Message})
	}
	for _, d := range reqs.Dependencies {
		in.declare(d)
		if !in.applies(d) {
			continue
		}
		pkg := in.addPackage(rel, d)
		if pkg.Version == "" && !d.Direct {
			spec := d.Spec
			if spec == "" {
				spec = "any version"
			}
			if err := in.addFinding(audit.RuleUnpinned, pkg, fmt.Sprintf("%s is not pinned to one version (%s)", pkg.Name, spec), nil); err != nil {
				return err
			}
		}
		if requireHashes && !d.Hashed {
			if err := in.addFinding(audit.RuleMissingHashes, pkg, fmt.Sprintf("%s has no --hash option although hashes are required", pkg.Name), nil); err != nil {
				return err
			}
		}
	}
	return nil
}

// applies reports whether a dependency's marker holds for the target
// environment; a marker that cannot be evaluated there applies (it is
// audited rather than silently dropped).
func (in *depsInput) applies(d manifest.Dependency) bool {
	if d.Marker == nil || in.env == nil {
		return true
	}
	ok, err := d.Marker.Evaluate(in.env)
	if err == nil && !ok {
		in.excluded++
		return false
	}
	return true
}

// addPackage records a dependency to audit, checks its name for
// typosquatting and returns it.
func (in *depsInput) addPackage(rel string, d manifest.Dependency) audit.Package {
	pkg := audit.Package{Name: d.Name, Version: d.Version, Line: d.Text,
		Location: finding.Location{Path: rel, Line: d.Line, Column: 1}}
	if d.Column > 0 {
		pkg.Location.Column = d.Column
		pkg.Location.EndLine = d.Line
		pkg.Location.EndColumn = d.Column + utf8.RuneCountInString(d.Name)
	}
	in.packages = append(in.packages, pkg)
	if checker, err := typosquat.Default(); err == nil {
		if m, ok := checker.Check(pkg.Name); ok {
			_ = in.addFinding(audit.RuleTyposquat, pkg, m.Reason+"; check that this is the project you mean", map[string]any{"imitates": m.Popular})
		}
	}
	return pkg
}

func (in *depsInput) addFinding(rule string, pkg audit.Package, msg string, props map[string]any) error {
	p := map[string]any{report.PropPackage: pkg.Name}
	for k, v := range props {
		p[k] = v
	}
	f, err := audit.RuleFinding(rule, pkg.Location, pkg.Line, pkg.Name, msg, "", p)
	if err != nil {
		return err
	}
	in.findings = append(in.findings, f)
	return nil
}

// parseNotice turns a manifest parse error into an error notice, so the
// other files are still audited.
func parseNotice(rel string, err error) report.Notice {
	n := report.Notice{Path: rel, Level: report.LevelError, Message: err.Error()}
	var pe *manifest.ParseError
	if errors.As(err, &pe) {
		n.Line = pe.Line
		n.Message = pe.Err.Error()
	}
	return n
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
			rel := displayPath(meta)
			d, err := manifest.ParseMetadata(rel, data)
			if err != nil {
				in.notices = append(in.notices, report.Notice{Path: rel, Level: report.LevelWarning, Message: "METADATA without Name or Version; skipped"})
				continue
			}
			in.files = append(in.files, rel)
			in.declare(d)
			in.packages = append(in.packages, audit.Package{Name: d.Name, Version: d.Version,
				Location: finding.Location{Path: rel, Line: d.Line, Column: 1}, Line: "Version: " + d.Version})
		}
	}
	return nil
}

// readLock reads the locked packages of a lock file. A file that does not
// parse gives an error notice naming its line; the other files are still
// audited.
func readLock(in *depsInput, path string) error {
	data, err := os.ReadFile(path)
	if err != nil {
		return fmt.Errorf("read %s: %w", path, err)
	}
	rel := displayPath(path)
	var deps []manifest.Dependency
	if strings.HasSuffix(path, ".json") || filepath.Base(path) == "Pipfile.lock" {
		deps, err = manifest.ParsePipfileLock(rel, data)
	} else {
		deps, err = manifest.ParseTOMLLock(rel, data)
	}
	if err != nil {
		in.notices = append(in.notices, parseNotice(rel, err))
		return nil
	}
	in.files = append(in.files, rel)
	for _, d := range deps {
		in.declare(d)
		if in.applies(d) {
			in.addPackage(rel, d)
		}
	}
	return nil
}

// declare records that a manifest names a dependency.
func (in *depsInput) declare(d manifest.Dependency) {
	if in.declared != nil {
		in.declared[pep508.NormalizeName(d.Name)] = true
	}
}
