package main

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// FmtCmd is `meshc fmt` (toolchain-reference §1.4).
type FmtCmd struct {
	Path       string `arg:"" help:"A .mpl file or a directory (walked recursively; entries starting with '.' are skipped)."`
	Check      bool   `help:"Write nothing; list the files that would change and exit 1 if any."`
	LineWidth  int    `name:"line-width" default:"100" placeholder:"N" help:"Split bracketed lists longer than N columns."`
	IndentSize int    `name:"indent-size" default:"2" placeholder:"N" help:"Spaces per indentation level."`
}

// Run formats the files (or checks them).
func (c *FmtCmd) Run(e *env) error {
	files, err := fmtTargets(c.Path)
	if err != nil {
		return err
	}
	opts := syntax.FormatOptions{IndentSize: c.IndentSize, LineWidth: c.LineWidth}
	var changed []string
	failed := 0
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			return fmt.Errorf("Failed to read '%s': %v", f, pathErr(err))
		}
		out, diags := syntax.Format(f, src, opts)
		if diags.HasErrors() {
			_ = diags.Render(e.stderr, func(string) []byte { return src })
			failed++
			continue
		}
		if bytes.Equal(out, src) {
			continue
		}
		changed = append(changed, f)
		if c.Check {
			continue
		}
		if err := writeKeepMode(f, out); err != nil {
			return fmt.Errorf("Failed to write '%s': %v", f, pathErr(err))
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d file(s) could not be formatted because of the errors above", failed)
	}
	if c.Check {
		if len(changed) == 0 {
			return nil
		}
		for _, f := range changed {
			fmt.Fprintf(e.stderr, "  would reformat: %s\n", f)
		}
		fmt.Fprintf(e.stderr, "%d file(s) would be reformatted\n", len(changed))
		return exitCode(1)
	}
	fmt.Fprintf(e.stderr, "Formatted %d file(s)\n", len(files))
	return nil
}

// fmtTargets resolves PATH to the sorted list of .mpl files to format.
func fmtTargets(p string) ([]string, error) {
	st, err := os.Stat(p)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("Path '%s' does not exist", p)
		}
		return nil, fmt.Errorf("Failed to read '%s': %v", p, pathErr(err))
	}
	switch {
	case st.Mode().IsRegular():
		if !strings.HasSuffix(p, ".mpl") {
			return nil, fmt.Errorf("'%s' is not a .mpl file", p)
		}
		return []string{p}, nil
	case st.IsDir():
	default:
		return nil, fmt.Errorf("'%s' is not a file or directory", p)
	}
	var files []string
	err = filepath.WalkDir(p, func(q string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		// Hidden entries (.git, .mesh/packages, …) are not ours to rewrite.
		if q != p && strings.HasPrefix(d.Name(), ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.Type().IsRegular() && strings.HasSuffix(d.Name(), ".mpl") {
			files = append(files, q)
		}
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("Failed to read '%s': %v", p, pathErr(err))
	}
	if len(files) == 0 {
		return nil, fmt.Errorf("No .mpl files found at '%s'", p)
	}
	sort.Strings(files)
	return files, nil
}

// writeKeepMode replaces f's content atomically, keeping its permissions.
func writeKeepMode(f string, data []byte) error {
	st, err := os.Stat(f)
	if err != nil {
		return err
	}
	tmp, err := os.CreateTemp(filepath.Dir(f), "."+filepath.Base(f)+".fmt-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Chmod(st.Mode().Perm()); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), f)
}
