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
