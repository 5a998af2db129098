package continuity

// The life of a record at its ingress and owner: placement, prepare/ack (CONTRACT 36),
// the startup window, release, completion and rejection (CONTRACT 16).

import (
	"strings"
)

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
func (e *Engine) startPrepare(r *Record, window, relax bool) {
	waiting := map[string]bool{}
	acked := 0
	for _, p := range r.Replicas {
		if p != e.self {
			waiting[p] = true
		} else {
			acked++
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
	e.prepares[r.RequestKey] = &prepareState{attempt: r.AttemptID, waiting: waiting, window: window, relax: relax, acked: acked}
	e.timer("prepare\x00"+r.RequestKey+"\x00"+r.AttemptID, e.cfg.PrepareTimeout)
}

// prepared: no replica is outstanding any more. With at least one holding the record it is
// mirrored; when every one was lost (relaxed work only) it continues degraded.
func (e *Engine) prepared(r *Record, ps *prepareState) {
	if ps.acked > 0 {
		e.mirrored(r, ps.window)
		return
	}
	n := r.clone()
	n.ReplicaStatus, n.ReplicationHealth, n.Error = StatusDegradedContinuing, HealthDegraded, "replica_lost:"+strings.Join(ps.lost, ",")
	e.update(n)
	e.diag(recordDiag("degraded", n, e.auth))
	e.log(recordLine("degraded", n, e.auth, "reason", n.Error))
	e.ready(n, ps.window)
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
	n.Closed = e.closeStamp()
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
