package continuity

import (
	"strings"
	"testing"
)

// drive steps ev and completes every commit it (transitively) emits, like a journal that
// answers at once.
func drive(e *Engine, ev Event) []Action {
	acts := e.Step(ev)
	for i := 0; i < len(acts); i++ {
		if c, ok := acts[i].(Commit); ok {
			acts = append(acts, e.Step(CommitDone{ID: c.ID})...)
		}
	}
	return acts
}

const (
	gP = "primary@127.0.0.1:4370"
	gS = "standby@[::1]:4370"
)

func goldenEngine(t *testing.T) *Engine {
	e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}})
	drive(e, Boot{})
	drive(e, RegisterWork{RuntimeName: "Work.add", Replicas: 2})
	drive(e, MembersChanged{Alive: []Member{{Name: gS, Role: RoleStandby, Inc: "bbbbbbbbbbbb"}}})
	drive(e, StreamUp{Peer: gS})
	return e
}

func TestGoldenStatus(t *testing.T) {
	e := goldenEngine(t)
	js, _ := MarshalSnapshot(e.Status(gP))
	want := `{
  "authority": {
    "cluster_role": "primary",
    "promotion_epoch": 0,
    "replication_health": "healthy"
  },
  "membership": {
    "local_node": "primary@127.0.0.1:4370",
    "nodes": [
      "primary@127.0.0.1:4370",
      "standby@[::1]:4370"
    ],
    "peer_nodes": [
      "standby@[::1]:4370"
    ]
  },
  "target": "primary@127.0.0.1:4370"
}
`
	if string(js) != want {
		t.Errorf("status JSON:\n%s\nwant:\n%s", js, want)
	}
	human := FormatHumanStatus(e.Status(gP))
	wantHuman := `target: primary@127.0.0.1:4370
local_node: primary@127.0.0.1:4370
peer_nodes:
  - standby@[::1]:4370
nodes:
  - primary@127.0.0.1:4370
  - standby@[::1]:4370
cluster_role: primary
promotion_epoch: 0
replication_health: healthy
`
	if human != wantHuman {
		t.Errorf("status human:\n%s\nwant:\n%s", human, wantHuman)
	}
	// CONTRACT 39: a down stream to an alive member degrades; no peer is local_only.
	drive(e, StreamDown{Peer: gS})
	if h := e.Status(gP).Authority.ReplicationHealth; h != HealthDegraded {
		t.Errorf("health with a down stream = %s", h)
	}
	drive(e, MembersChanged{})
	s := e.Status(gP)
	if s.Authority.ReplicationHealth != HealthLocalOnly || len(s.Membership.PeerNodes) != 0 {
		t.Errorf("alone: %+v", s)
	}
	if h := FormatHumanStatus(s); h != "target: primary@127.0.0.1:4370\nlocal_node: primary@127.0.0.1:4370\npeer_nodes:\n  - (none)\nnodes:\n  - primary@127.0.0.1:4370\ncluster_role: primary\npromotion_epoch: 0\nreplication_health: local_only\n" {
		t.Errorf("alone human:\n%s", h)
	}
	if js, _ := MarshalSnapshot(s); !containsStr(string(js), `"peer_nodes": []`) {
		t.Errorf("empty peers must print []:\n%s", js)
	}
}

func containsStr(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return true
		}
	}
	return false
}

