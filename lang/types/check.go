package types

import (
	"fmt"
	"sort"
	"strings"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// Check resolves and type-checks the modules of one program. It reports
// every error it can find (never panics) and always returns a Program, which
// is only complete when the diagnostics have no errors.
func Check(files []*SourceFile) (prog *Program, diags syntax.Diagnostics) {
	c := newChecker()
	defer func() {
		if !recoverPanics {
			return
		}
		if r := recover(); r != nil {
			// A checker bug must not crash the compiler: report it.
			c.diags = append(c.diags, &syntax.Diagnostic{Severity: syntax.SeverityError, Code: "E0000",
				Message: fmt.Sprintf("internal type checker error: %v", r)})
			prog, diags = c.prog, c.diags
		}
	}()
	c.run(files)
	c.diags.Sort()
	return c.prog, c.diags
}

// recoverPanics turns a checker bug into a diagnostic; the fuzz test turns
// it off to see the panic.
var recoverPanics = true

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

// checker holds the state of one Check call.
type checker struct {
	prog   *Program
	diags  syntax.Diagnostics
	gen    typeGen
	mods   map[string]*modInfo
	order  []*modInfo
	traits map[string]*Trait
	// impls by trait name, then implementing type key (TypeDef qual name or built-in name)
	impls    map[string]map[string]*Impl
	nextBind int
	cur      *modInfo // module being checked

	fc          *fnCtx
	bindLam     map[*Binding]*lambda
	bindScheme  map[*Binding]*Scheme
	nestedCount int
	orReuse     map[string]*Binding
	routeArgs   map[syntax.Expr]bool
	forceNS     *modInfo
	exhSteps    int
}

func newChecker() *checker {
	c := &checker{
		prog:   newProgram(),
		mods:   map[string]*modInfo{},
		traits: map[string]*Trait{},
		impls:  map[string]map[string]*Impl{},

		bindLam:    map[*Binding]*lambda{},
		bindScheme: map[*Binding]*Scheme{},
		routeArgs:  map[syntax.Expr]bool{},
	}
	c.gen.level = 1
	c.initTraits()
	return c
}

// modInfo is the checker's view of one module.
type modInfo struct {
	m    *Module
	file *syntax.File
	// own declarations
	funcs       map[string][]*Function // top-level functions and actors, by name (arity overloads)
	types       map[string]*typeEntry
	traits      map[string]*Trait
	services    map[string]*Service
	supervisors map[string]*Supervisor
	// scope from imports
	imported   map[string][]*Function // from-imported functions/actors
	impTypes   map[string]*typeEntry  // types usable unqualified through imports
	impNatives map[string]string      // from String import length → "String.length"
	impSvcs    map[string]*Service
	namespaces map[string]*modInfo // import A.B → "B"
	deps       []string
	depPos     map[string]syntax.Node
	fnDecls    []*fnGroup
}

// typeEntry is a named type: a struct/sum TypeDef or an alias.
type typeEntry struct {
	def   *TypeDef
	alias *aliasInfo
	mod   *modInfo
	pub   bool
}

type aliasInfo struct {
	decl      *syntax.TypeAliasDecl
	typ       Type
	params    []*Var
	resolving bool
}

func (c *checker) errorf(n syntax.Node, code, format string, args ...any) *syntax.Diagnostic {
	d := &syntax.Diagnostic{Severity: syntax.SeverityError, Code: code, Message: fmt.Sprintf(format, args...)}
	if n != nil {
		d.Pos, d.End = n.Pos(), n.End()
	}
	c.diags = append(c.diags, d)
	return d
}

func (c *checker) warnf(n syntax.Node, code, format string, args ...any) *syntax.Diagnostic {
	d := c.errorf(n, code, format, args...)
	d.Severity = syntax.SeverityWarning
	return d
}

// ts prints a type for messages, qualifying types of other modules.
func (c *checker) ts(t Type) string {
	from := ""
	if c.cur != nil {
		from = c.cur.m.Name
	}
	return TypeString(Zonk(t), from)
}

func (c *checker) run(files []*SourceFile) {
	// modules
	for _, f := range files {
		if f == nil || f.File == nil {
			continue
		}
		if _, dup := c.mods[f.Module]; dup {
			c.errorf(f.File, "E0031", "module `%s` is defined twice", f.Module)
			continue
		}
		mi := &modInfo{
			m:           &Module{Name: f.Module, Path: f.Path, File: f.File, Entry: f.Entry},
			file:        f.File,
			funcs:       map[string][]*Function{},
			types:       map[string]*typeEntry{},
			traits:      map[string]*Trait{},
			services:    map[string]*Service{},
			supervisors: map[string]*Supervisor{},
			imported:    map[string][]*Function{},
			impTypes:    map[string]*typeEntry{},
			impNatives:  map[string]string{},
			impSvcs:     map[string]*Service{},
			namespaces:  map[string]*modInfo{},
			depPos:      map[string]syntax.Node{},
		}
		c.mods[f.Module] = mi
		if f.Entry {
			c.prog.Entry = mi.m
		}
	}
	if !c.orderModules() {
		return
	}
	// Declarations of every module first (types, traits, function
	// signatures), then bodies in dependency order.
	for _, pass := range []func(*modInfo){
		c.collectTypes, c.resolveImports, c.resolveTypeDefs, c.collectTraits,
		c.collectFuncs, c.collectImpls, c.resolveFromImports, c.checkBodies,
	} {
		for _, mi := range c.order {
			c.cur = mi
			pass(mi)
		}
	}
	c.cur = nil
	c.finish()
}

// orderModules computes the dependency order (language.md §1.3) and reports
// self-imports and cycles.
func (c *checker) orderModules() bool {
	names := make([]string, 0, len(c.mods))
	for n, mi := range c.mods {
		names = append(names, n)
		seen := map[string]bool{}
		for _, it := range mi.file.Items {
			path := importPath(it)
			if path == nil {
				continue
			}
			p := path.String()
			if p == n {
				c.errorf(path, "E0031", "Module '%s' cannot import itself", n)
				continue
			}
			if _, ok := c.mods[p]; ok && !seen[p] {
				seen[p] = true
				mi.depPos[p] = path
				mi.deps = append(mi.deps, p)
				mi.m.Imports = append(mi.m.Imports, p)
			}
		}
	}
	sort.Strings(names)
	state := map[string]int{} // 1 visiting, 2 done
	var stack []string
	ok := true
	var visit func(n string)
	visit = func(n string) {
		switch state[n] {
		case 2:
			return
		case 1:
			// cycle: stack from n
			i := len(stack) - 1
			for i >= 0 && stack[i] != n {
				i--
			}
			cyc := append(append([]string{}, stack[i:]...), n)
			from := c.mods[stack[len(stack)-1]]
			var at syntax.Node = from.file
			if pos := from.depPos[n]; pos != nil {
				at = pos
			}
			c.errorf(at, "E0031", "Circular dependency: %s", strings.Join(cyc, " -> "))
			ok = false
			return
		}
		state[n] = 1
		stack = append(stack, n)
		deps := append([]string{}, c.mods[n].deps...)
		sort.Strings(deps)
		for _, d := range deps {
			visit(d)
		}
		stack = stack[:len(stack)-1]
		state[n] = 2
		c.order = append(c.order, c.mods[n])
	}
	for _, n := range names {
		visit(n)
	}
	for _, mi := range c.order {
		c.prog.Modules = append(c.prog.Modules, mi.m)
	}
	return ok
}

// importPath is the module path of an `import` or `from … import`, nil
// for any other item.
func importPath(it syntax.Stmt) *syntax.ModPath {
	switch d := it.(type) {
	case *syntax.ImportDecl:
		return d.Path
	case *syntax.FromImportDecl:
		return d.Path
	}
	return nil
}

// resolveImports binds namespaces and makes imported modules' public types
// visible (language.md §1.3). From-imports of functions are resolved later.
func (c *checker) resolveImports(mi *modInfo) {
	for _, it := range mi.file.Items {
		path := importPath(it)
		if path == nil || len(path.Parts) == 0 {
			continue
		}
		p := path.String()
		if p == mi.m.Name {
			continue
		}
		other, ok := c.mods[p]
		if !ok {
			if IsStdModule(p) {
				continue
			}
			d := c.errorf(path, "E0031", "module `%s` not found", p)
			if s := c.suggestModule(p); s != "" {
				d.Message += fmt.Sprintf("; did you mean `%s`?", s)
			}
			continue
		}
		if _, isImport := it.(*syntax.ImportDecl); isImport {
			last := path.Parts[len(path.Parts)-1].Name
			if prev, dup := mi.namespaces[last]; dup && prev != other {
				c.errorf(path, "E0031", "import of `%s` collides with `%s`: both are named `%s`", p, prev.m.Name, last)
			}
			mi.namespaces[last] = other
		}
		for name, te := range other.types {
			if te.pub {
				if _, own := mi.types[name]; !own {
					mi.impTypes[name] = te
				}
			}
		}
		for name, s := range other.services {
			mi.impSvcs[name] = s
		}
		if fd, ok := it.(*syntax.FromImportDecl); ok {
			for _, n := range fd.Names {
				if te := other.types[n.Name]; te != nil && te.pub {
					mi.impTypes[n.Name] = te
				}
			}
		}
	}
}

func (c *checker) suggestModule(p string) string {
	best, bd := "", 3
	for n := range c.mods {
		if d := editDistance(strings.ToLower(n), strings.ToLower(p)); d < bd {
			best, bd = n, d
		}
	}
	return best
}

func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur := make([]int, len(rb)+1)
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev = cur
	}
	return prev[len(rb)]
}

