package vm_test

import (
	"bytes"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
	_ "github.com/mesh-lang/mesh/vm/std"
)

type I = op.Instr

// asm builds a program whose function 0 is main.
func asm(natives []string, consts []bundle.Const, funcs ...*bundle.Function) *bundle.Program {
	return &bundle.Program{Files: []string{"main.mpl"}, Natives: natives, Consts: consts, Funcs: funcs}
}

func run(t *testing.T, p *bundle.Program) (string, string, int) {
	t.Helper()
	b, err := bundle.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	q, err := bundle.Decode(b)
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := vm.Run(q, vm.Options{Stdout: &out, Stderr: &errb})
	return out.String(), errb.String(), code
}

// fibProgram: fn fib(n) = if n < 2 do n else fib(n-1) + fib(n-2) end.
func fibFunc() *bundle.Function {
	return &bundle.Function{Name: "Main.fib", NumParams: 1, NumLocals: 1, Code: []I{
		{Op: op.JUMP_UNLESS_LT_INT, A: 0, B: 2, C: 3},
		{Op: op.LOAD, A: 0}, {Op: op.RETURN},
		{Op: op.LOAD_INT_SUB, A: 0, B: 1}, {Op: op.CALL, A: 1, B: 1},
		{Op: op.LOAD_INT_SUB, A: 0, B: 2}, {Op: op.CALL, A: 1, B: 1},
		{Op: op.ADD_INT}, {Op: op.RETURN},
	}}
}

