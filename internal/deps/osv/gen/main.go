// Command gen builds the advisory snapshot that snakeguard embeds
// (internal/deps/osv/snapshot/pypa.osv.gz) from a gzip file of OSV
// advisories, one JSON object per line, as exported from the PyPA
// advisory database:
//
//	go run ./internal/deps/osv/gen -in pypa-advisories.osv.jsonl.gz \
//	    -out internal/deps/osv/snapshot/pypa.osv.gz -date 2026-07-23
//
// It drops withdrawn advisories, keeps what matching and reports need (ids,
// aliases, dates, a one-line summary, severity vectors and the ECOSYSTEM
// ranges and versions of PyPI packages) and leaves out details, references
// and GIT ranges. The output is byte-identical for the same input.
package main

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/osv"
)

func main() {
	in := flag.String("in", "", "input: gzip file of OSV advisories, one per line")
	out := flag.String("out", "", "output snapshot file")
	date := flag.String("date", osv.SnapshotDate, "date of the data (YYYY-MM-DD)")
	flag.Parse()
	if *in == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: gen -in ADVISORIES.jsonl.gz -out SNAPSHOT.gz [-date YYYY-MM-DD]")
		os.Exit(2)
	}
	stats, err := build(*in, *out, *date)
	if err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
	fmt.Fprintf(os.Stderr, "gen: %d advisories kept, %d withdrawn skipped, %d versions kept, %d dropped as covered by ranges, %d bytes\n",
		stats.kept, stats.withdrawn, stats.versionsKept, stats.versionsDropped, stats.size)
}

type stats struct {
	kept, withdrawn, versionsKept, versionsDropped, size int
}

func build(in, out, date string) (stats, error) {
	var st stats
	f, err := os.Open(in)
	if err != nil {
		return st, err
	}
	defer f.Close()
	gz, err := gzip.NewReader(f)
	if err != nil {
		return st, fmt.Errorf("%s: %w", in, err)
	}
	type entry struct {
		names []string
		js    []byte
	}
	var entries []entry
	sc := bufio.NewScanner(gz)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	for line := 1; sc.Scan(); line++ {
		v, err := osv.ParseJSON(sc.Bytes())
		if err != nil {
			return st, fmt.Errorf("%s:%d: %w", in, line, err)
		}
		if v.IsWithdrawn() {
			st.withdrawn++
			continue
		}
		t := trim(v, &st)
		names := t.PackageNames()
		if len(names) == 0 {
			continue
		}
		var js bytes.Buffer
		enc := json.NewEncoder(&js)
		enc.SetEscapeHTML(false)
		if err := enc.Encode(t); err != nil {
			return st, fmt.Errorf("%s: encode: %w", v.ID, err)
		}
		entries = append(entries, entry{names, bytes.TrimSuffix(js.Bytes(), []byte("\n"))})
	}
	if err := sc.Err(); err != nil {
		return st, fmt.Errorf("%s: %w", in, err)
	}
	st.kept = len(entries)
	var buf bytes.Buffer
	w, err := osv.NewSnapshotWriter(&buf, date, len(entries))
	if err != nil {
		return st, err
	}
	for _, e := range entries {
		if err := w.Write(e.names, e.js); err != nil {
			return st, err
		}
	}
	if err := w.Close(); err != nil {
		return st, err
	}
	st.size = buf.Len()
	return st, writeFile(out, &buf)
}

func writeFile(path string, r io.Reader) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if _, err := io.Copy(f, r); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// summaryLimit bounds the one-line summary kept when an advisory has none.
const summaryLimit = 200

// trim keeps the fields that matching and reports use.
func trim(v *osv.Vulnerability, st *stats) *osv.Vulnerability {
	t := &osv.Vulnerability{
		ID:        v.ID,
		Modified:  wholeSeconds(v.Modified),
		Published: wholeSeconds(v.Published),
		Aliases:   v.Aliases,
		Summary:   shorten(v.Title(), summaryLimit),
		Severity:  v.Severity,
	}
	if s, ok := v.DatabaseSpecific["severity"]; ok {
		t.DatabaseSpecific = map[string]any{"severity": s}
	}
	for _, a := range v.Affected {
		if a.Package.Ecosystem != osv.Ecosystem {
			continue
		}
		ta := osv.Affected{
			Package:  osv.Package{Ecosystem: osv.Ecosystem, Name: a.Package.Name},
			Severity: a.Severity,
		}
		for _, r := range a.Ranges {
			if r.Type == osv.RangeEcosystem {
				ta.Ranges = append(ta.Ranges, osv.Range{Type: r.Type, Events: r.Events})
			}
		}
		for _, ver := range a.Versions {
			if coveredByRanges(ta.Ranges, ver) {
				st.versionsDropped++
				continue
			}
			st.versionsKept++
			ta.Versions = append(ta.Versions, ver)
		}
		t.Affected = append(t.Affected, ta)
	}
	return t
}

// wholeSeconds drops the fraction of a second from an RFC 3339 time.
func wholeSeconds(ts string) string {
	dot := strings.LastIndexByte(ts, '.')
	if dot < 0 || !strings.HasSuffix(ts, "Z") {
		return ts
	}
	for _, c := range ts[dot+1 : len(ts)-1] {
		if c < '0' || c > '9' {
			return ts
		}
	}
	return ts[:dot] + "Z"
}

func shorten(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
