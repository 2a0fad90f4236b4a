// Command gen writes the typosquatting data embedded in package typosquat
// from the project's shared data files:
//
//	go run ./internal/deps/typosquat/gen TOP_PYPI_TSV IMPORT_TO_DIST_TSV
package main

import (
	"bufio"
	"compress/gzip"
	"fmt"
	"os"
	"regexp"
	"strings"
)

var sep = regexp.MustCompile(`[-_.]+`)

func normalize(s string) string { return strings.ToLower(sep.ReplaceAllString(s, "-")) }

func main() {
	if len(os.Args) != 3 {
		fmt.Fprintln(os.Stderr, "usage: gen TOP_PYPI_TSV IMPORT_TO_DIST_TSV")
		os.Exit(2)
	}
	if err := run(os.Args[1], os.Args[2]); err != nil {
		fmt.Fprintln(os.Stderr, "gen:", err)
		os.Exit(1)
	}
}

func lines(path string) ([]string, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		out = append(out, sc.Text())
	}
	return out, sc.Err()
}

func writeGz(path string, rows []string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	zw, _ := gzip.NewWriterLevel(f, gzip.BestCompression)
	zw.ModTime = zw.ModTime.UTC()
	for _, r := range rows {
		fmt.Fprintln(zw, r)
	}
	if err := zw.Close(); err != nil {
		return err
	}
	return f.Close()
}

func run(topPath, importPath string) error {
	top, err := lines(topPath)
	if err != nil {
		return err
	}
	var names []string
	for _, l := range top[1:] {
		name := strings.SplitN(l, "\t", 2)[0]
		if name != "" {
			names = append(names, normalize(name))
		}
	}
	if err := writeGz("internal/deps/typosquat/data/popular.txt.gz", names); err != nil {
		return err
	}
	imp, err := lines(importPath)
	if err != nil {
		return err
	}
	var rows []string
	seen := map[string]bool{}
	for _, l := range imp[1:] {
		parts := strings.SplitN(l, "\t", 2)
		if len(parts) != 2 {
			continue
		}
		in, dist := normalize(parts[0]), normalize(parts[1])
		if in == dist || seen[in] {
			continue
		}
		seen[in] = true
		rows = append(rows, in+"\t"+dist)
	}
	return writeGz("internal/deps/typosquat/data/imports.tsv.gz", rows)
}
