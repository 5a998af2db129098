package continuity

import (
	"time"
)

// Engine is one node's continuity state machine. Create it with New, feed Boot first.
type Engine struct {
	cfg  Config
	self string
	inc  string

	auth      Authority
	wm        uint64 // next attempt token
	recs      map[string]*Record
	pend      map[string]bool // keys of pending records: all reconcile has to look at
	change    uint64
	diagSeq   uint64
	alive     map[string]Member // peers only
	known     map[string]bool   // remembered member names
	streams   map[string]bool   // outbound stream up
	booted    bool
	settled   bool // membership had time to converge after boot: absent owners are dead
	gone      bool // a primary at our epoch or above was lost: promote if none is alive
	lostName  string
	lostEpoch uint64
	skip      uint64 // candidates ahead of us lost since the primary went (see members)
	lostEvent bool   // a primary loss happened in the current step

	works      []*startupWork
	triggered  bool
	settledOut bool

	prepares  map[string]*prepareState
	staleSeen map[string]bool   // (sender, its epoch, our epoch) already reported stale
	routes    map[string]uint64 // request key → Submit token waiting for Submitted

	// Commit pipeline (CONTRACT 34).
	nextID   uint64
	cur      *Batch
	curIdx   map[string]int
	curDel   map[string]bool // keys in cur.Deletes
	ret      retention
	vis      []Action
	out      []Action
	inflight []*inflight
	view     *Journal // committed image: what snapshots show
}

type inflight struct {
	id      uint64
	batch   *Batch
	actions []Action
}

type prepareState struct {
	attempt string
	waiting map[string]bool
	window  bool
	// relax: startup work and rollovers go on with the replicas that are left when a
	// replica is lost mid-prepare (CONTRACT 15, 29); routes and low-level submits reject.
	relax bool
	acked int // replicas that hold the record (the ingress itself counts)
	lost  []string
}

// New returns an engine for cfg. Nothing happens until Boot.
func New(cfg Config) *Engine {
	cfg.defaults()
	e := &Engine{
		cfg: cfg, self: cfg.NodeName, inc: cfg.Incarnation,
		recs: map[string]*Record{}, pend: map[string]bool{}, alive: map[string]Member{},
		known: map[string]bool{}, streams: map[string]bool{}, prepares: map[string]*prepareState{}, staleSeen: map[string]bool{},
		routes: map[string]uint64{}, view: NewJournal(),
		ret: retention{limit: cfg.RetainRoutes, kept: map[string]uint64{}, buried: keyRing{max: GraveCapacity}},
	}
	e.resetBatch()
	return e
}

// NodeName is the engine's node name (`standalone@local` in standalone mode).
func (e *Engine) NodeName() string { return e.self }

// Authority is the current (possibly not yet committed) authority.
func (e *Engine) Authority() Authority { return e.auth }

// Committed returns the committed image (do not modify).
func (e *Engine) Committed() *Journal { return e.view }

// Record returns a copy of the in-memory record of key.
func (e *Engine) Record(key string) (Record, bool) {
	r, ok := e.recs[key]
	if !ok {
		return Record{}, false
	}
	return *r.clone(), true
}

// Step applies one event and returns the actions to carry out, in order.
func (e *Engine) Step(ev Event) []Action {
	e.out = nil
	e.lostEvent = false
	e.prune() // retention: what the last step closed beyond the limit (retention.go)
	if _, ok := ev.(Boot); !ok && !e.booted {
		e.boot(nil)
	}
	switch ev := ev.(type) {
	case Boot:
		if !e.booted {
			e.boot(ev.Journal)
		}
	case CommitDone:
		e.commitDone(ev.ID)
	case RegisterWork:
		e.register(ev.RuntimeName, ev.Replicas)
	case TriggerStartup:
		e.trigger(ev.BootstrapFailed)
	case MembersChanged:
		e.members(ev.Alive)
	case Received:
		e.receive(ev.From, ev.Msg)
	case TimerFired:
		e.timerFired(ev.ID)
	case WorkFinished:
		e.workFinished(ev)
	case StreamUp:
		e.streams[ev.Peer] = true
		if _, ok := e.alive[ev.Peer]; ok {
			e.resync(ev.Peer)
			e.resendPrepares(ev.Peer)
			e.resendPruned(ev.Peer)
		}
	case StreamDown:
		e.streams[ev.Peer] = false
	case Submit:
		e.submit(ev)
	}
	e.reconcile()
	e.flush()
	return e.out
}

// ---------------------------------------------------------------------------------------
// commit pipeline

func (e *Engine) resetBatch() {
	e.cur = &Batch{}
	e.curIdx = map[string]int{}
	e.curDel = map[string]bool{}
	e.vis = nil
}

// flush turns this step's mutations into a Commit and parks the visible actions behind it
// (or behind the last commit still in flight).
func (e *Engine) flush() {
	b, vis := e.cur, e.vis
	e.resetBatch()
	if !b.empty() {
		if e.cfg.Standalone {
			e.view.Apply(b)
			e.out = append(e.out, vis...)
			return
		}
		e.nextID++
		e.out = append(e.out, Commit{ID: e.nextID, Batch: b})
		e.inflight = append(e.inflight, &inflight{id: e.nextID, batch: b, actions: vis})
		return
	}
	if n := len(e.inflight); n > 0 {
		e.inflight[n-1].actions = append(e.inflight[n-1].actions, vis...)
		return
	}
	e.out = append(e.out, vis...)
}

