package op

import (
	"strings"
	"testing"
)

func TestEveryOpcodeHasAName(t *testing.T) {
	seen := map[string]Opcode{}
	for o := Opcode(0); int(o) < NumOpcodes; o++ {
		n := o.String()
		if strings.HasPrefix(n, "OP(") {
			t.Errorf("opcode %d has no name", o)
		}
		if prev, dup := seen[n]; dup {
			t.Errorf("opcodes %d and %d share the name %q", prev, o, n)
		}
		seen[n] = o
	}
	if Opcode(NumOpcodes).Valid() {
		t.Errorf("NumOpcodes should not be valid")
	}
}

func TestStackEffect(t *testing.T) {
	cases := []struct {
		in           Instr
		pops, pushes int
	}{
		{Instr{Op: ADD_INT}, 2, 1},
		{Instr{Op: CALL, A: 3, B: 2}, 2, 1},
		{Instr{Op: CALL_CLOSURE, B: 2}, 3, 1},
		{Instr{Op: MAKE_MAP, A: 2}, 4, 1},
		{Instr{Op: LOAD, A: 1}, 0, 1},
		{Instr{Op: STORE, A: 1}, 1, 0},
		{Instr{Op: MAKE_VARIANT, A: 1, B: 0}, 3, 1},
	}
	for _, c := range cases {
		p, q := StackEffect(c.in, func(typ, tag int32) int { return 3 })
		if p != c.pops || q != c.pushes {
			t.Errorf("%v: got %d,%d want %d,%d", c.in, p, q, c.pops, c.pushes)
		}
	}
}
