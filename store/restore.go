package store

import (
	"encoding/binary"
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// Authority is the node's continuity role and promotion epoch as last committed.
type Authority struct {
	Role  string
	Epoch uint64
}

// Record is one stored continuity record; Value is the engine's encoding.
type Record struct {
	RequestKey string
	AttemptID  string
	Value      []byte
}

// Member is one remembered cluster member; Value is the caller's encoding.
type Member struct {
	Name  string
	Value []byte
}

// Diagnostic is one stored diagnostics entry; Value is the engine's encoding.
type Diagnostic struct {
	Seq   uint64
	Value []byte
}

// State is everything the journal holds, as Restore returns it.
type State struct {
	FormatVersion uint64
	NodeName      string
	// Authority is valid only when HasAuthority: a fresh journal has none, and the node
	// takes its env's (CONTRACT 32).
	Authority    Authority
	HasAuthority bool
	Watermark    uint64
	// Records in (request key, attempt id) byte order.
	Records []Record
	// Members in name order.
	Members []Member
	// Diagnostics in sequence order, at most the journal's capacity.
	Diagnostics []Diagnostic
	// DiagnosticsDropped counts entries trimmed beyond capacity over the journal's life.
	DiagnosticsDropped uint64
	// LastDiagnosticSeq is the highest sequence ever appended (0 if none), so the engine
	// can continue numbering after it even when every entry was trimmed.
	LastDiagnosticSeq uint64
	// Graves are the request keys last deleted with DeleteRecordKey, oldest first, at most
	// the journal's grave capacity.
	Graves []string
}

// Restore reads everything persisted, in one consistent read transaction. It sees every
// mutation whose commit has completed; it may run concurrently with writers.
func (j *Journal) Restore() (*State, error) {
	st := &State{}
	err := j.db.View(func(tx *bolt.Tx) error {
		meta := tx.Bucket(bucketMeta)
		st.FormatVersion = getU64(meta, keyFormat)
		st.NodeName = string(meta.Get(keyNode))
		if role := meta.Get(keyRole); role != nil {
			st.HasAuthority = true
			st.Authority = Authority{Role: string(role), Epoch: getU64(meta, keyEpoch)}
		}
		st.Watermark = getU64(meta, keyWatermark)
		st.DiagnosticsDropped = getU64(meta, keyDiagDropped)
		st.LastDiagnosticSeq = getU64(meta, keyDiagLastSeq)

		err := tx.Bucket(bucketRecords).ForEach(func(k, v []byte) error {
			key, attempt, ok := splitRecordKey(k)
			if !ok {
				return fmt.Errorf("malformed record key %q", k)
			}
			st.Records = append(st.Records, Record{RequestKey: key, AttemptID: attempt, Value: clone(v)})
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketGraves).ForEach(func(_, v []byte) error {
			st.Graves = append(st.Graves, string(v))
			return nil
		})
		if err != nil {
			return err
		}
		err = tx.Bucket(bucketMembers).ForEach(func(k, v []byte) error {
			st.Members = append(st.Members, Member{Name: string(k), Value: clone(v)})
			return nil
		})
		if err != nil {
			return err
		}
		return tx.Bucket(bucketDiagnostics).ForEach(func(k, v []byte) error {
			if len(k) != 8 {
				return fmt.Errorf("malformed diagnostics key %x", k)
			}
			st.Diagnostics = append(st.Diagnostics, Diagnostic{Seq: binary.BigEndian.Uint64(k), Value: clone(v)})
			return nil
		})
	})
	if err != nil {
		return nil, fmt.Errorf("continuity journal %s: restore: %w", j.path, err)
	}
	return st, nil
}
