package continuity

import (
	"fmt"
	"sort"
	"strconv"
	"testing"
)

// retainRig is one cluster-mode node (no peers) whose commits are applied to a journal and
// to a per-version store (like store/: one entry per key+attempt, DeleteRecordKey drops them
// all), so restart from either can be checked.
type retainRig struct {
	t       *testing.T
	e       *Engine
	j       *Journal
	stored  map[string]map[string]Record // key → attempt → version
	deletes []string
	tok     uint64
}

func newRetainRig(t *testing.T, retain int, boot *Journal) *retainRig {
	r := &retainRig{t: t, j: NewJournal(), stored: map[string]map[string]Record{}}
	if boot != nil {
		r.j = boot.Clone()
		for k, rec := range boot.Records {
			r.stored[k] = map[string]Record{rec.AttemptID: rec}
		}
	}
	r.e = New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}, RetainRoutes: retain})
	r.step(Boot{Journal: boot})
	return r
}

// step feeds ev, makes every commit durable at once and returns the actions.
func (r *retainRig) step(ev Event) []Action {
	acts := r.e.Step(ev)
	for i := 0; i < len(acts); i++ {
		c, ok := acts[i].(Commit)
		if !ok {
			continue
		}
		for _, rec := range c.Batch.Records {
			if r.stored[rec.RequestKey] == nil {
				r.stored[rec.RequestKey] = map[string]Record{}
			}
			r.stored[rec.RequestKey][rec.AttemptID] = rec
		}
		for _, k := range c.Batch.Deletes {
			for _, rec := range c.Batch.Records {
				if rec.RequestKey == k {
					r.t.Fatalf("batch %d both writes and deletes %s", c.ID, k)
				}
			}
			delete(r.stored, k)
			r.deletes = append(r.deletes, k)
		}
		r.j.Apply(c.Batch)
		acts = append(acts, r.e.Step(CommitDone{ID: c.ID})...)
	}
	return acts
}

// route submits a clustered route with key suffix n and returns its attempt.
func (r *retainRig) route(n int) string {
	r.tok++
	key := routeKey(n)
	for _, a := range r.step(Submit{Token: r.tok, RuntimeName: "Api.h", Key: key, PayloadHash: "h", Replicas: 1, Route: true}) {
		if s, ok := a.(Submitted); ok && s.Token == r.tok {
			if s.Outcome != "created" {
				r.t.Fatalf("submit %s: %+v", key, s)
			}
			return s.Record.AttemptID
		}
	}
	r.t.Fatalf("submit %s: no Submitted", key)
	return ""
}

func routeKey(n int) string { return "http-route::Api.h::aaaaaaaaaaaa-" + strconv.Itoa(n) }

func sortedRecKeys[V any](m map[string]V) string { return fmt.Sprint(sortedKeys(m)) }

func (r *retainRig) restoreFromStore() *Journal {
	j := NewJournal()
	j.Authority, j.Watermark = r.j.Authority, r.j.Watermark
	for _, vs := range r.stored {
		for _, v := range vs {
			j.AddRecord(v)
		}
	}
	return j
}

