package bundle

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"

	"github.com/mesh-lang/mesh/lang/compile/op"
)

// programMagic starts every encoded Program.
const programMagic = "MESHPRG"

// Encode serialises p: magic, version, then each table as uvarint counts,
// varints and length-prefixed strings.
func Encode(p *Program) ([]byte, error) {
	if p == nil {
		return nil, errors.New("bundle: nil program")
	}
	var w writer
	w.buf = append(w.buf, programMagic...)
	w.uint(FormatVersion)
	w.uint(uint64(len(p.Files)))
	for _, f := range p.Files {
		w.str(f)
	}
	w.uint(uint64(len(p.Consts)))
	for _, c := range p.Consts {
		w.buf = append(w.buf, byte(c.Kind))
		switch c.Kind {
		case ConstInt:
			w.int(c.Int)
		case ConstFloat:
			w.buf = binary.LittleEndian.AppendUint64(w.buf, math.Float64bits(c.Flt))
		case ConstString, ConstAtom:
			w.str(c.Str)
		default:
			return nil, fmt.Errorf("bundle: constant of unknown kind %d", c.Kind)
		}
	}
	w.uint(uint64(len(p.Funcs)))
	for _, f := range p.Funcs {
		w.str(f.Name)
		w.uint(uint64(f.NumParams))
		w.uint(uint64(f.NumCaptures))
		w.uint(uint64(f.NumLocals))
		w.uint(uint64(len(f.Code)))
		for _, in := range f.Code {
			w.buf = append(w.buf, byte(in.Op))
			w.int(int64(in.A))
			w.int(int64(in.B))
			w.int(int64(in.C))
		}
		w.uint(uint64(len(f.Lines)))
		for _, l := range f.Lines {
			w.int(int64(l.PC))
			w.int(int64(l.File))
			w.int(int64(l.Line))
			w.int(int64(l.Col))
		}
	}
	w.uint(uint64(len(p.Types)))
	for _, t := range p.Types {
		w.str(t.Name)
		w.str(t.Module)
		w.buf = append(w.buf, byte(t.Kind))
		w.uint(uint64(t.Derives))
		w.strs(t.Fields)
		w.strs(t.FieldTypes)
		w.uint(uint64(len(t.Variants)))
		for _, v := range t.Variants {
			w.str(v.Name)
			w.strs(v.Fields)
		}
	}
	w.strs(p.Natives)
	w.uint(uint64(len(p.Methods)))
	for _, m := range p.Methods {
		w.str(m.Type)
		w.str(m.Method)
		w.int(int64(m.Func))
	}
	for _, ws := range [][]Work{p.Work, p.Routes} {
		w.uint(uint64(len(ws)))
		for _, k := range ws {
			w.str(k.RuntimeName)
			w.int(int64(k.Replicas))
			w.int(int64(k.Func))
		}
	}
	w.int(int64(p.Entry))
	return w.buf, nil
}

