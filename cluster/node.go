package cluster

import (
	"context"
	"fmt"
)

// node is a started cluster-mode node.
type node struct{}

// startNode starts cluster mode. The network layer lands in the next commits;
// until then cluster mode reports an explicit start failure.
func startNode(cfg Config, r *Runtime) (*node, error) {
	return nil, fmt.Errorf("mesh bootstrap start failed node=%s: unexpected start code=-1", cfg.NodeName)
}

func (n *node) serve(ctx context.Context, works []Work) int { return 0 }
