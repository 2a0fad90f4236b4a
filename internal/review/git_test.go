package review

import (
	"reflect"
	"testing"
)

func TestParseDiff(t *testing.T) {
	diff := `diff --git a/app/views.py b/app/views.py
index 1111111..2222222 100644
--- a/app/views.py
+++ b/app/views.py
@@ -3,0 +4,2 @@ import os
+a = 1
+b = 2
@@ -10 +12 @@ def f():
-    old
+    new
@@ -20,3 +22,0 @@ def g():
-    gone
-    gone
-    gone
diff --git a/new.py b/new.py
new file mode 100644
index 0000000..3333333
--- /dev/null
+++ b/new.py
@@ -0,0 +1,3 @@
+x
+y
+z
diff --git a/old name.py b/renamed.py
similarity index 90%
rename from old name.py
rename to renamed.py
--- a/old name.py
+++ b/renamed.py
@@ -1 +1 @@
-x = 1
+x = 2
diff --git "a/caf\303\251.py" "b/caf\303\251.py"
--- "a/caf\303\251.py"
+++ "b/caf\303\251.py"
@@ -1 +1,1 @@
-a
+b
diff --git a/pure-rename.py b/pure-renamed.py
similarity index 100%
rename from pure-rename.py
rename to pure-renamed.py
diff --git a/image.png b/image.png
index 1111111..2222222 100644
Binary files a/image.png and b/image.png differ
`
	got, err := parseDiff([]byte(diff))
	if err != nil {
		t.Fatal(err)
	}
	want := []*FileChange{
		{Path: "app/views.py", Lines: []int{4, 5, 12}},
		{Path: "new.py", Lines: []int{1, 2, 3}, New: true},
		{Path: "renamed.py", Lines: []int{1}},
		{Path: "café.py", Lines: []int{1}},
		{Path: "pure-renamed.py"},
	}
	if !reflect.DeepEqual(got, want) {
		for _, g := range got {
			t.Logf("%+v", *g)
		}
		t.Errorf("parseDiff: got %d files, want %+v", len(got), want)
	}
}

func TestParseDiffErrors(t *testing.T) {
	for _, bad := range []string{
		"diff --git a/x b/x\n+++ b/x\n@@ -1 +a,b @@\n",
		"diff --git a/x b/x\n+++ b/x\n@@ nonsense\n",
		"diff --git a/x b/x\n+++ \"b/unterminated\n",
	} {
		if _, err := parseDiff([]byte(bad)); err == nil {
			t.Errorf("parseDiff(%q) did not fail", bad)
		}
	}
}

func TestUnquote(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"plain.py", "plain.py"},
		{`"tab\there.py"`, "tab\there.py"},
		{`"quote\"d.py"`, `quote"d.py`},
		{`"caf\303\251.py"`, "café.py"},
		{`"back\\slash.py"`, `back\slash.py`},
	} {
		got, err := unquote(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("unquote(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
}

func TestChangedIn(t *testing.T) {
	c := &FileChange{Lines: []int{3, 7, 8}}
	for _, tc := range []struct {
		from, to int
		want     bool
	}{{1, 2, false}, {1, 3, true}, {4, 6, false}, {6, 7, true}, {8, 8, true}, {9, 20, false}} {
		if got := c.ChangedIn(tc.from, tc.to); got != tc.want {
			t.Errorf("ChangedIn(%d, %d) = %v", tc.from, tc.to, got)
		}
	}
}

func FuzzParseDiff(f *testing.F) {
	f.Add([]byte("diff --git a/x b/x\n+++ b/x\n@@ -1,2 +3,4 @@\n+a\n"))
	f.Add([]byte("diff --git \"a/\\303\" \"b/\\303\"\n+++ \"b/\\303\\251\"\n@@ -0,0 +1 @@\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := parseDiff(data)
		if err != nil {
			return
		}
		for _, fc := range files {
			for i := 1; i < len(fc.Lines); i++ {
				if fc.Lines[i] <= fc.Lines[i-1] {
					t.Fatalf("lines not sorted and unique: %v", fc.Lines)
				}
			}
		}
	})
}
