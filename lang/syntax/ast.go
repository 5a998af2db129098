package syntax

// The AST. Every node is a pointer to one of the structs below and embeds
// Span, which gives Pos (first character) and End (just past the last
// character). Interfaces classify nodes:
//
//	Node      anything in the tree
//	Stmt      an element of a block or of a file's item list
//	Decl      a Stmt that declares something (fn, struct, import, …)
//	Expr      an expression
//	Pattern   a pattern (case/receive arms, let, parameters, closures)
//	TypeExpr  a type annotation
//
// Conventions that consumers rely on:
//   - Blocks: every body is a *Block. A single-expression body (`= e`,
//     `pat -> e`, `fn x -> e end`) is a Block holding one *ExprStmt, with
//     ExprBody/Short flags where the distinction is observable.
//   - A block's value is its last statement's value (unit if empty or if
//     the last statement is a let/declaration).
//   - `()` is a *TupleExpr with no elements (Unit), `nil` is *NilLit.
//   - Identifiers keep their spelling; upper/lower case distinguishes
//     types/constructors/modules from values (§2.3).
//   - Parse errors leave *BadExpr / *BadPattern / *BadType / *BadStmt in
//     place of what could not be parsed; the File is always returned.

// Span is embedded in every node: the node's source range.
type Span struct {
	Start Position // first character of the node
	Stop  Position // just past the last character
}

// Pos returns the node's start position.
func (s Span) Pos() Position { return s.Start }

// End returns the position just past the node.
func (s Span) End() Position { return s.Stop }

// Node is any AST node.
type Node interface {
	Pos() Position
	End() Position
}

// Stmt is an element of a Block or of File.Items.
type Stmt interface {
	Node
	stmtNode()
}

// Decl is a declaration; every Decl is also a Stmt (functions may be
// nested in blocks).
type Decl interface {
	Stmt
	declNode()
}

// Expr is an expression.
type Expr interface {
	Node
	exprNode()
}

// Pattern is a pattern.
type Pattern interface {
	Node
	patternNode()
}

// TypeExpr is a type annotation.
type TypeExpr interface {
	Node
	typeNode()
}

// ---------------------------------------------------------------------
// File, blocks, comments

// File is one parsed source file.
type File struct {
	Span
	Name     string     // file name as given to ParseFile
	Src      []byte     // the source text (for Text and assertion messages)
	Items    []Stmt     // top-level declarations and statements in order
	Comments []*Comment // every comment, in order (for tooling such as fmt)
}

// Text returns the source text covered by n (empty if n has no range in
// this file). The test DSL uses it for `assert(cond)` messages.
func (f *File) Text(n Node) string {
	a, b := n.Pos().Offset, n.End().Offset
	if f == nil || a < 0 || b > len(f.Src) || a > b {
		return ""
	}
	return string(f.Src[a:b])
}

// Comment is a line (`# …`, `## …`, `##! …`) or block (`#= … =#`)
// comment. Text includes the comment markers.
type Comment struct {
	Span
	Text string
}

// Block is a sequence of statements: a `do … end` body, a function body,
// a case arm body, etc. A block written `do … end` (or `fn -> … end`,
// `else … end`) spans from its opener to the end of its `end` keyword; a
// single-expression body spans the expression.
type Block struct {
	Span
	Stmts []Stmt
}

// ---------------------------------------------------------------------
// Statements

// ExprStmt is an expression used as a statement.
type ExprStmt struct {
	Span
	X Expr
}

// LetStmt is `let pat [:: T] = value`. Pattern is an *IdentPattern,
// *WildcardPattern or *TuplePattern.
type LetStmt struct {
	Span
	Pattern Pattern
	Type    TypeExpr // nil if absent
	Value   Expr
}

// ReturnStmt is `return [expr]`.
type ReturnStmt struct {
	Span
	Value Expr // nil for a bare return
}

// AssertReceiveStmt is the test-DSL line `assert_receive PATTERN[, ms]`.
type AssertReceiveStmt struct {
	Span
	Pattern Pattern
	Timeout Expr // nil: default 100 ms
}

// BadStmt stands for a statement that could not be parsed.
type BadStmt struct {
	Span
}

// ---------------------------------------------------------------------
// Declarations

