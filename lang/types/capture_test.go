package types

import (
	"testing"

	"github.com/mesh-lang/mesh/lang/syntax"
)

func TestCaptures(t *testing.T) {
	src := `fn main() do
  let a = 1
  let b = "x"
  let f = fn n -> n + a end
  fn loop(n :: Int) -> Int do
    if n == 0 do a else loop(n - 1) end
  end
  let g = fn -> (fn m -> m <> b end) end
  println("#{f(1)} #{loop(3)}")
end
`
	p, diags := checkSources(t, map[string]string{"Main": src})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	var closures []*syntax.FnExpr
	var nested *syntax.FnDecl
	syntax.Inspect(p.Entry.File, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.FnExpr:
			closures = append(closures, n)
		case *syntax.FnDecl:
			if n.Name.Name == "loop" {
				nested = n
			}
		}
		return true
	})
	names := func(bs []*Binding) []string {
		var out []string
		for _, b := range bs {
			out = append(out, b.Name)
		}
		return out
	}
	if len(closures) != 3 {
		t.Fatalf("closures = %d", len(closures))
	}
	if got := names(p.Captures[closures[0]]); len(got) != 1 || got[0] != "a" {
		t.Errorf("f captures %v, want [a]", got)
	}
	if got := names(p.Captures[nested]); len(got) != 1 || got[0] != "a" {
		t.Errorf("loop captures %v, want [a]", got)
	}
	// the outer closure of g captures b for its inner closure
	if got := names(p.Captures[closures[1]]); len(got) != 1 || got[0] != "b" {
		t.Errorf("g captures %v, want [b]", got)
	}
	if got := names(p.Captures[closures[2]]); len(got) != 1 || got[0] != "b" {
		t.Errorf("inner closure captures %v, want [b]", got)
	}
}
