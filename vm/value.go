package vm

import (
	"math"
	"unsafe"
)

// Kind is the runtime type tag of a Value.
type Kind uint8

// Value kinds.
const (
	KUnit Kind = iota
	KInt
	KFloat
	KBool
	KString
	KAtom
	KTuple
	KList
	KMap
	KSet
	KStruct
	KVariant
	KClosure
	KPid
	KRange
	KHandle
	KIter
)

// Value is a Mesh value: a kind tag, 64 bits of payload and a pointer.
//
//	Int, Bool     n = the bits, p = nil
//	Float         n = IEEE bits
//	String, Atom  p = byte data, n = length
//	Tuple, List   p = first element of an immutable []Value, n = length
//	Struct        p = fields, n = field count<<32 | type id
//	Variant       p = payload (nil when nullary), n = type id<<40 | arity<<32 | tag
//	Map, Set      p = *MapObj
//	Closure       p = *Closure
//	Pid           p = *Process, n = pid number
//	Range         p = *[2]int64
//	Handle        p = *Handle (opaque stdlib objects)
//	Iter          p = *Iter
type Value struct {
	k Kind
	n uint64
	p unsafe.Pointer
}

// Unit is the () value.
var Unit = Value{}

// Int makes an Int.
func Int(i int64) Value { return Value{k: KInt, n: uint64(i)} }

// Float makes a Float.
func Float(f float64) Value { return Value{k: KFloat, n: math.Float64bits(f)} }

// Bool makes a Bool.
func Bool(b bool) Value {
	if b {
		return Value{k: KBool, n: 1}
	}
	return Value{k: KBool}
}

// Str makes a String.
func Str(s string) Value {
	return Value{k: KString, n: uint64(len(s)), p: unsafe.Pointer(unsafe.StringData(s))}
}

// Atom makes an Atom (its name without the colon).
func Atom(s string) Value {
	return Value{k: KAtom, n: uint64(len(s)), p: unsafe.Pointer(unsafe.StringData(s))}
}

func sliceVal(k Kind, items []Value) Value {
	if len(items) == 0 {
		return Value{k: k}
	}
	return Value{k: k, n: uint64(len(items)), p: unsafe.Pointer(unsafe.SliceData(items))}
}

// Tuple makes a tuple; items must not be modified afterwards.
func Tuple(items ...Value) Value { return sliceVal(KTuple, items) }

// List makes a list; items must not be modified afterwards.
func List(items []Value) Value { return sliceVal(KList, items) }

// Kind returns v's kind.
func (v Value) Kind() Kind { return v.k }

// Int returns the Int payload.
func (v Value) Int() int64 { return int64(v.n) }

// Float returns the Float payload.
func (v Value) Float() float64 { return math.Float64frombits(v.n) }

// Bool returns the Bool payload.
func (v Value) Bool() bool { return v.n != 0 }

// Str returns the text of a String or Atom.
func (v Value) Str() string {
	if v.p == nil {
		return ""
	}
	return unsafe.String((*byte)(v.p), int(v.n))
}

// Items returns the elements of a Tuple or List, or the fields of a struct
// value via Fields. The slice must not be modified.
func (v Value) Items() []Value {
	if v.p == nil {
		return nil
	}
	return unsafe.Slice((*Value)(v.p), int(v.n))
}

// Len is the element count of a Tuple or List.
func (v Value) Len() int { return int(v.n) }

// TypeID returns the type id of a Struct or Variant.
func (v Value) TypeID() int {
	if v.k == KVariant {
		return int(v.n >> 40)
	}
	return int(uint32(v.n))
}

// Tag returns the variant tag.
func (v Value) Tag() int { return int(uint32(v.n)) }

// Map returns the map or set object.
func (v Value) Map() *MapObj { return (*MapObj)(v.p) }

// Closure returns the closure object.
func (v Value) Closure() *Closure { return (*Closure)(v.p) }

// Process returns the process of a Pid.
func (v Value) Process() *Process { return (*Process)(v.p) }

// Handle returns the opaque object of a Handle value.
func (v Value) Handle() *Handle { return (*Handle)(v.p) }

// Range returns the bounds of a Range.
func (v Value) Range() (int64, int64) {
	r := (*[2]int64)(v.p)
	return r[0], r[1]
}

