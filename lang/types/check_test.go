package types

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/syntax"
)

// Check scripts: lang/testdata/check/*.mpl is a one-module program (module
// Main); a directory is a project whose main.mpl is the entry. Lines with a
// `# ERROR "re"` (or `# WARN "re"`) comment must get a diagnostic matching
// re; no other error may be reported.

var annComment = regexp.MustCompile(`#\s*(ERROR|WARN)\s+"(.*)"\s*$`)

func moduleName(rel string) string {
	rel = strings.TrimSuffix(filepath.ToSlash(rel), ".mpl")
	if rel == "main" {
		return "Main"
	}
	var out []string
	for _, seg := range strings.Split(rel, "/") {
		s := ""
		for _, part := range strings.Split(seg, "_") {
			if part == "" {
				continue
			}
			s += strings.ToUpper(part[:1]) + part[1:]
		}
		out = append(out, s)
	}
	return strings.Join(out, ".")
}

// loadProgram parses a file or project directory.
func loadProgram(t testing.TB, path string) ([]*SourceFile, syntax.Diagnostics) {
	var files []string
	root := path
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		filepath.Walk(path, func(p string, info os.FileInfo, err error) error {
			if err == nil && !info.IsDir() && strings.HasSuffix(p, ".mpl") && !strings.HasSuffix(p, ".test.mpl") {
				files = append(files, p)
			}
			return nil
		})
		sort.Strings(files)
	} else {
		files = []string{path}
		root = filepath.Dir(path)
	}
	var srcs []*SourceFile
	var diags syntax.Diagnostics
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		rel, _ := filepath.Rel(root, f)
		mod := moduleName(rel)
		entry := len(files) == 1 || rel == "main.mpl"
		if len(files) == 1 {
			mod = "Main"
		}
		af, d := syntax.ParseFile(f, src)
		diags = append(diags, d...)
		srcs = append(srcs, &SourceFile{Module: mod, Path: f, File: af, Entry: entry})
	}
	return srcs, diags
}

type ann struct {
	warn bool
	re   *regexp.Regexp
}

func annotations(t *testing.T, srcs []*SourceFile) map[string]map[int]ann {
	out := map[string]map[int]ann{}
	for _, s := range srcs {
		m := map[int]ann{}
		for _, c := range s.File.Comments {
			sm := annComment.FindStringSubmatch(c.Text)
			if sm == nil {
				continue
			}
			re, err := regexp.Compile(sm[2])
			if err != nil {
				t.Fatalf("%s: bad regexp %q", c.Start, sm[2])
			}
			m[c.Start.Line] = ann{warn: sm[1] == "WARN", re: re}
		}
		out[s.Path] = m
	}
	return out
}

func checkScripts(t *testing.T, dir string) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range entries {
		path := filepath.Join(dir, e.Name())
		if !e.IsDir() && !strings.HasSuffix(e.Name(), ".mpl") {
			continue
		}
		n++
		t.Run(e.Name(), func(t *testing.T) {
			srcs, pd := loadProgram(t, path)
			if pd.HasErrors() {
				t.Fatalf("parse errors: %v", pd)
			}
			want := annotations(t, srcs)
			_, diags := Check(srcs)
			matched := map[string]bool{}
			for _, d := range diags {
				file := d.Pos.File
				a, ok := want[file][d.Pos.Line]
				isWarn := d.Severity == syntax.SeverityWarning
				key := file + ":" + itoa(d.Pos.Line)
				if ok && a.re.MatchString(d.Code+" "+d.Message) && a.warn == isWarn {
					matched[key] = true
					continue
				}
				if isWarn && !ok {
					continue // unannotated warnings are allowed
				}
				t.Errorf("%s: unexpected %s %s: %s", d.Pos, d.Severity, d.Code, d.Message)
			}
			for file, m := range want {
				for line, a := range m {
					if !matched[file+":"+itoa(line)] {
						kind := "error"
						if a.warn {
							kind = "warning"
						}
						t.Errorf("%s:%d: missing %s matching %q", file, line, kind, a.re)
					}
				}
			}
		})
	}
	if n == 0 {
		t.Fatalf("no check scripts in %s", dir)
	}
}

func TestCheckScripts(t *testing.T) { checkScripts(t, "../testdata/check") }
