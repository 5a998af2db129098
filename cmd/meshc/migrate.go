package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"

	"github.com/mesh-lang/mesh/lang/project"
)

// MigrateCmd is `meshc migrate [DIR] [up|down|status|generate NAME]`
// (toolchain-reference §1.5, §5.2). DIR and the action may come in either
// order; DIR defaults to "." and the action to up.
type MigrateCmd struct {
	Args []string `arg:"" optional:"" name:"args" help:"[DIR] [up|down|status|generate NAME] (either order)."`
}

type migration struct {
	version int64
	name    string // "create_users"
	file    string // path of the .mpl file
}

func (m migration) label() string { return fmt.Sprintf("%d_%s", m.version, m.name) }

var migrateActions = map[string]bool{"up": true, "down": true, "status": true, "generate": true}

// Run dispatches the action.
func (c *MigrateCmd) Run(e *env) error {
	dir, action, name, err := parseMigrateArgs(c.Args)
	if err != nil {
		return usageError{err}
	}
	if action == "generate" {
		return migrateGenerate(dir, name, time.Now().UTC(), e.stdout)
	}
	migs, hasDir, err := discoverMigrations(dir)
	if err != nil {
		return err
	}
	if !hasDir && action == "up" {
		fmt.Fprintln(e.stderr, "No migrations directory found. Run 'meshc migrate generate <name>' to create your first migration.")
		return nil
	}
	url := os.Getenv("DATABASE_URL")
	if strings.TrimSpace(url) == "" {
		return errors.New("meshc migrate: DATABASE_URL environment variable is required")
	}
	ctx := context.Background()
	db, err := pgx.Connect(ctx, url)
	if err != nil {
		return fmt.Errorf("Failed to connect to database: %s", oneLine(err))
	}
	defer db.Close(ctx)
	if _, err := db.Exec(ctx, `CREATE TABLE IF NOT EXISTS _mesh_migrations (
		version BIGINT PRIMARY KEY,
		name TEXT NOT NULL,
		applied_at TIMESTAMPTZ NOT NULL DEFAULT now())`); err != nil {
		return fmt.Errorf("Failed to create _mesh_migrations: %v", err)
	}
	applied := map[int64]string{}
	rows, err := db.Query(ctx, `SELECT version, name FROM _mesh_migrations ORDER BY version`)
	if err != nil {
		return fmt.Errorf("Failed to read _mesh_migrations: %v", err)
	}
	for rows.Next() {
		var v int64
		var n string
		if err := rows.Scan(&v, &n); err != nil {
			rows.Close()
			return fmt.Errorf("Failed to read _mesh_migrations: %v", err)
		}
		applied[v] = n
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("Failed to read _mesh_migrations: %v", err)
	}

	switch action {
	case "status":
		fmt.Fprintln(e.stdout, "Migration Status:")
		// Applied versions whose file is gone are listed too, marked.
		type row struct {
			m       migration
			applied bool
			missing bool
		}
		var list []row
		onDisk := map[int64]bool{}
		for _, m := range migs {
			_, ok := applied[m.version]
			list = append(list, row{m: m, applied: ok})
			onDisk[m.version] = true
		}
		for v, n := range applied {
			if !onDisk[v] {
				list = append(list, row{m: migration{version: v, name: n}, applied: true, missing: true})
			}
		}
		sort.SliceStable(list, func(i, j int) bool { return list[i].m.version < list[j].m.version })
		a, p := 0, 0
		for _, r := range list {
			mark, note := " ", ""
			if r.applied {
				mark, a = "x", a+1
			} else {
				p++
			}
			if r.missing {
				note = " (file missing from migrations/)"
			}
			fmt.Fprintf(e.stdout, "  [%s] %s%s\n", mark, r.m.label(), note)
		}
		fmt.Fprintf(e.stdout, "%d applied, %d pending\n", a, p)
		return nil
	case "up":
		if len(migs) == 0 {
			fmt.Fprintln(e.stderr, "No migration files found in migrations/")
			return nil
		}
		var pending []migration
		for _, m := range migs {
			if _, ok := applied[m.version]; !ok {
				pending = append(pending, m)
			}
		}
		if len(pending) == 0 {
			fmt.Fprintln(e.stderr, "No pending migrations")
			return nil
		}
		fmt.Fprintf(e.stderr, "Running %d pending migration(s):\n", len(pending))
		for _, m := range pending {
			fmt.Fprintf(e.stderr, "  Applying: %s\n", m.label())
			if err := runMigration(m, "up", e.stderr); err != nil {
				return err
			}
			if _, err := db.Exec(ctx, `INSERT INTO _mesh_migrations (version, name) VALUES ($1, $2)`, m.version, m.name); err != nil {
				return fmt.Errorf("Failed to record migration %s: %v", m.label(), err)
			}
			fmt.Fprintf(e.stderr, "  Applied:  %s\n", m.label())
		}
		fmt.Fprintf(e.stderr, "Applied %d migration(s)\n", len(pending))
		return nil
	default: // down
		var last int64 = -1
		for v := range applied {
			if v > last {
				last = v
			}
		}
		if last < 0 {
			fmt.Fprintln(e.stderr, "No migrations to roll back")
			return nil
		}
		var target *migration
		for i := range migs {
			if migs[i].version == last {
				target = &migs[i]
			}
		}
		if target == nil {
			return fmt.Errorf("Migration file for version %d not found in migrations/", last)
		}
		fmt.Fprintf(e.stderr, "Rolling back: %s\n", target.label())
		if err := runMigration(*target, "down", e.stderr); err != nil {
			return err
		}
		if _, err := db.Exec(ctx, `DELETE FROM _mesh_migrations WHERE version = $1`, last); err != nil {
			return fmt.Errorf("Failed to unrecord migration %s: %v", target.label(), err)
		}
		fmt.Fprintf(e.stderr, "Rolled back: %s\n", target.label())
		return nil
	}
}

