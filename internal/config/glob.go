package config

import (
	"path"
	"strings"
)

// MatchPath reports whether the slash-separated relative path p, or one of
// its parent directories, matches the glob pattern. Patterns work like
// .gitignore lines:
//
//   - a pattern without a slash ("*.pyi", "migrations") matches a file or
//     directory name at any depth;
//   - a pattern with a slash ("tests/fixtures", "src/*/generated.py") is
//     anchored at the root; a leading "/" or "./" is ignored;
//   - "**" matches any number of directories ("**/migrations/*.py");
//   - a trailing "/" matches directories only (a parent of p);
//   - "*", "?" and "[…]" work as in path.Match and do not cross "/".
func MatchPath(pattern, p string) bool {
	p = strings.Trim(strings.TrimPrefix(path.Clean("/"+p), "/"), "/")
	if p == "" || pattern == "" {
		return false
	}
	dirOnly := strings.HasSuffix(pattern, "/")
	pattern = strings.TrimPrefix(strings.TrimSuffix(pattern, "/"), "./")
	if !strings.Contains(pattern, "/") {
		// Any segment (any directory, with dirOnly) may match.
		for rest := p; ; {
			seg, more, found := strings.Cut(rest, "/")
			if !found && dirOnly {
				return false // the final segment may be a file
			}
			if ok, _ := path.Match(pattern, seg); ok {
				return true
			}
			if !found {
				return false
			}
			rest = more
		}
	}
	segs := strings.Split(p, "/")
	pat := strings.Split(strings.TrimPrefix(pattern, "/"), "/")
	// Try p and every parent directory of it.
	for n := len(segs); n >= 1; n-- {
		if dirOnly && n == len(segs) {
			continue
		}
		if matchSegments(pat, segs[:n]) {
			return true
		}
	}
	return false
}

// matchSegments matches pattern segments against path segments, with "**"
// standing for zero or more segments.
func matchSegments(pat, segs []string) bool {
	for len(pat) > 0 {
		if pat[0] == "**" {
			rest := pat[1:]
			for i := 0; i <= len(segs); i++ {
				if matchSegments(rest, segs[i:]) {
					return true
				}
			}
			return false
		}
		if len(segs) == 0 {
			return false
		}
		if ok, _ := path.Match(pat[0], segs[0]); !ok {
			return false
		}
		pat, segs = pat[1:], segs[1:]
	}
	return len(segs) == 0
}

// validGlob reports whether every segment of a pattern is well formed.
func validGlob(pattern string) bool {
	for _, s := range strings.Split(pattern, "/") {
		if _, err := path.Match(s, ""); err != nil {
			return false
		}
	}
	return pattern != ""
}
