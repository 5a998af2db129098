// Package std implements the Mesh standard library as vm natives, one file
// per module. Each native is registered under its qualified name
// (language.md §12: "println", "String.length", "Map.put", …) — the name
// the type checker resolves calls to. Importing the package registers them.
package std

import "github.com/mesh-lang/mesh/vm"

type (
	value   = vm.Value
	process = vm.Process
)

func reg(name string, fn vm.NativeFn) { vm.RegisterNative(name, fn) }

// alias registers the same native under several names.
func alias(fn vm.NativeFn, names ...string) {
	for _, n := range names {
		vm.RegisterNative(n, fn)
	}
}
