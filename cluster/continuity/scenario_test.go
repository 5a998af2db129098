package continuity

import (
	"container/heap"
	"fmt"
	"math/rand"
	"strings"
	"testing"
	"time"
)

// Scripted scenarios on the simulator: the observable sequences of cluster-reference §5.8,
// §9.2–9.4 as amended by CONTRACT 26–32, 36.

func newScripted(t *testing.T, works []simWork, nodes ...simNode) *sim {
	s := &sim{t: t, seed: 1, rng: rand.New(rand.NewSource(1)), streams: map[[2]int]*simStream{}, cut: map[[2]int]bool{},
		dispatches: map[string]int{}, completions: map[string]int{}, versions: map[string]map[string]bool{},
		acked: map[string]bool{}, ackedDone: map[string]bool{}, everPrimary: map[string]bool{}, dualSince: map[[2]int]time.Duration{},
		created: map[string]time.Duration{}, firstAttempt: map[string]string{}, lastDown: map[int]time.Duration{}, lastCut: map[[2]int]time.Duration{}, pruned: map[string]bool{}, closed: map[string]bool{},
		stats: &simStats{reasons: map[string]int{}}, delay: 5 * time.Millisecond, works: works, window: 2500 * time.Millisecond}
	for i := range nodes {
		n := nodes[i]
		n.id = i
		n.journal = NewJournal()
		s.nodes = append(s.nodes, &n)
	}
	return s
}

func (s *sim) runFor(t *testing.T, d time.Duration) {
	t.Helper()
	s.run(s.now + d)
	if s.q.Len() == 0 || s.q[0].at > s.now+d {
		s.now += d
	}
	if s.failed != "" {
		t.Fatalf("%s\n%s", s.failed, strings.Join(s.trace, "\n"))
	}
}

func (s *sim) runUntil(t *testing.T, limit time.Duration, what string, cond func() bool) {
	t.Helper()
	end := s.now + limit
	for !cond() {
		if s.now >= end {
			t.Fatalf("timed out waiting for %s\n%s", what, strings.Join(s.trace, "\n"))
		}
		s.runFor(t, 10*time.Millisecond)
	}
}

func diagHas(e *Engine, transition string, pred func(d Diagnostic) bool) bool {
	for _, d := range e.Committed().Diagnostics {
		if d.Transition == transition && (pred == nil || pred(d)) {
			return true
		}
	}
	return false
}

func meta(d Diagnostic, k string) string {
	for _, m := range d.Metadata {
		if m.Key == k {
			return m.Value
		}
	}
	return ""
}

func deref(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return *p
}

func hasLine(lines []string, prefix string) bool {
	for _, l := range lines {
		if strings.HasPrefix(l, prefix) {
			return true
		}
	}
	return false
}

const (
	pName = "primary@127.0.0.1:4370" // owns startup::Work.add with the standby below
	sName = "standby@[::1]:4370"
)

