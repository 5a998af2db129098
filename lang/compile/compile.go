// Package compile turns a checked Mesh program (lang/types) into bytecode
// (lang/bundle): typed opcodes chosen from the checker's types, calls in
// tail position as TAILCALL, multi-clause functions and case as decision
// code, closures with captured values. It also disassembles bytecode.
package compile

import (
	"fmt"
	"sort"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
)

// Compile translates a checked program into a bundle.Program.
func Compile(p *types.Program) (prog *bundle.Program, err error) {
	if p == nil || (p.Main == nil && (p.Entry == nil || len(p.Entry.Tests) == 0)) {
		return nil, fmt.Errorf("compile: program has no main function")
	}
	c := &compiler{
		tp:      p,
		out:     &bundle.Program{},
		funcIdx: map[*types.Function]int{},
		natives: map[string]int{},
		consts:  map[bundle.Const]int{},
		typeIdx: map[*types.TypeDef]int{},
		files:   map[string]int{},
		wrapIdx: map[string]int{},
		srcs:    map[string]*syntax.File{},
		routes:  map[*syntax.CallExpr]string{},
	}
	for _, r := range p.ClusteredRoutes {
		for _, call := range r.Calls {
			c.routes[call] = r.RuntimeName
		}
	}
	for _, m := range p.Modules {
		if m.File != nil {
			c.srcs[m.File.Name] = m.File
		}
	}
	defer func() {
		if r := recover(); r != nil {
			if ce, ok := r.(compileError); ok {
				prog, err = nil, ce
				return
			}
			panic(r)
		}
	}()
	// Built-in sum types first, so their ids are stable.
	for _, d := range []*types.TypeDef{types.OptionDef, types.ResultDef, types.OrderingDef, types.BootstrapStatusDef, types.HttpResponseDef} {
		if d != nil {
			c.typeIndex(d)
		}
	}
	for _, d := range p.TypeDefs {
		c.typeIndex(d)
	}
	// Reserve an index for every named function, then compile bodies.
	var all []*types.Function
	for _, m := range p.Modules {
		for _, f := range m.Funcs {
			all = append(all, f)
		}
	}
	for _, im := range p.Impls {
		names := make([]string, 0, len(im.Methods))
		for n := range im.Methods {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			all = append(all, im.Methods[n])
		}
	}
	for _, f := range all {
		c.declare(f)
	}
	for _, im := range p.Impls {
		typeName := im.TypeName
		if im.Type != nil {
			typeName = im.Type.QualName()
		}
		names := make([]string, 0, len(im.Methods))
		for n := range im.Methods {
			names = append(names, n)
		}
		sort.Strings(names)
		for _, n := range names {
			c.out.Methods = append(c.out.Methods, bundle.Method{Type: typeName, Method: n, Func: c.funcIdx[im.Methods[n]]})
		}
	}
	c.drain()
	if p.Main != nil {
		c.out.Entry = c.funcIdx[p.Main]
	} else {
		c.out.Entry = c.testMain(p.Entry)
	}
	for _, w := range p.Cluster {
		idx, ok := c.funcIdx[w.Func]
		if !ok {
			continue
		}
		c.out.Work = append(c.out.Work, bundle.Work{RuntimeName: w.RuntimeName, Replicas: w.Replicas, Func: idx})
	}
	for _, r := range p.ClusteredRoutes {
		if r.Func == nil {
			continue
		}
		c.out.Routes = append(c.out.Routes, bundle.Work{RuntimeName: r.RuntimeName, Replicas: r.Replicas, Func: c.declare(r.Func)})
	}
	c.drain()
	if err := c.out.Validate(); err != nil {
		return nil, fmt.Errorf("compile: internal error: %v", err)
	}
	return c.out, nil
}

type compileError struct {
	pos syntax.Position
	msg string
}

func (e compileError) Error() string {
	if e.pos.File != "" {
		return fmt.Sprintf("%s:%d:%d: %s", e.pos.File, e.pos.Line, e.pos.Col, e.msg)
	}
	return e.msg
}

