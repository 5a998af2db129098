package std

import (
	"database/sql"
	"strconv"
	"strings"

	"github.com/mesh-lang/mesh/vm"
	_ "modernc.org/sqlite" // pure-Go SQLite driver (keeps the binary static)
)

// SQLite (§12.17): one connection per handle so ":memory:" databases and
// BEGIN/COMMIT behave as on a single SQLite connection.

func dbOf(v value) *sql.DB { return v.Handle().V.(*sql.DB) }

func sqlArgs(v value) []any {
	items := v.Items()
	args := make([]any, len(items))
	for i, x := range items {
		args[i] = x.Str()
	}
	return args
}

// sqlText renders a column value as text (NULL → "", reals %.15g with a
// fractional part kept, as SQLite prints them).
func sqlText(x any) string {
	switch x := x.(type) {
	case nil:
		return ""
	case []byte:
		return string(x)
	case string:
		return x
	case int64:
		return strconv.FormatInt(x, 10)
	case float64:
		s := strconv.FormatFloat(x, 'g', 15, 64)
		if !strings.ContainsAny(s, ".eEn") {
			s += ".0"
		}
		return s
	case bool:
		if x {
			return "1"
		}
		return "0"
	}
	return ""
}

func sqlQuery(t *process, db *sql.DB, query string, args []any) value {
	m := t.Machine()
	rows, err := db.Query(query, args...)
	if err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	defer rows.Close()
	cols, err := rows.Columns()
	if err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	var out []value
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			return m.Err(vm.Str(err.Error()))
		}
		keys, vs := make([]value, len(cols)), make([]value, len(cols))
		for i, c := range cols {
			keys[i], vs[i] = vm.Str(c), vm.Str(sqlText(vals[i]))
		}
		out = append(out, vm.NewMap(keys, vs))
	}
	if err := rows.Err(); err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	return m.Ok(vm.List(out))
}

func init() {
	reg("Sqlite.open", func(t *process, a []value) value {
		db, err := sql.Open("sqlite", a[0].Str())
		if err == nil {
			db.SetMaxOpenConns(1)
			err = db.Ping()
		}
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		return t.Machine().Ok(vm.HandleVal(&vm.Handle{Type: "SqliteConn", V: db}))
	})
	reg("Sqlite.close", func(t *process, a []value) value {
		dbOf(a[0]).Close()
		return vm.Unit
	})
	reg("Sqlite.execute", func(t *process, a []value) value {
		r, err := dbOf(a[0]).Exec(a[1].Str(), sqlArgs(a[2])...)
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		n, _ := r.RowsAffected()
		return t.Machine().Ok(vm.Int(n))
	})
	reg("Sqlite.query", func(t *process, a []value) value {
		return sqlQuery(t, dbOf(a[0]), a[1].Str(), sqlArgs(a[2]))
	})
	stmt := func(q string) vm.NativeFn {
		return func(t *process, a []value) value {
			if _, err := dbOf(a[0]).Exec(q); err != nil {
				return t.Machine().Err(vm.Str(err.Error()))
			}
			return t.Machine().Ok(vm.Unit)
		}
	}
	reg("Sqlite.begin", stmt("BEGIN"))
	reg("Sqlite.commit", stmt("COMMIT"))
	reg("Sqlite.rollback", stmt("ROLLBACK"))
}
