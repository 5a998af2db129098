package std

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

const (
	helloBody     = `{"hello":"world"}`
	loopbackConns = 16   // concurrent clients
	loopbackRound = 1024 // requests per round and server
)

// loopbackServer serves h on a fresh 127.0.0.1 port; stop closes the
// listener and every connection and waits for Serve to return.
func loopbackServer(tb testing.TB, srv *http.Server) (url string, stop func()) {
	tb.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		tb.Fatal(err)
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		srv.Serve(ln)
	}()
	return "http://" + ln.Addr().String() + "/hello", func() {
		srv.Close()
		<-done
	}
}

// meshHelloServer is HTTP.serve's server (newServer) for a router whose
// GET /hello is the Mesh function hello(req) = HTTP.response(200, body).
func meshHelloServer(tb testing.TB) *http.Server {
	tb.Helper()
	return newServer(meshHello(tb, helloBody))
}

// meshHello loads a program whose one route, GET /hello, is the Mesh
// function hello(req) = HTTP.response(200, body).
func meshHello(tb testing.TB, body string) (*vm.Machine, *router) {
	tb.Helper()
	p := &bundle.Program{
		Natives: []string{"HTTP.response"},
		Consts:  []bundle.Const{{Kind: bundle.ConstString, Str: body}},
		Funcs: []*bundle.Function{
			{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}},
			{Name: "Main.hello", NumParams: 1, NumLocals: 1, Code: []op.Instr{
				{Op: op.INT, A: 200}, {Op: op.CONST, A: 0}, {Op: op.CALL_NATIVE, A: 0, B: 2}, {Op: op.RETURN},
			}},
		},
	}
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		tb.Fatal(err)
	}
	handler := vm.ClosureVal(&vm.Closure{Fn: m.Func(1)})
	return m, &router{routes: []route{{method: "GET", raw: "/hello", pattern: []string{"hello"}, handler: handler}}}
}

// plainHelloServer is net/http writing the same response; with
// keepAlive false it also sends Connection: close, as Mesh does (§12.14).
func plainHelloServer(keepAlive bool) *http.Server {
	return &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(helloBody)))
		if !keepAlive {
			h.Set("Connection", "close")
		}
		w.WriteHeader(200)
		io.WriteString(w, helloBody)
	}), ReadHeaderTimeout: 30 * time.Second, ReadTimeout: 30 * time.Second}
}

// load sends n GET requests to url from loopbackConns goroutines sharing
// one keep-alive client, checks every response and returns the wall time.
func load(client *http.Client, url string, n int) (time.Duration, error) {
	var (
		wg    sync.WaitGroup
		mu    sync.Mutex
		first error
	)
	fail := func(err error) {
		mu.Lock()
		if first == nil {
			first = err
		}
		mu.Unlock()
	}
	start := time.Now()
	for c := 0; c < loopbackConns; c++ {
		k := n / loopbackConns
		if c < n%loopbackConns {
			k++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < k; i++ {
				resp, err := client.Get(url)
				if err != nil {
					fail(err)
					return
				}
				b, err := io.ReadAll(resp.Body)
				resp.Body.Close()
				if err != nil || resp.StatusCode != 200 || string(b) != helloBody {
					fail(errors.Join(err, fmt.Errorf("status %d body %q", resp.StatusCode, b)))
					return
				}
			}
		}()
	}
	wg.Wait()
	return time.Since(start), first
}

// BenchmarkHTTPServeLoopback measures HTTP.serve's server for a Mesh hello
// handler over real loopback TCP: loopbackConns concurrent clients with a
// keep-alive client, in rounds of loopbackRound requests alternating with
// the same load on a plain net/http hello server sending the same
// response (Connection: close included), so both see the same machine
// load. One op is one Mesh request. It reports both servers' req/s and
// mesh/nethttp, their ratio; nethttp-keepalive-req/s is plain net/http
// without Connection: close, for scale.
func BenchmarkHTTPServeLoopback(b *testing.B) {
	meshURL, stopMesh := loopbackServer(b, meshHelloServer(b))
	defer stopMesh()
	plainURL, stopPlain := loopbackServer(b, plainHelloServer(false))
	defer stopPlain()
	kaURL, stopKA := loopbackServer(b, plainHelloServer(true))
	defer stopKA()
	tr := &http.Transport{MaxIdleConnsPerHost: loopbackConns, DisableCompression: true}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	// Warm up connections, goroutines and the route once per server.
	for _, u := range []string{meshURL, plainURL, kaURL} {
		if _, err := load(client, u, loopbackConns); err != nil {
			b.Fatal(err)
		}
	}
	var meshT, plainT, kaT time.Duration
	plainN := 0
	b.ResetTimer()
	for done := 0; done < b.N; {
		n := min(loopbackRound, b.N-done)
		d, err := load(client, meshURL, n)
		if err != nil {
			b.Fatal(err)
		}
		meshT += d
		b.StopTimer()
		for _, s := range []struct {
			url string
			t   *time.Duration
		}{{plainURL, &plainT}, {kaURL, &kaT}} {
			d, err := load(client, s.url, n)
			if err != nil {
				b.Fatal(err)
			}
			*s.t += d
		}
		plainN += n
		done += n
		b.StartTimer()
	}
	b.StopTimer()
	meshRate := float64(b.N) / meshT.Seconds()
	plainRate := float64(plainN) / plainT.Seconds()
	b.ReportMetric(meshRate, "mesh-req/s")
	b.ReportMetric(plainRate, "nethttp-req/s")
	b.ReportMetric(meshRate/plainRate, "mesh/nethttp")
	b.ReportMetric(float64(plainN)/kaT.Seconds(), "nethttp-keepalive-req/s")
}

// TestHTTPServeLoopback checks the benchmark's setup with a few requests:
// the Mesh server answers over loopback with upstream's headers.
func TestHTTPServeLoopback(t *testing.T) {
	url, stop := loopbackServer(t, meshHelloServer(t))
	defer stop()
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	client := &http.Client{Transport: tr, Timeout: 30 * time.Second}
	if _, err := load(client, url, 2*loopbackConns); err != nil {
		t.Fatal(err)
	}
	resp, err := client.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := resp.Header.Get("Connection"); got != "close" && !resp.Close {
		t.Errorf("Connection header %q, want close", got)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "application/json; charset=utf-8" {
		t.Errorf("Content-Type %q", ct)
	}
}
