package cluster

import (
	"context"
	"fmt"
	"testing"

	"github.com/mesh-lang/mesh/cluster/continuity"
	"github.com/mesh-lang/mesh/store"
)

// TestRetentionThroughStore: an engine with MESH_CONTINUITY_RETAIN_ROUTES=2 runs five
// routes; its batches go through mutations() into a real bbolt journal; the journal restored
// through journalFromStore boots an engine holding exactly the newest two, whose graves
// survived (retention: our decision for upstream bug 22).
func TestRetentionThroughStore(t *testing.T) {
	const node = "primary@127.0.0.1:4370"
	dir := t.TempDir()
	j, err := store.Open(dir, node, store.Options{NoSync: true, GraveCapacity: continuity.GraveCapacity})
	if err != nil {
		t.Fatal(err)
	}
	defer j.Close()
	e := continuity.New(continuity.Config{NodeName: node, Incarnation: "aaaaaaaaaaaa",
		Env: continuity.Authority{Role: continuity.RolePrimary}, RetainRoutes: 2})
	var step func(ev continuity.Event) []continuity.Action
	step = func(ev continuity.Event) []continuity.Action {
		acts := e.Step(ev)
		for i := 0; i < len(acts); i++ {
			if c, ok := acts[i].(continuity.Commit); ok {
				if err := j.Commit(context.Background(), mutations(c.Batch)...); err != nil {
					t.Fatal(err)
				}
				acts = append(acts, e.Step(continuity.CommitDone{ID: c.ID})...)
			}
		}
		return acts
	}
	step(continuity.Boot{})
	key := func(i int) string { return fmt.Sprintf("http-route::Api.h::aaaaaaaaaaaa-%d", i) }
	for i := 1; i <= 5; i++ {
		var att string
		for _, a := range step(continuity.Submit{Token: uint64(i), RuntimeName: "Api.h", Key: key(i), PayloadHash: "h", Replicas: 1, Route: true}) {
			if s, ok := a.(continuity.Submitted); ok {
				att = s.Record.AttemptID
			}
		}
		step(continuity.WorkFinished{Key: key(i), Attempt: att})
	}
	step(continuity.StreamDown{Peer: "nobody"}) // any later step prunes the last one over
	st, err := j.Restore()
	if err != nil {
		t.Fatal(err)
	}
	var stored []string
	for _, r := range st.Records {
		stored = append(stored, r.RequestKey)
	}
	if got, want := fmt.Sprint(stored), fmt.Sprint([]string{key(4), key(5)}); got != want {
		t.Fatalf("store holds %s, want %s", got, want)
	}
	jr := journalFromStore(st)
	if got, want := fmt.Sprint(jr.Graves), fmt.Sprint([]string{key(1), key(2), key(3)}); got != want {
		t.Fatalf("graves %s, want %s", got, want)
	}
	e2 := continuity.New(continuity.Config{NodeName: node, Incarnation: "bbbbbbbbbbbb",
		Env: continuity.Authority{Role: continuity.RolePrimary}, RetainRoutes: 2})
	e2.Step(continuity.Boot{Journal: jr})
	if l := e2.ContinuityList(node, 0); l.TotalRecords != 2 {
		t.Fatalf("restarted list total %d", l.TotalRecords)
	}
	if _, err := e2.Lookup(node, key(1)); err != continuity.ErrRequestKeyNotFound {
		t.Fatalf("pruned key lookup: %v", err)
	}
}
