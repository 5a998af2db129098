package cluster

import (
	"io"
	"sort"
	"time"

	"github.com/hashicorp/memberlist"
	"github.com/hashicorp/serf/serf"
)

// Tag names: exactly these three (CONTRACT 20).
const (
	tagRole  = "role"
	tagEpoch = "epoch"
	tagInc   = "inc"
)

// serfConfig builds serf's configuration for a node: NodeName is the Mesh
// node name (ValidateNodeNames off, CONTRACT 19), the transport is the
// node's one port, gossip is encrypted with HKDF(cookie, mesh-gossip-v1)
// (CONTRACT 11, 24), and failure detection is the profile of CONTRACT 21.
func serfConfig(name, cookie string, mux *portMux, tags map[string]string, events chan<- serf.Event) *serf.Config {
	ml := memberlist.DefaultLANConfig()
	ml.Name = name
	ml.Transport = mux
	ml.BindAddr = mux.ip.String()
	ml.BindPort = mux.port
	ml.AdvertiseAddr = mux.ip.String()
	ml.AdvertisePort = mux.port
	ml.SecretKey = DeriveKey(cookie, infoGossip)
	ml.GossipVerifyIncoming = true
	ml.GossipVerifyOutgoing = true
	// CONTRACT 21: kill -9 → failed in about 0.7–0.9 s on loopback.
	ml.ProbeInterval = 200 * time.Millisecond
	ml.ProbeTimeout = 100 * time.Millisecond
	ml.GossipInterval = 50 * time.Millisecond
	ml.SuspicionMult = 2
	ml.DeadNodeReclaimTime = time.Second
	ml.PushPullInterval = 5 * time.Second
	ml.TCPTimeout = 2 * time.Second
	ml.LogOutput = io.Discard

	sc := serf.DefaultConfig()
	sc.NodeName = name
	sc.ValidateNodeNames = false
	sc.Tags = tags
	sc.EventCh = events
	sc.MemberlistConfig = ml
	sc.LeavePropagateDelay = 200 * time.Millisecond
	sc.BroadcastTimeout = 2 * time.Second
	sc.ReconnectInterval = 2 * time.Second
	sc.ReconnectTimeout = 10 * time.Minute
	sc.TombstoneTimeout = 10 * time.Minute
	sc.ReapInterval = 5 * time.Second
	sc.CoalescePeriod = 0
	sc.UserCoalescePeriod = 0
	sc.LogOutput = io.Discard
	return sc
}

// aliveMembers is the alive view (CONTRACT 19): members whose status is
// alive, sorted by name, self included.
func aliveMembers(s *serf.Serf) []serf.Member {
	var out []serf.Member
	for _, m := range s.Members() {
		if m.Status == serf.StatusAlive {
			out = append(out, m)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}
