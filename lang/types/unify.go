package types

// Unification: union-find over *Var with an occurs check and level
// adjustment (for let-generalisation), plus Mesh's deliberate extra
// compatibilities (language.md §5.2): Never unifies with everything, Json
// with String, untyped Pid with any Pid<M>, the untyped Tuple with any tuple.

// unifyError describes why two types did not unify.
type unifyError struct {
	occurs bool // infinite type
	v      *Var // for occurs
	t      Type
}

// typeGen creates fresh type variables.
type typeGen struct {
	next  int
	level int
}

func (g *typeGen) fresh() *Var {
	g.next++
	return &Var{ID: g.next, Level: g.level}
}

func (g *typeGen) freshNamed(name string) *Var {
	v := g.fresh()
	v.Name = name
	return v
}

// unify makes a and b equal or reports why not.
func unify(a, b Type) *unifyError {
	a, b = Prune(a), Prune(b)
	if a == b {
		return nil
	}
	if va, ok := a.(*Var); ok {
		return bindVar(va, b)
	}
	if vb, ok := b.(*Var); ok {
		return bindVar(vb, a)
	}
	switch x := a.(type) {
	case *Con:
		if x.Name == NNever && x.Def == nil {
			return nil
		}
		switch y := b.(type) {
		case *Con:
			if y.Name == NNever && y.Def == nil {
				return nil
			}
			return unifyCon(x, y)
		case *Tuple:
			if x.Name == NTuple && x.Def == nil {
				return nil
			}
			if x.Name == NUnit && len(y.Elems) == 0 {
				return nil
			}
		}
		return &unifyError{}
	case *Tuple:
		switch y := b.(type) {
		case *Con:
			if y.Name == NNever || y.Name == NTuple {
				if y.Def == nil {
					return nil
				}
			}
			return &unifyError{}
		case *Tuple:
			if len(x.Elems) != len(y.Elems) {
				return &unifyError{}
			}
			for i := range x.Elems {
				if e := unify(x.Elems[i], y.Elems[i]); e != nil {
					return e
				}
			}
			return nil
		}
		return &unifyError{}
	case *Func:
		switch y := b.(type) {
		case *Con:
			if y.Name == NNever && y.Def == nil {
				return nil
			}
		case *Func:
			if len(x.Params) != len(y.Params) {
				return &unifyError{}
			}
			for i := range x.Params {
				if e := unify(x.Params[i], y.Params[i]); e != nil {
					return e
				}
			}
			return unify(x.Ret, y.Ret)
		}
		return &unifyError{}
	}
	return &unifyError{}
}

func unifyCon(x, y *Con) *unifyError {
	if x.Def != nil || y.Def != nil {
		if x.Def != y.Def {
			return &unifyError{}
		}
	} else if x.Name != y.Name {
		if (x.Name == NJson && y.Name == NString) || (x.Name == NString && y.Name == NJson) {
			return nil
		}
		if (x.Name == NTuple && y.Name == NUnit) || (x.Name == NUnit && y.Name == NTuple) {
			return nil
		}
		return &unifyError{}
	}
	if len(x.Args) != len(y.Args) {
		// untyped Pid / Set / Iter escape hatches
		if len(x.Args) == 0 || len(y.Args) == 0 {
			switch x.Name {
			case NPid, NSet, NIter, NQueue:
				return nil
			}
		}
		return &unifyError{}
	}
	for i := range x.Args {
		if e := unify(x.Args[i], y.Args[i]); e != nil {
			return e
		}
	}
	return nil
}

func bindVar(v *Var, t Type) *unifyError {
	if tv, ok := t.(*Var); ok {
		if tv == v {
			return nil
		}
		if v.rigid && tv.rigid {
			return &unifyError{}
		}
		if v.rigid {
			v, tv = tv, v
		}
		// keep the lower level on the representative
		if tv.Level > v.Level {
			tv.Level = v.Level
		}
		if v.Name != "" && tv.Name == "" && tv.Level == v.Level && !tv.rigid {
			// prefer keeping declared generic names for messages
			tv.Link = v
			return nil
		}
		v.Link = tv
		return nil
	}
	if c, ok := t.(*Con); ok && c.Name == NNever && c.Def == nil {
		// Never carries no information: leave v open
		return nil
	}
	if v.rigid {
		return &unifyError{}
	}
	if occurs(v, t) {
		return &unifyError{occurs: true, v: v, t: t}
	}
	adjustLevels(t, v.Level)
	v.Link = t
	return nil
}

