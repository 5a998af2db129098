package continuity

import (
	"math/rand"
	"testing"
)

// TestAddRecordRestoresLastWritten: restoring every stored version of a key, in any order,
// gives the last version written (the store may keep versions per attempt).
func TestAddRecordRestoresLastWritten(t *testing.T) {
	base := Record{RequestKey: "k", PayloadHash: "h", AttemptID: "attempt-0", Phase: PhaseSubmitted, Result: ResultPending,
		IngressNode: "a", OwnerNode: "b", ReplicaNode: "a", Replicas: []string{"a"}, ReplicationCount: 2,
		ReplicaStatus: StatusPreparing, OwnerIncarnation: "i1", IngressIncarnation: "i2"}
	v := []Record{base}
	next := func(f func(r *Record)) {
		r := *v[len(v)-1].clone()
		f(&r)
		r.Changed = uint64(len(v))
		v = append(v, r)
	}
	next(func(r *Record) { r.ReplicaStatus = StatusMirrored; r.ReplicationHealth = HealthHealthy })
	next(func(r *Record) { r.Released = true })
	next(func(r *Record) { r.ReplicaStatus = StatusOwnerLost; r.Error = "owner_lost:b" })
	next(func(r *Record) { // rollover
		r.AttemptID, r.ReplicaStatus, r.Error, r.Released, r.OwnerNode, r.OwnerIncarnation = "attempt-1000000", StatusUnassigned, "", false, "a", "i3"
	})
	next(func(r *Record) { r.Released, r.Dispatched = true, true })
	next(func(r *Record) { r.Phase, r.Result, r.ExecutionNode = PhaseCompleted, ResultSucceeded, "a" })
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 50; i++ {
		j := NewJournal()
		for _, k := range rng.Perm(len(v)) {
			j.AddRecord(v[k])
		}
		if got := j.Records["k"]; !replicatedEqual(&got, &v[len(v)-1]) {
			t.Fatalf("restored %+v, want %+v", got, v[len(v)-1])
		}
	}
}

func TestEncodingsRoundTrip(t *testing.T) {
	r := Record{RequestKey: "startup::Work.add", PayloadHash: "startup-payload::Work.add", AttemptID: "attempt-3",
		Phase: PhaseSubmitted, Result: ResultPending, IngressNode: "a@h:1", OwnerNode: "b@h:1", ReplicaNode: "a@h:1",
		Replicas: []string{"a@h:1", "c@h:1"}, ReplicationCount: 3, ReplicaStatus: StatusMirrored, RuntimeName: "Work.add",
		OwnerIncarnation: "0123456789ab", IngressIncarnation: "ba9876543210", Released: true, ClusterRole: RoleStandby,
		PromotionEpoch: 4, ReplicationHealth: HealthHealthy, Changed: 9}
	got, err := DecodeRecord(r.Encode())
	if err != nil || !replicatedEqual(&got, &r) || got.Changed != 9 || got.PromotionEpoch != 4 {
		t.Fatalf("record round trip: %+v %v", got, err)
	}
	for _, m := range []Message{
		{Kind: MsgUpsert, From: "a@h:1", Incarnation: "x", Authority: Authority{RolePrimary, 2}, Watermark: 7, Record: &r},
		{Kind: MsgPrepare, From: "a@h:1", Authority: Authority{RoleStandby, 0}, Record: &r},
		{Kind: MsgAck, From: "b@h:1", Key: "k", Attempt: "attempt-1"},
	} {
		b := EncodeMessage(m)
		got, err := DecodeMessage(b)
		if err != nil || string(EncodeMessage(got)) != string(b) {
			t.Fatalf("message %s round trip: %v %s", m.Kind, err, b)
		}
	}
	for _, bad := range []string{`{"kind":1}`, `{"kind":3,"key":"k"}`, `{"kind":9}`, `not json`} {
		if _, err := DecodeMessage([]byte(bad)); err == nil {
			t.Errorf("DecodeMessage(%s) accepted", bad)
		}
	}
	d := Diagnostic{Sequence: 5, Transition: "promote", ClusterRole: sp("primary"), PromotionEpoch: up(1),
		Metadata: []MetaKV{{"previous_role", "standby"}, {"previous_epoch", "0"}}}
	gd, err := DecodeDiagnostic(d.Encode())
	if err != nil || string(gd.Encode()) != string(d.Encode()) {
		t.Fatalf("diagnostic round trip: %+v %v", gd, err)
	}
	w := uint64(12)
	b := &Batch{Authority: &Authority{RolePrimary, 1}, Watermark: &w, Records: []Record{r}, Diagnostics: []Diagnostic{d}, Members: []string{"b@h:1"}}
	gb, err := DecodeBatch(b.Encode())
	if err != nil || string(gb.Encode()) != string(b.Encode()) {
		t.Fatalf("batch round trip: %v", err)
	}
	j := NewJournal()
	j.Apply(b)
	gj, err := DecodeJournal(j.Encode())
	if err != nil || string(gj.Encode()) != string(j.Encode()) || gj.Watermark != 12 || gj.Authority.Epoch != 1 {
		t.Fatalf("journal round trip: %v", err)
	}
}

