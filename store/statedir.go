package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// OperatorKeyFile is the operator key's file name inside the node's state directory.
const OperatorKeyFile = "operator.key"

// DirName is the default state directory name of a node (CONTRACT 33): the node name with
// every byte outside A-Za-z0-9._@- replaced by '_', e.g. "primary@127.0.0.1_4370".
func DirName(nodeName string) string {
	b := []byte(nodeName)
	for i, c := range b {
		switch {
		case 'a' <= c && c <= 'z', 'A' <= c && c <= 'Z', '0' <= c && c <= '9',
			c == '.', c == '_', c == '@', c == '-':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

// DefaultDir is the default MESH_STATE_DIR of a node: <workdir>/.mesh/state/<DirName(node)>.
func DefaultDir(workdir, nodeName string) string {
	return filepath.Join(workdir, ".mesh", "state", DirName(nodeName))
}

// EnsureOperatorKey returns the operator key stored in dir/operator.key, first writing a new
// random one (32 bytes, hex, mode 0600) if the file does not exist (CONTRACT 37). The new
// file appears atomically, complete, and an existing one is never replaced.
func EnsureOperatorKey(dir string) (string, error) {
	key, err := ReadOperatorKey(dir)
	if err == nil || !errors.Is(err, fs.ErrNotExist) {
		return key, err
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return "", fmt.Errorf("operator key directory %s: %w", dir, err)
	}
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", err
	}
	key = hex.EncodeToString(raw)
	tmp, err := os.CreateTemp(dir, OperatorKeyFile+".tmp*")
	if err != nil {
		return "", fmt.Errorf("operator key: %w", err)
	}
	defer os.Remove(tmp.Name())
	if err := tmp.Chmod(0o600); err != nil {
		tmp.Close()
		return "", fmt.Errorf("operator key: %w", err)
	}
	if _, err := tmp.WriteString(key + "\n"); err != nil {
		tmp.Close()
		return "", fmt.Errorf("operator key: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		tmp.Close()
		return "", fmt.Errorf("operator key: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return "", fmt.Errorf("operator key: %w", err)
	}
	// Link fails if the file exists: a concurrent writer's key wins and we read it back.
	if err := os.Link(tmp.Name(), filepath.Join(dir, OperatorKeyFile)); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return ReadOperatorKey(dir)
		}
		return "", fmt.Errorf("operator key: %w", err)
	}
	return key, nil
}

// ReadOperatorKey reads dir/operator.key. A missing file gives an error matching
// fs.ErrNotExist; a file that does not hold a hex key is an error naming the file.
func ReadOperatorKey(dir string) (string, error) {
	path := filepath.Join(dir, OperatorKeyFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return "", err
	}
	key := strings.TrimSpace(string(b))
	if raw, err := hex.DecodeString(key); err != nil || len(raw) < 16 {
		return "", fmt.Errorf("operator key %s: not a hex key of at least 16 bytes", path)
	}
	return key, nil
}
