package vm

import (
	"strings"
)

// Equal is structural equality (strings by content); user `eq` impls of
// structs and sum types are honoured.
func (t *Process) Equal(a, b Value) bool {
	if a.k != b.k {
		return false
	}
	switch a.k {
	case KUnit:
		return true
	case KInt, KBool, KPid:
		return a.n == b.n
	case KFloat:
		return a.Float() == b.Float()
	case KString, KAtom:
		return a.Str() == b.Str()
	case KTuple, KList:
		if a.n != b.n {
			return false
		}
		x, y := a.Items(), b.Items()
		for i := range x {
			if !t.Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case KStruct, KVariant:
		if a.TypeID() != b.TypeID() {
			return false
		}
		if f := t.m.method(t.m.types[a.TypeID()].QualName(), "eq"); f != nil {
			return t.Call(f, nil, []Value{a, b}).Bool()
		}
		if a.k == KVariant && a.Tag() != b.Tag() {
			return false
		}
		x, y := a.Fields(), b.Fields()
		if len(x) != len(y) {
			return false
		}
		for i := range x {
			if !t.Equal(x[i], y[i]) {
				return false
			}
		}
		return true
	case KMap, KSet:
		x, y := a.Map(), b.Map()
		if x.Len() != y.Len() {
			return false
		}
		xv := x.Vals()
		for i, k := range x.Keys() {
			w, ok := y.Get(k)
			if !ok {
				return false
			}
			if !x.IsSet() && !t.Equal(xv[i], w) {
				return false
			}
		}
		return true
	case KRange:
		a0, a1 := a.Range()
		b0, b1 := b.Range()
		return a0 == b0 && a1 == b1
	}
	return a.p == b.p && a.n == b.n
}

// Compare orders two values of the same type: -1, 0 or 1. Lists and tuples
// compare lexicographically; sum types by tag, then payloads; structs field
// by field; user `compare`/`lt` impls are honoured.
func (t *Process) Compare(a, b Value) int {
	switch a.k {
	case KInt:
		return cmp3(a.Int() < b.Int(), a.Int() > b.Int())
	case KFloat:
		return cmp3(a.Float() < b.Float(), a.Float() > b.Float())
	case KBool:
		return cmp3(!a.Bool() && b.Bool(), a.Bool() && !b.Bool())
	case KString, KAtom:
		return strings.Compare(a.Str(), b.Str())
	case KTuple, KList:
		x, y := a.Items(), b.Items()
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := t.Compare(x[i], y[i]); c != 0 {
				return c
			}
		}
		return cmp3(len(x) < len(y), len(x) > len(y))
	case KStruct, KVariant:
		name := t.m.types[a.TypeID()].QualName()
		if f := t.m.method(name, "compare"); f != nil {
			r := t.Call(f, nil, []Value{a, b})
			return r.Tag() - 1 // Less 0, Equal 1, Greater 2
		}
		if f := t.m.method(name, "lt"); f != nil {
			if t.Call(f, nil, []Value{a, b}).Bool() {
				return -1
			}
			if t.Call(f, nil, []Value{b, a}).Bool() {
				return 1
			}
			return 0
		}
		if a.k == KVariant && a.Tag() != b.Tag() {
			return cmp3(a.Tag() < b.Tag(), true)
		}
		x, y := a.Fields(), b.Fields()
		for i := 0; i < len(x) && i < len(y); i++ {
			if c := t.Compare(x[i], y[i]); c != 0 {
				return c
			}
		}
		return cmp3(len(x) < len(y), len(x) > len(y))
	}
	return 0
}

func cmp3(less, greater bool) int {
	if less {
		return -1
	}
	if greater {
		return 1
	}
	return 0
}
