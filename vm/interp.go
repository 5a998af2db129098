package vm

import (
	"math"
	"runtime"
	"strings"
	"time"
	"unsafe"

	"github.com/mesh-lang/mesh/lang/compile/op"
)

// listBuilder accumulates a for loop's values (LIST_NEW/LIST_PUSH/LIST_FINISH).
type listBuilder struct{ items []Value }

// Iter walks a list, map, set or range for a for loop.
type Iter struct {
	fn     func() (Value, bool) // lazy source (Iter.* adapters); nil for the others
	items  []Value              // list/set elements or map keys
	vals   []Value              // map values (nil otherwise)
	i      int
	lo, hi int64 // range
	isRng  bool
}

func (t *Process) makeIter(v Value) Value {
	it := &Iter{}
	switch v.k {
	case KList, KTuple:
		it.items = v.Items()
	case KMap:
		it.items, it.vals = v.Map().Keys(), v.Map().Vals()
	case KSet:
		it.items = v.Map().Keys()
	case KRange:
		it.lo, it.hi = v.Range()
		it.isRng = true
	case KIter:
		return v
	case KStruct, KVariant:
		// A user Iterable (iter method) or Iterator (next returning Option).
		if f := t.m.method(t.typeName(v), "iter"); f != nil {
			return t.makeIter(t.Call(f, nil, []Value{v}))
		}
		if f := t.m.method(t.typeName(v), "next"); f != nil {
			cur := v
			it.fn = func() (Value, bool) {
				r := t.Call(f, nil, []Value{cur})
				if r.k == KTuple { // (Option<item>, next state) style is not used; Option only
					return Value{}, false
				}
				if r.Tag() != 0 {
					return Value{}, false
				}
				return r.Fields()[0], true
			}
			return Value{k: KIter, p: unsafe.Pointer(it)}
		}
		t.Panicf("value of type %s is not iterable", t.typeName(v))
	default:
		t.Panicf("value is not iterable")
	}
	return Value{k: KIter, p: unsafe.Pointer(it)}
}

func (it *Iter) next() (Value, bool) {
	if it.fn != nil {
		return it.fn()
	}
	if it.isRng {
		if it.lo >= it.hi {
			return Value{}, false
		}
		it.lo++
		return Int(it.lo - 1), true
	}
	if it.i >= len(it.items) {
		return Value{}, false
	}
	i := it.i
	it.i++
	if it.vals != nil {
		return Tuple(it.items[i], it.vals[i]), true
	}
	return it.items[i], true
}

// IterOf returns an iterator over a list, map (as (k, v) tuples), set,
// range, iterator or user Iterable.
func (t *Process) IterOf(v Value) Value {
	return t.makeIter(v)
}

// NewIter makes a lazy iterator from a next function.
func NewIter(next func() (Value, bool)) Value {
	return Value{k: KIter, p: unsafe.Pointer(&Iter{fn: next})}
}

// Next pulls the next element of an iterator value.
func (v Value) Next() (Value, bool) {
	return (*Iter)(v.p).next()
}

// CallMethod calls a method by name on args[0]'s runtime type, falling
// back to built-in trait behaviour.
func (t *Process) CallMethod(name string, args ...Value) Value {
	if f := t.m.method(t.typeName(args[0]), name); f != nil {
		return t.Call(f, nil, args)
	}
	r, ok := t.builtinMethod(name, args)
	if !ok {
		t.Panicf("no method %s for a value of type %s", name, t.typeName(args[0]))
	}
	return r
}

// typeName is the runtime type name used by the method table.
func (t *Process) typeName(v Value) string {
	switch v.k {
	case KInt:
		return "Int"
	case KFloat:
		return "Float"
	case KBool:
		return "Bool"
	case KString:
		return "String"
	case KAtom:
		return "Atom"
	case KUnit:
		return "()"
	case KList:
		return "List"
	case KMap:
		return "Map"
	case KSet:
		return "Set"
	case KTuple:
		return "Tuple"
	case KStruct, KVariant:
		return t.m.types[v.TypeID()].QualName()
	case KPid:
		return "Pid"
	case KRange:
		return "Range"
	case KHandle:
		return v.Handle().Type
	}
	return "?"
}

