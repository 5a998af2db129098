package continuity

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
)

// Operator snapshots (cluster-reference §6.5–6.6). Struct fields are in alphabetical JSON
// key order, so encoding/json prints exactly upstream's sorted shape. They read the
// committed image only (CONTRACT 34).

// StatusSnapshot is `meshc cluster status --json`.
type StatusSnapshot struct {
	Authority  StatusAuthority  `json:"authority"`
	Membership StatusMembership `json:"membership"`
	Target     string           `json:"target"`
}

// StatusAuthority is the authority object of a status reply.
type StatusAuthority struct {
	ClusterRole       string `json:"cluster_role"`
	PromotionEpoch    uint64 `json:"promotion_epoch"`
	ReplicationHealth string `json:"replication_health"`
}

// StatusMembership is the membership object of a status reply.
type StatusMembership struct {
	LocalNode string   `json:"local_node"`
	Nodes     []string `json:"nodes"`
	PeerNodes []string `json:"peer_nodes"`
}

// RecordJSON is the operator view of a record: the 18 fields of §4.7.
type RecordJSON struct {
	AttemptID                  string `json:"attempt_id"`
	ClusterRole                string `json:"cluster_role"`
	DeclaredHandlerRuntimeName string `json:"declared_handler_runtime_name"`
	Error                      string `json:"error"`
	ExecutionNode              string `json:"execution_node"`
	FellBackLocally            bool   `json:"fell_back_locally"`
	IngressNode                string `json:"ingress_node"`
	OwnerNode                  string `json:"owner_node"`
	PayloadHash                string `json:"payload_hash"`
	Phase                      string `json:"phase"`
	PromotionEpoch             uint64 `json:"promotion_epoch"`
	ReplicaNode                string `json:"replica_node"`
	ReplicaStatus              string `json:"replica_status"`
	ReplicationCount           uint64 `json:"replication_count"`
	ReplicationHealth          string `json:"replication_health"`
	RequestKey                 string `json:"request_key"`
	Result                     string `json:"result"`
	RoutedRemotely             bool   `json:"routed_remotely"`
}

// ContinuityListSnapshot is `meshc cluster continuity <target> --json`.
type ContinuityListSnapshot struct {
	Records      []RecordJSON `json:"records"`
	Target       string       `json:"target"`
	TotalRecords int          `json:"total_records"`
	Truncated    bool         `json:"truncated"`
}

// ContinuityRecordSnapshot is `meshc cluster continuity <target> <key> --json`.
type ContinuityRecordSnapshot struct {
	Record RecordJSON `json:"record"`
	Target string     `json:"target"`
}

// DiagnosticsSnapshot is `meshc cluster diagnostics --json`.
type DiagnosticsSnapshot struct {
	BufferCapacity int          `json:"buffer_capacity"`
	DroppedEntries uint64       `json:"dropped_entries"`
	Entries        []Diagnostic `json:"entries"`
	Target         string       `json:"target"`
	TotalEntries   int          `json:"total_entries"`
	Truncated      bool         `json:"truncated"`
}

// Lookup errors (§6.4: `rejected: request_key_not_found`, `invalid: request_key_missing`).
var (
	ErrRequestKeyMissing  = errors.New("request_key_missing")
	ErrRequestKeyNotFound = errors.New("request_key_not_found")
)

func (e *Engine) viewAuthority() Authority {
	if e.view.Authority != nil {
		return *e.view.Authority
	}
	return e.auth
}

// Status returns the status reply for target (the name the operator typed).
func (e *Engine) Status(target string) StatusSnapshot {
	a := e.viewAuthority()
	peers := e.peers()
	nodes := append([]string{e.self}, peers...)
	sort.Strings(nodes)
	recs := map[string]*Record{}
	for k, r := range e.view.Records {
		recs[k] = &r
	}
	return StatusSnapshot{
		Authority:  StatusAuthority{ClusterRole: a.Role, PromotionEpoch: a.Epoch, ReplicationHealth: e.statusHealth(recs)},
		Membership: StatusMembership{LocalNode: e.self, Nodes: nodes, PeerNodes: append([]string{}, peers...)},
		Target:     target,
	}
}

// statusHealth is CONTRACT 39's replication_health: local_only with no alive peer; else
// unavailable if a pending record is owner_lost; else degraded if a pending record is
// degraded or a stream to an alive member is down; else healthy.
func (e *Engine) statusHealth(recs map[string]*Record) string {
	if len(e.alive) == 0 {
		return HealthLocalOnly
	}
	degraded := false
	for _, r := range recs {
		if !r.Pending() {
			continue
		}
		if r.ReplicaStatus == StatusOwnerLost {
			return HealthUnavailable
		}
		if r.ReplicaStatus == StatusDegradedContinuing || r.ReplicationHealth == HealthDegraded {
			degraded = true
		}
	}
	for n := range e.alive {
		if !e.streams[n] {
			degraded = true
		}
	}
	if degraded {
		return HealthDegraded
	}
	return HealthHealthy
}

