package std

import (
	"bytes"
	"encoding/json"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/mesh-lang/mesh/vm"
)

// Json values are their compact JSON text (a String at run time), which is
// what makes Json interchangeable with String (§12.13).

// jsonFloat formats a float as JSON: shortest digits, integral values keep
// ".0", exponents outside [1e-6, 1e21).
func jsonFloat(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return "null"
	}
	a := math.Abs(f)
	if a != 0 && (a >= 1e21 || a < 1e-6) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := ""
		if exp[0] == '-' {
			sign = "-"
		}
		exp = strings.TrimLeft(exp[1:], "0")
		return mant + "e" + sign + exp
	}
	s := strconv.FormatFloat(f, 'f', -1, 64)
	if !strings.ContainsAny(s, ".e") {
		s += ".0"
	}
	return s
}

func jsonString(s string) string {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.Encode(s)
	return strings.TrimSuffix(b.String(), "\n")
}

// encodeJSON renders a runtime value as JSON (derived ToJson rules).
func encodeJSON(t *process, b *strings.Builder, v value) {
	switch v.Kind() {
	case vm.KInt:
		b.WriteString(strconv.FormatInt(v.Int(), 10))
	case vm.KFloat:
		b.WriteString(jsonFloat(v.Float()))
	case vm.KBool:
		b.WriteString(strconv.FormatBool(v.Bool()))
	case vm.KString, vm.KAtom:
		b.WriteString(jsonString(v.Str()))
	case vm.KUnit:
		b.WriteString("null")
	case vm.KList, vm.KTuple, vm.KSet:
		items := v.Items()
		if v.Kind() == vm.KSet {
			items = v.Map().Keys()
		}
		b.WriteByte('[')
		for i, x := range items {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeJSON(t, b, x)
		}
		b.WriteByte(']')
	case vm.KMap:
		o := v.Map()
		idx := make([]int, o.Len())
		for i := range idx {
			idx[i] = i
		}
		keys := o.Keys()
		sort.SliceStable(idx, func(i, j int) bool { return t.Display(keys[idx[i]]) < t.Display(keys[idx[j]]) })
		b.WriteByte('{')
		for n, i := range idx {
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(t.Display(keys[i])))
			b.WriteByte(':')
			encodeJSON(t, b, o.Vals()[i])
		}
		b.WriteByte('}')
	case vm.KStruct:
		td := t.Machine().TypeOf(v)
		fs := v.Fields()
		idx := make([]int, len(fs))
		for i := range idx {
			idx[i] = i
		}
		sort.Slice(idx, func(i, j int) bool { return td.Fields[idx[i]] < td.Fields[idx[j]] })
		b.WriteByte('{')
		for n, i := range idx {
			if n > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(td.Fields[i]))
			b.WriteByte(':')
			encodeJSON(t, b, fs[i])
		}
		b.WriteByte('}')
	case vm.KVariant:
		td := t.Machine().TypeOf(v)
		if td.Name == "Option" && td.Module == "" {
			if v.Tag() == 1 {
				b.WriteString("null")
			} else {
				encodeJSON(t, b, v.Fields()[0])
			}
			return
		}
		b.WriteString(`{"fields":[`)
		for i, x := range v.Fields() {
			if i > 0 {
				b.WriteByte(',')
			}
			encodeJSON(t, b, x)
		}
		b.WriteString(`],"tag":`)
		b.WriteString(jsonString(td.Variants[v.Tag()].Name))
		b.WriteByte('}')
	default:
		b.WriteString(jsonString(t.Display(v)))
	}
}

// compactJSON re-renders parsed JSON compactly (numbers kept verbatim).
func compactJSON(b *strings.Builder, x any) {
	switch x := x.(type) {
	case nil:
		b.WriteString("null")
	case bool:
		b.WriteString(strconv.FormatBool(x))
	case json.Number:
		b.WriteString(x.String())
	case string:
		b.WriteString(jsonString(x))
	case []any:
		b.WriteByte('[')
		for i, y := range x {
			if i > 0 {
				b.WriteByte(',')
			}
			compactJSON(b, y)
		}
		b.WriteByte(']')
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		b.WriteByte('{')
		for i, k := range keys {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(k))
			b.WriteByte(':')
			compactJSON(b, x[k])
		}
		b.WriteByte('}')
	}
}

func parseJSON(s string) (any, error) {
	d := json.NewDecoder(strings.NewReader(s))
	d.UseNumber()
	var x any
	if err := d.Decode(&x); err != nil {
		return nil, err
	}
	if d.More() {
		return nil, &json.SyntaxError{}
	}
	return x, nil
}

// memberText is Json.get's rendering of a member.
func memberText(x any) string {
	switch x := x.(type) {
	case nil:
		return ""
	case string:
		return x
	case json.Number:
		return x.String()
	case bool:
		return strconv.FormatBool(x)
	}
	var b strings.Builder
	compactJSON(&b, x)
	return b.String()
}

func init() {
	parse := func(t *process, a []value) value {
		x, err := parseJSON(a[0].Str())
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		var b strings.Builder
		compactJSON(&b, x)
		return t.Machine().Ok(vm.Str(b.String()))
	}
	alias(parse, "JSON.parse", "Json.parse")
	encode := func(t *process, a []value) value {
		if a[0].Kind() == vm.KString {
			return a[0]
		}
		var b strings.Builder
		encodeJSON(t, &b, a[0])
		return vm.Str(b.String())
	}
	alias(encode, "JSON.encode", "Json.encode")
	encodeAny := func(t *process, a []value) value {
		var b strings.Builder
		encodeJSON(t, &b, a[0])
		return vm.Str(b.String())
	}
	alias(encodeAny, "JSON.encode_string", "Json.encode_string", "JSON.encode_int", "Json.encode_int",
		"JSON.encode_bool", "Json.encode_bool", "JSON.encode_map", "Json.encode_map", "JSON.encode_list", "Json.encode_list")
	reg("Json.get", func(t *process, a []value) value {
		x, err := parseJSON(a[0].Str())
		if err != nil {
			return vm.Str("")
		}
		obj, _ := x.(map[string]any)
		return vm.Str(memberText(obj[a[1].Str()]))
	})
	reg("Json.get_nested", func(t *process, a []value) value {
		x, err := parseJSON(a[0].Str())
		if err != nil {
			return vm.Str("")
		}
		obj, _ := x.(map[string]any)
		inner, _ := obj[a[1].Str()].(map[string]any)
		return vm.Str(memberText(inner[a[2].Str()]))
	})
	reg("__json_object", func(t *process, a []value) value {
		type kv struct {
			k, v string
		}
		var kvs []kv
		for i := 0; i+2 < len(a); i += 3 {
			var b strings.Builder
			if a[i+2].Bool() {
				b.WriteString(a[i+1].Str())
			} else {
				encodeJSON(t, &b, a[i+1])
			}
			kvs = append(kvs, kv{a[i].Str(), b.String()})
		}
		sort.SliceStable(kvs, func(i, j int) bool { return kvs[i].k < kvs[j].k })
		var b strings.Builder
		b.WriteByte('{')
		for i, p := range kvs {
			if i > 0 {
				b.WriteByte(',')
			}
			b.WriteString(jsonString(p.k))
			b.WriteByte(':')
			b.WriteString(p.v)
		}
		b.WriteByte('}')
		return vm.Str(b.String())
	})
}
