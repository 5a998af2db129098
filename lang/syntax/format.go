package syntax

import (
	"bytes"
	"slices"
	"strings"
	"unicode/utf8"
)

// FormatOptions configure Format. Zero values mean the defaults.
type FormatOptions struct {
	IndentSize int // spaces per level (default 2)
	LineWidth  int // a flat bracketed list (2+ elements) longer than this is split one per line (default 100; < 0: never)
}

// Format parses src and returns it in canonical form: statements one per
// line, two-space indentation (IndentSize), single spaces around binary
// operators and after commas, `do … end` blocks on their own lines, at
// most one blank line kept between items, exactly one final newline.
// Comments are kept (a comment inside a one-line construct moves to the
// end of that line). String, regex and number literals are kept exactly
// as written. Bracketed lists that start on a new line in the source stay
// one element per line. The result parses to the same AST and formatting
// it again changes nothing. Source with parse errors is not formatted:
// the diagnostics are returned with a nil result.
func Format(filename string, src []byte, opts FormatOptions) ([]byte, Diagnostics) {
	f, diags := ParseFile(filename, src)
	if diags.HasErrors() {
		return nil, diags
	}
	if opts.IndentSize <= 0 {
		opts.IndentSize = 2
	}
	if opts.LineWidth == 0 {
		opts.LineWidth = 100
	}
	pr := &printer{f: f, src: f.Src, comments: f.Comments, indentStr: strings.Repeat(" ", opts.IndentSize), width: opts.LineWidth}
	pr.file()
	return pr.buf.Bytes(), nil
}

type printer struct {
	f         *File
	src       []byte
	buf       bytes.Buffer
	indent    int
	indentStr string
	comments  []*Comment
	ci        int // next comment to print
	lastLine  int // source line of the last printed item (for blank lines)
	width     int // line width (< 0: unlimited)
	flat      int // > 0 while measuring a flat rendering (no splitting inside)
	inTry     int // > 0 inside tryFlat
}

func (p *printer) w(s string) { p.buf.WriteString(s) }

func (p *printer) nl() {
	// Never leave trailing spaces.
	b := p.buf.Bytes()
	n := len(b)
	for n > 0 && b[n-1] == ' ' {
		n--
	}
	p.buf.Truncate(n)
	p.buf.WriteByte('\n')
}

func (p *printer) writeIndent() {
	for range p.indent {
		p.w(p.indentStr)
	}
}

// own prints the comments that start before off, each on its own line.
func (p *printer) own(off int) {
	for p.ci < len(p.comments) && p.comments[p.ci].Start.Offset < off {
		c := p.comments[p.ci]
		p.ci++
		p.blank(c.Start.Line)
		p.writeIndent()
		p.w(c.Text)
		p.nl()
		p.lastLine = c.Stop.Line
	}
}

// trailing appends the comments that start before end, or on line
// endLine before limit, to the current line.
func (p *printer) trailing(end Position, limit int) {
	for p.ci < len(p.comments) {
		c := p.comments[p.ci]
		if !(c.Start.Offset < end.Offset || c.Start.Line == end.Line && c.Start.Offset < limit) {
			return
		}
		p.ci++
		p.w(" ")
		p.w(c.Text)
		if c.Stop.Line > p.lastLine {
			p.lastLine = c.Stop.Line
		}
	}
}

// skipComments drops comments inside a range printed verbatim.
func (p *printer) skipComments(n Node) {
	for p.ci < len(p.comments) && p.comments[p.ci].Start.Offset < n.End().Offset &&
		p.comments[p.ci].Start.Offset >= n.Pos().Offset {
		p.ci++
	}
}

// blank writes one empty line when the source had one before line.
func (p *printer) blank(line int) {
	if p.lastLine > 0 && line-p.lastLine > 1 {
		p.nl()
	}
}

func (p *printer) text(n Node) string {
	p.skipComments(n)
	return string(p.src[n.Pos().Offset:n.End().Offset])
}

func (p *printer) file() {
	p.items(nodes(p.f.Items), len(p.src))
	p.own(len(p.src) + 1)
	out := bytes.TrimRight(p.buf.Bytes(), "\n")
	p.buf.Truncate(len(out))
	if len(out) > 0 {
		p.buf.WriteByte('\n')
	}
}

