// Command gendocs writes docs/rules/*.md from the rule definitions and
// docs/openssf.md from the OpenSSF guide coverage table.
//
//	go run ./cmd/gendocs [DIR]
package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/snakeguard/snakeguard/internal/guide"
	"github.com/snakeguard/snakeguard/internal/rules"
)

func main() {
	dir := "docs/rules"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	if err := write(dir); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
	if err := writeGuide(filepath.Join(filepath.Dir(dir), "openssf.md")); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

// writeGuide writes the OpenSSF guide coverage page beside the rules
// directory.
func writeGuide(path string) error {
	entries, err := guide.Table()
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, []byte(guide.Markdown(entries)), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func write(dir string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	docs := rules.Docs()
	for _, d := range docs {
		if err := os.WriteFile(filepath.Join(dir, d.ID+".md"), []byte(rules.Markdown(d)), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", d.ID, err)
		}
	}
	return os.WriteFile(filepath.Join(dir, "README.md"), []byte(rules.Index(docs)), 0o644)
}
