package syntax

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// ParseFile parses one Mesh source file. It always returns a *File (partial
// when there are errors) and every parse error it found, in source order,
// at most one per line. All diagnostics have code P0001.
func ParseFile(filename string, src []byte) (*File, Diagnostics) {
	p := newParser(filename, src)
	f := p.parseFile()
	f.Comments = p.sc.comments
	p.diags.Sort()
	return f, p.diags
}

// maxDepth bounds syntactic nesting so hostile input cannot exhaust the
// stack; deeper input is reported once and parsing stops.
const maxDepth = 1000

// parser is a recursive-descent parser with precedence climbing for
// binary operators. Layout (§3): newline tokens are significant except
// while the innermost open construct is a bracket ((), [], {}, %{}, #{}):
// the parser keeps a stack of layout modes, pushed when it consumes an
// opening bracket (skip newlines) or a block opener such as `do`
// (newlines separate statements again), popped at the matching closer.
type parser struct {
	sc       *scanner
	file     string
	cur      token   // current token (never NEWLINE while skipping)
	ahead    []token // raw tokens scanned ahead of cur, from aheadPos on
	aheadPos int
	prev     Position
	skip     []bool // layout stack: true = newlines ignored
	saved    []int  // noTrailing saved by each push (brackets and blocks reset it)

	diags    Diagnostics
	errLines map[int]bool // lines with a reported error (one error per line)
	depth    int
	aborted  bool

	noTrailing int // >0: `do` after a call opens the enclosing construct's block

	// suspect is the first declaration found at column 1 inside another
	// construct: when a block is still open at EOF, its `end` was most
	// likely forgotten before this line, so the error is reported here.
	suspect     Position
	suspectKind Token
}

func newParser(filename string, src []byte) *parser {
	p := &parser{file: filename}
	p.sc = newScanner(filename, src, p.errorRange)
	p.skip = []bool{false}
	p.advance()
	return p
}

// ---------------------------------------------------------------------
// Errors

func (p *parser) errorRange(pos, end Position, msg string) {
	if p.errLines[pos.Line] {
		return
	}
	if p.errLines == nil {
		p.errLines = map[int]bool{}
	}
	p.errLines[pos.Line] = true
	if !end.IsValid() || end.Offset <= pos.Offset {
		end = pos
		end.Offset++
		end.Col++
	}
	p.diags = append(p.diags, &Diagnostic{Pos: pos, End: end, Severity: SeverityError, Code: CodeParse, Message: msg})
}

// hint attaches a hint to the error just reported on line, if any.
func (p *parser) hint(line int, h string) {
	if n := len(p.diags); n > 0 && p.diags[n-1].Pos.Line == line && p.diags[n-1].Hint == "" {
		p.diags[n-1].Hint = h
	}
}

// colonForType reports a `name: Type` annotation (Mesh uses `::`) and
// consumes the colon so the type can still be parsed.
func (p *parser) colonForType(name string) {
	p.errorTok("type annotations use '::', not ':'")
	p.hint(p.cur.pos.Line, "write `"+name+" :: Type`")
	p.advance()
}

func (p *parser) errorAt(pos Position, format string, args ...any) {
	p.errorRange(pos, Position{}, fmt.Sprintf(format, args...))
}

// errorTok reports an error spanning the current token.
func (p *parser) errorTok(format string, args ...any) {
	p.errorRange(p.cur.pos, p.cur.end, fmt.Sprintf(format, args...))
}

// describe names a token for messages: 'end', ')', identifier 'x'.
func describe(t token) string {
	switch t.kind {
	case IDENT:
		return fmt.Sprintf("identifier '%s'", t.lit)
	case INT, FLOAT:
		return fmt.Sprintf("number '%s'", t.lit)
	case ATOM:
		return fmt.Sprintf("atom ':%s'", t.lit)
	case STRBEG, STRTXT:
		return "string"
	case REGEX:
		return "regex literal"
	case EOF, NEWLINE:
		return t.kind.String()
	case SLOTPIPE:
		return "'|" + t.lit + ">'"
	case ILLEGAL:
		return "invalid token"
	}
	return "'" + t.kind.String() + "'"
}

// errorExpected reports a missing token. When the offending token is on
// a later line the error is placed just after the previous token, where
// the missing piece belongs.
func (p *parser) errorExpected(format string, args ...any) {
	if p.prev.IsValid() && p.cur.pos.Line > p.prev.Line {
		p.errorRange(p.prev, Position{}, fmt.Sprintf(format, args...))
		return
	}
	p.errorTok(format, args...)
}

func (p *parser) unexpected() {
	p.errorTok("unexpected %s", describe(p.cur))
	if p.cur.kind == ASSIGN {
		p.hint(p.cur.pos.Line, "bind a name with `let name = value`")
	}
}

// ---------------------------------------------------------------------
// Tokens and layout

func (p *parser) skipping() bool { return p.skip[len(p.skip)-1] }

func (p *parser) rawNext() token {
	if p.aheadPos < len(p.ahead) {
		t := p.ahead[p.aheadPos]
		p.aheadPos++
		if p.aheadPos == len(p.ahead) {
			p.ahead, p.aheadPos = p.ahead[:0], 0 // reuse the buffer
		}
		return t
	}
	return p.sc.next()
}

// advance consumes the current token.
func (p *parser) advance() {
	if p.cur.kind != NEWLINE && p.cur.end.IsValid() {
		p.prev = p.cur.end
	}
	if p.aborted {
		p.cur = token{kind: EOF, pos: p.cur.end, end: p.cur.end}
		return
	}
	p.cur = p.rawNext()
	p.normalize()
}

// normalize drops a current NEWLINE token when newlines are not significant.
func (p *parser) normalize() {
	for p.cur.kind == NEWLINE && p.skipping() {
		p.cur = p.rawNext()
	}
}

// peek returns the k-th token after cur (k ≥ 1), skipping newlines when
// they are insignificant (and always when skipNL is set).
func (p *parser) peekN(k int, skipNL bool) token {
	i := 0
	for n := 0; ; i++ {
		for len(p.ahead)-p.aheadPos <= i {
			p.ahead = append(p.ahead, p.sc.next())
		}
		t := p.ahead[p.aheadPos+i]
		if t.kind == NEWLINE && (skipNL || p.skipping()) {
			continue
		}
		n++
		if n == k || t.kind == EOF {
			return t
		}
	}
}

func (p *parser) peek() token { return p.peekN(1, false) }

// push enters a layout mode (true: newlines ignored) before the token
// after cur is fetched; pop restores the previous mode.
func (p *parser) push(skip bool) {
	p.skip = append(p.skip, skip)
	p.saved = append(p.saved, p.noTrailing)
	p.noTrailing = 0
	p.normalize()
}

func (p *parser) pop() {
	if len(p.skip) > 1 {
		p.skip = p.skip[:len(p.skip)-1]
		p.noTrailing = p.saved[len(p.saved)-1]
		p.saved = p.saved[:len(p.saved)-1]
	}
}

// skipNewlines consumes NEWLINE tokens (where a line break is harmless).
func (p *parser) skipNewlines() {
	for p.cur.kind == NEWLINE {
		p.advance()
	}
}

func (p *parser) got(k Token) bool {
	if p.cur.kind == k {
		p.advance()
		return true
	}
	return false
}

// expect consumes a token of kind k or reports an error without consuming.
func (p *parser) expect(k Token, context string) bool {
	if p.cur.kind == k {
		p.advance()
		return true
	}
	if context != "" {
		p.errorExpected("expected '%s' %s, found %s", k, context, describe(p.cur))
	} else {
		p.errorExpected("expected '%s', found %s", k, describe(p.cur))
	}
	return false
}

// openBracket consumes an opening bracket and enters skip-newline mode.
func (p *parser) openBracket() Position {
	pos := p.cur.pos
	p.skip = append(p.skip, true)
	p.saved = append(p.saved, p.noTrailing)
	p.noTrailing = 0
	p.advance()
	return pos
}

// closeBracket expects the closer k of a bracket opened at open and
// leaves skip-newline mode. On a mismatch it skips to the closer when one
// is found before a token that cannot be inside the brackets.
func (p *parser) closeBracket(k Token, open Position) {
	if p.cur.kind != k {
		p.errorExpected("expected '%s' to close '%s' opened at %d:%d, found %s", k, openerOf(k), open.Line, open.Col, describe(p.cur))
		p.skipTo(k)
	}
	p.pop()
	if p.cur.kind == k {
		p.advance()
	} else {
		p.normalize()
	}
}

func openerOf(k Token) string {
	switch k {
	case RPAREN:
		return "("
	case RBRACK:
		return "["
	case RBRACE:
		return "{"
	case INTEND:
		return "#{"
	}
	return "?"
}

// skipTo skips balanced tokens until cur is k at nesting level 0, or a
// closer of an enclosing construct, `end`, or EOF.
func (p *parser) skipTo(k Token) {
	depth := 0
	for {
		switch p.cur.kind {
		case EOF:
			return
		case LPAREN, LBRACK, LBRACE, MAPBRACE, INTBEG:
			depth++
		case RPAREN, RBRACK, RBRACE, INTEND:
			if depth == 0 {
				return
			}
			depth--
		case END, STREND:
			if depth == 0 {
				return
			}
		}
		if depth == 0 && p.cur.kind == k {
			return
		}
		p.advance()
	}
}

// enter guards recursion depth; callers do `if !p.enter() { … }; defer p.leave()`.
func (p *parser) enter() bool {
	p.depth++
	if p.depth > maxDepth {
		if !p.aborted {
			p.errorTok("program is nested too deeply")
			p.aborted = true
			p.cur = token{kind: EOF, pos: p.cur.pos, end: p.cur.pos}
		}
		return false
	}
	return true
}

func (p *parser) leave() { p.depth-- }

// span is the range from start to the end of the last consumed token
// (empty when nothing was consumed since start).
func (p *parser) span(start Position) Span {
	if p.prev.Offset < start.Offset || !p.prev.IsValid() {
		return Span{start, start}
	}
	return Span{start, p.prev}
}

func (p *parser) isIdent(name string) bool { return p.cur.kind == IDENT && p.cur.lit == name }

func isUpper(name string) bool {
	r, _ := utf8.DecodeRuneInString(name)
	return unicode.IsUpper(r)
}

func (p *parser) ident() *Ident {
	id := &Ident{Span{p.cur.pos, p.cur.end}, p.cur.lit}
	p.advance()
	return id
}

