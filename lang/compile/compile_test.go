package compile

import (
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
)

func compileSrc(t *testing.T, src string) *bundle.Program {
	t.Helper()
	f, diags := syntax.ParseFile("main.mpl", []byte(src))
	if diags.HasErrors() {
		t.Fatalf("parse: %v", diags[0].Message)
	}
	p, diags := types.Check([]*types.SourceFile{{Module: "Main", Path: "main.mpl", File: f, Entry: true}})
	if diags.HasErrors() {
		t.Fatalf("check: %v", diags[0].Message)
	}
	bp, err := Compile(p)
	if err != nil {
		t.Fatal(err)
	}
	return bp
}

func funcNamed(p *bundle.Program, name string) *bundle.Function {
	for _, f := range p.Funcs {
		if f.Name == name {
			return f
		}
	}
	return nil
}

func count(f *bundle.Function, o op.Opcode) int {
	n := 0
	for _, in := range f.Code {
		if in.Op == o {
			n++
		}
	}
	return n
}

// Calls in tail position — through if/else, case arms and blocks — are
// TAILCALLs; others are CALLs.
func TestTailCalls(t *testing.T) {
	p := compileSrc(t, `
fn loop(n :: Int) -> Int do
  if n == 0 do
    0
  else
    let m = n - 1
    loop(m)
  end
end

fn pick(n :: Int) -> Int do
  case n do
    0 -> loop(5)
    _ -> do
      let k = pick(n - 1)
      pick(k)
    end
  end
end

fn main() do
  println("#{loop(3) + pick(2)}")
end
`)
	loop, pick := funcNamed(p, "Main.loop"), funcNamed(p, "Main.pick")
	// A self tail call with simple arguments stores them in place and RESTARTs.
	self := func(f *bundle.Function) int {
		return count(f, op.TAILCALL_SELF) + count(f, op.RESTART) + count(f, op.ADD_INT_RESTART)
	}
	if self(loop) != 1 || count(loop, op.CALL) != 0 {
		t.Errorf("loop: want 1 self tail call, 0 CALL:\n%s", Disasm(p))
	}
	if count(pick, op.TAILCALL) != 1 || self(pick) != 1 || count(pick, op.CALL) != 1 {
		t.Errorf("pick: want 1 TAILCALL, 1 self tail call and 1 CALL:\n%s", Disasm(p))
	}
}

// Operators on checked types select typed opcodes.
func TestTypedOpcodes(t *testing.T) {
	p := compileSrc(t, `
fn f(a :: Int, b :: Float, s :: String) -> String do
  let x = a * a
  let y = b / 2.0
  if s == "x" do
    s <> "#{x}#{y}"
  else
    s
  end
end

fn main() do
  println(f(1, 2.0, "x"))
end
`)
	f := funcNamed(p, "Main.f")
	for _, o := range []op.Opcode{op.MUL_INT, op.DIV_FLOAT, op.EQ_STR, op.CONCAT} {
		if count(f, o) == 0 {
			t.Errorf("no %v in:\n%s", o, Disasm(p))
		}
	}
	if count(f, op.EQ) != 0 {
		t.Errorf("generic EQ used for a String comparison")
	}
}

func TestDisasm(t *testing.T) {
	p := compileSrc(t, `fn main() do
  println("hi")
end
`)
	d := Disasm(p)
	for _, want := range []string{"func 0 Main.main (entry)", "CALL_NATIVE", "; println", `"hi"`, "; main.mpl:2:3"} {
		if !strings.Contains(d, want) {
			t.Errorf("disassembly lacks %q:\n%s", want, d)
		}
	}
}
