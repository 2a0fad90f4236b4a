// Package guide holds the coverage table of the OpenSSF Secure Coding
// Guide for Python: for each guide rule, the snakeguard rules that check it
// and whether the check is complete, partial or impossible statically. The
// table is data (openssf.tsv, embedded) so a reviewer can read it without
// reading Go.
package guide

import (
	_ "embed"
	"fmt"
	"strconv"
	"strings"
)

// Release is the guide release whose rule ids and titles the table uses.
const Release = "pyscg-v1.0.0"

// Source is where the guide lives.
const Source = "https://github.com/ossf/wg-best-practices-os-developers/tree/main/docs/Secure-Coding-Guide-for-Python"

// Status says how far snakeguard checks a guide rule.
type Status string

const (
	Checked      Status = "checked"       // the rules find what the guide rule describes
	Partly       Status = "partly"        // they find some forms of it
	Gap          Status = "gap"           // a static check is possible, no rule yet
	NotCheckable Status = "not-checkable" // depends on design or run-time facts
)

// Statuses lists the statuses in report order.
var Statuses = []Status{Checked, Partly, Gap, NotCheckable}

// Entry is one guide rule and its coverage.
type Entry struct {
	ID      string   `json:"id"` // pyscg-0001
	Section string   `json:"section"`
	Title   string   `json:"title"`
	CWE     []int    `json:"cwe"`
	Rules   []string `json:"rules"` // snakeguard rule ids
	Status  Status   `json:"status"`
	Reason  string   `json:"reason,omitempty"` // why partly, a gap or not checkable
}

// URL is the entry's page in the guide.
func (e Entry) URL() string {
	dir := strings.ToLower(strings.ReplaceAll(e.Section, " ", "_"))
	return Source + "/" + dir + "/" + e.ID + "/README.md"
}

//go:embed openssf.tsv
var tableTSV string

// Table returns the coverage table in the guide's order.
func Table() ([]Entry, error) {
	return Parse(tableTSV)
}

// Parse reads a coverage table in the format of openssf.tsv.
func Parse(text string) ([]Entry, error) {
	var out []Entry
	for i, line := range strings.Split(text, "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		e, err := parseLine(line)
		if err != nil {
			return nil, fmt.Errorf("openssf.tsv line %d: %w", i+1, err)
		}
		out = append(out, e)
	}
	return out, nil
}

func parseLine(line string) (Entry, error) {
	f := strings.Split(line, "\t")
	if len(f) != 7 {
		return Entry{}, fmt.Errorf("%d columns, want 7", len(f))
	}
	e := Entry{ID: f[0], Section: f[1], Title: f[2], Status: Status(f[5]), Reason: f[6]}
	for _, c := range strings.Split(f[3], ",") {
		n, err := strconv.Atoi(c)
		if err != nil {
			return Entry{}, fmt.Errorf("%s: CWE %q: %w", e.ID, c, err)
		}
		e.CWE = append(e.CWE, n)
	}
	if f[4] != "" {
		e.Rules = strings.Split(f[4], ",")
	}
	switch e.Status {
	case Checked:
		if len(e.Rules) == 0 {
			return Entry{}, fmt.Errorf("%s: checked but no rules", e.ID)
		}
	case Partly:
		if len(e.Rules) == 0 || e.Reason == "" {
			return Entry{}, fmt.Errorf("%s: partly needs rules and a reason", e.ID)
		}
	case Gap, NotCheckable:
		if len(e.Rules) > 0 || e.Reason == "" {
			return Entry{}, fmt.Errorf("%s: %s needs a reason and no rules", e.ID, e.Status)
		}
	default:
		return Entry{}, fmt.Errorf("%s: unknown status %q", e.ID, e.Status)
	}
	return e, nil
}

// Counts returns how many entries have each status.
func Counts(entries []Entry) map[Status]int {
	c := map[Status]int{}
	for _, e := range entries {
		c[e.Status]++
	}
	return c
}
