package project

import (
	"fmt"
	"sort"
	"strings"
)

// CheckImports applies the import-graph rules to the project's modules.
// imports maps a module name to the module names it imports; names that
// are not project modules (stdlib, unknown) create no edge. It reports
// "Module 'X' cannot import itself" and "Circular dependency: A -> B -> A".
// On success it returns the modules in dependency order (a module after
// everything it imports), ties broken alphabetically.
func CheckImports(modules []string, imports map[string][]string) ([]string, error) {
	known := make(map[string]bool, len(modules))
	for _, m := range modules {
		known[m] = true
	}
	sorted := append([]string(nil), modules...)
	sort.Strings(sorted)
	edges := make(map[string][]string, len(modules))
	for _, m := range sorted {
		seen := map[string]bool{}
		for _, dep := range imports[m] {
			if dep == m {
				return nil, fmt.Errorf("Module '%s' cannot import itself", m)
			}
			if known[dep] && !seen[dep] {
				seen[dep] = true
				edges[m] = append(edges[m], dep)
			}
		}
		sort.Strings(edges[m])
	}

	// Depth-first search in alphabetical order; a grey node met again is
	// a cycle, reported along the current path.
	const (
		white = iota
		grey
		black
	)
	colour := make(map[string]int, len(modules))
	var stack, order []string
	var visit func(m string) error
	visit = func(m string) error {
		colour[m] = grey
		stack = append(stack, m)
		for _, dep := range edges[m] {
			switch colour[dep] {
			case grey:
				start := 0
				for i, s := range stack {
					if s == dep {
						start = i
					}
				}
				cycle := append(append([]string(nil), stack[start:]...), dep)
				return fmt.Errorf("Circular dependency: %s", strings.Join(cycle, " -> "))
			case white:
				if err := visit(dep); err != nil {
					return err
				}
			}
		}
		stack = stack[:len(stack)-1]
		colour[m] = black
		order = append(order, m)
		return nil
	}
	for _, m := range sorted {
		if colour[m] == white {
			if err := visit(m); err != nil {
				return nil, err
			}
		}
	}
	// No cycle: emit in topological order, always taking the
	// alphabetically first module whose imports are all emitted.
	order = order[:0]
	done := make(map[string]bool, len(sorted))
	for len(order) < len(sorted) {
		for _, m := range sorted {
			if done[m] {
				continue
			}
			ready := true
			for _, dep := range edges[m] {
				if !done[dep] {
					ready = false
					break
				}
			}
			if ready {
				done[m] = true
				order = append(order, m)
				break
			}
		}
	}
	return order, nil
}