// items prints a sequence of statement-like nodes, one per line, with
// their comments; limit is the offset where the enclosing construct ends.
func (p *printer) items(list []Node, limit int) {
	first := true
	for i, n := range list {
		next := limit
		if i+1 < len(list) {
			next = list[i+1].Pos().Offset
		}
		if first {
			p.lastLine = 0 // no blank line right after a block opener
		}
		p.own(n.Pos().Offset)
		p.blank(n.Pos().Line)
		first = false
		_, dedent := n.(*afterClause) // `after` lines up with `receive` (§10.3)
		if dedent {
			p.indent--
		}
		p.writeIndent()
		p.node(n)
		p.lastLine = n.End().Line
		p.trailing(n.End(), next)
		p.nl()
		if dedent {
			p.indent++
		}
	}
	p.own(limit)
}

// block prints `do`-style bodies: a newline, the statements one level
// deeper, and leaves the cursor at the start of the closing line.
func (p *printer) body(stmts []Stmt, limit int) {
	ns := nodes(stmts)
	p.openerComments(ns, limit)
	p.nl()
	p.indent++
	saved := p.lastLine
	p.lastLine = 0
	p.items(ns, limit)
	p.lastLine = saved
	p.indent--
	p.writeIndent()
}

// openerComments keeps comments that follow code on their source line
// (`case x do # note`) and come before a body's first item on the
// opener's line of the output.
func (p *printer) openerComments(items []Node, limit int) {
	end := limit
	if len(items) > 0 {
		end = items[0].Pos().Offset
	}
	for p.ci < len(p.comments) {
		c := p.comments[p.ci]
		if c.Start.Offset >= end || !p.followsCode(c) {
			return
		}
		p.ci++
		p.w(" " + c.Text)
	}
}

// followsCode reports whether c has code before it on its source line.
func (p *printer) followsCode(c *Comment) bool {
	for i := c.Start.Offset - 1; i >= 0; i-- {
		switch p.src[i] {
		case ' ', '\t':
			continue
		case '\n', '\r':
			return false
		}
		return true
	}
	return false
}

// blockEnd returns the offset just before a construct's closing `end`.
func blockEnd(n Node) int { return n.End().Offset - 3 }

func byPos(ns []Node) []Node {
	slices.SortStableFunc(ns, func(a, b Node) int { return a.Pos().Offset - b.Pos().Offset })
	return ns
}

func (p *printer) node(n Node) {
	switch n := n.(type) {
	case Stmt:
		p.stmt(n)
	case *Field:
		p.w(n.Name.Name + " :: ")
		p.typ(n.Type)
	case *SchemaOption:
		p.w(n.Key.Name + " ")
		p.expr(n.Value)
	case *Relation:
		p.w(n.Kind.Name + " ")
		if n.Name != nil {
			p.w(":" + n.Name.Name)
		}
		p.w(", " + n.Target.Name)
	case *Variant:
		p.w(n.Name.Name)
		if n.Parens {
			p.w("(")
			for i, f := range n.Fields {
				if i > 0 {
					p.w(", ")
				}
				if f.Name != nil {
					p.w(f.Name.Name + " :: ")
				}
				p.typ(f.Type)
			}
			p.w(")")
		}
	case *AssocType:
		p.w("type " + n.Name.Name)
		if n.Type != nil {
			p.w(" = ")
			p.typ(n.Type)
		}
	case *Handler:
		if n.Cast {
			p.w("cast ")
		} else {
			p.w("call ")
		}
		p.w(n.Name.Name)
		if n.Parens {
			p.params(n.Params)
		}
		if n.Reply != nil {
			p.w(" :: ")
			p.typ(n.Reply)
		}
		p.w(" do")
		if n.State != nil {
			p.w(" |" + n.State.Name + "|")
		}
		p.body(n.Body.Stmts, blockEnd(n))
		p.w("end")
	case *Setting:
		p.w(n.Key.Name + ": ")
		p.expr(n.Value)
	case *ChildSpec:
		p.w("child " + n.Name.Name + " do")
		p.nl()
		p.indent++
		saved := p.lastLine
		p.lastLine = 0
		p.items(nodes(n.Settings), blockEnd(n))
		p.lastLine = saved
		p.indent--
		p.writeIndent()
		p.w("end")
	case *terminateClause:
		p.w("terminate do")
		p.body(n.b.Stmts, blockEnd(n.b))
		p.w("end")
	case *setupClause:
		p.w(n.name + " do")
		p.body(n.b.Stmts, blockEnd(n.b))
		p.w("end")
	case *Arm:
		p.arm(n)
	case *afterClause:
		p.w("after ")
		p.expr(n.r.After)
		p.w(" ->")
		p.armBody(n.r.AfterBody)
	default:
		p.w("<?>")
	}
}