// Ident is a name. It is used as an Expr (variable, function, module or
// constructor reference) and inside other nodes as a plain name.
type Ident struct {
	Span
	Name string
}

// ModPath is a dotted module path `A.B.C` (imports, impl trait names).
type ModPath struct {
	Span
	Parts []*Ident
}

// String returns the dotted path.
func (p *ModPath) String() string {
	s := ""
	for i, id := range p.Parts {
		if i > 0 {
			s += "."
		}
		s += id.Name
	}
	return s
}

// ClusterAttr is the `@cluster` / `@cluster(N)` decorator of a function.
type ClusterAttr struct {
	Span
	Count *IntLit // nil: default count (2)
}

// Param is a function, closure, actor or handler parameter:
// `self`, `name [:: T]`, or a pattern (multi-clause functions).
type Param struct {
	Span
	Self    bool     // the `self` receiver
	Name    *Ident   // named parameter (nil for self and pattern params)
	Type    TypeExpr // optional annotation of a named parameter
	Pattern Pattern  // non-nil for pattern parameters
}

// Bound is a `where` bound `T: Trait`.
type Bound struct {
	Span
	Param *Ident
	Trait *NamedType
}

// FnDecl is a named function: `[@cluster] [pub] fn|def name[<T>](params)
// [-> T] [where …] [when guard] (= expr | do … end)`. Interface method
// signatures have Body == nil. Several FnDecls with the same name in a
// row are the clauses of a multi-clause function (the checker groups them).
type FnDecl struct {
	Span
	Cluster    *ClusterAttr // nil unless decorated
	Pub        bool
	Def        bool // spelled `def`
	Name       *Ident
	TypeParams []*Ident
	Parens     bool // a parameter list was written (`fn main do` has none)
	Params     []*Param
	Result     TypeExpr // nil if absent
	Where      []*Bound
	Guard      Expr   // `when` guard, nil if absent
	Body       *Block // nil for interface signatures without a default
	ExprBody   bool   // body was written `= expr`
}

// StructDecl is `[pub] struct Name[<T>] do fields end [deriving(…)]`.
type StructDecl struct {
	Span
	Pub        bool
	Name       *Ident
	TypeParams []*Ident
	Fields     []*Field
	Options    []*SchemaOption // table/primary_key/timestamps lines
	Relations  []*Relation     // belongs_to/has_many/has_one lines
	Deriving   *Deriving       // nil when there is no deriving clause
}

// Field is a struct field `name :: Type`.
type Field struct {
	Span
	Name *Ident
	Type TypeExpr
}

// SchemaOption is a struct-body line `table "t"`, `primary_key :id` or
// `timestamps true`.
type SchemaOption struct {
	Span
	Key   *Ident // table | primary_key | timestamps
	Value Expr   // *StringLit, *AtomLit or *BoolLit
}

// Relation is a struct-body line `belongs_to :user, User` (also has_many,
// has_one).
type Relation struct {
	Span
	Kind   *Ident   // belongs_to | has_many | has_one
	Name   *AtomLit // :user
	Target *Ident   // User
}

// Deriving is `deriving(A, B)`; Names is empty for `deriving()`.
type Deriving struct {
	Span
	Names []*Ident
}

// SumTypeDecl is `[pub] type Name[<T>] do variants end [deriving(…)]`.
type SumTypeDecl struct {
	Span
	Pub        bool
	Name       *Ident
	TypeParams []*Ident
	Variants   []*Variant
	Deriving   *Deriving
}

// Variant is one constructor `Name` or `Name(fields)` of a sum type.
type Variant struct {
	Span
	Name   *Ident
	Parens bool
	Fields []*VariantField
}

// VariantField is a positional (`Int`) or named (`x :: Int`) payload.
type VariantField struct {
	Span
	Name *Ident // nil when positional
	Type TypeExpr
}

// TypeAliasDecl is `[pub] type Name[<T>] = Type`.
type TypeAliasDecl struct {
	Span
	Pub        bool
	Name       *Ident
	TypeParams []*Ident
	Type       TypeExpr
}

