package parser_test

import (
	"testing"

	"github.com/snakeguard/snakeguard/internal/python/ast"
	"github.com/snakeguard/snakeguard/internal/python/parser"
)

func TestIntLiterals(t *testing.T) {
	tests := []struct {
		src  string
		want string
	}{
		{"0", "0"},
		{"00", "0"},
		{"7", "7"},
		{"123", "123"},
		{"999999999999999999", "999999999999999999"},
		{"18446744073709551615", "18446744073709551615"},
		{"18446744073709551616", "18446744073709551616"},
		{"123456789012345678901234567890", "123456789012345678901234567890"},
		{"1_000", "1000"},
		{"0x1F", "31"},
		{"0o17", "15"},
		{"0b101", "5"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			res := parser.ParseString("t.py", tt.src+"\n")
			if len(res.Errors) > 0 {
				t.Fatalf("errors: %v", res.Errors)
			}
			c := res.Module.Body[0].(*ast.ExprStmt).Value.(*ast.Constant)
			if c.Kind != ast.IntConst || c.Int == nil || c.Int.String() != tt.want {
				t.Fatalf("got %v %v, want int %s", c.Kind, c.Int, tt.want)
			}
			if c.Pos() != 0 || c.End() != len(tt.src) {
				t.Errorf("span %d-%d, want 0-%d", c.Pos(), c.End(), len(tt.src))
			}
		})
	}
}
