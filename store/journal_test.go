package store

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	bolt "go.etcd.io/bbolt"
)

func openT(t *testing.T, dir, node string, opts Options) *Journal {
	t.Helper()
	j, err := Open(dir, node, opts)
	if err != nil {
		t.Fatalf("Open(%s, %s): %v", dir, node, err)
	}
	t.Cleanup(func() { j.Close() })
	return j
}

func restoreT(t *testing.T, j *Journal) *State {
	t.Helper()
	st, err := j.Restore()
	if err != nil {
		t.Fatalf("Restore: %v", err)
	}
	return st
}

func TestMutationValidation(t *testing.T) {
	long := strings.Repeat("k", maxKeySize+1)
	tests := []struct {
		name    string
		m       Mutation
		wantErr string
	}{
		{"record ok", PutRecord("k", "attempt-1", []byte("v")), ""},
		{"record nil value", PutRecord("k", "attempt-1", nil), ""},
		{"record key with NUL", PutRecord("a\x00b", "attempt-1", nil), ""},
		{"record empty key", PutRecord("", "attempt-1", nil), "empty request key"},
		{"record empty attempt", PutRecord("k", "", nil), "empty attempt id"},
		{"record NUL attempt", PutRecord("k", "a\x00", nil), "NUL"},
		{"record long key", PutRecord(long, "a", nil), "longer than"},
		{"record key+attempt too long", PutRecord(long[:maxKeySize-2], "abc", nil), "longer than"},
		{"delete record empty key", DeleteRecord("", "a"), "empty request key"},
		{"authority ok", PutAuthority("primary", 3), ""},
		{"authority empty role", PutAuthority("", 1), "empty authority role"},
		{"watermark", SetWatermark(9), ""},
		{"diagnostic", AppendDiagnostic(0, nil), ""},
		{"member ok", PutMember("n@h:1", []byte("x")), ""},
		{"member empty", PutMember("", nil), "empty member name"},
		{"delete member empty", DeleteMember(""), "empty member name"},
		{"zero mutation", Mutation{}, "zero Mutation"},
	}
	j := openT(t, t.TempDir(), "node@127.0.0.1:1", Options{NoSync: true})
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			err := j.Commit(context.Background(), tc.m)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("Commit: %v", err)
				}
				return
			}
			if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
				t.Fatalf("Commit error = %v, want containing %q", err, tc.wantErr)
			}
			if err := j.Enqueue(tc.m); err == nil {
				t.Fatalf("Enqueue accepted an invalid mutation")
			}
		})
	}
}

func TestRestoreRoundTrip(t *testing.T) {
	dir := t.TempDir()
	const node = "primary@127.0.0.1:4370"
	j, err := Open(dir, node, Options{})
	if err != nil {
		t.Fatal(err)
	}
	st := restoreT(t, j)
	if st.HasAuthority || len(st.Records) != 0 || st.Watermark != 0 || st.NodeName != node || st.FormatVersion != FormatVersion {
		t.Fatalf("fresh journal state = %+v", st)
	}
	ctx := context.Background()
	steps := [][]Mutation{
		{PutAuthority("standby", 1), SetWatermark(3)},
		{PutRecord("key-b", "attempt-2", []byte("b2")), PutRecord("key-a", "attempt-1", []byte("a1"))},
		{PutRecord("key-b", "attempt-2", []byte("b2-completed")), PutRecord("x\x00y", "attempt-3", []byte("nul"))},
		{PutRecord("gone", "attempt-1", []byte("g")), DeleteRecord("gone", "attempt-1"), DeleteRecord("never", "attempt-9")},
		{PutMember("standby@[::1]:4370", []byte("addr1")), PutMember("old@h:1", []byte("o")), DeleteMember("old@h:1")},
		{AppendDiagnostic(1, []byte("d1")), AppendDiagnostic(2, []byte("d2"))},
		{PutAuthority("primary", 2), SetWatermark(7)},
	}
	for i, muts := range steps {
		if err := j.Commit(ctx, muts...); err != nil {
			t.Fatalf("step %d: %v", i, err)
		}
	}
	check := func(st *State) {
		t.Helper()
		if !st.HasAuthority || st.Authority != (Authority{"primary", 2}) {
			t.Errorf("authority = %v %+v", st.HasAuthority, st.Authority)
		}
		if st.Watermark != 7 {
			t.Errorf("watermark = %d", st.Watermark)
		}
		want := []Record{
			{"key-a", "attempt-1", []byte("a1")},
			{"key-b", "attempt-2", []byte("b2-completed")},
			{"x\x00y", "attempt-3", []byte("nul")},
		}
		if fmt.Sprint(st.Records) != fmt.Sprint(want) {
			t.Errorf("records = %q, want %q", st.Records, want)
		}
		if len(st.Members) != 1 || st.Members[0].Name != "standby@[::1]:4370" || string(st.Members[0].Value) != "addr1" {
			t.Errorf("members = %q", st.Members)
		}
		if len(st.Diagnostics) != 2 || st.Diagnostics[0].Seq != 1 || string(st.Diagnostics[1].Value) != "d2" {
			t.Errorf("diagnostics = %v", st.Diagnostics)
		}
		if st.LastDiagnosticSeq != 2 || st.DiagnosticsDropped != 0 {
			t.Errorf("diag counters = %d %d", st.LastDiagnosticSeq, st.DiagnosticsDropped)
		}
	}
	check(restoreT(t, j))
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	j2 := openT(t, dir, node, Options{})
	check(restoreT(t, j2))
}

