package syntax

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// parseOK parses src and fails the test on any diagnostic.
func parseOK(t *testing.T, src string) *File {
	t.Helper()
	f, ds := ParseFile("t.mpl", []byte(src))
	if len(ds) > 0 {
		t.Fatalf("unexpected errors parsing %q:\n%s", src, ds.Error())
	}
	return f
}

func itemsS(f *File) string {
	var parts []string
	for _, it := range f.Items {
		parts = append(parts, sexpr(it))
	}
	return strings.Join(parts, " ; ")
}

func TestExpressions(t *testing.T) {
	tests := []struct{ src, want string }{
		{"a + b * c", "(+ a (* b c))"},
		{"a * b + c", "(+ (* a b) c)"},
		{"a - b - c", "(- (- a b) c)"},
		{"a / b % c", "(% (/ a b) c)"},
		{"not a == b", "(== (not a) b)"},
		{"-x.abs()", "(- (call (. x abs)))"},
		{"!ok and b", "(and (! ok) b)"},
		{"a + f(b)?", "(+ a (? (call f b)))"},
		{"xs |> f(1) + 2", "(|> xs (+ (call f 1) 2))"},
		{"a |> f |> g", "(|> (|> a f) g)"},
		{"x |3> f(1, 2)", "(|3> x (call f 1 2))"},
		{"a or b and c", "(or a (and b c))"},
		{"a || b && c", "(|| a (&& b c))"},
		{"a && (b && c)", "(&& a (paren (&& b c)))"},
		{"a == b and c != d", "(and (== a b) (!= c d))"},
		{"a < b == c >= d", "(== (< a b) (>= c d))"},
		{"1..n + 1", "(.. 1 (+ n 1))"},
		{"a <> b ++ c + d", "(++ (<> a b) (+ c d))"},
		{"a..b < c", "(< (.. a b) c)"},
		{"f(x)(y)", "(call (call f x) y)"},
		{"m.a.b[0]", "(index (. (. m a) b) 0)"},
		{"Point { x: 1, y: 2 }", "(struct-lit Point (x: 1) (y: 2))"},
		{"Geo.Point { x: 1 }", "(struct-lit (. Geo Point) (x: 1))"},
		{"%{p | x: 3, y: 4}", "(update p (x: 3) (y: 4))"},
		{"%{}", "(map)"},
		{"%{:a => 1, \"b\" => 2,}", "(map (=> :a 1) (=> \"b\" 2))"},
		{"[]", "(list)"},
		{"[1, 2,]", "(list 1 2)"},
		{"()", "(tuple)"},
		{"(1)", "(paren 1)"},
		{"(1,)", "(paren 1)"},
		{"(1, 2)", "(tuple 1 2)"},
		{"json { name: n, type: 1 }", "(json (name: n) (type: 1))"},
		{"f(1, name: \"a\", age: 3)", "(call f 1 (name: \"a\") (age: 3))"},
		{"f(x) do |a, b| a end", "(call f x (fn (clause a b nil (block a))))"},
		{"self", "self"},
		{"self()", "(self)"},
		{"Node.self()", "(call (. Node self))"},
		{"Process.monitor(p)", "(call (. Process monitor) p)"},
		{"Query.where(q, :f, v)", "(call (. Query where) q :f v)"},
		{"spawn(worker, 1)", "(spawn worker 1)"},
		{"send(p, :hi)", "(send p :hi)"},
		{"link(p)", "(link p)"},
		{"fn -> 42 end", "(fn (clause nil (block 42)))"},
		{"fn do 1 end", "(fn (clause nil (block 1)))"},
		{"fn x -> x * 2 end", "(fn (clause x nil (block (* x 2))))"},
		{"fn x, y -> x + y end", "(fn (clause x y nil (block (+ x y))))"},
		{"fn(x :: Int) -> x end", "(fn (clause (:: x Int) nil (block x)))"},
		{"fn (a, b) do a end", "(fn (clause a b nil (block a)))"},
		{"fn 0 -> \"zero\" | n -> \"other\" end", "(fn (clause 0 nil (block \"zero\")) (clause n nil (block \"other\")))"},
		{"fn n when n < 0 -> -n | n -> n end", "(fn (clause n (< n 0) (block (- n))) (clause n nil (block n)))"},
		{"fn Some(v) -> v | None -> 0 end", "(fn (clause (ctor Some v) nil (block v)) (clause None nil (block 0)))"},
		{"if a do 1 else if b do 2 else 3 end", "(if a (block 1) (if b (block 2) (block 3)))"},
		{"if a do 1 end", "(if a (block 1) nil)"},
		{"case x do 1 -> :a 2 -> :b end", "(case x (-> 1 nil (block :a)) (-> 2 nil (block :b)))"},
		{"while x do break end", "(while x (block break))"},
		{"for x in xs when x > 1 do continue end", "(for x xs (> x 1) (block continue))"},
		{"for {k, v} in m do k end", "(for k v m nil (block k))"},
		{"receive do n -> n after 5 -> 0 end", "(receive (-> n nil (block n)) 5 (block 0))"},
		{"~r/a\\/b/ims", "~r/a\\/b/ims"},
		{":ok", ":ok"},
		{"nil", "nil"},
		{"true", "true"},
		{"1.5e3", "1500"},
		{"0xFF + 0b11 + 0o17 + 1_000", "(+ (+ (+ 255 3) 15) 1000)"},
		{"-9223372036854775808", "-9223372036854775808"},
		{"4.to_string()", "(call (. 4 to_string))"},
		{"\"a #{b} c ${d}\"", "(str \"a \" b \" c \" d)"},
		{"\"a #{f(\"b#{x}\")} c\"", "(str \"a \" (call f (str \"b\" x)) \" c\")"},
		{"\"#{ %{1 => 2} }\"", "(str (map (=> 1 2)))"},
		{"\"\\#{x} \\${y} \\$ # $\"", "\"#{x} ${y} $ # $\""},
	}
	for _, tt := range tests {
		src := tt.src
		if strings.HasPrefix(src, "fn ") {
			// `fn name` at statement start is a definition (§4.1).
			src = "x == " + src
		}
		f := parseOK(t, src)
		if len(f.Items) != 1 {
			t.Errorf("%q: got %d items: %s", tt.src, len(f.Items), itemsS(f))
			continue
		}
		got := itemsS(f)
		if src != tt.src {
			got = sexpr(f.Items[0].(*ExprStmt).X.(*BinaryExpr).Y)
		}
		if got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

func TestStatementsAndDecls(t *testing.T) {
	tests := []struct{ src, want string }{
		{"let x = 1", "(let x nil 1)"},
		{"let _ = f()", "(let _ nil (call f))"},
		{"let (a, b) :: (Int, String) = t", "(let (tuple a b) (tuple Int String) t)"},
		{"let a = 1 let b = 2", "(let a nil 1) ; (let b nil 2)"},
		{"let a = 1; let b = 2", "(let a nil 1) ; (let b nil 2)"},
		{"fn f() do\n return\nend", "(fn f( params) (block (return nil)))"},
		{"fn f() do\n return 1\nend", "(fn f( params) (block (return 1)))"},
		{"fn main do 1 end", "(fn main (block 1))"},
		{"pub def f(x) = x", "(pub fn f( params x) (block x))"},
		{"fn f(0) = 1", "(fn f( params 0) (block 1))"},
		{"fn f(-1) = 1", "(fn f( params -1) (block 1))"},
		{"fn f(None) = 1", "(fn f( params None) (block 1))"},
		{"fn f(Shape.Circle(r), _) = r", "(fn f( params (ctor Circle Shape r) _) (block r))"},
		{"fn f(n) when n > 0 = n", "(fn f( params n)( when (> n 0)) (block n))"},
		{"fn id<T>(x :: T) -> T where T: Eq, T: Ord do x end", "(fn id T( params (:: x T)) -> T( where (: T Eq) (: T Ord)) (block x))"},
		{"@cluster pub fn add() -> Int do 1 + 1 end", "(pub fn (@cluster nil) add( params) -> Int (block (+ 1 1)))"},
		{"@cluster(0x3) fn w() = 1", "(fn (@cluster 3) w( params) (block 1))"},
		{"@cluster\npub fn w() = 1", "(pub fn (@cluster nil) w( params) (block 1))"},
		{"import A.B.C", "(import A.B.C)"},
		{"from A.B import x, Y", "(from A.B x Y)"},
		{"from A import (\n  x,\n  y,\n)", "(from A x y)"},
		{"type Id = Int", "(alias Id Int)"},
		{"type R = Int!String?", "(alias R (! Int (? String)))"},
		{"type F = Fun(Int, String) -> Bool", "(alias F (Fun Int String Bool))"},
		{"type U = ()", "(alias U (tuple))"},
		{"type M = Map<String, List<Int>>", "(alias M (Map String (List Int)))"},
		{"type Q = Types.UserId", "(alias Q Types.UserId)"},
		{"type S do\n A\n B(Int, x :: Float)\nend", "(sum S (A) (B Int (:: x Float)) nil)"},
		{"type S do\n A\nend deriving(Eq)", "(sum S (A) (deriving Eq))"},
		{"struct P do\n x :: Int\nend deriving()", "(struct P (:: x Int) (deriving))"},
		{"interface I do\n type Item\n fn f(self) -> Int\nend", "(interface I (type Item nil) (fn f( params (self nil)) -> Int nil))"},
		{"impl From<Int> for M do\n fn from(x :: Int) -> M = M { v: x }\nend", "(impl From Int M (fn from( params (:: x Int)) -> M (block (struct-lit M (v: x)))))"},
		{"actor a do\n 1\nend", "(actor a (block 1) nil)"},
		{"service S do\n call Get do |s|\n (s, s)\n end\n cast Reset() do 0 end\nend", "(service S (call Get nil s (block (tuple s s))) (cast Reset nil nil (block 0)))"},
		{"module M do\n fn f() = 1\nend", "(module M (block (fn f( params) (block 1))))"},
		{"test(\"t\") do\n assert(true)\nend", "(test \"t\" (block (call assert true)))"},
	}
	for _, tt := range tests {
		f := parseOK(t, tt.src)
		if got := itemsS(f); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

func TestPatterns(t *testing.T) {
	tests := []struct{ pat, want string }{
		{"_", "_"},
		{"x", "x"},
		{"None", "None"},
		{"Some(x)", "(ctor Some x)"},
		{"Shape.Circle", "(ctor Circle Shape)"},
		{"Shape.Rect(w, _)", "(ctor Rect Shape w _)"},
		{"(a, b)", "(tuple a b)"},
		{"()", "(tuple)"},
		{"h :: t", "(:: h t)"},
		{"a :: b :: rest", "(:: a (:: b rest))"},
		{"1 | 2 | 3", "(| 1 2 3)"},
		{"Some(x) as whole", "(as (ctor Some x) whole)"},
		{"-5", "-5"},
		{"-1.5", "-1.5"},
		{"\"s\"", "\"s\""},
		{":ok", ":ok"},
		{"true", "true"},
		{"nil", "nil"},
	}
	for _, tt := range tests {
		f := parseOK(t, "case v do\n"+tt.pat+" -> 0\nend")
		c := f.Items[0].(*ExprStmt).X.(*CaseExpr)
		if got := sexpr(c.Arms[0].Pattern); got != tt.want {
			t.Errorf("pattern %q: got %s, want %s", tt.pat, got, tt.want)
		}
	}
}

func TestLayout(t *testing.T) {
	tests := []struct{ src, want string }{
		// Leading and trailing pipes continue the expression.
		{"let x = a\n  |> f()\n  |> g()", "(let x nil (|> (|> a (call f)) (call g)))"},
		{"let x = a |>\n  f()", "(let x nil (|> a (call f)))"},
		{"let x = a\n\n  # comment\n  |> f()", "(let x nil (|> a (call f)))"},
		// A line starting with a binary operator continues the expression.
		{"let x = a\n  + b * c\n  == d", "(let x nil (== (+ a (* b c)) d))"},
		{"let ok = a\n  and b\n  or c", "(let ok nil (or (and a b) c))"},
		{"f(fn x do\n x\n + 1\nend)", "(call f (fn (clause x nil (block (+ x 1)))))"},
		// Outside brackets a newline ends the statement.
		{"f\n(1)", "f ; (paren 1)"},
		{"a\n-1", "a ; (- 1)"},
		// Inside brackets newlines are ignored.
		{"f(1,\n 2)", "(call f 1 2)"},
		{"[a\n, b]", "(list a b)"},
		// A do block inside brackets separates statements by newline again.
		{"f(fn x do\n g\n (1, 2)\nend)", "(call f (fn (clause x nil (block g (tuple 1 2)))))"},
		// Newlines after `->` and before `end` are accepted.
		{"case x do\n 1 ->\n  2\nend", "(case x (-> 1 nil (block 2)))"},
		{"let f = fn x ->\n x\nend", "(let f nil (fn (clause x nil (block x))))"},
		// `else` on its own line followed by `if` on the next is a nested block.
		{"if a do 1 else\n if b do 2 end\nend", "(if a (block 1) (block (if b (block 2) nil)))"},
		// Conditions: `do` opens the construct's block, not a trailing closure.
		{"if f(x) do 1 end", "(if (call f x) (block 1) nil)"},
		{"if g(f(x) do 2 end) do 1 end", "(if (call g (call f x (fn (clause nil (block 2))))) (block 1) nil)"},
		{"while ok(x) do 1 end", "(while (call ok x) (block 1))"},
	}
	for _, tt := range tests {
		f := parseOK(t, tt.src)
		if got := itemsS(f); got != tt.want {
			t.Errorf("%q:\n got  %s\n want %s", tt.src, got, tt.want)
		}
	}
}

func TestHeredocs(t *testing.T) {
	tests := []struct{ src, want string }{
		{"\"\"\"\n    a\n    b\n    \"\"\"", "a\nb"},
		{"\"\"\"\n    a\n    b\"\"\"", "a\nb"},
		{"\"\"\"\n      deep\n    shallow\n  \"\"\"", "    deep\n  shallow"},
		{"\"\"\"one \"quoted\" line\"\"\"", "one \"quoted\" line"},
		{"\"\"\"\n  x\n\n  y\n  \"\"\"", "x\n\ny"},
		{"\"\"\"\n\ta\n\t\"\"\"", "a"},
		{"\"\"\"\n  a\\n  b\n  \"\"\"", "a\nb"},
	}
	for _, tt := range tests {
		f := parseOK(t, tt.src)
		s := f.Items[0].(*ExprStmt).X.(*StringLit)
		if !s.Heredoc {
			t.Errorf("%q: not marked heredoc", tt.src)
		}
		got, ok := s.Value()
		if !ok || got != tt.want {
			t.Errorf("%q: got %q, want %q", tt.src, got, tt.want)
		}
	}
	// Interpolation: the literal text around values is dedented, the
	// values are not, and a space between two values survives.
	f := parseOK(t, "\"\"\"\n    total: #{n}\n      #{a} #{b}\n    \"\"\"")
	if got := sexpr(f.Items[0]); got != `(str "total: " n "\n  " a " " b)` {
		t.Errorf("heredoc with interpolation: %s", got)
	}
}

func TestPositionsAreRuneColumns(t *testing.T) {
	src := "let s = \"héllo\" + ✓x\nlet t = 1"
	f, ds := ParseFile("p.mpl", []byte(src))
	if len(ds) != 1 {
		t.Fatalf("want 1 error, got %v", ds)
	}
	// "é" is 2 bytes but one column: '✓' is at col 19, byte offset 19.
	if d := ds[0]; d.Pos.Line != 1 || d.Pos.Col != 19 || d.Pos.Offset != 19 {
		t.Errorf("error position %+v, want 1:19 offset 19", d.Pos)
	}
	let2 := f.Items[len(f.Items)-1].(*LetStmt)
	if p := let2.Pos(); p.Line != 2 || p.Col != 1 || p.Offset != len("let s = \"héllo\" + ✓x\n") {
		t.Errorf("second let at %+v", p)
	}
	one := let2.Value.(*IntLit)
	if p, e := one.Pos(), one.End(); p.Col != 9 || e.Col != 10 {
		t.Errorf("literal span %v-%v, want cols 9-10", p, e)
	}
	if got := f.Text(let2); got != "let t = 1" {
		t.Errorf("File.Text = %q", got)
	}
	// CRLF and lone CR are single line breaks.
	f = parseOK(t, "let a = 1\r\nlet b = 2\rlet c = 3")
	if n := len(f.Items); n != 3 || f.Items[2].Pos().Line != 3 {
		t.Errorf("CR/CRLF handling: %d items, last at %v", n, f.Items[n-1].Pos())
	}
}

func TestScanner(t *testing.T) {
	src := "a |> b |12> c <> d ++ e .. f :: g -> h => i %{ } :atom ~r/x/i && || ! != == <= >= @ ? ; \"s#{x}t\""
	var errs []string
	s := newScanner("s.mpl", []byte(src), func(_, _ Position, msg string) { errs = append(errs, msg) })
	var kinds []string
	for {
		tk := s.next()
		if tk.kind == EOF {
			break
		}
		kinds = append(kinds, tk.kind.String())
	}
	want := "identifier |> identifier |N> identifier <> identifier ++ identifier .. identifier :: identifier -> identifier => identifier %{ } atom regex && || ! != == <= >= @ ? ; string string text '#{' identifier '}' string text end of string"
	if got := strings.Join(kinds, " "); got != want {
		t.Errorf("tokens:\n got  %s\n want %s", got, want)
	}
	if len(errs) > 0 {
		t.Errorf("scanner errors: %v", errs)
	}
	if Lookup("receive") != RECEIVE || Lookup("from") != IDENT || !WITH.IsKeyword() || IDENT.IsKeyword() {
		t.Error("keyword lookup")
	}
	if n := int(keywordEnd - keywordBeg - 1); n != 49 {
		t.Errorf("%d keywords, want 49", n)
	}
}

func TestLexicalErrors(t *testing.T) {
	tests := []struct{ src, want string }{
		{"let s = \"abc", "unterminated string literal"},
		{"let s = \"a #{b", "unterminated string"},
		{"let r = ~r/abc", "unterminated regex literal"},
		{"#= a #= b =# c", "unterminated block comment"},
		{"let x = 1 |1> f", "use '|>'"},
		{"let n = 0x", "no digits after the base prefix"},
		{"let n = 1e", "invalid number literal"},
		{"let b = \xff", "invalid UTF-8"},
	}
	for _, tt := range tests {
		_, ds := ParseFile("l.mpl", []byte(tt.src))
		if len(ds) == 0 || !strings.Contains(ds[0].Message, tt.want) {
			t.Errorf("%q: got %v, want an error containing %q", tt.src, ds, tt.want)
		}
	}
	// A nested block comment is one comment.
	f := parseOK(t, "#= a #= b =# c =#\nlet x = 1")
	if len(f.Comments) != 1 || len(f.Items) != 1 {
		t.Errorf("nested block comment: %d comments, %d items", len(f.Comments), len(f.Items))
	}
}

func TestAllErrorsReported(t *testing.T) {
	src := "fn a() do\n  let = 1\nend\nfn b() do\n  f(]\nend\nfn c() do\n  1 +* 2\nend\nstruct S do\n  x Int\nend\n"
	_, ds := ParseFile("m.mpl", []byte(src))
	lines := map[int]bool{}
	for _, d := range ds {
		lines[d.Pos.Line] = true
	}
	for _, l := range []int{2, 5, 8, 11} {
		if !lines[l] {
			t.Errorf("no error reported on line %d; got:\n%s", l, ds.Error())
		}
	}
	if len(ds) != 4 {
		t.Errorf("want 4 errors, got %d:\n%s", len(ds), ds.Error())
	}
}

func TestDiagnosticsRenderAndJSON(t *testing.T) {
	src := []byte("fn main() do\n\tlet x = )\nend\n")
	f, ds := ParseFile("main.mpl", src)
	if f == nil || !ds.HasErrors() || ds.Err() == nil {
		t.Fatal("expected a parse error")
	}
	var b bytes.Buffer
	if err := ds.Render(&b, func(string) []byte { return src }); err != nil {
		t.Fatal(err)
	}
	want := "main.mpl:2:10: Parse error: expected expression, found ')'\n\tlet x = )\n\t        ^\n"
	if b.String() != want {
		t.Errorf("Render:\n%q\nwant\n%q", b.String(), want)
	}
	ds[0].Hint = "write an expression"
	b.Reset()
	if err := ds.WriteJSON(&b); err != nil {
		t.Fatal(err)
	}
	var obj map[string]any
	if err := json.Unmarshal(bytes.TrimSpace(b.Bytes()), &obj); err != nil {
		t.Fatalf("WriteJSON output %q: %v", b.String(), err)
	}
	for k, v := range map[string]any{"code": "P0001", "severity": "error", "file": "main.mpl",
		"line": 2.0, "column": 10.0, "end_line": 2.0, "end_column": 11.0, "hint": "write an expression",
		"message": "Parse error: expected expression, found ')'"} {
		if obj[k] != v {
			t.Errorf("JSON %s = %v, want %v", k, obj[k], v)
		}
	}
	b.Reset()
	ds.Render(&b, nil)
	if !strings.HasSuffix(b.String(), "hint: write an expression\n") {
		t.Errorf("hint not rendered: %q", b.String())
	}
	w := Diagnostics{{Severity: SeverityWarning, Code: "W0001", Message: "redundant", Pos: Position{File: "a", Line: 1, Col: 1}}}
	if w.HasErrors() {
		t.Error("warnings only: HasErrors true")
	}
}

func TestWalkVisitsInOrder(t *testing.T) {
	f := parseOK(t, "fn f(x) = g(x, 1) + h")
	var names []string
	Inspect(f, func(n Node) bool {
		if id, ok := n.(*Ident); ok {
			names = append(names, id.Name)
		}
		return true
	})
	if got := strings.Join(names, " "); got != "f x g x h" {
		t.Errorf("Inspect order: %s", got)
	}
	// Returning false prunes the subtree.
	count := 0
	Inspect(f, func(n Node) bool {
		count++
		_, isFn := n.(*FnDecl)
		return !isFn
	})
	if count != 3 { // File, FnDecl, and the nil after File's children
		t.Errorf("pruned walk visited %d", count)
	}
}

func TestTestDSLOnlyWithDo(t *testing.T) {
	// `test("x")` without a block is an ordinary call, not a test.
	f := parseOK(t, "test(\"x\")\ndescribe(\"y#{1}\")\ntest(\"z\") do\n 1\nend")
	if got := itemsS(f); got != `(call test "x") ; (call describe (str "y" 1)) ; (test "z" (block 1))` {
		t.Errorf("got %s", got)
	}
	// The paren-less form of some guides.
	f = parseOK(t, "test \"a\" do\n 1\nend\ndescribe \"g\" do\n test \"b\" do\n 2\n end\nend")
	if got := itemsS(f); got != `(test "a" (block 1)) ; (describe "g" nil nil (test "b" (block 2)))` {
		t.Errorf("paren-less: got %s", got)
	}
}

func TestHints(t *testing.T) {
	tests := []struct{ src, hint string }{
		{"let t = {1, 2}", "tuples are written with parentheses"},
		{"fn f(x: Int) = x", "write `x :: Type`"},
		{"x = 1", "let name = value"},
		{"case x do\n 1 => 2\nend", "arms use '->'"},
		{"case x do\n [] -> 2\nend", "head :: tail"},
	}
	for _, tt := range tests {
		_, ds := ParseFile("h.mpl", []byte(tt.src))
		if len(ds) == 0 || !strings.Contains(ds[0].Hint, tt.hint) {
			t.Errorf("%q: diagnostics %v, want a hint containing %q", tt.src, ds, tt.hint)
		}
	}
}
