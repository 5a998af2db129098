package compile

import (
	"regexp"
	"strings"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
)

// typeKind classifies a checked type for opcode selection.
func (f *fn) typeName(e syntax.Expr) string {
	t := f.c.tp.TypeOf(e)
	if t == nil {
		return ""
	}
	t = types.Prune(t)
	if con, ok := t.(*types.Con); ok {
		return con.Name
	}
	return ""
}

// tailBlock compiles a block whose value is returned.
func (f *fn) tailBlock(b *syntax.Block) {
	if b == nil || len(b.Stmts) == 0 {
		f.emit(op.UNIT, 0, 0)
		f.emit(op.RETURN, 0, 0)
		return
	}
	for _, s := range b.Stmts[:len(b.Stmts)-1] {
		f.stmt(s)
	}
	last := b.Stmts[len(b.Stmts)-1]
	switch s := last.(type) {
	case *syntax.ExprStmt:
		f.tail(s.X)
	case *syntax.ReturnStmt:
		f.stmt(s)
	default:
		f.stmt(s)
		f.emit(op.UNIT, 0, 0)
		f.emit(op.RETURN, 0, 0)
	}
}

// block compiles a block leaving its value on the stack.
func (f *fn) block(b *syntax.Block) {
	if b == nil || len(b.Stmts) == 0 {
		f.emit(op.UNIT, 0, 0)
		return
	}
	for _, s := range b.Stmts[:len(b.Stmts)-1] {
		f.stmt(s)
	}
	last := b.Stmts[len(b.Stmts)-1]
	if s, ok := last.(*syntax.ExprStmt); ok {
		f.expr(s.X)
		return
	}
	f.stmt(last)
	f.emit(op.UNIT, 0, 0)
}

// stmt compiles a statement leaving nothing on the stack.
func (f *fn) stmt(s syntax.Stmt) {
	tp := f.c.tp
	switch s := s.(type) {
	case *syntax.ExprStmt:
		f.expr(s.X)
		f.emit(op.POP, 0, 0)
	case *syntax.LetStmt:
		f.expr(s.Value)
		switch p := s.Pattern.(type) {
		case *syntax.IdentPattern:
			if b := tp.Defs[p.Name]; b != nil {
				f.emit(op.STORE, int32(f.slot(b)), 0)
			} else {
				f.emit(op.POP, 0, 0)
			}
		case *syntax.WildcardPattern:
			f.emit(op.POP, 0, 0)
		default:
			t := f.temp()
			f.emit(op.STORE, int32(t), 0)
			fail, ok := f.newLabel(), f.newLabel()
			f.pattern(p, t, fail)
			f.jump(op.JUMP, ok, 0)
			f.mark(fail)
			f.pos(s)
			f.emit(op.MATCH_FAIL, 0, 0)
			f.mark(ok)
		}
	case *syntax.ReturnStmt:
		if s.Value == nil {
			f.emit(op.UNIT, 0, 0)
			f.emit(op.RETURN, 0, 0)
		} else {
			f.tail(s.Value)
		}
	case *syntax.AssertReceiveStmt:
		f.assertReceive(s)
	case *syntax.FnDecl:
		b := tp.Defs[s.Name]
		if b == nil || b.Func == nil {
			f.c.errorf(s, "nested function %s was not checked", s.Name.Name)
		}
		f.closure(s, b.Func)
		f.emit(op.STORE, int32(f.slot(b)), 0)
	case syntax.Decl:
		// Other declarations (structs, types, impls) have no run-time code here.
	default:
		f.c.errorf(s, "unsupported statement")
	}
}

// tail compiles e in tail position: its value is returned, and a call
// becomes a tail call.
func (f *fn) tail(e syntax.Expr) {
	switch e := e.(type) {
	case *syntax.ParenExpr:
		f.tail(e.X)
		return
	case *syntax.IfExpr:
		f.ifExpr(e, true)
		return
	case *syntax.CaseExpr:
		f.caseExpr(e, true)
		return
	case *syntax.ReceiveExpr:
		f.receive(e, true)
		return
	case *syntax.CallExpr:
		if f.call(e, e.Fun, f.argList(e), true) {
			return
		}
		f.emit(op.RETURN, 0, 0)
		return
	case *syntax.PipeExpr:
		if fun, args, ok := f.pipeParts(e); ok {
			if f.call(e, fun, args, true) {
				return
			}
			f.emit(op.RETURN, 0, 0)
			return
		}
	}
	f.expr(e)
	f.emit(op.RETURN, 0, 0)
}

// arg is one argument of a call: an expression, or a value already in a
// local (pipes evaluate their left side first).
type arg struct {
	e    syntax.Expr
	slot int
	kw   []*syntax.FieldInit // keyword arguments passed as one Map
}

func (f *fn) argList(e *syntax.CallExpr) []arg {
	var args []arg
	for _, a := range e.Args {
		args = append(args, arg{e: a, slot: -1})
	}
	if len(e.KwArgs) > 0 {
		args = append(args, arg{kw: e.KwArgs, slot: -1})
	}
	if e.Trailing != nil {
		args = append(args, arg{e: e.Trailing, slot: -1})
	}
	return args
}

func (f *fn) pushArgs(args []arg) {
	for _, a := range args {
		if a.slot >= 0 {
			f.emit(op.LOAD, int32(a.slot), 0)
		} else if a.kw != nil {
			for _, fi := range a.kw {
				f.emit(op.CONST, f.c.constant(bundle.Const{Kind: bundle.ConstString, Str: fi.Name.Name}), 0)
				f.expr(fi.Value)
			}
			f.emit(op.MAKE_MAP, int32(len(a.kw)), 0)
		} else {
			f.expr(a.e)
		}
	}
}

