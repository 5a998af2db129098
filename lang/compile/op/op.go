// Package op is the Mesh bytecode instruction set: one constant per opcode,
// its name, and its stack effect. The compiler emits these, the vm executes
// them and the disassembler prints them.
//
// An instruction is {Op, A, B}. Comments give the operands and the stack
// effect as "before → after" (top of stack on the right).
package op

import "fmt"

// Opcode is one bytecode operation.
type Opcode uint8

// Instr is one instruction: an opcode and up to three operands (16 bytes,
// so indexing the code is a shift).
type Instr struct {
	Op      Opcode
	A, B, C int32
}

const (
	NOP Opcode = iota //  –                     do nothing

	// constants and locals
	CONST     // A=const index     → v       push constant A
	INT       // A=value           → i       push small Int A
	UNIT      //                   → ()      push Unit
	TRUE      //                   → true
	FALSE     //                   → false
	POP       // v                 →          discard top
	DUP       // v                 → v v
	LOAD      // A=local           → v       push local A
	STORE     // A=local  v        →          local A = v
	LOAD_FUNC // A=func            → f       push function A as a closure with no captures

	// Int arithmetic and comparison (wrapping, / and % panic on zero)
	ADD_INT // a b → a+b
	SUB_INT // a b → a-b
	MUL_INT // a b → a*b
	DIV_INT // a b → a/b   panics "division by zero"
	MOD_INT // a b → a%b   panics "division by zero"
	NEG_INT // a   → -a
	EQ_INT  // a b → a==b
	NE_INT  // a b → a!=b
	LT_INT  // a b → a<b
	LE_INT  // a b → a<=b
	GT_INT  // a b → a>b
	GE_INT  // a b → a>=b

	// Float arithmetic and comparison (IEEE)
	ADD_FLOAT // a b → a+b
	SUB_FLOAT // a b → a-b
	MUL_FLOAT // a b → a*b
	DIV_FLOAT // a b → a/b
	MOD_FLOAT // a b → fmod(a, b)
	NEG_FLOAT // a   → -a
	EQ_FLOAT  // a b → a==b
	NE_FLOAT  // a b → a!=b
	LT_FLOAT  // a b → a<b
	LE_FLOAT  // a b → a<=b
	GT_FLOAT  // a b → a>b
	GE_FLOAT  // a b → a>=b

	// Strings
	CONCAT // a b → a<>b             string concatenation
	EQ_STR // a b → a==b             by content
	NE_STR // a b → a!=b
	LT_STR // a b → a<b              bytewise
	LE_STR // a b → a<=b
	GT_STR // a b → a>b
	GE_STR // a b → a>=b
	INTERP // A=n  s1..sn → s        concatenate n strings (interpolation)

	// Generic (structural) operations on any value kind
	EQ          // a b → a==b        structural equality
	NE          // a b → a!=b
	LT          // a b → a<b         structural ordering
	LE          // a b → a<=b
	GT          // a b → a>b
	GE          // a b → a>=b
	NOT         // b → !b
	TO_STRING   // v → s             Display text (§8), user impls via method table
	INSPECT     // v → s             Debug text
	LIST_CONCAT // a b → a++b

	// Control flow
	JUMP          // A=target              →          pc = A
	JUMP_IF_FALSE // A=target  b           →          if !b, pc = A
	JUMP_IF_TRUE  // A=target  b           →          if b, pc = A

	// Calls
	CALL             // A=func B=n    a1..an    → r   call function A
	CALL_CLOSURE     // B=n  f a1..an           → r   call closure f
	CALL_NATIVE      // A=native B=n a1..an     → r   call native A (Program.Natives)
	CALL_METHOD      // A=const(method name) B=n  recv a2..an → r   dispatch on recv's runtime type
	TAILCALL         // A=func B=n    a1..an    → (frame reused) tail call function A
	TAILCALL_CLOSURE // B=n  f a1..an           → (frame reused) tail call closure f
	RETURN           // v → (to caller)         return v
	RETURN_LOCAL     // A=local  → (to caller)  return local A (fused LOAD; RETURN)
	TAILCALL_SELF    // A=func(self) B=n  a1..an → (frame reused) restart the current function
	MAKE_CLOSURE     // A=func B=n  c1..cn      → f   closure over n captured values

	// Aggregates
	MAKE_TUPLE   // A=n  v1..vn → t
	MAKE_LIST    // A=n  v1..vn → xs
	MAKE_MAP     // A=n  k1 v1..kn vn → m
	MAKE_SET     // A=n  v1..vn → s
	MAKE_RANGE   // a b → r                 range a..b (end exclusive)
	MAKE_STRUCT  // A=type B=n  v1..vn → s  fields in declaration order
	GET_FIELD    // A=field  s → v
	SET_FIELD    // A=field  s v → s'       copy of s with field A = v
	MAKE_VARIANT // A=type B=tag  p1..pk → v  k = arity of the variant
	TEST_TAG     // A=tag  v → b            v's variant tag == A
	GET_PAYLOAD  // A=index  v → p          payload A of a variant
	TUPLE_GET    // A=index  t → v
	LIST_EMPTY   // xs → b                  len(xs)==0
	LIST_HEAD    // xs → x                  first element (caller tested non-empty)
	LIST_TAIL    // xs → xs'                all but the first
	LIST_NEW     //  → b                    new list builder (for-loop results)
	LIST_PUSH    // A=local  v →            append v to the builder in local A
	LIST_FINISH  // b → xs                  the builder's elements as a list

	// Iteration (for loops)
	ITER      // v → it                    iterator over a list, map, set or range
	ITER_NEXT // A=local(it) B=target  → v   push next element, or jump to B when done

	// Processes
	RECV_START // B=1: ms →   B=0: →     begin a receive (B=1: with timeout in ms)
	RECV_NEXT  // A=target  → msg        next unexamined message (blocks); jump to A on timeout
	RECV_SKIP  //  →                      leave the current message in the mailbox
	RECV_TAKE  //  →                      remove the current message from the mailbox

	// Errors
	MATCH_FAIL // → (panics)             "non-exhaustive match"
	PANIC      // msg → (panics)          runtime error with the message

	// Fused instructions (superinstructions) for hot loops
	LOAD_INT_ADD          // A=local B=k   → local+k
	LOAD_INT_SUB          // A=local B=k   → local-k
	LOAD2                 // A=local B=local → a b   push two locals
	ADD_INT_LOCALS        // A=local B=local → a+b
	JUMP_UNLESS_LT_INT    // A=local B=k C=target  →   if !(local < k), pc = C
	JUMP_UNLESS_LE_INT    // A=local B=k C=target  →   if !(local <= k), pc = C
	JUMP_UNLESS_GT_INT    // A=local B=k C=target  →   if !(local > k), pc = C
	JUMP_UNLESS_GE_INT    // A=local B=k C=target  →   if !(local >= k), pc = C
	JUMP_UNLESS_EQ_INT    // A=local B=k C=target  →   if !(local == k), pc = C
	JUMP_UNLESS_NE_INT    // A=local B=k C=target  →   if !(local != k), pc = C
	JUMP_UNLESS_LT_LOCALS // A=local B=local C=target  →   if !(a < b), pc = C (Int)
	JUMP_UNLESS_LE_LOCALS // A=local B=local C=target  →   if !(a <= b), pc = C
	JUMP_UNLESS_GT_LOCALS // A=local B=local C=target  →   if !(a > b), pc = C
	JUMP_UNLESS_GE_LOCALS // A=local B=local C=target  →   if !(a >= b), pc = C
	JUMP_UNLESS_EQ_LOCALS // A=local B=local C=target  →   if !(a == b), pc = C
	JUMP_UNLESS_NE_LOCALS // A=local B=local C=target  →   if !(a != b), pc = C

	// Register-style stores for self tail calls whose arguments are simple:
	// the compiler writes each new parameter value in place (in an order
	// that reads every old value before it is overwritten), then RESTARTs.
	MOVE_LOCAL       // A=local B=local      →   local B = local A
	SET_INT_LOCAL    // A=k B=local          →   local B = Int k
	ADD_INT_TO_LOCAL // A=local B=k C=local  →   local C = local A + k (Int)
	ADD_LOCALS_TO    // A=local B=local C=local  →   local C = local A + local B (Int)
	RESTART          // A=NumLocals          →   (frame reused) pc = 0, operand stack emptied
	ADD_INT_RESTART  // A=local B=k C=NumLocals  →   local A += k (Int), then RESTART (a counting loop's back edge)
	SUB_LOCALS_TO    // A=local B=local C=local  →   local C = local A - local B (Int)
	MUL_LOCALS_TO    // A=local B=local C=local  →   local C = local A * local B (Int)

	numOpcodes
)

