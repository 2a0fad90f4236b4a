package osv

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"
)

func TestLoadDir(t *testing.T) {
	db, bad, err := Load(filepath.Join("testdata", "pypa"))
	if err != nil {
		t.Fatal(err)
	}
	if len(bad) != 1 || !strings.Contains(bad[0].Error(), "broken.yaml") {
		t.Errorf("file errors = %v, want one naming broken.yaml", bad)
	}
	if db.Len() != 2 {
		t.Fatalf("Len = %d, want 2", db.Len())
	}
	vs, err := db.Lookup("jinja2")
	if err != nil || len(vs) != 1 {
		t.Fatalf("Lookup(jinja2) = %v, %v", vs, err)
	}
	v := vs[0]
	if v.ID != "PYSEC-2019-217" || !slices.Equal(v.Aliases, []string{"CVE-2019-10906", "GHSA-462w-v97r-4m45"}) {
		t.Errorf("ids = %s %v", v.ID, v.Aliases)
	}
	// YAML timestamps and unquoted numbers stay as written.
	if v.Modified != "2021-11-24T20:44:32.411938Z" {
		t.Errorf("Modified = %q", v.Modified)
	}
	if got := v.Affected[0].Versions; !slices.Equal(got, []string{"2.0", "2.10"}) {
		t.Errorf("Versions = %q", got)
	}
	if got := v.Affected[0].Ranges[0].Events; len(got) != 2 || got[0].Introduced != "0" || got[1].Fixed != "2.10.1" {
		t.Errorf("events = %+v", got)
	}
	vs, _ = db.Lookup("requests")
	if len(vs) != 1 || vs[0].DatabaseSpecific["severity"] != "MODERATE" {
		t.Errorf("requests advisories = %+v", vs)
	}
}

func TestLoadZip(t *testing.T) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for _, name := range []string{"vulns/requests/GHSA-j8r2-6x86-q33q.json", "vulns/jinja2/PYSEC-2019-217.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "pypa", filepath.FromSlash(name)))
		if err != nil {
			t.Fatal(err)
		}
		w, _ := zw.Create(filepath.Base(name))
		w.Write(data)
	}
	w, _ := zw.Create("PYSEC-0000-bad.json")
	w.Write([]byte("{"))
	zw.Close()
	path := filepath.Join(t.TempDir(), "all.zip")
	os.WriteFile(path, buf.Bytes(), 0o644)
	db, bad, err := Load(path)
	if err != nil {
		t.Fatal(err)
	}
	if db.Len() != 2 || len(bad) != 1 {
		t.Errorf("Len = %d, bad = %v", db.Len(), bad)
	}
	res, err := db.Query(context.Background(), []Query{{Name: "Requests", Version: "2.0"}, {Name: "flask"}})
	if err != nil || len(res[0]) != 1 || len(res[1]) != 0 {
		t.Errorf("Query = %v, %v", res, err)
	}
}

func TestWithdrawnNotHeld(t *testing.T) {
	db := NewDB("t")
	if db.Add(&Vulnerability{ID: "X", Withdrawn: "2024-01-01T00:00:00Z", Affected: []Affected{{Package: Package{Ecosystem: "PyPI", Name: "a"}}}}) {
		t.Error("withdrawn advisory stored")
	}
	if db.Add(&Vulnerability{ID: "Y", Affected: []Affected{{Package: Package{Ecosystem: "npm", Name: "a"}}}}) {
		t.Error("npm advisory stored")
	}
	if db.Len() != 0 {
		t.Errorf("Len = %d", db.Len())
	}
}

func TestSnapshotRoundTrip(t *testing.T) {
	var buf bytes.Buffer
	w, err := NewSnapshotWriter(&buf, "2026-01-02", 2)
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]string{"a", "b"}, []byte(`{"id":"X-1","affected":[{"package":{"ecosystem":"PyPI","name":"A"}},{"package":{"ecosystem":"PyPI","name":"b"}}]}`))
	w.Write([]string{"a"}, []byte(`{"id":"X-2"}`))
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	db, err := ReadSnapshot("t", bytes.NewReader(buf.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	a, _ := db.Lookup("a")
	b, _ := db.Lookup("b")
	if db.Len() != 2 || len(a) != 2 || len(b) != 1 || b[0].ID != "X-1" {
		t.Errorf("Len %d, a %v, b %v", db.Len(), a, b)
	}

	// A wrong count or a missing header is an error, not a short database.
	var bad bytes.Buffer
	w, _ = NewSnapshotWriter(&bad, "2026-01-02", 3)
	w.Write([]string{"a"}, []byte(`{"id":"X-2"}`))
	w.Close()
	if _, err := ReadSnapshot("t", &bad); err == nil {
		t.Error("count mismatch not detected")
	}
}

func TestBuiltInSnapshot(t *testing.T) {
	db, err := Snapshot()
	if err != nil {
		t.Fatal(err)
	}
	// 7,080 advisories in the source data, 269 of them withdrawn.
	if db.Len() != 6811 {
		t.Errorf("Len = %d, want 6811", db.Len())
	}
	vs, err := db.Lookup("django")
	if err != nil {
		t.Fatal(err)
	}
	if len(vs) < 100 {
		t.Errorf("django has %d advisories, want over 100", len(vs))
	}
	for _, v := range vs {
		if v.IsWithdrawn() || v.Details != "" || len(v.References) != 0 {
			t.Fatalf("%s: withdrawn or untrimmed record", v.ID)
		}
	}
	if SnapshotAge(time.Date(2026, 7, 24, 0, 0, 0, 0, time.UTC)) != 24*time.Hour {
		t.Error("SnapshotAge")
	}
}

func TestParseErrors(t *testing.T) {
	if _, err := ParseJSON([]byte(`{"summary":"x"}`)); !errors.Is(err, ErrNotOSV) {
		t.Errorf("no id: %v", err)
	}
	if _, err := ParseYAML([]byte("id: [")); err == nil || errors.Is(err, ErrNotOSV) {
		t.Errorf("broken yaml: %v", err)
	}
	if _, err := ParseJSON([]byte(`{"id": 3}`)); err == nil {
		t.Error("numeric id accepted")
	}
}