type compiler struct {
	tp      *types.Program
	out     *bundle.Program
	funcIdx map[*types.Function]int
	natives map[string]int
	consts  map[bundle.Const]int
	typeIdx map[*types.TypeDef]int
	files   map[string]int
	wrapIdx map[string]int
	srcs    map[string]*syntax.File     // by file name, for source text of assertions
	routes  map[*syntax.CallExpr]string // HTTP.clustered call → route runtime name
	pending []func()
}

// drain compiles every queued function body (bodies may queue more).
func (c *compiler) drain() {
	for len(c.pending) > 0 {
		next := c.pending[0]
		c.pending = c.pending[1:]
		next()
	}
}

// text returns the source text of n (assert messages).
func (c *compiler) text(n syntax.Node) string {
	if f := c.srcs[n.Pos().File]; f != nil {
		return f.Text(n)
	}
	return ""
}

// testMain builds the entry of a test file (§13): each test's setup, body
// and teardown run as one function; __test_run runs them in order, prints
// the report and exits.
func (c *compiler) testMain(m *types.Module) int {
	var tests []int32
	for i, tc := range m.Tests {
		var stmts []syntax.Stmt
		for _, b := range []*syntax.Block{tc.Setup, tc.Body, tc.Teardown} {
			if b != nil {
				stmts = append(stmts, b.Stmts...)
			}
		}
		bf := &bundle.Function{Name: fmt.Sprintf("%s.test#%d", m.Name, i+1)}
		idx := int32(len(c.out.Funcs))
		c.out.Funcs = append(c.out.Funcs, bf)
		g := c.newFn(bf, idx, 0, nil)
		block := &syntax.Block{Stmts: stmts}
		if tc.Decl != nil {
			block.Span = tc.Decl.Span
		}
		g.block(block)
		g.emit(op.POP, 0, 0)
		g.emit(op.UNIT, 0, 0)
		g.emit(op.RETURN, 0, 0)
		g.finish()
		tests = append(tests, idx)
	}
	bf := &bundle.Function{Name: m.Name + ".main"}
	idx := len(c.out.Funcs)
	c.out.Funcs = append(c.out.Funcs, bf)
	g := c.newFn(bf, int32(idx), 0, nil)
	for _, tc := range m.Tests {
		g.emit(op.CONST, c.constant(bundle.Const{Kind: bundle.ConstString, Str: tc.Label}), 0)
	}
	g.emit(op.MAKE_LIST, int32(len(m.Tests)), 0)
	for _, t := range tests {
		g.emit(op.LOAD_FUNC, t, 0)
	}
	g.emit(op.MAKE_LIST, int32(len(tests)), 0)
	g.emit(op.CALL_NATIVE, c.native("__test_run"), 2)
	g.emit(op.RETURN, 0, 0)
	g.finish()
	return idx
}

func (c *compiler) errorf(n syntax.Node, format string, args ...any) {
	var pos syntax.Position
	if n != nil {
		pos = n.Pos()
	}
	panic(compileError{pos: pos, msg: fmt.Sprintf(format, args...)})
}

// declare reserves the function's index and queues its body.
func (c *compiler) declare(f *types.Function) int {
	if i, ok := c.funcIdx[f]; ok {
		return i
	}
	bf := &bundle.Function{Name: f.QualName}
	idx := len(c.out.Funcs)
	c.out.Funcs = append(c.out.Funcs, bf)
	c.funcIdx[f] = idx
	c.pending = append(c.pending, func() { c.compileFunction(f, bf, nil) })
	return idx
}

func (c *compiler) native(name string) int32 {
	if i, ok := c.natives[name]; ok {
		return int32(i)
	}
	c.natives[name] = len(c.out.Natives)
	c.out.Natives = append(c.out.Natives, name)
	return int32(len(c.out.Natives) - 1)
}

func (c *compiler) constant(k bundle.Const) int32 {
	if i, ok := c.consts[k]; ok {
		return int32(i)
	}
	c.consts[k] = len(c.out.Consts)
	c.out.Consts = append(c.out.Consts, k)
	return int32(len(c.out.Consts) - 1)
}

func (c *compiler) file(name string) int32 {
	if i, ok := c.files[name]; ok {
		return int32(i)
	}
	c.files[name] = len(c.out.Files)
	c.out.Files = append(c.out.Files, name)
	return int32(len(c.out.Files) - 1)
}

