package source

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"
)

func FuzzDecode(f *testing.F) {
	paths, _ := filepath.Glob(filepath.Join("testdata", "*.py"))
	for _, p := range paths {
		if b, err := os.ReadFile(p); err == nil {
			f.Add(b)
		}
	}
	for _, tt := range decodeTests {
		f.Add([]byte(tt.raw))
	}
	f.Fuzz(func(t *testing.T, raw []byte) {
		text, err := Decode(raw)
		if err != nil {
			var se *Error
			if !errors.As(err, &se) || se.Msg == "" {
				t.Fatalf("error %v is not a *source.Error with a message", err)
			}
			return
		}
		if bytes.IndexByte(text, '\r') >= 0 || bytes.IndexByte(text, 0) >= 0 {
			t.Fatalf("decoded text keeps a CR or NUL: %q", text)
		}
		if bytes.HasPrefix(text, utf8BOM) && !bytes.HasPrefix(raw, append(append([]byte{}, utf8BOM...), utf8BOM...)) {
			t.Fatalf("BOM kept: %q", text)
		}
		// Text from a declared single-byte codec is always valid UTF-8.
		if codec, _ := cookieCodec(normaliseNewlines(bytes.TrimPrefix(raw, utf8BOM)), bytes.HasPrefix(raw, utf8BOM)); codec != "" && codec != "utf-8" && !utf8.Valid(text) {
			t.Fatalf("codec %s gave invalid UTF-8", codec)
		}
	})
}

// TestDecodeFiles decodes the sample files and checks what CPython 3.13
// makes of the same bytes (each holds one known string constant).
func TestDecodeFiles(t *testing.T) {
	tests := map[string]string{
		"latin1.py":   "Grüß Gott, café",
		"cp1252.py":   "\u201cquoted\u201d",
		"bom_crlf.py": "PATH = os.sep.join",
		"cr.py":       "y = 2\n# old Mac line ends\n",
		"koi8r.py":    "слово",
	}
	for name, want := range tests {
		raw, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		text, err := Decode(raw)
		if err != nil {
			t.Errorf("%s: %v", name, err)
			continue
		}
		if !bytes.Contains(text, []byte(want)) {
			t.Errorf("%s: %q lacks %q", name, text, want)
		}
		if bytes.ContainsRune(text, '\r') {
			t.Errorf("%s: CR kept", name)
		}
	}
}
