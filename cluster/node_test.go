package cluster

import (
	"context"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// syncBuf is a goroutine-safe log sink.
type syncBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type testNode struct {
	name   string
	rt     *Runtime
	log    *syncBuf
	cancel context.CancelFunc
	done   chan int
	runs   *atomic.Int32
}

func startTestNode(t *testing.T, name, role, dir string, port int, delayMs int) *testNode {
	t.Helper()
	env := map[string]string{
		"MESH_CLUSTER_COOKIE": "dev-cookie", "MESH_NODE_NAME": name, "MESH_DISCOVERY_SEED": "localhost",
		"MESH_CLUSTER_PORT": strconv.Itoa(port), "MESH_CONTINUITY_ROLE": role, "MESH_CONTINUITY_PROMOTION_EPOCH": "0",
		"MESH_DISCOVERY_INTERVAL_MS": "200", "MESH_STARTUP_WORK_DELAY_MS": strconv.Itoa(delayMs),
	}
	runs := &atomic.Int32{}
	log := &syncBuf{}
	add := Work{Name: "Work.add", Replicas: 2, Run: func(context.Context) (string, error) { runs.Add(1); return "2", nil }}
	rt := NewRuntime(RuntimeOptions{Stderr: log, Getenv: envOf(env), Hostname: host("box", nil), Dir: dir}, []Work{add})
	st, err := rt.StartFromEnv()
	if err != nil {
		t.Fatalf("%s: %v\n%s", name, err, log.String())
	}
	if st.Mode != "cluster" || st.NodeName != name {
		t.Fatalf("status %+v", st)
	}
	ctx, cancel := context.WithCancel(context.Background())
	tn := &testNode{name: name, rt: rt, log: log, cancel: cancel, done: make(chan int, 1), runs: runs}
	go func() { tn.done <- rt.AfterMain(ctx) }()
	t.Cleanup(func() {
		if t.Failed() {
			t.Logf("%s log:\n%s", name, log.String())
		}
		cancel()
		select {
		case <-tn.done:
		case <-time.After(10 * time.Second):
		}
	})
	return tn
}

func (tn *testNode) client() *OperatorClient {
	return NewOperatorClient(tn.name, DeriveKey("dev-cookie", infoOperator), keyIDCookie, 2*time.Second)
}

func TestTwoNodeStartupAndStatus(t *testing.T) {
	port := freePort(t)
	p := strconv.Itoa(port)
	dir := t.TempDir()
	prim := startTestNode(t, "primary@127.0.0.1:"+p, "primary", dir, port, 300)
	stby := startTestNode(t, "standby@[::1]:"+p, "standby", dir, port, 300)

	waitFor(t, "membership", func() bool {
		a, err1 := prim.client().Status()
		b, err2 := stby.client().Status()
		return err1 == nil && err2 == nil && len(a.Membership.PeerNodes) == 1 && len(b.Membership.PeerNodes) == 1
	})
	st, _ := prim.client().Status()
	if st.Authority.ClusterRole != "primary" || st.Membership.PeerNodes[0] != stby.name || st.Membership.LocalNode != prim.name {
		t.Fatalf("primary status %+v", st)
	}
	// Node.self() / Node.list() (§10.10): this node's name, its alive peers.
	waitFor(t, "peers", func() bool { return len(prim.rt.Peers()) == 1 && len(stby.rt.Peers()) == 1 })
	if prim.rt.NodeName() != prim.name || prim.rt.Peers()[0] != stby.name || stby.rt.Peers()[0] != prim.name {
		t.Fatalf("node views: %q %v / %q %v", prim.rt.NodeName(), prim.rt.Peers(), stby.rt.NodeName(), stby.rt.Peers())
	}
	if err := stby.rt.Connect(prim.name); err != nil {
		t.Fatalf("Connect to a member: %v", err)
	}
	if err := stby.rt.Connect("nobody"); err == nil {
		t.Fatal("Connect to a malformed name succeeded")
	}
	// A server's drain runs when the node stops, before it leaves.
	var drained atomic.Bool
	if !stby.rt.AddDrain(func(ctx context.Context) {
		if _, ok := ctx.Deadline(); ok {
			drained.Store(true)
		}
	}) {
		t.Fatal("AddDrain refused in cluster mode")
	}
	defer func() {
		stby.cancel()
		waitFor(t, "drain on stop", drained.Load)
	}()
	waitFor(t, "completed on both", func() bool {
		for _, n := range []*testNode{prim, stby} {
			r, err := n.client().ContinuityRecord("startup::Work.add")
			if err != nil || r.Record.Phase != "completed" {
				return false
			}
		}
		return true
	})
	if total := prim.runs.Load() + stby.runs.Load(); total != 1 {
		t.Fatalf("work ran %d times", total)
	}
	r, _ := stby.client().ContinuityRecord("startup::Work.add")
	if r.Record.ReplicaStatus != "mirrored" || r.Record.OwnerNode == r.Record.ReplicaNode || r.Record.ExecutionNode != r.Record.OwnerNode {
		t.Fatalf("record %+v", r.Record)
	}
	l, err := prim.client().ContinuityList(0)
	if err != nil || l.TotalRecords != 1 {
		t.Fatalf("list %+v %v", l, err)
	}
	d, err := prim.client().Diagnostics(0)
	if err != nil || len(d.Entries) == 0 {
		t.Fatalf("diagnostics %+v %v", d, err)
	}
	// Wrong cookie: fails closed on both sides (CONTRACT 38).
	bad := NewOperatorClient(prim.name, DeriveKey("nope", infoOperator), keyIDCookie, 2*time.Second)
	_, err = bad.Status()
	want := "operator query status target " + prim.name + " unavailable: handshake with 127.0.0.1:" + p + " failed: authentication failed"
	if err == nil || err.Error() != want {
		t.Fatalf("err = %v\nwant %s", err, want)
	}
	waitFor(t, "server log", func() bool {
		return strings.Contains(prim.log.String(), "mesh node: handshake failed: cookie mismatch: authentication failed from ")
	})
	if strings.Contains(prim.log.String()+stby.log.String(), "dev-cookie") {
		t.Fatal("cookie logged")
	}
}

func TestStartTwice(t *testing.T) {
	port := freePort(t)
	n := startTestNode(t, "solo@127.0.0.1:"+strconv.Itoa(port), "primary", t.TempDir(), port, 100)
	_, err := n.rt.StartFromEnv()
	if err == nil || err.Error() != "mesh bootstrap start failed node=solo@127.0.0.1:"+strconv.Itoa(port)+": node already started" {
		t.Fatalf("second start: %v", err)
	}
}
