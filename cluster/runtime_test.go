package cluster

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"
)

// newTestRuntime's log buffer is locked: the runtime's goroutines write
// it while the test reads it.
func newTestRuntime(env map[string]string, works ...Work) (*Runtime, *syncBuf) {
	buf := &syncBuf{}
	r := NewRuntime(RuntimeOptions{Stderr: buf, Getenv: envOf(env), Hostname: host("box", nil)}, works)
	return r, buf
}

func TestStandaloneRunsStartupWorkOnce(t *testing.T) {
	runs := 0
	add := Work{Name: "Work.add", Run: func(context.Context) (string, error) { runs++; return "2", nil }}
	r, buf := newTestRuntime(nil, add)
	st, err := r.StartFromEnv()
	if err != nil || st != (BootstrapStatus{"standalone", "", 4370, ""}) {
		t.Fatalf("StartFromEnv = %+v, %v", st, err)
	}
	if code := r.AfterMain(context.Background()); code != 0 {
		t.Fatalf("exit = %d", code)
	}
	if runs != 1 {
		t.Fatalf("work ran %d times", runs)
	}
	log := buf.String()
	for _, want := range []string{
		"[mesh-rt startup] transition=startup_registered runtime_name=Work.add request_key=startup::Work.add\n",
		"[mesh-rt startup] transition=startup_trigger runtime_name=Work.add request_key=startup::Work.add required_replicas=0 membership=standalone@local\n",
		"[mesh-rt continuity] transition=submit request_key=startup::Work.add attempt_id=attempt-0 ingress=standalone@local owner=standalone@local replica= replication_count=2 required_replicas=0 cluster_role=primary promotion_epoch=0 replication_health=local_only replica_status=unassigned phase=submitted\n",
		"[mesh-rt continuity] transition=completed request_key=startup::Work.add attempt_id=attempt-0 execution=standalone@local",
		"[mesh-rt startup] transition=startup_completed runtime_name=Work.add request_key=startup::Work.add attempt_id=attempt-0 execution_node=standalone@local\n",
	} {
		if !strings.Contains(log, want) {
			t.Errorf("log lacks %q:\n%s", want, log)
		}
	}
}

func TestStandaloneFailedWorkIsClosed(t *testing.T) {
	bad := Work{Name: "Work.boom", Replicas: 1, Run: func(context.Context) (string, error) { return "", errors.New("oops") }}
	r, buf := newTestRuntime(map[string]string{"MESH_CONTINUITY_ROLE": "standby"}, bad)
	if _, err := r.StartFromEnv(); err != nil {
		t.Fatal(err)
	}
	if code := r.AfterMain(context.Background()); code != 0 {
		t.Fatalf("exit = %d", code)
	}
	for _, want := range []string{
		"transition=rejected request_key=startup::Work.boom attempt_id=attempt-0 owner=standalone@local replica= cluster_role=standby promotion_epoch=0 replication_health=unavailable replica_status=rejected reason=declared_work_failed:oops",
		"[mesh-rt startup] transition=startup_rejected runtime_name=Work.boom request_key=startup::Work.boom attempt_id=attempt-0 owner=standalone@local replica= reason=declared_work_failed:oops",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("log lacks %q:\n%s", want, buf.String())
		}
	}
}

func TestBootstrapErrorRejectsStartupWork(t *testing.T) {
	runs := 0
	add := Work{Name: "Work.add", Run: func(context.Context) (string, error) { runs++; return "", nil }}
	r, buf := newTestRuntime(map[string]string{"MESH_CONTINUITY_PROMOTION_EPOCH": "x"}, add)
	if _, err := r.StartFromEnv(); err == nil || err.Error() != "Invalid MESH_CONTINUITY_PROMOTION_EPOCH: expected a non-negative integer" {
		t.Fatalf("err = %v", err)
	}
	if code := r.AfterMain(context.Background()); code != 1 {
		t.Fatalf("exit = %d, want 1", code)
	}
	if runs != 0 || !strings.Contains(buf.String(), "[mesh-rt startup] transition=startup_rejected runtime_name=Work.add reason=bootstrap_failed\n") {
		t.Fatalf("runs=%d log=%s", runs, buf.String())
	}
	// Without @cluster work the Err is only the program's business.
	r2, _ := newTestRuntime(map[string]string{"MESH_CONTINUITY_ROLE": "x"})
	if _, err := r2.StartFromEnv(); err == nil {
		t.Fatal("want error")
	}
	if code := r2.AfterMain(context.Background()); code != 0 {
		t.Fatalf("exit = %d, want 0", code)
	}
}

