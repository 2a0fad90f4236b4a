// Package ast declares the syntax tree of Python, shaped like CPython's ast
// module (3.13, plus 3.14's template strings).
//
// Every node records its span as byte offsets into the decoded source
// (token.File turns them into CPython's lineno/col_offset). Where CPython has
// two classes that differ only by `async` (FunctionDef/AsyncFunctionDef,
// For/AsyncFor, With/AsyncWith) or by `*` (Try/TryStar), this package has one
// type with a flag; the CPython class name is given by ClassName.
// Optional identifiers that CPython spells None are "" here.
package ast

import "math/big"

// Node is any syntax tree node.
type Node interface {
	Pos() int // offset of the first byte
	End() int // offset just past the last byte
}

// Expr is an expression node.
type Expr interface {
	Node
	exprNode()
}

// Stmt is a statement node.
type Stmt interface {
	Node
	stmtNode()
}

// Pattern is a match-statement pattern node.
type Pattern interface {
	Node
	patternNode()
}

// TypeParam is a PEP 695 type parameter node.
type TypeParam interface {
	Node
	typeParamNode()
}

// Span is the byte range of a node. Nodes embed it.
type Span struct {
	Start, Stop int32
}

// Pos returns the offset of the node's first byte.
func (s Span) Pos() int { return int(s.Start) }

// End returns the offset just past the node's last byte.
func (s Span) End() int { return int(s.Stop) }

// SetSpan sets the node's span.
func (s *Span) SetSpan(pos, end int) { s.Start, s.Stop = int32(pos), int32(end) }

// ExprContext says whether an expression is read, assigned or deleted.
type ExprContext uint8

const (
	Load ExprContext = iota
	Store
	Del
)

// BoolOperator is `and` or `or`.
type BoolOperator uint8

const (
	And BoolOperator = iota
	Or
)

// Operator is a binary arithmetic or bitwise operator.
type Operator uint8

const (
	Add Operator = iota
	Sub
	Mult
	MatMult
	Div
	Mod
	Pow
	LShift
	RShift
	BitOr
	BitXor
	BitAnd
	FloorDiv
)

// UnaryOperator is a prefix operator.
type UnaryOperator uint8

const (
	Invert UnaryOperator = iota
	Not
	UAdd
	USub
)

// CmpOperator is a comparison operator.
type CmpOperator uint8

const (
	Eq CmpOperator = iota
	NotEq
	Lt
	LtE
	Gt
	GtE
	Is
	IsNot
	In
	NotIn
)

// ---------------------------------------------------------------------------
// Module and statements

// Module is a whole source file. Its span covers the file.
type Module struct {
	Span
	Body []Stmt
}

// FunctionDef is `def` or `async def`.
type FunctionDef struct {
	Span
	Name          string
	NamePos       int32 // offset of the name (not in CPython's tree)
	Args          *Arguments
	Body          []Stmt
	DecoratorList []Expr
	Returns       Expr // may be nil
	TypeParams    []TypeParam
	IsAsync       bool
}

// ClassDef is a class statement.
type ClassDef struct {
	Span
	Name          string
	NamePos       int32
	Bases         []Expr
	Keywords      []*Keyword
	Body          []Stmt
	DecoratorList []Expr
	TypeParams    []TypeParam
}

type Return struct {
	Span
	Value Expr // may be nil
}

type Delete struct {
	Span
	Targets []Expr
}

type Assign struct {
	Span
	Targets []Expr
	Value   Expr
}

// TypeAlias is the PEP 695 `type X = ...` statement.
type TypeAlias struct {
	Span
	Name       Expr // a *Name
	TypeParams []TypeParam
	Value      Expr
}

type AugAssign struct {
	Span
	Target Expr
	Op     Operator
	Value  Expr
}

type AnnAssign struct {
	Span
	Target     Expr
	Annotation Expr
	Value      Expr // may be nil
	Simple     bool // target is a plain name, not parenthesised
}

// For is `for` or `async for`.
type For struct {
	Span
	Target  Expr
	Iter    Expr
	Body    []Stmt
	Orelse  []Stmt
	IsAsync bool
}

type While struct {
	Span
	Test   Expr
	Body   []Stmt
	Orelse []Stmt
}

// If is `if`; an `elif` chain is an If in Orelse.
type If struct {
	Span
	Test   Expr
	Body   []Stmt
	Orelse []Stmt
}

// With is `with` or `async with`.
type With struct {
	Span
	Items   []*WithItem
	Body    []Stmt
	IsAsync bool
}

type Match struct {
	Span
	Subject Expr
	Cases   []*MatchCase
}

type Raise struct {
	Span
	Exc   Expr // may be nil
	Cause Expr // may be nil
}

// Try is `try` (Star false) or `try ... except*` (Star true, CPython's TryStar).
type Try struct {
	Span
	Body      []Stmt
	Handlers  []*ExceptHandler
	Orelse    []Stmt
	Finalbody []Stmt
	Star      bool
}

type Assert struct {
	Span
	Test Expr
	Msg  Expr // may be nil
}