// RangeVal makes a Range a..b (end exclusive).
func RangeVal(a, b int64) Value { return Value{k: KRange, p: unsafe.Pointer(&[2]int64{a, b})} }

// Handle is an opaque stdlib object (Regex, DateTime, Json, connections…).
type Handle struct {
	Type string // runtime type name, e.g. "Regex"
	V    any
}

// HandleVal wraps an opaque object.
func HandleVal(h *Handle) Value { return Value{k: KHandle, p: unsafe.Pointer(h)} }

// Closure is a function value with its captured values.
type Closure struct {
	Fn   *Func
	Caps []Value
}

// ClosureVal wraps a closure.
func ClosureVal(c *Closure) Value { return Value{k: KClosure, p: unsafe.Pointer(c)} }

// PidVal makes a Pid for a process.
func PidVal(p *Process) Value { return Value{k: KPid, n: uint64(p.id), p: unsafe.Pointer(p)} }

func structVal(typ int, fields []Value) Value {
	v := Value{k: KStruct, n: uint64(len(fields))<<32 | uint64(typ)}
	if len(fields) > 0 {
		v.p = unsafe.Pointer(unsafe.SliceData(fields))
	}
	return v
}

// Fields returns the fields of a struct or the payload of a variant.
func (v Value) Fields() []Value {
	if v.p == nil {
		return nil
	}
	var n int
	if v.k == KVariant {
		n = int(uint8(v.n >> 32))
	} else {
		n = int(v.n >> 32)
	}
	return unsafe.Slice((*Value)(v.p), n)
}

func variantVal(typ, tag int, payload []Value) Value {
	v := Value{k: KVariant, n: uint64(typ)<<40 | uint64(len(payload))<<32 | uint64(uint32(tag))}
	if len(payload) > 0 {
		v.p = unsafe.Pointer(unsafe.SliceData(payload))
	}
	return v
}

// mapKey is a comparable form of a value used to index maps and sets.
type mapKey struct {
	k Kind
	n uint64
	s string
}

func keyOf(v Value) mapKey {
	switch v.k {
	case KString, KAtom:
		return mapKey{k: v.k, s: v.Str()}
	case KInt, KBool, KUnit:
		return mapKey{k: v.k, n: v.n}
	case KFloat:
		f := v.Float()
		if f == 0 {
			f = 0 // -0 and +0 are the same key
		}
		return mapKey{k: v.k, n: math.Float64bits(f)}
	case KPid:
		return mapKey{k: v.k, n: v.n}
	}
	// Compound keys: their structural text plus kind identify them.
	return mapKey{k: v.k, n: v.n, s: keyText(v)}
}

// NewMap builds a map from parallel keys and values (later duplicates win).
func NewMap(keys, vals []Value) Value {
	m := newMapObj(false)
	for i := range keys {
		m = m.with(keys[i], vals[i])
	}
	return Value{k: KMap, p: unsafe.Pointer(m)}
}

// NewSet builds a set (duplicates dropped, first occurrence order).
func NewSet(items []Value) Value {
	m := newMapObj(true)
	for _, x := range items {
		if !m.Has(x) {
			m = m.with(x, Value{})
		}
	}
	return Value{k: KSet, p: unsafe.Pointer(m)}
}

// MapPut returns map m with k set to v; m is unchanged.
func MapPut(m Value, k, v Value) Value {
	return Value{k: KMap, p: unsafe.Pointer(m.Map().with(k, v))}
}

// MapDelete returns m (a map or set) without k.
func MapDelete(m Value, k Value) Value {
	o := m.Map()
	if !o.Has(k) {
		return m
	}
	return Value{k: m.k, p: unsafe.Pointer(o.without(k))}
}

// SetAdd returns set s with x added.
func SetAdd(s Value, x Value) Value {
	if s.Map().Has(x) {
		return s
	}
	return Value{k: KSet, p: unsafe.Pointer(s.Map().with(x, Value{}))}
}

// EmptyMap is %{}.
func EmptyMap() Value { return NewMap(nil, nil) }

// NoPid is the Pid 0 that lookups return for an unknown name.
var NoPid = Value{k: KPid}
