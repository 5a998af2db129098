package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
)

// TestBuildAndRunInProcess drives init → build → run through run(), then
// executes the written binary.
func TestBuildAndRunInProcess(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.MkdirAll("hello", 0o755); err != nil {
		t.Fatal(err)
	}
	src := "fn main() do\n  println(\"Hello from #{Env.args() |> List.length()} args\")\nend\n"
	if err := os.WriteFile("hello/main.mpl", []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	code, out, errs := runCLI(t, "run", "hello", "--", "a", "b")
	if code != 0 || out != "Hello from 3 args\n" {
		t.Fatalf("run: %d %q %q", code, out, errs)
	}
	code, out, errs = runCLI(t, "build", "hello", "--disasm", "-o", "greeter")
	if code != 0 || errs != "  Compiled: greeter\n" || out == "" {
		t.Fatalf("build: %d %q (disasm %d bytes)", code, errs, len(out))
	}
	payload, found, err := bundle.Find(filepath.Join(dir, "greeter"))
	if err != nil || !found {
		t.Fatalf("no bundle in the built binary: %v", err)
	}
	if _, err := bundle.Decode(payload); err != nil {
		t.Fatalf("bundle does not decode: %v", err)
	}
}

// BenchmarkBuildClustered measures `meshc build` of the clustered scaffold
// (target: under 150 ms, DESIGN.md).
func BenchmarkBuildClustered(b *testing.B) {
	dir := b.TempDir()
	b.Chdir(dir)
	var out, errb bytes.Buffer
	if code := run([]string{"init", "--clustered", "hello_cluster"}, &out, &errb); code != 0 {
		b.Fatal(errb.String())
	}
	for b.Loop() {
		errb.Reset()
		if code := run([]string{"build", "hello_cluster"}, &out, &errb); code != 0 || !strings.Contains(errb.String(), "Compiled") {
			b.Fatal(errb.String())
		}
	}
}
