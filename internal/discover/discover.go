// Package discover finds the files a scan reads: Python sources (by
// extension or a python shebang) and Jupyter notebooks under the given
// paths, skipping excluded and git-ignored paths, virtual environments and
// symlinks that leave the scanned tree or loop.
package discover

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/config"
)

// Kind is the kind of a discovered file.
type Kind uint8

const (
	Python Kind = iota
	Notebook
	Template // an HTML or Jinja template under a templates directory
)

// File is one file to scan.
type File struct {
	Path string // the path to open
	Rel  string // slash-separated path shown in reports
	Kind Kind
}

// Notice reports something the walk skipped or could not read.
type Notice struct {
	Path    string
	Message string
}

// Options control a walk.
type Options struct {
	// Excluded reports whether a slash-separated path relative to the scan
	// root is excluded by configuration or flags.
	Excluded func(rel string) bool
	// NoGitignore turns off .gitignore handling.
	NoGitignore bool
	// AllTemplates treats every HTML or Jinja file as a template, for walks
	// over the template directories a project configures.
	AllTemplates bool
	// Found, if set, is called with each file as the walk finds it, in walk
	// order, so that a caller can start reading files before the walk ends.
	Found func(File)
}

// ignoreRule is one .gitignore line, anchored at its file's directory.
type ignoreRule struct {
	base    string // slash path of the .gitignore's directory, relative to the root ("" at the root)
	pattern string
	negate  bool
}

// Walk finds the files under paths. Files named explicitly are always
// returned (if they exist). rel paths are relative to root.
func Walk(root string, paths []string, opt Options) ([]File, []Notice, error) {
	var files []File
	var notices []Notice
	seen := map[string]bool{}
	for _, p := range paths {
		st, err := os.Stat(p)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", p, err)
		}
		if !st.IsDir() {
			rel := relPath(root, p)
			if !seen[rel] {
				seen[rel] = true
				kind := Python
				if strings.HasSuffix(p, ".ipynb") {
					kind = Notebook
				}
				files = append(files, File{Path: p, Rel: rel, Kind: kind})
				if opt.Found != nil {
					opt.Found(files[len(files)-1])
				}
			}
			continue
		}
		fs, ns := walkDir(root, p, opt, seen)
		files = append(files, fs...)
		notices = append(notices, ns...)
	}
	sort.SliceStable(files, func(i, j int) bool { return files[i].Rel < files[j].Rel })
	return files, notices, nil
}

func relPath(root, p string) string {
	abs, err := filepath.Abs(p)
	if err != nil {
		return filepath.ToSlash(p)
	}
	if r, err := filepath.Rel(root, abs); err == nil && !strings.HasPrefix(r, "..") {
		return filepath.ToSlash(r)
	}
	return filepath.ToSlash(abs)
}

