package syntax

import "fmt"

// Position is a location in a source file. Line and Col are 1-based; Col
// counts runes (Unicode code points) from the start of the line, so a tab
// is one column. Offset is the 0-based byte offset into the file. The zero
// Position is "no position".
type Position struct {
	File   string
	Offset int
	Line   int
	Col    int
}

// IsValid reports whether p denotes a real source location.
func (p Position) IsValid() bool { return p.Line > 0 }

// String formats p as "file:line:col" ("line:col" without a file name,
// "-" when invalid).
func (p Position) String() string {
	if !p.IsValid() {
		if p.File != "" {
			return p.File
		}
		return "-"
	}
	if p.File == "" {
		return fmt.Sprintf("%d:%d", p.Line, p.Col)
	}
	return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
}

// Before reports whether p comes before q in the same file.
func (p Position) Before(q Position) bool { return p.Offset < q.Offset }
