package types

import "github.com/mesh-lang/mesh/lang/syntax"

// SourceFile is one module of the program to check.
type SourceFile struct {
	Module string       // module name: "Main", "Api.RateLimiter"
	Path   string       // display path, e.g. "main.mpl" (used in diagnostics)
	File   *syntax.File // parsed AST
	Entry  bool         // the entry module (defines main)
}

// Program is the checked, typed and resolved program. The compiler reads it
// without doing any inference of its own. Every Type in it is zonked; a *Var
// left in a type means "generic / any value" (dispatch at run time).
//
// Side tables are keyed by AST node pointers (as go/types.Info):
//
//   - Types: every syntax.Expr that was checked → its type.
//   - PatTypes: every syntax.Pattern → the type of the value it matches.
//   - Refs: what a name or member resolves to (see Ref). Keys: *syntax.Ident
//     used as an expression; *syntax.SelectorExpr (`A.b`, `x.f`, and the
//     callee of a method call `x.m(...)`, then Ref.Recv is true);
//     *syntax.IdentPattern / *syntax.CtorPattern that name a constructor;
//     *syntax.StructLit and *syntax.StructUpdate (RefStruct); *syntax.SelfExpr
//     (RefLocal); *syntax.IndexExpr (RefNative "List.get"/"Map.get");
//     *syntax.BinaryExpr /
//     *syntax.UnaryExpr implemented by a user trait impl (Add, Eq, Ord, Neg,
//     …) or needing runtime dispatch (operands of generic type).
//   - Defs: binding introduced at a defining occurrence. Keys: the *syntax.Ident
//     of a named parameter (Param.Name), of an IdentPattern (its Name), of an
//     AsPattern (its Name), of ForExpr.Vars, of Handler.State, and of a nested
//     FnDecl (its Name); the *syntax.Param of a `self` parameter.
//   - Tries: per `e?` how it propagates.
//   - Fors: per `for` loop what it iterates.
//   - Captures: per closure (*syntax.FnExpr, incl. trailing closures), per
//     function clause and nested function (*syntax.FnDecl), per actor
//     (*syntax.ActorDecl) and service handler (*syntax.Handler) the outer
//     bindings it uses, in first-use order (empty for top-level code). A nested
//     function's use of its own name is recursion, not a capture.
type Program struct {
	Modules     []*Module      // all modules, dependency order (imports first; ties by name)
	Entry       *Module        // the entry module
	Main        *Function      // the entry module's `main` (nil only if there were errors)
	Cluster     []*ClusterWork // declared @cluster work, modules in Modules order, declaration order inside
	TypeDefs    []*TypeDef     // every user struct and sum type (built-ins: OptionDef, ResultDef, …)
	Traits      []*Trait       // every interface (user and compiler-known)
	Impls       []*Impl        // every impl: user, derived and default-derived (not the built-in ones for Int etc.)
	Services    []*Service
	Supervisors []*Supervisor
	// ClusteredRoutes lists the HTTP.clustered(...) handlers
	// (cluster-reference.md §7), one per distinct handler, first use order.
	ClusteredRoutes []*ClusteredRoute

	Types    map[syntax.Expr]Type
	PatTypes map[syntax.Pattern]Type
	Refs     map[syntax.Node]*Ref
	Defs     map[syntax.Node]*Binding
	Tries    map[*syntax.TryExpr]*TryInfo
	Fors     map[*syntax.ForExpr]*ForInfo
	Captures map[syntax.Node][]*Binding
}

// TypeOf returns the type of e (nil if e was never checked, e.g. after an
// error).
func (p *Program) TypeOf(e syntax.Expr) Type { return p.Types[e] }

// Resolve returns what n refers to, or nil.
func (p *Program) Resolve(n syntax.Node) *Ref { return p.Refs[n] }