// Decode parses an encoded Program and checks that every index in it is in
// range, so a loaded program cannot make the vm index out of bounds.
// Corrupt input is an error, never a panic.
func Decode(b []byte) (*Program, error) {
	r := reader{buf: b}
	if len(b) < len(programMagic) || string(b[:len(programMagic)]) != programMagic {
		return nil, errors.New("bundle: not a Mesh program (bad magic)")
	}
	r.off = len(programMagic)
	if v := r.uint(); r.err == nil && v != FormatVersion {
		return nil, fmt.Errorf("bundle: program format version %d, this runtime reads version %d", v, FormatVersion)
	}
	p := &Program{}
	n := r.count()
	for i := 0; i < n && r.err == nil; i++ {
		p.Files = append(p.Files, r.str())
	}
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		c := Const{Kind: ConstKind(r.byte())}
		switch c.Kind {
		case ConstInt:
			c.Int = r.int()
		case ConstFloat:
			c.Flt = math.Float64frombits(r.u64())
		case ConstString, ConstAtom:
			c.Str = r.str()
		default:
			r.fail("constant of unknown kind %d", c.Kind)
		}
		p.Consts = append(p.Consts, c)
	}
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		f := &Function{Name: r.str()}
		f.NumParams = r.count()
		f.NumCaptures = r.count()
		f.NumLocals = r.count()
		nc := r.count()
		f.Code = make([]op.Instr, 0, min(nc, len(b)))
		for j := 0; j < nc && r.err == nil; j++ {
			in := op.Instr{Op: op.Opcode(r.byte())}
			in.A = r.i32()
			in.B = r.i32()
			in.C = r.i32()
			f.Code = append(f.Code, in)
		}
		nl := r.count()
		for j := 0; j < nl && r.err == nil; j++ {
			f.Lines = append(f.Lines, LineEntry{PC: r.i32(), File: r.i32(), Line: r.i32(), Col: r.i32()})
		}
		p.Funcs = append(p.Funcs, f)
	}
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		t := &TypeDesc{Name: r.str(), Module: r.str(), Kind: TypeKind(r.byte())}
		t.Derives = uint32(r.uint())
		t.Fields = r.strs()
		t.FieldTypes = r.strs()
		nv := r.count()
		for j := 0; j < nv && r.err == nil; j++ {
			t.Variants = append(t.Variants, Variant{Name: r.str(), Fields: r.strs()})
		}
		p.Types = append(p.Types, t)
	}
	p.Natives = r.strs()
	n = r.count()
	for i := 0; i < n && r.err == nil; i++ {
		p.Methods = append(p.Methods, Method{Type: r.str(), Method: r.str(), Func: int(r.i32())})
	}
	for _, ws := range []*[]Work{&p.Work, &p.Routes} {
		n = r.count()
		for i := 0; i < n && r.err == nil; i++ {
			*ws = append(*ws, Work{RuntimeName: r.str(), Replicas: int(r.i32()), Func: int(r.i32())})
		}
	}
	p.Entry = int(r.i32())
	if r.err != nil {
		return nil, r.err
	}
	if r.off != len(b) {
		return nil, fmt.Errorf("bundle: %d trailing bytes after program", len(b)-r.off)
	}
	if err := p.Validate(); err != nil {
		return nil, err
	}
	return p, nil
}

// Validate checks internal consistency: every operand that indexes a table
// is in range, jumps land inside their function, and line tables point at
// known files.
func (p *Program) Validate() error {
	if p.Entry < 0 || p.Entry >= len(p.Funcs) {
		return fmt.Errorf("bundle: entry function %d out of range", p.Entry)
	}
	for _, t := range p.Types {
		if t.Kind != StructType && t.Kind != SumType {
			return fmt.Errorf("bundle: type %s has unknown kind %d", t.Name, t.Kind)
		}
	}
	for _, m := range p.Methods {
		if m.Func < 0 || m.Func >= len(p.Funcs) {
			return fmt.Errorf("bundle: method %s.%s: function %d out of range", m.Type, m.Method, m.Func)
		}
	}
	for _, k := range append(append([]Work(nil), p.Work...), p.Routes...) {
		if k.Func < 0 || k.Func >= len(p.Funcs) {
			return fmt.Errorf("bundle: work %s: function %d out of range", k.RuntimeName, k.Func)
		}
	}
	for _, f := range p.Funcs {
		if f.NumParams+f.NumCaptures > f.NumLocals {
			return fmt.Errorf("bundle: %s: %d params + %d captures exceed %d locals", f.Name, f.NumParams, f.NumCaptures, f.NumLocals)
		}
		if len(f.Code) == 0 {
			return fmt.Errorf("bundle: %s: empty code", f.Name)
		}
		for _, l := range f.Lines {
			if l.File < 0 || int(l.File) >= len(p.Files) {
				return fmt.Errorf("bundle: %s: line table names file %d of %d", f.Name, l.File, len(p.Files))
			}
		}
		for pc, in := range f.Code {
			if err := p.checkInstr(f, in); err != nil {
				return fmt.Errorf("bundle: %s pc %d (%v): %v", f.Name, pc, in, err)
			}
		}
		if !f.Code[len(f.Code)-1].Op.Terminates() {
			return fmt.Errorf("bundle: %s: code falls off the end", f.Name)
		}
	}
	return nil
}