type Import struct {
	Span
	Names []*Alias
}

type ImportFrom struct {
	Span
	Module string // "" for `from . import x`
	Names  []*Alias
	Level  int
}

type Global struct {
	Span
	Names []string
}

type Nonlocal struct {
	Span
	Names []string
}

// ExprStmt is an expression used as a statement (CPython's Expr).
type ExprStmt struct {
	Span
	Value Expr
}

type Pass struct{ Span }
type Break struct{ Span }
type Continue struct{ Span }

// BadStmt stands for source the parser could not read after a syntax error.
type BadStmt struct{ Span }

// ---------------------------------------------------------------------------
// Expressions

type BoolOp struct {
	Span
	Op     BoolOperator
	Values []Expr
}

type NamedExpr struct {
	Span
	Target Expr
	Value  Expr
}

type BinOp struct {
	Span
	Left  Expr
	Op    Operator
	Right Expr
}

type UnaryOp struct {
	Span
	Op      UnaryOperator
	Operand Expr
}

type Lambda struct {
	Span
	Args *Arguments
	Body Expr
}

type IfExp struct {
	Span
	Test   Expr
	Body   Expr
	Orelse Expr
}

// Dict is a dict display; a nil key marks a `**value` entry.
type Dict struct {
	Span
	Keys   []Expr
	Values []Expr
}

type Set struct {
	Span
	Elts []Expr
}

type ListComp struct {
	Span
	Elt        Expr
	Generators []*Comprehension
}

type SetComp struct {
	Span
	Elt        Expr
	Generators []*Comprehension
}

type DictComp struct {
	Span
	Key        Expr
	Value      Expr
	Generators []*Comprehension
}

type GeneratorExp struct {
	Span
	Elt        Expr
	Generators []*Comprehension
}

type Await struct {
	Span
	Value Expr
}

type Yield struct {
	Span
	Value Expr // may be nil
}

type YieldFrom struct {
	Span
	Value Expr
}

type Compare struct {
	Span
	Left        Expr
	Ops         []CmpOperator
	Comparators []Expr
}

type Call struct {
	Span
	Func     Expr
	Args     []Expr
	Keywords []*Keyword
}

// FormattedValue is one replacement field of an f-string.
type FormattedValue struct {
	Span
	Value      Expr
	Conversion int  // -1 none, 's' 115, 'r' 114, 'a' 97
	FormatSpec Expr // a *JoinedStr or nil
}

// Interpolation is one replacement field of a t-string (3.14).
type Interpolation struct {
	Span
	Value      Expr
	Str        string // the expression's source text
	Conversion int
	FormatSpec Expr // a *JoinedStr or nil
}

// JoinedStr is an f-string: Constant str parts and FormattedValues.
type JoinedStr struct {
	Span
	Values []Expr
}

// TemplateStr is a t-string (3.14): Constant str parts and Interpolations.
type TemplateStr struct {
	Span
	Values []Expr
}

// ConstantKind says which Python type a Constant holds.
type ConstantKind uint8

const (
	NoneConst ConstantKind = iota
	BoolConst
	EllipsisConst
	IntConst
	FloatConst
	ComplexConst // Float holds the imaginary part
	StrConst
	BytesConst
)

// Constant is a literal. Only the fields for its Kind are set.
type Constant struct {
	Span
	Kind    ConstantKind
	Bool    bool
	UPrefix bool // a u"..." literal (CPython's Constant.kind == "u")
	Int     *big.Int
	Float   float64 // float value, or the imaginary part of a complex
	Str     string  // str value (WTF-8: lone surrogates allowed), or bytes as raw bytes
}

type Attribute struct {
	Span
	Value   Expr
	Attr    string
	AttrPos int32 // offset of the attribute name (not in CPython's tree)
	Ctx     ExprContext
}

type Subscript struct {
	Span
	Value Expr
	Slice Expr
	Ctx   ExprContext
}

type Starred struct {
	Span
	Value Expr
	Ctx   ExprContext
}

type Name struct {
	Span
	Id  string
	Ctx ExprContext
}

type List struct {
	Span
	Elts []Expr
	Ctx  ExprContext
}

type Tuple struct {
	Span
	Elts []Expr
	Ctx  ExprContext
}

type Slice struct {
	Span
	Lower Expr // may be nil
	Upper Expr // may be nil
	Step  Expr // may be nil
}

// BadExpr stands for an expression the parser could not read.
type BadExpr struct{ Span }

// ---------------------------------------------------------------------------
// Other nodes

// Comprehension is one `for ... in ... if ...` clause. CPython gives it no
// position; the span here covers the clause.
type Comprehension struct {
	Span
	Target  Expr
	Iter    Expr
	Ifs     []Expr
	IsAsync bool
}

// ExceptHandler is one `except` clause.
type ExceptHandler struct {
	Span
	Type Expr   // may be nil
	Name string // "" when there is no `as`
	Body []Stmt
}

