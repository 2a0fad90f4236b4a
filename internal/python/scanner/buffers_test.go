package scanner

import (
	"slices"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/token"
)

// TestScanWithReusedBuffers scans files one after another with the same
// buffers, long ones after short ones and back, and expects exactly what
// Scan returns for each.
func TestScanWithReusedBuffers(t *testing.T) {
	sources := []struct {
		name, src string
	}{
		{"short", "x = 1\n"},
		{"long", "def f(a, b=2, *c, **d):\n    # comment\n    return [a + i for i in range(b)] if c else {**d}\n\nclass K:\n    pass\n"},
		{"no final newline", "print('x')"},
		{"fstring", "s = f\"{x!r:>{w}} and {y}\"\n"},
		{"error", "x = (1,\n"},
		{"empty", ""},
		{"long again", "import os\nos.system(\"ls\")\nwhile True:\n    break\n"},
	}
	var b Buffers
	for _, s := range sources {
		t.Run(s.name, func(t *testing.T) {
			want, wantErrs := Scan(token.NewFile("a.py", []byte(s.src)), ScanComments)
			got, gotErrs := ScanWith(token.NewFile("a.py", []byte(s.src)), ScanComments, &b)
			if !slices.Equal(got, want) {
				t.Errorf("tokens differ:\n got %v\nwant %v", got, want)
			}
			if !slices.Equal(gotErrs, wantErrs) {
				t.Errorf("errors differ:\n got %v\nwant %v", gotErrs, wantErrs)
			}
		})
	}
}
