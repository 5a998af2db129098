package continuity

// Messages from peers (upsert, prepare, ack; §4.11), finished work and submits.

// ---------------------------------------------------------------------------------------
// messages

func (e *Engine) receive(from string, m Message) {
	if m.Kind == MsgAck {
		e.ack(from, m)
		return
	}
	if m.Kind == MsgPruned {
		for _, k := range m.Keys {
			e.prunedBy(k)
		}
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
		// One diagnostic per stale sender and epoch pair: a stale peer's resync of every
		// record must not flush the 128-entry ring (upstream weak point 19).
		k := from + "\x00" + uitoa(m.Authority.Epoch) + "\x00" + uitoa(e.auth.Epoch)
		if e.staleSeen[k] {
			return
		}
		e.staleSeen[k] = true
		d := recordDiag("stale_epoch_rejected", r, e.auth)
		d.Reason = sp("stale_promotion_epoch_rejected")
		d.meta("incoming_role", m.Authority.Role, "incoming_epoch", uitoa(m.Authority.Epoch),
			"local_role", e.auth.Role, "local_epoch", uitoa(e.auth.Epoch))
		e.diag(d)
		e.log(line(prefixPlain, "upsert_rejected", "remote", from, "error", "stale_promotion_epoch_rejected"))
		return
	}
	if e.ret.buried.has[r.RequestKey] && e.recs[r.RequestKey] == nil {
		// retention: we pruned it; any copy is stale (retention.go).
		e.staleCopy(from, r.RequestKey)
		return
	}
	fresh := e.recs[r.RequestKey] == nil
	e.merge(r, m.Authority.Role)
	if fresh {
		e.probeRelayed(from, r.RequestKey)
	}
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
		if e.ret.buried.has[in.RequestKey] {
			return // retention pruned it here: never bring it back (retention.go)
		}
		if e.outranked(in) {
			e.ret.clock = max(e.ret.clock, in.Closed)
			return // retention: it would be pruned at once (retention.go)
		}
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
	ps.acked++
	if len(ps.waiting) > 0 {
		return
	}
	delete(e.prepares, m.Key)
	if r := e.recs[m.Key]; r != nil && r.AttemptID == m.Attempt && r.Pending() && r.ReplicaStatus == StatusPreparing {
		e.prepared(r, ps)
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
	n.Closed = e.closeStamp()
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
	e.startPrepare(r, false, false)
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
