package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"strings"
	"text/tabwriter"

	"github.com/snakeguard/snakeguard/internal/cwe"
	"github.com/snakeguard/snakeguard/internal/finding"
	"github.com/snakeguard/snakeguard/internal/rules"
)

// ruleJSON is the JSON shape of one catalogue entry.
type ruleJSON struct {
	ID         string      `json:"id"`
	Name       string      `json:"name"`
	CWE        []int       `json:"cwe"`
	Severity   string      `json:"severity"`
	Confidence string      `json:"confidence"`
	Summary    string      `json:"summary"`
	Aliases    []string    `json:"aliases,omitempty"`
	Tags       []string    `json:"tags,omitempty"`
	HelpURI    string      `json:"help_uri"`
	Compliance cwe.Mapping `json:"compliance"`
}

func runRules(e *env) int {
	fl := flag.NewFlagSet("rules", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	format := fl.String("format", "text", "output format: text, json or markdown")
	guideName := fl.String("guide", "", "print the coverage of a secure coding guide instead (openssf)")
	if err := fl.Parse(e.args); err != nil {
		return ExitUsage
	}
	if *guideName != "" {
		return runGuide(e, *guideName, *format)
	}
	docs := rules.Docs()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "ID\tNAME\tSEVERITY\tCWE\tSUMMARY")
		for _, d := range docs {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", d.ID, d.Name, d.Severity, cweList(d.CWE), d.Summary)
		}
		if err := tw.Flush(); err != nil {
			return ExitInternal
		}
	case "json":
		out := make([]ruleJSON, 0, len(docs))
		for _, d := range docs {
			out = append(out, ruleJSON{ID: d.ID, Name: d.Name, CWE: d.CWE, Severity: d.Severity.String(),
				Confidence: d.Confidence.String(), Summary: d.Summary, Aliases: d.Aliases, Tags: d.Tags, HelpURI: d.HelpURI(),
				Compliance: cwe.Map(d.CWE)})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitInternal
		}
	case "markdown", "md":
		fmt.Fprint(e.stdout, rules.Index(docs))
	default:
		fmt.Fprintf(e.stderr, "snakeguard rules: unknown format %q (text, json, markdown)\n", *format)
		return ExitUsage
	}
	return ExitOK
}

func cweList(cwes []int) string {
	parts := make([]string, len(cwes))
	for i, c := range cwes {
		parts[i] = fmt.Sprintf("CWE-%d", c)
	}
	return strings.Join(parts, ",")
}

func runExplain(e *env) int {
	fl := flag.NewFlagSet("explain", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	format := fl.String("format", "text", "output format: text or markdown")
	if err := fl.Parse(e.args); err != nil {
		return ExitUsage
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(e.stderr, "usage: snakeguard explain RULE... (an id such as SG101, a rule name, or a Bandit/Ruff id)")
		return ExitUsage
	}
	code := ExitOK
	for i, id := range fl.Args() {
		d, ok := rules.Lookup(id)
		if !ok {
			fmt.Fprintf(e.stderr, "snakeguard explain: no rule %q (see snakeguard rules)\n", id)
			code = ExitUsage
			continue
		}
		if i > 0 {
			fmt.Fprintln(e.stdout)
		}
		if *format == "markdown" || *format == "md" {
			fmt.Fprint(e.stdout, rules.Markdown(d))
			continue
		}
		writeExplain(e, d)
	}
	return code
}

func writeExplain(e *env, d finding.RuleDoc) {
	w := e.stdout
	fmt.Fprintf(w, "%s %s  [%s severity, %s confidence]  %s\n", d.ID, d.Name, d.Severity, d.Confidence, cweList(d.CWE))
	fmt.Fprintf(w, "%s\n", d.Summary)
	if len(d.Aliases) > 0 {
		fmt.Fprintf(w, "Also: %s\n", strings.Join(d.Aliases, ", "))
	}
	if len(d.Guide) > 0 {
		fmt.Fprintf(w, "OpenSSF Secure Coding Guide for Python: %s\n", strings.Join(d.Guide, ", "))
	}
	fmt.Fprintf(w, "\nWhy it matters\n%s\n", indentText(wrap(d.Why, 76)))
	if d.Vulnerable != "" {
		fmt.Fprintf(w, "\nVulnerable\n%s", indentCode(d.Vulnerable))
	}
	if d.Secure != "" {
		fmt.Fprintf(w, "\nSecure\n%s", indentCode(d.Secure))
	}
	fmt.Fprintf(w, "\nHow to fix\n%s\n", indentText(wrap(d.Fix, 76)))
	if len(d.References) > 0 {
		fmt.Fprintln(w, "\nReferences")
		for _, r := range d.References {
			fmt.Fprintf(w, "  %s\n", r)
		}
	}
	writeCompliance(w, cwe.Map(d.CWE))
	fmt.Fprintf(w, "\nDocs: %s\n", d.HelpURI())
}

func indentCode(s string) string {
	var b strings.Builder
	for _, line := range strings.Split(strings.TrimRight(s, "\n"), "\n") {
		b.WriteString("  | ")
		b.WriteString(line)
		b.WriteByte('\n')
	}
	return b.String()
}

func indentText(s string) string {
	return "  " + strings.ReplaceAll(s, "\n", "\n  ")
}

// wrap breaks text into lines of at most width characters.
func wrap(s string, width int) string {
	var b strings.Builder
	n := 0
	for _, w := range strings.Fields(s) {
		if n > 0 && n+1+len(w) > width {
			b.WriteByte('\n')
			n = 0
		} else if n > 0 {
			b.WriteByte(' ')
			n++
		}
		b.WriteString(w)
		n += len(w)
	}
	return b.String()
}

// writeCompliance prints the compliance block of explain.
func writeCompliance(w io.Writer, m cwe.Mapping) {
	fmt.Fprintln(w, "\nCompliance")
	for _, l := range m.Lines() {
		fmt.Fprintf(w, "  %s: %s\n", l.Label, l.Value)
	}
}
