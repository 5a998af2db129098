package continuity

import (
	"encoding/json"
	"strconv"
	"strings"
)

// Record phases, results, replica statuses and health values (cluster-reference §4.7).
const (
	PhaseSubmitted = "submitted"
	PhaseCompleted = "completed"
	PhaseRejected  = "rejected"

	ResultPending   = "pending"
	ResultSucceeded = "succeeded"
	ResultRejected  = "rejected"

	StatusUnassigned         = "unassigned"
	StatusPreparing          = "preparing"
	StatusMirrored           = "mirrored"
	StatusOwnerLost          = "owner_lost"
	StatusDegradedContinuing = "degraded_continuing"
	StatusRejected           = "rejected"

	HealthLocalOnly   = "local_only"
	HealthHealthy     = "healthy"
	HealthDegraded    = "degraded"
	HealthUnavailable = "unavailable"
)

// Key prefixes (cluster-reference §4.6, CONTRACT 17).
const (
	StartupKeyPrefix  = "startup::"
	StartupHashPrefix = "startup-payload::"
	RouteKeyPrefix    = "http-route::"
)

// Record is one continuity record: one per request key on every node. The JSON tags are the
// journal/wire encoding (all fields, internal ones included); the operator view is RecordJSON.
//
// Replicated fields are merged by Merge; ClusterRole, PromotionEpoch and ReplicationHealth
// are this node's projection, and Changed its local change order (for --limit, CONTRACT 39).
type Record struct {
	RequestKey       string   `json:"request_key"`
	PayloadHash      string   `json:"payload_hash"`
	AttemptID        string   `json:"attempt_id"`
	Phase            string   `json:"phase"`
	Result           string   `json:"result"`
	IngressNode      string   `json:"ingress_node"`
	OwnerNode        string   `json:"owner_node"`
	ReplicaNode      string   `json:"replica_node"`
	Replicas         []string `json:"replicas,omitempty"`
	ReplicationCount uint64   `json:"replication_count"`
	ReplicaStatus    string   `json:"replica_status"`
	ExecutionNode    string   `json:"execution_node"`
	RuntimeName      string   `json:"declared_handler_runtime_name"`
	Error            string   `json:"error"`

	// Internal (CONTRACT 29): journaled and replicated, never shown.
	OwnerIncarnation   string `json:"owner_incarnation"`
	IngressIncarnation string `json:"ingress_incarnation"`
	// Released: the ingress finished prepares (and the startup window); the owner may run it.
	Released   bool `json:"released,omitempty"`
	Dispatched bool `json:"dispatched,omitempty"`
	// Closed: the Lamport stamp set by the node that closed the record (retention order,
	// retention.go); 0 while pending and in journals written before retention.
	Closed uint64 `json:"closed,omitempty"`

	// Local projection.
	ClusterRole       string `json:"cluster_role"`
	PromotionEpoch    uint64 `json:"promotion_epoch"`
	ReplicationHealth string `json:"replication_health"`
	Changed           uint64 `json:"changed,omitempty"`
}

// Encode is the journal encoding of a record.
func (r *Record) Encode() []byte {
	b, _ := json.Marshal(r)
	return b
}

// DecodeRecord reverses Encode.
func DecodeRecord(b []byte) (Record, error) {
	var r Record
	err := json.Unmarshal(b, &r)
	return r, err
}

func (r *Record) clone() *Record {
	c := *r
	c.Replicas = append([]string(nil), r.Replicas...)
	return &c
}

// Pending: submitted and not closed.
func (r *Record) Pending() bool { return r.Phase == PhaseSubmitted }

// Terminal: completed or rejected.
func (r *Record) Terminal() bool { return r.Phase != PhaseSubmitted }

func (r *Record) isRoute() bool { return strings.HasPrefix(r.RequestKey, RouteKeyPrefix) }

func (r *Record) isStartup() bool { return strings.HasPrefix(r.RequestKey, StartupKeyPrefix) }

// AttemptToken parses `attempt-<u64>`.
func AttemptToken(id string) (uint64, bool) {
	s, ok := strings.CutPrefix(id, "attempt-")
	if !ok || s == "" {
		return 0, false
	}
	n, err := strconv.ParseUint(s, 10, 64)
	return n, err == nil
}

// AttemptID formats token n.
func AttemptID(n uint64) string { return "attempt-" + uitoa(n) }

// validate checks the ingest invariants of §4.7; "" = valid.
func (r *Record) validate() string {
	switch {
	case r.RequestKey == "":
		return "request_key_missing"
	case r.PayloadHash == "":
		return "payload_hash_missing"
	case r.AttemptID == "":
		return "attempt_id_missing"
	case r.OwnerNode == "":
		return "owner_node_missing"
	case r.ReplicationCount == 0:
		return "invalid_replication_count"
	case r.ReplicaNode != "" && r.ReplicaNode == r.OwnerNode:
		return "replica_matches_owner"
	}
	if _, ok := AttemptToken(r.AttemptID); !ok {
		return "attempt_id_mismatch"
	}
	return ""
}