func TestFib(t *testing.T) {
	main := &bundle.Function{Name: "Main.main", Code: []I{
		{Op: op.INT, A: 20}, {Op: op.CALL, A: 1, B: 1}, {Op: op.TO_STRING},
		{Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}}
	out, _, code := run(t, asm([]string{"println"}, nil, main, fibFunc()))
	if out != "6765\n" || code != 0 {
		t.Fatalf("got %q exit %d", out, code)
	}
}

// loop(n, acc) = if n == 0 do acc else loop(n - 1, acc + n) end, as a tail call.
func loopFunc(self int32) *bundle.Function {
	return &bundle.Function{Name: "Main.loop", NumParams: 2, NumLocals: 2, Code: []I{
		{Op: op.JUMP_UNLESS_EQ_INT, A: 0, B: 0, C: 3},
		{Op: op.LOAD, A: 1}, {Op: op.RETURN},
		{Op: op.LOAD_INT_SUB, A: 0, B: 1}, {Op: op.ADD_INT_LOCALS, A: 1, B: 0},
		{Op: op.TAILCALL, A: self, B: 2},
	}}
}

func TestTailCallMillionDeep(t *testing.T) {
	main := &bundle.Function{Name: "Main.main", Code: []I{
		{Op: op.INT, A: 1000000}, {Op: op.INT, A: 0}, {Op: op.CALL, A: 1, B: 2}, {Op: op.TO_STRING},
		{Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}}
	out, _, code := run(t, asm([]string{"println"}, nil, main, loopFunc(1)))
	if out != "500000500000\n" || code != 0 {
		t.Fatalf("got %q exit %d", out, code)
	}
}

func TestPanicReport(t *testing.T) {
	// main calls div(1, 0) which divides by zero at main.mpl:2:5.
	main := &bundle.Function{Name: "Main.main", Code: []I{
		{Op: op.INT, A: 1}, {Op: op.INT, A: 0}, {Op: op.CALL, A: 1, B: 2}, {Op: op.RETURN},
	}, Lines: []bundle.LineEntry{{PC: 0, Line: 5, Col: 3}}}
	div := &bundle.Function{Name: "Main.div", NumParams: 2, NumLocals: 2, Code: []I{
		{Op: op.LOAD2, A: 0, B: 1}, {Op: op.DIV_INT}, {Op: op.RETURN},
	}, Lines: []bundle.LineEntry{{PC: 0, Line: 2, Col: 5}}}
	out, stderr, code := run(t, asm(nil, nil, main, div))
	if code != 101 || out != "" {
		t.Fatalf("exit %d out %q", code, out)
	}
	if !strings.HasPrefix(stderr, "main.mpl:2:5: panic: division by zero\n") {
		t.Fatalf("stderr %q", stderr)
	}
	if !strings.Contains(stderr, "Main.div (main.mpl:2:5)") || !strings.Contains(stderr, "Main.main (main.mpl:5:3)") {
		t.Fatalf("stack trace missing frames: %q", stderr)
	}
}

func TestNativePanic(t *testing.T) {
	main := &bundle.Function{Name: "Main.main", Code: []I{
		{Op: op.MAKE_LIST, A: 0}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}, Lines: []bundle.LineEntry{{PC: 0, Line: 3, Col: 7}}}
	_, stderr, code := run(t, asm([]string{"List.head"}, nil, main))
	if code != 101 || !strings.HasPrefix(stderr, "main.mpl:3:7: panic: mesh_list_head: empty list\n") {
		t.Fatalf("exit %d stderr %q", code, stderr)
	}
}

func TestDisplayFormats(t *testing.T) {
	consts := []bundle.Const{
		{Kind: bundle.ConstFloat, Flt: 7}, {Kind: bundle.ConstFloat, Flt: 1e21}, {Kind: bundle.ConstFloat, Flt: 1e-7},
		{Kind: bundle.ConstFloat, Flt: -3.5}, {Kind: bundle.ConstString, Str: "hi"}, {Kind: bundle.ConstAtom, Str: "day"},
	}
	pr := []I{{Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.POP}}
	var code []I
	for i := 0; i < 6; i++ {
		code = append(code, I{Op: op.CONST, A: int32(i)})
		code = append(code, pr...)
	}
	code = append(code,
		I{Op: op.INT, A: 1}, I{Op: op.INT, A: 2}, I{Op: op.MAKE_LIST, A: 2}, I{Op: op.CONST, A: 4}, I{Op: op.MAKE_LIST, A: 1}, I{Op: op.MAKE_LIST, A: 2},
	)
	code = append(code, pr...)
	code = append(code, I{Op: op.INT, A: 0}, I{Op: op.INT, A: 100}, I{Op: op.INT, A: 1}, I{Op: op.INT, A: 200}, I{Op: op.MAKE_MAP, A: 2})
	code = append(code, pr...)
	code = append(code, I{Op: op.INT, A: 1}, I{Op: op.CONST, A: 4}, I{Op: op.MAKE_TUPLE, A: 2})
	code = append(code, pr...)
	// Point { x: 1, y: hi } with Debug only; Shape Circle(1.5) with Display; Some(1); None.
	code = append(code, I{Op: op.INT, A: 1}, I{Op: op.CONST, A: 4}, I{Op: op.MAKE_STRUCT, A: 0, B: 2})
	code = append(code, pr...)
	code = append(code, I{Op: op.INT, A: 1}, I{Op: op.CONST, A: 4}, I{Op: op.MAKE_STRUCT, A: 0, B: 2}, I{Op: op.INSPECT})
	code = append(code, pr...)
	code = append(code, I{Op: op.CONST, A: 3}, I{Op: op.MAKE_VARIANT, A: 1, B: 0})
	code = append(code, pr...)
	code = append(code, I{Op: op.CONST, A: 3}, I{Op: op.MAKE_VARIANT, A: 2, B: 0})
	code = append(code, pr...)
	code = append(code, I{Op: op.INT, A: 1}, I{Op: op.MAKE_VARIANT, A: 3, B: 0})
	code = append(code, pr...)
	code = append(code, I{Op: op.MAKE_VARIANT, A: 3, B: 1})
	code = append(code, pr...)
	code = append(code, I{Op: op.CONST, A: 4}, I{Op: op.INSPECT})
	code = append(code, pr...)
	code = append(code, I{Op: op.UNIT}, I{Op: op.RETURN})
	p := asm([]string{"println"}, consts, &bundle.Function{Name: "Main.main", Code: code})
	p.Types = []*bundle.TypeDesc{
		{Name: "Point", Module: "Main", Kind: bundle.StructType, Derives: bundle.DeriveDebug, Fields: []string{"x", "y"}},
		{Name: "Shape", Module: "Main", Kind: bundle.SumType, Derives: bundle.DeriveDisplay, Variants: []bundle.Variant{{Name: "Circle", Fields: []string{""}}}},
		{Name: "Shape2", Module: "Main", Kind: bundle.SumType, Derives: bundle.DeriveDebug, Variants: []bundle.Variant{{Name: "Circle", Fields: []string{""}}}},
		{Name: "Option", Kind: bundle.SumType, Variants: []bundle.Variant{{Name: "Some", Fields: []string{""}}, {Name: "None"}}},
	}
	out, stderr, ec := run(t, p)
	want := strings.Join([]string{"7", "1000000000000000000000", "0.0000001", "-3.5", "hi", "day",
		"[[1, 2], [hi]]", "%{0 => 100, 1 => 200}", "(1, hi)", "Point { x: 1, y: hi }", "Point { x: 1, y: hi }",
		"Circle(-3.5)", "Circle(...)", "Some(1)", "None", `"hi"`}, "\n") + "\n"
	if out != want || ec != 0 {
		t.Fatalf("exit %d stderr %q\ngot:\n%s\nwant:\n%s", ec, stderr, out, want)
	}
}

func TestClosureAndActors(t *testing.T) {
	// main: spawn echo(self()); send(pid, 41); receive n -> println(n+1)
	main := &bundle.Function{Name: "Main.main", NumLocals: 2, Code: []I{
		{Op: op.LOAD_FUNC, A: 1}, {Op: op.CALL_NATIVE, A: 2, B: 0}, {Op: op.CALL_NATIVE, A: 1, B: 2}, {Op: op.STORE, A: 0},
		{Op: op.LOAD, A: 0}, {Op: op.INT, A: 41}, {Op: op.CALL_NATIVE, A: 3, B: 2}, {Op: op.POP},
		{Op: op.RECV_START},
		{Op: op.RECV_NEXT, A: 0}, {Op: op.STORE, A: 1}, {Op: op.RECV_TAKE},
		// closure adding the captured 1
		{Op: op.INT, A: 1}, {Op: op.MAKE_CLOSURE, A: 2, B: 1}, {Op: op.LOAD, A: 1}, {Op: op.CALL_CLOSURE, B: 1},
		{Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}}
	echo := &bundle.Function{Name: "Main.echo", NumParams: 1, NumLocals: 2, Code: []I{
		{Op: op.RECV_START}, {Op: op.RECV_NEXT, A: 0}, {Op: op.STORE, A: 1}, {Op: op.RECV_TAKE},
		{Op: op.LOAD2, A: 0, B: 1}, {Op: op.CALL_NATIVE, A: 3, B: 2}, {Op: op.RETURN},
	}}
	add := &bundle.Function{Name: "Main.add", NumParams: 1, NumCaptures: 1, NumLocals: 2, Code: []I{
		{Op: op.LOAD2, A: 0, B: 1}, {Op: op.ADD_INT}, {Op: op.RETURN},
	}}
	out, stderr, code := run(t, asm([]string{"println", "spawn", "self", "send"}, nil, main, echo, add))
	if out != "42\n" || code != 0 {
		t.Fatalf("got %q exit %d stderr %q", out, code, stderr)
	}
}

func TestSelectiveReceiveTimeout(t *testing.T) {
	// send(self, 1); send(self, 2)
	// receive 2 -> print 2 (1 stays queued); receive n -> print n (1);
	// receive n -> … after 10 -> print 99.
	main := &bundle.Function{Name: "Main.main", NumLocals: 1, Code: []I{
		/*0*/ {Op: op.CALL_NATIVE, A: 1, B: 0}, {Op: op.INT, A: 1}, {Op: op.CALL_NATIVE, A: 2, B: 2}, {Op: op.POP},
		/*4*/ {Op: op.CALL_NATIVE, A: 1, B: 0}, {Op: op.INT, A: 2}, {Op: op.CALL_NATIVE, A: 2, B: 2}, {Op: op.POP},
		/*8*/ {Op: op.RECV_START},
		/*9*/ {Op: op.RECV_NEXT, A: 9}, {Op: op.STORE, A: 0}, {Op: op.LOAD, A: 0}, {Op: op.INT, A: 2}, {Op: op.EQ_INT},
		/*14*/ {Op: op.JUMP_IF_TRUE, A: 17}, {Op: op.RECV_SKIP}, {Op: op.JUMP, A: 9},
		/*17*/ {Op: op.RECV_TAKE}, {Op: op.LOAD, A: 0}, {Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.POP},
		/*22*/ {Op: op.RECV_START}, {Op: op.RECV_NEXT, A: 9}, {Op: op.RECV_TAKE}, {Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.POP},
		/*28*/ {Op: op.INT, A: 10}, {Op: op.RECV_START, B: 1}, {Op: op.RECV_NEXT, A: 35}, {Op: op.RECV_TAKE}, {Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
		/*35*/ {Op: op.INT, A: 99}, {Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}}
	out, stderr, code := run(t, asm([]string{"println", "self", "send"}, nil, main))
	if out != "2\n1\n99\n" || code != 0 {
		t.Fatalf("got %q exit %d stderr %q", out, code, stderr)
	}
}
