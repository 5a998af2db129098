// Package bundle holds a compiled Mesh program (Program: functions, constants,
// type descriptors, method tables, declared work) and its versioned binary
// encoding. Appending a bundle to an executable lives in container*.go.
package bundle

import (
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// FormatVersion is the version of the Program encoding; Decode rejects others.
const FormatVersion = 3

// Program is a compiled, loadable Mesh program.
type Program struct {
	Files   []string    // source file display paths, indexed by LineEntry.File
	Consts  []Const     // constant pool shared by all functions
	Funcs   []*Function // all functions, closures and actor bodies
	Types   []*TypeDesc // struct and sum type descriptors (MAKE_STRUCT/MAKE_VARIANT A)
	Natives []string    // native names called by CALL_NATIVE (index = A)
	Methods []Method    // runtime trait dispatch table
	Work    []Work      // declared @cluster work
	Routes  []Work      // HTTP.clustered handlers (RuntimeName, Replicas, handler Func)
	Entry   int         // index of the entry function (Main.main)
}

// ConstKind says which field of a Const holds its value.
type ConstKind uint8

// Constant kinds.
const (
	ConstInt ConstKind = iota
	ConstFloat
	ConstString
	ConstAtom
)

// Const is one entry of the constant pool.
type Const struct {
	Kind ConstKind
	Int  int64
	Flt  float64
	Str  string // String and Atom
}

// Function is one compiled function.
type Function struct {
	Name        string // qualified, e.g. "Main.main", "Main.<closure:12>"
	NumParams   int    // parameters occupy locals 0..NumParams-1
	NumCaptures int    // captured values occupy the next locals (closures)
	NumLocals   int    // total locals, including params and captures
	Code        []op.Instr
	Lines       []LineEntry // sorted by PC; entry applies from PC up to the next entry
}

// LineEntry maps code from PC onwards to a source position.
type LineEntry struct {
	PC   int32
	File int32 // index into Program.Files
	Line int32
	Col  int32
}

// TypeKind distinguishes structs from sum types.
type TypeKind uint8

// Type kinds.
const (
	StructType TypeKind = iota
	SumType
)

// Derive flags of a type (what printing and comparison may use).
const (
	DeriveEq uint32 = 1 << iota
	DeriveOrd
	DeriveDisplay
	DeriveDebug
	DeriveHash
	DeriveJSON
	DeriveRow
	DeriveSchema
)

// TypeDesc describes a struct or sum type at run time.
type TypeDesc struct {
	Name    string // base name as printed ("Point", "Shape", "Option")
	Module  string // defining module ("Geo"); "" for built-ins
	Kind    TypeKind
	Derives uint32
	Fields  []string // struct field names in declaration order
	// FieldTypes describes each struct field's type for decoding (from_json,
	// from_row): "Int", "Float", "String", "Bool", "Option<T>", "List<T>",
	// "Map<T>" (String keys), "#N" (type N of this program), "?" (any).
	FieldTypes []string
	Variants   []Variant // sum type variants in declaration order (tag = index)
}

// Variant is one constructor of a sum type.
type Variant struct {
	Name   string
	Fields []string // one entry per payload value; "" for positional payloads
}

// Method binds a method of a type to a function for runtime dispatch.
type Method struct {
	Type   string // runtime type name: "Int", "String", "List"…, or a TypeDesc's QualName ("Geo.Point")
	Method string // "to_string", "inspect", "eq", "compare", "area", …
	Func   int
}

// Work is one declared @cluster function.
type Work struct {
	RuntimeName string // e.g. "Work.add"
	Replicas    int
	Func        int
}

// Arity returns the payload count of variant tag of type typ (0 if unknown).
func (p *Program) Arity(typ, tag int32) int {
	if typ < 0 || int(typ) >= len(p.Types) {
		return 0
	}
	t := p.Types[typ]
	if tag < 0 || int(tag) >= len(t.Variants) {
		return 0
	}
	return len(t.Variants[tag].Fields)
}

// FindType returns the index of the type named name, or -1.
func (p *Program) FindType(name string) int {
	for i, t := range p.Types {
		if t.Name == name {
			return i
		}
	}
	return -1
}

// Position returns the source position of the instruction at pc of f.
func (p *Program) Position(f *Function, pc int) (file string, line, col int) {
	var best *LineEntry
	for i := range f.Lines {
		if int(f.Lines[i].PC) > pc {
			break
		}
		best = &f.Lines[i]
	}
	if best == nil {
		return "", 0, 0
	}
	if int(best.File) >= 0 && int(best.File) < len(p.Files) {
		file = p.Files[best.File]
	}
	return file, int(best.Line), int(best.Col)
}

// QualName is "Module.Name", or Name for built-in types.
func (t *TypeDesc) QualName() string {
	if t.Module == "" {
		return t.Name
	}
	return t.Module + "." + t.Name
}
