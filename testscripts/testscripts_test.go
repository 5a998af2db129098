// Package testscripts runs the end-to-end scripts (*.txtar) against the real
// meshc binary. TestMain builds meshc once (CGO_ENABLED=0, like a release)
// and puts it first on PATH; testscript's RunMain is not used because a
// registered `meshc` would be this test binary and `meshc build` would
// append bundles to it. See README.md for the script helper commands.
package testscripts

import (
	"debug/elf"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/rogpeppe/go-internal/testscript"
)

var binDir, examplesDir string

func TestMain(m *testing.M) {
	os.Exit(mainWithBinary(m))
}

func mainWithBinary(m *testing.M) int {
	dir, err := os.MkdirTemp("", "meshc-testscripts-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(dir)
	binDir = dir
	if examplesDir, err = filepath.Abs("../examples"); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	cmd := exec.Command("go", "build", "-o", filepath.Join(dir, "meshc"), "./cmd/meshc")
	cmd.Dir = ".."
	cmd.Env = append(os.Environ(), "CGO_ENABLED=0")
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "building meshc:", err)
		return 1
	}
	return m.Run()
}

func params(files []string) testscript.Params {
	return testscript.Params{
		Files: files,
		Setup: func(env *testscript.Env) error {
			env.Setenv("PATH", binDir+string(os.PathListSeparator)+os.Getenv("PATH"))
			env.Setenv("MESHC", filepath.Join(binDir, "meshc"))
			env.Setenv("EXAMPLES", examplesDir)
			// Scripts must not inherit a developer's cluster environment.
			for _, k := range []string{"MESH_CLUSTER_COOKIE", "MESH_NODE_NAME", "MESH_DISCOVERY_SEED",
				"MESH_NODE_HOST", "MESH_CLUSTER_PORT", "MESH_CONTINUITY_ROLE",
				"MESH_CONTINUITY_PROMOTION_EPOCH", "MESH_STATE_DIR"} {
				env.Setenv(k, "")
			}
			return nil
		},
		Condition: condition,
		Cmds: map[string]func(*testscript.TestScript, bool, []string){
			"freeport": cmdFreeport,
			"waitfor":  cmdWaitfor,
			"mutate":   cmdMutate,
			"exits":    cmdExits,
			"start":    cmdStart,
			"signal":   cmdSignal,
			"await":    cmdAwait,
			"pgstart":  cmdPgstart,
		},
	}
}

func scripts(t *testing.T, cluster bool) []string {
	all, err := filepath.Glob("*.txtar")
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range all {
		if strings.HasPrefix(f, "cluster_") == cluster {
			out = append(out, f)
		}
	}
	return out
}

// TestScripts runs the toolchain scripts in parallel.
func TestScripts(t *testing.T) {
	files := scripts(t, false)
	if len(files) == 0 {
		t.Fatal("no scripts")
	}
	testscript.Run(t, params(files))
}

// TestClusterScripts runs cluster_*.txtar one at a time: nodes detect
// failures by timing, and two busy cores would fake them (CONTRACT 41).
func TestClusterScripts(t *testing.T) {
	files := scripts(t, true)
	if len(files) == 0 {
		return // none written yet
	}
	p := params(files)
	if d, ok := t.Deadline(); ok {
		p.Deadline = d
	}
	testscript.RunT(serialT{t}, p)
}

// serialT is testscript.T without Parallel.
type serialT struct{ *testing.T }

func (serialT) Parallel()     {}
func (serialT) Verbose() bool { return testing.Verbose() }
func (t serialT) Run(name string, f func(testscript.T)) {
	t.T.Run(name, func(t *testing.T) { f(serialT{t}) })
}

// condition adds [ipv6]: the ::1 loopback can be bound.
func condition(cond string) (bool, error) {
	switch cond {
	case "postgres":
		return postgresAvailable(), nil
	case "ipv6":
		l, err := net.Listen("tcp6", "[::1]:0")
		if err != nil {
			return false, nil
		}
		l.Close()
		return true, nil
	}
	return false, fmt.Errorf("unknown condition %q", cond)
}