// pipeParts rewrites `x |> f(a)` (or `x |N> f(a)`) into callee and args,
// evaluating x first into a temporary.
func (f *fn) pipeParts(e *syntax.PipeExpr) (syntax.Expr, []arg, bool) {
	t := f.temp()
	f.expr(e.X)
	f.emit(op.STORE, int32(t), 0)
	x := arg{slot: t}
	var fun syntax.Expr
	var args []arg
	switch y := e.Y.(type) {
	case *syntax.CallExpr:
		fun = y.Fun
		args = f.argList(y)
	default:
		fun = e.Y
	}
	at := 0
	if e.Slot >= 2 {
		at = e.Slot - 1
	}
	if at > len(args) {
		at = len(args)
	}
	args = append(args[:at], append([]arg{x}, args[at:]...)...)
	return fun, args, true
}

// call compiles a call of fun with args. With tail set it may emit a tail
// call and then reports true (no RETURN needed).
func (f *fn) call(node syntax.Node, fun syntax.Expr, args []arg, tail bool) bool {
	c := f.c
	tp := c.tp
	n := int32(len(args))
	if p, ok := fun.(*syntax.ParenExpr); ok {
		fun = p.X
	}
	ref := tp.Resolve(fun)
	if ref != nil {
		switch ref.Kind {
		case types.RefFunc:
			if ref.Recv {
				sel := fun.(*syntax.SelectorExpr)
				args = append([]arg{{e: sel.X, slot: -1}}, args...)
				n++
			}
			idx := int32(c.declare(ref.Func))
			f.pushArgs(args)
			f.pos(node)
			if tail && idx == f.self && len(f.caps) == 0 && f.bf.NumParams == int(n) {
				f.emit(op.TAILCALL_SELF, idx, n)
				return true
			}
			if tail {
				f.emit(op.TAILCALL, idx, n)
				return true
			}
			f.emit(op.CALL, idx, n)
			return false
		case types.RefNative:
			if ref.Native == "assert" && len(args) == 1 && args[0].e != nil {
				// The failure message quotes the argument's source text.
				f.pushArgs(args)
				f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: c.text(args[0].e)}), 0)
				f.pos(node)
				f.emit(op.CALL_NATIVE, c.native("assert"), 2)
				return false
			}
			if name, ok := c.routes[asCall(node)]; ok && ref.Native == "HTTP.clustered" {
				// The runtime routes the request to its owner node by name.
				f.pushArgs(args)
				f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: name}), 0)
				f.pos(node)
				f.emit(op.CALL_NATIVE, c.native("__http_clustered"), n+1)
				return false
			}
			if ref.Native == "default" && len(args) == 0 {
				f.defaultValue(node, c.tp.TypeOf(node.(syntax.Expr)))
				return false
			}
			if ref.Recv {
				sel := fun.(*syntax.SelectorExpr)
				args = append([]arg{{e: sel.X, slot: -1}}, args...)
				n++
			}
			f.pushArgs(args)
			f.pos(node)
			f.emit(op.CALL_NATIVE, c.native(ref.Native), n)
			return false
		case types.RefCtor:
			f.pushArgs(args)
			f.pos(node)
			f.emit(op.MAKE_VARIANT, c.typeIndex(ref.Variant.Def), int32(ref.Variant.Tag))
			return false
		case types.RefMethod:
			if ref.Recv {
				sel := fun.(*syntax.SelectorExpr)
				args = append([]arg{{e: sel.X, slot: -1}}, args...)
				n++
			}
			if ref.Func != nil {
				idx := int32(c.declare(ref.Func))
				f.pushArgs(args)
				f.pos(node)
				if tail {
					f.emit(op.TAILCALL, idx, n)
					return true
				}
				f.emit(op.CALL, idx, n)
				return false
			}
			f.pushArgs(args)
			f.pos(node)
			f.emit(op.CALL_METHOD, c.constant(bundle.Const{Kind: bundle.ConstString, Str: ref.Method}), n)
			return false
		case types.RefService:
			f.serviceCall(node, ref, args)
			return false
		case types.RefDerived:
			if strings.HasPrefix(ref.Method, "__") {
				f.schemaConst(node, ref.Struct, ref.Method)
				return false
			}
			// Derived static functions: Type.from_json(text), Type.from_row(map).
			f.pushArgs(args)
			f.emit(op.INT, c.typeIndex(ref.Struct), 0)
			f.pos(node)
			f.emit(op.CALL_NATIVE, c.native("__derived_"+ref.Method), n+1)
			return false
		case types.RefLocal:
			if ref.Binding == f.selfBind && f.selfBind != nil {
				f.selfClosure()
				f.pushArgs(args)
				f.pos(node)
				if tail {
					f.emit(op.TAILCALL_CLOSURE, 0, n)
					return true
				}
				f.emit(op.CALL_CLOSURE, 0, n)
				return false
			}
		}
	}
	// A closure value.
	f.expr(fun)
	f.pushArgs(args)
	f.pos(node)
	if tail {
		f.emit(op.TAILCALL_CLOSURE, 0, n)
		return true
	}
	f.emit(op.CALL_CLOSURE, 0, n)
	return false
}

// selfClosure rebuilds the closure of the nested function being compiled
// (its captures are its own locals).
func (f *fn) selfClosure() {
	for i := range f.caps {
		f.emit(op.LOAD, int32(f.bf.NumParams+i), 0)
	}
	f.emit(op.MAKE_CLOSURE, f.self, int32(len(f.caps)))
}