func TestValuesAreCopied(t *testing.T) {
	j := openT(t, t.TempDir(), "n", Options{NoSync: true})
	buf := []byte("original")
	m := PutRecord("k", "a", buf)
	copy(buf, "CHANGED!")
	if err := j.Commit(context.Background(), m); err != nil {
		t.Fatal(err)
	}
	st := restoreT(t, j)
	if string(st.Records[0].Value) != "original" {
		t.Fatalf("stored %q", st.Records[0].Value)
	}
	st.Records[0].Value[0] = 'X' // restored values must not alias bbolt's mmap
	if string(restoreT(t, j).Records[0].Value) != "original" {
		t.Fatal("restored value aliased")
	}
}

func TestOpenErrors(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir, "primary@127.0.0.1:4370", Options{})
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, FileName)

	t.Run("locked in-process", func(t *testing.T) {
		_, err := Open(dir, "primary@127.0.0.1:4370", Options{LockTimeout: 100e6})
		if !errors.Is(err, ErrLocked) {
			t.Fatalf("second Open = %v, want ErrLocked", err)
		}
		want := "continuity journal " + path + " is locked by another process"
		if err.Error() != want {
			t.Fatalf("text = %q, want %q", err, want)
		}
	})
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}

	t.Run("wrong node", func(t *testing.T) {
		_, err := Open(dir, "standby@[::1]:4370", Options{})
		if !errors.Is(err, ErrWrongNode) {
			t.Fatalf("Open = %v, want ErrWrongNode", err)
		}
		want := "continuity journal " + path + " belongs to primary@127.0.0.1:4370"
		if err.Error() != want {
			t.Fatalf("text = %q, want %q", err, want)
		}
		// The failed Open released the lock.
		j := openT(t, dir, "primary@127.0.0.1:4370", Options{})
		j.Close()
	})

	t.Run("format version", func(t *testing.T) {
		db, err := bolt.Open(path, 0o600, nil)
		if err != nil {
			t.Fatal(err)
		}
		err = db.Update(func(tx *bolt.Tx) error { return tx.Bucket(bucketMeta).Put(keyFormat, u64(99)) })
		db.Close()
		if err != nil {
			t.Fatal(err)
		}
		_, err = Open(dir, "primary@127.0.0.1:4370", Options{})
		if !errors.Is(err, ErrFormat) || !strings.Contains(err.Error(), "format version 99") {
			t.Fatalf("Open = %v, want ErrFormat naming version 99", err)
		}
	})

	t.Run("empty node", func(t *testing.T) {
		if _, err := Open(t.TempDir(), "", Options{}); err == nil {
			t.Fatal("Open accepted an empty node name")
		}
	})
	t.Run("directory is a file", func(t *testing.T) {
		if _, err := Open(filepath.Join(path, "sub"), "n", Options{}); err == nil {
			t.Fatal("Open under a file succeeded")
		}
	})
}

