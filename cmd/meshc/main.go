// Command meshc is the Mesh toolchain and, with a bundle appended, a Mesh
// node: main() first looks for a bytecode bundle at the end of its own
// executable and, if there is one, runs that program and nothing else.
// Otherwise it is the CLI (init, build, run, cluster).
package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mesh-lang/mesh/lang/bundle"
)

// Version is what `meshc --version` prints after "meshc ".
const Version = "0.1.0"

func main() {
	if code, ran := runBundled(os.Args, os.Stdout, os.Stderr); ran {
		os.Exit(code)
	}
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// selfExecutable returns a path that opens the running executable (the
// kernel's /proc/self/exe link survives renames and deletion) and the name
// to show in messages.
func selfExecutable() (open, display string, err error) {
	display, exeErr := os.Executable()
	if _, err := os.Stat("/proc/self/exe"); err == nil {
		if display == "" || exeErr != nil {
			display = "/proc/self/exe"
		}
		return "/proc/self/exe", display, nil
	}
	if exeErr != nil {
		return "", "", exeErr
	}
	return display, display, nil
}

// runBundled boots the bundle appended to this executable, if any.
// ran=false means there is no bundle: be meshc.
func runBundled(args []string, stdout, stderr io.Writer) (code int, ran bool) {
	open, display, err := selfExecutable()
	if err != nil {
		// Without our own path we cannot have a bundle to run.
		return 0, false
	}
	return runBundledFrom(open, display, args, stdout, stderr)
}

// runBundledFrom is runBundled for the executable at open (shown as display).
func runBundledFrom(open, display string, args []string, stdout, stderr io.Writer) (code int, ran bool) {
	payload, found, err := bundle.Find(open)
	if err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			// Unreadable (e.g. mode 0111): we cannot tell meshc from a
			// node, and a node must never quietly act as meshc.
			fmt.Fprintf(stderr, "error: %s: cannot read this executable to look for a bundle: %v\n", display, pe.Err)
			return 1, true
		}
		fmt.Fprintf(stderr, "error: %s: corrupt bundle: %v\n", display, err)
		return 1, true
	}
	if !found {
		return 0, false
	}
	return runPayload(display, payload, args, stdout, stderr), true
}
