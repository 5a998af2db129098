// Package types owns the semantic analysis of Mesh: module and name
// resolution, Hindley–Milner type inference with traits (impls, deriving,
// From/TryFrom), exhaustiveness of patterns and the checker diagnostics of
// language.md §14. Check turns parsed files into a Program (api.go), the
// typed and resolved form the compiler consumes.
package types