// expectIdent parses an identifier or reports what was expected.
func (p *parser) expectIdent(what string) *Ident {
	if p.cur.kind == IDENT {
		return p.ident()
	}
	p.errorTok("expected %s, found %s", what, describe(p.cur))
	return &Ident{Span{p.cur.pos, p.cur.pos}, "_"}
}

// isSep reports whether cur separates statements.
func (p *parser) isSep() bool { return p.cur.kind == NEWLINE || p.cur.kind == SEMI }

func (p *parser) skipSeps() {
	for p.isSep() {
		p.advance()
	}
}

// ---------------------------------------------------------------------
// File, blocks, statements

func (p *parser) parseFile() *File {
	start := p.cur.pos
	f := &File{Name: p.file, Src: p.sc.src}
	for {
		p.skipSeps()
		if p.cur.kind == EOF {
			break
		}
		if p.cur.kind == END || p.cur.kind == ELSE || p.closer() {
			p.unexpected()
			p.advance()
			continue
		}
		s := p.parseStmt(true)
		f.Items = append(f.Items, s)
		p.endStmt()
	}
	if start.Line == 0 {
		start = Position{File: p.file, Line: 1, Col: 1}
	}
	f.Span = Span{start, p.cur.pos}
	return f
}

func (p *parser) closer() bool {
	switch p.cur.kind {
	case RPAREN, RBRACK, RBRACE, INTEND, STREND:
		return true
	}
	return false
}

// endStmt checks what follows a statement: a separator, a block end, or
// (upstream accepts this) the start of another statement. Anything else
// is reported and skipped up to the next line.
func (p *parser) endStmt() {
	switch p.cur.kind {
	case NEWLINE, SEMI, EOF, END, ELSE, AFTER, TERMINATE:
		return
	}
	if p.skipping() && p.closer() {
		return
	}
	if p.canStartStmt() {
		return
	}
	p.unexpected()
	p.syncStmt()
}

// syncStmt skips to the end of the current statement: the next
// significant newline, `;`, or an `end`/`else`/closer at this level.
func (p *parser) syncStmt() {
	depth := 0
	for {
		switch p.cur.kind {
		case EOF:
			return
		case NEWLINE, SEMI:
			if depth == 0 {
				return
			}
		case DO, LPAREN, LBRACK, LBRACE, MAPBRACE, INTBEG:
			depth++
		case END, RPAREN, RBRACK, RBRACE, INTEND:
			if depth == 0 {
				if p.cur.kind != END && !p.skipping() {
					// A stray closer at statement level: drop it.
					p.advance()
					continue
				}
				return
			}
			depth--
		case ELSE:
			if depth == 0 {
				return
			}
		}
		p.advance()
	}
}

func (p *parser) canStartStmt() bool {
	switch p.cur.kind {
	case LET, RETURN, AT, PUB, FN, DEF, STRUCT, TYPE, INTERFACE, IMPL, ACTOR,
		SERVICE, SUPERVISOR, IMPORT, MODULE:
		return true
	}
	return p.canStartExpr()
}

func (p *parser) canStartExpr() bool {
	switch p.cur.kind {
	case IDENT, INT, FLOAT, ATOM, REGEX, STRBEG, TRUE, FALSE, NIL, SELF,
		LPAREN, LBRACK, MAPBRACE, JSON, IF, CASE, MATCH, WHILE, FOR, RECEIVE,
		FN, BREAK, CONTINUE, SPAWN, SEND, LINK, MINUS, BANG, NOT:
		return true
	}
	return false
}

// parseBlockUntil parses statements up to `end` (or `else` when
// allowElse) in newline-significant mode. The caller consumes the closer.
func (p *parser) parseBlockBody(allowElse bool) *Block {
	b := &Block{}
	b.Start = p.cur.pos
	if !p.enter() {
		p.leave()
		b.Stop = b.Start
		return b
	}
	defer p.leave()
	for {
		p.skipSeps()
		switch p.cur.kind {
		case EOF, END:
			return p.closeBlock(b)
		case ELSE:
			if allowElse {
				return p.closeBlock(b)
			}
			p.unexpected()
			p.advance()
			continue
		}
		if p.closer() {
			if p.skipping() {
				return p.closeBlock(b)
			}
			p.unexpected()
			p.advance()
			continue
		}
		before := p.cur.pos.Offset
		s := p.parseStmt(false)
		b.Stmts = append(b.Stmts, s)
		p.endStmt()
		if p.cur.pos.Offset == before && p.cur.kind != EOF {
			p.unexpected()
			p.advance()
		}
	}
}

// closeBlock sets the end of b to the last consumed token, keeping an
// empty block empty.
func (p *parser) closeBlock(b *Block) *Block {
	b.Stop = p.prev
	if len(b.Stmts) == 0 || b.Stop.Offset < b.Start.Offset {
		b.Stop = b.Start
	}
	return b
}

// parseDoBlock parses `do block end` (cur must be `do`); what names the
// construct for the missing-`end` message.
func (p *parser) parseDoBlock() *Block {
	doPos := p.cur.pos
	if !p.expect(DO, "") {
		return &Block{Span: Span{p.cur.pos, p.cur.pos}}
	}
	return p.finishBlock(doPos, "do", false)
}

// finishBlock parses a block opened by opener at open (already consumed)
// and its closing `end`; with allowElse it stops at `else` without
// consuming it.
func (p *parser) finishBlock(open Position, opener string, allowElse bool) *Block {
	p.push(false)
	b := p.parseBlockBody(allowElse)
	p.pop()
	if allowElse && p.cur.kind == ELSE {
		b.Start = open
		return p.closeBlock(b)
	}
	if p.expectEnd(open, opener) {
		b.Span = Span{open, p.prev}
	}
	return b
}

// expectEnd consumes the `end` closing the construct opened at open and
// reports whether it was there.
func (p *parser) expectEnd(open Position, opener string) bool {
	if p.cur.kind == END {
		p.advance()
		return true
	}
	if p.cur.kind == EOF && p.suspect.IsValid() && open.Offset < p.suspect.Offset {
		p.errorAt(p.suspect, "expected 'end' to close '%s' block opened at %d:%d before this '%s' (found end of file)", opener, open.Line, open.Col, p.suspectKind)
		p.normalize()
		return false
	}
	p.errorExpected("expected 'end' to close '%s' block opened at %d:%d, found %s", opener, open.Line, open.Col, describe(p.cur))
	p.normalize()
	return false
}

func (p *parser) parseStmt(top bool) Stmt {
	if !p.enter() {
		p.leave()
		return &BadStmt{Span{p.cur.pos, p.cur.pos}}
	}
	defer p.leave()
	start := p.cur.pos
	if !top && start.Col == 1 && !p.suspect.IsValid() {
		switch p.cur.kind {
		case FN, DEF, PUB, AT, STRUCT, TYPE, INTERFACE, IMPL, ACTOR, SERVICE, SUPERVISOR, IMPORT, MODULE:
			p.suspect, p.suspectKind = start, p.cur.kind
		}
	}
	switch p.cur.kind {
	case LET:
		return p.parseLet()
	case RETURN:
		p.advance()
		r := &ReturnStmt{}
		if p.canStartExpr() {
			r.Value = p.parseExpr()
		}
		r.Span = p.span(start)
		return r
	case AT:
		attr := p.parseClusterAttr()
		return p.parseDecoratedFn(start, attr)
	case PUB:
		return p.parsePub()
	case FN, DEF:
		if t := p.peek(); t.kind == IDENT {
			return p.parseFnDecl(start, nil, false)
		}
	case STRUCT:
		return p.parseStruct(start, false)
	case TYPE:
		return p.parseTypeDecl(start, false)
	case INTERFACE:
		return p.parseInterface(start, false)
	case IMPL:
		return p.parseImpl()
	case ACTOR:
		return p.parseActor()
	case SERVICE:
		return p.parseService()
	case SUPERVISOR:
		return p.parseSupervisor(start, false)
	case IMPORT:
		return p.parseImport()
	case MODULE:
		return p.parseModule(start, false)
	case IDENT:
		switch p.cur.lit {
		case "from":
			if t := p.peek(); t.kind == IDENT {
				return p.parseFromImport()
			}
		case "clustered":
			if p.isLegacyClustered() {
				return p.parseLegacyClustered()
			}
		case "test":
			if top && p.isTestHeader() {
				return p.parseTest()
			}
		case "describe":
			if top && p.isTestHeader() {
				return p.parseDescribe()
			}
		case "assert_receive":
			switch t := p.peek(); t.kind {
			case NEWLINE, SEMI, EOF, ASSIGN, DOT, PIPE, END:
			default:
				return p.parseAssertReceive()
			}
		}
	}
	x := p.parseExpr()
	return &ExprStmt{Span{x.Pos(), x.End()}, x}
}

func (p *parser) parseLet() Stmt {
	start := p.cur.pos
	p.advance()
	s := &LetStmt{}
	switch {
	case p.cur.kind == IDENT && p.cur.lit == "_":
		s.Pattern = &WildcardPattern{Span{p.cur.pos, p.cur.end}}
		p.advance()
	case p.cur.kind == IDENT:
		id := p.ident()
		s.Pattern = &IdentPattern{id.Span, id}
	case p.cur.kind == LPAREN:
		s.Pattern = p.parsePrimPattern()
	default:
		p.errorTok("expected a name or a tuple pattern after 'let', found %s", describe(p.cur))
		s.Pattern = &BadPattern{Span{p.cur.pos, p.cur.pos}}
		if p.cur.kind != ASSIGN {
			p.syncStmt()
			s.Value = &BadExpr{Span{p.cur.pos, p.cur.pos}}
			s.Span = p.span(start)
			return s
		}
	}
	if p.got(COLON2) {
		s.Type = p.parseType()
	} else if p.cur.kind == COLON {
		name := "x"
		if id, ok := s.Pattern.(*IdentPattern); ok {
			name = id.Name.Name
		}
		p.colonForType(name)
		s.Type = p.parseType()
	}
	if !p.expect(ASSIGN, "in 'let'") {
		s.Value = &BadExpr{Span{p.cur.pos, p.cur.pos}}
		p.syncStmt()
	} else {
		p.skipNewlines()
		s.Value = p.parseExpr()
	}
	s.Span = p.span(start)
	return s
}

// ---------------------------------------------------------------------
// Declarations