func TestGoldenDiagnostics(t *testing.T) {
	e := goldenEngine(t)
	d := e.Diagnostics(gP, 1)
	d.Truncated = false // the limit cut the list; the §6.5 example shows the whole of a fresh ring
	d.TotalEntries = 1
	d.Entries = e.Diagnostics(gP, 0).Entries[:1]
	js, _ := MarshalSnapshot(d)
	want := `{
  "buffer_capacity": 128,
  "dropped_entries": 0,
  "entries": [
    {
      "attempt_id": null,
      "cluster_role": null,
      "execution_node": null,
      "metadata": [
        {
          "key": "runtime_name",
          "value": "Work.add"
        },
        {
          "key": "payload_hash",
          "value": "startup-payload::Work.add"
        }
      ],
      "owner_node": null,
      "promotion_epoch": null,
      "reason": null,
      "replica_node": null,
      "replica_status": null,
      "replication_health": null,
      "request_key": "startup::Work.add",
      "sequence": 1,
      "transition": "startup_registered"
    }
  ],
  "target": "primary@127.0.0.1:4370",
  "total_entries": 1,
  "truncated": false
}
`
	if string(js) != want {
		t.Errorf("diagnostics JSON:\n%s\nwant:\n%s", js, want)
	}
	human := FormatHumanDiagnostics(d)
	wantHuman := `target: primary@127.0.0.1:4370
total_entries: 1
dropped_entries: 0
buffer_capacity: 128
truncated: false
entries:
- seq=1 transition=startup_registered request_key=startup::Work.add attempt_id= owner= replica= execution= cluster_role= promotion_epoch= replication_health= replica_status= reason=
    runtime_name=Work.add
    payload_hash=startup-payload::Work.add
`
	if human != wantHuman {
		t.Errorf("diagnostics human:\n%s\nwant:\n%s", human, wantHuman)
	}
	if h := FormatHumanDiagnostics(DiagnosticsSnapshot{Target: "x", BufferCapacity: 128, Entries: []Diagnostic{}}); h != "target: x\ntotal_entries: 0\ndropped_entries: 0\nbuffer_capacity: 128\ntruncated: false\nentries: (none)\n" {
		t.Errorf("empty diagnostics human:\n%s", h)
	}
	// --limit: most recent entries; truncated.
	drive(e, TriggerStartup{}) // startup_keepalive
	all := e.Diagnostics(gP, 0)
	if len(all.Entries) != 2 || all.Entries[1].Transition != "startup_keepalive" || all.Truncated {
		t.Fatalf("entries %+v", all)
	}
	lim := e.Diagnostics(gP, 1)
	if !lim.Truncated || len(lim.Entries) != 1 || lim.Entries[0].Sequence != all.Entries[len(all.Entries)-1].Sequence || lim.TotalEntries != len(all.Entries) {
		t.Errorf("limit 1: %+v", lim)
	}
}

