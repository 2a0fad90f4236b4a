// Package notebook turns the code cells of a Jupyter notebook into one
// Python source, with a map from its lines back to cells.
package notebook

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
)

// Source is the Python text of a notebook's code cells.
type Source struct {
	Text []byte
	// Lines maps line n of Text (index n-1) to its cell (1-based, counting
	// every cell) and line within the cell; blank separator lines map to 0.
	Lines []CellLine
}

// CellLine locates one line of a notebook.
type CellLine struct {
	Cell, Line int
}

type nbFile struct {
	Cells []struct {
		CellType string          `json:"cell_type"`
		Source   json.RawMessage `json:"source"`
		Input    json.RawMessage `json:"input"` // nbformat 3
	} `json:"cells"`
	Worksheets []struct {
		Cells []struct {
			CellType string          `json:"cell_type"`
			Input    json.RawMessage `json:"input"`
		} `json:"cells"`
	} `json:"worksheets"`
}

// Parse reads a notebook. IPython magics and shell escapes (lines starting
// with %, ! or ?) are blanked so that the rest parses as Python while
// line numbers stay the same.
func Parse(data []byte) (*Source, error) {
	var nb nbFile
	if err := json.Unmarshal(data, &nb); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			line := 1 + strings.Count(string(data[:min(int(se.Offset), len(data))]), "\n")
			return nil, fmt.Errorf("invalid notebook JSON at line %d: %w", line, err)
		}
		return nil, fmt.Errorf("invalid notebook: %w", err)
	}
	type cell struct {
		kind string
		src  json.RawMessage
	}
	var cells []cell
	for _, c := range nb.Cells {
		src := c.Source
		if len(src) == 0 {
			src = c.Input
		}
		cells = append(cells, cell{c.CellType, src})
	}
	for _, ws := range nb.Worksheets {
		for _, c := range ws.Cells {
			cells = append(cells, cell{c.CellType, c.Input})
		}
	}
	out := &Source{}
	var b strings.Builder
	for i, c := range cells {
		if c.kind != "code" {
			continue
		}
		text, err := cellText(c.src)
		if err != nil {
			return nil, fmt.Errorf("cell %d: %w", i+1, err)
		}
		lines := strings.Split(strings.TrimRight(text, "\n"), "\n")
		for j, line := range lines {
			t := strings.TrimSpace(line)
			if strings.HasPrefix(t, "%") || strings.HasPrefix(t, "!") || strings.HasPrefix(t, "?") || strings.HasSuffix(t, "?") && !strings.Contains(t, "#") {
				line = ""
			}
			b.WriteString(line)
			b.WriteByte('\n')
			out.Lines = append(out.Lines, CellLine{Cell: i + 1, Line: j + 1})
		}
		b.WriteByte('\n')
		out.Lines = append(out.Lines, CellLine{})
	}
	out.Text = []byte(b.String())
	return out, nil
}

func cellText(raw json.RawMessage) (string, error) {
	if len(raw) == 0 {
		return "", nil
	}
	var s string
	if err := json.Unmarshal(raw, &s); err == nil {
		return s, nil
	}
	var parts []string
	if err := json.Unmarshal(raw, &parts); err != nil {
		return "", fmt.Errorf("source is neither a string nor a list of strings")
	}
	return strings.Join(parts, ""), nil
}

// Locate maps a line of Text to its cell and line.
func (s *Source) Locate(line int) (CellLine, bool) {
	if line < 1 || line > len(s.Lines) || s.Lines[line-1].Cell == 0 {
		return CellLine{}, false
	}
	return s.Lines[line-1], true
}