// Arguments is a parameter list. CPython gives it no position.
type Arguments struct {
	Span
	PosOnlyArgs []*Arg
	Args        []*Arg
	Vararg      *Arg // may be nil
	KwOnlyArgs  []*Arg
	KwDefaults  []Expr // one per KwOnlyArgs entry; nil where there is no default
	Kwarg       *Arg   // may be nil
	Defaults    []Expr // defaults of the last len(Defaults) positional parameters
}

type Arg struct {
	Span
	Arg        string
	Annotation Expr // may be nil
}

// Keyword is a keyword argument; Arg is "" for `**value`.
type Keyword struct {
	Span
	Arg   string
	Value Expr
}

// Alias is one name of an import; Asname is "" without `as`.
type Alias struct {
	Span
	Name   string
	Asname string
}

// WithItem is one context manager of a with statement. CPython gives it no
// position.
type WithItem struct {
	Span
	ContextExpr  Expr
	OptionalVars Expr // may be nil
}

// MatchCase is one `case` block. CPython gives it no position.
type MatchCase struct {
	Span
	Pattern Pattern
	Guard   Expr // may be nil
	Body    []Stmt
}

type MatchValue struct {
	Span
	Value Expr
}

// MatchSingleton matches None, True or False; Value is that Constant.
type MatchSingleton struct {
	Span
	Value *Constant
}

type MatchSequence struct {
	Span
	Patterns []Pattern
}

type MatchMapping struct {
	Span
	Keys     []Expr
	Patterns []Pattern
	Rest     string
}

type MatchClass struct {
	Span
	Cls         Expr
	Patterns    []Pattern
	KwdAttrs    []string
	KwdPatterns []Pattern
}

type MatchStar struct {
	Span
	Name string
}

type MatchAs struct {
	Span
	Pattern Pattern // may be nil
	Name    string
}

type MatchOr struct {
	Span
	Patterns []Pattern
}

type TypeVar struct {
	Span
	Name         string
	Bound        Expr // may be nil
	DefaultValue Expr // may be nil
}

type ParamSpec struct {
	Span
	Name         string
	DefaultValue Expr
}

type TypeVarTuple struct {
	Span
	Name         string
	DefaultValue Expr
}

// ---------------------------------------------------------------------------
// Interface markers

func (*FunctionDef) stmtNode() {}
func (*ClassDef) stmtNode()    {}
func (*Return) stmtNode()      {}
func (*Delete) stmtNode()      {}
func (*Assign) stmtNode()      {}
func (*TypeAlias) stmtNode()   {}
func (*AugAssign) stmtNode()   {}
func (*AnnAssign) stmtNode()   {}
func (*For) stmtNode()         {}
func (*While) stmtNode()       {}
func (*If) stmtNode()          {}
func (*With) stmtNode()        {}
func (*Match) stmtNode()       {}
func (*Raise) stmtNode()       {}
func (*Try) stmtNode()         {}
func (*Assert) stmtNode()      {}
func (*Import) stmtNode()      {}
func (*ImportFrom) stmtNode()  {}
func (*Global) stmtNode()      {}
func (*Nonlocal) stmtNode()    {}
func (*ExprStmt) stmtNode()    {}
func (*Pass) stmtNode()        {}
func (*Break) stmtNode()       {}
func (*Continue) stmtNode()    {}
func (*BadStmt) stmtNode()     {}

func (*BoolOp) exprNode()         {}
func (*NamedExpr) exprNode()      {}
func (*BinOp) exprNode()          {}
func (*UnaryOp) exprNode()        {}
func (*Lambda) exprNode()         {}
func (*IfExp) exprNode()          {}
func (*Dict) exprNode()           {}
func (*Set) exprNode()            {}
func (*ListComp) exprNode()       {}
func (*SetComp) exprNode()        {}
func (*DictComp) exprNode()       {}
func (*GeneratorExp) exprNode()   {}
func (*Await) exprNode()          {}
func (*Yield) exprNode()          {}
func (*YieldFrom) exprNode()      {}
func (*Compare) exprNode()        {}
func (*Call) exprNode()           {}
func (*FormattedValue) exprNode() {}
func (*Interpolation) exprNode()  {}
func (*JoinedStr) exprNode()      {}
func (*TemplateStr) exprNode()    {}
func (*Constant) exprNode()       {}
func (*Attribute) exprNode()      {}
func (*Subscript) exprNode()      {}
func (*Starred) exprNode()        {}
func (*Name) exprNode()           {}
func (*List) exprNode()           {}
func (*Tuple) exprNode()          {}
func (*Slice) exprNode()          {}
func (*BadExpr) exprNode()        {}

func (*MatchValue) patternNode()     {}
func (*MatchSingleton) patternNode() {}
func (*MatchSequence) patternNode()  {}
func (*MatchMapping) patternNode()   {}
func (*MatchClass) patternNode()     {}
func (*MatchStar) patternNode()      {}
func (*MatchAs) patternNode()        {}
func (*MatchOr) patternNode()        {}

func (*TypeVar) typeParamNode()      {}
func (*ParamSpec) typeParamNode()    {}
func (*TypeVarTuple) typeParamNode() {}
