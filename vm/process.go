package vm

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// frame is one activation record. Locals live in the process stack at
// stack[base : base+fn.NumLocals]; the operand stack is above them.
type frame struct {
	fn    *Func
	pc    int // saved pc (next instruction) while the frame is not on top
	base  int
	retSp int // stack height to restore on return (below the callee value for closures)
}

// maxFrames bounds non-tail recursion; deeper recursion is a Mesh panic.
const maxFrames = 512 << 10

// Process is a Mesh process: one goroutine running the interpreter on its
// own stack, with a mailbox for selective receive.
type Process struct {
	m      *Machine
	id     int64
	stack  []Value
	sp     int
	frames []frame

	mu       sync.Mutex
	mbox     []Value
	wake     chan struct{}
	waiting  bool // blocked in receive without deadline (counted in Machine.blocked)
	dead     bool
	links    map[*Process]struct{}
	monitors map[int64]*Process // ref → watcher
	trapExit bool
	killed   *exitSignal
	// signalled mirrors killed != nil for the interpreter, which reads it
	// without the lock once per reduction budget (preemption check).
	signalled atomic.Bool
	budget    int // reductions left before the next check, kept across run calls

	recvCursor   int
	recvDeadline time.Time
	recvTimed    bool

	onExit     Value   // terminate clause closure (actors), KUnit if none
	onExitArgs []Value // its arguments
	done       chan struct{}
	result     Value // the entry function's value, once done
	failed     bool  // ended by a panic
}

type exitSignal struct {
	from   *Process
	reason string
}

// PanicError is a Mesh runtime error with the Mesh stack at the point of
// failure.
type PanicError struct {
	Msg   string
	Trace []TraceEntry
	quiet bool // exit caused by a linked process: not reported again
}

// TraceEntry is one Mesh stack frame.
type TraceEntry struct {
	Func      string
	File      string
	Line, Col int
}

func (e *PanicError) Error() string { return e.Msg }

// Report is the text printed for an uncaught panic (CONTRACT 9):
// "file:line:col: panic: <message>" then the Mesh stack trace.
func (e *PanicError) Report() string {
	var b strings.Builder
	if len(e.Trace) > 0 && e.Trace[0].File != "" {
		t := e.Trace[0]
		fmt.Fprintf(&b, "%s:%d:%d: ", t.File, t.Line, t.Col)
	}
	fmt.Fprintf(&b, "panic: %s\n", e.Msg)
	if len(e.Trace) > 0 {
		b.WriteString("stack trace:\n")
		for _, t := range e.Trace {
			if t.File != "" {
				fmt.Fprintf(&b, "  %s (%s:%d:%d)\n", t.Func, t.File, t.Line, t.Col)
			} else {
				fmt.Fprintf(&b, "  %s\n", t.Func)
			}
		}
	}
	return b.String()
}

// ID returns the process id (Pid number).
func (t *Process) ID() int64 { return t.id }

// Machine returns the machine the process runs on.
func (t *Process) Machine() *Machine { return t.m }

func (m *Machine) newProcess() *Process {
	p := &Process{m: m, id: m.nextPid.Add(1), wake: make(chan struct{}, 1), done: make(chan struct{}), budget: reductionBudget}
	p.stack = make([]Value, 32) // grows on demand; 100k actors must stay cheap (§7.3)
	m.pmu.Lock()
	m.live++
	m.pmu.Unlock()
	return p
}

// Panicf raises a Mesh runtime error in the current process.
func (t *Process) Panicf(format string, args ...any) {
	panic(&PanicError{Msg: fmt.Sprintf(format, args...), Trace: t.trace()})
}

func (t *Process) trace() []TraceEntry {
	var tr []TraceEntry
	for i := len(t.frames) - 1; i >= 0; i-- {
		f := t.frames[i]
		file, line, col := t.m.prog.Position(f.fn.src, f.pc-1)
		tr = append(tr, TraceEntry{Func: f.fn.Name, File: file, Line: line, Col: col})
		if len(tr) == 64 {
			break
		}
	}
	return tr
}

func (t *Process) grow(need int) {
	n := len(t.stack) * 2
	for n < need {
		n *= 2
	}
	s := make([]Value, n)
	copy(s, t.stack[:t.sp])
	t.stack = s
}

