package osv

import (
	"archive/zip"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"go.yaml.in/yaml/v3"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// Query asks for the advisories of one package. Version is the exact
// version when known; offline sources ignore it and return every advisory
// of the package, which the audit then matches.
type Query struct {
	Name    string // normalised (PEP 503)
	Version string
}

// Source answers queries with candidate advisories.
type Source interface {
	// Name says where the advisories come from, for reports.
	Name() string
	// Query returns, for each query, the advisories that may affect it.
	Query(ctx context.Context, qs []Query) ([][]*Vulnerability, error)
}

// DB is an in-memory set of advisories indexed by normalised package name.
// Records of the built-in snapshot stay encoded until a query needs them.
type DB struct {
	name  string
	byPkg map[string][]record
	count int
}

type record struct {
	raw []byte
	v   *Vulnerability
}

// NewDB returns an empty database called name.
func NewDB(name string) *DB {
	return &DB{name: name, byPkg: map[string][]record{}}
}

// Name says where the advisories come from.
func (db *DB) Name() string { return db.name }

// Len is the number of advisories held (withdrawn ones are never held).
func (db *DB) Len() int { return db.count }

// Packages is the number of packages with at least one advisory.
func (db *DB) Packages() int { return len(db.byPkg) }

// Add stores v under each PyPI package it affects; withdrawn advisories,
// advisories without an id and advisories without PyPI packages are
// dropped. It reports whether v
// was stored.
func (db *DB) Add(v *Vulnerability) bool {
	if v == nil || v.ID == "" || v.IsWithdrawn() {
		return false
	}
	names := v.PackageNames()
	for _, n := range names {
		db.byPkg[n] = append(db.byPkg[n], record{v: v})
	}
	if len(names) > 0 {
		db.count++
	}
	return len(names) > 0
}

// Lookup returns the advisories of the package with normalised name.
func (db *DB) Lookup(name string) ([]*Vulnerability, error) {
	recs := db.byPkg[name]
	out := make([]*Vulnerability, 0, len(recs))
	for _, r := range recs {
		v := r.v
		if v == nil {
			v = new(Vulnerability)
			if err := json.Unmarshal(r.raw, v); err != nil {
				return nil, fmt.Errorf("%s: decode advisory of %s: %w", db.name, name, err)
			}
		}
		out = append(out, v)
	}
	return out, nil
}

// Query implements Source.
func (db *DB) Query(ctx context.Context, qs []Query) ([][]*Vulnerability, error) {
	out := make([][]*Vulnerability, len(qs))
	for i, q := range qs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		vs, err := db.Lookup(pep508.NormalizeName(q.Name))
		if err != nil {
			return nil, err
		}
		out[i] = vs
	}
	return out, nil
}

// ErrNotOSV marks a document that is not an OSV advisory (no id).
var ErrNotOSV = errors.New("not an OSV advisory")

// ParseJSON decodes one OSV advisory from JSON.
func ParseJSON(data []byte) (*Vulnerability, error) {
	v := new(Vulnerability)
	if err := json.Unmarshal(data, v); err != nil {
		return nil, err
	}
	if v.ID == "" {
		return nil, ErrNotOSV
	}
	return v, nil
}

// ParseYAML decodes one OSV advisory from YAML (the PyPA advisory-database
// layout).
func ParseYAML(data []byte) (*Vulnerability, error) {
	v := new(Vulnerability)
	if err := yaml.Unmarshal(data, v); err != nil {
		return nil, err
	}
	if v.ID == "" {
		return nil, ErrNotOSV
	}
	return v, nil
}

// FileError is a file of an export that could not be read; loading goes
// on without it.
type FileError struct {
	Path string
	Err  error
}

func (e *FileError) Error() string { return e.Path + ": " + e.Err.Error() }
func (e *FileError) Unwrap() error { return e.Err }

