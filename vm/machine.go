package vm

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"sort"
	"sync"
	"sync/atomic"

	"github.com/mesh-lang/mesh/cluster"
	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// Options configure a run.
type Options struct {
	Args    []string // program path first, as Env.args() returns them
	Stdout  io.Writer
	Stderr  io.Writer
	Runtime NodeRuntime // distributed runtime; nil = standalone, no cluster
}

// NodeRuntime is the distributed runtime (satisfied by *cluster.Runtime).
type NodeRuntime interface {
	// Register declares the program's @cluster work before main runs.
	Register(works []cluster.Work)
	// StartFromEnv backs Node.start_from_env().
	StartFromEnv() (cluster.BootstrapStatus, error)
	// AfterMain runs after main returns and gives the exit code.
	AfterMain(ctx context.Context) int
}

// RouteRuntime is the optional part of a NodeRuntime serving
// HTTP.clustered routes (satisfied by *cluster.Runtime).
type RouteRuntime interface {
	RegisterRoutes(routes []cluster.Route)
	ServeRoute(ctx context.Context, name string, request []byte) (response []byte, requestKey string, err error)
}

// MemberRuntime is the optional part of a NodeRuntime behind Node.self(),
// Node.list() and Node.connect() (satisfied by *cluster.Runtime).
type MemberRuntime interface {
	NodeName() string
	Peers() []string
	Connect(name string) error
}

// DrainRuntime is the optional part of a NodeRuntime that lets servers
// finish in-flight work when a cluster-mode node stops on SIGINT/SIGTERM.
// AddDrain reports false outside cluster mode: the server then watches
// the signals itself.
type DrainRuntime interface {
	AddDrain(drain func(ctx context.Context)) bool
}

var startHooks []func(m *Machine)

// OnStart registers a hook run by Machine.Run before main (vm/std uses it
// to register HTTP.clustered routes with the runtime).
func OnStart(hook func(m *Machine)) { startHooks = append(startHooks, hook) }

// Route is a declared HTTP.clustered handler of the loaded program.
type Route struct {
	Name     string
	Replicas int
	Handler  Value // the handler function as a closure value
}

// Routes lists the program's HTTP.clustered handlers.
func (m *Machine) Routes() []Route {
	var rs []Route
	for _, r := range m.prog.Routes {
		rs = append(rs, Route{Name: r.RuntimeName, Replicas: r.Replicas, Handler: ClosureVal(&Closure{Fn: m.funcs[r.Func]})})
	}
	return rs
}

// NativeFn implements a stdlib function. args must not be retained
// beyond the call unless copied; it returns the result value. Runtime
// errors are raised with t.Panicf.
type NativeFn func(t *Process, args []Value) Value

var (
	nativeMu  sync.RWMutex
	nativeTab = map[string]NativeFn{}
)

// RegisterNative makes fn callable under its qualified name ("String.length").
func RegisterNative(name string, fn NativeFn) {
	nativeMu.Lock()
	defer nativeMu.Unlock()
	nativeTab[name] = fn
}

// LookupNative returns the native registered under name.
func LookupNative(name string) (NativeFn, bool) {
	nativeMu.RLock()
	defer nativeMu.RUnlock()
	f, ok := nativeTab[name]
	return f, ok
}

