package store

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// FormatVersion is the journal layout this build writes and reads.
const FormatVersion uint64 = 1

// FileName is the journal file inside the node's state directory.
const FileName = "journal.db"

// Defaults for Options fields left zero.
const (
	// DefaultLockTimeout keeps "locked by another process" under a second (CONTRACT 13).
	DefaultLockTimeout = 900 * time.Millisecond
	// DefaultDiagnosticsCapacity matches the engine's in-memory ring (cluster-reference §6.7).
	DefaultDiagnosticsCapacity = 128
	// DefaultGraveCapacity is how many deleted request keys are remembered (DeleteRecordKey).
	DefaultGraveCapacity = 16384
)

var (
	bucketMeta        = []byte("meta")
	bucketRecords     = []byte("records")
	bucketMembers     = []byte("members")
	bucketDiagnostics = []byte("diagnostics")
	bucketGraves      = []byte("graves")

	keyFormat      = []byte("format")
	keyNode        = []byte("node")
	keyRole        = []byte("role")
	keyEpoch       = []byte("epoch")
	keyWatermark   = []byte("watermark")
	keyDiagDropped = []byte("diag_dropped")
	keyDiagLastSeq = []byte("diag_last_seq")
	keyGraveSeq    = []byte("grave_seq")
)

// Options tunes Open. The zero value is the production setting.
type Options struct {
	// LockTimeout bounds the wait for another holder of the file lock (default 900ms).
	LockTimeout time.Duration
	// DiagnosticsCapacity is how many diagnostics entries are kept (default 128).
	DiagnosticsCapacity int
	// GraveCapacity is how many keys deleted with DeleteRecordKey are remembered (default
	// DefaultGraveCapacity); older ones are forgotten.
	GraveCapacity int
	// NoSync skips fsync on commit. Only for tests and benchmarks that measure the rest:
	// with it, acknowledged writes survive kill -9 (page cache) but not power loss.
	NoSync bool
	// OnError, if set, is called (on the writer goroutine; it must not block) when a group
	// commit fails. Waiters get the error too; fire-and-forget mutations have only this.
	OnError func(error)
}

// Journal is an open continuity journal. All methods are safe for concurrent use.
type Journal struct {
	db       *bolt.DB
	dir      string
	path     string
	node     string
	capacity int
	graveCap int
	onError  func(error)

	mu      sync.Mutex
	cond    *sync.Cond
	queue   []request
	spare   []request
	closing bool

	writerDone chan struct{}
	closeOnce  sync.Once
	closeErr   error

	// Owned by the writer goroutine.
	diagCount  int
	graveCount int
	stats      Stats
	statsMu    sync.Mutex
}

// request is one submission: its mutations are applied together, done (if any) is told the
// outcome of the transaction that contained them.
type request struct {
	muts []Mutation
	done func(error)
}

// Stats counts the writer's work since Open.
type Stats struct {
	Commits   uint64 // bbolt transactions committed
	Requests  uint64 // submissions (Commit, Submit, Enqueue calls) they contained
	Mutations uint64 // mutations they contained
	Failures  uint64 // transactions that failed
}

// Open opens (creating if needed) the journal of node nodeName in dir. dir is created with
// mode 0700, the journal file with 0600. A journal held by someone else fails after
// opts.LockTimeout with an error matching ErrLocked; a journal of another node fails with
// ErrWrongNode; one of another format version with ErrFormat.
func Open(dir, nodeName string, opts Options) (*Journal, error) {
	if nodeName == "" {
		return nil, errors.New("store: empty node name")
	}
	if opts.LockTimeout <= 0 {
		opts.LockTimeout = DefaultLockTimeout
	}
	if opts.DiagnosticsCapacity <= 0 {
		opts.DiagnosticsCapacity = DefaultDiagnosticsCapacity
	}
	if opts.GraveCapacity <= 0 {
		opts.GraveCapacity = DefaultGraveCapacity
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, fmt.Errorf("continuity journal directory %s: %w", dir, err)
	}
	path := filepath.Join(dir, FileName)
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: opts.LockTimeout, NoSync: opts.NoSync})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, &JournalError{Path: path, Kind: ErrLocked}
		}
		return nil, fmt.Errorf("continuity journal %s: %w", path, err)
	}
	j := &Journal{
		db:         db,
		dir:        dir,
		path:       path,
		node:       nodeName,
		capacity:   opts.DiagnosticsCapacity,
		graveCap:   opts.GraveCapacity,
		onError:    opts.OnError,
		writerDone: make(chan struct{}),
	}
	j.cond = sync.NewCond(&j.mu)
	if err := db.Update(j.initialize); err != nil {
		db.Close()
		var je *JournalError
		if errors.As(err, &je) {
			return nil, err
		}
		return nil, fmt.Errorf("continuity journal %s: %w", path, err)
	}
	go j.run()
	return j, nil
}

