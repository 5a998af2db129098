package bundle

import (
	"bytes"
	"encoding/binary"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// syntheticELF builds a minimal little-endian ELF64 file: header, one
// data section, a .shstrtab and the section header table at the end.
func syntheticELF() []byte {
	data := []byte("hello, section")
	strtab := []byte("\x00.data\x00.shstrtab\x00")
	const ehsize, shentsize = 64, 64
	dataOff := uint64(ehsize)
	strOff := dataOff + uint64(len(data))
	shoff := (strOff + uint64(len(strtab)) + 7) &^ 7

	buf := make([]byte, shoff+3*shentsize)
	copy(buf, "\x7fELF")
	buf[4], buf[5], buf[6] = 2, 1, 1 // 64-bit, little endian, version 1
	le := binary.LittleEndian
	le.PutUint16(buf[16:], 2)    // ET_EXEC
	le.PutUint16(buf[18:], 0x3E) // x86-64
	le.PutUint32(buf[20:], 1)
	le.PutUint64(buf[0x28:], shoff)
	le.PutUint16(buf[0x34:], ehsize)
	le.PutUint16(buf[0x3A:], shentsize)
	le.PutUint16(buf[0x3C:], 3) // shnum
	le.PutUint16(buf[0x3E:], 2) // shstrndx
	copy(buf[dataOff:], data)
	copy(buf[strOff:], strtab)
	sh := func(i int, name, typ uint32, off, size uint64) {
		b := buf[shoff+uint64(i)*shentsize:]
		le.PutUint32(b[0:], name)
		le.PutUint32(b[4:], typ)
		le.PutUint64(b[0x18:], off)
		le.PutUint64(b[0x20:], size)
		le.PutUint64(b[0x30:], 1)
	}
	sh(1, 1, 1, dataOff, uint64(len(data)))  // .data, PROGBITS
	sh(2, 7, 3, strOff, uint64(len(strtab))) // .shstrtab, STRTAB
	return buf
}

func writeFile(t *testing.T, name string, b []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, b, 0o755); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestSyntheticELFEnd(t *testing.T) {
	b := syntheticELF()
	end, ok, err := elfImageEnd(bytes.NewReader(b))
	if err != nil || !ok || end != int64(len(b)) {
		t.Fatalf("end=%d ok=%v err=%v, want %d", end, ok, err, len(b))
	}
}

func TestRoundTripAndDamage(t *testing.T) {
	self, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	images := map[string]string{
		"synthetic": writeFile(t, "synthetic", syntheticELF()),
		"testbin":   self,
	}
	payload := bytes.Repeat([]byte("mesh bytecode "), 1000)
	for name, img := range images {
		t.Run(name, func(t *testing.T) {
			// The plain image has no bundle.
			if p, found, err := Find(img); err != nil || found || p != nil {
				t.Fatalf("plain image: found=%v err=%v", found, err)
			}
			out := filepath.Join(t.TempDir(), "app")
			if err := WriteExecutable(img, payload, out); err != nil {
				t.Fatal(err)
			}
			st, err := os.Stat(out)
			if err != nil {
				t.Fatal(err)
			}
			if st.Mode().Perm() != 0o755 {
				t.Errorf("mode %v", st.Mode())
			}
			got, found, err := Find(out)
			if err != nil || !found || !bytes.Equal(got, payload) {
				t.Fatalf("Find: found=%v err=%v len=%d", found, err, len(got))
			}
			// Rebundling a bundled binary replaces its bundle.
			out2 := filepath.Join(t.TempDir(), "app2")
			if err := WriteExecutable(out, []byte("second"), out2); err != nil {
				t.Fatal(err)
			}
			if got, _, err := Find(out2); err != nil || string(got) != "second" {
				t.Fatalf("rebundle: %q %v", got, err)
			}
			orig, _ := os.ReadFile(img)
			b2, _ := os.ReadFile(out2)
			if !bytes.Equal(b2[:len(orig)], orig) || len(b2) != len(orig)+len("second")+TrailerSize {
				t.Errorf("rebundled file is not image+payload+trailer")
			}

			full, _ := os.ReadFile(out)
			n := len(full)
			damage := []struct {
				name string
				edit func([]byte) []byte
				want string
			}{
				{"flip payload byte", func(b []byte) []byte { b[n-TrailerSize-10] ^= 0xff; return b }, "checksum mismatch"},
				{"flip checksum", func(b []byte) []byte { b[n-TrailerSize+20] ^= 1; return b }, "checksum mismatch"},
				{"bad version", func(b []byte) []byte { b[n-TrailerSize] = 9; return b }, "unsupported bundle container version 9"},
				{"huge length", func(b []byte) []byte {
					binary.LittleEndian.PutUint64(b[n-TrailerSize+8:], 1<<40)
					return b
				}, "exceeds"},
				{"length into image", func(b []byte) []byte {
					binary.LittleEndian.PutUint64(b[n-TrailerSize+8:], uint64(len(payload)+8))
					return b
				}, "overlaps the executable image"},
				{"flip magic", func(b []byte) []byte { b[n-1] ^= 0xff; return b }, "bundle trailer missing or damaged"},
				{"strip trailer", func(b []byte) []byte { return b[:n-TrailerSize] }, "bundle trailer missing or damaged"},
				{"truncate 1", func(b []byte) []byte { return b[:n-1] }, "bundle trailer missing or damaged"},
				{"truncate half payload", func(b []byte) []byte { return b[:n-TrailerSize-len(payload)/2] }, "bundle trailer missing or damaged"},
				{"extra byte", func(b []byte) []byte { return append(b, 0) }, "bundle trailer missing or damaged"},
			}
			for _, d := range damage {
				t.Run(d.name, func(t *testing.T) {
					p := writeFile(t, "bad", d.edit(bytes.Clone(full)))
					_, found, err := Find(p)
					if err == nil || found || !strings.Contains(err.Error(), d.want) {
						t.Fatalf("found=%v err=%v, want %q", found, err, d.want)
					}
					if err := WriteExecutable(p, payload, filepath.Join(t.TempDir(), "x")); err == nil {
						t.Errorf("WriteExecutable accepted a damaged self")
					}
				})
			}
		})
	}
}

func TestTruncatedImage(t *testing.T) {
	b := syntheticELF()
	// Cut into the section data: headers still parse, the image is short.
	p := writeFile(t, "short", append(b[:70:70], make([]byte, 0)...))
	if _, _, err := Find(p); err == nil {
		t.Fatal("truncated image not detected")
	}
}

func TestNotELF(t *testing.T) {
	p := writeFile(t, "script", []byte("#!/bin/sh\necho hi\n"))
	if _, found, err := Find(p); found || err != nil {
		t.Fatalf("found=%v err=%v", found, err)
	}
	if _, _, err := Find(filepath.Join(t.TempDir(), "missing")); err == nil {
		t.Fatal("missing file: no error")
	}
}

func TestWriteExecutableErrors(t *testing.T) {
	img := writeFile(t, "img", syntheticELF())
	dir := t.TempDir()
	if err := WriteExecutable(img, nil, dir); err == nil || !strings.Contains(err.Error(), "is a directory") {
		t.Errorf("dir out: %v", err)
	}
	if err := WriteExecutable(img, nil, filepath.Join(dir, "no", "such", "x")); err == nil {
		t.Error("missing parent accepted")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 0 {
		t.Errorf("temp files left behind: %v", entries)
	}
	// An empty payload is a valid bundle.
	out := filepath.Join(dir, "empty")
	if err := WriteExecutable(img, nil, out); err != nil {
		t.Fatal(err)
	}
	if p, found, err := Find(out); err != nil || !found || len(p) != 0 {
		t.Fatalf("empty payload: %v %v %v", p, found, err)
	}
}

// BenchmarkFindPlain is the bundle check every plain meshc start pays.
func BenchmarkFindPlain(b *testing.B) {
	self, err := os.Executable()
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, found, err := Find(self); err != nil || found {
			b.Fatal(found, err)
		}
	}
}
