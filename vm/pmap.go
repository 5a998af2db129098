package vm

import (
	"hash/maphash"
	"math/bits"
	"sync/atomic"
)

// Maps and sets are persistent: Map.put, Map.delete and Set.add return a
// new value in O(log n) and share structure with the old one, which stays
// valid (values are immutable and may be shared by many processes, so
// nothing is ever changed in place once published). Two structures:
//
//   - a hash array mapped trie (hnode) from a key to its entry position;
//   - a persistent vector (pvec) of entries in insertion order, where a
//     deleted key leaves a dead entry until the map is compacted.
//
// Updating the value of a present key touches only the vector; adding a
// key touches both; lookups are one trie walk and one vector read.

const (
	hBits  = 5
	hWidth = 1 << hBits
	hMask  = hWidth - 1
)

var (
	hashSeed = maphash.MakeSeed()
	hashSalt = maphash.String(hashSeed, "mesh")
)

// hashOf hashes a key: strings with maphash, scalars with a mixer (both
// seeded per process, so crafted keys cannot force collisions).
func hashOf(k mapKey) uint64 {
	h := hashSalt ^ uint64(k.k)<<56 ^ k.n
	if k.s != "" {
		h ^= maphash.String(hashSeed, k.s)
	}
	// splitmix64's finalizer: a bijection that spreads every input bit.
	h ^= h >> 30
	h *= 0xbf58476d1ce4e5b9
	h ^= h >> 27
	h *= 0x94d049bb133111eb
	return h ^ h>>31
}

// hleaf is one key of the trie; leaves are immutable and shared.
type hleaf struct {
	key  mapKey
	hash uint64
	pos  int
}

// hnode is a trie node: slot i holds the child for the i-th set bit of
// bitmap, either a leaf or a subtree. Below the last level (shift ≥ 64)
// a node is a collision list: bitmap 0, every slot a leaf.
type hnode struct {
	bitmap uint32
	slots  []hslot
}

type hslot struct {
	leaf *hleaf
	sub  *hnode
}

func popcount(x uint32) int { return bits.OnesCount32(x) }

func (n *hnode) find(key mapKey, hash uint64) (*hleaf, bool) {
	for shift := uint(0); n != nil; shift += hBits {
		if shift >= 64 {
			for _, s := range n.slots {
				if s.leaf.key == key {
					return s.leaf, true
				}
			}
			return nil, false
		}
		bit := uint32(1) << ((hash >> shift) & hMask)
		if n.bitmap&bit == 0 {
			return nil, false
		}
		s := n.slots[popcount(n.bitmap&(bit-1))]
		if s.leaf != nil {
			if s.leaf.key == key {
				return s.leaf, true
			}
			return nil, false
		}
		n = s.sub
	}
	return nil, false
}

// with returns n plus leaf (whose key is known to be absent).
func (n *hnode) with(l *hleaf, shift uint) *hnode {
	if n == nil {
		n = &hnode{}
	}
	if shift >= 64 {
		slots := make([]hslot, len(n.slots)+1)
		copy(slots, n.slots)
		slots[len(n.slots)] = hslot{leaf: l}
		return &hnode{slots: slots}
	}
	bit := uint32(1) << ((l.hash >> shift) & hMask)
	i := popcount(n.bitmap & (bit - 1))
	if n.bitmap&bit == 0 {
		slots := make([]hslot, len(n.slots)+1)
		copy(slots, n.slots[:i])
		slots[i] = hslot{leaf: l}
		copy(slots[i+1:], n.slots[i:])
		return &hnode{bitmap: n.bitmap | bit, slots: slots}
	}
	slots := append([]hslot(nil), n.slots...)
	if old := slots[i].leaf; old != nil {
		sub := (*hnode)(nil).with(old, shift+hBits)
		slots[i] = hslot{sub: sub.with(l, shift+hBits)}
	} else {
		slots[i] = hslot{sub: slots[i].sub.with(l, shift+hBits)}
	}
	return &hnode{bitmap: n.bitmap, slots: slots}
}