// Call runs fn with the given captures and arguments on this process and
// returns its result (used by natives that take closures, and for user
// Display/Eq impls).
func (t *Process) Call(fn *Func, caps []Value, args []Value) Value {
	if fn.native != nil {
		return fn.native(t, args)
	}
	base := t.sp
	if base+fn.frameSize+len(args) > len(t.stack) {
		t.grow(base + fn.frameSize + len(args))
	}
	copy(t.stack[base:], args)
	copy(t.stack[base+fn.NumParams:], caps)
	t.pushFrame(frame{fn: fn, base: base, retSp: base})
	return t.run(len(t.frames) - 1)
}

// pushFrame pushes a call frame, first growing the stack to the callee's
// frame size; past maxFrames it is a stack overflow. The frame list's
// capacity never exceeds maxFrames, so the interpreter's fast path (room
// left in the capacity) needs no depth check of its own.
func (t *Process) pushFrame(f frame) {
	if need := f.base + f.fn.frameSize; need > len(t.stack) {
		t.grow(need)
	}
	if len(t.frames) >= maxFrames {
		t.Panicf("stack overflow")
	}
	t.frames = append(t.frames, f)
	if cap(t.frames) > maxFrames {
		t.frames = t.frames[:len(t.frames):maxFrames]
	}
}

// CallValue calls a closure value with args.
func (t *Process) CallValue(f Value, args ...Value) Value {
	if f.k != KClosure {
		t.Panicf("called a non-function value")
	}
	c := f.Closure()
	if len(args) != c.Fn.NumParams {
		t.Panicf("%s called with %d arguments (takes %d)", c.Fn.Name, len(args), c.Fn.NumParams)
	}
	return t.Call(c.Fn, c.Caps, args)
}

// runEntry runs fn as the whole life of this process, then exits it.
func (t *Process) runEntry(fn *Func, caps, args []Value) (result Value, perr *PanicError) {
	defer func() {
		if r := recover(); r != nil {
			perr = t.toPanic(r)
			t.frames = t.frames[:0]
			t.sp = 0
			if perr.quiet && perr.Msg == "normal" { // Process.exit(self(), "normal")
				perr, result = nil, Unit
			}
		}
		t.runOnExit()
		reason := "normal"
		if perr != nil {
			reason = perr.Msg
		}
		t.result, t.failed = result, perr != nil
		t.exit(reason, perr != nil)
		close(t.done)
	}()
	result = t.Call(fn, caps, args)
	return result, nil
}

// runOnExit runs an actor's terminate clause once; a panic in it is
// reported but changes nothing else.
func (t *Process) runOnExit() {
	if t.onExit.k != KClosure {
		return
	}
	f, args := t.onExit, t.onExitArgs
	t.onExit = Value{}
	// The exit signal that ended the body must not preempt the clause
	// itself (it still ends a receive in it, quietly).
	t.signalled.Store(false)
	t.budget = reductionBudget
	defer func() {
		if r := recover(); r != nil {
			if p := t.toPanic(r); !p.quiet {
				t.m.ErrOutput(p.Report())
			}
		}
	}()
	t.frames = t.frames[:0]
	t.sp = 0
	t.CallValue(f, args...)
}

// SetOnExit registers the closure run when the process exits (terminate).
func (t *Process) SetOnExit(f Value, args []Value) {
	t.onExit = f
	t.onExitArgs = append([]Value(nil), args...)
}

// SpawnNative starts a process whose body is Go code (service loops).
func (t *Process) SpawnNative(body func(p *Process)) *Process {
	p := t.m.newProcess()
	go func() {
		defer func() {
			var perr *PanicError
			if r := recover(); r != nil {
				perr = p.toPanic(r)
				if !perr.quiet {
					p.m.ErrOutput(perr.Report())
				}
			}
			reason := "normal"
			if perr != nil {
				reason = perr.Msg
			}
			p.failed = perr != nil
			p.exit(reason, perr != nil)
			close(p.done)
		}()
		body(p)
	}()
	return p
}

// Wait blocks until p has exited; it returns p's result and whether it
// ended normally. With timeout ≥ 0, ok is false if p is still running then.
// An exit signal to t ends the wait (and t) at once.
func (t *Process) Wait(p *Process, timeout time.Duration) (result Value, normal, finished bool) {
	var expired <-chan time.Time
	if timeout >= 0 {
		timer := time.NewTimer(timeout)
		defer timer.Stop()
		expired = timer.C
	}
	for {
		t.checkKilled()
		select {
		case <-p.done:
			return p.result, !p.failed, true
		case <-expired:
			return Value{}, false, false
		case <-t.wake: // a message or an exit signal: look again
		}
	}
}

