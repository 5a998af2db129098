package compile

import (
	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
)

// pattern tests the value in local slot against p, binding its variables;
// on mismatch it jumps to fail. The stack is unchanged either way.
func (f *fn) pattern(p syntax.Pattern, slot int, fail *label) {
	c := f.c
	tp := c.tp
	s := int32(slot)
	switch p := p.(type) {
	case nil, *syntax.WildcardPattern:
	case *syntax.IdentPattern:
		if ref := tp.Resolve(p); ref != nil && ref.Kind == types.RefCtor {
			f.emit(op.LOAD, s, 0)
			f.emit(op.TEST_TAG, int32(ref.Variant.Tag), 0)
			f.jump(op.JUMP_IF_FALSE, fail, 0)
			return
		}
		if b := tp.Defs[p.Name]; b != nil {
			f.emit(op.LOAD, s, 0)
			f.emit(op.STORE, int32(f.slot(b)), 0)
		}
	case *syntax.AsPattern:
		f.pattern(p.Pattern, slot, fail)
		if b := tp.Defs[p.Name]; b != nil {
			f.emit(op.LOAD, s, 0)
			f.emit(op.STORE, int32(f.slot(b)), 0)
		}
	case *syntax.LiteralPattern:
		f.emit(op.LOAD, s, 0)
		var cmp op.Opcode
		switch v := p.Value.(type) {
		case *syntax.IntLit:
			n := v.Value
			if p.Neg {
				n = -n
			}
			f.intConst(n)
			cmp = op.EQ_INT
		case *syntax.FloatLit:
			x := v.Value
			if p.Neg {
				x = -x
			}
			f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstFloat, Flt: x}), 0)
			cmp = op.EQ_FLOAT
		case *syntax.StringLit:
			str, _ := v.Value()
			f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: str}), 0)
			cmp = op.EQ_STR
		case *syntax.AtomLit:
			f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstAtom, Str: v.Name}), 0)
			cmp = op.EQ
		case *syntax.BoolLit:
			if v.Value {
				f.emit(op.TRUE, 0, 0)
			} else {
				f.emit(op.FALSE, 0, 0)
			}
			cmp = op.EQ_INT
		case *syntax.NilLit:
			f.emit(op.POP, 0, 0)
			return
		default:
			c.errorf(p, "unsupported literal pattern")
		}
		f.emit(cmp, 0, 0)
		f.jump(op.JUMP_IF_FALSE, fail, 0)
	case *syntax.TuplePattern:
		for i, el := range p.Elems {
			if _, ok := el.(*syntax.WildcardPattern); ok {
				continue
			}
			t := f.temp()
			f.emit(op.LOAD, s, 0)
			f.emit(op.TUPLE_GET, int32(i), 0)
			f.emit(op.STORE, int32(t), 0)
			f.pattern(el, t, fail)
		}
	case *syntax.CtorPattern:
		ref := tp.Resolve(p)
		if ref == nil || ref.Variant == nil {
			c.errorf(p, "unresolved constructor %s", p.Name.Name)
		}
		f.emit(op.LOAD, s, 0)
		f.emit(op.TEST_TAG, int32(ref.Variant.Tag), 0)
		f.jump(op.JUMP_IF_FALSE, fail, 0)
		for i, a := range p.Args {
			if _, ok := a.(*syntax.WildcardPattern); ok {
				continue
			}
			t := f.temp()
			f.emit(op.LOAD, s, 0)
			f.emit(op.GET_PAYLOAD, int32(i), 0)
			f.emit(op.STORE, int32(t), 0)
			f.pattern(a, t, fail)
		}
	case *syntax.ConsPattern:
		f.emit(op.LOAD, s, 0)
		f.emit(op.LIST_EMPTY, 0, 0)
		f.jump(op.JUMP_IF_TRUE, fail, 0)
		h, t := f.temp(), f.temp()
		f.emit(op.LOAD, s, 0)
		f.emit(op.LIST_HEAD, 0, 0)
		f.emit(op.STORE, int32(h), 0)
		f.emit(op.LOAD, s, 0)
		f.emit(op.LIST_TAIL, 0, 0)
		f.emit(op.STORE, int32(t), 0)
		f.pattern(p.Head, h, fail)
		f.pattern(p.Tail, t, fail)
	case *syntax.OrPattern:
		ok := f.newLabel()
		for i, alt := range p.Alts {
			if i == len(p.Alts)-1 {
				f.pattern(alt, slot, fail)
				break
			}
			next := f.newLabel()
			f.pattern(alt, slot, next)
			f.jump(op.JUMP, ok, 0)
			f.mark(next)
		}
		f.mark(ok)
	default:
		c.errorf(p, "unsupported pattern %T", p)
	}
}
