package std

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgconn"
	"github.com/mesh-lang/mesh/vm"
)

// PostgreSQL (§12.18) and migrations (§12.21) over pgx. Parameters are
// text and results are text, so queries run in the simple protocol: the
// server converts values to the column types, as upstream's text binding.

// querier is what both a connection and a pool offer.
type querier interface {
	Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error)
	Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error)
}

type pgConn struct{ c *pgx.Conn }

// pgPool is a small connection pool (pgxpool would need a module not in
// go.mod): idle connections in a channel, at most max open.
type pgPool struct {
	cfg     *pgx.ConnConfig
	idle    chan *pgx.Conn
	slots   chan struct{} // one token per open connection, capacity max
	timeout time.Duration
}

func (p *pgPool) acquire(ctx context.Context) (*pgx.Conn, error) {
	select {
	case c := <-p.idle:
		return c, nil
	default:
	}
	select {
	case c := <-p.idle:
		return c, nil
	case p.slots <- struct{}{}:
		c, err := pgx.ConnectConfig(ctx, p.cfg)
		if err != nil {
			<-p.slots
			return nil, err
		}
		return c, nil
	case <-ctx.Done():
		return nil, fmt.Errorf("pool checkout timed out")
	}
}

func (p *pgPool) release(c *pgx.Conn) {
	if c.IsClosed() {
		<-p.slots
		return
	}
	p.idle <- c
}

func (p *pgPool) ctx() (context.Context, context.CancelFunc) {
	if p.timeout > 0 {
		return context.WithTimeout(context.Background(), p.timeout)
	}
	return context.WithCancel(context.Background())
}

// Exec and Query run on a pooled connection.
func (p *pgPool) Exec(ctx context.Context, sql string, args ...any) (pgconn.CommandTag, error) {
	actx, cancel := p.ctx()
	defer cancel()
	c, err := p.acquire(actx)
	if err != nil {
		return pgconn.CommandTag{}, err
	}
	defer p.release(c)
	return c.Exec(ctx, sql, args...)
}

func (p *pgPool) Query(ctx context.Context, sql string, args ...any) (pgx.Rows, error) {
	actx, cancel := p.ctx()
	defer cancel()
	c, err := p.acquire(actx)
	if err != nil {
		return nil, err
	}
	rows, err := c.Query(ctx, sql, args...)
	if err != nil {
		p.release(c)
		return nil, err
	}
	return &releasingRows{Rows: rows, done: func() { p.release(c) }}, nil
}

// releasingRows returns the connection to the pool when closed.
type releasingRows struct {
	pgx.Rows
	done func()
	once bool
}

func (r *releasingRows) Close() {
	r.Rows.Close()
	if !r.once {
		r.once = true
		r.done()
	}
}

func pgOf(v value) querier {
	switch h := v.Handle().V.(type) {
	case *pgConn:
		return h.c
	case *pgPool:
		return h
	case *pooled:
		return h.c
	}
	return nil
}

func pgArgs(v value) []any {
	items := v.Items()
	args := make([]any, len(items))
	for i, x := range items {
		args[i] = x.Str()
	}
	return args
}

func pgExec(t *process, q querier, sql string, args []any) value {
	tag, err := q.Exec(context.Background(), sql, args...)
	if err != nil {
		return t.Machine().Err(vm.Str(err.Error()))
	}
	return t.Machine().Ok(vm.Int(tag.RowsAffected()))
}

func pgQuery(t *process, q querier, sql string, args []any) value {
	m := t.Machine()
	rows, err := q.Query(context.Background(), sql, args...)
	if err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	defer rows.Close()
	fields := rows.FieldDescriptions()
	var out []value
	for rows.Next() {
		raw := rows.RawValues()
		keys, vals := make([]value, len(fields)), make([]value, len(fields))
		for i, f := range fields {
			keys[i] = vm.Str(f.Name)
			vals[i] = vm.Str(string(raw[i])) // text format; NULL → ""
		}
		out = append(out, vm.NewMap(keys, vals))
	}
	if err := rows.Err(); err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	return m.Ok(vm.List(out))
}