// TestFailoverScenario: §5.8 / §9.4 — kill the primary inside the pending window, the
// standby promotes, recovers the work on a new attempt; the restarted primary is fenced.
func TestFailoverScenario(t *testing.T) {
	if Owner("startup::Work.add", []string{pName, sName}) != pName {
		t.Fatal("test premise: the primary must own startup::Work.add")
	}
	s := newScripted(t, []simWork{{"Work.add", 2}},
		simNode{name: pName, env: Authority{Role: RolePrimary}},
		simNode{name: sName, env: Authority{Role: RoleStandby}})
	p, sb := s.nodes[0], s.nodes[1]
	s.start(p)
	s.start(sb)
	s.runUntil(t, 5*time.Second, "mirrored on the standby", func() bool {
		r, ok := sb.eng.Committed().Records["startup::Work.add"]
		return ok && r.ReplicaStatus == StatusMirrored
	})
	// Pre-kill: the standby's view is exactly §6.5's single-record example.
	got, err := sb.eng.Lookup(sName, "startup::Work.add")
	if err != nil {
		t.Fatal(err)
	}
	js, _ := MarshalSnapshot(got)
	want := `{
  "record": {
    "attempt_id": "attempt-0",
    "cluster_role": "standby",
    "declared_handler_runtime_name": "Work.add",
    "error": "",
    "execution_node": "",
    "fell_back_locally": true,
    "ingress_node": "primary@127.0.0.1:4370",
    "owner_node": "primary@127.0.0.1:4370",
    "payload_hash": "startup-payload::Work.add",
    "phase": "submitted",
    "promotion_epoch": 0,
    "replica_node": "standby@[::1]:4370",
    "replica_status": "mirrored",
    "replication_count": 2,
    "replication_health": "healthy",
    "request_key": "startup::Work.add",
    "result": "pending",
    "routed_remotely": false
  },
  "target": "standby@[::1]:4370"
}
`
	if string(js) != want {
		t.Fatalf("standby record JSON:\n%s\nwant:\n%s", js, want)
	}
	if l := sb.eng.ContinuityList(sName, 0); l.TotalRecords != 1 || l.Truncated {
		t.Fatalf("standby list %+v", l)
	}
	if !hasLine(p.logs, "[mesh-rt startup] transition=startup_dispatch_window runtime_name=Work.add request_key=startup::Work.add pending_window_ms=2500 ownership=language_owned") {
		t.Fatalf("primary logs lack startup_dispatch_window:\n%s", strings.Join(p.logs, "\n"))
	}

	s.kill(p)
	s.runUntil(t, 10*time.Second, "recovery on the standby", func() bool {
		r, ok := sb.eng.Committed().Records["startup::Work.add"]
		return ok && r.Phase == PhaseCompleted
	})
	st := sb.eng.Status(sName)
	if st.Authority.ClusterRole != RolePrimary || st.Authority.PromotionEpoch != 1 || len(st.Membership.PeerNodes) != 0 ||
		st.Authority.ReplicationHealth != HealthLocalOnly || fmt.Sprint(st.Membership.Nodes) != "["+sName+"]" {
		t.Fatalf("post-kill standby status %+v", st)
	}
	rec, _ := sb.eng.Lookup(sName, "startup::Work.add")
	r := rec.Record
	if r.AttemptID == "attempt-0" || r.OwnerNode != sName || r.ExecutionNode != sName || r.ReplicaNode != "" ||
		r.Result != ResultSucceeded || r.ClusterRole != RolePrimary || r.PromotionEpoch != 1 {
		t.Fatalf("post-kill record %+v", r)
	}
	e := sb.eng
	if !diagHas(e, "automatic_promotion", func(d Diagnostic) bool {
		return deref(d.ClusterRole) == RolePrimary && *d.PromotionEpoch == 1 && meta(d, "previous_epoch") == "0" &&
			deref(d.Reason) == "peer_lost:"+pName
	}) {
		t.Errorf("no automatic_promotion diagnostic")
	}
	if !diagHas(e, "automatic_recovery", func(d Diagnostic) bool {
		return meta(d, "previous_attempt_id") == "attempt-0" && meta(d, "runtime_name") == "Work.add"
	}) {
		t.Errorf("no automatic_recovery diagnostic")
	}
	if !diagHas(e, "recovery_rollover", func(d Diagnostic) bool {
		return deref(d.OwnerNode) == sName && deref(d.ClusterRole) == RolePrimary && *d.PromotionEpoch == 1
	}) {
		t.Errorf("no recovery_rollover diagnostic")
	}
	for _, want := range []string{
		"[mesh-rt continuity] transition=automatic_promotion disconnected_node=" + pName + " previous_epoch=0 next_epoch=1",
		"[mesh-rt continuity] transition=promote previous_role=standby previous_epoch=0 next_role=primary next_epoch=1",
		"[mesh-rt continuity] transition=automatic_recovery request_key=startup::Work.add previous_attempt_id=attempt-0 next_attempt_id=" + r.AttemptID + " runtime_name=Work.add",
		"[mesh-rt continuity] transition=recovery_rollover request_key=startup::Work.add previous_attempt_id=attempt-0 next_attempt_id=" + r.AttemptID,
		"[mesh-rt continuity] transition=completed request_key=startup::Work.add attempt_id=" + r.AttemptID + " execution=" + sName,
	} {
		if !hasLine(sb.logs, want) {
			t.Errorf("standby log lacks %q", want)
		}
	}
	if hasLine(p.logs, "[mesh-rt continuity] transition=completed request_key=startup::Work.add attempt_id=attempt-0") {
		t.Errorf("killed primary completed the old attempt")
	}

	// Restart the old primary with its original env: fenced to standby at epoch 1.
	p.logs = nil
	s.start(p)
	s.runFor(t, 5*time.Second)
	ps := p.eng.Status(pName)
	if ps.Authority.ClusterRole != RoleStandby || ps.Authority.PromotionEpoch != 1 || ps.Authority.ReplicationHealth != HealthHealthy ||
		fmt.Sprint(ps.Membership.PeerNodes) != "["+sName+"]" {
		t.Fatalf("rejoined primary status %+v", ps)
	}
	if ss := sb.eng.Status(sName); ss.Authority.ClusterRole != RolePrimary || ss.Authority.PromotionEpoch != 1 {
		t.Fatalf("promoted standby status %+v", ss)
	}
	if !diagHas(p.eng, "fenced_rejoin", func(d Diagnostic) bool {
		return deref(d.ClusterRole) == RoleStandby && *d.PromotionEpoch == 1 && meta(d, "previous_role") == RolePrimary &&
			meta(d, "previous_epoch") == "0"
	}) {
		t.Errorf("no fenced_rejoin on the rejoined primary")
	}
	if !hasLine(p.logs, "[mesh-rt continuity] transition=fenced_rejoin") {
		t.Errorf("rejoined primary log lacks fenced_rejoin")
	}
	pr, err := p.eng.Lookup(pName, "startup::Work.add")
	if err != nil || pr.Record.AttemptID != r.AttemptID || pr.Record.Phase != PhaseCompleted || pr.Record.OwnerNode != sName ||
		pr.Record.ExecutionNode != sName || pr.Record.ClusterRole != RoleStandby || pr.Record.PromotionEpoch != 1 {
		t.Fatalf("rejoined primary record %+v %v", pr.Record, err)
	}
	if hasLine(p.logs, "[mesh-rt continuity] transition=completed") {
		t.Errorf("rejoined primary executed work:\n%s", strings.Join(p.logs, "\n"))
	}
}

