package clustertest

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/cluster"
)

func client(t *testing.T, target string) *cluster.OperatorClient { return benchClient(t, target) }

func benchClient(t testing.TB, target string) *cluster.OperatorClient {
	key, id, err := cluster.ResolveOperatorKey("dev-cookie", true, target, os.LookupEnv)
	if err != nil {
		t.Fatal(err)
	}
	return cluster.NewOperatorClient(target, key, id, 2*time.Second)
}

func nodeEnv(name, role string, port int, extra ...string) []string {
	return append([]string{
		"MESH_CLUSTER_COOKIE=dev-cookie", "MESH_NODE_NAME=" + name, "MESH_DISCOVERY_SEED=localhost",
		"MESH_CLUSTER_PORT=" + strconv.Itoa(port), "MESH_CONTINUITY_ROLE=" + role,
		"MESH_CONTINUITY_PROMOTION_EPOCH=0", "MESH_DISCOVERY_INTERVAL_MS=300",
	}, extra...)
}

func status(t *testing.T, target string) (cluster.StatusReply, bool) {
	st, err := client(t, target).Status()
	return st, err == nil
}

func record(t *testing.T, target string) (cluster.RecordView, bool) {
	r, err := client(t, target).ContinuityRecord("startup::Work.add")
	return r.Record, err == nil
}

// TestKillPrimaryInWindow is issue 3 item 7(b)+(d) with processes: kill -9
// of the primary inside the pending window → the standby is primary at
// epoch 1 and the record completes under a new attempt on it; the old
// primary restarted with its env and journal is fenced to standby at epoch 1.
func TestKillPrimaryInWindow(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim, stby := "primary@127.0.0.1:"+p, "standby@[::1]:"+p
	pp := Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=10000")...)
	sp := Start(t, bin, dir, "standby", nodeEnv(stby, "standby", port, "MESH_STARTUP_WORK_DELAY_MS=10000")...)

	Eventually(t, "mirrored on the standby", func() bool {
		r, ok := record(t, stby)
		return ok && r.ReplicaStatus == "mirrored" && r.Phase == "submitted"
	})
	first, _ := record(t, stby)
	st, _ := status(t, stby)
	if st.Authority.ClusterRole != "standby" || len(st.Membership.PeerNodes) != 1 {
		t.Fatalf("standby status %+v", st)
	}

	pp.Signal(syscall.SIGKILL)
	killed := time.Now()
	pp.Wait(5 * time.Second)
	var promoted time.Duration
	Eventually(t, "standby promoted", func() bool {
		st, ok := status(t, stby)
		if ok && st.Authority.ClusterRole == "primary" && st.Authority.PromotionEpoch == 1 && promoted == 0 {
			promoted = time.Since(killed)
		}
		return promoted != 0
	})
	Eventually(t, "recovered record completed", func() bool {
		r, ok := record(t, stby)
		return ok && r.Phase == "completed"
	})
	done := time.Since(killed)
	t.Logf("kill -9 → promoted in %v, in-flight work completed in %v", promoted, done)
	if testing.Verbose() {
		t.Logf("standby after the kill:\n%s", sp.StderrSince(killed))
	}
	r, _ := record(t, stby)
	if r.AttemptID == first.AttemptID || r.ExecutionNode != stby || r.OwnerNode != stby || r.PromotionEpoch != 1 {
		t.Fatalf("record after failover %+v (before %s)", r, first.AttemptID)
	}
	if strings.Contains(pp.Stdout(), "Work.add ran") {
		t.Fatal("killed primary ran the work")
	}
	if !strings.Contains(sp.Stderr(), "transition=automatic_promotion disconnected_node="+prim+" previous_epoch=0 next_epoch=1") {
		t.Fatalf("no automatic_promotion log")
	}

	// Restart the old primary with its original env: fenced (CONTRACT 28, 32).
	pp2 := Start(t, bin, dir, "primary-restarted", nodeEnv(prim, "primary", port)...)
	Eventually(t, "old primary fenced to standby at epoch 1", func() bool {
		st, ok := status(t, prim)
		return ok && st.Authority.ClusterRole == "standby" && st.Authority.PromotionEpoch == 1 && len(st.Membership.PeerNodes) == 1
	})
	Eventually(t, "record visible on the old primary", func() bool {
		r, ok := record(t, prim)
		return ok && r.Phase == "completed" && r.ExecutionNode == stby
	})
	st, _ = status(t, stby)
	if st.Authority.ClusterRole != "primary" || st.Authority.PromotionEpoch != 1 {
		t.Fatalf("promoted node status %+v", st)
	}
	if strings.Contains(pp2.Stdout(), "Work.add ran") {
		t.Fatal("restarted ex-primary re-executed the work")
	}
	if n := strings.Count(sp.Stdout(), "Work.add ran"); n != 1 {
		t.Fatalf("standby ran the work %d times", n)
	}

	// Graceful stop: SIGTERM → exit 0 (CONTRACT 40); the journal stays.
	pp2.Signal(syscall.SIGTERM)
	sp.Signal(syscall.SIGTERM)
	if c := pp2.Wait(10 * time.Second); c != 0 {
		t.Fatalf("ex-primary exit %d", c)
	}
	if c := sp.Wait(10 * time.Second); c != 0 {
		t.Fatalf("standby exit %d", c)
	}
	if _, err := os.Stat(filepath.Join(dir, ".mesh", "state", "standby@___1__"+p, "journal.db")); err != nil {
		t.Fatal(err)
	}
}

// TestKillPrimaryAfterCompletion is issue 3 item 7(c)+(e): the standby still
// promotes when nothing is in flight, and a restarted node keeps its
// authority and records from the journal.
func TestKillPrimaryAfterCompletion(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim, stby := "primary@127.0.0.1:"+p, "standby@[::1]:"+p
	pp := Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	sp := Start(t, bin, dir, "standby", nodeEnv(stby, "standby", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	Eventually(t, "completed on both", func() bool {
		a, ok1 := record(t, prim)
		b, ok2 := record(t, stby)
		return ok1 && ok2 && a.Phase == "completed" && b.Phase == "completed"
	})
	before, _ := record(t, stby)
	pp.Signal(syscall.SIGKILL)
	pp.Wait(5 * time.Second)
	Eventually(t, "standby promoted", func() bool {
		st, ok := status(t, stby)
		return ok && st.Authority.ClusterRole == "primary" && st.Authority.PromotionEpoch == 1
	})
	sp.Signal(syscall.SIGTERM)
	if c := sp.Wait(10 * time.Second); c != 0 {
		t.Fatalf("exit %d", c)
	}
	sp2 := Start(t, bin, dir, "standby-restarted", nodeEnv(stby, "standby", port)...)
	Eventually(t, "restored authority", func() bool {
		st, ok := status(t, stby)
		return ok && st.Authority.ClusterRole == "primary" && st.Authority.PromotionEpoch == 1
	})
	r, ok := record(t, stby)
	if !ok || r.Phase != "completed" || r.AttemptID != before.AttemptID || r.ExecutionNode != before.ExecutionNode {
		t.Fatalf("restored record %+v, before %+v", r, before)
	}
	time.Sleep(500 * time.Millisecond)
	if strings.Contains(sp2.Stdout(), "Work.add ran") {
		t.Fatal("work re-ran after restart")
	}
}