func (p *Program) checkInstr(f *Function, in op.Instr) error {
	a, b := int(in.A), int(in.B)
	inRange := func(v, n int, what string) error {
		if v < 0 || v >= n {
			return fmt.Errorf("%s %d out of range (%d)", what, v, n)
		}
		return nil
	}
	if !in.Op.Valid() {
		return errors.New("unknown opcode")
	}
	if t, ok := in.JumpTarget(); ok {
		if err := inRange(t, len(f.Code), "jump target"); err != nil {
			return err
		}
	}
	if b < 0 && !allowsNegativeB(in.Op) {
		return fmt.Errorf("negative operand %d", b)
	}
	switch in.Op {
	case op.CONST:
		return inRange(a, len(p.Consts), "constant")
	case op.LOAD, op.STORE, op.LIST_PUSH, op.RETURN_LOCAL, op.LOAD_INT_ADD, op.LOAD_INT_SUB, op.JUMP_UNLESS_LT_INT, op.JUMP_UNLESS_LE_INT,
		op.JUMP_UNLESS_GT_INT, op.JUMP_UNLESS_GE_INT, op.JUMP_UNLESS_EQ_INT, op.JUMP_UNLESS_NE_INT:
		return inRange(a, f.NumLocals, "local")
	case op.ITER_NEXT:
		return inRange(a, f.NumLocals, "local")
	case op.SET_INT_LOCAL:
		return inRange(b, f.NumLocals, "local")
	case op.ADD_INT_TO_LOCAL:
		if err := inRange(a, f.NumLocals, "local"); err != nil {
			return err
		}
		return inRange(int(in.C), f.NumLocals, "local")
	case op.ADD_LOCALS_TO, op.SUB_LOCALS_TO, op.MUL_LOCALS_TO:
		if err := inRange(int(in.C), f.NumLocals, "local"); err != nil {
			return err
		}
		if err := inRange(a, f.NumLocals, "local"); err != nil {
			return err
		}
		return inRange(b, f.NumLocals, "local")
	case op.RESTART:
		if a != f.NumLocals {
			return fmt.Errorf("restart with %d locals (function has %d)", a, f.NumLocals)
		}
	case op.ADD_INT_RESTART:
		if int(in.C) != f.NumLocals {
			return fmt.Errorf("restart with %d locals (function has %d)", in.C, f.NumLocals)
		}
		return inRange(a, f.NumLocals, "local")
	case op.MOVE_LOCAL, op.LOAD2, op.ADD_INT_LOCALS, op.JUMP_UNLESS_LT_LOCALS, op.JUMP_UNLESS_LE_LOCALS, op.JUMP_UNLESS_GT_LOCALS,
		op.JUMP_UNLESS_GE_LOCALS, op.JUMP_UNLESS_EQ_LOCALS, op.JUMP_UNLESS_NE_LOCALS:
		if err := inRange(a, f.NumLocals, "local"); err != nil {
			return err
		}
		return inRange(b, f.NumLocals, "local")
	case op.LOAD_FUNC:
		return inRange(a, len(p.Funcs), "function")
	case op.TAILCALL_SELF:
		if a < 0 || a >= len(p.Funcs) || p.Funcs[a] != f {
			return errors.New("TAILCALL_SELF names another function")
		}
		if f.NumParams != b || int(in.C) != f.NumLocals {
			return fmt.Errorf("self tail call of %s with %d arguments, %d locals (takes %d, %d)", f.Name, b, in.C, f.NumParams, f.NumLocals)
		}
	case op.CALL, op.TAILCALL:
		if err := inRange(a, len(p.Funcs), "function"); err != nil {
			return err
		}
		if g := p.Funcs[a]; g.NumParams != b || g.NumCaptures != 0 {
			return fmt.Errorf("call of %s with %d arguments (takes %d)", g.Name, b, g.NumParams)
		}
	case op.MAKE_CLOSURE:
		if err := inRange(a, len(p.Funcs), "function"); err != nil {
			return err
		}
		if g := p.Funcs[a]; g.NumCaptures != b {
			return fmt.Errorf("closure of %s with %d captures (takes %d)", g.Name, b, g.NumCaptures)
		}
	case op.CALL_NATIVE:
		return inRange(a, len(p.Natives), "native")
	case op.CALL_METHOD:
		if err := inRange(a, len(p.Consts), "constant"); err != nil {
			return err
		}
		if b < 1 {
			return errors.New("method call without receiver")
		}
	case op.MAKE_STRUCT:
		if err := inRange(a, len(p.Types), "type"); err != nil {
			return err
		}
		if t := p.Types[a]; t.Kind != StructType || len(t.Fields) != b {
			return fmt.Errorf("struct %s built with %d fields", t.Name, b)
		}
	case op.MAKE_VARIANT:
		if err := inRange(a, len(p.Types), "type"); err != nil {
			return err
		}
		if t := p.Types[a]; t.Kind != SumType {
			return fmt.Errorf("%s is not a sum type", t.Name)
		}
		return inRange(b, len(p.Types[a].Variants), "variant")
	case op.INTERP, op.MAKE_TUPLE, op.MAKE_LIST, op.MAKE_MAP, op.MAKE_SET, op.GET_FIELD, op.SET_FIELD,
		op.TEST_TAG, op.GET_PAYLOAD, op.TUPLE_GET:
		if a < 0 {
			return fmt.Errorf("negative operand %d", a)
		}
	case op.RECV_START:
		if b > 1 {
			return fmt.Errorf("bad timeout flag %d", b)
		}
	}
	return nil
}