func occurs(v *Var, t Type) bool {
	t = Prune(t)
	switch t := t.(type) {
	case *Var:
		return t == v
	case *Con:
		for _, a := range t.Args {
			if occurs(v, a) {
				return true
			}
		}
	case *Tuple:
		for _, a := range t.Elems {
			if occurs(v, a) {
				return true
			}
		}
	case *Func:
		for _, a := range t.Params {
			if occurs(v, a) {
				return true
			}
		}
		return occurs(v, t.Ret)
	}
	return false
}

func adjustLevels(t Type, level int) {
	t = Prune(t)
	switch t := t.(type) {
	case *Var:
		if t.Level > level {
			t.Level = level
		}
	case *Con:
		for _, a := range t.Args {
			adjustLevels(a, level)
		}
	case *Tuple:
		for _, a := range t.Elems {
			adjustLevels(a, level)
		}
	case *Func:
		for _, a := range t.Params {
			adjustLevels(a, level)
		}
		adjustLevels(t.Ret, level)
	}
}

// generalize quantifies over the variables of t whose level is deeper than
// level.
func generalize(t Type, level int, cons []Constraint) *Scheme {
	var vars []*Var
	seen := map[*Var]bool{}
	var walk func(Type)
	walk = func(t Type) {
		t = Prune(t)
		switch t := t.(type) {
		case *Var:
			if t.Level > level && !seen[t] {
				seen[t] = true
				vars = append(vars, t)
			}
		case *Con:
			for _, a := range t.Args {
				walk(a)
			}
		case *Tuple:
			for _, a := range t.Elems {
				walk(a)
			}
		case *Func:
			for _, a := range t.Params {
				walk(a)
			}
			walk(t.Ret)
		}
	}
	walk(t)
	var keep []Constraint
	for _, c := range cons {
		if v, ok := Prune(c.Type).(*Var); ok && seen[v] {
			keep = append(keep, c)
		}
	}
	return &Scheme{Vars: vars, Type: t, Constraints: keep}
}

// instantiate replaces the scheme's quantified variables by fresh ones.
func (g *typeGen) instantiate(s *Scheme) (Type, []Constraint) {
	if len(s.Vars) == 0 {
		return s.Type, nil
	}
	sub := make(map[*Var]Type, len(s.Vars))
	for _, v := range s.Vars {
		nv := g.fresh()
		nv.Name = v.Name
		sub[v] = nv
	}
	var cons []Constraint
	for _, c := range s.Constraints {
		cons = append(cons, Constraint{Type: subst(c.Type, sub), Trait: c.Trait})
	}
	return subst(s.Type, sub), cons
}

// subst applies a variable substitution.
func subst(t Type, sub map[*Var]Type) Type {
	t = Prune(t)
	switch t := t.(type) {
	case *Var:
		if r, ok := sub[t]; ok {
			return r
		}
		return t
	case *Con:
		if len(t.Args) == 0 {
			return t
		}
		args := make([]Type, len(t.Args))
		for i, a := range t.Args {
			args[i] = subst(a, sub)
		}
		return &Con{Name: t.Name, Args: args, Def: t.Def}
	case *Tuple:
		el := make([]Type, len(t.Elems))
		for i, a := range t.Elems {
			el[i] = subst(a, sub)
		}
		return &Tuple{Elems: el}
	case *Func:
		ps := make([]Type, len(t.Params))
		for i, a := range t.Params {
			ps[i] = subst(a, sub)
		}
		return &Func{Params: ps, Ret: subst(t.Ret, sub)}
	}
	return t
}