func (p *parser) parsePub() Stmt {
	start := p.cur.pos
	p.advance()
	switch p.cur.kind {
	case FN, DEF:
		return p.parseFnDecl(start, nil, true)
	case STRUCT:
		return p.parseStruct(start, true)
	case TYPE:
		return p.parseTypeDecl(start, true)
	case INTERFACE:
		return p.parseInterface(start, true)
	case SUPERVISOR:
		return p.parseSupervisor(start, true)
	case MODULE:
		return p.parseModule(start, true)
	}
	p.errorTok("expected `fn`, `module`, `struct`, `interface`, `type`, or `supervisor` after `pub`")
	if p.cur.kind == ACTOR || p.cur.kind == SERVICE || p.cur.kind == IMPL || p.cur.kind == LET {
		return p.parseStmt(false) // parse the item anyway to keep going
	}
	p.syncStmt()
	return &BadStmt{p.span(start)}
}

// parseClusterAttr parses `@cluster` or `@cluster(N)`.
func (p *parser) parseClusterAttr() *ClusterAttr {
	start := p.cur.pos
	p.advance() // @
	a := &ClusterAttr{}
	if !p.isIdent("cluster") {
		p.errorTok("expected `cluster` after `@`")
		if p.cur.kind == IDENT {
			p.advance()
		}
	} else {
		p.advance()
	}
	if p.cur.kind == LPAREN {
		open := p.openBracket()
		if p.cur.kind == INT {
			a.Count = p.parseIntLit()
		} else {
			p.errorTok("expected integer replication count inside `@cluster(...)`")
		}
		if p.cur.kind == COMMA {
			p.errorTok("expected exactly one replication count in `@cluster(N)`")
			p.skipTo(RPAREN)
		}
		if p.cur.kind != RPAREN {
			p.errorTok("expected `)` to close `@cluster(...)`")
			if k := p.cur.kind; k != PUB && k != FN && k != DEF {
				p.skipTo(RPAREN)
			}
		}
		p.closeBracketQuiet(RPAREN, open)
	}
	a.Span = p.span(start)
	p.skipNewlines()
	return a
}

// closeBracketQuiet is closeBracket after the caller already reported
// any problem.
func (p *parser) closeBracketQuiet(k Token, open Position) {
	p.pop()
	if p.cur.kind == k {
		p.advance()
	} else {
		p.normalize()
	}
}

func (p *parser) parseDecoratedFn(start Position, attr *ClusterAttr) Stmt {
	pub := false
	pubPos := p.cur.pos
	if p.got(PUB) {
		pub = true
	}
	if p.cur.kind != FN && p.cur.kind != DEF {
		p.errorTok("expected `fn` or `def` after `@cluster`")
		if p.cur.kind == IDENT || p.canStartStmt() {
			s := p.parseStmt(false)
			_ = pubPos
			return s
		}
		p.syncStmt()
		return &BadStmt{p.span(start)}
	}
	return p.parseFnDecl(start, attr, pub)
}

// isLegacyClustered recognises `clustered(IDENT)` followed by fn/def/pub.
func (p *parser) isLegacyClustered() bool {
	if p.peekN(1, false).kind != LPAREN {
		return false
	}
	if p.peekN(3, false).kind != RPAREN {
		return false
	}
	switch p.peekN(4, true).kind {
	case FN, DEF, PUB:
		return true
	}
	return false
}

func (p *parser) parseLegacyClustered() Stmt {
	start := p.cur.pos
	p.advance() // clustered
	p.advance() // (
	p.advance() // work
	p.advance() // )
	p.errorRange(start, p.prev, "legacy `clustered(work)` declarations are no longer supported; migrate to `@cluster` or `@cluster(N)` before `fn`/`def`")
	p.skipNewlines()
	pub := p.got(PUB)
	return p.parseFnDecl(start, nil, pub)
}

// parseFnHead parses `fn|def name<T>(params) -> R where …` into d, up to
// the body; trait method signatures (plain) take names, not patterns.
func (p *parser) parseFnHead(d *FnDecl, what string, plain bool) {
	d.Def = p.cur.kind == DEF
	p.advance()
	d.Name = p.expectIdent(what)
	if p.cur.kind == LT {
		d.TypeParams = p.parseTypeParams()
	}
	if p.cur.kind == LPAREN {
		d.Parens = true
		d.Params = p.parseParamList(plain)
	}
	if p.got(ARROW) {
		d.Result = p.parseType()
	}
	if p.cur.kind == WHERE {
		d.Where = p.parseWhere()
	}
}

// parseFnDecl parses a named function; cur is `fn` or `def`.
func (p *parser) parseFnDecl(start Position, attr *ClusterAttr, pub bool) *FnDecl {
	d := &FnDecl{Cluster: attr, Pub: pub}
	p.parseFnHead(d, "a function name", false)
	if p.cur.kind == WHEN {
		p.advance()
		p.noTrailing++
		d.Guard = p.parseExpr()
		p.noTrailing--
	}
	switch p.cur.kind {
	case ASSIGN:
		p.advance()
		p.skipNewlines()
		x := p.parseExpr()
		d.Body = exprBlock(x)
		d.ExprBody = true
	case DO:
		d.Body = p.parseDoBlock()
	default:
		p.errorExpected("expected 'do' or '=' to start the body of function '%s', found %s", d.Name.Name, describe(p.cur))
		p.syncStmt()
	}
	d.Span = p.span(start)
	return d
}

func (p *parser) parseTypeParams() []*Ident {
	var out []*Ident
	open := p.openBracket() // <
	for p.cur.kind != GT && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		out = append(out, p.expectIdent("a type parameter name"))
		if !p.got(COMMA) {
			break
		}
		if p.cur.pos.Offset == before {
			break
		}
	}
	if p.cur.kind != GT {
		p.errorTok("expected '>' to close '<' opened at %d:%d, found %s", open.Line, open.Col, describe(p.cur))
	}
	p.closeBracketQuiet(GT, open)
	return out
}

func (p *parser) parseWhere() []*Bound {
	p.advance() // where
	var out []*Bound
	for {
		start := p.cur.pos
		b := &Bound{Param: p.expectIdent("a type parameter in 'where'")}
		p.expect(COLON, "in 'where' bound")
		t := p.parseNamedType()
		b.Trait = t
		b.Span = p.span(start)
		out = append(out, b)
		if !p.got(COMMA) {
			return out
		}
	}
}

// parseParamList parses `( params )`. plain restricts parameters to
// `self` and `name [:: T]` (interface methods).
func (p *parser) parseParamList(plain bool) []*Param {
	open := p.openBracket()
	var out []*Param
	for p.cur.kind != RPAREN && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		out = append(out, p.parseParam(plain))
		if !p.got(COMMA) {
			break
		}
		if p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RPAREN, open)
	return out
}

// parseParam parses `self`, `name [:: T]` or a pattern parameter.
func (p *parser) parseParam(plain bool) *Param {
	start := p.cur.pos
	prm := &Param{}
	switch {
	case p.cur.kind == SELF:
		p.advance()
		prm.Self = true
		if p.got(COLON2) {
			prm.Type = p.parseType()
		}
	case p.cur.kind == IDENT && p.cur.lit != "_" && (!isUpper(p.cur.lit) || plain):
		prm.Name = p.ident()
		if p.got(COLON2) {
			prm.Type = p.parseType()
		} else if p.cur.kind == COLON {
			p.colonForType(prm.Name.Name)
			prm.Type = p.parseType()
		}
	default:
		if plain {
			p.errorTok("expected a parameter name, found %s", describe(p.cur))
		}
		prm.Pattern = p.parsePrimPattern()
	}
	prm.Span = p.span(start)
	return prm
}

func (p *parser) parseStruct(start Position, pub bool) Stmt {
	p.advance() // struct
	d := &StructDecl{Pub: pub}
	d.Name = p.expectIdent("a struct name")
	if p.cur.kind == LT {
		d.TypeParams = p.parseTypeParams()
	}
	doPos := p.cur.pos
	if !p.expect(DO, "after struct name") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		fstart := p.cur.pos
		if p.cur.kind != IDENT {
			p.errorTok("expected a field (name :: Type) in struct '%s', found %s", d.Name.Name, describe(p.cur))
			p.syncStmt()
			return
		}
		switch p.cur.lit {
		case "table", "primary_key", "timestamps":
			if t := p.peek(); t.kind != COLON2 {
				o := &SchemaOption{Key: p.ident()}
				o.Value = p.parsePrimary()
				o.Span = p.span(fstart)
				d.Options = append(d.Options, o)
				return
			}
		case "belongs_to", "has_many", "has_one":
			if t := p.peek(); t.kind != COLON2 {
				r := &Relation{Kind: p.ident()}
				if p.cur.kind == ATOM {
					r.Name = &AtomLit{Span{p.cur.pos, p.cur.end}, p.cur.lit}
					p.advance()
				} else {
					p.errorTok("expected an atom after '%s', found %s", r.Kind.Name, describe(p.cur))
				}
				p.expect(COMMA, "in relationship")
				r.Target = p.expectIdent("a struct name")
				r.Span = p.span(fstart)
				d.Relations = append(d.Relations, r)
				return
			}
		}
		f := &Field{Name: p.ident()}
		if p.cur.kind == COLON {
			p.colonForType(f.Name.Name)
			f.Type = p.parseType()
		} else if p.expect(COLON2, "after field name") {
			f.Type = p.parseType()
		} else {
			f.Type = &BadType{Span{p.cur.pos, p.cur.pos}}
		}
		f.Span = p.span(fstart)
		d.Fields = append(d.Fields, f)
		if p.cur.kind == COMMA {
			p.errorTok("unexpected ',' after field (put each field on its own line)")
			p.advance()
		}
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Deriving = p.parseDeriving()
	d.Span = p.span(start)
	return d
}

// bodyLoop parses the members of a `do … end` declaration body (already
// in newline-significant mode) by calling member until `end`/EOF, skipping
// separators and guaranteeing progress.
func (p *parser) bodyLoop(member func()) {
	for {
		p.skipSeps()
		if p.cur.kind == END || p.cur.kind == EOF {
			return
		}
		before := p.cur.pos.Offset
		member()
		p.endStmt()
		if p.cur.pos.Offset == before && p.cur.kind != EOF {
			p.unexpected()
			p.advance()
		}
	}
}

