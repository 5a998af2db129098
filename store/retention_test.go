package store

import (
	"context"
	"fmt"
	"testing"
)

func recordKeys(st *State) []string {
	var out []string
	for _, r := range st.Records {
		out = append(out, r.RequestKey+"|"+r.AttemptID+"|"+string(r.Value))
	}
	return out
}

// TestDeleteRecordKey: every version of the key goes, in the batch's transaction; keys that
// merely share a prefix (also across the NUL separator) stay; the delete survives a reopen.
func TestDeleteRecordKey(t *testing.T) {
	dir := t.TempDir()
	j := openT(t, dir, "n", Options{NoSync: true})
	ctx := context.Background()
	err := j.Commit(ctx,
		PutRecord("http-route::A::x-1", "attempt-0", []byte("a0")),
		PutRecord("http-route::A::x-1", "attempt-1000000", []byte("a1")),
		PutRecord("http-route::A::x-10", "attempt-0", []byte("b")),
		PutRecord("http-route::A::x-1\x00z", "attempt-0", []byte("c")), // a key with a NUL in it
		PutRecord("startup::Work.add", "attempt-0", []byte("s")),
	)
	if err != nil {
		t.Fatal(err)
	}
	// One batch: a put of another key, then the delete; a put of the deleted key before
	// the delete in the same batch is deleted too (applied in submission order).
	err = j.Commit(ctx,
		PutRecord("http-route::A::x-2", "attempt-0", []byte("d")),
		PutRecord("http-route::A::x-1", "attempt-7", []byte("late")),
		DeleteRecordKey("http-route::A::x-1"),
		DeleteRecordKey("never-stored"),
	)
	if err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]string{
		"http-route::A::x-1\x00z|attempt-0|c",
		"http-route::A::x-10|attempt-0|b",
		"http-route::A::x-2|attempt-0|d",
		"startup::Work.add|attempt-0|s",
	})
	if got := fmt.Sprint(recordKeys(restoreT(t, j))); got != want {
		t.Fatalf("after delete:\n got %q\nwant %q", got, want)
	}
	if err := j.Close(); err != nil {
		t.Fatal(err)
	}
	j2 := openT(t, dir, "n", Options{NoSync: true})
	if got := fmt.Sprint(recordKeys(restoreT(t, j2))); got != want {
		t.Fatalf("after reopen:\n got %q\nwant %q", got, want)
	}
	if got, w := fmt.Sprint(restoreT(t, j2).Graves), fmt.Sprint([]string{"http-route::A::x-1", "never-stored"}); got != w {
		t.Fatalf("graves after reopen = %q, want %q", got, w)
	}
	if err := j2.Commit(ctx, DeleteRecordKey("")); err == nil {
		t.Fatal("DeleteRecordKey(\"\") accepted")
	}
}

// TestDeleteRecordKeyGroupCommit: deletes ride the group commit like every other mutation.
func TestDeleteRecordKeyGroupCommit(t *testing.T) {
	j := openT(t, t.TempDir(), "n", Options{})
	ctx := context.Background()
	var puts []Mutation
	for i := range 50 {
		puts = append(puts, PutRecord(fmt.Sprintf("http-route::A::x-%d", i), "attempt-0", []byte("v")))
	}
	if err := j.Commit(ctx, puts...); err != nil {
		t.Fatal(err)
	}
	inCallback, release := make(chan struct{}), make(chan struct{})
	if err := j.Submit([]Mutation{SetWatermark(1)}, func(error) { close(inCallback); <-release }); err != nil {
		t.Fatal(err)
	}
	<-inCallback
	for i := range 40 {
		if err := j.Enqueue(DeleteRecordKey(fmt.Sprintf("http-route::A::x-%d", i))); err != nil {
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
	if s := j.Stats(); s.Commits != 3 || s.Requests != 43 || s.Mutations != 91 {
		t.Fatalf("stats = %+v, want 3 commits (the 41 queued submissions in one) / 43 requests / 91 mutations", s)
	}
	if n := len(restoreT(t, j).Records); n != 10 {
		t.Fatalf("%d records left, want 10", n)
	}
}

// TestGraveCapacity: only the last GraveCapacity deleted keys are remembered, oldest first,
// across commits and a reopen.
func TestGraveCapacity(t *testing.T) {
	dir := t.TempDir()
	j := openT(t, dir, "n", Options{NoSync: true, GraveCapacity: 3})
	ctx := context.Background()
	if err := j.Commit(ctx, DeleteRecordKey("k1"), DeleteRecordKey("k2")); err != nil {
		t.Fatal(err)
	}
	if err := j.Commit(ctx, DeleteRecordKey("k3"), DeleteRecordKey("k4"), PutRecord("k5", "a", nil)); err != nil {
		t.Fatal(err)
	}
	want := fmt.Sprint([]string{"k2", "k3", "k4"})
	if got := fmt.Sprint(restoreT(t, j).Graves); got != want {
		t.Fatalf("graves = %v, want %v", got, want)
	}
	j.Close()
	j2 := openT(t, dir, "n", Options{NoSync: true, GraveCapacity: 3})
	if err := j2.Commit(ctx, DeleteRecordKey("k6")); err != nil {
		t.Fatal(err)
	}
	if got, w := fmt.Sprint(restoreT(t, j2).Graves), fmt.Sprint([]string{"k3", "k4", "k6"}); got != w {
		t.Fatalf("graves after reopen = %v, want %v", got, w)
	}
}
