package cli

import (
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/snakeguard/snakeguard/internal/guide"
)

// guideJSON is the JSON shape of `rules --guide openssf`.
type guideJSON struct {
	Guide   string         `json:"guide"`
	Release string         `json:"release"`
	Source  string         `json:"source"`
	Counts  map[string]int `json:"counts"`
	Rules   []guideRule    `json:"rules"`
}

type guideRule struct {
	guide.Entry
	URL string `json:"url"`
}

// runGuide prints the coverage table of a secure coding guide.
func runGuide(e *env, name, format string) int {
	if !strings.EqualFold(name, "openssf") {
		fmt.Fprintf(e.stderr, "snakeguard rules: unknown guide %q (openssf)\n", name)
		return ExitUsage
	}
	entries, err := guide.Table()
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard rules: %v\n", err)
		return ExitInternal
	}
	switch format {
	case "text":
		if err := writeGuideText(e, entries); err != nil {
			return ExitInternal
		}
	case "json":
		out := guideJSON{Guide: "OpenSSF Secure Coding Guide for Python", Release: guide.Release, Source: guide.Source, Counts: map[string]int{}}
		for s, n := range guide.Counts(entries) {
			out.Counts[string(s)] = n
		}
		for _, en := range entries {
			if en.Rules == nil {
				en.Rules = []string{}
			}
			out.Rules = append(out.Rules, guideRule{Entry: en, URL: en.URL()})
		}
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(out); err != nil {
			return ExitInternal
		}
	case "markdown", "md":
		fmt.Fprint(e.stdout, guide.Markdown(entries))
	default:
		fmt.Fprintf(e.stderr, "snakeguard rules: unknown format %q (text, json, markdown)\n", format)
		return ExitUsage
	}
	return ExitOK
}

func writeGuideText(e *env, entries []guide.Entry) error {
	fmt.Fprintf(e.stdout, "OpenSSF Secure Coding Guide for Python (%s): coverage by snakeguard\n\n", guide.Release)
	tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "GUIDE\tTITLE\tCWE\tRULES\tSTATUS\tNOTE")
	for _, en := range entries {
		rules := strings.Join(en.Rules, ",")
		if rules == "" {
			rules = "-"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", en.ID, en.Title, strings.ReplaceAll(guide.CWEList(en.CWE), " ", ""), rules, en.Status, en.Reason)
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	c := guide.Counts(entries)
	var parts []string
	for _, s := range guide.Statuses {
		parts = append(parts, fmt.Sprintf("%d %s", c[s], s))
	}
	_, err := fmt.Fprintf(e.stdout, "\n%d guide rules: %s\n", len(entries), strings.Join(parts, ", "))
	return err
}
