package finding

import (
	"cmp"
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// ComputeFingerprint returns a stable identifier for a finding that does not
// depend on its line number, so it survives edits that move the code:
// a hash of the rule id, the path, the whitespace-normalised text of the
// flagged line, the whitespace-normalised text of the enclosing scope and
// the occurrence index among findings that share all of these (0 for the
// first, 1 for the second, … in source order).
//
// scopeText should identify the enclosing function or class, for example its
// qualified name ("views.Login.post") or its header line; pass "" at module
// level. Passing the whole body would change the fingerprint on every edit
// of the function.
//
// The result is 32 lowercase hex digits.
func ComputeFingerprint(ruleID, path, lineText, scopeText string, occurrence int) string {
	h := sha256.New()
	for _, part := range []string{
		ruleID,
		path,
		NormalizeSpace(lineText),
		NormalizeSpace(scopeText),
		strconv.Itoa(occurrence),
	} {
		h.Write([]byte(part))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// NormalizeSpace trims s and replaces every run of white space inside it
// with one space, so re-indenting code does not change a fingerprint.
func NormalizeSpace(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for _, r := range strings.TrimSpace(s) {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	return b.String()
}

// AssignFingerprints fills in Fingerprint for every finding of fs that has
// none, counting occurrences of identical (rule, path, line text, scope
// text) keys in source order. lineText and scopeText return the texts for a
// finding (see ComputeFingerprint). fs is sorted with Sort first.
func AssignFingerprints(fs []Finding, lineText, scopeText func(f *Finding) string) {
	Sort(fs)
	type key struct{ rule, path, line, scope string }
	seen := make(map[key]int)
	for i := range fs {
		f := &fs[i]
		if f.Fingerprint != "" {
			continue
		}
		line, scope := NormalizeSpace(lineText(f)), NormalizeSpace(scopeText(f))
		k := key{f.RuleID, f.Location.Path, line, scope}
		n := seen[k]
		seen[k] = n + 1
		f.Fingerprint = ComputeFingerprint(f.RuleID, f.Location.Path, line, scope, n)
	}
}

// PrimaryLocationLineHash is the value for SARIF's
// partialFingerprints.primaryLocationLineHash, derived from a fingerprint.
// It has the "hash:occurrence" shape that code-scanning services expect;
// the occurrence is already part of the fingerprint, so it is always 1.
func PrimaryLocationLineHash(fingerprint string) string {
	if fingerprint == "" {
		return ""
	}
	h := fingerprint
	if len(h) > 16 {
		h = h[:16]
	}
	return h + ":1"
}

// Compare orders findings by path, line, column, rule id, then message,
// which is the order every reporter uses.
func Compare(a, b Finding) int {
	return cmp.Or(
		cmp.Compare(a.Location.Path, b.Location.Path),
		cmp.Compare(a.Location.Line, b.Location.Line),
		cmp.Compare(a.Location.Column, b.Location.Column),
		cmp.Compare(a.RuleID, b.RuleID),
		cmp.Compare(a.Location.EndLine, b.Location.EndLine),
		cmp.Compare(a.Location.EndColumn, b.Location.EndColumn),
		cmp.Compare(a.Message, b.Message),
	)
}

// Sort sorts findings in place in the deterministic report order (Compare).
func Sort(fs []Finding) {
	slices.SortStableFunc(fs, Compare)
}

// PrimaryCWE returns the first CWE of the finding, or 0 if it has none.
func (f Finding) PrimaryCWE() int {
	if len(f.CWE) == 0 {
		return 0
	}
	return f.CWE[0]
}

// Suppression reasons set by the baseline filter; inline suppressions put
// the comment's reason (or the directive itself) into SuppressionReason.
const SuppressedByBaseline = "baseline"

// Matches reports whether code names this rule: its ID, its Name or one of
// its Aliases (other tools' ids such as "B602" or "S602"), ignoring case.
func (d RuleDoc) Matches(code string) bool {
	if strings.EqualFold(code, d.ID) || (d.Name != "" && strings.EqualFold(code, d.Name)) {
		return true
	}
	for _, a := range d.Aliases {
		if strings.EqualFold(code, a) {
			return true
		}
	}
	return false
}