// cmdFreeport: freeport VAR... sets each VAR to a distinct loopback port
// that is free for TCP and UDP on 127.0.0.1 (and on ::1 when available).
func cmdFreeport(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) == 0 {
		ts.Fatalf("usage: freeport VAR...")
	}
	used := map[int]bool{}
	for _, v := range args {
		port, err := freePort(used)
		ts.Check(err)
		used[port] = true
		ts.Setenv(v, strconv.Itoa(port))
	}
}

func freePort(used map[int]bool) (int, error) {
	for range 50 {
		l, err := net.Listen("tcp4", "127.0.0.1:0")
		if err != nil {
			return 0, err
		}
		port := l.Addr().(*net.TCPAddr).Port
		l.Close()
		if used[port] || !bindable(port) {
			continue
		}
		return port, nil
	}
	return 0, errors.New("freeport: no free port found")
}

func bindable(port int) bool {
	p := strconv.Itoa(port)
	checks := [][2]string{{"tcp4", "127.0.0.1:" + p}, {"udp4", "127.0.0.1:" + p}}
	if ok, _ := condition("ipv6"); ok {
		checks = append(checks, [2]string{"tcp6", "[::1]:" + p}, [2]string{"udp6", "[::1]:" + p})
	}
	for _, c := range checks {
		if strings.HasPrefix(c[0], "tcp") {
			l, err := net.Listen(c[0], c[1])
			if err != nil {
				return false
			}
			l.Close()
		} else {
			pc, err := net.ListenPacket(c[0], c[1])
			if err != nil {
				return false
			}
			pc.Close()
		}
	}
	return true
}

// cmdWaitfor polls until something matches, or fails at the deadline
// (default 20 s, CONTRACT 41):
//
//	waitfor [-t SECS] file PATH REGEXP       the file's content matches
//	waitfor [-t SECS] exec REGEXP CMD ARGS... the command's stdout matches
//	                                          (its exit status is ignored)
//
// With `!` it waits until the pattern no longer matches.
func cmdWaitfor(ts *testscript.TestScript, neg bool, args []string) {
	timeout := 20 * time.Second
	if len(args) >= 2 && args[0] == "-t" {
		secs, err := strconv.ParseFloat(args[1], 64)
		ts.Check(err)
		timeout = time.Duration(secs * float64(time.Second))
		args = args[2:]
	}
	if len(args) < 3 || (args[0] != "file" && args[0] != "exec") {
		ts.Fatalf("usage: waitfor [-t SECS] file PATH REGEXP | waitfor [-t SECS] exec REGEXP CMD ARGS...")
	}
	var re *regexp.Regexp
	var probe func() string
	if args[0] == "file" {
		re = regexp.MustCompile("(?m)" + args[2])
		path := ts.MkAbs(args[1])
		probe = func() string {
			b, _ := os.ReadFile(path)
			return string(b)
		}
	} else {
		re = regexp.MustCompile("(?m)" + args[1])
		name, cargs := args[2], args[3:]
		probe = func() string {
			// ts.Exec runs with the script's environment and directory.
			_ = execRetry(ts, name, cargs...)
			return ts.ReadFile("stdout")
		}
	}
	deadline := time.Now().Add(timeout)
	var last string
	for {
		last = probe()
		if re.MatchString(last) != neg {
			return
		}
		if time.Now().After(deadline) {
			ts.Logf("last output:\n%s", last)
			if neg {
				ts.Fatalf("waitfor: %q still matches after %v", re, timeout)
			}
			ts.Fatalf("waitfor: no match for %q after %v", re, timeout)
		}
		time.Sleep(200 * time.Millisecond)
	}
}