// Pseudo-nodes so clauses print in source order among statements.
type terminateClause struct {
	Span
	b *Block
}
type setupClause struct {
	Span
	name string
	b    *Block
}
type afterClause struct {
	Span
	r *ReceiveExpr
}

func (p *printer) stmt(s Stmt) {
	switch s := s.(type) {
	case *ExprStmt:
		p.expr(s.X)
	case *LetStmt:
		p.w("let ")
		p.pat(s.Pattern)
		if s.Type != nil {
			p.w(" :: ")
			p.typ(s.Type)
		}
		p.w(" = ")
		p.expr(s.Value)
	case *ReturnStmt:
		p.w("return")
		if s.Value != nil {
			p.w(" ")
			p.expr(s.Value)
		}
	case *AssertReceiveStmt:
		p.w("assert_receive ")
		p.pat(s.Pattern)
		if s.Timeout != nil {
			p.w(", ")
			p.expr(s.Timeout)
		}
	case *FnDecl:
		p.fnDecl(s)
	case *StructDecl:
		p.pub(s.Pub)
		p.w("struct " + s.Name.Name)
		p.typeParams(s.TypeParams)
		p.w(" do")
		members := append(append(nodes(s.Options), nodes(s.Relations)...), nodes(s.Fields)...)
		p.members(byPos(members), blockEnd(s.deriveless()))
		p.w("end")
		p.deriving(s.Deriving)
	case *SumTypeDecl:
		p.pub(s.Pub)
		p.w("type " + s.Name.Name)
		p.typeParams(s.TypeParams)
		p.w(" do")
		end := s.End()
		if s.Deriving != nil {
			end = s.Deriving.Pos()
		}
		p.members(nodes(s.Variants), blockEndAt(end))
		p.w("end")
		p.deriving(s.Deriving)
	case *TypeAliasDecl:
		p.pub(s.Pub)
		p.w("type " + s.Name.Name)
		p.typeParams(s.TypeParams)
		p.w(" = ")
		p.typ(s.Type)
	case *InterfaceDecl:
		p.pub(s.Pub)
		p.w("interface " + s.Name.Name)
		p.typeParams(s.TypeParams)
		p.w(" do")
		p.members(byPos(append(nodes(s.Assoc), nodes(s.Methods)...)), blockEnd(s))
		p.w("end")
	case *ImplDecl:
		p.w("impl " + s.Trait.String())
		if len(s.TraitArgs) > 0 {
			p.typeArgs(s.TraitArgs)
		}
		p.w(" for " + s.For.String())
		p.where(s.Where)
		p.w(" do")
		p.members(byPos(append(nodes(s.Assoc), nodes(s.Methods)...)), blockEnd(s))
		p.w("end")
	case *ActorDecl:
		p.w("actor " + s.Name.Name)
		if s.Parens {
			p.params(s.Params)
		}
		p.w(" do")
		ms := nodes(s.Body.Stmts)
		if s.Terminate != nil {
			ms = append(ms, &terminateClause{s.Terminate.Span, s.Terminate})
		}
		p.members(byPos(ms), blockEnd(s))
		p.w("end")
	case *ServiceDecl:
		p.w("service " + s.Name.Name + " do")
		p.members(byPos(append(nodes(s.Fns), nodes(s.Handlers)...)), blockEnd(s))
		p.w("end")
	case *SupervisorDecl:
		p.pub(s.Pub)
		p.w("supervisor " + s.Name.Name + " do")
		p.members(byPos(append(nodes(s.Settings), nodes(s.Children)...)), blockEnd(s))
		p.w("end")
	case *ImportDecl:
		p.w("import " + s.Path.String())
	case *FromImportDecl:
		p.w("from " + s.Path.String() + " import ")
		if s.Parens {
			p.w("(")
			p.nl()
			p.indent++
			saved := p.lastLine
			p.lastLine = 0
			for i, id := range s.Names {
				next := s.End().Offset - 1
				if i+1 < len(s.Names) {
					next = s.Names[i+1].Pos().Offset
				}
				p.own(id.Pos().Offset)
				p.writeIndent()
				p.w(id.Name + ",")
				p.lastLine = id.End().Line
				p.trailing(id.End(), next)
				p.nl()
			}
			p.own(s.End().Offset - 1)
			p.lastLine = saved
			p.indent--
			p.writeIndent()
			p.w(")")
			return
		}
		for i, id := range s.Names {
			if i > 0 {
				p.w(", ")
			}
			p.w(id.Name)
		}
	case *ModuleDecl:
		p.pub(s.Pub)
		p.w("module " + s.Name.Name + " do")
		p.body(s.Body.Stmts, blockEnd(s))
		p.w("end")
	case *TestDecl:
		p.w("test(" + p.text(s.Label) + ") do")
		p.body(s.Body.Stmts, blockEnd(s))
		p.w("end")
	case *DescribeDecl:
		p.w("describe(" + p.text(s.Label) + ") do")
		var ms []Node
		if s.Setup != nil {
			ms = append(ms, &setupClause{s.Setup.Span, "setup", s.Setup})
		}
		if s.Teardown != nil {
			ms = append(ms, &setupClause{s.Teardown.Span, "teardown", s.Teardown})
		}
		ms = append(ms, nodes(s.Tests)...)
		p.members(byPos(ms), blockEnd(s))
		p.w("end")
	default:
		p.w("<?>")
	}
}

