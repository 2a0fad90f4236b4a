// Command gendocs writes docs/rules/*.md from the rule definitions.
//
//	go run ./cmd/gendocs [DIR]
package main

import (
	"fmt"
	"os"
	"path/filepath"

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