func walkDir(root, dir string, opt Options, seen map[string]bool) ([]File, []Notice) {
	var files []File
	var notices []Notice
	absDir, _ := filepath.Abs(dir)
	realRoot, err := filepath.EvalSymlinks(absDir)
	if err != nil {
		return nil, []Notice{{Path: relPath(root, absDir), Message: fmt.Sprintf("cannot resolve: %v", err)}}
	}
	var rules []ignoreRule
	visitedDirs := map[string]bool{}
	// walk reads directory path, whose path with symlinks resolved is real.
	var walk func(path, real string, depth int)
	walk = func(path, real string, depth int) {
		if visitedDirs[real] {
			notices = append(notices, Notice{Path: relPath(root, path), Message: "symlink loop: directory already scanned, not followed again"})
			return
		}
		visitedDirs[real] = true
		if depth > 200 {
			notices = append(notices, Notice{Path: relPath(root, path), Message: "directory nesting deeper than 200 levels, not followed"})
			return
		}
		entries, err := os.ReadDir(path)
		if err != nil {
			notices = append(notices, Notice{Path: relPath(root, path), Message: fmt.Sprintf("cannot read directory: %v", err)})
			return
		}
		rel := relPath(absDir, path)
		if rel == "." {
			rel = ""
		}
		nRules := len(rules)
		if !opt.NoGitignore {
			rules = append(rules, readGitignore(filepath.Join(path, ".gitignore"), rel)...)
		}
		defer func() { rules = rules[:nRules] }()
		for _, e := range entries {
			name := e.Name()
			full := filepath.Join(path, name)
			childRel := name
			if rel != "" {
				childRel = rel + "/" + name
			}
			reportRel := relPath(root, full)
			isDir := e.IsDir()
			realChild := filepath.Join(real, name) // not a symlink: its parent's real path and its name
			if e.Type()&fs.ModeSymlink != 0 {
				target, err := filepath.EvalSymlinks(full)
				if err != nil {
					if errors.Is(err, fs.ErrNotExist) {
						continue // a dangling link points at nothing to scan
					}
					notices = append(notices, Notice{Path: reportRel, Message: fmt.Sprintf("symlink not followed: %v", err)})
					continue
				}
				if !within(realRoot, target) {
					notices = append(notices, Notice{Path: reportRel, Message: "symlink points outside the scanned tree, not followed"})
					continue
				}
				st, err := os.Stat(target)
				if err != nil {
					continue
				}
				isDir = st.IsDir()
				realChild = target
			}
			if isDir {
				if name == ".git" || ignored(rules, childRel, true) || (opt.Excluded != nil && opt.Excluded(reportRel)) {
					continue
				}
				if _, err := os.Stat(filepath.Join(full, "pyvenv.cfg")); err == nil {
					continue // a virtual environment
				}
				walk(full, realChild, depth+1)
				continue
			}
			if ignored(rules, childRel, false) || (opt.Excluded != nil && opt.Excluded(reportRel)) {
				continue
			}
			kind, ok := classify(full, name)
			if !ok && (isTemplate(childRel, name) || opt.AllTemplates && hasTemplateExt(name)) {
				kind, ok = Template, true
			}
			if !ok || seen[reportRel] {
				continue
			}
			seen[reportRel] = true
			files = append(files, File{Path: full, Rel: reportRel, Kind: kind})
			if opt.Found != nil {
				opt.Found(files[len(files)-1])
			}
		}
	}
	walk(absDir, realRoot, 0)
	return files, notices
}

func within(root, p string) bool {
	r, err := filepath.Rel(root, p)
	return err == nil && r != ".." && !strings.HasPrefix(r, ".."+string(filepath.Separator))
}

// classify says whether a file is scanned: .py, .pyw, .ipynb, or a file
// without extension that starts with a python shebang.
func classify(path, name string) (Kind, bool) {
	switch filepath.Ext(name) {
	case ".py", ".pyw", ".pyi":
		if filepath.Ext(name) == ".pyi" {
			return Python, false
		}
		return Python, true
	case ".ipynb":
		return Notebook, true
	case "":
		f, err := os.Open(path)
		if err != nil {
			return Python, false
		}
		defer f.Close()
		line, err := bufio.NewReaderSize(f, 256).ReadSlice('\n')
		if err != nil && len(line) == 0 {
			return Python, false
		}
		return Python, bytes.HasPrefix(line, []byte("#!")) && bytes.Contains(line, []byte("python"))
	}
	return Python, false
}

func readGitignore(path, base string) []ignoreRule {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil
	}
	var rules []ignoreRule
	for _, line := range strings.Split(string(data), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.HasSuffix(line, " ") && !strings.HasSuffix(line, "\\ ") {
			line = strings.TrimRight(line, " ")
		}
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		r := ignoreRule{base: base}
		if strings.HasPrefix(line, "!") {
			r.negate = true
			line = line[1:]
		}
		line = strings.TrimPrefix(line, "\\")
		r.pattern = line
		rules = append(rules, r)
	}
	return rules
}

// ignored applies .gitignore rules in order; the last match wins.
func ignored(rules []ignoreRule, rel string, isDir bool) bool {
	out := false
	for _, r := range rules {
		p := rel
		if r.base != "" {
			if !strings.HasPrefix(rel, r.base+"/") {
				continue
			}
			p = rel[len(r.base)+1:]
		}
		target := p
		if isDir {
			target = p + "/\x00" // lets dir-only patterns match the directory itself
		}
		if config.MatchPath(r.pattern, target) || (!isDir && config.MatchPath(r.pattern, p)) {
			out = !r.negate
		}
	}
	return out
}

// isTemplate reports an HTML or Jinja file inside a directory named
// templates (Django, Jinja2 and Flask's conventions).
func isTemplate(rel, name string) bool {
	return hasTemplateExt(name) && (strings.HasPrefix(rel, "templates/") || strings.Contains(rel, "/templates/"))
}

func hasTemplateExt(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".html", ".htm", ".jinja", ".jinja2", ".j2", ".djhtml", ".jhtml":
		return true
	}
	return false
}
