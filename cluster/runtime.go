package cluster

import (
	"context"
	"fmt"
	"github.com/mesh-lang/mesh/cluster/continuity"
	"io"
	"os"
	"strings"
	"sync"
	"sync/atomic"
)

// Work is one source-declared @cluster function (cluster-reference §4.4).
// Run executes the function body on a fresh VM process; a returned error
// (a panic in the work) closes its record rejected (CONTRACT 16).
type Work struct {
	Name     string // runtime name, e.g. "Work.add"
	Replicas int    // declared replication count N (default 2)
	Run      func(ctx context.Context) (result string, err error)
}

// RuntimeOptions configures a Runtime. Zero values mean the process
// environment (os.LookupEnv, os.Hostname, os.Stderr, the working directory).
type RuntimeOptions struct {
	Stderr   io.Writer
	Getenv   func(string) (string, bool)
	Hostname func() (string, error)
	// Dir is the working directory under which the default state dir
	// (.mesh/state/<node>) lives; "" means the process working directory.
	Dir string
}

// Runtime is a node's clustered runtime: what Node.start_from_env() starts
// and what runs the @cluster startup work after main returns. It satisfies
// vm.NodeRuntime.
type Runtime struct {
	opts   RuntimeOptions
	works  []Work
	routes map[string]Route
	log    *logger

	mu       sync.Mutex
	started  bool
	cfg      Config
	bootErr  error
	rejected bool  // startup_rejected already logged
	node     *node // nil unless cluster mode started

	// The standalone engine, created by whichever of TriggerStartup and
	// AfterMain runs first; settled closes once its startup work is done.
	alone    *core
	aloneInc string
	settled  chan struct{}
	routeSeq atomic.Uint64 // standalone HTTP.clustered request counter
}

// NewRuntime returns a runtime for works (more can be added with Register
// before main runs).
func NewRuntime(opts RuntimeOptions, works []Work) *Runtime {
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	if opts.Getenv == nil {
		opts.Getenv = os.LookupEnv
	}
	if opts.Hostname == nil {
		opts.Hostname = os.Hostname
	}
	r := &Runtime{opts: opts, log: &logger{w: opts.Stderr}}
	r.Register(works)
	return r
}

// Register adds startup works (the vm calls it with the program's @cluster
// functions before main runs); the engine logs startup_registered for each
// when it boots (cluster-reference §2, §4.5).
func (r *Runtime) Register(works []Work) {
	r.mu.Lock()
	defer r.mu.Unlock()
	for _, w := range works {
		if w.Replicas == 0 {
			w.Replicas = 2
		}
		r.works = append(r.works, w) // the engine logs startup_registered at boot
	}
}

// Works returns the registered works.
func (r *Runtime) Works() []Work {
	r.mu.Lock()
	defer r.mu.Unlock()
	return append([]Work(nil), r.works...)
}

func startupKey(rn string) string     { return "startup::" + rn }
func startupPayload(rn string) string { return "startup-payload::" + rn }

// StartFromEnv is Node.start_from_env(): it resolves the environment
// (cluster-reference §1.2, CONTRACT 12) and, in cluster mode, opens the
// journal, binds the node's port and joins the cluster (CONTRACT 33 boot
// order). The error text is the program-visible Err(reason).
func (r *Runtime) StartFromEnv() (BootstrapStatus, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.started && r.bootErr == nil {
		if r.cfg.Mode == ModeCluster {
			return BootstrapStatus{}, fmt.Errorf("mesh bootstrap start failed node=%s: node already started", r.cfg.NodeName)
		}
		return r.cfg.Status(), nil
	}
	cfg, err := ResolveFromEnv(r.opts.Getenv, r.opts.Hostname)
	r.started = true
	if err != nil {
		r.bootErr = err
		return BootstrapStatus{}, err
	}
	r.cfg = cfg
	r.bootErr = nil
	if cfg.Mode == ModeCluster {
		n, err := startNode(cfg, r, append([]Work(nil), r.works...))
		if err != nil {
			r.bootErr = err
			return BootstrapStatus{}, err
		}
		r.node = n
	}
	return cfg.Status(), nil
}

