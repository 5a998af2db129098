package std

import (
	"strconv"
	"strings"

	"github.com/mesh-lang/mesh/vm"
)

// Changeset (§12.20): an immutable {data, changes, errors} record; only
// the first error per field is kept.

type changeset struct {
	data    value // Map<String, String>
	changes value
	errors  value
}

func csOf(v value) *changeset { return v.Handle().V.(*changeset) }

func csVal(c *changeset) value { return vm.HandleVal(&vm.Handle{Type: "Changeset", V: c}) }

// withError records msg for field unless it already has an error.
func (c *changeset) withError(field, msg string) *changeset {
	if c.errors.Map().Has(vm.Str(field)) {
		return c
	}
	n := *c
	n.errors = vm.MapPut(c.errors, vm.Str(field), vm.Str(msg))
	return &n
}

func (c *changeset) change(field string) (string, bool) {
	v, ok := c.changes.Map().Get(vm.Str(field))
	return v.Str(), ok
}

func (c *changeset) hasError(field string) bool { return c.errors.Map().Has(vm.Str(field)) }

// validate applies check to a field present in changes without an error.
func validate(a []value, check func(c *changeset, field, v string) *changeset) value {
	c, field := csOf(a[0]), a[1].Str()
	v, ok := c.change(field)
	if !ok || c.hasError(field) {
		return a[0]
	}
	return csVal(check(c, field, v))
}

func castFields(data, params value, fields []value) *changeset {
	var keys, vals []value
	for _, f := range fields {
		if v, ok := params.Map().Get(vm.Str(f.Str())); ok {
			keys, vals = append(keys, vm.Str(f.Str())), append(vals, v)
		}
	}
	return &changeset{data: data, changes: vm.NewMap(keys, vals), errors: vm.EmptyMap()}
}

func init() {
	reg("Changeset.cast", func(t *process, a []value) value { return csVal(castFields(a[0], a[1], a[2].Items())) })
	reg("Changeset.cast_with_types", func(t *process, a []value) value {
		c := castFields(a[0], a[1], a[2].Items())
		types := map[string]string{}
		for _, ft := range a[3].Items() {
			name, typ, _ := strings.Cut(ft.Str(), ":")
			types[name] = typ
		}
		o := c.changes.Map()
		keys := o.Keys()
		vals := append([]value(nil), o.Vals()...)
		for i, k := range keys {
			s := strings.TrimSpace(vals[i].Str())
			ok := true
			switch types[k.Str()] {
			case "BIGINT":
				_, err := strconv.ParseInt(s, 10, 64)
				ok, vals[i] = err == nil, vm.Str(s)
			case "DOUBLE PRECISION":
				_, err := strconv.ParseFloat(s, 64)
				ok, vals[i] = err == nil, vm.Str(s)
			case "BOOLEAN":
				switch strings.ToLower(s) {
				case "true", "t", "1", "yes":
					vals[i] = vm.Str("true")
				case "false", "f", "0", "no":
					vals[i] = vm.Str("false")
				default:
					ok = false
				}
			}
			if !ok {
				c = c.withError(k.Str(), "is invalid")
			}
		}
		c.changes = vm.NewMap(keys, vals)
		return csVal(c)
	})
	reg("Changeset.validate_required", func(t *process, a []value) value {
		c := csOf(a[0])
		for _, f := range a[1].Items() {
			field := f.Str()
			v, ok := c.change(field)
			if !ok {
				d, _ := c.data.Map().Get(vm.Str(field))
				v = d.Str()
			}
			if v == "" {
				c = c.withError(field, "can't be blank")
			}
		}
		return csVal(c)
	})
	reg("Changeset.validate_length", func(t *process, a []value) value {
		lo, hi := a[2].Int(), a[3].Int()
		return validate(a, func(c *changeset, field, v string) *changeset {
			n := int64(len(v))
			switch {
			case lo >= 0 && n < lo:
				return c.withError(field, "should be at least "+strconv.FormatInt(lo, 10)+" character(s)")
			case hi >= 0 && n > hi:
				return c.withError(field, "should be at most "+strconv.FormatInt(hi, 10)+" character(s)")
			}
			return c
		})
	})
	reg("Changeset.validate_format", func(t *process, a []value) value {
		needle := a[2].Str()
		return validate(a, func(c *changeset, field, v string) *changeset {
			if !strings.Contains(v, needle) {
				return c.withError(field, "has invalid format")
			}
			return c
		})
	})
	reg("Changeset.validate_inclusion", func(t *process, a []value) value {
		allowed := a[2].Items()
		return validate(a, func(c *changeset, field, v string) *changeset {
			for _, x := range allowed {
				if x.Str() == v {
					return c
				}
			}
			return c.withError(field, "is invalid")
		})
	})
	reg("Changeset.validate_number", func(t *process, a []value) value {
		gt, lt, gte, lte := a[2].Int(), a[3].Int(), a[4].Int(), a[5].Int()
		return validate(a, func(c *changeset, field, v string) *changeset {
			n, err := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
			switch {
			case err != nil:
				return c.withError(field, "is not a number")
			case gt != -1 && !(n > gt):
				return c.withError(field, "must be greater than "+strconv.FormatInt(gt, 10))
			case lt != -1 && !(n < lt):
				return c.withError(field, "must be less than "+strconv.FormatInt(lt, 10))
			case gte != -1 && !(n >= gte):
				return c.withError(field, "must be greater than or equal to "+strconv.FormatInt(gte, 10))
			case lte != -1 && !(n <= lte):
				return c.withError(field, "must be less than or equal to "+strconv.FormatInt(lte, 10))
			}
			return c
		})
	})
	reg("Changeset.valid", func(t *process, a []value) value { return vm.Bool(csOf(a[0]).errors.Map().Len() == 0) })
	reg("Changeset.errors", func(t *process, a []value) value { return csOf(a[0]).errors })
	reg("Changeset.changes", func(t *process, a []value) value { return csOf(a[0]).changes })
	reg("Changeset.get_change", func(t *process, a []value) value {
		v, _ := csOf(a[0]).change(a[1].Str())
		return vm.Str(v)
	})
	reg("Changeset.get_error", func(t *process, a []value) value {
		v, _ := csOf(a[0]).errors.Map().Get(vm.Str(a[1].Str()))
		return vm.Str(v.Str())
	})
}
