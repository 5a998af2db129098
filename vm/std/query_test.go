package std

import (
	"testing"

	"github.com/mesh-lang/mesh/vm"
)

func TestQuerySQL(t *testing.T) {
	m := testMachine(t)
	call := func(fn string, a ...value) value {
		f, ok := vm.LookupNative(fn)
		if !ok {
			t.Fatalf("no native %s", fn)
		}
		var out value
		m.CallInProcess(vm.NativeClosure(fn, 0, func(p *process, _ []value) value { out = f(p, a); return out }))
		return out
	}
	q := call("Query.from", vm.Str("todos"))
	q = call("Query.where", q, vm.Atom("owner"), vm.Str("ann"))
	q = call("Query.where_op", q, vm.Atom("score"), vm.Atom("gte"), vm.Str("3"))
	q = call("Query.where_expr", q, call("Expr.eq", call("Expr.column", vm.Str("id")), call("Pg.uuid", call("Expr.value", vm.Str("abc")))))
	q = call("Query.select", q, vm.List([]value{vm.Str("id"), vm.Str("title")}))
	q = call("Query.order_by", q, vm.Atom("title"), vm.Atom("desc"))
	q = call("Query.limit", q, vm.Int(5))
	e := queryOf(q).selectSQL()
	n := 0
	got := number(e.sql, &n)
	want := `SELECT "id", "title" FROM "todos" WHERE "owner" = $1 AND "score" >= $2 AND ("id" = ($3)::uuid) ORDER BY "title" DESC LIMIT 5`
	if got != want || len(e.params) != 3 || e.params[2] != "abc" {
		t.Fatalf("got %q %v\nwant %q", got, e.params, want)
	}
	// Builders are immutable: the base query is unchanged.
	base := call("Query.from", vm.Str("t"))
	call("Query.where", base, vm.Atom("a"), vm.Str("1"))
	if len(queryOf(base).wheres) != 0 {
		t.Fatal("Query.where modified its input")
	}
}
