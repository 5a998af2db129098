package cluster

import (
	"crypto/tls"
	"errors"
	"github.com/mesh-lang/mesh/cluster/clustertest"
	"net"
	"strings"
	"testing"
	"time"
)

func freePort(t *testing.T) int { return clustertest.FreeDualPort(t) }

func testMux(t *testing.T, host string, port int, keys Keys, got chan<- *Conn, errs chan<- error) *portMux {
	t.Helper()
	m, err := listenPort(host, port, t.Logf)
	if err != nil {
		t.Fatal(err)
	}
	tlsCfg, err := selfSignedConfig()
	if err != nil {
		t.Fatal(err)
	}
	m.start(func(c net.Conn) {
		mc, err := acceptMesh(c, tlsCfg, keys, time.Now().Add(5*time.Second))
		if err != nil {
			c.Close()
			errs <- err
			return
		}
		got <- mc
	})
	t.Cleanup(func() { m.Shutdown() })
	return m
}

func TestMeshStreamAuth(t *testing.T) {
	port := freePort(t)
	got, errs := make(chan *Conn, 4), make(chan error, 4)
	m := testMux(t, "::1", port, KeysFromCookie("dev-cookie"), got, errs)
	deadline := time.Now().Add(5 * time.Second)

	// Right cookie: both sides agree, frames of any size flow.
	c, err := DialMesh(m.Addr(), Hello{Kind: KindPeer, Name: "a@127.0.0.1:1", Incarnation: "0123456789ab"}, DeriveKey("dev-cookie", infoPeer), deadline)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	var s *Conn
	select {
	case s = <-got:
	case err := <-errs:
		t.Fatal(err)
	}
	defer s.Close()
	if s.Remote.Name != "a@127.0.0.1:1" || s.Remote.Incarnation != "0123456789ab" || s.Remote.Kind != KindPeer {
		t.Fatalf("remote hello = %+v", s.Remote)
	}
	big := make([]byte, 3<<20)
	big[len(big)-1] = 7
	go c.WriteFrame(big)
	p, err := s.ReadFrame()
	if err != nil || len(p) != len(big) || p[len(p)-1] != 7 {
		t.Fatalf("big frame: %d bytes, %v", len(p), err)
	}

	// Wrong cookie: fails closed on both sides.
	_, err = DialMesh(m.Addr(), Hello{Kind: KindOperator, Name: "op"}, DeriveKey("other", infoOperator), deadline)
	if !errors.Is(err, ErrAuthFailed) {
		t.Fatalf("client err = %v", err)
	}
	if want := "handshake with " + m.Addr() + " failed: authentication failed"; err.Error() != want {
		t.Fatalf("client err = %q, want %q", err, want)
	}
	select {
	case err := <-errs:
		if !errors.Is(err, ErrAuthFailed) {
			t.Fatalf("server err = %v", err)
		}
	case <-got:
		t.Fatal("server accepted a wrong cookie")
	case <-time.After(5 * time.Second):
		t.Fatal("server did not report")
	}

	// A peer key does not open an operator stream.
	_, err = DialMesh(m.Addr(), Hello{Kind: KindOperator, Name: "op"}, DeriveKey("dev-cookie", infoPeer), deadline)
	if !errors.Is(err, ErrAuthFailed) {
		t.Fatalf("cross-kind err = %v", err)
	}
	<-errs
}

func TestDialDeadlineBoundsEverything(t *testing.T) {
	// A listener that accepts and never answers: the deadline bounds TLS.
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer l.Close()
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			defer c.Close()
		}
	}()
	start := time.Now()
	_, err = DialMesh(l.Addr().String(), Hello{Kind: KindOperator}, DeriveKey("x", infoOperator), time.Now().Add(200*time.Millisecond))
	var he *HandshakeError
	if !errors.As(err, &he) {
		t.Fatalf("err = %v", err)
	}
	if time.Since(start) > 3*time.Second {
		t.Fatalf("deadline not honoured: %v", time.Since(start))
	}
}

// TestUnauthenticatedFrameLimit: before authentication a frame above 4 KiB
// is refused, so an unauthenticated peer cannot make the node allocate.
func TestUnauthenticatedFrameLimit(t *testing.T) {
	port := freePort(t)
	got, errs := make(chan *Conn, 1), make(chan error, 1)
	m := testMux(t, "127.0.0.1", port, KeysFromCookie("c"), got, errs)
	raw, err := net.Dial("tcp", m.Addr())
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	raw.Write([]byte{preambleMesh})
	tc := tls.Client(raw, clientTLSConfig())
	if err := tc.Handshake(); err != nil {
		t.Fatal(err)
	}
	tc.Write([]byte{0x40, 0, 0, 0}) // a 1 GiB hello
	select {
	case err := <-errs:
		if !strings.Contains(err.Error(), "frame too large") {
			t.Fatalf("server err = %v", err)
		}
	case <-got:
		t.Fatal("accepted")
	case <-time.After(5 * time.Second):
		t.Fatal("server did not refuse")
	}
}
