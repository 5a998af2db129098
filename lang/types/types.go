package types

import (
	"fmt"
	"strings"
)

// Type is a Mesh type. After Check returns, every Type reachable from a
// Program is zonked: no *Var in it has a non-nil Link. A remaining *Var is a
// generic (or never-constrained) type: the compiler treats it as "any value"
// and dispatches at run time.
type Type interface {
	String() string
	isType()
}

// Con is a named type applied to arguments: Int, String, List<T>,
// Map<K, V>, Option<T>, a user struct or sum type. Unit is Con{Name: "()"}.
type Con struct {
	Name string   // display name: "Int", "List", "Point" (user types unqualified; see Def.Module)
	Args []Type   // type arguments, in declaration order
	Def  *TypeDef // non-nil for structs and sum types (user or built-in: Option, Result, Ordering, BootstrapStatus, HttpResponse)
}

// Tuple is (A, B, ...) with two or more elements.
type Tuple struct {
	Elems []Type
}

// Func is Fun(A, B) -> R.
type Func struct {
	Params []Type
	Ret    Type
}

// Var is a type variable (union-find node). Link is set when the variable has
// been unified with another type; Level drives let-generalisation.
type Var struct {
	ID    int
	Level int
	Link  Type
	Name  string // source name for declared generics (T), else ""

	rigid bool // a declared generic inside its own (fully annotated) function
}

func (*Con) isType()   {}
func (*Tuple) isType() {}
func (*Func) isType()  {}
func (*Var) isType()   {}

// Built-in type names (Con.Name).
const (
	NInt    = "Int"
	NFloat  = "Float"
	NBool   = "Bool"
	NString = "String"
	NUnit   = "()"
	NAtom   = "Atom"
	NNever  = "Never"
	NList   = "List"
	NMap    = "Map"
	NSet    = "Set"
	NIter   = "Iter"
	NPid    = "Pid"
	NJson   = "Json"
	NTuple  = "Tuple" // untyped tuple of Tuple.* (unifies with any tuple)
	NRange  = "Range"
	NQueue  = "Queue"
	NRegex  = "Regex"
)

var (
	tInt    = &Con{Name: NInt}
	tFloat  = &Con{Name: NFloat}
	tBool   = &Con{Name: NBool}
	tString = &Con{Name: NString}
	tUnit   = &Con{Name: NUnit}
	tAtom   = &Con{Name: NAtom}
	tNever  = &Con{Name: NNever}
	tJson   = &Con{Name: NJson}
)

// Prune follows Var links to the representative type.
func Prune(t Type) Type {
	for {
		v, ok := t.(*Var)
		if !ok || v.Link == nil {
			return t
		}
		// path compression
		if v2, ok := v.Link.(*Var); ok && v2.Link != nil {
			v.Link = v2.Link
		}
		t = v.Link
	}
}

// Zonk returns t with every bound variable replaced by its binding.
func Zonk(t Type) Type {
	t = Prune(t)
	switch t := t.(type) {
	case *Con:
		if len(t.Args) == 0 {
			return t
		}
		args := make([]Type, len(t.Args))
		for i, a := range t.Args {
			args[i] = Zonk(a)
		}
		return &Con{Name: t.Name, Args: args, Def: t.Def}
	case *Tuple:
		el := make([]Type, len(t.Elems))
		for i, a := range t.Elems {
			el[i] = Zonk(a)
		}
		return &Tuple{Elems: el}
	case *Func:
		ps := make([]Type, len(t.Params))
		for i, a := range t.Params {
			ps[i] = Zonk(a)
		}
		return &Func{Params: ps, Ret: Zonk(t.Ret)}
	}
	return t
}

// IsCon reports whether t (pruned) is the named constructor type.
func IsCon(t Type, name string) bool {
	c, ok := Prune(t).(*Con)
	return ok && c.Name == name && (c.Def == nil || c.Def.Builtin)
}

// ConName returns the constructor name of t or "".
func ConName(t Type) string {
	if c, ok := Prune(t).(*Con); ok {
		return c.Name
	}
	return ""
}

func (t *Con) String() string { return typeString(t, "") }
func (t *Tuple) String() string {
	return typeString(t, "")
}
func (t *Func) String() string { return typeString(t, "") }
func (t *Var) String() string  { return typeString(t, "") }

// TypeString prints t; user types defined in a module other than from are
// printed module-qualified (Geometry.Point).
func TypeString(t Type, from string) string { return typeString(t, from) }

