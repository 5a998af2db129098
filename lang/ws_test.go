package lang_test

import (
	"bufio"
	"crypto/rand"
	"encoding/base64"
	"encoding/binary"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/vm"
)

// chatSrc is a small chat server: every connection with an x-user header
// joins the room "chat"; messages go to the others as "user-id: text" and
// are acknowledged to the sender; "/whoami" answers only the sender;
// "/crash" panics in on_message. on_close prints what it got.
const chatSrc = `
fn on_connect(conn :: Int, path :: String, headers :: Map<String, String>) -> Int do
  let user = Map.get(headers, "x-user")
  if path != "/chat" || user == "" do
    1
  else
    Ws.join(conn, "chat")
    Ws.broadcast_except("chat", "#{user} joined", conn)
    Ws.send(conn, "welcome #{user}")
    0
  end
end

fn on_message(conn :: Int, text :: String) -> () do
  let _r = if text == "/whoami" do
    Ws.send(conn, "you are #{conn}")
  else if text == "/crash" do
    let empty :: List<Int> = []
    List.head(empty)
  else
    Ws.broadcast_except("chat", "#{conn}: #{text}", conn)
    Ws.send(conn, "ok")
  end
  ()
end

fn on_close(conn :: Int, code :: Int, reason :: String) -> () do
  println("closed #{conn} #{code} #{reason}")
  Ws.broadcast("chat", "#{conn} left")
  ()
end

actor server() do
  Process.register("server", self())
  Ws.serve(on_connect, on_message, on_close, Env.get_int("MESH_WS_TEST_PORT", 0))
end

fn main() do
  spawn(server)
end
`

type lockedBuf struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedBuf) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuf) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// chatClient is a minimal masked-frame WebSocket client.
type chatClient struct {
	nc net.Conn
	br *bufio.Reader
}

func chatDial(t *testing.T, addr, path, user string) (*chatClient, int) {
	t.Helper()
	nc, err := net.DialTimeout("tcp", addr, 10*time.Second)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { nc.Close() })
	nc.SetDeadline(time.Now().Add(20 * time.Second))
	var k [16]byte
	rand.Read(k[:])
	fmt.Fprintf(nc, "GET %s HTTP/1.1\r\nHost: %s\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: %s\r\nSec-WebSocket-Version: 13\r\nX-User: %s\r\n\r\n",
		path, addr, base64.StdEncoding.EncodeToString(k[:]), user)
	br := bufio.NewReader(nc)
	resp, err := http.ReadResponse(br, nil)
	if err != nil {
		t.Fatal(err)
	}
	return &chatClient{nc, br}, resp.StatusCode
}

func (c *chatClient) frame(t *testing.T, op byte, payload []byte) {
	t.Helper()
	b := []byte{0x80 | op, 0x80 | byte(len(payload)), 9, 8, 7, 6} // payloads stay < 126 bytes here
	for i, x := range payload {
		b = append(b, x^b[2+i%4])
	}
	if _, err := c.nc.Write(b); err != nil {
		t.Fatal(err)
	}
}

