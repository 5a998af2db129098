//go:build !meshpipeline

package main

import (
	"errors"
	"fmt"
	"io"

	"github.com/mesh-lang/mesh/lang/project"
)

// This file stands in for pipeline.go until lang/types, lang/compile and
// vm expose their agreed APIs; then pipeline.go loses its build tag and
// this file goes.

var errPending = errors.New("this meshc was built without the compiler back end (lang/types, lang/compile, vm are not wired in yet)")

type compiled struct {
	project *project.Project
}

func compileProject(dir string, jsonOut bool, stderr io.Writer) (*compiled, error) {
	if _, err := project.Load(dir); err != nil {
		return nil, err
	}
	return nil, errPending
}

func writeBinary(*compiled, string) error                       { return errPending }
func disassemble(*compiled, io.Writer) error                    { return errPending }
func runCompiled(*compiled, []string, io.Writer, io.Writer) int { return 1 }

func runPayload(exe string, payload []byte, args []string, stdout, stderr io.Writer) int {
	fmt.Fprintf(stderr, "error: %s: cannot run bundle: %v\n", exe, errPending)
	return 1
}
