package std

import (
	"bufio"
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/cluster"
	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

// wsTestTimeout bounds every wait in these tests.
const wsTestTimeout = 10 * time.Second

// syncBuf is a goroutine-safe stderr for a test machine.
type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuf) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

type wsCloseEv struct {
	conn, code int64
	reason     string
}

// wsEnv is a running Ws server whose callbacks record what they see.
// on_connect refuses the path /deny, panics for /crash and greets every
// other connection (Ws.send and Ws.join "lobby" from inside on_connect);
// on_message runs small commands: "join R", "leave R", "all R TEXT",
// "others R TEXT", "panic"; anything else is echoed.
type wsEnv struct {
	m        *vm.Machine
	stderr   *syncBuf
	addr     string
	srv      *wsServer
	connects chan string
	closes   chan wsCloseEv
	stop     func()
}

func wsNative(name string) vm.NativeFn {
	f, ok := vm.LookupNative(name)
	if !ok {
		panic("no native " + name)
	}
	return f
}

func wsTestMachine(t testing.TB) (*vm.Machine, *syncBuf) {
	t.Helper()
	var stderr syncBuf
	p := &bundle.Program{Funcs: []*bundle.Function{{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}}}}
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	return m, &stderr
}

func (e *wsEnv) callbacks() (onConnect, onMessage, onClose value) {
	send, join, leave := wsNative("Ws.send"), wsNative("Ws.join"), wsNative("Ws.leave")
	bcast, except := wsNative("Ws.broadcast"), wsNative("Ws.broadcast_except")
	onConnect = vm.NativeClosure("on_connect", 3, func(p *process, a []value) value {
		hv, _ := a[2].Map().Get(vm.Str("x-token"))
		host, _ := a[2].Map().Get(vm.Str("host"))
		e.connects <- fmt.Sprintf("%d %s token=%s host=%s", a[0].Int(), a[1].Str(), hv.Str(), host.Str())
		switch a[1].Str() {
		case "/deny":
			return vm.Int(1)
		case "/crash":
			p.Panicf("connect boom")
		}
		send(p, []value{a[0], vm.Str("welcome")})
		join(p, []value{a[0], vm.Str("lobby")})
		return vm.Int(0)
	})
	onMessage = vm.NativeClosure("on_message", 2, func(p *process, a []value) value {
		conn, text := a[0], a[1].Str()
		f := strings.SplitN(text, " ", 3)
		switch {
		case f[0] == "panic":
			p.Panicf("boom")
		case f[0] == "join" && len(f) == 2:
			join(p, []value{conn, vm.Str(f[1])})
		case f[0] == "leave" && len(f) == 2:
			leave(p, []value{conn, vm.Str(f[1])})
		case f[0] == "all" && len(f) == 3:
			bcast(p, []value{vm.Str(f[1]), vm.Str(f[2])})
		case f[0] == "others" && len(f) == 3:
			except(p, []value{vm.Str(f[1]), vm.Str(f[2]), conn})
		default:
			if r := send(p, []value{conn, a[1]}); r.Int() != 0 {
				p.Panicf("Ws.send to a live connection gave %d", r.Int())
			}
		}
		return vm.Unit
	})
	onClose = vm.NativeClosure("on_close", 3, func(p *process, a []value) value {
		e.closes <- wsCloseEv{a[0].Int(), a[1].Int(), a[2].Str()}
		return vm.Unit
	})
	return
}

// startWs serves the recording callbacks on a fresh 127.0.0.1 port; the
// server is shut down and waited for when the test ends.
func startWs(t testing.TB) *wsEnv {
	t.Helper()
	m, stderr := wsTestMachine(t)
	e := &wsEnv{m: m, stderr: stderr, connects: make(chan string, 64), closes: make(chan wsCloseEv, 64)}
	e.srv = newWsServer(m, vm.Unit, vm.Unit, vm.Unit)
	e.srv.onConnect, e.srv.onMessage, e.srv.onClose = e.callbacks()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	e.addr = ln.Addr().String()
	done := make(chan struct{})
	go func() {
		defer close(done)
		e.srv.serve(ln)
	}()
	var once sync.Once
	e.stop = func() {
		once.Do(func() {
			e.srv.shutdown()
			<-done
		})
	}
	t.Cleanup(e.stop)
	return e
}

