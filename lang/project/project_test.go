package project

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestParseManifest(t *testing.T) {
	tests := []struct {
		name, src string
		want      string // error text; "" means success
		check     func(t *testing.T, m *Manifest)
	}{
		{name: "minimal", src: "[package]\nname = \"x\"\nversion = \"0.1.0\"\n",
			check: func(t *testing.T, m *Manifest) {
				if m.Package.Name != "x" || m.Package.Version != "0.1.0" || m.Package.Entrypoint != "" {
					t.Errorf("got %+v", m.Package)
				}
				if len(m.Dependencies) != 0 || m.Package.Authors == nil {
					t.Errorf("deps %v authors %v", m.Dependencies, m.Package.Authors)
				}
			}},
		{name: "full", src: `[package]
name = "app"
version = "1.2.3"
description = "d"
authors = ["A", "B"]
license = "MIT"
entrypoint = "./lib/./start.mpl"
unknown_key = 1

[dependencies]
foo = "1.0.0"
bar = { version = "2.0.0" }
baz = { git = "https://example.invalid/baz.git", tag = "v1" }
qux = { path = "../qux" }
"owner/pkg" = "3.0.0"
`,
			check: func(t *testing.T, m *Manifest) {
				if m.Package.License != "MIT" || !reflect.DeepEqual(m.Package.Authors, []string{"A", "B"}) {
					t.Errorf("package %+v", m.Package)
				}
				if m.Package.Entrypoint != "lib/start.mpl" {
					t.Errorf("entrypoint %q", m.Package.Entrypoint)
				}
				want := map[string]Dependency{
					"foo":       {Version: "1.0.0"},
					"bar":       {Version: "2.0.0"},
					"baz":       {Git: "https://example.invalid/baz.git", Tag: "v1"},
					"qux":       {Path: "../qux"},
					"owner/pkg": {Version: "3.0.0"},
				}
				if !reflect.DeepEqual(m.Dependencies, want) {
					t.Errorf("deps %+v", m.Dependencies)
				}
				if got := m.DependencyNames(); !reflect.DeepEqual(got, []string{"bar", "baz", "foo", "owner/pkg", "qux"}) {
					t.Errorf("names %v", got)
				}
			}},
		{name: "no package", src: "[dependencies]\n", want: "Failed to parse manifest: missing field `package`"},
		{name: "no name", src: "[package]\nversion = \"1\"\n", want: "Failed to parse manifest: missing field `name` in `[package]`"},
		{name: "no version", src: "[package]\nname = \"x\"\n", want: "Failed to parse manifest: missing field `version` in `[package]`"},
		{name: "syntax", src: "[package\n", want: "Failed to parse manifest: TOML syntax error at line "},
		{name: "cluster", src: "[package]\nname = \"x\"\nversion = \"1\"\n[cluster]\nenabled = true\n",
			want: "Failed to parse manifest: `[cluster]` manifest sections are no longer supported; move clustered declarations into source with `@cluster` or `@cluster(N)`"},
		{name: "empty cluster before schema", src: "cluster = {}\n",
			want: "Failed to parse manifest: `[cluster]` manifest sections are no longer supported"},
		{name: "cluster declarations", src: "[package]\nname = \"x\"\nversion = \"1\"\n[cluster]\ndeclarations = [{kind = \"bogus\"}]\n",
			want: "`[cluster]` manifest sections are no longer supported"},
		{name: "blank entry", src: "[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \"  \"\n",
			want: "Failed to parse manifest: `[package].entrypoint` must not be blank"},
		{name: "dot entry", src: "[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \"./.\"\n",
			want: "`[package].entrypoint` must not be blank"},
		{name: "absolute entry", src: "[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \" /tmp/main.mpl \"\n",
			want: "`[package].entrypoint` must be project-root-relative, got absolute path `/tmp/main.mpl`"},
		{name: "dotdot entry", src: "[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \"lib/../../x.mpl\"\n",
			want: "`[package].entrypoint` must stay within the project root, got `lib/../../x.mpl`"},
		{name: "not mpl", src: "[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \"lib/start.rs\"\n",
			want: "`[package].entrypoint` must end with `.mpl`, got `lib/start.rs`"},
		{name: "bad dep", src: "[package]\nname = \"x\"\nversion = \"1\"\n[dependencies]\nfoo = 3\n",
			want: "dependency must be a version string or a table"},
		{name: "name type", src: "[package]\nname = 3\nversion = \"1\"\n", want: "Failed to parse manifest: `[package].name` must be a string"},
		{name: "keys are case-sensitive", src: "[package]\nName = \"x\"\nversion = \"1\"\n", want: "missing field `name`"},
		{name: "entrypoint key case", src: "[package]\nname = \"x\"\nversion = \"1\"\nEntrypoint = \"/abs.mpl\"\n",
			check: func(t *testing.T, m *Manifest) {
				if m.Package.Entrypoint != "" {
					t.Errorf("Entrypoint (capitalised) was used: %q", m.Package.Entrypoint)
				}
			}},
		{name: "authors type", src: "[package]\nname = \"x\"\nversion = \"1\"\nauthors = [1]\n", want: "`[package].authors` must be an array of strings"},
		{name: "deps not table", src: "dependencies = 3\n[package]\nname = \"x\"\nversion = \"1\"\n", want: "`dependencies` must be a table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ParseManifest([]byte(tt.src))
			if tt.want == "" {
				if err != nil {
					t.Fatalf("unexpected error: %v", err)
				}
				tt.check(t, m)
				return
			}
			if err == nil {
				t.Fatalf("no error, want %q", tt.want)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("error %q does not contain %q", err, tt.want)
			}
			if strings.Contains(err.Error(), "\n") {
				t.Errorf("multi-line error %q", err)
			}
		})
	}
}