func typeString(t Type, from string) string {
	var b strings.Builder
	writeType(&b, t, from)
	return b.String()
}

func writeType(b *strings.Builder, t Type, from string) {
	t = Prune(t)
	switch t := t.(type) {
	case *Con:
		if t.Def != nil && !t.Def.Builtin && from != "" && t.Def.Module != from {
			b.WriteString(t.Def.Module)
			b.WriteByte('.')
		}
		b.WriteString(t.Name)
		if len(t.Args) > 0 {
			b.WriteByte('<')
			for i, a := range t.Args {
				if i > 0 {
					b.WriteString(", ")
				}
				writeType(b, a, from)
			}
			b.WriteByte('>')
		}
	case *Tuple:
		b.WriteByte('(')
		for i, a := range t.Elems {
			if i > 0 {
				b.WriteString(", ")
			}
			writeType(b, a, from)
		}
		b.WriteByte(')')
	case *Func:
		b.WriteString("Fun(")
		for i, a := range t.Params {
			if i > 0 {
				b.WriteString(", ")
			}
			writeType(b, a, from)
		}
		b.WriteString(") -> ")
		writeType(b, t.Ret, from)
	case *Var:
		if t.Name != "" {
			b.WriteString(t.Name)
		} else {
			fmt.Fprintf(b, "?%d", t.ID)
		}
	case nil:
		b.WriteString("<nil>")
	}
}

// TypeDef describes a struct or sum type (user-defined or built-in).
type TypeDef struct {
	Name     string   // "Point"
	Module   string   // defining module ("Geometry"); "" for built-ins
	Params   []*Var   // generic parameters, in order
	IsStruct bool     // struct (Fields) or sum type (Variants)
	Fields   []*Field // struct fields in declaration order (index = runtime slot)
	Variants []*Variant
	Pub      bool
	Builtin  bool     // Option, Result, Ordering, BootstrapStatus, HttpResponse
	Derives  []string // traits derived (explicit or defaulted), e.g. ["Debug","Eq","Ord","Hash"]
	// Schema options of a struct (table "x", primary_key :f, timestamps, relationships).
	Table      string
	PrimaryKey string
	Timestamps bool
	Relations  []Relation
	Node       any // declaring AST node (nil for built-ins)
}

// QualName is "Module.Name" (just Name for built-ins).
func (d *TypeDef) QualName() string {
	if d.Module == "" {
		return d.Name
	}
	return d.Module + "." + d.Name
}

// Derived reports whether trait tr is derived for d.
func (d *TypeDef) Derived(tr string) bool {
	for _, x := range d.Derives {
		if x == tr {
			return true
		}
	}
	return false
}

// Relation is a struct's belongs_to/has_many/has_one clause.
type Relation struct {
	Kind, Name, Target string
}

// Field is one struct field.
type Field struct {
	Name  string
	Type  Type // may mention Def.Params
	Index int
}

// Variant is one constructor of a sum type.
type Variant struct {
	Name   string
	Tag    int      // declaration index: the runtime tag
	Fields []Type   // payload types (may mention Def.Params)
	Names  []string // payload field names ("" for positional)
	Def    *TypeDef
}

// Arity is the number of payload values.
func (v *Variant) Arity() int { return len(v.Fields) }

// FieldIndex returns the index of the named field or -1.
func (d *TypeDef) FieldIndex(name string) int {
	for i, f := range d.Fields {
		if f.Name == name {
			return i
		}
	}
	return -1
}

// Variant returns the named variant or nil.
func (d *TypeDef) Variant(name string) *Variant {
	for _, v := range d.Variants {
		if v.Name == name {
			return v
		}
	}
	return nil
}

// Scheme is a possibly polymorphic type: forall Vars. Constraints => Type.
type Scheme struct {
	Vars        []*Var
	Constraints []Constraint
	Type        Type
}

// Constraint says Type must implement Trait (e.g. from `where T: Display`
// or from `a + b` in a generic function).
type Constraint struct {
	Type  Type
	Trait string
}

func (s *Scheme) String() string {
	if s == nil {
		return "<nil>"
	}
	return s.Type.String()
}

// helpers for building types
func listOf(t Type) *Con   { return &Con{Name: NList, Args: []Type{t}} }
func mapOf(k, v Type) *Con { return &Con{Name: NMap, Args: []Type{k, v}} }
func fnType(ret Type, ps ...Type) *Func {
	return &Func{Params: ps, Ret: ret}
}