// InterfaceDecl is `[pub] interface Name[<T>] do … end`.
type InterfaceDecl struct {
	Span
	Pub        bool
	Name       *Ident
	TypeParams []*Ident
	Assoc      []*AssocType // `type Item` declarations (Type == nil)
	Methods    []*FnDecl    // Body nil unless a default is given
}

// AssocType is `type Name` (interface) or `type Name = T` (impl).
type AssocType struct {
	Span
	Name *Ident
	Type TypeExpr // nil in interfaces
}

// ImplDecl is `impl Trait[<T…>] for Type [where …] do … end`.
type ImplDecl struct {
	Span
	Trait     *ModPath
	TraitArgs []TypeExpr
	For       *ModPath // the implementing type (possibly qualified)
	Where     []*Bound
	Assoc     []*AssocType
	Methods   []*FnDecl
}

// ActorDecl is `actor name[(params)] do body [terminate do … end] end`.
type ActorDecl struct {
	Span
	Name      *Ident
	Parens    bool
	Params    []*Param
	Body      *Block
	Terminate *Block // nil if absent
}

// ServiceDecl is `service Name do fn…/call…/cast… end`.
type ServiceDecl struct {
	Span
	Name     *Ident
	Fns      []*FnDecl // normally just `init`
	Handlers []*Handler
}

// Handler is a service `call Name(params) [:: Reply] do [|state|] … end`
// or `cast Name(params) do [|state|] … end`.
type Handler struct {
	Span
	Cast   bool // false: call, true: cast
	Name   *Ident
	Parens bool
	Params []*Param
	Reply  TypeExpr // call only, nil if absent
	State  *Ident   // the |state| binder, nil if absent
	Body   *Block
}

// SupervisorDecl is `[pub] supervisor Name do settings… children… end`.
type SupervisorDecl struct {
	Span
	Pub      bool
	Name     *Ident
	Settings []*Setting // strategy / max_restarts / max_seconds, as written
	Children []*ChildSpec
}

// Setting is a `key: value` line of a supervisor or child body. Values:
// strategy/restart → *Ident; max_restarts/max_seconds → *IntLit;
// shutdown → *IntLit or *Ident; start → any Expr (usually a closure).
type Setting struct {
	Span
	Key   *Ident
	Value Expr
}

// ChildSpec is `child name do start: … restart: … shutdown: … end`.
type ChildSpec struct {
	Span
	Name     *Ident
	Settings []*Setting
}

// ImportDecl is `import A.B.C`.
type ImportDecl struct {
	Span
	Path *ModPath
}

// FromImportDecl is `from A.B import x, Y` (optionally parenthesised).
type FromImportDecl struct {
	Span
	Path   *ModPath
	Names  []*Ident
	Parens bool
}

// ModuleDecl is `[pub] module Name do … end` (no semantics upstream).
type ModuleDecl struct {
	Span
	Pub  bool
	Name *Ident
	Body *Block
}

// TestDecl is the test-DSL block `test("label") do … end`.
type TestDecl struct {
	Span
	Label *StringLit
	Body  *Block
}

// DescribeDecl is `describe("group") do [setup do…end] [teardown do…end]
// test… end`.
type DescribeDecl struct {
	Span
	Label    *StringLit
	Setup    *Block // nil if absent
	Teardown *Block // nil if absent
	Tests    []*TestDecl
}

// ---------------------------------------------------------------------
// Expressions

// IntLit is an integer literal; Value is already evaluated (hex, octal,
// binary and `_` separators handled).
type IntLit struct {
	Span
	Raw   string
	Value int64
}

// FloatLit is a float literal.
type FloatLit struct {
	Span
	Raw   string
	Value float64
}

// BoolLit is `true` or `false`.
type BoolLit struct {
	Span
	Value bool
}

// NilLit is `nil` (Unit).
type NilLit struct {
	Span
}

// AtomLit is `:name`; Name excludes the colon.
type AtomLit struct {
	Span
	Name string
}

// StringLit is a string or heredoc. Parts alternate freely between
// literal text (X == nil) and interpolated expressions (X != nil);
// escapes are decoded and heredocs dedented already.
type StringLit struct {
	Span
	Heredoc bool
	Parts   []StringPart
}

// StringPart is one piece of a StringLit: Text when X is nil, else the
// interpolated expression `#{X}` / `${X}`.
type StringPart struct {
	Text string
	X    Expr
}