func TestDiagnosticsTrimming(t *testing.T) {
	dir := t.TempDir()
	ctx := context.Background()
	opts := Options{DiagnosticsCapacity: 5, NoSync: true}
	j, err := Open(dir, "n", opts)
	if err != nil {
		t.Fatal(err)
	}
	seqs := func(st *State) []uint64 {
		var s []uint64
		for _, d := range st.Diagnostics {
			if string(d.Value) != fmt.Sprint("d", d.Seq) {
				t.Errorf("seq %d holds %q", d.Seq, d.Value)
			}
			s = append(s, d.Seq)
		}
		return s
	}
	diag := func(seq uint64) Mutation { return AppendDiagnostic(seq, []byte(fmt.Sprint("d", seq))) }

	tests := []struct {
		name        string
		muts        []Mutation
		wantSeqs    string
		wantDropped uint64
		wantLast    uint64
	}{
		{"under capacity", []Mutation{diag(1), diag(2), diag(3)}, "[1 2 3]", 0, 3},
		{"replace is not growth", []Mutation{diag(3), diag(2)}, "[1 2 3]", 0, 3},
		{"reach capacity", []Mutation{diag(4), diag(5)}, "[1 2 3 4 5]", 0, 5},
		{"one over", []Mutation{diag(6)}, "[2 3 4 5 6]", 1, 6},
		{"a batch far over", []Mutation{diag(7), diag(8), diag(9), diag(10), diag(11), diag(12), diag(13)}, "[9 10 11 12 13]", 8, 13},
		{"with other writes", []Mutation{PutRecord("k", "a", nil), diag(14), SetWatermark(1)}, "[10 11 12 13 14]", 9, 14},
	}
	for _, tc := range tests {
		if err := j.Commit(ctx, tc.muts...); err != nil {
			t.Fatalf("%s: %v", tc.name, err)
		}
		st := restoreT(t, j)
		if got := fmt.Sprint(seqs(st)); got != tc.wantSeqs || st.DiagnosticsDropped != tc.wantDropped || st.LastDiagnosticSeq != tc.wantLast {
			t.Fatalf("%s: seqs %s dropped %d last %d, want %s %d %d", tc.name, got, st.DiagnosticsDropped, st.LastDiagnosticSeq, tc.wantSeqs, tc.wantDropped, tc.wantLast)
		}
	}
	// The count of stored entries survives a reopen, so trimming continues exactly.
	j.Close()
	j = openT(t, dir, "n", opts)
	if err := j.Commit(ctx, diag(15)); err != nil {
		t.Fatal(err)
	}
	st := restoreT(t, j)
	if got := fmt.Sprint(seqs(st)); got != "[11 12 13 14 15]" || st.DiagnosticsDropped != 10 || st.LastDiagnosticSeq != 15 {
		t.Fatalf("after reopen: seqs %s dropped %d last %d", got, st.DiagnosticsDropped, st.LastDiagnosticSeq)
	}
}

func TestCloseSemantics(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir, "n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	// Fire-and-forget writes queued before Close are committed by Close.
	for i := range 500 {
		if err := j.Enqueue(PutRecord(fmt.Sprint("k", i), "attempt-1", []byte{byte(i)})); err != nil {
			t.Fatal(err)
		}
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatalf("second Close: %v", err)
	}
	if err := j.Commit(context.Background(), SetWatermark(1)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Commit after Close = %v, want ErrClosed", err)
	}
	if err := j.Enqueue(SetWatermark(1)); !errors.Is(err, ErrClosed) {
		t.Fatalf("Enqueue after Close = %v, want ErrClosed", err)
	}
	j2 := openT(t, dir, "n", Options{})
	if n := len(restoreT(t, j2).Records); n != 500 {
		t.Fatalf("records after Close+reopen = %d, want 500", n)
	}
}