// NumOpcodes is the number of defined opcodes.
const NumOpcodes = int(numOpcodes)

var names = [...]string{
	NOP: "NOP", CONST: "CONST", INT: "INT", UNIT: "UNIT", TRUE: "TRUE", FALSE: "FALSE",
	POP: "POP", DUP: "DUP", LOAD: "LOAD", STORE: "STORE", LOAD_FUNC: "LOAD_FUNC",
	ADD_INT: "ADD_INT", SUB_INT: "SUB_INT", MUL_INT: "MUL_INT", DIV_INT: "DIV_INT", MOD_INT: "MOD_INT",
	NEG_INT: "NEG_INT", EQ_INT: "EQ_INT", NE_INT: "NE_INT", LT_INT: "LT_INT", LE_INT: "LE_INT",
	GT_INT: "GT_INT", GE_INT: "GE_INT",
	ADD_FLOAT: "ADD_FLOAT", SUB_FLOAT: "SUB_FLOAT", MUL_FLOAT: "MUL_FLOAT", DIV_FLOAT: "DIV_FLOAT",
	MOD_FLOAT: "MOD_FLOAT", NEG_FLOAT: "NEG_FLOAT", EQ_FLOAT: "EQ_FLOAT", NE_FLOAT: "NE_FLOAT",
	LT_FLOAT: "LT_FLOAT", LE_FLOAT: "LE_FLOAT", GT_FLOAT: "GT_FLOAT", GE_FLOAT: "GE_FLOAT",
	CONCAT: "CONCAT", EQ_STR: "EQ_STR", NE_STR: "NE_STR", LT_STR: "LT_STR", LE_STR: "LE_STR",
	GT_STR: "GT_STR", GE_STR: "GE_STR", INTERP: "INTERP",
	EQ: "EQ", NE: "NE", LT: "LT", LE: "LE", GT: "GT", GE: "GE", NOT: "NOT",
	TO_STRING: "TO_STRING", INSPECT: "INSPECT", LIST_CONCAT: "LIST_CONCAT",
	JUMP: "JUMP", JUMP_IF_FALSE: "JUMP_IF_FALSE", JUMP_IF_TRUE: "JUMP_IF_TRUE",
	CALL: "CALL", CALL_CLOSURE: "CALL_CLOSURE", CALL_NATIVE: "CALL_NATIVE", CALL_METHOD: "CALL_METHOD",
	TAILCALL: "TAILCALL", TAILCALL_CLOSURE: "TAILCALL_CLOSURE", RETURN: "RETURN", RETURN_LOCAL: "RETURN_LOCAL", TAILCALL_SELF: "TAILCALL_SELF", MAKE_CLOSURE: "MAKE_CLOSURE",
	MAKE_TUPLE: "MAKE_TUPLE", MAKE_LIST: "MAKE_LIST", MAKE_MAP: "MAKE_MAP", MAKE_SET: "MAKE_SET",
	MAKE_RANGE: "MAKE_RANGE", MAKE_STRUCT: "MAKE_STRUCT", GET_FIELD: "GET_FIELD", SET_FIELD: "SET_FIELD",
	MAKE_VARIANT: "MAKE_VARIANT", TEST_TAG: "TEST_TAG", GET_PAYLOAD: "GET_PAYLOAD", TUPLE_GET: "TUPLE_GET",
	LIST_EMPTY: "LIST_EMPTY", LIST_HEAD: "LIST_HEAD", LIST_TAIL: "LIST_TAIL", LIST_NEW: "LIST_NEW", LIST_PUSH: "LIST_PUSH", LIST_FINISH: "LIST_FINISH",
	ITER: "ITER", ITER_NEXT: "ITER_NEXT",
	RECV_START: "RECV_START", RECV_NEXT: "RECV_NEXT", RECV_SKIP: "RECV_SKIP", RECV_TAKE: "RECV_TAKE",
	MATCH_FAIL: "MATCH_FAIL", PANIC: "PANIC",
	LOAD_INT_ADD: "LOAD_INT_ADD", LOAD_INT_SUB: "LOAD_INT_SUB",
	LOAD2: "LOAD2", ADD_INT_LOCALS: "ADD_INT_LOCALS",
	JUMP_UNLESS_LT_INT: "JUMP_UNLESS_LT_INT", JUMP_UNLESS_LE_INT: "JUMP_UNLESS_LE_INT",
	JUMP_UNLESS_GT_INT: "JUMP_UNLESS_GT_INT", JUMP_UNLESS_GE_INT: "JUMP_UNLESS_GE_INT",
	JUMP_UNLESS_EQ_INT: "JUMP_UNLESS_EQ_INT", JUMP_UNLESS_NE_INT: "JUMP_UNLESS_NE_INT",
	JUMP_UNLESS_LT_LOCALS: "JUMP_UNLESS_LT_LOCALS", JUMP_UNLESS_LE_LOCALS: "JUMP_UNLESS_LE_LOCALS",
	JUMP_UNLESS_GT_LOCALS: "JUMP_UNLESS_GT_LOCALS", JUMP_UNLESS_GE_LOCALS: "JUMP_UNLESS_GE_LOCALS",
	JUMP_UNLESS_EQ_LOCALS: "JUMP_UNLESS_EQ_LOCALS", JUMP_UNLESS_NE_LOCALS: "JUMP_UNLESS_NE_LOCALS",
	MOVE_LOCAL: "MOVE_LOCAL", SET_INT_LOCAL: "SET_INT_LOCAL", ADD_INT_TO_LOCAL: "ADD_INT_TO_LOCAL",
	ADD_LOCALS_TO: "ADD_LOCALS_TO", RESTART: "RESTART", ADD_INT_RESTART: "ADD_INT_RESTART",
	SUB_LOCALS_TO: "SUB_LOCALS_TO", MUL_LOCALS_TO: "MUL_LOCALS_TO",
}

