package project

import (
	"strings"
	"testing"
)

// FuzzParseManifest: no input may panic, errors are one line with the
// "Failed to parse manifest: " prefix, and an accepted entrypoint is
// normalised (relative, no "." or ".." segments, ends in .mpl).
func FuzzParseManifest(f *testing.F) {
	for _, seed := range []string{
		"[package]\nname = \"x\"\nversion = \"1\"\n",
		"[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \"./lib/./a.mpl\"\n[dependencies]\na = \"1\"\nb = { git = \"g\", tag = \"t\" }\n",
		"[cluster]\n",
		"[package]\nname = 1\n",
		"[package]\nname = \"x\"\nversion = \"1\"\nentrypoint = \"../x.mpl\"\n",
		"",
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, src string) {
		m, err := ParseManifest([]byte(src))
		if err != nil {
			if !strings.HasPrefix(err.Error(), "Failed to parse manifest: ") {
				t.Fatalf("error without prefix: %q", err)
			}
			return
		}
		ep := m.Package.Entrypoint
		if ep == "" {
			return
		}
		if strings.HasPrefix(ep, "/") || !strings.HasSuffix(ep, ".mpl") {
			t.Fatalf("bad entrypoint accepted: %q", ep)
		}
		for _, seg := range strings.Split(ep, "/") {
			if seg == "." || seg == ".." || seg == "" {
				t.Fatalf("entrypoint not normalised: %q", ep)
			}
		}
	})
}