func TestGoldenContinuity(t *testing.T) {
	e := New(Config{NodeName: gP, Incarnation: "aaaaaaaaaaaa", Env: Authority{Role: RolePrimary}})
	drive(e, Boot{})
	l := e.ContinuityList(gP, 0)
	js, _ := MarshalSnapshot(l)
	if string(js) != "{\n  \"records\": [],\n  \"target\": \"primary@127.0.0.1:4370\",\n  \"total_records\": 0,\n  \"truncated\": false\n}\n" {
		t.Errorf("empty list JSON:\n%s", js)
	}
	if h := FormatHumanList(l); h != "target: primary@127.0.0.1:4370\ntotal_records: 0\ntruncated: false\nrecords: (none)\n" {
		t.Errorf("empty list human:\n%s", h)
	}
	// Three route submits, count 1, alone: each completes at once.
	for i, k := range []string{"http-route::Api.b::x-1", "http-route::Api.a::x-2", "http-route::Api.c::x-3"} {
		acts := drive(e, Submit{Token: uint64(i + 1), RuntimeName: "Api.h", Key: k, PayloadHash: "h" + k, Replicas: 1, Route: true})
		var sub *Submitted
		for _, a := range acts {
			if s, ok := a.(Submitted); ok {
				sub = &s
			}
		}
		if sub == nil || sub.Outcome != "created" || sub.Record.OwnerNode != gP {
			t.Fatalf("submit %s: %+v", k, sub)
		}
		drive(e, WorkFinished{Key: k, Attempt: sub.Record.AttemptID})
	}
	// Touch Api.b again (a duplicate does not change it) — most recent are a (2) and c (3).
	lim := e.ContinuityList(gP, 2)
	if lim.TotalRecords != 3 || !lim.Truncated || len(lim.Records) != 2 ||
		lim.Records[0].RequestKey != "http-route::Api.a::x-2" || lim.Records[1].RequestKey != "http-route::Api.c::x-3" {
		t.Fatalf("limit 2 (CONTRACT 39): %+v", lim)
	}
	one, err := e.Lookup(gP, "http-route::Api.a::x-2")
	if err != nil {
		t.Fatal(err)
	}
	h := FormatHumanRecord(one)
	want := `request_key: http-route::Api.a::x-2
attempt_id: attempt-1
phase: completed
result: succeeded
ingress_node: primary@127.0.0.1:4370
owner_node: primary@127.0.0.1:4370
replica_node: 
replication_count: 1
execution_node: primary@127.0.0.1:4370
declared_handler_runtime_name: Api.h
replica_status: unassigned
cluster_role: primary
promotion_epoch: 0
replication_health: local_only
routed_remotely: false
fell_back_locally: true
error: 
`
	if h != want {
		t.Errorf("record human:\n%s\nwant:\n%s", h, want)
	}
	lh := FormatHumanList(lim)
	wantList := `target: primary@127.0.0.1:4370
total_records: 3
truncated: true
records:
- request_key=http-route::Api.a::x-2 attempt_id=attempt-1 phase=completed result=succeeded owner=primary@127.0.0.1:4370 replica= replication_count=1 execution=primary@127.0.0.1:4370 declared_handler_runtime_name=Api.h replica_status=unassigned cluster_role=primary promotion_epoch=0 replication_health=local_only error=
- request_key=http-route::Api.c::x-3 attempt_id=attempt-2 phase=completed result=succeeded owner=primary@127.0.0.1:4370 replica= replication_count=1 execution=primary@127.0.0.1:4370 declared_handler_runtime_name=Api.h replica_status=unassigned cluster_role=primary promotion_epoch=0 replication_health=local_only error=
`
	if lh != wantList {
		t.Errorf("list human:\n%s\nwant:\n%s", lh, wantList)
	}
	if _, err := e.Lookup(gP, ""); err != ErrRequestKeyMissing {
		t.Errorf("empty key: %v", err)
	}
	if _, err := e.Lookup(gP, "nope"); err == nil || err.Error() != "request_key_not_found" {
		t.Errorf("unknown key: %v", err)
	}
	// Count 2 alone: a route cannot relax (CONTRACT 15).
	acts := drive(e, Submit{Token: 9, RuntimeName: "Api.h", Key: "http-route::Api.h::x-9", PayloadHash: "h", Replicas: 2, Route: true})
	for _, a := range acts {
		if s, ok := a.(Submitted); ok && (s.Outcome != "rejected" || s.Err != "replica_required_unavailable") {
			t.Errorf("count 2 alone: %+v", s)
		}
	}
	// Same key again: duplicate; other payload: conflict.
	for _, c := range []struct{ hash, outcome string }{{"h", "duplicate"}, {"other", "conflict"}} {
		for _, a := range drive(e, Submit{Token: 10, RuntimeName: "Api.h", Key: "http-route::Api.h::x-9", PayloadHash: c.hash, Replicas: 2, Route: true}) {
			if s, ok := a.(Submitted); ok && s.Outcome != c.outcome {
				t.Errorf("resubmit with %s: %+v", c.hash, s)
			}
		}
	}
}

// TestReplicasMetadata: CONTRACT 36 — with N=3 on three nodes the record names the first
// replica and the diagnostics list both.
func TestReplicasMetadata(t *testing.T) {
	a, b, c := "a@h:1", "b@h:1", "c@h:1"
	e := New(Config{NodeName: a, Incarnation: "i", Env: Authority{Role: RolePrimary}})
	drive(e, Boot{})
	drive(e, MembersChanged{Alive: []Member{{Name: b, Role: RoleStandby, Inc: "b"}, {Name: c, Role: RoleStandby, Inc: "c"}}})
	drive(e, Submit{Token: 1, RuntimeName: "Api.h", Key: "lowlevel::x", PayloadHash: "h", Replicas: 3})
	r, _ := e.Record("lowlevel::x")
	if len(r.Replicas) != 2 || r.ReplicaNode != r.Replicas[0] || contains(r.Replicas, r.OwnerNode) {
		t.Fatalf("record %+v", r)
	}
	if !diagHas(e, "submit", func(d Diagnostic) bool { return meta(d, "replicas") == strings.Join(r.Replicas, ",") }) {
		t.Fatalf("no replicas metadata: %+v", e.Committed().Diagnostics)
	}
}