// TestRetentionKeepsNewestTerminalRoutes: with R=3, six completed routes leave the newest
// three (by completion, not by key) in memory, in the committed view and in the store; a
// pending route and startup records are never pruned, even when they are older.
func TestRetentionKeepsNewestTerminalRoutes(t *testing.T) {
	boot := NewJournal()
	for i, rn := range []string{"Work.a", "Work.b"} {
		k := StartupKeyPrefix + rn
		boot.Records[k] = Record{RequestKey: k, PayloadHash: "p", AttemptID: "attempt-0", Phase: PhaseCompleted,
			Result: ResultSucceeded, IngressNode: gP, OwnerNode: gP, ReplicationCount: 1, ReplicaStatus: StatusUnassigned,
			ExecutionNode: gP, Closed: uint64(i + 1)}
	}
	r := newRetainRig(t, 3, boot)
	att := map[int]string{}
	for i := 1; i <= 7; i++ {
		att[i] = r.route(i)
	}
	// Completion order 6,1,2,3,4,5 (7 stays pending): the newest three closed are 3,4,5.
	for _, i := range []int{6, 1, 2, 3, 4, 5} {
		r.step(WorkFinished{Key: routeKey(i), Attempt: att[i]})
	}
	want := fmt.Sprint([]string{routeKey(3), routeKey(4), routeKey(5), routeKey(7), "startup::Work.a", "startup::Work.b"})
	if got := sortedRecKeys(r.e.recs); got != want {
		t.Fatalf("recs = %s\nwant %s", got, want)
	}
	if got := sortedRecKeys(r.e.Committed().Records); got != want {
		t.Fatalf("view = %s\nwant %s", got, want)
	}
	if got := sortedRecKeys(r.j.Records); got != want {
		t.Fatalf("journal = %s\nwant %s", got, want)
	}
	if got := sortedRecKeys(r.stored); got != want {
		t.Fatalf("store = %s\nwant %s", got, want)
	}
	if got, w := fmt.Sprint(r.deletes), fmt.Sprint([]string{routeKey(6), routeKey(1), routeKey(2)}); got != w {
		t.Fatalf("deletes = %s, want %s", got, w)
	}
	if len(r.e.pend) != 1 || !r.e.pend[routeKey(7)] || len(r.e.ret.kept) != 3 {
		t.Fatalf("pend = %v kept = %v", r.e.pend, r.e.ret.kept)
	}
	// The operator view reflects what is retained; a pruned key is simply not found.
	if l := r.e.ContinuityList(gP, 0); l.TotalRecords != 6 || len(l.Records) != 6 {
		t.Fatalf("list total %d, %d records", l.TotalRecords, len(l.Records))
	}
	if _, err := r.e.Lookup(gP, routeKey(1)); err != ErrRequestKeyNotFound {
		t.Fatalf("lookup of a pruned key: %v", err)
	}
	// Closing the pending one now prunes the oldest retained (3), never a startup record.
	r.step(WorkFinished{Key: routeKey(7), Attempt: att[7]})
	want = fmt.Sprint([]string{routeKey(4), routeKey(5), routeKey(7), "startup::Work.a", "startup::Work.b"})
	if got := sortedRecKeys(r.e.Committed().Records); got != want {
		t.Fatalf("view after closing 7 = %s\nwant %s", got, want)
	}
	// A late WorkFinished for a pruned key is the normal "not found".
	if !hasLine(logs(r.step(WorkFinished{Key: routeKey(1), Attempt: att[1]})),
		"[mesh-rt continuity] transition=completion_rejected request_key="+routeKey(1)) {
		t.Fatal("no completion_rejected for a pruned key")
	}
}

