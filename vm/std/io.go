package std

import (
	"bufio"
	"os"
	"strings"
	"sync"

	"github.com/mesh-lang/mesh/vm"
)

var (
	stdinOnce sync.Once
	stdin     *bufio.Reader
)

func init() {
	println := func(t *process, a []value) value {
		t.Machine().Output(a[0].Str() + "\n")
		return vm.Unit
	}
	print := func(t *process, a []value) value {
		t.Machine().Output(a[0].Str())
		return vm.Unit
	}
	eprintln := func(t *process, a []value) value {
		t.Machine().ErrOutput(a[0].Str() + "\n")
		return vm.Unit
	}
	alias(println, "println", "IO.puts", "IO.println")
	alias(print, "print", "IO.print")
	alias(eprintln, "IO.eprintln", "io_eprintln")
	reg("IO.eprint", func(t *process, a []value) value {
		t.Machine().ErrOutput(a[0].Str())
		return vm.Unit
	})
	reg("IO.read_line", func(t *process, a []value) value {
		stdinOnce.Do(func() { stdin = bufio.NewReader(os.Stdin) })
		line, err := stdin.ReadString('\n')
		if err != nil && line == "" {
			if err.Error() == "EOF" {
				return t.Machine().Ok(vm.Str(""))
			}
			return t.Machine().Err(vm.Str(err.Error()))
		}
		line = strings.TrimSuffix(line, "\n")
		line = strings.TrimSuffix(line, "\r")
		return t.Machine().Ok(vm.Str(line))
	})
}
