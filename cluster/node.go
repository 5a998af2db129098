package cluster

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"encoding/hex"
	"errors"
	"fmt"
	"net"
	"os"
	"os/signal"
	"path/filepath"
	"strconv"
	"sync"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/hashicorp/serf/serf"

	"github.com/mesh-lang/mesh/cluster/continuity"
	"github.com/mesh-lang/mesh/store"
)

// node is a started cluster-mode node: journal, port, serf, streams,
// discovery and the continuity engine behind one event queue.
type node struct {
	r      *Runtime
	cfg    Config
	log    *logger
	inc    string
	keys   Keys
	tlsCfg *tls.Config

	journal *store.Journal
	mux     *portMux
	serf    *serf.Serf
	serfEv  chan serf.Event

	core     *core // the engine and its event queue
	routeSeq atomic.Uint64

	refreshMu sync.Mutex
	mu        sync.Mutex
	alive     []serf.Member         // alive view, sorted by name, self included
	streams   map[string]*outStream // outbound replication streams by member name
	stopping  bool
	serving   bool // AfterMain is serving: it owns the shutdown
	exitReq   chan struct{}
	inbound   map[*Conn]struct{}          // accepted replication streams
	drains    []func(ctx context.Context) // servers to stop before leaving
	stop      chan struct{}
	wg        sync.WaitGroup
}

// newIncarnation draws this process start's 12-hex-digit incarnation (CONTRACT 20).
func newIncarnation() string {
	b := make([]byte, 6)
	rand.Read(b)
	return hex.EncodeToString(b)
}

// startNode boots cluster mode in CONTRACT 33's order: open the journal,
// restore, bind, serf; then discovery.
func startNode(cfg Config, r *Runtime, works []Work) (*node, error) {
	fail := func(msg string) error {
		return fmt.Errorf("mesh bootstrap start failed node=%s: %s", cfg.NodeName, msg)
	}
	dir := cfg.StateDir
	if !filepath.IsAbs(dir) {
		base := r.opts.Dir
		if base == "" {
			base, _ = os.Getwd()
		}
		dir = filepath.Join(base, dir)
	}
	j, err := store.Open(dir, cfg.NodeName, store.Options{GraveCapacity: continuity.GraveCapacity})
	if err != nil {
		return nil, fail(err.Error()) // CONTRACT 35
	}
	st, err := j.Restore()
	if err != nil {
		j.Close()
		return nil, fail(err.Error())
	}
	opKey, err := store.EnsureOperatorKey(dir)
	if err != nil {
		j.Close()
		return nil, fail(err.Error())
	}
	tlsCfg, err := selfSignedConfig()
	if err != nil {
		j.Close()
		return nil, fail("invalid node name or cookie")
	}
	n := &node{
		r: r, cfg: cfg, log: r.log, inc: newIncarnation(), tlsCfg: tlsCfg, journal: j,
		streams: map[string]*outStream{}, stop: make(chan struct{}), exitReq: make(chan struct{}), inbound: map[*Conn]struct{}{},
		serfEv: make(chan serf.Event, 1024),
	}
	n.keys = KeysFromCookie(cfg.Cookie)
	n.keys.OperatorFile = OperatorKeyFromFile(opKey)

	n.core = newCore(n, r.log, continuity.Config{
		NodeName: cfg.NodeName, Incarnation: n.inc,
		Env:          continuity.Authority{Role: cfg.Role, Epoch: cfg.Epoch},
		StartupDelay: cfg.StartupWorkDelay, RetainRoutes: cfg.RetainRoutes,
	}, journalFromStore(st))
	tags := n.core.boot(works)

	mux, err := listenPort(cfg.Host, cfg.Port, n.log.printf)
	if err != nil {
		n.core.close()
		j.Close()
		return nil, fail("listener bind failed")
	}
	n.mux = mux
	mux.start(n.acceptMesh)
	s, err := serf.Create(serfConfig(cfg.NodeName, cfg.Cookie, mux, tags, n.serfEv))
	if err != nil {
		mux.Shutdown()
		n.core.close()
		j.Close()
		return nil, fail("listener bind failed")
	}
	n.serf = s
	n.core.setSerf(s)
	n.watchSignals()
	n.wg.Add(2)
	go n.serfLoop()
	go n.discoveryLoop(st)
	n.refreshMembers()
	return n, nil
}