func (o Opcode) String() string {
	if int(o) < len(names) && names[o] != "" {
		return names[o]
	}
	return fmt.Sprintf("OP(%d)", uint8(o))
}

// Valid reports whether o is a defined opcode.
func (o Opcode) Valid() bool { return o < numOpcodes }

// IsJump reports whether A of an instruction with this opcode is a code address.
func (o Opcode) IsJump() bool {
	switch o {
	case JUMP, JUMP_IF_FALSE, JUMP_IF_TRUE, RECV_NEXT:
		return true
	}
	return false
}

// JumpTarget returns the code address an instruction may branch to, if any.
func (in Instr) JumpTarget() (int, bool) {
	switch in.Op {
	case JUMP, JUMP_IF_FALSE, JUMP_IF_TRUE, RECV_NEXT:
		return int(in.A), true
	case ITER_NEXT:
		return int(in.B), true
	case JUMP_UNLESS_LT_INT, JUMP_UNLESS_LE_INT, JUMP_UNLESS_GT_INT, JUMP_UNLESS_GE_INT, JUMP_UNLESS_EQ_INT, JUMP_UNLESS_NE_INT,
		JUMP_UNLESS_LT_LOCALS, JUMP_UNLESS_LE_LOCALS, JUMP_UNLESS_GT_LOCALS, JUMP_UNLESS_GE_LOCALS, JUMP_UNLESS_EQ_LOCALS, JUMP_UNLESS_NE_LOCALS:
		return int(in.C), true
	}
	return 0, false
}

