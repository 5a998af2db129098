package cluster

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// TestClusteredRoutes: HTTP.clustered requests through either node run on
// the record's owner (locally or over a route stream), close the record
// there and are visible on both nodes (cluster-reference §7, CONTRACT 15, 17).
func TestClusteredRoutes(t *testing.T) {
	port := freePort(t)
	p := strconv.Itoa(port)
	dir := t.TempDir()
	prim := startTestNode(t, "primary@127.0.0.1:"+p, "primary", dir, port, 100)
	stby := startTestNode(t, "standby@[::1]:"+p, "standby", dir, port, 100)
	var ran [2]atomic.Int32
	for i, n := range []*testNode{prim, stby} {
		i := i
		n.rt.RegisterRoutes([]Route{
			{Name: "Api.Todos.list", Replicas: 2, Handler: func(_ context.Context, req []byte) ([]byte, error) {
				ran[i].Add(1)
				return append([]byte("echo:"), req...), nil
			}},
			{Name: "Api.Todos.retry", Replicas: 3, Handler: func(context.Context, []byte) ([]byte, error) { return nil, nil }},
		})
	}
	waitFor(t, "membership", func() bool {
		a, err1 := prim.client().Status()
		b, err2 := stby.client().Status()
		return err1 == nil && err2 == nil && len(a.Membership.PeerNodes) == 1 && len(b.Membership.PeerNodes) == 1
	})
	// Placement hashes the request key, which embeds a random incarnation
	// (CONTRACT 17), so keep sending until both nodes have owned a request:
	// 64 requests leave a 2^-63 chance that one node owned none.
	var keys []string
	for i := 0; i < 64 && (i < 6 || ran[0].Load() == 0 || ran[1].Load() == 0); i++ {
		n := []*testNode{prim, stby}[i%2]
		resp, key, err := n.rt.ServeRoute(context.Background(), "Api.Todos.list", []byte("GET /todos "+strconv.Itoa(i)))
		if err != nil {
			t.Fatalf("request %d: %v", i, err)
		}
		if string(resp) != "echo:GET /todos "+strconv.Itoa(i) {
			t.Fatalf("response %q", resp)
		}
		if !strings.HasPrefix(key, "http-route::Api.Todos.list::") {
			t.Fatalf("key %q", key)
		}
		keys = append(keys, key)
	}
	if int(ran[0].Load()+ran[1].Load()) != len(keys) || ran[0].Load() == 0 || ran[1].Load() == 0 {
		t.Fatalf("handler runs: primary %d standby %d", ran[0].Load(), ran[1].Load())
	}
	for _, key := range keys {
		waitFor(t, "route record on both", func() bool {
			for _, n := range []*testNode{prim, stby} {
				r, err := n.client().ContinuityRecord(key)
				if err != nil || r.Record.Phase != "completed" || r.Record.ExecutionNode != r.Record.OwnerNode ||
					r.Record.ReplicaNode == r.Record.OwnerNode || r.Record.ReplicationCount != 2 {
					return false
				}
			}
			return true
		})
	}
	// Too few nodes for N=3 (CONTRACT 15): rejected, key still reported.
	_, key, err := stby.rt.ServeRoute(context.Background(), "Api.Todos.retry", []byte("GET /todos/retry"))
	var re *RouteError
	if !errors.As(err, &re) || re.Reason != "replica_required_unavailable" || re.Key != key || key == "" {
		t.Fatalf("retry: %v %q", err, key)
	}
	if _, _, err := prim.rt.ServeRoute(context.Background(), "Nope.x", nil); err == nil {
		t.Fatal("unregistered route served")
	}
}
