package types

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// valueIdent reports whether id, a child of parent, is used as a value
// (and so must have a type and a Ref).
func valueIdent(parent syntax.Node, id *syntax.Ident) bool {
	switch p := parent.(type) {
	case *syntax.CallExpr, *syntax.PipeExpr, *syntax.BinaryExpr, *syntax.UnaryExpr, *syntax.ListLit,
		*syntax.TupleExpr, *syntax.MapEntry, *syntax.ExprStmt, *syntax.LetStmt, *syntax.ReturnStmt,
		*syntax.IfExpr, *syntax.CaseExpr, *syntax.ParenExpr, *syntax.SpawnExpr, *syntax.SendExpr,
		*syntax.LinkExpr, *syntax.IndexExpr, *syntax.TryExpr, *syntax.StructUpdate, *syntax.WhileExpr,
		*syntax.Arm, *syntax.FnClause:
		return true
	case *syntax.ForExpr:
		return p.Iter == syntax.Expr(id) || p.Filter == syntax.Expr(id)
	case *syntax.FieldInit:
		return p.Value == syntax.Expr(id)
	case *syntax.SelectorExpr:
		return p.X == syntax.Expr(id)
	}
	return false
}

// TestProgramCoverage checks, on well-typed programs, that every
// expression the compiler will compile has a type and every name used as
// a value has a Ref (the compiler must never re-infer).
func TestProgramCoverage(t *testing.T) {
	var progs []string
	for _, dir := range []string{"../testdata/check", "../testdata/run", "../testdata/pending", "../../examples"} {
		progs = append(progs, findPrograms(dir)...)
	}
	n := 0
	for _, path := range progs {
		srcs, pd := loadProgram(t, path)
		if pd.HasErrors() {
			continue
		}
		p, diags := Check(srcs)
		if diags.HasErrors() {
			continue
		}
		n++
		for e, ty := range p.Types {
			if !zonked(ty) {
				t.Errorf("%s: type %s of %T is not zonked", e.Pos(), ty, e)
			}
		}
		for _, m := range p.Modules {
			var stack []syntax.Node
			skip := 0
			syntax.Inspect(m.File, func(node syntax.Node) bool {
				if node == nil {
					top := stack[len(stack)-1]
					stack = stack[:len(stack)-1]
					if isSkipped(top) {
						skip--
					}
					return true
				}
				var parent syntax.Node
				if len(stack) > 0 {
					parent = stack[len(stack)-1]
				}
				if sel, ok := parent.(*syntax.SelectorExpr); ok && sel.X == node {
					if r := p.Refs[sel]; r != nil && r.Kind != RefField && !r.Recv {
						return false // qualifier of a qualified name: never compiled
					}
				}
				stack = append(stack, node)
				if isSkipped(node) {
					skip++
				}
				if skip > 0 {
					return true
				}
				switch x := node.(type) {
				case *syntax.Ident:
					if sel, ok := parent.(*syntax.SelectorExpr); ok && sel.X == syntax.Expr(x) {
						if r := p.Refs[sel]; r != nil && r.Kind != RefField && !r.Recv {
							return true // qualifier of a qualified name
						}
					}
					if valueIdent(parent, x) {
						if p.Types[x] == nil {
							t.Errorf("%s: identifier %s has no type", x.Pos(), x.Name)
						}
						if p.Refs[x] == nil {
							t.Errorf("%s: identifier %s has no ref", x.Pos(), x.Name)
						}
					}
				case syntax.Expr:
					if _, isStructName := parent.(*syntax.StructLit); isStructName && parent.(*syntax.StructLit).Type == x {
						return true
					}
					if sel, ok := parent.(*syntax.SelectorExpr); ok && sel.X == x {
						if _, ok := p.Refs[sel]; ok && p.Refs[sel].Kind != RefField && !p.Refs[sel].Recv {
							return true // qualifier of a qualified name
						}
					}
					if p.Types[x] == nil {
						t.Errorf("%s: %T has no type", x.Pos(), x)
					}
				}
				return true
			})
		}
	}
	t.Logf("%d well-typed programs covered", n)
	if n < 3 {
		t.Fatalf("only %d well-typed programs checked", n)
	}
}

func isSkipped(n syntax.Node) bool {
	switch n.(type) {
	case *syntax.StructDecl, *syntax.SumTypeDecl, *syntax.TypeAliasDecl, *syntax.ImportDecl, *syntax.FromImportDecl,
		*syntax.Relation, *syntax.SchemaOption, *syntax.ClusterAttr, *syntax.Deriving:
		return true
	case *syntax.Setting:
		return n.(*syntax.Setting).Key == nil || n.(*syntax.Setting).Key.Name != "start"
	}
	return false
}

// findPrograms lists single-file programs and project directories (those
// holding a main.mpl) below dir.
func findPrograms(dir string) []string {
	var progs []string
	filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
		if err != nil {
			return nil
		}
		if info.IsDir() {
			if _, err := os.Stat(filepath.Join(p, "main.mpl")); err == nil && p != dir {
				progs = append(progs, p)
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(p, ".mpl") && !strings.HasSuffix(p, ".test.mpl") {
			progs = append(progs, p)
		}
		return nil
	})
	return progs
}

func zonked(t Type) bool {
	switch t := t.(type) {
	case *Var:
		return t.Link == nil
	case *Con:
		for _, a := range t.Args {
			if !zonked(a) {
				return false
			}
		}
	case *Tuple:
		for _, a := range t.Elems {
			if !zonked(a) {
				return false
			}
		}
	case *Func:
		for _, a := range t.Params {
			if !zonked(a) {
				return false
			}
		}
		return zonked(t.Ret)
	case nil:
		return false
	}
	return true
}
