package cluster

import (
	"context"
	"errors"
	"net"
	"strconv"
	"sync"
	"time"
)

// clusterNode is the running cluster-mode node, nil otherwise.
func (r *Runtime) clusterNode() *node {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.node
}

// NodeName is this node's name in cluster mode and "" otherwise: what
// Node.self() answers (§10.10).
func (r *Runtime) NodeName() string {
	if n := r.clusterNode(); n != nil {
		return n.cfg.NodeName
	}
	return ""
}

// Peers lists the other alive members by name, sorted: what Node.list()
// answers; empty when standalone.
func (r *Runtime) Peers() []string {
	n := r.clusterNode()
	if n == nil {
		return nil
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	var out []string
	for _, m := range n.alive {
		if m.Name != n.cfg.NodeName {
			out = append(out, m.Name)
		}
	}
	return out
}

// errStandalone answers distribution calls made outside cluster mode.
var errStandalone = errors.New("this node is not in cluster mode (Node.start_from_env() did not start one)")

// Connect joins the cluster through the node named name@host:port
// (Node.connect); the join is authenticated like discovery's.
func (r *Runtime) Connect(name string) error {
	n := r.clusterNode()
	if n == nil || n.serf == nil {
		return errStandalone
	}
	_, host, port, err := ParseTarget(name)
	if err != nil {
		return err
	}
	if _, err := n.serf.Join([]string{net.JoinHostPort(host, strconv.Itoa(port))}, true); err != nil {
		return err
	}
	n.refreshMembers()
	return nil
}

// DrainTimeout bounds how long servers may take to finish in-flight
// requests when the process stops (cluster node or standalone server).
const DrainTimeout = 10 * time.Second

// AddDrain registers a server's stop function (HTTP.serve's graceful
// shutdown): on SIGINT/SIGTERM the node runs every drain, bounded by
// DrainTimeout, before it leaves the cluster. False outside cluster mode.
func (r *Runtime) AddDrain(drain func(ctx context.Context)) bool {
	n := r.clusterNode()
	if n == nil {
		return false
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.stopping {
		return false
	}
	n.drains = append(n.drains, drain)
	return true
}

// runDrains stops the registered servers concurrently and waits for them.
func runDrains(drains []func(ctx context.Context)) {
	if len(drains) == 0 {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), DrainTimeout)
	defer cancel()
	var wg sync.WaitGroup
	for _, d := range drains {
		wg.Add(1)
		go func() {
			defer wg.Done()
			d(ctx)
		}()
	}
	wg.Wait()
}
