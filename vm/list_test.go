package vm

import (
	"runtime"
	"testing"
)

func TestListAppendImmutable(t *testing.T) {
	a := ListAppend(List(nil), Int(1))
	b := ListAppend(a, Int(2))  // in place
	c := ListAppend(a, Int(99)) // a is no longer the longest view: must copy
	d := ListAppend(b, Int(3))
	check := func(name string, v Value, want ...int64) {
		t.Helper()
		items := v.Items()
		if len(items) != len(want) {
			t.Fatalf("%s: len %d want %d", name, len(items), len(want))
		}
		for i, w := range want {
			if items[i].Int() != w {
				t.Fatalf("%s[%d] = %d want %d", name, i, items[i].Int(), w)
			}
		}
	}
	check("a", a, 1)
	check("b", b, 1, 2)
	check("c", c, 1, 99)
	check("d", d, 1, 2, 3)
	// Many appends stay linear and correct, also across a GC.
	xs := List(nil)
	for i := 0; i < 100000; i++ {
		xs = ListAppend(xs, Int(int64(i)))
		if i == 50000 {
			runtime.GC()
		}
	}
	for i, x := range xs.Items() {
		if x.Int() != int64(i) {
			t.Fatalf("xs[%d] = %d", i, x.Int())
		}
	}
}
