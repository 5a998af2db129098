package std

import (
	"bufio"
	"context"
	"crypto/sha1"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"net/http"
	"os"
	"slices"
	"sort"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"github.com/mesh-lang/mesh/vm"
)

// WebSocket server (§12.16): RFC 6455 on net/http's hijacker. Where the
// spec is silent this follows what production servers do:
//   - on_connect(conn, path, headers): path is the URL path without the
//     query; header names are lower-case ("host" included), repeated
//     headers joined with ", ". Non-zero → 403, a panic → 500, both before
//     the upgrade (on_close is not called for a rejected connection).
//     Ws.send/Ws.join inside on_connect work: frames sent before the 101
//     is written are queued and flushed right after it.
//   - Each connection has one reader goroutine that runs its callbacks one
//     after another, each in a new Mesh process (as HTTP handlers are), so
//     messages of one connection are handled in order.
//   - Binary messages are not supported: close 1003. Invalid UTF-8 text:
//     1007. Protocol errors (unmasked frame, reserved bits, bad opcode,
//     bad control frame, bad close code): 1002. Messages over 16 MiB
//     (after reassembly): 1009. A panic in on_message: 1011. Server
//     shutdown (the serving process killed): 1001.
//   - The server pings every 30 s; a peer silent for 60 s (no frame, not
//     even a pong) is dropped with on_close 1006 "ping timeout".
//   - on_close(conn, code, reason) runs exactly once per accepted
//     connection: the peer's close code and reason (1005 and "" for a
//     close frame without a code), the code the server closed with, or
//     1006 and "" when the TCP connection ended without a close frame.
//     The connection leaves its rooms before on_close runs.
//   - Ws.send, Ws.join, Ws.leave: 0 on success, 1 for an unknown or closed
//     connection; Ws.send and the broadcasts give 2 for text that is not
//     valid UTF-8 (nothing is sent). Ws.broadcast/broadcast_except give 0
//     (the count of receivers is not part of the spec).
//   - Sends do not wait for the network: each connection has a writer
//     goroutine fed by a queue of wsSendQueue frames (0 means queued, in
//     order). Only a full queue makes a sender wait, at most wsSendWait
//     (10 s); a peer that does not drain it in that time, or whose write
//     fails or stalls for 10 s, is dropped; on_close then reports 1006
//     (reason "send queue full" for the former).

const (
	wsGUID         = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"
	wsMaxMessage   = 16 << 20
	wsWriteTimeout = 10 * time.Second
	wsSendQueue    = 1024            // frames queued per connection
	wsCloseWait    = 2 * time.Second // how long to wait for the peer after sending a close
	wsStopWait     = 5 * time.Second // how long shutdown waits for connections to finish
)

// wsSendWait is how long a sender waits on a full send queue before the
// connection is dropped; the server pings every wsPingEvery and drops a
// peer it has heard nothing from (not even a pong) for two intervals.
// Variables so tests can shorten them.
var (
	wsSendWait  = 10 * time.Second
	wsPingEvery = 30 * time.Second
)

var wsPingFrame = wsFrame(wsOpPing, nil)

const (
	wsOpCont   = 0x0
	wsOpText   = 0x1
	wsOpBinary = 0x2
	wsOpClose  = 0x8
	wsOpPing   = 0x9
	wsOpPong   = 0xA
)

const (
	wsPending = iota // accepted by on_connect, 101 not written yet
	wsOpen
	wsClosed // a close frame was sent (or the connection failed): no more writes
)

// wsHub is the per-machine registry of connections and rooms, so Ws.send
// and the broadcasts work from any process.
type wsHub struct {
	mu    sync.Mutex
	next  int64
	conns map[int64]*wsConn
	rooms map[string]map[int64]*wsConn
}

var wsHubs sync.Map // *vm.Machine → *wsHub

func wsHubOf(m *vm.Machine) *wsHub {
	if h, ok := wsHubs.Load(m); ok {
		return h.(*wsHub)
	}
	h, _ := wsHubs.LoadOrStore(m, &wsHub{conns: map[int64]*wsConn{}, rooms: map[string]map[int64]*wsConn{}})
	return h.(*wsHub)
}