func blockEndAt(end Position) int { return end.Offset - 3 }

// deriveless returns the span of a struct without its deriving clause.
func (s *StructDecl) deriveless() Node {
	if s.Deriving == nil {
		return s
	}
	return &Span{s.Start, s.Deriving.Start}
}

// members prints the body of a declaration (fields, methods, clauses).
func (p *printer) members(ms []Node, limit int) {
	p.openerComments(ms, limit)
	p.nl()
	p.indent++
	saved := p.lastLine
	p.lastLine = 0
	p.items(ms, limit)
	p.lastLine = saved
	p.indent--
	p.writeIndent()
}

func (p *printer) pub(pub bool) {
	if pub {
		p.w("pub ")
	}
}

func (p *printer) deriving(d *Deriving) {
	if d == nil {
		return
	}
	p.w(" deriving(")
	for i, id := range d.Names {
		if i > 0 {
			p.w(", ")
		}
		p.w(id.Name)
	}
	p.w(")")
}

func (p *printer) typeParams(ids []*Ident) {
	if len(ids) == 0 {
		return
	}
	p.w("<")
	for i, id := range ids {
		if i > 0 {
			p.w(", ")
		}
		p.w(id.Name)
	}
	p.w(">")
}

func (p *printer) where(bs []*Bound) {
	for i, b := range bs {
		if i == 0 {
			p.w(" where ")
		} else {
			p.w(", ")
		}
		p.w(b.Param.Name + ": ")
		p.typ(b.Trait)
	}
}

func (p *printer) fnDecl(d *FnDecl) {
	if d.Cluster != nil {
		p.w("@cluster")
		if d.Cluster.Count != nil {
			p.w("(" + d.Cluster.Count.Raw + ")")
		}
		p.w(" ")
	}
	p.pub(d.Pub)
	if d.Def {
		p.w("def ")
	} else {
		p.w("fn ")
	}
	p.w(d.Name.Name)
	p.typeParams(d.TypeParams)
	if d.Parens {
		p.params(d.Params)
	}
	if d.Result != nil {
		p.w(" -> ")
		p.typ(d.Result)
	}
	p.where(d.Where)
	if d.Guard != nil {
		p.w(" when ")
		p.expr(d.Guard)
	}
	switch {
	case d.Body == nil:
	case d.ExprBody:
		p.w(" = ")
		p.expr(d.Body.Stmts[0].(*ExprStmt).X)
	default:
		p.w(" do")
		p.body(d.Body.Stmts, blockEnd(d))
		p.w("end")
	}
}

func (p *printer) params(ps []*Param) {
	p.w("(")
	p.paramList(ps)
	p.w(")")
}

func (p *printer) paramList(ps []*Param) {
	for i, prm := range ps {
		if i > 0 {
			p.w(", ")
		}
		switch {
		case prm.Self:
			p.w("self")
		case prm.Name != nil:
			p.w(prm.Name.Name)
		default:
			p.pat(prm.Pattern)
		}
		if prm.Type != nil {
			p.w(" :: ")
			p.typ(prm.Type)
		}
	}
}

