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
// A node that missed a route's closing (a partition, a stream down) still holds it pending
// and resends it on reconnect. Route records never reopen once closed, so a node that
// pruned the key answers any copy of it with MsgPruned instead of storing it, and the
// holder drops its copy. For that each node remembers the last GraveCapacity keys it
// pruned, in its journal too (Journal.Graves), so a restart does not forget them. Known
// limit: a copy cut off while more than that many newer routes are pruned everywhere comes
// back; if pending, it stays so until its owner restarts (orphan recovery, CONTRACT 29,
// then closes it).

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
	// buried: the last GraveCapacity keys pruned (journaled as Graves), for MsgPruned.
	buried keyRing
}

// GraveCapacity is how many pruned keys a node remembers (Journal.Graves; the store's
// default grave capacity is the same).
const GraveCapacity = 16384

// keyRing is a set of at most max keys; adding beyond that forgets the oldest.
type keyRing struct {
	max  int
	has  map[string]bool
	keys []string
	next int
}

func (k *keyRing) add(key string) {
	if k.has == nil {
		k.has = map[string]bool{}
	}
	if k.has[key] {
		return
	}
	if len(k.keys) < k.max {
		k.keys = append(k.keys, key)
	} else {
		delete(k.has, k.keys[k.next])
		k.keys[k.next] = key
		k.next = (k.next + 1) % k.max
	}
	k.has[key] = true
}

// ordered returns the keys oldest first.
func (k *keyRing) ordered() []string {
	if len(k.keys) < k.max {
		return k.keys
	}
	return append(append([]string(nil), k.keys[k.next:]...), k.keys[:k.next]...)
}

// prunedBatch is how many keys one MsgPruned carries.
const prunedBatch = 256

// staleCopy answers a copy of a key we pruned (retention.go).
func (e *Engine) staleCopy(from, key string) {
	a := e.msg(MsgPruned)
	a.Keys = []string{key}
	e.send(from, a)
}

// resendPruned tells peer every key we remember pruning (on StreamUp, after the resync):
// a peer that missed a closing while our stream was down, or since our restart, drops its
// stale copy. Bounded by GraveCapacity, in frames of prunedBatch keys.
func (e *Engine) resendPruned(peer string) {
	keys := e.ret.buried.ordered()
	for len(keys) > 0 {
		n := min(len(keys), prunedBatch)
		a := e.msg(MsgPruned)
		a.Keys = append([]string(nil), keys[:n]...)
		e.send(peer, a)
		keys = keys[n:]
	}
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

// prune drops the oldest terminal route records beyond the limit. The oldest one is left
// for the next step when the current batch writes it (it closed in this step): its closing
// is then committed here before it is deleted, so whatever this node showed of it (a
// broadcast, a 503) was durable first (CONTRACT 34), and a peer told MsgPruned knows some
// journal held it closed. Step prunes first thing, so the excess lasts one step.
func (e *Engine) prune() {
	for len(e.ret.kept) > e.ret.limit {
		m, ok := e.ret.min()
		if !ok {
			break
		}
		if _, fresh := e.curIdx[m.key]; fresh {
			break
		}
		heap.Pop(&e.ret.heap)
		e.forget(m.key)
		e.ret.buried.add(m.key)
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

// probeRelayed: a pending route record we had never seen arrived from a node other than its
// ingress (another node's resync). It may be a stale copy of a route that was closed and
// pruned while that node was cut off, so ask its owner and ingress, which prune what they
// close: one that pruned it answers MsgPruned (and we drop it), one that holds it merges.
func (e *Engine) probeRelayed(from, key string) {
	r := e.recs[key]
	if r == nil || !r.isRoute() || !r.Pending() || from == r.IngressNode {
		return
	}
	for _, p := range []string{r.OwnerNode, r.IngressNode} {
		if _, alive := e.alive[p]; alive && p != from && p != e.self {
			m := e.msg(MsgUpsert)
			m.Record = r.clone()
			e.send(p, m)
		}
	}
}

// prunedBy: a peer pruned key, so it was closed and ranks below the peer's newest R. Our
// copy is stale — pending (a route never reopens), or a terminal copy that a partition
// closed differently (and that would otherwise outlive the closing the peer pruned) — so
// drop it, unless this node is still preparing it as the ingress (the prepare timeout
// closes that).
func (e *Engine) prunedBy(key string) {
	r := e.recs[key]
	if r == nil || !r.isRoute() {
		return
	}
	if _, waiting := e.routes[key]; waiting {
		return
	}
	if _, preparing := e.prepares[key]; preparing {
		return
	}
	e.forget(key)
	e.ret.buried.add(key)
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
