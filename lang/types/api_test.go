package types

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/syntax"
)

func checkSources(t *testing.T, mods map[string]string) (*Program, syntax.Diagnostics) {
	t.Helper()
	var srcs []*SourceFile
	for name, src := range mods {
		path := strings.ToLower(name) + ".mpl"
		f, d := syntax.ParseFile(path, []byte(src))
		if d.HasErrors() {
			t.Fatalf("parse %s: %v", name, d)
		}
		srcs = append(srcs, &SourceFile{Module: name, Path: path, File: f, Entry: name == "Main"})
	}
	return Check(srcs)
}

func TestProgramClusterAndMain(t *testing.T) {
	p, diags := checkSources(t, map[string]string{
		"Main": "import Work\nfn main() do\n  println(\"#{Work.add()}\")\nend\n",
		"Work": "@cluster pub fn add() -> Int do\n  1 + 1\nend\n@cluster(1) pub fn one() -> Int = 1\n",
	})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	if p.Main == nil || p.Main.QualName != "Main.main" {
		t.Fatalf("Main = %+v", p.Main)
	}
	if len(p.Modules) != 2 || p.Modules[0].Name != "Work" || p.Modules[1].Name != "Main" {
		t.Fatalf("module order wrong: %v, %v", p.Modules[0].Name, p.Modules[1].Name)
	}
	if len(p.Cluster) != 2 {
		t.Fatalf("cluster works = %d", len(p.Cluster))
	}
	if w := p.Cluster[0]; w.RuntimeName != "Work.add" || w.Replicas != 2 || w.Explicit || w.Func.Name != "add" {
		t.Errorf("work 0 = %+v", w)
	}
	if w := p.Cluster[1]; w.RuntimeName != "Work.one" || w.Replicas != 1 || !w.Explicit {
		t.Errorf("work 1 = %+v", w)
	}
}

func TestProgramRefsAndTypes(t *testing.T) {
	src := `struct P do
  x :: Int
end

type Sh do
  Circle(Float)
  Dot
end

fn sq(n :: Int) -> Int = n * n

fn main() do
  let p = P { x: 3 }
  let a = sq(p.x)
  let c = Circle(1.5)
  let n = String.length("abc")
  let u = "abc".length()
  let f = 1.5 + 2.0
  println("#{a} #{n} #{u} #{f}")
end
`
	p, diags := checkSources(t, map[string]string{"Main": src})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	kinds := map[string]RefKind{}
	natives := map[string]string{}
	var floatAdd *syntax.BinaryExpr
	syntax.Inspect(p.Entry.File, func(n syntax.Node) bool {
		switch n := n.(type) {
		case *syntax.Ident:
			if r := p.Resolve(n); r != nil {
				kinds[n.Name] = r.Kind
			}
		case *syntax.SelectorExpr:
			if r := p.Resolve(n); r != nil {
				kinds["."+n.Sel.Name] = r.Kind
				if r.Kind == RefNative {
					natives["."+n.Sel.Name] = r.Native
					if r.Recv {
						natives["recv"] = r.Native
					}
				}
				if r.Kind == RefField && (r.Struct.Name != "P" || r.Field != 0) {
					t.Errorf("field ref = %+v", r)
				}
			}
		case *syntax.BinaryExpr:
			if n.Op == syntax.PLUS {
				floatAdd = n
			}
		}
		return true
	})
	want := map[string]RefKind{"sq": RefFunc, "p": RefLocal, "Circle": RefCtor, ".x": RefField, ".length": RefNative, "println": RefNative}
	for k, v := range want {
		if kinds[k] != v {
			t.Errorf("ref of %s = %v, want %v", k, kinds[k], v)
		}
	}
	if natives["recv"] != "String.length" {
		t.Errorf("method call native = %q", natives["recv"])
	}
	if floatAdd == nil || !IsCon(p.TypeOf(floatAdd), NFloat) || !IsCon(p.TypeOf(floatAdd.X), NFloat) {
		t.Errorf("float add type = %v", p.TypeOf(floatAdd))
	}
	for _, f := range p.Entry.Funcs {
		if f.Name == "sq" && f.Type.String() != "Fun(Int) -> Int" {
			t.Errorf("sq type = %s", f.Type)
		}
	}
}