func (h *wsHub) add() *wsConn {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.next++
	c := &wsConn{id: h.next, rooms: map[string]struct{}{}}
	h.conns[c.id] = c
	return c
}

func (h *wsHub) get(id int64) *wsConn {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.conns[id]
}

// remove forgets c and takes it out of every room.
func (h *wsHub) remove(c *wsConn) {
	h.mu.Lock()
	defer h.mu.Unlock()
	delete(h.conns, c.id)
	for r := range c.rooms {
		h.leaveLocked(c, r)
	}
}

func (h *wsHub) leaveLocked(c *wsConn, room string) {
	delete(c.rooms, room)
	if m := h.rooms[room]; m != nil {
		delete(m, c.id)
		if len(m) == 0 {
			delete(h.rooms, room)
		}
	}
}

func (h *wsHub) join(id int64, room string) int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.conns[id]
	if c == nil {
		return 1
	}
	m := h.rooms[room]
	if m == nil {
		m = map[int64]*wsConn{}
		h.rooms[room] = m
	}
	m[id] = c
	c.rooms[room] = struct{}{}
	return 0
}

func (h *wsHub) leave(id int64, room string) int64 {
	h.mu.Lock()
	defer h.mu.Unlock()
	c := h.conns[id]
	if c == nil {
		return 1
	}
	h.leaveLocked(c, room)
	return 0
}

// members is a snapshot of room's connections except the one with id skip.
func (h *wsHub) members(room string, skip int64) []*wsConn {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]*wsConn, 0, len(h.rooms[room]))
	for id, c := range h.rooms[room] {
		if id != skip {
			out = append(out, c)
		}
	}
	return out
}

// wsConn is one WebSocket connection.
type wsConn struct {
	id    int64
	rooms map[string]struct{} // guarded by the hub's mu

	wmu       sync.Mutex // guards the fields below
	nc        net.Conn
	rd        *bufio.Reader
	state     int
	pending   [][]byte    // frames sent while wsPending
	q         chan []byte // frames for the writer; closed when state leaves wsOpen
	wdone     chan struct{}
	halfClose bool   // the last queued frame is our close: half-close TCP after it
	sentCode  int    // the close code we sent (0: none)
	sentRsn   string // its reason
	dropRsn   string // why we dropped the connection, if we did
}

// wsFrame encodes one unmasked, final server frame.
func wsFrame(op byte, payload []byte) []byte {
	n := len(payload)
	b := make([]byte, 0, n+10)
	b = append(b, 0x80|op)
	switch {
	case n < 126:
		b = append(b, byte(n))
	case n <= 0xFFFF:
		b = append(b, 126, byte(n>>8), byte(n))
	default:
		b = append(b, 127)
		b = binary.BigEndian.AppendUint64(b, uint64(n))
	}
	return append(b, payload...)
}

func wsCloseFrame(code int, reason string) []byte {
	if code == 0 || code == 1005 {
		return wsFrame(wsOpClose, nil)
	}
	p := binary.BigEndian.AppendUint16(nil, uint16(code))
	if len(reason) > 123 { // control frames carry at most 125 bytes
		reason = reason[:123]
		for !utf8.ValidString(reason) {
			reason = reason[:len(reason)-1]
		}
	}
	return wsFrame(wsOpClose, append(p, reason...))
}

// open starts the writer with the 101 response and the frames queued
// while on_connect ran.
func (c *wsConn) open(nc net.Conn, rd *bufio.Reader, handshake []byte) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	c.nc, c.rd, c.state = nc, rd, wsOpen
	c.q, c.wdone = make(chan []byte, wsSendQueue), make(chan struct{})
	c.q <- handshake
	for _, f := range c.pending {
		if !c.enqueueLocked(f) {
			break
		}
	}
	c.pending = nil
	go c.writer()
}

