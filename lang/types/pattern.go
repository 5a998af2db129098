package types

import (
	"sort"
	"strconv"
	"strings"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// pattern checks p against type t, binding its variables in sc. shared
// maps names already bound by an earlier alternative of an or-pattern.
func (c *checker) pattern(p syntax.Pattern, t Type, sc *scope, shared map[string]*Binding) {
	if p == nil {
		return
	}
	c.prog.PatTypes[p] = t
	switch p := p.(type) {
	case *syntax.WildcardPattern, *syntax.BadPattern:
	case *syntax.IdentPattern:
		if p.Name == nil {
			return
		}
		if isUpper(p.Name.Name) {
			if v := c.lookupCtor(p.Name.Name); v != nil {
				con, _ := c.instDef(v.Def)
				c.unifyAt(p, t, con)
				c.prog.Refs[p] = &Ref{Kind: RefCtor, Variant: v}
				return
			}
		}
		c.bindPat(sc, p.Name, t, shared)
	case *syntax.LiteralPattern:
		var lt Type
		switch v := p.Value.(type) {
		case *syntax.IntLit:
			lt = tInt
		case *syntax.FloatLit:
			lt = tFloat
		case *syntax.StringLit:
			lt = tString
		case *syntax.BoolLit:
			lt = tBool
		case *syntax.NilLit:
			lt = tUnit
		case *syntax.AtomLit:
			lt = tAtom
		default:
			_ = v
			lt = c.gen.fresh()
		}
		if p.Value != nil {
			c.prog.Types[p.Value] = lt
		}
		c.unifyAt(p, t, lt)
	case *syntax.TuplePattern:
		switch len(p.Elems) {
		case 0:
			c.unifyAt(p, t, tUnit)
		case 1:
			c.pattern(p.Elems[0], t, sc, shared)
		default:
			el := make([]Type, len(p.Elems))
			for i := range el {
				el[i] = c.gen.fresh()
			}
			c.unifyAt(p, t, &Tuple{Elems: el})
			for i, e := range p.Elems {
				c.pattern(e, el[i], sc, shared)
			}
		}
	case *syntax.CtorPattern:
		var v *Variant
		name := ""
		if p.Name != nil {
			name = p.Name.Name
		}
		if p.Type != nil {
			if te := c.typeEntryByName(p.Type.Name); te != nil && te.def != nil {
				v = te.def.Variant(name)
			} else if ns := c.cur.namespaces[p.Type.Name]; ns != nil {
				for _, te := range ns.types {
					if te.def != nil && te.pub {
						if x := te.def.Variant(name); x != nil {
							v = x
						}
					}
				}
			}
		} else {
			v = c.lookupCtor(name)
		}
		if v == nil {
			c.errorf(p, "E0010", "unknown variant `%s`", name)
			for _, a := range p.Args {
				c.pattern(a, c.gen.fresh(), sc, shared)
			}
			return
		}
		c.prog.Refs[p] = &Ref{Kind: RefCtor, Variant: v}
		con, sub := c.instDef(v.Def)
		c.unifyAt(p, t, con)
		if !p.Parens && len(p.Args) == 0 {
			return // bare payload constructor: matches ignoring the payload
		}
		if len(p.Args) != len(v.Fields) {
			c.errorf(p, "E0003", "arity mismatch: expected %d arguments, found %d", len(v.Fields), len(p.Args))
		}
		for i, a := range p.Args {
			var at Type
			if i < len(v.Fields) {
				at = subst(v.Fields[i], sub)
			} else {
				at = c.gen.fresh()
			}
			c.pattern(a, at, sc, shared)
		}
	case *syntax.ConsPattern:
		el := c.gen.fresh()
		lt := listOf(el)
		c.unifyAt(p, t, lt)
		c.pattern(p.Head, el, sc, shared)
		c.pattern(p.Tail, lt, sc, shared)
	case *syntax.OrPattern:
		var first []string
		alt0 := map[string]*Binding{}
		oldReuse := c.orReuse
		for i, alt := range p.Alts {
			names := map[string]*Binding{}
			for k, v := range shared {
				names[k] = v
			}
			if i > 0 {
				c.orReuse = alt0 // later alternatives share alt 0's bindings
			}
			c.pattern(alt, t, sc, names)
			c.orReuse = oldReuse
			var got []string
			for k, v := range names {
				if _, pre := shared[k]; !pre {
					got = append(got, k)
					if i == 0 {
						alt0[k] = v
					}
				}
			}
			sort.Strings(got)
			if i == 0 {
				first = got
			} else if strings.Join(got, ",") != strings.Join(first, ",") {
				c.errorf(alt, "E0011", "or-pattern binding mismatch: expected [%s], found [%s]", joinComma(first), joinComma(got))
			}
		}
		for k, v := range alt0 {
			shared[k] = v
		}
	case *syntax.AsPattern:
		c.pattern(p.Pattern, t, sc, shared)
		if p.Name != nil {
			c.bindPat(sc, p.Name, t, shared)
		}
	}
}

func (c *checker) bindPat(sc *scope, id *syntax.Ident, t Type, shared map[string]*Binding) {
	if id.Name == "_" {
		return
	}
	b, ok := shared[id.Name]
	if !ok {
		b, ok = c.orReuse[id.Name]
	}
	if ok && b != nil {
		shared[id.Name] = b
		// same name in another or-alternative: one binding
		c.unifyAt(id, b.Type, t)
		c.prog.Defs[id] = b
		sc.vars[id.Name] = b
		return
	}
	b = c.bind(sc, id, id, t)
	shared[id.Name] = b
}

// ---------------------------------------------------------------------
// Exhaustiveness and redundancy (pattern-matrix usefulness, Maranget).

type pkind int

const (
	pWild pkind = iota
	pCtor
	pLit
)

type spat struct {
	kind pkind
	ctor string // constructor id
	args []*spat
	lit  string
}

var wild = &spat{kind: pWild}

type ctorInfo struct {
	name  string
	args  []Type
	label func(args []string) string
}

// ctorsOf lists the constructors of t; finite is false for types whose
// values cannot all be enumerated (Int, String, structs, …).
func (c *checker) ctorsOf(t Type) ([]ctorInfo, bool) {
	switch t := Prune(t).(type) {
	case *Con:
		if t.Def != nil && !t.Def.IsStruct {
			sub := defSubst(t)
			var out []ctorInfo
			for _, v := range t.Def.Variants {
				v := v
				args := make([]Type, len(v.Fields))
				for i, f := range v.Fields {
					args[i] = subst(f, sub)
				}
				out = append(out, ctorInfo{name: v.Name, args: args, label: func(a []string) string {
					if len(a) == 0 {
						return v.Name
					}
					return v.Name + "(" + joinComma(a) + ")"
				}})
			}
			return out, true
		}
		if t.Def == nil {
			switch t.Name {
			case NBool:
				return []ctorInfo{{name: "true", label: func([]string) string { return "true" }},
					{name: "false", label: func([]string) string { return "false" }}}, true
			case NUnit:
				return []ctorInfo{{name: "()", label: func([]string) string { return "()" }}}, true
			case NList:
				var el Type = &Var{}
				if len(t.Args) == 1 {
					el = t.Args[0]
				}
				return []ctorInfo{
					{name: "[]", label: func([]string) string { return "[]" }},
					{name: "::", args: []Type{el, t}, label: func(a []string) string { return a[0] + " :: " + a[1] }},
				}, true
			}
		}
	case *Tuple:
		return []ctorInfo{{name: "tuple", args: t.Elems, label: func(a []string) string { return "(" + joinComma(a) + ")" }}}, true
	}
	return nil, false
}

// toSpat converts a checked pattern; or-patterns give several alternatives.
func (c *checker) toSpat(p syntax.Pattern) []*spat {
	switch p := p.(type) {
	case nil, *syntax.WildcardPattern, *syntax.BadPattern:
		return []*spat{wild}
	case *syntax.IdentPattern:
		if r := c.prog.Refs[p]; r != nil && r.Kind == RefCtor {
			args := make([]*spat, r.Variant.Arity())
			for i := range args {
				args[i] = wild
			}
			return []*spat{{kind: pCtor, ctor: r.Variant.Name, args: args}}
		}
		return []*spat{wild}
	case *syntax.AsPattern:
		return c.toSpat(p.Pattern)
	case *syntax.LiteralPattern:
		switch v := p.Value.(type) {
		case *syntax.BoolLit:
			if v.Value {
				return []*spat{{kind: pCtor, ctor: "true"}}
			}
			return []*spat{{kind: pCtor, ctor: "false"}}
		case *syntax.NilLit:
			return []*spat{{kind: pCtor, ctor: "()"}}
		case *syntax.IntLit:
			s := strconv.FormatInt(v.Value, 10)
			if p.Neg {
				s = "-" + s
			}
			return []*spat{{kind: pLit, lit: s}}
		case *syntax.FloatLit:
			s := strconv.FormatFloat(v.Value, 'g', -1, 64)
			if p.Neg {
				s = "-" + s
			}
			return []*spat{{kind: pLit, lit: s}}
		case *syntax.StringLit:
			s, _ := v.Value()
			return []*spat{{kind: pLit, lit: strconv.Quote(s)}}
		case *syntax.AtomLit:
			return []*spat{{kind: pLit, lit: ":" + v.Name}}
		}
		return []*spat{{kind: pLit, lit: "?"}}
	case *syntax.TuplePattern:
		if len(p.Elems) == 0 {
			return []*spat{{kind: pCtor, ctor: "()"}}
		}
		if len(p.Elems) == 1 {
			return c.toSpat(p.Elems[0])
		}
		return c.product("tuple", p.Elems)
	case *syntax.CtorPattern:
		r := c.prog.Refs[p]
		if r == nil || r.Kind != RefCtor {
			return []*spat{wild}
		}
		v := r.Variant
		if len(p.Args) != v.Arity() {
			args := make([]*spat, v.Arity())
			for i := range args {
				args[i] = wild
			}
			return []*spat{{kind: pCtor, ctor: v.Name, args: args}}
		}
		return c.product(v.Name, p.Args)
	case *syntax.ConsPattern:
		return c.product("::", []syntax.Pattern{p.Head, p.Tail})
	case *syntax.OrPattern:
		var out []*spat
		for _, a := range p.Alts {
			out = append(out, c.toSpat(a)...)
		}
		return out
	}
	return []*spat{wild}
}

func (c *checker) product(ctor string, ps []syntax.Pattern) []*spat {
	combos := [][]*spat{{}}
	for _, p := range ps {
		alts := c.toSpat(p)
		var next [][]*spat
		for _, cmb := range combos {
			for _, a := range alts {
				if len(next) > 256 {
					break
				}
				n := append(append([]*spat{}, cmb...), a)
				next = append(next, n)
			}
		}
		combos = next
	}
	out := make([]*spat, len(combos))
	for i, cmb := range combos {
		out[i] = &spat{kind: pCtor, ctor: ctor, args: cmb}
	}
	return out
}

// exhaustive checks rows (one slice of patterns per clause/arm; nil
// entries are variables) against the column types. It returns the missing
// patterns and the indices of redundant rows.
func (c *checker) exhaustive(rows [][]syntax.Pattern, guarded []bool, types []Type) (missing []string, redundant []int) {
	c.exhSteps = 0
	var matrix [][]*spat
	for i, r := range rows {
		// expand or-patterns per column
		combos := [][]*spat{{}}
		for _, p := range r {
			alts := c.toSpat(p)
			var next [][]*spat
			for _, cmb := range combos {
				for _, a := range alts {
					if len(next) > 256 {
						break
					}
					next = append(next, append(append([]*spat{}, cmb...), a))
				}
			}
			combos = next
		}
		for len(combos) > 0 && len(combos[0]) < len(types) {
			for j := range combos {
				combos[j] = append(combos[j], wild)
			}
		}
		useful := false
		for _, cmb := range combos {
			if c.useful(matrix, cmb, types, 0) {
				useful = true
			}
		}
		if !useful {
			redundant = append(redundant, i)
		}
		if !guarded[i] {
			matrix = append(matrix, combos...)
		}
	}
	ws := c.missing(matrix, types, 0)
	for _, w := range ws {
		if len(types) == 1 {
			missing = append(missing, w[0])
		} else {
			missing = append(missing, "("+joinComma(w)+")")
		}
	}
	return missing, redundant
}

const (
	maxDepth    = 40
	maxExhSteps = 200000
)

func specialize(rows [][]*spat, ctor string, arity int) [][]*spat {
	var out [][]*spat
	for _, r := range rows {
		h := r[0]
		switch h.kind {
		case pWild:
			n := make([]*spat, 0, arity+len(r)-1)
			for i := 0; i < arity; i++ {
				n = append(n, wild)
			}
			out = append(out, append(n, r[1:]...))
		case pCtor:
			if h.ctor == ctor {
				args := h.args
				for len(args) < arity {
					args = append(args, wild)
				}
				out = append(out, append(append([]*spat{}, args[:arity]...), r[1:]...))
			}
		case pLit:
			if h.lit == ctor {
				out = append(out, r[1:])
			}
		}
	}
	return out
}

func defaultRows(rows [][]*spat) [][]*spat {
	var out [][]*spat
	for _, r := range rows {
		if r[0].kind == pWild {
			out = append(out, r[1:])
		}
	}
	return out
}

func headCtors(rows [][]*spat) map[string]bool {
	hs := map[string]bool{}
	for _, r := range rows {
		if r[0].kind == pCtor {
			hs[r[0].ctor] = true
		}
	}
	return hs
}

func (c *checker) useful(rows [][]*spat, q []*spat, types []Type, depth int) bool {
	if len(q) == 0 {
		return len(rows) == 0
	}
	c.exhSteps++
	if depth > maxDepth || c.exhSteps > maxExhSteps {
		return true // too costly to decide: assume useful (no warning)
	}
	var t Type = &Var{}
	if len(types) > 0 {
		t = types[0]
	}
	rest := types
	if len(rest) > 0 {
		rest = rest[1:]
	}
	h := q[0]
	ctors, finite := c.ctorsOf(t)
	argTypes := func(name string, n int) []Type {
		for _, k := range ctors {
			if k.name == name {
				return append(append([]Type{}, k.args...), rest...)
			}
		}
		ts := make([]Type, n)
		for i := range ts {
			ts[i] = &Var{}
		}
		return append(ts, rest...)
	}
	switch h.kind {
	case pCtor:
		return c.useful(specialize(rows, h.ctor, len(h.args)), append(append([]*spat{}, h.args...), q[1:]...), argTypes(h.ctor, len(h.args)), depth+1)
	case pLit:
		return c.useful(specialize(rows, h.lit, 0), q[1:], rest, depth+1)
	}
	hs := headCtors(rows)
	if finite && len(ctors) > 0 && allPresent(ctors, hs) {
		for _, k := range ctors {
			nq := make([]*spat, len(k.args))
			for i := range nq {
				nq[i] = wild
			}
			if c.useful(specialize(rows, k.name, len(k.args)), append(nq, q[1:]...), argTypes(k.name, len(k.args)), depth+1) {
				return true
			}
		}
		return false
	}
	return c.useful(defaultRows(rows), q[1:], rest, depth+1)
}

func allPresent(ctors []ctorInfo, hs map[string]bool) bool {
	for _, k := range ctors {
		if !hs[k.name] {
			return false
		}
	}
	return true
}

// missing returns witnesses (one string per column) of values no row
// matches.
func (c *checker) missing(rows [][]*spat, types []Type, depth int) [][]string {
	if len(types) == 0 {
		if len(rows) == 0 {
			return [][]string{{}}
		}
		return nil
	}
	c.exhSteps++
	if depth > maxDepth || c.exhSteps > maxExhSteps {
		return nil // too costly to decide: report nothing
	}
	t := types[0]
	rest := types[1:]
	ctors, finite := c.ctorsOf(t)
	hs := headCtors(rows)
	var out [][]string
	if finite && len(ctors) > 0 && allPresent(ctors, hs) {
		for _, k := range ctors {
			sub := c.missing(specialize(rows, k.name, len(k.args)), append(append([]Type{}, k.args...), rest...), depth+1)
			for _, w := range sub {
				if len(w) < len(k.args) {
					continue
				}
				out = append(out, append([]string{k.label(w[:len(k.args)])}, w[len(k.args):]...))
				if len(out) >= 8 {
					return out
				}
			}
		}
		return out
	}
	sub := c.missing(defaultRows(rows), rest, depth+1)
	if len(sub) == 0 {
		return nil
	}
	var heads []string
	if finite && len(hs) > 0 {
		for _, k := range ctors {
			if !hs[k.name] {
				as := make([]string, len(k.args))
				for i := range as {
					as[i] = "_"
				}
				heads = append(heads, k.label(as))
			}
		}
	} else {
		heads = []string{"_"}
	}
	for _, h := range heads {
		for _, w := range sub {
			out = append(out, append([]string{h}, w...))
			if len(out) >= 8 {
				return out
			}
		}
	}
	return out
}