// Module is one checked source file.
type Module struct {
	Name        string // "Main", "Geo.Shapes"
	Path        string // display path
	File        *syntax.File
	Entry       bool
	Imports     []string    // modules imported (project modules only), source order
	Funcs       []*Function // top-level functions (multi-clause groups) and actors, source order (nested fns: via Defs/Binding.Func; impl methods: Impls; service init: Services)
	TypeDefs    []*TypeDef  // structs and sum types, source order
	Impls       []*Impl     // impls declared (or derived) in this module, source order
	Services    []*Service
	Supervisors []*Supervisor
	// Tests are the test-DSL blocks of a *.test.mpl entry module
	// (language.md §13), in source order.
	Tests []*TestCase
}

// TestCase is one `test("label") do … end`, possibly inside a
// `describe("group")`. Setup, Body and Teardown run as one body in one
// scope (a let in Setup is visible in Body); self()/receive are allowed.
type TestCase struct {
	Label    string // full label: "group > label" inside a describe
	Setup    *syntax.Block
	Body     *syntax.Block
	Teardown *syntax.Block
	Decl     *syntax.TestDecl
	// Captures is empty: a test body is a top-level body.
}

// FuncKind tells what kind of code a Function is.
type FuncKind int

const (
	FuncPlain       FuncKind = iota // top-level `fn` (possibly multi-clause, pattern parameters)
	FuncActor                       // `actor name(params) do … end`: Actor holds the AST; spawn target; body runs once per spawn, self tail calls loop
	FuncMethod                      // a method in an `impl` block (Impl set) or an interface default method (Trait set, Impl nil)
	FuncNested                      // a named `fn` nested in a block: a closure bound to Binding; Captures[Clauses[0]] lists its captures
	FuncServiceInit                 // a service's `fn init` (Service set)
)

// Function is a named function (one multi-clause group), actor body or method.
type Function struct {
	Name     string // source name: "add"
	QualName string // unique: "Work.add" ("Util.fmt/2" when a name has several arities); impl methods "Mod.Type.Trait.name"; trait defaults "Mod.Trait.name"; nested "Mod.name#N"; service init "Mod.Service.init"
	Module   *Module
	Kind     FuncKind
	Pub      bool
	Arity    int
	// Clauses holds the FnDecls of the group (one for an ordinary function).
	// A clause's parameters are Params[i]: named ones bind Defs[Param.Name]
	// (Defs[param] for self); pattern ones are matched against the argument.
	// Clauses are tried in order; Guard must hold. A bare upper-case
	// parameter that names a nullary variant (`fn f(None) = 0`) is a
	// constructor pattern: Check sets its Param.Pattern to an IdentPattern
	// (same for closure parameters), so test Param.Pattern before Param.Name.
	Clauses []*syntax.FnDecl
	Actor   *syntax.ActorDecl // FuncActor only (Params, Body, Terminate)
	// Exhaustive is false when the clause patterns may not match every
	// argument (E0012 warning given): the compiler must emit a runtime
	// "non-exhaustive match" failure after the last clause.
	Exhaustive bool
	Type       *Func   // zonked function type (generic vars remain *Var)
	Scheme     *Scheme // generalised type
	Impl       *Impl   // FuncMethod in an impl
	Trait      *Trait  // FuncMethod: the trait (default method when Impl == nil)
	Service    *Service
	Binding    *Binding     // FuncNested: the local name it is bound to
	Cluster    *ClusterWork // non-nil when decorated with @cluster
	// MsgType is the message type of an actor (FuncActor), zonked.
	MsgType Type

	tvars   map[string]Type // declared generics (and Self) for annotations
	where   []Constraint
	early   bool // fully annotated: Scheme known before the body is checked
	checked bool
	active  bool // body being checked (recursive uses are monomorphic)
}

// Binding is one local variable (parameter, let/pattern/for variable,
// `self`, service state, nested function name). IDs are unique in the
// Program.
type Binding struct {
	ID   int
	Name string
	Type Type // zonked
	Pos  syntax.Position
	Func *Function // FuncNested: the function this name is bound to
}

