package continuity

import (
	"encoding/json"
	"sort"
)

// Batch is the set of mutations of one Commit. The store applies it in one transaction;
// Journal.Apply shows the meaning of each field.
type Batch struct {
	// Authority, when set, replaces the journaled authority.
	Authority *Authority `json:"authority,omitempty"`
	// Watermark, when set, replaces the attempt watermark (next attempt token).
	Watermark *uint64 `json:"watermark,omitempty"`
	// Records replace the journaled record of their request key.
	Records []Record `json:"records,omitempty"`
	// Diagnostics are appended to the ring; each carries its sequence number. The ring keeps
	// the last DiagnosticsCapacity entries; every evicted entry counts as dropped.
	Diagnostics []Diagnostic `json:"diagnostics,omitempty"`
	// Members are names to add to the remembered members (CONTRACT 23, 33).
	Members []string `json:"members,omitempty"`
	// Deletes are request keys whose every stored version is removed, after Records are
	// written: terminal route records pruned by retention (retention.go). A key is never in
	// both Records and Deletes of one batch.
	Deletes []string `json:"deletes,omitempty"`
}

func (b *Batch) empty() bool {
	return b.Authority == nil && b.Watermark == nil && len(b.Records) == 0 &&
		len(b.Diagnostics) == 0 && len(b.Members) == 0 && len(b.Deletes) == 0
}

// Encode / DecodeBatch: a self-contained encoding of a batch for stores that log batches.
func (b *Batch) Encode() []byte {
	out, _ := json.Marshal(b)
	return out
}

// DecodeBatch reverses Batch.Encode.
func DecodeBatch(data []byte) (*Batch, error) {
	var b Batch
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, err
	}
	return &b, nil
}

// Journal is the durable state of one node: what Boot restores and what the committed
// image (shown by the snapshots) holds.
type Journal struct {
	Authority      *Authority        `json:"authority,omitempty"`
	Watermark      uint64            `json:"watermark"`
	Records        map[string]Record `json:"records"`
	Diagnostics    []Diagnostic      `json:"diagnostics"`
	DiagSequence   uint64            `json:"diag_sequence"`
	DroppedEntries uint64            `json:"dropped_entries"`
	Members        []string          `json:"members"`
	// Graves are the last GraveCapacity keys of Batch.Deletes, oldest first (retention.go).
	Graves []string `json:"graves,omitempty"`
}

// NewJournal returns an empty journal.
func NewJournal() *Journal { return &Journal{Records: map[string]Record{}} }

// Apply applies a committed batch.
func (j *Journal) Apply(b *Batch) {
	if j.Records == nil {
		j.Records = map[string]Record{}
	}
	if b.Authority != nil {
		a := *b.Authority
		j.Authority = &a
	}
	if b.Watermark != nil {
		j.Watermark = *b.Watermark
	}
	for _, r := range b.Records {
		j.Records[r.RequestKey] = *r.clone()
	}
	for _, k := range b.Deletes {
		delete(j.Records, k)
		j.Graves = append(j.Graves, k)
	}
	if n := len(j.Graves) - GraveCapacity; n > 0 {
		k := copy(j.Graves, j.Graves[n:])
		clear(j.Graves[k:])
		j.Graves = j.Graves[:k]
	}
	for _, d := range b.Diagnostics {
		j.Diagnostics = append(j.Diagnostics, d)
		if d.Sequence > j.DiagSequence {
			j.DiagSequence = d.Sequence
		}
	}
	if n := len(j.Diagnostics) - DiagnosticsCapacity; n > 0 {
		j.DroppedEntries += uint64(n)
		k := copy(j.Diagnostics, j.Diagnostics[n:])
		clear(j.Diagnostics[k:])
		j.Diagnostics = j.Diagnostics[:k]
	}
	for _, m := range b.Members {
		i := sort.SearchStrings(j.Members, m)
		if i < len(j.Members) && j.Members[i] == m {
			continue
		}
		j.Members = append(j.Members, "")
		copy(j.Members[i+1:], j.Members[i:])
		j.Members[i] = m
	}
}

// AddRecord folds one stored version of a record into the journal with Merge. Every
// version a node writes for a key is at least the previous one in Merge's order, so
// restoring all stored versions (in any order) through AddRecord yields the last one written
// — a store that keeps versions per (key, attempt) must restore through this, never by
// "highest attempt" (a completed attempt beats a later pending rollover).
func (j *Journal) AddRecord(r Record) {
	if j.Records == nil {
		j.Records = map[string]Record{}
	}
	old, ok := j.Records[r.RequestKey]
	if !ok || old.PayloadHash != r.PayloadHash {
		if !ok {
			j.Records[r.RequestKey] = *r.clone()
		}
		return
	}
	m := Merge(&old, &r)
	if !replicatedEqual(m, &old) {
		// The newer version brings its own projection and change order.
		m.ClusterRole, m.PromotionEpoch, m.ReplicationHealth = r.ClusterRole, r.PromotionEpoch, r.ReplicationHealth
		m.Changed = max(old.Changed, r.Changed)
		j.Records[r.RequestKey] = *m
	} else if r.Changed > old.Changed {
		j.Records[r.RequestKey] = *r.clone()
	}
}

// Clone returns a deep copy.
func (j *Journal) Clone() *Journal {
	c := &Journal{Watermark: j.Watermark, DiagSequence: j.DiagSequence, DroppedEntries: j.DroppedEntries,
		Records: make(map[string]Record, len(j.Records))}
	if j.Authority != nil {
		a := *j.Authority
		c.Authority = &a
	}
	for k, r := range j.Records {
		c.Records[k] = *r.clone()
	}
	c.Diagnostics = append([]Diagnostic(nil), j.Diagnostics...)
	c.Members = append([]string(nil), j.Members...)
	c.Graves = append([]string(nil), j.Graves...)
	return c
}

// Encode / DecodeJournal: a whole-journal encoding (tests, simple stores).
func (j *Journal) Encode() []byte {
	out, _ := json.Marshal(j)
	return out
}

// DecodeJournal reverses Journal.Encode.
func DecodeJournal(data []byte) (*Journal, error) {
	j := NewJournal()
	if err := json.Unmarshal(data, j); err != nil {
		return nil, err
	}
	if j.Records == nil {
		j.Records = map[string]Record{}
	}
	return j, nil
}
