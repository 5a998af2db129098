package types

import (
	"strings"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// fnGroup is one top-level multi-clause function while checking.
type fnGroup struct {
	f *Function
}

var derivable = map[string]bool{"Eq": true, "Ord": true, "Display": true, "Debug": true, "Hash": true, "Json": true, "Row": true, "Schema": true}

// collectTypes registers the module's struct, sum type and alias names.
func (c *checker) collectTypes(mi *modInfo) {
	add := func(name *syntax.Ident, te *typeEntry) {
		if name == nil {
			return
		}
		if _, dup := mi.types[name.Name]; dup {
			c.errorf(name, "E0023", "type `%s` is already defined", name.Name)
			return
		}
		mi.types[name.Name] = te
	}
	for _, it := range mi.file.Items {
		switch d := it.(type) {
		case *syntax.StructDecl:
			if d.Name == nil {
				continue
			}
			def := &TypeDef{Name: d.Name.Name, Module: mi.m.Name, IsStruct: true, Pub: d.Pub, Node: d}
			for _, tp := range d.TypeParams {
				def.Params = append(def.Params, c.gen.freshNamed(tp.Name))
			}
			add(d.Name, &typeEntry{def: def, mod: mi, pub: d.Pub})
			mi.m.TypeDefs = append(mi.m.TypeDefs, def)
			c.prog.TypeDefs = append(c.prog.TypeDefs, def)
		case *syntax.SumTypeDecl:
			if d.Name == nil {
				continue
			}
			def := &TypeDef{Name: d.Name.Name, Module: mi.m.Name, Pub: d.Pub, Node: d}
			for _, tp := range d.TypeParams {
				def.Params = append(def.Params, c.gen.freshNamed(tp.Name))
			}
			add(d.Name, &typeEntry{def: def, mod: mi, pub: d.Pub})
			mi.m.TypeDefs = append(mi.m.TypeDefs, def)
			c.prog.TypeDefs = append(c.prog.TypeDefs, def)
		case *syntax.TypeAliasDecl:
			add(d.Name, &typeEntry{alias: &aliasInfo{decl: d}, mod: mi, pub: d.Pub})
		}
	}
}

// resolveTypeDefs fills in struct fields, variants, aliases and deriving.
func (c *checker) resolveTypeDefs(mi *modInfo) {
	for _, it := range mi.file.Items {
		switch d := it.(type) {
		case *syntax.TypeAliasDecl:
			if d.Name != nil {
				c.aliasType(mi.types[d.Name.Name], d.Name)
			}
		case *syntax.StructDecl:
			if d.Name == nil || mi.types[d.Name.Name] == nil || mi.types[d.Name.Name].def == nil {
				continue
			}
			def := mi.types[d.Name.Name].def
			if def.Node != d {
				continue
			}
			tv := typeVarsOf(def)
			seen := map[string]bool{}
			for _, f := range d.Fields {
				if f.Name == nil {
					continue
				}
				if seen[f.Name.Name] {
					c.errorf(f.Name, "E0009", "duplicate field `%s` in struct `%s`", f.Name.Name, def.Name)
					continue
				}
				seen[f.Name.Name] = true
				def.Fields = append(def.Fields, &Field{Name: f.Name.Name, Type: c.typeExpr(f.Type, tv, mi), Index: len(def.Fields)})
			}
			for _, o := range d.Options {
				if o.Key == nil {
					continue
				}
				switch v := o.Value.(type) {
				case *syntax.StringLit:
					s, _ := v.Value()
					if o.Key.Name == "table" {
						def.Table = s
					}
				case *syntax.AtomLit:
					if o.Key.Name == "primary_key" {
						def.PrimaryKey = v.Name
					}
				case *syntax.BoolLit:
					if o.Key.Name == "timestamps" {
						def.Timestamps = v.Value
					}
				}
			}
			for _, r := range d.Relations {
				if r.Kind == nil || r.Name == nil || r.Target == nil {
					continue
				}
				def.Relations = append(def.Relations, Relation{Kind: r.Kind.Name, Name: r.Name.Name, Target: r.Target.Name})
			}
			c.derive(mi, def, d.Deriving, d.Name)
		case *syntax.SumTypeDecl:
			if d.Name == nil || mi.types[d.Name.Name] == nil || mi.types[d.Name.Name].def == nil {
				continue
			}
			def := mi.types[d.Name.Name].def
			if def.Node != d {
				continue
			}
			tv := typeVarsOf(def)
			for _, v := range d.Variants {
				if v.Name == nil {
					continue
				}
				if def.Variant(v.Name.Name) != nil {
					c.errorf(v.Name, "E0023", "duplicate variant `%s` in type `%s`", v.Name.Name, def.Name)
					continue
				}
				if other := c.ownVariant(mi, v.Name.Name); other != nil {
					d := c.warnf(v.Name, "W0004", "variant `%s` is also defined by type `%s`; unqualified `%s` means `%s.%s`", v.Name.Name, other.Def.Name, v.Name.Name, other.Def.Name, v.Name.Name)
					d.Hint = "write `" + def.Name + "." + v.Name.Name + "` for this one"
				}
				vr := &Variant{Name: v.Name.Name, Tag: len(def.Variants), Def: def}
				for _, f := range v.Fields {
					vr.Fields = append(vr.Fields, c.typeExpr(f.Type, tv, mi))
					n := ""
					if f.Name != nil {
						n = f.Name.Name
					}
					vr.Names = append(vr.Names, n)
				}
				def.Variants = append(def.Variants, vr)
			}
			c.derive(mi, def, d.Deriving, d.Name)
		}
	}
}

func typeVarsOf(def *TypeDef) map[string]Type {
	tv := map[string]Type{}
	for _, p := range def.Params {
		tv[p.Name] = p
	}
	return tv
}

// derive validates a deriving clause and records derived impls (§6.3).
func (c *checker) derive(mi *modInfo, def *TypeDef, d *syntax.Deriving, at syntax.Node) {
	var names []string
	if d == nil {
		if def.IsStruct {
			names = []string{"Debug", "Eq", "Ord", "Hash"}
		} else {
			names = []string{"Debug", "Eq", "Ord"}
		}
	} else {
		has := map[string]bool{}
		for _, n := range d.Names {
			has[n.Name] = true
		}
		for _, n := range d.Names {
			if !derivable[n.Name] {
				c.errorf(n, "E0028", "cannot derive `%s` for `%s` -- only Eq, Ord, Display, Debug, Hash, Json, and Row are derivable", n.Name, def.Name)
				continue
			}
			if (n.Name == "Row" || n.Name == "Schema") && !def.IsStruct {
				c.errorf(n, "E0028", "cannot derive `%s` for `%s` -- `%s` is only derivable for structs", n.Name, def.Name, n.Name)
				continue
			}
			if n.Name == "Ord" && !has["Eq"] {
				c.errorf(n, "E0029", "deriving `Ord` for `%s` requires `Eq` to also be derived", def.Name)
			}
			names = append(names, n.Name)
		}
	}
	def.Derives = names
	for _, n := range names {
		switch n {
		case "Json":
			c.checkJSONFields(def, at)
		case "Row":
			c.checkRowFields(def, at)
		}
		im := &Impl{Trait: n, Type: def, TypeName: def.Name, Module: mi.m, Derived: true, Methods: map[string]*Function{}, Assoc: map[string]Type{}, implicit: d == nil}
		c.addImpl(im, nil)
	}
}

// jsonSerializable reports whether values of t can be encoded as JSON
// (§6.3): primitives, Json-deriving types, Option/List/Map<String, _> of
// those; self is the type being derived (recursive fields).
func jsonSerializable(t Type, self *TypeDef) bool {
	var ok func(t Type) bool
	ok = func(t Type) bool {
		switch t := Prune(t).(type) {
		case *Var:
			return true
		case *Con:
			if t.Def != nil {
				if t.Def == OptionDef {
					return ok(t.Args[0])
				}
				if t.Def.Builtin {
					return false
				}
				return t.Def.Derived("Json") || (self != nil && t.Def == self)
			}
			switch t.Name {
			case NInt, NFloat, NBool, NString, NJson:
				return true
			case NList:
				return len(t.Args) == 1 && ok(t.Args[0])
			case NMap:
				return len(t.Args) == 2 && IsCon(t.Args[0], NString) && ok(t.Args[1])
			}
		}
		return false
	}
	return ok(t)
}

func (c *checker) checkJSONFields(def *TypeDef, at syntax.Node) {
	ok := func(t Type) bool { return jsonSerializable(t, def) }
	for _, f := range def.Fields {
		if !ok(f.Type) {
			c.errorf(at, "E0038", "field `%s` of type `%s` is not JSON-serializable", f.Name, c.ts(f.Type))
		}
	}
	for _, v := range def.Variants {
		for i, ft := range v.Fields {
			if !ok(ft) {
				n := v.Names[i]
				if n == "" {
					n = v.Name
				}
				c.errorf(at, "E0038", "field `%s` of type `%s` is not JSON-serializable", n, c.ts(ft))
			}
		}
	}
}

func (c *checker) checkRowFields(def *TypeDef, at syntax.Node) {
	prim := func(t Type) bool {
		switch ConName(t) {
		case NInt, NFloat, NBool, NString:
			return true
		}
		return false
	}
	for _, f := range def.Fields {
		t := Prune(f.Type)
		good := prim(t)
		if con, ok := t.(*Con); ok && con.Def == OptionDef && len(con.Args) == 1 {
			good = prim(con.Args[0])
		}
		if !good {
			c.errorf(at, "E0039", "field `%s` has type `%s` which cannot be mapped from a database row (only Int, Float, Bool, String, and Option<T> are supported)", f.Name, c.ts(f.Type))
		}
	}
}

// aliasType resolves an alias entry (any order, cycles reported).
func (c *checker) aliasType(te *typeEntry, at syntax.Node) Type {
	if te == nil || te.alias == nil {
		return nil
	}
	a := te.alias
	if a.typ != nil {
		return a.typ
	}
	if a.resolving {
		c.errorf(at, "E0045", "type alias `%s` refers to itself", a.decl.Name.Name)
		a.typ = c.gen.fresh()
		return a.typ
	}
	a.resolving = true
	old := c.cur
	c.cur = te.mod
	tv := map[string]Type{}
	a.params = nil
	for _, p := range a.decl.TypeParams {
		v := c.gen.freshNamed(p.Name)
		tv[p.Name] = v
		a.params = append(a.params, v)
	}
	t := c.typeExprAlias(a.decl.Type, tv, te.mod, a.decl.Name.Name)
	c.cur = old
	a.resolving = false
	if a.typ == nil {
		a.typ = t
	}
	return a.typ
}

// typeExpr converts an annotation. tv maps declared generic names (and
// "Self") to types.
func (c *checker) typeExpr(te syntax.TypeExpr, tv map[string]Type, mi *modInfo) Type {
	return c.typeExprAlias(te, tv, mi, "")
}

func (c *checker) typeExprAlias(te syntax.TypeExpr, tv map[string]Type, mi *modInfo, alias string) Type {
	switch t := te.(type) {
	case nil:
		return c.gen.fresh()
	case *syntax.BadType:
		return c.gen.fresh()
	case *syntax.TupleType:
		switch len(t.Elems) {
		case 0:
			return tUnit
		case 1:
			return c.typeExprAlias(t.Elems[0], tv, mi, alias)
		}
		el := make([]Type, len(t.Elems))
		for i, e := range t.Elems {
			el[i] = c.typeExprAlias(e, tv, mi, alias)
		}
		return &Tuple{Elems: el}
	case *syntax.FunType:
		ps := make([]Type, len(t.Params))
		for i, e := range t.Params {
			ps[i] = c.typeExprAlias(e, tv, mi, alias)
		}
		return &Func{Params: ps, Ret: c.typeExprAlias(t.Result, tv, mi, alias)}
	case *syntax.OptionType:
		return &Con{Name: "Option", Args: []Type{c.typeExprAlias(t.Elem, tv, mi, alias)}, Def: OptionDef}
	case *syntax.ResultType:
		return &Con{Name: "Result", Args: []Type{c.typeExprAlias(t.Ok, tv, mi, alias), c.typeExprAlias(t.Err, tv, mi, alias)}, Def: ResultDef}
	case *syntax.NamedType:
		args := make([]Type, len(t.Args))
		for i, a := range t.Args {
			args[i] = c.typeExprAlias(a, tv, mi, alias)
		}
		return c.namedType(t, args, tv, mi, alias)
	}
	return c.gen.fresh()
}

func (c *checker) namedType(t *syntax.NamedType, args []Type, tv map[string]Type, mi *modInfo, alias string) Type {
	name := t.Name()
	if len(t.Path) == 1 {
		if v, ok := tv[name]; ok && len(args) == 0 {
			return v
		}
	}
	if len(t.Path) == 2 && t.Path[0].Name == "Self" {
		if v, ok := tv[name]; ok {
			return v
		}
		c.errorf(t, "E0042", "cannot resolve associated type `%s` -- `Self.%s` is only available inside an impl that binds it", t.Path[1].Name, t.Path[1].Name)
		return c.gen.fresh()
	}
	var te *typeEntry
	if len(t.Path) == 1 && mi != nil {
		te = mi.types[name]
		if te == nil {
			te = mi.impTypes[name]
		}
	}
	if te == nil && len(t.Path) == 1 {
		if n, ok := opaqueTypes[name]; ok {
			if name == NTuple {
				return &Con{Name: NTuple}
			}
			if len(args) == 0 && n > 0 {
				switch name {
				case NPid, NSet, NIter, NQueue:
					if name == NPid {
						return &Con{Name: NPid}
					}
				}
				for i := 0; i < n; i++ {
					args = append(args, c.gen.fresh())
				}
			}
			if len(args) != n {
				c.errorf(t, "E0001", "type `%s` takes %d type arguments, found %d", name, n, len(args))
				args = fill(args, n, &c.gen)
			}
			return &Con{Name: name, Args: args}
		}
		if name == "Unit" {
			return tUnit
		}
		if iteratorAliases[name] {
			return &Con{Name: NIter, Args: []Type{c.gen.fresh()}}
		}
		if d, ok := builtinDefs[name]; ok {
			if len(args) != len(d.Params) {
				if len(args) != 0 {
					c.errorf(t, "E0001", "type `%s` takes %d type arguments, found %d", name, len(d.Params), len(args))
				}
				args = fill(args, len(d.Params), &c.gen)
			}
			return &Con{Name: name, Args: args, Def: d}
		}
	} else if len(t.Path) > 1 && mi != nil {
		ns := mi.namespaces[t.Path[0].Name]
		if ns != nil && len(t.Path) == 2 {
			te = ns.types[t.Path[1].Name]
			if te != nil && !te.pub {
				c.errorf(t, "E0035", "`%s` is private in module `%s`; add `pub` to make it accessible", t.Path[1].Name, ns.m.Name)
			}
		}
	}
	if te == nil {
		if alias != "" {
			c.errorf(t, "E0045", "type alias `%s` references undefined type `%s`", alias, name)
			return c.gen.fresh()
		}
		// Unknown simple names are opaque nominal types (language.md §5.2).
		return &Con{Name: name, Args: args}
	}
	if te.alias != nil {
		at := c.aliasType(te, t)
		if ps := te.alias.params; len(ps) > 0 {
			// generic alias: substitute the arguments (fresh when omitted)
			args = fill(args, len(ps), &c.gen)
			sub := map[*Var]Type{}
			for i, p := range ps {
				sub[p] = args[i]
			}
			return subst(at, sub)
		}
		return at
	}
	def := te.def
	if len(args) != len(def.Params) {
		if len(args) != 0 {
			c.errorf(t, "E0001", "type `%s` takes %d type arguments, found %d", name, len(def.Params), len(args))
		}
		args = fill(args, len(def.Params), &c.gen)
	}
	return &Con{Name: def.Name, Args: args, Def: def}
}

func fill(args []Type, n int, g *typeGen) []Type {
	if len(args) > n {
		return args[:n]
	}
	for len(args) < n {
		args = append(args, g.fresh())
	}
	return args
}

// instDef returns Def<fresh...> and the substitution of its parameters.
func (c *checker) instDef(def *TypeDef) (*Con, map[*Var]Type) {
	sub := map[*Var]Type{}
	args := make([]Type, len(def.Params))
	for i, p := range def.Params {
		v := c.gen.fresh()
		sub[p] = v
		args[i] = v
	}
	return &Con{Name: def.Name, Args: args, Def: def}, sub
}

// defSubst maps the parameters of con.Def to con.Args.
func defSubst(con *Con) map[*Var]Type {
	sub := map[*Var]Type{}
	if con.Def == nil {
		return sub
	}
	for i, p := range con.Def.Params {
		if i < len(con.Args) {
			sub[p] = con.Args[i]
		}
	}
	return sub
}

// collectFuncs groups top-level function clauses and registers actors,
// services and supervisors.
func (c *checker) collectFuncs(mi *modInfo) {
	var last *Function
	lastIdx := -1
	defined := map[string]bool{} // name/arity of finished groups
	for idx, it := range mi.file.Items {
		switch d := it.(type) {
		case *syntax.FnDecl:
			if d.Name == nil {
				continue
			}
			arity := len(d.Params)
			key := d.Name.Name + "/" + itoa(arity)
			if last != nil && lastIdx == idx-1 && last.Name == d.Name.Name {
				if last.Arity == arity {
					c.addClause(last, d)
					lastIdx = idx
					continue
				}
				if !last.Pub && !d.Pub && (last.Clauses[0].ExprBody || d.ExprBody) {
					c.errorf(d.Name, "E0024", "all clauses of `%s` must have the same number of parameters; expected %d, found %d", d.Name.Name, last.Arity, arity)
					lastIdx = idx
					continue
				}
			}
			if defined[key] {
				c.errorf(d.Name, "E0023", "function `%s` already defined; multi-clause functions must have consecutive clauses", key)
				lastIdx = idx
				continue
			}
			if last != nil {
				defined[last.Name+"/"+itoa(last.Arity)] = true
			}
			f := &Function{Name: d.Name.Name, QualName: mi.m.Name + "." + d.Name.Name, Module: mi.m, Kind: FuncPlain,
				Pub: d.Pub, Arity: arity, Clauses: []*syntax.FnDecl{d}, Exhaustive: true}
			if len(mi.funcs[f.Name]) > 0 {
				f.QualName += "/" + itoa(arity)
				for _, g := range mi.funcs[f.Name] {
					if !strings.Contains(g.QualName, "/") {
						g.QualName += "/" + itoa(g.Arity)
					}
				}
			}
			mi.funcs[f.Name] = append(mi.funcs[f.Name], f)
			mi.m.Funcs = append(mi.m.Funcs, f)
			mi.fnDecls = append(mi.fnDecls, &fnGroup{f: f})
			last, lastIdx = f, idx
		case *syntax.ActorDecl:
			if d.Name == nil {
				continue
			}
			f := &Function{Name: d.Name.Name, QualName: mi.m.Name + "." + d.Name.Name, Module: mi.m, Kind: FuncActor,
				Pub: true, Arity: len(d.Params), Actor: d, Exhaustive: true}
			if len(mi.funcs[f.Name]) > 0 {
				c.errorf(d.Name, "E0023", "`%s` is already defined", f.Name)
				continue
			}
			mi.funcs[f.Name] = append(mi.funcs[f.Name], f)
			mi.m.Funcs = append(mi.m.Funcs, f)
			mi.fnDecls = append(mi.fnDecls, &fnGroup{f: f})
		case *syntax.ServiceDecl:
			c.collectService(mi, d)
		case *syntax.SupervisorDecl:
			c.collectSupervisor(mi, d)
		}
	}
	for _, g := range mi.fnDecls {
		c.declareSig(mi, g.f)
	}
}

func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	neg := n < 0
	if neg {
		n = -n
	}
	var b []byte
	for n > 0 {
		b = append([]byte{byte('0' + n%10)}, b...)
		n /= 10
	}
	if neg {
		b = append([]byte{'-'}, b...)
	}
	return string(b)
}