// expr compiles e leaving its value on the stack.
func (f *fn) expr(e syntax.Expr) {
	c := f.c
	tp := c.tp
	switch e := e.(type) {
	case *syntax.IntLit:
		f.intConst(e.Value)
	case *syntax.FloatLit:
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstFloat, Flt: e.Value}), 0)
	case *syntax.BoolLit:
		if e.Value {
			f.emit(op.TRUE, 0, 0)
		} else {
			f.emit(op.FALSE, 0, 0)
		}
	case *syntax.NilLit:
		f.emit(op.UNIT, 0, 0)
	case *syntax.AtomLit:
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstAtom, Str: e.Name}), 0)
	case *syntax.StringLit:
		f.stringLit(e)
	case *syntax.ParenExpr:
		f.expr(e.X)
	case *syntax.TupleExpr:
		if len(e.Elems) == 0 {
			f.emit(op.UNIT, 0, 0)
			return
		}
		for _, x := range e.Elems {
			f.expr(x)
		}
		f.emit(op.MAKE_TUPLE, int32(len(e.Elems)), 0)
	case *syntax.ListLit:
		for _, x := range e.Elems {
			f.expr(x)
		}
		f.emit(op.MAKE_LIST, int32(len(e.Elems)), 0)
	case *syntax.MapLit:
		for _, en := range e.Entries {
			f.expr(en.Key)
			f.expr(en.Value)
		}
		f.emit(op.MAKE_MAP, int32(len(e.Entries)), 0)
	case *syntax.Ident:
		f.ident(e, tp.Resolve(e))
	case *syntax.SelfExpr:
		f.ident(e, tp.Resolve(e))
	case *syntax.SelectorExpr:
		ref := tp.Resolve(e)
		if ref == nil {
			c.errorf(e, "unresolved name %s", e.Sel.Name)
		}
		if ref.Kind == types.RefField {
			f.expr(e.X)
			f.emit(op.GET_FIELD, int32(ref.Field), 0)
			return
		}
		f.ident(e, ref)
	case *syntax.StructLit:
		ref := tp.Resolve(e)
		if ref == nil || ref.Struct == nil {
			c.errorf(e, "unresolved struct literal")
		}
		d := ref.Struct
		vals := make([]syntax.Expr, len(d.Fields))
		for _, fi := range e.Fields {
			if i := d.FieldIndex(fi.Name.Name); i >= 0 {
				vals[i] = fi.Value
			}
		}
		inOrder := true
		for i, fi := range e.Fields {
			if i >= len(vals) || vals[i] != fi.Value {
				inOrder = false
			}
		}
		if inOrder {
			for _, v := range vals {
				f.exprOrUnit(v)
			}
		} else {
			slots := make([]int, len(d.Fields))
			for _, fi := range e.Fields {
				i := d.FieldIndex(fi.Name.Name)
				if i < 0 {
					continue
				}
				slots[i] = f.temp()
				f.expr(fi.Value)
				f.emit(op.STORE, int32(slots[i]), 0)
			}
			for i := range vals {
				if vals[i] == nil {
					f.emit(op.UNIT, 0, 0)
				} else {
					f.emit(op.LOAD, int32(slots[i]), 0)
				}
			}
		}
		f.emit(op.MAKE_STRUCT, c.typeIndex(d), int32(len(d.Fields)))
	case *syntax.StructUpdate:
		f.expr(e.Base)
		t := types.Prune(tp.TypeOf(e.Base))
		con, _ := t.(*types.Con)
		if con == nil || con.Def == nil {
			c.errorf(e, "struct update of a non-struct value")
		}
		for _, fi := range e.Fields {
			f.expr(fi.Value)
			f.emit(op.SET_FIELD, int32(con.Def.FieldIndex(fi.Name.Name)), 0)
		}
	case *syntax.UnaryExpr:
		f.unary(e)
	case *syntax.BinaryExpr:
		f.binary(e)
	case *syntax.PipeExpr:
		fun, args, _ := f.pipeParts(e)
		f.call(e, fun, args, false)
	case *syntax.CallExpr:
		f.call(e, e.Fun, f.argList(e), false)
	case *syntax.IfExpr:
		f.ifExpr(e, false)
	case *syntax.CaseExpr:
		f.caseExpr(e, false)
	case *syntax.FnExpr:
		f.closure(e, nil)
	case *syntax.TryExpr:
		f.try(e)
	case *syntax.WhileExpr:
		f.whileExpr(e)
	case *syntax.ForExpr:
		f.forExpr(e)
	case *syntax.BreakExpr:
		if len(f.loops) == 0 {
			c.errorf(e, "break outside a loop")
		}
		f.jump(op.JUMP, f.loops[len(f.loops)-1].brk, 0)
		f.emit(op.UNIT, 0, 0) // unreachable; keeps the expression's stack shape
	case *syntax.ContinueExpr:
		if len(f.loops) == 0 {
			c.errorf(e, "continue outside a loop")
		}
		f.jump(op.JUMP, f.loops[len(f.loops)-1].cont, 0)
		f.emit(op.UNIT, 0, 0)
	case *syntax.ReceiveExpr:
		f.receive(e, false)
	case *syntax.SpawnExpr:
		if len(e.Args) == 0 {
			c.errorf(e, "spawn needs a function")
		}
		if ref := tp.Resolve(e.Args[0]); ref != nil && ref.Kind == types.RefSupervisor {
			f.supervisor(e, ref.Supervisor)
			return
		}
		for _, a := range e.Args {
			f.expr(a)
		}
		f.pos(e)
		f.emit(op.CALL_NATIVE, c.native("spawn"), int32(len(e.Args)))
	case *syntax.SendExpr:
		for _, a := range e.Args {
			f.expr(a)
		}
		f.pos(e)
		f.emit(op.CALL_NATIVE, c.native("send"), int32(len(e.Args)))
	case *syntax.LinkExpr:
		for _, a := range e.Args {
			f.expr(a)
		}
		f.emit(op.CALL_NATIVE, c.native("link"), int32(len(e.Args)))
	case *syntax.SelfCall:
		f.emit(op.CALL_NATIVE, c.native("self"), 0)
	case *syntax.RegexLit:
		pat := e.Pattern
		if e.Flags != "" {
			pat = "(?" + e.Flags + ")" + pat
		}
		if _, err := regexp.Compile(pat); err != nil {
			c.errorf(e, "invalid regex literal: %v", err)
		}
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: pat}), 0)
		f.emit(op.CALL_NATIVE, c.native("__regex_literal"), 1)
	case *syntax.JSONLit:
		// __json_object(key, value, raw?, …): raw values are Json text.
		for _, fi := range e.Fields {
			f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: fi.Name.Name}), 0)
			f.expr(fi.Value)
			if f.typeName(fi.Value) == "Json" {
				f.emit(op.TRUE, 0, 0)
			} else {
				f.emit(op.FALSE, 0, 0)
			}
		}
		f.emit(op.CALL_NATIVE, c.native("__json_object"), int32(3*len(e.Fields)))
	case *syntax.IndexExpr:
		f.expr(e.X)
		f.expr(e.Index)
		f.pos(e)
		if f.typeName(e.X) == types.NMap {
			f.emit(op.CALL_NATIVE, c.native("Map.get"), 2)
		} else {
			f.emit(op.CALL_NATIVE, c.native("List.get"), 2)
		}
	default:
		c.errorf(e, "unsupported expression %T", e)
	}
}