// call runs native name in a process of e's machine.
func (e *wsEnv) call(name string, args ...value) value {
	var out value
	e.m.CallInProcess(vm.NativeClosure(name, 0, func(p *process, _ []value) value {
		out = wsNative(name)(p, args)
		return out
	}))
	return out
}

func (e *wsEnv) nextClose(t *testing.T) wsCloseEv {
	t.Helper()
	select {
	case ev := <-e.closes:
		return ev
	case <-time.After(wsTestTimeout):
		t.Fatal("no on_close call")
	}
	return wsCloseEv{}
}

func (e *wsEnv) nextConnect(t *testing.T) string {
	t.Helper()
	select {
	case s := <-e.connects:
		return s
	case <-time.After(wsTestTimeout):
		t.Fatal("no on_connect call")
	}
	return ""
}

// wsClient is a minimal RFC 6455 client for the tests.
type wsClient struct {
	nc net.Conn
	br *bufio.Reader
}

// rawRequest sends an HTTP request text and reads the response.
func rawRequest(t testing.TB, addr, req string) (*http.Response, net.Conn, *bufio.Reader) {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, wsTestTimeout)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(wsTestTimeout))
	if _, err := io.WriteString(nc, req); err != nil {
		t.Fatal(err)
	}
	br := bufio.NewReader(nc)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	return resp, nc, br
}

func upgradeRequest(addr, path, key string, extra ...string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: keep-alive, Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\n", path, addr, key)
	for _, h := range extra {
		b.WriteString(h + "\r\n")
	}
	b.WriteString("\r\n")
	return b.String()
}

