package suppress

import (
	"reflect"
	"strings"
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/token"
)

func TestComments(t *testing.T) {
	src := "import os\nos.system(cmd)  # nosec B605\n\n# snakeguard: ignore reason\nx = 1\n"
	f := token.NewFile("a.py", []byte(src))
	span := func(kind token.Kind, text string) token.Token {
		at := strings.Index(src, text)
		return token.Token{Kind: kind, Pos: int32(at), End: int32(at + len(text))}
	}
	toks := []token.Token{
		span(token.NAME, "import"),
		span(token.COMMENT, "# nosec B605"),
		span(token.COMMENT, "# snakeguard: ignore reason"),
		span(token.NAME, "x"),
	}
	got := Comments(f, toks)
	want := []Comment{{Line: 2, Text: "# nosec B605"}, {Line: 4, Text: "# snakeguard: ignore reason"}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("got %+v, want %+v", got, want)
	}
}
