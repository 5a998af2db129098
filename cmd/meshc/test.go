package main

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/mesh-lang/mesh/lang/project"
)

// TestCmd is `meshc test` (language.md §13, toolchain-reference §5.1).
type TestCmd struct {
	Path     string `arg:"" optional:"" help:"A project root, a directory of tests or one *.test.mpl file (default: the current directory)."`
	Quiet    bool   `help:"Print . or F per file instead of setup/compile error blocks."`
	Coverage bool   `help:"Not implemented."`
}

// Run compiles and runs each test file as the entry module of its
// project, in this process, and summarises the files.
func (c *TestCmd) Run(e *env) error {
	if c.Coverage {
		return errors.New("coverage reporting is not implemented for `meshc test`; run the command without --coverage")
	}
	cwd, err := os.Getwd()
	if err != nil {
		return err
	}
	target := cwd
	if c.Path != "" {
		target = c.Path
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return err
	}
	st, err := os.Stat(abs)
	if err != nil {
		return fmt.Errorf("Test target '%s' does not exist", abs)
	}
	isFile := st.Mode().IsRegular()
	if !st.IsDir() && !(isFile && strings.HasSuffix(abs, ".test.mpl")) {
		return fmt.Errorf("'%s' is not a directory or a *.test.mpl file", abs)
	}
	start := abs
	if isFile {
		start = filepath.Dir(abs)
	}
	root, ok := testRoot(start)
	if !ok {
		if c.Path != "" {
			return fmt.Errorf("Could not resolve a Mesh project root for test target '%s'; expected an ancestor with 'mesh.toml' or legacy root 'main.mpl'.", abs)
		}
		root = cwd
	}
	p, err := project.Load(root)
	if err != nil {
		return err
	}
	files := []string{abs}
	if !isFile {
		if files, err = testFiles(abs); err != nil {
			return err
		}
	}
	if len(files) == 0 {
		fmt.Fprintln(e.stdout, "No *.test.mpl files found.")
		return nil
	}

	began := time.Now()
	passed, failed := 0, 0
	for _, f := range files {
		label, _ := filepath.Rel(root, f)
		label = filepath.ToSlash(label)
		ok := c.runFile(p, f, label, e)
		if ok {
			passed++
		} else {
			failed++
		}
		if c.Quiet {
			mark := "."
			if !ok {
				mark = "F"
			}
			fmt.Fprint(e.stdout, mark)
		}
	}
	if c.Quiet {
		fmt.Fprintln(e.stdout)
	}
	secs := time.Since(began).Seconds()
	if failed > 0 {
		fmt.Fprintf(e.stdout, "\n%d failed, %d passed in %.2fs\n", failed, passed, secs)
		return exitCode(1)
	}
	fmt.Fprintf(e.stdout, "\n%d passed in %.2fs\n", passed, secs)
	return nil
}

// runFile compiles the test file f as module Main (the entry) together
// with every other project module except the project's entry and runs it.
func (c *TestCmd) runFile(p *project.Project, f, label string, e *env) bool {
	display := f
	if cwd, err := os.Getwd(); err == nil {
		if rel, err := filepath.Rel(cwd, f); err == nil && !strings.HasPrefix(rel, "..") {
			display = rel
		}
	}
	mods := []project.Module{{Name: "Main", Rel: label, File: display, Entry: true}}
	for _, m := range p.Modules {
		if m.Entry || m.Name == "Main" || strings.HasPrefix(m.Rel, "target/") {
			continue
		}
		m.Entry = false
		mods = append(mods, m)
	}
	diagOut := e.stderr
	if c.Quiet {
		diagOut = io.Discard
	}
	prog, err := compileModules(p, mods, false, diagOut)
	if err != nil {
		if !c.Quiet {
			var ec exitCode
			if errors.As(err, &ec) {
				err = errCompileFailed
			}
			fmt.Fprintf(e.stderr, "COMPILE ERROR: %s\n  %v\n", label, err)
		}
		return false
	}
	return runCompiled(prog, []string{label}, e.stdout, e.stderr) == 0
}

// testRoot walks up from dir to the nearest directory with mesh.toml,
// else the nearest with a legacy root main.mpl.
func testRoot(dir string) (string, bool) {
	legacy := ""
	for d := dir; ; d = filepath.Dir(d) {
		if fileExists(filepath.Join(d, project.ManifestFile)) {
			return d, true
		}
		if legacy == "" && fileExists(filepath.Join(d, project.DefaultEntry)) {
			legacy = d
		}
		if filepath.Dir(d) == d {
			break
		}
	}
	return legacy, legacy != ""
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && st.Mode().IsRegular()
}

// testFiles lists *.test.mpl under dir, skipping entries starting with "."
// and directories named target, sorted.
func testFiles(dir string) ([]string, error) {
	var out []string
	err := filepath.WalkDir(dir, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if q != dir && (strings.HasPrefix(d.Name(), ".") || (d.IsDir() && d.Name() == "target")) {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if !d.IsDir() && strings.HasSuffix(d.Name(), ".test.mpl") {
			out = append(out, q)
		}
		return nil
	})
	sort.Strings(out)
	return out, err
}
