package std

import (
	"github.com/mesh-lang/mesh/vm"
)

func collectList(it value) []value {
	var out []value
	for {
		v, ok := it.Next()
		if !ok {
			return out
		}
		out = append(out, v)
	}
}

func init() {
	iterOf := func(t *process, a []value) value { return t.IterOf(a[0]) }
	alias(iterOf, "Iter.from", "List.iter", "Map.iter", "Set.iter", "Range.iter")
	reg("Iter.map", func(t *process, a []value) value {
		src, f := t.IterOf(a[0]), a[1]
		return vm.NewIter(func() (value, bool) {
			v, ok := src.Next()
			if !ok {
				return v, false
			}
			return t.CallValue(f, v), true
		})
	})
	reg("Iter.filter", func(t *process, a []value) value {
		src, f := t.IterOf(a[0]), a[1]
		return vm.NewIter(func() (value, bool) {
			for {
				v, ok := src.Next()
				if !ok || t.CallValue(f, v).Bool() {
					return v, ok
				}
			}
		})
	})
	reg("Iter.take", func(t *process, a []value) value {
		src, n := t.IterOf(a[0]), a[1].Int()
		return vm.NewIter(func() (value, bool) {
			if n <= 0 {
				return value{}, false
			}
			n--
			return src.Next()
		})
	})
	reg("Iter.skip", func(t *process, a []value) value {
		src, n := t.IterOf(a[0]), a[1].Int()
		return vm.NewIter(func() (value, bool) {
			for ; n > 0; n-- {
				if _, ok := src.Next(); !ok {
					return value{}, false
				}
			}
			return src.Next()
		})
	})
	reg("Iter.enumerate", func(t *process, a []value) value {
		src, i := t.IterOf(a[0]), int64(0)
		return vm.NewIter(func() (value, bool) {
			v, ok := src.Next()
			if !ok {
				return v, false
			}
			i++
			return vm.Tuple(vm.Int(i-1), v), true
		})
	})
	reg("Iter.zip", func(t *process, a []value) value {
		x, y := t.IterOf(a[0]), t.IterOf(a[1])
		return vm.NewIter(func() (value, bool) {
			v, ok := x.Next()
			if !ok {
				return v, false
			}
			w, ok := y.Next()
			if !ok {
				return w, false
			}
			return vm.Tuple(v, w), true
		})
	})
	reg("Iter.count", func(t *process, a []value) value { return vm.Int(int64(len(collectList(t.IterOf(a[0]))))) })
	reg("Iter.sum", func(t *process, a []value) value {
		var s int64
		for _, v := range collectList(t.IterOf(a[0])) {
			s += v.Int()
		}
		return vm.Int(s)
	})
	reg("Iter.any", func(t *process, a []value) value {
		src := t.IterOf(a[0])
		for {
			v, ok := src.Next()
			if !ok {
				return vm.Bool(false)
			}
			if t.CallValue(a[1], v).Bool() {
				return vm.Bool(true)
			}
		}
	})
	reg("Iter.all", func(t *process, a []value) value {
		src := t.IterOf(a[0])
		for {
			v, ok := src.Next()
			if !ok {
				return vm.Bool(true)
			}
			if !t.CallValue(a[1], v).Bool() {
				return vm.Bool(false)
			}
		}
	})
	reg("Iter.find", func(t *process, a []value) value {
		src := t.IterOf(a[0])
		for {
			v, ok := src.Next()
			if !ok {
				return t.Machine().None()
			}
			if t.CallValue(a[1], v).Bool() {
				return t.Machine().Some(v)
			}
		}
	})
	reg("Iter.reduce", func(t *process, a []value) value {
		acc := a[1]
		for _, v := range collectList(t.IterOf(a[0])) {
			acc = t.CallValue(a[2], acc, v)
		}
		return acc
	})
	reg("Iter.next", func(t *process, a []value) value {
		if v, ok := t.IterOf(a[0]).Next(); ok {
			return t.Machine().Some(v)
		}
		return t.Machine().None()
	})
	reg("List.collect", func(t *process, a []value) value { return vm.List(collectList(t.IterOf(a[0]))) })
	reg("Set.collect", func(t *process, a []value) value { return vm.NewSet(collectList(t.IterOf(a[0]))) })
	reg("Map.collect", func(t *process, a []value) value {
		var keys, vals []value
		for _, kv := range collectList(t.IterOf(a[0])) {
			it := kv.Items()
			keys, vals = append(keys, it[0]), append(vals, it[1])
		}
		return vm.NewMap(keys, vals)
	})
	reg("String.collect", func(t *process, a []value) value {
		s := ""
		for _, v := range collectList(t.IterOf(a[0])) {
			s += v.Str()
		}
		return vm.Str(s)
	})
}