// Receive takes the oldest message for which match is true, waiting up to
// timeout (negative: forever); ok is false on timeout. Other messages stay
// queued (selective receive).
func (t *Process) Receive(match func(Value) bool, timeout time.Duration) (Value, bool) {
	t.recvCursor = 0
	t.recvTimed = timeout >= 0
	if t.recvTimed {
		t.recvDeadline = time.Now().Add(timeout)
	}
	for {
		v, ok := t.recvNext()
		if !ok {
			return Value{}, false
		}
		if match == nil || match(v) {
			t.recvTake()
			return v, true
		}
		t.recvCursor++
	}
}

// Hold keeps the program alive (as a live process would) until the
// returned release function is called: pending timers use it.
func (m *Machine) Hold() (release func()) {
	m.pmu.Lock()
	m.live++
	m.pmu.Unlock()
	var once sync.Once
	return func() {
		once.Do(func() {
			m.pmu.Lock()
			m.live--
			m.pcond.Broadcast()
			m.pmu.Unlock()
		})
	}
}

func (t *Process) toPanic(r any) *PanicError {
	switch e := r.(type) {
	case *PanicError:
		return e
	case *exitSignal:
		return &PanicError{Msg: "exit: " + e.reason}
	case runtime.Error:
		return &PanicError{Msg: "internal error: " + e.Error(), Trace: t.trace()}
	}
	return &PanicError{Msg: fmt.Sprint(r), Trace: t.trace()}
}

// exit marks the process dead, propagates abnormal exits to links and
// notifies monitors.
func (t *Process) exit(reason string, abnormal bool) {
	t.mu.Lock()
	t.dead = true
	if t.waiting {
		t.waiting = false
		t.m.pmu.Lock()
		t.m.blocked--
		t.m.pmu.Unlock()
	}
	links := t.links
	mons := t.monitors
	t.links, t.monitors = nil, nil
	t.mbox = nil
	t.mu.Unlock()
	// Names go first, as in Erlang: whoever hears of this exit (a
	// supervisor restarting the child) may register the name again.
	t.m.unregisterAll(t)
	for l := range links {
		l.unlink(t)
		if abnormal {
			l.signalExit(t, reason)
		}
	}
	for ref, w := range mons {
		w.Send(Tuple(Atom("DOWN"), Int(ref), PidVal(t), Str(reason)))
	}
	m := t.m
	m.pmu.Lock()
	m.live--
	m.pcond.Broadcast()
	m.pmu.Unlock()
}

func (t *Process) unlink(o *Process) {
	t.mu.Lock()
	delete(t.links, o)
	t.mu.Unlock()
}

// signalExit delivers an abnormal exit of a linked process: trapping
// processes get {:EXIT, pid, reason}; others are terminated.
func (t *Process) signalExit(from *Process, reason string) {
	t.deliverExit(from, reason, "linked: "+reason)
}

// deliverExit sends an exit signal from `from`: a trapping t gets
// {:EXIT, from, reason} in its mailbox; otherwise t ends with killReason.
func (t *Process) deliverExit(from *Process, reason, killReason string) {
	t.mu.Lock()
	trap := t.trapExit
	if !trap {
		t.setKilled(&exitSignal{from: from, reason: killReason})
	}
	t.mu.Unlock()
	if trap {
		t.Send(Tuple(Atom("EXIT"), PidVal(from), Str(reason)))
		return
	}
	t.notify()
}

// ExitProcess is Process.exit(p, reason) sent by t, with Erlang's rules:
// "kill" ends p whether or not it traps exits (reason "killed"); "normal"
// ends only t itself (a normal exit) and is a message to a trapping p and
// nothing to others; any other reason ends p with that reason, or reaches
// a trapping p as an {:EXIT, t, reason} message. A signal to t itself
// takes effect before this returns.
func (t *Process) ExitProcess(p *Process, reason string) {
	switch {
	case reason == "kill":
		p.Kill("killed")
	case reason == "normal" && p == t:
		panic(&PanicError{Msg: "normal", quiet: true})
	case reason == "normal":
		p.mu.Lock()
		trap := p.trapExit
		p.mu.Unlock()
		if trap {
			p.Send(Tuple(Atom("EXIT"), PidVal(t), Str(reason)))
		}
	default:
		p.deliverExit(t, reason, reason)
	}
	if p == t {
		t.checkKilled()
	}
}