// writer writes queued frames in order until the queue is closed.
func (c *wsConn) writer() {
	defer close(c.wdone)
	ping := time.NewTicker(wsPingEvery)
	defer ping.Stop()
	broken, closeOut := false, false
	var bufs net.Buffers
	for {
		var f []byte
		select {
		case fr, ok := <-c.q:
			if !ok {
				goto flushed
			}
			f = fr
		case <-ping.C:
			if closeOut {
				continue // nothing may follow our close frame
			}
			f = wsPingFrame
		}
		if broken {
			continue // discard until the reader, seeing the closed conn, stops us
		}
		// Frames queued meanwhile go out in the same system call.
		batch, size, open := append(bufs[:0], f), len(f), true
	gather:
		for len(batch) < 64 && size < 256<<10 {
			select {
			case fr, ok := <-c.q:
				if !ok {
					open = false
					break gather
				}
				batch, size = append(batch, fr), size+len(fr)
			default:
				break gather
			}
		}
		for _, fr := range batch {
			closeOut = closeOut || fr[0] == 0x80|wsOpClose // (the 101 response starts with 'H')
		}
		c.nc.SetWriteDeadline(time.Now().Add(wsWriteTimeout))
		bufs = batch
		if _, err := (&batch).WriteTo(c.nc); err != nil {
			broken = true
			c.nc.Close() // the reader sees the error and reports 1006
		}
		clear(bufs[:cap(bufs)]) // do not keep sent frames alive
		if !open {
			break
		}
	}
flushed:
	c.wmu.Lock()
	half := c.halfClose
	c.wmu.Unlock()
	if half && !broken {
		// Our close frame is out: the peer sees end of stream after it
		// and has wsCloseWait to answer and go.
		if tc, ok := c.nc.(interface{ CloseWrite() error }); ok {
			tc.CloseWrite()
		}
		c.nc.SetReadDeadline(time.Now().Add(wsCloseWait))
	}
}

// stopLocked ends writing: the writer flushes what is queued and exits.
func (c *wsConn) stopLocked(drop string) {
	if c.state == wsOpen {
		c.state = wsClosed
		c.dropRsn = drop
		close(c.q)
	}
}

// enqueueLocked queues frame for the writer. A full queue makes the
// sender wait (back-pressure for bursts) up to wsSendWait; a peer that
// does not drain its queue in that time is dropped rather than stall its
// senders (broadcasts from other connections and actors) again.
func (c *wsConn) enqueueLocked(frame []byte) bool {
	select {
	case c.q <- frame:
		return true
	default:
	}
	t := time.NewTimer(wsSendWait)
	defer t.Stop()
	select {
	case c.q <- frame:
		return true
	case <-t.C:
		c.stopLocked("send queue full")
		c.nc.Close()
		return false
	}
}

// send queues a data or pong frame (before the upgrade: keeps it for
// open); false if the connection is closed or too slow.
func (c *wsConn) send(frame []byte) bool {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	switch c.state {
	case wsPending:
		if len(c.pending) >= wsSendQueue-1 {
			return false
		}
		c.pending = append(c.pending, frame)
		return true
	case wsOpen:
		return c.enqueueLocked(frame)
	}
	return false
}

// closeWith starts the closing handshake from our side: it queues a close
// frame as the last frame; the writer then half-closes TCP and gives the
// reader wsCloseWait to see the peer go. It reports whether this call
// closed the connection. Shutdown passes now: a full queue then drops
// the connection at once instead of waiting for room.
func (c *wsConn) closeWith(code int, reason string, now bool) bool {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	if c.state != wsOpen {
		return false
	}
	c.sentCode, c.sentRsn = code, reason
	frame := wsCloseFrame(code, reason)
	queued := false
	if now {
		select {
		case c.q <- frame:
			queued = true
		default:
			c.stopLocked("")
			c.nc.Close()
		}
	} else {
		queued = c.enqueueLocked(frame)
	}
	if queued {
		c.halfClose = true
		c.stopLocked("")
	}
	// Bounds the wait for the peer even if the writer is stuck.
	c.nc.SetReadDeadline(time.Now().Add(wsWriteTimeout + wsCloseWait))
	return true
}

// finish stops the writer, closes the connection and waits for the writer.
func (c *wsConn) finish() {
	c.wmu.Lock()
	c.stopLocked("")
	c.wmu.Unlock()
	c.nc.Close()
	<-c.wdone
}

