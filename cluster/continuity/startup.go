package continuity

import "strings"

// Startup work (cluster-reference §4.5, CONTRACT 30): every @cluster function runs once per
// journal under key `startup::<rn>` after main returns.

const (
	stRegistered = iota
	stConverging
	stWatching
	stDone
)

type startupWork struct {
	rn      string
	n       int
	key     string
	state   int
	polls   int
	stable  int
	sawPeer bool
	last    string
	attempt string
	fenced  bool
}

func (e *Engine) work(rn string) *startupWork {
	for _, w := range e.works {
		if w.rn == rn {
			return w
		}
	}
	return nil
}

func (e *Engine) register(rn string, n int) {
	if rn == "" {
		e.log(line(prefixStartup, "startup_rejected", "runtime_name", rn, "reason", "startup_runtime_name_missing"))
		return
	}
	key := StartupKeyPrefix + rn
	if e.work(rn) != nil {
		d := &Diagnostic{Transition: "startup_rejected", RequestKey: sp(key), Reason: sp("startup_duplicate_registration")}
		d.meta("runtime_name", rn)
		e.diag(d)
		e.log(line(prefixStartup, "startup_rejected", "runtime_name", rn, "reason", "startup_duplicate_registration"))
		return
	}
	e.works = append(e.works, &startupWork{rn: rn, n: n, key: key})
	d := &Diagnostic{Transition: "startup_registered", RequestKey: sp(key)}
	d.meta("runtime_name", rn, "payload_hash", StartupHashPrefix+rn)
	e.diag(d)
	e.log(line(prefixStartup, "startup_registered", "runtime_name", rn, "request_key", key))
}

func (e *Engine) trigger(bootstrapFailed bool) {
	if e.triggered {
		return
	}
	e.triggered = true
	if bootstrapFailed {
		// CONTRACT 35: a bootstrap Err runs no startup work.
		for _, w := range e.works {
			e.startupRejected(w, "bootstrap_failed", nil)
		}
		return
	}
	if !e.cfg.Standalone {
		d := &Diagnostic{Transition: "startup_keepalive"}
		d.meta("registration_count", itoa(len(e.works)))
		e.diag(d)
		e.log(line(prefixStartup, "startup_keepalive", "registration_count", itoa(len(e.works))))
	}
	for _, w := range e.works {
		switch {
		case e.cfg.Standalone:
			w.state = stConverging
			e.proceed(w)
		case e.auth.Role == RoleStandby:
			e.skipped(w)
		default:
			w.state = stConverging
			e.timer("converge\x00"+w.rn, e.cfg.ConvergencePoll)
		}
	}
}

// membershipList is the comma-joined sorted alive view, self included.
func (e *Engine) membershipList() string {
	names := append([]string{e.self}, e.peers()...)
	sortStrings(names)
	return strings.Join(names, ",")
}

// poll is one convergence observation (§4.5 step 3).
func (e *Engine) poll(rn string) {
	w := e.work(rn)
	if w == nil || w.state != stConverging {
		return
	}
	w.polls++
	m := e.membershipList()
	if len(e.alive) > 0 {
		w.sawPeer = true
	}
	if m == w.last {
		w.stable++
	} else {
		w.last, w.stable = m, 1
	}
	switch {
	case w.sawPeer && w.stable >= e.cfg.ConvergenceStable:
		e.proceed(w)
	case w.polls >= e.cfg.ConvergencePolls && !w.sawPeer:
		e.proceed(w)
	case w.polls >= e.cfg.ConvergencePolls:
		reason := "startup_convergence_timeout"
		required := min(w.n-1, len(e.alive))
		d := &Diagnostic{Transition: "startup_convergence_timeout", RequestKey: sp(w.key), Reason: sp(reason)}
		d.meta("runtime_name", rn, "required_replicas", itoa(max(required, 0)), "membership", m,
			"polls", itoa(w.polls), "saw_peer", "true")
		e.diag(d)
		e.log(line(prefixStartup, "startup_convergence_timeout", "runtime_name", rn, "request_key", w.key,
			"membership", m, "polls", itoa(w.polls), "saw_peer", "true"))
		e.startupRejected(w, reason, nil)
	default:
		e.timer("converge\x00"+rn, e.cfg.ConvergencePoll)
	}
}

func (e *Engine) skipped(w *startupWork) {
	w.state = stDone
	reason := "startup_skipped:standby_authority"
	d := &Diagnostic{Transition: "startup_skipped", RequestKey: sp(w.key), ClusterRole: sp(e.auth.Role),
		PromotionEpoch: up(e.auth.Epoch), Reason: sp(reason)}
	d.meta("runtime_name", w.rn)
	e.diag(d)
	e.log(line(prefixStartup, "startup_skipped", "runtime_name", w.rn, "request_key", w.key,
		"cluster_role", e.auth.Role, "promotion_epoch", uitoa(e.auth.Epoch), "reason", reason))
}

