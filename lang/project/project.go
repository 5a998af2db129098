package project

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
)

// DefaultEntry is the entry file when the manifest names none.
const DefaultEntry = "main.mpl"

// Project is a discovered Mesh project.
type Project struct {
	// Dir is the project directory as the user gave it.
	Dir string
	// Manifest is nil when the project has no mesh.toml.
	Manifest *Manifest
	// Name is [package].name, or the base name of the absolute Dir.
	Name string
	// Entry is the project-relative slash path of the entry file.
	Entry string
	// Modules are all discovered modules in sorted path order.
	Modules []Module
}

// Module is one source file of a project.
type Module struct {
	Name  string // "Main", "Api.RateLimiter"
	Rel   string // project-relative slash path, "api/rate_limiter.mpl"
	File  string // Dir joined with Rel (for reading and display)
	Entry bool
}

// EntryModule returns the entry module.
func (p *Project) EntryModule() *Module {
	for i := range p.Modules {
		if p.Modules[i].Entry {
			return &p.Modules[i]
		}
	}
	return nil
}

// Load reads dir's manifest (optional), resolves the entrypoint and
// discovers every module.
func Load(dir string) (*Project, error) {
	st, err := os.Stat(dir)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("Project directory '%s' does not exist", dir)
		}
		return nil, fmt.Errorf("Cannot read project directory '%s': %v", dir, unwrapPathError(err))
	}
	if !st.IsDir() {
		return nil, fmt.Errorf("'%s' is not a directory", dir)
	}
	p := &Project{Dir: dir}
	mf := filepath.Join(dir, ManifestFile)
	if _, err := os.Stat(mf); err == nil {
		m, err := ReadManifest(mf)
		if err != nil {
			return nil, err
		}
		p.Manifest = m
		p.Name = m.Package.Name
	}
	if p.Name == "" {
		abs, err := filepath.Abs(dir)
		if err != nil {
			return nil, err
		}
		p.Name = filepath.Base(abs)
	}

	p.Entry = DefaultEntry
	if p.Manifest != nil && p.Manifest.Package.Entrypoint != "" {
		p.Entry = p.Manifest.Package.Entrypoint
	}
	est, err := os.Stat(filepath.Join(dir, filepath.FromSlash(p.Entry)))
	if err != nil {
		return nil, fmt.Errorf("Entrypoint '%s' was not found in project '%s'", p.Entry, dir)
	}
	if !est.Mode().IsRegular() {
		return nil, fmt.Errorf("Entrypoint '%s' in project '%s' is not a file", p.Entry, dir)
	}

	rels, err := Discover(dir)
	if err != nil {
		return nil, err
	}
	pkgs, err := installedPackages(dir)
	if err != nil {
		return nil, err
	}
	byName := map[string]string{}
	add := func(rel, name string) error {
		if other, dup := byName[name]; dup {
			return fmt.Errorf("Files '%s' and '%s' both map to module '%s'", other, rel, name)
		}
		byName[name] = rel
		p.Modules = append(p.Modules, Module{
			Name:  name,
			Rel:   rel,
			File:  filepath.Join(dir, filepath.FromSlash(rel)),
			Entry: rel == p.Entry,
		})
		return nil
	}
	for _, pm := range pkgs {
		if err := add(pm[0], pm[1]); err != nil {
			return nil, err
		}
	}
	for _, rel := range rels {
		name := ModuleName(rel)
		if err := add(rel, name); err != nil {
			return nil, err
		}
	}
	sort.SliceStable(p.Modules, func(i, j int) bool { return p.Modules[i].Rel < p.Modules[j].Rel })
	if p.EntryModule() == nil {
		return nil, fmt.Errorf("Resolved entrypoint '%s' was not found under project '%s'", p.Entry, dir)
	}
	return p, nil
}

// PackagesDir holds installed packages: each directory below it with a
// mesh.toml is a package whose modules join the project.
const PackagesDir = ".mesh/packages"

// installedPackages returns [rel, module name] for every module of every
// package under dir/.mesh/packages; names are relative to the package
// root, and a package's own root main.mpl is left out.
func installedPackages(dir string) ([][2]string, error) {
	root := filepath.Join(dir, filepath.FromSlash(PackagesDir))
	if st, err := os.Stat(root); err != nil || !st.IsDir() {
		return nil, nil
	}
	var out [][2]string
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			return nil
		}
		if _, err := os.Stat(filepath.Join(p, ManifestFile)); err != nil {
			return nil
		}
		rels, err := Discover(p)
		if err != nil {
			return err
		}
		base, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		for _, rel := range rels {
			if rel == DefaultEntry {
				continue
			}
			out = append(out, [2]string{filepath.ToSlash(filepath.Join(base, rel)), ModuleName(rel)})
		}
		return filepath.SkipDir
	})
	if err != nil {
		return nil, fmt.Errorf("Failed to scan installed packages in '%s': %w", root, err)
	}
	return out, nil
}

// Discover lists the project-relative slash paths of all module files
// under dir in sorted order. Entries whose name starts with "." are
// skipped (files and directories), as are *.test.mpl files.
func Discover(dir string) ([]string, error) {
	var rels []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if p == dir {
			return nil
		}
		name := d.Name()
		if strings.HasPrefix(name, ".") {
			if d.IsDir() {
				return filepath.SkipDir
			}
			return nil
		}
		if d.IsDir() || !strings.HasSuffix(name, ".mpl") || strings.HasSuffix(name, ".test.mpl") {
			return nil
		}
		if !d.Type().IsRegular() {
			// A symlink to a file still counts; anything else does not.
			st, err := os.Stat(p)
			if err != nil || !st.Mode().IsRegular() {
				return nil
			}
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rels = append(rels, filepath.ToSlash(rel))
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("Failed to scan project '%s': %w", dir, err)
	}
	sort.Strings(rels)
	return rels, nil
}

// ModuleName maps a project-relative slash path to its module name: each
// directory and the file stem go snake_case → PascalCase and are joined
// with "." ("api/rate_limiter.mpl" → "Api.RateLimiter", "main.mpl" → "Main").
func ModuleName(rel string) string {
	rel = strings.TrimSuffix(path.Clean(rel), ".mpl")
	segs := strings.Split(rel, "/")
	for i, s := range segs {
		segs[i] = pascal(s)
	}
	return strings.Join(segs, ".")
}

func pascal(s string) string {
	var b strings.Builder
	for _, part := range strings.Split(s, "_") {
		if part == "" {
			continue
		}
		b.WriteString(strings.ToUpper(part[:1]))
		b.WriteString(part[1:])
	}
	return b.String()
}
