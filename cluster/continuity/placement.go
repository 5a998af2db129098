package continuity

// Placement (§4.10) and small helpers.

import (
	"crypto/sha256"
	"encoding/binary"
	"sort"
	"strconv"
	"strings"
)

// ---------------------------------------------------------------------------------------
// placement helpers

// hash64 is §4.10's h(s): the first 8 bytes of SHA-256(s), big-endian.
func hash64(s string) uint64 {
	sum := sha256.Sum256([]byte(s))
	return binary.BigEndian.Uint64(sum[:8])
}

// placeLess orders names by (h(name), name) — placement order.
func placeLess(a, b string) bool {
	ha, hb := hash64(a), hash64(b)
	if ha != hb {
		return ha < hb
	}
	return a < b
}

// placementOrder trims, dedupes and sorts names in placement order (§4.10).
func placementOrder(names []string) []string {
	set := map[string]bool{}
	var out []string
	for _, n := range names {
		n = strings.TrimSpace(n)
		if n == "" || set[n] {
			continue
		}
		set[n] = true
		out = append(out, n)
	}
	sort.Slice(out, func(i, j int) bool { return placeLess(out[i], out[j]) })
	return out
}

// PlacementOrder exposes §4.10's order (tests, adapters choosing ports).
func PlacementOrder(names []string) []string { return placementOrder(names) }

// Owner returns the owner §4.10 picks for key among members.
func Owner(key string, members []string) string {
	order := placementOrder(members)
	if len(order) == 0 {
		return ""
	}
	return order[hash64("request::"+key)%uint64(len(order))]
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func itoa(n int) string { return strconv.Itoa(n) }
