// Command fakenode is a stand-in for a built clustered scaffold
// (`meshc init --clustered` + `meshc build`): it registers one @cluster
// work `Work.add`, runs Node.start_from_env() and prints the scaffold's
// bootstrap line, then hands over to the runtime like the VM does after
// main. Process-level cluster tests use it without the compiler.
package main

import (
	"context"
	"fmt"
	"os"
	"strings"

	"github.com/mesh-lang/mesh/cluster"
)

func main() {
	rt := cluster.NewRuntime(cluster.RuntimeOptions{}, nil)
	rt.Register([]cluster.Work{{Name: "Work.add", Replicas: 2, Run: func(context.Context) (string, error) {
		if msg := os.Getenv("FAKENODE_PANIC"); msg != "" {
			panic(msg)
		}
		fmt.Fprintln(os.Stdout, "[fakenode] Work.add ran")
		return "2", nil
	}}})
	st, err := rt.StartFromEnv()
	if err != nil {
		fmt.Printf("[clustered-app] runtime bootstrap failed reason=%s\n", strings.TrimSpace(err.Error()))
	} else {
		fmt.Printf("[clustered-app] runtime bootstrap mode=%s node=%s cluster_port=%d discovery_seed=%s\n",
			st.Mode, st.NodeName, st.ClusterPort, st.DiscoverySeed)
	}
	os.Exit(rt.AfterMain(context.Background()))
}