// NativeNames lists every registered native, sorted.
func NativeNames() []string {
	nativeMu.RLock()
	defer nativeMu.RUnlock()
	names := make([]string, 0, len(nativeTab))
	for n := range nativeTab {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Func is a loaded function.
type Func struct {
	Name        string
	NumParams   int
	NumCaptures int
	NumLocals   int
	Code        []op.Instr
	frameSize   int // locals plus the deepest operand stack
	src         *bundle.Function
	index       int
	native      NativeFn // closures made by natives (NativeClosure): Go code
}

// NativeClosure makes a function value implemented in Go, taking nparams
// arguments (HTTP middleware chains and other natives returning closures).
func NativeClosure(name string, nparams int, fn NativeFn) Value {
	return ClosureVal(&Closure{Fn: &Func{Name: name, NumParams: nparams, NumLocals: nparams, native: fn}})
}

// Machine is a loaded program plus the state shared by its processes.
type Machine struct {
	prog    *bundle.Program
	funcs   []*Func
	consts  []Value
	natives []NativeFn
	types   []*bundle.TypeDesc
	methods map[[2]string]*Func
	opts    Options

	outMu sync.Mutex // one write per println

	optionT, resultT, orderingT int

	pmu       sync.Mutex
	pcond     *sync.Cond
	live      int // processes started and not yet exited
	blocked   int // processes waiting in receive without a deadline
	nextPid   atomic.Int64
	names     map[string]*Process
	bootstrap atomic.Bool // Node.start_from_env was called

	exitNow  atomic.Bool // RequestExit: return from Run without waiting
	exitCode atomic.Int32

	// Ext holds per-run state of natives (the test DSL's current test).
	Ext sync.Map
}

// RequestExit makes Run return code as soon as main returns, without
// waiting for other processes (test binaries, §13.3).
func (m *Machine) RequestExit(code int) {
	m.exitCode.Store(int32(code))
	m.exitNow.Store(true)
}

// Load prepares a program for running: resolves natives, builds the method
// table and computes each function's frame size.
func Load(p *bundle.Program, opts Options) (*Machine, error) {
	if err := p.Validate(); err != nil {
		return nil, err
	}
	if opts.Stdout == nil {
		opts.Stdout = os.Stdout
	}
	if opts.Stderr == nil {
		opts.Stderr = os.Stderr
	}
	m := &Machine{prog: p, opts: opts, methods: map[[2]string]*Func{}, names: map[string]*Process{}}
	m.pcond = sync.NewCond(&m.pmu)
	m.types = append([]*bundle.TypeDesc(nil), p.Types...)
	m.optionT = m.ensureType(&bundle.TypeDesc{Name: "Option", Kind: bundle.SumType, Derives: bundle.DeriveEq | bundle.DeriveOrd | bundle.DeriveDebug,
		Variants: []bundle.Variant{{Name: "Some", Fields: []string{""}}, {Name: "None"}}})
	m.resultT = m.ensureType(&bundle.TypeDesc{Name: "Result", Kind: bundle.SumType, Derives: bundle.DeriveEq | bundle.DeriveOrd | bundle.DeriveDebug,
		Variants: []bundle.Variant{{Name: "Ok", Fields: []string{""}}, {Name: "Err", Fields: []string{""}}}})
	m.orderingT = m.ensureType(&bundle.TypeDesc{Name: "Ordering", Kind: bundle.SumType, Derives: bundle.DeriveEq | bundle.DeriveOrd | bundle.DeriveDebug | bundle.DeriveDisplay,
		Variants: []bundle.Variant{{Name: "Less"}, {Name: "Equal"}, {Name: "Greater"}}})
	for _, c := range p.Consts {
		switch c.Kind {
		case bundle.ConstInt:
			m.consts = append(m.consts, Int(c.Int))
		case bundle.ConstFloat:
			m.consts = append(m.consts, Float(c.Flt))
		case bundle.ConstString:
			m.consts = append(m.consts, Str(c.Str))
		case bundle.ConstAtom:
			m.consts = append(m.consts, Atom(c.Str))
		}
	}
	var missing []string
	for _, name := range p.Natives {
		f, ok := LookupNative(name)
		if !ok {
			missing = append(missing, name)
			n := name
			f = func(t *Process, args []Value) Value {
				t.Panicf("native function %s is not available in this runtime", n)
				return Unit
			}
		}
		m.natives = append(m.natives, f)
	}
	_ = missing
	for i, bf := range p.Funcs {
		f := &Func{Name: bf.Name, NumParams: bf.NumParams, NumCaptures: bf.NumCaptures, NumLocals: bf.NumLocals,
			Code: bf.Code, src: bf, index: i}
		depth, err := maxDepth(p, bf)
		if err != nil {
			return nil, fmt.Errorf("load %s: %w", bf.Name, err)
		}
		f.frameSize = bf.NumLocals + depth + 1
		m.funcs = append(m.funcs, f)
	}
	for _, me := range p.Methods {
		m.methods[[2]string{me.Type, me.Method}] = m.funcs[me.Func]
	}
	return m, nil
}

func (m *Machine) ensureType(td *bundle.TypeDesc) int {
	for i, t := range m.types {
		if t.Module == "" && t.Name == td.Name {
			return i
		}
	}
	m.types = append(m.types, td)
	return len(m.types) - 1
}

// maxDepth computes the deepest operand stack a function reaches and
// checks that no path pops below empty or reaches a join with two depths.
func maxDepth(p *bundle.Program, f *bundle.Function) (int, error) {
	depth := make([]int, len(f.Code))
	for i := range depth {
		depth[i] = -1
	}
	work := []int{0}
	depth[0] = 0
	best := 0
	visit := func(pc, d int) error {
		if pc < 0 || pc >= len(f.Code) {
			return fmt.Errorf("control reaches pc %d outside the code", pc)
		}
		if depth[pc] == -1 {
			depth[pc] = d
			work = append(work, pc)
			return nil
		}
		if depth[pc] != d {
			return fmt.Errorf("pc %d reached with stack depths %d and %d", pc, depth[pc], d)
		}
		return nil
	}
	for len(work) > 0 {
		pc := work[len(work)-1]
		work = work[:len(work)-1]
		in := f.Code[pc]
		d := depth[pc]
		pops, pushes := op.StackEffect(in, p.Arity)
		if d < pops {
			return 0, fmt.Errorf("pc %d (%v) pops %d from a stack of %d", pc, in, pops, d)
		}
		if d+pushes > best {
			best = d + pushes
		}
		after := d - pops + pushes
		if t, ok := in.JumpTarget(); ok {
			td := after
			switch in.Op {
			case op.RECV_NEXT, op.ITER_NEXT:
				td = d // no message / element pushed on the jump path
			}
			if err := visit(t, td); err != nil {
				return 0, err
			}
		}
		if !in.Op.Terminates() {
			if err := visit(pc+1, after); err != nil {
				return 0, err
			}
		}
	}
	return best, nil
}

func (m *Machine) method(typeName, name string) *Func {
	if len(m.methods) == 0 {
		return nil
	}
	return m.methods[[2]string{typeName, name}]
}

// Output writes s to stdout as one write (atomic per call).
func (m *Machine) Output(s string) {
	m.outMu.Lock()
	io.WriteString(m.opts.Stdout, s)
	m.outMu.Unlock()
}

// ErrOutput writes s to stderr as one write.
func (m *Machine) ErrOutput(s string) {
	m.outMu.Lock()
	io.WriteString(m.opts.Stderr, s)
	m.outMu.Unlock()
}

// Options returns the options the machine runs with.
func (m *Machine) Options() Options { return m.opts }

// MarkBootstrapped records that Node.start_from_env ran (so the runtime is
// consulted after main).
func (m *Machine) MarkBootstrapped() { m.bootstrap.Store(true) }

// Some, None, Ok, Err and the Ordering values are the built-in sum types.
func (m *Machine) Some(v Value) Value { return variantVal(m.optionT, 0, []Value{v}) }

// None is Option's None.
func (m *Machine) None() Value { return variantVal(m.optionT, 1, nil) }

// Ok wraps v in Result's Ok.
func (m *Machine) Ok(v Value) Value { return variantVal(m.resultT, 0, []Value{v}) }

// Err wraps v in Result's Err.
func (m *Machine) Err(v Value) Value { return variantVal(m.resultT, 1, []Value{v}) }

// Ordering returns Less, Equal or Greater for c < 0, 0, > 0.
func (m *Machine) Ordering(c int) Value {
	return variantVal(m.orderingT, max(-1, min(1, c))+1, nil)
}

// Struct builds a value of the struct type named name (built-in structs
// such as BootstrapStatus or HttpResponse); fields in declaration order.
func (m *Machine) Struct(name string, fields ...Value) Value {
	for i, t := range m.types {
		if t.Module == "" && t.Name == name && t.Kind == bundle.StructType {
			return structVal(i, fields)
		}
	}
	names := make([]string, len(fields))
	for i := range names {
		names[i] = fmt.Sprintf("f%d", i)
	}
	id := m.ensureTypeLocked(&bundle.TypeDesc{Name: name, Kind: bundle.StructType, Fields: names, Derives: bundle.DeriveDebug})
	return structVal(id, fields)
}

var typeMu sync.Mutex

func (m *Machine) ensureTypeLocked(td *bundle.TypeDesc) int {
	typeMu.Lock()
	defer typeMu.Unlock()
	return m.ensureType(td)
}

// Run loads p and runs its entry function as the root process; it returns
// the exit code (0 ok, 101 panic in main, 1 load or bootstrap failure).
func Run(p *bundle.Program, opts Options) int {
	m, err := Load(p, opts)
	if err != nil {
		if opts.Stderr == nil {
			opts.Stderr = os.Stderr
		}
		fmt.Fprintf(opts.Stderr, "error: %v\n", err)
		return 1
	}
	return m.Run()
}

// Run runs the loaded program (see the package Run).
func (m *Machine) Run() int {
	if m.opts.Runtime != nil && len(m.prog.Work) > 0 {
		m.opts.Runtime.Register(m.Works())
	}
	for _, h := range startHooks {
		h(m)
	}
	root := m.newProcess()
	_, perr := root.runEntry(m.funcs[m.prog.Entry], nil, nil)
	if perr != nil {
		m.ErrOutput(perr.Report())
		return 101
	}
	if m.exitNow.Load() {
		return int(m.exitCode.Load())
	}
	m.waitQuiescent()
	if m.opts.Runtime != nil && (len(m.prog.Work) > 0 || len(m.prog.Routes) > 0 || m.bootstrap.Load()) {
		return m.opts.Runtime.AfterMain(context.Background())
	}
	return 0
}

// Works returns one cluster.Work per declared @cluster function; Run
// executes the function in a fresh process and returns its Display text,
// or an error carrying the panic message.
func (m *Machine) Works() []cluster.Work {
	var ws []cluster.Work
	for _, w := range m.prog.Work {
		fn := m.funcs[w.Func]
		ws = append(ws, cluster.Work{Name: w.RuntimeName, Replicas: w.Replicas, Run: func(ctx context.Context) (string, error) {
			return m.RunFunc(ctx, fn)
		}})
	}
	return ws
}

// RunFunc runs a zero-argument function in a new process and renders its
// result with Display.
func (m *Machine) RunFunc(ctx context.Context, fn *Func) (string, error) {
	type result struct {
		s   string
		err error
	}
	ch := make(chan result, 1)
	p := m.newProcess()
	go func() {
		v, perr := p.runEntry(fn, nil, nil)
		if perr != nil {
			ch <- result{err: errors.New(perr.Msg)}
			return
		}
		ch <- result{s: p.Display(v)}
	}()
	select {
	case r := <-ch:
		return r.s, r.err
	case <-ctx.Done():
		return "", ctx.Err()
	}
}

// waitQuiescent blocks until every process has exited or waits forever in
// receive (§10.9).
func (m *Machine) waitQuiescent() {
	m.pmu.Lock()
	for m.live > m.blocked {
		m.pcond.Wait()
	}
	m.pmu.Unlock()
}

// TypeOf returns the descriptor of a struct or sum value's type.
func (m *Machine) TypeOf(v Value) *bundle.TypeDesc { return m.types[v.TypeID()] }

// Type returns type descriptor id.
func (m *Machine) Type(id int) *bundle.TypeDesc { return m.types[id] }

// MakeStruct builds a value of struct type id (fields in declaration order).
func (m *Machine) MakeStruct(id int, fields []Value) Value { return structVal(id, fields) }

// StartupTrigger is the optional part of a NodeRuntime that starts the
// declared @cluster startup work on demand (HTTP.serve calls it right after
// a successful bind, toolchain-reference §4.1).
type StartupTrigger interface {
	TriggerStartup()
}

// CallInProcessQuiet is CallInProcess without the stderr panic report
// (the caller reports the failure its own way).
func (m *Machine) CallInProcessQuiet(f Value, args ...Value) (Value, *PanicError) {
	if f.k != KClosure {
		return Value{}, &PanicError{Msg: "called a non-function value"}
	}
	c := f.Closure()
	p := m.newProcess()
	return p.runEntry(c.Fn, c.Caps, args)
}

// CallInProcess runs closure f with args as a new Mesh process on the
// calling goroutine (an HTTP request, a declared work run) and returns its
// result, or the panic that ended it (reported to stderr as in §9).
func (m *Machine) CallInProcess(f Value, args ...Value) (Value, *PanicError) {
	if f.k != KClosure {
		return Value{}, &PanicError{Msg: "called a non-function value"}
	}
	c := f.Closure()
	p := m.newProcess()
	v, perr := p.runEntry(c.Fn, c.Caps, args)
	if perr != nil && !perr.quiet {
		m.ErrOutput(perr.Report())
	}
	return v, perr
}

// Func returns loaded function i (tests and natives building closures).
func (m *Machine) Func(i int) *Func { return m.funcs[i] }
