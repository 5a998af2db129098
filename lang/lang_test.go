// Package lang_test runs the end-to-end language scripts in
// testdata/run: each program is parsed, checked, compiled, encoded and
// decoded, and run on the vm; its stdout (and exit code / stderr when the
// file says so) must match the trailing `# expect:` block.
//
// A single-file program is testdata/run/**/NAME.mpl; a directory holding
// main.mpl is one multi-module program. Directives in the entry file:
//
//	# expect-exit: 101          exit code (default 0)
//	# expect-stderr: REGEXP     stderr must match
//	# expect:                   the rest of the file, minus "# ", is stdout
//	CODE  # ERROR "REGEXP"      compiling must fail with a diagnostic on this line
//
// go test ./lang -run TestRun -update rewrites the expect blocks.
package lang_test

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile"
	"github.com/mesh-lang/mesh/lang/project"
	"github.com/mesh-lang/mesh/lang/syntax"
	"github.com/mesh-lang/mesh/lang/types"
	"github.com/mesh-lang/mesh/vm"
	_ "github.com/mesh-lang/mesh/vm/std"
)

var (
	update = flag.Bool("update", false, "rewrite # expect: blocks with the actual output")
	runDir = flag.String("dir", filepath.Join("testdata", "run"), "directory of programs to run (e.g. testdata/pending for triage)")
)

// script is one test program.
type script struct {
	name  string   // test name
	root  string   // program directory
	files []string // slash paths relative to root
	entry string   // entry file (holds the expectations)
}

