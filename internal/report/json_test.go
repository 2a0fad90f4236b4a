package report

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/snakeguard/snakeguard/internal/finding"
)

// The published schema of the JSON report lives in docs/.
var jsonReportSchema = filepath.Join("..", "..", "docs", "json-report.schema.json")

func TestJSONValidatesAgainstPublishedSchema(t *testing.T) {
	f, err := os.Open(jsonReportSchema)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	doc, err := jsonschema.UnmarshalJSON(f)
	if err != nil {
		t.Fatal(err)
	}
	c := jsonschema.NewCompiler()
	if err := c.AddResource("report.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("report.schema.json")
	if err != nil {
		t.Fatal(err)
	}
	for name, gc := range goldenCases() {
		var buf bytes.Buffer
		if err := Write(&buf, "json", gc.report, gc.opt); err != nil {
			t.Fatal(err)
		}
		out, err := jsonschema.UnmarshalJSON(&buf)
		if err != nil {
			t.Fatal(err)
		}
		if err := sch.Validate(out); err != nil {
			t.Errorf("%s: JSON report does not match %s: %v", name, jsonReportSchema, err)
		}
	}
	// The schema can fail: a finding without a rule id is rejected.
	var buf bytes.Buffer
	if err := Write(&buf, "json", sampleReport(), Options{}); err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(buf.Bytes(), &m); err != nil {
		t.Fatal(err)
	}
	delete(m["findings"].([]any)[0].(map[string]any), "rule_id")
	if err := sch.Validate(m); err == nil {
		t.Error("a finding without rule_id passed validation")
	}
}

func TestJSONRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	r := sampleReport()
	if err := Write(&buf, "json", r, Options{}); err != nil {
		t.Fatal(err)
	}
	var got jsonReport
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatal(err)
	}
	if len(got.Findings) != 5 || got.Summary.Suppressed != 2 || got.Summary.BySeverity["critical"] != 1 {
		t.Errorf("summary: %+v", got.Summary)
	}
	first := got.Findings[0]
	want := sampleFindings()[0]
	if first.RuleID != want.RuleID || first.Line != want.Location.Line || first.EndColumn != want.Location.EndColumn ||
		first.Fingerprint != want.Fingerprint || first.Severity != finding.Low.String() {
		t.Errorf("first finding: %+v", first)
	}
}
