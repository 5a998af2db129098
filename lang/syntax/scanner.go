package syntax

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
)

// token is one lexical token with its source range.
type token struct {
	kind  Token
	pos   Position
	end   Position
	lit   string // identifier/number spelling, decoded string text, atom name, regex pattern, slot N
	flags string // regex flags
}

// scanMode is an entry of the scanner's mode stack: either inside a
// string literal or inside a `#{ … }` interpolation.
type scanMode struct {
	str     bool     // true: string text; false: interpolation code
	heredoc bool     // string delimited by """
	start   Position // where the string or interpolation began
	braces  int      // open `{` inside an interpolation
}

// scanner turns source bytes into tokens. Line breaks are returned as
// NEWLINE tokens (runs of blank lines and comments collapse into one); the
// parser decides which are significant (§3). Strings are returned as
// STRBEG {STRTXT | INTBEG tokens… INTEND} STREND, driven by a mode stack so
// interpolations nest to any depth.
type scanner struct {
	file string
	src  []byte
	off  int

	line      int // current line (1-based)
	lineStart int // offset of the current line's first byte
	cacheOff  int // offset whose column is cacheCol (on the current line)
	cacheCol  int

	modes    []scanMode
	comments []*Comment
	errh     func(pos, end Position, msg string)
}

func newScanner(file string, src []byte, errh func(pos, end Position, msg string)) *scanner {
	s := &scanner{file: file, src: src, line: 1, cacheCol: 1, errh: errh}
	// A UTF-8 byte order mark is not part of the program.
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		s.off = 3
		s.lineStart = 3
		s.cacheOff = 3
	}
	return s
}

// posAt returns the Position of byte offset off, which must lie on the
// current line at or after the last queried offset (tokens are scanned in
// order, which keeps column computation linear).
func (s *scanner) posAt(off int) Position {
	if off < s.cacheOff || s.cacheOff < s.lineStart {
		s.cacheOff, s.cacheCol = s.lineStart, 1
	}
	if off < s.lineStart {
		off = s.lineStart
	}
	s.cacheCol += utf8.RuneCount(s.src[s.cacheOff:off])
	s.cacheOff = off
	return Position{File: s.file, Offset: off, Line: s.line, Col: s.cacheCol}
}

func (s *scanner) pos() Position { return s.posAt(s.off) }

// newlineAt records a line break whose last byte is at off-1.
func (s *scanner) newlineAt(off int) {
	s.line++
	s.lineStart = off
	s.cacheOff = off
	s.cacheCol = 1
}

func (s *scanner) errorf(pos, end Position, format string, args ...any) {
	if s.errh != nil {
		s.errh(pos, end, fmt.Sprintf(format, args...))
	}
}

func (s *scanner) peekByte(k int) byte {
	if s.off+k < len(s.src) {
		return s.src[s.off+k]
	}
	return 0
}

// skipLineBreak consumes a line break (\n, \r\n or \r) at s.off.
func (s *scanner) skipLineBreak() {
	if s.src[s.off] == '\r' && s.off+1 < len(s.src) && s.src[s.off+1] == '\n' {
		s.off++
	}
	s.off++
	s.newlineAt(s.off)
}

func isLetter(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' || r >= utf8.RuneSelf && unicode.IsLetter(r)
}

func isDigit(c byte) bool { return '0' <= c && c <= '9' }

func (s *scanner) runeAt(off int) (rune, int) {
	if off >= len(s.src) {
		return -1, 0
	}
	if c := s.src[off]; c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(s.src[off:])
}

// next returns the next token.
func (s *scanner) next() token {
	if n := len(s.modes); n > 0 && s.modes[n-1].str {
		return s.scanStringPart()
	}
	sawNewline := false
	var nlPos Position
	for {
		if s.off >= len(s.src) {
			if sawNewline {
				return token{kind: NEWLINE, pos: nlPos, end: nlPos}
			}
			p := s.pos()
			if n := len(s.modes); n > 0 {
				m := s.modes[n-1]
				s.errorf(m.start, p, "unterminated string interpolation (missing '}')")
				s.modes = s.modes[:0]
			}
			return token{kind: EOF, pos: p, end: p}
		}
		c := s.src[s.off]
		switch {
		case c == ' ' || c == '\t' || c == '\f' || c == '\v':
			s.off++
			continue
		case c == '\n' || c == '\r':
			if !sawNewline {
				sawNewline = true
				nlPos = s.pos()
			}
			s.skipLineBreak()
			continue
		case c == '#':
			s.scanComment()
			continue
		}
		if sawNewline {
			return token{kind: NEWLINE, pos: nlPos, end: nlPos}
		}
		return s.scanToken()
	}
}

