package suppress

import "github.com/snakeguard/snakeguard/internal/python/token"

// Comments picks the COMMENT tokens of a tokenized file (the scanner emits
// them when asked for comments) and returns them as Comments for Parse.
func Comments(f *token.File, toks []token.Token) []Comment {
	var out []Comment
	for _, t := range toks {
		if t.Kind == token.COMMENT {
			out = append(out, Comment{Line: f.Line(int(t.Pos)), Text: f.Text(t.Pos, t.End)})
		}
	}
	return out
}
