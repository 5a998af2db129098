// Package continuity owns the continuity engine of a clustered Mesh node: declared-work
// records, the node's authority (role, promotion epoch), placement, replication with
// prepare/ack, startup work, automatic promotion, orphan recovery and fencing.
//
// The engine is a pure, deterministic state machine: the adapter feeds it events (Step) and
// carries out the actions it returns. It starts no goroutines and touches no sockets, files,
// clocks or serf: time arrives as TimerFired events, membership as MembersChanged, the network
// as Received and the journal as CommitDone. That is what lets the simulator in sim_test.go
// drive N engines through thousands of seeded schedules of kills, partitions and delays.
//
// Commit before visible (CONTRACT 34): every action that makes state visible (Send,
// SetTags, Dispatch, Log, Submitted, StartupSettled) is emitted only after the CommitDone
// of the commit that holds the state it shows. Snapshots (Status, ContinuityList, Lookup,
// Diagnostics) read the committed image only.
//
// An Engine is not safe for concurrent use: the adapter serialises Step and the snapshot
// methods (one goroutine or one mutex).
//
// The life of a record (cluster-reference §4.9 as amended by CONTRACT 15–16, 29, 34, 36):
// the ingress creates it (commit, then prepares to the N−1 replicas after the owner in
// placement order), marks it mirrored when all acked within 5 s (a replica lost meanwhile
// fails a route or low-level submit `replica_required_unavailable`; startup work and
// rollovers go on with the replicas left, `degraded_continuing` if none), opens the startup pending
// window if it is startup work, then releases it; the owner (name AND incarnation) commits
// `dispatched` and emits Dispatch; WorkFinished completes it, or rejects it
// `declared_work_failed:<msg>`. A pending record whose owner incarnation is gone — or which
// was never released and whose ingress is gone — is rolled over to a new attempt by the
// primary. Records merge between nodes with Merge, a join, so every node converges.
//
// What the simulator (sim_test.go) checks after every step and every schedule: visible
// actions only after their commit, and the operator view equal to the journal; replicas hold
// a record before it runs; one dispatch per record version; one completion per (key, attempt)
// unless two primaries could not see each other (a partition, two env primaries: CONTRACT
// 31); two nodes that see each other are never primary at one epoch for more than 3 s; epochs
// and watermarks never go down in a journal; restoring every stored record version through
// Journal.AddRecord gives the journal back; and, once everything healed: exactly one primary,
// one epoch, all
// records closed and identical on every node, no durable record or completion lost (only a
// terminal route record that retention pruned or declined may be missing: retention.go), every
// startup work closed (completed, or rejected for a reason the spec gives).
package continuity

import (
	"time"
)

// Roles of an authority.
const (
	RolePrimary = "primary"
	RoleStandby = "standby"
)

// StandaloneNode is the pseudo node that owns everything in standalone mode (CONTRACT 13).
const StandaloneNode = "standalone@local"

// DiagnosticsCapacity is the size of the diagnostics ring (cluster-reference §6.7).
const DiagnosticsCapacity = 128

// Authority is a node's (cluster_role, promotion_epoch).
type Authority struct {
	Role  string `json:"role"`
	Epoch uint64 `json:"epoch"`
}

// Member is one alive serf member as the adapter sees it: its name and its tags
// role, epoch, inc (CONTRACT 19–20).
type Member struct {
	Name  string
	Role  string
	Epoch uint64
	Inc   string
}