var deriveFlags = map[string]uint32{
	"Eq": bundle.DeriveEq, "Ord": bundle.DeriveOrd, "Display": bundle.DeriveDisplay, "Debug": bundle.DeriveDebug,
	"Hash": bundle.DeriveHash, "Json": bundle.DeriveJSON, "Row": bundle.DeriveRow, "Schema": bundle.DeriveSchema,
}

func (c *compiler) typeIndex(d *types.TypeDef) int32 {
	if i, ok := c.typeIdx[d]; ok {
		return int32(i)
	}
	td := &bundle.TypeDesc{Name: d.Name, Module: d.Module}
	for _, x := range d.Derives {
		td.Derives |= deriveFlags[x]
	}
	if d.IsStruct {
		td.Kind = bundle.StructType
		c.typeIdx[d] = len(c.out.Types) // field types may refer to d itself
		c.out.Types = append(c.out.Types, td)
		for _, f := range d.Fields {
			td.Fields = append(td.Fields, f.Name)
		}
		for _, f := range d.Fields {
			td.FieldTypes = append(td.FieldTypes, c.typeDescr(f.Type))
		}
		return int32(c.typeIdx[d])
	} else {
		td.Kind = bundle.SumType
		for _, v := range d.Variants {
			names := make([]string, len(v.Fields))
			copy(names, v.Names)
			td.Variants = append(td.Variants, bundle.Variant{Name: v.Name, Fields: names})
		}
	}
	c.typeIdx[d] = len(c.out.Types)
	c.out.Types = append(c.out.Types, td)
	return int32(len(c.out.Types) - 1)
}

// nativeWrapper returns a function that calls native name with n
// arguments, for natives used as values (`map(xs, String.length)`).
func (c *compiler) nativeWrapper(name string, n int) int32 {
	key := fmt.Sprintf("native:%s/%d", name, n)
	if i, ok := c.wrapIdx[key]; ok {
		return int32(i)
	}
	bf := &bundle.Function{Name: name, NumParams: n, NumLocals: n}
	for i := 0; i < n; i++ {
		bf.Code = append(bf.Code, op.Instr{Op: op.LOAD, A: int32(i)})
	}
	bf.Code = append(bf.Code, op.Instr{Op: op.CALL_NATIVE, A: c.native(name), B: int32(n)}, op.Instr{Op: op.RETURN})
	c.wrapIdx[key] = len(c.out.Funcs)
	c.out.Funcs = append(c.out.Funcs, bf)
	return int32(len(c.out.Funcs) - 1)
}

// ctorWrapper returns a function building variant v from its arguments.
func (c *compiler) ctorWrapper(v *types.Variant) int32 {
	key := fmt.Sprintf("ctor:%p", v)
	if i, ok := c.wrapIdx[key]; ok {
		return int32(i)
	}
	n := v.Arity()
	bf := &bundle.Function{Name: v.Def.Name + "." + v.Name, NumParams: n, NumLocals: n}
	for i := 0; i < n; i++ {
		bf.Code = append(bf.Code, op.Instr{Op: op.LOAD, A: int32(i)})
	}
	bf.Code = append(bf.Code, op.Instr{Op: op.MAKE_VARIANT, A: c.typeIndex(v.Def), B: int32(v.Tag)}, op.Instr{Op: op.RETURN})
	c.wrapIdx[key] = len(c.out.Funcs)
	c.out.Funcs = append(c.out.Funcs, bf)
	return int32(len(c.out.Funcs) - 1)
}

// typeDescr renders a field type for run-time decoding (TypeDesc.FieldTypes).
func (c *compiler) typeDescr(t types.Type) string {
	con, ok := types.Prune(t).(*types.Con)
	if !ok {
		return "?"
	}
	switch con.Name {
	case types.NInt, types.NFloat, types.NString, types.NBool:
		return con.Name
	case types.NList:
		return "List<" + c.typeDescr(con.Args[0]) + ">"
	case types.NMap:
		return "Map<" + c.typeDescr(con.Args[1]) + ">"
	}
	if con.Def != nil {
		if con.Def == types.OptionDef {
			return "Option<" + c.typeDescr(con.Args[0]) + ">"
		}
		return fmt.Sprintf("#%d", c.typeIndex(con.Def))
	}
	return "?"
}
