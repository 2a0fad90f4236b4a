package report

import (
	"bytes"
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"
)

func sarifOf(t *testing.T, r *Report) io.Reader {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, "sarif", r, Options{}); err != nil {
		t.Fatal(err)
	}
	return &buf
}

func TestMergeSARIF(t *testing.T) {
	all := sampleFindings()
	// Shard 1 has SG301 and SG102; shard 2 has SG110 and SG901 and a notice.
	shard1 := &Report{ToolVersion: "1.2.3", Root: "/src", Findings: all[:2], Rules: sampleRules}
	shard2 := &Report{ToolVersion: "1.2.3", Root: "/src", Findings: all[3:5], Rules: sampleRules[2:],
		Notices: []Notice{{Path: "big.py", Level: LevelWarning, Message: "skipped"}}}
	other := &Report{ToolVersion: "1.2.3", Root: "/elsewhere", Findings: all[:1], Rules: sampleRules[3:]}

	var buf bytes.Buffer
	if err := MergeSARIF(&buf, sarifOf(t, shard1), sarifOf(t, shard2), sarifOf(t, other)); err != nil {
		t.Fatal(err)
	}
	out := buf.Bytes()
	sch := loadSARIFSchema(t)
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(out))
	if err != nil {
		t.Fatal(err)
	}
	if err := sch.Validate(doc); err != nil {
		t.Errorf("merged log does not match the schema: %v", err)
	}
	var log sarifLog
	if err := json.Unmarshal(out, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 2 {
		t.Fatalf("%d runs, want 2 (same root merged, other root kept)", len(log.Runs))
	}
	run := log.Runs[0]
	if len(run.Results) != 4 {
		t.Errorf("%d results, want 4", len(run.Results))
	}
	seen := map[string]bool{}
	for _, rule := range run.Tool.Driver.Rules {
		if seen[rule.ID] {
			t.Errorf("rule %s listed twice", rule.ID)
		}
		seen[rule.ID] = true
	}
	for _, res := range run.Results {
		if got := run.Tool.Driver.Rules[res.RuleIndex].ID; got != res.RuleID {
			t.Errorf("result %s points at rule %s", res.RuleID, got)
		}
	}
	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful || len(run.Invocations[0].ToolExecutionNotifications) != 1 {
		t.Errorf("invocations: %+v", run.Invocations)
	}
	if len(log.Runs[1].Results) != 1 {
		t.Errorf("second run: %d results", len(log.Runs[1].Results))
	}
}

func TestMergeSARIFFailedShard(t *testing.T) {
	ok := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"snakeguard","rules":[]}},"results":[],"invocations":[{"executionSuccessful":true}]}]}`
	failed := `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"snakeguard","rules":[]}},"results":[],"invocations":[{"executionSuccessful":false}]}]}`
	var buf bytes.Buffer
	if err := MergeSARIF(&buf, strings.NewReader(ok), strings.NewReader(failed)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(buf.String(), `"executionSuccessful": false`) {
		t.Errorf("a failed shard did not fail the merged run:\n%s", buf.String())
	}
}

func TestMergeSARIFErrors(t *testing.T) {
	cases := map[string]string{
		"not json":       "{",
		"wrong version":  `{"version":"2.0.0","runs":[]}`,
		"no runs":        `{"version":"2.1.0"}`,
		"bad rule index": `{"version":"2.1.0","runs":[{"tool":{"driver":{"name":"x"}}},{"tool":{"driver":{"name":"x"}},"results":[{"ruleIndex":3}]}]}`,
		"run not object": `{"version":"2.1.0","runs":[1]}`,
	}
	for name, text := range cases {
		if err := MergeSARIF(io.Discard, strings.NewReader(text)); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
	var buf bytes.Buffer
	if err := MergeSARIF(&buf); err != nil || !strings.Contains(buf.String(), `"runs": []`) {
		t.Errorf("no logs: %v %s", err, buf.String())
	}
}