// TestJournalRing: the diagnostics ring keeps 128 entries and counts the dropped ones.
func TestJournalRing(t *testing.T) {
	j := NewJournal()
	for i := 1; i <= 200; i++ {
		j.Apply(&Batch{Diagnostics: []Diagnostic{{Sequence: uint64(i), Transition: "x", Metadata: []MetaKV{}}}})
	}
	if len(j.Diagnostics) != DiagnosticsCapacity || j.DroppedEntries != 72 || j.DiagSequence != 200 || j.Diagnostics[0].Sequence != 73 {
		t.Fatalf("ring: len %d dropped %d seq %d first %d", len(j.Diagnostics), j.DroppedEntries, j.DiagSequence, j.Diagnostics[0].Sequence)
	}
}

// TestMergeIsAJoin: Merge is commutative, associative and idempotent on the replicated
// fields, so nodes converge whatever order upserts arrive in.
func TestMergeIsAJoin(t *testing.T) {
	rng := rand.New(rand.NewSource(3))
	pick := func(xs ...string) string { return xs[rng.Intn(len(xs))] }
	gen := func() *Record {
		r := &Record{RequestKey: "k", PayloadHash: "h", AttemptID: pick("attempt-0", "attempt-1", "attempt-1000000"),
			OwnerNode: pick("a", "b"), OwnerIncarnation: pick("1", "2"), IngressNode: pick("a", "c"), IngressIncarnation: "i",
			ReplicationCount: 2, ReplicaStatus: pick(StatusUnassigned, StatusPreparing, StatusMirrored, StatusOwnerLost,
				StatusDegradedContinuing, StatusRejected), Released: rng.Intn(2) == 0, Dispatched: rng.Intn(2) == 0,
			Error: pick("", "owner_lost:a", "replica_lost:b")}
		switch rng.Intn(3) {
		case 0:
			r.Phase, r.Result = PhaseSubmitted, ResultPending
		case 1:
			r.Phase, r.Result, r.ExecutionNode = PhaseCompleted, ResultSucceeded, pick("a", "b")
		default:
			r.Phase, r.Result = PhaseRejected, ResultRejected
		}
		return r
	}
	for i := 0; i < 20000; i++ {
		a, b, c := gen(), gen(), gen()
		if ab, ba := Merge(a, b), Merge(b, a); !replicatedEqual(ab, ba) {
			t.Fatalf("not commutative:\n%+v\n%+v\n→ %+v\n  %+v", *a, *b, *ab, *ba)
		}
		if l, r := Merge(Merge(a, b), c), Merge(a, Merge(b, c)); !replicatedEqual(l, r) {
			t.Fatalf("not associative:\n%+v\n%+v\n%+v\n→ %+v\n  %+v", *a, *b, *c, *l, *r)
		}
		if aa := Merge(a, a); !replicatedEqual(aa, a) {
			t.Fatalf("not idempotent: %+v → %+v", *a, *aa)
		}
	}
}