// TestRetentionRejectedRoutesAndResync: rejected routes count as terminal; a peer resending
// an old terminal record (a resync) does not bring it back once the set is full, while a
// newer one evicts the oldest and advances this node's stamp.
func TestRetentionRejectedRoutesAndResync(t *testing.T) {
	r := newRetainRig(t, 2, nil)
	var pruned []Record
	for i := 1; i <= 4; i++ {
		a := r.route(i)
		for _, act := range r.step(WorkFinished{Key: routeKey(i), Attempt: a, Failed: i%2 == 0, Message: "boom"}) {
			if c, ok := act.(Commit); ok {
				for _, rec := range c.Batch.Records {
					if rec.Terminal() && rec.RequestKey != "" {
						pruned = append(pruned, rec)
					}
				}
			}
		}
	}
	if got, w := sortedRecKeys(r.e.recs), fmt.Sprint([]string{routeKey(3), routeKey(4)}); got != w {
		t.Fatalf("recs = %s, want %s", got, w)
	}
	if rec, _ := r.e.Record(routeKey(4)); rec.Phase != PhaseRejected || rec.Closed == 0 {
		t.Fatalf("record 4 = %+v", rec)
	}
	// The peer's resync: every old version again, including the pruned 1 and 2.
	r.step(MembersChanged{Alive: []Member{{Name: gS, Role: RoleStandby, Inc: "bbbbbbbbbbbb"}}})
	for _, rec := range pruned {
		m := Message{Kind: MsgUpsert, From: gS, Incarnation: "bbbbbbbbbbbb", Authority: Authority{Role: RoleStandby}, Record: rec.clone()}
		for _, a := range r.step(Received{From: gS, Msg: m}) {
			if c, ok := a.(Commit); ok && (len(c.Batch.Records) > 0 || len(c.Batch.Deletes) > 0) {
				t.Fatalf("resent %s caused a write: %+v", rec.RequestKey, c.Batch)
			}
		}
	}
	if got, w := sortedRecKeys(r.e.recs), fmt.Sprint([]string{routeKey(3), routeKey(4)}); got != w {
		t.Fatalf("after resync recs = %s, want %s", got, w)
	}
	// A newer terminal route from the peer is kept and evicts the oldest (3).
	k := "http-route::Api.h::bbbbbbbbbbbb-1"
	newer := &Record{RequestKey: k, PayloadHash: "h", AttemptID: "attempt-0", Phase: PhaseCompleted, Result: ResultSucceeded,
		IngressNode: gS, OwnerNode: gS, ReplicationCount: 1, ReplicaStatus: StatusUnassigned, ExecutionNode: gS, Closed: 100}
	r.step(Received{From: gS, Msg: Message{Kind: MsgUpsert, From: gS, Authority: Authority{Role: RoleStandby}, Record: newer}})
	if got, w := sortedRecKeys(r.j.Records), fmt.Sprint([]string{routeKey(4), k}); got != w {
		t.Fatalf("after a newer record journal = %s, want %s", got, w)
	}
	// Our next close ranks above the peer's stamp, so it is the newest.
	a := r.route(5)
	r.step(WorkFinished{Key: routeKey(5), Attempt: a})
	if rec, _ := r.e.Record(routeKey(5)); rec.Closed <= 100 {
		t.Fatalf("local stamp %d not above the peer's 100", rec.Closed)
	}
	if got, w := sortedRecKeys(r.e.recs), fmt.Sprint([]string{routeKey(5), k}); got != w {
		t.Fatalf("recs = %s, want %s", got, w)
	}
}

// TestRetentionRestart: a restart from the journal (or from every stored version through
// AddRecord) keeps exactly the retained set; a lower limit prunes at boot, in the first batch.
func TestRetentionRestart(t *testing.T) {
	r := newRetainRig(t, 3, nil)
	for i := 1; i <= 8; i++ {
		a := r.route(i)
		r.step(WorkFinished{Key: routeKey(i), Attempt: a})
	}
	want := fmt.Sprint([]string{routeKey(6), routeKey(7), routeKey(8)})
	for name, j := range map[string]*Journal{"journal": r.j, "store": r.restoreFromStore()} {
		r2 := newRetainRig(t, 3, j)
		if got := sortedRecKeys(r2.e.recs); got != want {
			t.Fatalf("%s restart: recs = %s, want %s", name, got, want)
		}
		if len(r2.deletes) != 0 {
			t.Fatalf("%s restart deleted %v", name, r2.deletes)
		}
		// The restarted node continues the order: its next close is the newest.
		a := r2.route(9)
		r2.step(WorkFinished{Key: routeKey(9), Attempt: a})
		if got, w := sortedRecKeys(r2.j.Records), fmt.Sprint([]string{routeKey(7), routeKey(8), routeKey(9)}); got != w {
			t.Fatalf("%s restart then one more: %s, want %s", name, got, w)
		}
	}
	r3 := newRetainRig(t, 1, r.j)
	if got, w := sortedRecKeys(r3.j.Records), fmt.Sprint([]string{routeKey(8)}); got != w {
		t.Fatalf("boot with R=1 journal = %s, want %s", got, w)
	}
	d := append([]string(nil), r3.deletes...)
	sort.Strings(d)
	if fmt.Sprint(d) != fmt.Sprint([]string{routeKey(6), routeKey(7)}) {
		t.Fatalf("boot deletes %v", d)
	}
}

