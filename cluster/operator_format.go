package cluster

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// Human and JSON rendering of operator replies (cluster-reference §6.5, §6.6).

// WriteJSON pretty-prints v with 2-space indentation and a newline.
func WriteJSON(w io.Writer, v any) error {
	b, err := json.MarshalIndent(v, "", "  ")
	if err != nil {
		return err
	}
	_, err = w.Write(append(b, '\n'))
	return err
}

// FormatStatus writes the human status view.
func FormatStatus(w io.Writer, s StatusReply) {
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
	io.WriteString(w, b.String())
}

// FormatContinuityList writes the human continuity list.
func FormatContinuityList(w io.Writer, l ContinuityListReply) {
	var b strings.Builder
	fmt.Fprintf(&b, "target: %s\ntotal_records: %d\ntruncated: %t\n", l.Target, l.TotalRecords, l.Truncated)
	if len(l.Records) == 0 {
		b.WriteString("records: (none)\n")
	} else {
		b.WriteString("records:\n")
	}
	for _, r := range l.Records {
		fmt.Fprintf(&b, "- request_key=%s attempt_id=%s phase=%s result=%s owner=%s replica=%s replication_count=%d execution=%s declared_handler_runtime_name=%s replica_status=%s cluster_role=%s promotion_epoch=%d replication_health=%s error=%s\n",
			r.RequestKey, r.AttemptID, r.Phase, r.Result, r.OwnerNode, r.ReplicaNode, r.ReplicationCount, r.ExecutionNode,
			r.DeclaredHandlerRuntimeName, r.ReplicaStatus, r.ClusterRole, r.PromotionEpoch, r.ReplicationHealth, r.Error)
	}
	io.WriteString(w, b.String())
}

// FormatRecord writes one record (no target line, no payload hash).
func FormatRecord(w io.Writer, r RecordView) {
	fmt.Fprintf(w, "request_key: %s\nattempt_id: %s\nphase: %s\nresult: %s\ningress_node: %s\nowner_node: %s\nreplica_node: %s\nreplication_count: %d\nexecution_node: %s\ndeclared_handler_runtime_name: %s\nreplica_status: %s\ncluster_role: %s\npromotion_epoch: %d\nreplication_health: %s\nrouted_remotely: %t\nfell_back_locally: %t\nerror: %s\n",
		r.RequestKey, r.AttemptID, r.Phase, r.Result, r.IngressNode, r.OwnerNode, r.ReplicaNode, r.ReplicationCount,
		r.ExecutionNode, r.DeclaredHandlerRuntimeName, r.ReplicaStatus, r.ClusterRole, r.PromotionEpoch,
		r.ReplicationHealth, r.RoutedRemotely, r.FellBackLocally, r.Error)
}

// FormatDiagnostics writes the human diagnostics view.
func FormatDiagnostics(w io.Writer, d DiagnosticsReply) {
	var b strings.Builder
	fmt.Fprintf(&b, "target: %s\ntotal_entries: %d\ndropped_entries: %d\nbuffer_capacity: %d\ntruncated: %t\n",
		d.Target, d.TotalEntries, d.DroppedEntries, d.BufferCapacity, d.Truncated)
	if len(d.Entries) == 0 {
		b.WriteString("entries: (none)\n")
	} else {
		b.WriteString("entries:\n")
	}
	s := func(p *string) string {
		if p == nil {
			return ""
		}
		return *p
	}
	for _, e := range d.Entries {
		epoch := ""
		if e.PromotionEpoch != nil {
			epoch = fmt.Sprint(*e.PromotionEpoch)
		}
		fmt.Fprintf(&b, "- seq=%d transition=%s request_key=%s attempt_id=%s owner=%s replica=%s execution=%s cluster_role=%s promotion_epoch=%s replication_health=%s replica_status=%s reason=%s\n",
			e.Sequence, e.Transition, s(e.RequestKey), s(e.AttemptID), s(e.OwnerNode), s(e.ReplicaNode), s(e.ExecutionNode),
			s(e.ClusterRole), epoch, s(e.ReplicationHealth), s(e.ReplicaStatus), s(e.Reason))
		for _, m := range e.Metadata {
			fmt.Fprintf(&b, "    %s=%s\n", m.Key, m.Value)
		}
	}
	io.WriteString(w, b.String())
}