// serfLoop turns serf events into the alive view, replication streams and
// MembersChanged events.
func (n *node) serfLoop() {
	defer n.wg.Done()
	for {
		select {
		case <-n.stop:
			return
		case _, ok := <-n.serfEv:
			if !ok {
				return
			}
			// Drain whatever else is queued: one view per burst.
			for more := true; more; {
				select {
				case <-n.serfEv:
				default:
					more = false
				}
			}
			n.refreshMembers()
		}
	}
}

func (n *node) refreshMembers() {
	if n.serf == nil {
		return
	}
	// One refresh at a time, so views reach the engine in the order taken.
	n.refreshMu.Lock()
	defer n.refreshMu.Unlock()
	alive := aliveMembers(n.serf)
	n.mu.Lock()
	n.alive = alive
	want := map[string]serf.Member{}
	for _, m := range alive {
		if m.Name != n.cfg.NodeName {
			want[m.Name] = m
		}
	}
	for name, s := range n.streams {
		m, ok := want[name]
		if !ok || m.Tags[tagInc] != s.inc {
			s.close()
			delete(n.streams, name)
		}
	}
	for name, m := range want {
		if _, ok := n.streams[name]; !ok && !n.stopping {
			s := newOutStream(n, name, m.Tags[tagInc], net.JoinHostPort(m.Addr.String(), strconv.Itoa(int(m.Port))))
			n.streams[name] = s
		}
	}
	n.mu.Unlock()
	var members []continuity.Member
	for _, m := range alive {
		e, _ := strconv.ParseUint(m.Tags[tagEpoch], 10, 64)
		members = append(members, continuity.Member{Name: m.Name, Role: m.Tags[tagRole], Epoch: e, Inc: m.Tags[tagInc]})
	}
	n.core.post(continuity.MembersChanged{Alive: members})
}

// send queues a frame on the outbound stream to peer (dropped when down).
func (n *node) send(to string, frame []byte) {
	n.mu.Lock()
	s := n.streams[to]
	n.mu.Unlock()
	if s != nil {
		s.send(frame)
	}
}

// acceptMesh authenticates an accepted Mesh stream and serves it by kind.
func (n *node) acceptMesh(raw net.Conn) {
	c, err := acceptMesh(raw, n.tlsCfg, n.keys, time.Now().Add(5*time.Second))
	if err != nil {
		raw.Close()
		if errors.Is(err, ErrAuthFailed) {
			// CONTRACT 38.
			n.log.printf("mesh node: handshake failed: cookie mismatch: authentication failed from %s", raw.RemoteAddr())
		} else if !errors.Is(err, net.ErrClosed) {
			n.log.printf("mesh node: handshake failed: %v", err)
		}
		return
	}
	switch c.Remote.Kind {
	case KindOperator:
		if err := serveOperator(c, n.core); err != nil {
			n.log.printf("mesh node: transient operator query failed for %s: %v", c.Remote.Name, err)
		}
		c.Close()
	case KindPeer:
		n.readPeer(c)
	case KindRoute:
		n.acceptRoute(c)
	default:
		c.Close()
	}
}

// readPeer reads a peer's replication stream until it ends. Only serf
// declares a loss, never an EOF (CONTRACT 25).
func (n *node) readPeer(c *Conn) {
	defer c.Close()
	if c.Remote.Name == "" { // a discovery probe: authenticated, nothing to read
		return
	}
	n.mu.Lock()
	if n.stopping {
		n.mu.Unlock()
		return
	}
	n.inbound[c] = struct{}{}
	n.mu.Unlock()
	defer func() {
		n.mu.Lock()
		delete(n.inbound, c)
		n.mu.Unlock()
	}()
	for {
		p, err := c.ReadFrame()
		if err != nil {
			return
		}
		m, err := continuity.DecodeMessage(p)
		if err != nil {
			n.log.printf("mesh continuity: transition=upsert_malformed remote=%s error=%v", c.Remote.Name, err)
			continue
		}
		n.core.post(continuity.Received{From: c.Remote.Name, Msg: m})
	}
}

// watchSignals makes SIGINT/SIGTERM leave the cluster, close the journal
// and exit 0 (CONTRACT 40) from the moment the node starts, also while
// main is still running (e.g. blocked in HTTP.serve). After main, serve
// does the shutdown and AfterMain returns the exit code.
func (n *node) watchSignals() {
	sig := make(chan os.Signal, 2)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		defer signal.Stop(sig)
		select {
		case <-n.stop:
			return
		case <-sig:
		}
		n.mu.Lock()
		serving := n.serving
		n.mu.Unlock()
		if serving {
			close(n.exitReq)
			return
		}
		n.shutdown()
		os.Exit(0)
	}()
}

