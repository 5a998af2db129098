package vm

import (
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// BenchmarkWakeUnderLoad measures scheduling fairness: how late a process
// sleeping 1 ms wakes up, and how long a message round trip between two
// processes takes, while 4 processes spin in tail loops on the machine's
// cores. It reports the mean lateness and round trip per operation.
func BenchmarkWakeUnderLoad(b *testing.B) {
	spin := &bundle.Function{Name: "Main.spin", NumParams: 1, NumLocals: 1, Code: []ins{{Op: op.ADD_INT_RESTART, A: 0, B: 1, C: 1}}}
	main := &bundle.Function{Name: "Main.main", Code: []ins{{Op: op.UNIT}, {Op: op.RETURN}}}
	m, err := Load(&bundle.Program{Files: []string{"main.mpl"}, Funcs: []*bundle.Function{main, spin}}, Options{})
	if err != nil {
		b.Fatal(err)
	}
	root := m.newProcess()
	var spinners []*Process
	for i := 0; i < 4; i++ {
		spinners = append(spinners, root.Spawn(m.funcs[1], nil, []Value{Int(0)}))
	}
	defer func() {
		for _, p := range spinners {
			p.Kill("shutdown")
			<-p.done
		}
	}()
	// echo answers every message with the same value to its sender.
	echo := root.SpawnNative(func(p *Process) {
		for {
			v, _ := p.Receive(nil, -1)
			v.Items()[0].Process().Send(v)
		}
	})
	defer func() { echo.Kill("shutdown"); <-echo.done }()
	var late, rtt time.Duration
	done := make(chan struct{})
	b.ResetTimer()
	root.SpawnNative(func(p *Process) {
		defer close(done)
		const d = time.Millisecond
		for i := 0; i < b.N; i++ {
			start := time.Now()
			p.Sleep(d)
			late += time.Since(start) - d
			start = time.Now()
			echo.Send(Tuple(PidVal(p), Int(int64(i))))
			p.Receive(nil, -1)
			rtt += time.Since(start)
		}
	})
	<-done
	b.StopTimer()
	b.ReportMetric(float64(late.Microseconds())/float64(b.N), "late-µs/wake")
	b.ReportMetric(float64(rtt.Microseconds())/float64(b.N), "rtt-µs")
}
