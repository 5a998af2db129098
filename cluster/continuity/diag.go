package continuity

import (
	"encoding/json"
	"strings"
)

// MetaKV is one diagnostics metadata pair; metadata keeps insertion order (§6.5).
type MetaKV struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Diagnostic is one entry of the diagnostics ring. Its JSON encoding is exactly the entry
// shape of `meshc cluster diagnostics --json` (§6.5: alphabetical keys, absent values null),
// and it is also what the journal stores.
type Diagnostic struct {
	AttemptID         *string  `json:"attempt_id"`
	ClusterRole       *string  `json:"cluster_role"`
	ExecutionNode     *string  `json:"execution_node"`
	Metadata          []MetaKV `json:"metadata"`
	OwnerNode         *string  `json:"owner_node"`
	PromotionEpoch    *uint64  `json:"promotion_epoch"`
	Reason            *string  `json:"reason"`
	ReplicaNode       *string  `json:"replica_node"`
	ReplicaStatus     *string  `json:"replica_status"`
	ReplicationHealth *string  `json:"replication_health"`
	RequestKey        *string  `json:"request_key"`
	Sequence          uint64   `json:"sequence"`
	Transition        string   `json:"transition"`
}

// Encode / DecodeDiagnostic: the journal encoding of one entry.
func (d *Diagnostic) Encode() []byte {
	b, _ := json.Marshal(d)
	return b
}

// DecodeDiagnostic reverses Diagnostic.Encode.
func DecodeDiagnostic(b []byte) (Diagnostic, error) {
	var d Diagnostic
	err := json.Unmarshal(b, &d)
	if d.Metadata == nil {
		d.Metadata = []MetaKV{}
	}
	return d, err
}

func sp(s string) *string { return &s }
func up(n uint64) *uint64 { return &n }

func (d *Diagnostic) meta(kv ...string) *Diagnostic {
	for i := 0; i+1 < len(kv); i += 2 {
		d.Metadata = append(d.Metadata, MetaKV{kv[i], kv[i+1]})
	}
	return d
}

// recordDiag fills the common record-derived fields of §6.7.
func recordDiag(transition string, r *Record, a Authority) *Diagnostic {
	d := &Diagnostic{Transition: transition, Metadata: []MetaKV{}}
	d.RequestKey = sp(r.RequestKey)
	d.AttemptID = sp(r.AttemptID)
	d.OwnerNode = sp(r.OwnerNode)
	d.ReplicaNode = sp(r.ReplicaNode)
	if r.ExecutionNode != "" {
		d.ExecutionNode = sp(r.ExecutionNode)
	}
	d.ClusterRole = sp(a.Role)
	d.PromotionEpoch = up(a.Epoch)
	d.ReplicationHealth = sp(r.ReplicationHealth)
	d.ReplicaStatus = sp(r.ReplicaStatus)
	if r.Error != "" {
		d.Reason = sp(r.Error)
	}
	d.meta("phase", r.Phase, "result", r.Result, "replication_count", uitoa(r.ReplicationCount))
	if r.RuntimeName != "" {
		d.meta("declared_handler_runtime_name", r.RuntimeName)
	}
	if len(r.Replicas) > 0 {
		// CONTRACT 36: replica_node shows the first replica, metadata all of them.
		d.meta("replicas", strings.Join(r.Replicas, ","))
	}
	return d
}

// line builds a `prefix transition=t k=v ...` log line.
func line(prefix, transition string, kv ...string) string {
	var b strings.Builder
	b.WriteString(prefix)
	b.WriteString(" transition=")
	b.WriteString(transition)
	for i := 0; i+1 < len(kv); i += 2 {
		b.WriteByte(' ')
		b.WriteString(kv[i])
		b.WriteByte('=')
		b.WriteString(kv[i+1])
	}
	return b.String()
}

const (
	prefixContinuity = "[mesh-rt continuity]"
	prefixStartup    = "[mesh-rt startup]"
	prefixPlain      = "mesh continuity:"
)
