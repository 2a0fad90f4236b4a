package review

import (
	"bufio"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
)

// ErrNotRepo is returned when the reviewed path is not in a git work tree.
var ErrNotRepo = errors.New("not a git repository")

// ErrUnknownRef is returned when the base ref names no commit.
var ErrUnknownRef = errors.New("unknown git ref")

// repo is a git work tree, driven through the git command.
type repo struct {
	top string // absolute path of the work tree's top directory
}

// git runs one git command in the work tree and returns its output.
func (r *repo) git(ctx context.Context, args ...string) ([]byte, error) {
	return runGit(ctx, r.top, args...)
}

func runGit(ctx context.Context, dir string, args ...string) ([]byte, error) {
	// Settings that change diff output are pinned so user configuration
	// cannot change what is parsed.
	full := append([]string{"-C", dir, "-c", "core.quotepath=false", "-c", "diff.noprefix=false", "-c", "diff.mnemonicPrefix=false"}, args...)
	cmd := exec.CommandContext(ctx, "git", full...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.Env = append(os.Environ(), "GIT_TERMINAL_PROMPT=0", "LC_ALL=C")
	out, err := cmd.Output()
	if err != nil {
		msg := strings.TrimSpace(stderr.String())
		if msg == "" {
			msg = err.Error()
		}
		return out, fmt.Errorf("git %s: %s", strings.Join(args, " "), msg)
	}
	return out, nil
}

// openRepo finds the work tree that holds dir.
func openRepo(ctx context.Context, dir string) (*repo, error) {
	if _, err := exec.LookPath("git"); err != nil {
		return nil, fmt.Errorf("git is needed for review: %w", err)
	}
	out, err := runGit(ctx, dir, "rev-parse", "--show-toplevel")
	if err != nil {
		return nil, fmt.Errorf("%s: %w (%v)", dir, ErrNotRepo, err)
	}
	top := strings.TrimSpace(string(out))
	if resolved, err := filepath.EvalSymlinks(top); err == nil {
		top = resolved
	}
	return &repo{top: top}, nil
}

// Base is the commit the work tree is compared with.
type Base struct {
	Ref    string // as given, or as chosen ("main", "HEAD~1", "HEAD")
	Commit string // full object id; the empty tree's id when there is no commit to compare with
	How    string // why this base was chosen
}

func (r *repo) commit(ctx context.Context, ref string) (string, bool) {
	out, err := r.git(ctx, "rev-parse", "--verify", "--quiet", "--end-of-options", ref+"^{commit}")
	if err != nil {
		return "", false
	}
	return strings.TrimSpace(string(out)), true
}

func (r *repo) emptyTree(ctx context.Context) (string, error) {
	out, err := r.git(ctx, "hash-object", "-t", "tree", "/dev/null")
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

// defaultBranch is the branch changes are usually merged into: origin's
// HEAD, else main or master (local, then origin's).
func (r *repo) defaultBranch(ctx context.Context) string {
	if out, err := r.git(ctx, "symbolic-ref", "--quiet", "--short", "refs/remotes/origin/HEAD"); err == nil {
		if b := strings.TrimSpace(string(out)); b != "" {
			return b
		}
	}
	for _, b := range []string{"main", "master", "origin/main", "origin/master"} {
		if _, ok := r.commit(ctx, b); ok {
			return b
		}
	}
	return ""
}

// resolveBase picks the base: the given ref; else, on a branch other than
// the default one, its merge base with the default branch; else (on the
// default branch, or detached at a commit it holds) HEAD when the work
// tree has uncommitted changes and HEAD~1 when it has none, so the last
// commit is reviewed. A first commit is compared with the empty tree.
func (r *repo) resolveBase(ctx context.Context, ref string) (Base, error) {
	if ref != "" {
		c, ok := r.commit(ctx, ref)
		if !ok {
			return Base{}, fmt.Errorf("%q: %w", ref, ErrUnknownRef)
		}
		return Base{Ref: ref, Commit: c, How: "given with --base"}, nil
	}
	head, ok := r.commit(ctx, "HEAD")
	if !ok {
		t, err := r.emptyTree(ctx)
		return Base{Ref: "(no commits yet)", Commit: t, How: "the repository has no commit: every file is new"}, err
	}
	if b := r.defaultBranch(ctx); b != "" {
		branch := r.currentBranch(ctx)
		onDefault := branch != "" && (branch == b || "origin/"+branch == b)
		if out, err := r.git(ctx, "merge-base", "HEAD", b); err == nil && !onDefault {
			mb := strings.TrimSpace(string(out))
			if branch != "" || mb != head {
				return Base{Ref: b, Commit: mb, How: "merge base of HEAD and " + b}, nil
			}
		}
	}
	dirty, err := r.dirty(ctx)
	if err != nil {
		return Base{}, err
	}
	if dirty {
		return Base{Ref: "HEAD", Commit: head, How: "on the default branch: the uncommitted changes"}, nil
	}
	if parent, ok := r.commit(ctx, "HEAD~1"); ok {
		return Base{Ref: "HEAD~1", Commit: parent, How: "on the default branch with no uncommitted changes: the last commit"}, nil
	}
	t, err := r.emptyTree(ctx)
	return Base{Ref: "(empty tree)", Commit: t, How: "HEAD is the first commit: every file is new"}, err
}

// currentBranch is the checked-out branch's short name, "" when detached.
func (r *repo) currentBranch(ctx context.Context) string {
	out, err := r.git(ctx, "symbolic-ref", "--quiet", "--short", "HEAD")
	if err != nil {
		return ""
	}
	return strings.TrimSpace(string(out))
}

func (r *repo) dirty(ctx context.Context) (bool, error) {
	out, err := r.git(ctx, "status", "--porcelain", "--untracked-files=normal")
	if err != nil {
		return false, err
	}
	return len(bytes.TrimSpace(out)) > 0, nil
}

// FileChange is one file changed since the base.
type FileChange struct {
	Path  string // slash-separated, relative to the work tree's top
	Lines []int  // added or modified lines of the new version, sorted
	New   bool   // not in the base (added or untracked)
}

// Changed reports whether line is added or modified.
func (c *FileChange) Changed(line int) bool {
	_, ok := slices.BinarySearch(c.Lines, line)
	return ok
}

// ChangedIn reports whether any line of [from, to] is added or modified.
func (c *FileChange) ChangedIn(from, to int) bool {
	i, _ := slices.BinarySearch(c.Lines, from)
	return i < len(c.Lines) && c.Lines[i] <= to
}

// changes lists the files changed between the base commit and the work
// tree (committed, staged and unstaged changes) plus untracked files;
// deleted files are left out.
func (r *repo) changes(ctx context.Context, base Base) ([]*FileChange, error) {
	out, err := r.git(ctx, "diff", "--no-color", "--no-ext-diff", "--no-textconv", "--unified=0",
		"--find-renames", "--diff-filter=d", "--ignore-submodules", "--src-prefix=a/", "--dst-prefix=b/", base.Commit, "--")
	if err != nil {
		return nil, err
	}
	files, err := parseDiff(out)
	if err != nil {
		return nil, err
	}
	untracked, err := r.git(ctx, "ls-files", "--others", "--exclude-standard", "-z")
	if err != nil {
		return nil, err
	}
	for _, p := range strings.Split(string(untracked), "\x00") {
		if p == "" {
			continue
		}
		data, err := os.ReadFile(filepath.Join(r.top, filepath.FromSlash(p)))
		if err != nil {
			continue // gone, or a directory (a nested repository)
		}
		files = append(files, &FileChange{Path: p, Lines: allLines(data), New: true})
	}
	slices.SortFunc(files, func(a, b *FileChange) int { return strings.Compare(a.Path, b.Path) })
	return files, nil
}

func allLines(data []byte) []int {
	n := bytes.Count(data, []byte("\n"))
	if len(data) > 0 && data[len(data)-1] != '\n' {
		n++
	}
	lines := make([]int, n)
	for i := range lines {
		lines[i] = i + 1
	}
	return lines
}

// parseDiff reads the files and added line numbers of a unified diff made
// with --unified=0 and a/ b/ prefixes.
func parseDiff(diff []byte) ([]*FileChange, error) {
	var files []*FileChange
	var cur *FileChange
	sc := bufio.NewScanner(bytes.NewReader(diff))
	sc.Buffer(make([]byte, 64*1024), 64*1024*1024)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "diff --git "):
			cur = &FileChange{}
			files = append(files, cur)
		case cur == nil:
			continue
		case strings.HasPrefix(line, "new file mode"):
			cur.New = true
		case strings.HasPrefix(line, "+++ "):
			p, err := diffPath(strings.TrimPrefix(line, "+++ "))
			if err != nil {
				return nil, err
			}
			cur.Path = p
		case strings.HasPrefix(line, "rename to "):
			if cur.Path == "" {
				p, err := unquote(strings.TrimPrefix(line, "rename to "))
				if err != nil {
					return nil, err
				}
				cur.Path = p
			}
		case strings.HasPrefix(line, "@@ "):
			from, count, err := hunkNew(line)
			if err != nil {
				return nil, err
			}
			for i := 0; i < count; i++ {
				cur.Lines = append(cur.Lines, from+i)
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("read diff: %w", err)
	}
	out := files[:0]
	for _, f := range files {
		if f.Path != "" {
			slices.Sort(f.Lines)
			f.Lines = slices.Compact(f.Lines)
			out = append(out, f)
		}
	}
	return out, nil
}

// maxHunkLines bounds one hunk's line count (a bad header cannot make the
// parser allocate without limit).
const maxHunkLines = 1 << 22

// hunkNew parses "@@ -a,b +c,d @@" into the new side's first line and count.
func hunkNew(line string) (int, int, error) {
	fields := strings.Fields(line)
	if len(fields) < 3 || !strings.HasPrefix(fields[2], "+") {
		return 0, 0, fmt.Errorf("bad hunk header %q", line)
	}
	spec := strings.TrimPrefix(fields[2], "+")
	start, count := spec, "1"
	if i := strings.IndexByte(spec, ','); i >= 0 {
		start, count = spec[:i], spec[i+1:]
	}
	s, err1 := strconv.Atoi(start)
	c, err2 := strconv.Atoi(count)
	if err1 != nil || err2 != nil || s < 0 || c < 0 || c > maxHunkLines {
		return 0, 0, fmt.Errorf("bad hunk header %q", line)
	}
	return s, c, nil
}

// diffPath turns "b/path" or a quoted "\"b/p\\303\\251\"" into the path.
func diffPath(s string) (string, error) {
	if s == "/dev/null" {
		return "", nil
	}
	p, err := unquote(s)
	if err != nil {
		return "", err
	}
	return strings.TrimPrefix(p, "b/"), nil
}

// unquote undoes git's C-style quoting of unusual file names.
func unquote(s string) (string, error) {
	s = strings.TrimRight(s, "\t")
	if !strings.HasPrefix(s, `"`) {
		return s, nil
	}
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '"':
			return b.String(), nil
		case c != '\\':
			b.WriteByte(c)
		case i+1 >= len(s):
			return "", fmt.Errorf("bad quoted path %s", s)
		default:
			i++
			switch e := s[i]; e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'a':
				b.WriteByte('\a')
			case 'b':
				b.WriteByte('\b')
			case 'f':
				b.WriteByte('\f')
			case 'r':
				b.WriteByte('\r')
			case 'v':
				b.WriteByte('\v')
			case '0', '1', '2', '3':
				if i+2 >= len(s) {
					return "", fmt.Errorf("bad quoted path %s", s)
				}
				v, err := strconv.ParseUint(s[i:i+3], 8, 8)
				if err != nil {
					return "", fmt.Errorf("bad quoted path %s", s)
				}
				b.WriteByte(byte(v))
				i += 2
			default:
				b.WriteByte(e)
			}
		}
	}
	return "", fmt.Errorf("bad quoted path %s", s)
}
