package std

import (
	"bytes"
	"fmt"
	"io"
	"net"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

// TestServeBindFailureReturns: HTTP.serve on a busy port logs upstream's
// line and returns Unit instead of panicking (toolchain-reference §4.1).
func TestServeBindFailureReturns(t *testing.T) {
	busy, err := net.Listen("tcp", ":0")
	if err != nil {
		t.Fatal(err)
	}
	defer busy.Close()
	port := busy.Addr().(*net.TCPAddr).Port

	var stderr bytes.Buffer
	p := &bundle.Program{Funcs: []*bundle.Function{{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}}}}
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: &stderr})
	if err != nil {
		t.Fatal(err)
	}
	router, _ := vm.LookupNative("HTTP.router")
	serve, _ := vm.LookupNative("HTTP.serve")
	var out value
	m.CallInProcess(vm.NativeClosure("t", 0, func(pr *process, _ []value) value {
		out = serve(pr, []value{router(pr, nil), vm.Int(int64(port))})
		return out
	}))
	if out.Kind() != vm.KUnit {
		t.Fatalf("HTTP.serve returned %v, want ()", out.Kind())
	}
	want := fmt.Sprintf("[mesh-rt] Failed to start HTTP server on [::]:%d: ", port)
	if !strings.Contains(stderr.String(), want) {
		t.Fatalf("stderr %q lacks %q", stderr.String(), want)
	}
}
