package lang_test

import (
	"io"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/vm"
)

const supSrc = `
actor kid() do
  Process.register("kid", self())
  receive do
    msg -> println(msg)
  end
end

supervisor Tree do
  strategy: one_for_one
  max_restarts: 1000
  max_seconds: 60
  child k do
    start: fn -> spawn(kid) end
    restart: permanent
  end
end

actor doomed() do
  Process.register("doomed", self())
  link(Process.whereis("sup"))
  receive do
    msg -> println(msg)
  end
  let empty :: List<Int> = []
  println("#{List.head(empty)}")
end

fn main() do
  Process.register("sup", spawn(Tree))
  spawn(doomed)
end
`

// TestSupervisorMailboxDrained: a supervisor takes every message it gets.
// Its children are linked and it traps exits, so each crash also leaves an
// {:EXIT} beside the DOWN; those used to pile up in its mailbox forever.
func TestSupervisorMailboxDrained(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.mpl"), []byte(supSrc), 0o644); err != nil {
		t.Fatal(err)
	}
	p, _, err := build(script{name: "sup", root: dir, files: []string{"main.mpl"}, entry: "main.mpl"})
	if err != nil {
		t.Fatal(err)
	}
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	if code := m.Run(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	// waitKid returns the registered child once it is not prev.
	waitKid := func(prev *vm.Process) *vm.Process {
		deadline := time.Now().Add(20 * time.Second)
		for time.Now().Before(deadline) {
			if k := m.Whereis("kid"); k != nil && k != prev && k.Alive() {
				return k
			}
			time.Sleep(time.Millisecond)
		}
		t.Fatal("no restarted child within 20 s")
		return nil
	}
	const crashes = 25
	kid := waitKid(nil)
	for i := 0; i < crashes; i++ {
		kid.Kill("boom")
		kid = waitKid(kid)
	}
	sup := m.Whereis("sup")
	if sup == nil || !sup.Alive() {
		t.Fatal("supervisor gone")
	}
	// A stray message is taken too.
	sup.Send(vm.Str("stray"))
	deadline := time.Now().Add(20 * time.Second)
	for sup.MailboxLen() != 0 && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if n := sup.MailboxLen(); n != 0 {
		t.Fatalf("supervisor mailbox holds %d messages after %d restarts", n, crashes)
	}

	// A linked process that is not a child (a parent) crashes: the
	// supervisor stops its children and goes down with the same reason.
	var doomed *vm.Process
	for doomed == nil && time.Now().Before(deadline) {
		doomed = m.Whereis("doomed")
		time.Sleep(time.Millisecond)
	}
	if doomed == nil {
		t.Fatal("doomed never registered")
	}
	doomed.Send(vm.Str("now"))
	for (sup.Alive() || kid.Alive()) && time.Now().Before(deadline) {
		time.Sleep(time.Millisecond)
	}
	if sup.Alive() || kid.Alive() {
		t.Fatalf("after the linked parent crashed: supervisor alive %v, child alive %v", sup.Alive(), kid.Alive())
	}
}
