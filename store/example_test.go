package store_test

import (
	"context"
	"fmt"
	"os"

	"github.com/mesh-lang/mesh/store"
)

// A node's boot: open its journal, rebuild from it, then write through the group committer.
func Example() {
	dir, _ := os.MkdirTemp("", "journal")
	defer os.RemoveAll(dir)

	j, err := store.Open(dir, "primary@127.0.0.1:4370", store.Options{})
	if err != nil {
		fmt.Println(err) // e.g. "continuity journal …/journal.db is locked by another process"
		return
	}
	st, _ := j.Restore()
	fmt.Println("fresh:", !st.HasAuthority, len(st.Records))

	// Commit before visible: wait for durability, then replicate/ack/dispatch.
	ctx := context.Background()
	_ = j.Commit(ctx, store.PutAuthority("primary", 0), store.SetWatermark(1),
		store.PutRecord("startup::Work.add", "attempt-1", []byte("encoded record")))
	// Diagnostics and received upserts ride the next commit; nobody waits.
	_ = j.Enqueue(store.AppendDiagnostic(1, []byte("encoded diagnostic")))
	_ = j.Close() // drains the queue

	j, _ = store.Open(dir, "primary@127.0.0.1:4370", store.Options{})
	defer j.Close()
	st, _ = j.Restore()
	fmt.Println(st.Authority.Role, st.Authority.Epoch, st.Watermark, st.Records[0].RequestKey, st.Records[0].AttemptID, len(st.Diagnostics))
	// Output:
	// fresh: true 0
	// primary 0 1 startup::Work.add attempt-1 1
}