// scanComment consumes a line comment or a nestable block comment.
func (s *scanner) scanComment() {
	start := s.off
	startPos := s.pos()
	if s.peekByte(1) == '=' {
		depth := 0
		for s.off < len(s.src) {
			c := s.src[s.off]
			switch {
			case c == '#' && s.peekByte(1) == '=':
				depth++
				s.off += 2
			case c == '=' && s.peekByte(1) == '#':
				depth--
				s.off += 2
				if depth == 0 {
					s.comments = append(s.comments, &Comment{Span{startPos, s.pos()}, string(s.src[start:s.off])})
					return
				}
			case c == '\n' || c == '\r':
				s.skipLineBreak()
			default:
				s.off++
			}
		}
		end := s.pos()
		s.errorf(startPos, end, "unterminated block comment (missing '=#')")
		s.comments = append(s.comments, &Comment{Span{startPos, end}, string(s.src[start:s.off])})
		return
	}
	for s.off < len(s.src) && s.src[s.off] != '\n' && s.src[s.off] != '\r' {
		s.off++
	}
	s.comments = append(s.comments, &Comment{Span{startPos, s.pos()}, string(s.src[start:s.off])})
}

func (s *scanner) tok(kind Token, start Position, n int) token {
	s.off += n
	return token{kind: kind, pos: start, end: s.pos()}
}

// scanToken scans one token at s.off (not whitespace, newline or comment).
func (s *scanner) scanToken() token {
	start := s.pos()
	c := s.src[s.off]
	if c >= utf8.RuneSelf || isLetter(rune(c)) {
		r, w := s.runeAt(s.off)
		if isLetter(r) {
			return s.scanIdent(start)
		}
		s.off += w
		if r == utf8.RuneError && w == 1 {
			s.errorf(start, s.pos(), "invalid UTF-8 encoding")
		} else {
			s.errorf(start, s.pos(), "invalid character %q", r)
		}
		return token{kind: ILLEGAL, pos: start, end: s.pos()}
	}
	if isDigit(c) {
		return s.scanNumber(start)
	}
	c1 := s.peekByte(1)
	switch c {
	case '"':
		heredoc := c1 == '"' && s.peekByte(2) == '"'
		n := 1
		if heredoc {
			n = 3
		}
		s.modes = append(s.modes, scanMode{str: true, heredoc: heredoc, start: start})
		t := s.tok(STRBEG, start, n)
		t.lit = string(s.src[start.Offset:s.off])
		return t
	case '(':
		return s.tok(LPAREN, start, 1)
	case ')':
		return s.tok(RPAREN, start, 1)
	case '[':
		return s.tok(LBRACK, start, 1)
	case ']':
		return s.tok(RBRACK, start, 1)
	case '{':
		s.openBrace()
		return s.tok(LBRACE, start, 1)
	case '}':
		if n := len(s.modes); n > 0 && !s.modes[n-1].str {
			if s.modes[n-1].braces == 0 {
				s.modes = s.modes[:n-1]
				return s.tok(INTEND, start, 1)
			}
			s.modes[n-1].braces--
		}
		return s.tok(RBRACE, start, 1)
	case ',':
		return s.tok(COMMA, start, 1)
	case ';':
		return s.tok(SEMI, start, 1)
	case '@':
		return s.tok(AT, start, 1)
	case '?':
		return s.tok(QUESTION, start, 1)
	case '*':
		return s.tok(STAR, start, 1)
	case '/':
		return s.tok(SLASH, start, 1)
	case '%':
		if c1 == '{' {
			s.openBrace()
			return s.tok(MAPBRACE, start, 2)
		}
		return s.tok(PERCENT, start, 1)
	case '+':
		if c1 == '+' {
			return s.tok(PLUSPLUS, start, 2)
		}
		return s.tok(PLUS, start, 1)
	case '-':
		if c1 == '>' {
			return s.tok(ARROW, start, 2)
		}
		return s.tok(MINUS, start, 1)
	case '=':
		switch c1 {
		case '=':
			return s.tok(EQ, start, 2)
		case '>':
			return s.tok(FATARROW, start, 2)
		}
		return s.tok(ASSIGN, start, 1)
	case '!':
		if c1 == '=' {
			return s.tok(NE, start, 2)
		}
		return s.tok(BANG, start, 1)
	case '<':
		switch c1 {
		case '=':
			return s.tok(LE, start, 2)
		case '>':
			return s.tok(CONCAT, start, 2)
		}
		return s.tok(LT, start, 1)
	case '>':
		if c1 == '=' {
			return s.tok(GE, start, 2)
		}
		return s.tok(GT, start, 1)
	case '&':
		if c1 == '&' {
			return s.tok(ANDAND, start, 2)
		}
		s.off++
		s.errorf(start, s.pos(), "unexpected '&' (use '&&' or 'and')")
		return token{kind: ILLEGAL, pos: start, end: s.pos()}
	case '|':
		switch {
		case c1 == '|':
			return s.tok(OROR, start, 2)
		case c1 == '>':
			return s.tok(PIPE, start, 2)
		case isDigit(c1):
			return s.scanSlotPipe(start)
		}
		return s.tok(BAR, start, 1)
	case '.':
		if c1 == '.' {
			return s.tok(DOTDOT, start, 2)
		}
		return s.tok(DOT, start, 1)
	case ':':
		if c1 == ':' {
			return s.tok(COLON2, start, 2)
		}
		if r, _ := s.runeAt(s.off + 1); r == '_' || unicode.IsLower(r) {
			s.off++
			id := s.scanIdent(s.pos())
			return token{kind: ATOM, pos: start, end: id.end, lit: id.lit}
		}
		return s.tok(COLON, start, 1)
	case '~':
		return s.scanRegex(start)
	}
	s.off++
	s.errorf(start, s.pos(), "invalid character %q", rune(c))
	return token{kind: ILLEGAL, pos: start, end: s.pos()}
}