func (p *parser) parseDeriving() *Deriving {
	if !p.isIdent("deriving") {
		return nil
	}
	start := p.cur.pos
	p.advance()
	d := &Deriving{}
	if p.cur.kind != LPAREN {
		p.errorTok("expected '(' after 'deriving', found %s", describe(p.cur))
		d.Span = p.span(start)
		return d
	}
	open := p.openBracket()
	for p.cur.kind != RPAREN && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		d.Names = append(d.Names, p.expectIdent("a trait name"))
		if !p.got(COMMA) || p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RPAREN, open)
	d.Span = p.span(start)
	return d
}

// parseTypeDecl parses a sum type (`type T do … end`) or an alias
// (`type T = U`).
func (p *parser) parseTypeDecl(start Position, pub bool) Stmt {
	p.advance() // type
	name := p.expectIdent("a type name")
	var tps []*Ident
	if p.cur.kind == LT {
		tps = p.parseTypeParams()
	}
	if p.got(ASSIGN) {
		p.skipNewlines()
		a := &TypeAliasDecl{Pub: pub, Name: name, TypeParams: tps, Type: p.parseType()}
		a.Span = p.span(start)
		return a
	}
	d := &SumTypeDecl{Pub: pub, Name: name, TypeParams: tps}
	doPos := p.cur.pos
	if !p.expect(DO, "or '=' after type name") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		vstart := p.cur.pos
		if p.cur.kind != IDENT {
			p.errorTok("expected a variant name in type '%s', found %s", name.Name, describe(p.cur))
			p.syncStmt()
			return
		}
		v := &Variant{Name: p.ident()}
		if p.cur.kind == LPAREN {
			v.Parens = true
			open := p.openBracket()
			for p.cur.kind != RPAREN && p.cur.kind != EOF {
				before := p.cur.pos.Offset
				fs := p.cur.pos
				vf := &VariantField{}
				if p.cur.kind == IDENT && p.peek().kind == COLON2 {
					vf.Name = p.ident()
					p.advance()
				}
				vf.Type = p.parseType()
				vf.Span = p.span(fs)
				v.Fields = append(v.Fields, vf)
				if !p.got(COMMA) || p.cur.pos.Offset == before {
					break
				}
			}
			p.closeBracket(RPAREN, open)
		}
		v.Span = p.span(vstart)
		d.Variants = append(d.Variants, v)
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Deriving = p.parseDeriving()
	d.Span = p.span(start)
	return d
}

func (p *parser) parseInterface(start Position, pub bool) Stmt {
	p.advance() // interface
	d := &InterfaceDecl{Pub: pub, Name: p.expectIdent("an interface name")}
	if p.cur.kind == LT {
		d.TypeParams = p.parseTypeParams()
	}
	doPos := p.cur.pos
	if !p.expect(DO, "after interface name") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		mstart := p.cur.pos
		switch p.cur.kind {
		case TYPE:
			p.advance()
			a := &AssocType{Name: p.expectIdent("an associated type name")}
			a.Span = p.span(mstart)
			d.Assoc = append(d.Assoc, a)
		case FN, DEF:
			m := &FnDecl{}
			p.parseFnHead(m, "a method name", true)
			if p.cur.kind == DO {
				m.Body = p.parseDoBlock()
			} else if p.cur.kind == ASSIGN {
				p.advance()
				x := p.parseExpr()
				m.Body = exprBlock(x)
				m.ExprBody = true
			}
			m.Span = p.span(mstart)
			d.Methods = append(d.Methods, m)
		default:
			p.errorTok("expected 'fn' or 'type' in interface '%s', found %s", d.Name.Name, describe(p.cur))
			p.syncStmt()
		}
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Span = p.span(start)
	return d
}

func (p *parser) parseModPath(what string) *ModPath {
	start := p.cur.pos
	mp := &ModPath{}
	mp.Parts = append(mp.Parts, p.expectIdent(what))
	for p.cur.kind == DOT && p.peek().kind == IDENT {
		p.advance()
		mp.Parts = append(mp.Parts, p.ident())
	}
	mp.Span = p.span(start)
	return mp
}

func (p *parser) parseImpl() Stmt {
	start := p.cur.pos
	p.advance() // impl
	d := &ImplDecl{Trait: p.parseModPath("a trait name")}
	if p.cur.kind == LT {
		d.TraitArgs = p.parseTypeArgs()
	}
	if p.expect(FOR, "after the trait in 'impl'") {
		d.For = p.parseModPath("a type name")
	}
	if p.cur.kind == WHERE {
		d.Where = p.parseWhere()
	}
	doPos := p.cur.pos
	if !p.expect(DO, "to start the impl body") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		mstart := p.cur.pos
		switch p.cur.kind {
		case TYPE:
			p.advance()
			a := &AssocType{Name: p.expectIdent("an associated type name")}
			if p.expect(ASSIGN, "in associated type binding") {
				a.Type = p.parseType()
			}
			a.Span = p.span(mstart)
			d.Assoc = append(d.Assoc, a)
		case FN, DEF:
			d.Methods = append(d.Methods, p.parseFnDecl(mstart, nil, false))
		case PUB:
			p.advance()
			if p.cur.kind == FN || p.cur.kind == DEF {
				d.Methods = append(d.Methods, p.parseFnDecl(mstart, nil, true))
				return
			}
			p.errorTok("expected 'fn' after 'pub' in impl, found %s", describe(p.cur))
			p.syncStmt()
		default:
			p.errorTok("expected 'fn' or 'type' in impl body, found %s", describe(p.cur))
			p.syncStmt()
		}
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Span = p.span(start)
	return d
}

