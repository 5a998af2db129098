package syntax

import (
	"bytes"
	"os"
	"testing"
	"time"
)

// FuzzParse checks that no input makes the scanner or parser panic or
// hang, that a File always comes back, that errors are at most one per
// line and point inside the file, that node ranges are well formed, and
// that valid input formats to an equivalent, stable program.
func FuzzParse(f *testing.F) {
	for _, path := range testdataFiles(f) {
		src, err := os.ReadFile(path)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(src)
	}
	for _, s := range []string{
		"", "fn", "fn f(", "\"#{", "\"\"\"", "#=", "~r/", "|9", "%{", "json {", "case x do",
		"fn -> fn -> fn ->", "((((((", "if a do else else end", "@cluster(", "clustered(work) fn",
		"let (a, b", "x |> \n", "\"#{\"#{\"#{x}\"}\"}\"", "0x_", "1e+", "a.b.c.", "receive do after",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		var file *File
		var diags Diagnostics
		done := make(chan struct{})
		go func() {
			defer close(done)
			file, diags = ParseFile("fuzz.mpl", src)
		}()
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			t.Fatalf("ParseFile did not finish within 10s on %q", src)
		}
		if file == nil {
			t.Fatal("nil File")
		}
		lines := bytes.Count(src, []byte("\n")) + bytes.Count(src, []byte("\r")) + 1
		seen := map[int]bool{}
		for _, d := range diags {
			if d.Pos.Line < 1 || d.Pos.Line > lines || d.Pos.Col < 1 || d.Pos.Offset > len(src) {
				t.Fatalf("diagnostic outside the file: %+v (%d lines, %d bytes)", d.Pos, lines, len(src))
			}
			if seen[d.Pos.Line] {
				t.Fatalf("two errors on line %d", d.Pos.Line)
			}
			seen[d.Pos.Line] = true
		}
		Inspect(file, func(n Node) bool {
			if n == nil {
				return true
			}
			if a, b := n.Pos(), n.End(); a.IsValid() && b.IsValid() && a.Offset > b.Offset {
				t.Fatalf("%T ends before it starts: %v > %v", n, a, b)
			}
			return true
		})
		if !diags.HasErrors() {
			checkFormat(t, "fuzz.mpl", src)
		}
		var sink bytes.Buffer
		_ = diags.Render(&sink, func(string) []byte { return src })
		_ = diags.WriteJSON(&sink)
	})
}
