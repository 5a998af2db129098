// Package scaffolds owns the project templates that `meshc init` writes.
// Templates are embedded text/template files ({{.Name}} is the project
// name). Dot-files are stored without their dot (gitignore, dockerignore,
// env.example) and a path component "__NAME__" becomes the project name.
package scaffolds

import (
	"bytes"
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"text/template"
)

//go:embed all:hello all:clustered all:todo_*
var templates embed.FS

// Kind names a scaffold.
type Kind string

// The scaffolds meshc can write.
const (
	Hello        Kind = "hello"
	Clustered    Kind = "clustered"
	TodoSQLite   Kind = "todo_sqlite"   // --template todo-api [--db sqlite]
	TodoPostgres Kind = "todo_postgres" // --template todo-api --db postgres
)

// Kinds lists every scaffold this build embeds.
var Kinds = available(Hello, Clustered, TodoSQLite, TodoPostgres)

func available(kinds ...Kind) []Kind {
	var out []Kind
	for _, k := range kinds {
		if Available(k) {
			out = append(out, k)
		}
	}
	return out
}

// Available reports whether the scaffold kind is embedded.
func Available(kind Kind) bool {
	st, err := fs.Stat(templates, string(kind))
	return err == nil && st.IsDir()
}

// dotFiles are the stored names of files written with a leading dot.
var dotFiles = map[string]string{
	"gitignore":    ".gitignore",
	"dockerignore": ".dockerignore",
	"env.example":  ".env.example",
}

// File is one generated file.
type File struct {
	Path    string // slash path relative to the project directory
	Content []byte
}

// ValidateName checks a project name (CONTRACT 4): letters, digits, '_'
// and '-', not starting with a digit or '-'. The name becomes a directory,
// the package name and the binary name, and is spliced into TOML.
func ValidateName(name string) error {
	bad := name == ""
	for i, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r == '_':
		case (r >= '0' && r <= '9') || r == '-':
			bad = bad || i == 0
		default:
			bad = true
		}
	}
	if bad {
		return fmt.Errorf("invalid project name '%s': use letters, digits, '_' and '-', starting with a letter or '_'", name)
	}
	return nil
}

// Render returns the files of scaffold kind for project name, sorted by
// path. name must pass ValidateName.
func Render(kind Kind, name string) ([]File, error) {
	if err := ValidateName(name); err != nil {
		return nil, err
	}
	root := string(kind)
	if !Available(kind) {
		return nil, fmt.Errorf("unknown scaffold %q", kind)
	}
	var files []File
	err := fs.WalkDir(templates, root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(templates, p)
		if err != nil {
			return err
		}
		tmpl, err := template.New(p).Option("missingkey=error").Parse(string(src))
		if err != nil {
			return err
		}
		var out bytes.Buffer
		if err := tmpl.Execute(&out, struct{ Name string }{name}); err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, root+"/")
		segs := strings.Split(rel, "/")
		for i, seg := range segs {
			segs[i] = strings.ReplaceAll(seg, "__NAME__", name)
		}
		if dot, ok := dotFiles[segs[len(segs)-1]]; ok {
			segs[len(segs)-1] = dot
		}
		rel = strings.Join(segs, "/")
		files = append(files, File{Path: rel, Content: out.Bytes()})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return files, nil
}