// ---------------------------------------------------------------------
// Types

func (p *printer) typ(t TypeExpr) {
	switch t := t.(type) {
	case *NamedType:
		p.w(t.Name())
		if len(t.Args) > 0 {
			p.typeArgs(t.Args)
		}
	case *TupleType:
		p.w("(")
		for i, e := range t.Elems {
			if i > 0 {
				p.w(", ")
			}
			p.typ(e)
		}
		if len(t.Elems) == 1 {
			p.w(",")
		}
		p.w(")")
	case *FunType:
		p.w("Fun(")
		for i, e := range t.Params {
			if i > 0 {
				p.w(", ")
			}
			p.typ(e)
		}
		p.w(") -> ")
		p.typ(t.Result)
	case *OptionType:
		p.typOperand(t.Elem)
		p.w("?")
	case *ResultType:
		p.typOperand(t.Ok)
		p.w("!")
		p.typ(t.Err)
	default:
		p.w("<?>")
	}
}

// typOperand prints the operand of a `?`/`!` suffix, parenthesised when
// the suffix would otherwise bind inside it.
func (p *printer) typOperand(t TypeExpr) {
	switch t.(type) {
	case *ResultType, *FunType:
		p.w("(")
		p.typ(t)
		p.w(")")
	default:
		p.typ(t)
	}
}

func (p *printer) typeArgs(ts []TypeExpr) {
	p.w("<")
	for i, a := range ts {
		if i > 0 {
			p.w(", ")
		}
		p.typ(a)
	}
	p.w(">")
}

// ---------------------------------------------------------------------
// Patterns

func (p *printer) pat(pt Pattern) {
	switch pt := pt.(type) {
	case *WildcardPattern:
		p.w("_")
	case *IdentPattern:
		p.w(pt.Name.Name)
	case *LiteralPattern:
		if pt.Neg {
			p.w("-")
		}
		p.expr(pt.Value)
	case *TuplePattern:
		p.w("(")
		for i, e := range pt.Elems {
			if i > 0 {
				p.w(", ")
			}
			p.pat(e)
		}
		p.w(")")
	case *CtorPattern:
		if pt.Type != nil {
			p.w(pt.Type.Name + ".")
		}
		p.w(pt.Name.Name)
		if pt.Parens {
			p.w("(")
			for i, e := range pt.Args {
				if i > 0 {
					p.w(", ")
				}
				p.pat(e)
			}
			p.w(")")
		}
	case *ConsPattern:
		p.patOperand(pt.Head, true)
		p.w(" :: ")
		p.patOperand(pt.Tail, false)
	case *OrPattern:
		for i, a := range pt.Alts {
			if i > 0 {
				p.w(" | ")
			}
			p.patOperand(a, true)
		}
	case *AsPattern:
		p.pat(pt.Pattern)
		p.w(" as " + pt.Name.Name)
	default:
		p.w("<?>")
	}
}

// patOperand parenthesises sub-patterns that would re-associate.
func (p *printer) patOperand(pt Pattern, tight bool) {
	switch pt.(type) {
	case *AsPattern:
		p.w("(")
		p.pat(pt)
		p.w(")")
		return
	case *ConsPattern, *OrPattern:
		if tight {
			p.w("(")
			p.pat(pt)
			p.w(")")
			return
		}
	}
	p.pat(pt)
}

// ---------------------------------------------------------------------
// Expressions

// exploded reports whether a bracketed list was written with its first
// element on a new line (then it stays one element per line).
func exploded(open Position, first Node) bool {
	return first != nil && first.Pos().Line > open.Line
}

// list prints `open elems close`, flat or one element per line; pad
// puts spaces inside the brackets of the flat form (`{ x: 1 }`). A flat
// list whose line would exceed the width is split.
func (p *printer) list(open, close string, pad bool, elems []Node, multi bool, limit int, each func(Node)) {
	if !multi {
		mark, ci, last := p.buf.Len(), p.ci, p.lastLine
		p.flat++
		p.w(open)
		if pad {
			p.w(" ")
		}
		for i, e := range elems {
			if i > 0 {
				p.w(", ")
			}
			each(e)
		}
		if pad {
			p.w(" ")
		}
		p.w(close)
		p.flat--
		// One element gains nothing from a line of its own.
		if p.flat > 0 || p.width < 0 || len(elems) < 2 || !p.tooLong(mark) {
			return
		}
		p.buf.Truncate(mark)
		p.ci, p.lastLine = ci, last
	}
	p.w(open)
	p.nl()
	p.indent++
	saved := p.lastLine
	p.lastLine = 0
	for i, e := range elems {
		next := limit
		if i+1 < len(elems) {
			next = elems[i+1].Pos().Offset
		}
		if i > 0 {
			p.own(e.Pos().Offset)
			p.blank(e.Pos().Line)
		} else {
			p.lastLine = 0
			p.own(e.Pos().Offset)
		}
		p.writeIndent()
		each(e)
		p.w(",")
		p.lastLine = e.End().Line
		p.trailing(e.End(), next)
		p.nl()
	}
	p.own(limit)
	p.lastLine = saved
	p.indent--
	p.writeIndent()
	p.w(close)
}