func (e *Engine) recordJSON(r Record) RecordJSON {
	a := e.viewAuthority()
	return RecordJSON{
		AttemptID: r.AttemptID, ClusterRole: a.Role, DeclaredHandlerRuntimeName: r.RuntimeName,
		Error: r.Error, ExecutionNode: r.ExecutionNode, FellBackLocally: r.OwnerNode == r.IngressNode,
		IngressNode: r.IngressNode, OwnerNode: r.OwnerNode, PayloadHash: r.PayloadHash, Phase: r.Phase,
		PromotionEpoch: a.Epoch, ReplicaNode: r.ReplicaNode, ReplicaStatus: r.ReplicaStatus,
		ReplicationCount: r.ReplicationCount, ReplicationHealth: r.ReplicationHealth,
		RequestKey: r.RequestKey, Result: r.Result, RoutedRemotely: r.OwnerNode != r.IngressNode,
	}
}

// ContinuityList returns the list reply; limit > 0 keeps the limit most recently changed
// records, listed in (request_key, attempt_id) order (CONTRACT 39).
func (e *Engine) ContinuityList(target string, limit int) ContinuityListSnapshot {
	all := make([]Record, 0, len(e.view.Records))
	for _, r := range e.view.Records {
		all = append(all, r)
	}
	total := len(all)
	truncated := false
	if limit > 0 && limit < total {
		sort.Slice(all, func(i, j int) bool {
			if all[i].Changed != all[j].Changed {
				return all[i].Changed > all[j].Changed
			}
			return all[i].RequestKey < all[j].RequestKey
		})
		all = all[:limit]
		truncated = true
	}
	sort.Slice(all, func(i, j int) bool {
		if all[i].RequestKey != all[j].RequestKey {
			return all[i].RequestKey < all[j].RequestKey
		}
		return all[i].AttemptID < all[j].AttemptID
	})
	out := ContinuityListSnapshot{Records: []RecordJSON{}, Target: target, TotalRecords: total, Truncated: truncated}
	for _, r := range all {
		out.Records = append(out.Records, e.recordJSON(r))
	}
	return out
}

// Lookup returns one record, or ErrRequestKeyMissing / ErrRequestKeyNotFound.
func (e *Engine) Lookup(target, key string) (ContinuityRecordSnapshot, error) {
	if key == "" {
		return ContinuityRecordSnapshot{}, ErrRequestKeyMissing
	}
	r, ok := e.view.Records[key]
	if !ok {
		return ContinuityRecordSnapshot{}, ErrRequestKeyNotFound
	}
	return ContinuityRecordSnapshot{Record: e.recordJSON(r), Target: target}, nil
}

// Diagnostics returns the diagnostics reply; limit > 0 keeps the most recent limit entries.
func (e *Engine) Diagnostics(target string, limit int) DiagnosticsSnapshot {
	entries := append([]Diagnostic{}, e.view.Diagnostics...)
	total := len(entries)
	cut := false
	if limit > 0 && limit < total {
		entries = entries[total-limit:]
		cut = true
	}
	for i := range entries {
		if entries[i].Metadata == nil {
			entries[i].Metadata = []MetaKV{}
		}
	}
	return DiagnosticsSnapshot{
		BufferCapacity: DiagnosticsCapacity, DroppedEntries: e.view.DroppedEntries, Entries: entries,
		Target: target, TotalEntries: total, Truncated: cut || e.view.DroppedEntries > 0,
	}
}

// MarshalSnapshot prints a snapshot as `--json` does: 2-space indentation, no HTML
// escaping, trailing newline.
func MarshalSnapshot(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// FormatHumanStatus is the human status layout of §6.6.
func FormatHumanStatus(s StatusSnapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "target: %s\nlocal_node: %s\npeer_nodes:\n", s.Target, s.Membership.LocalNode)
	if len(s.Membership.PeerNodes) == 0 {
		b.WriteString("  - (none)\n")
	}
	for _, p := range s.Membership.PeerNodes {
		fmt.Fprintf(&b, "  - %s\n", p)
	}
	b.WriteString("nodes:\n")
	for _, n := range s.Membership.Nodes {
		fmt.Fprintf(&b, "  - %s\n", n)
	}
	fmt.Fprintf(&b, "cluster_role: %s\npromotion_epoch: %d\nreplication_health: %s\n",
		s.Authority.ClusterRole, s.Authority.PromotionEpoch, s.Authority.ReplicationHealth)
	return b.String()
}