// cmdMutate damages a built node binary for the corrupt-bundle scripts:
//
//	mutate FILE truncate N   drop the last N bytes
//	mutate FILE flip N       invert the byte N bytes before the end
//	mutate FILE append N     add N zero bytes
func cmdMutate(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 3 {
		ts.Fatalf("usage: mutate FILE truncate|flip|append N")
	}
	path := ts.MkAbs(args[0])
	n, err := strconv.Atoi(args[2])
	ts.Check(err)
	b, err := os.ReadFile(path)
	ts.Check(err)
	if n < 0 || n > len(b) {
		ts.Fatalf("mutate: %d out of range for %d bytes", n, len(b))
	}
	switch args[1] {
	case "truncate":
		b = b[:len(b)-n]
	case "flip":
		if n == 0 {
			ts.Fatalf("mutate: flip needs N >= 1")
		}
		b[len(b)-n] ^= 0xff
	case "append":
		b = append(b, make([]byte, n)...)
	default:
		ts.Fatalf("mutate: unknown mode %q", args[1])
	}
	ts.Check(os.WriteFile(path, b, 0o755))
}

// execRetry is ts.Exec that retries "text file busy": a binary written by
// this test process (cp, mutate) can briefly be held open for writing by a
// child forked concurrently for another script, and exec then fails.
func execRetry(ts *testscript.TestScript, name string, args ...string) error {
	for i := 0; ; i++ {
		err := ts.Exec(name, args...)
		if !errors.Is(err, syscall.ETXTBSY) || i == 50 {
			return err
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// cmdExits: exits N CMD ARGS... runs CMD like exec and requires exit status
// N; stdout and stderr are kept for the following assertions.
func cmdExits(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: exits N CMD ARGS...")
	}
	want, err := strconv.Atoi(args[0])
	ts.Check(err)
	got := 0
	if err := execRetry(ts, args[1], args[2:]...); err != nil {
		var ee *exec.ExitError
		if !errors.As(err, &ee) {
			ts.Fatalf("exits: %v", err)
		}
		got = ee.ExitCode()
	}
	if got != want {
		ts.Fatalf("exit status %d, want %d", got, want)
	}
}

// Background processes started by `start`, per script.
var (
	procsMu sync.Mutex
	procs   = map[*testscript.TestScript]map[string]*proc{}
)

type proc struct {
	cmd  *exec.Cmd
	log  *os.File
	done chan struct{}
	err  error
}

func lookupProc(ts *testscript.TestScript, name string) *proc {
	procsMu.Lock()
	defer procsMu.Unlock()
	p := procs[ts][name]
	if p == nil {
		ts.Fatalf("no process %q (start it with: start %s CMD ARGS...)", name, name)
	}
	return p
}

// cmdStart: start NAME CMD ARGS... runs CMD in the background in the
// current directory with the script's environment; stdout and stderr go to
// NAME.log there, so they can be polled with `waitfor file NAME.log RE`
// while it runs. Left-over processes are killed when the script ends.
// (It reads the environment by running `env -0`, so it resets stdout.)
func cmdStart(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) < 2 {
		ts.Fatalf("usage: start NAME CMD ARGS...")
	}
	name := args[0]
	procsMu.Lock()
	_, dup := procs[ts][name]
	procsMu.Unlock()
	if dup {
		ts.Fatalf("process %q already started", name)
	}
	ts.Check(ts.Exec("env", "-0"))
	var env []string
	for _, kv := range strings.Split(ts.ReadFile("stdout"), "\x00") {
		if kv != "" {
			env = append(env, kv)
		}
	}
	log, err := os.Create(ts.MkAbs(name + ".log"))
	ts.Check(err)
	cmd := exec.Command(lookPath(ts, args[1]), args[2:]...)
	cmd.Dir = ts.MkAbs(".")
	cmd.Env = env
	cmd.Stdout, cmd.Stderr = log, log
	if err := cmd.Start(); err != nil {
		log.Close()
		ts.Fatalf("start %s: %v", name, err)
	}
	p := &proc{cmd: cmd, log: log, done: make(chan struct{})}
	go func() {
		p.err = cmd.Wait()
		log.Close()
		close(p.done)
	}()
	procsMu.Lock()
	if procs[ts] == nil {
		procs[ts] = map[string]*proc{}
		ts.Defer(func() {
			procsMu.Lock()
			mine := procs[ts]
			delete(procs, ts)
			procsMu.Unlock()
			for _, p := range mine {
				_ = p.cmd.Process.Kill()
				<-p.done
			}
		})
	}
	procs[ts][name] = p
	procsMu.Unlock()
}

var signals = map[string]syscall.Signal{
	"TERM": syscall.SIGTERM, "INT": syscall.SIGINT, "KILL": syscall.SIGKILL,
	"HUP": syscall.SIGHUP, "QUIT": syscall.SIGQUIT, "STOP": syscall.SIGSTOP, "CONT": syscall.SIGCONT,
}

// cmdSignal: signal NAME TERM|INT|KILL|HUP|QUIT|STOP|CONT.
func cmdSignal(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 2 {
		ts.Fatalf("usage: signal NAME TERM|INT|KILL|HUP|QUIT|STOP|CONT")
	}
	sig, ok := signals[strings.TrimPrefix(args[1], "SIG")]
	if !ok {
		ts.Fatalf("unknown signal %q", args[1])
	}
	ts.Check(lookupProc(ts, args[0]).cmd.Process.Signal(sig))
}

// cmdAwait: await [-t SECS] NAME [STATUS] waits (default 20 s) for the
// process to exit and checks its status: a number (default 0), or
// "killed" for death by a signal.
func cmdAwait(ts *testscript.TestScript, neg bool, args []string) {
	timeout := 20 * time.Second
	if len(args) >= 2 && args[0] == "-t" {
		secs, err := strconv.ParseFloat(args[1], 64)
		ts.Check(err)
		timeout = time.Duration(secs * float64(time.Second))
		args = args[2:]
	}
	if neg || len(args) < 1 || len(args) > 2 {
		ts.Fatalf("usage: await [-t SECS] NAME [STATUS|killed]")
	}
	want := "0"
	if len(args) == 2 {
		want = args[1]
	}
	p := lookupProc(ts, args[0])
	select {
	case <-p.done:
	case <-time.After(timeout):
		ts.Fatalf("process %q still running after %v", args[0], timeout)
	}
	got := strconv.Itoa(p.cmd.ProcessState.ExitCode())
	if ws, ok := p.cmd.ProcessState.Sys().(syscall.WaitStatus); ok && ws.Signaled() {
		got = "killed"
	}
	if got != want {
		ts.Fatalf("process %q exited with %s, want %s\n%s", args[0], got, want, ts.ReadFile(args[0]+".log"))
	}
	procsMu.Lock()
	delete(procs[ts], args[0])
	procsMu.Unlock()
}

// lookPath resolves name like a shell would with the script's PATH.
func lookPath(ts *testscript.TestScript, name string) string {
	if strings.Contains(name, "/") {
		return ts.MkAbs(name)
	}
	for _, dir := range filepath.SplitList(ts.Getenv("PATH")) {
		p := filepath.Join(dir, name)
		if st, err := os.Stat(p); err == nil && !st.IsDir() && st.Mode()&0o111 != 0 {
			return p
		}
	}
	return name
}

// TestMeshcIsStatic: the meshc that node binaries are copied from is a
// static executable (CONTRACT 2), so a node runs where no Mesh or libc
// loader is installed.
func TestMeshcIsStatic(t *testing.T) {
	f, err := elf.Open(filepath.Join(binDir, "meshc"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("meshc has a program interpreter (dynamically linked)")
		}
	}
	libs, err := f.ImportedLibraries()
	if err != nil {
		t.Fatal(err)
	}
	if len(libs) != 0 {
		t.Errorf("meshc needs shared libraries: %v", libs)
	}
}