// Value returns the literal's text and true when it has no
// interpolation.
func (s *StringLit) Value() (string, bool) {
	out := ""
	for _, p := range s.Parts {
		if p.X != nil {
			return "", false
		}
		out += p.Text
	}
	return out, true
}

// RegexLit is `~r/pattern/flags`.
type RegexLit struct {
	Span
	Pattern string // verbatim, `\/` kept
	Flags   string // subset of "ims"
}

// SelfExpr is the method receiver `self`.
type SelfExpr struct {
	Span
}

// ParenExpr is a parenthesised expression `(x)`.
type ParenExpr struct {
	Span
	X Expr
}

// TupleExpr is `(a, b, …)`; zero elements is Unit `()`.
type TupleExpr struct {
	Span
	Elems []Expr
}

// ListLit is `[a, b, …]`.
type ListLit struct {
	Span
	Elems []Expr
}

// MapLit is `%{k => v, …}`.
type MapLit struct {
	Span
	Entries []*MapEntry
}

// MapEntry is one `key => value` of a MapLit.
type MapEntry struct {
	Span
	Key, Value Expr
}

// FieldInit is `name: value` in struct literals, updates, json literals
// and keyword arguments.
type FieldInit struct {
	Span
	Name  *Ident
	Value Expr
}

// StructLit is `Type { f: v, … }`; Type is an *Ident or a *SelectorExpr
// (`Mod.Type`).
type StructLit struct {
	Span
	Type   Expr
	Fields []*FieldInit
}

// StructUpdate is `%{ base | f: v, … }`.
type StructUpdate struct {
	Span
	Base   Expr
	Fields []*FieldInit
}

// JSONLit is `json { key: value, … }`.
type JSONLit struct {
	Span
	Fields []*FieldInit
}

// UnaryExpr is `-x`, `!x` or `not x` (Op is MINUS, BANG or NOT).
type UnaryExpr struct {
	Span
	Op    Token
	OpPos Position
	X     Expr
}

// BinaryExpr is `x op y` for the arithmetic, comparison, logical
// (AND/ANDAND, OR/OROR), concat (CONCAT, PLUSPLUS) and range (DOTDOT)
// operators. Pipes are *PipeExpr.
type BinaryExpr struct {
	Span
	Op    Token
	OpPos Position
	X, Y  Expr
}

// PipeExpr is `x |> f(…)` (Slot 0) or the slot pipe `x |N> f(…)`
// (Slot N ≥ 2): X becomes argument 1 (resp. N) of the call Y.
type PipeExpr struct {
	Span
	OpPos Position
	Slot  int
	X, Y  Expr
}

// CallExpr is `fun(args)` with optional keyword arguments and an
// optional trailing `do [|params|] … end` closure.
type CallExpr struct {
	Span
	Fun      Expr
	Args     []Expr
	KwArgs   []*FieldInit // `name: value` arguments, after all positional ones
	Trailing *FnExpr      // nil if absent
}

// SelectorExpr is `x.name`: field access, method call receiver,
// qualified name (`String.length`, `Mod.Type`) or variant (`Shape.Circle`).
type SelectorExpr struct {
	Span
	X   Expr
	Sel *Ident
}

// IndexExpr is `x[i]`.
type IndexExpr struct {
	Span
	X, Index Expr
}

// TryExpr is the postfix `x?`.
type TryExpr struct {
	Span
	X Expr
}

// IfExpr is `if cond do … [else …] end`. Else is nil, a *Block, or an
// *IfExpr for `else if` chains.
type IfExpr struct {
	Span
	Cond    Expr
	Then    *Block
	Else    Node
	ElsePos Position // the `else` keyword (zero if none)
}

// CaseExpr is `case|match subject do arms end`.
type CaseExpr struct {
	Span
	Match   bool // spelled `match`
	Subject Expr
	Arms    []*Arm
}

// Arm is `pattern [when guard] -> body` of a case or receive.
type Arm struct {
	Span
	Pattern Pattern
	Guard   Expr // nil if absent
	Body    *Block
}