func simpleProtocol(cfg *pgx.ConnConfig) {
	cfg.DefaultQueryExecMode = pgx.QueryExecModeSimpleProtocol
}

// columnDef renders "name:TYPE[:constraints]" (a spec without ':' is a
// table constraint, kept as written).
func columnDef(spec string) string {
	parts := strings.SplitN(spec, ":", 3)
	if len(parts) == 1 {
		return spec
	}
	return strings.TrimSpace(strings.Join(parts, " "))
}

func init() {
	reg("Pg.connect", func(t *process, a []value) value {
		cfg, err := pgx.ParseConfig(a[0].Str())
		if err == nil {
			simpleProtocol(cfg)
			var c *pgx.Conn
			c, err = pgx.ConnectConfig(context.Background(), cfg)
			if err == nil {
				return t.Machine().Ok(vm.HandleVal(&vm.Handle{Type: "PgConn", V: &pgConn{c}}))
			}
		}
		return t.Machine().Err(vm.Str(err.Error()))
	})
	reg("Pg.close", func(t *process, a []value) value {
		if c, ok := a[0].Handle().V.(*pgConn); ok {
			c.c.Close(context.Background())
		}
		return vm.Unit
	})
	exec := func(t *process, a []value) value { return pgExec(t, pgOf(a[0]), a[1].Str(), pgArgs(a[2])) }
	query := func(t *process, a []value) value { return pgQuery(t, pgOf(a[0]), a[1].Str(), pgArgs(a[2])) }
	alias(exec, "Pg.execute", "Pool.execute")
	alias(query, "Pg.query", "Pool.query")
	queryAs := func(t *process, a []value) value {
		r := pgQuery(t, pgOf(a[0]), a[1].Str(), pgArgs(a[2]))
		if r.Tag() != 0 {
			return r
		}
		var out []value
		for _, row := range r.Fields()[0].Items() {
			v := t.CallValue(a[3], row)
			if v.Tag() != 0 {
				return v
			}
			out = append(out, v.Fields()[0])
		}
		return t.Machine().Ok(vm.List(out))
	}
	alias(queryAs, "Pg.query_as", "Pool.query_as")
	stmt := func(sql string) vm.NativeFn {
		return func(t *process, a []value) value {
			if _, err := pgOf(a[0]).Exec(context.Background(), sql); err != nil {
				return t.Machine().Err(vm.Str(err.Error()))
			}
			return t.Machine().Ok(vm.Unit)
		}
	}
	reg("Pg.begin", stmt("BEGIN"))
	reg("Pg.commit", stmt("COMMIT"))
	reg("Pg.rollback", stmt("ROLLBACK"))
	reg("Pg.transaction", func(t *process, a []value) value {
		q := pgOf(a[0])
		if _, err := q.Exec(context.Background(), "BEGIN"); err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		r := t.CallValue(a[1], a[0])
		end := "COMMIT"
		if r.Tag() != 0 {
			end = "ROLLBACK"
		}
		if _, err := q.Exec(context.Background(), end); err != nil && r.Tag() == 0 {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		return r
	})
	reg("Pool.open", func(t *process, a []value) value {
		cfg, err := pgx.ParseConfig(a[0].Str())
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		simpleProtocol(cfg)
		maxN := int(max(1, a[2].Int()))
		pool := &pgPool{cfg: cfg, idle: make(chan *pgx.Conn, maxN), slots: make(chan struct{}, maxN),
			timeout: time.Duration(a[3].Int()) * time.Millisecond}
		// Open min connections (at least one, to report a bad URL now).
		for i := 0; i < int(max(1, min(a[1].Int(), int64(maxN)))); i++ {
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			c, err := pool.acquire(ctx)
			cancel()
			if err != nil {
				return t.Machine().Err(vm.Str(err.Error()))
			}
			pool.release(c)
		}
		return t.Machine().Ok(vm.HandleVal(&vm.Handle{Type: "PoolHandle", V: pool}))
	})
	reg("Pool.close", func(t *process, a []value) value {
		p := a[0].Handle().V.(*pgPool)
		for {
			select {
			case c := <-p.idle:
				c.Close(context.Background())
			default:
				return vm.Unit
			}
		}
	})
	ddl := func(t *process, pool value, sql string) value { return pgExec(t, pgOf(pool), sql, nil) }
	reg("Pg.create_extension", func(t *process, a []value) value {
		return ddl(t, a[0], "CREATE EXTENSION IF NOT EXISTS "+a[1].Str())
	})
	reg("Migration.execute", func(t *process, a []value) value { return ddl(t, a[0], a[1].Str()) })
	reg("Migration.create_table", func(t *process, a []value) value {
		var cols []string
		for _, c := range a[2].Items() {
			cols = append(cols, columnDef(c.Str()))
		}
		return ddl(t, a[0], fmt.Sprintf("CREATE TABLE IF NOT EXISTS %s (%s)", a[1].Str(), strings.Join(cols, ", ")))
	})
	reg("Migration.drop_table", func(t *process, a []value) value {
		return ddl(t, a[0], "DROP TABLE IF EXISTS "+a[1].Str())
	})
	reg("Migration.add_column", func(t *process, a []value) value {
		return ddl(t, a[0], fmt.Sprintf("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s", a[1].Str(), columnDef(a[2].Str())))
	})
	reg("Migration.drop_column", func(t *process, a []value) value {
		return ddl(t, a[0], fmt.Sprintf("ALTER TABLE %s DROP COLUMN IF EXISTS %s", a[1].Str(), a[2].Str()))
	})
	reg("Migration.rename_column", func(t *process, a []value) value {
		return ddl(t, a[0], fmt.Sprintf("ALTER TABLE %s RENAME COLUMN %s TO %s", a[1].Str(), a[2].Str(), a[3].Str()))
	})
	indexName := func(table string, cols []value) string {
		var names []string
		for _, c := range cols {
			names = append(names, strings.SplitN(c.Str(), ":", 2)[0])
		}
		return "idx_" + table + "_" + strings.Join(names, "_")
	}
	reg("Migration.create_index", func(t *process, a []value) value {
		table, cols := a[1].Str(), a[2].Items()
		name, unique, where := indexName(table, cols), "", ""
		for _, opt := range strings.Fields(a[3].Str()) {
			k, v, _ := strings.Cut(opt, ":")
			switch k {
			case "name":
				name = v
			case "unique":
				if v == "true" {
					unique = "UNIQUE "
				}
			case "where":
				where = " WHERE " + v
			}
		}
		var parts []string
		for _, c := range cols {
			col, dir, _ := strings.Cut(c.Str(), ":")
			parts = append(parts, strings.TrimSpace(col+" "+dir))
		}
		return ddl(t, a[0], fmt.Sprintf("CREATE %sINDEX IF NOT EXISTS %s ON %s (%s)%s", unique, name, table, strings.Join(parts, ", "), where))
	})
	reg("Migration.drop_index", func(t *process, a []value) value {
		return ddl(t, a[0], "DROP INDEX IF EXISTS "+indexName(a[1].Str(), a[2].Items()))
	})
	reg("Pool.checkout", func(t *process, a []value) value {
		pool := a[0].Handle().V.(*pgPool)
		ctx, cancel := pool.ctx()
		defer cancel()
		c, err := pool.acquire(ctx)
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		return t.Machine().Ok(vm.HandleVal(&vm.Handle{Type: "PgConn", V: &pooled{c: c, pool: pool}}))
	})
	reg("Pool.checkin", func(t *process, a []value) value {
		if c, ok := a[1].Handle().V.(*pooled); ok && c.c != nil {
			c.pool.release(c.c)
			c.c = nil
		}
		return vm.Unit
	})
}

// pooled is a connection checked out of a pool.
type pooled struct {
	c    *pgx.Conn
	pool *pgPool
}
