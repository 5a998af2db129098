package main

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/mesh-lang/mesh/lang/project"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
)

// errCompileFailed ends a build whose diagnostics were already printed.
var errCompileFailed = errors.New("Compilation failed due to errors above.")

// compileProject runs the pipeline: project.Load → syntax.ParseFile per
// module → import graph → types.Check → backend (compile.Compile). Diagnostics go to
// stderr (text with carets, or JSON lines); warnings are printed on
// success too.
func compileProject(dir string, jsonOut bool, stderr io.Writer) (*compiled, error) {
	p, err := project.Load(dir)
	if err != nil {
		return nil, err
	}
	return compileModules(p, p.Modules, jsonOut, stderr)
}

// compileModules compiles mods (exactly one with Entry set) as one program
// of project p.
func compileModules(p *project.Project, mods []project.Module, jsonOut bool, stderr io.Writer) (*compiled, error) {
	sources := map[string][]byte{}
	var files []*types.SourceFile
	var diags syntax.Diagnostics
	imports := map[string][]string{}
	var names []string
	for _, m := range mods {
		src, err := os.ReadFile(m.File)
		if err != nil {
			return nil, fmt.Errorf("Failed to read %s: %v", m.File, pathErr(err))
		}
		sources[m.File] = src
		f, ds := syntax.ParseFile(m.File, src)
		diags = append(diags, ds...)
		files = append(files, &types.SourceFile{Module: m.Name, Path: m.File, File: f, Entry: m.Entry})
		names = append(names, m.Name)
		imports[m.Name] = importsOf(f)
	}
	if _, err := project.CheckImports(names, imports); err != nil {
		return nil, err
	}
	report := func(ds syntax.Diagnostics) {
		if len(ds) == 0 {
			return
		}
		if jsonOut {
			_ = ds.WriteJSON(stderr)
			return
		}
		_ = ds.Render(stderr, func(file string) []byte { return sources[file] })
	}
	fail := func() error {
		if jsonOut {
			_ = syntax.Diagnostics{{Severity: syntax.SeverityError, Code: "C0001", Message: errCompileFailed.Error()}}.WriteJSON(stderr)
			return exitCode(1)
		}
		return errCompileFailed
	}
	if diags.HasErrors() {
		// Type checking is skipped when any module failed to parse.
		report(diags)
		return nil, fail()
	}
	checked, tdiags := types.Check(files)
	diags = append(diags, tdiags...)
	report(diags)
	if diags.HasErrors() {
		return nil, fail()
	}
	return backend(p, checked)
}

// importsOf lists the module paths a file imports.
func importsOf(f *syntax.File) []string {
	if f == nil {
		return nil
	}
	var out []string
	for _, it := range f.Items {
		switch d := it.(type) {
		case *syntax.ImportDecl:
			if d.Path != nil {
				out = append(out, d.Path.String())
			}
		case *syntax.FromImportDecl:
			if d.Path != nil {
				out = append(out, d.Path.String())
			}
		}
	}
	return out
}
