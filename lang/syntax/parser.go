package syntax

// ParseFile parses one Mesh source file. It always returns a *File (partial
// when there are errors) and every parse error it found.
func ParseFile(filename string, src []byte) (*File, Diagnostics) {
	f := &File{Name: filename, Src: src}
	pos := Position{File: filename, Offset: 0, Line: 1, Col: 1}
	f.Start, f.Stop = pos, pos
	return f, Diagnostics{{Pos: pos, Severity: SeverityError, Code: CodeParse, Message: "parser not implemented yet"}}
}
