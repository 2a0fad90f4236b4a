package compliance

import (
	"bytes"
	"strings"
	"testing"
	"time"

	"github.com/snakeguard/snakeguard/internal/report"
)

// FuzzReadSaved feeds arbitrary input to the saved-result reader (report.ReadJSON) and, when
// it is accepted, renders both reports: no input may panic.
func FuzzReadSaved(f *testing.F) {
	f.Add(`{"version":1,"tool":{"name":"snakeguard","version":"1"},"findings":[{"rule_id":"SG101","cwe":[89],"severity":"high","confidence":"high","path":"<a>.py","line":1,"message":"|*x*|"}]}`)
	f.Add(`{"version":1,"tool":{"name":"snakeguard"},"findings":[{"cwe":[-1,0,99999],"severity":"low","confidence":"low"}]}`)
	f.Add(`[]`)
	f.Fuzz(func(t *testing.T, in string) {
		s, err := report.ReadJSON(strings.NewReader(in))
		if err != nil {
			return
		}
		for _, fw := range Frameworks() {
			rep, err := Build(Input{Framework: fw, Findings: s.Findings, Date: time.Unix(0, 0)})
			if err != nil {
				t.Fatal(err)
			}
			var b bytes.Buffer
			if err := WriteMarkdown(&b, rep); err != nil {
				t.Fatal(err)
			}
			if err := WriteHTML(&b, rep); err != nil {
				t.Fatal(err)
			}
		}
	})
}