// TestRetentionStandalone: standalone mode (in memory, no commits) is bounded too.
func TestRetentionStandalone(t *testing.T) {
	e := New(Config{Standalone: true, Incarnation: "aaaaaaaaaaaa", RetainRoutes: 2})
	drive(e, Boot{})
	for i := 1; i <= 5; i++ {
		var att string
		for _, a := range drive(e, Submit{Token: uint64(i), RuntimeName: "Api.h", Key: routeKey(i), PayloadHash: "h", Replicas: 1, Route: true}) {
			if s, ok := a.(Submitted); ok {
				att = s.Record.AttemptID
			}
		}
		drive(e, WorkFinished{Key: routeKey(i), Attempt: att})
	}
	if got, w := sortedRecKeys(e.Committed().Records), fmt.Sprint([]string{routeKey(4), routeKey(5)}); got != w || len(e.recs) != 2 {
		t.Fatalf("view = %s, want %s (recs %d)", got, w, len(e.recs))
	}
}

// TestMergeClosed: the stamp travels with the record and joins by max within one version.
func TestMergeClosed(t *testing.T) {
	base := Record{RequestKey: routeKey(1), PayloadHash: "h", AttemptID: "attempt-0", Phase: PhaseSubmitted, OwnerNode: gP, ReplicationCount: 1}
	done := base
	done.Phase, done.Result, done.Closed = PhaseRejected, ResultRejected, 7
	if m := Merge(&base, &done); m.Closed != 7 || m.Phase != PhaseRejected {
		t.Fatalf("merge = %+v", m)
	}
	if m := Merge(&done, &base); m.Closed != 7 {
		t.Fatalf("merge (swapped) = %+v", m)
	}
	got, err := DecodeRecord(base.Encode())
	if err != nil || got.Closed != 0 || replicatedEqual(&got, &done) {
		t.Fatalf("decode = %+v %v", got, err)
	}
}

// TestRetentionStaleCopies: a pending copy of a route this node pruned (a peer that missed
// the closing) is answered MsgPruned, not stored; the graves are journaled, so a restarted
// node still answers; the holder drops its stale pending copy; a never-seen old terminal
// record is not stored when it ranks below the full retained set.
func TestRetentionStaleCopies(t *testing.T) {
	peer := Member{Name: gS, Role: RoleStandby, Inc: "bbbbbbbbbbbb"}
	r := newRetainRig(t, 1, nil)
	r.step(MembersChanged{Alive: []Member{peer}})
	var pendingCopy *Record
	for i := 1; i <= 3; i++ {
		a := r.route(i)
		if i == 1 {
			rec, _ := r.e.Record(routeKey(1))
			pendingCopy = rec.clone()
		}
		r.step(WorkFinished{Key: routeKey(i), Attempt: a})
	}
	r.step(StreamUp{Peer: gS}) // the step after the last close prunes 2
	if got, w := fmt.Sprint(r.j.Graves), fmt.Sprint([]string{routeKey(1), routeKey(2)}); got != w {
		t.Fatalf("journal graves = %s, want %s", got, w)
	}
	stale := func(e *retainRig) []Action {
		m := Message{Kind: MsgUpsert, From: gS, Incarnation: peer.Inc, Authority: Authority{Role: RoleStandby}, Record: pendingCopy.clone()}
		return e.step(Received{From: gS, Msg: m})
	}
	answered := func(acts []Action) bool {
		for _, a := range acts {
			if s, ok := a.(Send); ok && s.To == gS && s.Msg.Kind == MsgPruned && fmt.Sprint(s.Msg.Keys) == fmt.Sprint([]string{routeKey(1)}) {
				return true
			}
		}
		return false
	}
	if acts := stale(r); !answered(acts) {
		t.Fatalf("stale pending copy not answered MsgPruned: %#v", acts)
	}
	if _, ok := r.e.Record(routeKey(1)); ok {
		t.Fatal("stale pending copy stored")
	}
	// A restart keeps the graves.
	r2 := newRetainRig(t, 1, r.j)
	r2.step(MembersChanged{Alive: []Member{peer}})
	if acts := stale(r2); !answered(acts) {
		t.Fatalf("restarted node forgot its graves: %#v", acts)
	}
	// StreamUp repeats every grave to the peer, after the resync.
	var notice []string
	for _, a := range r2.step(StreamUp{Peer: gS}) {
		if s, ok := a.(Send); ok && s.Msg.Kind == MsgPruned {
			notice = append(notice, s.Msg.Keys...)
		}
	}
	if fmt.Sprint(notice) != fmt.Sprint([]string{routeKey(1), routeKey(2)}) {
		t.Fatalf("StreamUp notices %v", notice)
	}
	// The holder side: a node holding a pending copy drops it when told, and journals it.
	h := newRetainRig(t, 5, nil)
	h.step(MembersChanged{Alive: []Member{peer}})
	ghost := pendingCopy.clone()
	ghost.IngressNode, ghost.OwnerNode, ghost.IngressIncarnation, ghost.OwnerIncarnation = gS, gS, peer.Inc, peer.Inc
	h.step(Received{From: gS, Msg: Message{Kind: MsgUpsert, From: gS, Authority: Authority{Role: RoleStandby}, Record: ghost}})
	if _, ok := h.e.Record(routeKey(1)); !ok {
		t.Fatal("pending copy from its ingress not stored")
	}
	h.step(Received{From: gS, Msg: Message{Kind: MsgPruned, From: gS, Authority: Authority{Role: RoleStandby}, Keys: []string{routeKey(1), "http-route::unknown"}}})
	if _, ok := h.j.Records[routeKey(1)]; ok {
		t.Fatal("stale pending copy kept after MsgPruned")
	}
	if _, ok := h.stored[routeKey(1)]; ok {
		t.Fatal("store still holds the stale copy")
	}
	// Never seen, terminal, older than the full retained set: not stored, no write.
	old := &Record{RequestKey: "http-route::Api.h::cccccccccccc-1", PayloadHash: "h", AttemptID: "attempt-0", Phase: PhaseCompleted,
		Result: ResultSucceeded, IngressNode: gS, OwnerNode: gS, ReplicationCount: 1, ReplicaStatus: StatusUnassigned, ExecutionNode: gS, Closed: 1}
	for _, a := range r2.step(Received{From: gS, Msg: Message{Kind: MsgUpsert, From: gS, Authority: Authority{Role: RoleStandby}, Record: old}}) {
		if c, ok := a.(Commit); ok && (len(c.Batch.Records) > 0 || len(c.Batch.Deletes) > 0) {
			t.Fatalf("an outranked record caused a write: %+v", c.Batch)
		}
	}
	if _, ok := r2.e.Record(old.RequestKey); ok {
		t.Fatal("outranked record stored")
	}
}

