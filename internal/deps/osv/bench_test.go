package osv

import "testing"

// BenchmarkSnapshot measures decompressing and indexing the built-in
// snapshot (records stay encoded until looked up).
func BenchmarkSnapshot(b *testing.B) {
	for b.Loop() {
		if _, err := Snapshot(); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(SnapshotSize()), "embedded-bytes")
}

// BenchmarkLookupDjango decodes every advisory of one package with many.
func BenchmarkLookupDjango(b *testing.B) {
	db, err := Snapshot()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := db.Lookup("django"); err != nil {
			b.Fatal(err)
		}
	}
}
