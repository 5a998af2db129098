package continuity

// Boot, membership and authority: restart authority (CONTRACT 32), the alive view
// (CONTRACT 19–20, 26), fencing (CONTRACT 28) and automatic promotion (CONTRACT 26–27).

import (
	"time"
)

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
		e.track(e.recs[k])
	}
	for _, k := range v.Graves {
		e.ret.buried.add(k)
	}
	e.prune() // a lowered MESH_CONTINUITY_RETAIN_ROUTES prunes at boot
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
		switch {
		case l.Role == RolePrimary && l.Epoch >= e.auth.Epoch:
			// CONTRACT 26: a primary at our epoch or above is gone.
			e.gone = true
			e.lostEvent = true
			e.lostName = l.Name
			e.skip = 0
			if l.Epoch > e.lostEpoch {
				e.lostEpoch = l.Epoch
			}
		case e.gone && e.auth.Role == RoleStandby && l.Role == RoleStandby && placeLess(l.Name, e.self):
			// A candidate ahead of us vanished while the primary was missing: it may have
			// promoted (commit done, tag not yet seen) just before dying. Promote one epoch
			// above what it could have taken, so its restart is fenced instead of meeting a
			// second primary at its epoch.
			e.skip++
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
	epoch := max(prev.Epoch, e.lostEpoch) + 1 + e.skip
	next := Authority{Role: RolePrimary, Epoch: epoch}
	e.setAuth(next)
	e.gone, e.skip = false, 0
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