func TestGeneralisation(t *testing.T) {
	src := `fn id(x) = x

fn main() do
  let a = id(1)
  let b = id("s")
  let k = fn y -> y end
  let c = k(2)
  let d = k(true)
  println("#{a} #{b} #{c} #{d} #{later(3)}")
end

fn later(n) = n + 1
`
	p, diags := checkSources(t, map[string]string{"Main": src})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	for _, f := range p.Entry.Funcs {
		if f.Name == "id" && len(f.Scheme.Vars) != 1 {
			t.Errorf("id not generalised: %v", f.Scheme.Type)
		}
	}
}

func TestUnifyCompat(t *testing.T) {
	g := &typeGen{level: 1}
	if unify(tJson, tString) != nil {
		t.Error("Json should unify with String")
	}
	if unify(&Con{Name: NPid}, &Con{Name: NPid, Args: []Type{tInt}}) != nil {
		t.Error("untyped Pid should unify with Pid<Int>")
	}
	if unify(tInt, tString) == nil {
		t.Error("Int and String unified")
	}
	v := g.fresh()
	if e := unify(v, listOf(v)); e == nil || !e.occurs {
		t.Error("occurs check missed")
	}
	if unify(tNever, tInt) != nil {
		t.Error("Never should unify with Int")
	}
}

func TestStdlibTable(t *testing.T) {
	for _, name := range []string{"println", "IO.puts", "String.length", "List.map", "Node.start_from_env", "HTTP.clustered", "Iter.map", "Map.collect"} {
		if LookupNative(name, -1) == nil {
			t.Errorf("missing native %s", name)
		}
	}
	if n := LookupNative("HTTP.clustered", 2); n == nil || n.Arity != 2 {
		t.Error("HTTP.clustered/2 missing")
	}
	if got := LookupNative("Node.start_from_env", 0).Scheme.Type.String(); got != "Fun() -> Result<BootstrapStatus, String>" {
		t.Errorf("Node.start_from_env : %s", got)
	}
	for name, ns := range natives {
		seen := map[int]bool{}
		for _, n := range ns {
			if seen[n.Arity] {
				t.Errorf("native %s has two overloads of arity %d", name, n.Arity)
			}
			seen[n.Arity] = true
		}
	}
	for alias, q := range legacyAliases {
		if natives[q] == nil {
			t.Errorf("alias %s -> unknown %s", alias, q)
		}
	}
}

func FuzzCheck(f *testing.F) {
	for _, dir := range []string{"../testdata/check", "../testdata/parse", "../testdata/run", "../testdata/pending"} {
		filepath.Walk(dir, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.HasSuffix(p, ".mpl") {
				if b, err := os.ReadFile(p); err == nil {
					f.Add(b)
				}
			}
			return nil
		})
	}
	recoverPanics = false
	f.Fuzz(func(t *testing.T, src []byte) {
		file, _ := syntax.ParseFile("fuzz.mpl", src)
		Check([]*SourceFile{{Module: "Main", Path: "fuzz.mpl", File: file, Entry: true}})
	})
}

// BenchmarkCheck measures parsing plus checking of the todo-api style
// project (part of the `meshc build` < 150 ms budget).
func BenchmarkCheck(b *testing.B) {
	srcs, pd := loadProgram(b, "../testdata/check/todo")
	if pd.HasErrors() {
		b.Fatal(pd)
	}
	for i := 0; i < b.N; i++ {
		for _, s := range srcs {
			s.File, _ = syntax.ParseFile(s.Path, s.File.Src)
		}
		if _, d := Check(srcs); d.HasErrors() {
			b.Fatal(d)
		}
	}
}

func TestTryFromConversion(t *testing.T) {
	src := `struct AppError do
  msg :: String
end

impl From<String> for AppError do
  fn from(s :: String) -> AppError = AppError { msg: s }
end

fn parse(s :: String) -> Result<Int, String> do
  case String.to_int(s) do
    Some(n) -> Ok(n)
    None -> Err("bad")
  end
end

fn load() -> Result<Int, AppError> do
  let n = parse("1")?
  Ok(n)
end

fn first(xs :: List<Int>) -> Option<Int> do
  let v = List.find(xs, fn x -> x > 1 end)?
  Some(v)
end

fn main() do
  println("x")
end
`
	p, diags := checkSources(t, map[string]string{"Main": src})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	var kinds []TryKind
	var froms []*Function
	syntax.Inspect(p.Entry.File, func(n syntax.Node) bool {
		if te, ok := n.(*syntax.TryExpr); ok {
			info := p.Tries[te]
			if info == nil {
				t.Fatalf("%s: no TryInfo", te.Pos())
			}
			kinds = append(kinds, info.Kind)
			froms = append(froms, info.From)
		}
		return true
	})
	if len(kinds) != 2 || kinds[0] != TryResult || kinds[1] != TryOption {
		t.Fatalf("try kinds = %v", kinds)
	}
	if froms[0] == nil || froms[0].Name != "from" || froms[0].Impl == nil || froms[0].Impl.TypeName != "AppError" {
		t.Errorf("From conversion not recorded: %+v", froms[0])
	}
	if froms[1] != nil {
		t.Errorf("Option ? has a conversion")
	}
}

