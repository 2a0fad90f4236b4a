package cli

import (
	"bufio"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/astjson"
	"github.com/snakeguard/snakeguard/internal/python/parser"
	"github.com/snakeguard/snakeguard/internal/python/scanner"
	"github.com/snakeguard/snakeguard/internal/python/source"
	"github.com/snakeguard/snakeguard/internal/python/token"
)

func runDebug(e *env) int {
	if len(e.args) == 0 {
		fmt.Fprintln(e.stderr, "usage: snakeguard debug ast|tokens|parse [flags] PATH...")
		return ExitUsage
	}
	sub, rest := e.args[0], e.args[1:]
	switch sub {
	case "ast":
		return debugAST(e, rest)
	case "tokens":
		return debugTokens(e, rest)
	case "parse":
		return debugParse(e, rest)
	}
	fmt.Fprintf(e.stderr, "snakeguard debug: unknown subcommand %q (ast, tokens, parse)\n", sub)
	return ExitUsage
}

func debugAST(e *env, args []string) int {
	fl := flag.NewFlagSet("debug ast", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	format := fl.String("format", "tree", "output format: tree or cpython-json")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(e.stderr, "usage: snakeguard debug ast [--format=tree|cpython-json] FILE...")
		return ExitUsage
	}
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	code := ExitOK
	for _, path := range fl.Args() {
		raw, err := os.ReadFile(path)
		if err != nil {
			if *format == "cpython-json" {
				fmt.Fprintf(out, "{\"path\":%q,\"error\":{\"msg\":%q,\"lineno\":null,\"offset\":null}}\n", path, "OSError: "+err.Error())
				continue
			}
			fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
			code = ExitUsage
			continue
		}
		res := parser.ParseFile(path, raw)
		switch *format {
		case "cpython-json":
			if err := astjson.Encode(out, path, res); err != nil {
				fmt.Fprintf(e.stderr, "snakeguard: %s: %v\n", path, err)
				return ExitInternal
			}
		case "tree":
			if len(res.Errors) > 0 {
				for _, er := range res.Errors[:1] {
					fmt.Fprintf(out, "%s:%d:%d: %s: %s\n", path, er.Line, er.Col, er.Kind, er.Msg)
				}
				code = ExitFindings
			}
			writeTree(out, res.File, res.Module)
		default:
			fmt.Fprintf(e.stderr, "snakeguard debug ast: unknown format %q (tree, cpython-json)\n", *format)
			return ExitUsage
		}
	}
	return code
}

// writeTree prints a readable indented tree: one node per line with its
// span as line:col-line:col.
func writeTree(w io.Writer, f *token.File, m *ast.Module) {
	if f == nil {
		return
	}
	depth := 0
	ast.Inspect(m, func(n ast.Node) bool {
		if n == nil {
			depth--
			return false
		}
		l, c := f.Position(n.Pos())
		el, ec := f.Position(n.End())
		fmt.Fprintf(w, "%s%s %d:%d-%d:%d%s\n", strings.Repeat("  ", depth), nodeName(n), l, c, el, ec, nodeDetail(n))
		depth++
		return true
	})
}

func nodeName(n ast.Node) string {
	s := fmt.Sprintf("%T", n)
	return strings.TrimPrefix(s, "*ast.")
}

func nodeDetail(n ast.Node) string {
	switch n := n.(type) {
	case *ast.Name:
		return " " + n.Id
	case *ast.Attribute:
		return " ." + n.Attr
	case *ast.FunctionDef:
		return " " + n.Name
	case *ast.ClassDef:
		return " " + n.Name
	case *ast.Constant:
		switch n.Kind {
		case ast.StrConst, ast.BytesConst:
			s := n.Str
			if len(s) > 40 {
				s = s[:40] + "..."
			}
			return fmt.Sprintf(" %q", s)
		case ast.IntConst:
			return " " + n.Int.String()
		case ast.FloatConst:
			return " " + astjson.FloatRepr(n.Float)
		case ast.ComplexConst:
			return " " + astjson.ComplexRepr(n.Float)
		case ast.BoolConst:
			if n.Bool {
				return " True"
			}
			return " False"
		case ast.NoneConst:
			return " None"
		case ast.EllipsisConst:
			return " ..."
		}
	case *ast.Alias:
		if n.Asname != "" {
			return " " + n.Name + " as " + n.Asname
		}
		return " " + n.Name
	case *ast.Arg:
		return " " + n.Arg
	case *ast.Keyword:
		if n.Arg != "" {
			return " " + n.Arg
		}
		return " **"
	}
	return ""
}