// TestRetentionProbesRelayedCopy: a pending route first heard of from a node other than its
// ingress (a resync) is shown to its owner and ingress, which answer if they pruned it.
func TestRetentionProbesRelayedCopy(t *testing.T) {
	const third = "third@10.0.0.9:4370"
	r := newRetainRig(t, 5, nil)
	r.step(MembersChanged{Alive: []Member{{Name: gS, Role: RoleStandby, Inc: "bbbbbbbbbbbb"}, {Name: third, Role: RoleStandby, Inc: "cccccccccccc"}}})
	rec := &Record{RequestKey: "http-route::Api.h::bbbbbbbbbbbb-7", PayloadHash: "h", AttemptID: "attempt-0", Phase: PhaseSubmitted,
		Result: ResultPending, IngressNode: gS, OwnerNode: gS, ReplicationCount: 1, ReplicaStatus: StatusUnassigned,
		IngressIncarnation: "bbbbbbbbbbbb", OwnerIncarnation: "bbbbbbbbbbbb", Released: true}
	probed := func(acts []Action) bool {
		for _, a := range acts {
			if s, ok := a.(Send); ok && s.To == gS && s.Msg.Kind == MsgUpsert && s.Msg.Record.RequestKey == rec.RequestKey {
				return true
			}
		}
		return false
	}
	if acts := r.step(Received{From: third, Msg: Message{Kind: MsgUpsert, From: third, Authority: Authority{Role: RoleStandby}, Record: rec}}); !probed(acts) {
		t.Fatalf("relayed pending route not shown to its owner: %#v", acts)
	}
	rec2 := rec.clone()
	rec2.RequestKey = "http-route::Api.h::bbbbbbbbbbbb-8"
	if acts := r.step(Received{From: gS, Msg: Message{Kind: MsgUpsert, From: gS, Authority: Authority{Role: RoleStandby}, Record: rec2}}); probed(acts) {
		t.Fatal("a record from its own ingress was probed back")
	}
}
