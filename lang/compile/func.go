package compile

import (
	"math"
	"slices"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
)

// fn is the state of one function being compiled.
type fn struct {
	c        *compiler
	bf       *bundle.Function
	tf       *types.Function // named function, or nil for closures
	self     int32           // own function index
	selfBind *types.Binding  // nested fn: its own name (rebuilt from captures)
	caps     []*types.Binding
	slots    map[*types.Binding]int
	nlocals  int
	code     []op.Instr
	labels   []*label
	loops    []*loop
	lastLine int
	lastCol  int
	lastFile string
}

type label struct {
	pc   int
	refs []int // instruction indexes whose target operand points here
}

type loop struct {
	brk, cont *label
	acc       int // for loops: the list builder local (-1 for while)
}

func (c *compiler) newFn(bf *bundle.Function, self int32, nparams int, caps []*types.Binding) *fn {
	f := &fn{c: c, bf: bf, self: self, caps: caps, slots: map[*types.Binding]int{}, nlocals: nparams + len(caps)}
	for i, b := range caps {
		f.slots[b] = nparams + i
	}
	bf.NumParams = nparams
	bf.NumCaptures = len(caps)
	return f
}

func (f *fn) finish() {
	f.peephole()
	for i := range f.code {
		switch f.code[i].Op {
		case op.TAILCALL_SELF:
			f.code[i].C = int32(f.nlocals) // the frame's stack height after the restart
		case op.RESTART:
			f.code[i].A = int32(f.nlocals)
		case op.ADD_INT_RESTART:
			f.code[i].C = int32(f.nlocals)
		}
	}
	f.bf.Code = f.code
	f.bf.NumLocals = f.nlocals
}

func (f *fn) temp() int {
	f.nlocals++
	return f.nlocals - 1
}

func (f *fn) slot(b *types.Binding) int {
	if s, ok := f.slots[b]; ok {
		return s
	}
	s := f.temp()
	f.slots[b] = s
	return s
}

func (f *fn) emit(o op.Opcode, a, b int32) int {
	f.code = append(f.code, op.Instr{Op: o, A: a, B: b})
	return len(f.code) - 1
}

func (f *fn) pos(n syntax.Node) {
	if n == nil {
		return
	}
	p := n.Pos()
	if p.Line == 0 || (p.Line == f.lastLine && p.Col == f.lastCol && p.File == f.lastFile) {
		return
	}
	f.lastLine, f.lastCol, f.lastFile = p.Line, p.Col, p.File
	e := bundle.LineEntry{PC: int32(len(f.code)), File: f.c.file(p.File), Line: int32(p.Line), Col: int32(p.Col)}
	if k := len(f.bf.Lines); k > 0 && f.bf.Lines[k-1].PC == e.PC {
		f.bf.Lines[k-1] = e
		return
	}
	f.bf.Lines = append(f.bf.Lines, e)
}

func (f *fn) newLabel() *label {
	l := &label{pc: -1}
	f.labels = append(f.labels, l)
	return l
}

func (f *fn) mark(l *label) {
	l.pc = len(f.code)
	for _, r := range l.refs {
		setTarget(&f.code[r], l.pc)
	}
	l.refs = nil
}

func setTarget(in *op.Instr, pc int) {
	switch in.Op {
	case op.ITER_NEXT:
		in.B = int32(pc)
	case op.JUMP_UNLESS_LT_INT, op.JUMP_UNLESS_LE_INT, op.JUMP_UNLESS_GT_INT, op.JUMP_UNLESS_GE_INT,
		op.JUMP_UNLESS_EQ_INT, op.JUMP_UNLESS_NE_INT, op.JUMP_UNLESS_LT_LOCALS, op.JUMP_UNLESS_LE_LOCALS,
		op.JUMP_UNLESS_GT_LOCALS, op.JUMP_UNLESS_GE_LOCALS, op.JUMP_UNLESS_EQ_LOCALS, op.JUMP_UNLESS_NE_LOCALS:
		in.C = int32(pc)
	default:
		in.A = int32(pc)
	}
}

