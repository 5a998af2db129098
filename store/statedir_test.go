package store

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sync"
	"testing"
)

func TestDirName(t *testing.T) {
	tests := []struct{ node, want string }{
		{"primary@127.0.0.1:4370", "primary@127.0.0.1_4370"},
		{"standby@[::1]:4370", "standby@___1__4370"},
		{"a-b_c.d@host", "a-b_c.d@host"},
		{"sp ace/slash\\", "sp_ace_slash_"},
		{"é", "__"}, // bytes, not runes
		{"..", ".."},
	}
	for _, tc := range tests {
		if got := DirName(tc.node); got != tc.want {
			t.Errorf("DirName(%q) = %q, want %q", tc.node, got, tc.want)
		}
	}
	if got, want := DefaultDir("/w", "primary@127.0.0.1:4370"), "/w/.mesh/state/primary@127.0.0.1_4370"; got != want {
		t.Errorf("DefaultDir = %q, want %q", got, want)
	}
}

func TestOpenCreatesPrivateDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), ".mesh", "state", "n")
	j := openT(t, dir, "n", Options{})
	for path, want := range map[string]os.FileMode{dir: 0o700 | fs.ModeDir, j.Path(): 0o600} {
		fi, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode() != want {
			t.Errorf("%s mode %v, want %v", path, fi.Mode(), want)
		}
	}
}

func TestOperatorKey(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "state")
	if _, err := ReadOperatorKey(dir); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("ReadOperatorKey on nothing = %v", err)
	}
	// Concurrent first calls agree on one key.
	keys := make([]string, 8)
	var wg sync.WaitGroup
	for i := range keys {
		wg.Add(1)
		go func() {
			defer wg.Done()
			k, err := EnsureOperatorKey(dir)
			if err != nil {
				t.Error(err)
			}
			keys[i] = k
		}()
	}
	wg.Wait()
	for _, k := range keys {
		if k != keys[0] || len(k) != 64 {
			t.Fatalf("keys %q", keys)
		}
	}
	fi, err := os.Stat(filepath.Join(dir, OperatorKeyFile))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("operator.key: %v %v", fi.Mode(), err)
	}
	if got, err := ReadOperatorKey(dir); err != nil || got != keys[0] {
		t.Fatalf("ReadOperatorKey = %q %v", got, err)
	}
	if again, err := EnsureOperatorKey(dir); err != nil || again != keys[0] {
		t.Fatalf("EnsureOperatorKey replaced the key: %q %v", again, err)
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 {
		t.Fatalf("left files behind: %v", entries)
	}
	// A damaged key file is an error, not silently replaced.
	os.WriteFile(filepath.Join(dir, OperatorKeyFile), []byte("not hex\n"), 0o600)
	if _, err := EnsureOperatorKey(dir); err == nil {
		t.Fatal("EnsureOperatorKey accepted a damaged key file")
	}
}
