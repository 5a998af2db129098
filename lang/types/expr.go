package types

import (
	"regexp"
	"strings"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// exprWant checks e expecting type want and reports a mismatch at e.
func (c *checker) exprWant(e syntax.Expr, sc *scope, want Type) Type {
	t := c.expr(e, sc, want)
	c.unifyAt(e, want, t)
	return t
}

// expr infers e; want (may be nil) only guides closures and literals.
func (c *checker) expr(e syntax.Expr, sc *scope, want Type) Type {
	if e == nil {
		return c.gen.fresh()
	}
	t := c.expr1(e, sc, want)
	if t == nil {
		t = c.gen.fresh()
	}
	c.prog.Types[e] = t
	return t
}

func (c *checker) expr1(e syntax.Expr, sc *scope, want Type) Type {
	switch e := e.(type) {
	case *syntax.IntLit:
		return tInt
	case *syntax.FloatLit:
		return tFloat
	case *syntax.BoolLit:
		return tBool
	case *syntax.NilLit:
		return tUnit
	case *syntax.AtomLit:
		return tAtom
	case *syntax.RegexLit:
		flags := ""
		if e.Flags != "" {
			flags = "(?" + e.Flags + ")"
		}
		if _, err := regexp.Compile(flags + e.Pattern); err != nil {
			c.errorf(e, "E0052", "invalid regex pattern: %v", err)
		}
		return &Con{Name: NRegex}
	case *syntax.StringLit:
		for _, p := range e.Parts {
			if p.X != nil {
				c.expr(p.X, sc, nil)
			}
		}
		return tString
	case *syntax.SelfExpr:
		if b := c.lookup(sc, "self"); b != nil {
			c.prog.Refs[e] = &Ref{Kind: RefLocal, Binding: b}
			return b.Type
		}
		c.errorf(e, "E0004", "unbound variable `self`")
		return nil
	case *syntax.ParenExpr:
		return c.expr(e.X, sc, want)
	case *syntax.TupleExpr:
		if len(e.Elems) == 0 {
			return tUnit
		}
		if len(e.Elems) == 1 {
			return c.expr(e.Elems[0], sc, want)
		}
		var wantEl []Type
		if wt, ok := Prune(want).(*Tuple); ok && len(wt.Elems) == len(e.Elems) {
			wantEl = wt.Elems
		}
		el := make([]Type, len(e.Elems))
		for i, x := range e.Elems {
			var w Type
			if wantEl != nil {
				w = wantEl[i]
			}
			el[i] = c.expr(x, sc, w)
		}
		return &Tuple{Elems: el}
	case *syntax.ListLit:
		var elem Type = c.gen.fresh()
		if wc, ok := Prune(want).(*Con); ok && wc.Name == NList && len(wc.Args) == 1 {
			elem = wc.Args[0]
		}
		for _, x := range e.Elems {
			c.exprWant(x, sc, elem)
		}
		return listOf(elem)
	case *syntax.MapLit:
		var k, v Type = c.gen.fresh(), c.gen.fresh()
		if wc, ok := Prune(want).(*Con); ok && wc.Name == NMap && len(wc.Args) == 2 {
			k, v = wc.Args[0], wc.Args[1]
		}
		for _, en := range e.Entries {
			c.exprWant(en.Key, sc, k)
			c.exprWant(en.Value, sc, v)
		}
		return mapOf(k, v)
	case *syntax.JSONLit:
		for _, f := range e.Fields {
			c.expr(f.Value, sc, nil)
		}
		return tJson
	case *syntax.Ident:
		arity := -1
		if wf, ok := Prune(want).(*Func); ok && c.lookup(sc, e.Name) == nil {
			// a function value: pick the overload of the expected arity
			if fs := append(append([]*Function{}, c.cur.funcs[e.Name]...), c.cur.imported[e.Name]...); len(fs) > 1 {
				arity = len(wf.Params)
			}
		}
		t, ref := c.identRef(e, sc, arity)
		if ref != nil {
			c.prog.Refs[e] = ref
		}
		return t
	case *syntax.SelectorExpr:
		t, ref, _ := c.selector(e, sc, -1, false)
		if ref != nil {
			c.prog.Refs[e] = ref
		}
		return t
	case *syntax.CallExpr:
		return c.call(e, e.Fun, e.Args, e.KwArgs, e.Trailing, nil, 0, sc)
	case *syntax.PipeExpr:
		if call, ok := e.Y.(*syntax.CallExpr); ok {
			t := c.call(call, call.Fun, call.Args, call.KwArgs, call.Trailing, e.X, e.Slot, sc)
			c.prog.Types[call] = t
			return t
		}
		return c.call(e, e.Y, nil, nil, nil, e.X, e.Slot, sc)
	case *syntax.UnaryExpr:
		return c.unary(e, sc)
	case *syntax.BinaryExpr:
		return c.binary(e, sc)
	case *syntax.IfExpr:
		c.exprWant(e.Cond, sc, tBool)
		tt := c.block(e.Then, sc)
		switch el := e.Else.(type) {
		case nil:
			return tt
		case *syntax.Block:
			et := c.block(el, sc)
			return c.join(lastNode(el), tt, et)
		case *syntax.IfExpr:
			et := c.expr(el, sc, want)
			return c.join(el, tt, et)
		}
		return tt
	case *syntax.CaseExpr:
		return c.caseExpr(e, sc, want)
	case *syntax.ReceiveExpr:
		return c.receive(e, sc)
	case *syntax.WhileExpr:
		c.exprWant(e.Cond, sc, tBool)
		if c.fc != nil {
			c.fc.loop++
		}
		c.block(e.Body, sc)
		if c.fc != nil {
			c.fc.loop--
		}
		return tUnit
	case *syntax.ForExpr:
		return c.forExpr(e, sc)
	case *syntax.BreakExpr:
		if c.fc == nil || c.fc.loop == 0 {
			c.errorf(e, "E0032", "`break` outside of loop")
		}
		return tNever
	case *syntax.ContinueExpr:
		if c.fc == nil || c.fc.loop == 0 {
			c.errorf(e, "E0033", "`continue` outside of loop")
		}
		return tNever
	case *syntax.FnExpr:
		return c.closure(e, sc, want)
	case *syntax.StructLit:
		return c.structLit(e, sc)
	case *syntax.StructUpdate:
		bt := c.expr(e.Base, sc, want)
		con, ok := Prune(bt).(*Con)
		if !ok || con.Def == nil || !con.Def.IsStruct {
			if _, isVar := Prune(bt).(*Var); !isVar {
				c.errorf(e.Base, "E0009", "struct update needs a struct, found `%s`", c.ts(bt))
			}
			for _, f := range e.Fields {
				c.expr(f.Value, sc, nil)
			}
			return bt
		}
		sub := defSubst(con)
		for _, f := range e.Fields {
			if f.Name == nil {
				continue
			}
			i := con.Def.FieldIndex(f.Name.Name)
			if i < 0 {
				c.errorf(f.Name, "E0009", "unknown field `%s` in struct `%s`", f.Name.Name, con.Def.Name)
				c.expr(f.Value, sc, nil)
				continue
			}
			c.exprWant(f.Value, sc, subst(con.Def.Fields[i].Type, sub))
		}
		c.prog.Refs[e] = &Ref{Kind: RefStruct, Struct: con.Def}
		return bt
	case *syntax.IndexExpr:
		xt := c.expr(e.X, sc, nil)
		switch xc := Prune(xt).(type) {
		case *Con:
			if xc.Name == NList && len(xc.Args) == 1 {
				c.exprWant(e.Index, sc, tInt)
				c.prog.Refs[e] = &Ref{Kind: RefNative, Native: "List.get"}
				return xc.Args[0]
			}
			if xc.Name == NMap && len(xc.Args) == 2 {
				c.exprWant(e.Index, sc, xc.Args[0])
				c.prog.Refs[e] = &Ref{Kind: RefNative, Native: "Map.get"}
				return xc.Args[1]
			}
		case *Var:
			el := c.gen.fresh()
			c.unifyAt(e.X, listOf(el), xt)
			c.exprWant(e.Index, sc, tInt)
			c.prog.Refs[e] = &Ref{Kind: RefNative, Native: "List.get"}
			return el
		}
		c.expr(e.Index, sc, nil)
		c.errorf(e, "E0030", "cannot index a value of type `%s`", c.ts(xt))
		return nil
	case *syntax.TryExpr:
		return c.try(e, sc)
	case *syntax.SpawnExpr:
		return c.spawn(e, sc)
	case *syntax.SendExpr:
		if len(e.Args) != 2 {
			c.errorf(e, "E0003", "arity mismatch: expected 2 arguments, found %d", len(e.Args))
			for _, a := range e.Args {
				c.expr(a, sc, nil)
			}
			return tUnit
		}
		pt := c.expr(e.Args[0], sc, nil)
		mt := c.expr(e.Args[1], sc, nil)
		switch pc := Prune(pt).(type) {
		case *Con:
			if pc.Name == NPid {
				if len(pc.Args) == 1 {
					if err := unify(pc.Args[0], mt); err != nil {
						c.errorf(e.Args[1], "E0014", "message type mismatch: expected `%s`, found `%s`", c.ts(pc.Args[0]), c.ts(mt))
					}
				}
				return tUnit
			}
		case *Var:
			c.unifyAt(e.Args[0], &Con{Name: NPid, Args: []Type{mt}}, pt)
			return tUnit
		}
		c.errorf(e.Args[0], "E0001", "type mismatch: expected `Pid`, found `%s`", c.ts(pt))
		return tUnit
	case *syntax.LinkExpr:
		for _, a := range e.Args {
			t := c.expr(a, sc, nil)
			c.unifyAt(a, &Con{Name: NPid}, t)
		}
		if len(e.Args) != 1 {
			c.errorf(e, "E0003", "arity mismatch: expected 1 arguments, found %d", len(e.Args))
		}
		return tUnit
	case *syntax.SelfCall:
		if c.fc == nil || (c.fc.actor == nil && !c.fc.allowRecv) {
			c.errorf(e, "E0015", "self() used outside actor block")
			return &Con{Name: NPid}
		}
		if c.fc.actor != nil {
			return &Con{Name: NPid, Args: []Type{c.fc.actor.MsgType}}
		}
		return &Con{Name: NPid}
	case *syntax.BadExpr:
		return nil
	}
	return nil
}

// join unifies two branch types (Never-aware) and returns the result.
func (c *checker) join(at syntax.Node, a, b Type) Type {
	if IsCon(a, NNever) {
		return b
	}
	c.unifyAt(at, a, b)
	return a
}

// identRef resolves a bare name in value position. arity < 0: not called.
func (c *checker) identRef(id *syntax.Ident, sc *scope, arity int) (Type, *Ref) {
	name := id.Name
	if b := c.lookup(sc, name); b != nil {
		t := b.Type
		if s := c.bindScheme[b]; s != nil {
			var cons []Constraint
			t, cons = c.gen.instantiate(s)
			for _, k := range cons {
				c.require(k.Type, k.Trait, id)
			}
		}
		return t, &Ref{Kind: RefLocal, Binding: b}
	}
	mi := c.cur
	if f := pickArity(mi.funcs[name], arity); f != nil {
		return c.funcType(f, id), &Ref{Kind: RefFunc, Func: f}
	}
	if f := pickArity(mi.imported[name], arity); f != nil {
		return c.funcType(f, id), &Ref{Kind: RefFunc, Func: f}
	}
	if v := c.lookupCtor(name); v != nil {
		return c.ctorType(v), &Ref{Kind: RefCtor, Variant: v}
	}
	if q, ok := mi.impNatives[name]; ok {
		if n := lookupNativeLoose(q, arity); n != nil {
			return c.nativeType(n, id), &Ref{Kind: RefNative, Native: n.Name}
		}
	}
	if n := lookupNativeLoose(name, arity); n != nil {
		return c.nativeType(n, id), &Ref{Kind: RefNative, Native: n.Name}
	}
	if q, ok := legacyAliases[name]; ok {
		if n := lookupNativeLoose(q, arity); n != nil {
			return c.nativeType(n, id), &Ref{Kind: RefNative, Native: n.Name}
		}
	}
	if s := mi.supervisors[name]; s != nil {
		return fnType(&Con{Name: NPid, Args: []Type{tUnit}}), &Ref{Kind: RefSupervisor, Supervisor: s}
	}
	// trait methods callable as free functions: to_string(x), area(s)
	if tr, tm := c.traitForMethod(name); tr != nil {
		self := c.gen.fresh()
		var ft *Func
		if tr.Module == "" {
			ft = c.knownMethodSig(tr.Name, tm.Name, self, nil)
		} else {
			ft = c.userMethodSig(tr, tm.Name, self, nil)
		}
		c.require(self, tr.Name, id)
		return ft, &Ref{Kind: RefMethod, Trait: tr.Name, Method: tm.Name}
	}
	// a function defined with another arity
	if fs := append(append([]*Function{}, mi.funcs[name]...), mi.imported[name]...); len(fs) > 0 {
		c.errorf(id, "E0003", "arity mismatch: expected %d arguments, found %d", fs[0].Arity, arity)
		return c.gen.fresh(), nil
	}
	if ns := natives[name]; len(ns) > 0 {
		c.errorf(id, "E0003", "arity mismatch: expected %d arguments, found %d", ns[0].Arity, arity)
		return c.gen.fresh(), nil
	}
	d := c.errorf(id, "E0004", "unbound variable `%s`", name)
	if isUpper(name) {
		d.Code = "E0010"
		d.Message = "unknown variant `" + name + "`"
		if te := c.typeEntryByName(name); te != nil {
			d.Code = "E0004"
			d.Message = "`" + name + "` is a type, not a value"
		}
	} else if s := c.suggestName(sc, name); s != "" {
		d.Hint = "did you mean `" + s + "`?"
	}
	return c.gen.fresh(), nil
}

// traitForMethod finds the unique trait declaring method m (user traits
// first, then compiler-known ones with a self parameter).
func (c *checker) traitForMethod(m string) (*Trait, *TraitMethod) {
	var found *Trait
	var ftm *TraitMethod
	for _, tr := range c.prog.Traits {
		for _, tm := range tr.Methods {
			if tm.Name == m && (tm.HasSelf || tr.Module != "") {
				if found != nil && found.Module != "" && tr.Module == "" {
					continue
				}
				if found == nil || (found.Module == "" && tr.Module != "") {
					found, ftm = tr, tm
				}
			}
		}
	}
	return found, ftm
}

func pickArity(fs []*Function, arity int) *Function {
	if len(fs) == 0 {
		return nil
	}
	if arity < 0 || len(fs) == 1 {
		// a single definition: the call reports an arity mismatch itself
		return fs[0]
	}
	for _, f := range fs {
		if f.Arity == arity {
			return f
		}
	}
	return nil
}

// lookupNativeLoose is LookupNative that falls back to the only overload.
func lookupNativeLoose(name string, arity int) *Native {
	if n := LookupNative(name, arity); n != nil {
		return n
	}
	if ns := natives[name]; len(ns) == 1 {
		return ns[0]
	}
	return nil
}

func (c *checker) nativeType(n *Native, at syntax.Node) Type {
	t, cons := c.gen.instantiate(n.Scheme)
	for _, k := range cons {
		c.require(k.Type, k.Trait, at)
	}
	return t
}

// lookupCtor finds a variant by bare name: own module, imported types,
// built-ins.
func (c *checker) lookupCtor(name string) *Variant {
	if c.cur != nil {
		for _, def := range c.cur.m.TypeDefs {
			if !def.IsStruct {
				if v := def.Variant(name); v != nil {
					return v
				}
			}
		}
		var found *Variant
		for _, te := range c.cur.impTypes {
			if te.def != nil && !te.def.IsStruct {
				if v := te.def.Variant(name); v != nil {
					// deterministic among imports: the first by qualified type name
					if found == nil || v.Def.QualName() < found.Def.QualName() {
						found = v
					}
				}
			}
		}
		if found != nil {
			return found
		}
	}
	for _, d := range []*TypeDef{OptionDef, ResultDef, OrderingDef} {
		if v := d.Variant(name); v != nil {
			return v
		}
	}
	return nil
}

// ctorType is the type of a variant used as a value.
func (c *checker) ctorType(v *Variant) Type {
	con, sub := c.instDef(v.Def)
	if len(v.Fields) == 0 {
		return con
	}
	ps := make([]Type, len(v.Fields))
	for i, f := range v.Fields {
		ps[i] = subst(f, sub)
	}
	return &Func{Params: ps, Ret: con}
}

// typeEntryByName finds a struct/sum type visible by name.
func (c *checker) typeEntryByName(name string) *typeEntry {
	if te := c.cur.types[name]; te != nil {
		return te
	}
	if te := c.cur.impTypes[name]; te != nil {
		return te
	}
	if d := builtinDefs[name]; d != nil {
		return &typeEntry{def: d, pub: true}
	}
	return nil
}

func (c *checker) service(name string) *Service {
	if s := c.cur.services[name]; s != nil {
		return s
	}
	return c.cur.impSvcs[name]
}

// selector resolves `X.b`. It returns the type, the ref, and (for method
// calls, call == true) whether the receiver X is passed as first argument.
func (c *checker) selector(e *syntax.SelectorExpr, sc *scope, arity int, call bool) (Type, *Ref, bool) {
	if e.Sel == nil {
		c.expr(e.X, sc, nil)
		return nil, nil, false
	}
	b := e.Sel.Name
	if id, ok := e.X.(*syntax.Ident); ok && isUpper(id.Name) && c.lookup(sc, id.Name) == nil {
		a := id.Name
		if t, ref, ok := c.qualified(e, a, b, arity); ok {
			return t, ref, false
		}
	}
	if path := dottedUpper(e.X); path != "" && c.lookup(sc, path) == nil {
		// full module path: Api.Todos.handler
		// (also without an import: a module-qualified reference, cluster-reference §7)
		if other, ok := c.mods[path]; ok && other != c.cur {
			last := path[strings.LastIndexByte(path, '.')+1:]
			c.forceNS = other
			t, ref, ok := c.qualified(e, last, b, arity)
			c.forceNS = nil
			if ok {
				return t, ref, false
			}
		}
	}
	if x, ok := e.X.(*syntax.SelectorExpr); ok {
		// Qualified type: Mod.Type.member
		if nid, ok2 := x.X.(*syntax.Ident); ok2 && x.Sel != nil && c.cur.namespaces[nid.Name] != nil && isUpper(x.Sel.Name) {
			if t, ref, ok := c.qualified(e, x.Sel.Name, b, arity); ok {
				return t, ref, false
			}
		}
	}
	xt := c.expr(e.X, sc, nil)
	px := Prune(xt)
	if con, ok := px.(*Con); ok && con.Def != nil && con.Def.IsStruct {
		if i := con.Def.FieldIndex(b); i >= 0 {
			return subst(con.Def.Fields[i].Type, defSubst(con)), &Ref{Kind: RefField, Struct: con.Def, Field: i}, false
		}
	}
	if !call {
		if _, isVar := px.(*Var); isVar {
			// infer the struct from a unique field name
			if def := c.uniqueStructWithField(b); def != nil {
				con, sub := c.instDef(def)
				c.unifyAt(e.X, con, xt)
				i := def.FieldIndex(b)
				return subst(def.Fields[i].Type, sub), &Ref{Kind: RefField, Struct: def, Field: i}, false
			}
			d := c.errorf(e.Sel, "E0009", "cannot infer the type of the value whose field `%s` is accessed", b)
			d.Hint = "add a type annotation"
			return c.gen.fresh(), nil, false
		}
		d := c.errorf(e.Sel, "E0009", "type `%s` has no field `%s`", c.ts(xt), b)
		if con, ok := px.(*Con); ok && (con.Def == OptionDef || con.Def == ResultDef) {
			d.Hint = "unwrap the " + con.Def.Name + " first (case or `?`)"
		}
		return c.gen.fresh(), nil, false
	}
	t, ref := c.method(e, xt, b, arity+1)
	if ref != nil {
		ref.Recv = true
	}
	return t, ref, true
}

func (c *checker) uniqueStructWithField(f string) *TypeDef {
	var found *TypeDef
	n := 0
	seen := map[*TypeDef]bool{}
	check := func(te *typeEntry) {
		if te == nil || te.def == nil || !te.def.IsStruct || seen[te.def] {
			return
		}
		seen[te.def] = true
		if te.def.FieldIndex(f) >= 0 {
			found = te.def
			n++
		}
	}
	for _, te := range c.cur.types {
		check(te)
	}
	for _, te := range c.cur.impTypes {
		check(te)
	}
	for _, d := range []*TypeDef{BootstrapStatusDef, HttpResponseDef} {
		check(&typeEntry{def: d})
	}
	if n == 1 {
		return found
	}
	return nil
}

// qualified resolves `A.b` where A is an upper-case name (module
// namespace, stdlib module, service, type).
func (c *checker) qualified(e *syntax.SelectorExpr, a, b string, arity int) (Type, *Ref, bool) {
	mi := c.cur
	ns := mi.namespaces[a]
	if c.forceNS != nil {
		ns = c.forceNS
	}
	if ns == nil {
		// a project module named exactly A, used qualified without an import
		if other, ok := c.mods[a]; ok && other != mi && !IsStdModule(a) {
			ns = other
		}
	}
	if ns != nil {
		if fs := ns.funcs[b]; len(fs) > 0 {
			f := pickArity(fs, arity)
			if f == nil {
				c.errorf(e.Sel, "E0003", "arity mismatch: expected %d arguments, found %d", fs[0].Arity, arity)
				return c.gen.fresh(), nil, true
			}
			if !f.Pub && f.Kind != FuncActor {
				c.errorf(e.Sel, "E0035", "`%s` is private in module `%s`; add `pub` to make it accessible", b, ns.m.Name)
			}
			return c.funcType(f, e), &Ref{Kind: RefFunc, Func: f}, true
		}
		for _, te := range ns.types {
			if te.def != nil && te.pub && !te.def.IsStruct {
				if v := te.def.Variant(b); v != nil {
					return c.ctorType(v), &Ref{Kind: RefCtor, Variant: v}, true
				}
			}
		}
		if s := ns.services[b]; s != nil {
			c.errorf(e, "E0004", "use the service name directly: `%s.start(...)`", b)
			return c.gen.fresh(), nil, true
		}
		if _, isType := ns.types[b]; !isType && c.typeEntryByName(a) == nil && c.service(a) == nil && lookupNativeLoose(a+"."+b, arity) == nil {
			c.errorf(e.Sel, "E0034", "`%s` is not exported by module `%s`", b, ns.m.Name)
			return c.gen.fresh(), nil, true
		}
	}
	if a == "Continuity" && b == "promote" {
		c.errorf(e, "E0004", "`Continuity.promote()` is disabled; failover is automatic-only")
		return c.gen.fresh(), nil, true
	}
	q := a + "." + b
	if n := lookupNativeLoose(q, arity); n != nil {
		return c.nativeType(n, e), &Ref{Kind: RefNative, Native: n.Name}, true
	}
	if s := c.service(a); s != nil {
		if b == "start" {
			var ps []Type
			if s.Init != nil && s.Init.Type != nil {
				ps = s.Init.Type.Params
			}
			return &Func{Params: ps, Ret: &Con{Name: NPid, Args: []Type{tUnit}}}, &Ref{Kind: RefService, Service: s}, true
		}
		for _, h := range s.Handlers {
			if h.Helper == b {
				ps := append([]Type{&Con{Name: NPid}}, h.params...)
				return &Func{Params: ps, Ret: h.Reply}, &Ref{Kind: RefService, Service: s, Handler: h}, true
			}
		}
		c.errorf(e.Sel, "E0030", "service `%s` has no handler `%s`", a, b)
		return c.gen.fresh(), nil, true
	}
	if te := c.typeEntryByName(a); te != nil && te.def != nil {
		def := te.def
		if !def.IsStruct {
			if v := def.Variant(b); v != nil {
				return c.ctorType(v), &Ref{Kind: RefCtor, Variant: v}, true
			}
		}
		if t, ref := c.derivedStatic(def, b); ref != nil {
			return t, ref, true
		}
		// static trait methods: Wrapper.from(x), Even.try_from(4), T.default()
		self, _ := c.instDef(def)
		if t, ref := c.staticTraitMethod(self, b); ref != nil {
			return t, ref, true
		}
		if !def.IsStruct && isUpper(b) {
			c.errorf(e.Sel, "E0010", "unknown variant `%s`", b)
		} else {
			c.errorf(e.Sel, "E0030", "no method `%s` on type `%s`", b, def.Name)
		}
		return c.gen.fresh(), nil, true
	}
	switch a {
	case NInt, NFloat, NString, NBool:
		if t, ref := c.staticTraitMethod(&Con{Name: a}, b); ref != nil {
			return t, ref, true
		}
	}
	if tr := c.traits[a]; tr != nil {
		// Trait.method(x, …): the trait method called as a function
		for _, tm := range tr.Methods {
			if tm.Name != b {
				continue
			}
			self := c.gen.fresh()
			var ft *Func
			if tr.Module == "" {
				ft = c.knownMethodSig(tr.Name, b, self, nil)
			} else {
				ft = c.userMethodSig(tr, b, self, nil)
			}
			if tm.HasSelf {
				c.require(self, tr.Name, e)
			}
			return ft, &Ref{Kind: RefMethod, Trait: tr.Name, Method: b}, true
		}
		c.errorf(e.Sel, "E0030", "trait `%s` has no method `%s`", a, b)
		return c.gen.fresh(), nil, true
	}
	if IsStdModule(a) {
		if ns := natives[q]; len(ns) > 0 {
			c.errorf(e.Sel, "E0003", "arity mismatch: expected %d arguments, found %d", ns[0].Arity, arity)
		} else {
			c.errorf(e.Sel, "E0004", "unbound variable `%s` (module `%s` has no member `%s`)", q, a, b)
		}
		return c.gen.fresh(), nil, true
	}
	if mi.namespaces[a] == nil && c.typeEntryByName(a) == nil && c.traits[a] == nil {
		if _, ok := opaqueTypes[a]; !ok {
			c.errorf(e.X, "E0031", "module `%s` not found", a)
			return c.gen.fresh(), nil, true
		}
	}
	return nil, nil, false
}

// derivedStatic types generated static functions of derived traits.
func (c *checker) derivedStatic(def *TypeDef, b string) (Type, *Ref) {
	self, _ := c.instDef(def)
	ref := &Ref{Kind: RefDerived, Struct: def, Method: b}
	mapSS := mapOf(tString, tString)
	switch {
	case b == "from_json" && def.Derived("Json"):
		return fnType(&Con{Name: "Result", Args: []Type{self, tString}, Def: ResultDef}, tString), ref
	case b == "from_row" && def.Derived("Row"):
		return fnType(&Con{Name: "Result", Args: []Type{self, tString}, Def: ResultDef}, mapSS), ref
	case def.Derived("Schema"):
		switch b {
		case "__table__", "__primary_key__":
			return fnType(tString), ref
		case "__fields__", "__field_types__", "__relationships__", "__relationship_meta__":
			return fnType(listOf(tString)), ref
		}
		if len(b) > 8 && strings.HasPrefix(b, "__") && strings.HasSuffix(b, "_col__") {
			if def.FieldIndex(b[2:len(b)-6]) >= 0 || (def.Timestamps && (b == "__inserted_at_col__" || b == "__updated_at_col__")) {
				return fnType(tString), ref
			}
		}
	}
	return nil, nil
}

// staticTraitMethod resolves Type.m for a trait method without self (or
// any trait method used qualified).
func (c *checker) staticTraitMethod(self Type, m string) (Type, *Ref) {
	for _, tr := range c.prog.Traits {
		for _, tm := range tr.Methods {
			if tm.Name != m {
				continue
			}
			ims := c.findImpls(tr.Name, self)
			builtin := false
			if len(ims) == 0 {
				if ok, _ := c.satisfies(self, tr.Name); !ok {
					if !(tr.Name == "From" && (IsCon(self, NFloat) || IsCon(self, NString))) {
						continue
					}
				}
				builtin = true
			}
			ref := &Ref{Kind: RefMethod, Trait: tr.Name, Method: m}
			var im *Impl
			if len(ims) == 1 {
				im = ims[0]
				ref.Impl = im
				ref.Func = im.Methods[m]
			}
			if len(ims) > 1 {
				// From<A>/From<B>: chosen at the call by argument type
				ref.multi = ims
			}
			_ = builtin
			if im != nil && im.Methods[m] != nil && im.Methods[m].Impl == im {
				return c.methodFuncType(im.Methods[m], self), ref
			}
			if tr.Module == "" {
				return c.knownMethodSig(tr.Name, m, self, im), ref
			}
			return c.userMethodSig(tr, m, self, im), ref
		}
	}
	return nil, nil
}

// methodFuncType is the type of an impl method at a use site.
func (c *checker) methodFuncType(f *Function, self Type) Type {
	t := c.funcType(f, nil)
	if ft, ok := t.(*Func); ok && f.Impl != nil && f.Impl.selfT != nil {
		// nothing else: Self already fixed in the signature
		return ft
	}
	return t
}

// method resolves a method call recv.m(...) given the receiver type
// (§5.7): trait methods, then stdlib functions by receiver type.
func (c *checker) method(e *syntax.SelectorExpr, recv Type, m string, arity int) (Type, *Ref) {
	pr := Prune(recv)
	if _, isVar := pr.(*Var); !isVar {
		var cands []*Impl
		var traits []string
		for _, tr := range c.prog.Traits {
			for _, tm := range tr.Methods {
				if tm.Name != m || !tm.HasSelf {
					continue
				}
				ims := c.findImpls(tr.Name, pr)
				if len(ims) > 0 {
					cands = append(cands, ims[0])
					traits = append(traits, tr.Name)
				} else if tr.Module == "" {
					if con, ok := pr.(*Con); ok && con.Def == nil {
						if mod := stdModuleOf(pr); mod != "" && LookupNative(mod+"."+m, arity) != nil {
							continue // the stdlib function implements it: `42.to_string()` → Int.to_string
						}
						if ok2, _ := c.satisfies(pr, tr.Name); ok2 {
							cands = append(cands, nil)
							traits = append(traits, tr.Name)
						}
					}
				}
			}
		}
		if len(traits) > 1 {
			c.errorf(e.Sel, "E0027", "ambiguous method `%s` for type `%s`: candidates from traits [%s]", m, c.ts(recv), joinComma(traits))
		}
		if len(traits) >= 1 {
			im := cands[0]
			ref := &Ref{Kind: RefMethod, Trait: traits[0], Method: m, Impl: im}
			if im != nil {
				ref.Func = im.Methods[m]
				if f := im.Methods[m]; f != nil && f.Impl == im {
					return c.methodFuncType(f, pr), ref
				}
				if tr := c.traits[traits[0]]; tr != nil && tr.Module != "" {
					return c.userMethodSig(tr, m, pr, im), ref
				}
			}
			return c.knownMethodSig(traits[0], m, pr, im), ref
		}
	}
	if (m == "try_into" || m == "into") && arity == 1 {
		trait, sm := "TryFrom", "try_from"
		if m == "into" {
			trait, sm = "From", "from"
		}
		var found []*Impl
		key := typeKey(pr)
		for _, ims := range c.impls[trait] {
			if len(ims.TraitArgs) > 0 && typeKey(ims.TraitArgs[0]) == key && key != "" {
				found = append(found, ims)
			}
		}
		if len(found) == 1 && found[0].Type != nil {
			im := found[0]
			self, _ := c.instDef(im.Type)
			var res Type = self
			if f := im.Methods[sm]; f != nil && f.Type != nil {
				res = c.funcType(f, e).(*Func).Ret
			} else if m == "try_into" {
				res = &Con{Name: "Result", Args: []Type{self, c.gen.fresh()}, Def: ResultDef}
			}
			return fnType(res, pr), &Ref{Kind: RefMethod, Trait: trait, Method: sm, Impl: im, Func: im.Methods[sm], viaInto: true}
		}
		if len(found) > 1 {
			// chosen at run time by the expected result type
			var res Type = c.gen.fresh()
			if m == "try_into" {
				res = &Con{Name: "Result", Args: []Type{c.gen.fresh(), c.gen.fresh()}, Def: ResultDef}
			}
			return fnType(res, pr), &Ref{Kind: RefMethod, Trait: trait, Method: sm, viaInto: true, multi: found}
		}
	}
	// stdlib by receiver type
	mod := stdModuleOf(pr)
	switch pr.(type) {
	case *Var:
		// unknown receiver: a user trait method, or a unique stdlib module
		if tr, tm := c.traitForMethod(m); tr != nil && tm.HasSelf {
			c.require(recv, tr.Name, e)
			var ft *Func
			if tr.Module == "" {
				ft = c.knownMethodSig(tr.Name, m, recv, nil)
			} else {
				ft = c.userMethodSig(tr, m, recv, nil)
			}
			ref := &Ref{Kind: RefMethod, Trait: tr.Name, Method: m}
			if c.fc != nil && c.fc.top != nil {
				trait := tr.Name
				c.fc.top.exh = append(c.fc.top.exh, func() {
					if ref.Impl != nil {
						return
					}
					if ims := c.findImpls(trait, recv); len(ims) == 1 {
						ref.Impl = ims[0]
						if f := ims[0].Methods[m]; f != nil {
							ref.Func = f
						}
					}
				})
			}
			return ft, ref
		}
		var found []string
		for _, mn := range []string{"String", "List", "Map", "Set"} {
			if LookupNative(mn+"."+m, arity) != nil {
				found = append(found, mn)
			}
		}
		if len(found) == 1 {
			mod = found[0]
			break
		}
		d := c.errorf(e.Sel, "E0030", "cannot infer the receiver type of method `%s`", m)
		d.Hint = "add a type annotation"
		return c.gen.fresh(), nil
	}
	if mod != "" {
		if n := LookupNative(mod+"."+m, arity); n != nil {
			return c.nativeType(n, e), &Ref{Kind: RefNative, Native: n.Name}
		}
	}
	c.errorf(e.Sel, "E0030", "no method `%s` on type `%s`", m, c.ts(recv))
	return c.gen.fresh(), nil
}

// call checks a call. pipe (if non-nil) is inserted as argument slot
// (0 for |>, N for |N>).
func (c *checker) call(node syntax.Expr, fun syntax.Expr, args []syntax.Expr, kw []*syntax.FieldInit, trailing *syntax.FnExpr, pipe syntax.Expr, slot int, sc *scope) Type {
	all := append([]syntax.Expr{}, args...)
	if pipe != nil {
		pos := 0
		if slot >= 2 {
			pos = slot - 1
			if pos > len(all) {
				pos = len(all)
			}
		}
		all = append(all[:pos], append([]syntax.Expr{pipe}, all[pos:]...)...)
	}
	nargs := len(all)
	if len(kw) > 0 {
		nargs++
	}
	if trailing != nil {
		nargs++
	}
	// the pipe's left side is evaluated first
	var pipeT Type
	if pipe != nil {
		pipeT = c.expr(pipe, sc, nil)
	}
	var ft Type
	var ref *Ref
	recv := false
	var recvT Type
	switch f := fun.(type) {
	case *syntax.Ident:
		ft, ref = c.identRef(f, sc, nargs)
		if ref != nil {
			c.prog.Refs[f] = ref
		}
		c.prog.Types[f] = ft
	case *syntax.SelectorExpr:
		ft, ref, recv = c.selector(f, sc, nargs, true)
		if ref != nil {
			c.prog.Refs[f] = ref
		}
		if recv {
			recvT = c.prog.Types[f.X]
		}
		if ft == nil {
			ft = c.gen.fresh()
		}
		c.prog.Types[f] = ft
	default:
		ft = c.expr(fun, sc, nil)
	}
	variadic := false
	if ref != nil && ref.Kind == RefNative {
		if n := LookupNative(ref.Native, nargs); n != nil && n.Variadic {
			variadic = true
		}
	}
	if ref != nil && ref.Kind == RefFunc && ref.Func.Kind == FuncActor {
		// calling an actor by name re-runs its body in the same process (a
		// loop): the call does not return a value to its context.
		if f, ok := Prune(ft).(*Func); ok {
			ft = &Func{Params: f.Params, Ret: tNever}
		}
	}
	pf, isFn := Prune(ft).(*Func)
	if !isFn {
		if v, isVar := Prune(ft).(*Var); isVar {
			n := nargs
			if recv {
				n++
			}
			ps := make([]Type, n)
			for i := range ps {
				ps[i] = c.gen.fresh()
			}
			pf = &Func{Params: ps, Ret: c.gen.fresh()}
			unify(v, pf)
		} else {
			c.errorf(fun, "E0005", "`%s` is not a function", c.ts(ft))
			for _, a := range all {
				if a != pipe {
					c.expr(a, sc, nil)
				}
			}
			return c.gen.fresh()
		}
	}
	params := pf.Params
	if recv {
		if len(params) == 0 {
			c.errorf(fun, "E0003", "arity mismatch: expected 0 arguments, found %d", nargs)
			return pf.Ret
		}
		c.unifyAt(fun.(*syntax.SelectorExpr).X, params[0], recvT)
		params = params[1:]
	}
	slotBad := false
	if slot >= 2 && len(params) > 0 && !variadic {
		k := len(params)
		if slot <= k && nargs > k {
			slotBad = true
			c.errorf(node, "E0043", "slot position %d conflicts with an argument already provided to `%s`", slot, calleeName(fun))
		}
		if slot > k {
			slotBad = true
			if k <= 1 {
				c.errorf(node, "E0044", "slot position %d is out of range: `%s` takes %d argument(s), so valid slot positions are none — use |> instead", slot, calleeName(fun), k)
			} else {
				c.errorf(node, "E0044", "slot position %d is out of range: `%s` takes %d arguments, so valid slot positions are 2–%d", slot, calleeName(fun), k, k)
			}
		}
	}
	if slotBad {
		for _, a := range all {
			if a != pipe {
				c.expr(a, sc, nil)
			}
		}
		return pf.Ret
	}
	if len(params) != nargs && !(variadic && nargs >= len(params)) {
		c.errorf(node, "E0003", "arity mismatch: expected %d arguments, found %d", len(params), nargs)
	}
	if ref != nil && ref.Kind == RefNative {
		switch ref.Native {
		case "HTTP.route", "HTTP.on_get", "HTTP.on_post", "HTTP.on_put", "HTTP.on_delete":
			if len(all) == 3 {
				c.routeArgs[all[2]] = true
			}
		}
	}
	// arguments: non-closures first so closures see their parameter types
	order := make([]int, 0, len(all))
	for i, a := range all {
		if _, isClosure := a.(*syntax.FnExpr); !isClosure {
			order = append(order, i)
		}
	}
	for i, a := range all {
		if _, isClosure := a.(*syntax.FnExpr); isClosure {
			order = append(order, i)
		}
	}
	for _, i := range order {
		a := all[i]
		var want Type
		if i < len(params) {
			want = params[i]
		}
		var at Type
		if a == pipe {
			at = pipeT
		} else {
			at = c.expr(a, sc, want)
		}
		if want != nil {
			n := len(c.diags)
			if !c.unifyAt(a, want, at) && len(c.diags) > n && c.diags[n].Hint == "" {
				pos := i + 1
				if recv {
					pos++
				}
				c.diags[n].Hint = "in argument " + itoa(pos) + " of `" + calleeName(fun) + "`"
			}
		}
	}
	idx := len(all)
	if len(kw) > 0 {
		vt := Type(c.gen.fresh())
		for _, f := range kw {
			c.exprWant(f.Value, sc, vt)
		}
		if idx < len(params) {
			c.unifyAt(kw[0], params[idx], mapOf(tString, vt))
		}
		idx++
	}
	if trailing != nil {
		var want Type
		if idx < len(params) {
			want = params[idx]
		}
		tt := c.expr(trailing, sc, want)
		if want != nil {
			c.unifyAt(trailing, want, tt)
		}
	}
	if ref != nil && ref.Kind == RefNative {
		switch ref.Native {
		case "HTTP.route", "HTTP.on_get", "HTTP.on_post", "HTTP.on_put", "HTTP.on_delete":
		case "HTTP.clustered":
			if ce, ok := node.(*syntax.CallExpr); ok {
				c.clusteredRoute(ce, all)
			}
		}
	}
	if ref != nil && ref.Kind == RefNative && ref.Native == "Iter.from" && len(all) == 1 {
		if el := builtinIterElem(c.prog.Types[all[0]]); el != nil {
			c.unifyAt(node, &Con{Name: NIter, Args: []Type{el}}, pf.Ret)
		}
	}
	if ref != nil && ref.Kind == RefNative && ref.Native == "Json.encode" && len(all) == 1 && c.fc != nil && c.fc.top != nil {
		arg := all[0]
		c.fc.top.exh = append(c.fc.top.exh, func() {
			t := Prune(c.prog.Types[arg])
			if _, isVar := t.(*Var); !isVar && !jsonSerializable(t, nil) {
				d := c.errorf(arg, "E0038", "value of type `%s` is not JSON-serializable", c.ts(t))
				d.Hint = "derive Json for the type: `end deriving(Json)`"
			}
		})
	}
	// Tuple.first/second/nth: element types of a known tuple
	if ref != nil && ref.Kind == RefNative && len(all) > 0 {
		if tt, ok := Prune(c.prog.Types[all[0]]).(*Tuple); ok {
			idx := -1
			switch ref.Native {
			case "Tuple.first":
				idx = 0
			case "Tuple.second":
				idx = 1
			case "Tuple.nth":
				if len(all) > 1 {
					if il, ok := all[1].(*syntax.IntLit); ok {
						idx = int(il.Value)
					}
				}
			}
			if idx >= 0 && idx < len(tt.Elems) {
				c.unifyAt(node, tt.Elems[idx], pf.Ret)
			}
		}
	}
	// trait method: pick the impl now that the receiver type is known
	if ref != nil && ref.Kind == RefMethod && ref.Impl == nil {
		var self Type
		if len(pf.Params) > 0 {
			self = pf.Params[0]
		}
		if len(ref.multi) > 0 && ref.viaInto {
			r, ret := ref, pf.Ret
			if c.fc != nil && c.fc.top != nil {
				c.fc.top.exh = append(c.fc.top.exh, func() {
					target := Prune(ret)
					if rc, ok := target.(*Con); ok && rc.Def == ResultDef && r.Trait == "TryFrom" {
						target = Prune(rc.Args[0])
					}
					for _, im := range r.multi {
						if im.Type != nil && typeKey(target) == im.Type.QualName() {
							r.Impl, r.Func = im, im.Methods[r.Method]
						}
					}
					r.multi = nil
				})
			}
		} else if len(ref.multi) > 0 && len(all) > 0 {
			key := typeKey(c.prog.Types[all[0]])
			for _, im := range ref.multi {
				if len(im.TraitArgs) > 0 && typeKey(im.TraitArgs[0]) == key {
					ref.Impl, ref.Func = im, im.Methods[ref.Method]
				}
			}
			ref.multi = nil
		} else if self != nil && c.traits[ref.Trait] != nil && c.traitMethodHasSelf(ref.Trait, ref.Method) {
			if ims := c.findImpls(ref.Trait, self); len(ims) == 1 {
				ref.Impl, ref.Func = ims[0], ims[0].Methods[ref.Method]
				if ref.Func != nil && ref.Func.Impl == ims[0] {
					c.unifyAt(node, pf, c.methodFuncType(ref.Func, self))
				}
			}
		}
	}
	return pf.Ret
}

func (c *checker) traitMethodHasSelf(trait, m string) bool {
	if tr := c.traits[trait]; tr != nil {
		for _, tm := range tr.Methods {
			if tm.Name == m {
				return tm.HasSelf
			}
		}
	}
	return false
}

func calleeName(fun syntax.Expr) string {
	switch f := fun.(type) {
	case *syntax.Ident:
		return f.Name
	case *syntax.SelectorExpr:
		if f.Sel != nil {
			return calleeName(f.X) + "." + f.Sel.Name
		}
	}
	return "function"
}

func (c *checker) unary(e *syntax.UnaryExpr, sc *scope) Type {
	t := c.expr(e.X, sc, nil)
	switch e.Op {
	case syntax.MINUS:
		switch ConName(t) {
		case NInt, NFloat:
			return t
		}
		if _, isVar := Prune(t).(*Var); isVar {
			c.require(t, "Neg", e)
			c.deferOp(e, t, "Neg", "neg")
			return t
		}
		if ims := c.findImpls("Neg", t); len(ims) > 0 {
			c.prog.Refs[e] = &Ref{Kind: RefMethod, Trait: "Neg", Method: "neg", Impl: ims[0], Func: ims[0].Methods["neg"]}
			if o, ok := ims[0].Assoc["Output"]; ok {
				return o
			}
			return t
		}
		c.errorf(e, "E0006", "type `%s` does not satisfy trait `Neg`", c.ts(t))
		return t
	default:
		c.unifyAt(e.X, tBool, t)
		return tBool
	}
}

var opTraits = map[syntax.Token][2]string{
	syntax.PLUS: {"Add", "add"}, syntax.MINUS: {"Sub", "sub"}, syntax.STAR: {"Mul", "mul"},
	syntax.SLASH: {"Div", "div"}, syntax.PERCENT: {"Mod", "mod"},
}

func (c *checker) binary(e *syntax.BinaryExpr, sc *scope) Type {
	switch e.Op {
	case syntax.AND, syntax.ANDAND, syntax.OR, syntax.OROR:
		c.exprWant(e.X, sc, tBool)
		c.exprWant(e.Y, sc, tBool)
		return tBool
	case syntax.DOTDOT:
		c.exprWant(e.X, sc, tInt)
		c.exprWant(e.Y, sc, tInt)
		return &Con{Name: NRange}
	}
	xt := c.expr(e.X, sc, nil)
	yt := c.expr(e.Y, sc, xt)
	if !c.unifyAt(e, xt, yt) {
		switch e.Op {
		case syntax.EQ, syntax.NE, syntax.LT, syntax.GT, syntax.LE, syntax.GE:
			return tBool
		}
		return xt
	}
	switch e.Op {
	case syntax.CONCAT, syntax.PLUSPLUS:
		switch ConName(xt) {
		case NString, NList, NJson:
		default:
			if _, isVar := Prune(xt).(*Var); !isVar {
				op := "<>"
				if e.Op == syntax.PLUSPLUS {
					op = "++"
				}
				c.errorf(e, "E0006", "operator `%s` needs `String` or `List`, found `%s`", op, c.ts(xt))
			}
		}
		return xt
	case syntax.EQ, syntax.NE:
		c.opRef(e, xt, "Eq", "eq")
		return tBool
	case syntax.LT, syntax.GT, syntax.LE, syntax.GE:
		c.opRef(e, xt, "Ord", "lt")
		return tBool
	}
	if tm, ok := opTraits[e.Op]; ok {
		switch ConName(xt) {
		case NInt, NFloat:
			if Prune(xt).(*Con).Def == nil {
				return xt
			}
		}
		if _, isVar := Prune(xt).(*Var); isVar {
			c.require(xt, tm[0], e)
			c.deferOp(e, xt, tm[0], tm[1])
			return xt
		}
		if ims := c.findImpls(tm[0], xt); len(ims) > 0 {
			im := ims[0]
			c.prog.Refs[e] = &Ref{Kind: RefMethod, Trait: tm[0], Method: tm[1], Impl: im, Func: im.Methods[tm[1]]}
			if o, ok := im.Assoc["Output"]; ok {
				return o
			}
			return xt
		}
		d := c.errorf(e, "E0006", "type `%s` does not satisfy trait `%s`", c.ts(xt), tm[0])
		if e.Op == syntax.PLUS && (IsCon(xt, NString) || IsCon(xt, NList)) {
			d.Hint = "use `<>` (strings) or `++` (lists) to concatenate"
		}
		return xt
	}
	return xt
}

// opRef records a user impl (or runtime dispatch) for ==/</… and checks the
// trait.
func (c *checker) opRef(e *syntax.BinaryExpr, t Type, trait, m string) {
	if _, isVar := Prune(t).(*Var); isVar {
		c.require(t, trait, e)
		c.deferOp(e, t, trait, m)
		return
	}
	if ims := c.findImpls(trait, t); len(ims) > 0 && !ims[0].Derived {
		im := ims[0]
		f := im.Methods[m]
		if f == nil && trait == "Ord" {
			m = "compare"
			f = im.Methods[m]
		}
		c.prog.Refs[e] = &Ref{Kind: RefMethod, Trait: trait, Method: m, Impl: im, Func: f}
		return
	}
	c.require(t, trait, e)
}

func (c *checker) structLit(e *syntax.StructLit, sc *scope) Type {
	var def *TypeDef
	name := ""
	switch t := e.Type.(type) {
	case *syntax.Ident:
		name = t.Name
		if te := c.typeEntryByName(t.Name); te != nil && te.def != nil {
			def = te.def
		}
	case *syntax.SelectorExpr:
		if id, ok := t.X.(*syntax.Ident); ok && t.Sel != nil {
			name = id.Name + "." + t.Sel.Name
			if ns := c.cur.namespaces[id.Name]; ns != nil {
				if te := ns.types[t.Sel.Name]; te != nil && te.def != nil {
					def = te.def
					if !te.pub {
						c.errorf(t, "E0035", "`%s` is private in module `%s`; add `pub` to make it accessible", t.Sel.Name, ns.m.Name)
					}
				}
			}
		}
	}
	if def == nil || !def.IsStruct {
		c.errorf(e.Type, "E0009", "unknown struct `%s`", name)
		for _, f := range e.Fields {
			c.expr(f.Value, sc, nil)
		}
		return c.gen.fresh()
	}
	con, sub := c.instDef(def)
	c.prog.Refs[e] = &Ref{Kind: RefStruct, Struct: def}
	seen := map[string]bool{}
	for _, f := range e.Fields {
		if f.Name == nil {
			continue
		}
		i := def.FieldIndex(f.Name.Name)
		if i < 0 {
			c.errorf(f.Name, "E0009", "unknown field `%s` in struct `%s`", f.Name.Name, def.Name)
			c.expr(f.Value, sc, nil)
			continue
		}
		if seen[f.Name.Name] {
			c.errorf(f.Name, "E0009", "field `%s` given twice in struct `%s`", f.Name.Name, def.Name)
		}
		seen[f.Name.Name] = true
		c.exprWant(f.Value, sc, subst(def.Fields[i].Type, sub))
	}
	for _, f := range def.Fields {
		if !seen[f.Name] {
			c.errorf(e, "E0009", "missing field `%s` in struct `%s`", f.Name, def.Name)
		}
	}
	return con
}

func (c *checker) closure(e *syntax.FnExpr, sc *scope, want Type) Type {
	var ft *Func
	if len(e.Clauses) > 0 {
		n := len(e.Clauses[0].Params)
		if wf, ok := Prune(want).(*Func); ok && len(wf.Params) == n {
			ft = &Func{Params: append([]Type{}, wf.Params...), Ret: wf.Ret}
		} else {
			ps := make([]Type, n)
			for i := range ps {
				ps[i] = c.gen.fresh()
			}
			ft = &Func{Params: ps, Ret: c.gen.fresh()}
		}
	} else {
		return fnType(tUnit)
	}
	var parentLam *lambda
	if sc != nil {
		parentLam = sc.lam
	}
	lam := &lambda{node: e, parent: parentLam, seen: map[*Binding]bool{}}
	fc := &fnCtx{ret: ft.Ret, parent: c.fc, top: c.fc.topOrNil()}
	if c.fc != nil {
		fc.actor, fc.allowRecv, fc.f = c.fc.actor, c.fc.allowRecv, nil
	}
	old := c.fc
	c.fc = fc
	var rows [][]syntax.Pattern
	var guarded []bool
	anyPat := false
	for _, cl := range e.Clauses {
		inner := newScope(sc, lam)
		if len(cl.Params) != len(ft.Params) {
			c.errorf(cl, "E0024", "all clauses of a closure must have the same number of parameters; expected %d, found %d", len(ft.Params), len(cl.Params))
			continue
		}
		var row []syntax.Pattern
		for i, p := range cl.Params {
			pt := ft.Params[i]
			switch {
			case p.Pattern != nil:
				anyPat = true
				c.pattern(p.Pattern, pt, inner, map[string]*Binding{})
				row = append(row, p.Pattern)
			case p.Name != nil:
				if p.Type != nil {
					c.unifyAt(p, c.typeExpr(p.Type, c.tvars(), c.cur), pt)
				}
				if isUpper(p.Name.Name) && c.lookupCtor(p.Name.Name) != nil {
					ip := &syntax.IdentPattern{Span: p.Span, Name: p.Name}
					p.Pattern = ip
					anyPat = true
					c.pattern(ip, pt, inner, map[string]*Binding{})
					row = append(row, ip)
					continue
				}
				c.bind(inner, p.Name, p.Name, pt)
				row = append(row, nil)
			case p.Self:
				row = append(row, nil)
			}
		}
		if cl.Guard != nil {
			c.guard(cl.Guard, inner)
		}
		bt := c.block(cl.Body, inner)
		c.unifyAt(lastNode(cl.Body), ft.Ret, bt)
		rows = append(rows, row)
		guarded = append(guarded, cl.Guard != nil)
	}
	c.fc = old
	c.prog.Captures[e] = lam.caps
	if anyPat || len(e.Clauses) > 1 {
		params := ft.Params
		if fc.top != nil {
			fc.top.exh = append(fc.top.exh, func() {
				if missing, _ := c.exhaustive(rows, guarded, params); len(missing) > 0 {
					c.warnf(e, "E0012", "non-exhaustive match on `%s`: missing patterns [%s]", c.ts(tupleOrSingle(params)), joinComma(missing))
				}
			})
		}
	}
	return ft
}

func (c *checker) caseExpr(e *syntax.CaseExpr, sc *scope, want Type) Type {
	st := c.expr(e.Subject, sc, nil)
	var result Type
	var rows [][]syntax.Pattern
	var guarded []bool
	for _, arm := range e.Arms {
		inner := newScope(sc, nil)
		c.pattern(arm.Pattern, st, inner, map[string]*Binding{})
		if arm.Guard != nil {
			c.guard(arm.Guard, inner)
		}
		bt := c.block(arm.Body, inner)
		if result == nil || IsCon(result, NNever) {
			if result != nil {
				c.unifyAt(lastNode(arm.Body), result, bt)
			}
			result = bt
		} else {
			c.unifyAt(lastNode(arm.Body), result, bt)
		}
		rows = append(rows, []syntax.Pattern{arm.Pattern})
		guarded = append(guarded, arm.Guard != nil)
	}
	if result == nil {
		result = tUnit
	}
	if c.fc != nil && c.fc.top != nil {
		arms := e.Arms
		c.fc.top.exh = append(c.fc.top.exh, func() {
			missing, redundant := c.exhaustive(rows, guarded, []Type{st})
			if len(missing) > 0 {
				c.errorf(e, "E0012", "non-exhaustive match on `%s`: missing patterns [%s]", c.ts(st), joinComma(missing))
			}
			for _, i := range redundant {
				c.warnf(arms[i].Pattern, "W0001", "redundant match arm at index %d", i)
			}
		})
	}
	return result
}

func (c *checker) receive(e *syntax.ReceiveExpr, sc *scope) Type {
	var msg Type = c.gen.fresh()
	if c.fc == nil || (c.fc.actor == nil && !c.fc.allowRecv) {
		c.errorf(e, "E0017", "receive used outside actor block")
	} else if c.fc.actor != nil {
		msg = c.fc.actor.MsgType
	}
	var result Type
	for _, arm := range e.Arms {
		inner := newScope(sc, nil)
		c.pattern(arm.Pattern, msg, inner, map[string]*Binding{})
		if arm.Guard != nil {
			c.guard(arm.Guard, inner)
		}
		bt := c.block(arm.Body, inner)
		if result == nil || IsCon(result, NNever) {
			result = bt
		} else {
			c.unifyAt(lastNode(arm.Body), result, bt)
		}
	}
	if e.After != nil {
		c.exprWant(e.After, sc, tInt)
		bt := c.block(e.AfterBody, sc)
		if result == nil || IsCon(result, NNever) {
			result = bt
		} else {
			c.unifyAt(lastNode(e.AfterBody), result, bt)
		}
	}
	if result == nil {
		result = tUnit
	}
	return result
}

func (c *checker) forExpr(e *syntax.ForExpr, sc *scope) Type {
	info := &ForInfo{}
	c.prog.Fors[e] = info
	it := c.expr(e.Iter, sc, nil)
	var elem Type
	var key, val Type
	switch t := Prune(it).(type) {
	case *Con:
		switch {
		case t.Def == nil && t.Name == NRange:
			info.Kind, elem = ForRange, tInt
		case t.Def == nil && t.Name == NList && len(t.Args) == 1:
			info.Kind, elem = ForList, t.Args[0]
		case t.Def == nil && t.Name == NMap && len(t.Args) == 2:
			info.Kind, key, val = ForMap, t.Args[0], t.Args[1]
		case t.Def == nil && t.Name == NSet:
			info.Kind = ForSet
			if len(t.Args) == 1 {
				elem = t.Args[0]
			} else {
				elem = c.gen.fresh()
			}
		case t.Def == nil && t.Name == NIter:
			info.Kind = ForIter
			if len(t.Args) == 1 {
				elem = t.Args[0]
			} else {
				elem = c.gen.fresh()
			}
		default:
			if ims := c.findImpls("Iterable", t); len(ims) > 0 {
				info.Kind = ForIterable
				info.IterFn = ims[0].Methods["iter"]
				if item, ok := ims[0].Assoc["Item"]; ok {
					elem = item
				} else if info.IterFn != nil && info.IterFn.Type != nil {
					if rc, ok := Prune(info.IterFn.Type.Ret).(*Con); ok && len(rc.Args) == 1 {
						elem = rc.Args[0]
					}
				}
				if elem == nil {
					elem = c.gen.fresh()
				}
			} else if ims := c.findImpls("Iterator", t); len(ims) > 0 {
				info.Kind, info.NextFn = ForIterator, ims[0].Methods["next"]
				if item, ok := ims[0].Assoc["Item"]; ok {
					elem = item
				} else if info.NextFn != nil && info.NextFn.Type != nil {
					if rc, ok := Prune(info.NextFn.Type.Ret).(*Con); ok && rc.Def == OptionDef {
						elem = rc.Args[0]
					}
				}
				if elem == nil {
					elem = c.gen.fresh()
				}
			} else {
				c.errorf(e.Iter, "E0006", "type `%s` does not satisfy trait `Iterable`", c.ts(it))
				elem = c.gen.fresh()
			}
		}
	default:
		info.Kind = ForList
		elem = c.gen.fresh()
		c.unifyAt(e.Iter, listOf(elem), it)
	}
	inner := newScope(sc, nil)
	if info.Kind == ForMap {
		if len(e.Vars) >= 1 {
			c.bind(inner, e.Vars[0], e.Vars[0], key)
		}
		if len(e.Vars) >= 2 {
			c.bind(inner, e.Vars[1], e.Vars[1], val)
		}
	} else if len(e.Vars) == 2 {
		info.TupleVars = true
		a, b := c.gen.fresh(), c.gen.fresh()
		c.unifyAt(e.Iter, &Tuple{Elems: []Type{a, b}}, elem)
		c.bind(inner, e.Vars[0], e.Vars[0], a)
		c.bind(inner, e.Vars[1], e.Vars[1], b)
	} else if len(e.Vars) == 1 {
		c.bind(inner, e.Vars[0], e.Vars[0], elem)
	}
	if e.Filter != nil {
		c.exprWant(e.Filter, inner, tBool)
	}
	if c.fc != nil {
		c.fc.loop++
	}
	bt := c.block(e.Body, inner)
	if c.fc != nil {
		c.fc.loop--
	}
	if IsCon(bt, NNever) {
		bt = c.gen.fresh()
	}
	return listOf(bt)
}

func (c *checker) try(e *syntax.TryExpr, sc *scope) Type {
	t := c.expr(e.X, sc, nil)
	con, ok := Prune(t).(*Con)
	if !ok || (con.Def != OptionDef && con.Def != ResultDef) {
		if _, isVar := Prune(t).(*Var); !isVar {
			c.errorf(e, "E0037", "`?` operator requires `Result` or `Option`, found `%s`", c.ts(t))
			return c.gen.fresh()
		}
		// unknown: assume Result
		r := &Con{Name: "Result", Args: []Type{c.gen.fresh(), c.gen.fresh()}, Def: ResultDef}
		unify(t, r)
		con = r
	}
	info := &TryInfo{Kind: TryResult}
	if con.Def == OptionDef {
		info.Kind = TryOption
	}
	c.prog.Tries[e] = info
	if c.fc == nil {
		return con.Args[0]
	}
	ret := Prune(c.fc.ret)
	rc, isCon := ret.(*Con)
	if !isCon {
		if _, isVar := ret.(*Var); isVar && !c.fc.retKnown {
			if info.Kind == TryOption {
				unify(ret, &Con{Name: "Option", Args: []Type{c.gen.fresh()}, Def: OptionDef})
			} else {
				unify(ret, &Con{Name: "Result", Args: []Type{c.gen.fresh(), con.Args[1]}, Def: ResultDef})
			}
			return con.Args[0]
		}
	}
	if !isCon || (rc.Def != OptionDef && rc.Def != ResultDef) {
		c.errorf(e, "E0036", "`?` operator requires function to return `Result` or `Option`, found `%s`", c.ts(ret))
		return con.Args[0]
	}
	if rc.Def != con.Def {
		c.errorf(e, "E0036", "`?` operator requires function to return `%s`, found `%s`", con.Def.Name, c.ts(ret))
		return con.Args[0]
	}
	if info.Kind == TryResult {
		errT, fnErr := con.Args[1], rc.Args[1]
		if err := unify(fnErr, errT); err != nil {
			// From conversion
			var from *Function
			for _, im := range c.findImpls("From", fnErr) {
				if len(im.TraitArgs) > 0 && typeKey(im.TraitArgs[0]) == typeKey(errT) {
					from = im.Methods["from"]
				}
			}
			if from == nil {
				c.errorf(e, "E0036", "`?` operator requires function to return `Result` or `Option`, found `%s`: error type `%s` is not convertible to `%s` (no `impl From<%s> for %s`)", c.ts(ret), c.ts(errT), c.ts(fnErr), c.ts(errT), c.ts(fnErr))
			}
			info.From = from
		}
	}
	return con.Args[0]
}

func (c *checker) spawn(e *syntax.SpawnExpr, sc *scope) Type {
	if len(e.Args) == 0 {
		c.errorf(e, "E0003", "arity mismatch: expected at least 1 arguments, found 0")
		return &Con{Name: NPid}
	}
	target := e.Args[0]
	var ft Type
	switch f := target.(type) {
	case *syntax.Ident:
		t, ref := c.identRef(f, sc, len(e.Args)-1)
		if ref != nil {
			c.prog.Refs[f] = ref
		}
		c.prog.Types[f] = t
		ft = t
	default:
		ft = c.expr(target, sc, nil)
	}
	pf, ok := Prune(ft).(*Func)
	if !ok {
		c.errorf(target, "E0016", "cannot spawn non-function: found `%s`", c.ts(ft))
		for _, a := range e.Args[1:] {
			c.expr(a, sc, nil)
		}
		return &Con{Name: NPid}
	}
	if len(pf.Params) != len(e.Args)-1 {
		c.errorf(e, "E0003", "arity mismatch: expected %d arguments, found %d", len(pf.Params), len(e.Args)-1)
	}
	for i, a := range e.Args[1:] {
		var want Type
		if i < len(pf.Params) {
			want = pf.Params[i]
		}
		at := c.expr(a, sc, want)
		if want != nil {
			c.unifyAt(a, want, at)
		}
	}
	if pc, ok := Prune(pf.Ret).(*Con); ok && pc.Name == NPid {
		return pc
	}
	return &Con{Name: NPid, Args: []Type{c.gen.fresh()}}
}

// clusteredRoute validates HTTP.clustered(...) (cluster-reference.md §7)
// and records the handler.
func (c *checker) clusteredRoute(ce *syntax.CallExpr, args []syntax.Expr) {
	bad := func(n syntax.Node, reason string) {
		c.errorf(n, "E0001", "invalid HTTP.clustered(...) usage: %s", reason)
	}
	if !c.routeArgs[ce] {
		c.errorf(ce, "E0001", "HTTP.clustered(...) can only appear in the route handler position of HTTP.route(...) or HTTP.on_*(...)")
	}
	if len(args) == 0 || len(args) > 2 {
		bad(ce, "expected `HTTP.clustered(handler)` or `HTTP.clustered(<int>, handler)`")
		return
	}
	n := 2
	h := args[len(args)-1]
	if len(args) == 2 {
		lit, ok := args[0].(*syntax.IntLit)
		if !ok || lit.Value <= 0 {
			bad(args[0], "the replication count must be a positive integer literal, e.g. `HTTP.clustered(3, handler)`")
			return
		}
		n = int(lit.Value)
	}
	r := c.prog.Refs[h]
	if r == nil || r.Kind != RefFunc {
		bad(h, "expected a bare handler reference or module-qualified handler reference")
		return
	}
	f := r.Func
	if !f.Pub {
		c.errorf(h, "E0001", "route handler `%s` must be public to use HTTP.clustered(...)", f.Name)
		return
	}
	rn := f.Module.Name + "." + f.Name
	for _, cr := range c.prog.ClusteredRoutes {
		if cr.RuntimeName == rn {
			if cr.Replicas != n {
				c.errorf(ce, "E0001", "clustered route handler `%s` already uses replication count %d; found conflicting count %d", rn, cr.Replicas, n)
			}
			cr.Calls = append(cr.Calls, ce)
			return
		}
	}
	c.prog.ClusteredRoutes = append(c.prog.ClusteredRoutes, &ClusteredRoute{RuntimeName: rn, Replicas: n, Func: f, Calls: []*syntax.CallExpr{ce}})
}

// dottedUpper returns "A.B" for a selector chain of upper-case names.
func dottedUpper(e syntax.Expr) string {
	switch x := e.(type) {
	case *syntax.Ident:
		if isUpper(x.Name) {
			return x.Name
		}
	case *syntax.SelectorExpr:
		if x.Sel != nil && isUpper(x.Sel.Name) {
			if p := dottedUpper(x.X); p != "" {
				return p + "." + x.Sel.Name
			}
		}
	}
	return ""
}

func (c *checker) imports(mi *modInfo, path string) bool {
	for _, d := range mi.deps {
		if d == path {
			return true
		}
	}
	return false
}

// suggestName finds a visible name close to name (for hints).
func (c *checker) suggestName(sc *scope, name string) string {
	best, bd := "", 3
	try := func(n string) {
		if n == name || n == "_" {
			return
		}
		if d := editDistance(n, name); d < bd || (d == bd && n < best) {
			best, bd = n, d
		}
	}
	for s := sc; s != nil; s = s.parent {
		for n := range s.vars {
			try(n)
		}
	}
	for n := range c.cur.funcs {
		try(n)
	}
	for n := range c.cur.imported {
		try(n)
	}
	if len(name) <= 2 && bd > 1 {
		return ""
	}
	return best
}

// deferOp records an operator on an operand whose type is not known yet as
// a runtime-dispatched trait call, and settles it when the function is
// done: a user impl becomes a static call, a built-in or derived type
// drops the Ref (the compiler then uses a typed opcode).
func (c *checker) deferOp(e syntax.Node, t Type, trait, m string) {
	ref := &Ref{Kind: RefMethod, Trait: trait, Method: m}
	c.prog.Refs[e] = ref
	if c.fc == nil || c.fc.top == nil {
		return
	}
	c.fc.top.exh = append(c.fc.top.exh, func() {
		pt := Prune(t)
		if _, isVar := pt.(*Var); isVar {
			return
		}
		if ims := c.findImpls(trait, pt); len(ims) > 0 && !ims[0].Derived {
			im := ims[0]
			f := im.Methods[m]
			if f == nil && trait == "Ord" {
				ref.Method = "compare"
				f = im.Methods["compare"]
			}
			ref.Impl, ref.Func = im, f
			return
		}
		delete(c.prog.Refs, e)
	})
}

// stdModuleOf is the stdlib module whose functions are methods of t.
func stdModuleOf(t Type) string {
	switch t := Prune(t).(type) {
	case *Con:
		if t.Def == nil {
			switch t.Name {
			case NString, NJson:
				return "String"
			case NList, NMap, NSet, NRange, NIter, NQueue, NInt, NFloat, NBool:
				return t.Name
			case NTuple:
				return "Tuple"
			}
		}
	case *Tuple:
		return "Tuple"
	}
	return ""
}
