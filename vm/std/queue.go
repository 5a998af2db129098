package std

import (
	"github.com/mesh-lang/mesh/vm"
)

// A Queue is an immutable FIFO: a handle around a slice.
type queue struct{ items []value }

func queueOf(v value) *queue { return v.Handle().V.(*queue) }

func queueVal(items []value) value {
	return vm.HandleVal(&vm.Handle{Type: "Queue", V: &queue{items: items}})
}

func init() {
	reg("Queue.new", func(t *process, a []value) value { return queueVal(nil) })
	reg("Queue.push", func(t *process, a []value) value {
		return queueVal(append(clone(queueOf(a[0]).items, 1), a[1]))
	})
	reg("Queue.pop", func(t *process, a []value) value {
		q := queueOf(a[0])
		if len(q.items) == 0 {
			t.Panicf("mesh_queue_pop: empty queue")
		}
		return vm.Tuple(q.items[0], queueVal(q.items[1:]))
	})
	reg("Queue.peek", func(t *process, a []value) value {
		q := queueOf(a[0])
		if len(q.items) == 0 {
			t.Panicf("mesh_queue_peek: empty queue")
		}
		return q.items[0]
	})
	reg("Queue.size", func(t *process, a []value) value { return vm.Int(int64(len(queueOf(a[0]).items))) })
	reg("Queue.is_empty", func(t *process, a []value) value { return vm.Bool(len(queueOf(a[0]).items) == 0) })
}
