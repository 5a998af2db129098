// Package bundle owns the compiled-program format and how it travels inside
// an executable: a node binary is a copy of meshc with an encoded Program
// appended, followed by a fixed-size trailer (container.go).
package bundle

import (
	"bytes"
	"crypto/sha256"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Trailer layout, at the very end of the file (little endian):
//
//	offset  size  field
//	0       4     container format version (ContainerVersion)
//	4       4     reserved, zero
//	8       8     payload length in bytes
//	16      32    SHA-256 of the payload
//	48      8     magic "MESHBNDL"
//
// The payload sits immediately before the trailer.
const (
	ContainerVersion = 1
	TrailerSize      = 56
	magic            = "MESHBNDL"
)

// ErrTrailerDamaged is returned when bytes follow the end of the ELF image
// but no valid trailer is there: a bundle was appended and then damaged.
var ErrTrailerDamaged = errors.New("bundle trailer missing or damaged")

type trailer struct {
	version uint32
	length  uint64
	sum     [32]byte
}

func (t trailer) marshal() []byte {
	b := make([]byte, TrailerSize)
	binary.LittleEndian.PutUint32(b[0:], t.version)
	binary.LittleEndian.PutUint64(b[8:], t.length)
	copy(b[16:48], t.sum[:])
	copy(b[48:], magic)
	return b
}

// WriteExecutable writes out = self (without any bundle self already
// carries) + payload + trailer, mode 0755. It writes a temporary file in
// out's directory and renames it, so out is never seen half-written.
func WriteExecutable(self string, payload []byte, out string) (err error) {
	src, err := os.Open(self)
	if err != nil {
		return fmt.Errorf("cannot read %s: %w", self, err)
	}
	defer src.Close()
	imageLen, err := imageLength(src, self)
	if err != nil {
		return err
	}
	if st, err := os.Stat(out); err == nil && st.IsDir() {
		return fmt.Errorf("cannot write %s: is a directory", out)
	}

	tmp, err := os.CreateTemp(filepath.Dir(out), "."+filepath.Base(out)+".tmp-*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", out, unwrapPath(err))
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if _, err = io.Copy(tmp, io.NewSectionReader(src, 0, imageLen)); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	t := trailer{version: ContainerVersion, length: uint64(len(payload)), sum: sha256.Sum256(payload)}
	if _, err = tmp.Write(payload); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	if _, err = tmp.Write(t.marshal()); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	if err = tmp.Chmod(0o755); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, err)
	}
	if err = os.Rename(tmp.Name(), out); err != nil {
		return fmt.Errorf("cannot write %s: %w", out, unwrapPath(err))
	}
	return nil
}

// imageLength is how much of self to copy: everything before its own
// bundle, if it has one.
func imageLength(f *os.File, name string) (int64, error) {
	st, err := f.Stat()
	if err != nil {
		return 0, err
	}
	payload, found, err := find(f, st.Size())
	if err != nil {
		return 0, fmt.Errorf("%s: corrupt bundle: %w", name, err)
	}
	if !found {
		return st.Size(), nil
	}
	return st.Size() - int64(len(payload)) - TrailerSize, nil
}

// Find looks for a bundle at the end of exe. found=false, err=nil means a
// plain executable. A non-nil err means a bundle was appended but cannot be
// used; its text names the problem (no file name: callers add it).
// Only the trailer, the payload and the ELF headers are read.
func Find(exe string) (payload []byte, found bool, err error) {
	f, err := os.Open(exe)
	if err != nil {
		return nil, false, err
	}
	defer f.Close()
	st, err := f.Stat()
	if err != nil {
		return nil, false, err
	}
	return find(f, st.Size())
}

func find(r io.ReaderAt, size int64) ([]byte, bool, error) {
	if size >= TrailerSize {
		b := make([]byte, TrailerSize)
		if _, err := r.ReadAt(b, size-TrailerSize); err != nil {
			return nil, false, err
		}
		if string(b[48:]) == magic {
			return readPayload(r, size, b)
		}
	}
	// No trailer. If the file is an ELF image with bytes after its last
	// section, something was appended and its trailer is gone.
	end, ok, err := elfImageEnd(r)
	if err != nil {
		return nil, false, err
	}
	if ok && size > end {
		return nil, false, ErrTrailerDamaged
	}
	if ok && size < end {
		return nil, false, fmt.Errorf("executable is truncated (image needs %d bytes, file has %d)", end, size)
	}
	return nil, false, nil
}

