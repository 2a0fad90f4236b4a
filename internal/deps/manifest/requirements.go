package manifest

import (
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Requirements is what a pip requirements file holds.
type Requirements struct {
	Dependencies []Dependency
	Includes     []Include
	Problems     []Problem
}

// Include is a "-r FILE" (or, with Constraint, "-c FILE") line.
type Include struct {
	Target     string
	Line       int
	Constraint bool
}

// ParseRequirements reads a requirements file in pip's format: comments,
// backslash continuations, option lines, -r/-c includes, extras, markers,
// URL references and per-requirement options such as --hash. Lines it
// cannot read as a requirement are Problems; the rest is still read.
func ParseRequirements(data []byte) Requirements {
	var out Requirements
	ls := lines(data)
	for i := 0; i < len(ls); i++ {
		first := i
		logical := stripComment(ls[i])
		for strings.HasSuffix(logical, `\`) && i+1 < len(ls) {
			i++
			logical = strings.TrimSuffix(logical, `\`) + " " + stripComment(ls[i])
		}
		logical = strings.TrimSpace(logical)
		if logical == "" {
			continue
		}
		if strings.HasPrefix(logical, "-") {
			if inc, ok := includeTarget(logical); ok {
				inc.Line = first + 1
				out.Includes = append(out.Includes, inc)
			}
			continue
		}
		req, hashed := splitOptions(logical)
		if looksLikeBareReference(req) {
			out.Problems = append(out.Problems, Problem{Line: first + 1, Message: "a URL or path without a project name; skipped"})
			continue
		}
		r, err := pep508.Parse(req)
		if err != nil {
			out.Problems = append(out.Problems, Problem{Line: first + 1, Message: "not a requirement: " + err.Error() + "; skipped"})
			continue
		}
		d := FromRequirement(r)
		d.Hashed = hashed
		d.place(ls, first+1)
		out.Dependencies = append(out.Dependencies, d)
	}
	return out
}

// stripComment removes a comment: "#" at the start or after white space.
func stripComment(line string) string {
	if strings.HasPrefix(strings.TrimSpace(line), "#") {
		return ""
	}
	for _, sep := range []string{" #", "\t#"} {
		if i := strings.Index(line, sep); i >= 0 {
			line = line[:i]
		}
	}
	return strings.TrimRight(line, " \t")
}

// includeTarget reads "-r FILE", "--requirement FILE", "-c FILE",
// "--constraint=FILE".
func includeTarget(line string) (Include, bool) {
	for _, opt := range []struct {
		prefix     string
		constraint bool
	}{{"--requirement=", false}, {"--requirement ", false}, {"--constraint=", true}, {"--constraint ", true},
		{"-r ", false}, {"-r", false}, {"-c ", true}, {"-c", true}} {
		if rest, ok := strings.CutPrefix(line, opt.prefix); ok {
			rest = strings.TrimSpace(rest)
			return Include{Target: rest, Constraint: opt.constraint}, rest != ""
		}
	}
	return Include{}, false
}

// splitOptions cuts per-requirement options (" --hash=...", " --config-settings ...")
// off a requirement line.
func splitOptions(line string) (string, bool) {
	hashed := strings.Contains(line, "--hash")
	for _, sep := range []string{" --", "\t--"} {
		if i := strings.Index(line, sep); i >= 0 {
			line = line[:i]
		}
	}
	return strings.TrimSpace(line), hashed
}

// looksLikeBareReference: "https://host/pkg.whl", "./pkg", "../x.tar.gz",
// "/abs/path" name no project.
func looksLikeBareReference(s string) bool {
	head, _, _ := strings.Cut(s, ";")
	head = strings.TrimSpace(head)
	if strings.Contains(head, "@") {
		return false
	}
	return strings.Contains(head, "://") || strings.HasPrefix(head, ".") || strings.HasPrefix(head, "/") ||
		strings.HasSuffix(head, ".whl") || strings.HasSuffix(head, ".tar.gz") || strings.HasSuffix(head, ".zip")
}