// armIdle pushes the read deadline to two ping intervals from now while
// the connection is open (at most every quarter interval: it is cheap
// enough per frame then).
func (c *wsConn) armIdle(last *time.Time) {
	now := time.Now()
	if now.Sub(*last) < wsPingEvery/4 {
		return
	}
	c.wmu.Lock()
	if c.state == wsOpen {
		c.nc.SetReadDeadline(now.Add(2 * wsPingEvery))
		*last = now
	}
	c.wmu.Unlock()
}

// sent returns the close code we sent, if any.
func (c *wsConn) sent() (int, string, bool) {
	c.wmu.Lock()
	defer c.wmu.Unlock()
	return c.sentCode, c.sentRsn, c.sentCode != 0
}

type wsProtoErr struct {
	code   int
	reason string
}

func (e *wsProtoErr) Error() string { return e.reason }

// readFrame reads one client frame; limit bounds a data frame's payload.
func (c *wsConn) readFrame(limit int) (fin bool, op byte, payload []byte, err error) {
	var h [14]byte
	if _, err = io.ReadFull(c.rd, h[:2]); err != nil {
		return
	}
	fin, op = h[0]&0x80 != 0, h[0]&0x0F
	masked := h[1]&0x80 != 0
	n := uint64(h[1] & 0x7F)
	switch n {
	case 126:
		if _, err = io.ReadFull(c.rd, h[2:4]); err != nil {
			return
		}
		n = uint64(binary.BigEndian.Uint16(h[2:4]))
	case 127:
		if _, err = io.ReadFull(c.rd, h[2:10]); err != nil {
			return
		}
		n = binary.BigEndian.Uint64(h[2:10])
	}
	switch {
	case h[0]&0x70 != 0:
		return fin, op, nil, &wsProtoErr{1002, "reserved bits set"}
	case !masked:
		return fin, op, nil, &wsProtoErr{1002, "client frame not masked"}
	case op >= 0x8 && op <= 0xA:
		if !fin || n > 125 {
			return fin, op, nil, &wsProtoErr{1002, "bad control frame"}
		}
	case op > wsOpBinary:
		return fin, op, nil, &wsProtoErr{1002, "unknown opcode"}
	case n > uint64(limit):
		return fin, op, nil, &wsProtoErr{1009, "message too big"}
	}
	var key [4]byte
	if _, err = io.ReadFull(c.rd, key[:]); err != nil {
		return
	}
	// The buffer grows with the bytes that actually arrive, so a peer that
	// declares a huge frame and sends it slowly cannot make us allocate
	// it all up front.
	const chunk = 64 << 10
	payload = make([]byte, 0, min(n, chunk))
	for uint64(len(payload)) < n {
		k := int(min(n-uint64(len(payload)), chunk))
		payload = slices.Grow(payload, k)
		if _, err = io.ReadFull(c.rd, payload[len(payload):len(payload)+k]); err != nil {
			return
		}
		payload = payload[:len(payload)+k]
	}
	for i := range payload {
		payload[i] ^= key[i&3]
	}
	return fin, op, payload, nil
}

// wsServer is one Ws.serve call: its callbacks and live connections.
type wsServer struct {
	m                             *vm.Machine
	hub                           *wsHub
	onConnect, onMessage, onClose value

	mu      sync.Mutex
	closing bool
	live    map[*wsConn]struct{}
	wg      sync.WaitGroup
	srv     *http.Server
}

func newWsServer(m *vm.Machine, onConnect, onMessage, onClose value) *wsServer {
	s := &wsServer{m: m, hub: wsHubOf(m), onConnect: onConnect, onMessage: onMessage, onClose: onClose, live: map[*wsConn]struct{}{}}
	s.srv = &http.Server{Handler: s, ReadHeaderTimeout: 30 * time.Second, IdleTimeout: 30 * time.Second,
		MaxHeaderBytes: 64 << 10, ErrorLog: log.New(io.Discard, "", 0)}
	return s
}

// serve accepts connections on ln until shutdown (or a listener error).
func (s *wsServer) serve(ln net.Listener) error {
	err := s.srv.Serve(ln)
	if errors.Is(err, http.ErrServerClosed) {
		return nil
	}
	return err
}