// parseMigrateArgs accepts [DIR] [ACTION [NAME]] in either order.
func parseMigrateArgs(args []string) (dir, action, name string, err error) {
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case action == "" && migrateActions[a]:
			action = a
			if a == "generate" {
				if i+1 >= len(args) {
					return "", "", "", errors.New("meshc migrate generate needs a migration name")
				}
				i++
				name = args[i]
			}
		case dir == "":
			dir = a
		default:
			return "", "", "", fmt.Errorf("unexpected argument '%s'; usage: meshc migrate [DIR] [up|down|status|generate NAME]", a)
		}
	}
	if dir == "" {
		dir = "."
	}
	if action == "" {
		action = "up"
	}
	return dir, action, name, nil
}

// discoverMigrations lists DIR/migrations/<digits>_<name>.mpl by version.
func discoverMigrations(dir string) ([]migration, bool, error) {
	if st, err := os.Stat(dir); err != nil || !st.IsDir() {
		return nil, false, fmt.Errorf("Project directory '%s' does not exist", dir)
	}
	mdir := filepath.Join(dir, "migrations")
	entries, err := os.ReadDir(mdir)
	if errors.Is(err, os.ErrNotExist) {
		return nil, false, nil
	}
	if err != nil {
		return nil, false, fmt.Errorf("Failed to read %s: %v", mdir, pathErr(err))
	}
	var out []migration
	for _, ent := range entries {
		n := ent.Name()
		if ent.IsDir() || !strings.HasSuffix(n, ".mpl") {
			continue
		}
		stem := strings.TrimSuffix(n, ".mpl")
		v, rest, ok := strings.Cut(stem, "_")
		if !ok {
			continue
		}
		ver, err := strconv.ParseInt(v, 10, 64)
		if err != nil {
			continue
		}
		out = append(out, migration{version: ver, name: rest, file: filepath.Join(mdir, n)})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].version < out[j].version })
	return out, true, nil
}

