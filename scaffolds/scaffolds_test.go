package scaffolds

import (
	"bytes"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/project"
)

var update = flag.Bool("update", false, "rewrite examples/ from the scaffolds")

// examples maps each committed example directory to the scaffold and name
// that generate it.
var examples = []struct {
	dir  string
	kind Kind
	name string
}{
	{"hello", Hello, "hello"},
	{"hello_cluster", Clustered, "hello_cluster"},
	{"todo-sqlite", TodoSQLite, "todo-sqlite"},
	{"todo-postgres", TodoPostgres, "todo-postgres"},
}

func paths(files []File) []string {
	var ps []string
	for _, f := range files {
		ps = append(ps, f.Path)
	}
	return ps
}

func content(t *testing.T, files []File, p string) string {
	t.Helper()
	for _, f := range files {
		if f.Path == p {
			return string(f.Content)
		}
	}
	t.Fatalf("no file %s in %v", p, paths(files))
	return ""
}

func TestValidateName(t *testing.T) {
	for _, ok := range []string{"hello", "hello_cluster", "my-app", "_x", "A1", "x-1_2"} {
		if err := ValidateName(ok); err != nil {
			t.Errorf("%q rejected: %v", ok, err)
		}
	}
	for _, bad := range []string{"", "1app", "-app", "a b", "a/b", "../x", "a.b", `a"b`, "é", "x\n"} {
		err := ValidateName(bad)
		if err == nil {
			t.Errorf("%q accepted", bad)
			continue
		}
		if !strings.HasPrefix(err.Error(), "invalid project name '"+bad+"'") {
			t.Errorf("%q: %v", bad, err)
		}
	}
}

func TestRender(t *testing.T) {
	if _, err := Render(Hello, "bad name"); err == nil {
		t.Error("invalid name rendered")
	}
	if _, err := Render("nope", "x"); err == nil {
		t.Error("unknown kind rendered")
	}
	for _, kind := range Kinds {
		files, err := Render(kind, "my_app")
		if err != nil {
			t.Fatal(err)
		}
		m, err := project.ParseManifest([]byte(content(t, files, "mesh.toml")))
		if err != nil {
			t.Fatalf("%s: generated manifest: %v", kind, err)
		}
		if m.Package.Name != "my_app" || m.Package.Version != "0.1.0" || len(m.Dependencies) != 0 {
			t.Errorf("%s: manifest %+v", kind, m)
		}
		gi := content(t, files, ".gitignore")
		if !strings.Contains(gi, "/my_app\n") || !strings.Contains(gi, ".mesh/\n") {
			t.Errorf("%s: .gitignore %q", kind, gi)
		}
		for _, f := range files {
			if bytes.Contains(f.Content, []byte("{{")) {
				t.Errorf("%s/%s: unexpanded template", kind, f.Path)
			}
		}
	}
}

func TestHelloScaffold(t *testing.T) {
	files, _ := Render(Hello, "hi")
	if got := strings.Join(paths(files), " "); got != ".gitignore main.mpl mesh.toml" {
		t.Errorf("files: %s", got)
	}
	main := content(t, files, "main.mpl")
	for _, want := range []string{"fn main()", "IO.puts", `"Hello from Mesh!"`} {
		if !strings.Contains(main, want) {
			t.Errorf("main.mpl lacks %q", want)
		}
	}
}