// jump emits a branch instruction to l (A, or B for ITER_NEXT).
func (f *fn) jump(o op.Opcode, l *label, other int32) {
	in := op.Instr{Op: o}
	if o == op.ITER_NEXT {
		in.A = other
	}
	f.code = append(f.code, in)
	i := len(f.code) - 1
	if l.pc >= 0 {
		setTarget(&f.code[i], l.pc)
	} else {
		l.refs = append(l.refs, i)
	}
}

// peephole fuses common sequences into superinstructions, then compacts
// the code and remaps jump targets and the line table.
func (f *fn) peephole() {
	code := f.code
	target := make([]bool, len(code)+1)
	for _, in := range code {
		if t, ok := in.JumpTarget(); ok && t < len(target) {
			target[t] = true
		}
	}
	remove := make([]bool, len(code))
	free := func(i, n int) bool { // instructions i+1..i+n-1 are not jump targets
		for k := i + 1; k < i+n; k++ {
			if k >= len(code) || target[k] || remove[k] {
				return false
			}
		}
		return true
	}
	fusedCmp := map[op.Opcode]op.Opcode{
		op.LT_INT: op.JUMP_UNLESS_LT_INT, op.LE_INT: op.JUMP_UNLESS_LE_INT, op.GT_INT: op.JUMP_UNLESS_GT_INT,
		op.GE_INT: op.JUMP_UNLESS_GE_INT, op.EQ_INT: op.JUMP_UNLESS_EQ_INT, op.NE_INT: op.JUMP_UNLESS_NE_INT,
	}
	fusedLocals := map[op.Opcode]op.Opcode{
		op.LT_INT: op.JUMP_UNLESS_LT_LOCALS, op.LE_INT: op.JUMP_UNLESS_LE_LOCALS, op.GT_INT: op.JUMP_UNLESS_GT_LOCALS,
		op.GE_INT: op.JUMP_UNLESS_GE_LOCALS, op.EQ_INT: op.JUMP_UNLESS_EQ_LOCALS, op.NE_INT: op.JUMP_UNLESS_NE_LOCALS,
	}
	for i := 0; i < len(code); i++ {
		if remove[i] || code[i].Op != op.LOAD {
			continue
		}
		a := code[i].A
		if i+3 < len(code) && free(i, 4) && code[i+1].Op == op.LOAD && code[i+3].Op == op.JUMP_IF_FALSE {
			if fo, ok := fusedLocals[code[i+2].Op]; ok {
				code[i] = op.Instr{Op: fo, A: a, B: code[i+1].A, C: code[i+3].A}
				remove[i+1], remove[i+2], remove[i+3] = true, true, true
				continue
			}
		}
		if i+3 < len(code) && free(i, 4) && code[i+1].Op == op.INT && code[i+3].Op == op.JUMP_IF_FALSE {
			if fo, ok := fusedCmp[code[i+2].Op]; ok {
				code[i] = op.Instr{Op: fo, A: a, B: code[i+1].A, C: code[i+3].A}
				remove[i+1], remove[i+2], remove[i+3] = true, true, true
				continue
			}
		}
		if i+2 < len(code) && free(i, 3) && code[i+1].Op == op.INT {
			switch code[i+2].Op {
			case op.ADD_INT:
				code[i] = op.Instr{Op: op.LOAD_INT_ADD, A: a, B: code[i+1].A}
				remove[i+1], remove[i+2] = true, true
				continue
			case op.SUB_INT:
				code[i] = op.Instr{Op: op.LOAD_INT_SUB, A: a, B: code[i+1].A}
				remove[i+1], remove[i+2] = true, true
				continue
			}
		}
		if i+1 < len(code) && free(i, 2) && code[i+1].Op == op.RETURN {
			code[i] = op.Instr{Op: op.RETURN_LOCAL, A: a}
			remove[i+1] = true
			continue
		}
		if i+1 < len(code) && free(i, 2) && code[i+1].Op == op.LOAD {
			if i+2 < len(code) && free(i, 3) && code[i+2].Op == op.ADD_INT {
				code[i] = op.Instr{Op: op.ADD_INT_LOCALS, A: a, B: code[i+1].A}
				remove[i+1], remove[i+2] = true, true
				continue
			}
			if i+3 < len(code) && free(i+1, 3) && code[i+2].Op == op.LOAD && code[i+3].Op == op.ADD_INT {
				continue // leave i+1.. to become ADD_INT_LOCALS
			}
			code[i] = op.Instr{Op: op.LOAD2, A: a, B: code[i+1].A}
			remove[i+1] = true
		}
	}
	for i := 0; i+1 < len(code); i++ {
		// a negative literal: INT k; NEG_INT → INT -k
		if !remove[i] && code[i].Op == op.INT && code[i+1].Op == op.NEG_INT && free(i, 2) && code[i].A != math.MinInt32 {
			code[i].A = -code[i].A
			remove[i+1] = true
		}
	}
	for i := range code {
		if !remove[i] && code[i].Op == op.TAILCALL_SELF {
			inPlaceSelfCall(code, i, target, remove)
		}
	}
	newPC := make([]int, len(code)+1)
	var out []op.Instr
	for i, in := range code {
		newPC[i] = len(out)
		if !remove[i] {
			out = append(out, in)
		}
	}
	newPC[len(code)] = len(out)
	for i := range out {
		if t, ok := out[i].JumpTarget(); ok {
			setTarget(&out[i], newPC[t])
		}
	}
	var lines []bundle.LineEntry
	for _, l := range f.bf.Lines {
		l.PC = int32(newPC[l.PC])
		if k := len(lines); k > 0 && lines[k-1].PC == l.PC {
			lines[k-1] = l
			continue
		}
		lines = append(lines, l)
	}
	f.bf.Lines = lines
	f.code = out
}