// Config is the fixed identity and tuning of one engine.
type Config struct {
	// NodeName is the Mesh node name (`name@host:port`). Ignored when Standalone.
	NodeName string
	// Incarnation is this process start's random 12-hex-digit id (CONTRACT 20).
	Incarnation string
	// Standalone: in-memory engine owned by `standalone@local` that journals nothing;
	// commits complete at once and no Commit actions are emitted (CONTRACT 13).
	Standalone bool
	// Env is the validated MESH_CONTINUITY_ROLE / MESH_CONTINUITY_PROMOTION_EPOCH (CONTRACT 12).
	Env Authority
	// StartupDelay is MESH_STARTUP_WORK_DELAY_MS (default 2500 ms).
	StartupDelay time.Duration
	// PrepareTimeout bounds replica acks (default 5 s, CONTRACT 36).
	PrepareTimeout time.Duration
	// ConvergencePoll, ConvergencePolls, ConvergenceStable: the startup convergence wait
	// (defaults 50 ms, 40 polls, 3 identical observations; cluster-reference §4.5).
	ConvergencePoll   time.Duration
	ConvergencePolls  int
	ConvergenceStable int
	// RetainRoutes bounds the terminal `http-route::` records kept (default
	// DefaultRetainRoutes, MESH_CONTINUITY_RETAIN_ROUTES); see retention.go.
	RetainRoutes int
}

func (c *Config) defaults() {
	if c.Standalone {
		c.NodeName = StandaloneNode
	}
	if c.Env.Role == "" {
		c.Env.Role = RolePrimary
	}
	if c.StartupDelay <= 0 {
		c.StartupDelay = 2500 * time.Millisecond
	}
	if c.PrepareTimeout <= 0 {
		c.PrepareTimeout = 5 * time.Second
	}
	if c.ConvergencePoll <= 0 {
		c.ConvergencePoll = 50 * time.Millisecond
	}
	if c.ConvergencePolls <= 0 {
		c.ConvergencePolls = 40
	}
	if c.ConvergenceStable <= 0 {
		c.ConvergenceStable = 3
	}
	if c.RetainRoutes <= 0 {
		c.RetainRoutes = DefaultRetainRoutes
	}
}

// ---------------------------------------------------------------------------------------
// Events (adapter → engine)

// Event is something that happened to the node. Feed it to Engine.Step.
type Event interface{ isEvent() }

// Boot restores the journal (nil = fresh) and settles the authority: the higher epoch of
// journal and env wins, equal epochs keep the journal's role (CONTRACT 32). Must be the
// first event (any other event first boots a fresh journal). Emits the commit of the
// authority and SetTags (set them before serf.Create). Orphaned work is recovered only after
// the settle timer (ConvergencePoll × ConvergencePolls) so a restarted ex-primary learns a
// higher epoch from its peers' tags before it could roll their work over.
type Boot struct{ Journal *Journal }

// RegisterWork registers one @cluster function as startup work, before main runs
// (logs startup_registered). Replicas is the declared count N.
type RegisterWork struct {
	RuntimeName string
	Replicas    int
}

// TriggerStartup is sent once, after main returns (cluster-reference §4.5). BootstrapFailed:
// Node.start_from_env returned Err, so every registration is rejected `bootstrap_failed`
// and nothing runs (CONTRACT 35).
type TriggerStartup struct{ BootstrapFailed bool }

// MembersChanged carries the full list of alive serf members (self may be included; it is
// ignored) after every serf event, tags included. A member that disappears, or shows a new
// inc, is a loss (CONTRACT 20, 26).
type MembersChanged struct{ Alive []Member }

// Received is a Message that arrived on the Mesh stream from peer From.
type Received struct {
	From string
	Msg  Message
}

// TimerFired reports that the timer started with StartTimer{ID} expired.
type TimerFired struct{ ID string }

// CommitDone reports that the Commit with this ID is durable (fsync'ed), and with it every
// earlier one: a group commit may answer only its highest ID. IDs are acknowledged in
// emission order (a later ID never before an earlier one).
type CommitDone struct{ ID uint64 }

// WorkFinished reports that a Dispatch (or a clustered route this node executed) returned.
// Failed with Message = the panic message closes the record rejected
// `declared_work_failed:<msg>` (CONTRACT 16). Record, when set, is the record the ingress
// sent along with a remote route request, merged first so the owner knows it.
// Reason, when set, rejects the record with exactly that reason (an ingress whose remote
// route execution failed: `clustered_http_route_connect_failed:…`, §7).
type WorkFinished struct {
	Key     string
	Attempt string
	Failed  bool
	Message string
	Reason  string
	Record  *Record
}

