package continuity

// Loss sweeps (§4.9), orphaned work (CONTRACT 29) and the per-event reconcile pass.

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
		r := e.recs[k]
		if r == nil || r.AttemptID != ps.attempt || !r.Pending() {
			delete(e.prepares, k)
			continue
		}
		if !ps.relax {
			delete(e.prepares, k)
			e.prepareFailed(r, "prepare_disconnected", "replica_required_unavailable", l.Name)
			continue
		}
		// Startup work and rollovers relax to the replicas still alive (CONTRACT 15, 29).
		delete(ps.waiting, l.Name)
		ps.lost = append(ps.lost, l.Name)
		d := recordDiag("prepare_disconnected", r, e.auth)
		d.Reason = sp("replica_lost:" + l.Name)
		d.meta("target_node", l.Name)
		e.diag(d)
		e.log(line(prefixPlain, "prepare_disconnected", "request_key", r.RequestKey, "attempt_id", r.AttemptID,
			"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch),
			"replication_health", r.ReplicationHealth, "replica", l.Name, "error", "replica_lost:"+l.Name))
		if len(ps.waiting) == 0 {
			delete(e.prepares, k)
			e.prepared(r, ps)
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
	// A route's request lives on its ingress: with the ingress gone nobody will finish it
	// (a completion the owner still reports wins the merge over this rejection).
	if (r.isRoute() || (!r.Released && !r.Dispatched)) && !e.incAlive(r.IngressNode, r.IngressIncarnation) {
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
	e.startPrepare(n, false, true)
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
