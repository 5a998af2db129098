package continuity

import (
	"strings"
	"testing"
	"time"
)

// logs collects the Log lines of actions.
func logs(acts []Action) []string {
	var out []string
	for _, a := range acts {
		if l, ok := a.(Log); ok {
			out = append(out, l.Line)
		}
	}
	return out
}

func TestStandaloneRunsStartupWorkOnce(t *testing.T) {
	e := New(Config{Standalone: true, Incarnation: "aaaaaaaaaaaa"})
	var all []Action
	all = append(all, e.Step(Boot{})...)
	all = append(all, e.Step(RegisterWork{RuntimeName: "Work.add", Replicas: 2})...)
	acts := e.Step(TriggerStartup{})
	all = append(all, acts...)
	var disp *Dispatch
	for _, a := range acts {
		if d, ok := a.(Dispatch); ok {
			disp = &d
		}
		if _, ok := a.(Commit); ok {
			t.Fatalf("standalone emitted a Commit")
		}
	}
	if disp == nil || disp.Key != "startup::Work.add" || disp.Attempt != "attempt-0" || disp.RuntimeName != "Work.add" {
		t.Fatalf("dispatch = %+v, actions %#v", disp, acts)
	}
	acts = e.Step(WorkFinished{Key: disp.Key, Attempt: disp.Attempt})
	all = append(all, acts...)
	settled := false
	for _, a := range acts {
		if _, ok := a.(StartupSettled); ok {
			settled = true
		}
	}
	if !settled {
		t.Fatalf("no StartupSettled after completion: %#v", acts)
	}
	text := strings.Join(logs(all), "\n")
	for _, want := range []string{
		"[mesh-rt startup] transition=startup_registered runtime_name=Work.add request_key=startup::Work.add",
		"[mesh-rt startup] transition=startup_trigger runtime_name=Work.add request_key=startup::Work.add required_replicas=0 membership=standalone@local",
		"[mesh-rt continuity] transition=completed request_key=startup::Work.add attempt_id=attempt-0 execution=standalone@local",
		"[mesh-rt startup] transition=startup_completed runtime_name=Work.add request_key=startup::Work.add attempt_id=attempt-0 execution_node=standalone@local",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("missing log %q in\n%s", want, text)
		}
	}
	if strings.Contains(text, "startup_keepalive") || strings.Contains(text, "startup_dispatch_window") {
		t.Errorf("standalone logged keepalive/window:\n%s", text)
	}
	r, err := e.Lookup("t", "startup::Work.add")
	if err != nil || r.Record.Phase != "completed" || r.Record.OwnerNode != StandaloneNode || r.Record.ReplicaStatus != "unassigned" {
		t.Fatalf("lookup = %+v %v", r, err)
	}
}

func TestBootstrapFailedRunsNothing(t *testing.T) {
	e := New(Config{Standalone: true})
	drive(e, Boot{})
	drive(e, RegisterWork{RuntimeName: "Work.add", Replicas: 2})
	acts := drive(e, TriggerStartup{BootstrapFailed: true})
	settled := false
	for _, a := range acts {
		switch a.(type) {
		case Dispatch:
			t.Fatalf("bootstrap failure dispatched work")
		case StartupSettled:
			settled = true
		}
	}
	if !settled || !hasLine(logs(acts), "[mesh-rt startup] transition=startup_rejected runtime_name=Work.add reason=bootstrap_failed") {
		t.Fatalf("actions %#v", acts)
	}
	if len(e.Records()) != 0 {
		t.Fatalf("records %+v", e.Records())
	}
}

func TestRegistrationErrors(t *testing.T) {
	e := New(Config{Standalone: true})
	drive(e, Boot{})
	drive(e, RegisterWork{RuntimeName: "Work.add", Replicas: 2})
	acts := drive(e, RegisterWork{RuntimeName: "Work.add", Replicas: 2})
	if !hasLine(logs(acts), "[mesh-rt startup] transition=startup_rejected runtime_name=Work.add reason=startup_duplicate_registration") {
		t.Errorf("duplicate registration: %v", logs(acts))
	}
	drive(e, RegisterWork{RuntimeName: "Work.zero", Replicas: 0})
	acts = drive(e, TriggerStartup{})
	if !hasLine(logs(acts), "[mesh-rt startup] transition=startup_rejected runtime_name=Work.zero reason=invalid_replication_count") {
		t.Errorf("count 0: %v", logs(acts))
	}
	if _, ok := e.Record("startup::Work.zero"); ok {
		t.Errorf("count 0 created a record")
	}
}

