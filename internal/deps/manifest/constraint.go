package manifest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep440"
)

// Constraint returns the versions a declaration admits as a union of PEP
// 440 specifier sets: nil (and no error) when it admits any version.
// Poetry's tables are read in Poetry's syntax (^, ~, bare versions, ||,
// comma- or space-separated clauses), the rest as PEP 440; a declaration
// whose table is not known is read as PEP 440, else as Poetry's syntax.
func Constraint(d Dependency) ([]pep440.SpecifierSet, error) {
	spec := strings.TrimSpace(d.Spec)
	if spec == "" || spec == "*" {
		return nil, nil
	}
	if strings.HasPrefix(d.Table, "tool.poetry.") {
		return poetryConstraint(spec)
	}
	set, err := pep440.ParseSpecifierSet(spec)
	if err != nil {
		if d.Table == "" {
			if sets, perr := poetryConstraint(spec); perr == nil {
				return sets, nil
			}
		}
		return nil, err
	}
	return []pep440.SpecifierSet{set}, nil
}

var (
	// operatorSpace is white space after a comparison operator (">= 1.2").
	operatorSpace = regexp.MustCompile(`(===|==|!=|~=|<=|>=|<|>|\^|~)\s+`)
	// poetryOr separates alternatives.
	poetryOr = regexp.MustCompile(`\s*\|\|?\s*`)
)

// poetryConstraint converts a Poetry version constraint to PEP 440, as
// poetry-core reads it: "||" (or "|") separates alternatives; within
// one, commas or spaces separate clauses that must all hold.
func poetryConstraint(spec string) ([]pep440.SpecifierSet, error) {
	var out []pep440.SpecifierSet
	for _, alt := range poetryOr.Split(spec, -1) {
		alt = operatorSpace.ReplaceAllString(strings.TrimSpace(alt), "$1")
		var clauses []string
		anyVersion := false
		for _, c := range strings.FieldsFunc(alt, func(r rune) bool { return r == ',' || r == ' ' || r == '\t' }) {
			pep, err := poetryClause(c)
			if err != nil {
				return nil, fmt.Errorf("poetry constraint %q: %w", spec, err)
			}
			if pep == "" {
				anyVersion = true
				continue
			}
			clauses = append(clauses, pep)
		}
		if len(clauses) == 0 && anyVersion {
			return nil, nil // "*" alone admits every version
		}
		set, err := pep440.ParseSpecifierSet(strings.Join(clauses, ","))
		if err != nil {
			return nil, fmt.Errorf("poetry constraint %q: %w", spec, err)
		}
		out = append(out, set)
	}
	return out, nil
}

// poetryClause converts one clause; "" means any version.
func poetryClause(c string) (string, error) {
	switch {
	case c == "*":
		return "", nil
	case strings.HasPrefix(c, "^"):
		return poetryRange(c[1:], true)
	case strings.HasPrefix(c, "~") && !strings.HasPrefix(c, "~="):
		return poetryRange(c[1:], false)
	case strings.IndexAny(c[:1], "<>=!~") == 0:
		return c, nil
	}
	return "==" + c, nil // a bare version, or a wildcard such as 1.2.*
}

// poetryRange is ^V (caret: up to the next breaking release, the first
// non-zero part bumped) or ~V (tilde: the next minor release, or the next
// major when V has one part).
func poetryRange(v string, caret bool) (string, error) {
	ver, err := pep440.Parse(v)
	if err != nil {
		return "", err
	}
	rel := ver.Release()
	parts := make([]int, len(rel))
	for i, p := range rel {
		n, err := strconv.Atoi(p)
		if err != nil {
			return "", fmt.Errorf("version %q: part %q is too large", v, p)
		}
		parts[i] = n
	}
	var upper []int
	switch {
	case caret && (parts[0] > 0 || len(parts) == 1):
		upper = []int{parts[0] + 1}
	case caret && (parts[1] > 0 || len(parts) == 2):
		upper = []int{parts[0], parts[1] + 1}
	case caret:
		upper = []int{parts[0], parts[1], parts[2] + 1}
	case len(parts) == 1:
		upper = []int{parts[0] + 1}
	default:
		upper = []int{parts[0], parts[1] + 1}
	}
	s := make([]string, len(upper))
	for i, n := range upper {
		s[i] = strconv.Itoa(n)
	}
	return ">=" + v + ",<" + strings.Join(s, "."), nil
}
