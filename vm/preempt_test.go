package vm

import (
	"io"
	"sync"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// These tests stop processes that never reach a receive: the exit signal
// must take effect through the interpreter's reduction budget, exactly as
// it would at a receive (same quiet panic, same reason to monitors and
// links).

type ins = op.Instr

// hangBound only guards against a process that cannot be stopped; every
// stop here takes microseconds.
const hangBound = time.Minute

// started is a native the test programs call at the top of their loop, so
// the test kills them while they run (not before they start).
type started struct {
	once sync.Once
	ch   chan struct{}
}

var (
	startedMu  sync.Mutex
	startedFor = map[*Machine]*started{}
)

func init() {
	RegisterNative("test.started", func(t *Process, a []Value) Value {
		startedMu.Lock()
		s := startedFor[t.m]
		startedMu.Unlock()
		s.once.Do(func() { close(s.ch) })
		return Unit
	})
	RegisterNative("test.sleep", func(t *Process, a []Value) Value {
		t.Sleep(time.Duration(a[0].Int()) * time.Millisecond)
		return Unit
	})
	RegisterNative("test.wait", func(t *Process, a []Value) Value {
		t.Wait(a[0].Process(), -1)
		return Unit
	})
}

// load makes a machine of funcs (function 0 is an unused main) using the
// natives test.started, test.sleep and test.wait (indexes 0, 1, 2).
func load(t *testing.T, funcs ...*bundle.Function) (*Machine, *started) {
	t.Helper()
	main := &bundle.Function{Name: "Main.main", Code: []ins{{Op: op.UNIT}, {Op: op.RETURN}}}
	p := &bundle.Program{Files: []string{"main.mpl"}, Natives: []string{"test.started", "test.sleep", "test.wait"},
		Funcs: append([]*bundle.Function{main}, funcs...)}
	m, err := Load(p, Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	s := &started{ch: make(chan struct{})}
	startedMu.Lock()
	startedFor[m] = s
	startedMu.Unlock()
	t.Cleanup(func() {
		startedMu.Lock()
		delete(startedFor, m)
		startedMu.Unlock()
	})
	return m, s
}

// begin is the loop prologue calling test.started.
var begin = []ins{{Op: op.CALL_NATIVE, A: 0, B: 0}, {Op: op.POP}}

func code(parts ...[]ins) []ins {
	var c []ins
	for _, p := range parts {
		c = append(c, p...)
	}
	return c
}

// spawnWatched starts function fn(args) and a watcher monitoring it, and
// waits until the function has reached test.started.
func spawnWatched(t *testing.T, m *Machine, s *started, fn int, args ...Value) (p, watcher *Process, ref int64) {
	t.Helper()
	watcher = m.newProcess()
	p = watcher.Spawn(m.funcs[fn], nil, args)
	ref = watcher.Monitor(p)
	select {
	case <-s.ch:
	case <-time.After(hangBound):
		t.Fatal("the process never started")
	}
	return p, watcher, ref
}

// downReason waits for the watcher's DOWN notice for ref and returns its
// reason.
func downReason(t *testing.T, watcher *Process, ref int64) string {
	t.Helper()
	msg, ok := watcher.Receive(nil, hangBound)
	if !ok {
		t.Fatal("the process did not stop")
	}
	it := msg.Items()
	if len(it) != 4 || it[0].Str() != "DOWN" || it[1].Int() != ref {
		t.Fatalf("watcher got %s, want a DOWN notice for ref %d", watcher.Inspect(msg), ref)
	}
	return it[3].Str()
}

func TestKillBusyProcess(t *testing.T) {
	cases := []struct {
		name  string
		funcs []*bundle.Function
		args  []Value
	}{
		{"receive", []*bundle.Function{{Name: "Main.wait", Code: code(begin, []ins{
			{Op: op.RECV_START}, {Op: op.RECV_NEXT, A: 5}, {Op: op.RETURN}, {Op: op.UNIT}, {Op: op.RETURN}})}}, nil},
		{"restart", []*bundle.Function{{Name: "Main.spin", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{
			{Op: op.ADD_INT_TO_LOCAL, A: 0, B: 1, C: 0}, {Op: op.RESTART, A: 1}})}}, []Value{Int(0)}},
		{"add_int_restart", []*bundle.Function{{Name: "Main.spin", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{
			{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 1}})}}, []Value{Int(0)}},
		{"tailcall_self", []*bundle.Function{{Name: "Main.spin", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{
			{Op: op.LOAD_INT_ADD, A: 0, B: 1}, {Op: op.TAILCALL_SELF, A: 1, B: 1, C: 1}})}}, []Value{Int(0)}},
		{"tailcall_mutual", []*bundle.Function{
			{Name: "Main.ping", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{{Op: op.LOAD, A: 0}, {Op: op.TAILCALL, A: 2, B: 1}})},
			{Name: "Main.pong", NumParams: 1, NumLocals: 1, Code: []ins{{Op: op.LOAD_INT_ADD, A: 0, B: 1}, {Op: op.TAILCALL, A: 1, B: 1}}},
		}, []Value{Int(0)}},
		{"jump", []*bundle.Function{{Name: "Main.loop", Code: code(begin, []ins{{Op: op.NOP}, {Op: op.JUMP, A: 0}})}}, nil},
		// f(n) = if n == 0 do 0 else f(n-1) + f(n-1) end: 2^62 calls, 62 deep.
		{"call", []*bundle.Function{{Name: "Main.tree", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{
			{Op: op.JUMP_UNLESS_EQ_INT, A: 0, B: 0, C: 5}, {Op: op.INT, A: 0}, {Op: op.RETURN},
			{Op: op.LOAD_INT_SUB, A: 0, B: 1}, {Op: op.CALL, A: 1, B: 1},
			{Op: op.LOAD_INT_SUB, A: 0, B: 1}, {Op: op.CALL, A: 1, B: 1},
			{Op: op.ADD_INT}, {Op: op.RETURN}})}}, []Value{Int(62)}},
		// down(n) = if n == 0 do loop() else 1 + down(n-1) end: busy 100,000 frames deep.
		{"deep", []*bundle.Function{
			{Name: "Main.down", NumParams: 1, NumLocals: 1, Code: []ins{
				{Op: op.JUMP_UNLESS_EQ_INT, A: 0, B: 0, C: 3}, {Op: op.CALL, A: 2, B: 0}, {Op: op.RETURN},
				{Op: op.LOAD_INT_SUB, A: 0, B: 1}, {Op: op.CALL, A: 1, B: 1}, {Op: op.INT, A: 1}, {Op: op.ADD_INT}, {Op: op.RETURN}}},
			{Name: "Main.loop", Code: code(begin, []ins{{Op: op.JUMP, A: 0}})},
		}, []Value{Int(100000)}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			m, s := load(t, c.funcs...)
			p, w, ref := spawnWatched(t, m, s, 1, c.args...)
			p.Kill("shutdown")
			if r := downReason(t, w, ref); r != "shutdown" {
				t.Errorf("DOWN reason %q, want shutdown", r)
			}
			<-p.done
			if !p.failed || p.Alive() {
				t.Errorf("failed=%v alive=%v after the kill, want an abnormal exit", p.failed, p.Alive())
			}
		})
	}
}