// shutdown stops accepting, closes every connection with 1001 and waits
// (bounded) until their on_close callbacks have run.
func (s *wsServer) shutdown() {
	s.mu.Lock()
	s.closing = true
	conns := make([]*wsConn, 0, len(s.live))
	for c := range s.live {
		conns = append(conns, c)
	}
	s.mu.Unlock()
	s.srv.Close()
	for _, c := range conns {
		if !c.closeWith(1001, "server shutting down", true) {
			c.wmu.Lock()
			if c.nc != nil {
				c.nc.SetReadDeadline(time.Now().Add(wsCloseWait))
			}
			c.wmu.Unlock()
		}
	}
	done := make(chan struct{})
	go func() { s.wg.Wait(); close(done) }()
	t := time.NewTimer(wsStopWait)
	defer t.Stop()
	select {
	case <-done:
	case <-t.C:
	}
}

func (s *wsServer) track(c *wsConn) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closing {
		return false
	}
	s.wg.Add(1)
	s.live[c] = struct{}{}
	return true
}

func (s *wsServer) untrack(c *wsConn) {
	s.mu.Lock()
	delete(s.live, c)
	s.mu.Unlock()
	s.wg.Done()
}

// checkUpgrade validates an RFC 6455 opening handshake: 0 if fine, else
// the HTTP status to refuse it with.
func wsCheckUpgrade(r *http.Request) (int, string) {
	hasToken := func(name, tok string) bool {
		for _, v := range r.Header.Values(name) {
			for _, t := range strings.Split(v, ",") {
				if strings.EqualFold(strings.TrimSpace(t), tok) {
					return true
				}
			}
		}
		return false
	}
	switch {
	case r.Method != http.MethodGet:
		return http.StatusBadRequest, "websocket upgrade needs GET"
	case !r.ProtoAtLeast(1, 1):
		return http.StatusBadRequest, "websocket upgrade needs HTTP/1.1"
	case !hasToken("Upgrade", "websocket"):
		return http.StatusBadRequest, "missing Upgrade: websocket"
	case !hasToken("Connection", "upgrade"):
		return http.StatusBadRequest, "missing Connection: upgrade"
	case r.Header.Get("Sec-WebSocket-Version") != "13":
		return http.StatusUpgradeRequired, "unsupported Sec-WebSocket-Version"
	}
	key, err := base64.StdEncoding.DecodeString(r.Header.Get("Sec-WebSocket-Key"))
	if err != nil || len(key) != 16 {
		return http.StatusBadRequest, "bad Sec-WebSocket-Key"
	}
	return 0, ""
}

// wsAccept is the Sec-WebSocket-Accept value for a key (RFC 6455 §4.2.2).
func wsAccept(key string) string {
	sum := sha1.Sum([]byte(key + wsGUID))
	return base64.StdEncoding.EncodeToString(sum[:])
}

// wsHeaders is the request's headers as a Map<String, String>.
func wsHeaders(r *http.Request) value {
	hs := map[string]string{}
	for k, vs := range r.Header {
		hs[strings.ToLower(k)] = strings.Join(vs, ", ")
	}
	if r.Host != "" {
		hs["host"] = r.Host
	}
	names := make([]string, 0, len(hs))
	for k := range hs {
		names = append(names, k)
	}
	sort.Strings(names)
	keys := make([]value, len(names))
	vals := make([]value, len(names))
	for i, k := range names {
		keys[i], vals[i] = vm.Str(k), vm.Str(hs[k])
	}
	return vm.NewMap(keys, vals)
}

