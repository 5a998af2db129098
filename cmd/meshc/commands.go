package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// BuildCmd is `meshc build`.
type BuildCmd struct {
	Dir    string `arg:"" help:"Project directory."`
	Output string `short:"o" name:"output" placeholder:"PATH" help:"Output binary (default DIR/<package name>)."`
	JSON   bool   `name:"json" help:"Diagnostics as JSON, one object per line on stderr."`
	Disasm bool   `help:"Print the bytecode disassembly on stdout."`
}

// Run compiles the project and writes the node binary.
func (c *BuildCmd) Run(e *env) error {
	err := c.build(e)
	if err == nil || !c.JSON {
		return err
	}
	// With --json every failure is a JSON object: the diagnostics were
	// written already; anything else becomes one C0001 object.
	var ec exitCode
	if errors.As(err, &ec) {
		return err
	}
	_ = syntax.Diagnostics{{Severity: syntax.SeverityError, Code: "C0001", Message: err.Error()}}.WriteJSON(e.stderr)
	return exitCode(1)
}

func (c *BuildCmd) build(e *env) error {
	res, err := compileProject(c.Dir, c.JSON, e.stderr)
	if err != nil {
		return err
	}
	if c.Disasm {
		if err := disassemble(res, e.stdout); err != nil {
			return err
		}
	}
	out := c.Output
	if out == "" {
		out = outputPath(c.Dir, res.project.Name)
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("cannot write %s: it is a directory (choose another output path with -o)", out)
	}
	if err := writeBinary(res, out); err != nil {
		return err
	}
	fmt.Fprintf(e.stderr, "  Compiled: %s\n", out)
	return nil
}

// RunCmd is `meshc run` (CONTRACT 3).
type RunCmd struct {
	Dir  string   `arg:"" optional:"" default:"." help:"Project directory (default: the current directory)."`
	Args []string `arg:"" optional:"" help:"Arguments for the program (after --)."`
}

// Run compiles the project and runs it in this process.
func (c *RunCmd) Run(e *env) error {
	res, err := compileProject(c.Dir, false, e.stderr)
	if err != nil {
		return err
	}
	argv0 := filepath.Join(c.Dir, res.project.Name)
	return exitCode(runCompiled(res, append([]string{argv0}, c.Args...), e.stdout, e.stderr))
}