// TestTwoNodeStartup: §9.3 — one record, mirrored, completed on its owner, same on both.
func TestTwoNodeStartup(t *testing.T) {
	for _, port := range []string{"4370", "4375"} { // primary-owned and standby-owned
		s := newScripted(t, []simWork{{"Work.add", 2}},
			simNode{name: "primary@127.0.0.1:" + port, env: Authority{Role: RolePrimary}},
			simNode{name: "standby@[::1]:" + port, env: Authority{Role: RoleStandby}})
		s.start(s.nodes[0])
		s.start(s.nodes[1])
		s.runFor(t, 8*time.Second)
		var first RecordJSON
		for i, n := range s.nodes {
			l := n.eng.ContinuityList(n.name, 0)
			if l.TotalRecords != 1 || len(l.Records) != 1 {
				t.Fatalf("%s list %+v", n.name, l)
			}
			r := l.Records[0]
			if r.Phase != PhaseCompleted || r.OwnerNode == r.ReplicaNode || r.ExecutionNode != r.OwnerNode ||
				r.ReplicaStatus != StatusMirrored || r.Error != "" || r.RequestKey != "startup::Work.add" {
				t.Fatalf("%s record %+v", n.name, r)
			}
			if i == 0 {
				first = r
			} else if r.OwnerNode != first.OwnerNode || r.ReplicaNode != first.ReplicaNode || r.AttemptID != first.AttemptID {
				t.Fatalf("nodes disagree: %+v vs %+v", r, first)
			}
			st := n.eng.Status(n.name)
			if st.Authority.ReplicationHealth != HealthHealthy || len(st.Membership.PeerNodes) != 1 {
				t.Fatalf("%s status %+v", n.name, st)
			}
			if diagHas(n.eng, "startup_rejected", nil) || diagHas(n.eng, "startup_convergence_timeout", nil) {
				t.Fatalf("%s has startup_rejected/convergence_timeout", n.name)
			}
		}
		for _, tr := range []string{"startup_trigger", "startup_dispatch_window", "startup_completed"} {
			if !diagHas(s.nodes[0].eng, tr, nil) {
				t.Errorf("port %s: primary lacks %s", port, tr)
			}
		}
		if !diagHas(s.nodes[1].eng, "startup_skipped", nil) {
			t.Errorf("standby did not skip startup work")
		}
	}
}

