package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/mesh-lang/mesh/scaffolds"
)

// InitCmd is `meshc init`.
type InitCmd struct {
	Clustered bool   `help:"Generate the minimal clustered app (Node.start_from_env + @cluster work)."`
	Template  string `placeholder:"NAME" help:"Starter template: todo-api (SQLite, or PostgreSQL with --db postgres)."`
	DB        *DB    `name:"db" placeholder:"DB" help:"Database of the todo-api template: sqlite or postgres."`
	Name      string `arg:"" help:"Project name; the project is created in ./NAME."`
}

// Run checks the flags in upstream's order (toolchain-reference §1.2),
// validates the name (CONTRACT 4) and writes the scaffold.
func (c *InitCmd) Run(e *env) error {
	todo := c.Template == "todo-api"
	if c.Template != "" && !todo {
		msg := fmt.Sprintf("unknown init template '%s'; supported templates: todo-api.", c.Template)
		if c.DB != nil {
			msg += " `--db` is only supported with `--template todo-api`."
		}
		return errors.New(msg)
	}
	if c.DB != nil && !todo {
		return errors.New("`--db` is only supported with `meshc init --template todo-api <name>`; omit `--db` for hello-world or `--clustered`, or add `--template todo-api` (sqlite stays the local default, postgres opts into the clustered/deployable starter).")
	}
	if c.Clustered && todo {
		return errors.New("`meshc init --clustered` cannot be combined with `--template todo-api` or `--db`; use `meshc init --template todo-api <name>` for the local SQLite starter, `meshc init --template todo-api --db postgres <name>` for the clustered/deployable Todo starter, or `meshc init --clustered <name>` for the minimal clustered scaffold.")
	}
	if err := scaffolds.ValidateName(c.Name); err != nil {
		return err
	}
	kind, created := scaffolds.Hello, "Created project '%s'\n"
	switch {
	case c.Clustered:
		kind, created = scaffolds.Clustered, "Created clustered project '%s'\n"
	case todo && c.DB != nil && *c.DB == "postgres":
		kind, created = scaffolds.TodoPostgres, "Created todo-api project '%s'\n"
	case todo:
		kind, created = scaffolds.TodoSQLite, "Created todo-api project '%s'\n"
	}
	if !scaffolds.Available(kind) {
		return fmt.Errorf("the %s template is not available in this meshc yet; use `meshc init <name>` (hello world) or `meshc init --clustered <name>`", strings.ReplaceAll(string(kind), "_", " "))
	}
	files, err := scaffolds.Render(kind, c.Name)
	if err != nil {
		return err
	}
	if err := writeProject(c.Name, files); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, created, c.Name)
	return nil
}

// writeProject creates dir and the files; on failure it removes what it
// created so a failed init leaves nothing behind.
func writeProject(dir string, files []scaffolds.File) (err error) {
	if _, err := os.Lstat(dir); err == nil {
		return fmt.Errorf("Directory '%s' already exists", dir)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("Failed to create directory '%s': %v", dir, pathErr(err))
	}
	if err := os.Mkdir(dir, 0o755); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return fmt.Errorf("Directory '%s' already exists", dir)
		}
		return fmt.Errorf("Failed to create directory '%s': %v", dir, pathErr(err))
	}
	defer func() {
		if err != nil {
			os.RemoveAll(dir)
		}
	}()
	for _, f := range files {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return fmt.Errorf("Failed to create directory '%s': %v", filepath.Dir(p), pathErr(err))
		}
		if err := os.WriteFile(p, f.Content, 0o644); err != nil {
			return fmt.Errorf("Failed to write %s: %v", p, pathErr(err))
		}
	}
	return nil
}

func pathErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
