package osv

import (
	"bufio"
	"bytes"
	"compress/gzip"
	_ "embed"
	"fmt"
	"io"
	"strconv"
	"strings"
	"time"
)

// SnapshotDate is the date of the advisory data built into snakeguard
// (the PyPA advisory database, CC-BY-4.0; see snapshot/LICENSE).
const SnapshotDate = "2026-07-23"

// SnapshotName names the built-in snapshot in reports.
const SnapshotName = "built-in snapshot of the PyPA advisory database (" + SnapshotDate + ")"

// StaleAfter is the age after which the built-in snapshot deserves a warning.
const StaleAfter = 90 * 24 * time.Hour

// snapshotMagic starts the first line of a snapshot file.
const snapshotMagic = "osv-snapshot v1"

//go:embed snapshot/pypa.osv.gz
var snapshotGz []byte

// SnapshotSize is the size in bytes of the compressed built-in snapshot.
func SnapshotSize() int { return len(snapshotGz) }

// SnapshotAge returns how old the built-in snapshot is at now.
func SnapshotAge(now time.Time) time.Duration {
	d, err := time.Parse(time.DateOnly, SnapshotDate)
	if err != nil {
		return 0
	}
	return now.Sub(d)
}

// Snapshot loads the built-in snapshot. Its records are decoded only when
// a lookup needs them.
func Snapshot() (*DB, error) {
	db, err := ReadSnapshot(SnapshotName, bytes.NewReader(snapshotGz))
	if err != nil {
		return nil, fmt.Errorf("built-in advisory snapshot: %w", err)
	}
	return db, nil
}

// ReadSnapshot reads a snapshot file: gzip, a header line
// "osv-snapshot v1 date=YYYY-MM-DD advisories=N", then one line per
// advisory: the normalised package names separated by spaces, a tab, and
// the advisory as OSV JSON.
func ReadSnapshot(name string, r io.Reader) (*DB, error) {
	gz, err := gzip.NewReader(r)
	if err != nil {
		return nil, err
	}
	data, err := io.ReadAll(gz)
	if err != nil {
		return nil, err
	}
	header, rest, _ := bytes.Cut(data, []byte("\n"))
	want, err := parseSnapshotHeader(string(header))
	if err != nil {
		return nil, err
	}
	db := NewDB(name)
	db.byPkg = make(map[string][]record, 2048)
	for n := 2; len(rest) > 0; n++ {
		var line []byte
		line, rest, _ = bytes.Cut(rest, []byte("\n"))
		if len(line) == 0 {
			continue
		}
		names, js, ok := bytes.Cut(line, []byte("\t"))
		if !ok || len(js) == 0 || js[0] != '{' {
			return nil, fmt.Errorf("line %d: malformed record", n)
		}
		for _, pkg := range strings.Fields(string(names)) {
			db.byPkg[pkg] = append(db.byPkg[pkg], record{raw: js})
		}
		db.count++
	}
	if db.count != want {
		return nil, fmt.Errorf("header says %d advisories, found %d", want, db.count)
	}
	return db, nil
}

func parseSnapshotHeader(h string) (int, error) {
	if !strings.HasPrefix(h, snapshotMagic+" ") {
		return 0, fmt.Errorf("not a snapshot file (header %.40q)", h)
	}
	for _, f := range strings.Fields(h[len(snapshotMagic):]) {
		if v, ok := strings.CutPrefix(f, "advisories="); ok {
			n, err := strconv.Atoi(v)
			if err != nil {
				return 0, fmt.Errorf("header: bad advisory count %q", v)
			}
			return n, nil
		}
	}
	return 0, fmt.Errorf("header: no advisory count")
}

// SnapshotWriter writes the snapshot format that ReadSnapshot reads.
type SnapshotWriter struct {
	gz *gzip.Writer
	bw *bufio.Writer
}

// NewSnapshotWriter starts a snapshot of count advisories dated date.
func NewSnapshotWriter(w io.Writer, date string, count int) (*SnapshotWriter, error) {
	gz, err := gzip.NewWriterLevel(w, gzip.BestCompression)
	if err != nil {
		return nil, err
	}
	bw := bufio.NewWriter(gz)
	fmt.Fprintf(bw, "%s date=%s advisories=%d\n", snapshotMagic, date, count)
	return &SnapshotWriter{gz: gz, bw: bw}, nil
}

// Write adds one advisory, encoded as JSON, under its package names.
func (s *SnapshotWriter) Write(names []string, js []byte) error {
	if len(names) == 0 || bytes.ContainsAny(js, "\n") {
		return fmt.Errorf("snapshot record: no package names or a newline in the JSON")
	}
	s.bw.WriteString(strings.Join(names, " "))
	s.bw.WriteByte('\t')
	s.bw.Write(js)
	return s.bw.WriteByte('\n')
}

// Close flushes the snapshot.
func (s *SnapshotWriter) Close() error {
	if err := s.bw.Flush(); err != nil {
		return err
	}
	return s.gz.Close()
}
