package std

import (
	"math"

	"github.com/mesh-lang/mesh/vm"
)

// toInt converts with truncation; NaN → 0, out of range saturates.
func toInt(f float64) int64 {
	switch {
	case math.IsNaN(f):
		return 0
	case f >= math.MaxInt64:
		return math.MaxInt64
	case f <= math.MinInt64:
		return math.MinInt64
	}
	return int64(f)
}

func init() {
	toFloat := func(t *process, a []value) value { return vm.Float(float64(a[0].Int())) }
	alias(toFloat, "Int.to_float", "Float.from")
	reg("Float.to_int", func(t *process, a []value) value { return vm.Int(toInt(a[0].Float())) })
	reg("Math.abs", func(t *process, a []value) value {
		if a[0].Kind() == vm.KFloat {
			return vm.Float(math.Abs(a[0].Float()))
		}
		if n := a[0].Int(); n < 0 {
			return vm.Int(-n)
		}
		return a[0]
	})
	reg("Math.min", func(t *process, a []value) value {
		if t.Compare(a[1], a[0]) < 0 {
			return a[1]
		}
		return a[0]
	})
	reg("Math.max", func(t *process, a []value) value {
		if t.Compare(a[1], a[0]) > 0 {
			return a[1]
		}
		return a[0]
	})
	reg("Math.pi", func(t *process, a []value) value { return vm.Float(math.Pi) })
	reg("Math.pow", func(t *process, a []value) value { return vm.Float(math.Pow(a[0].Float(), a[1].Float())) })
	reg("Math.sqrt", func(t *process, a []value) value { return vm.Float(math.Sqrt(a[0].Float())) })
	reg("Math.floor", func(t *process, a []value) value { return vm.Int(toInt(math.Floor(a[0].Float()))) })
	reg("Math.ceil", func(t *process, a []value) value { return vm.Int(toInt(math.Ceil(a[0].Float()))) })
	reg("Math.round", func(t *process, a []value) value { return vm.Int(toInt(math.Round(a[0].Float()))) })
	reg("compare", func(t *process, a []value) value { return t.Machine().Ordering(t.Compare(a[0], a[1])) })
}
