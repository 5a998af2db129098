// Package store owns the durable continuity journal of a clustered Mesh node: one bbolt file,
// <dir>/journal.db, holding what the continuity engine must find again after a crash or a
// kill -9 (CONTRACT 13, 33, 34), plus the node's operator key file (<dir>/operator.key,
// CONTRACT 37).
//
// The journal is deliberately ignorant of Mesh: records, members and diagnostics are opaque
// byte strings encoded by the engine (cluster/continuity). store imports nothing of ours, and
// the engine does not import store; the node runtime glues the two together.
//
// # Bucket layout
//
//	meta         "format"         uint64 (big endian) format version, checked on Open
//	             "node"           node name the journal belongs to, checked on Open
//	             "role"           authority role ("primary" | "standby"), absent until set
//	             "epoch"          authority promotion epoch, uint64
//	             "watermark"      attempt watermark, uint64
//	             "diag_dropped"   diagnostics trimmed beyond capacity so far, uint64
//	             "diag_last_seq"  highest diagnostic sequence ever appended, uint64
//	records      request key 0x00 attempt id → opaque record bytes (DeleteRecordKey drops all of a key)
//	members      member name → opaque bytes (address, incarnation, … as the caller encodes)
//	diagnostics  sequence (uint64 big endian, so cursor order is sequence order) → opaque bytes
//	graves       sequence (uint64 big endian) → request key deleted by DeleteRecordKey (the
//	             last GraveCapacity of them; meta "grave_seq" holds the last sequence)
//
// # Group commit
//
// Every write goes through a single writer goroutine. Callers hand it a batch of Mutations,
// either waiting for durability (Commit, Submit with a callback) or not (Enqueue). The writer
// takes everything queued at that moment, applies it in submission order inside ONE bbolt
// read-write transaction, and commits it (bbolt fsyncs before Commit returns). Only then are
// the waiters of that batch told. While one transaction is being synced, new submissions
// pile up and form the next batch, so many concurrent writers share one fsync: throughput
// grows with concurrency instead of each writer paying for its own sync. bbolt's db.Batch is
// not used: it waits up to 10 ms to form a batch, which a lone writer would pay on every call.
//
// A mutation that was acknowledged (Commit returned nil, or the Submit callback got nil) is on
// disk and survives kill -9 and power loss. Fire-and-forget mutations ride the next commit; a
// later acknowledged Commit covers every mutation submitted before it.
package store