// tooLong reports whether the output line holding offset mark of the
// buffer is longer than the width (its first line, for multi-line text).
func (p *printer) tooLong(mark int) bool {
	b := p.buf.Bytes()
	start := bytes.LastIndexByte(b[:mark], '\n') + 1
	line := b[start:]
	if i := bytes.IndexByte(line[mark-start:], '\n'); i >= 0 {
		line = line[:mark-start+i]
	}
	return utf8.RuneCount(line) > p.width
}

func (p *printer) eachExpr(n Node) { p.expr(n.(Expr)) }

func (p *printer) eachField(n Node) {
	f := n.(*FieldInit)
	p.w(f.Name.Name + ": ")
	p.expr(f.Value)
}

func firstOf(ns []Node) Node {
	if len(ns) == 0 {
		return nil
	}
	return ns[0]
}

func (p *printer) expr(x Expr) {
	switch x := x.(type) {
	case *Ident:
		p.w(x.Name)
	case *IntLit:
		p.w(x.Raw)
	case *FloatLit:
		p.w(x.Raw)
	case *BoolLit:
		if x.Value {
			p.w("true")
		} else {
			p.w("false")
		}
	case *NilLit:
		p.w("nil")
	case *AtomLit:
		p.w(":" + x.Name)
	case *StringLit, *RegexLit:
		p.w(p.text(x))
	case *SelfExpr:
		p.w("self")
	case *ParenExpr:
		p.w("(")
		p.expr(x.X)
		p.w(")")
	case *TupleExpr:
		es := nodes(x.Elems)
		p.list("(", ")", false, es, exploded(x.Start, firstOf(es)), x.End().Offset-1, p.eachExpr)
	case *ListLit:
		es := nodes(x.Elems)
		p.list("[", "]", false, es, exploded(x.Start, firstOf(es)), x.End().Offset-1, p.eachExpr)
	case *MapLit:
		es := nodes(x.Entries)
		p.list("%{", "}", false, es, exploded(x.Start, firstOf(es)), x.End().Offset-1, func(n Node) {
			e := n.(*MapEntry)
			p.expr(e.Key)
			p.w(" => ")
			p.expr(e.Value)
		})
	case *StructUpdate:
		p.w("%{")
		p.expr(x.Base)
		p.w(" | ")
		for i, f := range x.Fields {
			if i > 0 {
				p.w(", ")
			}
			p.eachField(f)
		}
		p.w("}")
	case *JSONLit:
		fs := nodes(x.Fields)
		if len(fs) == 0 {
			p.w("json {}")
			return
		}
		p.list("json {", "}", true, fs, exploded(x.Start, firstOf(fs)), x.End().Offset-1, p.eachField)
	case *StructLit:
		p.expr(x.Type)
		fs := nodes(x.Fields)
		if len(fs) == 0 {
			p.w(" {}")
			return
		}
		p.list(" {", "}", true, fs, exploded(x.Type.End(), firstOf(fs)), x.End().Offset-1, p.eachField)
	case *UnaryExpr:
		if x.Op == NOT {
			p.w("not ")
		} else {
			p.w(x.Op.String())
		}
		p.expr(x.X)
	case *BinaryExpr:
		p.expr(x.X)
		if x.Op == DOTDOT {
			p.w("..")
		} else {
			p.w(" " + x.Op.String() + " ")
		}
		p.expr(x.Y)
	case *PipeExpr:
		p.expr(x.X)
		op := "|>"
		if x.Slot > 0 {
			op = "|" + itoa(x.Slot) + ">"
		}
		if x.OpPos.Line > x.X.End().Line {
			// Leading-pipe style: keep it, one level deeper, with the
			// comments that ended the previous line.
			p.trailing(Position{Offset: x.OpPos.Offset}, 0)
			p.nl()
			p.indent++
			p.writeIndent()
			p.w(op + " ")
			p.expr(x.Y)
			p.indent--
			return
		}
		p.w(" " + op + " ")
		p.expr(x.Y)
	case *CallExpr:
		p.expr(x.Fun)
		args := nodes(x.Args)
		args = append(args, nodes(x.KwArgs)...)
		multi := exploded(x.Fun.End(), firstOf(args))
		limit := x.End().Offset - 1
		if x.Trailing != nil {
			limit = x.Trailing.Pos().Offset - 1
		}
		p.list("(", ")", false, args, multi, limit, func(n Node) {
			if f, ok := n.(*FieldInit); ok {
				p.eachField(f)
				return
			}
			p.expr(n.(Expr))
		})
		if x.Trailing != nil {
			cl := x.Trailing.Clauses[0]
			p.w(" do")
			if len(cl.Params) > 0 {
				p.w(" |")
				p.paramList(cl.Params)
				p.w("|")
			}
			p.body(cl.Body.Stmts, blockEnd(x.Trailing))
			p.w("end")
		}
	case *SelectorExpr:
		p.expr(x.X)
		p.w("." + x.Sel.Name)
	case *IndexExpr:
		p.expr(x.X)
		p.w("[")
		p.expr(x.Index)
		p.w("]")
	case *TryExpr:
		p.expr(x.X)
		p.w("?")
	case *IfExpr:
		p.ifExpr(x)
	case *CaseExpr:
		if x.Match {
			p.w("match ")
		} else {
			p.w("case ")
		}
		p.expr(x.Subject)
		p.w(" do")
		p.members(nodes(x.Arms), blockEnd(x))
		p.w("end")
	case *ReceiveExpr:
		p.w("receive do")
		ms := nodes(x.Arms)
		if x.After != nil {
			ms = append(ms, &afterClause{Span{x.After.Pos(), x.AfterBody.End()}, x})
		}
		p.members(ms, blockEnd(x))
		p.w("end")
	case *WhileExpr:
		p.w("while ")
		p.expr(x.Cond)
		p.w(" do")
		p.body(x.Body.Stmts, blockEnd(x))
		p.w("end")
	case *ForExpr:
		p.w("for ")
		if x.Braced {
			p.w("{" + x.Vars[0].Name + ", " + x.Vars[1].Name + "}")
		} else {
			p.w(x.Vars[0].Name)
		}
		p.w(" in ")
		p.expr(x.Iter)
		if x.Filter != nil {
			p.w(" when ")
			p.expr(x.Filter)
		}
		p.w(" do")
		p.body(x.Body.Stmts, blockEnd(x))
		p.w("end")
	case *BreakExpr:
		p.w("break")
	case *ContinueExpr:
		p.w("continue")
	case *FnExpr:
		p.closure(x)
	case *SpawnExpr:
		p.w("spawn")
		p.list("(", ")", false, nodes(x.Args), false, x.End().Offset-1, p.eachExpr)
	case *SendExpr:
		p.w("send")
		p.list("(", ")", false, nodes(x.Args), false, x.End().Offset-1, p.eachExpr)
	case *LinkExpr:
		p.w("link")
		p.list("(", ")", false, nodes(x.Args), false, x.End().Offset-1, p.eachExpr)
	case *SelfCall:
		p.w("self()")
	default:
		p.w("<?>")
	}
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}