// TestSingleNodeStartup: §9.2 with CONTRACT 30/36 — counts relax to what is alive, so
// @cluster(3) also completes alone.
func TestSingleNodeStartup(t *testing.T) {
	name := "app@127.0.0.1:4370"
	s := newScripted(t, []simWork{{"Work.handle_submit", 2}, {"Work.handle_retry", 3}},
		simNode{name: name, env: Authority{Role: RolePrimary}})
	s.start(s.nodes[0])
	s.runFor(t, 6*time.Second)
	e := s.nodes[0].eng
	st := e.Status(name)
	if st.Authority.ClusterRole != RolePrimary || st.Authority.PromotionEpoch != 0 || st.Authority.ReplicationHealth != HealthLocalOnly ||
		len(st.Membership.PeerNodes) != 0 {
		t.Fatalf("status %+v", st)
	}
	l := e.ContinuityList(name, 0)
	if l.TotalRecords != 2 {
		t.Fatalf("list %+v", l)
	}
	for _, r := range l.Records {
		if r.Phase != PhaseCompleted || r.OwnerNode != name || r.ExecutionNode != name || r.ReplicaNode != "" ||
			r.ReplicaStatus != StatusUnassigned || r.Error != "" {
			t.Fatalf("record %+v", r)
		}
	}
	if !diagHas(e, "startup_trigger", nil) || !diagHas(e, "startup_completed", nil) || diagHas(e, "startup_rejected", nil) ||
		diagHas(e, "startup_convergence_timeout", nil) || diagHas(e, "startup_dispatch_window", nil) {
		t.Fatalf("diagnostics:\n%s", FormatHumanDiagnostics(e.Diagnostics(name, 0)))
	}
	human := FormatHumanList(l)
	for _, want := range []string{"declared_handler_runtime_name=Work.handle_retry", "replication_count=3", "phase=completed", "result=succeeded"} {
		if !strings.Contains(human, want) {
			t.Errorf("human list lacks %q:\n%s", want, human)
		}
	}
}

// TestFailedWorkIsClosed: CONTRACT 16.
func TestFailedWorkIsClosed(t *testing.T) {
	e := New(Config{Standalone: true})
	e.Step(Boot{})
	e.Step(RegisterWork{RuntimeName: "Work.crash", Replicas: 1})
	var d Dispatch
	for _, a := range e.Step(TriggerStartup{}) {
		if x, ok := a.(Dispatch); ok {
			d = x
		}
	}
	acts := e.Step(WorkFinished{Key: d.Key, Attempt: d.Attempt, Failed: true, Message: "oops"})
	r, _ := e.Lookup("x", "startup::Work.crash")
	if r.Record.Phase != PhaseRejected || r.Record.Result != ResultRejected || r.Record.Error != "declared_work_failed:oops" {
		t.Fatalf("record %+v", r.Record)
	}
	if !hasLine(logs(acts), "[mesh-rt startup] transition=startup_rejected runtime_name=Work.crash request_key=startup::Work.crash attempt_id=attempt-0 owner=standalone@local replica= reason=declared_work_failed:oops") {
		t.Fatalf("logs %v", logs(acts))
	}
}