// RefKind classifies a Ref.
type RefKind int

const (
	RefLocal      RefKind = iota // a local Binding (Binding)
	RefFunc                      // a top-level function / actor (Func); several arities: the one chosen by argument count
	RefCtor                      // a sum-type variant (Variant): a value if nullary, else a constructor function of Variant.Arity args; in patterns, a constructor test
	RefField                     // struct field access x.f (Struct, Field = index)
	RefNative                    // stdlib member (Native = qualified name like "String.length", "Math.pi"; prelude: "println", "print", "compare", "default", "assert", "assert_eq", "assert_ne", "assert_raises"; legacy aliases and prelude map/filter/reduce/head/tail give the canonical "List.map" etc.)
	RefMethod                    // trait method (Trait, Method): static target Func when known, else runtime dispatch on the first argument
	RefStruct                    // a struct type named by a StructLit (Struct)
	RefService                   // generated service helper (Service; Handler nil = `Name.start`)
	RefDerived                   // generated static function of a type deriving Json/Row/Schema (Struct, Method: "from_json", "from_row", "__table__", "__fields__", "__field_types__", "__primary_key__", "__relationships__", "__relationship_meta__", "__<field>_col__")
	RefSupervisor                // a supervisor name (spawn target) (Supervisor)
)

// Ref is what a name, member, operator or method call resolves to.
type Ref struct {
	Kind    RefKind
	Binding *Binding
	Func    *Function
	Variant *Variant
	Struct  *TypeDef
	Field   int
	Native  string
	Trait   string // RefMethod: trait name ("Display", "Add", user trait)
	Method  string // RefMethod/RefDerived: method name ("to_string", "add")
	// Impl (RefMethod) is the chosen impl when the receiver type is known
	// (nil: dispatch at run time on the receiver's runtime type, §16, which
	// also covers built-in impls such as Display for Int). When Impl is
	// derived (Impl.Derived) Func is nil: the runtime's derived behaviour.
	// Operators: `!=` resolves to Eq.eq (negate it); `<`/`>`/`<=`/`>=` to
	// Ord.lt (or Ord.compare when the impl only defines compare), §6.2.
	Impl       *Impl
	Service    *Service
	Handler    *ServiceHandler
	Supervisor *Supervisor
	// Recv is set on the SelectorExpr callee of a method call `x.m(args)`:
	// the call is Target(x, args...). For field access it is false.
	// `x.try_into()` / `x.into()` resolve to RefMethod{Trait: "TryFrom"/"From",
	// Method: "try_from"/"from"} of the impl whose source type is x's type
	// (and whose target matches the expected type), with Recv set.
	Recv bool

	multi []*Impl // From<A>/From<B> candidates until the argument type is known

	viaInto bool
}

// TryKind says what `e?` propagates.
type TryKind int

const (
	TryResult TryKind = iota // Ok(v) → v; Err(e) → return Err(e) (converted by From when From != nil)
	TryOption                // Some(v) → v; None → return None
)

// TryInfo describes one `e?`.
type TryInfo struct {
	Kind TryKind
	// From, when non-nil, is the `from` method of `impl From<E> for F` used to
	// convert the error before returning Err(From(e)).
	From *Function
}

// ForKind is what a for loop iterates.
type ForKind int

const (
	ForRange    ForKind = iota // a..b (Iter is a BinaryExpr DOTDOT) or a Range value
	ForList                    // List<T>
	ForMap                     // Map<K, V>: {k, v} binds both, a single var binds the key
	ForSet                     // Set<T>
	ForIter                    // an Iter<T> (pulled until exhausted)
	ForIterable                // a user type implementing Iterable: call IterFn, then drain the iterator
	ForIterator                // a user type implementing Iterator: call NextFn until it returns None
)