// tryFlat renders f on the current line; if that produced a line break
// it undoes the output and returns false.
func (p *printer) tryFlat(f func()) bool {
	if p.inTry > 0 {
		// Already inside an enclosing attempt: a line break here makes
		// that one fail, so never render twice (which would be
		// exponential in the nesting depth).
		f()
		return true
	}
	mark, ci, last := p.buf.Len(), p.ci, p.lastLine
	p.inTry++
	p.flat++
	f()
	p.flat--
	p.inTry--
	if bytes.IndexByte(p.buf.Bytes()[mark:], '\n') < 0 {
		return true
	}
	p.buf.Truncate(mark)
	p.ci, p.lastLine = ci, last
	return false
}

// singleExpr returns the expression of a one-expression block.
func singleExpr(b *Block) Expr {
	if b != nil && len(b.Stmts) == 1 {
		if es, ok := b.Stmts[0].(*ExprStmt); ok {
			return es.X
		}
	}
	return nil
}

// inlineIf reports whether an `if` written on one line with
// one-expression branches can stay on one line.
func inlineIf(x *IfExpr) bool {
	if x.Pos().Line != x.End().Line || singleExpr(x.Then) == nil {
		return false
	}
	switch e := x.Else.(type) {
	case nil:
		return true
	case *Block:
		return singleExpr(e) != nil
	case *IfExpr:
		return inlineIf(e)
	}
	return false
}