// StreamUp / StreamDown report the state of this node's outbound Mesh stream to Peer.
// On StreamUp the engine resends every record to Peer (CONTRACT 25); a down stream to an
// alive member marks status `degraded` (CONTRACT 39).
type StreamUp struct{ Peer string }

// StreamDown: see StreamUp.
type StreamDown struct{ Peer string }

// Submit asks for a continuity record outside startup work: an HTTP.clustered request
// (Route, key `http-route::<rn>::<inc>-<n>`, CONTRACT 17) or a low-level declared-work submit.
// The answer is a Submitted action with the same Token once the record is visible and, when
// created, mirrored (or rejected). Routes need N−1 alive replicas (no relaxation). A created
// route is executed by the adapter; a created low-level submit is dispatched by the engine
// on its owner like startup work (without the pending window).
type Submit struct {
	Token       uint64
	RuntimeName string
	Key         string
	PayloadHash string
	Replicas    int
	Route       bool
}

func (Boot) isEvent()           {}
func (RegisterWork) isEvent()   {}
func (TriggerStartup) isEvent() {}
func (MembersChanged) isEvent() {}
func (Received) isEvent()       {}
func (TimerFired) isEvent()     {}
func (CommitDone) isEvent()     {}
func (WorkFinished) isEvent()   {}
func (StreamUp) isEvent()       {}
func (StreamDown) isEvent()     {}
func (Submit) isEvent()         {}

// ---------------------------------------------------------------------------------------
// Actions (engine → adapter)

// Action is something the adapter must do, in the order returned.
type Action interface{ isAction() }

// Send: write Msg on the outbound Mesh stream to node To. If the stream is down, drop it:
// the engine resends every record on the next StreamUp.
type Send struct {
	To  string
	Msg Message
}

// Commit: persist Batch in one transaction (group commit allowed) and answer CommitDone{ID}.
// Never emitted in standalone mode.
type Commit struct {
	ID    uint64
	Batch *Batch
}

// Dispatch: run the declared work RuntimeName on this node for (Key, Attempt) and answer
// WorkFinished. Emitted at most once per (key, attempt) per incarnation, after the commit
// that marks it dispatched.
type Dispatch struct {
	Key         string
	Attempt     string
	RuntimeName string
}

// SetTags: set serf tags role, epoch (decimal), inc (CONTRACT 20). Emitted after the
// authority commit.
type SetTags struct {
	Role  string
	Epoch uint64
	Inc   string
}

// Tags returns the serf tag map.
func (t SetTags) Tags() map[string]string {
	return map[string]string{"role": t.Role, "epoch": uitoa(t.Epoch), "inc": t.Inc}
}

// Log: write Line (no trailing newline) to stderr.
type Log struct{ Line string }

// StartTimer: after After, deliver TimerFired{ID}. Timers are never cancelled; the engine
// ignores stale ones.
type StartTimer struct {
	ID    string
	After time.Duration
}

// Submitted answers Submit{Token}. Outcome is `created`, `duplicate`, `conflict` or
// `rejected`; Err the reason when the request must fail (503 body for routes): for a created
// route the adapter runs the handler on Record.OwnerNode (locally, or remotely sending the
// record along) and feeds WorkFinished on the owner.
type Submitted struct {
	Token   uint64
	Outcome string
	Record  Record
	Err     string
}

// StartupSettled: every registered startup work reached a final transition (completed,
// rejected, skipped, fenced). Standalone AfterMain exits on it.
type StartupSettled struct{}

func (Send) isAction()           {}
func (Commit) isAction()         {}
func (Dispatch) isAction()       {}
func (SetTags) isAction()        {}
func (Log) isAction()            {}
func (StartTimer) isAction()     {}
func (Submitted) isAction()      {}
func (StartupSettled) isAction() {}
