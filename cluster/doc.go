// Package cluster owns a Mesh node's clustered runtime: bootstrap from the
// environment (Node.start_from_env), serf membership over a one-port custom
// transport, cookie-authenticated Mesh streams, discovery, the operator RPC
// server and client behind `meshc cluster`, HTTP.clustered routing, and the
// Runtime that adapts the pure continuity engine (cluster/continuity) to the
// network and the bbolt journal (store).
//
// One node, one port (CONTRACT 10, 22): the node name's host:port carries
//
//	UDP  memberlist packets; a packet for the other address family leaves
//	     from an unbound socket of that family (127.0.0.1:P ⇄ [::1]:P)
//	TCP  first byte 0x01 → memberlist stream (push/pull, TCP pings)
//	     first byte 0x02 → Mesh stream: TLS 1.3 (ephemeral P-256, unverified),
//	     hello{kind peer|operator|route, name, inc, nonce} → server nonce+proof
//	     → client proof → verdict; proof = HMAC-SHA256(K, side‖exporter‖nonces),
//	     K = HKDF-SHA256(cookie, mesh-peer-v1 | mesh-operator-v1) (CONTRACT 11, 24)
//
// Gossip is encrypted with HKDF-SHA256(cookie, mesh-gossip-v1). serf's
// members with status alive are the cluster (CONTRACT 19); tags are exactly
// role, epoch, inc (CONTRACT 20).
//
// Data flow inside a node (core.go): serf events → MembersChanged; frames
// of inbound peer streams → Received; journal fsyncs → CommitDone; finished
// work → WorkFinished; timers → TimerFired. One goroutine steps the engine
// with them and carries out its actions: Send on the outbound stream to a
// member (one per alive member, CONTRACT 25), Commit through the group-
// committing journal, Dispatch of the @cluster work, Log to stderr, SetTags
// on serf. Operator queries read the engine's committed image.
package cluster