// initialize creates the buckets of a fresh journal, or checks the format version and owner
// of an existing one, and counts the stored diagnostics for the writer.
func (j *Journal) initialize(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists(bucketMeta)
	if err != nil {
		return err
	}
	if v := meta.Get(keyFormat); v == nil {
		if err := meta.Put(keyFormat, u64(FormatVersion)); err != nil {
			return err
		}
		if err := meta.Put(keyNode, []byte(j.node)); err != nil {
			return err
		}
	} else {
		if len(v) != 8 || binary.BigEndian.Uint64(v) != FormatVersion {
			ver := uint64(0)
			if len(v) == 8 {
				ver = binary.BigEndian.Uint64(v)
			}
			return &JournalError{Path: j.path, Kind: ErrFormat, Version: ver}
		}
		if owner := string(meta.Get(keyNode)); owner != j.node {
			return &JournalError{Path: j.path, Kind: ErrWrongNode, Owner: owner}
		}
	}
	for _, name := range [][]byte{bucketRecords, bucketMembers, bucketDiagnostics, bucketGraves} {
		if _, err := tx.CreateBucketIfNotExists(name); err != nil {
			return err
		}
	}
	j.diagCount = tx.Bucket(bucketDiagnostics).Stats().KeyN
	j.graveCount = tx.Bucket(bucketGraves).Stats().KeyN
	return nil
}

// Path is the journal file's path (<dir>/journal.db).
func (j *Journal) Path() string { return j.path }

// Dir is the node's state directory.
func (j *Journal) Dir() string { return j.dir }

// NodeName is the node the journal belongs to.
func (j *Journal) NodeName() string { return j.node }

// Submit queues muts for the next group commit and returns at once. If done is not nil, it is
// called with the outcome once the transaction containing muts has committed (nil: durable)
// or failed; it runs on the writer goroutine and must not block. Submit returns an error, and
// never calls done, if a mutation is invalid or the journal is closed.
func (j *Journal) Submit(muts []Mutation, done func(error)) error {
	for i := range muts {
		if muts[i].err != nil {
			return muts[i].err
		}
		if muts[i].op == 0 {
			return errors.New("store: zero Mutation (use the constructors)")
		}
	}
	j.mu.Lock()
	if j.closing {
		j.mu.Unlock()
		return ErrClosed
	}
	j.queue = append(j.queue, request{muts: muts, done: done})
	j.mu.Unlock()
	j.cond.Signal()
	return nil
}

// Commit submits muts and waits until they are durable. With no mutations it waits until
// everything submitted before it is durable. If ctx ends first, Commit returns ctx.Err() and
// the mutations may or may not be committed later.
func (j *Journal) Commit(ctx context.Context, muts ...Mutation) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	ch := make(chan error, 1)
	if err := j.Submit(muts, func(err error) { ch <- err }); err != nil {
		return err
	}
	select {
	case err := <-ch:
		return err
	case <-ctx.Done():
		return ctx.Err()
	}
}

// Enqueue submits muts without waiting: they ride the next group commit (CONTRACT 34's
// received upserts and diagnostics). The error is only for invalid mutations or a closed
// journal; a failing commit is reported to Options.OnError.
func (j *Journal) Enqueue(muts ...Mutation) error {
	return j.Submit(muts, nil)
}

// Stats reports the writer's counters.
func (j *Journal) Stats() Stats {
	j.statsMu.Lock()
	defer j.statsMu.Unlock()
	return j.stats
}

// Close stops accepting writes, commits everything already queued, waits for it and closes
// the file (releasing the lock). It is idempotent; later calls return the first result.
func (j *Journal) Close() error {
	j.closeOnce.Do(func() {
		j.mu.Lock()
		j.closing = true
		j.mu.Unlock()
		j.cond.Broadcast()
		<-j.writerDone
		j.closeErr = j.db.Close()
	})
	return j.closeErr
}

// run is the single writer: it takes everything queued, commits it in one transaction and
// tells the waiters, until the journal is closed and the queue is empty.
func (j *Journal) run() {
	defer close(j.writerDone)
	for {
		j.mu.Lock()
		for len(j.queue) == 0 && !j.closing {
			j.cond.Wait()
		}
		if len(j.queue) == 0 { // closing, nothing left
			j.mu.Unlock()
			return
		}
		batch := j.queue
		j.queue, j.spare = j.spare[:0], nil
		j.mu.Unlock()

		err := j.commitBatch(batch)
		for i := range batch {
			if batch[i].done != nil {
				batch[i].done(err)
			}
			batch[i] = request{}
		}
		if err != nil && j.onError != nil {
			j.onError(err)
		}

		j.mu.Lock()
		j.spare = batch[:0]
		j.mu.Unlock()
	}
}

