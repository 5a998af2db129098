package continuity

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
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
	gone      bool // a primary was lost (or we were demoted): promote if none is alive
	lostName  string
	lostEpoch uint64
	lostEvent bool // a primary loss happened in the current step

	works      []*startupWork
	triggered  bool
	settledOut bool

	prepares map[string]*prepareState
	routes   map[string]uint64 // request key → Submit token waiting for Submitted

	// Commit pipeline (CONTRACT 34).
	nextID   uint64
	cur      *Batch
	curIdx   map[string]int
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
}

// New returns an engine for cfg. Nothing happens until Boot.
func New(cfg Config) *Engine {
	cfg.defaults()
	e := &Engine{
		cfg: cfg, self: cfg.NodeName, inc: cfg.Incarnation,
		recs: map[string]*Record{}, pend: map[string]bool{}, alive: map[string]Member{},
		known: map[string]bool{}, streams: map[string]bool{}, prepares: map[string]*prepareState{},
		routes: map[string]uint64{}, view: NewJournal(),
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
	if i, ok := e.curIdx[r.RequestKey]; ok {
		e.cur.Records[i] = *r.clone()
		return
	}
	e.curIdx[r.RequestKey] = len(e.cur.Records)
	e.cur.Records = append(e.cur.Records, *r.clone())
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

// ---------------------------------------------------------------------------------------
// boot and membership

func (e *Engine) boot(j *Journal) {
	e.booted = true
	if j != nil {
		e.view = j.Clone()
	}
	v := e.view
	auth := e.cfg.Env
	if v.Authority != nil {
		ja := *v.Authority
		switch {
		case ja.Epoch > auth.Epoch:
			auth = ja
		case ja.Epoch == auth.Epoch:
			auth.Role = ja.Role
		}
	}
	// CONTRACT 32: higher epoch wins, equal keeps the journal's role.
	e.wm = v.Watermark
	for k, r := range v.Records {
		e.recs[k] = r.clone()
		if r.Pending() {
			e.pend[k] = true
		}
		if r.Changed > e.change {
			e.change = r.Changed
		}
		if t, ok := AttemptToken(r.AttemptID); ok && t >= e.wm {
			e.wm = t + 1
		}
	}
	e.diagSeq = v.DiagSequence
	for _, m := range v.Members {
		e.known[m] = true
	}
	if e.cfg.Standalone {
		e.settled = true
	}
	if v.Authority == nil || *v.Authority != auth {
		e.setAuth(auth)
		for _, k := range sortedKeys(e.recs) {
			e.put(e.recs[k].clone(), false) // re-project to the settled authority
		}
	} else {
		e.auth = auth
		e.vis = append(e.vis, SetTags{Role: auth.Role, Epoch: auth.Epoch, Inc: e.inc})
	}
	if auth.Role == RolePrimary {
		e.gone = false
	}
	if !e.cfg.Standalone {
		e.timer("settle", e.cfg.ConvergencePoll*time.Duration(e.cfg.ConvergencePolls))
	}
}

func (e *Engine) members(list []Member) {
	next := map[string]Member{}
	for _, m := range list {
		if m.Name == "" || m.Name == e.self {
			continue
		}
		next[m.Name] = m
	}
	// Fencing first, before the alive view changes (CONTRACT 28).
	var top Member
	for _, n := range sortedKeys(next) {
		if m := next[n]; m.Epoch > top.Epoch {
			top = m
		}
	}
	if top.Epoch > e.auth.Epoch {
		e.fence(top.Epoch, nil, "higher_epoch:"+uitoa(top.Epoch))
	} else if e.auth.Role == RolePrimary {
		for _, n := range sortedKeys(next) {
			m := next[n]
			if m.Role == RolePrimary && m.Epoch == e.auth.Epoch && placeLess(m.Name, e.self) {
				e.log(line(prefixContinuity, "dual_primary_detected", "peer", m.Name,
					"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch)))
				e.fence(e.auth.Epoch, nil, "dual_primary:"+m.Name)
				break
			}
		}
	}
	var lost []Member
	prevAlive := e.alive
	for _, n := range sortedKeys(e.alive) {
		old := e.alive[n]
		if m, ok := next[n]; !ok || m.Inc != old.Inc {
			lost = append(lost, old)
		}
	}
	e.alive = next
	for _, n := range sortedKeys(next) {
		if old, ok := prevAlive[n]; (!ok || old.Inc != next[n].Inc) && e.streams[n] {
			e.resync(n)
			e.resendPrepares(n)
		}
		if !e.known[n] {
			e.known[n] = true
			e.cur.Members = append(e.cur.Members, n)
		}
	}
	if len(lost) > 0 {
		// A member we saw alive is gone: our view is real, so recovery need not wait for the
		// settle timer (failover right after boot stays fast, CONTRACT 41).
		e.settled = true
	}
	for _, l := range lost {
		if l.Role == RolePrimary && l.Epoch >= e.auth.Epoch {
			// CONTRACT 26: a primary at our epoch or above is gone.
			e.gone = true
			e.lostEvent = true
			e.lostName = l.Name
			if l.Epoch > e.lostEpoch {
				e.lostEpoch = l.Epoch
			}
		}
		e.sweepLost(l)
	}
}

func (e *Engine) isAlive(name string) bool {
	if name == e.self {
		return true
	}
	_, ok := e.alive[name]
	return ok
}

// incAlive: name is alive with incarnation inc (self: our own incarnation).
func (e *Engine) incAlive(name, inc string) bool {
	if name == e.self {
		return inc == e.inc
	}
	m, ok := e.alive[name]
	return ok && m.Inc == inc
}

// peers returns the alive peers in name order.
func (e *Engine) peers() []string { return sortedKeys(e.alive) }

// ---------------------------------------------------------------------------------------
// authority changes

// fence moves to standby at epoch (CONTRACT 28): from a higher epoch seen in a tag or a
// record, or a same-epoch primary that sorts first.
func (e *Engine) fence(epoch uint64, r *Record, reason string) {
	prev := e.auth
	if prev.Role == RoleStandby && prev.Epoch >= epoch {
		return
	}
	next := Authority{Role: RoleStandby, Epoch: epoch}
	e.setAuth(next)
	d := &Diagnostic{Transition: "fenced_rejoin", ClusterRole: sp(next.Role), PromotionEpoch: up(next.Epoch), Metadata: []MetaKV{}}
	kv := []string{}
	if r != nil {
		d.RequestKey, d.AttemptID = sp(r.RequestKey), sp(r.AttemptID)
		kv = append(kv, "request_key", r.RequestKey, "attempt_id", r.AttemptID)
	} else {
		d.Reason = sp(reason)
	}
	d.meta("previous_role", prev.Role, "previous_epoch", uitoa(prev.Epoch))
	e.diag(d)
	kv = append(kv, "previous_role", prev.Role, "previous_epoch", uitoa(prev.Epoch),
		"next_role", next.Role, "next_epoch", uitoa(next.Epoch))
	if r == nil {
		kv = append(kv, "reason", reason)
	}
	e.log(line(prefixContinuity, "fenced_rejoin", kv...))
	// §5.2 re-projection for a standby: every record reads healthy.
	for _, k := range sortedKeys(e.recs) {
		rec := e.recs[k].clone()
		rec.ReplicationHealth = HealthHealthy
		e.put(rec, false)
	}
	e.resyncAll()
}

// maybePromote: CONTRACT 26–27. The first alive standby in placement order promotes when a
// primary at our epoch or above was lost and no alive member is primary at our epoch or above.
func (e *Engine) maybePromote() {
	if e.cfg.Standalone || e.auth.Role != RoleStandby || !e.gone {
		return
	}
	for _, m := range e.alive {
		if m.Role == RolePrimary && m.Epoch >= e.auth.Epoch {
			return
		}
	}
	cands := []string{e.self}
	for _, n := range e.peers() {
		if e.alive[n].Role == RoleStandby {
			cands = append(cands, n)
		}
	}
	order := placementOrder(cands)
	if order[0] != e.self {
		if e.lostEvent {
			reason := "automatic_promotion_rejected:not_candidate"
			d := &Diagnostic{Transition: "automatic_promotion_rejected", ClusterRole: sp(e.auth.Role),
				PromotionEpoch: up(e.auth.Epoch), ReplicationHealth: sp(e.statusHealth(e.recs)), Reason: sp(reason)}
			d.meta("disconnected_node", e.lostName)
			e.diag(d)
			e.log(line(prefixContinuity, "automatic_promotion_rejected", "disconnected_node", e.lostName,
				"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch),
				"replication_health", e.statusHealth(e.recs), "reason", reason))
		}
		return
	}
	prev := e.auth
	epoch := max(prev.Epoch, e.lostEpoch) + 1
	next := Authority{Role: RolePrimary, Epoch: epoch}
	e.setAuth(next)
	e.gone = false
	d := &Diagnostic{Transition: "promote", ClusterRole: sp(next.Role), PromotionEpoch: up(next.Epoch)}
	d.meta("previous_role", prev.Role, "previous_epoch", uitoa(prev.Epoch))
	e.diag(d)
	e.log(line(prefixContinuity, "promote", "previous_role", prev.Role, "previous_epoch", uitoa(prev.Epoch),
		"next_role", next.Role, "next_epoch", uitoa(next.Epoch)))
	d = &Diagnostic{Transition: "automatic_promotion", ClusterRole: sp(next.Role), PromotionEpoch: up(next.Epoch),
		Reason: sp("peer_lost:" + e.lostName)}
	d.meta("previous_epoch", uitoa(prev.Epoch), "disconnected_node", e.lostName)
	e.diag(d)
	e.log(line(prefixContinuity, "automatic_promotion", "disconnected_node", e.lostName,
		"previous_epoch", uitoa(prev.Epoch), "next_epoch", uitoa(next.Epoch)))
	// §5.2 re-projection for a new primary.
	for _, k := range sortedKeys(e.recs) {
		rec := e.recs[k].clone()
		switch {
		case rec.Pending() && rec.ReplicaNode == "":
			rec.ReplicationHealth = HealthLocalOnly
		case !rec.Pending() && rec.ReplicationHealth == HealthHealthy:
			rec.ReplicationHealth = HealthUnavailable
		}
		e.put(rec, false)
	}
	e.resyncAll()
	// CONTRACT 30: a new primary submits each registered startup work it has no record of.
	if e.triggered {
		for _, w := range e.works {
			if _, ok := e.recs[w.key]; !ok && w.n > 0 {
				w.state = stConverging
				e.proceed(w)
			}
		}
	}
}

// ---------------------------------------------------------------------------------------
// sweeps and recovery

// sweepLost runs the replica-lost (primary view) and source-lost (standby view) sweeps of
// §4.9 for a lost member, and fails prepares waiting on it.
func (e *Engine) sweepLost(l Member) {
	for _, k := range sortedKeys(e.pend) {
		r := e.recs[k]
		if !r.Pending() {
			continue
		}
		if e.auth.Role == RolePrimary {
			if r.OwnerNode != l.Name && contains(r.Replicas, l.Name) && r.ReplicaStatus == StatusMirrored {
				n := r.clone()
				n.ReplicaStatus, n.ReplicationHealth, n.Error = StatusDegradedContinuing, HealthDegraded, "replica_lost:"+l.Name
				e.update(n)
				e.diag(recordDiag("degraded", n, e.auth))
				e.log(recordLine("degraded", n, e.auth, "reason", n.Error))
			}
		} else if (r.OwnerNode == l.Name || contains(r.Replicas, l.Name)) && r.ReplicationHealth != HealthUnavailable &&
			r.ReplicationHealth != HealthDegraded {
			// Standby view: local health only; the replicated error stays the writer's.
			n := r.clone()
			n.ReplicationHealth = HealthDegraded
			reason := "replication_source_lost:" + l.Name
			e.put(n, false)
			d := recordDiag("replication_degraded", n, e.auth)
			d.Reason = sp(reason)
			e.diag(d)
			e.log(recordLine("replication_degraded", n, e.auth, "reason", reason))
		}
	}
	for _, k := range sortedKeys(e.prepares) {
		ps := e.prepares[k]
		if !ps.waiting[l.Name] {
			continue
		}
		delete(e.prepares, k)
		if r := e.recs[k]; r != nil && r.AttemptID == ps.attempt && r.Pending() {
			e.prepareFailed(r, "prepare_disconnected", "replica_required_unavailable", l.Name)
		}
	}
}

// orphaned: CONTRACT 29. A pending record whose owner (name and incarnation) is not alive,
// or which was never released and whose ingress is not alive.
func (e *Engine) orphaned(r *Record) (string, bool) {
	if !r.Pending() {
		return "", false
	}
	if !e.incAlive(r.OwnerNode, r.OwnerIncarnation) {
		return r.OwnerNode, true
	}
	if !r.Released && !r.Dispatched && !e.incAlive(r.IngressNode, r.IngressIncarnation) {
		return r.IngressNode, true
	}
	return "", false
}

// recover marks an orphaned record owner_lost and rolls it over at once (CONTRACT 29, §5.5);
// route records are closed rejected instead.
func (e *Engine) recover(r *Record, lost string) {
	lostRec := r.clone()
	if lostRec.ReplicaStatus != StatusOwnerLost {
		lostRec.ReplicaStatus, lostRec.ReplicationHealth, lostRec.Error = StatusOwnerLost, HealthUnavailable, "owner_lost:"+lost
		e.diag(recordDiag("owner_lost", lostRec, e.auth))
		e.log(recordLine("owner_lost", lostRec, e.auth, "reason", lostRec.Error))
	}
	if r.isRoute() {
		e.reject(lostRec, "owner_lost:"+lost)
		return
	}
	if r.RuntimeName == "" {
		reason := "automatic_recovery_rejected:missing_handler_metadata"
		d := &Diagnostic{Transition: "automatic_recovery_rejected", RequestKey: sp(r.RequestKey), AttemptID: sp(r.AttemptID), Reason: sp(reason)}
		e.diag(d)
		e.log(line(prefixContinuity, "automatic_recovery_rejected", "request_key", r.RequestKey, "attempt_id", r.AttemptID, "reason", reason))
		e.reject(lostRec, reason)
		return
	}
	required := int(r.ReplicationCount) - 1
	required = min(required, len(e.alive))
	n := e.newRecord(r.RuntimeName, r.RequestKey, r.PayloadHash, int(r.ReplicationCount), required)
	d := recordDiag("recovery_rollover", n, e.auth)
	d.meta("previous_attempt_id", r.AttemptID, "previous_owner", r.OwnerNode, "next_owner", n.OwnerNode, "next_replica", n.ReplicaNode)
	e.diag(d)
	e.log(line(prefixContinuity, "recovery_rollover", "request_key", n.RequestKey, "previous_attempt_id", r.AttemptID,
		"next_attempt_id", n.AttemptID, "previous_owner", r.OwnerNode, "next_owner", n.OwnerNode, "next_replica", n.ReplicaNode,
		"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch), "replication_health", n.ReplicationHealth,
		"next_replica_status", n.ReplicaStatus, "phase", n.Phase))
	e.logSubmit(n, required)
	d = &Diagnostic{Transition: "automatic_recovery", RequestKey: sp(n.RequestKey), AttemptID: sp(n.AttemptID)}
	d.meta("previous_attempt_id", r.AttemptID, "runtime_name", n.RuntimeName)
	e.diag(d)
	e.log(line(prefixContinuity, "automatic_recovery", "request_key", n.RequestKey, "previous_attempt_id", r.AttemptID,
		"next_attempt_id", n.AttemptID, "runtime_name", n.RuntimeName))
	e.startPrepare(n, false)
}

// reconcile runs after every event: promotion, orphan recovery, owner dispatch and the
// startup watchers all follow from state, so a lost message or a restart never strands work.
func (e *Engine) reconcile() {
	if !e.booted {
		return
	}
	e.maybePromote()
	// Recovery waits until membership had time to converge after boot (the settle timer, as
	// long as the startup convergence wait): a restarted ex-primary must first learn the
	// higher epoch from its peers' tags instead of rolling over their work (CONTRACT 28–29).
	if e.auth.Role == RolePrimary && !e.cfg.Standalone && e.settled {
		for _, k := range sortedKeys(e.pend) {
			r := e.recs[k]
			if lost, ok := e.orphaned(r); ok {
				e.recover(r, lost)
			}
		}
	}
	for _, k := range sortedKeys(e.pend) {
		r := e.recs[k]
		if r.Pending() && r.Released && !r.Dispatched && !r.isRoute() &&
			r.OwnerNode == e.self && r.OwnerIncarnation == e.inc {
			n := r.clone()
			n.Dispatched = true
			e.update(n)
			e.vis = append(e.vis, Dispatch{Key: n.RequestKey, Attempt: n.AttemptID, RuntimeName: n.RuntimeName})
		}
	}
	e.watchStartup()
}

// ---------------------------------------------------------------------------------------
// records: create, prepare, release, complete, reject

// placementMembers is self plus the alive peers (or standalone@local).
func (e *Engine) placementMembers() []string {
	return placementOrder(append([]string{e.self}, e.peers()...))
}

func (e *Engine) incOf(name string) string {
	if name == e.self {
		return e.inc
	}
	return e.alive[name].Inc
}

// newRecord creates and stores a fresh attempt placed on the alive members (§4.10,
// CONTRACT 36: replicas are the `required` members after the owner).
func (e *Engine) newRecord(rn, key, hash string, n, required int) *Record {
	tok := e.nextToken()
	order := e.placementMembers()
	i := int(hash64("request::"+key) % uint64(len(order)))
	owner := order[i]
	var replicas []string
	for j := 1; j <= required && j < len(order); j++ {
		replicas = append(replicas, order[(i+j)%len(order)])
	}
	r := &Record{
		RequestKey: key, PayloadHash: hash, AttemptID: AttemptID(tok), Phase: PhaseSubmitted, Result: ResultPending,
		IngressNode: e.self, OwnerNode: owner, Replicas: replicas, ReplicationCount: uint64(n),
		ReplicaStatus: StatusUnassigned, RuntimeName: rn, OwnerIncarnation: e.incOf(owner),
		IngressIncarnation: e.inc, ReplicationHealth: HealthLocalOnly,
	}
	if len(replicas) > 0 {
		r.ReplicaNode = replicas[0]
		r.ReplicaStatus = StatusPreparing
	}
	e.put(r, true)
	return r
}

func (e *Engine) logSubmit(r *Record, required int) {
	d := recordDiag("submit", r, e.auth)
	d.meta("required_replicas", itoa(required))
	e.diag(d)
	e.log(line(prefixContinuity, "submit", "request_key", r.RequestKey, "attempt_id", r.AttemptID,
		"ingress", r.IngressNode, "owner", r.OwnerNode, "replica", r.ReplicaNode,
		"replication_count", uitoa(r.ReplicationCount), "required_replicas", itoa(required),
		"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch),
		"replication_health", r.ReplicationHealth, "replica_status", r.ReplicaStatus, "phase", r.Phase))
}

// startPrepare sends prepares to every replica (CONTRACT 36: all at once; the ingress's own
// commit is its ack) and broadcasts the record to the other peers.
func (e *Engine) startPrepare(r *Record, window bool) {
	waiting := map[string]bool{}
	for _, p := range r.Replicas {
		if p != e.self {
			waiting[p] = true
		}
	}
	for _, p := range e.peers() {
		m := e.msg(MsgUpsert)
		if waiting[p] {
			m.Kind = MsgPrepare
		}
		m.Record = r.clone()
		e.send(p, m)
	}
	if len(r.Replicas) == 0 {
		e.ready(r, window)
		return
	}
	if len(waiting) == 0 {
		e.mirrored(r, window)
		return
	}
	e.prepares[r.RequestKey] = &prepareState{attempt: r.AttemptID, waiting: waiting, window: window}
	e.timer("prepare\x00"+r.RequestKey+"\x00"+r.AttemptID, e.cfg.PrepareTimeout)
}

func (e *Engine) mirrored(r *Record, window bool) {
	n := r.clone()
	n.ReplicaStatus, n.ReplicationHealth, n.Error = StatusMirrored, HealthHealthy, ""
	e.update(n)
	e.diag(recordDiag("replica_ack", n, e.auth))
	e.log(recordLine("replica_ack", n, e.auth))
	e.ready(n, window)
}

// ready: replicas hold the record. Routes answer the submitter; startup work opens the
// pending window; everything else is released to its owner at once.
func (e *Engine) ready(r *Record, window bool) {
	if tok, ok := e.routes[r.RequestKey]; ok {
		delete(e.routes, r.RequestKey)
		n := r.clone()
		n.Released = true
		e.update(n)
		e.vis = append(e.vis, Submitted{Token: tok, Outcome: "created", Record: *n.clone()})
		return
	}
	if window {
		rn := r.RuntimeName
		ms := e.cfg.StartupDelay.Milliseconds()
		d := &Diagnostic{Transition: "startup_dispatch_window", RequestKey: sp(r.RequestKey)}
		d.meta("runtime_name", rn, "pending_window_ms", itoa(int(ms)), "ownership", "language_owned")
		e.diag(d)
		e.log(line(prefixStartup, "startup_dispatch_window", "runtime_name", rn, "request_key", r.RequestKey,
			"pending_window_ms", itoa(int(ms)), "ownership", "language_owned"))
		e.timer("window\x00"+r.RequestKey+"\x00"+r.AttemptID, e.cfg.StartupDelay)
		return
	}
	e.release(r)
}

func (e *Engine) release(r *Record) {
	n := r.clone()
	n.Released = true
	e.update(n)
}

func (e *Engine) prepareFailed(r *Record, transition, reason, target string) {
	n := r.clone()
	d := recordDiag(transition, n, e.auth)
	d.Reason = sp(reason)
	d.meta("target_node", target)
	e.diag(d)
	e.log(line(prefixPlain, transition, "request_key", n.RequestKey, "attempt_id", n.AttemptID,
		"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch),
		"replication_health", n.ReplicationHealth, "replica", target, "error", reason))
	e.reject(n, reason)
}

// reject closes r as rejected with reason (§4.9 reject).
func (e *Engine) reject(r *Record, reason string) {
	n := r.clone()
	n.Phase, n.Result, n.ReplicaStatus, n.ReplicationHealth, n.Error =
		PhaseRejected, ResultRejected, StatusRejected, HealthUnavailable, reason
	e.update(n)
	e.diag(recordDiag("rejected", n, e.auth))
	e.log(recordLine("rejected", n, e.auth, "reason", reason))
	if tok, ok := e.routes[n.RequestKey]; ok {
		delete(e.routes, n.RequestKey)
		e.vis = append(e.vis, Submitted{Token: tok, Outcome: "rejected", Record: *n.clone(), Err: reason})
	}
}

func (e *Engine) timerFired(id string) {
	parts := strings.Split(id, "\x00")
	switch parts[0] {
	case "settle":
		e.settled = true
	case "prepare":
		if len(parts) != 3 {
			return
		}
		ps := e.prepares[parts[1]]
		if ps == nil || ps.attempt != parts[2] {
			return
		}
		delete(e.prepares, parts[1])
		if r := e.recs[parts[1]]; r != nil && r.AttemptID == parts[2] && r.Pending() {
			targets := sortedKeys(ps.waiting)
			e.prepareFailed(r, "prepare_timeout", "replica_prepare_timeout", strings.Join(targets, ","))
		}
	case "window":
		if len(parts) != 3 {
			return
		}
		if r := e.recs[parts[1]]; r != nil && r.AttemptID == parts[2] && r.Pending() && !r.Released {
			e.release(r)
		}
	case "converge":
		if len(parts) == 2 {
			e.poll(parts[1])
		}
	}
}

// ---------------------------------------------------------------------------------------
// messages

func (e *Engine) receive(from string, m Message) {
	if m.Kind == MsgAck {
		e.ack(from, m)
		return
	}
	r := m.Record
	if r == nil {
		return
	}
	if bad := r.validate(); bad != "" {
		e.log(line(prefixPlain, "upsert_malformed", "remote", from, "error", bad))
		return
	}
	tok, _ := AttemptToken(r.AttemptID)
	e.setWatermark(max(m.Watermark, tok+1))
	switch {
	case m.Authority.Epoch > e.auth.Epoch:
		e.fence(m.Authority.Epoch, r, "")
	case m.Authority.Epoch < e.auth.Epoch:
		d := recordDiag("stale_epoch_rejected", r, e.auth)
		d.Reason = sp("stale_promotion_epoch_rejected")
		d.meta("incoming_role", m.Authority.Role, "incoming_epoch", uitoa(m.Authority.Epoch),
			"local_role", e.auth.Role, "local_epoch", uitoa(e.auth.Epoch))
		e.diag(d)
		e.log(line(prefixPlain, "upsert_rejected", "remote", from, "error", "stale_promotion_epoch_rejected"))
		return
	}
	e.merge(r, m.Authority.Role)
	if m.Kind == MsgPrepare {
		cur := e.recs[r.RequestKey]
		if cur == nil || cur.PayloadHash != r.PayloadHash {
			return
		}
		e.diag(recordDiag("replica_prepare", cur, e.auth))
		e.log(recordLine("replica_prepare", cur, e.auth))
		a := e.msg(MsgAck)
		a.Key, a.Attempt = r.RequestKey, r.AttemptID
		e.send(from, a)
	}
}

// merge folds an incoming record into the local one (§4.11 as amended by Merge).
func (e *Engine) merge(in *Record, senderRole string) {
	cur := e.recs[in.RequestKey]
	health := in.ReplicationHealth
	if senderRole != e.auth.Role || health == "" {
		health = HealthHealthy
	}
	if cur == nil {
		n := in.clone()
		n.ReplicationHealth = health
		e.put(n, true)
		return
	}
	if cur.PayloadHash != in.PayloadHash {
		return
	}
	m := Merge(cur, in)
	if replicatedEqual(m, cur) {
		return
	}
	m.ReplicationHealth = health
	e.put(m, true)
}

func (e *Engine) ack(from string, m Message) {
	ps := e.prepares[m.Key]
	if ps == nil || ps.attempt != m.Attempt || !ps.waiting[from] {
		return
	}
	delete(ps.waiting, from)
	if len(ps.waiting) > 0 {
		return
	}
	delete(e.prepares, m.Key)
	if r := e.recs[m.Key]; r != nil && r.AttemptID == m.Attempt && r.Pending() && r.ReplicaStatus == StatusPreparing {
		e.mirrored(r, ps.window)
	}
}

func (e *Engine) workFinished(ev WorkFinished) {
	if ev.Record != nil && ev.Record.validate() == "" {
		e.merge(ev.Record, e.auth.Role)
	}
	r := e.recs[ev.Key]
	rejectCompletion := func(reason, active string) {
		d := &Diagnostic{Transition: "completion_rejected", RequestKey: sp(ev.Key), AttemptID: sp(ev.Attempt), Reason: sp(reason)}
		d.meta("active_attempt_id", active)
		e.diag(d)
		e.log(line(prefixContinuity, "completion_rejected", "request_key", ev.Key, "attempt_id", ev.Attempt,
			"active_attempt_id", active, "reason", reason))
	}
	switch {
	case r == nil:
		rejectCompletion("request_key_not_found", "")
		return
	case r.AttemptID != ev.Attempt:
		rejectCompletion("attempt_id_mismatch", r.AttemptID)
		return
	case r.Phase == PhaseCompleted:
		if r.ExecutionNode != e.self {
			rejectCompletion("transition_rejected:already_completed", r.AttemptID)
		}
		return
	case r.Phase == PhaseRejected:
		rejectCompletion("transition_rejected:phase", r.AttemptID)
		return
	}
	if ev.Reason != "" {
		e.reject(r, ev.Reason)
		return
	}
	if ev.Failed {
		// CONTRACT 16: failed work is closed.
		e.reject(r, "declared_work_failed:"+ev.Message)
		return
	}
	n := r.clone()
	n.Phase, n.Result, n.ExecutionNode, n.Error = PhaseCompleted, ResultSucceeded, e.self, ""
	e.update(n)
	e.diag(recordDiag("completed", n, e.auth))
	e.log(line(prefixContinuity, "completed", "request_key", n.RequestKey, "attempt_id", n.AttemptID,
		"execution", n.ExecutionNode, "owner", n.OwnerNode, "replica", n.ReplicaNode,
		"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch),
		"replication_health", n.ReplicationHealth, "replica_status", n.ReplicaStatus))
}

// submit handles Submit (routes and low-level declared work).
func (e *Engine) submit(ev Submit) {
	answer := func(outcome, reason string, r *Record) {
		s := Submitted{Token: ev.Token, Outcome: outcome, Err: reason}
		if r != nil {
			s.Record = *r.clone()
		}
		e.vis = append(e.vis, s)
	}
	if ev.Key == "" {
		answer("rejected", "request_key_missing", nil)
		return
	}
	if ev.PayloadHash == "" {
		answer("rejected", "payload_hash_missing", nil)
		return
	}
	if ev.Replicas <= 0 {
		answer("rejected", "invalid_replication_count", nil)
		return
	}
	if r := e.recs[ev.Key]; r != nil {
		if r.PayloadHash != ev.PayloadHash {
			e.logConflict(r)
			answer("conflict", "request_key_conflict", r)
			return
		}
		e.logDuplicate(r)
		answer("duplicate", "declared_handler_submit_rejected:duplicate", r)
		return
	}
	required := ev.Replicas - 1
	if required > len(e.alive) {
		r := e.newRecord(ev.RuntimeName, ev.Key, ev.PayloadHash, ev.Replicas, len(e.alive))
		e.logSubmit(r, required)
		e.routes[ev.Key] = ev.Token
		e.reject(r, "replica_required_unavailable")
		return
	}
	r := e.newRecord(ev.RuntimeName, ev.Key, ev.PayloadHash, ev.Replicas, required)
	e.logSubmit(r, required)
	e.routes[ev.Key] = ev.Token
	e.startPrepare(r, false)
}

func (e *Engine) logDuplicate(r *Record) {
	e.diag(recordDiag("duplicate", r, e.auth))
	e.log(line(prefixContinuity, "duplicate", "request_key", r.RequestKey, "attempt_id", r.AttemptID,
		"phase", r.Phase, "result", r.Result, "owner", r.OwnerNode, "replica", r.ReplicaNode,
		"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch), "replication_health", r.ReplicationHealth))
}

func (e *Engine) logConflict(r *Record) {
	d := recordDiag("conflict", r, e.auth)
	d.Reason = sp("request_key_conflict")
	e.diag(d)
	e.log(line(prefixContinuity, "conflict", "request_key", r.RequestKey, "stored_attempt_id", r.AttemptID,
		"stored_phase", r.Phase, "stored_result", r.Result, "cluster_role", e.auth.Role,
		"promotion_epoch", uitoa(e.auth.Epoch), "replication_health", r.ReplicationHealth, "reason", "request_key_conflict"))
}

// recordLine is the §6.8 line shared by replica_prepare, replica_ack, rejected, owner_lost,
// degraded and replication_degraded.
func recordLine(transition string, r *Record, a Authority, extra ...string) string {
	kv := []string{"request_key", r.RequestKey, "attempt_id", r.AttemptID, "owner", r.OwnerNode,
		"replica", r.ReplicaNode, "cluster_role", a.Role, "promotion_epoch", uitoa(a.Epoch),
		"replication_health", r.ReplicationHealth, "replica_status", r.ReplicaStatus}
	return line(prefixContinuity, transition, append(kv, extra...)...)
}

// ---------------------------------------------------------------------------------------
// placement helpers

// hash64 is §4.10's h(s): the first 8 bytes of SHA-256(s), big-endian.
func hash64(s string) uint64 {
	sum := sha256.Sum256([]byte(s))
	return binary.BigEndian.Uint64(sum[:8])
}

// placeLess orders names by (h(name), name) — placement order.
func placeLess(a, b string) bool {
	ha, hb := hash64(a), hash64(b)
	if ha != hb {
		return ha < hb
	}
	return a < b
}

// placementOrder trims, dedupes and sorts names in placement order (§4.10).
func placementOrder(names []string) []string {
	set := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || set[n] {
			continue
		}
		set[n] = true
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return placeLess(out[i], out[j]) })
	return out
}

// PlacementOrder exposes §4.10's order (tests, adapters choosing ports).
func PlacementOrder(names []string) []string { return placementOrder(names) }

// Owner returns the owner §4.10 picks for key among members.
func Owner(key string, members []string) string {
	order := placementOrder(members)
	if len(order) == 0 {
		return ""
	}
	return order[hash64("request::"+key)%uint64(len(order))]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
