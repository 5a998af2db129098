// Package project owns what a Mesh project is on disk: the mesh.toml manifest
// (schema and validation), module discovery, the mapping from file paths to
// module names, entrypoint resolution and the import-graph rules (no
// self-imports, no cycles). It reads files but compiles nothing.
package project

import (
	"errors"
	"fmt"
	"os"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// ManifestFile is the manifest's file name inside a project directory.
const ManifestFile = "mesh.toml"

// Manifest is a parsed and validated mesh.toml.
type Manifest struct {
	Package      Package
	Dependencies map[string]Dependency
}

// DependencyNames returns the dependency names in sorted order.
func (m *Manifest) DependencyNames() []string {
	names := make([]string, 0, len(m.Dependencies))
	for n := range m.Dependencies {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// Package is the [package] table.
type Package struct {
	Name        string
	Version     string
	Description string
	Authors     []string
	License     string
	// Entrypoint is the normalised project-relative slash path of the entry
	// file ("" when the manifest does not override main.mpl).
	Entrypoint string
}

// Dependency is one [dependencies] entry: a registry version (string or
// {version = ...}), a git source with an optional rev/branch/tag, or a path.
type Dependency struct {
	Version string
	Git     string
	Rev     string
	Branch  string
	Tag     string
	Path    string
}

// UnmarshalTOML accepts both the shorthand string and the table form.
func (d *Dependency) UnmarshalTOML(v any) error {
	switch v := v.(type) {
	case string:
		d.Version = v
		return nil
	case map[string]any:
		for k, val := range v {
			s, ok := val.(string)
			if !ok {
				return fmt.Errorf("dependency field `%s` must be a string", k)
			}
			switch k {
			case "version":
				d.Version = s
			case "git":
				d.Git = s
			case "rev":
				d.Rev = s
			case "branch":
				d.Branch = s
			case "tag":
				d.Tag = s
			case "path":
				d.Path = s
			default:
				return fmt.Errorf("unknown dependency field `%s`", k)
			}
		}
		if d.Version == "" && d.Git == "" && d.Path == "" {
			return errors.New("dependency table needs one of `version`, `git` or `path`")
		}
		return nil
	default:
		return fmt.Errorf("dependency must be a version string or a table, got %T", v)
	}
}

// errCluster is the migration guidance for the removed [cluster] section.
const errCluster = "`[cluster]` manifest sections are no longer supported; move clustered declarations into source with `@cluster` or `@cluster(N)`"

// ParseManifest parses manifest text. Errors read
// "Failed to parse manifest: <reason>".
func ParseManifest(data []byte) (*Manifest, error) {
	m, err := parseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("Failed to parse manifest: %w", err)
	}
	return m, nil
}

// ReadManifest reads and parses the manifest at file. Errors read
// "Failed to parse <file>: <reason>" (or "Failed to read <file>: ...").
func ReadManifest(file string) (*Manifest, error) {
	data, err := os.ReadFile(file)
	if err != nil {
		return nil, fmt.Errorf("Failed to read %s: %w", file, unwrapPathError(err))
	}
	m, err := parseManifest(data)
	if err != nil {
		return nil, fmt.Errorf("Failed to parse %s: %w", file, err)
	}
	return m, nil
}

func unwrapPathError(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}

func parseManifest(data []byte) (*Manifest, error) {
	// First pass: TOML syntax only, so [cluster] is rejected before any
	// schema error could mask it.
	var raw map[string]any
	if err := toml.Unmarshal(data, &raw); err != nil {
		return nil, tomlError(err)
	}
	if _, ok := raw["cluster"]; ok {
		return nil, errors.New(errCluster)
	}
	pkgRaw, ok := raw["package"]
	if !ok {
		return nil, errors.New("missing field `package`")
	}
	pkg, ok := pkgRaw.(map[string]any)
	if !ok {
		return nil, errors.New("`package` must be a table")
	}
	// Keys are matched exactly (TOML is case-sensitive; BurntSushi's struct
	// decoding is not), and unknown keys are ignored.
	m := &Manifest{Package: Package{Authors: []string{}}, Dependencies: map[string]Dependency{}}
	str := func(key string, dst *string, required bool) error {
		v, ok := pkg[key]
		if !ok {
			if required {
				return fmt.Errorf("missing field `%s` in `[package]`", key)
			}
			return nil
		}
		s, ok := v.(string)
		if !ok {
			return fmt.Errorf("`[package].%s` must be a string", key)
		}
		*dst = s
		return nil
	}
	for _, f := range []struct {
		key      string
		dst      *string
		required bool
	}{
		{"name", &m.Package.Name, true},
		{"version", &m.Package.Version, true},
		{"description", &m.Package.Description, false},
		{"license", &m.Package.License, false},
		{"entrypoint", &m.Package.Entrypoint, false},
	} {
		if err := str(f.key, f.dst, f.required); err != nil {
			return nil, err
		}
	}
	if v, ok := pkg["authors"]; ok {
		list, ok := v.([]any)
		if !ok {
			return nil, errors.New("`[package].authors` must be an array of strings")
		}
		for _, a := range list {
			s, ok := a.(string)
			if !ok {
				return nil, errors.New("`[package].authors` must be an array of strings")
			}
			m.Package.Authors = append(m.Package.Authors, s)
		}
	}
	if _, ok := pkg["entrypoint"]; ok {
		ep, err := normaliseEntrypoint(m.Package.Entrypoint)
		if err != nil {
			return nil, err
		}
		m.Package.Entrypoint = ep
	}
	if v, ok := raw["dependencies"]; ok {
		deps, ok := v.(map[string]any)
		if !ok {
			return nil, errors.New("`dependencies` must be a table")
		}
		for name, dv := range deps {
			var d Dependency
			if err := d.UnmarshalTOML(dv); err != nil {
				return nil, fmt.Errorf("dependency `%s`: %w", name, err)
			}
			m.Dependencies[name] = d
		}
	}
	return m, nil
}

// tomlError shortens BurntSushi's errors to one line with a position.
func tomlError(err error) error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("TOML syntax error at line %d, column %d: %s", pe.Position.Line, pe.Position.Col, pe.Message)
	}
	return err
}

// normaliseEntrypoint applies the [package].entrypoint rules: trimmed, not
// blank, relative, no "..", ends in .mpl; "./" segments are dropped.
func normaliseEntrypoint(v string) (string, error) {
	t := strings.TrimSpace(v)
	var segs []string
	for _, s := range strings.Split(t, "/") {
		if s == "." || (s == "" && len(segs) > 0) {
			continue
		}
		segs = append(segs, s)
	}
	norm := strings.Join(segs, "/")
	switch {
	case norm == "":
		return "", errors.New("`[package].entrypoint` must not be blank")
	case strings.HasPrefix(t, "/") || strings.HasPrefix(t, `\`) || hasDrive(t):
		return "", fmt.Errorf("`[package].entrypoint` must be project-root-relative, got absolute path `%s`", t)
	}
	for _, s := range segs {
		if s == ".." {
			return "", fmt.Errorf("`[package].entrypoint` must stay within the project root, got `%s`", t)
		}
	}
	if !strings.HasSuffix(norm, ".mpl") {
		return "", fmt.Errorf("`[package].entrypoint` must end with `.mpl`, got `%s`", t)
	}
	return norm, nil
}

func hasDrive(s string) bool {
	return len(s) >= 3 && s[1] == ':' && (s[2] == '\\' || s[2] == '/') &&
		(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z')
}
