package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/lang/bundle"
)

func TestRunBundledDetectsDamage(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	var out, errb bytes.Buffer
	if code, ran := runBundledFrom(self, self, nil, &out, &errb); ran || code != 0 || errb.Len() != 0 {
		t.Fatalf("plain executable: ran=%v code=%d err=%q", ran, code, errb.String())
	}

	orig, err := os.ReadFile(self)
	if err != nil {
		t.Fatal(err)
	}
	damaged := filepath.Join(t.TempDir(), "app")
	if err := os.WriteFile(damaged, append(orig, "leftover bundle bytes"...), 0o755); err != nil {
		t.Fatal(err)
	}
	code, ran := runBundledFrom(damaged, "./app", nil, &out, &errb)
	if !ran || code != 1 || errb.String() != "error: ./app: corrupt bundle: bundle trailer missing or damaged\n" {
		t.Fatalf("ran=%v code=%d err=%q", ran, code, errb.String())
	}

	// A bundle with a valid trailer but a payload that is not a program.
	junk := filepath.Join(t.TempDir(), "junk")
	if err := bundle.WriteExecutable(self, []byte("not a program"), junk); err != nil {
		t.Fatal(err)
	}
	errb.Reset()
	code, ran = runBundledFrom(junk, "./junk", nil, &out, &errb)
	if !ran || code != 1 || !strings.HasPrefix(errb.String(), "error: ./junk: ") {
		t.Fatalf("ran=%v code=%d err=%q", ran, code, errb.String())
	}

	// A missing/unreadable executable is an error, not a silent meshc.
	errb.Reset()
	code, ran = runBundledFrom(filepath.Join(t.TempDir(), "gone"), "./gone", nil, &out, &errb)
	if !ran || code != 1 || !strings.Contains(errb.String(), "cannot read this executable") {
		t.Fatalf("ran=%v code=%d err=%q", ran, code, errb.String())
	}
}
