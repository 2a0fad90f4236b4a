package baseline

import (
	"bytes"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/finding"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

func fnd(rule, path string, line int, lineText string, occ int) finding.Finding {
	return finding.Finding{
		RuleID: rule, Message: rule + " in " + path,
		Location:    finding.Location{Path: path, Line: line, Column: 1},
		Fingerprint: finding.ComputeFingerprint(rule, path, lineText, "", occ),
	}
}

func sample() []finding.Finding {
	return []finding.Finding{
		fnd("SG101", "b.py", 3, "os.system(cmd)", 0),
		fnd("SG101", "a.py", 9, "os.system(cmd)", 0),
		fnd("SG102", "a.py", 4, "eval(x)", 0),
		// Two findings with the same fingerprint (e.g. a driver that did not
		// number occurrences): one entry with count 2.
		fnd("SG301", "a.py", 5, "md5(x)", 0),
		fnd("SG301", "a.py", 6, "md5(x)", 0),
		// Suppressed inline: not saved.
		func() finding.Finding {
			f := fnd("SG102", "c.py", 1, "eval(y)", 0)
			f.Suppressed, f.SuppressionReason = true, "# nosec"
			return f
		}(),
		// No fingerprint: keyed by rule, path and message.
		{RuleID: "SG901", Message: "jinja2 2.10 is vulnerable", Location: finding.Location{Path: "requirements.txt"}},
	}
}

func TestWriteGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	path := filepath.Join("testdata", "baseline.json")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), want) {
		t.Errorf("baseline differs from %s:\n%s", path, buf.String())
	}
}

func TestRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	b, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	if got := b.Len(); got != 6 {
		t.Errorf("Len() = %d, want 6", got)
	}
	// The same findings, moved to other lines: all absorbed.
	moved := sample()
	for i := range moved {
		moved[i].Location.Line += 40
	}
	moved = moved[:5]
	moved = append(moved, sample()[6])
	for _, f := range b.Filter(moved) {
		if !f.Suppressed || f.SuppressionReason != finding.SuppressedByBaseline {
			t.Errorf("%s %s:%d not absorbed by the baseline", f.RuleID, f.Location.Path, f.Location.Line)
		}
	}
}

func TestFilterMultiset(t *testing.T) {
	var buf bytes.Buffer
	if err := Write(&buf, sample()); err != nil {
		t.Fatal(err)
	}
	b, err := Read(&buf)
	if err != nil {
		t.Fatal(err)
	}
	// Three identical md5 findings now; the baseline saved two.
	fs := []finding.Finding{
		fnd("SG301", "a.py", 7, "md5(x)", 0),
		fnd("SG301", "a.py", 5, "md5(x)", 0),
		fnd("SG301", "a.py", 6, "md5(x)", 0),
		fnd("SG102", "a.py", 4, "eval(z)", 0), // changed line: new
		fnd("SG101", "d.py", 3, "os.system(cmd)", 0),
	}
	got := b.Filter(fs)
	want := []bool{false, true, true, false, false}
	for i, f := range got {
		if f.Suppressed != want[i] {
			t.Errorf("finding %d (%s line %d): suppressed = %v, want %v", i, f.RuleID, f.Location.Line, f.Suppressed, want[i])
		}
	}
	if fs[1].Suppressed {
		t.Error("Filter modified its input")
	}
}

func TestFilterSkipsSuppressed(t *testing.T) {
	b := &Baseline{Version: 1, Findings: []Entry{{Fingerprint: fnd("SG101", "a.py", 1, "x", 0).Fingerprint, Count: 1}}}
	inline := fnd("SG101", "a.py", 1, "x", 0)
	inline.Suppressed, inline.SuppressionReason = true, "# nosec"
	second := fnd("SG101", "a.py", 2, "x", 0)
	got := b.Filter([]finding.Finding{inline, second})
	if got[0].SuppressionReason != "# nosec" || !got[1].Suppressed {
		t.Errorf("got %+v", got)
	}
}

func TestReadErrors(t *testing.T) {
	cases := map[string]string{
		"not json":       "hello",
		"wrong version":  `{"version": 2, "findings": []}`,
		"no version":     `{"findings": []}`,
		"no fingerprint": `{"version": 1, "findings": [{"rule_id": "SG101"}]}`,
	}
	for name, text := range cases {
		_, err := Read(strings.NewReader(text))
		if !errors.Is(err, ErrFormat) {
			t.Errorf("%s: got %v, want ErrFormat", name, err)
		}
	}
}

func TestLoadNamesFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "bad.json")
	if err := os.WriteFile(path, []byte("[]"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Load(path)
	if err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("got %v, want an error naming %s", err, path)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "missing.json")); err == nil {
		t.Error("missing file: no error")
	}
}

func TestWriteFileLoad(t *testing.T) {
	path := filepath.Join(t.TempDir(), "baseline.json")
	if err := WriteFile(path, sample()); err != nil {
		t.Fatal(err)
	}
	b, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b.Findings) != 5 {
		t.Errorf("%d entries, want 5", len(b.Findings))
	}
}