// A crash of a linked process ends a spinning partner with the "linked"
// reason, as it does a partner blocked in receive.
func TestLinkedCrashStopsSpinner(t *testing.T) {
	spin := &bundle.Function{Name: "Main.spin", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 1}})}
	crash := &bundle.Function{Name: "Main.crash", Code: []ins{
		{Op: op.RECV_START}, {Op: op.RECV_NEXT, A: 7}, {Op: op.RECV_TAKE},
		{Op: op.INT, A: 1}, {Op: op.INT, A: 0}, {Op: op.DIV_INT}, {Op: op.RETURN}, {Op: op.UNIT}, {Op: op.RETURN}}}
	m, s := load(t, spin, crash)
	p, w, ref := spawnWatched(t, m, s, 1, Int(0))
	c := w.Spawn(m.funcs[2], nil, nil)
	p.Link(c)
	c.Send(Unit) // c crashes on division by zero
	if r := downReason(t, w, ref); r != "linked: division by zero" {
		t.Errorf("DOWN reason %q, want %q", r, "linked: division by zero")
	}
}

// Kill wakes a process in Timer.sleep or in Job.await at once (the bound
// is an hour-long sleep), and a sleep runs its full time when messages
// arrive meanwhile.
func TestKillWakesSleepAndWait(t *testing.T) {
	// sleeper(ms) = Timer.sleep(ms)
	sleeper := &bundle.Function{Name: "Main.sleeper", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{
		{Op: op.LOAD, A: 0}, {Op: op.CALL_NATIVE, A: 1, B: 1}, {Op: op.RETURN}})}
	t.Run("sleep", func(t *testing.T) {
		m, s := load(t, sleeper)
		p, w, ref := spawnWatched(t, m, s, 1, Int(3600*1000))
		p.Kill("shutdown")
		if r := downReason(t, w, ref); r != "shutdown" {
			t.Errorf("DOWN reason %q, want shutdown", r)
		}
	})
	t.Run("wait", func(t *testing.T) {
		idle := &bundle.Function{Name: "Main.idle", Code: []ins{{Op: op.RECV_START}, {Op: op.RECV_NEXT, A: 3}, {Op: op.RETURN}, {Op: op.UNIT}, {Op: op.RETURN}}}
		waiter := &bundle.Function{Name: "Main.waiter", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{
			{Op: op.LOAD, A: 0}, {Op: op.CALL_NATIVE, A: 2, B: 1}, {Op: op.RETURN}})}
		m, s := load(t, waiter, idle)
		root := m.newProcess()
		target := root.Spawn(m.funcs[2], nil, nil)
		p, w, ref := spawnWatched(t, m, s, 1, PidVal(target))
		p.Kill("shutdown")
		if r := downReason(t, w, ref); r != "shutdown" {
			t.Errorf("DOWN reason %q, want shutdown", r)
		}
		target.Kill("shutdown")
		<-target.done
	})
	t.Run("messages", func(t *testing.T) {
		m, s := load(t, sleeper)
		const d = 30 * time.Millisecond
		start := time.Now()
		p, w, ref := spawnWatched(t, m, s, 1, Int(d.Milliseconds()))
		for i := 0; i < 5; i++ {
			p.Send(Int(int64(i)))
		}
		if r := downReason(t, w, ref); r != "normal" {
			t.Errorf("DOWN reason %q, want normal", r)
		}
		if el := time.Since(start); el < d {
			t.Errorf("sleep ended after %v, before its %v", el, d)
		}
	})
}