func (s *scanner) openBrace() {
	if n := len(s.modes); n > 0 && !s.modes[n-1].str {
		s.modes[n-1].braces++
	}
}

func (s *scanner) scanIdent(start Position) token {
	begin := s.off
	for s.off < len(s.src) {
		c := s.src[s.off]
		if c < utf8.RuneSelf {
			if isLetter(rune(c)) || isDigit(c) {
				s.off++
				continue
			}
			break
		}
		r, w := s.runeAt(s.off)
		if !isLetter(r) && !unicode.IsDigit(r) {
			break
		}
		s.off += w
	}
	lit := string(s.src[begin:s.off])
	return token{kind: Lookup(lit), pos: start, end: s.pos(), lit: lit}
}

// scanNumber scans decimal, hex (0x), binary (0b), octal (0o) integers
// with `_` separators, and floats (`1.5`, `2e10`, `6.02E+23`).
func (s *scanner) scanNumber(start Position) token {
	begin := s.off
	kind := INT
	if s.src[s.off] == '0' {
		base := 0
		switch s.peekByte(1) {
		case 'x', 'X':
			base = 16
		case 'b', 'B':
			base = 2
		case 'o', 'O':
			base = 8
		}
		if base != 0 {
			s.off += 2
			digits := 0
			for s.off < len(s.src) {
				c := s.src[s.off]
				if c == '_' || digitVal(c) < base {
					if c != '_' {
						digits++
					}
					s.off++
					continue
				}
				break
			}
			if digits == 0 {
				s.errorf(start, s.pos(), "invalid number literal %q: no digits after the base prefix", string(s.src[begin:s.off]))
			}
			return s.finishNumber(start, begin, INT)
		}
	}
	s.skipDigits()
	if s.peekByte(0) == '.' && isDigit(s.peekByte(1)) {
		kind = FLOAT
		s.off++
		s.skipDigits()
	}
	if c := s.peekByte(0); c == 'e' || c == 'E' {
		k := 1
		if c1 := s.peekByte(1); c1 == '+' || c1 == '-' {
			k = 2
		}
		if isDigit(s.peekByte(k)) {
			kind = FLOAT
			s.off += k
			s.skipDigits()
		}
	}
	return s.finishNumber(start, begin, kind)
}

func (s *scanner) finishNumber(start Position, begin int, kind Token) token {
	// A letter glued to a number (`12abc`, `0x1g`) is a typo, not two tokens.
	if r, _ := s.runeAt(s.off); r >= 0 && (isLetter(r) || unicode.IsDigit(r)) {
		for {
			r, w := s.runeAt(s.off)
			if r < 0 || !(isLetter(r) || unicode.IsDigit(r)) {
				break
			}
			s.off += w
		}
		s.errorf(start, s.pos(), "invalid number literal %q", string(s.src[begin:s.off]))
	}
	return token{kind: kind, pos: start, end: s.pos(), lit: string(s.src[begin:s.off])}
}

func (s *scanner) skipDigits() {
	for s.off < len(s.src) && (isDigit(s.src[s.off]) || s.src[s.off] == '_') {
		s.off++
	}
}

func digitVal(c byte) int {
	switch {
	case '0' <= c && c <= '9':
		return int(c - '0')
	case 'a' <= c && c <= 'f':
		return int(c-'a') + 10
	case 'A' <= c && c <= 'F':
		return int(c-'A') + 10
	}
	return 99
}

