package types

import (
	"github.com/mesh-lang/mesh/lang/syntax"
)

// scope is a block of local bindings.
type scope struct {
	vars   map[string]*Binding
	parent *scope
	lam    *lambda
}

// lambda is a closure (or nested/top-level function) boundary, used to
// compute captures.
type lambda struct {
	node   syntax.Node
	parent *lambda
	caps   []*Binding
	seen   map[*Binding]bool
}

func newScope(parent *scope, lam *lambda) *scope {
	if lam == nil && parent != nil {
		lam = parent.lam
	}
	return &scope{vars: map[string]*Binding{}, parent: parent, lam: lam}
}

// fnCtx is the state of the function (or closure) whose body is checked.
type fnCtx struct {
	f         *Function
	ret       Type
	retKnown  bool
	actor     *Function // enclosing actor (self()/receive allowed)
	allowRecv bool      // test bodies: self()/receive allowed
	loop      int
	parent    *fnCtx
	top       *topCtx
}

// topCtx collects what is checked once a top-level function is done.
type topCtx struct {
	pending []pendingCons
	exh     []func()
}

type pendingCons struct {
	t     Type
	trait string
	at    syntax.Node
}

func (c *checker) lookup(sc *scope, name string) *Binding {
	for s := sc; s != nil; s = s.parent {
		if b, ok := s.vars[name]; ok {
			// captures: every lambda between the use and the definition
			def := c.bindLam[b]
			for l := sc.lam; l != nil && l != def; l = l.parent {
				if b.Func != nil && len(b.Func.Clauses) > 0 && l.node == syntax.Node(b.Func.Clauses[0]) {
					// a nested function naming itself: recursion, not a capture
					continue
				}
				if !l.seen[b] {
					l.seen[b] = true
					l.caps = append(l.caps, b)
				}
			}
			return b
		}
	}
	return nil
}

func (c *checker) bind(sc *scope, id *syntax.Ident, key syntax.Node, t Type) *Binding {
	b := c.newBinding(id.Name, t, id.Pos())
	if id.Name != "_" {
		sc.vars[id.Name] = b
	}
	c.bindLam[b] = sc.lam
	c.prog.Defs[key] = b
	return b
}

// unifyAt unifies want (expected) with got, reporting E0001/E0002 at n.
func (c *checker) unifyAt(n syntax.Node, want, got Type) bool {
	if err := unify(want, got); err != nil {
		if err.occurs {
			c.errorf(n, "E0002", "infinite type: `%s` occurs in `%s`", c.ts(err.v), c.ts(err.t))
		} else {
			d := c.errorf(n, "E0001", "type mismatch: expected `%s`, found `%s`", c.ts(want), c.ts(got))
			if IsCon(want, NString) && IsCon(got, NAtom) {
				d.Hint = "an Atom is not a String; use a string literal"
			}
			if (IsCon(want, NFloat) && IsCon(got, NInt)) || (IsCon(want, NInt) && IsCon(got, NFloat)) {
				d.Hint = "there is no implicit Int/Float conversion; use Int.to_float or Float.to_int"
			}
		}
		return false
	}
	return true
}

func (c *checker) require(t Type, trait string, at syntax.Node) {
	if c.fc == nil || c.fc.top == nil {
		return
	}
	if ok, known := c.satisfies(t, trait); known {
		if !ok {
			c.errorf(at, "E0006", "type `%s` does not satisfy trait `%s`", c.ts(t), trait)
		}
		return
	}
	c.fc.top.pending = append(c.fc.top.pending, pendingCons{t: t, trait: trait, at: at})
}

// finishTop checks deferred constraints and exhaustiveness; it returns the
// constraints left on generalisable variables.
func (c *checker) finishTop(top *topCtx) []Constraint {
	for _, f := range top.exh {
		f()
	}
	var keep []Constraint
	for _, p := range top.pending {
		ok, known := c.satisfies(p.t, p.trait)
		if known {
			if !ok {
				c.errorf(p.at, "E0006", "type `%s` does not satisfy trait `%s`", c.ts(p.t), p.trait)
			}
			continue
		}
		if v, isVar := Prune(p.t).(*Var); isVar && v.Level > 1 {
			keep = append(keep, Constraint{Type: v, Trait: p.trait})
		}
	}
	return keep
}