func TestReadManifestWrapsPath(t *testing.T) {
	dir := t.TempDir()
	f := filepath.Join(dir, "mesh.toml")
	write(t, dir, "mesh.toml", "[package]\nname = \"x\"\nversion = \"1\"\n[cluster]\n")
	_, err := ReadManifest(f)
	want := "Failed to parse " + f + ": `[cluster]` manifest sections are no longer supported; move clustered declarations into source with `@cluster` or `@cluster(N)`"
	if err == nil || err.Error() != want {
		t.Fatalf("got %v\nwant %s", err, want)
	}
}

func TestModuleName(t *testing.T) {
	for rel, want := range map[string]string{
		"main.mpl":                   "Main",
		"util.mpl":                   "Util",
		"geo/shapes.mpl":             "Geo.Shapes",
		"api/http_router.mpl":        "Api.HttpRouter",
		"api/rate_limiter.mpl":       "Api.RateLimiter",
		"services/rate_limiter.mpl":  "Services.RateLimiter",
		"a/b/c.mpl":                  "A.B.C",
		"cli/main.mpl":               "Cli.Main",
		"HTTP_api.mpl":               "HTTPApi",
		"myMod.mpl":                  "MyMod",
		"__double__under_score_.mpl": "DoubleUnderScore",
	} {
		if got := ModuleName(rel); got != want {
			t.Errorf("ModuleName(%q) = %q, want %q", rel, got, want)
		}
	}
}