func (e *Engine) startupRejected(w *startupWork, reason string, r *Record) {
	w.state = stDone
	d := &Diagnostic{Transition: "startup_rejected", RequestKey: sp(w.key), Reason: sp(reason)}
	if r != nil {
		d.AttemptID, d.OwnerNode, d.ReplicaNode = sp(r.AttemptID), sp(r.OwnerNode), sp(r.ReplicaNode)
	}
	d.meta("runtime_name", w.rn)
	e.diag(d)
	if r == nil {
		e.log(line(prefixStartup, "startup_rejected", "runtime_name", w.rn, "reason", reason))
		return
	}
	e.log(line(prefixStartup, "startup_rejected", "runtime_name", w.rn, "request_key", w.key,
		"attempt_id", r.AttemptID, "owner", r.OwnerNode, "replica", r.ReplicaNode, "reason", reason))
}

// proceed: after the convergence wait, submit the startup record (§4.5 steps 4–6).
func (e *Engine) proceed(w *startupWork) {
	if w.state != stConverging {
		return
	}
	if !e.cfg.Standalone && e.auth.Role == RoleStandby {
		e.skipped(w) // CONTRACT 30: standby after the convergence wait
		return
	}
	if w.n <= 0 {
		e.startupRejected(w, "invalid_replication_count", nil)
		return
	}
	required := min(w.n-1, len(e.alive)) // CONTRACT 30
	m := e.membershipList()
	d := &Diagnostic{Transition: "startup_trigger", RequestKey: sp(w.key)}
	d.meta("runtime_name", w.rn, "required_replicas", itoa(required), "membership", m, "polls", itoa(w.polls))
	e.diag(d)
	e.log(line(prefixStartup, "startup_trigger", "runtime_name", w.rn, "request_key", w.key,
		"required_replicas", itoa(required), "membership", m))
	hash := StartupHashPrefix + w.rn
	if r := e.recs[w.key]; r != nil {
		if r.PayloadHash != hash {
			e.logConflict(r)
			e.startupRejected(w, "request_key_conflict", r)
			return
		}
		e.logDuplicate(r)
		w.state, w.attempt = stWatching, r.AttemptID
		return
	}
	r := e.newRecord(w.rn, w.key, hash, w.n, required)
	e.logSubmit(r, required)
	w.state, w.attempt = stWatching, r.AttemptID
	e.startPrepare(r, required > 0, true)
}

// watchStartup reports the final state of watched startup records (§4.5 step 9) and emits
// StartupSettled once all registrations are done.
func (e *Engine) watchStartup() {
	for _, w := range e.works {
		if w.state != stWatching {
			continue
		}
		r := e.recs[w.key]
		if r == nil {
			continue
		}
		if r.AttemptID != w.attempt && r.Phase != PhaseCompleted {
			ours := r.IngressNode == e.self && r.IngressIncarnation == e.inc
			if !ours && !w.fenced {
				w.fenced = true
				d := &Diagnostic{Transition: "startup_fenced", RequestKey: sp(w.key), AttemptID: sp(w.attempt),
					OwnerNode: sp(r.OwnerNode), ReplicaNode: sp(r.ReplicaNode), Reason: sp("startup_attempt_fenced")}
				if r.ExecutionNode != "" {
					d.ExecutionNode = sp(r.ExecutionNode)
				}
				d.meta("runtime_name", w.rn, "active_attempt_id", r.AttemptID)
				e.diag(d)
				e.log(line(prefixStartup, "startup_fenced", "runtime_name", w.rn, "request_key", w.key,
					"previous_attempt_id", w.attempt, "active_attempt_id", r.AttemptID))
			}
			w.attempt = r.AttemptID
		}
		switch r.Phase {
		case PhaseCompleted:
			w.state = stDone
			d := &Diagnostic{Transition: "startup_completed", RequestKey: sp(w.key), AttemptID: sp(r.AttemptID),
				OwnerNode: sp(r.OwnerNode), ReplicaNode: sp(r.ReplicaNode), ExecutionNode: sp(r.ExecutionNode)}
			d.meta("runtime_name", w.rn)
			e.diag(d)
			e.log(line(prefixStartup, "startup_completed", "runtime_name", w.rn, "request_key", w.key,
				"attempt_id", r.AttemptID, "execution_node", r.ExecutionNode))
		case PhaseRejected:
			e.startupRejected(w, r.Error, r)
		}
	}
	if e.triggered && !e.settledOut {
		for _, w := range e.works {
			if w.state != stDone {
				return
			}
		}
		e.settledOut = true
		e.vis = append(e.vis, StartupSettled{})
	}
}

func sortStrings(s []string) {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
}
