package semantic

import "testing"

// The expected values are Python 3.11's textwrap.dedent.
func TestDedent(t *testing.T) {
	tests := []struct{ in, want string }{
		{"    a\n    b\n", "a\nb\n"},
		{"  a\n    b\n", "a\n  b\n"},
		{"\ta\n  b\n", "\ta\n  b\n"},
		{"    a\n  \n    b", "a\n\nb"},
		{"a\n  b", "a\n  b"},
		{"\n    x\n\n    y\n", "\nx\n\ny\n"},
		{"  \t a\n  \t b\n", "a\nb\n"},
		{"   \n   a\n", "\na\n"},
	}
	for _, tt := range tests {
		if got := dedent(tt.in); got != tt.want {
			t.Errorf("dedent(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