func (e *Engine) commitDone(id uint64) {
	for len(e.inflight) > 0 && e.inflight[0].id <= id {
		f := e.inflight[0]
		e.inflight = e.inflight[1:]
		e.view.Apply(f.batch)
		e.out = append(e.out, f.actions...)
	}
}

// put stores r and adds it to the current batch; bump marks a replicated change (--limit order).
func (e *Engine) put(r *Record, bump bool) {
	if bump {
		e.change++
		r.Changed = e.change
	}
	r.ClusterRole, r.PromotionEpoch = e.auth.Role, e.auth.Epoch
	e.recs[r.RequestKey] = r
	if r.Pending() {
		e.pend[r.RequestKey] = true
	} else {
		delete(e.pend, r.RequestKey)
	}
	e.undelete(r.RequestKey)
	if i, ok := e.curIdx[r.RequestKey]; ok {
		e.cur.Records[i] = *r.clone()
	} else {
		e.curIdx[r.RequestKey] = len(e.cur.Records)
		e.cur.Records = append(e.cur.Records, *r.clone())
	}
	if e.track(r) {
		e.prune()
	}
}

// update stores a replicated change and broadcasts it to every alive peer.
func (e *Engine) update(r *Record) {
	e.put(r, true)
	e.broadcast(r)
}

func (e *Engine) setWatermark(n uint64) {
	if n <= e.wm && e.cur.Watermark != nil {
		return
	}
	if n > e.wm {
		e.wm = n
	}
	w := e.wm
	e.cur.Watermark = &w
}

// EpochAttemptStride: attempt tokens allocated at epoch e start at e×EpochAttemptStride, so
// two primaries of different epochs that cannot see each other (a stale primary restarted
// alone, a partition) never give two executions the same attempt id. After the first
// failover the attempt after `attempt-0` is therefore `attempt-1000000`.
const EpochAttemptStride = 1_000_000

func (e *Engine) nextToken() uint64 {
	t := max(e.wm, e.auth.Epoch*EpochAttemptStride)
	e.setWatermark(t + 1)
	return t
}

func (e *Engine) setAuth(a Authority) {
	e.auth = a
	c := a
	e.cur.Authority = &c
	// Only the last authority of a step is committed, so only it may be tagged.
	kept := e.vis[:0]
	for _, v := range e.vis {
		if _, ok := v.(SetTags); !ok {
			kept = append(kept, v)
		}
	}
	e.vis = append(kept, SetTags{Role: a.Role, Epoch: a.Epoch, Inc: e.inc})
}

func (e *Engine) diag(d *Diagnostic) {
	e.diagSeq++
	d.Sequence = e.diagSeq
	if d.Metadata == nil {
		d.Metadata = []MetaKV{}
	}
	e.cur.Diagnostics = append(e.cur.Diagnostics, *d)
}

func (e *Engine) log(s string) { e.vis = append(e.vis, Log{Line: s}) }

func (e *Engine) timer(id string, after time.Duration) {
	e.out = append(e.out, StartTimer{ID: id, After: after})
}

func (e *Engine) msg(kind MessageKind) Message {
	return Message{Kind: kind, From: e.self, Incarnation: e.inc, Authority: e.auth, Watermark: e.wm}
}

func (e *Engine) send(to string, m Message) { e.vis = append(e.vis, Send{To: to, Msg: m}) }

func (e *Engine) broadcast(r *Record) {
	for _, p := range e.peers() {
		m := e.msg(MsgUpsert)
		m.Record = r.clone()
		e.send(p, m)
	}
}

// resync sends every record to peer (CONTRACT 25: first thing on each (re)connect).
func (e *Engine) resync(peer string) {
	for _, k := range sortedKeys(e.recs) {
		m := e.msg(MsgUpsert)
		m.Record = e.recs[k].clone()
		e.send(peer, m)
	}
}

// resendPrepares repeats the prepares still waiting on peer (one sent while the stream
// was down was dropped and the ack timeout has not given up yet), and the acks this node
// owes peer as a replica (an ack sent before our stream to the ingress was up is lost).
func (e *Engine) resendPrepares(peer string) {
	for _, k := range sortedKeys(e.pend) {
		r := e.recs[k]
		if r.Pending() && r.IngressNode == peer && r.ReplicaStatus == StatusPreparing && contains(r.Replicas, e.self) {
			a := e.msg(MsgAck)
			a.Key, a.Attempt = r.RequestKey, r.AttemptID
			e.send(peer, a)
		}
	}
	for _, k := range sortedKeys(e.prepares) {
		ps := e.prepares[k]
		r := e.recs[k]
		if !ps.waiting[peer] || r == nil || r.AttemptID != ps.attempt {
			continue
		}
		m := e.msg(MsgPrepare)
		m.Record = r.clone()
		e.send(peer, m)
	}
}

func (e *Engine) resyncAll() {
	for _, p := range e.peers() {
		if e.streams[p] {
			e.resync(p)
		}
	}
}
