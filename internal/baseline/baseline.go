// Package baseline saves the findings of a scan and later hides them, so a
// project can adopt snakeguard and be told only about new problems.
//
// Findings are matched by fingerprint (see finding.ComputeFingerprint),
// which does not depend on line numbers, so moving code around keeps it
// matched. Matching is a multiset: a fingerprint saved N times absorbs at
// most N findings; the N+1st identical finding is new.
package baseline

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// FormatVersion is the version of the baseline file format.
const FormatVersion = 1

// Entry is one saved finding (or several identical ones).
type Entry struct {
	Fingerprint string `json:"fingerprint"`
	RuleID      string `json:"rule_id"`
	Path        string `json:"path"`
	Message     string `json:"message"`
	// Count is how many findings share this fingerprint.
	Count int `json:"count"`
}

// Baseline is a loaded baseline file.
type Baseline struct {
	Version  int     `json:"version"`
	Tool     string  `json:"tool"`
	Findings []Entry `json:"findings"`
}

// key returns the fingerprint a finding is matched by. A finding without a
// fingerprint falls back to its rule, path and message, so it can still be
// baselined, though it then does not survive a change of message.
func key(f finding.Finding) string {
	if f.Fingerprint != "" {
		return f.Fingerprint
	}
	return "nofp:" + finding.ComputeFingerprint(f.RuleID, f.Location.Path, f.Message, "", 0)
}

// Write saves findings as a baseline. Findings suppressed inline are left
// out (the comment already hides them); findings suppressed by a baseline
// are kept, so re-writing a baseline while using one keeps its entries.
func Write(w io.Writer, findings []finding.Finding) error {
	byKey := map[string]*Entry{}
	for _, f := range findings {
		if f.Suppressed && f.SuppressionReason != finding.SuppressedByBaseline {
			continue
		}
		k := key(f)
		if e, ok := byKey[k]; ok {
			e.Count++
			continue
		}
		byKey[k] = &Entry{Fingerprint: k, RuleID: f.RuleID, Path: f.Location.Path, Message: f.Message, Count: 1}
	}
	b := Baseline{Version: FormatVersion, Tool: "snakeguard", Findings: make([]Entry, 0, len(byKey))}
	for _, e := range byKey {
		b.Findings = append(b.Findings, *e)
	}
	sort.Slice(b.Findings, func(i, j int) bool {
		x, y := b.Findings[i], b.Findings[j]
		if x.Path != y.Path {
			return x.Path < y.Path
		}
		if x.RuleID != y.RuleID {
			return x.RuleID < y.RuleID
		}
		return x.Fingerprint < y.Fingerprint
	})
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(b); err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	return nil
}

// WriteFile saves findings as a baseline file at path.
func WriteFile(path string, findings []finding.Finding) (err error) {
	f, err := os.Create(path)
	if err != nil {
		return fmt.Errorf("write baseline: %w", err)
	}
	defer func() {
		if cerr := f.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("write baseline %s: %w", path, cerr)
		}
	}()
	return Write(f, findings)
}

// ErrFormat is wrapped by the errors of a file that is not a baseline.
var ErrFormat = errors.New("not a snakeguard baseline")

// Load reads a baseline file.
func Load(path string) (*Baseline, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("load baseline: %w", err)
	}
	defer f.Close()
	b, err := Read(f)
	if err != nil {
		return nil, fmt.Errorf("load baseline %s: %w", path, err)
	}
	return b, nil
}

// Read parses a baseline.
func Read(r io.Reader) (*Baseline, error) {
	var b Baseline
	dec := json.NewDecoder(r)
	if err := dec.Decode(&b); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrFormat, err)
	}
	if b.Version != FormatVersion {
		return nil, fmt.Errorf("%w: version %d (this snakeguard reads version %d)", ErrFormat, b.Version, FormatVersion)
	}
	for i, e := range b.Findings {
		if e.Fingerprint == "" {
			return nil, fmt.Errorf("%w: entry %d has no fingerprint", ErrFormat, i+1)
		}
		if e.Count < 1 {
			b.Findings[i].Count = 1
		}
	}
	return &b, nil
}

// Filter returns a copy of findings in which those present in the baseline
// are marked Suppressed with reason finding.SuppressedByBaseline. Findings
// already suppressed are left alone and use up no baseline entry. When more
// findings share a fingerprint than the baseline saved, the first ones in
// report order are absorbed and the rest stay new.
func (b *Baseline) Filter(findings []finding.Finding) []finding.Finding {
	remaining := make(map[string]int, len(b.Findings))
	for _, e := range b.Findings {
		remaining[e.Fingerprint] += e.Count
	}
	out := make([]finding.Finding, len(findings))
	copy(out, findings)
	order := make([]int, len(out))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return finding.Compare(out[order[i]], out[order[j]]) < 0 })
	for _, i := range order {
		f := &out[i]
		if f.Suppressed {
			continue
		}
		k := key(*f)
		if remaining[k] > 0 {
			remaining[k]--
			f.Suppressed = true
			f.SuppressionReason = finding.SuppressedByBaseline
		}
	}
	return out
}

// Len returns the number of findings the baseline absorbs.
func (b *Baseline) Len() int {
	n := 0
	for _, e := range b.Findings {
		n += e.Count
	}
	return n
}