func TestPanickingWorkDoesNotCrash(t *testing.T) {
	w := Work{Name: "Work.p", Run: func(context.Context) (string, error) { panic("kaboom") }}
	r, buf := newTestRuntime(nil, w)
	if code := r.AfterMain(context.Background()); code != 0 {
		t.Fatalf("exit = %d", code)
	}
	if !strings.Contains(buf.String(), "reason=declared_work_failed:kaboom") {
		t.Fatalf("log = %s", buf.String())
	}
}

// TestTriggerStartupBeforeMainReturns: HTTP.serve triggers the startup work
// while main still runs; AfterMain later waits for it and never reruns it.
func TestTriggerStartupBeforeMainReturns(t *testing.T) {
	ran := make(chan struct{}, 4)
	add := Work{Name: "Work.add", Run: func(context.Context) (string, error) { ran <- struct{}{}; return "2", nil }}
	r, buf := newTestRuntime(nil, add)
	if _, err := r.StartFromEnv(); err != nil {
		t.Fatal(err)
	}
	r.TriggerStartup()
	select {
	case <-ran:
	case <-time.After(10 * time.Second):
		t.Fatalf("startup work did not run after TriggerStartup:\n%s", buf.String())
	}
	r.TriggerStartup()
	if code := r.AfterMain(context.Background()); code != 0 {
		t.Fatalf("exit = %d", code)
	}
	if n := len(ran); n != 0 {
		t.Fatalf("work ran %d more times", n)
	}
	if c := strings.Count(buf.String(), "transition=startup_completed"); c != 1 {
		t.Fatalf("startup_completed logged %d times:\n%s", c, buf.String())
	}
}

// TestTriggerStartupAfterBootstrapError logs startup_rejected once.
func TestTriggerStartupAfterBootstrapError(t *testing.T) {
	add := Work{Name: "Work.add", Run: func(context.Context) (string, error) { t.Error("work ran"); return "", nil }}
	r, buf := newTestRuntime(map[string]string{"MESH_CLUSTER_PORT": "0"}, add)
	if _, err := r.StartFromEnv(); err == nil {
		t.Fatal("bad port accepted")
	}
	r.TriggerStartup()
	if code := r.AfterMain(context.Background()); code != 1 {
		t.Fatalf("exit = %d", code)
	}
	if c := strings.Count(buf.String(), "reason=bootstrap_failed"); c != 1 {
		t.Fatalf("startup_rejected logged %d times:\n%s", c, buf.String())
	}
}

// TestStandaloneClusteredRoute: without a cluster, an HTTP.clustered
// request is still keyed and recorded, owned by standalone@local.
func TestStandaloneClusteredRoute(t *testing.T) {
	r, buf := newTestRuntime(nil)
	r.RegisterRoutes([]Route{{Name: "Api.Todos.list", Replicas: 1, Handler: func(_ context.Context, req []byte) ([]byte, error) {
		return append([]byte("echo:"), req...), nil
	}}})
	if _, err := r.StartFromEnv(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for i := 0; i < 2; i++ {
		resp, key, err := r.ServeRoute(context.Background(), "Api.Todos.list", []byte("GET /todos"))
		if err != nil || string(resp) != "echo:GET /todos" {
			t.Fatalf("ServeRoute = %q, %q, %v", resp, key, err)
		}
		if !strings.HasPrefix(key, "http-route::Api.Todos.list::") || !strings.HasSuffix(key, "-"+strconv.Itoa(i+1)) {
			t.Fatalf("key %q", key)
		}
		keys = append(keys, key)
	}
	if keys[0][:len(keys[0])-1] != keys[1][:len(keys[1])-1] {
		t.Fatalf("keys from one process differ in incarnation: %q %q", keys[0], keys[1])
	}
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(buf.String(), "transition=completed request_key="+keys[1]) {
		if time.Now().After(deadline) {
			t.Fatalf("route record never completed:\n%s", buf.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if !strings.Contains(buf.String(), "execution=standalone@local") {
		t.Fatalf("not executed as standalone@local:\n%s", buf.String())
	}
}

// TestStandaloneMembers: outside cluster mode Node.self() is "", Node.list()
// is empty and Node.connect fails.
func TestStandaloneMembers(t *testing.T) {
	rt, _ := newTestRuntime(nil)
	if _, err := rt.StartFromEnv(); err != nil {
		t.Fatal(err)
	}
	if rt.NodeName() != "" || len(rt.Peers()) != 0 {
		t.Fatalf("standalone: %q %v", rt.NodeName(), rt.Peers())
	}
	if err := rt.Connect("a@127.0.0.1:4370"); err != errStandalone {
		t.Fatalf("Connect = %v", err)
	}
	if rt.AddDrain(func(context.Context) {}) {
		t.Fatal("AddDrain accepted outside cluster mode")
	}
}