func (c *chatClient) read(t *testing.T) (byte, string) {
	t.Helper()
	var h [2]byte
	if _, err := io.ReadFull(c.br, h[:]); err != nil {
		t.Fatalf("read: %v", err)
	}
	n := int(h[1] & 0x7F)
	if n >= 126 {
		t.Fatalf("unexpected long frame")
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(c.br, p); err != nil {
		t.Fatal(err)
	}
	return h[0] & 0x0F, string(p)
}

func (c *chatClient) expect(t *testing.T, want string) {
	t.Helper()
	if op, got := c.read(t); op != 1 || got != want {
		t.Fatalf("got op %d %q, want %q", op, got, want)
	}
}

func (c *chatClient) expectClose(t *testing.T, code int) {
	t.Helper()
	op, p := c.read(t)
	if op != 8 || len(p) < 2 || int(binary.BigEndian.Uint16([]byte(p))) != code {
		t.Fatalf("got op %d %q, want close %d", op, p, code)
	}
	c.nc.Close()
}

// TestWsChatEndToEnd compiles a Mesh chat server using Ws.serve and its
// rooms, drives it with three clients over loopback, then kills the
// serving actor: the remaining client gets 1001 and Run returns 0.
func TestWsChatEndToEnd(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.mpl"), []byte(chatSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	p, _, err := build(script{name: "chat", root: dir, files: []string{"main.mpl"}, entry: "main.mpl"})
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	ln.Close()
	t.Setenv("MESH_WS_TEST_PORT", strconv.Itoa(port))
	var stdout, stderr lockedBuf
	m, err := vm.Load(p, vm.Options{Stdout: &stdout, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	ran := make(chan int, 1)
	go func() { ran <- m.Run() }()
	addr := fmt.Sprintf("127.0.0.1:%d", port)
	for deadline := time.Now().Add(20 * time.Second); !strings.Contains(stderr.String(), "WebSocket server listening"); {
		if time.Now().After(deadline) {
			t.Fatalf("server did not start; stderr %q", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	if want := fmt.Sprintf("[mesh-rt] WebSocket server listening on [::]:%d\n", port); stderr.String() != want {
		t.Fatalf("stderr %q, want %q", stderr.String(), want)
	}
	if _, status := chatDial(t, addr, "/chat", ""); status != http.StatusForbidden {
		t.Fatalf("no user: status %d, want 403", status)
	}
	if _, status := chatDial(t, addr, "/other", "ann"); status != http.StatusForbidden {
		t.Fatalf("wrong path: status %d, want 403", status)
	}
	ann, status := chatDial(t, addr, "/chat", "ann")
	if status != http.StatusSwitchingProtocols {
		t.Fatalf("status %d", status)
	}
	ann.expect(t, "welcome ann")
	bob, _ := chatDial(t, addr, "/chat", "bob")
	bob.expect(t, "welcome bob")
	ann.expect(t, "bob joined")
	cat, _ := chatDial(t, addr, "/chat", "cat")
	cat.expect(t, "welcome cat")
	ann.expect(t, "cat joined")
	bob.expect(t, "cat joined")

	ann.frame(t, 1, []byte("/whoami"))
	_, who := ann.read(t)
	annID := strings.TrimPrefix(who, "you are ")
	ann.frame(t, 1, []byte("hi all"))
	ann.expect(t, "ok")
	bob.expect(t, annID+": hi all")
	cat.expect(t, annID+": hi all")

	bob.frame(t, 1, []byte("/whoami"))
	_, who = bob.read(t)
	bobID := strings.TrimPrefix(who, "you are ")
	cat.frame(t, 1, []byte("/whoami"))
	_, who = cat.read(t)
	catID := strings.TrimPrefix(who, "you are ")

	// bob closes cleanly; the others hear about it from on_close.
	bob.frame(t, 8, append(binary.BigEndian.AppendUint16(nil, 1000), "bye"...))
	bob.expectClose(t, 1000)
	ann.expect(t, bobID+" left")
	cat.expect(t, bobID+" left")
	// A panic in cat's on_message closes only cat, with 1011.
	cat.frame(t, 1, []byte("/crash"))
	cat.expectClose(t, 1011)
	ann.expect(t, catID+" left")
	ann.frame(t, 1, []byte("anyone?"))
	ann.expect(t, "ok")
	if !strings.Contains(stderr.String(), "panic: ") {
		t.Errorf("the on_message panic was not reported: %q", stderr.String())
	}

	// Killing the serving actor closes ann with 1001; then the program ends.
	srv := m.Whereis("server")
	if srv == nil {
		t.Fatal("the server actor is not registered")
	}
	srv.Kill("killed")
	ann.expectClose(t, 1001)
	select {
	case code := <-ran:
		if code != 0 {
			t.Errorf("Run returned %d, want 0", code)
		}
	case <-time.After(20 * time.Second):
		t.Fatal("Run did not return after main was killed")
	}
	out := stdout.String()
	for _, want := range []string{
		"closed " + bobID + " 1000 bye\n",
		"closed " + catID + " 1011 internal error\n",
		"closed " + annID + " 1001 server shutting down\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("stdout lacks %q:\n%s", want, out)
		}
	}
	if n := strings.Count(out, "closed "); n != 3 {
		t.Errorf("on_close ran %d times, want 3:\n%s", n, out)
	}
}
