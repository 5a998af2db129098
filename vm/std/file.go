package std

import (
	"errors"
	"io/fs"
	"os"

	"github.com/mesh-lang/mesh/vm"
)

// osMessage renders an OS error the way users see it upstream.
func osMessage(err error) string {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		err = pe.Err
	}
	switch {
	case errors.Is(err, fs.ErrNotExist):
		return "No such file or directory (os error 2)"
	case errors.Is(err, fs.ErrPermission):
		return "Permission denied (os error 13)"
	}
	return err.Error()
}

func init() {
	reg("File.read", func(t *process, a []value) value {
		b, err := os.ReadFile(a[0].Str())
		if err != nil {
			return t.Machine().Err(vm.Str(osMessage(err)))
		}
		return t.Machine().Ok(vm.Str(string(b)))
	})
	write := func(flag int) vm.NativeFn {
		return func(t *process, a []value) value {
			f, err := os.OpenFile(a[0].Str(), flag, 0o644)
			if err == nil {
				_, err = f.WriteString(a[1].Str())
				if cerr := f.Close(); err == nil {
					err = cerr
				}
			}
			if err != nil {
				return t.Machine().Err(vm.Str(osMessage(err)))
			}
			return t.Machine().Ok(vm.Unit)
		}
	}
	reg("File.write", write(os.O_WRONLY|os.O_CREATE|os.O_TRUNC))
	reg("File.append", write(os.O_WRONLY|os.O_CREATE|os.O_APPEND))
	reg("File.exists", func(t *process, a []value) value {
		_, err := os.Stat(a[0].Str())
		return vm.Bool(err == nil)
	})
	reg("File.delete", func(t *process, a []value) value {
		if err := os.Remove(a[0].Str()); err != nil {
			return t.Machine().Err(vm.Str(osMessage(err)))
		}
		return t.Machine().Ok(vm.Unit)
	})
}