func TestDeferredOperators(t *testing.T) {
	src := `struct V do
  x :: Int
end

impl Add for V do
  type Output = V
  fn add(self, o :: V) -> V = V { x: self.x + o.x }
end

fn f(a, b) do
  let c = a + b
  let d :: Int = c
  d
end

fn g(a, b) do
  let c = a + b
  let w :: V = c
  w
end

fn main() do
  println("#{f(1, 2)} #{g(V { x: 1 }, V { x: 2 }).x}")
end
`
	p, diags := checkSources(t, map[string]string{"Main": src})
	if diags.HasErrors() {
		t.Fatalf("unexpected errors: %v", diags)
	}
	var adds []*syntax.BinaryExpr
	syntax.Inspect(p.Entry.File, func(n syntax.Node) bool {
		if b, ok := n.(*syntax.BinaryExpr); ok && b.Op == syntax.PLUS {
			adds = append(adds, b)
		}
		return true
	})
	// adds[0] is inside impl V (Int); adds[1] in f (Int once applied); adds[2] in g (V)
	if len(adds) != 3 {
		t.Fatalf("adds = %d", len(adds))
	}
	if r := p.Resolve(adds[1]); r != nil {
		t.Errorf("Int addition in f keeps a dynamic ref: %+v", r)
	}
	if !IsCon(p.TypeOf(adds[1]), NInt) {
		t.Errorf("f's addition typed %v", p.TypeOf(adds[1]))
	}
	if r := p.Resolve(adds[2]); r == nil || r.Func == nil || r.Func.Name != "add" {
		t.Errorf("V addition in g not resolved to the impl: %+v", r)
	}
}

// FuzzCheckModules checks a two-module program (imports, namespaces,
// privacy, cross-module impls): no input may panic.
func FuzzCheckModules(f *testing.F) {
	f.Add([]byte("import Util\nfn main() do\n  println(Util.f(1))\nend\n"), []byte("pub fn f(x :: Int) -> String = \"#{x}\"\n"))
	f.Add([]byte("from Util import P, f\nfn main() do\n  let p = P { x: 1 }\n  println(f(p))\nend\n"), []byte("pub struct P do\n  x :: Int\nend\npub fn f(p :: P) -> String = \"#{p.x}\"\nimpl Display for P do\n  fn to_string(self) -> String = \"p\"\nend\n"))
	f.Add([]byte("import Util\nimport Main\n"), []byte("import Main\n"))
	recoverPanics = false
	f.Fuzz(func(t *testing.T, a, b []byte) {
		fa, _ := syntax.ParseFile("main.mpl", a)
		fb, _ := syntax.ParseFile("util.mpl", b)
		Check([]*SourceFile{
			{Module: "Main", Path: "main.mpl", File: fa, Entry: true},
			{Module: "Util", Path: "util.mpl", File: fb},
		})
	})
}

// TestDeterministicDiagnostics: the same program gives the same messages
// (testscripts compare them).
func TestDeterministicDiagnostics(t *testing.T) {
	for _, path := range []string{"../testdata/check/errors_core.mpl", "../testdata/check/errors_traits.mpl", "../testdata/check/modules"} {
		var first string
		for i := 0; i < 5; i++ {
			srcs, _ := loadProgram(t, path)
			_, diags := Check(srcs)
			var b strings.Builder
			for _, d := range diags {
				b.WriteString(d.Error() + "|" + d.Hint + "\n")
			}
			if i == 0 {
				first = b.String()
			} else if b.String() != first {
				t.Fatalf("%s: diagnostics differ between runs:\n%s\n---\n%s", path, first, b.String())
			}
		}
	}
}
