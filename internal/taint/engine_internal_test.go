package taint

import "testing"

func TestPathModule(t *testing.T) {
	tests := []struct{ path, want string }{
		{"helpers/utils.py", "helpers.utils"},
		{"app.py", "app"},
		{"pkg/sub/__init__.py", "pkg.sub"},
		{"my-scripts/run.py", ""},
		{"pkg/2fa.py", ""},
	}
	for _, tt := range tests {
		if got := pathModule(tt.path); got != tt.want {
			t.Errorf("pathModule(%q) = %q, want %q", tt.path, got, tt.want)
		}
	}
}