func (p *parser) parseActor() Stmt {
	start := p.cur.pos
	p.advance() // actor
	d := &ActorDecl{Name: p.expectIdent("an actor name")}
	if p.cur.kind == LPAREN {
		d.Parens = true
		d.Params = p.parseParamList(false)
	}
	doPos := p.cur.pos
	if !p.expect(DO, "after actor header") {
		p.syncStmt()
		d.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	body := &Block{}
	body.Start = p.cur.pos
	p.bodyLoop(func() {
		if p.cur.kind == TERMINATE {
			tpos := p.cur.pos
			p.advance()
			blk := p.parseDoBlock()
			if d.Terminate != nil {
				p.errorAt(tpos, "only one `terminate` clause is allowed per actor block")
				return
			}
			d.Terminate = blk
			return
		}
		body.Stmts = append(body.Stmts, p.parseStmt(false))
	})
	p.closeBlock(body)
	p.pop()
	if p.expectEnd(doPos, "do") {
		body.Span = Span{doPos, p.prev}
	}
	d.Body = body
	d.Span = p.span(start)
	return d
}

func (p *parser) parseService() Stmt {
	start := p.cur.pos
	p.advance() // service
	d := &ServiceDecl{Name: p.expectIdent("a service name")}
	doPos := p.cur.pos
	if !p.expect(DO, "after service name") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		hstart := p.cur.pos
		switch p.cur.kind {
		case FN, DEF:
			d.Fns = append(d.Fns, p.parseFnDecl(hstart, nil, false))
		case CALL, CAST:
			h := &Handler{Cast: p.cur.kind == CAST}
			p.advance()
			h.Name = p.expectIdent("a handler name")
			if p.cur.kind == LPAREN {
				h.Parens = true
				h.Params = p.parseParamList(false)
			}
			if p.cur.kind == COLON2 {
				if h.Cast {
					p.errorTok("a `cast` handler has no reply type")
				}
				p.advance()
				h.Reply = p.parseType()
			}
			doPos := p.cur.pos
			if !p.expect(DO, "to start the handler body") {
				p.syncStmt()
				h.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
			} else {
				p.push(false)
				if p.cur.kind == BAR {
					p.advance()
					if p.cur.kind == IDENT {
						h.State = p.ident()
					} else {
						p.errorTok("expected the state name between '|' and '|', found %s", describe(p.cur))
					}
					p.expect(BAR, "after the state name")
				}
				h.Body = p.parseBlockBody(false)
				p.pop()
				if p.expectEnd(doPos, "do") {
					h.Body.Span = Span{doPos, p.prev}
				}
			}
			h.Span = p.span(hstart)
			d.Handlers = append(d.Handlers, h)
		default:
			p.errorTok("expected `fn`, `call` or `cast` in service '%s', found %s", d.Name.Name, describe(p.cur))
			p.syncStmt()
		}
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Span = p.span(start)
	return d
}

func (p *parser) parseSupervisor(start Position, pub bool) Stmt {
	p.advance() // supervisor
	d := &SupervisorDecl{Pub: pub, Name: p.expectIdent("a supervisor name")}
	doPos := p.cur.pos
	if !p.expect(DO, "after supervisor name") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		cstart := p.cur.pos
		if p.isIdent("child") && p.peek().kind == IDENT {
			p.advance()
			c := &ChildSpec{Name: p.ident()}
			cdo := p.cur.pos
			if !p.expect(DO, "after child name") {
				p.syncStmt()
				c.Span = p.span(cstart)
				d.Children = append(d.Children, c)
				return
			}
			p.push(false)
			p.bodyLoop(func() {
				if s := p.parseSetting("start", "restart", "shutdown"); s != nil {
					c.Settings = append(c.Settings, s)
				}
			})
			p.pop()
			p.expectEnd(cdo, "do")
			c.Span = p.span(cstart)
			d.Children = append(d.Children, c)
			return
		}
		if s := p.parseSetting("strategy", "max_restarts", "max_seconds"); s != nil {
			d.Settings = append(d.Settings, s)
		}
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Span = p.span(start)
	return d
}

// parseSetting parses `key: value` for one of the allowed keys.
func (p *parser) parseSetting(keys ...string) *Setting {
	start := p.cur.pos
	known := false
	if p.cur.kind == IDENT {
		for _, k := range keys {
			if p.cur.lit == k {
				known = true
			}
		}
	}
	if !known {
		list := "`" + strings.Join(keys, "`, `") + "`"
		if keys[0] == "strategy" {
			list += " or `child`"
		}
		p.errorTok("expected %s, found %s", list, describe(p.cur))
		p.syncStmt()
		return nil
	}
	s := &Setting{Key: p.ident()}
	if !p.expect(COLON, "after '"+s.Key.Name+"'") {
		p.syncStmt()
		return nil
	}
	switch s.Key.Name {
	case "strategy", "restart":
		if p.cur.kind != IDENT {
			p.errorTok("expected a name after `%s:`, found %s", s.Key.Name, describe(p.cur))
			p.syncStmt()
			return nil
		}
		s.Value = p.ident()
	case "max_restarts", "max_seconds":
		if p.cur.kind != INT {
			p.errorTok("expected an integer after `%s:`, found %s", s.Key.Name, describe(p.cur))
			p.syncStmt()
			return nil
		}
		s.Value = p.parseIntLit()
	case "shutdown":
		switch p.cur.kind {
		case INT:
			s.Value = p.parseIntLit()
		case IDENT:
			s.Value = p.ident()
		default:
			p.errorTok("expected an integer or `brutal_kill` after `shutdown:`, found %s", describe(p.cur))
			p.syncStmt()
			return nil
		}
	default:
		p.skipNewlines()
		s.Value = p.parseExpr()
	}
	s.Span = p.span(start)
	return s
}

func (p *parser) parseImport() Stmt {
	start := p.cur.pos
	p.advance() // import
	if p.cur.kind == STAR {
		p.errorTok("glob imports are not supported; import the module or list the names with `from M import a, b`")
		p.syncStmt()
		return &BadStmt{p.span(start)}
	}
	d := &ImportDecl{Path: p.parseModPath("a module name")}
	d.Span = p.span(start)
	return d
}

func (p *parser) parseFromImport() Stmt {
	start := p.cur.pos
	p.advance() // from
	d := &FromImportDecl{Path: p.parseModPath("a module name")}
	if !p.expect(IMPORT, "after the module path") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	if p.cur.kind == STAR {
		p.errorTok("glob imports are not supported; list the names to import")
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	var open Position
	if p.cur.kind == LPAREN {
		d.Parens = true
		open = p.openBracket()
	}
	for {
		before := p.cur.pos.Offset
		if d.Parens && p.cur.kind == RPAREN {
			break
		}
		d.Names = append(d.Names, p.expectIdent("a name to import"))
		if !p.got(COMMA) || p.cur.pos.Offset == before {
			break
		}
		if !d.Parens && !p.canStartExpr() {
			break
		}
	}
	if d.Parens {
		p.closeBracket(RPAREN, open)
	}
	d.Span = p.span(start)
	return d
}

func (p *parser) parseModule(start Position, pub bool) Stmt {
	p.advance() // module
	d := &ModuleDecl{Pub: pub, Name: p.expectIdent("a module name")}
	for p.cur.kind == DOT && p.peek().kind == IDENT {
		p.advance()
		id := p.ident()
		d.Name = &Ident{Span{d.Name.Start, id.Stop}, d.Name.Name + "." + id.Name}
	}
	doPos := p.cur.pos
	if !p.expect(DO, "after module name") {
		p.syncStmt()
		d.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
	} else {
		d.Body = p.finishBlock(doPos, "do", false)
	}
	d.Span = p.span(start)
	return d
}

// isTestHeader recognises `test("…") do` / `describe("…") do`.
// The parentheses are optional (`test "label" do`, as some guides write).
func (p *parser) isTestHeader() bool {
	k := 1
	paren := p.peekN(1, false).kind == LPAREN
	if paren {
		k = 2
	}
	if p.peekN(k, false).kind != STRBEG {
		return false
	}
	// Find the end of the label string (bounded), then `) do` / `do`.
	for k++; k < 200; k++ {
		switch p.peekN(k, true).kind {
		case STREND:
			if paren {
				return p.peekN(k+1, true).kind == RPAREN && p.peekN(k+2, false).kind == DO
			}
			return p.peekN(k+1, false).kind == DO
		case EOF:
			return false
		}
	}
	return false
}

// parseTestLabel parses `( "label" )` or a bare `"label"`.
func (p *parser) parseTestLabel() *StringLit {
	if p.cur.kind == STRBEG {
		s := p.parseString().(*StringLit)
		if _, ok := s.Value(); !ok {
			p.errorAt(s.Start, "a test label must be a plain string (no interpolation)")
		}
		return s
	}
	open := p.openBracket()
	lit := p.parseString()
	s, _ := lit.(*StringLit)
	if s == nil {
		s = &StringLit{Span: Span{p.cur.pos, p.cur.pos}}
	} else if _, ok := s.Value(); !ok {
		p.errorAt(s.Start, "a test label must be a plain string (no interpolation)")
	}
	p.closeBracket(RPAREN, open)
	return s
}

func (p *parser) parseTest() *TestDecl {
	start := p.cur.pos
	p.advance() // test
	d := &TestDecl{Label: p.parseTestLabel()}
	if p.cur.kind == DO {
		d.Body = p.parseDoBlock()
	} else {
		p.errorTok("expected 'do' after the test label, found %s", describe(p.cur))
		d.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
		p.syncStmt()
	}
	d.Span = p.span(start)
	return d
}

func (p *parser) parseDescribe() Stmt {
	start := p.cur.pos
	p.advance() // describe
	d := &DescribeDecl{Label: p.parseTestLabel()}
	doPos := p.cur.pos
	if !p.expect(DO, "after the describe label") {
		p.syncStmt()
		d.Span = p.span(start)
		return d
	}
	p.push(false)
	p.bodyLoop(func() {
		switch {
		case p.isIdent("test") && p.isTestHeader():
			d.Tests = append(d.Tests, p.parseTest())
		case p.isIdent("setup") || p.isIdent("teardown"):
			name := p.cur.lit
			pos := p.cur.pos
			p.advance()
			if p.cur.kind == LPAREN {
				open := p.openBracket()
				p.closeBracket(RPAREN, open)
			}
			if p.cur.kind != DO {
				p.errorTok("expected 'do' after '%s', found %s", name, describe(p.cur))
				p.syncStmt()
				return
			}
			blk := p.parseDoBlock()
			slot := &d.Setup
			if name == "teardown" {
				slot = &d.Teardown
			}
			if *slot != nil {
				p.errorAt(pos, "only one `%s` block is allowed per describe", name)
				return
			}
			*slot = blk
		case p.isIdent("describe"):
			p.errorTok("`describe` blocks cannot be nested")
			p.syncStmt()
		default:
			p.errorTok("expected `test`, `setup` or `teardown` inside describe, found %s", describe(p.cur))
			p.syncStmt()
		}
	})
	p.pop()
	p.expectEnd(doPos, "do")
	d.Span = p.span(start)
	return d
}

func (p *parser) parseAssertReceive() Stmt {
	start := p.cur.pos
	p.advance() // assert_receive
	s := &AssertReceiveStmt{Pattern: p.parsePattern()}
	if p.got(COMMA) {
		s.Timeout = p.parseExpr()
	}
	s.Span = p.span(start)
	return s
}

// ---------------------------------------------------------------------
// Types

// parseType parses `base [?] [! type]`.
func (p *parser) parseType() TypeExpr {
	if !p.enter() {
		p.leave()
		return &BadType{Span{p.cur.pos, p.cur.pos}}
	}
	defer p.leave()
	start := p.cur.pos
	var t TypeExpr
	switch {
	case p.cur.kind == LPAREN:
		open := p.openBracket()
		tt := &TupleType{}
		comma := false
		for p.cur.kind != RPAREN && p.cur.kind != EOF {
			before := p.cur.pos.Offset
			tt.Elems = append(tt.Elems, p.parseType())
			comma = p.got(COMMA)
			if !comma || p.cur.pos.Offset == before {
				break
			}
		}
		p.closeBracket(RPAREN, open)
		tt.Span = p.span(start)
		t = tt
		if len(tt.Elems) == 1 && !comma {
			t = tt.Elems[0] // (T) is just T; (T,) is a 1-tuple
		}
	case p.isIdent("Fun") && p.peek().kind == LPAREN:
		p.advance()
		ft := &FunType{}
		open := p.openBracket()
		for p.cur.kind != RPAREN && p.cur.kind != EOF {
			before := p.cur.pos.Offset
			ft.Params = append(ft.Params, p.parseType())
			if !p.got(COMMA) || p.cur.pos.Offset == before {
				break
			}
		}
		p.closeBracket(RPAREN, open)
		if p.expect(ARROW, "after Fun(...) parameter types") {
			ft.Result = p.parseType()
		} else {
			ft.Result = &BadType{Span{p.cur.pos, p.cur.pos}}
		}
		ft.Span = p.span(start)
		return ft // the result type already took any ?/! suffix
	case p.cur.kind == IDENT:
		t = p.parseNamedType()
	default:
		p.errorTok("expected a type, found %s", describe(p.cur))
		return &BadType{Span{p.cur.pos, p.cur.pos}}
	}
	for p.cur.kind == QUESTION {
		p.advance()
		t = &OptionType{p.span(start), t}
	}
	if p.cur.kind == BANG {
		p.advance()
		e := p.parseType()
		t = &ResultType{p.span(start), t, e}
	}
	return t
}

func (p *parser) parseNamedType() *NamedType {
	start := p.cur.pos
	nt := &NamedType{}
	nt.Path = append(nt.Path, p.expectIdent("a type name"))
	for p.cur.kind == DOT && p.peek().kind == IDENT {
		p.advance()
		nt.Path = append(nt.Path, p.ident())
	}
	if p.cur.kind == LT {
		nt.Args = p.parseTypeArgs()
	}
	nt.Span = p.span(start)
	return nt
}

func (p *parser) parseTypeArgs() []TypeExpr {
	open := p.openBracket() // <
	var out []TypeExpr
	for p.cur.kind != GT && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		out = append(out, p.parseType())
		if !p.got(COMMA) || p.cur.pos.Offset == before {
			break
		}
	}
	if p.cur.kind != GT {
		p.errorTok("expected '>' to close '<' opened at %d:%d, found %s", open.Line, open.Col, describe(p.cur))
	}
	p.closeBracketQuiet(GT, open)
	return out
}

// ---------------------------------------------------------------------
// Patterns

// parsePattern parses `cons [as name]`.
func (p *parser) parsePattern() Pattern {
	if !p.enter() {
		p.leave()
		return &BadPattern{Span{p.cur.pos, p.cur.pos}}
	}
	defer p.leave()
	start := p.cur.pos
	pat := p.parseConsPattern()
	for p.isIdent("as") {
		p.advance()
		name := p.expectIdent("a name after 'as'")
		pat = &AsPattern{p.span(start), pat, name}
	}
	return pat
}

func (p *parser) parseConsPattern() Pattern {
	start := p.cur.pos
	head := p.parseAltPattern()
	if p.cur.kind == COLON2 {
		p.advance()
		if !p.enter() {
			p.leave()
			return head
		}
		tail := p.parseConsPattern()
		p.leave()
		return &ConsPattern{p.span(start), head, tail}
	}
	return head
}

func (p *parser) parseAltPattern() Pattern {
	start := p.cur.pos
	first := p.parsePrimPattern()
	if p.cur.kind != BAR {
		return first
	}
	alts := []Pattern{first}
	for p.cur.kind == BAR {
		p.advance()
		p.skipNewlines()
		alts = append(alts, p.parsePrimPattern())
	}
	return &OrPattern{p.span(start), alts}
}

func (p *parser) parsePrimPattern() Pattern {
	if !p.enter() {
		p.leave()
		return &BadPattern{Span{p.cur.pos, p.cur.pos}}
	}
	defer p.leave()
	start := p.cur.pos
	switch p.cur.kind {
	case IDENT:
		if p.cur.lit == "_" {
			p.advance()
			return &WildcardPattern{p.span(start)}
		}
		name := p.ident()
		if p.cur.kind == DOT && p.peek().kind == IDENT {
			p.advance()
			c := &CtorPattern{Type: name, Name: p.ident()}
			if p.cur.kind == LPAREN {
				c.Parens = true
				c.Args = p.parsePatternList()
			}
			c.Span = p.span(start)
			return c
		}
		if p.cur.kind == LPAREN && isUpper(name.Name) {
			c := &CtorPattern{Name: name, Parens: true}
			c.Args = p.parsePatternList()
			c.Span = p.span(start)
			return c
		}
		return &IdentPattern{name.Span, name}
	case INT, FLOAT, TRUE, FALSE, NIL, ATOM:
		x := p.parsePrimary()
		return &LiteralPattern{Span{x.Pos(), x.End()}, false, x}
	case STRBEG:
		x := p.parseString()
		if s, ok := x.(*StringLit); ok {
			if _, plain := s.Value(); !plain {
				p.errorAt(s.Start, "string patterns cannot contain interpolation")
			}
		}
		return &LiteralPattern{Span{x.Pos(), x.End()}, false, x}
	case MINUS:
		p.advance()
		if p.cur.kind != INT && p.cur.kind != FLOAT {
			p.errorTok("expected a number after '-' in pattern, found %s", describe(p.cur))
			return &BadPattern{p.span(start)}
		}
		x := p.parseNumber(true)
		return &LiteralPattern{p.span(start), true, x}
	case LPAREN:
		open := p.openBracket()
		var elems []Pattern
		trailingComma := false
		for p.cur.kind != RPAREN && p.cur.kind != EOF {
			before := p.cur.pos.Offset
			elems = append(elems, p.parsePattern())
			trailingComma = false
			if !p.got(COMMA) || p.cur.pos.Offset == before {
				break
			}
			trailingComma = true
		}
		p.closeBracket(RPAREN, open)
		if len(elems) == 1 && !trailingComma {
			return elems[0] // parenthesised pattern
		}
		if len(elems) == 1 {
			return elems[0] // (p,) is p, as for expressions
		}
		return &TuplePattern{p.span(start), elems}
	}
	p.errorTok("expected a pattern, found %s", describe(p.cur))
	switch p.cur.kind {
	case LBRACE:
		p.hint(p.cur.pos.Line, "tuple patterns are written with parentheses, (a, b)")
	case LBRACK:
		p.hint(p.cur.pos.Line, "lists are matched with head :: tail (and _ for the empty rest)")
	}
	if !p.isSep() && p.cur.kind != END && p.cur.kind != ARROW && !p.closer() && p.cur.kind != EOF {
		p.advance()
	}
	return &BadPattern{p.span(start)}
}

func (p *parser) parsePatternList() []Pattern {
	open := p.openBracket()
	var out []Pattern
	for p.cur.kind != RPAREN && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		out = append(out, p.parsePattern())
		if !p.got(COMMA) || p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RPAREN, open)
	return out
}

