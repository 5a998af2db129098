package store

import (
	"context"
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
)

// BenchmarkCommit measures acknowledged commits (fsync on) with 1 and 64 concurrent
// submitters; ops/s is commits acknowledged per second, avg_batch how many shared a sync.
func BenchmarkCommit(b *testing.B) {
	value := make([]byte, 200) // about an encoded continuity record
	for _, writers := range []int{1, 64} {
		b.Run(fmt.Sprintf("writers=%d", writers), func(b *testing.B) {
			j, err := Open(b.TempDir(), "bench@127.0.0.1:1", Options{})
			if err != nil {
				b.Fatal(err)
			}
			defer j.Close()
			var next atomic.Int64
			var wg sync.WaitGroup
			b.ResetTimer()
			for range writers {
				wg.Add(1)
				go func() {
					defer wg.Done()
					for {
						i := next.Add(1)
						if i > int64(b.N) {
							return
						}
						err := j.Commit(context.Background(), PutRecord(fmt.Sprint("key-", i), "attempt-1", value))
						if err != nil {
							b.Error(err)
							return
						}
					}
				}()
			}
			wg.Wait()
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
			s := j.Stats()
			b.ReportMetric(float64(s.Requests)/float64(max(s.Commits, 1)), "avg_batch")
		})
	}
}

// BenchmarkEnqueue measures fire-and-forget submissions followed by one flush per 1000.
func BenchmarkEnqueue(b *testing.B) {
	j, err := Open(b.TempDir(), "bench@127.0.0.1:1", Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer j.Close()
	value := make([]byte, 200)
	for i := 0; b.Loop(); i++ {
		if err := j.Enqueue(PutRecord(fmt.Sprint("key-", i), "attempt-1", value)); err != nil {
			b.Fatal(err)
		}
		if i%1000 == 999 {
			if err := j.Commit(context.Background()); err != nil {
				b.Fatal(err)
			}
		}
	}
	if err := j.Commit(context.Background()); err != nil {
		b.Fatal(err)
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "ops/s")
}
