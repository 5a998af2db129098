// Package syntax owns the front end of the Mesh compiler: tokens, the
// scanner, the recursive-descent parser, the AST, source positions and
// diagnostics. It imports nothing else of the project.
//
// ParseFile is the entry point. It always returns a *File (partial when
// the source has errors, with Bad* nodes where nothing could be parsed)
// and every parse error it found, at most one per line, all with code
// P0001. The AST (ast.go) is what the type checker and compiler consume;
// Walk and Inspect traverse it.
//
// Positions: Line and Col are 1-based and Col counts runes, so a
// multi-byte character or a tab is one column; Offset is a byte offset.
//
// Layout (language.md §3). The scanner returns every line break as a
// NEWLINE token (blank lines and comments collapse into one). The parser
// keeps a stack of layout modes: an opening bracket ((, [, {, %{, json {,
// #{) makes newlines insignificant until its closer; a block opener (do,
// fn ->, …) makes them separate statements again until its `end`. This is
// upstream's rule 1 except that a `do … end` block nested inside brackets
// (a closure passed as an argument) keeps newline-separated statements, so
// a line starting with `(` there starts a new statement instead of
// calling the previous line. Statements need no separator when the
// expression grammar cannot continue (`let a = 1 let b = 2`).
//
// Continuations accepted across a line break: a line ending in a binary
// operator; a next line starting with `.` or with a binary operator that
// cannot start an expression (`|>`, `|N>`, `+`, `and`, `==`, … — not `-`);
// a newline after `->` in case/receive arms and arrow closures, and
// before `end`. Upstream requires only the pipe forms (§3 rule 4) and
// §15 recommends the `->`/`end` ones; the others turn what would be a
// parse error into the obvious reading, so no valid program changes.
//
// Strings are scanned with a mode stack, so `#{…}` and `${…}`
// interpolations nest to any depth and may contain strings; heredocs are
// dedented by the parser after escapes are decoded (§2.5). Integer
// literals in every base are evaluated (§15: upstream's zero values are a
// bug); a literal that does not fit in 64 bits is an error.
//
// The test DSL (§13) is parsed in any file: top-level `test("…") do … end`
// and `describe("…") do … end` (parentheses optional) become TestDecl and
// DescribeDecl, and a
// statement `assert_receive PATTERN[, ms]` becomes AssertReceiveStmt; the
// checker rejects them outside *.test.mpl files. `@cluster`/`@cluster(N)`
// decorate functions (FnDecl.Cluster); the legacy `clustered(work)` marker
// is a parse error.
package syntax
