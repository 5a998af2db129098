package types

import (
	"fmt"
	"strings"
	"unicode"
)

// Native is one standard-library member (a Go-implemented function of the VM,
// or a constant such as Math.pi).
type Native struct {
	Name     string  // qualified name, e.g. "String.length", "println"
	Scheme   *Scheme // its (possibly generic) type
	Arity    int     // number of parameters; -1 for a constant
	Variadic bool    // extra arguments of any type are accepted (Node.spawn)
}

// Built-in struct and sum types (language.md §5.11, §12.15,
// cluster-reference.md §2).
var (
	OptionDef   *TypeDef // Option<T>: Some(T) tag 0, None tag 1
	ResultDef   *TypeDef // Result<T, E>: Ok(T) tag 0, Err(E) tag 1
	OrderingDef *TypeDef // Less 0, Equal 1, Greater 2
	// BootstrapStatus { mode, node_name, cluster_port, discovery_seed }
	BootstrapStatusDef *TypeDef
	// HttpResponse { status, body, headers }
	HttpResponseDef *TypeDef
)

// opaqueTypes are built-in nominal types with no visible structure.
var opaqueTypes = map[string]int{ // name -> number of type args
	NInt: 0, NFloat: 0, NBool: 0, NString: 0, NAtom: 0, NNever: 0,
	NList: 1, NMap: 2, NSet: 1, NIter: 1, NPid: 1, NJson: 0, NTuple: 0, NRange: 0, NQueue: 1, NRegex: 0,
	"DateTime": 0, "Request": 0, "Response": 0, "Router": 0, "SqliteConn": 0, "PgConn": 0,
	"PoolHandle": 0, "HttpRequest": 0, "Query": 0, "Expr": 0, "Changeset": 0,
}

// iteratorAliases are accepted in annotations as Iter<_> (language.md §11.6).
var iteratorAliases = map[string]bool{
	"ListIterator": true, "MapIterator": true, "SetIterator": true, "RangeIterator": true, "Ptr": true,
}

// builtinDefs maps names of built-in struct/sum types.
var builtinDefs = map[string]*TypeDef{}

// natives holds the parsed stdlibTable: name -> overloads by arity.
var natives = map[string][]*Native{}

// stdModules is the set of standard-library module names.
var stdModules = map[string]bool{}

func init() {
	g := &typeGen{level: 1}
	T := g.freshNamed("T")
	E := g.freshNamed("E")
	OptionDef = &TypeDef{Name: "Option", Params: []*Var{T}, Builtin: true, Pub: true,
		Derives: []string{"Debug", "Eq", "Ord"}}
	OptionDef.Variants = []*Variant{
		{Name: "Some", Tag: 0, Fields: []Type{T}, Names: []string{""}, Def: OptionDef},
		{Name: "None", Tag: 1, Def: OptionDef},
	}
	T2 := g.freshNamed("T")
	ResultDef = &TypeDef{Name: "Result", Params: []*Var{T2, E}, Builtin: true, Pub: true,
		Derives: []string{"Debug", "Eq", "Ord"}}
	ResultDef.Variants = []*Variant{
		{Name: "Ok", Tag: 0, Fields: []Type{T2}, Names: []string{""}, Def: ResultDef},
		{Name: "Err", Tag: 1, Fields: []Type{E}, Names: []string{""}, Def: ResultDef},
	}
	OrderingDef = &TypeDef{Name: "Ordering", Builtin: true, Pub: true, Derives: []string{"Debug", "Eq", "Ord", "Display"}}
	for i, n := range []string{"Less", "Equal", "Greater"} {
		OrderingDef.Variants = append(OrderingDef.Variants, &Variant{Name: n, Tag: i, Def: OrderingDef})
	}
	BootstrapStatusDef = &TypeDef{Name: "BootstrapStatus", IsStruct: true, Builtin: true, Pub: true,
		Derives: []string{"Debug", "Eq", "Ord", "Hash"}}
	for i, f := range []struct {
		n string
		t Type
	}{{"mode", tString}, {"node_name", tString}, {"cluster_port", tInt}, {"discovery_seed", tString}} {
		BootstrapStatusDef.Fields = append(BootstrapStatusDef.Fields, &Field{Name: f.n, Type: f.t, Index: i})
	}
	HttpResponseDef = &TypeDef{Name: "HttpResponse", IsStruct: true, Builtin: true, Pub: true,
		Derives: []string{"Debug", "Eq", "Ord", "Hash"}}
	for i, f := range []struct {
		n string
		t Type
	}{{"status", tInt}, {"body", tString}, {"headers", mapOf(tString, tString)}} {
		HttpResponseDef.Fields = append(HttpResponseDef.Fields, &Field{Name: f.n, Type: f.t, Index: i})
	}
	for _, d := range []*TypeDef{OptionDef, ResultDef, OrderingDef, BootstrapStatusDef, HttpResponseDef} {
		builtinDefs[d.Name] = d
	}

	for _, line := range strings.Split(stdlibTable, "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		i := strings.IndexAny(line, " \t")
		name, sig := line[:i], strings.TrimSpace(line[i:])
		n, err := parseSig(name, sig)
		if err != nil {
			panic(fmt.Sprintf("stdlib table: %s: %v", name, err))
		}
		natives[name] = append(natives[name], n)
		if j := strings.LastIndexByte(name, '.'); j > 0 {
			stdModules[name[:j]] = true
		}
	}
	for _, m := range []string{"Continuity", "Option", "Result"} {
		stdModules[m] = true
	}
}

