//go:build !meshpipeline

package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/mesh-lang/mesh/lang/project"
	"github.com/mesh-lang/mesh/lang/types"
)

// This file stands in for backend.go until lang/compile and
// vm expose their agreed APIs; then backend.go loses its build tag and
// this file goes.

var errPending = errors.New("this meshc was built without the compiler back end (lang/compile and vm are not wired in yet)")

type compiled struct {
	project *project.Project
}

func backend(*project.Project, *types.Program) (*compiled, error) { return nil, errPending }

func writeBinary(*compiled, string) error                       { return errPending }
func disassemble(*compiled, io.Writer) error                    { return errPending }
func runCompiled(*compiled, []string, io.Writer, io.Writer) int { return 1 }

func runPayload(exe string, payload []byte, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintf(stderr, "error: %s: cannot run bundle: %v\n", exe, errPending)
	return 1
}
