package clustertest

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestStopPrimaryPromotes: SIGTERM on the primary leaves the cluster and
// exits 0; the standby promotes on member-leave (CONTRACT 26, 40).
func TestStopPrimaryPromotes(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim, stby := "primary@127.0.0.1:"+p, "standby@[::1]:"+p
	pp := Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	Start(t, bin, dir, "standby", nodeEnv(stby, "standby", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	Eventually(t, "completed on the standby", func() bool {
		r, ok := record(t, stby)
		return ok && r.Phase == "completed"
	})
	pp.Signal(syscall.SIGTERM)
	if c := pp.Wait(10 * time.Second); c != 0 {
		t.Fatalf("primary exit %d", c)
	}
	Eventually(t, "standby promoted", func() bool {
		st, ok := status(t, stby)
		return ok && st.Authority.ClusterRole == "primary" && st.Authority.PromotionEpoch == 1 && len(st.Membership.PeerNodes) == 0
	})
}

// TestFastRestart: a primary killed and restarted faster than failure
// detection shows up as a new `inc` (CONTRACT 20). It comes back primary
// from its journal, so no alive member lost the primary role: nobody
// promotes (CONTRACT 26), the pair re-forms and nothing runs again.
func TestFastRestart(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim, stby := "primary@127.0.0.1:"+p, "standby@[::1]:"+p
	pp := Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	sp := Start(t, bin, dir, "standby", nodeEnv(stby, "standby", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	Eventually(t, "completed on the standby", func() bool {
		r, ok := record(t, stby)
		return ok && r.Phase == "completed"
	})
	before, _ := record(t, stby)
	pp.Signal(syscall.SIGKILL)
	pp.Wait(5 * time.Second)
	again := Start(t, bin, dir, "primary-again", nodeEnv(prim, "primary", port)...)
	Eventually(t, "pair re-formed", func() bool {
		a, ok1 := status(t, stby)
		b, ok2 := status(t, prim)
		return ok1 && ok2 && len(a.Membership.PeerNodes) == 1 && len(b.Membership.PeerNodes) == 1
	})
	time.Sleep(time.Second)
	a, _ := status(t, stby)
	b, _ := status(t, prim)
	if a.Authority.ClusterRole != "standby" || b.Authority.ClusterRole != "primary" || a.Authority.PromotionEpoch != 0 || b.Authority.PromotionEpoch != 0 {
		t.Fatalf("roles after a fast restart: standby %+v primary %+v", a.Authority, b.Authority)
	}
	r, _ := record(t, prim)
	if r.Phase != "completed" || r.AttemptID != before.AttemptID {
		t.Fatalf("record after restart %+v", r)
	}
	if strings.Contains(again.Stdout(), "Work.add ran") || strings.Count(pp.Stdout()+sp.Stdout(), "Work.add ran") != 1 {
		t.Fatal("work ran again")
	}
}