func TestCommitCancelledContext(t *testing.T) {
	j := openT(t, t.TempDir(), "n", Options{NoSync: true})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := j.Commit(ctx, PutRecord("k", "a", nil)); !errors.Is(err, context.Canceled) {
		t.Fatalf("Commit = %v, want context.Canceled", err)
	}
	if err := j.Commit(context.Background()); err != nil { // empty commit = flush
		t.Fatal(err)
	}
	if n := len(restoreT(t, j).Records); n != 0 {
		t.Fatalf("a Commit refused for its context was written (%d records)", n)
	}
}

// TestGroupCommit holds the writer inside a completion callback, queues many submissions, and
// checks that they all land in one transaction, in submission order.
func TestGroupCommit(t *testing.T) {
	j := openT(t, t.TempDir(), "n", Options{})
	inCallback, release := make(chan struct{}), make(chan struct{})
	if err := j.Submit([]Mutation{SetWatermark(1)}, func(error) { close(inCallback); <-release }); err != nil {
		t.Fatal(err)
	}
	<-inCallback
	for i := range 100 {
		// Same record written repeatedly: the last submission must win.
		if err := j.Enqueue(PutRecord("k", "a", []byte(fmt.Sprint(i))), SetWatermark(uint64(i))); err != nil {
			t.Fatal(err)
		}
	}
	done := make(chan error, 1)
	if err := j.Submit(nil, func(err error) { done <- err }); err != nil {
		t.Fatal(err)
	}
	close(release)
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	s := j.Stats()
	if s.Commits != 2 || s.Requests != 102 || s.Mutations != 201 || s.Failures != 0 {
		t.Fatalf("stats = %+v, want 2 commits of 102 requests / 201 mutations", s)
	}
	st := restoreT(t, j)
	if string(st.Records[0].Value) != "99" || st.Watermark != 99 {
		t.Fatalf("last write lost its order: record %q watermark %d", st.Records[0].Value, st.Watermark)
	}
}

func TestConcurrentCommits(t *testing.T) {
	dir := t.TempDir()
	j, err := Open(dir, "n", Options{})
	if err != nil {
		t.Fatal(err)
	}
	const writers, each = 32, 25
	var wg sync.WaitGroup
	errs := make(chan error, writers)
	for w := range writers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range each {
				key := fmt.Sprintf("w%02d-%03d", w, i)
				var err error
				if i%5 == 4 {
					err = j.Enqueue(PutRecord(key, "attempt-1", []byte(key)), AppendDiagnostic(uint64(w*each+i+1), []byte(key)))
				} else {
					err = j.Commit(context.Background(), PutRecord(key, "attempt-1", []byte(key)))
				}
				if err != nil {
					errs <- err
					return
				}
				if i == 10 {
					if _, err := j.Restore(); err != nil { // readers alongside the writer
						errs <- err
						return
					}
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	s := j.Stats()
	t.Logf("%d requests in %d commits", s.Requests, s.Commits)
	if s.Requests != writers*each || s.Commits == 0 || s.Commits > s.Requests {
		t.Fatalf("stats = %+v", s)
	}
	j2 := openT(t, dir, "n", Options{})
	st := restoreT(t, j2)
	if len(st.Records) != writers*each {
		t.Fatalf("records = %d, want %d", len(st.Records), writers*each)
	}
	for _, r := range st.Records {
		if !bytes.Equal(r.Value, []byte(r.RequestKey)) {
			t.Fatalf("record %s holds %q", r.RequestKey, r.Value)
		}
	}
	appended := writers * each / 5
	if len(st.Diagnostics) != min(appended, DefaultDiagnosticsCapacity) ||
		st.DiagnosticsDropped != uint64(max(0, appended-DefaultDiagnosticsCapacity)) {
		t.Fatalf("diagnostics = %d dropped %d after %d appends", len(st.Diagnostics), st.DiagnosticsDropped, appended)
	}
}