// Terminates reports whether control never falls through to the next instruction.
func (o Opcode) Terminates() bool {
	switch o {
	case JUMP, RETURN, RETURN_LOCAL, TAILCALL, TAILCALL_SELF, TAILCALL_CLOSURE, MATCH_FAIL, PANIC, RESTART, ADD_INT_RESTART:
		return true
	}
	return false
}

// StackEffect returns how many values in pops and how many it pushes.
// arity gives the payload count of a variant (for MAKE_VARIANT); it may be
// nil for other programs' use when no MAKE_VARIANT occurs.
func StackEffect(in Instr, arity func(typ, tag int32) int) (pops, pushes int) {
	a, b := int(in.A), int(in.B)
	switch in.Op {
	case NOP, JUMP, RECV_SKIP, RECV_TAKE, MATCH_FAIL, RETURN_LOCAL,
		MOVE_LOCAL, SET_INT_LOCAL, ADD_INT_TO_LOCAL, ADD_LOCALS_TO, RESTART, ADD_INT_RESTART, SUB_LOCALS_TO, MUL_LOCALS_TO,
		JUMP_UNLESS_LT_INT, JUMP_UNLESS_LE_INT, JUMP_UNLESS_GT_INT, JUMP_UNLESS_GE_INT, JUMP_UNLESS_EQ_INT, JUMP_UNLESS_NE_INT,
		JUMP_UNLESS_LT_LOCALS, JUMP_UNLESS_LE_LOCALS, JUMP_UNLESS_GT_LOCALS, JUMP_UNLESS_GE_LOCALS, JUMP_UNLESS_EQ_LOCALS, JUMP_UNLESS_NE_LOCALS:
		return 0, 0
	case CONST, INT, UNIT, TRUE, FALSE, LOAD, LOAD_FUNC, LIST_NEW, LOAD_INT_ADD, LOAD_INT_SUB, ADD_INT_LOCALS, RECV_NEXT, ITER_NEXT:
		return 0, 1
	case LOAD2:
		return 0, 2
	case POP, STORE, JUMP_IF_FALSE, JUMP_IF_TRUE, LIST_PUSH, PANIC, RETURN:
		return 1, 0
	case DUP:
		return 1, 2
	case ADD_INT, SUB_INT, MUL_INT, DIV_INT, MOD_INT, EQ_INT, NE_INT, LT_INT, LE_INT, GT_INT, GE_INT,
		ADD_FLOAT, SUB_FLOAT, MUL_FLOAT, DIV_FLOAT, MOD_FLOAT, EQ_FLOAT, NE_FLOAT, LT_FLOAT, LE_FLOAT, GT_FLOAT, GE_FLOAT,
		CONCAT, EQ_STR, NE_STR, LT_STR, LE_STR, GT_STR, GE_STR, EQ, NE, LT, LE, GT, GE, LIST_CONCAT, MAKE_RANGE, SET_FIELD:
		return 2, 1
	case NEG_INT, NEG_FLOAT, NOT, TO_STRING, INSPECT, GET_FIELD, TEST_TAG, GET_PAYLOAD, TUPLE_GET,
		LIST_EMPTY, LIST_HEAD, LIST_TAIL, ITER, LIST_FINISH:
		return 1, 1
	case INTERP, MAKE_TUPLE, MAKE_LIST, MAKE_SET:
		return a, 1
	case MAKE_MAP:
		return 2 * a, 1
	case MAKE_STRUCT, MAKE_CLOSURE:
		return b, 1
	case MAKE_VARIANT:
		n := 0
		if arity != nil {
			n = arity(in.A, in.B)
		}
		return n, 1
	case CALL, CALL_NATIVE, CALL_METHOD, TAILCALL, TAILCALL_SELF:
		return b, 1
	case CALL_CLOSURE, TAILCALL_CLOSURE:
		return b + 1, 1
	case RECV_START:
		return b, 0
	}
	return 0, 0
}

func (in Instr) String() string {
	switch in.Op {
	case NOP, UNIT, TRUE, FALSE, POP, DUP, RETURN, MATCH_FAIL, PANIC, NOT, TO_STRING, INSPECT,
		LIST_CONCAT, LIST_EMPTY, LIST_HEAD, LIST_TAIL, ITER, LIST_NEW, LIST_FINISH, RECV_SKIP, RECV_TAKE, MAKE_RANGE:
		return in.Op.String()
	case MOVE_LOCAL, SET_INT_LOCAL:
		return fmt.Sprintf("%s %d %d", in.Op, in.A, in.B)
	case ADD_INT_TO_LOCAL, ADD_LOCALS_TO, ADD_INT_RESTART, SUB_LOCALS_TO, MUL_LOCALS_TO:
		return fmt.Sprintf("%s %d %d %d", in.Op, in.A, in.B, in.C)
	}
	if in.C != 0 {
		return fmt.Sprintf("%s %d %d %d", in.Op, in.A, in.B, in.C)
	}
	if in.B != 0 {
		return fmt.Sprintf("%s %d %d", in.Op, in.A, in.B)
	}
	return fmt.Sprintf("%s %d", in.Op, in.A)
}