func (p *printer) flatIf(x *IfExpr) {
	p.w("if ")
	p.expr(x.Cond)
	p.w(" do ")
	p.expr(singleExpr(x.Then))
	switch e := x.Else.(type) {
	case nil:
		p.w(" end")
	case *Block:
		p.w(" else ")
		p.expr(singleExpr(e))
		p.w(" end")
	case *IfExpr:
		p.w(" else ")
		p.flatIf(e)
	}
}

func (p *printer) ifExpr(x *IfExpr) {
	if inlineIf(x) && p.tryFlat(func() { p.flatIf(x) }) {
		return
	}
	p.expandedIf(x)
}

// expandedIf prints an `if` (and its else-if chain) over several lines.
func (p *printer) expandedIf(x *IfExpr) {
	p.w("if ")
	p.expr(x.Cond)
	p.w(" do")
	limit := blockEnd(x)
	if x.Else != nil {
		limit = x.ElsePos.Offset
	}
	p.body(x.Then.Stmts, limit)
	switch e := x.Else.(type) {
	case nil:
		p.w("end")
	case *IfExpr:
		p.w("else ")
		p.expandedIf(e)
	case *Block:
		p.w("else")
		p.body(e.Stmts, blockEnd(x))
		p.w("end")
	}
}

func (p *printer) arm(a *Arm) {
	p.pat(a.Pattern)
	if a.Guard != nil {
		p.w(" when ")
		p.expr(a.Guard)
	}
	p.w(" ->")
	p.armBody(a.Body)
}

// armBody prints `-> expr` inline, or `-> do … end` for longer bodies.
func (p *printer) armBody(b *Block) {
	if len(b.Stmts) == 1 {
		if es, ok := b.Stmts[0].(*ExprStmt); ok {
			p.w(" ")
			p.expr(es.X)
			return
		}
	}
	p.w(" do")
	p.body(b.Stmts, blockEnd(b))
	p.w("end")
}

func (p *printer) closure(x *FnExpr) {
	p.w("fn")
	if len(x.Clauses) == 1 && len(x.Clauses[0].Params) == 0 && !x.Clauses[0].Parens {
		cl := x.Clauses[0]
		if len(cl.Body.Stmts) == 1 && x.Pos().Line == x.End().Line &&
			p.tryFlat(func() { p.w(" -> "); p.stmt(cl.Body.Stmts[0]); p.w(" end") }) {
			return
		}
		p.w(" do")
		p.body(cl.Body.Stmts, blockEnd(x))
		p.w("end")
		return
	}
	for i, cl := range x.Clauses {
		if i > 0 {
			p.w(" |")
		}
		if cl.Parens {
			p.params(cl.Params)
		} else {
			p.w(" ")
			p.paramList(cl.Params)
		}
		if cl.Guard != nil {
			p.w(" when ")
			p.expr(cl.Guard)
		}
		if cl.Short {
			body := cl.Body.Stmts[0].(*ExprStmt).X
			if len(x.Clauses) == 1 && !p.tryFlat(func() { p.w(" -> "); p.expr(body) }) {
				// A multi-line body goes on its own lines.
				p.w(" ->")
				p.nl()
				p.indent++
				p.writeIndent()
				p.expr(body)
				p.nl()
				p.indent--
				p.writeIndent()
				p.w("end")
				return
			}
			if len(x.Clauses) > 1 {
				p.w(" -> ")
				p.expr(body)
			}
			continue
		}
		p.w(" do")
		p.body(cl.Body.Stmts, cl.End().Offset-3)
		p.w("end")
		if len(x.Clauses) == 1 {
			return
		}
	}
	p.w(" end")
}

// nodes converts a slice of node types to []Node.
func nodes[T Node](xs []T) []Node {
	out := make([]Node, len(xs))
	for i, x := range xs {
		out[i] = x
	}
	return out
}