// Load reads advisories from path: an OSV zip export (such as PyPI's
// all.zip), a directory searched recursively for .json, .yaml and .yml
// files, one such file, or a .jsonl / .jsonl.gz file with one advisory per
// line. Files that fail to parse are returned as FileErrors beside the
// database; an unreadable path is an error.
func Load(path string) (*DB, []error, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, nil, fmt.Errorf("advisory database: %w", err)
	}
	db := NewDB(path)
	var bad []error
	switch {
	case st.IsDir():
		bad, err = loadDir(db, path)
	case strings.HasSuffix(path, ".zip"):
		bad, err = loadZip(db, path)
	case strings.HasSuffix(path, ".jsonl") || strings.HasSuffix(path, ".jsonl.gz"):
		bad, err = loadJSONLFile(db, path)
	default:
		var data []byte
		data, err = os.ReadFile(path)
		if err == nil {
			bad = addDocument(db, path, data)
		}
	}
	if err != nil {
		return nil, nil, fmt.Errorf("advisory database %s: %w", path, err)
	}
	return db, bad, nil
}

// addDocument parses one file by its extension and adds its advisories.
// A JSON file may hold one advisory or an array of them.
func addDocument(db *DB, name string, data []byte) []error {
	var vs []*Vulnerability
	var err error
	switch strings.ToLower(filepath.Ext(name)) {
	case ".yaml", ".yml":
		var v *Vulnerability
		v, err = ParseYAML(data)
		vs = []*Vulnerability{v}
	default:
		trimmed := bytes.TrimLeft(data, " \t\r\n\ufeff")
		if len(trimmed) > 0 && trimmed[0] == '[' {
			err = json.Unmarshal(trimmed, &vs)
		} else {
			var v *Vulnerability
			v, err = ParseJSON(data)
			vs = []*Vulnerability{v}
		}
	}
	if errors.Is(err, ErrNotOSV) {
		return nil
	}
	if err != nil {
		return []error{&FileError{Path: name, Err: err}}
	}
	for _, v := range vs {
		db.Add(v)
	}
	return nil
}

func isAdvisoryFile(name string) bool {
	switch strings.ToLower(filepath.Ext(name)) {
	case ".json", ".yaml", ".yml":
		return true
	}
	return false
}

func loadDir(db *DB, root string) ([]error, error) {
	var bad []error
	var files []string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && p != root && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && isAdvisoryFile(p) {
			files = append(files, p)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Strings(files)
	for _, p := range files {
		data, err := os.ReadFile(p)
		if err != nil {
			bad = append(bad, &FileError{Path: p, Err: err})
			continue
		}
		bad = append(bad, addDocument(db, p, data)...)
	}
	return bad, nil
}

// maxZipEntry bounds one advisory file inside a zip (decompression bombs).
const maxZipEntry = 16 << 20

func loadZip(db *DB, path string) ([]error, error) {
	zr, err := zip.OpenReader(path)
	if err != nil {
		return nil, err
	}
	defer zr.Close()
	var bad []error
	for _, f := range zr.File {
		if f.FileInfo().IsDir() || !isAdvisoryFile(f.Name) {
			continue
		}
		data, err := readZipEntry(f)
		if err != nil {
			bad = append(bad, &FileError{Path: path + ":" + f.Name, Err: err})
			continue
		}
		bad = append(bad, addDocument(db, path+":"+f.Name, data)...)
	}
	return bad, nil
}

func readZipEntry(f *zip.File) ([]byte, error) {
	rc, err := f.Open()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	data, err := io.ReadAll(io.LimitReader(rc, maxZipEntry+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxZipEntry {
		return nil, fmt.Errorf("larger than %d bytes", maxZipEntry)
	}
	return data, nil
}

func loadJSONLFile(db *DB, path string) ([]error, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var r io.Reader = f
	if strings.HasSuffix(path, ".gz") {
		gz, err := gzip.NewReader(f)
		if err != nil {
			return nil, err
		}
		defer gz.Close()
		r = gz
	}
	return ReadJSONL(db, path, r)
}

// ReadJSONL adds the advisories of r, one JSON object per line, to db.
// Lines that fail to parse are returned as FileErrors naming the line.
func ReadJSONL(db *DB, name string, r io.Reader) ([]error, error) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 1<<20), 64<<20)
	var bad []error
	line := 0
	for sc.Scan() {
		line++
		b := bytes.TrimSpace(sc.Bytes())
		if len(b) == 0 {
			continue
		}
		v, err := ParseJSON(b)
		if errors.Is(err, ErrNotOSV) {
			continue
		}
		if err != nil {
			bad = append(bad, &FileError{Path: fmt.Sprintf("%s:%d", name, line), Err: err})
			continue
		}
		db.Add(v)
	}
	return bad, sc.Err()
}