// TestConvergenceTimeout: a peer seen but membership never stable for 3 polls → the work is
// rejected startup_convergence_timeout and never runs (§4.5 step 3).
func TestConvergenceTimeout(t *testing.T) {
	e := New(Config{NodeName: "a@h:1", Incarnation: "i", Env: Authority{Role: RolePrimary}})
	drive(e, Boot{})
	drive(e, RegisterWork{RuntimeName: "Work.add", Replicas: 2})
	drive(e, TriggerStartup{})
	var all []string
	for i := 0; i < 40; i++ {
		alive := []Member{{Name: "b@h:1", Role: RoleStandby, Inc: "x"}}
		if i%2 == 1 {
			alive = nil // flapping membership
		}
		drive(e, MembersChanged{Alive: alive})
		for _, a := range drive(e, TimerFired{ID: "converge\x00Work.add"}) {
			if _, ok := a.(Dispatch); ok {
				t.Fatal("dispatched after a convergence timeout")
			}
			if l, ok := a.(Log); ok {
				all = append(all, l.Line)
			}
		}
	}
	if !hasLine(all, "[mesh-rt startup] transition=startup_convergence_timeout runtime_name=Work.add request_key=startup::Work.add membership=a@h:1") ||
		!hasLine(all, "[mesh-rt startup] transition=startup_rejected runtime_name=Work.add reason=startup_convergence_timeout") {
		t.Fatalf("logs %v", all)
	}
}

// TestCommitBeforeVisible: CONTRACT 34 at the unit level — the prepare of a new record and
// the dispatch of a released one wait for their CommitDone.
func TestCommitBeforeVisible(t *testing.T) {
	e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}})
	drive(e, Boot{})
	drive(e, MembersChanged{Alive: []Member{{Name: gS, Role: RoleStandby, Inc: "bbbbbbbbbbbb"}}})
	drive(e, StreamUp{Peer: gS})
	key := "lowlevel::0"
	for i := 1; Owner(key, []string{gP, gS}) != gP; i++ {
		key = "lowlevel::" + itoa(i) // the owner is local, so the replica is remote
	}
	acts := e.Step(Submit{Token: 1, RuntimeName: "Api.h", Key: key, PayloadHash: "h", Replicas: 2})
	var commit *Commit
	for _, a := range acts {
		switch a := a.(type) {
		case Commit:
			commit = &a
		case Send, Submitted, Log, Dispatch:
			t.Fatalf("visible action %T before the record's commit", a)
		}
	}
	if commit == nil || len(commit.Batch.Records) != 1 || commit.Batch.Records[0].ReplicaStatus != StatusPreparing {
		t.Fatalf("commit %+v", commit)
	}
	acts = e.Step(CommitDone{ID: commit.ID})
	var prep *Send
	for _, a := range acts {
		if s, ok := a.(Send); ok && s.Msg.Kind == MsgPrepare {
			prep = &s
		}
	}
	if prep == nil || prep.To != gS {
		t.Fatalf("no prepare after the commit: %#v", acts)
	}
	// The replica's ack: mirrored (commit), then the owner dispatches (commit) — each
	// visible only after its CommitDone.
	acts = e.Step(Received{From: gS, Msg: Message{Kind: MsgAck, From: gS, Key: key, Attempt: prep.Msg.Record.AttemptID}})
	for len(acts) > 0 {
		var next []Action
		for _, a := range acts {
			switch a := a.(type) {
			case Commit:
				next = append(next, e.Step(CommitDone{ID: a.ID})...)
			case Dispatch:
				r := e.Committed().Records[key]
				if !r.Dispatched || r.AttemptID != a.Attempt {
					t.Fatalf("dispatch before its commit: %+v", r)
				}
				return
			}
		}
		acts = next
	}
	t.Fatalf("owner is local but nothing was dispatched")
}

