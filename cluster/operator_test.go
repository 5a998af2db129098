package cluster

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/mesh-lang/mesh/store"
)

func TestResolveOperatorKey(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	target := "standby@[::1]:4370"
	none := envOf(nil)

	k, id, err := ResolveOperatorKey(" c ", true, target, envOf(map[string]string{"MESH_CLUSTER_COOKIE": "other"}))
	if err != nil || id != keyIDCookie || !bytes.Equal(k, DeriveKey("c", infoOperator)) {
		t.Fatalf("flag: %v", err)
	}
	k, _, err = ResolveOperatorKey("", false, target, envOf(map[string]string{"MESH_CLUSTER_COOKIE": " env "}))
	if err != nil || !bytes.Equal(k, DeriveKey("env", infoOperator)) {
		t.Fatalf("env: %v", err)
	}
	for env, want := range map[string]string{"": "meshc cluster: MESH_CLUSTER_COOKIE is required unless --cookie is provided", "  ": "meshc cluster: MESH_CLUSTER_COOKIE must not be blank"} {
		if _, _, err := ResolveOperatorKey("", false, target, envOf(map[string]string{"MESH_CLUSTER_COOKIE": env})); err == nil || err.Error() != want {
			t.Fatalf("env %q: %v", env, err)
		}
	}
	if _, _, err := ResolveOperatorKey(" ", true, target, none); err == nil || err.Error() != "meshc cluster: --cookie must not be blank" {
		t.Fatalf("blank flag: %v", err)
	}
	// The node's operator.key under ./.mesh/state/<target dir>/ (CONTRACT 37).
	fileKey, err := store.EnsureOperatorKey(filepath.Join(dir, ".mesh", "state", "standby@___1__4370"))
	if err != nil {
		t.Fatal(err)
	}
	k, id, err = ResolveOperatorKey("", false, target, none)
	if err != nil || id != keyIDFile || !bytes.Equal(k, OperatorKeyFromFile(fileKey)) {
		t.Fatalf("default dir: %v", err)
	}
	// MESH_STATE_DIR first.
	other := t.TempDir()
	otherKey, _ := store.EnsureOperatorKey(other)
	k, _, err = ResolveOperatorKey("", false, target, envOf(map[string]string{"MESH_STATE_DIR": other}))
	if err != nil || !bytes.Equal(k, OperatorKeyFromFile(otherKey)) {
		t.Fatalf("state dir: %v", err)
	}
	// A damaged key file is an error naming it, not a silent fallback.
	os.WriteFile(filepath.Join(other, store.OperatorKeyFile), []byte("zz"), 0o600)
	if _, _, err := ResolveOperatorKey("", false, target, envOf(map[string]string{"MESH_STATE_DIR": other})); err == nil {
		t.Fatal("damaged key accepted")
	}
}

func TestResolveSeed(t *testing.T) {
	ips, err := resolveSeed("localhost")
	if err != nil || len(ips) != 2 || ips[0].String() != "127.0.0.1" || ips[1].String() != "::1" {
		t.Fatalf("localhost → %v %v", ips, err)
	}
	ips, err = resolveSeed("[::1]")
	if err != nil || len(ips) != 1 || ips[0].String() != "::1" {
		t.Fatalf("[::1] → %v %v", ips, err)
	}
}