var statusRank = map[string]int{
	StatusUnassigned: 0, StatusPreparing: 1, StatusMirrored: 2, StatusOwnerLost: 3,
	StatusDegradedContinuing: 4, StatusRejected: 5,
}

var phaseRank = map[string]int{PhaseSubmitted: 0, PhaseRejected: 1, PhaseCompleted: 2}

// sameVersion: two records describe the same execution (key, attempt, owner incarnation).
func sameVersion(a, b *Record) bool {
	return a.AttemptID == b.AttemptID && a.OwnerNode == b.OwnerNode &&
		a.OwnerIncarnation == b.OwnerIncarnation && a.IngressNode == b.IngressNode &&
		a.IngressIncarnation == b.IngressIncarnation
}

// Merge returns the join of two records of one key (same payload hash), leaving the
// projection fields of a. It is commutative, associative and idempotent on the replicated
// fields, so every node converges to the same record whatever order upserts arrive in
// (our version of §4.11):
//   - a completed record beats any other attempt (an acknowledged completion is never
//     superseded by a later rollover);
//   - otherwise the higher attempt wins (recovery rollover supersedes);
//   - two versions of one attempt join field-wise: phase by rank, replica status by rank,
//     released/dispatched by OR; an attempt id reused by two primaries in a split brain
//     (CONTRACT 31) is settled by a total order on the replicated content.
func Merge(a, b *Record) *Record {
	pick := func(w *Record) *Record {
		out := w.clone()
		out.ClusterRole, out.PromotionEpoch, out.ReplicationHealth, out.Changed =
			a.ClusterRole, a.PromotionEpoch, a.ReplicationHealth, a.Changed
		return out
	}
	ac, bc := a.Phase == PhaseCompleted, b.Phase == PhaseCompleted
	ta, _ := AttemptToken(a.AttemptID)
	tb, _ := AttemptToken(b.AttemptID)
	if ac != bc {
		if ac {
			return pick(a)
		}
		return pick(b)
	}
	if ta != tb {
		if ta > tb {
			return pick(a)
		}
		return pick(b)
	}
	if !sameVersion(a, b) {
		if versionKey(a) >= versionKey(b) {
			return pick(a)
		}
		return pick(b)
	}
	out := a.clone()
	// Phase (with result, execution node and terminal error).
	pa, pb := phaseRank[a.Phase], phaseRank[b.Phase]
	if pb > pa || (pb == pa && pa > 0 && terminalKey(b) > terminalKey(a)) {
		out.Phase, out.Result, out.ExecutionNode = b.Phase, b.Result, b.ExecutionNode
	}
	sa, sb := statusRank[a.ReplicaStatus], statusRank[b.ReplicaStatus]
	if sb > sa {
		out.ReplicaStatus = b.ReplicaStatus
	}
	out.Released = a.Released || b.Released
	out.Closed = max(a.Closed, b.Closed)
	out.Dispatched = a.Dispatched || b.Dispatched
	// Error: the terminal side's error if terminal, else the higher status side's.
	switch {
	case out.Phase != PhaseSubmitted:
		if pb > pa || (pb == pa && terminalKey(b) > terminalKey(a)) {
			out.Error = b.Error
		} else {
			out.Error = a.Error
		}
	case sb > sa:
		out.Error = b.Error
	case sb == sa && b.Error > a.Error:
		out.Error = b.Error
	}
	return out
}

func terminalKey(r *Record) string { return r.Phase + "\x00" + r.ExecutionNode + "\x00" + r.Error }

func versionKey(r *Record) string {
	return r.OwnerNode + "\x00" + r.OwnerIncarnation + "\x00" + r.IngressNode + "\x00" + r.IngressIncarnation
}

// replicatedEqual compares the replicated fields only.
func replicatedEqual(a, b *Record) bool {
	if a.RequestKey != b.RequestKey || a.PayloadHash != b.PayloadHash || a.AttemptID != b.AttemptID ||
		a.Phase != b.Phase || a.Result != b.Result || a.IngressNode != b.IngressNode ||
		a.OwnerNode != b.OwnerNode || a.ReplicaNode != b.ReplicaNode ||
		a.ReplicationCount != b.ReplicationCount || a.ReplicaStatus != b.ReplicaStatus ||
		a.ExecutionNode != b.ExecutionNode || a.RuntimeName != b.RuntimeName || a.Error != b.Error ||
		a.OwnerIncarnation != b.OwnerIncarnation || a.IngressIncarnation != b.IngressIncarnation ||
		a.Released != b.Released || a.Dispatched != b.Dispatched || a.Closed != b.Closed ||
		len(a.Replicas) != len(b.Replicas) {
		return false
	}
	for i := range a.Replicas {
		if a.Replicas[i] != b.Replicas[i] {
			return false
		}
	}
	return true
}

func uitoa(n uint64) string { return strconv.FormatUint(n, 10) }