// serve runs cluster mode after main: keepalive, startup work, until
// SIGINT/SIGTERM or ctx, then leave, close the journal, exit 0 (CONTRACT 40).
func (n *node) serve(ctx context.Context, works []Work) int {
	if len(works) == 0 && len(n.r.routesSnapshot()) == 0 {
		// Upstream: no @cluster work and nothing else running → exit after main.
		n.shutdown()
		return 0
	}
	n.mu.Lock()
	n.serving = true
	n.mu.Unlock()
	n.core.post(continuity.TriggerStartup{})
	select {
	case <-ctx.Done():
	case <-n.exitReq:
	}
	n.shutdown()
	return 0
}

func (n *node) shutdown() {
	n.mu.Lock()
	if n.stopping {
		n.mu.Unlock()
		return
	}
	n.stopping = true
	drains := n.drains
	streams := n.streams
	n.streams = map[string]*outStream{}
	var inbound []*Conn
	for c := range n.inbound {
		inbound = append(inbound, c)
	}
	n.mu.Unlock()
	// Servers finish their in-flight requests (which may still need the
	// cluster, e.g. HTTP.clustered routes) before the node leaves.
	runDrains(drains)
	if n.serf != nil {
		n.serf.Leave()
	}
	close(n.stop)
	for _, s := range streams {
		s.close()
	}
	if n.serf != nil {
		n.serf.Shutdown()
	}
	for _, c := range inbound {
		c.Close()
	}
	n.mux.Shutdown()
	n.wg.Wait()
	n.core.close()
	n.journal.Close()
}

// dialPeer opens a peer-keyed Mesh stream from this node (peer or route).
func (n *node) dialPeer(addr string, hello Hello, deadline time.Time) (*Conn, error) {
	if n.mux.cut(addr) {
		return nil, &DialError{Addr: addr, Err: errPartitioned}
	}
	return DialMesh(addr, hello, n.keys.Peer, deadline)
}

// outStream is this node's outbound replication stream to one member
// (CONTRACT 25): it reconnects while the member is alive and reports
// StreamUp/StreamDown to the engine.
type outStream struct {
	n    *node
	peer string
	inc  string
	addr string

	mu     sync.Mutex
	conn   *Conn
	queue  [][]byte
	wake   chan struct{}
	closed bool
	done   chan struct{}
}

func newOutStream(n *node, peer, inc, addr string) *outStream {
	s := &outStream{n: n, peer: peer, inc: inc, addr: addr, wake: make(chan struct{}, 1), done: make(chan struct{})}
	go s.run()
	return s
}

func (s *outStream) send(frame []byte) {
	s.mu.Lock()
	if !s.closed && len(s.queue) < 100000 {
		// Queued also while the stream is being dialled; a lost
		// connection drops the queue (the engine resends on StreamUp).
		s.queue = append(s.queue, frame)
	}
	s.mu.Unlock()
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

func (s *outStream) close() {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return
	}
	s.closed = true
	c := s.conn
	s.mu.Unlock()
	close(s.done)
	if c != nil {
		c.Close()
	}
}

func (s *outStream) run() {
	hello := Hello{Kind: KindPeer, Name: s.n.cfg.NodeName, Incarnation: s.n.inc}
	for {
		select {
		case <-s.done:
			return
		default:
		}
		c, err := s.n.dialPeer(s.addr, hello, time.Now().Add(3*time.Second))
		if err != nil {
			select {
			case <-s.done:
				return
			case <-time.After(250 * time.Millisecond):
			}
			continue
		}
		s.mu.Lock()
		if s.closed {
			s.mu.Unlock()
			c.Close()
			return
		}
		s.conn = c
		s.mu.Unlock()
		s.n.core.post(continuity.StreamUp{Peer: s.peer})
		s.pump(c) // returns when a write fails or the stream closes
		s.mu.Lock()
		s.conn = nil
		s.queue = nil
		closed := s.closed
		s.mu.Unlock()
		c.Close()
		if closed {
			return
		}
		s.n.core.post(continuity.StreamDown{Peer: s.peer})
	}
}

func (s *outStream) pump(c *Conn) error {
	for {
		s.mu.Lock()
		q := s.queue
		s.queue = nil
		s.mu.Unlock()
		for _, f := range q {
			c.SetDeadline(time.Now().Add(5 * time.Second))
			if err := c.WriteFrame(f); err != nil {
				return err
			}
		}
		select {
		case <-s.done:
			return nil
		case <-s.wake:
		}
	}
}
