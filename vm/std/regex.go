package std

import (
	"regexp"

	"github.com/mesh-lang/mesh/vm"
)

type regex struct{ re *regexp.Regexp }

func (r *regex) String() string { return r.re.String() }

func reVal(re *regexp.Regexp) value { return vm.HandleVal(&vm.Handle{Type: "Regex", V: &regex{re}}) }
func reOf(v value) *regexp.Regexp   { return v.Handle().V.(*regex).re }

func init() {
	reg("Regex.compile", func(t *process, a []value) value {
		re, err := regexp.Compile(a[0].Str())
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		return t.Machine().Ok(reVal(re))
	})
	// __regex_literal(pattern): the compiler has already checked the pattern.
	reg("__regex_literal", func(t *process, a []value) value {
		re, err := regexp.Compile(a[0].Str())
		if err != nil {
			t.Panicf("mesh_regex_from_literal: invalid regex pattern %v", err)
		}
		return reVal(re)
	})
	reg("Regex.is_match", func(t *process, a []value) value { return vm.Bool(reOf(a[0]).MatchString(a[1].Str())) })
	reg("Regex.captures", func(t *process, a []value) value {
		m := reOf(a[0]).FindStringSubmatch(a[1].Str())
		if m == nil {
			return t.Machine().None()
		}
		items := make([]value, len(m))
		for i, s := range m {
			items[i] = vm.Str(s)
		}
		return t.Machine().Some(vm.List(items))
	})
	reg("Regex.replace", func(t *process, a []value) value {
		return vm.Str(reOf(a[0]).ReplaceAllString(a[1].Str(), a[2].Str()))
	})
	reg("Regex.split", func(t *process, a []value) value {
		parts := reOf(a[0]).Split(a[1].Str(), -1)
		items := make([]value, len(parts))
		for i, s := range parts {
			items[i] = vm.Str(s)
		}
		return vm.List(items)
	})
}
