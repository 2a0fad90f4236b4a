package token

import (
	"bytes"
	"sort"
	"unicode/utf8"
)

// File is one decoded source file: its name, its text and a table of line
// starts. Offsets given to its methods are byte offsets into Src.
type File struct {
	Name  string
	Src   []byte  // decoded UTF-8 text, newlines normalised to "\n"
	lines []int32 // offset of the first byte of each line; lines[0] == 0
}

// NewFile builds the line table for src. src must already be decoded and
// normalised (see package source).
func NewFile(name string, src []byte) *File {
	lines := make([]int32, 1, bytes.Count(src, []byte{'\n'})+1)
	for i, c := range src {
		if c == '\n' {
			lines = append(lines, int32(i+1))
		}
	}
	return &File{Name: name, Src: src, lines: lines}
}

// LineCount is the number of lines, counting a last line without "\n".
func (f *File) LineCount() int {
	if n := len(f.lines); n > 1 && int(f.lines[n-1]) == len(f.Src) {
		return n - 1
	}
	return len(f.lines)
}

// Line returns the 1-based line number of offset off.
func (f *File) Line(off int) int {
	return sort.Search(len(f.lines), func(i int) bool { return int(f.lines[i]) > off })
}

// LineStart returns the offset of the first byte of 1-based line n.
func (f *File) LineStart(n int) int {
	if n < 1 {
		return 0
	}
	if n > len(f.lines) {
		return len(f.Src)
	}
	return int(f.lines[n-1])
}

// LineText returns the text of 1-based line n without its newline.
func (f *File) LineText(n int) string {
	if n < 1 || n > len(f.lines) {
		return ""
	}
	start := int(f.lines[n-1])
	end := len(f.Src)
	if n < len(f.lines) {
		end = int(f.lines[n]) - 1
	}
	if start > end {
		return ""
	}
	return string(f.Src[start:end])
}

// Position returns the 1-based line and the 0-based byte column of off,
// which is how CPython's ast reports lineno and col_offset.
func (f *File) Position(off int) (line, col int) {
	line = f.Line(off)
	return line, off - int(f.lines[line-1])
}

// CharColumn returns the 1-based column of off counted in characters
// (Unicode code points), as editors and reports show it.
func (f *File) CharColumn(off int) int {
	line := f.Line(off)
	start := int(f.lines[line-1])
	if off > len(f.Src) {
		off = len(f.Src)
	}
	return utf8.RuneCount(f.Src[start:off]) + 1
}

// Text returns the source text between two offsets.
func (f *File) Text(pos, end int32) string {
	if pos < 0 || end > int32(len(f.Src)) || pos > end {
		return ""
	}
	return string(f.Src[pos:end])
}