// TestPrimaryLossWithoutPendingWork: CONTRACT 14/26–27 — promotion happens even when all
// work completed; other standbys log not_candidate.
func TestPrimaryLossWithoutPendingWork(t *testing.T) {
	s := newScripted(t, []simWork{{"Work.add", 2}},
		simNode{name: "a@10.0.0.1:4370", env: Authority{Role: RolePrimary}},
		simNode{name: "b@10.0.0.2:4370", env: Authority{Role: RoleStandby}},
		simNode{name: "c@10.0.0.3:4370", env: Authority{Role: RoleStandby}})
	for _, n := range s.nodes {
		s.start(n)
	}
	s.runFor(t, 8*time.Second)
	for _, n := range s.nodes {
		if r := n.eng.Committed().Records["startup::Work.add"]; r.Phase != PhaseCompleted {
			t.Fatalf("%s: startup record %+v", n.name, r)
		}
	}
	s.kill(s.nodes[0])
	s.runFor(t, 3*time.Second)
	cand := PlacementOrder([]string{"b@10.0.0.2:4370", "c@10.0.0.3:4370"})[0]
	for _, n := range s.nodes[1:] {
		a := n.eng.Authority()
		if n.name == cand {
			if a != (Authority{RolePrimary, 1}) {
				t.Fatalf("candidate %s authority %+v", n.name, a)
			}
		} else {
			if a != (Authority{RoleStandby, 1}) {
				t.Fatalf("other %s authority %+v", n.name, a)
			}
			// It either saw the loss first (not_candidate) or learned epoch 1 from the new
			// primary's records first (fenced_rejoin); both are CONTRACT 27–28.
			rejected := hasLine(n.logs, "[mesh-rt continuity] transition=automatic_promotion_rejected disconnected_node=a@10.0.0.1:4370") &&
				diagHas(n.eng, "automatic_promotion_rejected", func(d Diagnostic) bool {
					return deref(d.Reason) == "automatic_promotion_rejected:not_candidate"
				})
			if !rejected && !hasLine(n.logs, "[mesh-rt continuity] transition=fenced_rejoin") {
				t.Fatalf("%s neither rejected promotion nor was fenced:\n%s", n.name, strings.Join(n.logs, "\n"))
			}
		}
	}
}

// TestDualPrimaryResolution: CONTRACT 28 — two env primaries at epoch 0: the later one in
// placement order demotes; startup work runs once.
func TestDualPrimaryResolution(t *testing.T) {
	s := newScripted(t, []simWork{{"Work.add", 2}},
		simNode{name: "a@10.0.0.1:4370", env: Authority{Role: RolePrimary}},
		simNode{name: "b@10.0.0.2:4370", env: Authority{Role: RolePrimary}})
	s.splitBrain = true // two env primaries until fencing settles
	for _, n := range s.nodes {
		s.start(n)
	}
	s.runFor(t, 8*time.Second)
	first := PlacementOrder([]string{"a@10.0.0.1:4370", "b@10.0.0.2:4370"})[0]
	for _, n := range s.nodes {
		want := Authority{RoleStandby, 0}
		if n.name == first {
			want.Role = RolePrimary
		}
		if a := n.eng.Authority(); a != want {
			t.Fatalf("%s authority %+v want %+v", n.name, a, want)
		}
	}
	if len(s.dispatches) != 1 {
		t.Fatalf("startup work dispatched %d times: %v", len(s.dispatches), s.dispatches)
	}
}

