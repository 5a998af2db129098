package cluster

import (
	"context"
	"fmt"
	"sync"
)

// standaloneNode is the pseudo node that owns standalone continuity
// (cluster-reference §4.5 step 5, CONTRACT 13).
const standaloneNode = "standalone@local"

// standalone is the in-memory continuity of a standalone program: nothing is
// journaled, so startup work runs on every run (CONTRACT 13).
type standalone struct {
	log   *logger
	role  string
	epoch uint64

	mu      sync.Mutex
	token   uint64
	records map[string]*standaloneRecord
}

type standaloneRecord struct {
	key, attempt, phase, result, replicaStatus, health, execution, err string
	count                                                              int
}

func (r *Runtime) standaloneEngine(cfg Config) *standalone {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.standalo == nil {
		r.standalo = &standalone{log: r.log, role: cfg.Role, epoch: cfg.Epoch, records: map[string]*standaloneRecord{}}
	}
	return r.standalo
}

// runStartup runs one startup work locally: no convergence wait, no peers,
// so required replicas relax to 0 (§4.3) and there is no pending window.
func (s *standalone) runStartup(ctx context.Context, w Work) {
	key := startupKey(w.Name)
	s.log.printf("[mesh-rt startup] transition=startup_trigger runtime_name=%s request_key=%s required_replicas=0 membership=%s", w.Name, key, standaloneNode)
	s.mu.Lock()
	if rec, ok := s.records[key]; ok {
		s.mu.Unlock()
		s.log.printf("[mesh-rt continuity] transition=duplicate request_key=%s attempt_id=%s phase=%s result=%s owner=%s replica= cluster_role=%s promotion_epoch=%d replication_health=%s",
			key, rec.attempt, rec.phase, rec.result, standaloneNode, s.role, s.epoch, rec.health)
		return
	}
	rec := &standaloneRecord{key: key, attempt: fmt.Sprintf("attempt-%d", s.token), phase: "submitted", result: "pending",
		replicaStatus: "unassigned", health: "local_only", count: w.Replicas}
	s.token++
	s.records[key] = rec
	s.mu.Unlock()
	s.log.printf("[mesh-rt continuity] transition=submit request_key=%s attempt_id=%s ingress=%s owner=%s replica= replication_count=%d required_replicas=0 cluster_role=%s promotion_epoch=%d replication_health=%s replica_status=%s phase=submitted",
		key, rec.attempt, standaloneNode, standaloneNode, rec.count, s.role, s.epoch, rec.health, rec.replicaStatus)
	_, err := runWork(ctx, w)
	s.mu.Lock()
	if err != nil {
		// CONTRACT 16: failed work is closed rejected.
		rec.phase, rec.result, rec.replicaStatus, rec.health = "rejected", "rejected", "rejected", "unavailable"
		rec.err = "declared_work_failed:" + err.Error()
	} else {
		rec.phase, rec.result, rec.execution = "completed", "succeeded", standaloneNode
	}
	s.mu.Unlock()
	if err != nil {
		s.log.printf("[mesh-rt continuity] transition=rejected request_key=%s attempt_id=%s owner=%s replica= cluster_role=%s promotion_epoch=%d replication_health=%s replica_status=%s reason=%s",
			key, rec.attempt, standaloneNode, s.role, s.epoch, rec.health, rec.replicaStatus, rec.err)
		s.log.printf("[mesh-rt startup] transition=startup_rejected runtime_name=%s request_key=%s attempt_id=%s owner=%s replica= reason=%s",
			w.Name, key, rec.attempt, standaloneNode, rec.err)
		return
	}
	s.log.printf("[mesh-rt continuity] transition=completed request_key=%s attempt_id=%s execution=%s owner=%s replica= cluster_role=%s promotion_epoch=%d replication_health=%s replica_status=%s",
		key, rec.attempt, standaloneNode, standaloneNode, s.role, s.epoch, rec.health, rec.replicaStatus)
	s.log.printf("[mesh-rt startup] transition=startup_completed runtime_name=%s request_key=%s attempt_id=%s execution_node=%s",
		w.Name, key, rec.attempt, standaloneNode)
}

// runWork runs a work body, turning a Go panic into an error so one bad
// work never takes the node down.
func runWork(ctx context.Context, w Work) (res string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	if w.Run == nil {
		return "", fmt.Errorf("declared_handler_not_registered:%s", w.Name)
	}
	return w.Run(ctx)
}