func (j *Journal) commitBatch(batch []request) error {
	var nmut uint64
	for _, r := range batch {
		nmut += uint64(len(r.muts))
	}
	diagCount, graveCount := j.diagCount, j.graveCount
	err := j.db.Update(func(tx *bolt.Tx) error {
		var aerr error
		diagCount, aerr = j.apply(tx, batch, j.diagCount)
		if aerr == nil {
			graveCount, aerr = j.applyGraves(tx, batch, j.graveCount)
		}
		return aerr
	})
	j.statsMu.Lock()
	if err != nil {
		j.stats.Failures++
	} else {
		j.diagCount, j.graveCount = diagCount, graveCount
		j.stats.Commits++
		j.stats.Requests += uint64(len(batch))
		j.stats.Mutations += nmut
	}
	j.statsMu.Unlock()
	if err != nil {
		return fmt.Errorf("continuity journal %s: commit: %w", j.path, err)
	}
	return nil
}

// apply writes a batch in submission order and trims the diagnostics beyond capacity. It
// returns the number of diagnostics stored after the transaction.
func (j *Journal) apply(tx *bolt.Tx, batch []request, diagCount int) (int, error) {
	meta := tx.Bucket(bucketMeta)
	records := tx.Bucket(bucketRecords)
	members := tx.Bucket(bucketMembers)
	diags := tx.Bucket(bucketDiagnostics)
	lastSeq := getU64(meta, keyDiagLastSeq)
	appended := false
	for _, r := range batch {
		for _, m := range r.muts {
			var err error
			switch m.op {
			case opPutRecord:
				err = records.Put(recordKey(m.key, m.sub), m.value)
			case opDeleteRecord:
				err = records.Delete(recordKey(m.key, m.sub))
			case opDeleteRecordKey:
				err = deleteVersions(records, m.key) // and a grave: applyGraves
			case opPutAuthority:
				if err = meta.Put(keyRole, []byte(m.sub)); err == nil {
					err = meta.Put(keyEpoch, u64(m.n))
				}
			case opSetWatermark:
				err = meta.Put(keyWatermark, u64(m.n))
			case opAppendDiagnostic:
				k := u64(m.n)
				if diags.Get(k) == nil {
					diagCount++
				}
				err = diags.Put(k, m.value)
				appended = true
				lastSeq = max(lastSeq, m.n)
			case opPutMember:
				err = members.Put([]byte(m.key), m.value)
			case opDeleteMember:
				err = members.Delete([]byte(m.key))
			}
			if err != nil {
				return 0, err
			}
		}
	}
	if !appended {
		return diagCount, nil
	}
	if err := meta.Put(keyDiagLastSeq, u64(lastSeq)); err != nil {
		return 0, err
	}
	if excess := diagCount - j.capacity; excess > 0 {
		var trimmed uint64
		c := diags.Cursor()
		for k, _ := c.First(); k != nil && excess > 0; k, _ = c.First() {
			if err := c.Delete(); err != nil {
				return 0, err
			}
			excess--
			diagCount--
			trimmed++
		}
		if err := meta.Put(keyDiagDropped, u64(getU64(meta, keyDiagDropped)+trimmed)); err != nil {
			return 0, err
		}
	}
	return diagCount, nil
}

// applyGraves remembers the keys of the batch's DeleteRecordKey mutations, in order, and
// forgets the oldest beyond capacity. It returns the number of graves stored.
func (j *Journal) applyGraves(tx *bolt.Tx, batch []request, count int) (int, error) {
	meta, graves := tx.Bucket(bucketMeta), tx.Bucket(bucketGraves)
	seq := getU64(meta, keyGraveSeq)
	added := false
	for _, r := range batch {
		for _, m := range r.muts {
			if m.op != opDeleteRecordKey {
				continue
			}
			seq++
			if err := graves.Put(u64(seq), []byte(m.key)); err != nil {
				return 0, err
			}
			count++
			added = true
		}
	}
	if !added {
		return count, nil
	}
	if err := meta.Put(keyGraveSeq, u64(seq)); err != nil {
		return 0, err
	}
	var doomed [][]byte
	c := graves.Cursor()
	for k, _ := c.First(); k != nil && count-len(doomed) > j.graveCap; k, _ = c.Next() {
		doomed = append(doomed, append([]byte(nil), k...))
	}
	for _, k := range doomed {
		if err := graves.Delete(k); err != nil {
			return 0, err
		}
	}
	return count - len(doomed), nil
}

// deleteVersions deletes every "<key>\x00<attempt>" entry of key. A longer request key that
// merely starts with "<key>\x00" is left alone (the last NUL splits key and attempt).
func deleteVersions(records *bolt.Bucket, key string) error {
	prefix := recordKey(key, "")
	var doomed [][]byte
	c := records.Cursor()
	for k, _ := c.Seek(prefix); k != nil && bytes.HasPrefix(k, prefix); k, _ = c.Next() {
		if rk, _, ok := splitRecordKey(k); ok && rk == key {
			doomed = append(doomed, append([]byte(nil), k...))
		}
	}
	// Deleting while a cursor walks the bucket may skip entries: collect first.
	for _, k := range doomed {
		if err := records.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

func u64(n uint64) []byte {
	return binary.BigEndian.AppendUint64(make([]byte, 0, 8), n)
}

func getU64(b *bolt.Bucket, key []byte) uint64 {
	if v := b.Get(key); len(v) == 8 {
		return binary.BigEndian.Uint64(v)
	}
	return 0
}