// TestRestartAuthority: CONTRACT 32.
func TestRestartAuthority(t *testing.T) {
	cases := []struct {
		journal *Authority
		env     Authority
		want    Authority
	}{
		{nil, Authority{RoleStandby, 0}, Authority{RoleStandby, 0}},
		{&Authority{RoleStandby, 1}, Authority{RolePrimary, 0}, Authority{RoleStandby, 1}},
		{&Authority{RoleStandby, 1}, Authority{RolePrimary, 2}, Authority{RolePrimary, 2}},
		{&Authority{RolePrimary, 1}, Authority{RoleStandby, 1}, Authority{RolePrimary, 1}},
		{&Authority{RoleStandby, 0}, Authority{RolePrimary, 0}, Authority{RoleStandby, 0}},
	}
	for _, c := range cases {
		j := NewJournal()
		j.Authority = c.journal
		e := New(Config{NodeName: "n@h:1", Incarnation: "x", Env: c.env})
		acts := e.Step(Boot{Journal: j})
		if e.Authority() != c.want {
			t.Errorf("journal %v env %v: got %v want %v", c.journal, c.env, e.Authority(), c.want)
		}
		var tags *SetTags
		for i := 0; i < len(acts); i++ {
			if x, ok := acts[i].(SetTags); ok {
				tags = &x
			}
			if x, ok := acts[i].(Commit); ok {
				acts = append(acts, e.Step(CommitDone{ID: x.ID})...)
			}
		}
		if tags == nil || tags.Role != c.want.Role || tags.Epoch != c.want.Epoch || tags.Tags()["inc"] != "x" {
			t.Errorf("journal %v env %v: tags %+v", c.journal, c.env, tags)
		}
	}
}

// TestReplicaLostInWindow: §9.5 — killing the replica of a pending record degrades it on the
// owner (replica_lost), and the work still completes.
func TestReplicaLostInWindow(t *testing.T) {
	s := newScripted(t, []simWork{{"Work.add", 2}},
		simNode{name: pName, env: Authority{Role: RolePrimary}},
		simNode{name: sName, env: Authority{Role: RoleStandby}})
	p, sb := s.nodes[0], s.nodes[1]
	s.start(p)
	s.start(sb)
	s.runUntil(t, 5*time.Second, "mirrored on the primary", func() bool {
		r, ok := p.eng.Committed().Records["startup::Work.add"]
		return ok && r.ReplicaStatus == StatusMirrored
	})
	s.kill(sb)
	s.runUntil(t, 5*time.Second, "degraded on the primary", func() bool {
		return diagHas(p.eng, "degraded", func(d Diagnostic) bool {
			return deref(d.ReplicaNode) == sName && strings.Contains(deref(d.Reason), "replica_lost")
		})
	})
	if h := p.eng.Status(pName).Authority.ReplicationHealth; h != HealthLocalOnly {
		t.Errorf("status health alone = %s", h)
	}
	s.runUntil(t, 5*time.Second, "completion", func() bool {
		r := p.eng.Committed().Records["startup::Work.add"]
		return r.Phase == PhaseCompleted && r.AttemptID == "attempt-0" && r.ExecutionNode == pName
	})
	if p.eng.Authority() != (Authority{RolePrimary, 0}) {
		t.Fatalf("primary authority %+v", p.eng.Authority())
	}
}

// TestOwnerLostOnPrimary: the standby owns the startup record and dies in the window; the
// primary (which never promotes) rolls the work over onto itself (CONTRACT 29, upstream
// weak point 5).
func TestOwnerLostOnPrimary(t *testing.T) {
	p4375, s4375 := "primary@127.0.0.1:4375", "standby@[::1]:4375"
	if Owner("startup::Work.add", []string{p4375, s4375}) != s4375 {
		t.Fatal("test premise: the standby must own startup::Work.add")
	}
	s := newScripted(t, []simWork{{"Work.add", 2}},
		simNode{name: p4375, env: Authority{Role: RolePrimary}},
		simNode{name: s4375, env: Authority{Role: RoleStandby}})
	p, sb := s.nodes[0], s.nodes[1]
	s.start(p)
	s.start(sb)
	s.runUntil(t, 5*time.Second, "mirrored on the primary", func() bool {
		r, ok := p.eng.Committed().Records["startup::Work.add"]
		return ok && r.ReplicaStatus == StatusMirrored
	})
	s.kill(sb)
	s.runUntil(t, 5*time.Second, "rollover completion on the primary", func() bool {
		r := p.eng.Committed().Records["startup::Work.add"]
		return r.Phase == PhaseCompleted
	})
	r := p.eng.Committed().Records["startup::Work.add"]
	if r.AttemptID == "attempt-0" || r.ExecutionNode != p4375 || r.OwnerNode != p4375 {
		t.Fatalf("record %+v", r)
	}
	if !hasLine(p.logs, "[mesh-rt continuity] transition=owner_lost request_key=startup::Work.add attempt_id=attempt-0 owner="+s4375) ||
		!hasLine(p.logs, "[mesh-rt continuity] transition=recovery_rollover request_key=startup::Work.add previous_attempt_id=attempt-0") ||
		!hasLine(p.logs, "[mesh-rt startup] transition=startup_completed runtime_name=Work.add request_key=startup::Work.add attempt_id="+r.AttemptID) {
		t.Fatalf("primary logs:\n%s", strings.Join(p.logs, "\n"))
	}
	if len(s.dispatches) != 1 {
		t.Fatalf("dispatches %v", s.dispatches)
	}
}

