package vm

import (
	"fmt"
	"math/rand"
	"sync"
	"testing"
)

// model is the reference: a Go map plus the insertion order.
type model struct {
	order []string
	vals  map[string]int64
}

func (m model) clone() model {
	c := model{order: append([]string(nil), m.order...), vals: map[string]int64{}}
	for k, v := range m.vals {
		c.vals[k] = v
	}
	return c
}

func (m model) put(k string, v int64) model {
	c := m.clone()
	if _, ok := c.vals[k]; !ok {
		c.order = append(c.order, k)
	}
	c.vals[k] = v
	return c
}

func (m model) del(k string) model {
	c := m.clone()
	if _, ok := c.vals[k]; !ok {
		return c
	}
	delete(c.vals, k)
	for i, x := range c.order {
		if x == k {
			c.order = append(c.order[:i], c.order[i+1:]...)
			break
		}
	}
	return c
}

func checkAgainst(t *testing.T, step int, got Value, want model, keySpace int) {
	t.Helper()
	o := got.Map()
	if o.Len() != len(want.order) {
		t.Fatalf("step %d: len %d, want %d", step, o.Len(), len(want.order))
	}
	keys, vals := o.Keys(), o.Vals()
	for i, k := range want.order {
		if keys[i].Str() != k || vals[i].Int() != want.vals[k] {
			t.Fatalf("step %d: entry %d = %s=>%d, want %s=>%d", step, i, keys[i].Str(), vals[i].Int(), k, want.vals[k])
		}
	}
	for i := 0; i < keySpace; i++ {
		k := fmt.Sprint("k", i)
		v, ok := o.Get(Str(k))
		wv, wok := want.vals[k]
		if ok != wok || (ok && v.Int() != wv) || o.Has(Str(k)) != wok {
			t.Fatalf("step %d: Get(%s) = %v %v, want %v %v", step, k, v.Int(), ok, wv, wok)
		}
	}
}

// TestMapPersistent drives random puts, updates and deletes on random
// earlier versions and checks every version against the model, so that
// structure sharing never lets one version's change leak into another.
func TestMapPersistent(t *testing.T) {
	for _, keySpace := range []int{5, 40, 3000} {
		r := rand.New(rand.NewSource(int64(keySpace)))
		versions := []Value{EmptyMap()}
		models := []model{{vals: map[string]int64{}}}
		steps := 4000
		for step := 0; step < steps; step++ {
			i := len(versions) - 1
			if r.Intn(40) == 0 { // branch from a recent older version
				i -= r.Intn(min(len(versions), 20))
			}
			k := fmt.Sprint("k", r.Intn(keySpace))
			var nv Value
			var nm model
			if r.Intn(3) == 0 {
				nv, nm = MapDelete(versions[i], Str(k)), models[i].del(k)
			} else {
				v := r.Int63n(1000)
				nv, nm = MapPut(versions[i], Str(k), Int(v)), models[i].put(k, v)
			}
			versions, models = append(versions, nv), append(models, nm)
			if step%251 == 0 || step == steps-1 {
				for j := range versions {
					if j%31 == 0 || j >= len(versions)-3 {
						checkAgainst(t, step, versions[j], models[j], keySpace)
					}
				}
			}
		}
	}
}

// TestMapGrowShrink: a map grown past several trie levels, then emptied,
// then grown again, keeps its order and compacts its dead entries.
func TestMapGrowShrink(t *testing.T) {
	const n = 40000
	m := EmptyMap()
	for i := 0; i < n; i++ {
		m = MapPut(m, Int(int64(i)), Int(int64(i*2)))
	}
	if m.Map().Len() != n {
		t.Fatalf("len %d", m.Map().Len())
	}
	for i, k := range m.Map().Keys() {
		if k.Int() != int64(i) {
			t.Fatalf("key %d = %d", i, k.Int())
		}
	}
	full := m
	for i := 0; i < n; i += 2 {
		m = MapDelete(m, Int(int64(i)))
	}
	if m.Map().Len() != n/2 || m.Map().ents.cnt > n {
		t.Fatalf("len %d, entries %d", m.Map().Len(), m.Map().ents.cnt)
	}
	for i, k := range m.Map().Keys() {
		if k.Int() != int64(2*i+1) {
			t.Fatalf("after delete, key %d = %d", i, k.Int())
		}
	}
	for i := 1; i < n; i += 2 {
		m = MapDelete(m, Int(int64(i)))
	}
	if m.Map().Len() != 0 || m.Map().ents.cnt > 2*hWidth {
		t.Fatalf("emptied: len %d, entries %d", m.Map().Len(), m.Map().ents.cnt)
	}
	if v, ok := full.Map().Get(Int(n - 1)); !ok || v.Int() != 2*(n-1) {
		t.Fatalf("old version lost its last entry: %v %v", v, ok)
	}
	m = MapPut(m, Int(7), Int(1))
	if ks := m.Map().Keys(); len(ks) != 1 || ks[0].Int() != 7 {
		t.Fatalf("regrown: %v", ks)
	}
}