func write(t *testing.T, dir, rel, content string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestLoad(t *testing.T) {
	type tree map[string]string
	tests := []struct {
		name    string
		files   tree
		want    string   // error substring; "" = success
		modules []string // "Name=rel" with a trailing * for the entry
		pkg     string
	}{
		{name: "no manifest", files: tree{"main.mpl": "", "api/rate_limiter.mpl": "", "a_b.mpl": ""},
			modules: []string{"AB=a_b.mpl", "Api.RateLimiter=api/rate_limiter.mpl", "Main=main.mpl*"}},
		{name: "skips hidden and tests", files: tree{
			"main.mpl": "", ".hidden.mpl": "", ".mesh/state/x.mpl": "", "math.test.mpl": "",
			"tests/a.test.mpl": "", "notes.txt": "", "migrations/001_init.mpl": "", "target/gen.mpl": "",
		}, modules: []string{"Main=main.mpl*", "Migrations.001Init=migrations/001_init.mpl", "Target.Gen=target/gen.mpl"}},
		{name: "manifest name", files: tree{"mesh.toml": "[package]\nname = \"svc\"\nversion = \"0.1.0\"\n", "main.mpl": ""},
			modules: []string{"Main=main.mpl*"}, pkg: "svc"},
		{name: "entry override keeps main", files: tree{
			"mesh.toml": "[package]\nname = \"p\"\nversion = \"1\"\nentrypoint = \"lib/start.mpl\"\n",
			"main.mpl":  "", "lib/start.mpl": "",
		}, modules: []string{"Lib.Start=lib/start.mpl*", "Main=main.mpl"}, pkg: "p"},
		{name: "no main", files: tree{"util.mpl": ""}, want: "Entrypoint 'main.mpl' was not found in project '"},
		{name: "override missing", files: tree{"mesh.toml": "[package]\nname = \"p\"\nversion = \"1\"\nentrypoint = \"lib/start.mpl\"\n", "main.mpl": ""},
			want: "Entrypoint 'lib/start.mpl' was not found in project '"},
		{name: "override is dir", files: tree{"mesh.toml": "[package]\nname = \"p\"\nversion = \"1\"\nentrypoint = \"x.mpl\"\n", "x.mpl/inner.mpl": ""},
			want: "Entrypoint 'x.mpl' in project '"},
		{name: "override hidden", files: tree{"mesh.toml": "[package]\nname = \"p\"\nversion = \"1\"\nentrypoint = \".lib/start.mpl\"\n", ".lib/start.mpl": ""},
			want: "Resolved entrypoint '.lib/start.mpl' was not found under project '"},
		{name: "override test file", files: tree{"mesh.toml": "[package]\nname = \"p\"\nversion = \"1\"\nentrypoint = \"start.test.mpl\"\n", "start.test.mpl": ""},
			want: "Resolved entrypoint 'start.test.mpl' was not found under project '"},
		{name: "bad manifest", files: tree{"mesh.toml": "[package]\nname = \"p\"\n", "main.mpl": ""},
			want: "mesh.toml: missing field `version` in `[package]`"},
		{name: "installed packages", files: tree{
			"main.mpl":                                    "",
			".mesh/packages/acme/json_kit/mesh.toml":      "[package]\nname = \"json_kit\"\nversion = \"1\"\n",
			".mesh/packages/acme/json_kit/main.mpl":       "",
			".mesh/packages/acme/json_kit/codec/read.mpl": "",
			".mesh/packages/acme/json_kit/x.test.mpl":     "",
			".mesh/packages/notapkg/loose.mpl":            "",
			".mesh/state/n/ignored.mpl":                   "",
		}, modules: []string{"Codec.Read=.mesh/packages/acme/json_kit/codec/read.mpl", "Main=main.mpl*"}},
		{name: "package clash", files: tree{
			"main.mpl": "", "util.mpl": "",
			".mesh/packages/u/mesh.toml": "[package]\nname = \"u\"\nversion = \"1\"\n",
			".mesh/packages/u/util.mpl":  "",
		}, want: "both map to module 'Util'"},
		{name: "module clash", files: tree{"main.mpl": "", "foo_bar.mpl": "", "fooBar.mpl": ""},
			want: "both map to module 'FooBar'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "proj_dir")
			if err := os.Mkdir(dir, 0o755); err != nil {
				t.Fatal(err)
			}
			for rel, c := range tt.files {
				write(t, dir, rel, c)
			}
			p, err := Load(dir)
			if tt.want != "" {
				if err == nil || !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("error %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, m := range p.Modules {
				s := m.Name + "=" + m.Rel
				if m.Entry {
					s += "*"
				}
				if m.File != filepath.Join(dir, filepath.FromSlash(m.Rel)) {
					t.Errorf("File %q", m.File)
				}
				got = append(got, s)
			}
			if !reflect.DeepEqual(got, tt.modules) {
				t.Errorf("modules %v, want %v", got, tt.modules)
			}
			wantPkg := tt.pkg
			if wantPkg == "" {
				wantPkg = "proj_dir"
			}
			if p.Name != wantPkg {
				t.Errorf("name %q, want %q", p.Name, wantPkg)
			}
		})
	}
}

func TestLoadDirErrors(t *testing.T) {
	dir := t.TempDir()
	missing := filepath.Join(dir, "nope")
	if _, err := Load(missing); err == nil || err.Error() != "Project directory '"+missing+"' does not exist" {
		t.Errorf("missing: %v", err)
	}
	f := filepath.Join(dir, "file")
	write(t, dir, "file", "")
	if _, err := Load(f); err == nil || err.Error() != "'"+f+"' is not a directory" {
		t.Errorf("file: %v", err)
	}
}

func TestLoadDotUsesAbsoluteBase(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "hello_there")
	write(t, dir, "main.mpl", "")
	t.Chdir(dir)
	p, err := Load(".")
	if err != nil {
		t.Fatal(err)
	}
	if p.Name != "hello_there" || p.Modules[0].File != "main.mpl" {
		t.Errorf("name %q file %q", p.Name, p.Modules[0].File)
	}
}

func TestCheckImports(t *testing.T) {
	mods := []string{"Main", "A", "B", "C"}
	tests := []struct {
		name    string
		imports map[string][]string
		want    string
		order   []string
	}{
		{name: "ok", imports: map[string][]string{"Main": {"B", "A", "String"}, "B": {"C"}, "A": {"C"}},
			order: []string{"C", "A", "B", "Main"}},
		{name: "unknown ignored", imports: map[string][]string{"Main": {"Nope.Missing"}}, order: []string{"A", "B", "C", "Main"}},
		{name: "self", imports: map[string][]string{"B": {"B"}}, want: "Module 'B' cannot import itself"},
		{name: "cycle", imports: map[string][]string{"Main": {"A"}, "A": {"B"}, "B": {"A"}}, want: "Circular dependency: A -> B -> A"},
		{name: "long cycle", imports: map[string][]string{"A": {"B"}, "B": {"C"}, "C": {"A"}}, want: "Circular dependency: A -> B -> C -> A"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			order, err := CheckImports(mods, tt.imports)
			if tt.want != "" {
				if err == nil || err.Error() != tt.want {
					t.Fatalf("got %v, want %q", err, tt.want)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if !reflect.DeepEqual(order, tt.order) {
				t.Errorf("order %v, want %v", order, tt.order)
			}
		})
	}
}
