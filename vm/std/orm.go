package std

import (
	"fmt"
	"strings"

	"github.com/mesh-lang/mesh/vm"
)

// Orm.build_* (§12.19): deterministic PostgreSQL text.

func quoteIdent(s string) string {
	if s == "*" {
		return s
	}
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func strList(v value) []string {
	var out []string
	for _, x := range v.Items() {
		out = append(out, x.Str())
	}
	return out
}

// whereSQL renders conditions numbering parameters from *n.
func whereSQL(wheres []string, n *int) string {
	if len(wheres) == 0 {
		return ""
	}
	var conds []string
	for _, w := range wheres {
		col, op, hasOp := strings.Cut(strings.TrimSpace(w), " ")
		switch {
		case !hasOp:
			*n++
			conds = append(conds, fmt.Sprintf("%s = $%d", quoteIdent(col), *n))
		case op == "IS NULL" || op == "IS NOT NULL":
			conds = append(conds, quoteIdent(col)+" "+op)
		default:
			*n++
			conds = append(conds, fmt.Sprintf("%s %s $%d", quoteIdent(col), op, *n))
		}
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

func returningSQL(cols []string) string {
	if len(cols) == 0 {
		return ""
	}
	q := make([]string, len(cols))
	for i, c := range cols {
		q[i] = quoteIdent(c)
	}
	return " RETURNING " + strings.Join(q, ", ")
}

func init() {
	reg("Orm.build_select", func(t *process, a []value) value {
		var b strings.Builder
		cols := strList(a[1])
		b.WriteString("SELECT ")
		if len(cols) == 0 {
			b.WriteString("*")
		} else {
			q := make([]string, len(cols))
			for i, c := range cols {
				q[i] = quoteIdent(c)
			}
			b.WriteString(strings.Join(q, ", "))
		}
		b.WriteString(" FROM " + quoteIdent(a[0].Str()))
		n := 0
		b.WriteString(whereSQL(strList(a[2]), &n))
		if orders := strList(a[3]); len(orders) > 0 {
			var os []string
			for _, o := range orders {
				col, dir, _ := strings.Cut(strings.TrimSpace(o), " ")
				if dir == "" {
					dir = "ASC"
				}
				os = append(os, quoteIdent(col)+" "+strings.ToUpper(dir))
			}
			b.WriteString(" ORDER BY " + strings.Join(os, ", "))
		}
		if l := a[4].Int(); l >= 0 {
			fmt.Fprintf(&b, " LIMIT %d", l)
		}
		if o := a[5].Int(); o >= 0 {
			fmt.Fprintf(&b, " OFFSET %d", o)
		}
		return vm.Str(b.String())
	})
	reg("Orm.build_insert", func(t *process, a []value) value {
		cols := strList(a[1])
		q, ps := make([]string, len(cols)), make([]string, len(cols))
		for i, c := range cols {
			q[i], ps[i] = quoteIdent(c), fmt.Sprintf("$%d", i+1)
		}
		return vm.Str(fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)%s", quoteIdent(a[0].Str()),
			strings.Join(q, ", "), strings.Join(ps, ", "), returningSQL(strList(a[2]))))
	})
	reg("Orm.build_update", func(t *process, a []value) value {
		cols := strList(a[1])
		sets := make([]string, len(cols))
		for i, c := range cols {
			sets[i] = fmt.Sprintf("%s = $%d", quoteIdent(c), i+1)
		}
		n := len(cols)
		return vm.Str(fmt.Sprintf("UPDATE %s SET %s%s%s", quoteIdent(a[0].Str()), strings.Join(sets, ", "),
			whereSQL(strList(a[2]), &n), returningSQL(strList(a[3]))))
	})
	reg("Orm.build_delete", func(t *process, a []value) value {
		n := 0
		return vm.Str(fmt.Sprintf("DELETE FROM %s%s%s", quoteIdent(a[0].Str()), whereSQL(strList(a[1]), &n),
			returningSQL(strList(a[2]))))
	})
}
