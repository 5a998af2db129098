package syntax

import (
	goast "go/ast"
	goparser "go/parser"
	gotoken "go/token"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strings"
	"testing"
)

// testdataDir holds the parse scripts: valid programs (no ERROR
// comments: must parse cleanly) and error programs whose `# ERROR "re"`
// comments mark every line where a parse error must be reported.
const testdataDir = "../testdata/parse"

var errorComment = regexp.MustCompile(`^#\s*ERROR\s+"(.*)"\s*$`)

func testdataFiles(t testing.TB) []string {
	files, err := filepath.Glob(filepath.Join(testdataDir, "*.mpl"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no parse scripts in %s (%v)", testdataDir, err)
	}
	sort.Strings(files)
	return files
}

// expectedErrors maps line numbers to the regexps of their ERROR comments.
func expectedErrors(t *testing.T, f *File) map[int]*regexp.Regexp {
	want := map[int]*regexp.Regexp{}
	for _, c := range f.Comments {
		text := c.Text
		if i := strings.Index(text, "# ERROR"); i > 0 {
			text = text[i:]
		}
		m := errorComment.FindStringSubmatch(text)
		if m == nil {
			continue
		}
		re, err := regexp.Compile(m[1])
		if err != nil {
			t.Fatalf("%s: bad ERROR regexp %q: %v", c.Start, m[1], err)
		}
		want[c.Start.Line] = re
	}
	return want
}

func TestParseScripts(t *testing.T) {
	for _, path := range testdataFiles(t) {
		t.Run(filepath.Base(path), func(t *testing.T) {
			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			f, diags := ParseFile(path, src)
			if f == nil {
				t.Fatal("ParseFile returned nil File")
			}
			want := expectedErrors(t, f)
			got := map[int]bool{}
			for _, d := range diags {
				if d.Code != CodeParse || d.Severity != SeverityError {
					t.Errorf("%s: diagnostic with code %q severity %q", d.Pos, d.Code, d.Severity)
				}
				re, ok := want[d.Pos.Line]
				if !ok {
					t.Errorf("unexpected error %s: %s", d.Pos, d.Message)
					continue
				}
				if !re.MatchString(d.Message) {
					t.Errorf("%s: error %q does not match %q", d.Pos, d.Message, re)
				}
				got[d.Pos.Line] = true
			}
			for line, re := range want {
				if !got[line] {
					t.Errorf("%s:%d: missing error matching %q", path, line, re)
				}
			}
		})
	}
}

// TestEveryNodeTypeProduced checks that each node type declared in ast.go
// is produced by at least one parse script and reached by Walk, so the
// AST has no dead types and Walk misses no child.
func TestEveryNodeTypeProduced(t *testing.T) {
	fset := gotoken.NewFileSet()
	af, err := goparser.ParseFile(fset, "ast.go", nil, 0)
	if err != nil {
		t.Fatal(err)
	}
	declared := map[string]bool{}
	for _, d := range af.Decls {
		gd, ok := d.(*goast.GenDecl)
		if !ok {
			continue
		}
		for _, s := range gd.Specs {
			ts, ok := s.(*goast.TypeSpec)
			if !ok {
				continue
			}
			st, ok := ts.Type.(*goast.StructType)
			if !ok {
				continue
			}
			for _, fld := range st.Fields.List {
				if id, ok := fld.Type.(*goast.Ident); ok && len(fld.Names) == 0 && id.Name == "Span" {
					declared[ts.Name.Name] = true
				}
			}
		}
	}
	if len(declared) < 60 {
		t.Fatalf("found only %d node types in ast.go", len(declared))
	}
	seen := map[string]bool{}
	for _, path := range testdataFiles(t) {
		src, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		f, _ := ParseFile(path, src)
		Inspect(f, func(n Node) bool {
			if n != nil {
				seen[reflect.TypeOf(n).Elem().Name()] = true
			}
			return true
		})
		if len(f.Comments) > 0 {
			seen["Comment"] = true
		}
	}
	var missing []string
	for name := range declared {
		if !seen[name] {
			missing = append(missing, name)
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("node types never produced by %s: %v", testdataDir, missing)
	}
}
