package std

import (
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/vm"
)

// TestHTTPServeKilled: killing the process blocked in HTTP.serve (as a
// supervisor stopping it does) stops the server, frees the port and ends
// the process with the kill's reason.
func TestHTTPServeKilled(t *testing.T) {
	m, rt := meshHello(t, helloBody)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	procs := make(chan *process, 1)
	ended := make(chan *vm.PanicError, 1)
	go func() {
		serve, _ := vm.LookupNative("HTTP.serve")
		_, perr := m.CallInProcessQuiet(vm.NativeClosure("server", 0, func(p *process, _ []value) value {
			procs <- p
			return serve(p, []value{routerVal(rt), vm.Int(int64(port))})
		}))
		ended <- perr
	}()
	p := <-procs
	url := fmt.Sprintf("http://127.0.0.1:%d/hello", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		resp, err := http.Get(url)
		if err == nil {
			body, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			if resp.StatusCode != 200 || string(body) != helloBody {
				t.Fatalf("GET /hello: %d %q", resp.StatusCode, body)
			}
			break
		}
		if time.Now().After(deadline) {
			t.Fatal("HTTP.serve never listened")
		}
		time.Sleep(10 * time.Millisecond)
	}
	p.Kill("killed")
	select {
	case perr := <-ended:
		if perr == nil || perr.Msg != "killed" {
			t.Fatalf("server process ended with %v, want killed", perr)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("HTTP.serve did not return after the kill")
	}
	l, err := net.Listen("tcp", fmt.Sprintf("127.0.0.1:%d", port))
	if err != nil {
		t.Fatalf("port still bound after the kill: %v", err)
	}
	l.Close()
}

// TestHTTPBodyLimit: a body over maxRequestBody is refused with 413 before
// any handler runs; one under it is read whole.
func TestHTTPBodyLimit(t *testing.T) {
	srv := meshHelloServer(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	url := "http://" + ln.Addr().String() + "/hello"
	post := func(n int) (int, string) {
		resp, err := http.Post(url, "text/plain", strings.NewReader(strings.Repeat("x", n)))
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	if code, body := post(maxRequestBody + 1); code != http.StatusRequestEntityTooLarge || body != `{"error":"request body too large"}` {
		t.Fatalf("oversize body: %d %q", code, body)
	}
	// Under the limit the request reaches routing (POST /hello has no route: 404).
	if code, _ := post(1 << 20); code != http.StatusNotFound {
		t.Fatalf("1 MiB body: %d, want 404 from routing", code)
	}
}