func (f *fn) exprOrUnit(e syntax.Expr) {
	if e == nil {
		f.emit(op.UNIT, 0, 0)
		return
	}
	f.expr(e)
}

func (f *fn) intConst(v int64) {
	if v >= -1<<31 && v < 1<<31 {
		f.emit(op.INT, int32(v), 0)
		return
	}
	f.emit(op.CONST, f.c.constant(bundle.Const{Kind: bundle.ConstInt, Int: v}), 0)
}

// ident compiles a name used as a value.
func (f *fn) ident(e syntax.Expr, ref *types.Ref) {
	c := f.c
	if ref == nil {
		c.errorf(e, "unresolved name")
	}
	switch ref.Kind {
	case types.RefLocal:
		if ref.Binding == f.selfBind && f.selfBind != nil {
			f.selfClosure()
			return
		}
		f.emit(op.LOAD, int32(f.slot(ref.Binding)), 0)
	case types.RefFunc:
		f.emit(op.LOAD_FUNC, int32(c.declare(ref.Func)), 0)
	case types.RefCtor:
		if ref.Variant.Arity() == 0 {
			f.emit(op.MAKE_VARIANT, c.typeIndex(ref.Variant.Def), int32(ref.Variant.Tag))
			return
		}
		f.emit(op.LOAD_FUNC, c.ctorWrapper(ref.Variant), 0)
	case types.RefNative:
		if ft, ok := types.Prune(c.tp.TypeOf(e)).(*types.Func); ok {
			f.emit(op.LOAD_FUNC, c.nativeWrapper(ref.Native, len(ft.Params)), 0)
			return
		}
		f.emit(op.CALL_NATIVE, c.native(ref.Native), 0)
	case types.RefMethod:
		if ref.Func != nil {
			f.emit(op.LOAD_FUNC, int32(c.declare(ref.Func)), 0)
			return
		}
		c.errorf(e, "method %s used as a value needs a known receiver type", ref.Method)
	default:
		c.errorf(e, "unsupported reference")
	}
}

func (f *fn) stringLit(e *syntax.StringLit) {
	c := f.c
	n := 0
	for _, p := range e.Parts {
		if p.X == nil {
			if p.Text == "" {
				continue
			}
			f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: p.Text}), 0)
		} else {
			f.expr(p.X)
			if f.typeName(p.X) != types.NString {
				f.pos(p.X)
				f.emit(op.TO_STRING, 0, 0)
			}
		}
		n++
	}
	switch n {
	case 0:
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: ""}), 0)
	case 1:
	default:
		f.emit(op.INTERP, int32(n), 0)
	}
}

func (f *fn) unary(e *syntax.UnaryExpr) {
	c := f.c
	if ref := c.tp.Resolve(e); ref != nil && ref.Kind == types.RefMethod {
		f.expr(e.X)
		if ref.Func != nil {
			f.emit(op.CALL, int32(c.declare(ref.Func)), 1)
		} else {
			f.emit(op.CALL_METHOD, c.constant(bundle.Const{Kind: bundle.ConstString, Str: ref.Method}), 1)
		}
		return
	}
	f.expr(e.X)
	switch e.Op {
	case syntax.MINUS:
		if f.typeName(e.X) == types.NFloat {
			f.emit(op.NEG_FLOAT, 0, 0)
		} else {
			f.emit(op.NEG_INT, 0, 0)
		}
	default:
		f.emit(op.NOT, 0, 0)
	}
}

