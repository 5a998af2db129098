package std

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/mesh-lang/mesh/vm"
)

func init() {
	reg("String.length", func(t *process, a []value) value {
		return vm.Int(int64(utf8.RuneCountInString(a[0].Str())))
	})
	reg("String.slice", func(t *process, a []value) value {
		r := []rune(a[0].Str())
		lo := clamp(a[1].Int(), 0, int64(len(r)))
		hi := clamp(a[2].Int(), 0, int64(len(r)))
		if hi <= lo {
			return vm.Str("")
		}
		return vm.Str(string(r[lo:hi]))
	})
	reg("String.contains", func(t *process, a []value) value {
		return vm.Bool(strings.Contains(a[0].Str(), a[1].Str()))
	})
	reg("String.starts_with", func(t *process, a []value) value {
		return vm.Bool(strings.HasPrefix(a[0].Str(), a[1].Str()))
	})
	reg("String.ends_with", func(t *process, a []value) value {
		return vm.Bool(strings.HasSuffix(a[0].Str(), a[1].Str()))
	})
	reg("String.trim", func(t *process, a []value) value { return vm.Str(strings.TrimSpace(a[0].Str())) })
	reg("String.to_upper", func(t *process, a []value) value { return vm.Str(upper(a[0].Str())) })
	reg("String.to_lower", func(t *process, a []value) value { return vm.Str(strings.ToLower(a[0].Str())) })
	reg("String.replace", func(t *process, a []value) value {
		return vm.Str(strings.ReplaceAll(a[0].Str(), a[1].Str(), a[2].Str()))
	})
	reg("String.split", func(t *process, a []value) value {
		s, sep := a[0].Str(), a[1].Str()
		var parts []string
		if sep == "" {
			parts = append(parts, "")
			for _, r := range s {
				parts = append(parts, string(r))
			}
			parts = append(parts, "")
		} else {
			parts = strings.Split(s, sep)
		}
		items := make([]value, len(parts))
		for i, p := range parts {
			items[i] = vm.Str(p)
		}
		return vm.List(items)
	})
	reg("String.join", func(t *process, a []value) value {
		xs := a[0].Items()
		ss := make([]string, len(xs))
		for i, x := range xs {
			ss[i] = x.Str()
		}
		return vm.Str(strings.Join(ss, a[1].Str()))
	})
	reg("String.to_int", func(t *process, a []value) value {
		s := strings.TrimSpace(a[0].Str())
		if s == "" || strings.ContainsAny(s, "_xXoObB") {
			return t.Machine().None()
		}
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil {
			return t.Machine().None()
		}
		return t.Machine().Some(vm.Int(n))
	})
	reg("String.to_float", func(t *process, a []value) value {
		s := strings.TrimSpace(a[0].Str())
		if f, ok := parseFloat(s); ok {
			return t.Machine().Some(vm.Float(f))
		}
		return t.Machine().None()
	})
	toString := func(t *process, a []value) value { return vm.Str(t.Display(a[0])) }
	alias(toString, "String.from", "String.to_string", "Int.to_string", "Float.to_string", "List.to_string",
		"Map.to_string", "Set.to_string", "to_string", "Bool.to_string")
	reg("inspect", func(t *process, a []value) value { return vm.Str(t.Inspect(a[0])) })
}

func upper(s string) string {
	// Full case mapping: ß → SS (Go's ToUpper keeps ß).
	return strings.ToUpper(strings.ReplaceAll(s, "ß", "SS"))
}

func parseFloat(s string) (float64, bool) {
	if s == "" || strings.ContainsAny(s, "_xXpP") {
		return 0, false
	}
	switch strings.ToLower(strings.TrimLeft(s, "+-")) {
	case "inf", "infinity", "nan":
		f, err := strconv.ParseFloat(s, 64)
		return f, err == nil
	}
	f, err := strconv.ParseFloat(s, 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, !math.IsNaN(f)
		}
		return 0, false
	}
	return f, true
}

func clamp(v, lo, hi int64) int64 {
	if v < lo {
		return lo
	}
	if v > hi {
		return hi
	}
	return v
}