// dial upgrades a connection to path and checks the 101 and its
// Sec-WebSocket-Accept (computed here independently of the server).
func dial(t testing.TB, addr, path string, extra ...string) *wsClient {
	t.Helper()
	var raw [16]byte
	rand.Read(raw[:])
	key := base64.StdEncoding.EncodeToString(raw[:])
	resp, nc, br := rawRequest(t, addr, upgradeRequest(addr, path, key, extra...))
	if resp.StatusCode != http.StatusSwitchingProtocols {
		t.Fatalf("status %d, want 101", resp.StatusCode)
	}
	sum := sha1.Sum([]byte(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"))
	if got, want := resp.Header.Get("Sec-WebSocket-Accept"), base64.StdEncoding.EncodeToString(sum[:]); got != want {
		t.Fatalf("Sec-WebSocket-Accept %q, want %q", got, want)
	}
	if !strings.EqualFold(resp.Header.Get("Upgrade"), "websocket") {
		t.Fatalf("Upgrade header %q", resp.Header.Get("Upgrade"))
	}
	return &wsClient{nc: nc, br: br}
}

// write sends one frame, masked unless unmasked is set.
func (c *wsClient) write(t *testing.T, fin bool, op byte, payload []byte, unmasked ...bool) {
	t.Helper()
	b := []byte{op}
	if fin {
		b[0] |= 0x80
	}
	mask := byte(0x80)
	if len(unmasked) > 0 && unmasked[0] {
		mask = 0
	}
	n := len(payload)
	switch {
	case n < 126:
		b = append(b, mask|byte(n))
	case n <= 0xFFFF:
		b = append(b, mask|126, byte(n>>8), byte(n))
	default:
		b = append(b, mask|127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	if mask != 0 {
		var key [4]byte
		rand.Read(key[:])
		b = append(b, key[:]...)
		start := len(b)
		b = append(b, payload...)
		for i := range payload {
			b[start+i] ^= key[i&3]
		}
	} else {
		b = append(b, payload...)
	}
	if _, err := c.nc.Write(b); err != nil {
		t.Fatal(err)
	}
}

func (c *wsClient) text(t *testing.T, s string) {
	t.Helper()
	c.write(t, true, wsOpText, []byte(s))
}

// read reads one server frame (servers send final, unmasked frames).
func (c *wsClient) read(t testing.TB) (byte, []byte) {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(c.br, h[:]); err != nil {
		t.Fatalf("reading a frame: %v", err)
	}
	if h[0]&0x80 == 0 || h[1]&0x80 != 0 {
		t.Fatalf("server frame header %x: want FIN set and no mask", h)
	}
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		var l [2]byte
		io.ReadFull(c.br, l[:])
		n = uint64(binary.BigEndian.Uint16(l[:]))
	case 127:
		var l [8]byte
		io.ReadFull(c.br, l[:])
		n = binary.BigEndian.Uint64(l[:])
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(c.br, p); err != nil {
		t.Fatalf("reading a payload: %v", err)
	}
	return h[0] & 0x0F, p
}

func (c *wsClient) expectText(t *testing.T, want string) {
	t.Helper()
	op, p := c.read(t)
	if op != wsOpText || string(p) != want {
		t.Fatalf("got op %d %q, want text %q", op, p, want)
	}
}

// expectClose reads a close frame with code, then the end of the stream,
// and closes the connection as a client does once the server has closed.
func (c *wsClient) expectClose(t *testing.T, code int) {
	t.Helper()
	op, p := c.read(t)
	if op != wsOpClose || len(p) < 2 || int(binary.BigEndian.Uint16(p)) != code {
		t.Fatalf("got op %d payload %q, want close %d", op, p, code)
	}
	if _, err := c.br.ReadByte(); err != io.EOF {
		t.Fatalf("after the close: %v, want EOF", err)
	}
	c.nc.Close()
}

func closePayload(code int, reason string) []byte {
	return append(binary.BigEndian.AppendUint16(nil, uint16(code)), reason...)
}

func TestWsAcceptKey(t *testing.T) {
	// RFC 6455 §1.3's example.
	if got := wsAccept("dGhlIHNhbXBsZSBub25jZQ=="); got != "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=" {
		t.Fatalf("wsAccept = %q", got)
	}
}

func TestWsHandshakeAndEcho(t *testing.T) {
	e := startWs(t)
	c := dial(t, e.addr, "/chat?room=1", "X-Token: abc")
	if got, want := e.nextConnect(t), "1 /chat token=abc host="+e.addr; got != want {
		t.Fatalf("on_connect saw %q, want %q", got, want)
	}
	c.expectText(t, "welcome") // sent from on_connect, before the 101
	for _, s := range []string{"hello", "", "ünïcødé ✓", strings.Repeat("x", 70000)} {
		c.text(t, s)
		c.expectText(t, s)
	}
	// A fragmented message with a ping between its fragments.
	c.write(t, false, wsOpText, []byte("hel"))
	c.write(t, true, wsOpPing, []byte("are you there"))
	c.write(t, false, wsOpCont, []byte("lo w"))
	c.write(t, true, wsOpCont, []byte("orld"))
	if op, p := c.read(t); op != wsOpPong || string(p) != "are you there" {
		t.Fatalf("got op %d %q, want the pong", op, p)
	}
	c.expectText(t, "hello world")
	// Close handshake: the server echoes the code and on_close sees it.
	c.write(t, true, wsOpClose, closePayload(4000, "bye now"))
	c.expectClose(t, 4000)
	if ev := e.nextClose(t); ev != (wsCloseEv{1, 4000, "bye now"}) {
		t.Fatalf("on_close %+v", ev)
	}
	if r := e.call("Ws.send", vm.Int(1), vm.Str("late")); r.Int() != 1 {
		t.Fatalf("Ws.send to a closed connection = %d, want 1", r.Int())
	}
}

func TestWsRefused(t *testing.T) {
	e := startWs(t)
	resp, _, _ := rawRequest(t, e.addr, upgradeRequest(e.addr, "/deny", "dGhlIHNhbXBsZSBub25jZQ=="))
	if resp.StatusCode != http.StatusForbidden {
		t.Fatalf("refused by on_connect: status %d, want 403", resp.StatusCode)
	}
	e.nextConnect(t)
	resp, _, _ = rawRequest(t, e.addr, upgradeRequest(e.addr, "/crash", "dGhlIHNhbXBsZSBub25jZQ=="))
	if resp.StatusCode != http.StatusInternalServerError {
		t.Fatalf("on_connect panicked: status %d, want 500", resp.StatusCode)
	}
	e.nextConnect(t)
	if !strings.Contains(e.stderr.String(), "panic: connect boom") {
		t.Fatalf("the on_connect panic was not reported: %q", e.stderr.String())
	}
	key := "dGhlIHNhbXBsZSBub25jZQ=="
	cases := []struct {
		name, req string
		status    int
	}{
		{"POST", strings.Replace(upgradeRequest(e.addr, "/", key), "GET", "POST", 1), 400},
		{"no upgrade", strings.Replace(upgradeRequest(e.addr, "/", key), "Upgrade: websocket\r\n", "", 1), 400},
		{"no connection upgrade", strings.Replace(upgradeRequest(e.addr, "/", key), "keep-alive, Upgrade", "keep-alive", 1), 400},
		{"bad key", upgradeRequest(e.addr, "/", "c2hvcnQ="), 400},
		{"version 8", strings.Replace(upgradeRequest(e.addr, "/", key), "Version: 13", "Version: 8", 1), 426},
	}
	for _, tc := range cases {
		resp, _, _ := rawRequest(t, e.addr, tc.req)
		if resp.StatusCode != tc.status {
			t.Errorf("%s: status %d, want %d", tc.name, resp.StatusCode, tc.status)
		}
		if tc.status == 426 && resp.Header.Get("Sec-WebSocket-Version") != "13" {
			t.Errorf("426 without Sec-WebSocket-Version: 13")
		}
	}
	select {
	case s := <-e.connects:
		t.Fatalf("a bad upgrade reached on_connect: %s", s)
	case ev := <-e.closes:
		t.Fatalf("a refused connection reached on_close: %+v", ev)
	default:
	}
}

func TestWsDropIs1006(t *testing.T) {
	e := startWs(t)
	c := dial(t, e.addr, "/")
	c.expectText(t, "welcome")
	c.nc.Close()
	if ev := e.nextClose(t); ev.code != 1006 || ev.reason != "" {
		t.Fatalf("on_close %+v, want 1006", ev)
	}
}

func TestWsProtocolErrors(t *testing.T) {
	e := startWs(t)
	cases := []struct {
		name string
		send func(c *wsClient)
		code int
	}{
		{"unmasked", func(c *wsClient) { c.write(t, true, wsOpText, []byte("hi"), true) }, 1002},
		{"binary", func(c *wsClient) { c.write(t, true, wsOpBinary, []byte{1, 2}) }, 1003},
		{"bad utf-8", func(c *wsClient) { c.write(t, true, wsOpText, []byte{0xff, 0xfe}) }, 1007},
		{"lone continuation", func(c *wsClient) { c.write(t, true, wsOpCont, []byte("x")) }, 1002},
		{"fragmented ping", func(c *wsClient) { c.write(t, false, wsOpPing, nil) }, 1002},
		{"bad close code", func(c *wsClient) { c.write(t, true, wsOpClose, closePayload(1005, "")) }, 1002},
		{"oversize frame", func(c *wsClient) {
			// Only the header: the server refuses on the declared length.
			b := []byte{0x81, 0x80 | 127}
			b = binary.BigEndian.AppendUint64(b, wsMaxMessage+1)
			c.nc.Write(append(b, 1, 2, 3, 4))
		}, 1009},
		{"oversize message", func(c *wsClient) {
			chunk := make([]byte, 4<<20)
			for i := 0; i < 5; i++ {
				c.write(t, false, map[bool]byte{true: wsOpText, false: wsOpCont}[i == 0], chunk)
			}
		}, 1009},
	}
	for _, tc := range cases {
		c := dial(t, e.addr, "/")
		c.expectText(t, "welcome")
		tc.send(c)
		c.expectClose(t, tc.code)
		if ev := e.nextClose(t); ev.code != int64(tc.code) {
			t.Errorf("%s: on_close %+v, want %d", tc.name, ev, tc.code)
		}
	}
}

func TestWsRooms(t *testing.T) {
	e := startWs(t)
	var cs []*wsClient
	for i := 0; i < 3; i++ {
		c := dial(t, e.addr, "/")
		c.expectText(t, "welcome")
		c.text(t, "join r")
		cs = append(cs, c)
	}
	// Make sure all joins ran: each connection handles messages in order.
	for i, c := range cs {
		c.text(t, fmt.Sprint("sync", i))
		c.expectText(t, fmt.Sprint("sync", i))
	}
	a, b, c := cs[0], cs[1], cs[2]
	a.text(t, "all r hi")
	for _, x := range cs {
		x.expectText(t, "hi")
	}
	b.text(t, "others r yo")
	a.expectText(t, "yo")
	c.expectText(t, "yo")
	b.text(t, "mark") // b's next frame is its echo, not "yo"
	b.expectText(t, "mark")
	c.text(t, "leave r")
	c.text(t, "mark")
	c.expectText(t, "mark")
	a.text(t, "all r x")
	a.expectText(t, "x")
	b.expectText(t, "x")
	c.text(t, "mark2")
	c.expectText(t, "mark2") // not "x": c left the room
	// Every connection joined "lobby" in on_connect; closing b leaves it.
	b.write(t, true, wsOpClose, closePayload(1000, ""))
	b.expectClose(t, 1000)
	e.nextClose(t)
	c.text(t, "all lobby z")
	a.expectText(t, "z")
	c.expectText(t, "z")
	if got := len(wsHubOf(e.m).members("lobby", 0)); got != 2 {
		t.Fatalf("lobby has %d members, want 2", got)
	}
	if r := e.call("Ws.join", vm.Int(999), vm.Str("r")); r.Int() != 1 {
		t.Fatalf("Ws.join of an unknown connection = %d, want 1", r.Int())
	}
	if r := e.call("Ws.send", vm.Int(1), vm.Str("\xff")); r.Int() != 2 {
		t.Fatalf("Ws.send of invalid UTF-8 = %d, want 2", r.Int())
	}
}

// TestWsSlowConsumerDropped: a client that stops reading is dropped once
// its send queue stays full for wsSendWait ("send queue full"), while
// another client in the same room receives every broadcast in order.
func TestWsSlowConsumerDropped(t *testing.T) {
	old := wsSendWait
	wsSendWait = 500 * time.Millisecond
	t.Cleanup(func() { wsSendWait = old }) // runs after the server's cleanup
	e := startWs(t)
	fast := dial(t, e.addr, "/")
	fast.expectText(t, "welcome")
	slow := dial(t, e.addr, "/")
	slow.expectText(t, "welcome")
	slow.nc.(*net.TCPConn).SetReadBuffer(4096)
	fast.nc.SetDeadline(time.Now().Add(60 * time.Second))

	const maxMsgs = 20000
	got := make(chan int, 1)
	go func() { // fast reads everything, checking the order
		n := 0
		defer func() { got <- n }()
		for {
			var h [4]byte
			if _, err := io.ReadFull(fast.br, h[:]); err != nil || h[1] != 126 {
				return
			}
			p := make([]byte, binary.BigEndian.Uint16(h[2:]))
			if _, err := io.ReadFull(fast.br, p); err != nil || !strings.HasPrefix(string(p), fmt.Sprintf("%d:", n)) {
				return
			}
			n++
			if strings.Contains(string(p[:min(len(p), 16)]), ":end:") {
				return
			}
		}
	}()
	pad := strings.Repeat("p", 4000)
	sent := 0
	var dropped wsCloseEv
loop:
	for sent < maxMsgs {
		e.call("Ws.broadcast", vm.Str("lobby"), vm.Str(fmt.Sprintf("%d:%s", sent, pad)))
		sent++
		select {
		case dropped = <-e.closes:
			break loop
		default:
		}
	}
	if dropped.code != 1006 || dropped.reason != "send queue full" {
		t.Fatalf("after %d broadcasts: slow client's on_close %+v, want 1006 send queue full", sent, dropped)
	}
	e.call("Ws.broadcast", vm.Str("lobby"), vm.Str(fmt.Sprintf("%d:end:%s", sent, pad)))
	t.Logf("dropped after %d broadcasts", sent)
	if n := <-got; n != sent+1 {
		t.Fatalf("fast client got %d of %d messages", n, sent+1)
	}
	if r := e.call("Ws.send", vm.Int(2), vm.Str("x")); r.Int() != 1 {
		t.Fatalf("Ws.send to the dropped client = %d, want 1", r.Int())
	}
}

// TestWsPingTimeout: the server pings; a peer that answers stays, a
// silent one is dropped with 1006 "ping timeout".
func TestWsPingTimeout(t *testing.T) {
	old := wsPingEvery
	wsPingEvery = 50 * time.Millisecond
	t.Cleanup(func() { wsPingEvery = old }) // runs after the server's cleanup
	e := startWs(t)
	silent := dial(t, e.addr, "/")
	silent.expectText(t, "welcome")
	live := dial(t, e.addr, "/")
	live.expectText(t, "welcome")
	pings := 0
	var dropped wsCloseEv
	for dropped.conn == 0 {
		op, p := live.read(t)
		if op != wsOpPing {
			t.Fatalf("got op %d %q, want a ping", op, p)
		}
		pings++
		live.write(t, true, wsOpPong, p)
		select {
		case dropped = <-e.closes:
		default:
		}
	}
	if dropped != (wsCloseEv{1, 1006, "ping timeout"}) {
		t.Fatalf("on_close %+v, want the silent connection 1 with 1006 ping timeout", dropped)
	}
	// Several intervals later the answering peer is still served.
	for pings < 10 {
		op, p := live.read(t)
		if op == wsOpPing {
			pings++
			live.write(t, true, wsOpPong, p)
		}
	}
	live.text(t, "still here")
	for {
		op, p := live.read(t)
		if op == wsOpText {
			if string(p) != "still here" {
				t.Fatalf("echo %q", p)
			}
			break
		}
		live.write(t, true, wsOpPong, p)
	}
}

func TestWsCallbackPanicIs1011(t *testing.T) {
	e := startWs(t)
	c := dial(t, e.addr, "/")
	c.expectText(t, "welcome")
	c.text(t, "panic")
	c.expectClose(t, 1011)
	if ev := e.nextClose(t); ev.code != 1011 {
		t.Fatalf("on_close %+v, want 1011", ev)
	}
	if !strings.Contains(e.stderr.String(), "panic: boom") {
		t.Fatalf("the panic was not reported: %q", e.stderr.String())
	}
	// The server goes on.
	d := dial(t, e.addr, "/")
	d.expectText(t, "welcome")
	d.text(t, "still here")
	d.expectText(t, "still here")
}

func TestWsShutdownIs1001(t *testing.T) {
	e := startWs(t)
	c := dial(t, e.addr, "/")
	c.expectText(t, "welcome")
	go e.stop() // it waits for the connection to finish; the test's cleanup waits for it
	c.expectClose(t, 1001)
	if ev := e.nextClose(t); ev.code != 1001 {
		t.Fatalf("on_close %+v, want 1001", ev)
	}
}

// TestWsServeKilled runs the Ws.serve native in a process, kills it, and
// checks that clients get 1001, the port is released and no goroutine
// stays behind.
func TestWsServeKilled(t *testing.T) {
	// Ws.serve watches SIGINT/SIGTERM; os/signal's delivery goroutine
	// starts on first use and lives on: start it before counting.
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGUSR2)
	signal.Stop(sig)
	before := runtime.NumGoroutine()
	rt := &wsStartupRuntime{}
	var stderr syncBuf
	prog := &bundle.Program{Funcs: []*bundle.Function{{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}}}}
	m, err := vm.Load(prog, vm.Options{Stdout: io.Discard, Stderr: &stderr, Runtime: rt})
	if err != nil {
		t.Fatal(err)
	}
	e := &wsEnv{m: m, connects: make(chan string, 64), closes: make(chan wsCloseEv, 64)}
	onC, onM, onX := e.callbacks()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	procs := make(chan *process, 1)
	ended := make(chan *vm.PanicError, 1)
	go func() {
		_, perr := m.CallInProcessQuiet(vm.NativeClosure("server", 0, func(p *process, _ []value) value {
			procs <- p
			return wsNative("Ws.serve")(p, []value{onC, onM, onX, vm.Int(int64(port))})
		}))
		ended <- perr
	}()
	p := <-procs
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	var c *wsClient
	deadline := time.Now().Add(wsTestTimeout)
	for c == nil {
		if nc, err := net.Dial("tcp", addr); err == nil {
			nc.Close()
			c = dial(t, addr, "/")
		} else if time.Now().After(deadline) {
			t.Fatal("Ws.serve never listened")
		} else {
			time.Sleep(10 * time.Millisecond)
		}
	}
	c.expectText(t, "welcome")
	if got, want := stderr.String(), fmt.Sprintf("[mesh-rt] WebSocket server listening on [::]:%d\n", port); got != want {
		t.Fatalf("stderr %q, want %q", got, want)
	}
	if n := rt.triggered.Load(); n != 1 {
		t.Fatalf("TriggerStartup called %d times, want 1", n)
	}
	p.Kill("killed")
	c.expectClose(t, 1001)
	select {
	case perr := <-ended:
		if perr == nil || perr.Msg != "killed" {
			t.Fatalf("server process ended with %v, want killed", perr)
		}
	case <-time.After(wsTestTimeout):
		t.Fatal("Ws.serve did not return after the kill")
	}
	if ev := e.nextClose(t); ev.code != 1001 {
		t.Fatalf("on_close %+v, want 1001", ev)
	}
	c.nc.Close()
	if ln, err := net.Listen("tcp", addr); err != nil {
		t.Fatalf("port still bound: %v", err)
	} else {
		ln.Close()
	}
	for deadline := time.Now().Add(wsTestTimeout); runtime.NumGoroutine() > before; {
		if time.Now().After(deadline) {
			buf := make([]byte, 1<<16)
			t.Fatalf("%d goroutines left (before %d):\n%s", runtime.NumGoroutine(), before, buf[:runtime.Stack(buf, true)])
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// BenchmarkWsEcho measures echo round trips through Ws.serve's server over
// loopback: wsBenchConns clients each send a 32-byte text message and wait
// for its echo (on_message calls Ws.send), in parallel. One op is one
// message; msgs/s is the echo throughput.
func BenchmarkWsEcho(b *testing.B) {
	const wsBenchConns = 16
	e := startWs(b)
	payload := []byte(strings.Repeat("m", 32))
	frame := []byte{0x81, 0x80 | byte(len(payload)), 1, 2, 3, 4}
	for i, x := range payload {
		frame = append(frame, x^frame[2+i%4])
	}
	clients := make([]*wsClient, wsBenchConns)
	for i := range clients {
		clients[i] = dial(b, e.addr, "/")
		clients[i].nc.SetDeadline(time.Time{})
		clients[i].read(b) // welcome
	}
	errs := make(chan error, wsBenchConns)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for i, c := range clients {
		n := b.N / wsBenchConns
		if i < b.N%wsBenchConns {
			n++
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := append([]byte{0x81, byte(len(payload))}, payload...)
			got := make([]byte, len(want))
			for k := 0; k < n; k++ {
				if _, err := c.nc.Write(frame); err != nil {
					errs <- err
					return
				}
				if _, err := io.ReadFull(c.br, got); err != nil || !bytes.Equal(got, want) {
					errs <- fmt.Errorf("echo %q: %v", got, err)
					return
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	b.ReportMetric(float64(b.N)/elapsed.Seconds(), "msgs/s")
	for _, c := range clients {
		c.nc.Close()
	}
}

// wsStartupRuntime is a NodeRuntime that counts TriggerStartup calls.
type wsStartupRuntime struct{ triggered atomic.Int32 }

func (r *wsStartupRuntime) Register([]cluster.Work) {}
func (r *wsStartupRuntime) StartFromEnv() (cluster.BootstrapStatus, error) {
	return cluster.BootstrapStatus{}, nil
}
func (r *wsStartupRuntime) AfterMain(context.Context) int { return 0 }
func (r *wsStartupRuntime) TriggerStartup()               { r.triggered.Add(1) }

// TestWsServeBindFailure: a busy port logs the failure, returns () and
// does not start the @cluster startup work.
func TestWsServeBindFailure(t *testing.T) {
	busy, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port
	rt := &wsStartupRuntime{}
	var stderr syncBuf
	prog := &bundle.Program{Funcs: []*bundle.Function{{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}}}}
	m, err := vm.Load(prog, vm.Options{Stdout: io.Discard, Stderr: &stderr, Runtime: rt})
	if err != nil {
		t.Fatal(err)
	}
	var out value
	m.CallInProcess(vm.NativeClosure("t", 0, func(p *process, _ []value) value {
		out = wsNative("Ws.serve")(p, []value{vm.Unit, vm.Unit, vm.Unit, vm.Int(int64(port))})
		return out
	}))
	if out.Kind() != vm.KUnit {
		t.Fatalf("Ws.serve returned %v, want ()", out.Kind())
	}
	if want := fmt.Sprintf("[mesh-rt] Failed to start WebSocket server on [::]:%d: ", port); !strings.HasPrefix(stderr.String(), want) {
		t.Fatalf("stderr %q lacks %q", stderr.String(), want)
	}
	if rt.triggered.Load() != 0 {
		t.Fatal("TriggerStartup called after a failed bind")
	}
}

// BenchmarkWsBroadcast measures Ws.broadcast fan-out over loopback: one
// op is one 64-byte broadcast to a room of wsBenchRoom clients, each of
// which reads every message; deliveries/s counts frames received.
func BenchmarkWsBroadcast(b *testing.B) {
	const wsBenchRoom = 8
	e := startWs(b)
	payload := strings.Repeat("b", 64)
	clients := make([]*wsClient, wsBenchRoom)
	for i := range clients {
		clients[i] = dial(b, e.addr, "/")
		clients[i].nc.SetDeadline(time.Time{})
		clients[i].read(b) // welcome
	}
	bcast := wsNative("Ws.broadcast")
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	errs := make(chan error, wsBenchRoom)
	for _, c := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			want := append([]byte{0x81, byte(len(payload))}, payload...)
			got := make([]byte, len(want))
			for k := 0; k < b.N; k++ {
				if _, err := io.ReadFull(c.br, got); err != nil || !bytes.Equal(got, want) {
					errs <- fmt.Errorf("frame %d %q: %v", k, got, err)
					return
				}
			}
		}()
	}
	e.m.CallInProcess(vm.NativeClosure("bench", 0, func(p *process, _ []value) value {
		room, text := vm.Str("lobby"), vm.Str(payload)
		for i := 0; i < b.N; i++ {
			bcast(p, []value{room, text})
		}
		return vm.Unit
	}))
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	select {
	case err := <-errs:
		b.Fatal(err)
	default:
	}
	b.ReportMetric(float64(b.N*wsBenchRoom)/elapsed.Seconds(), "deliveries/s")
	for _, c := range clients {
		c.nc.Close()
	}
}
