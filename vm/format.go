package vm

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/mesh-lang/mesh/lang/bundle"
)

// FormatFloat renders a Float as language.md §8: shortest round-trip digits,
// positional notation, no ".0" on integral values, NaN/inf/-inf.
func FormatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "inf"
	case math.IsInf(f, -1):
		return "-inf"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// Display returns the Display text of v (§8): user to_string impls first,
// then derived Display, then Debug, then the built-in formats.
func (t *Process) Display(v Value) string {
	var b strings.Builder
	t.writeValue(&b, v, false)
	return b.String()
}

// Inspect returns the Debug text of v (strings quoted).
func (t *Process) Inspect(v Value) string {
	var b strings.Builder
	t.writeValue(&b, v, true)
	return b.String()
}

func (t *Process) writeValue(b *strings.Builder, v Value, debug bool) {
	m := t.m
	switch v.k {
	case KUnit:
		b.WriteString("()")
	case KInt:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case KFloat:
		b.WriteString(FormatFloat(v.Float()))
	case KBool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case KString:
		if debug {
			b.WriteByte('"')
			b.WriteString(v.Str())
			b.WriteByte('"')
		} else {
			b.WriteString(v.Str())
		}
	case KAtom:
		b.WriteString(v.Str())
	case KList:
		b.WriteByte('[')
		for i, x := range v.Items() {
			if i > 0 {
				b.WriteString(", ")
			}
			t.writeValue(b, x, false)
		}
		b.WriteByte(']')
	case KTuple:
		b.WriteByte('(')
		for i, x := range v.Items() {
			if i > 0 {
				b.WriteString(", ")
			}
			t.writeValue(b, x, false)
		}
		b.WriteByte(')')
	case KMap:
		b.WriteString("%{")
		o := v.Map()
		vals := o.Vals()
		for i, k := range o.Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			t.writeValue(b, k, false)
			b.WriteString(" => ")
			t.writeValue(b, vals[i], false)
		}
		b.WriteByte('}')
	case KSet:
		b.WriteString("#{")
		for i, k := range v.Map().Keys() {
			if i > 0 {
				b.WriteString(", ")
			}
			t.writeValue(b, k, false)
		}
		b.WriteByte('}')
	case KStruct, KVariant:
		td := m.types[v.TypeID()]
		method := "to_string"
		if debug {
			method = "inspect"
		}
		if f := m.method(td.QualName(), method); f != nil {
			r := t.Call(f, nil, []Value{v})
			b.WriteString(r.Str())
			return
		}
		if debug && td.Derives&bundle.DeriveDebug == 0 {
			if f := m.method(td.QualName(), "to_string"); f != nil {
				r := t.Call(f, nil, []Value{v})
				b.WriteString(r.Str())
				return
			}
		}
		display := !debug && td.Derives&bundle.DeriveDisplay != 0
		if !debug && !display && td.Derives&bundle.DeriveDebug == 0 {
			display = builtinDisplay(td)
		}
		if debug && td.Derives&bundle.DeriveDebug == 0 && td.Derives&bundle.DeriveDisplay != 0 {
			display = true
		}
		if builtinDisplay(td) {
			display = true
		}
		if v.k == KStruct {
			fs := v.Fields()
			if display {
				b.WriteString(td.Name)
				b.WriteByte('(')
				for i, x := range fs {
					if i > 0 {
						b.WriteString(", ")
					}
					t.writeValue(b, x, false)
				}
				b.WriteByte(')')
				return
			}
			b.WriteString(td.Name)
			if len(fs) == 0 {
				b.WriteString(" {}")
				return
			}
			b.WriteString(" { ")
			for i, x := range fs {
				if i > 0 {
					b.WriteString(", ")
				}
				b.WriteString(td.Fields[i])
				b.WriteString(": ")
				t.writeValue(b, x, false)
			}
			b.WriteString(" }")
			return
		}
		tag := v.Tag()
		vr := td.Variants[tag]
		b.WriteString(vr.Name)
		if len(vr.Fields) == 0 {
			return
		}
		if !display {
			b.WriteString("(...)")
			return
		}
		b.WriteByte('(')
		for i, x := range v.Fields() {
			if i > 0 {
				b.WriteString(", ")
			}
			t.writeValue(b, x, false)
		}
		b.WriteByte(')')
	case KClosure:
		b.WriteString("#Function<")
		b.WriteString(v.Closure().Fn.Name)
		b.WriteByte('>')
	case KPid:
		fmt.Fprintf(b, "#PID<%d>", v.n)
	case KRange:
		lo, hi := v.Range()
		fmt.Fprintf(b, "%d..%d", lo, hi)
	case KHandle:
		h := v.Handle()
		if s, ok := h.V.(fmt.Stringer); ok {
			b.WriteString(s.String())
		} else {
			fmt.Fprintf(b, "#%s<>", h.Type)
		}
	case KIter:
		b.WriteString("#Iterator<>")
	default:
		fmt.Fprintf(b, "#<kind %d>", v.k)
	}
}

// builtinDisplay: Option, Result and Ordering always print their payloads.
func builtinDisplay(td *bundle.TypeDesc) bool {
	return td.Module == "" && (td.Name == "Option" || td.Name == "Result" || td.Name == "Ordering")
}

// keyText is a structural text used to key maps by compound values.
func keyText(v Value) string {
	var b strings.Builder
	writeKey(&b, v)
	return b.String()
}

func writeKey(b *strings.Builder, v Value) {
	fmt.Fprintf(b, "%d:", v.k)
	switch v.k {
	case KString, KAtom:
		b.WriteString(strconv.Quote(v.Str()))
	case KInt, KBool, KFloat, KPid, KUnit:
		fmt.Fprintf(b, "%d", v.n)
	case KTuple, KList:
		b.WriteByte('[')
		for _, x := range v.Items() {
			writeKey(b, x)
			b.WriteByte(',')
		}
		b.WriteByte(']')
	case KStruct, KVariant:
		fmt.Fprintf(b, "%d(", v.n)
		for _, x := range v.Fields() {
			writeKey(b, x)
			b.WriteByte(',')
		}
		b.WriteByte(')')
	case KMap, KSet:
		o := v.Map()
		b.WriteByte('{')
		vals := o.Vals()
		for i, k := range o.Keys() {
			writeKey(b, k)
			if !o.IsSet() {
				b.WriteString("=>")
				writeKey(b, vals[i])
			}
			b.WriteByte(',')
		}
		b.WriteByte('}')
	default:
		fmt.Fprintf(b, "%p", v.p)
	}
}