// ForInfo describes one `for` loop.
type ForInfo struct {
	Kind   ForKind
	IterFn *Function // ForIterable: the impl's `iter` method
	NextFn *Function // ForIterator: the impl's `next` method (returns Option<Item>)
	// TupleVars: `{a, b}` destructures 2-tuple elements (ForList/ForIter/ForSet).
	TupleVars bool
}

// Trait is an interface (user-declared or compiler-known).
type Trait struct {
	Name    string
	Module  string // "" for compiler-known traits (Display, Eq, Add, …)
	Params  []*Var
	Assoc   []string
	Methods []*TraitMethod
	Decl    *syntax.InterfaceDecl // nil for compiler-known traits
}

// TraitMethod is one method signature of a trait.
type TraitMethod struct {
	Name    string
	HasSelf bool      // first parameter is self
	Arity   int       // including self
	Default *Function // default body (FuncMethod with Impl == nil), or nil
}

// Impl is `impl Trait for Type`, or a derived implementation.
type Impl struct {
	Trait     string
	TraitArgs []Type   // impl From<Int> for X: [Int]
	Type      *TypeDef // implementing user type; nil for built-in types (TypeName "Int", "String", …)
	TypeName  string   // "Point", "Int"
	Module    *Module
	// Methods maps method name → implementation; for methods the impl does
	// not write, the trait's default (a FuncMethod with Impl == nil). Empty
	// for derived impls: the runtime provides derived behaviour (§6.3).
	Methods map[string]*Function
	Assoc   map[string]Type // associated types (Output, Item, …)
	Derived bool            // generated by deriving (explicit or default)
	Decl    *syntax.ImplDecl

	selfT    Type
	implicit bool // derived by default (no deriving clause): a user impl replaces it
}

// Service is a `service Name do … end`.
type Service struct {
	Name     string
	Module   *Module
	Init     *Function // nil when absent (state is then ())
	State    Type
	Handlers []*ServiceHandler
	Decl     *syntax.ServiceDecl
}

// ServiceHandler is one `call`/`cast` handler. A call body evaluates to
// (new_state, reply); a cast body to the new state.
type ServiceHandler struct {
	Name   string // "GetCount"
	Helper string // generated helper "get_count" (Service.get_count(pid, args…))
	Index  int    // position in Service.Handlers
	Cast   bool
	Arity  int  // parameters, excluding the pid
	Reply  Type // call reply type ((), for casts)
	Decl   *syntax.Handler

	params []Type
}

// Supervisor is a `supervisor Name do … end`; spawned with spawn(Name).
type Supervisor struct {
	Name        string
	Module      *Module
	Strategy    string // one_for_one | one_for_all | rest_for_one | simple_one_for_one
	MaxRestarts int
	MaxSeconds  int
	Children    []*SupervisorChild
	Decl        *syntax.SupervisorDecl
}

// SupervisorChild is one `child` block.
type SupervisorChild struct {
	Name     string
	Start    syntax.Expr // closure returning a Pid (checked; compile it as an expression)
	Restart  string      // permanent | transient | temporary
	Shutdown int         // ms; -1 = brutal_kill
}

// ClusterWork is one `@cluster` declaration (cluster-reference.md §4).
type ClusterWork struct {
	RuntimeName string // "<Module>.<fn>", e.g. "Work.add"
	Replicas    int    // N of @cluster(N); 2 when omitted
	Explicit    bool   // N was written
	Func        *Function
	// LegacyArgs: the function takes (request_key :: String, attempt_id ::
	// String) instead of no parameters.
	LegacyArgs bool
}

// ClusteredRoute is a handler wrapped by HTTP.clustered(handler) or
// HTTP.clustered(N, handler). The call itself resolves to RefNative
// "HTTP.clustered"; Calls lists every such CallExpr for this handler.
type ClusteredRoute struct {
	RuntimeName string // "<DefiningModule>.<handler>", e.g. "Api.Todos.handle_list_todos"
	Replicas    int    // N; 2 when omitted
	Func        *Function
	Calls       []*syntax.CallExpr
}
