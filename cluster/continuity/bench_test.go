package continuity

import (
	"strconv"
	"testing"
)

// BenchmarkRouteSubmit: one clustered route (submit, complete) on a node that already holds
// 10,000 closed records — the per-event cost must not grow with history. With the default
// retention (10,000 terminal routes) each iteration also prunes the oldest one.
func BenchmarkRouteSubmit(b *testing.B) {
	e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}})
	j := NewJournal()
	for i := 0; i < 10000; i++ {
		k := "http-route::Api.h::old-" + strconv.Itoa(i)
		j.Records[k] = Record{RequestKey: k, PayloadHash: "h", AttemptID: AttemptID(uint64(i)), Phase: PhaseCompleted,
			Result: ResultSucceeded, IngressNode: gP, OwnerNode: gP, ReplicationCount: 1, ReplicaStatus: StatusUnassigned}
	}
	drive(e, Boot{Journal: j})
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		k := "http-route::Api.h::new-" + strconv.Itoa(i)
		var att string
		for _, a := range drive(e, Submit{Token: uint64(i), RuntimeName: "Api.h", Key: k, PayloadHash: "h", Replicas: 1, Route: true}) {
			if s, ok := a.(Submitted); ok {
				att = s.Record.AttemptID
			}
		}
		drive(e, WorkFinished{Key: k, Attempt: att})
	}
}
