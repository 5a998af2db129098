// Package clustertest runs real node processes (the fakenode stand-in for a
// built clustered scaffold) on loopback ports for process-level cluster
// tests: kill -9, restarts with the journal, wrong cookies.
package clustertest

import (
	"bytes"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"
)

// BuildFakenode builds the fakenode command into dir and returns its path.
// CLUSTERTEST_RACE=1 builds it with the race detector; a node that reports
// a data race then fails the test.
func BuildFakenode(t testing.TB, dir string) string {
	t.Helper()
	out := filepath.Join(dir, "fakenode")
	args := []string{"build", "-o", out}
	env := append(os.Environ(), "CGO_ENABLED=0")
	if os.Getenv("CLUSTERTEST_RACE") == "1" {
		args = append(args, "-race")
		env = append(os.Environ(), "CGO_ENABLED=1")
	}
	cmd := exec.Command("go", append(args, "github.com/mesh-lang/mesh/cluster/clustertest/fakenode")...)
	cmd.Env = env
	if b, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("build fakenode: %v\n%s", err, b)
	}
	return out
}

// FreeDualPort returns a port free for TCP and UDP on 127.0.0.1 and ::1.
func FreeDualPort(t testing.TB) int {
	t.Helper()
	for i := 0; i < 100; i++ {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		p := l.Addr().(*net.TCPAddr).Port
		l.Close()
		ok := true
		var closers []func() error
		for _, a := range []string{"127.0.0.1", "::1"} {
			addr := net.JoinHostPort(a, strconv.Itoa(p))
			tl, err1 := net.Listen("tcp", addr)
			ul, err2 := net.ListenPacket("udp", addr)
			if tl != nil {
				closers = append(closers, tl.Close)
			}
			if ul != nil {
				closers = append(closers, ul.Close)
			}
			if err1 != nil || err2 != nil {
				ok = false
			}
		}
		for _, c := range closers {
			c()
		}
		if ok {
			return p
		}
	}
	t.Fatal("no free dual-stack port")
	return 0
}

// Proc is one running node process.
type Proc struct {
	Name   string
	cmd    *exec.Cmd
	mu     sync.Mutex
	stdout bytes.Buffer
	stderr bytes.Buffer
	stamps []Stamped
	done   chan struct{}
	err    error
}

type lockedWriter struct {
	mu     *sync.Mutex
	b      *bytes.Buffer
	stamps *[]Stamped
}

// Stamped is a chunk of output with its arrival time.
type Stamped struct {
	At   time.Time
	Text string
}

func (w lockedWriter) Write(p []byte) (int, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.stamps != nil {
		*w.stamps = append(*w.stamps, Stamped{time.Now(), string(p)})
	}
	return w.b.Write(p)
}

// StderrSince returns stderr chunks that arrived after t, each prefixed
// with its offset from t (for timing diagnostics).
func (p *Proc) StderrSince(t time.Time) string {
	p.mu.Lock()
	defer p.mu.Unlock()
	var b bytes.Buffer
	for _, s := range p.stamps {
		if s.At.After(t) {
			fmt.Fprintf(&b, "+%v %s", s.At.Sub(t).Round(time.Millisecond), s.Text)
		}
	}
	return b.String()
}

// Start runs bin in dir with env (added to a clean MESH_* environment).
// The process is killed at test cleanup if still running.
func Start(t testing.TB, bin, dir, name string, env ...string) *Proc {
	t.Helper()
	p := &Proc{Name: name, done: make(chan struct{})}
	cmd := exec.Command(bin)
	cmd.Dir = dir
	base := []string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME")}
	cmd.Env = append(base, env...)
	cmd.Stdout = lockedWriter{&p.mu, &p.stdout, nil}
	cmd.Stderr = lockedWriter{&p.mu, &p.stderr, &p.stamps}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p.cmd = cmd
	go func() { p.err = cmd.Wait(); close(p.done) }()
	t.Cleanup(func() {
		p.Signal(syscall.SIGKILL)
		p.Wait(5 * time.Second)
		if strings.Contains(p.Stderr(), "WARNING: DATA RACE") {
			t.Errorf("%s reported a data race", name)
		}
		if t.Failed() {
			t.Logf("%s stdout:\n%s\n%s stderr:\n%s", name, p.Stdout(), name, p.Stderr())
		}
	})
	return p
}

// Signal sends sig to the process.
func (p *Proc) Signal(sig syscall.Signal) { p.cmd.Process.Signal(sig) }

// Wait waits up to d for exit and returns the exit code (-1 if still running).
func (p *Proc) Wait(d time.Duration) int {
	select {
	case <-p.done:
		return p.cmd.ProcessState.ExitCode()
	case <-time.After(d):
		return -1
	}
}

// Stdout / Stderr return what the process wrote so far.
func (p *Proc) Stdout() string { p.mu.Lock(); defer p.mu.Unlock(); return p.stdout.String() }

// Stderr: see Stdout.
func (p *Proc) Stderr() string { p.mu.Lock(); defer p.mu.Unlock(); return p.stderr.String() }

// Eventually polls cond every 100 ms for up to 20 s (CONTRACT 41).
func Eventually(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
