package syntax

import "strconv"

// Token is the kind of a lexical token.
type Token int

// Token kinds. Keywords are the 49 reserved words of language.md §2.4.
const (
	ILLEGAL Token = iota // a lexical error (already reported)
	EOF
	NEWLINE // a significant line break (§3)

	IDENT  // name or Name
	INT    // 42, 0xFF, 1_000
	FLOAT  // 1.5, 2e10
	ATOM   // :name (Lit holds the name without ':')
	REGEX  // ~r/pat/flags (Lit holds the pattern, Flags the flags)
	STRBEG // opening " or """ (Lit is the quote)
	STRTXT // literal text inside a string, escapes decoded
	INTBEG // #{ or ${ inside a string
	INTEND // } closing an interpolation
	STREND // closing " or """

	LPAREN   // (
	RPAREN   // )
	LBRACK   // [
	RBRACK   // ]
	LBRACE   // {
	RBRACE   // }
	MAPBRACE // %{
	COMMA    // ,
	DOT      // .
	COLON    // :
	SEMI     // ;
	AT       // @
	QUESTION // ?
	BAR      // |
	ARROW    // ->
	FATARROW // =>
	COLON2   // ::
	ASSIGN   // =

	PLUS     // +
	MINUS    // -
	STAR     // *
	SLASH    // /
	PERCENT  // %
	EQ       // ==
	NE       // !=
	LT       // <
	GT       // >
	LE       // <=
	GE       // >=
	ANDAND   // &&
	OROR     // ||
	BANG     // !
	PIPE     // |>
	SLOTPIPE // |N> (Lit holds N)
	CONCAT   // <>
	PLUSPLUS // ++
	DOTDOT   // ..

	keywordBeg
	ACTOR
	AFTER
	ALIAS
	AND
	BREAK
	CALL
	CASE
	CAST
	COND
	CONTINUE
	DEF
	DO
	ELSE
	END
	FALSE
	FN
	FOR
	IF
	IMPL
	IMPORT
	IN
	INTERFACE
	JSON
	LET
	LINK
	MATCH
	MODULE
	MONITOR
	NIL
	NOT
	OR
	PUB
	RECEIVE
	RETURN
	SELF
	SEND
	SERVICE
	SPAWN
	STRUCT
	SUPERVISOR
	TERMINATE
	TRAIT
	TRAP
	TRUE
	TYPE
	WHEN
	WHERE
	WHILE
	WITH
	keywordEnd
)

var tokenNames = [...]string{
	ILLEGAL: "illegal token", EOF: "end of file", NEWLINE: "newline",
	IDENT: "identifier", INT: "integer", FLOAT: "float", ATOM: "atom", REGEX: "regex",
	STRBEG: "string", STRTXT: "string text", INTBEG: "'#{'", INTEND: "'}'", STREND: "end of string",
	LPAREN: "(", RPAREN: ")", LBRACK: "[", RBRACK: "]", LBRACE: "{", RBRACE: "}",
	MAPBRACE: "%{", COMMA: ",", DOT: ".", COLON: ":", SEMI: ";", AT: "@", QUESTION: "?",
	BAR: "|", ARROW: "->", FATARROW: "=>", COLON2: "::", ASSIGN: "=",
	PLUS: "+", MINUS: "-", STAR: "*", SLASH: "/", PERCENT: "%", EQ: "==", NE: "!=",
	LT: "<", GT: ">", LE: "<=", GE: ">=", ANDAND: "&&", OROR: "||", BANG: "!",
	PIPE: "|>", SLOTPIPE: "|N>", CONCAT: "<>", PLUSPLUS: "++", DOTDOT: "..",
	ACTOR: "actor", AFTER: "after", ALIAS: "alias", AND: "and", BREAK: "break",
	CALL: "call", CASE: "case", CAST: "cast", COND: "cond", CONTINUE: "continue",
	DEF: "def", DO: "do", ELSE: "else", END: "end", FALSE: "false", FN: "fn",
	FOR: "for", IF: "if", IMPL: "impl", IMPORT: "import", IN: "in",
	INTERFACE: "interface", JSON: "json", LET: "let", LINK: "link", MATCH: "match",
	MODULE: "module", MONITOR: "monitor", NIL: "nil", NOT: "not", OR: "or",
	PUB: "pub", RECEIVE: "receive", RETURN: "return", SELF: "self", SEND: "send",
	SERVICE: "service", SPAWN: "spawn", STRUCT: "struct", SUPERVISOR: "supervisor",
	TERMINATE: "terminate", TRAIT: "trait", TRAP: "trap", TRUE: "true", TYPE: "type",
	WHEN: "when", WHERE: "where", WHILE: "while", WITH: "with",
}

// String returns the token's source spelling (operators, keywords) or a
// description ("identifier", "end of file").
func (t Token) String() string {
	if t >= 0 && int(t) < len(tokenNames) && tokenNames[t] != "" {
		return tokenNames[t]
	}
	return "token(" + strconv.Itoa(int(t)) + ")"
}

// IsKeyword reports whether t is one of the reserved words.
func (t Token) IsKeyword() bool { return t > keywordBeg && t < keywordEnd }

var keywords map[string]Token

func init() {
	keywords = make(map[string]Token, keywordEnd-keywordBeg)
	for t := keywordBeg + 1; t < keywordEnd; t++ {
		keywords[tokenNames[t]] = t
	}
}

// Lookup maps an identifier to its keyword token, or IDENT.
func Lookup(name string) Token {
	if t, ok := keywords[name]; ok {
		return t
	}
	return IDENT
}