// TestFastRestartOfPrimary: a primary restarted faster than failure detection shows as a
// new inc (CONTRACT 20): the restarted node is still the alive primary, so nobody promotes;
// it rolls its own orphaned work over once membership settled, and the work runs once.
func TestFastRestartOfPrimary(t *testing.T) {
	s := newScripted(t, []simWork{{"Work.add", 2}},
		simNode{name: pName, env: Authority{Role: RolePrimary}},
		simNode{name: sName, env: Authority{Role: RoleStandby}})
	p, sb := s.nodes[0], s.nodes[1]
	s.start(p)
	s.start(sb)
	s.runUntil(t, 5*time.Second, "mirrored on the standby", func() bool {
		r, ok := sb.eng.Committed().Records["startup::Work.add"]
		return ok && r.ReplicaStatus == StatusMirrored
	})
	s.kill(p)
	// Drop the others' (slow) failure detection: they only see the restart's new inc.
	var keep eventHeap
	for _, ev := range s.q {
		if ev.kind != kRefresh {
			keep = append(keep, ev)
		}
	}
	s.q = keep
	heap.Init(&s.q)
	s.start(p)
	s.runFor(t, 8*time.Second)
	for _, n := range s.nodes {
		r := n.eng.Committed().Records["startup::Work.add"]
		if r.Phase != PhaseCompleted || r.AttemptID == "attempt-0" {
			t.Fatalf("%s record %+v", n.name, r)
		}
	}
	if sb.eng.Authority() != (Authority{RoleStandby, 0}) || p.eng.Authority() != (Authority{RolePrimary, 0}) {
		t.Fatalf("authorities %+v %+v", p.eng.Authority(), sb.eng.Authority())
	}
	if len(s.dispatches) != 1 {
		t.Fatalf("dispatches %v", s.dispatches)
	}
}

// TestClusteredRoute: §9.7 — a count-2 HTTP.clustered request on two nodes completes on its
// owner, mirrored, and both nodes show the same closed record.
func TestClusteredRoute(t *testing.T) {
	s := newScripted(t, nil,
		simNode{name: pName, env: Authority{Role: RolePrimary}},
		simNode{name: sName, env: Authority{Role: RoleStandby}})
	for _, n := range s.nodes {
		s.start(n)
	}
	s.runFor(t, time.Second)
	for i, ingress := range s.nodes {
		key := "http-route::Api.Todos.handle_list_todos::" + ingress.inc + "-" + itoa(i+1)
		s.step(ingress, Submit{Token: uint64(i + 1), RuntimeName: "Api.Todos.handle_list_todos", Key: key,
			PayloadHash: "sha-" + key, Replicas: 2, Route: true})
		s.runFor(t, time.Second)
		for _, n := range s.nodes {
			r, ok := n.eng.Lookup(n.name, key)
			if ok != nil {
				t.Fatalf("%s: %v", n.name, ok)
			}
			rec := r.Record
			if rec.Phase != PhaseCompleted || rec.ReplicationCount != 2 || rec.OwnerNode == rec.ReplicaNode ||
				rec.ExecutionNode != rec.OwnerNode || rec.ReplicaStatus != StatusMirrored || rec.Error != "" ||
				rec.IngressNode != ingress.name {
				t.Fatalf("%s: record %+v", n.name, rec)
			}
		}
	}
}
