package std

import (
	"time"

	"github.com/mesh-lang/mesh/vm"
)

func init() {
	reg("Job.async", func(t *process, a []value) value {
		return vm.PidVal(t.SpawnValue(a[0]))
	})
	await := func(t *process, p *vm.Process, timeout time.Duration) value {
		m := t.Machine()
		if p == nil {
			return m.Err(vm.Str("job crashed"))
		}
		r, normal, finished := t.Wait(p, timeout)
		switch {
		case !finished:
			return m.Err(vm.Str("timeout"))
		case !normal:
			return m.Err(vm.Str("job crashed"))
		}
		return m.Ok(r)
	}
	reg("Job.await", func(t *process, a []value) value { return await(t, a[0].Process(), -1) })
	reg("Job.await_timeout", func(t *process, a []value) value {
		return await(t, a[0].Process(), time.Duration(max(0, a[1].Int()))*time.Millisecond)
	})
	reg("Job.map", func(t *process, a []value) value {
		xs := a[0].Items()
		ps := make([]*vm.Process, len(xs))
		for i, x := range xs {
			ps[i] = t.SpawnValue(a[1], x)
		}
		out := make([]value, len(xs))
		for i, p := range ps {
			out[i] = await(t, p, -1)
		}
		return vm.List(out)
	})
}
