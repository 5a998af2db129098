package types

import "github.com/mesh-lang/mesh/lang/syntax"

// Check resolves and type-checks the modules of one program. It reports
// every error it can find (never panics) and always returns a Program, which
// is only complete when the diagnostics have no errors.
func Check(files []*SourceFile) (*Program, syntax.Diagnostics) {
	p := newProgram()
	var diags syntax.Diagnostics
	for _, f := range files {
		p.Modules = append(p.Modules, &Module{Name: f.Module, Path: f.Path, File: f.File, Entry: f.Entry})
	}
	diags = append(diags, &syntax.Diagnostic{Severity: syntax.SeverityError, Code: "E0000", Message: "type checker not implemented yet"})
	return p, diags
}

func newProgram() *Program {
	return &Program{
		Types:    map[syntax.Expr]Type{},
		PatTypes: map[syntax.Pattern]Type{},
		Refs:     map[syntax.Node]*Ref{},
		Defs:     map[syntax.Node]*Binding{},
		Tries:    map[*syntax.TryExpr]*TryInfo{},
		Fors:     map[*syntax.ForExpr]*ForInfo{},
		Captures: map[syntax.Node][]*Binding{},
	}
}
