package audit

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Pin is a change of one == pin: the requirement of Name on line Line
// (1-based) moves from Old to New.
type Pin struct {
	Name string
	Line int
	Old  string
	New  string
}

// FixPins returns the fix of every result that has a fix version and a
// manifest line, for the requirements file at path.
func FixPins(results []Result, path string) []Pin {
	var out []Pin
	for _, r := range results {
		p := r.Package
		if r.FixVersion == "" || p.Location.Path != path || p.Location.Line == 0 {
			continue
		}
		out = append(out, Pin{Name: p.Name, Line: p.Location.Line, Old: p.Version, New: r.FixVersion})
	}
	return out
}

// RewritePins applies pins to the text of a requirements file. Only the
// version after "==" (or "===") on the pin's line changes; spacing,
// extras, markers, comments and options stay as they were. A pin whose
// line does not hold "==Old" for its package is reported in skipped. A
// requirement followed by --hash options gets a warning: the hashes
// belong to the old version.
func RewritePins(src []byte, pins []Pin) (out []byte, warnings []string, skipped []Pin) {
	lines := bytes.SplitAfter(src, []byte("\n"))
	for _, p := range pins {
		i := p.Line - 1
		if i < 0 || i >= len(lines) {
			skipped = append(skipped, p)
			continue
		}
		line := string(lines[i])
		nl, ok := replacePin(line, p)
		if !ok {
			skipped = append(skipped, p)
			continue
		}
		lines[i] = []byte(nl)
		if hasHashes(lines, i) {
			warnings = append(warnings, fmt.Sprintf("line %d: %s now pins %s but its --hash values are those of %s; regenerate them", p.Line, p.Name, p.New, p.Old))
		}
	}
	return bytes.Join(lines, nil), warnings, skipped
}

// replacePin replaces the version in "name[extras] == old" on line.
func replacePin(line string, p Pin) (string, bool) {
	code, _, _ := strings.Cut(line, " #")
	for _, op := range []string{"===", "=="} {
		at := strings.Index(code, op)
		if at < 0 {
			continue
		}
		name := strings.TrimSpace(code[:at])
		if k := strings.IndexAny(name, "[ ;"); k >= 0 {
			name = name[:k]
		}
		if pep508.NormalizeName(name) != pep508.NormalizeName(p.Name) {
			return "", false
		}
		rest := code[at+len(op):]
		lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
		ver := rest[lead:]
		end := strings.IndexFunc(ver, func(r rune) bool {
			return r == ' ' || r == '\t' || r == ';' || r == ',' || r == '\\' || r == '\r' || r == '\n'
		})
		if end < 0 {
			end = len(ver)
		}
		if ver[:end] != p.Old {
			return "", false
		}
		start := at + len(op) + lead
		return line[:start] + p.New + line[start+end:], true
	}
	return "", false
}

// hasHashes reports whether the requirement starting on line i carries
// --hash options, on the line or its backslash continuations.
func hasHashes(lines [][]byte, i int) bool {
	for ; i < len(lines); i++ {
		l := string(lines[i])
		code, _, _ := strings.Cut(l, "#")
		if strings.Contains(l, "--hash") && strings.Contains(code, "--hash") {
			return true
		}
		if !strings.HasSuffix(strings.TrimRight(l, "\r\n \t"), "\\") {
			return false
		}
	}
	return false
}

// UnifiedDiff returns a unified diff (3 lines of context) between two
// versions of a file whose lines were changed in place, as RewritePins
// does. It returns "" when nothing changed.
func UnifiedDiff(path string, old, new []byte) string {
	a := strings.SplitAfter(string(old), "\n")
	b := strings.SplitAfter(string(new), "\n")
	if len(a) != len(b) {
		return ""
	}
	var changed []int
	for i := range a {
		if a[i] != b[i] {
			changed = append(changed, i)
		}
	}
	if len(changed) == 0 {
		return ""
	}
	const ctx = 3
	var sb strings.Builder
	if strings.HasPrefix(path, "/") {
		fmt.Fprintf(&sb, "--- %s\n+++ %s\n", path, path)
	} else {
		fmt.Fprintf(&sb, "--- a/%s\n+++ b/%s\n", path, path)
	}
	n := len(a)
	if a[n-1] == "" {
		n--
	}
	for k := 0; k < len(changed); {
		start := max(changed[k]-ctx, 0)
		end := min(changed[k]+ctx+1, n)
		j := k + 1
		for j < len(changed) && changed[j]-ctx <= end {
			end = min(changed[j]+ctx+1, n)
			j++
		}
		fmt.Fprintf(&sb, "@@ -%d,%d +%d,%d @@\n", start+1, end-start, start+1, end-start)
		for i := start; i < end; {
			if a[i] == b[i] {
				sb.WriteString(" " + withNewline(a[i]))
				i++
				continue
			}
			// a run of changed lines: all removals, then all additions
			r := i
			for r < end && a[r] != b[r] {
				r++
			}
			for x := i; x < r; x++ {
				sb.WriteString("-" + withNewline(a[x]))
			}
			for x := i; x < r; x++ {
				sb.WriteString("+" + withNewline(b[x]))
			}
			i = r
		}
		k = j
	}
	return sb.String()
}

func withNewline(s string) string {
	if strings.HasSuffix(s, "\n") {
		return s
	}
	return s + "\n\\ No newline at end of file\n"
}
