package cluster

import (
	"strconv"
	"testing"
)

// TestPartitionHeal: a partition leaves a primary on each side (no quorum,
// CONTRACT 31); on heal the lower epoch is fenced by the higher epoch's
// tags (CONTRACT 28) and one primary remains.
func TestPartitionHeal(t *testing.T) {
	port := freePort(t)
	p := strconv.Itoa(port)
	dir := t.TempDir()
	prim := startTestNode(t, "primary@127.0.0.1:"+p, "primary", dir, port, 100)
	stby := startTestNode(t, "standby@[::1]:"+p, "standby", dir, port, 100)
	waitFor(t, "completed on both", func() bool {
		for _, n := range []*testNode{prim, stby} {
			r, err := n.client().ContinuityRecord("startup::Work.add")
			if err != nil || r.Record.Phase != "completed" {
				return false
			}
		}
		return true
	})
	cut := func(n *testNode, other string) {
		f := func(addr string) bool { return addr == other }
		n.rt.node.mux.partition.Store(&f)
	}
	cut(prim, "[::1]:"+p)
	cut(stby, "127.0.0.1:"+p)
	waitFor(t, "two primaries", func() bool {
		a, err1 := prim.client().Status()
		b, err2 := stby.client().Status()
		return err1 == nil && err2 == nil && len(a.Membership.PeerNodes) == 0 && len(b.Membership.PeerNodes) == 0 &&
			a.Authority.ClusterRole == "primary" && a.Authority.PromotionEpoch == 0 &&
			b.Authority.ClusterRole == "primary" && b.Authority.PromotionEpoch == 1
	})
	prim.rt.node.mux.partition.Store(nil)
	stby.rt.node.mux.partition.Store(nil)
	waitFor(t, "healed: the lower epoch is fenced", func() bool {
		a, err1 := prim.client().Status()
		b, err2 := stby.client().Status()
		return err1 == nil && err2 == nil && len(a.Membership.PeerNodes) == 1 && len(b.Membership.PeerNodes) == 1 &&
			a.Authority.ClusterRole == "standby" && a.Authority.PromotionEpoch == 1 &&
			b.Authority.ClusterRole == "primary" && b.Authority.PromotionEpoch == 1
	})
}