// TestClusteredScaffold checks what the clustered scaffold promises
// (toolchain-reference §3.2, §6.1; cluster-reference §2).
func TestClusteredScaffold(t *testing.T) {
	files, _ := Render(Clustered, "demo_app")
	if got := strings.Join(paths(files), " "); got != ".gitignore README.md main.mpl mesh.toml work.mpl" {
		t.Errorf("files: %s", got)
	}
	if strings.Contains(content(t, files, "mesh.toml"), "cluster") {
		t.Error("mesh.toml mentions cluster")
	}
	main := content(t, files, "main.mpl")
	if n := strings.Count(main, "Node.start_from_env()"); n != 1 {
		t.Errorf("Node.start_from_env() appears %d times", n)
	}
	for _, want := range []string{"BootstrapStatus", "runtime bootstrap", "runtime bootstrap failed",
		"[clustered-app] runtime bootstrap mode=#{status.mode} node=#{status.node_name} cluster_port=#{status.cluster_port} discovery_seed=#{status.discovery_seed}",
		"[clustered-app] runtime bootstrap failed reason=#{reason}"} {
		if !strings.Contains(main, want) {
			t.Errorf("main.mpl lacks %q", want)
		}
	}
	for _, banned := range []string{"HTTP.serve(", "/health", "/work", "Node.start(", "Continuity.submit_declared_work", "Env.get_int"} {
		if strings.Contains(main, banned) {
			t.Errorf("main.mpl contains %q", banned)
		}
	}
	work := content(t, files, "work.mpl")
	for _, want := range []string{"@cluster pub fn add()", "1 + 1"} {
		if !strings.Contains(work, want) {
			t.Errorf("work.mpl lacks %q", want)
		}
	}
	for _, banned := range []string{"execute_declared_work", "clustered(work)"} {
		if strings.Contains(work, banned) {
			t.Errorf("work.mpl contains %q", banned)
		}
	}
	readme := content(t, files, "README.md")
	for _, want := range []string{
		"# demo_app\n", "meshc init --clustered",
		"MESH_CLUSTER_COOKIE", "MESH_NODE_NAME", "MESH_DISCOVERY_SEED", "MESH_CLUSTER_PORT",
		"MESH_CONTINUITY_ROLE", "MESH_CONTINUITY_PROMOTION_EPOCH",
		"meshc cluster status <node-name@host:port> --json",
		"meshc cluster continuity <node-name@host:port> --json",
		"meshc cluster continuity <node-name@host:port> <request-key> --json",
		"meshc cluster diagnostics <node-name@host:port> --json",
		"the runtime-owned handler name is derived from the ordinary source function name as `Work.add`",
		"The runtime automatically starts the source-declared `@cluster` function and closes the continuity record when it returns.",
		"meshc build .\n", "./demo_app\n",
		"MESH_NODE_NAME=primary@127.0.0.1:4370", "MESH_NODE_NAME='standby@[::1]:4370'",
		".mesh/state/",
	} {
		if !strings.Contains(strings.ToLower(readme), strings.ToLower(want)) {
			t.Errorf("README lacks %q", want)
		}
	}
	// Our READMEs describe this toolchain only (CONTRACT 4).
	for _, banned := range []string{"http://", "https://", "hyperpush", "meshlang.dev", "mesh-lang", "github.com"} {
		if strings.Contains(readme, banned) {
			t.Errorf("README mentions %q", banned)
		}
	}
}

// TestExamplesMatchScaffolds keeps examples/ identical to the scaffolds;
// run with -update to regenerate them.
func TestExamplesMatchScaffolds(t *testing.T) {
	for _, ex := range examples {
		if !Available(ex.kind) {
			continue // template not in this build yet
		}
		dir := filepath.Join("..", "examples", ex.dir)
		files, err := Render(ex.kind, ex.name)
		if err != nil {
			t.Fatal(err)
		}
		if *update {
			if err := os.RemoveAll(dir); err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				p := filepath.Join(dir, filepath.FromSlash(f.Path))
				if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(p, f.Content, 0o644); err != nil {
					t.Fatal(err)
				}
			}
		}
		want := map[string][]byte{}
		for _, f := range files {
			want[f.Path] = f.Content
		}
		err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() {
				return err
			}
			rel, _ := filepath.Rel(dir, p)
			rel = filepath.ToSlash(rel)
			exp, ok := want[rel]
			if !ok {
				t.Errorf("examples/%s/%s is not generated by the %s scaffold", ex.dir, rel, ex.kind)
				return nil
			}
			delete(want, rel)
			got, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			if !bytes.Equal(got, exp) {
				t.Errorf("examples/%s/%s differs from the %s scaffold (go test ./scaffolds -update)", ex.dir, rel, ex.kind)
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		for rel := range want {
			t.Errorf("examples/%s/%s is missing (go test ./scaffolds -update)", ex.dir, rel)
		}
	}
}

// TestPathConventions: stored dot-file names and __NAME__ path components.
func TestPathConventions(t *testing.T) {
	if len(Kinds) < 2 || Kinds[0] != Hello || Kinds[1] != Clustered {
		t.Fatalf("Kinds = %v", Kinds)
	}
	for _, kind := range Kinds {
		files, err := Render(kind, "my_app")
		if err != nil {
			t.Fatal(err)
		}
		for _, f := range files {
			base := f.Path[strings.LastIndex(f.Path, "/")+1:]
			if strings.Contains(f.Path, "__NAME__") {
				t.Errorf("%s: %s keeps __NAME__", kind, f.Path)
			}
			if _, stored := dotFiles[base]; stored {
				t.Errorf("%s: %s was not renamed to its dot-file name", kind, f.Path)
			}
		}
	}
	if Available(TodoSQLite) {
		files, _ := Render(TodoSQLite, "my_app")
		content(t, files, ".dockerignore")
	}
	if Available(TodoPostgres) {
		files, _ := Render(TodoPostgres, "my_app")
		content(t, files, ".env.example")
		content(t, files, "deploy/my_app.up.sql")
	}
}
