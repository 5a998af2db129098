package main

import (
	"bytes"
	"strings"
	"testing"

	"github.com/alecthomas/kong"
)

type clusterOnlyCLI struct {
	Cluster ClusterCmd `cmd:"" help:"Inspect runtime-owned clustered operator surfaces"`
}

func parseCluster(t *testing.T, args ...string) (*clusterOnlyCLI, *kong.Context, error) {
	t.Helper()
	var cli clusterOnlyCLI
	p, err := kong.New(&cli, kong.Name("meshc"), kong.Exit(func(int) {}))
	if err != nil {
		t.Fatal(err)
	}
	ctx, err := p.Parse(args)
	return &cli, ctx, err
}

func TestClusterFlagsParse(t *testing.T) {
	cli, _, err := parseCluster(t, "cluster", "continuity", "standby@[::1]:4370", "startup::Work.add", "--json", "--cookie", " c ", "--timeout-ms", "250")
	if err != nil {
		t.Fatal(err)
	}
	c := cli.Cluster.Continuity
	if c.Target != "standby@[::1]:4370" || c.Key == nil || *c.Key != "startup::Work.add" || !c.JSON || c.Cookie == nil || *c.Cookie != " c " || c.TimeoutMs != 250 {
		t.Fatalf("parsed %+v", c)
	}
	cli, _, err = parseCluster(t, "cluster", "status", "a@127.0.0.1:1")
	if err != nil || cli.Cluster.Status.Cookie != nil || cli.Cluster.Status.TimeoutMs != 5000 {
		t.Fatalf("defaults: %+v %v", cli.Cluster.Status, err)
	}
	cli, _, err = parseCluster(t, "cluster", "continuity", "a@127.0.0.1:1", "")
	if err != nil || cli.Cluster.Continuity.Key == nil || *cli.Cluster.Continuity.Key != "" {
		t.Fatalf("empty key: %v", err)
	}
}

func TestClusterErrors(t *testing.T) {
	var out bytes.Buffer
	e := &env{stdout: &out, stderr: &out}
	k := "k"
	err := (&ClusterContinuityCmd{Target: "a@127.0.0.1:1", Key: &k, Limit: 2}).Run(e)
	if err == nil || err.Error() != "meshc cluster continuity does not accept --limit when request_key is provided" {
		t.Fatalf("err = %v", err)
	}
	err = (&ClusterStatusCmd{Target: "primary@127.0.0.1"}).Run(e)
	if err == nil || err.Error() != "invalid target 'primary@127.0.0.1': expected name@host:port" {
		t.Fatalf("err = %v", err)
	}
	if c, ok := err.(kong.ExitCoder); !ok || c.ExitCode() != 2 {
		t.Fatalf("no exit code 2: %T", err)
	}
	empty := ""
	err = (&ClusterContinuityCmd{Target: "a@127.0.0.1:1", Key: &empty, clusterFlags: clusterFlags{Cookie: &k, TimeoutMs: 100}}).Run(e)
	if err == nil || !strings.Contains(err.Error(), "request_key_missing") {
		t.Fatalf("err = %v", err)
	}
	blank := "  "
	err = (&ClusterStatusCmd{Target: "a@127.0.0.1:1", clusterFlags: clusterFlags{Cookie: &blank}}).Run(e)
	if err == nil || err.Error() != "meshc cluster: --cookie must not be blank" {
		t.Fatalf("err = %v", err)
	}
	if out.Len() != 0 {
		t.Fatalf("stdout written on error: %q", out.String())
	}
}
