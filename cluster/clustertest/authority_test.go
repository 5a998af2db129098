package clustertest

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestDualPrimary: two nodes both started primary at epoch 0: the one that
// sorts later demotes to standby at the same epoch (CONTRACT 14, 28), and
// startup work still completes.
func TestDualPrimary(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	a, b := "alpha@127.0.0.1:"+p, "beta@[::1]:"+p
	ap := Start(t, bin, dir, "alpha", nodeEnv(a, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	bp := Start(t, bin, dir, "beta", nodeEnv(b, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	Eventually(t, "one primary, one standby", func() bool {
		sa, ok1 := status(t, a)
		sb, ok2 := status(t, b)
		return ok1 && ok2 && len(sa.Membership.PeerNodes) == 1 && len(sb.Membership.PeerNodes) == 1 &&
			sa.Authority.ClusterRole != sb.Authority.ClusterRole
	})
	sa, _ := status(t, a)
	sb, _ := status(t, b)
	// The node later in placement order (§4.10: by hash of the name)
	// demotes, at the same epoch, and says why.
	demoted := ap
	if sb.Authority.ClusterRole == "standby" {
		demoted = bp
	}
	if sa.Authority.PromotionEpoch != 0 || sb.Authority.PromotionEpoch != 0 ||
		!strings.Contains(demoted.Stderr(), "reason=dual_primary:") {
		t.Fatalf("alpha %+v, beta %+v:\n%s", sa.Authority, sb.Authority, demoted.Stderr())
	}
	Eventually(t, "work completed", func() bool {
		r, ok := record(t, a)
		return ok && r.Phase == "completed"
	})
	time.Sleep(500 * time.Millisecond)
	if n := strings.Count(ap.Stdout()+bp.Stdout(), "Work.add ran"); n < 1 {
		t.Fatalf("work ran %d times", n)
	}
	if !strings.Contains(ap.Stderr()+bp.Stderr(), "dual_primary") {
		t.Fatalf("no dual_primary fencing logged:\n%s\n%s", ap.Stderr(), bp.Stderr())
	}
}

// TestEnvEpochForcesPrimary: an env epoch above the journal's wins
// (CONTRACT 32: how an operator forces a primary); the other node is
// fenced to standby at that epoch.
func TestEnvEpochForcesPrimary(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim, stby := "primary@127.0.0.1:"+p, "standby@[::1]:"+p
	Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	sp := Start(t, bin, dir, "standby", nodeEnv(stby, "standby", port, "MESH_STARTUP_WORK_DELAY_MS=200")...)
	Eventually(t, "completed", func() bool {
		r, ok := record(t, stby)
		return ok && r.Phase == "completed"
	})
	sp.Signal(syscall.SIGTERM)
	if c := sp.Wait(10 * time.Second); c != 0 {
		t.Fatalf("standby exit %d", c)
	}
	Start(t, bin, dir, "standby-forced", nodeEnv(stby, "primary", port, "MESH_CONTINUITY_PROMOTION_EPOCH=5")...)
	Eventually(t, "forced primary at 5, old primary fenced at 5", func() bool {
		a, ok1 := status(t, stby)
		b, ok2 := status(t, prim)
		return ok1 && ok2 && a.Authority.ClusterRole == "primary" && a.Authority.PromotionEpoch == 5 &&
			b.Authority.ClusterRole == "standby" && b.Authority.PromotionEpoch == 5
	})
}
