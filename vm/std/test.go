package std

import (
	"fmt"
	"strings"

	"github.com/mesh-lang/mesh/vm"
)

// Test DSL natives (§13): assertions record failures on the running test
// (they never stop it); __test_run runs the tests and prints the report.

type testState struct {
	failures []string // of the current test
	mocks    []*vm.Process
}

func stateOf(t *process) *testState {
	v, _ := t.Machine().Ext.LoadOrStore("test", &testState{})
	return v.(*testState)
}

func fail(t *process, msg string) {
	st := stateOf(t)
	st.failures = append(st.failures, msg)
}

const (
	ansiDim   = "\x1b[2m"
	ansiGreen = "\x1b[32m"
	ansiRed   = "\x1b[31m"
	ansiBold  = "\x1b[1m"
	ansiReset = "\x1b[0m"
)

// indentMsg puts four spaces before a failure message's first line;
// continuation lines keep only their own indentation.
func indentMsg(m string) string { return "    " + m }

func init() {
	reg("assert", func(t *process, a []value) value {
		if !a[0].Bool() {
			src := ""
			if len(a) > 1 {
				src = a[1].Str()
			}
			fail(t, "assert failed: "+src)
		}
		return vm.Unit
	})
	reg("assert_eq", func(t *process, a []value) value {
		l, r := t.Display(a[0]), t.Display(a[1])
		if !t.Equal(a[0], a[1]) {
			fail(t, fmt.Sprintf("assert_eq failed: assert_eq\n  left:  %s\n  right: %s", l, r))
		}
		return vm.Unit
	})
	reg("assert_ne", func(t *process, a []value) value {
		if t.Equal(a[0], a[1]) {
			fail(t, "assert_ne failed: assert_ne\n  both sides equal: "+t.Display(a[0]))
		}
		return vm.Unit
	})
	reg("assert_raises", func(t *process, a []value) value {
		st := stateOf(t)
		before := len(st.failures)
		t.CallValue(a[0])
		if len(st.failures) > before {
			st.failures = st.failures[:before] // swallowed: the expression raised
		} else {
			fail(t, "assert_raises failed: expression did not raise")
		}
		return vm.Unit
	})
	reg("__test_fail", func(t *process, a []value) value {
		fail(t, a[0].Str())
		return vm.Unit
	})
	reg("Test.mock_actor", func(t *process, a []value) value {
		f := a[0]
		p := t.SpawnNative(func(p *vm.Process) {
			for {
				msg, _ := p.Receive(nil, -1)
				if r := p.CallValue(f, msg); r.Kind() == vm.KString && r.Str() == "stop" {
					return
				}
			}
		})
		st := stateOf(t)
		st.mocks = append(st.mocks, p)
		return vm.PidVal(p)
	})
	reg("__test_run", func(t *process, a []value) value {
		labels, tests := a[0].Items(), a[1].Items()
		m := t.Machine()
		st := stateOf(t)
		type failed struct {
			label string
			msgs  []string
		}
		var failures []failed
		passed := 0
		for i, test := range tests {
			for _, mk := range st.mocks {
				mk.Kill("shutdown")
			}
			st.mocks, st.failures = nil, nil
			label := labels[i].Str()
			m.Output(fmt.Sprintf("  %srunning: %s%s", ansiDim, label, ansiReset))
			t.CallValue(test)
			if len(st.failures) == 0 {
				passed++
				m.Output(fmt.Sprintf("\r  %s✓ %s%s\n", ansiGreen, label, ansiReset))
				continue
			}
			var b strings.Builder
			fmt.Fprintf(&b, "\r  %s✗ %s%s\n", ansiRed, label, ansiReset)
			for _, msg := range st.failures {
				fmt.Fprintf(&b, "%s%s%s\n", ansiRed, indentMsg(msg), ansiReset)
			}
			m.Output(b.String())
			failures = append(failures, failed{label, append([]string(nil), st.failures...)})
		}
		for _, mk := range st.mocks {
			mk.Kill("shutdown")
		}
		var b strings.Builder
		if len(failures) > 0 {
			fmt.Fprintf(&b, "\n%sFailures:%s\n", ansiBold, ansiReset)
			for _, f := range failures {
				fmt.Fprintf(&b, "  %s✗ %s%s\n", ansiRed, f.label, ansiReset)
				for _, msg := range f.msgs {
					fmt.Fprintf(&b, "%s%s%s\n", ansiRed, indentMsg(msg), ansiReset)
				}
			}
			fmt.Fprintf(&b, "\n%s%d failed%s, %s%d passed%s in 0.00s\n", ansiRed, len(failures), ansiReset, ansiGreen, passed, ansiReset)
		} else {
			fmt.Fprintf(&b, "\n%s%d passed%s in 0.00s\n", ansiGreen, passed, ansiReset)
		}
		m.Output(b.String())
		if len(failures) > 0 {
			m.RequestExit(1)
		} else {
			m.RequestExit(0)
		}
		return vm.Unit
	})
}