// migrateGenerate writes migrations/<UTC timestamp>_<name>.mpl.
func migrateGenerate(dir, name string, now time.Time, stdout io.Writer) error {
	if name == "" {
		return errors.New("Migration name cannot be empty")
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return errors.New("Migration name must contain only lowercase letters, digits, and underscores")
		}
	}
	mdir := filepath.Join(dir, "migrations")
	if err := os.MkdirAll(mdir, 0o755); err != nil {
		return fmt.Errorf("Failed to create directory '%s': %v", mdir, pathErr(err))
	}
	// Two migrations generated in the same second get distinct versions.
	var file string
	for {
		file = now.Format("20060102150405") + "_" + name + ".mpl"
		if !versionTaken(mdir, now.Format("20060102150405")) {
			break
		}
		now = now.Add(time.Second)
	}
	src := fmt.Sprintf(`# Migration: %s
# Generated: %s

pub fn up(pool :: PoolHandle) -> Int ! String do
  # Migration.create_table(pool, "users", ["id:BIGSERIAL:PRIMARY KEY", "name:TEXT:NOT NULL"])
  # Migration.create_index(pool, "users", ["name"], "name:idx_users_name")
  # Migration.execute(pool, "UPDATE users SET name = trim(name)")
  Ok(0)
end

pub fn down(pool :: PoolHandle) -> Int ! String do
  # Migration.drop_table(pool, "users")
  Ok(0)
end
`, name, now.Format("2006-01-02 15:04:05 UTC"))
	p := filepath.Join(mdir, file)
	f, err := os.OpenFile(p, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return fmt.Errorf("Failed to write %s: %v", p, pathErr(err))
	}
	if _, err := f.WriteString(src); err != nil {
		f.Close()
		return fmt.Errorf("Failed to write %s: %v", p, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("Failed to write %s: %v", p, err)
	}
	fmt.Fprintf(stdout, "Created migration: migrations/%s\n", file)
	return nil
}

func versionTaken(mdir, version string) bool {
	matches, _ := filepath.Glob(filepath.Join(mdir, version+"_*.mpl"))
	return len(matches) > 0
}

// migrationMain is the program each migration runs in: it opens a pool on
// DATABASE_URL and reports through one marker line on stdout.
const migrationMain = `import Migration

fn main() do
  let url = Env.get("DATABASE_URL", "")
  case Pool.open(url, 1, 2, 5000) do
    Ok(pool) -> case Migration.%s(pool) do
      Ok(_) -> println("MIGRATION_OK")
      Err(e) -> println("MIGRATION_ERROR:#{e}")
    end
    Err(e) -> println("CONNECTION_ERROR:#{e}")
  end
end
`

// runMigration compiles m as module Migration with the generated main and
// runs fn (up or down) in this process.
func runMigration(m migration, fn string, stderr io.Writer) error {
	tmp, err := os.MkdirTemp("", "meshc-migrate-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	mainFile := filepath.Join(tmp, "main.mpl")
	if err := os.WriteFile(mainFile, fmt.Appendf(nil, migrationMain, fn), 0o644); err != nil {
		return err
	}
	p := &project.Project{Dir: tmp, Name: "migration", Entry: "main.mpl"}
	mods := []project.Module{
		{Name: "Main", Rel: "main.mpl", File: mainFile, Entry: true},
		{Name: "Migration", Rel: "migration.mpl", File: m.file},
	}
	var diags bytes.Buffer
	prog, err := compileModules(p, mods, false, &diags)
	if err != nil {
		stderr.Write(diags.Bytes())
		return fmt.Errorf("Failed to compile migration %s: %v", m.label(), err)
	}
	var out, errOut bytes.Buffer
	code := runCompiled(prog, []string{"migration"}, &out, &errOut)
	for _, line := range strings.Split(out.String(), "\n") {
		switch {
		case line == "MIGRATION_OK":
			return nil
		case strings.HasPrefix(line, "MIGRATION_ERROR:"):
			return fmt.Errorf("Migration %s failed: %s", m.label(), strings.TrimPrefix(line, "MIGRATION_ERROR:"))
		case strings.HasPrefix(line, "CONNECTION_ERROR:"):
			return fmt.Errorf("Migration %s connection failed: %s", m.label(), strings.TrimPrefix(line, "CONNECTION_ERROR:"))
		}
	}
	if code != 0 {
		return fmt.Errorf("Migration %s exited with non-zero status: %s", m.label(), strings.TrimSpace(errOut.String()))
	}
	return fmt.Errorf("Migration %s produced no result marker", m.label())
}

// oneLine folds pgx's multi-line connection errors into one line.
func oneLine(err error) string {
	return strings.Join(strings.Fields(strings.ReplaceAll(err.Error(), "\n", "; ")), " ")
}