func findScripts(t *testing.T) []script {
	t.Helper()
	base := filepath.Clean(*runDir)
	var out []script
	err := filepath.WalkDir(base, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() {
			if p != base {
				if _, err := os.Stat(filepath.Join(p, "main.mpl")); err == nil {
					s := script{name: filepath.ToSlash(strings.TrimPrefix(p, base+string(filepath.Separator))), root: p, entry: "main.mpl"}
					filepath.WalkDir(p, func(q string, e fs.DirEntry, err error) error {
						if err == nil && !e.IsDir() && strings.HasSuffix(q, ".mpl") {
							rel, _ := filepath.Rel(p, q)
							s.files = append(s.files, filepath.ToSlash(rel))
						}
						return nil
					})
					out = append(out, s)
					return fs.SkipDir
				}
			}
			return nil
		}
		if strings.HasSuffix(p, ".mpl") {
			rel, _ := filepath.Rel(base, p)
			out = append(out, script{name: filepath.ToSlash(strings.TrimSuffix(rel, ".mpl")), root: filepath.Dir(p),
				files: []string{filepath.Base(p)}, entry: filepath.Base(p)})
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

type expectation struct {
	stdout    string
	exit      int
	stderr    *regexp.Regexp
	blockLine int // index of the "# expect:" line, -1 if absent
}

func parseExpect(src string) (expectation, error) {
	ex := expectation{blockLine: -1}
	lines := strings.Split(src, "\n")
	for i, l := range lines {
		switch {
		case strings.HasPrefix(l, "# expect-exit:"):
			n, err := strconv.Atoi(strings.TrimSpace(strings.TrimPrefix(l, "# expect-exit:")))
			if err != nil {
				return ex, fmt.Errorf("line %d: %v", i+1, err)
			}
			ex.exit = n
		case strings.HasPrefix(l, "# expect-stderr:"):
			re, err := regexp.Compile(strings.TrimSpace(strings.TrimPrefix(l, "# expect-stderr:")))
			if err != nil {
				return ex, fmt.Errorf("line %d: %v", i+1, err)
			}
			ex.stderr = re
		case strings.TrimSpace(l) == "# expect:":
			ex.blockLine = i
		}
	}
	if ex.blockLine >= 0 {
		var b strings.Builder
		for _, l := range lines[ex.blockLine+1:] {
			if l == "" {
				continue
			}
			if l == "#" {
				b.WriteString("\n")
				continue
			}
			b.WriteString(strings.TrimPrefix(l, "# "))
			b.WriteString("\n")
		}
		ex.stdout = b.String()
	}
	return ex, nil
}

// errorAnnotation is a `# ERROR "re"` comment: a diagnostic on that line
// must match.
type errorAnnotation struct {
	file string
	line int
	re   *regexp.Regexp
}

var errorRe = regexp.MustCompile(`#\s*ERROR\s+"((?:[^"\\]|\\.)*)"`)

func errorAnnotations(t *testing.T, s script) []errorAnnotation {
	var out []errorAnnotation
	for _, rel := range s.files {
		src, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(rel)))
		if err != nil {
			t.Fatal(err)
		}
		for i, l := range strings.Split(string(src), "\n") {
			if m := errorRe.FindStringSubmatch(l); m != nil {
				re, err := regexp.Compile(m[1])
				if err != nil {
					t.Fatalf("%s:%d: bad ERROR regexp: %v", rel, i+1, err)
				}
				out = append(out, errorAnnotation{file: rel, line: i + 1, re: re})
			}
		}
	}
	return out
}

func checkErrors(t *testing.T, want []errorAnnotation, diags syntax.Diagnostics, err error) {
	t.Helper()
	if err == nil {
		t.Fatalf("compiled without errors; want %d", len(want))
	}
	for _, w := range want {
		found := false
		for _, d := range diags {
			if filepath.Base(d.Pos.File) == filepath.Base(w.file) && d.Pos.Line == w.line && w.re.MatchString(d.Message) {
				found = true
			}
		}
		if !found {
			t.Errorf("%s:%d: no diagnostic matching %q; got:\n%v", w.file, w.line, w.re, err)
		}
	}
}

// build runs the front end and compiler; it returns the decoded program.
func build(s script) (*bundle.Program, syntax.Diagnostics, error) {
	var all syntax.Diagnostics
	var files []*types.SourceFile
	for _, rel := range s.files {
		src, err := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(rel)))
		if err != nil {
			return nil, nil, err
		}
		f, diags := syntax.ParseFile(rel, src)
		all = append(all, diags...)
		if diags.HasErrors() {
			return nil, all, renderDiags(diags, s)
		}
		mod := project.ModuleName(rel)
		if len(s.files) == 1 {
			mod = "Main" // a single-file program is the Main module
		}
		files = append(files, &types.SourceFile{Module: mod, Path: rel, File: f, Entry: rel == s.entry})
	}
	prog, diags := types.Check(files)
	all = append(all, diags...)
	if diags.HasErrors() {
		return nil, all, renderDiags(diags, s)
	}
	bp, err := compile.Compile(prog)
	if err != nil {
		return nil, all, err
	}
	b, err := bundle.Encode(bp)
	if err != nil {
		return nil, all, err
	}
	p, err := bundle.Decode(b)
	return p, all, err
}

func renderDiags(d syntax.Diagnostics, s script) error {
	var b bytes.Buffer
	d.Render(&b, func(file string) []byte {
		src, _ := os.ReadFile(filepath.Join(s.root, filepath.FromSlash(file)))
		return src
	})
	return fmt.Errorf("compile errors:\n%s", b.String())
}

// scriptBound is how long TestRun lets one program run before calling it
// hung.
const scriptBound = 2 * time.Minute