// FormatHumanList is the human continuity list layout of §6.6.
func FormatHumanList(s ContinuityListSnapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "target: %s\ntotal_records: %d\ntruncated: %t\n", s.Target, s.TotalRecords, s.Truncated)
	if len(s.Records) == 0 {
		b.WriteString("records: (none)\n")
		return b.String()
	}
	b.WriteString("records:\n")
	for _, r := range s.Records {
		fmt.Fprintf(&b, "- request_key=%s attempt_id=%s phase=%s result=%s owner=%s replica=%s replication_count=%d execution=%s declared_handler_runtime_name=%s replica_status=%s cluster_role=%s promotion_epoch=%d replication_health=%s error=%s\n",
			r.RequestKey, r.AttemptID, r.Phase, r.Result, r.OwnerNode, r.ReplicaNode, r.ReplicationCount,
			r.ExecutionNode, r.DeclaredHandlerRuntimeName, r.ReplicaStatus, r.ClusterRole, r.PromotionEpoch,
			r.ReplicationHealth, r.Error)
	}
	return b.String()
}

// FormatHumanRecord is the human single-record layout of §6.6 (no target, no payload_hash).
func FormatHumanRecord(s ContinuityRecordSnapshot) string {
	r := s.Record
	return fmt.Sprintf("request_key: %s\nattempt_id: %s\nphase: %s\nresult: %s\ningress_node: %s\nowner_node: %s\nreplica_node: %s\nreplication_count: %d\nexecution_node: %s\ndeclared_handler_runtime_name: %s\nreplica_status: %s\ncluster_role: %s\npromotion_epoch: %d\nreplication_health: %s\nrouted_remotely: %t\nfell_back_locally: %t\nerror: %s\n",
		r.RequestKey, r.AttemptID, r.Phase, r.Result, r.IngressNode, r.OwnerNode, r.ReplicaNode,
		r.ReplicationCount, r.ExecutionNode, r.DeclaredHandlerRuntimeName, r.ReplicaStatus, r.ClusterRole,
		r.PromotionEpoch, r.ReplicationHealth, r.RoutedRemotely, r.FellBackLocally, r.Error)
}

// FormatHumanDiagnostics is the human diagnostics layout of §6.6.
func FormatHumanDiagnostics(s DiagnosticsSnapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "target: %s\ntotal_entries: %d\ndropped_entries: %d\nbuffer_capacity: %d\ntruncated: %t\n",
		s.Target, s.TotalEntries, s.DroppedEntries, s.BufferCapacity, s.Truncated)
	if len(s.Entries) == 0 {
		b.WriteString("entries: (none)\n")
		return b.String()
	}
	b.WriteString("entries:\n")
	str := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, d := range s.Entries {
		epoch := ""
		if d.PromotionEpoch != nil {
			epoch = uitoa(*d.PromotionEpoch)
		}
		fmt.Fprintf(&b, "- seq=%d transition=%s request_key=%s attempt_id=%s owner=%s replica=%s execution=%s cluster_role=%s promotion_epoch=%s replication_health=%s replica_status=%s reason=%s\n",
			d.Sequence, d.Transition, str(d.RequestKey), str(d.AttemptID), str(d.OwnerNode), str(d.ReplicaNode),
			str(d.ExecutionNode), str(d.ClusterRole), epoch, str(d.ReplicationHealth), str(d.ReplicaStatus), str(d.Reason))
		for _, m := range d.Metadata {
			fmt.Fprintf(&b, "    %s=%s\n", m.Key, m.Value)
		}
	}
	return b.String()
}

// Records returns the committed records, projected (cluster_role/promotion_epoch of this
// node's committed authority), in (request_key, attempt_id) order.
func (e *Engine) Records() []Record {
	a := e.viewAuthority()
	out := make([]Record, 0, len(e.view.Records))
	for _, k := range sortedKeys(e.view.Records) {
		r := e.view.Records[k]
		c := r.clone()
		c.ClusterRole, c.PromotionEpoch = a.Role, a.Epoch
		out = append(out, *c)
	}
	return out
}

// StatusHealth returns the committed authority and CONTRACT 39's replication_health.
func (e *Engine) StatusHealth() (Authority, string) {
	s := e.Status("")
	return e.viewAuthority(), s.Authority.ReplicationHealth
}

// DiagnosticEntries returns the committed ring, oldest first, and the dropped count.
func (e *Engine) DiagnosticEntries() ([]Diagnostic, uint64) {
	return append([]Diagnostic{}, e.view.Diagnostics...), e.view.DroppedEntries
}
