package clustertest

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/cluster"
)

// buildMeshc builds cmd/meshc (the operator CLI) into dir.
func buildMeshc(t *testing.T, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "meshc")
	cmd := exec.Command("go", "build", "-o", out, "github.com/mesh-lang/mesh/cmd/meshc")
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build meshc: %v\n%s", err, b)
	}
	return out
}

type cliResult struct {
	stdout, stderr string
	code           int
}

// meshc runs the CLI in dir with no MESH_* environment unless given.
func meshc(t *testing.T, bin, dir string, env []string, args ...string) cliResult {
	t.Helper()
	cmd := exec.Command(bin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}, env...)
	var out, errb strings.Builder
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return cliResult{out.String(), errb.String(), code}
}

// TestSeedWalkthroughCLI runs the seed's `meshc cluster …` lines against two
// nodes (127.0.0.1:P and [::1]:P) from the project directory with no cookie
// in the CLI's environment (CONTRACT 37), in JSON and human form.
func TestSeedWalkthroughCLI(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	cli := buildMeshc(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim, stby := "primary@127.0.0.1:"+p, "standby@[::1]:"+p
	pp := Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port, "MESH_STARTUP_WORK_DELAY_MS=300")...)
	sp := Start(t, bin, dir, "standby", nodeEnv(stby, "standby", port, "MESH_STARTUP_WORK_DELAY_MS=300")...)

	Eventually(t, "completed on both", func() bool {
		for _, target := range []string{prim, stby} {
			r := meshc(t, cli, dir, nil, "cluster", "continuity", target, "startup::Work.add", "--json")
			if r.code != 0 || !strings.Contains(r.stdout, `"phase": "completed"`) {
				return false
			}
		}
		return true
	})
	r := meshc(t, cli, dir, nil, "cluster", "status", prim, "--json")
	var st cluster.StatusReply
	if err := json.Unmarshal([]byte(r.stdout), &st); err != nil || r.code != 0 {
		t.Fatalf("status: %v %+v", err, r)
	}
	if st.Target != prim || st.Membership.LocalNode != prim || len(st.Membership.PeerNodes) != 1 || st.Membership.PeerNodes[0] != stby ||
		st.Authority.ClusterRole != "primary" || st.Authority.PromotionEpoch != 0 {
		t.Fatalf("status %+v", st)
	}
	// Keys are alphabetical and arrays pretty-printed (§6.5).
	if !strings.HasPrefix(r.stdout, "{\n  \"authority\": {\n    \"cluster_role\": \"primary\",") {
		t.Fatalf("status json:\n%s", r.stdout)
	}
	r = meshc(t, cli, dir, nil, "cluster", "continuity", stby, "--json")
	var list cluster.ContinuityListReply
	if err := json.Unmarshal([]byte(r.stdout), &list); err != nil || list.TotalRecords != 1 || list.Truncated || len(list.Records) != 1 {
		t.Fatalf("list %v %s", err, r.stdout)
	}
	rec := list.Records[0]
	if rec.RequestKey != "startup::Work.add" || rec.DeclaredHandlerRuntimeName != "Work.add" || rec.ClusterRole != "standby" ||
		rec.ReplicaStatus != "mirrored" || rec.ExecutionNode != rec.OwnerNode || rec.OwnerNode == rec.ReplicaNode {
		t.Fatalf("record %+v", rec)
	}
	// All 18 record fields (§9.6).
	r = meshc(t, cli, dir, nil, "cluster", "continuity", prim, "startup::Work.add", "--json")
	var raw struct{ Record map[string]any }
	json.Unmarshal([]byte(r.stdout), &raw)
	if len(raw.Record) != 18 {
		t.Fatalf("record has %d fields: %s", len(raw.Record), r.stdout)
	}
	r = meshc(t, cli, dir, nil, "cluster", "continuity", stby, "startup::Work.add")
	for _, want := range []string{"phase: completed\n", "result: succeeded\n", "declared_handler_runtime_name: Work.add\n", "cluster_role: standby\n"} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("human record lacks %q:\n%s", want, r.stdout)
		}
	}
	r = meshc(t, cli, dir, nil, "cluster", "status", prim)
	if !strings.Contains(r.stdout, "peer_nodes:\n  - "+stby+"\n") || !strings.Contains(r.stdout, "cluster_role: primary\n") {
		t.Fatalf("human status:\n%s", r.stdout)
	}
	r = meshc(t, cli, dir, nil, "cluster", "diagnostics", prim, "--json")
	for _, want := range []string{`"buffer_capacity": 128`, `"transition": "startup_trigger"`, `"transition": "startup_dispatch_window"`} {
		if !strings.Contains(r.stdout, want) {
			t.Fatalf("diagnostics lack %q:\n%s", want, r.stdout)
		}
	}
	r = meshc(t, cli, dir, nil, "cluster", "diagnostics", prim, "--limit", "2", "--json")
	var d cluster.DiagnosticsReply
	if json.Unmarshal([]byte(r.stdout), &d); len(d.Entries) != 2 || !d.Truncated {
		t.Fatalf("limited diagnostics: %s", r.stdout)
	}
	r = meshc(t, cli, dir, nil, "cluster", "continuity", prim, "--limit", "1")
	if !strings.Contains(r.stdout, "- request_key=startup::Work.add ") {
		t.Fatalf("human list:\n%s", r.stdout)
	}

	// Errors (§6.4, CONTRACT 18, 38).
	r = meshc(t, cli, dir, nil, "cluster", "status", prim, "--cookie", "wrong")
	if want := "error: operator query status target " + prim + " unavailable: handshake with 127.0.0.1:" + p + " failed: authentication failed\n"; r.code != 1 || r.stderr != want || r.stdout != "" {
		t.Fatalf("wrong cookie: %+v", r)
	}
	Eventually(t, "node logs the failed handshake", func() bool {
		return strings.Contains(pp.Stderr(), "mesh node: handshake failed: cookie mismatch: authentication failed from ")
	})
	r = meshc(t, cli, dir, nil, "cluster", "status", "primary@127.0.0.1")
	if r.code != 2 || r.stderr != "error: invalid target 'primary@127.0.0.1': expected name@host:port\n" {
		t.Fatalf("no port: %+v", r)
	}
	r = meshc(t, cli, dir, nil, "cluster", "continuity", prim, "nope")
	if r.code != 1 || r.stderr != "error: operator query continuity_lookup target "+prim+" rejected: request_key_not_found\n" {
		t.Fatalf("unknown key: %+v", r)
	}
	r = meshc(t, cli, dir, nil, "cluster", "continuity", prim, "")
	if r.code != 1 || r.stderr != "error: operator query continuity_lookup invalid: request_key_missing\n" {
		t.Fatalf("empty key: %+v", r)
	}
	r = meshc(t, cli, t.TempDir(), nil, "cluster", "status", prim)
	if r.code != 1 || r.stderr != "error: meshc cluster: MESH_CLUSTER_COOKIE is required unless --cookie is provided\n" {
		t.Fatalf("no key: %+v", r)
	}
	r = meshc(t, cli, t.TempDir(), []string{"MESH_CLUSTER_COOKIE= dev-cookie "}, "cluster", "status", prim, "--json")
	if r.code != 0 {
		t.Fatalf("trimmed env cookie: %+v", r)
	}
	if strings.Contains(pp.Stderr()+sp.Stderr(), "dev-cookie") {
		t.Fatal("cookie in a log")
	}
	r = meshc(t, cli, dir, nil, "cluster", "status", prim, "--json")
	if strings.Contains(r.stdout, "mesh-operator-query") {
		t.Fatal("CLI shows up as a member")
	}

	pp.Signal(syscall.SIGINT)
	sp.Signal(syscall.SIGTERM)
	if a, b := pp.Wait(10*time.Second), sp.Wait(10*time.Second); a != 0 || b != 0 {
		t.Fatalf("exit codes %d %d", a, b)
	}
	r = meshc(t, cli, dir, nil, "cluster", "status", prim, "--timeout-ms", "300")
	if r.code != 1 || !strings.HasPrefix(r.stderr, "error: operator query status target "+prim+" unavailable: TCP connect to 127.0.0.1:"+p+" failed: ") {
		t.Fatalf("stopped node: %+v", r)
	}
}

// TestWrongCookieNode: a node with another cookie never becomes a member;
// both sides log the rejected attempt (CONTRACT 11, 23).
func TestWrongCookieNode(t *testing.T) {
	dir := t.TempDir()
	bin := BuildFakenode(t, dir)
	port := FreeDualPort(t)
	p := strconv.Itoa(port)
	prim := "primary@127.0.0.1:" + p
	pp := Start(t, bin, dir, "primary", nodeEnv(prim, "primary", port)...)
	ip := Start(t, bin, dir, "intruder", append(nodeEnv("intruder@[::1]:"+p, "standby", port), "MESH_CLUSTER_COOKIE=other")...)
	Eventually(t, "both reject", func() bool {
		return strings.Contains(pp.Stderr(), "[::1]:"+p+":authentication_failed") &&
			strings.Contains(ip.Stderr(), "127.0.0.1:"+p+":authentication_failed") &&
			strings.Contains(pp.Stderr(), "mesh node: handshake failed: cookie mismatch: authentication failed from ")
	})
	time.Sleep(time.Second)
	st, ok := status(t, prim)
	if !ok || len(st.Membership.PeerNodes) != 0 {
		t.Fatalf("status %+v", st)
	}
}