// resolveFromImports binds `from M import a, B` names.
func (c *checker) resolveFromImports(mi *modInfo) {
	for _, it := range mi.file.Items {
		d, ok := it.(*syntax.FromImportDecl)
		if !ok || d.Path == nil {
			continue
		}
		p := d.Path.String()
		other, ok := c.mods[p]
		if !ok {
			if IsStdModule(p) {
				for _, n := range d.Names {
					q := p + "." + n.Name
					if natives[q] == nil {
						c.errorf(n, "E0034", "`%s` is not exported by module `%s`", n.Name, p)
						continue
					}
					mi.impNatives[n.Name] = q
				}
			}
			continue
		}
		for _, n := range d.Names {
			name := n.Name
			found := false
			if fs := other.funcs[name]; len(fs) > 0 {
				found = true
				var pubs []*Function
				for _, f := range fs {
					if f.Pub || f.Kind == FuncActor {
						pubs = append(pubs, f)
					}
				}
				if len(pubs) == 0 {
					c.errorf(n, "E0035", "`%s` is private in module `%s`; add `pub` to make it accessible", name, p)
				} else {
					mi.imported[name] = append(mi.imported[name], pubs...)
				}
			}
			if te := other.types[name]; te != nil {
				found = true
				if !te.pub {
					c.errorf(n, "E0035", "`%s` is private in module `%s`; add `pub` to make it accessible", name, p)
				} else {
					mi.impTypes[name] = te
				}
			}
			if s := other.services[name]; s != nil {
				found = true
				mi.impSvcs[name] = s
			}
			if !found {
				var avail []string
				for fn, fs := range other.funcs {
					for _, f := range fs {
						if f.Pub || f.Kind == FuncActor {
							avail = append(avail, fn)
							break
						}
					}
				}
				for tn, te := range other.types {
					if te.pub {
						avail = append(avail, tn)
					}
				}
				for sn := range other.services {
					avail = append(avail, sn)
				}
				sort.Strings(avail)
				c.errorf(n, "E0034", "`%s` is not exported by module `%s`; available: %s", name, p, strings.Join(avail, ", "))
			}
		}
	}
}