// Link links t and o both ways; linking a dead process signals at once.
func (t *Process) Link(o *Process) {
	if o == t {
		return
	}
	o.mu.Lock()
	dead := o.dead
	if !dead {
		if o.links == nil {
			o.links = map[*Process]struct{}{}
		}
		o.links[t] = struct{}{}
	}
	o.mu.Unlock()
	if dead {
		t.signalExit(o, "noproc")
		return
	}
	t.mu.Lock()
	if t.links == nil {
		t.links = map[*Process]struct{}{}
	}
	t.links[o] = struct{}{}
	t.mu.Unlock()
}

// Kill terminates p with reason (as an exit signal it cannot trap): p ends
// at once if it waits in a receive, sleep or Wait, and within one
// reduction budget if it is running Mesh code.
func (p *Process) Kill(reason string) {
	p.mu.Lock()
	p.setKilled(&exitSignal{reason: reason})
	p.mu.Unlock()
	p.notify()
}

// MailboxLen is the number of messages waiting in p's mailbox.
func (p *Process) MailboxLen() int {
	p.mu.Lock()
	defer p.mu.Unlock()
	return len(p.mbox)
}

// setKilled records the first exit signal of a live process; t.mu is held.
// The flag is stored after killed, so a reader that sees it set finds
// killed set under the lock.
func (t *Process) setKilled(k *exitSignal) {
	if !t.dead && t.killed == nil {
		t.killed = k
		t.signalled.Store(true)
	}
}

// reductionBudget is how many calls, tail calls, restarts, jumps and loop
// steps the interpreter runs between two yields (Process.run): a few
// microseconds of work, so a busy process dies promptly and lets others
// run, while the count stays off the hot path.
const reductionBudget = 4096

// killedPanic is the panic that ends a process on a pending exit signal,
// at a receive, a sleep or a preemption check alike.
func (t *Process) killedPanic() *PanicError {
	t.mu.Lock()
	k := t.killed
	t.mu.Unlock()
	if k == nil {
		return nil
	}
	return &PanicError{Msg: k.reason, Trace: t.trace(), quiet: true}
}

// Alive reports whether p has not exited.
func (p *Process) Alive() bool {
	p.mu.Lock()
	defer p.mu.Unlock()
	return !p.dead
}

// Exit ends the current process with reason; abnormal reasons propagate to links.
func (t *Process) Exit(reason string) {
	panic(&PanicError{Msg: reason, quiet: true})
}

// SetTrapExit makes exit signals arrive as messages.
func (t *Process) SetTrapExit(on bool) {
	t.mu.Lock()
	t.trapExit = on
	t.mu.Unlock()
}

var (
	monitorRef struct {
		sync.Mutex
		n int64
	}
	monitorTargets = map[int64]*Process{}
)

// Monitor asks for a {:DOWN, ref, pid, reason} message when o exits.
func (t *Process) Monitor(o *Process) int64 {
	monitorRef.Lock()
	monitorRef.n++
	ref := monitorRef.n
	monitorTargets[ref] = o
	monitorRef.Unlock()
	o.mu.Lock()
	dead := o.dead
	if !dead {
		if o.monitors == nil {
			o.monitors = map[int64]*Process{}
		}
		o.monitors[ref] = t
	}
	o.mu.Unlock()
	if dead {
		t.Send(Tuple(Atom("DOWN"), Int(ref), PidVal(o), Str("noproc")))
	}
	return ref
}

// Demonitor cancels monitor ref on o.
func (t *Process) Demonitor(o *Process, ref int64) {
	o.mu.Lock()
	delete(o.monitors, ref)
	o.mu.Unlock()
}

// DemonitorRef cancels a monitor by reference; false if unknown.
func (t *Process) DemonitorRef(ref int64) bool {
	monitorRef.Lock()
	o := monitorTargets[ref]
	delete(monitorTargets, ref)
	monitorRef.Unlock()
	if o == nil {
		return false
	}
	t.Demonitor(o, ref)
	return true
}

// Send enqueues msg in t's mailbox; messages to dead processes are dropped.
func (t *Process) Send(msg Value) {
	t.mu.Lock()
	if t.dead {
		t.mu.Unlock()
		return
	}
	t.mbox = append(t.mbox, msg)
	t.mu.Unlock()
	t.notify()
}

// notify wakes the process if it waits in receive. A process waiting
// without deadline is un-counted from Machine.blocked here, by the waker,
// so quiescence is never observed while a message is in flight.
func (t *Process) notify() {
	t.mu.Lock()
	if t.waiting {
		t.waiting = false
		t.m.pmu.Lock()
		t.m.blocked--
		t.m.pmu.Unlock()
	}
	t.mu.Unlock()
	select {
	case t.wake <- struct{}{}:
	default:
	}
}