// AfterMain runs after the program's main returns (cluster-reference §1.4).
// Standalone (or never bootstrapped): each startup work runs once locally,
// then it returns 0. Bootstrap Err with @cluster work: no startup work,
// startup_rejected reason bootstrap_failed, exit 1 (CONTRACT 35). Cluster
// mode: serves until ctx ends or SIGINT/SIGTERM, then leaves (CONTRACT 40).
func (r *Runtime) AfterMain(ctx context.Context) int {
	r.mu.Lock()
	works := append([]Work(nil), r.works...)
	bootErr, n := r.bootErr, r.node
	r.mu.Unlock()
	if len(works) == 0 && n == nil {
		return 0 // a bootstrap Err without @cluster work is the program's business
	}
	if bootErr != nil {
		r.rejectStartup(works)
		return 1
	}
	if n != nil {
		return n.serve(ctx, works)
	}
	c, settled := r.standalone()
	select {
	case <-settled:
	case <-ctx.Done():
	}
	c.close()
	return 0
}

// TriggerStartup starts the @cluster startup work before main returns:
// HTTP.serve calls it once its listener is bound, because main then blocks
// for the life of the server (cluster-reference §4.5). The engine ignores a
// second trigger, so AfterMain may still run later.
func (r *Runtime) TriggerStartup() {
	r.mu.Lock()
	works := append([]Work(nil), r.works...)
	bootErr, n := r.bootErr, r.node
	r.mu.Unlock()
	switch {
	case len(works) == 0:
	case bootErr != nil:
		r.rejectStartup(works)
	case n != nil:
		n.core.post(continuity.TriggerStartup{})
	default:
		r.standalone()
	}
}

// rejectStartup logs startup_rejected once per work after a bootstrap Err.
func (r *Runtime) rejectStartup(works []Work) {
	r.mu.Lock()
	done := r.rejected
	r.rejected = true
	r.mu.Unlock()
	if done {
		return
	}
	for _, w := range works {
		r.log.printf("[mesh-rt startup] transition=startup_rejected runtime_name=%s reason=bootstrap_failed", w.Name)
	}
}

// standalone returns the in-memory engine owned by standalone@local
// (CONTRACT 13) with its startup work triggered.
func (r *Runtime) standalone() (*core, <-chan struct{}) {
	c := r.standaloneCore()
	c.post(continuity.TriggerStartup{}) // the engine ignores a second trigger
	return c, r.settled
}

// standaloneCore boots the standalone engine on first use (startup work,
// or an HTTP.clustered request served before main returns).
func (r *Runtime) standaloneCore() *core {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.alone != nil {
		return r.alone
	}
	cfg := r.cfg
	if !r.started {
		// main never called Node.start_from_env(): still validate the
		// authority env so a typo is not silently ignored (CONTRACT 12).
		c, err := ResolveFromEnv(r.opts.Getenv, r.opts.Hostname)
		if err == nil && c.Mode == ModeStandalone {
			cfg = c
		} else {
			cfg = Config{Mode: ModeStandalone, Role: RolePrimary, Port: DefaultClusterPort}
		}
	}
	r.aloneInc = newIncarnation()
	c := newCore(nil, r.log, continuity.Config{Standalone: true, Incarnation: r.aloneInc,
		Env: continuity.Authority{Role: cfg.Role, Epoch: cfg.Epoch}, StartupDelay: cfg.StartupWorkDelay,
		RetainRoutes: cfg.RetainRoutes}, nil)
	c.boot(append([]Work(nil), r.works...))
	r.alone, r.settled = c, c.settled
	return c
}

// logger writes one line per call, atomically (runtime logs go to stderr).
type logger struct {
	mu sync.Mutex
	w  io.Writer
}

func (l *logger) printf(format string, args ...any) {
	s := fmt.Sprintf(format, args...)
	if !strings.HasSuffix(s, "\n") {
		s += "\n"
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	io.WriteString(l.w, s)
}