var intOps = map[syntax.Token]op.Opcode{
	syntax.PLUS: op.ADD_INT, syntax.MINUS: op.SUB_INT, syntax.STAR: op.MUL_INT, syntax.SLASH: op.DIV_INT,
	syntax.PERCENT: op.MOD_INT, syntax.EQ: op.EQ_INT, syntax.NE: op.NE_INT, syntax.LT: op.LT_INT,
	syntax.LE: op.LE_INT, syntax.GT: op.GT_INT, syntax.GE: op.GE_INT,
}
var floatOps = map[syntax.Token]op.Opcode{
	syntax.PLUS: op.ADD_FLOAT, syntax.MINUS: op.SUB_FLOAT, syntax.STAR: op.MUL_FLOAT, syntax.SLASH: op.DIV_FLOAT,
	syntax.PERCENT: op.MOD_FLOAT, syntax.EQ: op.EQ_FLOAT, syntax.NE: op.NE_FLOAT, syntax.LT: op.LT_FLOAT,
	syntax.LE: op.LE_FLOAT, syntax.GT: op.GT_FLOAT, syntax.GE: op.GE_FLOAT,
}
var strOps = map[syntax.Token]op.Opcode{
	syntax.EQ: op.EQ_STR, syntax.NE: op.NE_STR, syntax.LT: op.LT_STR, syntax.LE: op.LE_STR,
	syntax.GT: op.GT_STR, syntax.GE: op.GE_STR, syntax.CONCAT: op.CONCAT, syntax.PLUS: op.CONCAT, syntax.PLUSPLUS: op.CONCAT,
}
var genericOps = map[syntax.Token]op.Opcode{
	syntax.EQ: op.EQ, syntax.NE: op.NE, syntax.LT: op.LT, syntax.LE: op.LE, syntax.GT: op.GT, syntax.GE: op.GE,
}
var traitMethods = map[syntax.Token]string{
	syntax.PLUS: "add", syntax.MINUS: "sub", syntax.STAR: "mul", syntax.SLASH: "div", syntax.PERCENT: "mod",
}

func (f *fn) binary(e *syntax.BinaryExpr) {
	c := f.c
	switch e.Op {
	case syntax.AND, syntax.ANDAND, syntax.OR, syntax.OROR:
		end := f.newLabel()
		f.expr(e.X)
		f.emit(op.DUP, 0, 0)
		if e.Op == syntax.AND || e.Op == syntax.ANDAND {
			f.jump(op.JUMP_IF_FALSE, end, 0)
		} else {
			f.jump(op.JUMP_IF_TRUE, end, 0)
		}
		f.emit(op.POP, 0, 0)
		f.expr(e.Y)
		f.mark(end)
		return
	case syntax.DOTDOT:
		f.expr(e.X)
		f.expr(e.Y)
		f.emit(op.MAKE_RANGE, 0, 0)
		return
	}
	lt := f.typeName(e.X)
	if ref := c.tp.Resolve(e); ref != nil && ref.Kind == types.RefMethod {
		if gop, ok := genericOps[e.Op]; ok && ref.Func == nil {
			f.expr(e.X)
			f.expr(e.Y)
			f.pos(e)
			f.emit(gop, 0, 0)
			return
		}
		if ref.Func != nil && (e.Op == syntax.EQ || e.Op == syntax.NE || e.Op == syntax.LT || e.Op == syntax.LE || e.Op == syntax.GT || e.Op == syntax.GE) {
			// eq/lt impls: derive the other comparisons (§6.2).
			x, y := e.X, e.Y
			if e.Op == syntax.GT || e.Op == syntax.LE {
				x, y = y, x
			}
			f.expr(x)
			f.expr(y)
			f.pos(e)
			f.emit(op.CALL, int32(c.declare(ref.Func)), 2)
			if e.Op == syntax.NE || e.Op == syntax.LE || e.Op == syntax.GE {
				f.emit(op.NOT, 0, 0)
			}
			return
		}
		f.expr(e.X)
		f.expr(e.Y)
		f.pos(e)
		if ref.Func != nil {
			f.emit(op.CALL, int32(c.declare(ref.Func)), 2)
		} else {
			name := ref.Method
			if name == "" {
				name = traitMethods[e.Op]
			}
			f.emit(op.CALL_METHOD, c.constant(bundle.Const{Kind: bundle.ConstString, Str: name}), 2)
		}
		return
	}
	f.expr(e.X)
	f.expr(e.Y)
	f.pos(e)
	var o op.Opcode
	ok := false
	switch lt {
	case types.NInt, types.NBool:
		o, ok = intOps[e.Op]
		if lt == types.NBool && ok && e.Op != syntax.EQ && e.Op != syntax.NE {
			o, ok = genericOps[e.Op]
		}
	case types.NFloat:
		o, ok = floatOps[e.Op]
	case types.NString:
		o, ok = strOps[e.Op]
	}
	if !ok {
		switch e.Op {
		case syntax.PLUSPLUS:
			if lt == types.NString {
				o, ok = op.CONCAT, true
			} else {
				o, ok = op.LIST_CONCAT, true
			}
		case syntax.CONCAT:
			o, ok = op.CONCAT, true
		default:
			if g, isCmp := genericOps[e.Op]; isCmp {
				o, ok = g, true
			} else if name, isArith := traitMethods[e.Op]; isArith {
				f.emit(op.CALL_METHOD, c.constant(bundle.Const{Kind: bundle.ConstString, Str: name}), 2)
				return
			}
		}
	}
	if !ok {
		c.errorf(e, "unsupported operator %v on %s", e.Op, lt)
	}
	f.emit(o, 0, 0)
}

