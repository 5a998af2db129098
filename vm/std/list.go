package std

import (
	"sort"

	"github.com/mesh-lang/mesh/vm"
)

func clone(xs []value, extra int) []value {
	c := make([]value, len(xs), len(xs)+extra)
	copy(c, xs)
	return c
}

func init() {
	reg("List.new", func(t *process, a []value) value { return vm.List(nil) })
	reg("List.length", func(t *process, a []value) value { return vm.Int(int64(a[0].Len())) })
	reg("List.is_empty", func(t *process, a []value) value { return vm.Bool(a[0].Len() == 0) })
	reg("List.append", func(t *process, a []value) value {
		return vm.ListAppend(a[0], a[1])
	})
	head := func(t *process, a []value) value {
		if a[0].Len() == 0 {
			t.Panicf("mesh_list_head: empty list")
		}
		return a[0].Items()[0]
	}
	alias(head, "List.head", "head")
	tail := func(t *process, a []value) value {
		if a[0].Len() == 0 {
			t.Panicf("mesh_list_tail: empty list")
		}
		return vm.List(a[0].Items()[1:])
	}
	alias(tail, "List.tail", "tail")
	get := func(t *process, a []value) value {
		xs, i := a[0].Items(), a[1].Int()
		if i < 0 || i >= int64(len(xs)) {
			t.Panicf("mesh_list_get: index %d out of bounds (len %d)", i, len(xs))
		}
		return xs[i]
	}
	alias(get, "List.get", "List.nth")
	reg("List.last", func(t *process, a []value) value {
		xs := a[0].Items()
		if len(xs) == 0 {
			t.Panicf("mesh_list_last: empty list")
		}
		return xs[len(xs)-1]
	})
	reg("List.concat", func(t *process, a []value) value {
		return vm.List(append(clone(a[0].Items(), a[1].Len()), a[1].Items()...))
	})
	reg("List.reverse", func(t *process, a []value) value {
		xs := a[0].Items()
		r := make([]value, len(xs))
		for i, x := range xs {
			r[len(xs)-1-i] = x
		}
		return vm.List(r)
	})
	mapFn := func(t *process, a []value) value {
		xs, f := a[0].Items(), a[1]
		r := make([]value, len(xs))
		for i, x := range xs {
			r[i] = t.CallValue(f, x)
		}
		return vm.List(r)
	}
	alias(mapFn, "List.map", "map")
	filter := func(t *process, a []value) value {
		xs, f := a[0].Items(), a[1]
		var r []value
		for _, x := range xs {
			if t.CallValue(f, x).Bool() {
				r = append(r, x)
			}
		}
		return vm.List(r)
	}
	alias(filter, "List.filter", "filter")
	reduce := func(t *process, a []value) value {
		acc, f := a[1], a[2]
		for _, x := range a[0].Items() {
			acc = t.CallValue(f, acc, x)
		}
		return acc
	}
	alias(reduce, "List.reduce", "reduce")
	reg("List.sort", func(t *process, a []value) value {
		r := clone(a[0].Items(), 0)
		f := a[1]
		sort.SliceStable(r, func(i, j int) bool { return t.CallValue(f, r[i], r[j]).Int() < 0 })
		return vm.List(r)
	})
	reg("List.find", func(t *process, a []value) value {
		for _, x := range a[0].Items() {
			if t.CallValue(a[1], x).Bool() {
				return t.Machine().Some(x)
			}
		}
		return t.Machine().None()
	})
	reg("List.any", func(t *process, a []value) value {
		for _, x := range a[0].Items() {
			if t.CallValue(a[1], x).Bool() {
				return vm.Bool(true)
			}
		}
		return vm.Bool(false)
	})
	reg("List.all", func(t *process, a []value) value {
		for _, x := range a[0].Items() {
			if !t.CallValue(a[1], x).Bool() {
				return vm.Bool(false)
			}
		}
		return vm.Bool(true)
	})
	reg("List.contains", func(t *process, a []value) value {
		for _, x := range a[0].Items() {
			if t.Equal(x, a[1]) {
				return vm.Bool(true)
			}
		}
		return vm.Bool(false)
	})
	reg("List.zip", func(t *process, a []value) value {
		xs, ys := a[0].Items(), a[1].Items()
		n := min(len(xs), len(ys))
		r := make([]value, n)
		for i := 0; i < n; i++ {
			r[i] = vm.Tuple(xs[i], ys[i])
		}
		return vm.List(r)
	})
	reg("List.flat_map", func(t *process, a []value) value {
		var r []value
		for _, x := range a[0].Items() {
			r = append(r, t.CallValue(a[1], x).Items()...)
		}
		return vm.List(r)
	})
	reg("List.flatten", func(t *process, a []value) value {
		var r []value
		for _, x := range a[0].Items() {
			r = append(r, x.Items()...)
		}
		return vm.List(r)
	})
	reg("List.enumerate", func(t *process, a []value) value {
		xs := a[0].Items()
		r := make([]value, len(xs))
		for i, x := range xs {
			r[i] = vm.Tuple(vm.Int(int64(i)), x)
		}
		return vm.List(r)
	})
	reg("List.take", func(t *process, a []value) value {
		xs := a[0].Items()
		return vm.List(xs[:clamp(a[1].Int(), 0, int64(len(xs)))])
	})
	reg("List.drop", func(t *process, a []value) value {
		xs := a[0].Items()
		return vm.List(xs[clamp(a[1].Int(), 0, int64(len(xs))):])
	})
	reg("Tuple.nth", func(t *process, a []value) value {
		xs, i := a[0].Items(), a[1].Int()
		if i < 0 || i >= int64(len(xs)) {
			t.Panicf("mesh_tuple_nth: index %d out of bounds (len %d)", i, len(xs))
		}
		return xs[i]
	})
	reg("Tuple.first", func(t *process, a []value) value { return a[0].Items()[0] })
	reg("Tuple.second", func(t *process, a []value) value { return a[0].Items()[1] })
	reg("Tuple.size", func(t *process, a []value) value { return vm.Int(int64(a[0].Len())) })
	reg("Range.new", func(t *process, a []value) value { return vm.RangeVal(a[0].Int(), a[1].Int()) })
	rangeList := func(r value) []value {
		lo, hi := r.Range()
		var xs []value
		for i := lo; i < hi; i++ {
			xs = append(xs, vm.Int(i))
		}
		return xs
	}
	reg("Range.to_list", func(t *process, a []value) value { return vm.List(rangeList(a[0])) })
	reg("Range.length", func(t *process, a []value) value {
		lo, hi := a[0].Range()
		return vm.Int(max(0, hi-lo))
	})
	reg("Range.map", func(t *process, a []value) value {
		xs := rangeList(a[0])
		for i, x := range xs {
			xs[i] = t.CallValue(a[1], x)
		}
		return vm.List(xs)
	})
	reg("Range.filter", func(t *process, a []value) value {
		var r []value
		for _, x := range rangeList(a[0]) {
			if t.CallValue(a[1], x).Bool() {
				r = append(r, x)
			}
		}
		return vm.List(r)
	})
}
