package std

import (
	"encoding/json"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/mesh-lang/mesh/vm"
)

// Derived decoders: Type.from_json(text) and Type.from_row(map) build a
// struct from the field types the compiler recorded (TypeDesc.FieldTypes).

type decodeError string

func (e decodeError) Error() string { return string(e) }

func fromJSONValue(t *process, desc string, x any) value {
	m := t.Machine()
	switch {
	case desc == "Int":
		n, ok := x.(json.Number)
		if !ok {
			panic(decodeError("expected Int"))
		}
		if i, err := n.Int64(); err == nil {
			return vm.Int(i)
		}
		f, _ := n.Float64()
		return vm.Int(int64(f))
	case desc == "Float":
		n, ok := x.(json.Number)
		if !ok {
			panic(decodeError("expected Float"))
		}
		f, _ := n.Float64()
		return vm.Float(f)
	case desc == "String":
		s, ok := x.(string)
		if !ok {
			panic(decodeError("expected String"))
		}
		return vm.Str(s)
	case desc == "Bool":
		b, ok := x.(bool)
		if !ok {
			panic(decodeError("expected Bool"))
		}
		return vm.Bool(b)
	case strings.HasPrefix(desc, "Option<"):
		if x == nil {
			return m.None()
		}
		return m.Some(fromJSONValue(t, desc[7:len(desc)-1], x))
	case strings.HasPrefix(desc, "List<"):
		xs, ok := x.([]any)
		if !ok {
			panic(decodeError("expected Array"))
		}
		out := make([]value, len(xs))
		for i, y := range xs {
			out[i] = fromJSONValue(t, desc[5:len(desc)-1], y)
		}
		return vm.List(out)
	case strings.HasPrefix(desc, "Map<"):
		obj, ok := x.(map[string]any)
		if !ok {
			panic(decodeError("expected Object"))
		}
		var keys, vals []value
		for k, y := range obj {
			keys = append(keys, vm.Str(k))
			vals = append(vals, fromJSONValue(t, desc[4:len(desc)-1], y))
		}
		return vm.NewMap(keys, vals)
	case strings.HasPrefix(desc, "#"):
		id, _ := strconv.Atoi(desc[1:])
		return structFromJSON(t, id, x)
	}
	// Unknown (generic) field: keep scalars as they are.
	switch x := x.(type) {
	case string:
		return vm.Str(x)
	case bool:
		return vm.Bool(x)
	case json.Number:
		if i, err := x.Int64(); err == nil {
			return vm.Int(i)
		}
		f, _ := x.Float64()
		return vm.Float(f)
	}
	return vm.Unit
}

func structFromJSON(t *process, id int, x any) value {
	m := t.Machine()
	td := m.Type(id)
	obj, ok := x.(map[string]any)
	if !ok {
		panic(decodeError("expected Object"))
	}
	fields := make([]value, len(td.Fields))
	for i, name := range td.Fields {
		desc := "?"
		if i < len(td.FieldTypes) {
			desc = td.FieldTypes[i]
		}
		y, present := obj[name]
		if !present {
			if strings.HasPrefix(desc, "Option<") {
				fields[i] = m.None()
				continue
			}
			panic(decodeError("missing field: " + name))
		}
		fields[i] = fromJSONValue(t, desc, y)
	}
	return m.MakeStruct(id, fields)
}

// catchDecode turns a decodeError panic into Err(message).
func catchDecode(t *process, build func() value) (result value) {
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(decodeError)
			if !ok {
				panic(r)
			}
			result = t.Machine().Err(vm.Str(string(e)))
		}
	}()
	return t.Machine().Ok(build())
}

func fromRowValue(t *process, desc, name string, s string, present bool) value {
	m := t.Machine()
	if strings.HasPrefix(desc, "Option<") {
		if !present || s == "" {
			return m.None()
		}
		return m.Some(fromRowValue(t, desc[7:len(desc)-1], name, s, true))
	}
	if !present {
		panic(decodeError("missing column: " + name))
	}
	switch desc {
	case "Int":
		n, err := strconv.ParseInt(strings.TrimSpace(s), 10, 64)
		if err != nil {
			panic(decodeError(fmt.Sprintf("cannot parse '%s' as Int", s)))
		}
		return vm.Int(n)
	case "Float":
		f, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
		if err != nil || math.IsNaN(f) && !strings.EqualFold(strings.TrimSpace(s), "nan") {
			panic(decodeError(fmt.Sprintf("cannot parse '%s' as Float", s)))
		}
		return vm.Float(f)
	case "Bool":
		switch strings.ToLower(s) {
		case "true", "t", "1", "yes":
			return vm.Bool(true)
		case "false", "f", "0", "no":
			return vm.Bool(false)
		}
		panic(decodeError(fmt.Sprintf("cannot parse '%s' as Bool", s)))
	}
	return vm.Str(s)
}

func init() {
	reg("__derived_from_json", func(t *process, a []value) value {
		x, err := parseJSON(a[0].Str())
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		id := int(a[1].Int())
		return catchDecode(t, func() value { return structFromJSON(t, id, x) })
	})
	reg("__derived_from_row", func(t *process, a []value) value {
		row, id := a[0].Map(), int(a[1].Int())
		td := t.Machine().Type(id)
		return catchDecode(t, func() value {
			fields := make([]value, len(td.Fields))
			for i, name := range td.Fields {
				desc := "String"
				if i < len(td.FieldTypes) {
					desc = td.FieldTypes[i]
				}
				v, ok := row.Get(vm.Str(name))
				fields[i] = fromRowValue(t, desc, name, v.Str(), ok)
			}
			return t.Machine().MakeStruct(id, fields)
		})
	})
}