// ---------------------------------------------------------------------
// Expressions

// Binary operator precedence (§4.9); 0 = not a binary operator.
func precedence(k Token) int {
	switch k {
	case PIPE, SLOTPIPE:
		return 1
	case OR, OROR:
		return 2
	case AND, ANDAND:
		return 3
	case EQ, NE:
		return 4
	case LT, GT, LE, GE:
		return 5
	case DOTDOT:
		return 6
	case CONCAT, PLUSPLUS:
		return 7
	case PLUS, MINUS:
		return 8
	case STAR, SLASH, PERCENT:
		return 9
	}
	return 0
}

func (p *parser) parseExpr() Expr { return p.parseBinary(1) }

// continuesOnNextLine reports whether cur is a NEWLINE followed by a
// leading `|>`, `|N>` or `.` that continues the expression (§3 rule 4).
func (p *parser) continuesOnNextLine() bool {
	if p.cur.kind != NEWLINE {
		return false
	}
	switch p.peekN(1, true).kind {
	case PIPE, SLOTPIPE:
		return true
	case DOT:
		return true
	}
	return false
}

func (p *parser) parseBinary(minPrec int) Expr {
	if !p.enter() {
		p.leave()
		return &BadExpr{Span{p.cur.pos, p.cur.pos}}
	}
	defer p.leave()
	x := p.parseUnary()
	for {
		if p.cur.kind == NEWLINE {
			// A next line that starts with a binary operator (other than
			// `-`, which can start an expression) continues this one.
			if k := p.peekN(1, true).kind; k != MINUS && precedence(k) >= minPrec {
				p.skipNewlines()
			}
		}
		op := p.cur
		prec := precedence(op.kind)
		if prec == 0 || prec < minPrec {
			return x
		}
		p.advance()
		p.skipNewlines() // a trailing operator continues on the next line
		y := p.parseBinary(prec + 1)
		sp := Span{x.Pos(), y.End()}
		switch op.kind {
		case PIPE:
			x = &PipeExpr{sp, op.pos, 0, x, y}
		case SLOTPIPE:
			n, _ := strconv.Atoi(op.lit)
			x = &PipeExpr{sp, op.pos, n, x, y}
		default:
			x = &BinaryExpr{sp, op.kind, op.pos, x, y}
		}
	}
}

func (p *parser) parseUnary() Expr {
	switch p.cur.kind {
	case MINUS, BANG, NOT:
		if !p.enter() {
			p.leave()
			return &BadExpr{Span{p.cur.pos, p.cur.pos}}
		}
		defer p.leave()
		op := p.cur
		p.advance()
		if op.kind == MINUS && (p.cur.kind == INT) && p.cur.lit == "9223372036854775808" {
			// The one literal whose magnitude only fits negated.
			x := &IntLit{Span{op.pos, p.cur.end}, "-" + p.cur.lit, math.MinInt64}
			p.advance()
			return p.parsePostfix(x)
		}
		x := p.parseUnary()
		return &UnaryExpr{Span{op.pos, x.End()}, op.kind, op.pos, x}
	}
	return p.parsePostfix(p.parsePrimary())
}

// isTypeName reports whether x names a type (for `Name { … }` literals).
func isTypeName(x Expr) bool {
	switch x := x.(type) {
	case *Ident:
		return isUpper(x.Name)
	case *SelectorExpr:
		return isUpper(x.Sel.Name) && isTypeName(x.X)
	}
	return false
}

func (p *parser) parsePostfix(x Expr) Expr {
	for {
		if p.cur.kind == NEWLINE && p.continuesOnNextLine() && p.peekN(1, true).kind == DOT {
			p.skipNewlines()
		}
		switch p.cur.kind {
		case LPAREN:
			x = p.parseCall(x)
		case DOT:
			p.advance()
			if p.cur.kind == IDENT || p.cur.kind.IsKeyword() {
				sel := &Ident{Span{p.cur.pos, p.cur.end}, p.cur.kind.String()}
				if p.cur.kind == IDENT {
					sel.Name = p.cur.lit
				}
				p.advance()
				x = &SelectorExpr{Span{x.Pos(), sel.End()}, x, sel}
			} else {
				p.errorTok("expected a field or method name after '.', found %s", describe(p.cur))
				return x
			}
		case LBRACK:
			open := p.openBracket()
			idx := p.parseExpr()
			p.closeBracket(RBRACK, open)
			x = &IndexExpr{Span{x.Pos(), p.prev}, x, idx}
		case QUESTION:
			p.advance()
			x = &TryExpr{Span{x.Pos(), p.prev}, x}
		case LBRACE:
			if !isTypeName(x) {
				return x
			}
			fields := p.parseFieldInits(LBRACE, RBRACE, false)
			x = &StructLit{Span{x.Pos(), p.prev}, x, fields}
		default:
			return x
		}
	}
}

// parseFieldInits parses `{ name: value, … }` (commas optional between
// fields, as upstream); anyKey allows keywords as names (json keys).
func (p *parser) parseFieldInits(openTok, closeTok Token, anyKey bool) []*FieldInit {
	open := p.openBracket()
	var out []*FieldInit
	for p.cur.kind != closeTok && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		out = append(out, p.parseFieldInit(anyKey))
		p.got(COMMA)
		if p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(closeTok, open)
	return out
}

func (p *parser) parseFieldInit(anyKey bool) *FieldInit {
	start := p.cur.pos
	f := &FieldInit{}
	switch {
	case p.cur.kind == IDENT:
		f.Name = p.ident()
	case anyKey && p.cur.kind.IsKeyword():
		f.Name = &Ident{Span{p.cur.pos, p.cur.end}, p.cur.kind.String()}
		p.advance()
	default:
		p.errorTok("expected a field name, found %s", describe(p.cur))
		f.Name = &Ident{Span{p.cur.pos, p.cur.pos}, "_"}
		f.Value = &BadExpr{Span{p.cur.pos, p.cur.pos}}
		p.skipFieldJunk()
		f.Span = p.span(start)
		return f
	}
	if p.cur.kind == ATOM {
		// `name:value` lexes as name + atom; say so.
		p.errorTok("missing space after ':' (write `%s: %s`)", f.Name.Name, p.cur.lit)
		f.Value = &Ident{Span{p.cur.pos, p.cur.end}, p.cur.lit}
		p.advance()
		f.Span = p.span(start)
		return f
	}
	if !p.expect(COLON, "after field name") {
		f.Value = &BadExpr{Span{p.cur.pos, p.cur.pos}}
		p.skipFieldJunk()
	} else {
		f.Value = p.parseExpr()
	}
	f.Span = p.span(start)
	return f
}

// skipFieldJunk skips to the next `,` or closing bracket.
func (p *parser) skipFieldJunk() {
	p.skipTo(COMMA)
}

