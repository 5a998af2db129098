package bundle

import (
	"bytes"
	"testing"
)

// FuzzFind: no file content may panic the bundle check that every meshc
// and node binary runs at start, and a reported payload always fits.
func FuzzFind(f *testing.F) {
	img := syntheticELF()
	t := trailer{version: ContainerVersion, length: 3}
	f.Add(img)
	f.Add(append(append(bytes.Clone(img), "abc"...), t.marshal()...))
	f.Add([]byte("MESHBNDL"))
	f.Fuzz(func(t *testing.T, b []byte) {
		payload, found, err := find(bytes.NewReader(b), int64(len(b)))
		if err != nil && found {
			t.Fatal("found with an error")
		}
		if found && len(payload)+TrailerSize > len(b) {
			t.Fatalf("payload of %d bytes from a %d-byte file", len(payload), len(b))
		}
	})
}