// finish zonks the side tables and fills program-level lists.
func (c *checker) finish() {
	for k, t := range c.prog.Types {
		c.prog.Types[k] = Zonk(t)
	}
	for k, t := range c.prog.PatTypes {
		c.prog.PatTypes[k] = Zonk(t)
	}
	for _, b := range c.prog.Defs {
		b.Type = Zonk(b.Type)
		if b.Func != nil {
			c.zonkFunc(b.Func)
		}
	}
	for _, mi := range c.order {
		for _, f := range mi.m.Funcs {
			c.zonkFunc(f)
		}
		for _, im := range mi.m.Impls {
			for _, f := range im.Methods {
				c.zonkFunc(f)
			}
		}
		for _, s := range mi.m.Services {
			s.State = Zonk(s.State)
			for _, h := range s.Handlers {
				h.Reply = Zonk(h.Reply)
			}
			if s.Init != nil {
				c.zonkFunc(s.Init)
			}
		}
	}
	for _, tr := range c.prog.Traits {
		for _, m := range tr.Methods {
			if m.Default != nil {
				c.zonkFunc(m.Default)
			}
		}
	}
	if c.prog.Entry != nil {
		mi := c.mods[c.prog.Entry.Name]
		var main *Function
		for _, f := range mi.funcs["main"] {
			if f.Kind == FuncPlain {
				main = f
			}
		}
		switch {
		case main == nil && len(mi.m.Tests) > 0:
			// test file: the test runner generates the entry point
		case main == nil:
			c.errorf(mi.file, "E0004", "entry module `%s` has no `fn main()`", mi.m.Name)
		case main.Arity != 0:
			c.errorf(main.Clauses[0].Name, "E0003", "`main` must take no parameters, found %d", main.Arity)
		default:
			c.prog.Main = main
		}
	}
}

func (c *checker) zonkFunc(f *Function) {
	if f == nil || f.Type == nil {
		return
	}
	if z, ok := Zonk(f.Type).(*Func); ok {
		f.Type = z
	}
	if f.MsgType != nil {
		f.MsgType = Zonk(f.MsgType)
	}
}

func (c *checker) newBinding(name string, t Type, pos syntax.Position) *Binding {
	c.nextBind++
	return &Binding{ID: c.nextBind, Name: name, Type: t, Pos: pos}
}

func isUpper(s string) bool {
	return s != "" && s[0] >= 'A' && s[0] <= 'Z'
}