func readPayload(r io.ReaderAt, size int64, b []byte) ([]byte, bool, error) {
	t := trailer{
		version: binary.LittleEndian.Uint32(b[0:]),
		length:  binary.LittleEndian.Uint64(b[8:]),
	}
	copy(t.sum[:], b[16:48])
	if t.version != ContainerVersion {
		return nil, false, fmt.Errorf("unsupported bundle container version %d (this meshc reads version %d)", t.version, ContainerVersion)
	}
	if reserved := binary.LittleEndian.Uint32(b[4:]); reserved != 0 {
		return nil, false, fmt.Errorf("bundle trailer has unknown flags %#x", reserved)
	}
	if t.length > uint64(size-TrailerSize) {
		return nil, false, fmt.Errorf("bundle length %d exceeds the %d bytes before the trailer (file truncated?)", t.length, size-TrailerSize)
	}
	start := size - TrailerSize - int64(t.length)
	if end, ok, _ := elfImageEnd(r); ok && start < end {
		return nil, false, fmt.Errorf("bundle length %d overlaps the executable image (file truncated?)", t.length)
	}
	payload := make([]byte, t.length)
	if _, err := r.ReadAt(payload, start); err != nil {
		return nil, false, err
	}
	if sum := sha256.Sum256(payload); !bytes.Equal(sum[:], t.sum[:]) {
		return nil, false, errors.New("bundle checksum mismatch (file altered or truncated)")
	}
	return payload, true, nil
}

// elfImageEnd returns the furthest byte the ELF headers account for: the
// end of every section with file contents, of every loadable segment and of
// the section header table. ok=false when r is not ELF; err when it starts
// like ELF but its headers cannot be read (e.g. cut off by truncation).
func elfImageEnd(r io.ReaderAt) (end int64, ok bool, err error) {
	var ident [4]byte
	if _, err := r.ReadAt(ident[:], 0); err != nil || string(ident[:]) != elf.ELFMAG {
		return 0, false, nil
	}
	f, err := elf.NewFile(r)
	if err != nil {
		return 0, false, fmt.Errorf("executable image is damaged or truncated: %v", err)
	}
	grow := func(v uint64) {
		if int64(v) > end {
			end = int64(v)
		}
	}
	for _, s := range f.Sections {
		if s.Type != elf.SHT_NOBITS && s.Type != elf.SHT_NULL {
			grow(s.Offset + s.FileSize)
		}
	}
	for _, p := range f.Progs {
		grow(p.Off + p.Filesz)
	}
	if shoff, shsize, ok := sectionHeaderTable(r, f); ok {
		grow(shoff + shsize)
	}
	return end, true, nil
}

// sectionHeaderTable reads e_shoff, e_shentsize and e_shnum (debug/elf does
// not export them).
func sectionHeaderTable(r io.ReaderAt, f *elf.File) (off, size uint64, ok bool) {
	var bo binary.ByteOrder = f.ByteOrder
	switch f.Class {
	case elf.ELFCLASS64:
		var h [64]byte
		if _, err := r.ReadAt(h[:], 0); err != nil {
			return 0, 0, false
		}
		off = bo.Uint64(h[0x28:])
		size = uint64(bo.Uint16(h[0x3A:])) * uint64(bo.Uint16(h[0x3C:]))
	case elf.ELFCLASS32:
		var h [52]byte
		if _, err := r.ReadAt(h[:], 0); err != nil {
			return 0, 0, false
		}
		off = uint64(bo.Uint32(h[0x20:]))
		size = uint64(bo.Uint16(h[0x2E:])) * uint64(bo.Uint16(h[0x30:]))
	default:
		return 0, 0, false
	}
	return off, size, off != 0
}

func unwrapPath(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	return err
}