// FuzzReceive: no frame, however malformed, panics the engine.
func FuzzReceive(f *testing.F) {
	rec := Record{RequestKey: "k", PayloadHash: "h", AttemptID: "attempt-1", Phase: PhaseSubmitted, Result: ResultPending,
		IngressNode: gS, OwnerNode: gP, ReplicationCount: 2, ReplicaStatus: StatusPreparing, Replicas: []string{gP}, ReplicaNode: gP}
	f.Add(EncodeMessage(Message{Kind: MsgPrepare, From: gS, Authority: Authority{RolePrimary, 0}, Record: &rec}))
	f.Add(EncodeMessage(Message{Kind: MsgUpsert, From: gS, Authority: Authority{RolePrimary, 3}, Watermark: 1 << 62, Record: &rec}))
	f.Add(EncodeMessage(Message{Kind: MsgAck, From: gS, Key: "k", Attempt: "attempt-1"}))
	f.Add([]byte(`{"kind":1,"record":{"request_key":"k","attempt_id":"attempt-x"}}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := DecodeMessage(b)
		if err != nil {
			return
		}
		e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RoleStandby}})
		drive(e, Boot{})
		drive(e, MembersChanged{Alive: []Member{{Name: gS, Role: RolePrimary, Inc: "bbbbbbbbbbbb"}}})
		drive(e, Received{From: gS, Msg: m})
		drive(e, TimerFired{ID: "settle"})
		drive(e, MembersChanged{})
		_ = e.Status(gP)
		_ = e.ContinuityList(gP, 1)
	})
}

// TestStaleSenderReportedOnce: a stale peer's resync yields one stale_epoch_rejected, and its
// records are not merged.
func TestStaleSenderReportedOnce(t *testing.T) {
	j := NewJournal()
	j.Authority = &Authority{RolePrimary, 2}
	e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}})
	drive(e, Boot{Journal: j})
	var lines []string
	for i := 0; i < 5; i++ {
		r := Record{RequestKey: "k" + itoa(i), PayloadHash: "h", AttemptID: "attempt-0", Phase: PhaseSubmitted, Result: ResultPending,
			IngressNode: gS, OwnerNode: gS, ReplicationCount: 1, ReplicaStatus: StatusUnassigned}
		lines = append(lines, logs(drive(e, Received{From: gS, Msg: Message{Kind: MsgUpsert, From: gS, Authority: Authority{RolePrimary, 1}, Record: &r}}))...)
	}
	if len(lines) != 1 || lines[0] != "mesh continuity: transition=upsert_rejected remote="+gS+" error=stale_promotion_epoch_rejected" {
		t.Fatalf("logs %q", lines)
	}
	n := 0
	for _, d := range e.Committed().Diagnostics {
		if d.Transition == "stale_epoch_rejected" {
			n++
			if meta(d, "incoming_epoch") != "1" || meta(d, "local_epoch") != "2" || deref(d.Reason) != "stale_promotion_epoch_rejected" {
				t.Errorf("diagnostic %+v", d)
			}
		}
	}
	if n != 1 || len(e.Records()) != 0 {
		t.Fatalf("%d stale diagnostics, %d records merged", n, len(e.Records()))
	}
}

// TestLostCandidateSkipsAnEpoch: the candidate ahead of us vanished while the primary was
// missing — it may have promoted to epoch 1 unseen — so we promote to epoch 2 and its
// restart is fenced rather than a second primary at epoch 1.
func TestLostCandidateSkipsAnEpoch(t *testing.T) {
	names := PlacementOrder([]string{"b@h:1", "c@h:1", "d@h:1"})
	first, self := names[0], names[1]
	e := New(Config{NodeName: self, Incarnation: "s", Env: Authority{Role: RoleStandby}})
	drive(e, Boot{})
	prim := Member{Name: "a@h:1", Role: RolePrimary, Inc: "p"}
	cand := Member{Name: first, Role: RoleStandby, Inc: "f"}
	drive(e, MembersChanged{Alive: []Member{prim, cand}})
	acts := drive(e, MembersChanged{Alive: []Member{cand}})
	if e.Authority() != (Authority{RoleStandby, 0}) || !hasLine(logs(acts), "[mesh-rt continuity] transition=automatic_promotion_rejected disconnected_node=a@h:1") {
		t.Fatalf("not the candidate: %v %v", e.Authority(), logs(acts))
	}
	acts = drive(e, MembersChanged{})
	if e.Authority() != (Authority{RolePrimary, 2}) {
		t.Fatalf("authority %v, logs %v", e.Authority(), logs(acts))
	}
	if !hasLine(logs(acts), "[mesh-rt continuity] transition=automatic_promotion disconnected_node=a@h:1 previous_epoch=0 next_epoch=2") {
		t.Fatalf("logs %v", logs(acts))
	}
}

// TestStartupRelaxesOnReplicaLoss: the only replica dies mid-prepare; startup work goes on
// degraded (CONTRACT 15: startup work relaxes to what is available) instead of being closed.
func TestStartupRelaxesOnReplicaLoss(t *testing.T) {
	e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}, StartupDelay: 100 * time.Millisecond})
	drive(e, Boot{})
	drive(e, RegisterWork{RuntimeName: "Work.add", Replicas: 2})
	drive(e, MembersChanged{Alive: []Member{{Name: gS, Role: RoleStandby, Inc: "bbbbbbbbbbbb"}}})
	drive(e, StreamUp{Peer: gS})
	drive(e, TriggerStartup{})
	var prepared bool
	for i := 0; i < 3 && !prepared; i++ {
		for _, a := range drive(e, TimerFired{ID: "converge\x00Work.add"}) {
			if s, ok := a.(Send); ok && s.Msg.Kind == MsgPrepare {
				prepared = true
			}
		}
	}
	r, _ := e.Record("startup::Work.add")
	if !prepared || r.OwnerNode != gP || r.ReplicaNode != gS {
		t.Fatalf("premise: %v %+v", prepared, r)
	}
	acts := drive(e, MembersChanged{}) // the replica dies before acking
	r, _ = e.Record("startup::Work.add")
	if r.Phase != PhaseSubmitted || r.ReplicaStatus != StatusDegradedContinuing || r.Error != "replica_lost:"+gS {
		t.Fatalf("record %+v, logs %v", r, logs(acts))
	}
	var disp bool
	for _, a := range drive(e, TimerFired{ID: "window\x00startup::Work.add\x00" + r.AttemptID}) {
		_, disp = a.(Dispatch)
		if disp {
			break
		}
	}
	if !disp {
		t.Fatal("relaxed startup work was not dispatched after its window")
	}
}
