package main

import (
	"fmt"
	"io"

	"github.com/mesh-lang/mesh/cluster"
	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile"
	"github.com/mesh-lang/mesh/lang/project"
	"github.com/mesh-lang/mesh/lang/types"
	"github.com/mesh-lang/mesh/vm"
	_ "github.com/mesh-lang/mesh/vm/std" // registers the standard library natives
)

// compiled is a checked and compiled project.
type compiled struct {
	project *project.Project
	prog    *bundle.Program
}

// backend compiles a checked program to bytecode.
func backend(p *project.Project, checked *types.Program) (*compiled, error) {
	prog, err := compile.Compile(checked)
	if err != nil {
		return nil, err
	}
	return &compiled{project: p, prog: prog}, nil
}

// writeBinary appends the encoded program to a copy of this executable.
func writeBinary(c *compiled, out string) error {
	payload, err := bundle.Encode(c.prog)
	if err != nil {
		return fmt.Errorf("cannot encode bundle: %v", err)
	}
	self, _, err := selfExecutable()
	if err != nil {
		return fmt.Errorf("cannot locate the meshc executable: %v", err)
	}
	return bundle.WriteExecutable(self, payload, out)
}

func disassemble(c *compiled, w io.Writer) error {
	return compile.Disassemble(w, c.prog)
}

// runCompiled runs a program in this process; the result is its exit code.
func runCompiled(c *compiled, args []string, stdout, stderr io.Writer) int {
	return runProgram(c.prog, args, stdout, stderr)
}

// runPayload decodes and runs a bundle found in the executable exe.
func runPayload(exe string, payload []byte, args []string, stdout, stderr io.Writer) int {
	prog, err := bundle.Decode(payload)
	if err != nil {
		fmt.Fprintf(stderr, "error: %s: corrupt bundle: %v\n", exe, err)
		return 1
	}
	return runProgram(prog, args, stdout, stderr)
}

func runProgram(prog *bundle.Program, args []string, stdout, stderr io.Writer) int {
	rt := cluster.NewRuntime(cluster.RuntimeOptions{Stderr: stderr}, nil)
	return vm.Run(prog, vm.Options{Args: args, Stdout: stdout, Stderr: stderr, Runtime: rt})
}