// funcType instantiates a top-level function's type at a use site,
// checking its body first if needed (forward references stay polymorphic).
func (c *checker) funcType(f *Function, at syntax.Node) Type {
	if !f.checked && !f.active && !f.early {
		c.checkFunc(f)
	}
	if f.Scheme != nil && (f.checked || f.early) {
		t, cons := c.gen.instantiate(f.Scheme)
		for _, k := range cons {
			c.require(k.Type, k.Trait, at)
		}
		if f.Kind == FuncActor {
			if ft, ok := t.(*Func); ok {
				return ft
			}
		}
		return t
	}
	if f.Type == nil {
		return c.gen.fresh()
	}
	return f.Type
}

// checkFunc infers a top-level function, method or actor.
func (c *checker) checkFunc(f *Function) {
	if f.checked || f.active || f.Type == nil {
		return
	}
	f.active = true
	// save per-function state (on-demand checking may nest)
	oldFc, oldCur, oldLevel := c.fc, c.cur, c.gen.level
	for _, mi := range c.order {
		if mi.m == f.Module {
			c.cur = mi
		}
	}
	c.gen.level = 2
	top := &topCtx{}
	fc := &fnCtx{f: f, ret: f.Type.Ret, top: top}
	c.fc = fc
	if f.Kind == FuncActor {
		fc.actor = f
		fc.retKnown = false
		c.checkActor(f)
	} else {
		fc.retKnown = f.Clauses[0].Result != nil
		c.checkClauses(f, fc, nil)
	}
	keep := c.finishTop(top)
	c.gen.level = 1
	if f.early {
		// keep the annotated scheme
	} else {
		f.Scheme = generalize(f.Type, 1, append(keep, f.where...))
	}
	c.fc, c.cur, c.gen.level = oldFc, oldCur, oldLevel
	f.active = false
	f.checked = true
}

// checkClauses checks every clause of f against f.Type.
func (c *checker) checkClauses(f *Function, fc *fnCtx, outer *scope) {
	var rows [][]syntax.Pattern
	var guarded []bool
	anyPattern := false
	for ci, cl := range f.Clauses {
		lam := &lambda{node: cl, seen: map[*Binding]bool{}}
		if outer != nil {
			lam.parent = outer.lam
		}
		sc := newScope(outer, lam)
		var row []syntax.Pattern
		catchAll := cl.Guard == nil
		for i, p := range cl.Params {
			if i >= len(f.Type.Params) {
				break
			}
			pt := f.Type.Params[i]
			switch {
			case p.Self:
				b := c.newBinding("self", pt, p.Pos())
				sc.vars["self"] = b
				c.bindLam[b] = lam
				c.prog.Defs[p] = b
				row = append(row, nil)
			case p.Pattern != nil:
				anyPattern = true
				c.pattern(p.Pattern, pt, sc, map[string]*Binding{})
				row = append(row, p.Pattern)
				if !irrefutable(p.Pattern, c) {
					catchAll = false
				}
			case p.Name != nil:
				if p.Type != nil && ci > 0 {
					c.unifyAt(p, pt, c.typeExpr(p.Type, f.tvars, c.cur))
				}
				if isUpper(p.Name.Name) {
					if v := c.lookupCtor(p.Name.Name); v != nil {
						// a bare nullary constructor is a pattern (recommended §4.3)
						ip := &syntax.IdentPattern{Span: p.Span, Name: p.Name}
						p.Pattern = ip
						anyPattern = true
						c.pattern(ip, pt, sc, map[string]*Binding{})
						row = append(row, ip)
						catchAll = false
						continue
					}
				}
				c.bind(sc, p.Name, p.Name, pt)
				row = append(row, nil)
			}
		}
		if cl.Guard != nil {
			c.guard(cl.Guard, sc)
		}
		if catchAll && ci < len(f.Clauses)-1 {
			c.errorf(cl.Name, "E0022", "catch-all clause must be the last clause of function `%s/%d`; later clauses are unreachable", f.Name, f.Arity)
		}
		if cl.Body != nil {
			t := c.block(cl.Body, sc)
			c.unifyAt(lastNode(cl.Body), f.Type.Ret, t)
		}
		c.prog.Captures[cl] = lam.caps
		rows = append(rows, row)
		guarded = append(guarded, cl.Guard != nil)
	}
	if anyPattern || len(f.Clauses) > 1 {
		params := f.Type.Params
		fc.top.exh = append(fc.top.exh, func() {
			missing, _ := c.exhaustive(rows, guarded, params)
			if len(missing) > 0 {
				f.Exhaustive = false
				c.warnf(f.Clauses[0].Name, "E0012", "non-exhaustive match on `%s`: missing patterns [%s]", c.ts(tupleOrSingle(params)), joinComma(missing))
			}
		})
	}
}

