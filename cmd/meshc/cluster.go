package main

import (
	"errors"
	"os"
	"time"

	"github.com/mesh-lang/mesh/cluster"
)

// ClusterCmd is `meshc cluster`: read-only operator queries against a
// running node (cluster-reference §6, CONTRACT 18, 37–39).
type ClusterCmd struct {
	Status      ClusterStatusCmd      `cmd:"" help:"Show runtime-owned membership and authority for a clustered node."`
	Continuity  ClusterContinuityCmd  `cmd:"" help:"Show runtime-owned continuity status for one request key, or list recent continuity records."`
	Diagnostics ClusterDiagnosticsCmd `cmd:"" help:"Show recent runtime-owned failover and continuity diagnostics."`
}

// clusterFlags are shared by every cluster subcommand.
type clusterFlags struct {
	Cookie    *string `help:"Cluster cookie (default: MESH_CLUSTER_COOKIE, else the node's operator.key under .mesh/state)."`
	TimeoutMs int     `name:"timeout-ms" default:"5000" help:"One deadline for connect, handshake, query and reply, in milliseconds."`
	JSON      bool    `name:"json" help:"Print JSON."`
}

func (f clusterFlags) client(target string) (*cluster.OperatorClient, error) {
	if _, _, _, err := cluster.ParseTarget(target); err != nil {
		return nil, &cluster.UsageError{Msg: err.Error()} // CONTRACT 18, 38: exit 2
	}
	cookie, set := "", f.Cookie != nil
	if set {
		cookie = *f.Cookie
	}
	key, keyID, err := cluster.ResolveOperatorKey(cookie, set, target, os.LookupEnv)
	if err != nil {
		return nil, err
	}
	return cluster.NewOperatorClient(target, key, keyID, time.Duration(f.TimeoutMs)*time.Millisecond), nil
}

// ClusterStatusCmd is `meshc cluster status TARGET`.
type ClusterStatusCmd struct {
	Target string `arg:"" help:"Node name name@host:port (IPv6 bracketed)."`
	clusterFlags
}

// Run queries status.
func (c *ClusterStatusCmd) Run(e *env) error {
	oc, err := c.client(c.Target)
	if err != nil {
		return err
	}
	st, err := oc.Status()
	if err != nil {
		return err
	}
	if c.JSON {
		return cluster.WriteJSON(e.stdout, st)
	}
	cluster.FormatStatus(e.stdout, st)
	return nil
}

// ClusterContinuityCmd is `meshc cluster continuity TARGET [KEY]`.
type ClusterContinuityCmd struct {
	Target string  `arg:"" help:"Node name name@host:port (IPv6 bracketed)."`
	Key    *string `arg:"" optional:"" name:"request_key" help:"Request key to show (omit to list records)."`
	Limit  int     `help:"List only the N most recently changed records."`
	clusterFlags
}

// Run queries one record or the list.
func (c *ClusterContinuityCmd) Run(e *env) error {
	if c.Key != nil && c.Limit > 0 {
		return errors.New("meshc cluster continuity does not accept --limit when request_key is provided")
	}
	oc, err := c.client(c.Target)
	if err != nil {
		return err
	}
	if c.Key != nil {
		rec, err := oc.ContinuityRecord(*c.Key)
		if err != nil {
			return err
		}
		if c.JSON {
			return cluster.WriteJSON(e.stdout, rec)
		}
		cluster.FormatRecord(e.stdout, rec)
		return nil
	}
	l, err := oc.ContinuityList(c.Limit)
	if err != nil {
		return err
	}
	if c.JSON {
		return cluster.WriteJSON(e.stdout, l)
	}
	cluster.FormatContinuityList(e.stdout, l)
	return nil
}

// ClusterDiagnosticsCmd is `meshc cluster diagnostics TARGET`.
type ClusterDiagnosticsCmd struct {
	Target string `arg:"" help:"Node name name@host:port (IPv6 bracketed)."`
	Limit  int    `help:"Show only the N most recent entries."`
	clusterFlags
}

// Run queries diagnostics.
func (c *ClusterDiagnosticsCmd) Run(e *env) error {
	oc, err := c.client(c.Target)
	if err != nil {
		return err
	}
	d, err := oc.Diagnostics(c.Limit)
	if err != nil {
		return err
	}
	if c.JSON {
		return cluster.WriteJSON(e.stdout, d)
	}
	cluster.FormatDiagnostics(e.stdout, d)
	return nil
}