func debugTokens(e *env, args []string) int {
	if len(args) != 1 {
		fmt.Fprintln(e.stderr, "usage: snakeguard debug tokens FILE")
		return ExitUsage
	}
	raw, err := os.ReadFile(args[0])
	if err != nil {
		fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
		return ExitUsage
	}
	text, err := source.Decode(raw)
	if err != nil {
		fmt.Fprintf(e.stderr, "%s: %v\n", args[0], err)
		return ExitFindings
	}
	f := token.NewFile(args[0], text)
	toks, errs := scanner.Scan(f, scanner.ScanComments)
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	if err := scanner.WriteTokens(out, f, toks); err != nil {
		fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
		return ExitInternal
	}
	for _, er := range errs {
		fmt.Fprintf(out, "%s:%d:%d: %s: %s\n", args[0], er.Line, er.Col, er.Kind, er.Msg)
	}
	if len(errs) > 0 {
		return ExitFindings
	}
	return ExitOK
}

func debugParse(e *env, args []string) int {
	fl := flag.NewFlagSet("debug parse", flag.ContinueOnError)
	fl.SetOutput(e.stderr)
	stats := fl.Bool("stats", false, "print files, MB, errors, seconds and MB/s")
	jobs := fl.Int("j", runtime.NumCPU(), "files parsed in parallel")
	var excludes listFlag
	fl.Var(&excludes, "exclude", "skip directories with this name (repeatable)")
	if err := fl.Parse(args); err != nil {
		return ExitUsage
	}
	if fl.NArg() == 0 {
		fmt.Fprintln(e.stderr, "usage: snakeguard debug parse [--stats] [-j N] PATH...")
		return ExitUsage
	}
	var files []string
	for _, root := range fl.Args() {
		st, err := os.Stat(root)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
			return ExitUsage
		}
		if !st.IsDir() {
			files = append(files, root)
			continue
		}
		err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
			if err != nil {
				fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
				return nil
			}
			if d.IsDir() && path != root && contains(excludes, d.Name()) {
				return filepath.SkipDir
			}
			if !d.IsDir() && strings.HasSuffix(path, ".py") && d.Type().IsRegular() {
				files = append(files, path)
			}
			return nil
		})
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
			return ExitUsage
		}
	}
	sort.Strings(files)
	// Read everything first so that the timing covers parsing only.
	contents := make([][]byte, len(files))
	var total int64
	for i, path := range files {
		raw, err := os.ReadFile(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "snakeguard: %v\n", err)
			continue
		}
		contents[i] = raw
		total += int64(len(raw))
	}
	msgs := make([]string, len(files))
	if *jobs < 1 {
		*jobs = 1
	}
	start := time.Now()
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < *jobs; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf parser.Buffers // reused from file to file, as a scan worker does
			for i := range next {
				res := parser.ParseFileWith(files[i], contents[i], &buf)
				if len(res.Errors) > 0 {
					er := res.Errors[0]
					msgs[i] = fmt.Sprintf("%s:%d:%d: %s: %s", files[i], er.Line, er.Col, er.Kind, er.Msg)
				}
			}
		}()
	}
	for i := range files {
		if contents[i] != nil {
			next <- i
		}
	}
	close(next)
	wg.Wait()
	elapsed := time.Since(start)
	nerr := 0
	out := bufio.NewWriter(e.stdout)
	defer out.Flush()
	for _, m := range msgs {
		if m != "" {
			nerr++
			fmt.Fprintln(out, m)
		}
	}
	if *stats {
		mb := float64(total) / 1e6
		fmt.Fprintf(out, "files=%d MB=%.2f errors=%d seconds=%.3f MB/s=%.1f\n", len(files), mb, nerr, elapsed.Seconds(), mb/elapsed.Seconds())
	}
	if nerr > 0 {
		return ExitFindings
	}
	return ExitOK
}