func tupleOrSingle(ps []Type) Type {
	if len(ps) == 1 {
		return ps[0]
	}
	return &Tuple{Elems: ps}
}

func joinComma(xs []string) string {
	s := ""
	for i, x := range xs {
		if i > 0 {
			s += ", "
		}
		s += x
	}
	return s
}

// irrefutable reports whether p matches every value (variables, _).
func irrefutable(p syntax.Pattern, c *checker) bool {
	switch p := p.(type) {
	case nil, *syntax.WildcardPattern:
		return true
	case *syntax.IdentPattern:
		return p.Name == nil || !isUpper(p.Name.Name) || c.lookupCtor(p.Name.Name) == nil
	case *syntax.AsPattern:
		return irrefutable(p.Pattern, c)
	case *syntax.TuplePattern:
		for _, e := range p.Elems {
			if !irrefutable(e, c) {
				return false
			}
		}
		return len(p.Elems) > 0
	}
	return false
}

func lastNode(b *syntax.Block) syntax.Node {
	if b == nil {
		return nil
	}
	if n := len(b.Stmts); n > 0 {
		if es, ok := b.Stmts[n-1].(*syntax.ExprStmt); ok && es.X != nil {
			return es.X
		}
		return b.Stmts[n-1]
	}
	return b
}

// guard checks a `when` guard (any Bool expression, §5.8 recommended).
func (c *checker) guard(g syntax.Expr, sc *scope) {
	t := c.expr(g, sc, nil)
	if err := unify(tBool, t); err != nil {
		c.errorf(g, "E0025", "guard expression must return `Bool`, found `%s`", c.ts(t))
	}
}

// block checks a block in a new scope and returns its value type.
func (c *checker) block(b *syntax.Block, parent *scope) Type {
	if b == nil {
		return tUnit
	}
	sc := newScope(parent, nil)
	var t Type = tUnit
	for i, st := range b.Stmts {
		last := i == len(b.Stmts)-1
		t = c.stmt(st, sc, last)
	}
	return t
}

func (c *checker) stmt(st syntax.Stmt, sc *scope, last bool) Type {
	switch s := st.(type) {
	case *syntax.ExprStmt:
		return c.expr(s.X, sc, nil)
	case *syntax.LetStmt:
		return c.let(s, sc)
	case *syntax.ReturnStmt:
		var t Type = tUnit
		if s.Value != nil {
			t = c.expr(s.Value, sc, c.fcRet())
		}
		if c.fc != nil {
			c.unifyAt(nodeOr(s.Value, s), c.fc.ret, t)
		}
		return tNever
	case *syntax.FnDecl:
		c.nestedFn(s, sc)
		return tUnit
	case *syntax.AssertReceiveStmt:
		if s.Pattern != nil {
			c.pattern(s.Pattern, c.gen.fresh(), sc, map[string]*Binding{})
		}
		if s.Timeout != nil {
			c.exprWant(s.Timeout, sc, tInt)
		}
		return tUnit
	case *syntax.BadStmt, nil:
		return c.gen.fresh()
	case *syntax.ImportDecl, *syntax.FromImportDecl:
		c.errorf(st, "E0031", "imports are only allowed at the top level of a file")
		return tUnit
	default:
		c.errorf(st, "E0004", "this declaration is only allowed at the top level of a file")
		return tUnit
	}
}

func nodeOr(e syntax.Expr, n syntax.Node) syntax.Node {
	if e != nil {
		return e
	}
	return n
}

func (c *checker) fcRet() Type {
	if c.fc != nil {
		return c.fc.ret
	}
	return nil
}

