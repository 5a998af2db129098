package types

import (
	"strings"
	"unicode"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// snakeCase converts a handler name as upstream does (§10.6): `_` before
// every upper-case letter except the first, then lower-case.
func snakeCase(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			b.WriteRune(unicode.ToLower(r))
		} else {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (c *checker) collectService(mi *modInfo, d *syntax.ServiceDecl) {
	if d.Name == nil {
		return
	}
	if mi.services[d.Name.Name] != nil {
		c.errorf(d.Name, "E0023", "service `%s` is already defined", d.Name.Name)
		return
	}
	s := &Service{Name: d.Name.Name, Module: mi.m, Decl: d}
	// Service state, handler parameters and replies are monomorphic: the
	// helpers are shared by every caller (level 1: never generalised).
	old := c.gen.level
	c.gen.level = 1
	defer func() { c.gen.level = old }()
	for _, fd := range d.Fns {
		if fd.Name == nil {
			continue
		}
		if fd.Name.Name != "init" || s.Init != nil {
			c.errorf(fd.Name, "E0004", "a service may only define `fn init`; found `fn %s`", fd.Name.Name)
			continue
		}
		f := &Function{Name: "init", QualName: mi.m.Name + "." + s.Name + ".init", Module: mi.m, Kind: FuncServiceInit,
			Arity: len(fd.Params), Clauses: []*syntax.FnDecl{fd}, Exhaustive: true, Service: s}
		c.declareSig(mi, f)
		f.early = false
		f.Scheme = nil
		adjustLevels(f.Type, 1)
		s.Init = f
	}
	if s.Init != nil {
		s.State = s.Init.Type.Ret
	} else {
		s.State = tUnit
	}
	helpers := map[string]bool{"start": true}
	for i, h := range d.Handlers {
		if h.Name == nil {
			continue
		}
		sh := &ServiceHandler{Name: h.Name.Name, Helper: snakeCase(h.Name.Name), Index: i, Cast: h.Cast, Arity: len(h.Params), Decl: h}
		if helpers[sh.Helper] {
			c.errorf(h.Name, "E0023", "handler `%s` is already defined in service `%s`", h.Name.Name, s.Name)
		}
		helpers[sh.Helper] = true
		for _, p := range h.Params {
			if p.Name != nil && p.Type != nil {
				sh.params = append(sh.params, c.typeExpr(p.Type, map[string]Type{}, mi))
			} else {
				sh.params = append(sh.params, c.gen.fresh())
			}
		}
		switch {
		case h.Cast:
			sh.Reply = tUnit
		case h.Reply != nil:
			sh.Reply = c.typeExpr(h.Reply, map[string]Type{}, mi)
		default:
			sh.Reply = c.gen.fresh()
		}
		s.Handlers = append(s.Handlers, sh)
	}
	mi.services[s.Name] = s
	mi.m.Services = append(mi.m.Services, s)
	c.prog.Services = append(c.prog.Services, s)
}

func (c *checker) checkService(mi *modInfo, s *Service) {
	if s.Init != nil {
		c.checkFunc(s.Init)
	}
	oldFc := c.fc
	defer func() { c.fc = oldFc }()
	for _, h := range s.Handlers {
		top := &topCtx{}
		lam := &lambda{node: h.Decl, seen: map[*Binding]bool{}}
		sc := newScope(nil, lam)
		var ret Type
		if h.Cast {
			ret = s.State
		} else {
			ret = &Tuple{Elems: []Type{s.State, h.Reply}}
		}
		c.fc = &fnCtx{ret: ret, retKnown: true, top: top}
		c.gen.level = 2
		for i, p := range h.Decl.Params {
			if p.Name != nil && i < len(h.params) {
				c.bind(sc, p.Name, p.Name, h.params[i])
			} else if p.Pattern != nil && i < len(h.params) {
				c.pattern(p.Pattern, h.params[i], sc, map[string]*Binding{})
			}
		}
		if h.Decl.State != nil {
			c.bind(sc, h.Decl.State, h.Decl.State, s.State)
		}
		bt := c.block(h.Decl.Body, sc)
		c.unifyAt(lastNode(h.Decl.Body), ret, bt)
		c.finishTop(top)
		c.gen.level = 1
		c.prog.Captures[h.Decl] = lam.caps
	}
}

var supStrategies = map[string]bool{"one_for_one": true, "one_for_all": true, "rest_for_one": true, "simple_one_for_one": true}

func (c *checker) collectSupervisor(mi *modInfo, d *syntax.SupervisorDecl) {
	if d.Name == nil {
		return
	}
	if mi.supervisors[d.Name.Name] != nil || mi.services[d.Name.Name] != nil {
		c.errorf(d.Name, "E0023", "`%s` is already defined", d.Name.Name)
		return
	}
	s := &Supervisor{Name: d.Name.Name, Module: mi.m, Strategy: "one_for_one", MaxRestarts: 3, MaxSeconds: 5, Decl: d}
	for _, st := range d.Settings {
		if st.Key == nil {
			continue
		}
		switch st.Key.Name {
		case "strategy":
			id, ok := st.Value.(*syntax.Ident)
			name := ""
			if ok {
				name = id.Name
			}
			if !supStrategies[name] {
				c.errorf(st, "E0019", "unknown supervision strategy `%s`, expected one_for_one, one_for_all, rest_for_one, or simple_one_for_one", name)
			} else {
				s.Strategy = name
			}
		case "max_restarts":
			if n, ok := st.Value.(*syntax.IntLit); ok {
				s.MaxRestarts = int(n.Value)
			}
		case "max_seconds":
			if n, ok := st.Value.(*syntax.IntLit); ok {
				s.MaxSeconds = int(n.Value)
			}
		}
	}
	names := map[string]bool{}
	for _, ch := range d.Children {
		if ch.Name == nil {
			continue
		}
		child := &SupervisorChild{Name: ch.Name.Name, Restart: "permanent", Shutdown: 5000}
		if names[child.Name] {
			c.errorf(ch.Name, "E0019", "duplicate child name `%s` in supervisor `%s`", child.Name, s.Name)
		}
		names[child.Name] = true
		for _, st := range ch.Settings {
			if st.Key == nil {
				continue
			}
			switch st.Key.Name {
			case "start":
				child.Start = st.Value
				hasSpawn := false
				if st.Value != nil {
					syntax.Inspect(st.Value, func(n syntax.Node) bool {
						if _, ok := n.(*syntax.SpawnExpr); ok {
							hasSpawn = true
						}
						return !hasSpawn
					})
				}
				if !hasSpawn {
					c.errorf(st, "E0018", "child `%s` start function must return Pid, found `unknown`", child.Name)
				}
			case "restart":
				id, _ := st.Value.(*syntax.Ident)
				v := ""
				if id != nil {
					v = id.Name
				}
				switch v {
				case "permanent", "transient", "temporary":
					child.Restart = v
				default:
					c.errorf(st, "E0020", "invalid restart type `%s` for child `%s`, expected permanent, transient, or temporary", v, child.Name)
				}
			case "shutdown":
				switch v := st.Value.(type) {
				case *syntax.IntLit:
					if v.Value <= 0 {
						c.errorf(st, "E0021", "invalid shutdown value `%d` for child `%s`, expected a positive integer or brutal_kill", v.Value, child.Name)
					}
					child.Shutdown = int(v.Value)
				case *syntax.Ident:
					if v.Name == "brutal_kill" {
						child.Shutdown = -1
					} else {
						c.errorf(st, "E0021", "invalid shutdown value `%s` for child `%s`, expected a positive integer or brutal_kill", v.Name, child.Name)
					}
				default:
					c.errorf(st, "E0021", "invalid shutdown value for child `%s`, expected a positive integer or brutal_kill", child.Name)
				}
			}
		}
		s.Children = append(s.Children, child)
	}
	mi.supervisors[s.Name] = s
	mi.m.Supervisors = append(mi.m.Supervisors, s)
	c.prog.Supervisors = append(c.prog.Supervisors, s)
}

func (c *checker) checkSupervisor(s *Supervisor) {
	oldFc := c.fc
	defer func() { c.fc = oldFc }()
	for _, ch := range s.Children {
		if ch.Start == nil {
			continue
		}
		top := &topCtx{}
		c.fc = &fnCtx{ret: c.gen.fresh(), top: top}
		t := c.expr(ch.Start, nil, nil)
		hasSpawn := false
		syntax.Inspect(ch.Start, func(n syntax.Node) bool {
			if _, ok := n.(*syntax.SpawnExpr); ok {
				hasSpawn = true
			}
			return !hasSpawn
		})
		if ft, ok := Prune(t).(*Func); ok && hasSpawn {
			c.unifyAt(ch.Start, &Con{Name: NPid}, ft.Ret)
		}
		c.finishTop(top)
	}
}

// checkActor checks an actor body (fc.actor is set, so receive/self()
// work inside it and in its closures).
func (c *checker) checkActor(f *Function) {
	d := f.Actor
	lam := &lambda{node: d, seen: map[*Binding]bool{}}
	sc := newScope(nil, lam)
	for i, p := range d.Params {
		if i >= len(f.Type.Params) {
			break
		}
		switch {
		case p.Name != nil:
			c.bind(sc, p.Name, p.Name, f.Type.Params[i])
		case p.Pattern != nil:
			c.pattern(p.Pattern, f.Type.Params[i], sc, map[string]*Binding{})
		}
	}
	c.block(d.Body, sc)
	if d.Terminate != nil {
		c.block(d.Terminate, sc)
	}
	c.prog.Captures[d] = lam.caps
}

// checkBodies infers every body of the module.
func (c *checker) checkBodies(mi *modInfo) {
	for _, g := range mi.fnDecls {
		c.checkFunc(g.f)
	}
	for _, tr := range c.prog.Traits {
		if tr.Module != mi.m.Name {
			continue
		}
		for _, tm := range tr.Methods {
			if tm.Default != nil && !tm.Default.checked {
				old := c.gen.level
				c.gen.level = 2
				self := c.gen.freshNamed("Self")
				tm.Default.Type = c.userMethodSig(tr, tm.Name, self, nil)
				tm.Default.tvars = map[string]Type{"Self": self}
				c.gen.level = old
				c.checkFunc(tm.Default)
			}
		}
	}
	for _, im := range mi.m.Impls {
		names := make([]string, 0, len(im.Methods))
		for n := range im.Methods {
			names = append(names, n)
		}
		sortStrings(names)
		for _, n := range names {
			if f := im.Methods[n]; f.Impl == im {
				c.checkFunc(f)
			}
		}
	}
	for _, s := range mi.m.Services {
		c.checkService(mi, s)
	}
	for _, s := range mi.m.Supervisors {
		c.checkSupervisor(s)
	}
	// test DSL blocks and top-level statements
	for _, it := range mi.file.Items {
		switch d := it.(type) {
		case *syntax.TestDecl:
			c.checkTestBody(d.Body, nil, nil)
			mi.m.Tests = append(mi.m.Tests, &TestCase{Label: testLabel(d.Label), Body: d.Body, Decl: d})
		case *syntax.DescribeDecl:
			for _, t := range d.Tests {
				c.checkTestBody(t.Body, d.Setup, d.Teardown)
				mi.m.Tests = append(mi.m.Tests, &TestCase{Label: testLabel(d.Label) + " > " + testLabel(t.Label),
					Setup: d.Setup, Body: t.Body, Teardown: d.Teardown, Decl: t})
			}
		case *syntax.LetStmt, *syntax.ExprStmt, *syntax.ReturnStmt:
			c.checkTestBody(&syntax.Block{Span: spanOf(d), Stmts: []syntax.Stmt{d}}, nil, nil)
			c.warnf(d, "W0003", "top-level statements are never evaluated; move this into a function")
		}
	}
	c.checkCluster(mi)
}

func spanOf(n syntax.Node) syntax.Span { return syntax.Span{Start: n.Pos(), Stop: n.End()} }

func sortStrings(xs []string) {
	for i := 1; i < len(xs); i++ {
		for j := i; j > 0 && xs[j] < xs[j-1]; j-- {
			xs[j], xs[j-1] = xs[j-1], xs[j]
		}
	}
}

// checkTestBody checks a test block (setup + body + teardown share one
// scope, §13.1); self()/receive are allowed.
func (c *checker) checkTestBody(body, setup, teardown *syntax.Block) {
	oldFc := c.fc
	defer func() { c.fc = oldFc }()
	top := &topCtx{}
	c.fc = &fnCtx{ret: c.gen.fresh(), allowRecv: true, top: top}
	c.gen.level = 2
	lam := &lambda{node: body, seen: map[*Binding]bool{}}
	sc := newScope(nil, lam)
	for _, b := range []*syntax.Block{setup, body, teardown} {
		if b == nil {
			continue
		}
		for _, st := range b.Stmts {
			c.stmt(st, sc, false)
		}
	}
	c.finishTop(top)
	c.gen.level = 1
}

// checkCluster validates @cluster declarations (cluster-reference §4.1).
func (c *checker) checkCluster(mi *modInfo) {
	seen := map[string]bool{}
	for _, it := range mi.file.Items {
		d, ok := it.(*syntax.FnDecl)
		if !ok || d.Cluster == nil || d.Name == nil {
			continue
		}
		n := 2
		explicit := d.Cluster.Count != nil
		if explicit {
			n = int(d.Cluster.Count.Value)
		}
		kind := "default"
		if explicit {
			kind = "explicit"
		}
		rt := mi.m.Name + "." + d.Name.Name
		bad := func(reason string) {
			c.errorf(d.Cluster, "CFG0001", "clustered declaration `work` for `%s` from a source `@cluster` decorator with replication count %d (%s) is invalid: %s", rt, n, kind, reason)
		}
		if seen[d.Name.Name] {
			bad("target is declared more than once via source clustered declarations")
			continue
		}
		seen[d.Name.Name] = true
		fs := mi.funcs[d.Name.Name]
		var f *Function
		pubs := 0
		for _, g := range fs {
			if g.Pub {
				pubs++
			}
			for _, cl := range g.Clauses {
				if cl == d {
					f = g
				}
			}
		}
		switch {
		case !d.Pub:
			bad("target resolves to a private function; declare a `pub fn` clustered work entrypoint")
			continue
		case pubs > 1:
			bad("target resolves to multiple public functions with the same source name; overloaded clustered work entrypoints are unsupported")
			continue
		case n < 1:
			bad("the replication count must be at least 1")
			continue
		case f == nil:
			bad("no public clustered work function matches this target")
			continue
		}
		legacy := false
		if len(d.Params) != 0 {
			legacy = len(d.Params) == 2 && f.Type != nil && IsCon(f.Type.Params[0], NString) && IsCon(f.Type.Params[1], NString)
			if !legacy {
				c.errorf(d.Name, "CFG0001", "declared work target `%s` must use either `pub fn name() -> ...` or the legacy `(request_key :: String, attempt_id :: String)` signature", rt)
				continue
			}
		}
		w := &ClusterWork{RuntimeName: rt, Replicas: n, Explicit: explicit, Func: f, LegacyArgs: legacy}
		f.Cluster = w
		c.prog.Cluster = append(c.prog.Cluster, w)
	}
}

func testLabel(l *syntax.StringLit) string {
	if l == nil {
		return ""
	}
	s, _ := l.Value()
	return s
}