// inPlaceSelfCall rewrites the self tail call at code[i] when every argument
// is pushed by one simple instruction (a local, a small Int, local+k,
// local+local): each new parameter value is stored straight into its slot
// and RESTART jumps back to the top, so a loop iteration moves nothing
// through the operand stack. Stores are ordered so that every old value is
// read before its slot is overwritten; a cycle (f(b, a)) keeps the call.
func inPlaceSelfCall(code []op.Instr, i int, target, remove []bool) {
	n := int(code[i].B)
	type assign struct {
		in    op.Instr // the store
		reads []int32
		dst   int32
	}
	args := make([]op.Instr, n) // one pushing instruction per argument
	var idxs []int              // the pushing instructions, descending
	k := n - 1
	for j := i - 1; k >= 0 && j >= 0; j-- {
		if remove[j] {
			continue
		}
		in := code[j]
		switch in.Op {
		case op.LOAD, op.INT, op.LOAD_INT_ADD, op.LOAD_INT_SUB, op.ADD_INT_LOCALS:
			args[k] = in
			k--
		case op.SUB_INT, op.MUL_INT:
			// local op local: LOAD2 a b; SUB_INT|MUL_INT
			p := j - 1
			for p >= 0 && remove[p] {
				p--
			}
			if p < 0 || code[p].Op != op.LOAD2 {
				return
			}
			args[k] = op.Instr{Op: in.Op, A: code[p].A, B: code[p].B}
			k--
			idxs = append(idxs, j)
			j = p
		case op.LOAD2:
			if k < 1 {
				return
			}
			args[k] = op.Instr{Op: op.LOAD, A: in.B}
			args[k-1] = op.Instr{Op: op.LOAD, A: in.A}
			k -= 2
		default:
			return
		}
		idxs = append(idxs, j)
	}
	if k >= 0 || len(idxs) == 0 && n > 0 {
		return
	}
	first := i
	if len(idxs) > 0 {
		first = idxs[len(idxs)-1]
	}
	for x := first + 1; x <= i; x++ {
		if target[x] {
			return
		}
	}
	var pending []assign
	for p, in := range args {
		d := int32(p)
		switch in.Op {
		case op.LOAD:
			if in.A != d {
				pending = append(pending, assign{op.Instr{Op: op.MOVE_LOCAL, A: in.A, B: d}, []int32{in.A}, d})
			}
		case op.INT:
			pending = append(pending, assign{op.Instr{Op: op.SET_INT_LOCAL, A: in.A, B: d}, nil, d})
		case op.LOAD_INT_ADD:
			pending = append(pending, assign{op.Instr{Op: op.ADD_INT_TO_LOCAL, A: in.A, B: in.B, C: d}, []int32{in.A}, d})
		case op.LOAD_INT_SUB:
			if in.B == math.MinInt32 {
				return
			}
			pending = append(pending, assign{op.Instr{Op: op.ADD_INT_TO_LOCAL, A: in.A, B: -in.B, C: d}, []int32{in.A}, d})
		case op.ADD_INT_LOCALS:
			pending = append(pending, assign{op.Instr{Op: op.ADD_LOCALS_TO, A: in.A, B: in.B, C: d}, []int32{in.A, in.B}, d})
		case op.SUB_INT:
			pending = append(pending, assign{op.Instr{Op: op.SUB_LOCALS_TO, A: in.A, B: in.B, C: d}, []int32{in.A, in.B}, d})
		case op.MUL_INT:
			pending = append(pending, assign{op.Instr{Op: op.MUL_LOCALS_TO, A: in.A, B: in.B, C: d}, []int32{in.A, in.B}, d})
		}
	}
	if len(pending) > len(idxs) {
		return // more stores than the pushes they replace (LOAD2)
	}
	// A counter (x = x + k) that reads no other parameter being assigned
	// goes last, fused with the restart.
	var last *op.Instr
	for a := len(pending) - 1; a >= 0; a-- {
		in := pending[a].in
		if in.Op == op.ADD_INT_TO_LOCAL && in.A == in.C {
			last = &op.Instr{Op: op.ADD_INT_RESTART, A: in.A, B: in.B}
			pending = append(pending[:a], pending[a+1:]...)
			break
		}
	}
	var order []op.Instr
	for len(pending) > 0 {
		pick := -1
		for a := range pending {
			free := true
			for b := range pending {
				if b != a && slices.Contains(pending[b].reads, pending[a].dst) {
					free = false
					break
				}
			}
			if free {
				pick = a
				break
			}
		}
		if pick < 0 {
			return // the arguments permute the parameters: keep the stack moves
		}
		order = append(order, pending[pick].in)
		pending = append(pending[:pick], pending[pick+1:]...)
	}
	restart := op.Instr{Op: op.RESTART}
	if last != nil {
		restart = *last
	}
	slots := append([]int(nil), idxs...)
	slices.Reverse(slots)
	slots = append(slots, i)
	for x, s := range slots {
		switch {
		case x < len(order):
			code[s] = order[x]
		case x == len(order):
			code[s] = restart
		default:
			remove[s] = true
		}
	}
}

