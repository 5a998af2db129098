package std

import (
	"os"
	"strconv"

	"github.com/mesh-lang/mesh/vm"
)

func init() {
	reg("Env.get", func(t *process, a []value) value {
		if v, ok := os.LookupEnv(a[0].Str()); ok {
			return vm.Str(v)
		}
		return a[1]
	})
	reg("Env.get_int", func(t *process, a []value) value {
		if v, ok := os.LookupEnv(a[0].Str()); ok {
			if n, err := strconv.ParseInt(v, 10, 64); err == nil {
				return vm.Int(n)
			}
		}
		return a[1]
	})
	reg("Env.args", func(t *process, a []value) value {
		args := t.Machine().Options().Args
		items := make([]value, len(args))
		for i, s := range args {
			items[i] = vm.Str(s)
		}
		return vm.List(items)
	})
}
