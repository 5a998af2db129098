package std

import (
	"github.com/mesh-lang/mesh/vm"
)

func init() {
	// Node.start_from_env() → Ok(BootstrapStatus{mode, node_name,
	// cluster_port, discovery_seed}) or Err(reason), via the NodeRuntime.
	reg("Node.start_from_env", func(t *process, a []value) value {
		m := t.Machine()
		rt := m.Options().Runtime
		if rt == nil {
			return m.Err(vm.Str("no cluster runtime in this process"))
		}
		m.MarkBootstrapped()
		st, err := rt.StartFromEnv()
		if err != nil {
			return m.Err(vm.Str(err.Error()))
		}
		return m.Ok(m.Struct("BootstrapStatus", vm.Str(st.Mode), vm.Str(st.NodeName),
			vm.Int(int64(st.ClusterPort)), vm.Str(st.DiscoverySeed)))
	})

	// Distribution (§10.10). Node.self/list/connect ask the cluster runtime
	// (this node's name and its alive peers once Node.start_from_env()
	// started cluster mode; "" and [] otherwise). Processes run on their
	// own node only: Node.spawn on this node spawns locally, on another it
	// is an error, as §10.10 allows. The Global registry is this node's.
	reg("Node.self", func(t *process, a []value) value {
		if mr := members(t); mr != nil {
			return vm.Str(mr.NodeName())
		}
		return vm.Str("")
	})
	reg("Node.list", func(t *process, a []value) value {
		var out []value
		if mr := members(t); mr != nil {
			for _, p := range mr.Peers() {
				out = append(out, vm.Str(p))
			}
		}
		return vm.List(out)
	})
	reg("Node.connect", func(t *process, a []value) value {
		mr := members(t)
		if mr == nil || mr.Connect(a[0].Str()) != nil {
			return vm.Int(1)
		}
		return vm.Int(0)
	})
	spawnOn := func(link bool) vm.NativeFn {
		return func(t *process, a []value) value {
			if node := a[0].Str(); node != "" && node != selfName(t) {
				t.Panicf("Node.spawn: cannot start a process on node '%s': processes run on their own node only", node)
			}
			p := t.SpawnValue(a[1], a[2:]...)
			if link {
				t.Link(p)
			}
			return vm.PidVal(p)
		}
	}
	reg("Node.spawn", spawnOn(false))
	reg("Node.spawn_link", spawnOn(true))
	reg("Global.register", func(t *process, a []value) value {
		if p := a[1].Process(); p != nil && t.Machine().Register("global:"+a[0].Str(), p) {
			return vm.Int(0)
		}
		return vm.Int(1)
	})
	reg("Global.whereis", func(t *process, a []value) value {
		if p := t.Machine().Whereis("global:" + a[0].Str()); p != nil {
			return vm.PidVal(p)
		}
		return vm.NoPid
	})
	reg("Global.unregister", func(t *process, a []value) value {
		if t.Machine().Unregister("global:" + a[0].Str()) {
			return vm.Int(0)
		}
		return vm.Int(1)
	})
}

func members(t *process) vm.MemberRuntime {
	mr, _ := t.Machine().Options().Runtime.(vm.MemberRuntime)
	return mr
}

func selfName(t *process) string {
	if mr := members(t); mr != nil {
		return mr.NodeName()
	}
	return ""
}
