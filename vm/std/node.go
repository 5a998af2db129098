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
}