func TestRun(t *testing.T) {
	scripts := findScripts(t)
	if len(scripts) == 0 {
		t.Fatal("no scripts in testdata/run")
	}
	for _, s := range scripts {
		t.Run(s.name, func(t *testing.T) {
			entryPath := filepath.Join(s.root, s.entry)
			srcb, err := os.ReadFile(entryPath)
			if err != nil {
				t.Fatal(err)
			}
			src := string(srcb)
			ex, err := parseExpect(src)
			if err != nil {
				t.Fatal(err)
			}
			wantErrs := errorAnnotations(t, s)
			p, diags, err := build(s)
			if len(wantErrs) > 0 {
				checkErrors(t, wantErrs, diags, err)
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			var out, errb bytes.Buffer
			// A program that never ends (a process that cannot be stopped)
			// fails here instead of hanging the whole run; the bound is far
			// above any script's run time, so it is no timing assertion.
			done := make(chan int, 1)
			go func() { done <- vm.Run(p, vm.Options{Args: []string{s.name}, Stdout: &out, Stderr: &errb}) }()
			var code int
			select {
			case code = <-done:
			case <-time.After(scriptBound):
				t.Fatalf("program did not finish within %v", scriptBound)
			}
			if *update {
				writeExpect(t, entryPath, src, ex, out.String())
				return
			}
			if ex.blockLine < 0 {
				t.Fatalf("no # expect: block in %s", entryPath)
			}
			if out.String() != ex.stdout {
				t.Errorf("stdout differs\n--- got\n%s--- want\n%s--- stderr\n%s", out.String(), ex.stdout, errb.String())
			}
			if code != ex.exit {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, ex.exit, errb.String())
			}
			if ex.stderr != nil && !ex.stderr.MatchString(errb.String()) {
				t.Errorf("stderr %q does not match %q", errb.String(), ex.stderr)
			}
		})
	}
}

func writeExpect(t *testing.T, path, src string, ex expectation, stdout string) {
	lines := strings.Split(src, "\n")
	if ex.blockLine >= 0 {
		lines = lines[:ex.blockLine]
	}
	for len(lines) > 0 && strings.TrimSpace(lines[len(lines)-1]) == "" {
		lines = lines[:len(lines)-1]
	}
	var b strings.Builder
	b.WriteString(strings.Join(lines, "\n"))
	b.WriteString("\n\n# expect:\n")
	for _, l := range strings.Split(strings.TrimSuffix(stdout, "\n"), "\n") {
		if stdout == "" {
			break
		}
		if l == "" {
			b.WriteString("#\n")
			continue
		}
		b.WriteString("# " + l + "\n")
	}
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Benchmarks: Mesh source compiled by the real pipeline against the same
// function in Go, reported as a slowdown ratio measured in the same run
// (targets: fib(30) within 15x, a 10M-iteration Int loop within 20x).

const benchSrc = `
fn fib(n :: Int) -> Int do
  if n < 2 do
    n
  else
    fib(n - 1) + fib(n - 2)
  end
end

fn count(i :: Int, n :: Int, acc :: Int) -> Int do
  if i == n do
    acc
  else
    count(i + 1, n, acc + i)
  end
end

fn main() do
  let which = Env.get("MESH_BENCH", "fib")
  if which == "fib" do
    fib(30)
  else
    count(0, 10000000, 0)
  end
end
`

func goFib(n int) int {
	if n < 2 {
		return n
	}
	return goFib(n-1) + goFib(n-2)
}

// goCount is the loop as a Go programmer writes it; noinline keeps the
// compiler from folding it away.
//
//go:noinline
func goCount(n int) int {
	acc := 0
	for i := 0; i != n; i++ {
		acc += i
	}
	return acc
}

func benchProgram(b *testing.B) *bundle.Program {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "bench.mpl"), []byte(benchSrc), 0o644); err != nil {
		b.Fatal(err)
	}
	p, _, err := build(script{name: "bench", root: dir, files: []string{"bench.mpl"}, entry: "bench.mpl"})
	if err != nil {
		b.Fatal(err)
	}
	return p
}

// benchRatio alternates Mesh and Go runs so both see the same machine
// load (the box is shared), and reports the ratio of the summed times.
func benchRatio(b *testing.B, which string, native func()) {
	p := benchProgram(b)
	b.Setenv("MESH_BENCH", which)
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		b.Fatal(err)
	}
	var meshNs, goNs time.Duration
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		start := time.Now()
		if code := m.Run(); code != 0 {
			b.Fatalf("exit %d", code)
		}
		meshNs += time.Since(start)
		b.StopTimer()
		start = time.Now()
		native()
		goNs += time.Since(start)
		b.StartTimer()
	}
	b.ReportMetric(float64(goNs.Nanoseconds())/float64(b.N), "go-ns/op")
	b.ReportMetric(float64(meshNs)/float64(goNs), "x-go")
}