// parseCall parses `(args)` after fun, plus an optional trailing closure.
func (p *parser) parseCall(fun Expr) Expr {
	c := &CallExpr{Fun: fun}
	open := p.openBracket()
	for p.cur.kind != RPAREN && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		if p.cur.kind == IDENT && p.peek().kind == COLON {
			c.KwArgs = append(c.KwArgs, p.parseFieldInit(false))
		} else {
			if len(c.KwArgs) > 0 {
				p.errorTok("positional argument after keyword arguments")
			}
			c.Args = append(c.Args, p.parseExpr())
		}
		if !p.got(COMMA) {
			break
		}
		if p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RPAREN, open)
	if p.cur.kind == DO && p.noTrailing == 0 {
		c.Trailing = p.parseTrailingClosure()
	}
	c.Span = Span{fun.Pos(), p.prev}
	return c
}

// parseTrailingClosure parses `do [|params|] block end` after a call.
func (p *parser) parseTrailingClosure() *FnExpr {
	start := p.cur.pos
	p.advance() // do
	p.push(false)
	cl := &FnClause{}
	cl.Start = start
	if p.cur.kind == BAR {
		p.advance()
		for p.cur.kind != BAR && p.cur.kind != EOF && !p.isSep() {
			before := p.cur.pos.Offset
			cl.Params = append(cl.Params, p.parseParam(false))
			if !p.got(COMMA) || p.cur.pos.Offset == before {
				break
			}
		}
		p.expect(BAR, "to close the closure parameters")
	}
	cl.Body = p.parseBlockBody(false)
	p.pop()
	if p.expectEnd(start, "do") {
		cl.Body.Span = Span{start, p.prev}
	}
	cl.Span = p.span(cl.Start)
	return &FnExpr{p.span(start), []*FnClause{cl}}
}

func (p *parser) parseArgs() []Expr {
	if p.cur.kind != LPAREN {
		p.errorTok("expected '(', found %s", describe(p.cur))
		return nil
	}
	open := p.openBracket()
	var out []Expr
	for p.cur.kind != RPAREN && p.cur.kind != EOF {
		before := p.cur.pos.Offset
		out = append(out, p.parseExpr())
		if !p.got(COMMA) || p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RPAREN, open)
	return out
}

func (p *parser) parseIntLit() *IntLit {
	x := p.parseNumber(false)
	if il, ok := x.(*IntLit); ok {
		return il
	}
	return &IntLit{Span: Span{x.Pos(), x.End()}}
}

// parseNumber converts the current INT or FLOAT token. neg is set when
// a `-` was consumed (patterns), so -9223372036854775808 fits.
func (p *parser) parseNumber(neg bool) Expr {
	t := p.cur
	p.advance()
	clean := strings.ReplaceAll(t.lit, "_", "")
	if t.kind == FLOAT {
		v, err := strconv.ParseFloat(clean, 64)
		if err != nil && !strings.Contains(err.Error(), "range") {
			p.errorRange(t.pos, t.end, fmt.Sprintf("invalid float literal '%s'", t.lit))
		} else if err != nil {
			p.errorRange(t.pos, t.end, fmt.Sprintf("float literal '%s' is out of range", t.lit))
		}
		return &FloatLit{Span{t.pos, t.end}, t.lit, v}
	}
	base := 10
	digits := clean
	if len(clean) > 1 && clean[0] == '0' {
		switch clean[1] {
		case 'x', 'X':
			base, digits = 16, clean[2:]
		case 'b', 'B':
			base, digits = 2, clean[2:]
		case 'o', 'O':
			base, digits = 8, clean[2:]
		}
	}
	u, err := strconv.ParseUint(digits, base, 64)
	lim := uint64(math.MaxInt64)
	if neg {
		lim++
	}
	if digits == "" {
		return &IntLit{Span{t.pos, t.end}, t.lit, 0} // already reported by the scanner
	}
	if err != nil || u > lim {
		if err != nil && !strings.Contains(err.Error(), "range") {
			p.errorRange(t.pos, t.end, fmt.Sprintf("invalid integer literal '%s'", t.lit))
		} else {
			p.errorRange(t.pos, t.end, fmt.Sprintf("integer literal '%s' does not fit in a 64-bit Int", t.lit))
		}
		return &IntLit{Span{t.pos, t.end}, t.lit, 0}
	}
	v := int64(u)
	if neg && u == lim {
		v = math.MinInt64
		return &IntLit{Span{t.pos, t.end}, t.lit, v} // magnitude 2^63: Value holds the negated value
	}
	return &IntLit{Span{t.pos, t.end}, t.lit, v}
}

func (p *parser) parsePrimary() Expr {
	if !p.enter() {
		p.leave()
		return &BadExpr{Span{p.cur.pos, p.cur.pos}}
	}
	defer p.leave()
	start := p.cur.pos
	t := p.cur
	switch t.kind {
	case INT, FLOAT:
		return p.parseNumber(false)
	case TRUE, FALSE:
		p.advance()
		return &BoolLit{Span{t.pos, t.end}, t.kind == TRUE}
	case NIL:
		p.advance()
		return &NilLit{Span{t.pos, t.end}}
	case ATOM:
		p.advance()
		return &AtomLit{Span{t.pos, t.end}, t.lit}
	case REGEX:
		p.advance()
		return &RegexLit{Span{t.pos, t.end}, t.lit, t.flags}
	case STRBEG:
		return p.parseString()
	case IDENT:
		return p.ident()
	case SELF:
		p.advance()
		if p.cur.kind == LPAREN && p.cur.pos.Offset == t.end.Offset {
			open := p.openBracket()
			p.closeBracket(RPAREN, open)
			return &SelfCall{p.span(start)}
		}
		return &SelfExpr{Span{t.pos, t.end}}
	case LPAREN:
		return p.parseParenOrTuple()
	case LBRACK:
		open := p.openBracket()
		l := &ListLit{}
		for p.cur.kind != RBRACK && p.cur.kind != EOF {
			before := p.cur.pos.Offset
			l.Elems = append(l.Elems, p.parseExpr())
			if !p.got(COMMA) || p.cur.pos.Offset == before {
				break
			}
		}
		p.closeBracket(RBRACK, open)
		l.Span = p.span(start)
		return l
	case MAPBRACE:
		return p.parseMapOrUpdate()
	case JSON:
		p.advance()
		if p.cur.kind != LBRACE {
			p.errorTok("expected '{' after 'json', found %s", describe(p.cur))
			return &BadExpr{p.span(start)}
		}
		fields := p.parseFieldInits(LBRACE, RBRACE, true)
		return &JSONLit{p.span(start), fields}
	case IF:
		return p.parseIf()
	case CASE, MATCH:
		return p.parseCase()
	case WHILE:
		p.advance()
		w := &WhileExpr{}
		p.noTrailing++
		w.Cond = p.parseExpr()
		p.noTrailing--
		w.Body = p.parseDoBlockFor("while", start)
		w.Span = p.span(start)
		return w
	case FOR:
		return p.parseFor()
	case RECEIVE:
		return p.parseReceive()
	case FN, DEF:
		return p.parseClosure()
	case BREAK:
		p.advance()
		return &BreakExpr{Span{t.pos, t.end}}
	case CONTINUE:
		p.advance()
		return &ContinueExpr{Span{t.pos, t.end}}
	case SPAWN:
		p.advance()
		args := p.parseArgs()
		return &SpawnExpr{p.span(start), args}
	case SEND:
		p.advance()
		args := p.parseArgs()
		return &SendExpr{p.span(start), args}
	case LINK:
		p.advance()
		args := p.parseArgs()
		return &LinkExpr{p.span(start), args}
	case LET, RETURN:
		p.errorTok("'%s' is a statement and cannot be used as an expression here (use a 'do … end' body)", t.kind)
		p.syncExprJunk()
		return &BadExpr{p.span(start)}
	case EOF:
		p.errorTok("expected expression, found end of file")
		return &BadExpr{Span{t.pos, t.pos}}
	}
	p.errorTok("expected expression, found %s", describe(t))
	switch t.kind {
	case LBRACE:
		p.hint(t.pos.Line, "tuples are written with parentheses, (a, b); maps with %{key => value}")
	case ASSIGN:
		p.hint(t.pos.Line, "bind a name with `let name = value`")
	}
	if !p.isSep() && t.kind != END && t.kind != ELSE && !p.closer() && t.kind != EOF {
		p.advance()
	}
	return &BadExpr{Span{t.pos, t.end}}
}

// syncToEnd skips the rest of a construct whose header was broken: up to
// and including its `end` when that comes before the end of the line
// (nested blocks and brackets are skipped whole).
func (p *parser) syncToEnd() {
	depth := 0
	for {
		switch p.cur.kind {
		case EOF:
			return
		case NEWLINE, SEMI:
			if depth == 0 {
				return
			}
		case DO, LPAREN, LBRACK, LBRACE, MAPBRACE, INTBEG:
			depth++
		case RPAREN, RBRACK, RBRACE, INTEND:
			if depth == 0 {
				return
			}
			depth--
		case END:
			if depth == 0 {
				p.advance()
				return
			}
			depth--
		}
		p.advance()
	}
}

// syncExprJunk skips a misplaced statement up to the end of the line.
func (p *parser) syncExprJunk() {
	p.syncStmt()
}

// parseDoBlockFor parses the `do … end` body of a construct started at start.
func (p *parser) parseDoBlockFor(what string, start Position) *Block {
	if p.cur.kind != DO {
		p.errorExpected("expected 'do' after %s condition, found %s", what, describe(p.cur))
		return &Block{Span: Span{p.cur.pos, p.cur.pos}}
	}
	return p.parseDoBlock()
}

func (p *parser) parseParenOrTuple() Expr {
	start := p.cur.pos
	open := p.openBracket()
	if p.cur.kind == RPAREN {
		p.closeBracket(RPAREN, open)
		return &TupleExpr{Span: p.span(start)}
	}
	first := p.parseExpr()
	if p.cur.kind != COMMA {
		p.closeBracket(RPAREN, open)
		return &ParenExpr{p.span(start), first}
	}
	elems := []Expr{first}
	for p.got(COMMA) {
		if p.cur.kind == RPAREN {
			break
		}
		before := p.cur.pos.Offset
		elems = append(elems, p.parseExpr())
		if p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RPAREN, open)
	if len(elems) == 1 {
		return &ParenExpr{p.span(start), first} // (a,) is a
	}
	return &TupleExpr{p.span(start), elems}
}

