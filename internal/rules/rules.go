// Package rules is the catalogue: the explicit list of every rule
// snakeguard runs on Python code, plus the documentation of the rules that
// other pipelines report (syntax errors, dependencies).
package rules

import (
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/config"
	"github.com/snakeguard/snakeguard/internal/deps/audit"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/rules/codequality"
	"github.com/snakeguard/snakeguard/internal/rules/crypto"
	"github.com/snakeguard/snakeguard/internal/rules/deserialization"
	"github.com/snakeguard/snakeguard/internal/rules/framework"
	"github.com/snakeguard/snakeguard/internal/rules/injection"
	"github.com/snakeguard/snakeguard/internal/rules/network"
	"github.com/snakeguard/snakeguard/internal/rules/secrets"
	"github.com/snakeguard/snakeguard/internal/taint"
	"github.com/snakeguard/snakeguard/internal/templates"
)

// All returns every code rule, in id order.
func All() []*analysis.Rule {
	return AllWith(config.TaintConfig{})
}

// AllWith is All with a project's own taint sources, sinks and sanitizers.
func AllWith(taintExtra config.TaintConfig) []*analysis.Rule {
	var all []*analysis.Rule
	for _, family := range [][]*analysis.Rule{
		injection.Rules(),
		deserialization.Rules(),
		crypto.Rules(),
		secrets.Rules(),
		network.Rules(),
		framework.Rules(),
		codequality.Rules(),
		taint.RulesWith(taintExtra),
		templates.Rules(),
	} {
		all = append(all, family...)
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].Doc.ID < all[j].Doc.ID })
	return all
}

// SyntaxError documents SG000, the finding for a file CPython would
// reject.
var SyntaxError = finding.RuleDoc{
	ID: "SG000", Name: "syntax-error", CWE: []int{1164},
	Severity: finding.Medium, Confidence: finding.HighConfidence,
	Summary: "the file is not valid Python (CPython would reject it)",
	Why: "A file that does not parse is not analysed fully: snakeguard reads what it can before and after the " +
		"error, but checks on the broken statement are lost. It is also code that fails at import time.",
	Vulnerable: "def handler(request)\n    return request.args[\"q\"]\n",
	Secure:     "def handler(request):\n    return request.args[\"q\"]\n",
	Fix:        "Fix the syntax error CPython reports at the line and column given.",
	References: []string{"https://docs.python.org/3/reference/grammar.html"},
	Tags:       []string{"parse"},
}

// Docs returns the documentation of every rule: SG000, the code rules and
// the dependency rules, in id order.
func Docs() []finding.RuleDoc {
	docs := []finding.RuleDoc{SyntaxError}
	for _, r := range All() {
		docs = append(docs, r.Doc)
	}
	docs = append(docs, audit.Rules()...)
	sort.SliceStable(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs
}

// Lookup finds a rule's documentation by id, name or another tool's id
// (case-insensitive).
func Lookup(code string) (finding.RuleDoc, bool) {
	for _, d := range Docs() {
		if strings.EqualFold(d.ID, code) || strings.EqualFold(d.Name, code) {
			return d, true
		}
	}
	for _, d := range Docs() {
		for _, a := range d.Aliases {
			if strings.EqualFold(a, code) {
				return d, true
			}
		}
	}
	return finding.RuleDoc{}, false
}