// clause is one clause of a named function or closure.
type clause struct {
	params []*syntax.Param
	guard  syntax.Expr
	body   *syntax.Block
	node   syntax.Node
}

func (c *compiler) compileFunction(tf *types.Function, bf *bundle.Function, caps []*types.Binding) {
	self := int32(c.funcIdx[tf])
	if tf.Kind == types.FuncActor && tf.Actor != nil {
		a := tf.Actor
		f := c.newFn(bf, self, len(a.Params), caps)
		f.tf = tf
		if a.Terminate != nil {
			// Register the terminate clause (with the current arguments) at
			// each (re)entry of the body; the runtime runs it at exit.
			term := c.terminateFunc(tf, a)
			f.emit(op.LOAD_FUNC, term, 0)
			for i := range a.Params {
				f.emit(op.LOAD, int32(i), 0)
			}
			f.emit(op.CALL_NATIVE, c.native("__on_exit"), int32(len(a.Params)+1))
			f.emit(op.POP, 0, 0)
		}
		f.clauses([]clause{{params: a.Params, body: a.Body, node: a}})
		f.finish()
		return
	}
	var cls []clause
	for _, d := range tf.Clauses {
		cls = append(cls, clause{params: d.Params, guard: d.Guard, body: d.Body, node: d})
	}
	arity := tf.Arity
	if len(cls) > 0 {
		arity = len(cls[0].params)
	}
	f := c.newFn(bf, self, arity, caps)
	f.tf = tf
	if tf.Kind == types.FuncNested {
		f.selfBind = tf.Binding
	}
	f.clauses(cls)
	f.finish()
}

