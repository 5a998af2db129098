package cluster

import (
	"github.com/mesh-lang/mesh/cluster/clustertest"
	"net"
	"strconv"
	"testing"
	"time"

	"github.com/hashicorp/serf/serf"
)

type testSerf struct {
	s      *serf.Serf
	mux    *portMux
	events chan serf.Event
}

func startTestSerf(t *testing.T, name, host string, port int, cookie string, tags map[string]string) *testSerf {
	t.Helper()
	mux, err := listenPort(host, port, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	mux.start(func(c net.Conn) { c.Close() })
	ev := make(chan serf.Event, 256)
	s, err := serf.Create(serfConfig(name, cookie, mux, tags, ev))
	if err != nil {
		mux.Shutdown()
		t.Fatal(err)
	}
	ts := &testSerf{s: s, mux: mux, events: ev}
	t.Cleanup(func() { s.Shutdown(); mux.Shutdown() })
	return ts
}

func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(20 * time.Millisecond)
	}
}

func memberStatus(s *serf.Serf, name string) (serf.Member, bool) {
	for _, m := range s.Members() {
		if m.Name == name {
			return m, true
		}
	}
	return serf.Member{}, false
}

// TestDualStackGossip: 127.0.0.1:P and [::1]:P join, gossip tag updates and
// detect a silent death (CONTRACT 10, 20, 21, 22).
func TestDualStackGossip(t *testing.T) {
	port := freePort(t)
	p := strconv.Itoa(port)
	a := startTestSerf(t, "primary@127.0.0.1:"+p, "127.0.0.1", port, "dev-cookie", map[string]string{"role": "primary", "epoch": "0", "inc": "aaaaaaaaaaaa"})
	b := startTestSerf(t, "standby@[::1]:"+p, "::1", port, "dev-cookie", map[string]string{"role": "standby", "epoch": "0", "inc": "bbbbbbbbbbbb"})
	if _, err := b.s.Join([]string{"127.0.0.1:" + p}, true); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "both alive on both", func() bool { return len(aliveMembers(a.s)) == 2 && len(aliveMembers(b.s)) == 2 })

	if err := a.s.SetTags(map[string]string{"role": "primary", "epoch": "1", "inc": "aaaaaaaaaaaa"}); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "tag update", func() bool {
		m, ok := memberStatus(b.s, "primary@127.0.0.1:"+p)
		return ok && m.Tags["epoch"] == "1"
	})
	// Wait for packets (not only TCP fallback) to flow: several probe rounds.
	time.Sleep(600 * time.Millisecond)

	// Silent death of a: no leave.
	start := time.Now()
	a.s.Shutdown()
	a.mux.Shutdown()
	waitFor(t, "failed", func() bool {
		m, ok := memberStatus(b.s, "primary@127.0.0.1:"+p)
		return ok && m.Status == serf.StatusFailed
	})
	t.Logf("kill → failed in %v", time.Since(start))
	if got := aliveMembers(b.s); len(got) != 1 || got[0].Name != "standby@[::1]:"+p {
		t.Fatalf("alive view = %v", got)
	}
}

// TestWrongCookieCannotJoin: the gossip key comes from the cookie (CONTRACT 11).
func TestWrongCookieCannotJoin(t *testing.T) {
	port := freePort(t)
	p := strconv.Itoa(port)
	startTestSerf(t, "a@127.0.0.1:"+p, "127.0.0.1", port, "one", map[string]string{"role": "primary"})
	b := startTestSerf(t, "b@[::1]:"+p, "::1", port, "two", map[string]string{"role": "standby"})
	if n, err := b.s.Join([]string{"127.0.0.1:" + p}, true); err == nil && n > 0 {
		t.Fatalf("joined %d with a wrong cookie", n)
	}
	if len(aliveMembers(b.s)) != 1 {
		t.Fatalf("members = %v", b.s.Members())
	}
}

// BenchmarkFailureDetection measures kill → `failed` for the seed's pair
// (127.0.0.1:P and [::1]:P) with the CONTRACT 21 profile.
func BenchmarkFailureDetection(b *testing.B) {
	var total time.Duration
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		port := clustertestPort(b)
		p := strconv.Itoa(port)
		a := startBenchSerf(b, "standby@[::1]:"+p, "::1", port)
		k := startBenchSerf(b, "primary@127.0.0.1:"+p, "127.0.0.1", port)
		if _, err := k.s.Join([]string{"[::1]:" + p}, true); err != nil {
			b.Fatal(err)
		}
		for len(aliveMembers(a.s)) != 2 {
			time.Sleep(10 * time.Millisecond)
		}
		time.Sleep(600 * time.Millisecond)
		b.StartTimer()
		start := time.Now()
		k.s.Shutdown()
		k.mux.Shutdown()
		for {
			if m, ok := memberStatus(a.s, "primary@127.0.0.1:"+p); ok && m.Status == serf.StatusFailed {
				break
			}
			time.Sleep(5 * time.Millisecond)
		}
		total += time.Since(start)
		b.StopTimer()
		a.s.Shutdown()
		a.mux.Shutdown()
	}
	b.ReportMetric(float64(total.Milliseconds())/float64(b.N), "ms-to-failed")
}

func clustertestPort(b *testing.B) int { return clustertest.FreeDualPort(b) }

func startBenchSerf(b *testing.B, name, host string, port int) *testSerf {
	mux, err := listenPort(host, port, b.Logf)
	if err != nil {
		b.Fatal(err)
	}
	mux.start(func(c net.Conn) { c.Close() })
	ev := make(chan serf.Event, 256)
	s, err := serf.Create(serfConfig(name, "c", mux, map[string]string{"role": "x"}, ev))
	if err != nil {
		b.Fatal(err)
	}
	return &testSerf{s: s, mux: mux, events: ev}
}
