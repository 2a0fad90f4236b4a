package templates

import (
	"context"
	"os"
	"testing"

	"github.com/snakeguard/snakeguard/internal/analysis"
	"github.com/snakeguard/snakeguard/internal/analysis/analysistest"
)

func TestTemplateRules(t *testing.T) {
	src, err := os.ReadFile("testdata/templates/transfer.html")
	if err != nil {
		t.Fatal(err)
	}
	files := []analysis.TextFile{{Path: "templates/transfer.html", Src: src}}
	fs, notes := analysis.Run(context.Background(), nil, Rules(), 1, files...)
	if len(notes) > 0 {
		t.Fatal(notes)
	}
	got := map[string]int{}
	for _, f := range fs {
		got[f.RuleID] = f.Location.Line
	}
	want := map[string]int{"SG717": 3, "SG718": 8, "SG719": 10}
	if len(fs) != len(want) {
		t.Errorf("findings = %+v", fs)
	}
	for id, line := range want {
		if got[id] != line {
			t.Errorf("%s at line %d, want %d", id, got[id], line)
		}
	}
}

func TestExamples(t *testing.T) {
	for _, r := range Rules() {
		for _, ex := range []struct {
			src  string
			want bool
		}{{r.Doc.Vulnerable, true}, {r.Doc.Secure, false}} {
			fs, _ := analysis.Run(context.Background(), nil, []*analysis.Rule{r}, 1, analysis.TextFile{Path: "templates/x.html", Src: []byte(ex.src)})
			if (len(fs) > 0) != ex.want {
				t.Errorf("%s: example %q gave %d findings", r.Doc.ID, ex.src, len(fs))
			}
		}
	}
}

func FuzzTags(f *testing.F) {
	f.Add([]byte("{{ a|safe }}{% if x %}{# c #}"))
	f.Add([]byte("{{ unterminated"))
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, tag := range Tags(src) {
			if tag.Start < 0 || tag.End > len(src) || tag.Start >= tag.End {
				t.Fatalf("bad tag %+v", tag)
			}
		}
	})
}

func TestAnnotatedTemplates(t *testing.T) {
	res := analysistest.Run(t, "testdata/src", Rules()...)
	if res.Want < 8 || res.OK < 15 {
		t.Errorf("fixtures check %d want and %d ok lines; want more", res.Want, res.OK)
	}
}
