package std

import (
	"context"
	"fmt"
	"strings"

	"github.com/mesh-lang/mesh/vm"
)

// ORM (§12.19): Expr and Query are immutable SQL builders; Repo runs them
// on a pool. Parameters are marked with \x00 in the SQL text and numbered
// $1, $2, … when the statement is assembled.

const mark = "\x00"

type sqlExpr struct {
	sql    string
	params []string
}

func exprOf(v value) sqlExpr {
	if e, ok := v.Handle().V.(sqlExpr); ok {
		return e
	}
	return sqlExpr{sql: "NULL"}
}

func exprVal(e sqlExpr) value { return vm.HandleVal(&vm.Handle{Type: "Expr", V: e}) }

func join(es []sqlExpr, sep string) sqlExpr {
	var out sqlExpr
	for i, e := range es {
		if i > 0 {
			out.sql += sep
		}
		out.sql += e.sql
		out.params = append(out.params, e.params...)
	}
	return out
}

func exprList(v value) []sqlExpr {
	var out []sqlExpr
	for _, x := range v.Items() {
		out = append(out, exprOf(x))
	}
	return out
}

// number replaces parameter marks with $n, $n+1, … and returns the SQL.
func number(sql string, n *int) string {
	var b strings.Builder
	for {
		i := strings.Index(sql, mark)
		if i < 0 {
			b.WriteString(sql)
			return b.String()
		}
		*n++
		fmt.Fprintf(&b, "%s$%d", sql[:i], *n)
		sql = sql[i+1:]
	}
}

type query struct {
	table   string
	selects []sqlExpr
	wheres  []sqlExpr
	joins   []string
	groups  []string
	having  []sqlExpr
	orders  []string
	limit   int64
	offset  int64
}

func queryOf(v value) *query { return v.Handle().V.(*query) }

func (q *query) with(f func(c *query)) value {
	c := *q
	c.selects = append([]sqlExpr(nil), q.selects...)
	c.wheres = append([]sqlExpr(nil), q.wheres...)
	c.joins = append([]string(nil), q.joins...)
	c.groups = append([]string(nil), q.groups...)
	c.having = append([]sqlExpr(nil), q.having...)
	c.orders = append([]string(nil), q.orders...)
	f(&c)
	return vm.HandleVal(&vm.Handle{Type: "Query", V: &c})
}

func (q *query) whereSQL() sqlExpr {
	if len(q.wheres) == 0 {
		return sqlExpr{}
	}
	w := join(q.wheres, " AND ")
	w.sql = " WHERE " + w.sql
	return w
}

func (q *query) selectSQL() sqlExpr {
	sel := sqlExpr{sql: "*"}
	if len(q.selects) > 0 {
		sel = join(q.selects, ", ")
	}
	out := sqlExpr{sql: "SELECT " + sel.sql + " FROM " + quoteIdent(q.table), params: sel.params}
	if len(q.joins) > 0 {
		out.sql += " " + strings.Join(q.joins, " ")
	}
	w := q.whereSQL()
	out.sql += w.sql
	out.params = append(out.params, w.params...)
	if len(q.groups) > 0 {
		out.sql += " GROUP BY " + strings.Join(q.groups, ", ")
	}
	if len(q.having) > 0 {
		h := join(q.having, " AND ")
		out.sql += " HAVING " + h.sql
		out.params = append(out.params, h.params...)
	}
	if len(q.orders) > 0 {
		out.sql += " ORDER BY " + strings.Join(q.orders, ", ")
	}
	if q.limit >= 0 {
		out.sql += fmt.Sprintf(" LIMIT %d", q.limit)
	}
	if q.offset >= 0 {
		out.sql += fmt.Sprintf(" OFFSET %d", q.offset)
	}
	return out
}

func anyParams(ps []string) []any {
	out := make([]any, len(ps))
	for i, p := range ps {
		out[i] = p
	}
	return out
}

var sqlOps = map[string]string{"eq": "=", "neq": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "like": "LIKE", "ilike": "ILIKE"}

func firstRow(t *process, r value) value {
	if r.Tag() != 0 {
		return r
	}
	rows := r.Fields()[0].Items()
	if len(rows) == 0 {
		return t.Machine().Err(vm.Str("not found"))
	}
	return t.Machine().Ok(rows[0])
}

