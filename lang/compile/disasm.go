package compile

import (
	"fmt"
	"io"
	"strings"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
)

// Disasm renders a program as text: each function with its instructions,
// operands annotated with the names they refer to.
func Disasm(p *bundle.Program) string {
	var b strings.Builder
	_ = Disassemble(&b, p)
	return b.String()
}

// Disassemble writes Disasm's text to w.
func Disassemble(w io.Writer, p *bundle.Program) error {
	var b strings.Builder
	for i, t := range p.Types {
		fmt.Fprintf(&b, "type %d %s", i, t.QualName())
		if t.Kind == bundle.StructType {
			fmt.Fprintf(&b, " struct {%s}\n", strings.Join(t.Fields, ", "))
		} else {
			var vs []string
			for _, v := range t.Variants {
				vs = append(vs, fmt.Sprintf("%s/%d", v.Name, len(v.Fields)))
			}
			fmt.Fprintf(&b, " = %s\n", strings.Join(vs, " | "))
		}
	}
	for _, m := range p.Methods {
		fmt.Fprintf(&b, "method %s.%s -> %s\n", m.Type, m.Method, p.Funcs[m.Func].Name)
	}
	for _, k := range p.Work {
		fmt.Fprintf(&b, "work %s replicas=%d -> %s\n", k.RuntimeName, k.Replicas, p.Funcs[k.Func].Name)
	}
	for i, f := range p.Funcs {
		entry := ""
		if i == p.Entry {
			entry = " (entry)"
		}
		fmt.Fprintf(&b, "\nfunc %d %s%s params=%d captures=%d locals=%d\n", i, f.Name, entry, f.NumParams, f.NumCaptures, f.NumLocals)
		li := 0
		for pc, in := range f.Code {
			for li < len(f.Lines) && int(f.Lines[li].PC) <= pc {
				l := f.Lines[li]
				file := ""
				if int(l.File) < len(p.Files) {
					file = p.Files[l.File]
				}
				fmt.Fprintf(&b, "      ; %s:%d:%d\n", file, l.Line, l.Col)
				li++
			}
			fmt.Fprintf(&b, "  %4d  %-28s%s\n", pc, in.String(), comment(p, in))
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

func comment(p *bundle.Program, in op.Instr) string {
	a := int(in.A)
	switch in.Op {
	case op.CONST, op.CALL_METHOD:
		if a < len(p.Consts) {
			c := p.Consts[a]
			switch c.Kind {
			case bundle.ConstInt:
				return fmt.Sprintf("; %d", c.Int)
			case bundle.ConstFloat:
				return fmt.Sprintf("; %g", c.Flt)
			case bundle.ConstAtom:
				return "; :" + c.Str
			}
			return fmt.Sprintf("; %q", c.Str)
		}
	case op.CALL, op.TAILCALL, op.TAILCALL_SELF, op.LOAD_FUNC, op.MAKE_CLOSURE:
		if a < len(p.Funcs) {
			return "; " + p.Funcs[a].Name
		}
	case op.CALL_NATIVE:
		if a < len(p.Natives) {
			return "; " + p.Natives[a]
		}
	case op.MAKE_STRUCT:
		if a < len(p.Types) {
			return "; " + p.Types[a].Name
		}
	case op.MAKE_VARIANT:
		if a < len(p.Types) && int(in.B) < len(p.Types[a].Variants) {
			return "; " + p.Types[a].Variants[in.B].Name
		}
	}
	return ""
}
