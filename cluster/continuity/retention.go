package continuity

// Retention (our decision; upstream bug 22): every HTTP.clustered request leaves a record,
// and CONTRACT 25 resends every record on each stream (re)connect, so without a bound a
// busy service runs out of memory and each reconnect costs O(all requests). A node keeps at
// most Config.RetainRoutes TERMINAL `http-route::` records (completed or rejected) and drops
// the oldest. Startup records are never pruned (CONTRACT 30: a work runs once per journal,
// a pruned startup record would re-run it after a restart), nor is anything pending.
//
// "Oldest" is by (Record.Closed, request key). Closed is a Lamport stamp the node that
// closes a record sets, one above every stamp it has seen, and it travels with the record,
// so every node ranks records the same way: a peer's resync of an old terminal record that
// ranks below everything retained (with the set full) is not stored at all, instead of
// evicting a newer one. Each node's retained set is thus the newest R it has seen; nodes
// that see the same records retain the same ones.
//
// A pruned record leaves the engine's records and indexes, and the same batch carries its
// key in Batch.Deletes, so the committed view and the store drop every version of it in
// the transaction of the rest of the batch. Cost: one heap push per record closed and one
// pop per record pruned (O(log R)); stale heap entries are compacted away when they
// outnumber the live ones.
//
// Known limit: a node that missed a route's completion and whose streams stay down while
// R newer routes close elsewhere can keep that record pending until its owner restarts
// (the peers no longer hold the completion to resend).

import "container/heap"

// DefaultRetainRoutes is the default bound on terminal route records per node
// (MESH_CONTINUITY_RETAIN_ROUTES).
const DefaultRetainRoutes = 10_000

type closedEntry struct {
	closed uint64
	key    string
}

func closedLess(a, b closedEntry) bool {
	if a.closed != b.closed {
		return a.closed < b.closed
	}
	return a.key < b.key
}

// closedHeap is a min-heap of retained terminal route records by (closed, key). Entries go
// stale when their record is pruned, reopened or re-stamped; kept says which are live.
type closedHeap []closedEntry

func (h closedHeap) Len() int           { return len(h) }
func (h closedHeap) Less(i, j int) bool { return closedLess(h[i], h[j]) }
func (h closedHeap) Swap(i, j int)      { h[i], h[j] = h[j], h[i] }
func (h *closedHeap) Push(x any)        { *h = append(*h, x.(closedEntry)) }
func (h *closedHeap) Pop() any {
	old := *h
	x := old[len(old)-1]
	*h = old[:len(old)-1]
	return x
}

// retention is the engine's index of retained terminal route records.
type retention struct {
	limit int
	clock uint64            // highest Closed stamp seen
	kept  map[string]uint64 // retained terminal route key → its Closed
	heap  closedHeap
}

func (t *retention) live(c closedEntry) bool {
	v, ok := t.kept[c.key]
	return ok && v == c.closed
}

// min returns the oldest retained entry (dropping stale heap tops).
func (t *retention) min() (closedEntry, bool) {
	for len(t.heap) > 0 {
		if t.live(t.heap[0]) {
			return t.heap[0], true
		}
		heap.Pop(&t.heap)
	}
	return closedEntry{}, false
}

// compact rebuilds the heap from kept once stale entries dominate (amortised O(1)).
func (t *retention) compact() {
	if len(t.heap) <= 2*len(t.kept)+64 {
		return
	}
	h := make(closedHeap, 0, len(t.kept))
	for k, c := range t.kept {
		h = append(h, closedEntry{closed: c, key: k})
	}
	heap.Init(&h)
	t.heap = h
}

// closeStamp returns the Closed stamp of a record this node closes now.
func (e *Engine) closeStamp() uint64 {
	e.ret.clock++
	return e.ret.clock
}

// track updates the retention index after r was stored; it reports whether r entered the
// retained set or changed rank (the caller then prunes).
func (e *Engine) track(r *Record) bool {
	e.ret.clock = max(e.ret.clock, r.Closed)
	if !r.isRoute() {
		return false
	}
	if r.Pending() {
		delete(e.ret.kept, r.RequestKey) // reopened by a rollover: its heap entry is stale
		return false
	}
	if c, ok := e.ret.kept[r.RequestKey]; ok && c == r.Closed {
		return false
	}
	e.ret.kept[r.RequestKey] = r.Closed
	heap.Push(&e.ret.heap, closedEntry{closed: r.Closed, key: r.RequestKey})
	return true
}

// outranked: a terminal route record we do not hold ranks below everything retained while
// the set is full, so storing it would only prune it again (a peer's resync).
func (e *Engine) outranked(r *Record) bool {
	if !r.isRoute() || r.Pending() || len(e.ret.kept) < e.ret.limit {
		return false
	}
	m, ok := e.ret.min()
	return ok && !closedLess(m, closedEntry{closed: r.Closed, key: r.RequestKey})
}

// prune drops the oldest terminal route records beyond the limit.
func (e *Engine) prune() {
	for len(e.ret.kept) > e.ret.limit {
		m, ok := e.ret.min()
		if !ok {
			break
		}
		heap.Pop(&e.ret.heap)
		e.forget(m.key)
	}
	e.ret.compact()
}

// forget removes key from memory and every index and schedules its delete in the current
// batch (replacing any version of it the batch was about to write).
func (e *Engine) forget(key string) {
	delete(e.recs, key)
	delete(e.pend, key)
	delete(e.ret.kept, key)
	delete(e.routes, key)
	delete(e.prepares, key)
	if i, ok := e.curIdx[key]; ok {
		last := len(e.cur.Records) - 1
		if i != last {
			e.cur.Records[i] = e.cur.Records[last]
			e.curIdx[e.cur.Records[i].RequestKey] = i
		}
		e.cur.Records[last] = Record{}
		e.cur.Records = e.cur.Records[:last]
		delete(e.curIdx, key)
	}
	if !e.curDel[key] {
		e.curDel[key] = true
		e.cur.Deletes = append(e.cur.Deletes, key)
	}
}

// undelete: key is stored again in the current batch, so the batch must not delete it.
func (e *Engine) undelete(key string) {
	if !e.curDel[key] {
		return
	}
	delete(e.curDel, key)
	kept := e.cur.Deletes[:0]
	for _, k := range e.cur.Deletes {
		if k != key {
			kept = append(kept, k)
		}
	}
	e.cur.Deletes = kept
}