// without returns n minus key (known to be present); nil when empty.
func (n *hnode) without(key mapKey, hash uint64, shift uint) *hnode {
	if shift >= 64 {
		slots := make([]hslot, 0, len(n.slots)-1)
		for _, s := range n.slots {
			if s.leaf.key != key {
				slots = append(slots, s)
			}
		}
		if len(slots) == 0 {
			return nil
		}
		return &hnode{slots: slots}
	}
	bit := uint32(1) << ((hash >> shift) & hMask)
	i := popcount(n.bitmap & (bit - 1))
	if s := n.slots[i]; s.sub != nil {
		sub := s.sub.without(key, hash, shift+hBits)
		if sub != nil {
			slots := append([]hslot(nil), n.slots...)
			// A subtree left with one leaf folds back into this node.
			if len(sub.slots) == 1 && sub.slots[0].leaf != nil {
				slots[i] = sub.slots[0]
			} else {
				slots[i] = hslot{sub: sub}
			}
			return &hnode{bitmap: n.bitmap, slots: slots}
		}
	}
	if len(n.slots) == 1 {
		return nil
	}
	slots := make([]hslot, len(n.slots)-1)
	copy(slots, n.slots[:i])
	copy(slots[i:], n.slots[i+1:])
	return &hnode{bitmap: n.bitmap &^ bit, slots: slots}
}

// entry is one position of the insertion-ordered vector.
type entry struct {
	key, val Value
	live     bool
}

// pvec is a persistent vector of entries: a 32-way trie of full leaves
// plus a tail of up to 32 entries. Versions share the tail buffer: the
// first to append at a given length claims the slot (CAS on used) and
// writes it in place, as no other version can see it; a later append at
// the same length, or any change inside the tail, copies the buffer.
// So building a map key by key allocates once per 32 keys.
type pvec struct {
	cnt   int
	shift uint
	root  *vnode
	tail  *tailBuf
}

type tailBuf struct {
	used atomic.Int32
	arr  [hWidth]entry
}

// tailEntries is the tail's part of this version.
func (v *pvec) tailEntries() []entry {
	if v.tail == nil {
		return nil
	}
	return v.tail.arr[:v.cnt-v.tailOff()]
}

// tailCopy returns a fresh buffer holding this version's tail.
func (v *pvec) tailCopy() *tailBuf {
	t := &tailBuf{}
	n := copy(t.arr[:], v.tailEntries())
	t.used.Store(int32(n))
	return t
}

type vnode struct {
	kids [hWidth]*vnode
	leaf []entry
}

func (v *pvec) tailOff() int {
	if v.cnt < hWidth {
		return 0
	}
	return ((v.cnt - 1) >> hBits) << hBits
}

func (v *pvec) leafFor(i int) []entry {
	if i >= v.tailOff() {
		return v.tailEntries()
	}
	n := v.root
	for s := v.shift; s > 0; s -= hBits {
		n = n.kids[(i>>s)&hMask]
	}
	return n.leaf
}

func (v *pvec) at(i int) *entry { return &v.leafFor(i)[i&hMask] }

func (v pvec) set(i int, e entry) pvec {
	if i >= v.tailOff() {
		t := v.tailCopy()
		t.arr[i&hMask] = e
		v.tail = t
		return v
	}
	v.root = setIn(v.root, v.shift, i, e)
	return v
}

func setIn(n *vnode, shift uint, i int, e entry) *vnode {
	c := *n
	if shift == 0 {
		c.leaf = append([]entry(nil), n.leaf...)
		c.leaf[i&hMask] = e
		return &c
	}
	j := (i >> shift) & hMask
	c.kids[j] = setIn(n.kids[j], shift-hBits, i, e)
	return &c
}

func (v pvec) push(e entry) pvec {
	if l := v.cnt - v.tailOff(); l < hWidth {
		t := v.tail
		if t == nil || !t.used.CompareAndSwap(int32(l), int32(l+1)) {
			t = v.tailCopy()
			t.used.Store(int32(l + 1))
		}
		t.arr[l] = e
		v.tail = t
		v.cnt++
		return v
	}
	// The tail is full: it becomes a leaf of the trie.
	full := &vnode{leaf: v.tail.arr[:]}
	if v.root == nil {
		v.root, v.shift = full, 0
	} else if (v.cnt >> hBits) > (1 << v.shift) {
		// The trie is full at this height: grow a level.
		r := &vnode{}
		r.kids[0] = v.root
		r.kids[1] = newPath(v.shift, full)
		v.root, v.shift = r, v.shift+hBits
	} else {
		v.root = pushLeaf(v.root, v.shift, v.cnt-1, full)
	}
	t := &tailBuf{}
	t.arr[0] = e
	t.used.Store(1)
	v.tail = t
	v.cnt++
	return v
}