type writer struct{ buf []byte }

func (w *writer) uint(v uint64) { w.buf = binary.AppendUvarint(w.buf, v) }
func (w *writer) int(v int64)   { w.buf = binary.AppendVarint(w.buf, v) }
func (w *writer) str(s string) {
	w.uint(uint64(len(s)))
	w.buf = append(w.buf, s...)
}
func (w *writer) strs(ss []string) {
	w.uint(uint64(len(ss)))
	for _, s := range ss {
		w.str(s)
	}
}

type reader struct {
	buf []byte
	off int
	err error
}

func (r *reader) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf("bundle: corrupt program at byte %d: %s", r.off, fmt.Sprintf(format, args...))
	}
	r.off = len(r.buf)
}

func (r *reader) uint() uint64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Uvarint(r.buf[r.off:])
	if n <= 0 {
		r.fail("bad unsigned number")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) int() int64 {
	if r.err != nil {
		return 0
	}
	v, n := binary.Varint(r.buf[r.off:])
	if n <= 0 {
		r.fail("bad number")
		return 0
	}
	r.off += n
	return v
}

func (r *reader) i32() int32 {
	v := r.int()
	if v < math.MinInt32 || v > math.MaxInt32 {
		r.fail("number %d out of range", v)
		return 0
	}
	return int32(v)
}

// count reads a table length; it cannot exceed the bytes left, since every
// entry takes at least one byte.
func (r *reader) count() int {
	v := r.uint()
	if v > uint64(len(r.buf)-r.off) {
		r.fail("count %d exceeds remaining input", v)
		return 0
	}
	return int(v)
}

func (r *reader) byte() byte {
	if r.err != nil {
		return 0
	}
	if r.off >= len(r.buf) {
		r.fail("unexpected end")
		return 0
	}
	c := r.buf[r.off]
	r.off++
	return c
}

func (r *reader) u64() uint64 {
	if r.err != nil {
		return 0
	}
	if len(r.buf)-r.off < 8 {
		r.fail("unexpected end")
		return 0
	}
	v := binary.LittleEndian.Uint64(r.buf[r.off:])
	r.off += 8
	return v
}

func (r *reader) str() string {
	n := r.count()
	if r.err != nil {
		return ""
	}
	s := string(r.buf[r.off : r.off+n])
	r.off += n
	return s
}

func (r *reader) strs() []string {
	n := r.count()
	var ss []string
	for i := 0; i < n && r.err == nil; i++ {
		ss = append(ss, r.str())
	}
	return ss
}

// allowsNegativeB: ops whose B is an immediate Int.
func allowsNegativeB(o op.Opcode) bool {
	switch o {
	case op.LOAD_INT_ADD, op.LOAD_INT_SUB, op.ADD_INT_TO_LOCAL, op.ADD_INT_RESTART, op.JUMP_UNLESS_LT_INT, op.JUMP_UNLESS_LE_INT,
		op.JUMP_UNLESS_GT_INT, op.JUMP_UNLESS_GE_INT, op.JUMP_UNLESS_EQ_INT, op.JUMP_UNLESS_NE_INT:
		return true
	}
	return false
}
