package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf16"

	"github.com/snakeguard/snakeguard/internal/deps/pep508"
)

// defaultPipfileSource is the source pipenv assumes when a Pipfile names
// none.
var defaultPipfileSource = map[string]any{"name": "pypi", "url": "https://pypi.org/simple", "verify_ssl": true}

// PipfileHashes returns the hashes pipenv writes to Pipfile.lock's
// _meta.hash.sha256 for a Pipfile's data (Pipfile.Data): the SHA-256 of
// a compact JSON dump, with sorted keys and ASCII escapes, of its
// sources, [requires], [packages] and [dev-packages]. Versions of pipenv
// differ in what else goes in (custom categories, a [pipfile] table) and
// whether package names are PEP 503 normalised first, so one hash per
// variant is returned; a lock written by any of them matches one. ok is
// false when the data holds values whose JSON text cannot be reproduced
// exactly (floats, dates).
func PipfileHashes(doc map[string]any) (hashes []string, ok bool) {
	type variant struct {
		categories, skipPipfileTable, normalize bool
	}
	seen := map[string]bool{}
	for _, v := range []variant{{false, false, false}, {true, false, false}, {true, true, false}, {true, true, true}} {
		data := pipfileHashData(doc, v.categories, v.skipPipfileTable, v.normalize)
		var b strings.Builder
		if !writePythonJSON(&b, data) {
			return nil, false
		}
		sum := sha256.Sum256([]byte(b.String()))
		h := hex.EncodeToString(sum[:])
		if !seen[h] {
			seen[h] = true
			hashes = append(hashes, h)
		}
	}
	return hashes, true
}

// pipfileHashData builds the document pipenv hashes.
func pipfileHashData(doc map[string]any, categories, skipPipfileTable, normalize bool) map[string]any {
	// section is a top-level table; package tables have their names
	// normalised when normalize is set.
	section := func(key string, packages bool) any {
		v, ok := doc[key]
		if !ok {
			return map[string]any{}
		}
		if m, isMap := v.(map[string]any); isMap && normalize && packages {
			out := make(map[string]any, len(m))
			for k, x := range m {
				out[pep508.NormalizeName(k)] = x
			}
			return out
		}
		return v
	}
	sources, ok := doc["source"]
	if !ok {
		sources = []any{defaultPipfileSource}
	}
	data := map[string]any{
		"_meta":   map[string]any{"sources": sources, "requires": section("requires", false)},
		"default": section("packages", true),
		"develop": section("dev-packages", true),
	}
	if categories {
		for k := range doc {
			switch k {
			case "source", "packages", "dev-packages", "requires", "scripts", "default", "develop", "pipenv":
				continue
			case "pipfile":
				if skipPipfileTable {
					continue
				}
			}
			data[k] = section(k, true)
		}
	}
	return data
}

// writePythonJSON writes v as Python's json.dumps(v, sort_keys=True,
// separators=(",", ":")) does; false for values it cannot write exactly.
func writePythonJSON(b *strings.Builder, v any) bool {
	switch v := v.(type) {
	case map[string]any:
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys) // byte order of UTF-8 is code point order, as Python sorts
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			writePythonString(b, k)
			b.WriteByte(':')
			if !writePythonJSON(b, v[k]) {
				return false
			}
		}
		b.WriteByte('}')
	case []any:
		b.WriteByte('[')
		for i, x := range v {
			if i > 0 {
				b.WriteByte(',')
			}
			if !writePythonJSON(b, x) {
				return false
			}
		}
		b.WriteByte(']')
	case []map[string]any:
		items := make([]any, len(v))
		for i, x := range v {
			items[i] = x
		}
		return writePythonJSON(b, items)
	case string:
		writePythonString(b, v)
	case bool:
		b.WriteString(strconv.FormatBool(v))
	case int64:
		b.WriteString(strconv.FormatInt(v, 10))
	default:
		return false
	}
	return true
}

// writePythonString writes a JSON string with ensure_ascii escapes: the
// short escapes, \uXXXX (lower-case hex, surrogate pairs above U+FFFF)
// for everything outside printable ASCII.
func writePythonString(b *strings.Builder, s string) {
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r >= ' ' && r <= '~':
			b.WriteRune(r)
		case r > 0xFFFF:
			hi, lo := utf16.EncodeRune(r)
			fmt.Fprintf(b, `\u%04x\u%04x`, hi, lo)
		default:
			fmt.Fprintf(b, `\u%04x`, r)
		}
	}
	b.WriteByte('"')
}

// PipfileLockHash returns Pipfile.lock's _meta.hash.sha256 and its line;
// "" when the lock records none.
func PipfileLockHash(path string, data []byte) (string, int, error) {
	var doc struct {
		Meta struct {
			Hash struct {
				SHA256 string `json:"sha256"`
			} `json:"hash"`
		} `json:"_meta"`
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		return "", 0, &ParseError{Path: path, Line: jsonErrorLine(data, err), Err: fmt.Errorf("invalid JSON: %w", err)}
	}
	h := doc.Meta.Hash.SHA256
	if h == "" {
		return "", 0, nil
	}
	return h, keyLine(lines(data), "hash", "sha256"), nil
}