// clauses compiles clause selection: each clause's pattern parameters and
// guard are tested in order; the first that matches runs its body in tail
// position. Falling off the last clause is "non-exhaustive match".
func (f *fn) clauses(cls []clause) {
	tp := f.c.tp
	for _, cl := range cls {
		next := f.newLabel()
		f.pos(cl.node)
		for i, p := range cl.params {
			switch {
			case p.Self:
				if b := tp.Defs[p]; b != nil {
					f.slots[b] = i
				}
			case p.Name != nil:
				if b := tp.Defs[p.Name]; b != nil {
					f.slots[b] = i
				}
			case p.Pattern != nil:
				f.pattern(p.Pattern, i, next)
			}
		}
		if cl.guard != nil {
			f.expr(cl.guard)
			f.jump(op.JUMP_IF_FALSE, next, 0)
		}
		if cl.body == nil {
			f.emit(op.UNIT, 0, 0)
			f.emit(op.RETURN, 0, 0)
		} else {
			f.tailBlock(cl.body)
		}
		f.mark(next)
	}
	f.emit(op.MATCH_FAIL, 0, 0)
}

// terminateFunc compiles an actor's terminate clause as a function taking
// the actor's parameters.
func (c *compiler) terminateFunc(tf *types.Function, a *syntax.ActorDecl) int32 {
	bf := &bundle.Function{Name: tf.QualName + ".terminate"}
	idx := int32(len(c.out.Funcs))
	c.out.Funcs = append(c.out.Funcs, bf)
	g := c.newFn(bf, idx, len(a.Params), nil)
	for i, p := range a.Params {
		if p.Name != nil {
			if b := c.tp.Defs[p.Name]; b != nil {
				g.slots[b] = i
			}
		}
	}
	g.tailBlock(a.Terminate)
	g.finish()
	return idx
}

// serviceHandler compiles a call/cast handler as a function of
// (args…, state) returning (new_state, reply) or the new state.
func (c *compiler) serviceHandler(svc *types.Service, h *types.ServiceHandler) int32 {
	key := "handler:" + svc.Name + "." + h.Name
	if i, ok := c.wrapIdx[key]; ok {
		return int32(i)
	}
	d := h.Decl
	bf := &bundle.Function{Name: svc.Name + "." + h.Name}
	idx := int32(len(c.out.Funcs))
	c.wrapIdx[key] = int(idx)
	c.out.Funcs = append(c.out.Funcs, bf)
	g := c.newFn(bf, idx, len(d.Params)+1, nil)
	for i, p := range d.Params {
		if p.Name != nil {
			if b := c.tp.Defs[p.Name]; b != nil {
				g.slots[b] = i
			}
		}
	}
	if d.State != nil {
		if b := c.tp.Defs[d.State]; b != nil {
			g.slots[b] = len(d.Params)
		}
	}
	g.tailBlock(d.Body)
	g.finish()
	return idx
}
