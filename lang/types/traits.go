package types

import (
	"sort"
	"strings"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// builtinSig is the type of a compiler-known trait method, with S = Self.
var knownTraitMethods = map[string][]string{ // trait -> methods
	"Add": {"add"}, "Sub": {"sub"}, "Mul": {"mul"}, "Div": {"div"}, "Mod": {"mod"}, "Neg": {"neg"},
	"Eq": {"eq"}, "Ord": {"lt", "compare"}, "Not": {"not"}, "Display": {"to_string"}, "Debug": {"inspect"},
	"Hash": {"hash"}, "Default": {"default"}, "From": {"from"}, "TryFrom": {"try_from"}, "Into": {"into"},
	"TryInto": {"try_into"}, "Iterable": {"iter"}, "Iterator": {"next"},
	"ToJson": {}, "FromJson": {}, "FromRow": {}, "Schema": {}, "Json": {}, "Row": {}, "Num": {},
}

// knownMethodSig builds the type of a compiler-known trait method for self
// type s.
func (c *checker) knownMethodSig(trait, m string, s Type, im *Impl) *Func {
	out := func() Type {
		if im != nil {
			if t, ok := im.Assoc["Output"]; ok {
				return t
			}
		}
		return s
	}
	arg := func() Type {
		if im != nil && len(im.TraitArgs) > 0 {
			return im.TraitArgs[0]
		}
		return c.gen.fresh()
	}
	switch m {
	case "add", "sub", "mul", "div", "mod":
		return fnType(out(), s, s)
	case "neg":
		return fnType(out(), s)
	case "eq", "lt":
		return fnType(tBool, s, s)
	case "compare":
		return fnType(&Con{Name: "Ordering", Def: OrderingDef}, s, s)
	case "not":
		return fnType(tBool, s)
	case "to_string", "inspect":
		return fnType(tString, s)
	case "hash":
		return fnType(tInt, s)
	case "default":
		return fnType(s)
	case "from":
		return fnType(s, arg())
	case "try_from":
		return fnType(&Con{Name: "Result", Args: []Type{s, c.gen.fresh()}, Def: ResultDef}, arg())
	case "into":
		return fnType(c.gen.fresh(), s)
	case "try_into":
		return fnType(&Con{Name: "Result", Args: []Type{c.gen.fresh(), c.gen.fresh()}, Def: ResultDef}, s)
	case "iter":
		item := Type(c.gen.fresh())
		if im != nil {
			if t, ok := im.Assoc["Item"]; ok {
				item = t
			}
		} else if el := builtinIterElem(s); el != nil {
			item = el
		}
		return fnType(&Con{Name: NIter, Args: []Type{item}}, s)
	case "next":
		return fnType(&Con{Name: "Option", Args: []Type{c.gen.fresh()}, Def: OptionDef}, s)
	}
	return fnType(c.gen.fresh(), s)
}

// builtin impls of compiler-known traits for built-in types (§6.2).
var builtinImpls = map[string][]string{
	"Add": {NInt, NFloat}, "Sub": {NInt, NFloat}, "Mul": {NInt, NFloat}, "Div": {NInt, NFloat}, "Mod": {NInt, NFloat},
	"Neg": {NInt, NFloat}, "Num": {NInt, NFloat},
	// structural equality is a harmless extension (§7.5)
	"Eq":       {NInt, NFloat, NString, NBool, NAtom, NList, NMap, NSet, NUnit, "Tuple", NJson, NPid, "Range", "DateTime"},
	"Ord":      {NInt, NFloat, NString, NList, NBool, NAtom, "Tuple", "DateTime"},
	"Not":      {NBool},
	"Display":  {NInt, NFloat, NString, NBool, NAtom, NList, NMap, NSet, NJson, NUnit, "Range"},
	"Debug":    {NInt, NFloat, NString, NBool, NAtom, NList, NMap, NSet, NJson},
	"Hash":     {NInt, NFloat, NString, NBool, NAtom},
	"Default":  {NInt, NFloat, NString, NBool},
	"Iterable": {NList, NMap, NSet, NRange},
	"Iterator": {NIter},
}

func (c *checker) knownTrait(name string) bool {
	_, ok := knownTraitMethods[name]
	return ok
}

func (c *checker) initTraits() {
	names := make([]string, 0, len(knownTraitMethods))
	for n := range knownTraitMethods {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		tr := &Trait{Name: n}
		for _, m := range knownTraitMethods[n] {
			hasSelf := m != "default" && m != "from" && m != "try_from"
			ar := 1
			switch m {
			case "add", "sub", "mul", "div", "mod", "eq", "lt", "compare":
				ar = 2
			case "default":
				ar = 0
			}
			tr.Methods = append(tr.Methods, &TraitMethod{Name: m, HasSelf: hasSelf, Arity: ar})
		}
		switch n {
		case "Add", "Sub", "Mul", "Div", "Mod", "Neg":
			tr.Assoc = []string{"Output"}
		case "Iterable":
			tr.Assoc = []string{"Item", "Iter"}
		case "Iterator":
			tr.Assoc = []string{"Item"}
		}
		c.traits[n] = tr
		if n != "Num" && n != "Json" && n != "Row" {
			c.prog.Traits = append(c.prog.Traits, tr)
		}
	}
}

// typeKey identifies the implementing type of an impl.
func typeKey(t Type) string {
	switch t := Prune(t).(type) {
	case *Con:
		if t.Def != nil {
			return t.Def.QualName()
		}
		return t.Name
	case *Tuple:
		return "Tuple"
	case *Func:
		return "Fun"
	}
	return ""
}

func (c *checker) addImpl(im *Impl, at syntax.Node) {
	key := im.TypeName
	if im.Type != nil {
		key = im.Type.QualName()
	}
	m := c.impls[im.Trait]
	if m == nil {
		m = map[string]*Impl{}
		c.impls[im.Trait] = m
	}
	k := key
	if len(im.TraitArgs) > 0 {
		k += "<" + typeKey(im.TraitArgs[0]) + ">"
	}
	if prev := m[k]; prev != nil && prev.implicit && !im.Derived {
		// an explicit impl replaces the default derive
		c.removeImpl(prev)
	} else if prev != nil {
		if at != nil {
			where := ""
			if prev.Derived {
				where = "derived"
			} else if prev.Module != nil {
				where = "in module " + prev.Module.Name
			}
			c.errorf(at, "E0026", "duplicate impl: `%s` is already implemented for `%s` (%s)", im.Trait, im.TypeName, where)
		}
		return
	}
	m[k] = im
	if im.Module != nil {
		for _, mi := range c.order {
			if mi.m == im.Module {
				mi.m.Impls = append(mi.m.Impls, im)
			}
		}
	}
	c.prog.Impls = append(c.prog.Impls, im)
}

// findImpls returns the impls of trait for type t (several only for
// From/TryFrom with different arguments).
func (c *checker) findImpls(trait string, t Type) []*Impl {
	key := typeKey(t)
	if key == "" {
		return nil
	}
	var out []*Impl
	for k, im := range c.impls[trait] {
		if k == key || strings.HasPrefix(k, key+"<") {
			out = append(out, im)
		}
	}
	sort.Slice(out, func(i, j int) bool { return implKey(out[i]) < implKey(out[j]) })
	return out
}

func implKey(im *Impl) string {
	k := im.TypeName
	if len(im.TraitArgs) > 0 {
		k += "<" + typeKey(im.TraitArgs[0]) + ">"
	}
	return k
}

// satisfies reports whether t implements trait: yes, no, or unknown (t is
// still a variable).
func (c *checker) satisfies(t Type, trait string) (ok, known bool) {
	t = Prune(t)
	switch tt := t.(type) {
	case *Var:
		return false, false
	case *Con:
		if tt.Name == NNever && tt.Def == nil {
			return true, true
		}
		if len(c.findImpls(trait, t)) > 0 {
			return true, true
		}
		if tt.Def != nil {
			if tt.Def.Derived(trait) {
				return true, true
			}
			// Option/Result/Ordering and user types: structural Eq/Ord come
			// from their derives; Display falls back to Debug for printing.
			return false, true
		}
		for _, n := range builtinImpls[trait] {
			if n == tt.Name {
				return true, true
			}
		}
		return false, true
	case *Tuple:
		for _, n := range builtinImpls[trait] {
			if n == "Tuple" {
				return true, true
			}
		}
		return false, true
	}
	return false, true
}

// collectTraits registers user interfaces.
func (c *checker) collectTraits(mi *modInfo) {
	for _, it := range mi.file.Items {
		d, ok := it.(*syntax.InterfaceDecl)
		if !ok || d.Name == nil {
			continue
		}
		name := d.Name.Name
		if prev := c.traits[name]; prev != nil {
			c.errorf(d.Name, "E0026", "interface `%s` is already defined", name)
			continue
		}
		tr := &Trait{Name: name, Module: mi.m.Name, Decl: d}
		for _, tp := range d.TypeParams {
			tr.Params = append(tr.Params, c.gen.freshNamed(tp.Name))
		}
		for _, a := range d.Assoc {
			if a.Name != nil {
				tr.Assoc = append(tr.Assoc, a.Name.Name)
			}
		}
		for _, m := range d.Methods {
			if m.Name == nil {
				continue
			}
			tm := &TraitMethod{Name: m.Name.Name, Arity: len(m.Params)}
			if len(m.Params) > 0 && m.Params[0].Self {
				tm.HasSelf = true
			}
			if m.Body != nil {
				f := &Function{Name: tm.Name, QualName: mi.m.Name + "." + name + "." + tm.Name, Module: mi.m,
					Kind: FuncMethod, Pub: true, Arity: len(m.Params), Clauses: []*syntax.FnDecl{m}, Exhaustive: true, Trait: tr}
				tm.Default = f
			}
			tr.Methods = append(tr.Methods, tm)
		}
		c.traits[name] = tr
		mi.traits[name] = tr
		c.prog.Traits = append(c.prog.Traits, tr)
	}
}

// traitMethodDecl returns the FnDecl of a user trait's method.
func traitMethodDecl(tr *Trait, m string) *syntax.FnDecl {
	if tr.Decl == nil {
		return nil
	}
	for _, d := range tr.Decl.Methods {
		if d.Name != nil && d.Name.Name == m {
			return d
		}
	}
	return nil
}

// userMethodSig types a user trait's method for self type s.
func (c *checker) userMethodSig(tr *Trait, m string, s Type, im *Impl) *Func {
	d := traitMethodDecl(tr, m)
	if d == nil {
		return fnType(c.gen.fresh(), s)
	}
	tv := map[string]Type{"Self": s}
	for i, p := range tr.Params {
		if im != nil && i < len(im.TraitArgs) {
			tv[p.Name] = im.TraitArgs[i]
		} else {
			tv[p.Name] = c.gen.fresh()
		}
	}
	for _, a := range tr.Assoc {
		if im != nil && im.Assoc[a] != nil {
			tv["Self."+a] = im.Assoc[a]
		} else {
			tv["Self."+a] = c.gen.fresh()
		}
	}
	for _, tp := range d.TypeParams {
		tv[tp.Name] = c.gen.fresh()
	}
	var mi *modInfo
	for _, x := range c.order {
		if x.m.Name == tr.Module {
			mi = x
		}
	}
	var ps []Type
	for _, p := range d.Params {
		switch {
		case p.Self:
			ps = append(ps, s)
		case p.Type != nil:
			ps = append(ps, c.typeExpr(p.Type, tv, mi))
		default:
			ps = append(ps, c.gen.fresh())
		}
	}
	var ret Type
	if d.Result != nil {
		ret = c.typeExpr(d.Result, tv, mi)
	} else {
		ret = c.gen.fresh()
	}
	return &Func{Params: ps, Ret: ret}
}

// collectImpls registers impl blocks and declares their methods.
func (c *checker) collectImpls(mi *modInfo) {
	for _, it := range mi.file.Items {
		d, ok := it.(*syntax.ImplDecl)
		if !ok || d.Trait == nil || d.For == nil {
			continue
		}
		trName := d.Trait.String()
		if len(d.Trait.Parts) == 2 {
			if ns := mi.namespaces[d.Trait.Parts[0].Name]; ns != nil {
				trName = d.Trait.Parts[1].Name
			}
		}
		tr := c.traits[trName]
		if tr == nil {
			c.errorf(d.Trait, "E0006", "unknown trait `%s`", trName)
			continue
		}
		// implementing type
		forName := d.For.String()
		nt := &syntax.NamedType{Span: d.For.Span, Path: d.For.Parts}
		selfT := c.namedType(nt, nil, map[string]Type{}, mi, "")
		con, _ := selfT.(*Con)
		im := &Impl{Trait: trName, TypeName: forName, Module: mi.m, Methods: map[string]*Function{}, Assoc: map[string]Type{}, Decl: d}
		if con != nil {
			im.Type = con.Def
			if con.Def != nil {
				im.TypeName = con.Def.Name
				if con.Def.Builtin {
					im.Type = con.Def
				}
			}
			// generic implementing type: Self = Def<fresh…>
			if con.Def != nil && len(con.Def.Params) > 0 {
				old := c.gen.level
				c.gen.level = 2
				selfT, _ = c.instDef(con.Def)
				c.gen.level = old
			}
		}
		tv := map[string]Type{"Self": selfT}
		for _, ta := range d.TraitArgs {
			im.TraitArgs = append(im.TraitArgs, c.typeExpr(ta, tv, mi))
		}
		declared := map[string]bool{}
		for _, a := range tr.Assoc {
			declared[a] = true
		}
		for _, a := range d.Assoc {
			if a.Name == nil {
				continue
			}
			if !declared[a.Name.Name] {
				c.errorf(a.Name, "E0041", "impl `%s` for `%s` provides associated type `%s` which is not declared by the trait", trName, forName, a.Name.Name)
				continue
			}
			at := c.typeExpr(a.Type, tv, mi)
			im.Assoc[a.Name.Name] = at
			tv["Self."+a.Name.Name] = at
		}
		for _, a := range tr.Assoc {
			if _, ok := im.Assoc[a]; !ok {
				if tr.Module == "" && a == "Output" {
					im.Assoc[a] = selfT
					continue
				}
				if tr.Module == "" && (a == "Iter" || a == "Item") {
					continue
				}
				c.errorf(d.For, "E0040", "impl `%s` for `%s` is missing associated type `%s`", trName, forName, a)
			}
		}
		for _, b := range d.Where {
			if b.Param != nil {
				if _, ok := tv[b.Param.Name]; !ok {
					tv[b.Param.Name] = c.gen.freshNamed(b.Param.Name)
				}
			}
		}
		im.selfT = selfT
		// methods
		for _, md := range d.Methods {
			if md.Name == nil {
				continue
			}
			var tm *TraitMethod
			for _, x := range tr.Methods {
				if x.Name == md.Name.Name {
					tm = x
				}
			}
			if tm == nil {
				c.errorf(md.Name, "E0008", "method `%s` is not a member of trait `%s`", md.Name.Name, trName)
				continue
			}
			if im.Methods[md.Name.Name] != nil {
				c.errorf(md.Name, "E0023", "method `%s` is defined twice in impl `%s` for `%s`", md.Name.Name, trName, forName)
				continue
			}
			f := &Function{Name: md.Name.Name, QualName: mi.m.Name + "." + im.TypeName + "." + trName + "." + md.Name.Name,
				Module: mi.m, Kind: FuncMethod, Pub: true, Arity: len(md.Params), Clauses: []*syntax.FnDecl{md},
				Exhaustive: true, Impl: im, Trait: tr}
			if tr.Module == "" && tm.Arity != len(md.Params) && !(tm.Name == "from" || tm.Name == "try_from") {
				c.errorf(md.Name, "E0008", "method `%s` in impl `%s` has wrong signature: expected %d parameters, found %d", tm.Name, trName, tm.Arity, len(md.Params))
			}
			c.declareMethodSig(mi, f, tv)
			// compare with the trait's declaration
			if tr.Module != "" {
				want := c.userMethodSig(tr, tm.Name, selfT, im)
				if len(want.Params) != len(f.Type.Params) || unify(want, f.Type) != nil {
					c.errorf(md.Name, "E0008", "method `%s` in impl `%s` has wrong signature: expected `%s`, found `%s`", tm.Name, trName, c.ts(want), c.ts(f.Type))
				}
			} else if tr.Module == "" {
				want := c.knownMethodSig(trName, tm.Name, selfT, im)
				if len(want.Params) == len(f.Type.Params) {
					if unify(want, f.Type) != nil {
						c.errorf(md.Name, "E0008", "method `%s` in impl `%s` has wrong signature: expected `%s`, found `%s`", tm.Name, trName, c.ts(want), c.ts(f.Type))
					}
				}
			}
			im.Methods[md.Name.Name] = f
		}
		for _, tm := range tr.Methods {
			if im.Methods[tm.Name] == nil {
				if tm.Default != nil {
					im.Methods[tm.Name] = tm.Default
					continue
				}
				if tr.Module == "" && trName == "Ord" && tm.Name == "compare" && im.Methods["lt"] != nil {
					continue
				}
				if tr.Module == "" && trName == "Ord" && tm.Name == "lt" && im.Methods["compare"] != nil {
					continue
				}
				c.errorf(d.For, "E0007", "impl `%s` for `%s` is missing method `%s`", trName, forName, tm.Name)
			}
		}
		c.addImpl(im, d.For)
	}
}

// declareMethodSig types an impl method from its annotations (self =
// the implementing type).
func (c *checker) declareMethodSig(mi *modInfo, f *Function, tv map[string]Type) {
	old := c.gen.level
	c.gen.level = 2
	defer func() { c.gen.level = old }()
	d := f.Clauses[0]
	ftv := map[string]Type{}
	for k, v := range tv {
		ftv[k] = v
	}
	for _, tp := range d.TypeParams {
		ftv[tp.Name] = c.gen.freshNamed(tp.Name)
	}
	var ps []Type
	for _, p := range d.Params {
		switch {
		case p.Self:
			ps = append(ps, tv["Self"])
		case p.Name != nil && p.Type != nil:
			ps = append(ps, c.typeExpr(p.Type, ftv, mi))
		default:
			ps = append(ps, c.gen.fresh())
		}
	}
	var ret Type
	if d.Result != nil {
		ret = c.typeExpr(d.Result, ftv, mi)
	} else {
		ret = c.gen.fresh()
	}
	f.tvars = ftv
	f.Type = &Func{Params: ps, Ret: ret}
}

// builtinIterElem is the element type of iterating a built-in collection
// (List<T> → T, Map<K, V> → (K, V), Set<T> → T, Range → Int, Iter<T> → T).
func builtinIterElem(t Type) Type {
	c, ok := Prune(t).(*Con)
	if !ok || c.Def != nil {
		return nil
	}
	switch c.Name {
	case NList, NSet, NIter:
		if len(c.Args) == 1 {
			return c.Args[0]
		}
	case NMap:
		if len(c.Args) == 2 {
			return &Tuple{Elems: []Type{c.Args[0], c.Args[1]}}
		}
	case NRange:
		return tInt
	}
	return nil
}

// removeImpl drops a default-derived impl replaced by a user impl.
func (c *checker) removeImpl(im *Impl) {
	drop := func(list []*Impl) []*Impl {
		out := list[:0]
		for _, x := range list {
			if x != im {
				out = append(out, x)
			}
		}
		return out
	}
	c.prog.Impls = drop(c.prog.Impls)
	if im.Module != nil {
		im.Module.Impls = drop(im.Module.Impls)
	}
	if im.Type != nil {
		var ds []string
		for _, d := range im.Type.Derives {
			if d != im.Trait {
				ds = append(ds, d)
			}
		}
		im.Type.Derives = ds
	}
}