// builtinMethod implements compiler-known trait methods on values whose
// type has no user impl (generic code dispatching at run time).
func (t *Process) builtinMethod(name string, args []Value) (Value, bool) {
	a := args[0]
	switch name {
	case "to_string":
		return Str(t.Display(a)), true
	case "inspect":
		return Str(t.Inspect(a)), true
	case "eq":
		return Bool(t.Equal(a, args[1])), true
	case "ne":
		return Bool(!t.Equal(a, args[1])), true
	case "lt":
		return Bool(t.Compare(a, args[1]) < 0), true
	case "compare":
		return t.m.Ordering(t.Compare(a, args[1])), true
	case "hash":
		return Int(int64(hashString(keyText(a)))), true
	}
	if len(args) == 2 && a.k == args[1].k {
		b := args[1]
		switch a.k {
		case KInt:
			x, y := a.Int(), b.Int()
			switch name {
			case "add":
				return Int(x + y), true
			case "sub":
				return Int(x - y), true
			case "mul":
				return Int(x * y), true
			case "div":
				if y == 0 {
					t.Panicf("division by zero")
				}
				return Int(x / y), true
			case "mod":
				if y == 0 {
					t.Panicf("division by zero")
				}
				return Int(x % y), true
			}
		case KFloat:
			x, y := a.Float(), b.Float()
			switch name {
			case "add":
				return Float(x + y), true
			case "sub":
				return Float(x - y), true
			case "mul":
				return Float(x * y), true
			case "div":
				return Float(x / y), true
			case "mod":
				return Float(math.Mod(x, y)), true
			}
		case KString:
			if name == "add" {
				return Str(a.Str() + b.Str()), true
			}
		}
	}
	if len(args) == 1 && name == "neg" {
		switch a.k {
		case KInt:
			return Int(-a.Int()), true
		case KFloat:
			return Float(-a.Float()), true
		}
	}
	return Value{}, false
}

func hashString(s string) uint64 {
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// local is local slot i of the frame at base, without a bounds check:
// bundle.Validate checked i < NumLocals for every instruction that names a
// local, and a frame's stack is grown to its frameSize before it runs.
func local(stack []Value, base int, i int32) *Value {
	return (*Value)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(stack)), uintptr(base+int(i))*unsafe.Sizeof(Value{})))
}

// at is operand stack slot i, without a bounds check: the loader's
// maxDepth bounds the operand stack of every function, and a frame's stack
// is grown to its frameSize (locals + max depth + 1) before it runs.
func at(stack []Value, i int) *Value {
	return (*Value)(unsafe.Add(unsafe.Pointer(unsafe.SliceData(stack)), uintptr(i)*unsafe.Sizeof(Value{})))
}

// setInt stores an Int into a slot. The pointer word is only written when
// it is set, so the common case (a slot that already holds an Int) needs
// no GC write barrier.
func setInt(v *Value, n uint64) {
	v.k, v.n = KInt, n
	if v.p != nil {
		v.p = nil
	}
}

// run executes from the frame at index entry until that frame returns.
// Each time the reduction budget runs out, exec returns to it: a pending
// exit signal then ends the process (as at a receive), otherwise other
// goroutines get the processor before exec resumes where it stopped.
func (t *Process) run(entry int) Value {
	resume := false
	for {
		v, yielded := t.exec(entry, resume)
		if !yielded {
			return v
		}
		t.budget = reductionBudget
		t.checkKilled()
		runtime.Gosched()
		resume = true
	}
}

