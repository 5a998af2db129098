package std

import (
	"time"

	"github.com/mesh-lang/mesh/vm"
)

func init() {
	reg("spawn", func(t *process, a []value) value {
		return vm.PidVal(t.SpawnValue(a[0], a[1:]...))
	})
	reg("spawn_link", func(t *process, a []value) value {
		p := t.SpawnValue(a[0], a[1:]...)
		t.Link(p)
		return vm.PidVal(p)
	})
	reg("send", func(t *process, a []value) value {
		if a[0].Kind() == vm.KPid && a[0].Process() != nil {
			a[0].Process().Send(a[1])
		}
		return vm.Unit
	})
	self := func(t *process, a []value) value { return vm.PidVal(t) }
	alias(self, "self", "Process.self")
	reg("link", func(t *process, a []value) value {
		if p := a[0].Process(); p != nil {
			t.Link(p)
		}
		return vm.Unit
	})
	reg("Process.monitor", func(t *process, a []value) value {
		if p := a[0].Process(); p != nil {
			return vm.Int(t.Monitor(p))
		}
		return vm.Int(0)
	})
	reg("Process.demonitor", func(t *process, a []value) value {
		if t.DemonitorRef(a[0].Int()) {
			return vm.Int(0)
		}
		return vm.Int(1)
	})
	reg("Process.register", func(t *process, a []value) value {
		if p := a[1].Process(); p != nil && t.Machine().Register(a[0].Str(), p) {
			return vm.Int(0)
		}
		return vm.Int(1)
	})
	reg("Process.whereis", func(t *process, a []value) value {
		if p := t.Machine().Whereis(a[0].Str()); p != nil {
			return vm.PidVal(p)
		}
		return vm.NoPid
	})
	reg("Process.exit", func(t *process, a []value) value {
		if p := a[0].Process(); p != nil {
			t.ExitProcess(p, a[1].Str())
		}
		return vm.Unit
	})
	reg("Timer.sleep", func(t *process, a []value) value {
		t.Sleep(time.Duration(a[0].Int()) * time.Millisecond)
		return vm.Unit
	})
	reg("Timer.send_after", func(t *process, a []value) value {
		p, ms, msg := a[0].Process(), a[1].Int(), a[2]
		if p != nil {
			release := t.Machine().Hold() // a pending delivery keeps the program alive (§10.9)
			time.AfterFunc(time.Duration(ms)*time.Millisecond, func() {
				p.Send(msg)
				release()
			})
		}
		return vm.Unit
	})
}
