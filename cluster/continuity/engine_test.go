package continuity

import (
	"strings"
	"testing"
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