func newPath(shift uint, leaf *vnode) *vnode {
	if shift == 0 {
		return leaf
	}
	n := &vnode{}
	n.kids[0] = newPath(shift-hBits, leaf)
	return n
}

// pushLeaf adds leaf as the leaf holding position last (the tail's last).
func pushLeaf(n *vnode, shift uint, last int, leaf *vnode) *vnode {
	c := *n
	j := (last >> shift) & hMask
	if shift == hBits {
		c.kids[j] = leaf
	} else if n.kids[j] == nil {
		c.kids[j] = newPath(shift-hBits, leaf)
	} else {
		c.kids[j] = pushLeaf(n.kids[j], shift-hBits, last, leaf)
	}
	return &c
}

// MapObj is an immutable insertion-ordered map (a set when set is true).
type MapObj struct {
	root *hnode
	ents pvec
	n    int // live entries
	set  bool
	view atomic.Pointer[mapView]
}

// mapView is the ordered keys and values, built on first use.
type mapView struct{ keys, vals []Value }

func newMapObj(set bool) *MapObj { return &MapObj{set: set} }

// Len is the number of entries.
func (m *MapObj) Len() int {
	if m == nil {
		return 0
	}
	return m.n
}

// IsSet reports whether m is a set (no values).
func (m *MapObj) IsSet() bool { return m != nil && m.set }

func (m *MapObj) materialize() *mapView {
	if v := m.view.Load(); v != nil {
		return v
	}
	v := &mapView{keys: make([]Value, 0, m.n)}
	if !m.set {
		v.vals = make([]Value, 0, m.n)
	}
	for i := 0; i < m.ents.cnt; i += hWidth {
		for _, e := range m.ents.leafFor(i) {
			if e.live {
				v.keys = append(v.keys, e.key)
				if !m.set {
					v.vals = append(v.vals, e.val)
				}
			}
		}
	}
	m.view.Store(v)
	return v
}

// Keys returns the keys in insertion order (do not modify).
func (m *MapObj) Keys() []Value {
	if m == nil || m.n == 0 {
		return nil
	}
	return m.materialize().keys
}

// Vals returns the values in insertion order (do not modify); nil for a set.
func (m *MapObj) Vals() []Value {
	if m == nil || m.n == 0 || m.set {
		return nil
	}
	return m.materialize().vals
}

// Get looks a key up.
func (m *MapObj) Get(k Value) (Value, bool) {
	if m == nil || m.n == 0 {
		return Value{}, false
	}
	key := keyOf(k)
	l, ok := m.root.find(key, hashOf(key))
	if !ok {
		return Value{}, false
	}
	e := m.ents.at(l.pos)
	if m.set {
		return e.key, true
	}
	return e.val, true
}

// Has reports whether k is present.
func (m *MapObj) Has(k Value) bool {
	if m == nil || m.n == 0 {
		return false
	}
	key := keyOf(k)
	_, ok := m.root.find(key, hashOf(key))
	return ok
}

// with returns m with k set to v (a new object; m is unchanged).
func (m *MapObj) with(k, v Value) *MapObj {
	key := keyOf(k)
	h := hashOf(key)
	if l, ok := m.root.find(key, h); ok {
		// Present: only the entry changes, in place in the order.
		return &MapObj{root: m.root, ents: m.ents.set(l.pos, entry{key: k, val: v, live: true}), n: m.n, set: m.set}
	}
	l := &hleaf{key: key, hash: h, pos: m.ents.cnt}
	return &MapObj{root: m.root.with(l, 0), ents: m.ents.push(entry{key: k, val: v, live: true}), n: m.n + 1, set: m.set}
}

// without returns m minus k (m itself when k is absent).
func (m *MapObj) without(k Value) *MapObj {
	key := keyOf(k)
	h := hashOf(key)
	l, ok := m.root.find(key, h)
	if !ok {
		return m
	}
	c := &MapObj{root: m.root.without(key, h, 0), ents: m.ents.set(l.pos, entry{}), n: m.n - 1, set: m.set}
	if dead := c.ents.cnt - c.n; dead > hWidth && dead > c.n {
		return c.compact()
	}
	return c
}

// compact rebuilds m without dead entries (keeping the order), so a map
// that keeps deleting does not keep growing.
func (m *MapObj) compact() *MapObj {
	c := newMapObj(m.set)
	for i := 0; i < m.ents.cnt; i += hWidth {
		for _, e := range m.ents.leafFor(i) {
			if e.live {
				c = c.with(e.key, e.val)
			}
		}
	}
	return c
}
