package clustertest

import (
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestBootstrapProcess: exit codes and texts a user sees (CONTRACT 12, 13,
// 22, 35; issue 3 item 7 g, h).
func TestBootstrapProcess(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)

	// Standalone: the work runs once locally, nothing written, exit 0.
	sa := Start(t, bin, dir, "standalone")
	if c := sa.Wait(20 * time.Second); c != 0 {
		t.Fatalf("standalone exit %d", c)
	}
	if !strings.Contains(sa.Stdout(), "[clustered-app] runtime bootstrap mode=standalone node= cluster_port=4370 discovery_seed=\n") ||
		strings.Count(sa.Stdout(), "Work.add ran") != 1 ||
		!strings.Contains(sa.Stderr(), "transition=startup_completed runtime_name=Work.add request_key=startup::Work.add attempt_id=attempt-0 execution_node=standalone@local") {
		t.Fatalf("standalone output:\n%s\n%s", sa.Stdout(), sa.Stderr())
	}

	// A bootstrap Err with @cluster work: no startup work, exit 1 (CONTRACT 35).
	bad := Start(t, bin, dir, "bad-role", "MESH_CONTINUITY_ROLE=leader")
	if c := bad.Wait(20 * time.Second); c != 1 {
		t.Fatalf("bad role exit %d", c)
	}
	if !strings.Contains(bad.Stdout(), "runtime bootstrap failed reason=Invalid MESH_CONTINUITY_ROLE: expected primary or standby\n") ||
		strings.Contains(bad.Stdout(), "Work.add ran") ||
		!strings.Contains(bad.Stderr(), "[mesh-rt startup] transition=startup_rejected runtime_name=Work.add reason=bootstrap_failed") {
		t.Fatalf("bad role output:\n%s\n%s", bad.Stdout(), bad.Stderr())
	}

	// A running node holds its port and its journal.
	holder := Start(t, bin, dir, "holder", nodeEnv("holder@127.0.0.1:"+p, "primary", port)...)
	Eventually(t, "holder up", func() bool { return strings.Contains(holder.Stdout(), "runtime bootstrap mode=cluster") })

	bind := Start(t, bin, dir, "bind", nodeEnv("app@127.0.0.1:"+p, "primary", port)...)
	if c := bind.Wait(20 * time.Second); c != 1 {
		t.Fatalf("bind exit %d", c)
	}
	if !strings.Contains(bind.Stdout(), "reason=mesh bootstrap start failed node=app@127.0.0.1:"+p+": listener bind failed\n") ||
		!strings.Contains(bind.Stderr(), "mesh node: listen 127.0.0.1:"+p+" failed: ") {
		t.Fatalf("bind output:\n%s\n%s", bind.Stdout(), bind.Stderr())
	}

	start := time.Now()
	held := Start(t, bin, dir, "held", nodeEnv("holder@127.0.0.1:"+p, "primary", port)...)
	if c := held.Wait(20 * time.Second); c != 1 {
		t.Fatalf("held journal exit %d", c)
	}
	if time.Since(start) > 5*time.Second {
		t.Fatalf("held journal took %v", time.Since(start))
	}
	want := "reason=mesh bootstrap start failed node=holder@127.0.0.1:" + p + ": continuity journal " + dir + "/.mesh/state/holder@127.0.0.1_" + p + "/journal.db is locked by another process\n"
	if !strings.Contains(held.Stdout(), want) {
		t.Fatalf("held output:\n%s\nwant %s", held.Stdout(), want)
	}
	holder.Signal(syscall.SIGTERM)
	if c := holder.Wait(10 * time.Second); c != 0 {
		t.Fatalf("holder exit %d", c)
	}
}