func BenchmarkFib30(b *testing.B) { benchRatio(b, "fib", func() { goFib(30) }) }

func BenchmarkLoop10M(b *testing.B) { benchRatio(b, "loop", func() { goCount(10_000_000) }) }

// TestTestDSL runs a *.test.mpl-style entry module (no main; tests,
// describe, setup/teardown, assertions, mock actors) and checks the report.
func TestTestDSL(t *testing.T) {
	src := `fn double(x :: Int) -> Int = x * 2

test("doubles") do
  assert(double(2) == 4)
  assert_eq(double(3), 6)
end

describe("edge") do
  setup do
    let base = 10
  end

  test("fails twice") do
    assert(double(base) == 21)
    assert_ne("a", "a")
  end

  test("raises") do
    assert_raises(fn -> assert(false) end)
  end
end

test("mailbox") do
  let me = self()
  let echo = Test.mock_actor(fn msg do
    send(me, msg)
    "ok"
  end)
  send(echo, 7)
  assert_receive 7, 500
  assert_receive 8, 10
end
`
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "main.mpl"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	p, _, err := build(script{name: "dsl", root: dir, files: []string{"main.mpl"}, entry: "main.mpl"})
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	code := vm.Run(p, vm.Options{Stdout: &out, Stderr: &errb})
	plain := regexp.MustCompile("\x1b\\[[0-9;]*m").ReplaceAllString(out.String(), "")
	want := "  running: doubles\r  ✓ doubles\n" +
		"  running: edge > fails twice\r  ✗ edge > fails twice\n    assert failed: double(base) == 21\n    assert_ne failed: assert_ne\n  both sides equal: a\n" +
		"  running: edge > raises\r  ✓ edge > raises\n" +
		"  running: mailbox\r  ✗ mailbox\n    assert_receive 8 timed out after 10ms\n" +
		"\nFailures:\n  ✗ edge > fails twice\n    assert failed: double(base) == 21\n    assert_ne failed: assert_ne\n  both sides equal: a\n" +
		"  ✗ mailbox\n    assert_receive 8 timed out after 10ms\n" +
		"\n2 failed, 2 passed in 0.00s\n"
	if plain != want || code != 1 {
		t.Errorf("exit %d, stderr %q\ngot:\n%s\nwant:\n%s", code, errb.String(), plain, want)
	}
}

const actorsSrc = `
actor worker(parent) do
  receive do
    n -> send(parent, n + 1)
  end
end

actor collector(left :: Int, total :: Int) do
  if left == 0 do
    println("#{total}")
  else
    receive do
      n -> collector(left - 1, total + n)
    end
  end
end

fn spawn_all(i :: Int, n :: Int, c) do
  if i < n do
    let w = spawn(worker, c)
    send(w, 1)
    spawn_all(i + 1, n, c)
  end
end

fn main() do
  let n = 100000
  let c = spawn(collector, n, 0)
  spawn_all(0, n, c)
end
`

// BenchmarkActors100k spawns 100,000 actors, sends each a message and
// collects their replies (DESIGN target: under 1 s).
func BenchmarkActors100k(b *testing.B) {
	dir := b.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "actors.mpl"), []byte(actorsSrc), 0o644); err != nil {
		b.Fatal(err)
	}
	p, _, err := build(script{name: "actors", root: dir, files: []string{"actors.mpl"}, entry: "actors.mpl"})
	if err != nil {
		b.Fatal(err)
	}
	for i := 0; i < b.N; i++ {
		var out bytes.Buffer
		if code := vm.Run(p, vm.Options{Stdout: &out, Stderr: io.Discard}); code != 0 || out.String() != "200000\n" {
			b.Fatalf("exit %d output %q", code, out.String())
		}
	}
}
