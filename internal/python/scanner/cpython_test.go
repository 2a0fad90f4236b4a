package scanner

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

// python313 returns a command runner for CPython 3.13, or skips the test
// when none is installed.
func python313(t testing.TB) func(args ...string) *exec.Cmd {
	t.Helper()
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not found")
	}
	env := append(os.Environ(), "PYENV_VERSION=3.13.0")
	run := func(args ...string) *exec.Cmd {
		cmd := exec.Command(py, args...)
		cmd.Env = env
		return cmd
	}
	out, err := run("-c", "import sys; print('%d.%d' % sys.version_info[:2])").Output()
	if err != nil || strings.TrimSpace(string(out)) != "3.13" {
		t.Skip("CPython 3.13 not available")
	}
	return run
}

// stdlibFiles lists the .py files of CPython 3.13's library, all of them
// when SNAKEGUARD_FULL_STDLIB is set, else an evenly spread sample. The
// directories in SNAKEGUARD_TOKENIZE_DIRS (separated by the OS's list
// separator) replace the library when set.
func stdlibFiles(t testing.TB, run func(args ...string) *exec.Cmd, sample int) []string {
	t.Helper()
	roots := filepath.SplitList(os.Getenv("SNAKEGUARD_TOKENIZE_DIRS"))
	if len(roots) == 0 {
		out, err := run("-c", "import sysconfig; print(sysconfig.get_paths()['stdlib'])").Output()
		if err != nil {
			t.Skipf("cannot find the standard library: %v", err)
		}
		roots = []string{strings.TrimSpace(string(out))}
	}
	var files []string
	for _, root := range roots {
		files = append(files, pyFiles(root)...)
	}
	sort.Strings(files)
	if os.Getenv("SNAKEGUARD_FULL_STDLIB") == "" && len(files) > sample {
		step := len(files) / sample
		var picked []string
		for i := 0; i < len(files); i += step {
			picked = append(picked, files[i])
		}
		files = picked
	}
	// The project's own valid samples always take part.
	return append(files, pyFiles(filepath.Join("testdata", "valid"))...)
}

// pyFiles lists the .py files under root, leaving out the site-packages
// of the standard library.
func pyFiles(root string) []string {
	var files []string
	_ = filepath.WalkDir(root, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && path != root && (d.Name() == "site-packages" || d.Name() == "__pycache__") {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(path, ".py") {
			files = append(files, path)
		}
		return nil
	})
	return files
}

type cpythonTokens struct {
	Path   string  `json:"path"`
	Tokens [][]any `json:"tokens"`
	Error  string  `json:"error"`
	Valid  bool    `json:"valid"`
}

// tokenLine renders a token as "KIND line,col-line,col" with character
// columns, normalised where CPython's tokenize module and the scanner
// legitimately differ in spelling only.
func tokenLine(f *token.File, tok token.Token) string {
	pos, end := int(tok.Pos), int(tok.End)
	sl, sc := f.Line(pos), f.CharColumn(pos)-1
	el, ec := f.Line(end), f.CharColumn(end)-1
	size := len(f.Src)
	noFinalNewline := size > 0 && f.Src[size-1] != '\n'
	switch tok.Kind {
	case token.NEWLINE, token.NL:
		// tokenize gives the implicit final newline a width of one.
		el, ec = sl, sc+1
	case token.DEDENT, token.ENDMARKER:
		if pos == size && noFinalNewline {
			sl, sc, el, ec = f.LineCount()+1, 0, f.LineCount()+1, 0
		}
	}
	return fmt.Sprintf("%s %d,%d-%d,%d", tok.Kind, sl, sc, el, ec)
}

func pythonLine(t []any) string {
	kind := t[0].(string)
	if kind == "OP" {
		kind = "ILLEGAL"
	}
	if kind == "NEWLINE" || kind == "NL" {
		// "\r\n" is two characters wide for tokenize, one after decoding.
		return fmt.Sprintf("%s %v,%v-%v,%v", kind, t[1], t[2], t[1], t[2].(float64)+1)
	}
	return fmt.Sprintf("%s %v,%v-%v,%v", kind, t[1], t[2], t[3], t[4])
}

// TestCPythonStdlib compares the token stream with that of CPython 3.13's
// tokenize module over its own standard library (a sample unless
// SNAKEGUARD_FULL_STDLIB is set).
func TestCPythonStdlib(t *testing.T) {
	run := python313(t)
	files := stdlibFiles(t, run, 60)
	cmd := run("testdata/tokdump.py")
	cmd.Stdin = strings.NewReader(strings.Join(files, "\n"))
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("tokdump: %v", err)
	}
	matched, compared, skipped := 0, 0, 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	sc.Buffer(make([]byte, 1<<20), 1<<30)
	for sc.Scan() {
		var want cpythonTokens
		if err := json.Unmarshal(sc.Bytes(), &want); err != nil {
			t.Fatal(err)
		}
		if want.Error != "" || !want.Valid {
			// tokenize is lenient where the parser is not (it checks no
			// identifiers, for one); only files CPython accepts compare.
			skipped++
			continue
		}
		raw, err := os.ReadFile(want.Path)
		if err != nil {
			t.Fatal(err)
		}
		text, err := source.Decode(raw)
		if err != nil {
			t.Errorf("%s: decode: %v", want.Path, err)
			continue
		}
		f := token.NewFile(want.Path, text)
		toks, errs := Scan(f, ScanComments)
		compared++
		if len(errs) > 0 {
			t.Errorf("%s: unexpected errors: %v", want.Path, errs[0].Error())
			continue
		}
		if d := firstDifference(f, toks, want.Tokens); d != "" {
			t.Errorf("%s: %s", want.Path, d)
			continue
		}
		matched++
	}
	t.Logf("stdlib token streams identical: %d of %d files (%d rejected by CPython)", matched, compared, skipped)
}

func firstDifference(f *token.File, got []token.Token, want [][]any) string {
	for i := 0; i < len(got) || i < len(want); i++ {
		var g, w string
		if i < len(got) {
			g = tokenLine(f, got[i])
		}
		if i < len(want) {
			w = pythonLine(want[i])
		}
		if g != w {
			text := ""
			if i < len(got) {
				text = f.Text(got[i].Pos, got[i].End)
			}
			return fmt.Sprintf("token %d: got %s %q, want %s", i, g, text, w)
		}
	}
	return ""
}