// ReceiveExpr is `receive do arms [after ms -> body] end`.
type ReceiveExpr struct {
	Span
	Arms      []*Arm
	After     Expr   // nil if no after clause
	AfterBody *Block // non-nil iff After != nil
}

// WhileExpr is `while cond do … end`.
type WhileExpr struct {
	Span
	Cond Expr
	Body *Block
}

// ForExpr is `for x in iter [when filter] do … end` or
// `for {k, v} in map …` (Braced, two Vars).
type ForExpr struct {
	Span
	Braced bool
	Vars   []*Ident // one, or two when Braced
	Iter   Expr
	Filter Expr // nil if absent
	Body   *Block
}

// BreakExpr is `break`.
type BreakExpr struct {
	Span
}

// ContinueExpr is `continue`.
type ContinueExpr struct {
	Span
}

// FnExpr is a closure. It has one clause except for multi-clause
// closures `fn 0 -> a | n -> b end`. Trailing `do |x| … end` closures
// after calls are FnExprs too.
type FnExpr struct {
	Span
	Clauses []*FnClause
}

// FnClause is one clause of a closure.
type FnClause struct {
	Span
	Parens bool // parameters were parenthesised
	Params []*Param
	Guard  Expr // nil if absent
	Body   *Block
	Short  bool // body written `-> expr` (not `do … end` / `fn -> block end`)
}

// SpawnExpr is `spawn(f, args…)`.
type SpawnExpr struct {
	Span
	Args []Expr
}

// SendExpr is `send(pid, msg)`.
type SendExpr struct {
	Span
	Args []Expr
}

// LinkExpr is `link(pid)`.
type LinkExpr struct {
	Span
	Args []Expr
}

// SelfCall is the actor builtin `self()`.
type SelfCall struct {
	Span
}

// BadExpr stands for an expression that could not be parsed.
type BadExpr struct {
	Span
}

// ---------------------------------------------------------------------
// Patterns

// WildcardPattern is `_`.
type WildcardPattern struct {
	Span
}

// IdentPattern is a bare identifier: a variable binding, or (upper-case,
// resolved by the checker) a nullary constructor.
type IdentPattern struct {
	Span
	Name *Ident
}

// LiteralPattern matches a literal: Value is an *IntLit, *FloatLit,
// *StringLit (no interpolation), *BoolLit, *NilLit or *AtomLit. Neg is
// set for `-5` / `-1.5` (Value holds the magnitude).
type LiteralPattern struct {
	Span
	Neg   bool
	Value Expr
}

// TuplePattern is `(p1, p2, …)`; zero elements matches Unit.
type TuplePattern struct {
	Span
	Elems []Pattern
}

// CtorPattern is `Variant(args)`, `Type.Variant` or `Type.Variant(args)`.
type CtorPattern struct {
	Span
	Type   *Ident // qualifier, nil if absent
	Name   *Ident
	Parens bool
	Args   []Pattern
}

// ConsPattern is `head :: tail` (right-associative).
type ConsPattern struct {
	Span
	Head, Tail Pattern
}

// OrPattern is `p1 | p2 | …`.
type OrPattern struct {
	Span
	Alts []Pattern
}

// AsPattern is `pattern as name`.
type AsPattern struct {
	Span
	Pattern Pattern
	Name    *Ident
}

// BadPattern stands for a pattern that could not be parsed.
type BadPattern struct {
	Span
}

// ---------------------------------------------------------------------
// Type expressions

// NamedType is `Name`, `Mod.Name`, `Name<A, B>`, `Self`, `Self.Item`.
type NamedType struct {
	Span
	Path []*Ident // dotted name, at least one part
	Args []TypeExpr
}

// Name returns the dotted name without type arguments.
func (t *NamedType) Name() string {
	s := ""
	for i, id := range t.Path {
		if i > 0 {
			s += "."
		}
		s += id.Name
	}
	return s
}

// TupleType is `(A, B)`; zero elements is Unit `()`.
type TupleType struct {
	Span
	Elems []TypeExpr
}

// FunType is `Fun(A, B) -> R`.
type FunType struct {
	Span
	Params []TypeExpr
	Result TypeExpr
}

// OptionType is `T?` (Option<T>).
type OptionType struct {
	Span
	Elem TypeExpr
}

