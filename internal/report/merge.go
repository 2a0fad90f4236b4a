package report

import (
	"encoding/json"
	"fmt"
	"io"
	"reflect"
)

// MergeSARIF combines SARIF 2.1.0 logs, such as the outputs of the shards
// of one sharded scan, into one log. Runs of the same tool (driver name and
// version) with the same originalUriBaseIds become one run: rules are
// united by id, each result's ruleIndex is renumbered, and the invocations
// become one whose executionSuccessful holds only if every shard's did.
// Other runs are kept as they are. Fields that the merge does not touch are
// passed through unchanged.
func MergeSARIF(w io.Writer, logs ...io.Reader) error {
	var runs []map[string]any
	for i, r := range logs {
		var log map[string]any
		dec := json.NewDecoder(r)
		dec.UseNumber()
		if err := dec.Decode(&log); err != nil {
			return fmt.Errorf("merge SARIF: log %d: %w", i+1, err)
		}
		if v, _ := log["version"].(string); v != sarifVersion {
			return fmt.Errorf("merge SARIF: log %d: version %q, want %q", i+1, log["version"], sarifVersion)
		}
		list, ok := log["runs"].([]any)
		if !ok {
			return fmt.Errorf("merge SARIF: log %d: no runs", i+1)
		}
		for j, run := range list {
			m, ok := run.(map[string]any)
			if !ok {
				return fmt.Errorf("merge SARIF: log %d: run %d is not an object", i+1, j+1)
			}
			runs = append(runs, m)
		}
	}
	var merged []map[string]any
	for _, run := range runs {
		if target := findMergeTarget(merged, run); target != nil {
			if err := mergeRun(target, run); err != nil {
				return fmt.Errorf("merge SARIF: %w", err)
			}
			continue
		}
		merged = append(merged, run)
	}
	out := map[string]any{"$schema": sarifSchemaURI, "version": sarifVersion, "runs": merged}
	if merged == nil {
		out["runs"] = []any{}
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// findMergeTarget returns the run of merged that run can join, or nil.
func findMergeTarget(merged []map[string]any, run map[string]any) map[string]any {
	for _, m := range merged {
		if reflect.DeepEqual(driverIdentity(m), driverIdentity(run)) &&
			reflect.DeepEqual(m["originalUriBaseIds"], run["originalUriBaseIds"]) &&
			reflect.DeepEqual(m["columnKind"], run["columnKind"]) {
			return m
		}
	}
	return nil
}

func driverIdentity(run map[string]any) [2]any {
	tool, _ := run["tool"].(map[string]any)
	driver, _ := tool["driver"].(map[string]any)
	return [2]any{driver["name"], driver["version"]}
}

func driverOf(run map[string]any) map[string]any {
	tool, _ := run["tool"].(map[string]any)
	driver, _ := tool["driver"].(map[string]any)
	return driver
}

// mergeRun adds src's rules, results and invocations to dst.
func mergeRun(dst, src map[string]any) error {
	dstDriver, srcDriver := driverOf(dst), driverOf(src)
	if dstDriver == nil || srcDriver == nil {
		return fmt.Errorf("run without tool.driver")
	}
	rules, _ := dstDriver["rules"].([]any)
	index := map[string]int{}
	for i, r := range rules {
		if m, ok := r.(map[string]any); ok {
			if id, ok := m["id"].(string); ok {
				index[id] = i
			}
		}
	}
	// renumber maps src's rule indexes to dst's.
	srcRules, _ := srcDriver["rules"].([]any)
	renumber := make([]int, len(srcRules))
	for i, r := range srcRules {
		m, _ := r.(map[string]any)
		id, _ := m["id"].(string)
		if at, ok := index[id]; ok && id != "" {
			renumber[i] = at
			continue
		}
		index[id] = len(rules)
		renumber[i] = len(rules)
		rules = append(rules, r)
	}
	if rules != nil {
		dstDriver["rules"] = rules
	}

	results, _ := dst["results"].([]any)
	srcResults, _ := src["results"].([]any)
	for _, r := range srcResults {
		if m, ok := r.(map[string]any); ok {
			if n, ok := m["ruleIndex"].(json.Number); ok {
				i, err := n.Int64()
				if err != nil || i < -1 || i >= int64(len(renumber)) {
					return fmt.Errorf("result with ruleIndex %s outside the run's %d rules", n, len(renumber))
				}
				if i >= 0 {
					m["ruleIndex"] = renumber[i]
				}
			}
		}
		results = append(results, r)
	}
	dst["results"] = results
	if results == nil {
		dst["results"] = []any{}
	}

	if inv := mergeInvocations(dst["invocations"], src["invocations"]); inv != nil {
		dst["invocations"] = inv
	}
	return nil
}

// mergeInvocations folds all invocations into one: successful only if all
// were, with every notification.
func mergeInvocations(a, b any) []any {
	merged := map[string]any{"executionSuccessful": true}
	var notes []any
	count := 0
	for _, list := range []any{a, b} {
		invs, _ := list.([]any)
		for _, inv := range invs {
			m, ok := inv.(map[string]any)
			if !ok {
				continue
			}
			count++
			if ok, _ := m["executionSuccessful"].(bool); !ok {
				merged["executionSuccessful"] = false
			}
			if ns, ok := m["toolExecutionNotifications"].([]any); ok {
				notes = append(notes, ns...)
			}
		}
	}
	if count == 0 {
		return nil
	}
	if len(notes) > 0 {
		merged["toolExecutionNotifications"] = notes
	}
	return []any{merged}
}