// TestTrieCollisions: keys whose hashes agree on every level land in a
// collision node and stay findable and removable.
func TestTrieCollisions(t *testing.T) {
	var root *hnode
	keys := []mapKey{{k: KInt, n: 1}, {k: KInt, n: 2}, {k: KInt, n: 3}, {k: KInt, n: 4}}
	hashes := []uint64{0xabc, 0xabc, 0xabc, 0xabc | 1<<40} // three full collisions, one deep split
	for i, k := range keys {
		root = root.with(&hleaf{key: k, hash: hashes[i], pos: i}, 0)
	}
	for i, k := range keys {
		l, ok := root.find(k, hashes[i])
		if !ok || l.pos != i {
			t.Fatalf("find %v = %v %v", k, l, ok)
		}
	}
	if _, ok := root.find(mapKey{k: KInt, n: 9}, 0xabc); ok {
		t.Fatal("found an absent colliding key")
	}
	root = root.without(keys[1], hashes[1], 0)
	if _, ok := root.find(keys[1], hashes[1]); ok {
		t.Fatal("removed key still found")
	}
	for _, i := range []int{0, 2, 3} {
		if _, ok := root.find(keys[i], hashes[i]); !ok {
			t.Fatalf("lost key %d after removing a neighbour", i)
		}
	}
	for _, i := range []int{0, 2, 3} {
		root = root.without(keys[i], hashes[i], 0)
	}
	if root != nil {
		t.Fatalf("emptied trie = %+v", root)
	}
}

// TestMapConcurrentExtend: goroutines extending the same version at once
// race for its tail slot; each must end with exactly its own keys.
func TestMapConcurrentExtend(t *testing.T) {
	base := EmptyMap()
	for i := 0; i < 5; i++ {
		base = MapPut(base, Int(int64(i)), Int(0))
	}
	const workers, each = 8, 200
	out := make([]Value, workers)
	var wg sync.WaitGroup
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			m := base
			for j := 0; j < each; j++ {
				m = MapPut(m, Str(fmt.Sprint(w, "-", j)), Int(int64(w)))
			}
			out[w] = m
		}()
	}
	wg.Wait()
	for w, m := range out {
		keys, vals := m.Map().Keys(), m.Map().Vals()
		if len(keys) != 5+each {
			t.Fatalf("worker %d: %d keys", w, len(keys))
		}
		for j := 0; j < each; j++ {
			if keys[5+j].Str() != fmt.Sprint(w, "-", j) || vals[5+j].Int() != int64(w) {
				t.Fatalf("worker %d: entry %d = %s", w, j, keys[5+j].Str())
			}
		}
	}
	if base.Map().Len() != 5 {
		t.Fatalf("base changed: %d", base.Map().Len())
	}
}

func TestSetOps(t *testing.T) {
	s := NewSet([]Value{Str("b"), Str("a"), Str("b")})
	if s.Map().Len() != 2 || s.Map().Keys()[0].Str() != "b" || s.Map().Vals() != nil {
		t.Fatalf("set = %v", s.Map().Keys())
	}
	s2 := SetAdd(s, Str("c"))
	if s.Map().Has(Str("c")) || !s2.Map().Has(Str("c")) {
		t.Fatal("SetAdd changed the old set")
	}
	s3 := MapDelete(s2, Str("b"))
	if s3.k != KSet || s3.Map().Len() != 2 || s3.Map().Keys()[0].Str() != "a" {
		t.Fatalf("delete from set: %v", s3.Map().Keys())
	}
}

// BenchmarkMapBuild adds n keys one at a time (the fold that was
// quadratic when every put copied the map).
func BenchmarkMapBuild(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				m := EmptyMap()
				for j := 0; j < n; j++ {
					m = MapPut(m, Int(int64(j)), Int(int64(j)))
				}
			}
		})
	}
}

func BenchmarkMapGet(b *testing.B) {
	for _, n := range []int{10, 1000, 100000} {
		b.Run(fmt.Sprint("n=", n), func(b *testing.B) {
			m := NewMap(nil, nil)
			for j := 0; j < n; j++ {
				m = MapPut(m, Int(int64(j)), Int(int64(j)))
			}
			o := m.Map()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				if _, ok := o.Get(Int(int64(i % n))); !ok {
					b.Fatal("missing")
				}
			}
		})
	}
}
