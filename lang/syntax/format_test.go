package syntax

import (
	"os"
	"strings"
	"testing"
)

// checkFormat formats src and checks the result: it parses without
// errors to the same tree, keeps every comment, and is a fixed point.
func checkFormat(t testing.TB, name string, src []byte) []byte {
	f1, ds := ParseFile(name, src)
	if ds.HasErrors() {
		return nil
	}
	out, ds := Format(name, src, FormatOptions{})
	if ds.HasErrors() {
		t.Fatalf("%s: Format failed on a valid file: %v", name, ds)
	}
	f2, ds := ParseFile(name, out)
	if ds.HasErrors() {
		t.Fatalf("%s: formatted output does not parse:\n%s\n--- output:\n%s", name, ds.Error(), out)
	}
	if a, b := sexpr(f1), sexpr(f2); a != b {
		t.Fatalf("%s: formatting changed the tree\nbefore: %s\nafter:  %s\n--- output:\n%s", name, a, b, out)
	}
	for _, c := range f1.Comments {
		if !strings.Contains(string(out), strings.TrimSpace(c.Text)) {
			t.Fatalf("%s: comment %q lost\n--- output:\n%s", name, c.Text, out)
		}
	}
	again, _ := Format(name, out, FormatOptions{})
	if string(again) != string(out) {
		t.Fatalf("%s: formatting is not idempotent\n--- first:\n%s\n--- second:\n%s", name, out, again)
	}
	return out
}

func TestFormatScripts(t *testing.T) {
	for _, path := range testdataFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		checkFormat(t, path, src)
	}
}

func TestFormatExamples(t *testing.T) {
	tests := []struct{ in, want string }{
		{"fn add(a,b) do\na+b\nend", "fn add(a, b) do\n  a + b\nend\n"},
		{"let x=[1,2,3]|>List.map(fn x->x*2 end)", "let x = [1, 2, 3] |> List.map(fn x -> x * 2 end)\n"},
		{"fn f() do\n\n\n  let a = 1 # one\n\n\n  # own line\n  a\nend\n\n\n\nfn g() = 1", "fn f() do\n  let a = 1 # one\n\n  # own line\n  a\nend\n\nfn g() = 1\n"},
		{"let xs = [\n1,\n2]", "let xs = [\n  1,\n  2,\n]\n"},
		{"if a do 1 else if b do 2 else 3 end", "if a do 1 else if b do 2 else 3 end\n"},
		{"if a do 1\nelse if b do 2 else 3 end", "if a do\n  1\nelse if b do\n  2\nelse\n  3\nend\n"},
		{"case s do # note\n 1 -> 2\nend", "case s do # note\n  1 -> 2\nend\n"},
		{"receive do\nx -> x\nafter 5 -> 0\nend", "receive do\n  x -> x\nafter 5 -> 0\nend\n"},
		{"let v = a\n  |> f() # one\n  |> g() # two", "let v = a\n  |> f() # one\n  |> g() # two\n"},
		{"f(fn row ->\n case row do\n 1 -> 2\n end\nend)", "f(fn row ->\n  case row do\n    1 -> 2\n  end\nend)\n"},
		{"case x do\n1->:a\n_->do\nlet y=2\ny\nend\nend", "case x do\n  1 -> :a\n  _ -> do\n    let y = 2\n    y\n  end\nend\n"},
		{"let s = \"a #{b+1}\"   ", "let s = \"a #{b+1}\"\n"},
		{"type R = (Int!String)?", "type R = (Int!String)?\n"},
		{"let v = a\n  |> f()\n  |> g()", "let v = a\n  |> f()\n  |> g()\n"},
		{"struct P do\nx::Int\nend deriving(Eq,Display)", "struct P do\n  x :: Int\nend deriving(Eq, Display)\n"},
		{"@cluster(3)  pub fn w()->Int do 1 end", "@cluster(3) pub fn w() -> Int do\n  1\nend\n"},
	}
	for _, tt := range tests {
		out := checkFormat(t, "x.mpl", []byte(tt.in))
		if string(out) != tt.want {
			t.Errorf("Format(%q):\n got %q\nwant %q", tt.in, out, tt.want)
		}
	}
	if out, ds := Format("bad.mpl", []byte("fn f( do"), FormatOptions{}); out != nil || !ds.HasErrors() {
		t.Error("Format of invalid source should fail with diagnostics")
	}
	out, _ := Format("i.mpl", []byte("fn f() do\n1\nend"), FormatOptions{IndentSize: 4})
	if string(out) != "fn f() do\n    1\nend\n" {
		t.Errorf("indent size 4: %q", out)
	}
}

func TestFormatLineWidth(t *testing.T) {
	src := "fn main() do\n  let r = compute(first_argument, second_argument, [1, 2, 3], %{\"k\" => 1})\nend\n"
	out, ds := Format("w.mpl", []byte(src), FormatOptions{LineWidth: 40})
	if ds != nil {
		t.Fatal(ds)
	}
	want := "fn main() do\n  let r = compute(\n    first_argument,\n    second_argument,\n    [1, 2, 3],\n    %{\"k\" => 1},\n  )\nend\n"
	if string(out) != want {
		t.Errorf("got\n%s\nwant\n%s", out, want)
	}
	again, _ := Format("w.mpl", out, FormatOptions{LineWidth: 40})
	if string(again) != string(out) {
		t.Errorf("not idempotent:\n%s", again)
	}
	// Unlimited width keeps it on one line.
	out, _ = Format("w.mpl", []byte(src), FormatOptions{LineWidth: -1})
	if string(out) != src {
		t.Errorf("width -1 changed the line:\n%s", out)
	}
	// Long programs stay equivalent and stable at a small width.
	for _, path := range testdataFiles(t) {
		src, _ := os.ReadFile(path)
		if _, ds := ParseFile(path, src); ds.HasErrors() {
			continue
		}
		f1, _ := ParseFile(path, src)
		out, _ := Format(path, src, FormatOptions{LineWidth: 30})
		f2, ds := ParseFile(path, out)
		if ds.HasErrors() || sexpr(f1) != sexpr(f2) {
			t.Fatalf("%s: width 30 broke the program: %v\n%s", path, ds, out)
		}
		again, _ := Format(path, out, FormatOptions{LineWidth: 30})
		if string(again) != string(out) {
			t.Fatalf("%s: width 30 not idempotent", path)
		}
	}
}

func TestFormatKeepsBlankAfterHeaderComment(t *testing.T) {
	src := "# header\n\nfn main() do\n  # lead\n\n  1\nend\n"
	out := checkFormat(t, "h.mpl", []byte(src))
	if string(out) != src {
		t.Errorf("got %q, want %q", out, src)
	}
}

func TestFormatAfterBody(t *testing.T) {
	src := "receive do\n  x -> x\nafter ms -> do\n  a()\n  b()\nend\nend\n"
	want := "receive do\n  x -> x\nafter ms -> do\n  a()\n  b()\nend\nend\n"
	if out := checkFormat(t, "a.mpl", []byte(src)); string(out) != want {
		t.Errorf("got %q", out)
	}
}