// LookupNative returns the stdlib member name with the given arity (arity <
// 0: any; the first overload), or nil.
func LookupNative(name string, arity int) *Native {
	ns := natives[name]
	for _, n := range ns {
		if arity < 0 || n.Arity == arity || (n.Variadic && arity >= n.Arity) {
			return n
		}
	}
	if arity < 0 && len(ns) > 0 {
		return ns[0]
	}
	return nil
}

// IsStdModule reports whether name is a standard-library module.
func IsStdModule(name string) bool { return stdModules[name] }

// sigParser parses the type notation of stdlibTable.
type sigParser struct {
	s    string
	pos  int
	vars map[string]*Var
	g    *typeGen
}

func parseSig(name, sig string) (*Native, error) {
	p := &sigParser{s: sig, vars: map[string]*Var{}, g: &typeGen{level: 1}}
	n := &Native{Name: name, Arity: -1}
	if strings.HasSuffix(sig, "...") {
		n.Variadic = true
		p.s = strings.TrimSpace(strings.TrimSuffix(sig, "..."))
	}
	var t Type
	var err error
	if strings.HasPrefix(p.s, "fn(") {
		p.pos = 2
		var params []Type
		params, err = p.list('(', ')')
		if err != nil {
			return nil, err
		}
		if !p.eat("->") {
			return nil, fmt.Errorf("expected -> at %d", p.pos)
		}
		ret, err := p.typ()
		if err != nil {
			return nil, err
		}
		t = &Func{Params: params, Ret: ret}
		n.Arity = len(params)
	} else {
		t, err = p.typ()
		if err != nil {
			return nil, err
		}
	}
	s := &Scheme{Type: t}
	if p.eat("where") {
		for {
			v := p.ident()
			if !p.eat(":") {
				return nil, fmt.Errorf("expected : in where")
			}
			tr := p.ident()
			s.Constraints = append(s.Constraints, Constraint{Type: p.vars[v], Trait: tr})
			if !p.eat(",") {
				break
			}
		}
	}
	p.skip()
	if p.pos != len(p.s) {
		return nil, fmt.Errorf("trailing text %q", p.s[p.pos:])
	}
	for _, v := range p.vars {
		s.Vars = append(s.Vars, v)
	}
	// deterministic order
	sortVars(s.Vars)
	n.Scheme = s
	return n, nil
}

func sortVars(vs []*Var) {
	for i := 1; i < len(vs); i++ {
		for j := i; j > 0 && vs[j].ID < vs[j-1].ID; j-- {
			vs[j], vs[j-1] = vs[j-1], vs[j]
		}
	}
}

func (p *sigParser) skip() {
	for p.pos < len(p.s) && p.s[p.pos] == ' ' {
		p.pos++
	}
}

func (p *sigParser) eat(tok string) bool {
	p.skip()
	if strings.HasPrefix(p.s[p.pos:], tok) {
		p.pos += len(tok)
		return true
	}
	return false
}

func (p *sigParser) ident() string {
	p.skip()
	st := p.pos
	for p.pos < len(p.s) && (unicode.IsLetter(rune(p.s[p.pos])) || unicode.IsDigit(rune(p.s[p.pos])) || p.s[p.pos] == '_') {
		p.pos++
	}
	return p.s[st:p.pos]
}

func (p *sigParser) list(open, close byte) ([]Type, error) {
	p.skip()
	if p.pos >= len(p.s) || p.s[p.pos] != open {
		return nil, fmt.Errorf("expected %c at %d", open, p.pos)
	}
	p.pos++
	var out []Type
	if p.eat(string(close)) {
		return out, nil
	}
	for {
		t, err := p.typ()
		if err != nil {
			return nil, err
		}
		out = append(out, t)
		if p.eat(",") {
			continue
		}
		if p.eat(string(close)) {
			return out, nil
		}
		return nil, fmt.Errorf("expected , or %c at %d", close, p.pos)
	}
}

func (p *sigParser) typ() (Type, error) {
	p.skip()
	if p.pos < len(p.s) && p.s[p.pos] == '(' {
		el, err := p.list('(', ')')
		if err != nil {
			return nil, err
		}
		switch len(el) {
		case 0:
			return tUnit, nil
		case 1:
			return el[0], nil
		}
		return &Tuple{Elems: el}, nil
	}
	name := p.ident()
	if name == "" {
		return nil, fmt.Errorf("expected type at %d", p.pos)
	}
	if name == "Fun" {
		ps, err := p.list('(', ')')
		if err != nil {
			return nil, err
		}
		if !p.eat("->") {
			return nil, fmt.Errorf("expected -> after Fun")
		}
		r, err := p.typ()
		if err != nil {
			return nil, err
		}
		return &Func{Params: ps, Ret: r}, nil
	}
	if len(name) == 1 && name[0] >= 'A' && name[0] <= 'Z' {
		v, ok := p.vars[name]
		if !ok {
			v = p.g.freshNamed(name)
			p.vars[name] = v
		}
		return v, nil
	}
	var args []Type
	p.skip()
	if p.pos < len(p.s) && p.s[p.pos] == '<' {
		var err error
		args, err = p.list('<', '>')
		if err != nil {
			return nil, err
		}
	}
	if d, ok := builtinDefs[name]; ok {
		if len(args) != len(d.Params) {
			return nil, fmt.Errorf("%s takes %d type args", name, len(d.Params))
		}
		return &Con{Name: name, Args: args, Def: d}, nil
	}
	if _, ok := opaqueTypes[name]; !ok {
		return nil, fmt.Errorf("unknown type %s", name)
	}
	return &Con{Name: name, Args: args}, nil
}
