package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// generated returns a program of n functions exercising most syntax.
func generated(n int) []byte {
	var b strings.Builder
	b.WriteString("import Geo.Shapes\nfrom Util import (a, b)\n\n")
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, `struct S%d do
  x :: Int
  y :: List<String>?
end deriving(Eq, Display)

fn f%d(a :: Int, b) -> Int do
  let xs = [1, 2, 3, 0xFF, 1_000]
    |> List.map(fn x -> x * %d + a end)
    |> List.filter(fn x -> x %% 2 == 0 end)
  let m = %%{"k" => a, "v" => b}
  let s = "value #{a} and ${f(b, "n#{a}")}"
  case xs do
    h :: t when h > 0 -> h + f%d(a - 1, t)
    Some((p, q)) | Ok((p, q)) -> p
    _ -> do
      if a > b and not false do
        S%d { x: a, y: None }.x
      else
        -a
      end
    end
  end
end

`, i, i, i, i, i)
	}
	return []byte(b.String())
}

func BenchmarkParse(b *testing.B) {
	src := generated(2000)
	if _, ds := ParseFile("gen.mpl", src); len(ds) > 0 {
		b.Fatalf("generated program has errors:\n%s", ds.Error())
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		ParseFile("gen.mpl", src)
	}
}

// BenchmarkParseScaling parses 1x, 4x and 16x the same program: the
// ns/op should grow linearly with the size.
func BenchmarkParseScaling(b *testing.B) {
	for _, n := range []int{250, 1000, 4000} {
		src := generated(n)
		b.Run(fmt.Sprint(n), func(b *testing.B) {
			b.SetBytes(int64(len(src)))
			for b.Loop() {
				ParseFile("gen.mpl", src)
			}
		})
	}
}

// BenchmarkLongLine checks column tracking stays linear on one huge line.
func BenchmarkLongLine(b *testing.B) {
	src := []byte("let x = [" + strings.Repeat("1, ", 200000) + "1]")
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		ParseFile("long.mpl", src)
	}
}

func BenchmarkFormat(b *testing.B) {
	src := generated(500)
	b.SetBytes(int64(len(src)))
	for b.Loop() {
		Format("gen.mpl", src, FormatOptions{})
	}
}

// BenchmarkFormatNested formats closures nested 150 deep around a
// multi-line body: the cost must stay polynomial in the depth.
func BenchmarkFormatNested(b *testing.B) {
	src := []byte("let f = " + strings.Repeat("fn x -> ", 150) + "case x do\n1 -> 2\nend" + strings.Repeat(" end", 150) + "\n")
	for b.Loop() {
		Format("n.mpl", src, FormatOptions{})
	}
}