func (c *checker) let(s *syntax.LetStmt, sc *scope) Type {
	var ann Type
	if s.Type != nil {
		ann = c.typeExpr(s.Type, c.tvars(), c.cur)
	}
	_, isFn := s.Value.(*syntax.FnExpr)
	if isFn {
		c.gen.level++
	}
	var t Type
	if s.Value != nil {
		t = c.expr(s.Value, sc, ann)
	} else {
		t = c.gen.fresh()
	}
	if ann != nil {
		c.unifyAt(s.Value, ann, t)
		t = ann
	}
	if isFn {
		c.gen.level--
	}
	if id, ok := s.Pattern.(*syntax.IdentPattern); ok && id.Name != nil && !(isUpper(id.Name.Name) && c.lookupCtor(id.Name.Name) != nil) {
		b := c.bind(sc, id.Name, id.Name, t)
		c.prog.PatTypes[id] = t
		if isFn {
			var cons []Constraint
			if c.fc != nil && c.fc.top != nil {
				for _, pc := range c.fc.top.pending {
					cons = append(cons, Constraint{Type: pc.t, Trait: pc.trait})
				}
			}
			c.bindScheme[b] = generalize(t, c.gen.level, cons)
		}
		return t
	}
	if s.Pattern != nil {
		c.pattern(s.Pattern, t, sc, map[string]*Binding{})
		p := s.Pattern
		if c.fc != nil && c.fc.top != nil {
			c.fc.top.exh = append(c.fc.top.exh, func() {
				if missing, _ := c.exhaustive([][]syntax.Pattern{{p}}, []bool{false}, []Type{t}); len(missing) > 0 {
					c.errorf(p, "E0012", "non-exhaustive match on `%s`: missing patterns [%s]", c.ts(t), joinComma(missing))
				}
			})
		}
	}
	return t
}

func (c *checker) tvars() map[string]Type {
	for fc := c.fc; fc != nil; fc = fc.parent {
		if fc.f != nil && fc.f.tvars != nil {
			return fc.f.tvars
		}
	}
	return map[string]Type{}
}

// nestedFn checks a named function inside a block: a closure bound to its
// name (recursive), generalised like a let.
func (c *checker) nestedFn(d *syntax.FnDecl, sc *scope) {
	if d.Name == nil {
		return
	}
	c.gen.level++
	f := &Function{Name: d.Name.Name, Module: c.cur.m, Kind: FuncNested, Arity: len(d.Params),
		Clauses: []*syntax.FnDecl{d}, Exhaustive: true}
	c.nestedCount++
	f.QualName = c.cur.m.Name + "." + d.Name.Name + "#" + itoa(c.nestedCount)
	tv := map[string]Type{}
	for k, v := range c.tvars() {
		tv[k] = v
	}
	for _, tp := range d.TypeParams {
		tv[tp.Name] = c.gen.freshNamed(tp.Name)
	}
	f.tvars = tv
	var ps []Type
	for _, p := range d.Params {
		if p.Name != nil && p.Type != nil {
			ps = append(ps, c.typeExpr(p.Type, tv, c.cur))
		} else {
			ps = append(ps, c.gen.fresh())
		}
	}
	var ret Type
	if d.Result != nil {
		ret = c.typeExpr(d.Result, tv, c.cur)
	} else {
		ret = c.gen.fresh()
	}
	f.Type = &Func{Params: ps, Ret: ret}
	b := c.bind(sc, d.Name, d.Name, f.Type)
	b.Func = f
	f.Binding = b
	fc := &fnCtx{f: f, ret: ret, retKnown: d.Result != nil, parent: c.fc, top: c.fc.topOrNil()}
	if c.fc != nil {
		fc.actor = c.fc.actor
		fc.allowRecv = c.fc.allowRecv
	}
	old := c.fc
	c.fc = fc
	c.checkClauses(f, fc, sc)
	c.fc = old
	c.gen.level--
	var cons []Constraint
	if c.fc != nil && c.fc.top != nil {
		for _, pc := range c.fc.top.pending {
			cons = append(cons, Constraint{Type: pc.t, Trait: pc.trait})
		}
	}
	c.bindScheme[b] = generalize(f.Type, c.gen.level, cons)
	f.Scheme = c.bindScheme[b]
	f.checked = true
}

func (fc *fnCtx) topOrNil() *topCtx {
	if fc == nil {
		return &topCtx{}
	}
	return fc.top
}