func (c *checker) addClause(f *Function, d *syntax.FnDecl) {
	f.Clauses = append(f.Clauses, d)
	var what []string
	if d.Pub != f.Clauses[0].Pub && d.Pub {
		what = append(what, "visibility")
	}
	if len(d.TypeParams) > 0 {
		what = append(what, "generic parameters")
	}
	if d.Result != nil {
		what = append(what, "return type annotation")
	}
	if len(d.Where) > 0 {
		what = append(what, "where clause")
	}
	if len(what) > 0 {
		c.warnf(d.Name, "W0002", "%s on non-first clause of `%s` will be ignored", strings.Join(what, ", "), f.Name)
	}
}

// declareSig gives a function its pre-declared type: annotations where
// written, fresh variables elsewhere (level 2: generalised after its body).
func (c *checker) declareSig(mi *modInfo, f *Function) {
	old := c.gen.level
	c.gen.level = 2
	defer func() { c.gen.level = old }()
	tv := map[string]Type{}
	var params []Type
	var ret Type
	complete := true
	if f.Kind == FuncActor {
		d := f.Actor
		for _, p := range d.Params {
			if p.Name != nil && p.Type != nil {
				params = append(params, c.typeExpr(p.Type, tv, mi))
			} else {
				params = append(params, c.gen.fresh())
				complete = false
			}
		}
		f.MsgType = c.gen.fresh()
		ret = &Con{Name: NPid, Args: []Type{f.MsgType}}
		complete = false
	} else {
		d := f.Clauses[0]
		for _, tp := range d.TypeParams {
			tv[tp.Name] = c.gen.freshNamed(tp.Name)
		}
		for i := range d.Params {
			var pt Type
			for _, cl := range f.Clauses {
				if i < len(cl.Params) && cl.Params[i].Name != nil && cl.Params[i].Type != nil {
					pt = c.typeExpr(cl.Params[i].Type, tv, mi)
					break
				}
			}
			if pt == nil {
				pt = c.gen.fresh()
				complete = false
			}
			params = append(params, pt)
		}
		if d.Result != nil {
			ret = c.typeExpr(d.Result, tv, mi)
		} else {
			ret = c.gen.fresh()
			complete = false
		}
		f.tvars = tv
		for _, b := range d.Where {
			if b.Param == nil || b.Trait == nil {
				continue
			}
			v, ok := tv[b.Param.Name]
			if !ok {
				c.errorf(b.Param, "E0004", "unknown type parameter `%s` in where clause", b.Param.Name)
				continue
			}
			tr := b.Trait.Name()
			if c.traits[tr] == nil && !c.knownTrait(tr) {
				c.errorf(b.Trait, "E0006", "unknown trait `%s`", tr)
			}
			f.where = append(f.where, Constraint{Type: v, Trait: tr})
		}
	}
	f.Type = &Func{Params: params, Ret: ret}
	if complete {
		f.Scheme = generalize(f.Type, 1, f.where)
		f.early = true
		// declared generics are rigid while the body is checked
		for _, v := range tv {
			if tvv, ok := v.(*Var); ok {
				tvv.rigid = true
			}
		}
	}
}

// ownVariant finds a variant already declared by a sum type of mi.
func (c *checker) ownVariant(mi *modInfo, name string) *Variant {
	for _, def := range mi.m.TypeDefs {
		if !def.IsStruct {
			if v := def.Variant(name); v != nil {
				return v
			}
		}
	}
	return nil
}