// exec is the one dispatch loop: locals in registers, one switch per
// instruction. Anything that may call back into Mesh code first stores
// sp (t.sp) and pc (top frame), and reloads the stack afterwards. When
// the budget runs out after a call, tail call, restart, jump or loop step
// it saves pc and sp and returns yielded; with resume it continues from
// the saved state.
func (t *Process) exec(entry int, resume bool) (ret Value, yielded bool) {
	m := t.m
	fr := &t.frames[len(t.frames)-1]
	// code points at the current function's first instruction; Validate
	// guarantees every path ends in a terminator and every jump is in
	// range, so pc never leaves the code and needs no bounds check.
	code := unsafe.Pointer(unsafe.SliceData(fr.fn.Code))
	pc := fr.pc
	base := fr.base
	stack := t.stack
	sp := base + fr.fn.NumLocals
	if resume {
		sp = t.sp
	}
	// budget counts down reductions (calls, tail calls, restarts, jumps,
	// loop steps) to the next yield; it lives in a local for speed and goes
	// back to t.budget when this run returns, so natives calling Mesh
	// closures in a loop still use it up.
	budget := t.budget

	for {
		ins := (*op.Instr)(unsafe.Add(code, uintptr(pc)*unsafe.Sizeof(op.Instr{})))
		pc++
		// Hot instructions make no calls that return: a call would force the
		// loop variables to be spilled on every dispatch. Everything else is
		// under default, where those spills stay.
		switch ins.Op {
		case op.NOP:
		case op.CONST:
			*at(stack, sp) = m.consts[ins.A]
			sp++
		case op.INT:
			*at(stack, sp) = Value{k: KInt, n: uint64(int64(ins.A))}
			sp++
		case op.UNIT:
			*at(stack, sp) = Value{}
			sp++
		case op.TRUE:
			*at(stack, sp) = Value{k: KBool, n: 1}
			sp++
		case op.FALSE:
			*at(stack, sp) = Value{k: KBool}
			sp++
		case op.POP:
			sp--
		case op.DUP:
			*at(stack, sp) = *at(stack, sp-1)
			sp++
		case op.LOAD:
			*at(stack, sp) = *local(stack, base, ins.A)
			sp++
		case op.LOAD2:
			*at(stack, sp) = *local(stack, base, ins.A)
			*at(stack, sp+1) = *local(stack, base, ins.B)
			sp += 2
		case op.STORE:
			sp--
			*local(stack, base, ins.A) = *at(stack, sp)
		case op.ADD_INT_LOCALS:
			*at(stack, sp) = Value{k: KInt, n: local(stack, base, ins.A).n + local(stack, base, ins.B).n}
			sp++
		case op.JUMP_UNLESS_LT_INT:
			if !(int64(local(stack, base, ins.A).n) < int64(ins.B)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_LE_INT:
			if !(int64(local(stack, base, ins.A).n) <= int64(ins.B)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_GT_INT:
			if !(int64(local(stack, base, ins.A).n) > int64(ins.B)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_GE_INT:
			if !(int64(local(stack, base, ins.A).n) >= int64(ins.B)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_EQ_INT:
			if int64(local(stack, base, ins.A).n) != int64(ins.B) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_NE_INT:
			if int64(local(stack, base, ins.A).n) == int64(ins.B) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_LT_LOCALS:
			if !(int64(local(stack, base, ins.A).n) < int64(local(stack, base, ins.B).n)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_LE_LOCALS:
			if !(int64(local(stack, base, ins.A).n) <= int64(local(stack, base, ins.B).n)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_GT_LOCALS:
			if !(int64(local(stack, base, ins.A).n) > int64(local(stack, base, ins.B).n)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_GE_LOCALS:
			if !(int64(local(stack, base, ins.A).n) >= int64(local(stack, base, ins.B).n)) {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_EQ_LOCALS:
			if local(stack, base, ins.A).n != local(stack, base, ins.B).n {
				pc = int(ins.C)
			}
		case op.JUMP_UNLESS_NE_LOCALS:
			if local(stack, base, ins.A).n == local(stack, base, ins.B).n {
				pc = int(ins.C)
			}
		case op.LOAD_INT_ADD:
			*at(stack, sp) = Value{k: KInt, n: local(stack, base, ins.A).n + uint64(int64(ins.B))}
			sp++
		case op.LOAD_INT_SUB:
			*at(stack, sp) = Value{k: KInt, n: local(stack, base, ins.A).n - uint64(int64(ins.B))}
			sp++
		case op.MOVE_LOCAL:
			*local(stack, base, ins.B) = *local(stack, base, ins.A)
		case op.SET_INT_LOCAL:
			setInt(local(stack, base, ins.B), uint64(int64(ins.A)))
		case op.ADD_INT_TO_LOCAL:
			setInt(local(stack, base, ins.C), local(stack, base, ins.A).n+uint64(int64(ins.B)))
		case op.ADD_LOCALS_TO:
			setInt(local(stack, base, ins.C), local(stack, base, ins.A).n+local(stack, base, ins.B).n)
		case op.RESTART:
			sp = base + int(ins.A)
			goto enter
		case op.SUB_LOCALS_TO:
			setInt(local(stack, base, ins.C), local(stack, base, ins.A).n-local(stack, base, ins.B).n)
		case op.MUL_LOCALS_TO:
			setInt(local(stack, base, ins.C), uint64(int64(local(stack, base, ins.A).n)*int64(local(stack, base, ins.B).n)))
		case op.ADD_INT_RESTART:
			setInt(local(stack, base, ins.A), local(stack, base, ins.A).n+uint64(int64(ins.B)))
			sp = base + int(ins.C)
			goto enter

		case op.ADD_INT:
			sp--
			at(stack, sp-1).n += at(stack, sp).n
		case op.SUB_INT:
			sp--
			at(stack, sp-1).n -= at(stack, sp).n
		case op.MUL_INT:
			sp--
			at(stack, sp-1).n = uint64(int64(at(stack, sp-1).n) * int64(at(stack, sp).n))
		case op.NEG_INT:
			at(stack, sp-1).n = uint64(-int64(at(stack, sp-1).n))
		case op.EQ_INT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).n == at(stack, sp).n)
		case op.NE_INT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).n != at(stack, sp).n)
		case op.LT_INT:
			sp--
			*at(stack, sp-1) = Bool(int64(at(stack, sp-1).n) < int64(at(stack, sp).n))
		case op.LE_INT:
			sp--
			*at(stack, sp-1) = Bool(int64(at(stack, sp-1).n) <= int64(at(stack, sp).n))
		case op.GT_INT:
			sp--
			*at(stack, sp-1) = Bool(int64(at(stack, sp-1).n) > int64(at(stack, sp).n))
		case op.GE_INT:
			sp--
			*at(stack, sp-1) = Bool(int64(at(stack, sp-1).n) >= int64(at(stack, sp).n))

		case op.ADD_FLOAT:
			sp--
			*at(stack, sp-1) = Float(at(stack, sp-1).Float() + at(stack, sp).Float())
		case op.SUB_FLOAT:
			sp--
			*at(stack, sp-1) = Float(at(stack, sp-1).Float() - at(stack, sp).Float())
		case op.MUL_FLOAT:
			sp--
			*at(stack, sp-1) = Float(at(stack, sp-1).Float() * at(stack, sp).Float())
		case op.DIV_FLOAT:
			sp--
			*at(stack, sp-1) = Float(at(stack, sp-1).Float() / at(stack, sp).Float())
		case op.NEG_FLOAT:
			*at(stack, sp-1) = Float(-at(stack, sp-1).Float())
		case op.EQ_FLOAT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).Float() == at(stack, sp).Float())
		case op.NE_FLOAT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).Float() != at(stack, sp).Float())
		case op.LT_FLOAT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).Float() < at(stack, sp).Float())
		case op.LE_FLOAT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).Float() <= at(stack, sp).Float())
		case op.GT_FLOAT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).Float() > at(stack, sp).Float())
		case op.GE_FLOAT:
			sp--
			*at(stack, sp-1) = Bool(at(stack, sp-1).Float() >= at(stack, sp).Float())

		case op.NOT:
			at(stack, sp-1).n ^= 1
		case op.JUMP:
			pc = int(ins.A)
			if budget--; budget == 0 {
				goto yield
			}
		case op.JUMP_IF_FALSE:
			sp--
			if at(stack, sp).n == 0 {
				pc = int(ins.A)
			}
		case op.JUMP_IF_TRUE:
			sp--
			if at(stack, sp).n != 0 {
				pc = int(ins.A)
			}

		case op.CALL:
			callee := m.funcs[ins.A]
			top := len(t.frames)
			t.frames[top-1].pc = pc
			nb := sp - int(ins.B)
			if nb+callee.frameSize <= len(stack) && top < cap(t.frames) {
				t.frames = t.frames[:top+1]
				t.frames[top] = frame{fn: callee, base: nb, retSp: nb}
			} else {
				// Grow the stack or the frame list; only stack is
				// reloaded after the call and nothing else is used.
				t.sp = sp
				t.pushFrame(frame{fn: callee, base: nb, retSp: nb})
				stack = t.stack
			}
			code, base = unsafe.Pointer(unsafe.SliceData(callee.Code)), nb
			sp = nb + callee.NumLocals
			goto enter
		case op.TAILCALL:
			callee := m.funcs[ins.A]
			n := int(ins.B)
			for i := 0; i < n; i++ { // not copy: typedslicecopy is a call
				*at(stack, base+i) = *at(stack, sp-n+i)
			}
			if base+callee.frameSize > len(stack) {
				// Rare: grow, then reload what the call may have moved.
				t.sp = base + n
				t.grow(base + callee.frameSize)
				stack = t.stack
				base = t.frames[len(t.frames)-1].base
			}
			t.frames[len(t.frames)-1].fn = callee
			code = unsafe.Pointer(unsafe.SliceData(callee.Code))
			sp = base + callee.NumLocals
			goto enter
		case op.TAILCALL_SELF:
			// Same function, same frame: move the arguments down and restart.
			n := int(ins.B)
			for i := 0; i < n; i++ {
				*at(stack, base+i) = *at(stack, sp-n+i)
			}
			sp = base + int(ins.C) // C = the function's NumLocals
			goto enter
		case op.RETURN, op.RETURN_LOCAL:
			var ret Value
			if ins.Op == op.RETURN {
				ret = *at(stack, sp-1)
			} else {
				ret = *local(stack, base, ins.A)
			}
			top := len(t.frames) - 1
			retSp := t.frames[top].retSp
			t.frames = t.frames[:top]
			if top == entry {
				t.sp = retSp
				t.budget = budget
				return ret, false
			}
			caller := &t.frames[top-1]
			code, pc, base = unsafe.Pointer(unsafe.SliceData(caller.fn.Code)), caller.pc, caller.base
			sp = retSp
			*at(stack, sp) = ret
			sp++
		case op.GET_FIELD:
			*at(stack, sp-1) = at(stack, sp-1).Fields()[ins.A]
		case op.TEST_TAG:
			v := *at(stack, sp-1)
			*at(stack, sp-1) = Bool(v.k == KVariant && v.Tag() == int(ins.A))
		case op.GET_PAYLOAD:
			*at(stack, sp-1) = at(stack, sp-1).Fields()[ins.A]
		case op.TUPLE_GET:
			*at(stack, sp-1) = at(stack, sp-1).Items()[ins.A]
		case op.LIST_EMPTY:
			*at(stack, sp-1) = Bool(at(stack, sp-1).n == 0)
		case op.LIST_HEAD:
			*at(stack, sp-1) = at(stack, sp-1).Items()[0]
		case op.LIST_TAIL:
			v := *at(stack, sp-1)
			if v.n <= 1 {
				*at(stack, sp-1) = Value{k: KList}
			} else {
				*at(stack, sp-1) = Value{k: KList, n: v.n - 1, p: unsafe.Add(v.p, unsafe.Sizeof(Value{}))}
			}
		default:
			switch ins.Op {
			case op.LOAD_FUNC:
				stack[sp] = ClosureVal(&Closure{Fn: m.funcs[ins.A]})
				sp++
			case op.DIV_INT, op.MOD_INT:
				sp--
				y := int64(stack[sp].n)
				if y == 0 {
					t.frames[len(t.frames)-1].pc = pc
					t.sp = sp
					t.Panicf("division by zero")
				}
				x := int64(stack[sp-1].n)
				var r int64
				if y == -1 {
					if ins.Op == op.DIV_INT {
						r = -x
					}
				} else if ins.Op == op.DIV_INT {
					r = x / y
				} else {
					r = x % y
				}
				stack[sp-1].n = uint64(r)
			case op.MOD_FLOAT:
				sp--
				stack[sp-1] = Float(math.Mod(stack[sp-1].Float(), stack[sp].Float()))
			case op.CONCAT:
				sp--
				stack[sp-1] = Str(stack[sp-1].Str() + stack[sp].Str())
			case op.EQ_STR:
				sp--
				stack[sp-1] = Bool(stack[sp-1].Str() == stack[sp].Str())
			case op.NE_STR:
				sp--
				stack[sp-1] = Bool(stack[sp-1].Str() != stack[sp].Str())
			case op.LT_STR:
				sp--
				stack[sp-1] = Bool(stack[sp-1].Str() < stack[sp].Str())
			case op.LE_STR:
				sp--
				stack[sp-1] = Bool(stack[sp-1].Str() <= stack[sp].Str())
			case op.GT_STR:
				sp--
				stack[sp-1] = Bool(stack[sp-1].Str() > stack[sp].Str())
			case op.GE_STR:
				sp--
				stack[sp-1] = Bool(stack[sp-1].Str() >= stack[sp].Str())
			case op.INTERP:
				n := int(ins.A)
				var b strings.Builder
				for _, s := range stack[sp-n : sp] {
					b.WriteString(s.Str())
				}
				sp -= n
				stack[sp] = Str(b.String())
				sp++

			case op.EQ, op.NE, op.LT, op.LE, op.GT, op.GE, op.TO_STRING, op.INSPECT:
				t.frames[len(t.frames)-1].pc = pc
				t.sp = sp
				var r Value
				switch ins.Op {
				case op.EQ:
					r = Bool(t.Equal(stack[sp-2], stack[sp-1]))
				case op.NE:
					r = Bool(!t.Equal(stack[sp-2], stack[sp-1]))
				case op.LT:
					r = Bool(t.Compare(stack[sp-2], stack[sp-1]) < 0)
				case op.LE:
					r = Bool(t.Compare(stack[sp-2], stack[sp-1]) <= 0)
				case op.GT:
					r = Bool(t.Compare(stack[sp-2], stack[sp-1]) > 0)
				case op.GE:
					r = Bool(t.Compare(stack[sp-2], stack[sp-1]) >= 0)
				case op.TO_STRING:
					if stack[sp-1].k == KString {
						continue
					}
					r = Str(t.Display(stack[sp-1]))
				case op.INSPECT:
					r = Str(t.Inspect(stack[sp-1]))
				}
				stack = t.stack
				if ins.Op != op.TO_STRING && ins.Op != op.INSPECT {
					sp--
				}
				stack[sp-1] = r
			case op.LIST_CONCAT:
				sp--
				a, b := stack[sp-1].Items(), stack[sp].Items()
				items := make([]Value, 0, len(a)+len(b))
				items = append(append(items, a...), b...)
				stack[sp-1] = List(items)

			case op.CALL_CLOSURE:
				n := int(ins.B)
				cv := stack[sp-n-1]
				t.frames[len(t.frames)-1].pc = pc
				if cv.k != KClosure {
					t.sp = sp
					t.Panicf("called a non-function value")
				}
				clo := cv.Closure()
				callee := clo.Fn
				if callee.native != nil {
					t.sp = sp
					r := callee.native(t, stack[sp-n:sp])
					stack = t.stack
					sp -= n + 1
					stack[sp] = r
					sp++
					continue
				}
				nb := sp - n
				if nb+callee.frameSize > len(stack) {
					t.sp = sp
					t.grow(nb + callee.frameSize)
					stack = t.stack
				}
				if len(t.frames) >= maxFrames {
					t.sp = sp
					t.Panicf("stack overflow")
				}
				copy(stack[nb+callee.NumParams:], clo.Caps)
				t.frames = append(t.frames, frame{fn: callee, base: nb, retSp: nb - 1})
				code, pc, base = unsafe.Pointer(unsafe.SliceData(callee.Code)), 0, nb
				sp = nb + callee.NumLocals
				if budget--; budget == 0 {
					goto yield
				}
			case op.TAILCALL_CLOSURE:
				n := int(ins.B)
				cv := stack[sp-n-1]
				if cv.k != KClosure {
					t.frames[len(t.frames)-1].pc = pc
					t.sp = sp
					t.Panicf("called a non-function value")
				}
				clo := cv.Closure()
				callee := clo.Fn
				if callee.native != nil {
					// Call the Go function, then return its value as RETURN does.
					t.frames[len(t.frames)-1].pc = pc
					t.sp = sp
					ret := callee.native(t, stack[sp-n:sp])
					stack = t.stack
					top := len(t.frames) - 1
					retSp := t.frames[top].retSp
					t.frames = t.frames[:top]
					if top == entry {
						t.sp = retSp
						t.budget = budget
						return ret, false
					}
					caller := &t.frames[top-1]
					code, pc, base = unsafe.Pointer(unsafe.SliceData(caller.fn.Code)), caller.pc, caller.base
					sp = retSp
					stack[sp] = ret
					sp++
					continue
				}
				copy(stack[base:base+n], stack[sp-n:sp])
				if base+callee.frameSize > len(stack) {
					t.sp = base + n
					t.grow(base + callee.frameSize)
					stack = t.stack
				}
				copy(stack[base+callee.NumParams:], clo.Caps)
				t.frames[len(t.frames)-1].fn = callee
				code, pc = unsafe.Pointer(unsafe.SliceData(callee.Code)), 0
				sp = base + callee.NumLocals
				if budget--; budget == 0 {
					goto yield
				}
			case op.CALL_NATIVE:
				n := int(ins.B)
				t.frames[len(t.frames)-1].pc = pc
				t.sp = sp
				r := m.natives[ins.A](t, stack[sp-n:sp])
				stack = t.stack
				sp -= n
				stack[sp] = r
				sp++
			case op.CALL_METHOD:
				n := int(ins.B)
				name := m.consts[ins.A].Str()
				recv := stack[sp-n]
				t.frames[len(t.frames)-1].pc = pc
				callee := m.method(t.typeName(recv), name)
				if callee == nil {
					t.sp = sp
					r, ok := t.builtinMethod(name, stack[sp-n:sp])
					if !ok {
						t.Panicf("no method %s for a value of type %s", name, t.typeName(recv))
					}
					stack = t.stack
					sp -= n
					stack[sp] = r
					sp++
					continue
				}
				nb := sp - n
				if nb+callee.frameSize > len(stack) {
					t.sp = sp
					t.grow(nb + callee.frameSize)
					stack = t.stack
				}
				t.frames = append(t.frames, frame{fn: callee, base: nb, retSp: nb})
				code, pc, base = unsafe.Pointer(unsafe.SliceData(callee.Code)), 0, nb
				sp = nb + callee.NumLocals
				if budget--; budget == 0 {
					goto yield
				}
			case op.MAKE_CLOSURE:
				n := int(ins.B)
				caps := make([]Value, n)
				copy(caps, stack[sp-n:sp])
				sp -= n
				stack[sp] = ClosureVal(&Closure{Fn: m.funcs[ins.A], Caps: caps})
				sp++

			case op.MAKE_TUPLE, op.MAKE_LIST, op.MAKE_SET:
				n := int(ins.A)
				items := make([]Value, n)
				copy(items, stack[sp-n:sp])
				sp -= n
				switch ins.Op {
				case op.MAKE_TUPLE:
					stack[sp] = Tuple(items...)
				case op.MAKE_LIST:
					stack[sp] = List(items)
				default:
					stack[sp] = NewSet(items)
				}
				sp++
			case op.MAKE_MAP:
				n := int(ins.A)
				keys, vals := make([]Value, n), make([]Value, n)
				for i := 0; i < n; i++ {
					keys[i] = stack[sp-2*n+2*i]
					vals[i] = stack[sp-2*n+2*i+1]
				}
				sp -= 2 * n
				stack[sp] = NewMap(keys, vals)
				sp++
			case op.MAKE_RANGE:
				sp--
				stack[sp-1] = RangeVal(stack[sp-1].Int(), stack[sp].Int())
			case op.MAKE_STRUCT:
				n := int(ins.B)
				fields := make([]Value, n)
				copy(fields, stack[sp-n:sp])
				sp -= n
				stack[sp] = structVal(int(ins.A), fields)
				sp++
			case op.SET_FIELD:
				sp--
				old := stack[sp-1].Fields()
				fields := make([]Value, len(old))
				copy(fields, old)
				fields[ins.A] = stack[sp]
				stack[sp-1] = structVal(stack[sp-1].TypeID(), fields)
			case op.MAKE_VARIANT:
				n := len(m.types[ins.A].Variants[ins.B].Fields)
				var payload []Value
				if n > 0 {
					payload = make([]Value, n)
					copy(payload, stack[sp-n:sp])
					sp -= n
				}
				stack[sp] = variantVal(int(ins.A), int(ins.B), payload)
				sp++
			case op.LIST_NEW:
				stack[sp] = Value{k: KHandle, p: unsafe.Pointer(&listBuilder{})}
				sp++
			case op.LIST_PUSH:
				sp--
				lb := (*listBuilder)(local(stack, base, ins.A).p)
				lb.items = append(lb.items, stack[sp])
			case op.LIST_FINISH:
				lb := (*listBuilder)(stack[sp-1].p)
				stack[sp-1] = List(lb.items)

			case op.ITER:
				t.frames[len(t.frames)-1].pc = pc
				stack[sp-1] = t.makeIter(stack[sp-1])
			case op.ITER_NEXT:
				it := (*Iter)(local(stack, base, ins.A).p)
				v, ok := it.next()
				if !ok {
					pc = int(ins.B)
					continue
				}
				stack[sp] = v
				sp++
				if budget--; budget == 0 {
					goto yield
				}

			case op.RECV_START:
				t.recvCursor = 0
				t.recvTimed = false
				if ins.B == 1 {
					sp--
					if ms := stack[sp].Int(); ms >= 0 {
						t.recvTimed = true
						t.recvDeadline = time.Now().Add(time.Duration(ms) * time.Millisecond)
					}
				}
			case op.RECV_NEXT:
				t.frames[len(t.frames)-1].pc = pc
				t.sp = sp
				v, ok := t.recvNext()
				if !ok {
					pc = int(ins.A)
					continue
				}
				stack[sp] = v
				sp++
			case op.RECV_SKIP:
				t.recvCursor++
			case op.RECV_TAKE:
				t.recvTake()

			case op.MATCH_FAIL:
				t.frames[len(t.frames)-1].pc = pc
				t.sp = sp
				t.Panicf("non-exhaustive match")
			case op.PANIC:
				t.frames[len(t.frames)-1].pc = pc
				t.sp = sp
				t.Panicf("%s", stack[sp-1].Str())

			default:
				t.frames[len(t.frames)-1].pc = pc
				t.sp = sp
				t.Panicf("unknown opcode %v", ins.Op)
			}
		}
		continue
	enter:
		// Entering a function at pc 0: a call, a tail call or a restart (an
		// in-place self tail call, a loop's back edge). When the first
		// instruction is a compare-and-branch, as a loop's exit test or a
		// recursion's base case usually is, take its outcome here: one
		// dispatch less per turn. The test has no effects, so a yield may
		// save the pc past it.
		pc = 0
		switch h := (*op.Instr)(code); h.Op {
		case op.JUMP_UNLESS_LT_INT:
			pc = 1
			if !(int64(local(stack, base, h.A).n) < int64(h.B)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_LE_INT:
			pc = 1
			if !(int64(local(stack, base, h.A).n) <= int64(h.B)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_GT_INT:
			pc = 1
			if !(int64(local(stack, base, h.A).n) > int64(h.B)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_GE_INT:
			pc = 1
			if !(int64(local(stack, base, h.A).n) >= int64(h.B)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_EQ_INT:
			pc = 1
			if int64(local(stack, base, h.A).n) != int64(h.B) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_NE_INT:
			pc = 1
			if int64(local(stack, base, h.A).n) == int64(h.B) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_LT_LOCALS:
			pc = 1
			if !(int64(local(stack, base, h.A).n) < int64(local(stack, base, h.B).n)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_LE_LOCALS:
			pc = 1
			if !(int64(local(stack, base, h.A).n) <= int64(local(stack, base, h.B).n)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_GT_LOCALS:
			pc = 1
			if !(int64(local(stack, base, h.A).n) > int64(local(stack, base, h.B).n)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_GE_LOCALS:
			pc = 1
			if !(int64(local(stack, base, h.A).n) >= int64(local(stack, base, h.B).n)) {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_EQ_LOCALS:
			pc = 1
			if local(stack, base, h.A).n != local(stack, base, h.B).n {
				pc = int(h.C)
			}
		case op.JUMP_UNLESS_NE_LOCALS:
			pc = 1
			if local(stack, base, h.A).n == local(stack, base, h.B).n {
				pc = int(h.C)
			}
		}
		if budget--; budget == 0 {
			goto yield
		}
	}
yield:
	// Out of budget: save the state for the resume.
	t.frames[len(t.frames)-1].pc = pc
	t.sp = sp
	return Value{}, true
}
