package vm_test

import (
	"io"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

// The in-place self tail call: count(i, n, acc) stores acc+i into acc,
// then i+1 into i and restarts, 1,000,000 times in one frame.
func TestRestartLoop(t *testing.T) {
	main := &bundle.Function{Name: "Main.main", Code: []I{
		{Op: op.INT, A: 0}, {Op: op.INT, A: 1000000}, {Op: op.INT, A: 0}, {Op: op.CALL, A: 1, B: 3},
		{Op: op.TO_STRING}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}}
	count := &bundle.Function{Name: "Main.count", NumParams: 3, NumLocals: 3, Code: []I{
		{Op: op.JUMP_UNLESS_EQ_LOCALS, A: 0, B: 1, C: 2},
		{Op: op.RETURN_LOCAL, A: 2},
		{Op: op.ADD_LOCALS_TO, A: 2, B: 0, C: 2},
		{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 3},
	}}
	out, errs, code := run(t, asm([]string{"println"}, nil, main, count))
	if out != "499999500000\n" || code != 0 {
		t.Fatalf("got %q (stderr %q) exit %d", out, errs, code)
	}
}

// Register-style stores overwrite any previous value of the slot (here a
// String) and read their operands before writing.
func TestLocalStores(t *testing.T) {
	main := &bundle.Function{Name: "Main.main", Code: []I{
		{Op: op.INT, A: 10}, {Op: op.CALL, A: 1, B: 1},
		{Op: op.INSPECT}, {Op: op.CALL_NATIVE, A: 0, B: 1}, {Op: op.RETURN},
	}}
	f := &bundle.Function{Name: "Main.f", NumParams: 1, NumLocals: 4, Code: []I{
		{Op: op.CONST, A: 0}, {Op: op.STORE, A: 1}, // local1 = "str"
		{Op: op.ADD_INT_TO_LOCAL, A: 0, B: 5, C: 1}, // local1 = n+5 = 15
		{Op: op.SET_INT_LOCAL, A: -7, B: 2},         // local2 = -7
		{Op: op.ADD_LOCALS_TO, A: 1, B: 2, C: 2},    // local2 = 8
		{Op: op.MOVE_LOCAL, A: 0, B: 3},             // local3 = 10
		{Op: op.MOVE_LOCAL, A: 2, B: 0},             // local0 = 8
		{Op: op.LOAD, A: 0}, {Op: op.LOAD, A: 1}, {Op: op.LOAD, A: 3}, {Op: op.MAKE_TUPLE, A: 3},
		{Op: op.RETURN},
	}}
	out, errs, code := run(t, asm([]string{"println"}, []bundle.Const{{Kind: bundle.ConstString, Str: "str"}}, main, f))
	if out != "(8, 15, 10)\n" || code != 0 {
		t.Fatalf("got %q (stderr %q) exit %d", out, errs, code)
	}
}

// The loader rejects a restart with the wrong frame height and stores to
// locals outside the frame (the interpreter relies on both).
func TestRestartValidation(t *testing.T) {
	main := &bundle.Function{Name: "Main.main", Code: []I{{Op: op.INT, A: 1}, {Op: op.CALL, A: 1, B: 1}, {Op: op.RETURN}}}
	cases := map[string][]I{
		"restart with":  {{Op: op.RESTART, A: 1}},
		"local 5":       {{Op: op.ADD_INT_TO_LOCAL, A: 0, B: 1, C: 5}, {Op: op.RESTART, A: 2}},
		"local 9":       {{Op: op.SET_INT_LOCAL, A: 3, B: 9}, {Op: op.RESTART, A: 2}},
		"restart with ": {{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 7}},
	}
	for want, code := range cases {
		f := &bundle.Function{Name: "Main.f", NumParams: 1, NumLocals: 2, Code: code}
		_, err := vm.Load(asm(nil, nil, main, f), vm.Options{Stdout: io.Discard, Stderr: io.Discard})
		if err == nil || !strings.Contains(err.Error(), strings.TrimSpace(want)) {
			t.Errorf("%v: got error %v, want one mentioning %q", code, err, want)
		}
	}
}
