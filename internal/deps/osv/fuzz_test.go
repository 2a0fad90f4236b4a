package osv

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

func seeds(f *testing.F) {
	for _, p := range []string{"vulns/jinja2/PYSEC-2019-217.yaml", "vulns/requests/GHSA-j8r2-6x86-q33q.json", "vulns/requests/broken.yaml"} {
		data, err := os.ReadFile(filepath.Join("testdata", "pypa", filepath.FromSlash(p)))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"id":"A","affected":[{"package":{"name":"x"},"ranges":[{"type":"ECOSYSTEM","events":[{"introduced":"0"}]}]}]}`))
	f.Add([]byte("id: A\naffected: {package: 3}\n"))
	f.Add([]byte("&a [*a, *a]"))
}

func FuzzParseJSON(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseJSON(data)
		if err == nil {
			if v.ID == "" {
				t.Fatal("accepted an advisory without id")
			}
			db := NewDB("fuzz")
			db.Add(v)
			for _, n := range v.PackageNames() {
				if _, err := db.Lookup(n); err != nil {
					t.Fatal(err)
				}
			}
		}
		db := NewDB("fuzz")
		ReadJSONL(db, "fuzz", bytes.NewReader(data))
	})
}

func FuzzParseYAML(f *testing.F) {
	seeds(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		v, err := ParseYAML(data)
		if err == nil && v.ID == "" {
			t.Fatal("accepted an advisory without id")
		}
	})
}

func FuzzReadSnapshot(f *testing.F) {
	var buf bytes.Buffer
	w, _ := NewSnapshotWriter(&buf, "2026-01-01", 1)
	w.Write([]string{"a"}, []byte(`{"id":"X"}`))
	w.Close()
	f.Add(buf.Bytes())
	f.Fuzz(func(t *testing.T, data []byte) {
		db, err := ReadSnapshot("fuzz", bytes.NewReader(data))
		if err == nil {
			for n := range db.byPkg {
				db.Lookup(n)
			}
		}
	})
}