// ResultType is `T!E` (Result<T, E>).
type ResultType struct {
	Span
	Ok, Err TypeExpr
}

// BadType stands for a type that could not be parsed.
type BadType struct {
	Span
}

// ---------------------------------------------------------------------
// Interface membership

func (*ExprStmt) stmtNode()          {}
func (*LetStmt) stmtNode()           {}
func (*ReturnStmt) stmtNode()        {}
func (*AssertReceiveStmt) stmtNode() {}
func (*BadStmt) stmtNode()           {}
func (*FnDecl) stmtNode()            {}
func (*StructDecl) stmtNode()        {}
func (*SumTypeDecl) stmtNode()       {}
func (*TypeAliasDecl) stmtNode()     {}
func (*InterfaceDecl) stmtNode()     {}
func (*ImplDecl) stmtNode()          {}
func (*ActorDecl) stmtNode()         {}
func (*ServiceDecl) stmtNode()       {}
func (*SupervisorDecl) stmtNode()    {}
func (*ImportDecl) stmtNode()        {}
func (*FromImportDecl) stmtNode()    {}
func (*ModuleDecl) stmtNode()        {}
func (*TestDecl) stmtNode()          {}
func (*DescribeDecl) stmtNode()      {}

func (*FnDecl) declNode()         {}
func (*StructDecl) declNode()     {}
func (*SumTypeDecl) declNode()    {}
func (*TypeAliasDecl) declNode()  {}
func (*InterfaceDecl) declNode()  {}
func (*ImplDecl) declNode()       {}
func (*ActorDecl) declNode()      {}
func (*ServiceDecl) declNode()    {}
func (*SupervisorDecl) declNode() {}
func (*ImportDecl) declNode()     {}
func (*FromImportDecl) declNode() {}
func (*ModuleDecl) declNode()     {}
func (*TestDecl) declNode()       {}
func (*DescribeDecl) declNode()   {}

func (*Ident) exprNode()        {}
func (*IntLit) exprNode()       {}
func (*FloatLit) exprNode()     {}
func (*BoolLit) exprNode()      {}
func (*NilLit) exprNode()       {}
func (*AtomLit) exprNode()      {}
func (*StringLit) exprNode()    {}
func (*RegexLit) exprNode()     {}
func (*SelfExpr) exprNode()     {}
func (*ParenExpr) exprNode()    {}
func (*TupleExpr) exprNode()    {}
func (*ListLit) exprNode()      {}
func (*MapLit) exprNode()       {}
func (*StructLit) exprNode()    {}
func (*StructUpdate) exprNode() {}
func (*JSONLit) exprNode()      {}
func (*UnaryExpr) exprNode()    {}
func (*BinaryExpr) exprNode()   {}
func (*PipeExpr) exprNode()     {}
func (*CallExpr) exprNode()     {}
func (*SelectorExpr) exprNode() {}
func (*IndexExpr) exprNode()    {}
func (*TryExpr) exprNode()      {}
func (*IfExpr) exprNode()       {}
func (*CaseExpr) exprNode()     {}
func (*ReceiveExpr) exprNode()  {}
func (*WhileExpr) exprNode()    {}
func (*ForExpr) exprNode()      {}
func (*BreakExpr) exprNode()    {}
func (*ContinueExpr) exprNode() {}
func (*FnExpr) exprNode()       {}
func (*SpawnExpr) exprNode()    {}
func (*SendExpr) exprNode()     {}
func (*LinkExpr) exprNode()     {}
func (*SelfCall) exprNode()     {}
func (*BadExpr) exprNode()      {}

func (*WildcardPattern) patternNode() {}
func (*IdentPattern) patternNode()    {}
func (*LiteralPattern) patternNode()  {}
func (*TuplePattern) patternNode()    {}
func (*CtorPattern) patternNode()     {}
func (*ConsPattern) patternNode()     {}
func (*OrPattern) patternNode()       {}
func (*AsPattern) patternNode()       {}
func (*BadPattern) patternNode()      {}

func (*NamedType) typeNode()  {}
func (*TupleType) typeNode()  {}
func (*FunType) typeNode()    {}
func (*OptionType) typeNode() {}
func (*ResultType) typeNode() {}
func (*BadType) typeNode()    {}