// scanSlotPipe scans `|N>` (N ≥ 2) at s.off ('|' followed by a digit).
func (s *scanner) scanSlotPipe(start Position) token {
	s.off++
	begin := s.off
	for s.off < len(s.src) && isDigit(s.src[s.off]) {
		s.off++
	}
	n := string(s.src[begin:s.off])
	if s.peekByte(0) != '>' {
		s.errorf(start, s.pos(), "invalid slot pipe '|%s': expected '>' after the slot number (write '|%s>')", n, n)
		return token{kind: ILLEGAL, pos: start, end: s.pos()}
	}
	s.off++
	if n == "0" || n == "1" || strings.TrimLeft(n, "0") == "" || strings.TrimLeft(n, "0") == "1" {
		s.errorf(start, s.pos(), "invalid slot pipe '|%s>': slot numbers start at 2; use '|>' to pipe into the first argument", n)
		return token{kind: ILLEGAL, pos: start, end: s.pos()}
	}
	return token{kind: SLOTPIPE, pos: start, end: s.pos(), lit: n}
}

// scanRegex scans `~r/pattern/flags`.
func (s *scanner) scanRegex(start Position) token {
	if s.peekByte(1) != 'r' || s.peekByte(2) != '/' {
		s.off++
		s.errorf(start, s.pos(), "unexpected '~' (regex literals are written ~r/pattern/flags)")
		return token{kind: ILLEGAL, pos: start, end: s.pos()}
	}
	s.off += 3
	begin := s.off
	for {
		if s.off >= len(s.src) || s.src[s.off] == '\n' || s.src[s.off] == '\r' {
			s.errorf(start, s.pos(), "unterminated regex literal (missing closing '/')")
			return token{kind: REGEX, pos: start, end: s.pos(), lit: string(s.src[begin:s.off])}
		}
		c := s.src[s.off]
		if c == '\\' && s.off+1 < len(s.src) && s.src[s.off+1] != '\n' && s.src[s.off+1] != '\r' {
			s.off += 2
			continue
		}
		if c == '/' {
			break
		}
		s.off++
	}
	pat := string(s.src[begin:s.off])
	s.off++
	fbegin := s.off
	for s.off < len(s.src) {
		c := s.src[s.off]
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z') {
			break
		}
		if c != 'i' && c != 'm' && c != 's' {
			p := s.pos()
			s.off++
			s.errorf(p, s.pos(), "invalid regex flag '%c' (flags are i, m and s)", c)
			continue
		}
		s.off++
	}
	return token{kind: REGEX, pos: start, end: s.pos(), lit: pat, flags: string(s.src[fbegin:s.off])}
}

// scanStringPart returns the next token inside a string literal: text,
// the start of an interpolation, or the closing quote.
func (s *scanner) scanStringPart() token {
	m := &s.modes[len(s.modes)-1]
	start := s.pos()
	if s.off >= len(s.src) {
		s.errorf(m.start, start, "unterminated string literal")
		s.modes = s.modes[:len(s.modes)-1]
		return token{kind: STREND, pos: start, end: start}
	}
	if s.closesString(m) {
		n := 1
		if m.heredoc {
			n = 3
		}
		s.modes = s.modes[:len(s.modes)-1]
		return s.tok(STREND, start, n)
	}
	if c := s.src[s.off]; (c == '#' || c == '$') && s.peekByte(1) == '{' {
		s.modes = append(s.modes, scanMode{start: start})
		return s.tok(INTBEG, start, 2)
	}
	var b strings.Builder
	for s.off < len(s.src) {
		c := s.src[s.off]
		if s.closesString(m) || (c == '#' || c == '$') && s.peekByte(1) == '{' {
			break
		}
		switch c {
		case '\\':
			if s.off+1 >= len(s.src) {
				s.off++
				continue
			}
			e := s.src[s.off+1]
			switch e {
			case 'n':
				b.WriteByte('\n')
			case 't':
				b.WriteByte('\t')
			case 'r':
				b.WriteByte('\r')
			case '0':
				b.WriteByte(0)
			case '\n', '\r':
				// An escaped raw line break keeps the break itself.
				s.off++
				s.skipLineBreak()
				b.WriteByte('\n')
				continue
			default:
				r, w := s.runeAt(s.off + 1)
				if r == utf8.RuneError && w == 1 {
					b.WriteByte(e)
				} else {
					b.WriteRune(r)
				}
				s.off += 1 + w
				continue
			}
			s.off += 2
		case '\n', '\r':
			s.skipLineBreak()
			b.WriteByte('\n')
		default:
			s.off++
			b.WriteByte(c)
		}
	}
	return token{kind: STRTXT, pos: start, end: s.pos(), lit: b.String()}
}

func (s *scanner) closesString(m *scanMode) bool {
	if s.off >= len(s.src) || s.src[s.off] != '"' {
		return false
	}
	return !m.heredoc || s.peekByte(1) == '"' && s.peekByte(2) == '"'
}
