package std

import (
	"sync/atomic"

	"github.com/mesh-lang/mesh/vm"
)

// Services (§10.6): the compiler turns `Svc.start(args)` into
// __service_start(init_state, [handler closures]) and each generated
// helper into __service_call / __service_cast(pid, handler index, [args]).
// A handler closure takes (args…, state); a call handler returns
// (new_state, reply), a cast handler the new state.

var callRef atomic.Int64

func init() {
	reg("__service_start", func(t *process, a []value) value {
		state, handlers := a[0], a[1].Items()
		p := t.SpawnNative(func(p *vm.Process) {
			for {
				msg, _ := p.Receive(nil, -1)
				it := msg.Items()
				if len(it) < 3 {
					continue
				}
				h := handlers[it[1].Int()]
				args := append(append([]value(nil), it[2].Items()...), state)
				r := p.CallValue(h, args...)
				if it[0].Str() == "$cast" {
					state = r
					continue
				}
				pair := r.Items()
				state = pair[0]
				if caller := it[3].Process(); caller != nil {
					caller.Send(vm.Tuple(vm.Atom("$reply"), it[4], pair[1]))
				}
			}
		})
		return vm.PidVal(p)
	})
	reg("__service_call", func(t *process, a []value) value {
		svc := a[0].Process()
		if svc == nil {
			t.Panicf("service call to an invalid pid")
		}
		ref := vm.Int(callRef.Add(1))
		mon := t.Monitor(svc)
		svc.Send(vm.Tuple(vm.Atom("$call"), a[1], a[2], vm.PidVal(t), ref))
		msg, _ := t.Receive(func(v value) bool {
			it := v.Items()
			if v.Kind() != vm.KTuple || len(it) < 2 || it[0].Kind() != vm.KAtom {
				return false
			}
			switch it[0].Str() {
			case "$reply":
				return it[1].Int() == ref.Int()
			case "DOWN":
				return it[1].Int() == mon
			}
			return false
		}, -1)
		t.Demonitor(svc, mon)
		it := msg.Items()
		if it[0].Str() == "DOWN" {
			t.Panicf("service call to a process that has exited")
		}
		return it[2]
	})
	reg("__service_cast", func(t *process, a []value) value {
		if svc := a[0].Process(); svc != nil {
			svc.Send(vm.Tuple(vm.Atom("$cast"), a[1], a[2]))
		}
		return vm.Unit
	})
	reg("__on_exit", func(t *process, a []value) value {
		t.SetOnExit(a[0], a[1:])
		return vm.Unit
	})
}