func (s *wsServer) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if status, msg := wsCheckUpgrade(r); status != 0 {
		if status == http.StatusUpgradeRequired {
			w.Header().Set("Sec-WebSocket-Version", "13")
		}
		http.Error(w, msg, status)
		return
	}
	c := s.hub.add()
	if !s.track(c) {
		s.hub.remove(c)
		http.Error(w, "server shutting down", http.StatusServiceUnavailable)
		return
	}
	defer s.untrack(c)
	v, perr := s.m.CallInProcess(s.onConnect, vm.Int(c.id), vm.Str(r.URL.Path), wsHeaders(r))
	reject := func(status int, msg string) {
		s.hub.remove(c)
		http.Error(w, msg, status)
	}
	switch {
	case perr != nil:
		reject(http.StatusInternalServerError, "Internal Server Error")
		return
	case v.Kind() != vm.KInt || v.Int() != 0:
		reject(http.StatusForbidden, "Forbidden")
		return
	}
	s.mu.Lock()
	closing := s.closing
	s.mu.Unlock()
	if closing {
		reject(http.StatusServiceUnavailable, "server shutting down")
		return
	}
	nc, brw, err := http.NewResponseController(w).Hijack()
	if err != nil {
		s.hub.remove(c)
		return
	}
	nc.SetDeadline(time.Time{})
	c.open(nc, brw.Reader, []byte("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: "+
		wsAccept(r.Header.Get("Sec-WebSocket-Key"))+"\r\n\r\n"))
	s.mu.Lock()
	if s.closing { // shutdown ran while we upgraded: it did not see c open
		s.mu.Unlock()
		c.closeWith(1001, "server shutting down", true)
	} else {
		s.mu.Unlock()
	}
	code, reason := s.readLoop(c)
	c.finish()
	if code == 1006 && reason == "" {
		c.wmu.Lock()
		reason = c.dropRsn
		c.wmu.Unlock()
	}
	s.hub.remove(c)
	s.m.CallInProcess(s.onClose, vm.Int(c.id), vm.Int(int64(code)), vm.Str(reason))
}

// validCloseCode reports whether a peer may send code (RFC 6455 §7.4).
func validCloseCode(code int) bool {
	switch {
	case code >= 1000 && code <= 1003, code >= 1007 && code <= 1014, code >= 3000 && code <= 4999:
		return true
	}
	return false
}

// readLoop handles c's frames until the connection ends and returns the
// code and reason on_close gets.
func (s *wsServer) readLoop(c *wsConn) (int, string) {
	var (
		msg   []byte // fragments of the message being received
		inMsg bool
	)
	// finish drains what the peer still sends after our close frame (so
	// closing does not reset the connection under it), then reports.
	finish := func() (int, string) {
		io.Copy(io.Discard, c.rd)
		code, reason, _ := c.sent()
		return code, reason
	}
	fail := func(code int, reason string) (int, string) {
		if !c.closeWith(code, reason, false) {
			if code, reason, ok := c.sent(); ok {
				return code, reason
			}
			return 1006, ""
		}
		return finish()
	}
	var armed time.Time
	for {
		c.armIdle(&armed)
		fin, op, payload, err := c.readFrame(wsMaxMessage - len(msg))
		if _, _, ok := c.sent(); ok {
			// We already closed (shutdown, failed write): wait for the
			// peer's close or its end of the connection.
			if err == nil && op != wsOpClose {
				continue
			}
			return finish()
		}
		if err != nil {
			var pe *wsProtoErr
			if errors.As(err, &pe) {
				return fail(pe.code, pe.reason)
			}
			if errors.Is(err, os.ErrDeadlineExceeded) {
				return 1006, "ping timeout"
			}
			return 1006, ""
		}
		switch op {
		case wsOpPing:
			c.send(wsFrame(wsOpPong, payload))
			continue
		case wsOpPong:
			continue
		case wsOpClose:
			code, reason := 1005, ""
			switch {
			case len(payload) == 1:
				return fail(1002, "bad close frame")
			case len(payload) >= 2:
				code, reason = int(binary.BigEndian.Uint16(payload)), string(payload[2:])
				if !validCloseCode(code) {
					return fail(1002, "bad close code")
				}
				if !utf8.ValidString(reason) {
					return fail(1007, "close reason is not UTF-8")
				}
			}
			// Echo the close; the reply keeps the peer's code.
			if c.closeWith(code, reason, false) {
				finish()
			}
			return code, reason
		case wsOpCont:
			if !inMsg {
				return fail(1002, "continuation without a message")
			}
		default: // text or binary starts a message
			if inMsg {
				return fail(1002, "new message inside a fragmented one")
			}
			if op == wsOpBinary {
				return fail(1003, "binary messages are not supported")
			}
			inMsg, msg = true, msg[:0]
		}
		if !fin {
			msg = append(msg, payload...)
			continue
		}
		inMsg = false
		data := payload // a single-frame message needs no reassembly
		if len(msg) > 0 {
			data = append(msg, payload...)
			msg = msg[:0]
			if cap(msg) > 64<<10 { // do not keep a huge buffer alive between messages
				msg = nil
			}
		}
		if !utf8.Valid(data) {
			return fail(1007, "invalid UTF-8 text")
		}
		text := string(data)
		if _, perr := s.m.CallInProcess(s.onMessage, vm.Int(c.id), vm.Str(text)); perr != nil {
			return fail(1011, "internal error")
		}
	}
}

