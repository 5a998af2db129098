package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func runCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestVersionHelpUsage(t *testing.T) {
	for _, args := range [][]string{{"--version"}, {"-V"}} {
		code, out, _ := runCLI(t, args...)
		if code != 0 || out != "meshc 0.1.0\n" {
			t.Errorf("%v: code %d out %q", args, code, out)
		}
	}
	code, out, _ := runCLI(t, "--help")
	if code != 0 || !strings.Contains(out, "The Mesh compiler") || !strings.Contains(out, "Compile a Mesh project to a native binary") {
		t.Errorf("--help: %d %q", code, out)
	}
	for _, args := range [][]string{{}, {"bogus"}, {"init"}, {"init", "--nope", "x"}, {"build"}, {"init", "--db", "mysql", "x"}} {
		code, out, errs := runCLI(t, args...)
		if code != 2 || out != "" || !strings.HasPrefix(errs, "error: ") || !strings.Contains(errs, "Usage: meshc") {
			t.Errorf("%v: code %d out %q err %q", args, code, out, errs)
		}
	}
	_, _, errs := runCLI(t, "init", "--db", "mysql", "x")
	if !strings.Contains(errs, "invalid value 'mysql'") || !strings.Contains(errs, "--db <DB>") {
		t.Errorf("--db mysql: %q", errs)
	}
}

func TestInit(t *testing.T) {
	t.Chdir(t.TempDir())
	tests := []struct {
		args    []string
		code    int
		out     string
		errWant string
		files   []string
	}{
		{args: []string{"init", "hello"}, out: "Created project 'hello'\n", files: []string{"hello/mesh.toml", "hello/main.mpl", "hello/.gitignore"}},
		{args: []string{"init", "hello"}, code: 1, errWant: "error: Directory 'hello' already exists\n"},
		{args: []string{"init", "--clustered", "hello_cluster"}, out: "Created clustered project 'hello_cluster'\n",
			files: []string{"hello_cluster/mesh.toml", "hello_cluster/main.mpl", "hello_cluster/work.mpl", "hello_cluster/README.md", "hello_cluster/.gitignore"}},
		{args: []string{"init", "--clustered", "hello_cluster"}, code: 1, errWant: "already exists"},
		{args: []string{"init", "1x"}, code: 1, errWant: "error: invalid project name '1x'"},
		{args: []string{"init", "a/b"}, code: 1, errWant: "error: invalid project name 'a/b'"},
		{args: []string{"init", "--db", "sqlite", "d1"}, code: 1, errWant: "error: `--db` is only supported with `meshc init --template todo-api <name>`; omit `--db` for hello-world or `--clustered`, or add `--template todo-api` (sqlite stays the local default"},
		{args: []string{"init", "--template", "web", "d2"}, code: 1, errWant: "error: unknown init template 'web'; supported templates: todo-api.\n"},
		{args: []string{"init", "--template", "web", "--db", "postgres", "d3"}, code: 1, errWant: "error: unknown init template 'web'; supported templates: todo-api. `--db` is only supported with `--template todo-api`.\n"},
		{args: []string{"init", "--clustered", "--template", "todo-api", "--db", "sqlite", "d4"}, code: 1, errWant: "`meshc init --clustered` cannot be combined"},
		{args: []string{"init", "--template", "todo-api", "d5"}, out: "Created todo-api project 'd5'\n",
			files: []string{"d5/mesh.toml", "d5/main.mpl", "d5/.gitignore", "d5/.dockerignore", "d5/tests/config.test.mpl"}},
		// Flag checks come before the name and existence checks.
		{args: []string{"init", "--db", "sqlite", "hello"}, code: 1, errWant: "`--db` is only supported"},
	}
	for _, tt := range tests {
		code, out, errs := runCLI(t, tt.args...)
		if code != tt.code || out != tt.out || !strings.Contains(errs, tt.errWant) || (tt.errWant == "" && errs != "") {
			t.Errorf("%v: code %d out %q err %q", tt.args, code, out, errs)
		}
		for _, f := range tt.files {
			if _, err := os.Stat(f); err != nil {
				t.Errorf("%v: %v", tt.args, err)
			}
		}
	}
	for _, d := range []string{"1x", "a", "d1", "d2", "d3", "d4"} {
		if _, err := os.Stat(d); err == nil {
			t.Errorf("failed init left %s behind", d)
		}
	}
}

func TestOutputPath(t *testing.T) {
	for _, c := range [][3]string{
		{".", "hello", "./hello"},
		{"./", "hello", "./hello"},
		{"proj", "p", "proj/p"},
		{"proj/", "p", "proj/p"},
		{"/", "p", "/p"},
		{"/tmp/x", "p", "/tmp/x/p"},
	} {
		if got := outputPath(c[0], c[1]); got != c[2] {
			t.Errorf("outputPath(%q, %q) = %q, want %q", c[0], c[1], got, c[2])
		}
	}
}

func TestBuildMissingDir(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "nope")
	code, _, errs := runCLI(t, "build", dir)
	if code != 1 || errs != "error: Project directory '"+dir+"' does not exist\n" {
		t.Errorf("code %d err %q", code, errs)
	}
}