func (f *fn) ifExpr(e *syntax.IfExpr, tail bool) {
	elseL, end := f.newLabel(), f.newLabel()
	f.expr(e.Cond)
	f.jump(op.JUMP_IF_FALSE, elseL, 0)
	if tail {
		f.tailBlock(e.Then)
	} else {
		f.block(e.Then)
		f.jump(op.JUMP, end, 0)
	}
	f.mark(elseL)
	switch el := e.Else.(type) {
	case nil:
		f.emit(op.UNIT, 0, 0)
		if tail {
			f.emit(op.RETURN, 0, 0)
		}
	case *syntax.Block:
		if tail {
			f.tailBlock(el)
		} else {
			f.block(el)
		}
	case *syntax.IfExpr:
		f.ifExpr(el, tail)
	default:
		f.c.errorf(e, "unsupported else branch")
	}
	f.mark(end)
}

func (f *fn) caseExpr(e *syntax.CaseExpr, tail bool) {
	subj := f.temp()
	f.expr(e.Subject)
	f.emit(op.STORE, int32(subj), 0)
	end := f.newLabel()
	for _, arm := range e.Arms {
		next := f.newLabel()
		f.pattern(arm.Pattern, subj, next)
		if arm.Guard != nil {
			f.expr(arm.Guard)
			f.jump(op.JUMP_IF_FALSE, next, 0)
		}
		if tail {
			f.tailBlock(arm.Body)
		} else {
			f.block(arm.Body)
			f.jump(op.JUMP, end, 0)
		}
		f.mark(next)
	}
	f.pos(e)
	f.emit(op.MATCH_FAIL, 0, 0)
	f.mark(end)
}

// try compiles `x?`: Ok(v)/Some(v) gives v; Err(e)/None returns from the
// function (Err converted by From when the checker chose an impl).
func (f *fn) try(e *syntax.TryExpr) {
	c := f.c
	info := c.tp.Tries[e]
	t := f.temp()
	f.expr(e.X)
	f.emit(op.STORE, int32(t), 0)
	ok := f.newLabel()
	f.emit(op.LOAD, int32(t), 0)
	f.emit(op.TEST_TAG, 0, 0)
	f.jump(op.JUMP_IF_TRUE, ok, 0)
	if info != nil && info.Kind == types.TryResult {
		f.emit(op.LOAD, int32(t), 0)
		if info.From != nil {
			f.emit(op.GET_PAYLOAD, 0, 0)
			f.emit(op.CALL, int32(c.declare(info.From)), 1)
			f.emit(op.MAKE_VARIANT, c.typeIndex(types.ResultDef), 1)
		}
	} else {
		f.emit(op.LOAD, int32(t), 0)
	}
	f.emit(op.RETURN, 0, 0)
	f.mark(ok)
	f.emit(op.LOAD, int32(t), 0)
	f.emit(op.GET_PAYLOAD, 0, 0)
}

func (f *fn) whileExpr(e *syntax.WhileExpr) {
	top, end := f.newLabel(), f.newLabel()
	f.mark(top)
	f.loops = append(f.loops, &loop{brk: end, cont: top, acc: -1})
	f.expr(e.Cond)
	f.jump(op.JUMP_IF_FALSE, end, 0)
	f.block(e.Body)
	f.emit(op.POP, 0, 0)
	f.jump(op.JUMP, top, 0)
	f.loops = f.loops[:len(f.loops)-1]
	f.mark(end)
	f.emit(op.UNIT, 0, 0)
}

// forExpr compiles a for loop collecting its body values into a list.
func (f *fn) forExpr(e *syntax.ForExpr) {
	c := f.c
	tp := c.tp
	acc, it := f.temp(), f.temp()
	f.emit(op.LIST_NEW, 0, 0)
	f.emit(op.STORE, int32(acc), 0)
	f.expr(e.Iter)
	info := tp.Fors[e]
	if info != nil && info.Kind == types.ForIterable && info.IterFn != nil {
		f.emit(op.CALL, int32(c.declare(info.IterFn)), 1)
	}
	f.emit(op.ITER, 0, 0)
	f.emit(op.STORE, int32(it), 0)
	top, end := f.newLabel(), f.newLabel()
	f.mark(top)
	f.jump(op.ITER_NEXT, end, int32(it))
	bind := func(id *syntax.Ident) int32 {
		if b := tp.Defs[id]; b != nil {
			return int32(f.slot(b))
		}
		return int32(f.temp())
	}
	switch {
	case len(e.Vars) == 2:
		t := f.temp()
		f.emit(op.STORE, int32(t), 0)
		f.emit(op.LOAD, int32(t), 0)
		f.emit(op.TUPLE_GET, 0, 0)
		f.emit(op.STORE, bind(e.Vars[0]), 0)
		f.emit(op.LOAD, int32(t), 0)
		f.emit(op.TUPLE_GET, 1, 0)
		f.emit(op.STORE, bind(e.Vars[1]), 0)
	case len(e.Vars) == 1 && info != nil && info.Kind == types.ForMap:
		f.emit(op.TUPLE_GET, 0, 0)
		f.emit(op.STORE, bind(e.Vars[0]), 0)
	case len(e.Vars) == 1:
		f.emit(op.STORE, bind(e.Vars[0]), 0)
	default:
		f.emit(op.POP, 0, 0)
	}
	if e.Filter != nil {
		f.expr(e.Filter)
		f.jump(op.JUMP_IF_FALSE, top, 0)
	}
	f.loops = append(f.loops, &loop{brk: end, cont: top, acc: acc})
	f.block(e.Body)
	f.emit(op.LIST_PUSH, int32(acc), 0)
	f.jump(op.JUMP, top, 0)
	f.loops = f.loops[:len(f.loops)-1]
	f.mark(end)
	f.emit(op.LOAD, int32(acc), 0)
	f.emit(op.LIST_FINISH, 0, 0)
}

