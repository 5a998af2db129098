package vm_test

import (
	"io"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

func goFib(n int64) int64 {
	if n < 2 {
		return n
	}
	return goFib(n-1) + goFib(n-2)
}

//go:noinline
func goLoop(n, acc int64) int64 {
	for n != 0 {
		acc += n
		n--
	}
	return acc
}

func benchProgram(b *testing.B, main *bundle.Function, f *bundle.Function) *vm.Machine {
	p := asm(nil, nil, main, f)
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	return m
}

// BenchmarkFib30 reports fib(30) in Mesh bytecode and the ratio to Go.
func BenchmarkFib30(b *testing.B) {
	main := &bundle.Function{Name: "Main.main", Code: []op.Instr{{Op: op.INT, A: 30}, {Op: op.CALL, A: 1, B: 1}, {Op: op.RETURN}}}
	m := benchProgram(b, main, fibFunc())
	ratio(b, func() { m.Run() }, func() { goFib(30) })
}

// BenchmarkLoop10M reports a 10M-iteration tail-recursive Int loop and the ratio to Go.
func BenchmarkLoop10M(b *testing.B) {
	main := &bundle.Function{Name: "Main.main", Code: []op.Instr{{Op: op.CONST, A: 0}, {Op: op.INT, A: 0}, {Op: op.CALL, A: 1, B: 2}, {Op: op.RETURN}}}
	p := asm(nil, []bundle.Const{{Kind: bundle.ConstInt, Int: 10_000_000}}, main, loopFunc(1))
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	ratio(b, func() { m.Run() }, func() { goLoop(10_000_000, 0) })
}

// ratio times mesh with the benchmark timer and the native version by a
// manual clock over the same number of runs, and reports the slowdown.
func ratio(b *testing.B, mesh, native func()) {
	b.Helper()
	for i := 0; i < b.N; i++ {
		mesh()
	}
	b.StopTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		native()
	}
	nativeNs := time.Since(start).Nanoseconds()
	b.ReportMetric(float64(nativeNs)/float64(b.N), "go-ns/op")
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(nativeNs), "x-slower")
}
