package vm

import (
	"fmt"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// Entering a function (call, tail call, restart) evaluates its first
// instruction in place when that is a compare-and-branch (exec's enter
// block). These tests run a loop through every such test kind, in the
// LOCALS and INT forms, after every restart instruction, entered directly,
// by CALL and by TAILCALL, with the test both falling through and jumping,
// and with a preemption yield at each entry; the result must match a Go
// model.

var headCmps = []struct {
	name        string
	ints, local op.Opcode
	holds       func(a, b int64) bool
}{
	{"LT", op.JUMP_UNLESS_LT_INT, op.JUMP_UNLESS_LT_LOCALS, func(a, b int64) bool { return a < b }},
	{"LE", op.JUMP_UNLESS_LE_INT, op.JUMP_UNLESS_LE_LOCALS, func(a, b int64) bool { return a <= b }},
	{"GT", op.JUMP_UNLESS_GT_INT, op.JUMP_UNLESS_GT_LOCALS, func(a, b int64) bool { return a > b }},
	{"GE", op.JUMP_UNLESS_GE_INT, op.JUMP_UNLESS_GE_LOCALS, func(a, b int64) bool { return a >= b }},
	{"EQ", op.JUMP_UNLESS_EQ_INT, op.JUMP_UNLESS_EQ_LOCALS, func(a, b int64) bool { return a == b }},
	{"NE", op.JUMP_UNLESS_NE_INT, op.JUMP_UNLESS_NE_LOCALS, func(a, b int64) bool { return a != b }},
}

// headLoop is f(i, n, acc, c) with locals i, n, acc, c, tmp: each turn
// adds 1 to acc when head(i, n or k) holds; it returns acc when c is 0,
// else sets acc = 3*acc, c -= 1, i += 1 and restarts through tail (the
// function is number 1). The order of the outcomes shows in the result.
func headLoop(head op.Instr, tail string) *bundle.Function {
	c := []op.Instr{
		head, // C = 2
		{Op: op.ADD_INT_TO_LOCAL, A: 2, B: 1, C: 2},
		{Op: op.JUMP_UNLESS_EQ_INT, A: 3, B: 0, C: 4},
		{Op: op.RETURN_LOCAL, A: 2},
		{Op: op.ADD_LOCALS_TO, A: 2, B: 2, C: 4},
		{Op: op.ADD_LOCALS_TO, A: 4, B: 2, C: 2},
		{Op: op.ADD_INT_TO_LOCAL, A: 3, B: -1, C: 3},
	}
	switch tail {
	case "RESTART":
		c = append(c, op.Instr{Op: op.ADD_INT_TO_LOCAL, A: 0, B: 1, C: 0}, op.Instr{Op: op.RESTART, A: 5})
	case "ADD_INT_RESTART":
		c = append(c, op.Instr{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 5})
	case "TAILCALL_SELF":
		c = append(c, op.Instr{Op: op.LOAD_INT_ADD, A: 0, B: 1}, op.Instr{Op: op.LOAD, A: 1}, op.Instr{Op: op.LOAD, A: 2},
			op.Instr{Op: op.LOAD, A: 3}, op.Instr{Op: op.TAILCALL_SELF, A: 1, B: 4, C: 5})
	}
	return &bundle.Function{Name: "Main.f", NumParams: 4, NumLocals: 5, Code: c}
}

// headModel is headLoop in Go.
func headModel(holds func(a, b int64) bool, i, rhs int64, turns int) int64 {
	var acc int64
	for c := turns; ; c-- {
		if holds(i, rhs) {
			acc++
		}
		if c == 0 {
			return acc
		}
		acc *= 3
		i++
	}
}

func TestRestartHeadTest(t *testing.T) {
	const turns = 8 // i runs from rhs-4 to rhs+4: below, equal and above
	for _, tail := range []string{"RESTART", "ADD_INT_RESTART", "TAILCALL_SELF"} {
		for _, hc := range headCmps {
			for _, form := range []string{"LOCALS", "INT", "NOP"} {
				const n, k = 5, -3
				head := op.Instr{Op: hc.local, A: 0, B: 1, C: 2}
				rhs := int64(n)
				switch form {
				case "INT":
					head, rhs = op.Instr{Op: hc.ints, A: 0, B: k, C: 2}, k
				case "NOP": // not a test: the restart goes to pc 0 (a NOP)
					head = op.Instr{Op: op.NOP}
				}
				want := headModel(hc.holds, rhs-4, rhs, turns)
				if form == "NOP" {
					want = headModel(func(int64, int64) bool { return true }, 0, 0, turns)
				}
				for _, entry := range []string{"direct", "CALL", "TAILCALL"} {
					t.Run(fmt.Sprintf("%s/%s_%s/%s", tail, hc.name, form, entry), func(t *testing.T) {
						headRun(t, headLoop(head, tail), entry, []Value{Int(rhs - 4), Int(n), Int(0), Int(turns)}, turns, want)
					})
				}
			}
		}
	}
}

// headRun runs f (function 1) on args, directly or from function 2 by CALL
// or TAILCALL, once for each budget that makes the process yield at one of
// its entries (the only reductions: the call and the restarts), and once
// without a yield; each run must return want.
func headRun(t *testing.T, f *bundle.Function, entry string, args []Value, turns int, want int64) {
	t.Helper()
	fn, reductions := 1, turns
	load4 := []op.Instr{{Op: op.LOAD, A: 0}, {Op: op.LOAD, A: 1}, {Op: op.LOAD, A: 2}, {Op: op.LOAD, A: 3}}
	wrap := &bundle.Function{Name: "Main.wrap", NumParams: 4, NumLocals: 4}
	switch entry {
	case "CALL":
		wrap.Code = code(load4, []op.Instr{{Op: op.CALL, A: 1, B: 4}, {Op: op.RETURN}})
		fn, reductions = 2, turns+1
	case "TAILCALL":
		wrap.Code = code(load4, []op.Instr{{Op: op.TAILCALL, A: 1, B: 4}})
		fn, reductions = 2, turns+1
	default:
		wrap.Code = []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}
	}
	m, _ := load(t, f, wrap)
	for b := 1; b <= reductions+1; b++ {
		p := m.newProcess()
		p.budget = b
		got := p.Call(m.funcs[fn], nil, args)
		if got.k != KInt || got.Int() != want {
			t.Fatalf("budget %d: got %s, want %d", b, p.Inspect(got), want)
		}
		left := b - reductions
		if b <= reductions {
			left = reductionBudget - (reductions - b)
		}
		if p.budget != left {
			t.Fatalf("budget %d: %d left after the run, want %d (no yield at that entry)", b, p.budget, left)
		}
	}
}
