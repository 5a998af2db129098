package vm

import (
	"io"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// AwaitOrKilled returns true when its channel closes, keeps waiting
// through messages, and returns false on a kill, after which CheckKilled
// ends the process with the kill reason.
func TestAwaitOrKilled(t *testing.T) {
	p := &bundle.Program{Funcs: []*bundle.Function{{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}}}}
	m, err := Load(p, Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	await := func(pr *Process, ch chan struct{}) chan bool {
		out := make(chan bool, 1)
		go func() { out <- pr.AwaitOrKilled(ch) }()
		return out
	}
	within := func(c chan bool) (bool, bool) {
		select {
		case v := <-c:
			return v, true
		case <-time.After(10 * time.Second):
			return false, false
		}
	}

	pr := m.newProcess()
	ch := make(chan struct{})
	res := await(pr, ch)
	close(ch)
	if v, ok := within(res); !ok || !v {
		t.Fatalf("closed channel: got %v (returned %v), want true", v, ok)
	}

	pr = m.newProcess()
	res = await(pr, make(chan struct{}))
	pr.Send(Int(1)) // a message is not a reason to stop waiting
	select {
	case v := <-res:
		t.Fatalf("returned %v on a message", v)
	case <-time.After(20 * time.Millisecond):
	}
	pr.Kill("stop")
	if v, ok := within(res); !ok || v {
		t.Fatalf("kill: got %v (returned %v), want false", v, ok)
	}
	func() {
		defer func() {
			pe, _ := recover().(*PanicError)
			if pe == nil || pe.Msg != "stop" {
				t.Fatalf("CheckKilled panicked with %v, want the kill reason", pe)
			}
		}()
		pr.CheckKilled()
	}()
}
