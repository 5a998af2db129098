package store

import (
	"errors"
	"fmt"
)

// Sentinel errors; test with errors.Is. The errors Open returns carry the journal's path and
// print the exact texts of CONTRACT 35, so callers can prefix them and print them as they are.
var (
	// ErrLocked: another process (or another Open in this one) holds the journal.
	ErrLocked = errors.New("continuity journal is locked by another process")
	// ErrWrongNode: the journal was created by a node with another name.
	ErrWrongNode = errors.New("continuity journal belongs to another node")
	// ErrFormat: the journal was written by an incompatible format version.
	ErrFormat = errors.New("continuity journal has an unsupported format version")
	// ErrClosed: the journal was closed; no more writes are accepted.
	ErrClosed = errors.New("continuity journal is closed")
)

// JournalError is what Open returns for a journal it cannot use. Its Error text names the
// path (CONTRACT 35); errors.Is matches the sentinel in Kind.
type JournalError struct {
	Path string
	Kind error // ErrLocked, ErrWrongNode or ErrFormat
	// Owner is the node name stored in the journal (ErrWrongNode).
	Owner string
	// Version is the format version found in the journal (ErrFormat).
	Version uint64
}

func (e *JournalError) Error() string {
	switch e.Kind {
	case ErrLocked:
		return fmt.Sprintf("continuity journal %s is locked by another process", e.Path)
	case ErrWrongNode:
		return fmt.Sprintf("continuity journal %s belongs to %s", e.Path, e.Owner)
	case ErrFormat:
		return fmt.Sprintf("continuity journal %s has format version %d, this build reads version %d",
			e.Path, e.Version, FormatVersion)
	}
	return fmt.Sprintf("continuity journal %s: %v", e.Path, e.Kind)
}

func (e *JournalError) Unwrap() error { return e.Kind }
