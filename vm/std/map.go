package std

import (
	"github.com/mesh-lang/mesh/vm"
)

// zeroLike is Map.get's value for a missing key: the zero value of the
// map's value type, judged from an existing value (§12.4 recommendation).
func zeroLike(m *vm.MapObj) value {
	vals := m.Vals()
	if len(vals) == 0 {
		return vm.Int(0)
	}
	switch vals[0].Kind() {
	case vm.KFloat:
		return vm.Float(0)
	case vm.KBool:
		return vm.Bool(false)
	case vm.KString:
		return vm.Str("")
	case vm.KList:
		return vm.List(nil)
	case vm.KMap:
		return vm.EmptyMap()
	case vm.KInt:
		return vm.Int(0)
	}
	return vm.Unit
}

func init() {
	reg("Map.new", func(t *process, a []value) value { return vm.EmptyMap() })
	reg("Map.put", func(t *process, a []value) value { return vm.MapPut(a[0], a[1], a[2]) })
	reg("Map.get", func(t *process, a []value) value {
		if v, ok := a[0].Map().Get(a[1]); ok {
			return v
		}
		return zeroLike(a[0].Map())
	})
	reg("Map.has_key", func(t *process, a []value) value { return vm.Bool(a[0].Map().Has(a[1])) })
	reg("Map.delete", func(t *process, a []value) value { return vm.MapDelete(a[0], a[1]) })
	reg("Map.size", func(t *process, a []value) value { return vm.Int(int64(a[0].Map().Len())) })
	reg("Map.keys", func(t *process, a []value) value { return vm.List(clone(a[0].Map().Keys(), 0)) })
	reg("Map.values", func(t *process, a []value) value { return vm.List(clone(a[0].Map().Vals(), 0)) })
	reg("Map.merge", func(t *process, a []value) value {
		m := a[0]
		b := a[1].Map()
		keys, vals := clone(m.Map().Keys(), b.Len()), clone(m.Map().Vals(), b.Len())
		keys = append(keys, b.Keys()...)
		vals = append(vals, b.Vals()...)
		return vm.NewMap(keys, vals)
	})
	reg("Map.to_list", func(t *process, a []value) value {
		o := a[0].Map()
		r := make([]value, o.Len())
		for i, k := range o.Keys() {
			r[i] = vm.Tuple(k, o.Vals()[i])
		}
		return vm.List(r)
	})
	reg("Map.from_list", func(t *process, a []value) value {
		xs := a[0].Items()
		keys, vals := make([]value, len(xs)), make([]value, len(xs))
		for i, x := range xs {
			keys[i], vals[i] = x.Items()[0], x.Items()[1]
		}
		return vm.NewMap(keys, vals)
	})
	reg("Set.new", func(t *process, a []value) value { return vm.NewSet(nil) })
	reg("Set.add", func(t *process, a []value) value { return vm.SetAdd(a[0], a[1]) })
	reg("Set.remove", func(t *process, a []value) value { return vm.MapDelete(a[0], a[1]) })
	reg("Set.contains", func(t *process, a []value) value { return vm.Bool(a[0].Map().Has(a[1])) })
	reg("Set.size", func(t *process, a []value) value { return vm.Int(int64(a[0].Map().Len())) })
	reg("Set.to_list", func(t *process, a []value) value { return vm.List(clone(a[0].Map().Keys(), 0)) })
	reg("Set.from_list", func(t *process, a []value) value { return vm.NewSet(a[0].Items()) })
	reg("Set.union", func(t *process, a []value) value {
		return vm.NewSet(append(clone(a[0].Map().Keys(), a[1].Map().Len()), a[1].Map().Keys()...))
	})
	reg("Set.intersection", func(t *process, a []value) value {
		var r []value
		for _, x := range a[0].Map().Keys() {
			if a[1].Map().Has(x) {
				r = append(r, x)
			}
		}
		return vm.NewSet(r)
	})
	reg("Set.difference", func(t *process, a []value) value {
		var r []value
		for _, x := range a[0].Map().Keys() {
			if !a[1].Map().Has(x) {
				r = append(r, x)
			}
		}
		return vm.NewSet(r)
	})
}
