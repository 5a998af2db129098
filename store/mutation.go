package store

import (
	"errors"
	"fmt"
	"strings"
)

type opKind uint8

const (
	opPutRecord opKind = iota + 1
	opDeleteRecord
	opPutAuthority
	opSetWatermark
	opAppendDiagnostic
	opPutMember
	opDeleteMember
	opDeleteRecordKey
)

// maxKeySize is bbolt's key limit (bbolt.MaxKeySize); checked when a mutation is built so a bad
// key is refused to its caller instead of failing a whole group commit.
const maxKeySize = 32768

// A Mutation is one change to the journal. Build it with the constructors below; they copy the
// byte slices they are given, so callers may reuse their buffers. A constructor given invalid
// input returns a Mutation that Commit, Submit and Enqueue refuse with a descriptive error.
type Mutation struct {
	op    opKind
	key   string // request key, member name
	sub   string // attempt id, role
	n     uint64 // epoch, watermark, sequence
	value []byte
	err   error
}

// PutRecord stores (or replaces) the record with this request key and attempt id.
// The attempt id may not contain a NUL byte (it separates the two in the bbolt key).
func PutRecord(requestKey, attemptID string, value []byte) Mutation {
	m := Mutation{op: opPutRecord, key: requestKey, sub: attemptID, value: clone(value)}
	m.err = checkRecordKey(requestKey, attemptID)
	return m
}

// DeleteRecord removes one record; deleting a missing record is not an error.
func DeleteRecord(requestKey, attemptID string) Mutation {
	m := Mutation{op: opDeleteRecord, key: requestKey, sub: attemptID}
	m.err = checkRecordKey(requestKey, attemptID)
	return m
}

// DeleteRecordKey removes every stored version (every attempt id) of the records of one
// request key, in the transaction of the rest of its batch; a later Restore returns none of
// them. The key is remembered among the journal's graves (State.Graves, the last
// Options.GraveCapacity deleted keys). Deleting an unknown key is not an error. (The
// continuity engine prunes terminal HTTP route records with it.)
func DeleteRecordKey(requestKey string) Mutation {
	m := Mutation{op: opDeleteRecordKey, key: requestKey}
	m.err = checkName("request key", requestKey)
	if m.err == nil && len(requestKey)+1 > maxKeySize {
		m.err = fmt.Errorf("store: record key longer than %d bytes", maxKeySize)
	}
	return m
}

// PutAuthority stores the node's continuity authority (role and promotion epoch).
func PutAuthority(role string, epoch uint64) Mutation {
	m := Mutation{op: opPutAuthority, sub: role, n: epoch}
	if role == "" {
		m.err = errors.New("store: empty authority role")
	}
	return m
}

// SetWatermark stores the attempt watermark (the highest attempt number handed out).
func SetWatermark(n uint64) Mutation {
	return Mutation{op: opSetWatermark, n: n}
}

// AppendDiagnostic stores a diagnostics entry under its sequence number (an existing entry
// with that sequence is replaced). Beyond the journal's capacity the oldest entries are
// trimmed and counted in State.DiagnosticsDropped.
func AppendDiagnostic(seq uint64, value []byte) Mutation {
	return Mutation{op: opAppendDiagnostic, n: seq, value: clone(value)}
}

// PutMember remembers a cluster member (the value is the caller's encoding, e.g. address and
// incarnation), so discovery can try it again after a restart (CONTRACT 23).
func PutMember(name string, value []byte) Mutation {
	m := Mutation{op: opPutMember, key: name, value: clone(value)}
	m.err = checkName("member name", name)
	return m
}

// DeleteMember forgets a remembered member; forgetting an unknown member is not an error.
func DeleteMember(name string) Mutation {
	m := Mutation{op: opDeleteMember, key: name}
	m.err = checkName("member name", name)
	return m
}

func checkRecordKey(requestKey, attemptID string) error {
	if err := checkName("request key", requestKey); err != nil {
		return err
	}
	if err := checkName("attempt id", attemptID); err != nil {
		return err
	}
	if strings.IndexByte(attemptID, 0) >= 0 {
		return fmt.Errorf("store: attempt id %q contains a NUL byte", attemptID)
	}
	if len(requestKey)+1+len(attemptID) > maxKeySize {
		return fmt.Errorf("store: record key longer than %d bytes", maxKeySize)
	}
	return nil
}

func checkName(what, s string) error {
	if s == "" {
		return fmt.Errorf("store: empty %s", what)
	}
	if len(s) > maxKeySize {
		return fmt.Errorf("store: %s longer than %d bytes", what, maxKeySize)
	}
	return nil
}

// recordKey joins request key and attempt id; the attempt id never holds a NUL, so the last
// NUL splits them again even if a request key contains one.
func recordKey(requestKey, attemptID string) []byte {
	k := make([]byte, 0, len(requestKey)+1+len(attemptID))
	k = append(k, requestKey...)
	k = append(k, 0)
	return append(k, attemptID...)
}

func splitRecordKey(k []byte) (requestKey, attemptID string, ok bool) {
	s := string(k)
	i := strings.LastIndexByte(s, 0)
	if i < 0 {
		return "", "", false
	}
	return s[:i], s[i+1:], true
}

func clone(b []byte) []byte {
	if b == nil {
		return []byte{}
	}
	return append([]byte(nil), b...)
}