// receive compiles selective receive: each message from the oldest is
// matched against the arms in order; unmatched messages stay queued.
func (f *fn) receive(e *syntax.ReceiveExpr, tail bool) {
	msg := f.temp()
	timed := int32(0)
	if e.After != nil {
		f.expr(e.After)
		timed = 1
	}
	f.emit(op.RECV_START, 0, timed)
	next, timeout, end := f.newLabel(), f.newLabel(), f.newLabel()
	f.mark(next)
	f.pos(e)
	f.jump(op.RECV_NEXT, timeout, 0)
	f.emit(op.STORE, int32(msg), 0)
	for _, arm := range e.Arms {
		skip := f.newLabel()
		f.pattern(arm.Pattern, msg, skip)
		if arm.Guard != nil {
			f.expr(arm.Guard)
			f.jump(op.JUMP_IF_FALSE, skip, 0)
		}
		f.emit(op.RECV_TAKE, 0, 0)
		if tail {
			f.tailBlock(arm.Body)
		} else {
			f.block(arm.Body)
			f.jump(op.JUMP, end, 0)
		}
		f.mark(skip)
	}
	f.emit(op.RECV_SKIP, 0, 0)
	f.jump(op.JUMP, next, 0)
	f.mark(timeout)
	switch {
	case e.AfterBody != nil && tail:
		f.tailBlock(e.AfterBody)
	case e.AfterBody != nil:
		f.block(e.AfterBody)
	default:
		f.emit(op.UNIT, 0, 0)
		if tail {
			f.emit(op.RETURN, 0, 0)
		}
	}
	f.mark(end)
}

// closure compiles a closure (FnExpr) or nested named function and leaves
// the closure value on the stack.
func (f *fn) closure(node syntax.Node, tf *types.Function) {
	c := f.c
	caps := c.tp.Captures[node]
	var cls []clause
	arity := 0
	name := f.bf.Name + ".<closure>"
	switch n := node.(type) {
	case *syntax.FnExpr:
		for _, cl := range n.Clauses {
			cls = append(cls, clause{params: cl.Params, guard: cl.Guard, body: cl.Body, node: cl})
		}
		if len(cls) > 0 {
			arity = len(cls[0].params)
		}
	case *syntax.FnDecl:
		cls = []clause{{params: n.Params, guard: n.Guard, body: n.Body, node: n}}
		arity = len(n.Params)
		name = tf.QualName
		if len(tf.Clauses) > 1 {
			cls = nil
			for _, d := range tf.Clauses {
				cls = append(cls, clause{params: d.Params, guard: d.Guard, body: d.Body, node: d})
			}
		}
	}
	bf := &bundle.Function{Name: name}
	idx := int32(len(c.out.Funcs))
	c.out.Funcs = append(c.out.Funcs, bf)
	g := c.newFn(bf, idx, arity, caps)
	if tf != nil {
		g.tf = tf
		g.selfBind = tf.Binding
	}
	g.clauses(cls)
	g.finish()
	for _, b := range caps {
		if b == f.selfBind && f.selfBind != nil {
			f.selfClosure()
			continue
		}
		f.emit(op.LOAD, int32(f.slot(b)), 0)
	}
	f.emit(op.MAKE_CLOSURE, idx, int32(len(caps)))
}

// serviceCall compiles `Svc.start(args)` and `Svc.handler(pid, args)`.
func (f *fn) serviceCall(node syntax.Node, ref *types.Ref, args []arg) {
	c := f.c
	svc := ref.Service
	if ref.Handler == nil {
		// start: init runs in the caller, then the service process starts.
		if svc.Init != nil {
			f.pushArgs(args)
			f.emit(op.CALL, int32(c.declare(svc.Init)), int32(len(args)))
		} else {
			f.emit(op.UNIT, 0, 0)
		}
		for _, h := range svc.Handlers {
			f.emit(op.LOAD_FUNC, c.serviceHandler(svc, h), 0)
		}
		f.emit(op.MAKE_LIST, int32(len(svc.Handlers)), 0)
		f.pos(node)
		f.emit(op.CALL_NATIVE, c.native("__service_start"), 2)
		return
	}
	h := ref.Handler
	if len(args) == 0 {
		c.errorf(node, "service call without a pid")
	}
	f.pushArgs(args[:1])
	f.emit(op.INT, int32(h.Index), 0)
	f.pushArgs(args[1:])
	f.emit(op.MAKE_LIST, int32(len(args)-1), 0)
	f.pos(node)
	if h.Cast {
		f.emit(op.CALL_NATIVE, c.native("__service_cast"), 3)
	} else {
		f.emit(op.CALL_NATIVE, c.native("__service_call"), 3)
	}
}