// wsSendCode sends text to c: 0 sent, 1 unknown/closed connection.
func wsSendCode(c *wsConn, frame []byte) int64 {
	if c == nil || !c.send(frame) {
		return 1
	}
	return 0
}

func init() {
	reg("Ws.serve", func(t *process, a []value) value {
		port := a[3].Int()
		m := t.Machine()
		ln, err := net.Listen("tcp", fmt.Sprintf(":%d", port))
		if err != nil {
			m.ErrOutput(fmt.Sprintf("[mesh-rt] Failed to start WebSocket server on [::]:%d: %v\n", port, err))
			return vm.Unit
		}
		if a, ok := ln.Addr().(*net.TCPAddr); ok {
			port = int64(a.Port) // port 0 asks for any free port: log the one bound
		}
		m.ErrOutput(fmt.Sprintf("[mesh-rt] WebSocket server listening on [::]:%d\n", port))
		if st, ok := m.Options().Runtime.(vm.StartupTrigger); ok {
			st.TriggerStartup() // @cluster startup work starts once the server is up
		}
		s := newWsServer(m, a[0], a[1], a[2])
		// SIGINT/SIGTERM: close every connection with 1001, let on_close
		// run, return (exit 0), as HTTP.serve does.
		_, release := stopOnSignal(m, fmt.Sprintf("[mesh-rt] WebSocket server on [::]:%d stopping: closing connections\n", port),
			func(context.Context) { s.shutdown() })
		defer release()
		done := make(chan struct{})
		var serr error
		go func() {
			defer close(done)
			serr = s.serve(ln)
		}()
		killed := !t.AwaitOrKilled(done)
		s.shutdown()
		<-done
		if killed {
			t.CheckKilled()
		}
		if serr != nil {
			m.ErrOutput(fmt.Sprintf("[mesh-rt] WebSocket server on [::]:%d stopped: %v\n", port, serr))
		}
		return vm.Unit
	})
	reg("Ws.send", func(t *process, a []value) value {
		text := a[1].Str()
		if !utf8.ValidString(text) {
			return vm.Int(2)
		}
		c := wsHubOf(t.Machine()).get(a[0].Int())
		return vm.Int(wsSendCode(c, wsFrame(wsOpText, []byte(text))))
	})
	reg("Ws.join", func(t *process, a []value) value {
		return vm.Int(wsHubOf(t.Machine()).join(a[0].Int(), a[1].Str()))
	})
	reg("Ws.leave", func(t *process, a []value) value {
		return vm.Int(wsHubOf(t.Machine()).leave(a[0].Int(), a[1].Str()))
	})
	broadcast := func(t *process, room, text string, skip int64) value {
		if !utf8.ValidString(text) {
			return vm.Int(2)
		}
		frame := wsFrame(wsOpText, []byte(text))
		for _, c := range wsHubOf(t.Machine()).members(room, skip) {
			c.send(frame)
		}
		return vm.Int(0)
	}
	reg("Ws.broadcast", func(t *process, a []value) value { return broadcast(t, a[0].Str(), a[1].Str(), 0) })
	reg("Ws.broadcast_except", func(t *process, a []value) value {
		return broadcast(t, a[0].Str(), a[1].Str(), a[2].Int())
	})
}