// Spawn starts a new process running fn(args) with captures caps.
func (t *Process) Spawn(fn *Func, caps, args []Value) *Process {
	p := t.m.newProcess()
	go func() {
		// An actor's panic ends that actor only (CONTRACT 9); its report
		// still goes to stderr (§9).
		if _, perr := p.runEntry(fn, caps, args); perr != nil && !perr.quiet {
			p.m.ErrOutput(perr.Report())
		}
	}()
	return p
}

// SpawnValue starts a new process calling closure f with args.
func (t *Process) SpawnValue(f Value, args ...Value) *Process {
	c := f.Closure()
	return t.Spawn(c.Fn, c.Caps, append([]Value(nil), args...))
}

// recvNext returns the next unexamined message, waiting for one; ok is
// false when the receive's deadline passed.
func (t *Process) recvNext() (Value, bool) {
	for {
		t.mu.Lock()
		if t.killed != nil {
			t.mu.Unlock()
			panic(t.killedPanic())
		}
		if t.recvCursor < len(t.mbox) {
			v := t.mbox[t.recvCursor]
			t.mu.Unlock()
			return v, true
		}
		if !t.recvTimed {
			if !t.waiting { // a stale wake-up may bring us here still counted
				t.waiting = true
				t.m.pmu.Lock()
				t.m.blocked++
				t.m.pcond.Broadcast()
				t.m.pmu.Unlock()
			}
			t.mu.Unlock()
			<-t.wake
			continue
		}
		t.mu.Unlock()
		d := time.Until(t.recvDeadline)
		if d <= 0 {
			return Value{}, false
		}
		timer := time.NewTimer(d)
		select {
		case <-t.wake:
			timer.Stop()
		case <-timer.C:
		}
	}
}

func (t *Process) recvTake() {
	t.mu.Lock()
	switch c := t.recvCursor; {
	case c == 0 && len(t.mbox) > 0:
		// The common case: the oldest message. Slicing keeps it O(1).
		t.mbox[0] = Value{}
		t.mbox = t.mbox[1:]
	case c < len(t.mbox):
		copy(t.mbox[c:], t.mbox[c+1:])
		t.mbox[len(t.mbox)-1] = Value{}
		t.mbox = t.mbox[:len(t.mbox)-1]
	}
	t.mu.Unlock()
}

// Sleep pauses the process (Timer.sleep); an exit signal ends it at once.
// Messages arriving meanwhile also wake it; they stay queued and the sleep
// goes on until its deadline.
func (t *Process) Sleep(d time.Duration) {
	t.checkKilled()
	if d <= 0 {
		return
	}
	timer := time.NewTimer(d)
	defer timer.Stop()
	for {
		select {
		case <-t.wake:
			t.checkKilled()
		case <-timer.C:
			t.checkKilled()
			return
		}
	}
}

// checkKilled ends the process if an exit signal is pending.
func (t *Process) checkKilled() {
	if t.signalled.Load() {
		if p := t.killedPanic(); p != nil {
			panic(p)
		}
	}
}

// Register names a process (Process.register); false if taken.
func (m *Machine) Register(name string, p *Process) bool {
	m.pmu.Lock()
	defer m.pmu.Unlock()
	if _, ok := m.names[name]; ok {
		return false
	}
	m.names[name] = p
	return true
}

// Unregister frees a registered name; false if it was not taken.
func (m *Machine) Unregister(name string) bool {
	m.pmu.Lock()
	defer m.pmu.Unlock()
	if _, ok := m.names[name]; !ok {
		return false
	}
	delete(m.names, name)
	return true
}

// Whereis finds a registered process.
func (m *Machine) Whereis(name string) *Process {
	m.pmu.Lock()
	defer m.pmu.Unlock()
	return m.names[name]
}

func (m *Machine) unregisterAll(p *Process) {
	m.pmu.Lock()
	for n, q := range m.names {
		if q == p {
			delete(m.names, n)
		}
	}
	m.pmu.Unlock()
}

// AwaitOrKilled blocks until ch is closed (true) or an exit signal is
// pending for t (false). Natives that block in Go (a server's accept loop)
// use it to notice a kill, clean up, then call CheckKilled to end.
func (t *Process) AwaitOrKilled(ch <-chan struct{}) bool {
	for {
		if t.signalled.Load() && t.killedPanic() != nil {
			return false
		}
		select {
		case <-ch:
			return true
		case <-t.wake: // a message or an exit signal: look again
		}
	}
}

// CheckKilled ends the process if an exit signal is pending.
func (t *Process) CheckKilled() { t.checkKilled() }