// defaultValue pushes Default.default() for the (checked) type t.
func (f *fn) defaultValue(node syntax.Node, t types.Type) {
	c := f.c
	con, _ := types.Prune(t).(*types.Con)
	if con == nil {
		c.errorf(node, "default() needs a known type")
	}
	switch con.Name {
	case types.NInt:
		f.emit(op.INT, 0, 0)
		return
	case types.NFloat:
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstFloat}), 0)
		return
	case types.NString:
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString}), 0)
		return
	case types.NBool:
		f.emit(op.FALSE, 0, 0)
		return
	case types.NUnit:
		f.emit(op.UNIT, 0, 0)
		return
	case types.NList:
		f.emit(op.MAKE_LIST, 0, 0)
		return
	case types.NMap:
		f.emit(op.MAKE_MAP, 0, 0)
		return
	}
	for _, im := range c.tp.Impls {
		if im.Trait == "Default" && (im.Type == con.Def && con.Def != nil || im.Type == nil && im.TypeName == con.Name) {
			if fn := im.Methods["default"]; fn != nil {
				f.emit(op.CALL, int32(c.declare(fn)), 0)
				return
			}
		}
	}
	c.errorf(node, "no Default impl for %s", con.Name)
}

// supervisor compiles spawn(Sup): __supervisor_start(strategy,
// max_restarts, max_seconds, [start closures], [restart kinds], [shutdown ms]).
func (f *fn) supervisor(node syntax.Node, s *types.Supervisor) {
	c := f.c
	atom := func(a string) {
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstAtom, Str: a}), 0)
	}
	atom(s.Strategy)
	f.intConst(int64(s.MaxRestarts))
	f.intConst(int64(s.MaxSeconds))
	for _, ch := range s.Children {
		f.expr(ch.Start)
	}
	f.emit(op.MAKE_LIST, int32(len(s.Children)), 0)
	for _, ch := range s.Children {
		atom(ch.Restart)
	}
	f.emit(op.MAKE_LIST, int32(len(s.Children)), 0)
	for _, ch := range s.Children {
		f.intConst(int64(ch.Shutdown))
	}
	f.emit(op.MAKE_LIST, int32(len(s.Children)), 0)
	f.pos(node)
	f.emit(op.CALL_NATIVE, c.native("__supervisor_start"), 6)
}

// assertReceive compiles `assert_receive PATTERN[, ms]`: a selective
// receive of one matching message, recording a test failure on timeout.
func (f *fn) assertReceive(s *syntax.AssertReceiveStmt) {
	c := f.c
	msText := "100"
	if s.Timeout != nil {
		f.expr(s.Timeout)
		msText = c.text(s.Timeout)
	} else {
		f.emit(op.INT, 100, 0)
	}
	f.emit(op.RECV_START, 0, 1)
	msg := f.temp()
	next, timeout, end := f.newLabel(), f.newLabel(), f.newLabel()
	f.mark(next)
	f.jump(op.RECV_NEXT, timeout, 0)
	f.emit(op.STORE, int32(msg), 0)
	skip := f.newLabel()
	f.pattern(s.Pattern, msg, skip)
	f.emit(op.RECV_TAKE, 0, 0)
	f.jump(op.JUMP, end, 0)
	f.mark(skip)
	f.emit(op.RECV_SKIP, 0, 0)
	f.jump(op.JUMP, next, 0)
	f.mark(timeout)
	text := "assert_receive " + c.text(s.Pattern) + " timed out after " + msText + "ms"
	f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: text}), 0)
	f.emit(op.CALL_NATIVE, c.native("__test_fail"), 1)
	f.emit(op.POP, 0, 0)
	f.mark(end)
}

func asCall(n syntax.Node) *syntax.CallExpr {
	c, _ := n.(*syntax.CallExpr)
	return c
}

// schemaConst emits the value of a deriving(Schema) metadata function
// (§12.23); they are constants of the struct's declaration.
func (f *fn) schemaConst(node syntax.Node, d *types.TypeDef, method string) {
	c := f.c
	str := func(s string) {
		f.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: s}), 0)
	}
	strs := func(ss []string) {
		for _, s := range ss {
			str(s)
		}
		f.emit(op.MAKE_LIST, int32(len(ss)), 0)
	}
	plural := func(name string) string { return strings.ToLower(name) + "s" }
	switch method {
	case "__table__":
		if d.Table != "" {
			str(d.Table)
		} else {
			str(plural(d.Name))
		}
	case "__primary_key__":
		if d.PrimaryKey != "" {
			str(d.PrimaryKey)
		} else {
			str("id")
		}
	case "__fields__", "__field_types__":
		var names, typed []string
		for _, fl := range d.Fields {
			sqlType := "TEXT"
			switch types.ConName(fl.Type) {
			case types.NInt:
				sqlType = "BIGINT"
			case types.NFloat:
				sqlType = "DOUBLE PRECISION"
			case types.NBool:
				sqlType = "BOOLEAN"
			}
			names = append(names, fl.Name)
			typed = append(typed, fl.Name+":"+sqlType)
		}
		if d.Timestamps {
			names = append(names, "inserted_at", "updated_at")
			typed = append(typed, "inserted_at:TEXT", "updated_at:TEXT")
		}
		if method == "__fields__" {
			strs(names)
		} else {
			strs(typed)
		}
	case "__relationships__", "__relationship_meta__":
		var out []string
		for _, r := range d.Relations {
			s := r.Kind + ":" + r.Name + ":" + r.Target
			if method == "__relationship_meta__" {
				fk := strings.ToLower(d.Name) + "_id"
				if r.Kind == "belongs_to" {
					fk = r.Name + "_id"
				}
				s += ":" + fk + ":" + plural(r.Target)
			}
			out = append(out, s)
		}
		strs(out)
	default:
		if col, ok := strings.CutSuffix(strings.TrimPrefix(method, "__"), "_col__"); ok {
			str(col)
			return
		}
		c.errorf(node, "unknown schema function %s", method)
	}
}