func (p *parser) parseMapOrUpdate() Expr {
	start := p.cur.pos
	open := p.openBracket()
	if p.cur.kind == RBRACE {
		p.closeBracket(RBRACE, open)
		return &MapLit{Span: p.span(start)}
	}
	first := p.parseExpr()
	if p.cur.kind == BAR {
		p.advance()
		u := &StructUpdate{Base: first}
		for p.cur.kind != RBRACE && p.cur.kind != EOF {
			before := p.cur.pos.Offset
			u.Fields = append(u.Fields, p.parseFieldInit(false))
			p.got(COMMA)
			if p.cur.pos.Offset == before {
				break
			}
		}
		p.closeBracket(RBRACE, open)
		u.Span = p.span(start)
		return u
	}
	m := &MapLit{}
	key := first
	for {
		es := key.Pos()
		e := &MapEntry{Key: key}
		if p.expect(FATARROW, "in map literal") {
			e.Value = p.parseExpr()
		} else {
			e.Value = &BadExpr{Span{p.cur.pos, p.cur.pos}}
			p.skipTo(COMMA)
		}
		e.Span = p.span(es)
		m.Entries = append(m.Entries, e)
		if !p.got(COMMA) || p.cur.kind == RBRACE || p.cur.kind == EOF {
			break
		}
		before := p.cur.pos.Offset
		key = p.parseExpr()
		if p.cur.pos.Offset == before {
			break
		}
	}
	p.closeBracket(RBRACE, open)
	m.Span = p.span(start)
	return m
}

// parseString parses STRBEG {STRTXT | INTBEG expr INTEND} STREND and
// dedents heredocs.
func (p *parser) parseString() Expr {
	start := p.cur.pos
	heredoc := p.cur.lit == `"""`
	p.push(true) // nothing inside a literal is a statement separator
	p.advance()  // opening quote
	s := &StringLit{Heredoc: heredoc}
	for {
		switch p.cur.kind {
		case STRTXT:
			s.Parts = append(s.Parts, StringPart{Text: p.cur.lit})
			p.advance()
			continue
		case INTBEG:
			open := p.openBracket()
			if p.cur.kind == INTEND {
				p.errorAt(open, "empty interpolation '#{}'")
				p.closeBracketQuiet(INTEND, open)
				continue
			}
			x := p.parseExpr()
			s.Parts = append(s.Parts, StringPart{X: x})
			p.closeBracket(INTEND, open)
			continue
		case STREND:
			p.pop()
			p.advance()
		default:
			// Only reachable after errors inside an interpolation.
			p.pop()
			if p.cur.kind != EOF {
				p.errorTok("unexpected %s in string", describe(p.cur))
			}
		}
		break
	}
	if heredoc {
		s.Parts = dedent(s.Parts)
	}
	s.Span = p.span(start)
	return s
}

func (p *parser) parseIf() Expr {
	start := p.cur.pos
	p.advance() // if
	x := &IfExpr{}
	p.noTrailing++
	x.Cond = p.parseExpr()
	p.noTrailing--
	doPos := p.cur.pos
	if p.cur.kind != DO {
		p.errorExpected("expected 'do' after if condition, found %s", describe(p.cur))
		x.Then = &Block{Span: Span{p.cur.pos, p.cur.pos}}
		x.Span = p.span(start)
		return x
	}
	p.advance()
	x.Then = p.finishBlock(doPos, "do", true)
	if p.cur.kind == ELSE {
		elsePos := p.cur.pos
		x.ElsePos = elsePos
		p.advance()
		if p.cur.kind == IF && p.cur.pos.Line == elsePos.Line {
			if !p.enter() {
				p.leave()
			} else {
				x.Else = p.parseIf()
				p.leave()
			}
		} else {
			b := p.finishBlock(doPos, "do", false)
			if b.Start.Offset < elsePos.Offset {
				b.Start = elsePos
			}
			x.Else = b
		}
	}
	x.Span = p.span(start)
	return x
}

func (p *parser) parseCase() Expr {
	start := p.cur.pos
	x := &CaseExpr{Match: p.cur.kind == MATCH}
	p.advance()
	p.noTrailing++
	x.Subject = p.parseExpr()
	p.noTrailing--
	doPos := p.cur.pos
	if !p.expect(DO, "after case subject") {
		x.Span = p.span(start)
		return x
	}
	p.push(false)
	p.bodyLoop(func() { x.Arms = append(x.Arms, p.parseArm()) })
	p.pop()
	p.expectEnd(doPos, "do")
	x.Span = p.span(start)
	return x
}

// parseArm parses `pattern [when guard] -> (expr | do block end)`.
func (p *parser) parseArm() *Arm {
	start := p.cur.pos
	a := &Arm{Pattern: p.parsePattern()}
	if p.cur.kind == WHEN {
		p.advance()
		a.Guard = p.parseExpr()
	}
	if !p.expect(ARROW, "after pattern") {
		if p.cur.kind == FATARROW {
			p.hint(p.cur.pos.Line, "case and receive arms use '->'")
		}
		p.syncStmt()
		a.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
		a.Span = p.span(start)
		return a
	}
	a.Body = p.parseArmBody()
	a.Span = p.span(start)
	return a
}

// exprBlock is the body of an `= expr` function or an arm: a block of one
// expression statement spanning x.
func exprBlock(x Expr) *Block {
	sp := Span{x.Pos(), x.End()}
	return &Block{sp, []Stmt{&ExprStmt{sp, x}}}
}

// parseArmBody parses what follows `->`: a `do … end` block or one
// expression (a newline after `->` is accepted, §15).
func (p *parser) parseArmBody() *Block {
	p.skipNewlines()
	if p.cur.kind == DO {
		return p.parseDoBlock()
	}
	x := p.parseExpr()
	return exprBlock(x)
}

func (p *parser) parseReceive() Expr {
	start := p.cur.pos
	p.advance() // receive
	x := &ReceiveExpr{}
	doPos := p.cur.pos
	if !p.expect(DO, "after 'receive'") {
		x.Span = p.span(start)
		return x
	}
	p.push(false)
	p.bodyLoop(func() {
		if p.cur.kind == AFTER {
			apos := p.cur.pos
			p.advance()
			after := p.parseExpr()
			var body *Block
			if p.expect(ARROW, "after the 'after' timeout") {
				body = p.parseArmBody()
			} else {
				body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
				p.syncStmt()
			}
			if x.After != nil {
				p.errorAt(apos, "only one 'after' clause is allowed in 'receive'")
				return
			}
			x.After, x.AfterBody = after, body
			return
		}
		if x.After != nil {
			p.errorTok("the 'after' clause must be the last clause of 'receive'")
		}
		x.Arms = append(x.Arms, p.parseArm())
	})
	p.pop()
	p.expectEnd(doPos, "do")
	x.Span = p.span(start)
	return x
}

func (p *parser) parseFor() Expr {
	start := p.cur.pos
	p.advance() // for
	x := &ForExpr{}
	if p.cur.kind == LBRACE {
		x.Braced = true
		open := p.openBracket()
		x.Vars = append(x.Vars, p.expectIdent("a key name"))
		p.expect(COMMA, "between key and value names")
		x.Vars = append(x.Vars, p.expectIdent("a value name"))
		p.closeBracket(RBRACE, open)
	} else {
		x.Vars = append(x.Vars, p.expectIdent("a loop variable"))
	}
	if !p.expect(IN, "after the loop variable") {
		p.syncStmt()
		x.Iter = &BadExpr{Span{p.cur.pos, p.cur.pos}}
		x.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
		x.Span = p.span(start)
		return x
	}
	p.noTrailing++
	x.Iter = p.parseExpr()
	if p.cur.kind == WHEN {
		p.advance()
		x.Filter = p.parseExpr()
	}
	p.noTrailing--
	x.Body = p.parseDoBlockFor("for", start)
	x.Span = p.span(start)
	return x
}

// parseClosure parses the closure forms of §4.9.
func (p *parser) parseClosure() Expr {
	start := p.cur.pos
	p.advance() // fn
	fe := &FnExpr{}
	switch p.cur.kind {
	case ARROW: // fn -> block end
		arrow := p.cur.pos
		p.advance()
		cl := &FnClause{}
		cl.Start = arrow
		cl.Body = p.finishBlock(start, "fn", false)
		cl.Span = p.span(cl.Start)
		fe.Clauses = []*FnClause{cl}
		fe.Span = p.span(start)
		return fe
	case DO: // fn do block end
		cl := &FnClause{}
		cl.Start = p.cur.pos
		cl.Body = p.parseDoBlock()
		cl.Span = p.span(cl.Start)
		fe.Clauses = []*FnClause{cl}
		fe.Span = p.span(start)
		return fe
	}
	for {
		cl, isDo := p.parseClosureClause()
		fe.Clauses = append(fe.Clauses, cl)
		if isDo && len(fe.Clauses) == 1 {
			// `fn (a, b) do … end`: the clause's end closes the closure.
			if p.cur.kind != BAR {
				fe.Span = p.span(start)
				return fe
			}
		}
		p.skipNewlines()
		if p.cur.kind != BAR {
			break
		}
		p.advance()
		p.skipNewlines()
	}
	p.skipNewlines()
	p.expectEnd(start, "fn")
	fe.Span = p.span(start)
	return fe
}

// parseClosureClause parses `params [when g] (-> expr | do block end)`;
// isDo reports the do form.
func (p *parser) parseClosureClause() (*FnClause, bool) {
	cl := &FnClause{}
	cl.Start = p.cur.pos
	if p.cur.kind == LPAREN {
		cl.Parens = true
		cl.Params = p.parseParamList(false)
	} else {
		for {
			before := p.cur.pos.Offset
			cl.Params = append(cl.Params, p.parseParam(false))
			if !p.got(COMMA) || p.cur.pos.Offset == before {
				break
			}
		}
	}
	if p.cur.kind == WHEN {
		p.advance()
		p.noTrailing++
		cl.Guard = p.parseExpr()
		p.noTrailing--
	}
	isDo := false
	switch p.cur.kind {
	case ARROW:
		p.advance()
		p.skipNewlines()
		x := p.parseExpr()
		cl.Body = exprBlock(x)
		cl.Short = true
	case DO:
		isDo = true
		cl.Body = p.parseDoBlock()
	default:
		p.errorExpected("expected '->' or 'do' after closure parameters, found %s", describe(p.cur))
		cl.Body = &Block{Span: Span{p.cur.pos, p.cur.pos}}
		p.syncToEnd()
	}
	cl.Span = p.span(cl.Start)
	return cl, isDo
}