// The exit signal that ended a process does not cut its terminate clause
// short: the clause may loop past a reduction budget.
func TestTerminateRunsAfterPreemption(t *testing.T) {
	// spin(n) restarts forever; count(n) loops n times then returns n.
	spin := &bundle.Function{Name: "Main.spin", NumParams: 1, NumLocals: 1, Code: code(begin, []ins{{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 1}})}
	count := &bundle.Function{Name: "Main.count", NumParams: 1, NumLocals: 1, Code: []ins{
		{Op: op.JUMP_UNLESS_EQ_INT, A: 0, B: 0, C: 3}, {Op: op.INT, A: 7}, {Op: op.RETURN},
		{Op: op.ADD_INT_RESTART, A: 0, B: -1, C: 1}}}
	m, s := load(t, spin, count)
	var got Value
	watcher := m.newProcess()
	p := watcher.Spawn(m.funcs[1], nil, []Value{Int(0)})
	ref := watcher.Monitor(p)
	<-s.ch
	p.SetOnExit(NativeClosure("terminate", 0, func(t *Process, _ []Value) Value {
		got = t.Call(m.funcs[2], nil, []Value{Int(10 * reductionBudget)})
		return Unit
	}), nil)
	p.Kill("shutdown")
	if r := downReason(t, watcher, ref); r != "shutdown" {
		t.Errorf("DOWN reason %q, want shutdown", r)
	}
	if got.k != KInt || got.Int() != 7 {
		t.Errorf("terminate clause computed %v, want 7", watcher.Inspect(got))
	}
}
