package vm

import (
	"runtime"
	"sync"
	"unsafe"
	"weak"
)

// Amortised List.append. Lists are immutable (pointer, length) views of a
// backing array. When a list is the longest view of its backing array and
// the array has spare capacity, appending writes the next slot in place:
// no existing view can see that slot, so immutability holds, and repeated
// appends in a loop cost O(1) each instead of copying (§16). The capacity
// and the longest used length live in a side table keyed by the array's
// address, validated by a weak pointer and removed when the array dies.

type backing struct {
	mu   sync.Mutex
	wp   weak.Pointer[Value]
	cap  int
	used int
}

var backings sync.Map // uintptr(first element) → *backing

// ListAppend returns xs with x added at the end.
func ListAppend(xs Value, x Value) Value {
	n := int(xs.n)
	if xs.p != nil {
		if b, ok := backings.Load(uintptr(xs.p)); ok {
			bk := b.(*backing)
			bk.mu.Lock()
			if bk.wp.Value() == (*Value)(xs.p) && bk.used == n && n < bk.cap {
				unsafe.Slice((*Value)(xs.p), bk.cap)[n] = x
				bk.used = n + 1
				bk.mu.Unlock()
				return Value{k: KList, n: uint64(n + 1), p: xs.p}
			}
			bk.mu.Unlock()
		}
	}
	c := max(8, 2*(n+1))
	arr := make([]Value, n+1, c)
	copy(arr, xs.Items())
	arr[n] = x
	first := &arr[0]
	key := uintptr(unsafe.Pointer(first))
	bk := &backing{wp: weak.Make(first), cap: c, used: n + 1}
	backings.Store(key, bk)
	runtime.AddCleanup(first, func(k uintptr) {
		if b, ok := backings.Load(k); ok && b.(*backing).wp.Value() == nil {
			backings.Delete(k)
		}
	}, key)
	return Value{k: KList, n: uint64(n + 1), p: unsafe.Pointer(first)}
}