// fieldsSQL renders a Map<String, String|Expr> as columns and value exprs.
func fieldsSQL(m value) ([]string, []sqlExpr) {
	o := m.Map()
	var cols []string
	var vals []sqlExpr
	for i, k := range o.Keys() {
		cols = append(cols, quoteIdent(k.Str()))
		v := o.Vals()[i]
		if v.Kind() == vm.KHandle {
			vals = append(vals, exprOf(v))
		} else {
			vals = append(vals, sqlExpr{sql: mark, params: []string{v.Str()}})
		}
	}
	return cols, vals
}

func init() {
	e2 := func(op string) vm.NativeFn {
		return func(t *process, a []value) value {
			x, y := exprOf(a[0]), exprOf(a[1])
			return exprVal(sqlExpr{sql: "(" + x.sql + " " + op + " " + y.sql + ")", params: append(append([]string(nil), x.params...), y.params...)})
		}
	}
	for name, op := range map[string]string{"add": "+", "sub": "-", "mul": "*", "div": "/", "eq": "=", "neq": "<>", "lt": "<", "lte": "<=", "gt": ">", "gte": ">="} {
		reg("Expr."+name, e2(op))
	}
	reg("Expr.column", func(t *process, a []value) value { return exprVal(sqlExpr{sql: quoteIdent(a[0].Str())}) })
	reg("Expr.value", func(t *process, a []value) value { return exprVal(sqlExpr{sql: mark, params: []string{a[0].Str()}}) })
	reg("Expr.null", func(t *process, a []value) value { return exprVal(sqlExpr{sql: "NULL"}) })
	call := func(t *process, a []value) value {
		args := join(exprList(a[1]), ", ")
		return exprVal(sqlExpr{sql: a[0].Str() + "(" + args.sql + ")", params: args.params})
	}
	alias(call, "Expr.call", "Expr.fn_call")
	caseFn := func(t *process, a []value) value {
		conds, results := exprList(a[0]), exprList(a[1])
		out := sqlExpr{sql: "CASE"}
		for i := range conds {
			if i >= len(results) {
				break
			}
			out.sql += " WHEN " + conds[i].sql + " THEN " + results[i].sql
			out.params = append(append(out.params, conds[i].params...), results[i].params...)
		}
		el := exprOf(a[2])
		out.sql += " ELSE " + el.sql + " END"
		out.params = append(out.params, el.params...)
		return exprVal(out)
	}
	alias(caseFn, "Expr.case", "Expr.case_when")
	reg("Expr.coalesce", func(t *process, a []value) value {
		args := join(exprList(a[0]), ", ")
		return exprVal(sqlExpr{sql: "COALESCE(" + args.sql + ")", params: args.params})
	})
	reg("Expr.excluded", func(t *process, a []value) value { return exprVal(sqlExpr{sql: "EXCLUDED." + quoteIdent(a[0].Str())}) })
	aliasFn := func(t *process, a []value) value {
		e := exprOf(a[0])
		return exprVal(sqlExpr{sql: e.sql + " AS " + quoteIdent(a[1].Str()), params: e.params})
	}
	alias(aliasFn, "Expr.alias", "Expr.label")
	reg("Pg.cast", func(t *process, a []value) value {
		e := exprOf(a[0])
		return exprVal(sqlExpr{sql: "(" + e.sql + ")::" + a[1].Str(), params: e.params})
	})
	reg("Pg.uuid", func(t *process, a []value) value {
		e := exprOf(a[0])
		return exprVal(sqlExpr{sql: "(" + e.sql + ")::uuid", params: e.params})
	})
	reg("Pg.gen_salt", func(t *process, a []value) value {
		return exprVal(sqlExpr{sql: fmt.Sprintf("gen_salt(%s, %d)", mark, a[1].Int()), params: []string{a[0].Str()}})
	})
	reg("Pg.crypt", func(t *process, a []value) value {
		args := join([]sqlExpr{exprOf(a[0]), exprOf(a[1])}, ", ")
		return exprVal(sqlExpr{sql: "crypt(" + args.sql + ")", params: args.params})
	})
	reg("Pg.ts_rank", func(t *process, a []value) value {
		args := join([]sqlExpr{exprOf(a[0]), exprOf(a[1])}, ", ")
		return exprVal(sqlExpr{sql: "ts_rank(" + args.sql + ")", params: args.params})
	})

	reg("Query.from", func(t *process, a []value) value {
		return vm.HandleVal(&vm.Handle{Type: "Query", V: &query{table: a[0].Str(), limit: -1, offset: -1}})
	})
	addWhere := func(a []value, e sqlExpr) value {
		return queryOf(a[0]).with(func(c *query) { c.wheres = append(c.wheres, e) })
	}
	reg("Query.where", func(t *process, a []value) value {
		return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + " = " + mark, params: []string{a[2].Str()}})
	})
	reg("Query.where_op", func(t *process, a []value) value {
		op := sqlOps[a[2].Str()]
		if op == "" {
			t.Panicf("Query.where_op: unknown operator :%s", a[2].Str())
		}
		return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + " " + op + " " + mark, params: []string{a[3].Str()}})
	})
	in := func(not string) vm.NativeFn {
		return func(t *process, a []value) value {
			vals := strList(a[2])
			marks := strings.TrimSuffix(strings.Repeat(mark+", ", len(vals)), ", ")
			return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + not + " IN (" + marks + ")", params: vals})
		}
	}
	reg("Query.where_in", in(""))
	reg("Query.where_not_in", in(" NOT"))
	reg("Query.where_null", func(t *process, a []value) value {
		return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + " IS NULL"})
	})
	reg("Query.where_not_null", func(t *process, a []value) value {
		return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + " IS NOT NULL"})
	})
	reg("Query.where_between", func(t *process, a []value) value {
		return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + " BETWEEN " + mark + " AND " + mark, params: []string{a[2].Str(), a[3].Str()}})
	})
	reg("Query.where_or", func(t *process, a []value) value {
		fields, vals := strList(a[1]), strList(a[2])
		var parts []sqlExpr
		for i := range fields {
			if i < len(vals) {
				parts = append(parts, sqlExpr{sql: quoteIdent(fields[i]) + " = " + mark, params: []string{vals[i]}})
			}
		}
		e := join(parts, " OR ")
		e.sql = "(" + e.sql + ")"
		return addWhere(a, e)
	})
	reg("Query.where_expr", func(t *process, a []value) value { return addWhere(a, exprOf(a[1])) })
	raw := func(t *process, a []value) value {
		sql := a[1].Str()
		ps := strList(a[2])
		for i := len(ps); i >= 1; i-- { // user $N / ? placeholders become marks
			sql = strings.ReplaceAll(sql, fmt.Sprintf("$%d", i), mark)
		}
		sql = strings.ReplaceAll(sql, "?", mark)
		return addWhere(a, sqlExpr{sql: sql, params: ps})
	}
	alias(raw, "Query.where_raw", "Query.fragment")
	reg("Query.where_sub", func(t *process, a []value) value {
		sub := queryOf(a[2]).selectSQL()
		return addWhere(a, sqlExpr{sql: quoteIdent(a[1].Str()) + " IN (" + sub.sql + ")", params: sub.params})
	})
	addSelect := func(a []value, es ...sqlExpr) value {
		return queryOf(a[0]).with(func(c *query) { c.selects = append(c.selects, es...) })
	}
	reg("Query.select", func(t *process, a []value) value {
		var es []sqlExpr
		for _, c := range strList(a[1]) {
			es = append(es, sqlExpr{sql: quoteIdent(c)})
		}
		return addSelect(a, es...)
	})
	reg("Query.select_raw", func(t *process, a []value) value {
		var es []sqlExpr
		for _, c := range strList(a[1]) {
			es = append(es, sqlExpr{sql: c})
		}
		return addSelect(a, es...)
	})
	reg("Query.select_expr", func(t *process, a []value) value { return addSelect(a, exprOf(a[1])) })
	reg("Query.select_exprs", func(t *process, a []value) value { return addSelect(a, exprList(a[1])...) })
	reg("Query.select_count", func(t *process, a []value) value { return addSelect(a, sqlExpr{sql: "COUNT(*)"}) })
	for _, agg := range []string{"count_field", "sum", "avg", "min", "max"} {
		fn := strings.ToUpper(strings.TrimSuffix(agg, "_field"))
		reg("Query.select_"+agg, func(t *process, a []value) value {
			return addSelect(a, sqlExpr{sql: fn + "(" + quoteIdent(a[1].Str()) + ")"})
		})
	}
	reg("Query.order_by", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) {
			c.orders = append(c.orders, quoteIdent(a[1].Str())+" "+strings.ToUpper(a[2].Str()))
		})
	})
	reg("Query.order_by_raw", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) { c.orders = append(c.orders, a[1].Str()) })
	})
	reg("Query.limit", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) { c.limit = a[1].Int() })
	})
	reg("Query.offset", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) { c.offset = a[1].Int() })
	})
	reg("Query.join", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) {
			c.joins = append(c.joins, strings.ToUpper(a[1].Str())+" JOIN "+quoteIdent(a[2].Str())+" ON "+a[3].Str())
		})
	})
	reg("Query.join_as", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) {
			c.joins = append(c.joins, strings.ToUpper(a[1].Str())+" JOIN "+quoteIdent(a[2].Str())+" AS "+quoteIdent(a[3].Str())+" ON "+a[4].Str())
		})
	})
	reg("Query.group_by", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) { c.groups = append(c.groups, quoteIdent(a[1].Str())) })
	})
	reg("Query.group_by_raw", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) { c.groups = append(c.groups, a[1].Str()) })
	})
	reg("Query.having", func(t *process, a []value) value {
		return queryOf(a[0]).with(func(c *query) {
			c.having = append(c.having, sqlExpr{sql: a[1].Str() + " " + mark, params: []string{a[2].Str()}})
		})
	})

	run := func(t *process, pool value, e sqlExpr, rows bool) value {
		n := 0
		sql := number(e.sql, &n)
		if rows {
			return pgQuery(t, pgOf(pool), sql, anyParams(e.params))
		}
		return pgExec(t, pgOf(pool), sql, anyParams(e.params))
	}
	reg("Repo.all", func(t *process, a []value) value { return run(t, a[0], queryOf(a[1]).selectSQL(), true) })
	reg("Repo.one", func(t *process, a []value) value {
		q := queryOf(a[1])
		c := *q
		c.limit = 1
		return firstRow(t, run(t, a[0], c.selectSQL(), true))
	})
	reg("Repo.get", func(t *process, a []value) value {
		return firstRow(t, run(t, a[0], sqlExpr{sql: "SELECT * FROM " + quoteIdent(a[1].Str()) + ` WHERE "id" = ` + mark, params: []string{a[2].Str()}}, true))
	})
	reg("Repo.get_by", func(t *process, a []value) value {
		return firstRow(t, run(t, a[0], sqlExpr{sql: "SELECT * FROM " + quoteIdent(a[1].Str()) + " WHERE " + quoteIdent(a[2].Str()) + " = " + mark + " LIMIT 1", params: []string{a[3].Str()}}, true))
	})
	count := func(t *process, a []value) (int64, value) {
		q := *queryOf(a[1])
		q.selects = []sqlExpr{{sql: "COUNT(*) AS count"}}
		r := run(t, a[0], q.selectSQL(), true)
		if r.Tag() != 0 {
			return 0, r
		}
		rows := r.Fields()[0].Items()
		var n int64
		if len(rows) > 0 {
			v, _ := rows[0].Map().Get(vm.Str("count"))
			fmt.Sscan(v.Str(), &n)
		}
		return n, vm.Unit
	}
	reg("Repo.count", func(t *process, a []value) value {
		n, err := count(t, a)
		if err.Kind() != vm.KUnit {
			return err
		}
		return t.Machine().Ok(vm.Int(n))
	})
	reg("Repo.exists", func(t *process, a []value) value {
		n, err := count(t, a)
		if err.Kind() != vm.KUnit {
			return err
		}
		return t.Machine().Ok(vm.Bool(n > 0))
	})
	insert := func(t *process, pool value, table string, fields value, conflict, update []string) value {
		cols, vals := fieldsSQL(fields)
		v := join(vals, ", ")
		e := sqlExpr{sql: "INSERT INTO " + quoteIdent(table) + " (" + strings.Join(cols, ", ") + ") VALUES (" + v.sql + ")", params: v.params}
		if len(conflict) > 0 {
			var cq, sets []string
			for _, c := range conflict {
				cq = append(cq, quoteIdent(c))
			}
			for _, c := range update {
				sets = append(sets, quoteIdent(c)+" = EXCLUDED."+quoteIdent(c))
			}
			e.sql += " ON CONFLICT (" + strings.Join(cq, ", ") + ")"
			if len(sets) == 0 {
				e.sql += " DO NOTHING"
			} else {
				e.sql += " DO UPDATE SET " + strings.Join(sets, ", ")
			}
		}
		e.sql += " RETURNING *"
		return firstRow(t, run(t, pool, e, true))
	}
	ins := func(t *process, a []value) value { return insert(t, a[0], a[1].Str(), a[2], nil, nil) }
	alias(ins, "Repo.insert", "Repo.insert_expr")
	upsert := func(t *process, a []value) value {
		return insert(t, a[0], a[1].Str(), a[2], strList(a[3]), strList(a[4]))
	}
	alias(upsert, "Repo.insert_or_update", "Repo.insert_or_update_expr")
	update := func(t *process, pool value, table string, fields value, where sqlExpr) value {
		cols, vals := fieldsSQL(fields)
		var sets []sqlExpr
		for i := range cols {
			sets = append(sets, sqlExpr{sql: cols[i] + " = " + vals[i].sql, params: vals[i].params})
		}
		s := join(sets, ", ")
		return run(t, pool, sqlExpr{sql: "UPDATE " + quoteIdent(table) + " SET " + s.sql + where.sql + " RETURNING *",
			params: append(s.params, where.params...)}, true)
	}
	byID := func(id string) sqlExpr { return sqlExpr{sql: ` WHERE "id" = ` + mark, params: []string{id}} }
	reg("Repo.update", func(t *process, a []value) value {
		return firstRow(t, update(t, a[0], a[1].Str(), a[3], byID(a[2].Str())))
	})
	updWhere := func(t *process, a []value) value { return update(t, a[0], a[1].Str(), a[2], queryOf(a[3]).whereSQL()) }
	alias(updWhere, "Repo.update_where", "Repo.update_where_expr")
	reg("Repo.delete", func(t *process, a []value) value {
		w := byID(a[2].Str())
		return firstRow(t, run(t, a[0], sqlExpr{sql: "DELETE FROM " + quoteIdent(a[1].Str()) + w.sql + " RETURNING *", params: w.params}, true))
	})
	reg("Repo.delete_where", func(t *process, a []value) value {
		w := queryOf(a[2]).whereSQL()
		return run(t, a[0], sqlExpr{sql: "DELETE FROM " + quoteIdent(a[1].Str()) + w.sql, params: w.params}, false)
	})
	reg("Repo.delete_where_returning", func(t *process, a []value) value {
		w := queryOf(a[2]).whereSQL()
		return run(t, a[0], sqlExpr{sql: "DELETE FROM " + quoteIdent(a[1].Str()) + w.sql + " RETURNING *", params: w.params}, true)
	})
	reg("Repo.query_raw", func(t *process, a []value) value { return pgQuery(t, pgOf(a[0]), a[1].Str(), pgArgs(a[2])) })
	reg("Repo.execute_raw", func(t *process, a []value) value { return pgExec(t, pgOf(a[0]), a[1].Str(), pgArgs(a[2])) })
	csInsert := func(t *process, cs *changeset, do func(fields value) value) value {
		if cs.errors.Map().Len() > 0 {
			var parts []string
			o := cs.errors.Map()
			for i, k := range o.Keys() {
				parts = append(parts, k.Str()+": "+o.Vals()[i].Str())
			}
			return t.Machine().Err(vm.Str(strings.Join(parts, ", ")))
		}
		return do(cs.changes)
	}
	reg("Repo.insert_changeset", func(t *process, a []value) value {
		return csInsert(t, csOf(a[2]), func(f value) value { return insert(t, a[0], a[1].Str(), f, nil, nil) })
	})
	reg("Repo.update_changeset", func(t *process, a []value) value {
		return csInsert(t, csOf(a[3]), func(f value) value { return firstRow(t, update(t, a[0], a[1].Str(), f, byID(a[2].Str()))) })
	})
	reg("Repo.preload", func(t *process, a []value) value { return t.Machine().Ok(a[1]) })
	reg("Repo.transaction", func(t *process, a []value) value {
		pool, ok := a[0].Handle().V.(*pgPool)
		if !ok {
			t.Panicf("Repo.transaction needs a pool")
		}
		ctx, cancel := pool.ctx()
		c, err := pool.acquire(ctx)
		cancel()
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		defer pool.release(c)
		conn := vm.HandleVal(&vm.Handle{Type: "PgConn", V: &pgConn{c}})
		if _, err := c.Exec(context.Background(), "BEGIN"); err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		r := t.CallValue(a[1], conn)
		end := "COMMIT"
		if r.Tag() != 0 {
			end = "ROLLBACK"
		}
		if _, err := c.Exec(context.Background(), end); err != nil && r.Tag() == 0 {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		return r
	})
}
