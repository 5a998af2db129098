package syntax

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode/utf8"
)

// Severity values of a Diagnostic.
const (
	SeverityError   = "error"
	SeverityWarning = "warning"
)

// CodeParse is the diagnostic code of every scan and parse error.
const CodeParse = "P0001"

// Diagnostic is one message about a source range. End may be the zero
// Position when the range is a single point.
type Diagnostic struct {
	Pos, End Position
	Severity string // "error" | "warning"
	Code     string // "P0001" for parse errors, E…/W… from the checker
	Message  string
	Hint     string
}

// Error implements error as "file:line:col: message".
func (d *Diagnostic) Error() string { return d.Pos.String() + ": " + d.Text() }

// Text is the message as shown to users. Parse errors (code P0001) get
// upstream's "Parse error: " headline so tools searching for it find it.
func (d *Diagnostic) Text() string {
	if d.Code == CodeParse && !strings.HasPrefix(d.Message, "Parse error") {
		return "Parse error: " + d.Message
	}
	return d.Message
}

// Diagnostics is a list of diagnostics, usually in source order.
type Diagnostics []*Diagnostic

// HasErrors reports whether any diagnostic has severity "error".
func (ds Diagnostics) HasErrors() bool {
	for _, d := range ds {
		if d.Severity != SeverityWarning {
			return true
		}
	}
	return false
}

// Err returns ds as an error if it has errors, else nil.
func (ds Diagnostics) Err() error {
	if !ds.HasErrors() {
		return nil
	}
	return ds
}

// Error implements error: one "file:line:col: message" line per diagnostic.
func (ds Diagnostics) Error() string {
	var b strings.Builder
	for i, d := range ds {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Error())
	}
	return b.String()
}

// Sort orders ds by file, then offset (stable).
func (ds Diagnostics) Sort() {
	sort.SliceStable(ds, func(i, j int) bool {
		a, b := ds[i].Pos, ds[j].Pos
		if a.File != b.File {
			return a.File < b.File
		}
		return a.Offset < b.Offset
	})
}

// Render writes each diagnostic as
//
//	file:line:col: message
//	<the source line>
//	<spaces>^
//	hint: <hint>          (only when Hint is set)
//
// src returns the contents of a file (nil when unknown: then only the
// first line is written). Warnings are prefixed "warning: " after the
// position. Tabs before the column are copied so the caret lines up.
func (ds Diagnostics) Render(w io.Writer, src func(file string) []byte) error {
	var b bytes.Buffer
	for _, d := range ds {
		switch {
		case d.Pos.IsValid():
			b.WriteString(d.Pos.String())
			b.WriteString(": ")
		case d.Pos.File != "":
			b.WriteString(d.Pos.File)
			b.WriteString(": ")
		}
		if d.Severity == SeverityWarning {
			b.WriteString("warning: ")
		}
		b.WriteString(d.Text())
		b.WriteByte('\n')
		if src != nil && d.Pos.IsValid() {
			if line, ok := sourceLine(src(d.Pos.File), d.Pos.Line); ok {
				b.WriteString(line)
				b.WriteByte('\n')
				col := 1
				for _, r := range line {
					if col >= d.Pos.Col {
						break
					}
					if r == '\t' {
						b.WriteByte('\t')
					} else {
						b.WriteByte(' ')
					}
					col++
				}
				b.WriteString("^\n")
			}
		}
		if d.Hint != "" {
			b.WriteString("hint: ")
			b.WriteString(d.Hint)
			b.WriteByte('\n')
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}

// sourceLine returns the 1-based line n of src without its line break.
// Line breaks are \n, \r\n or a lone \r, as in the scanner.
func sourceLine(src []byte, n int) (string, bool) {
	if src == nil || n < 1 {
		return "", false
	}
	line := 1
	start := 0
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c != '\n' && c != '\r' {
			continue
		}
		if line == n {
			return validUTF8(src[start:i]), true
		}
		if c == '\r' && i+1 < len(src) && src[i+1] == '\n' {
			i++
		}
		line++
		start = i + 1
	}
	if line == n {
		return validUTF8(src[start:]), true
	}
	return "", false
}

func validUTF8(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return strings.ToValidUTF8(string(b), "\uFFFD")
}

// jsonDiagnostic is the wire form written by WriteJSON.
type jsonDiagnostic struct {
	Code      string `json:"code"`
	Severity  string `json:"severity"`
	Message   string `json:"message"`
	File      string `json:"file"`
	Line      int    `json:"line"`
	Column    int    `json:"column"`
	EndLine   int    `json:"end_line"`
	EndColumn int    `json:"end_column"`
	Hint      string `json:"hint"`
}

// WriteJSON writes one JSON object per line per diagnostic with the
// fields code, severity, message, file, line, column, end_line,
// end_column and hint. When End is unset it equals the start.
func (ds Diagnostics) WriteJSON(w io.Writer) error {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	for _, d := range ds {
		end := d.End
		if !end.IsValid() {
			end = d.Pos
		}
		sev := d.Severity
		if sev == "" {
			sev = SeverityError
		}
		if err := enc.Encode(jsonDiagnostic{
			Code: d.Code, Severity: sev, Message: d.Text(), File: d.Pos.File,
			Line: d.Pos.Line, Column: d.Pos.Col, EndLine: end.Line, EndColumn: end.Col,
			Hint: d.Hint,
		}); err != nil {
			return fmt.Errorf("encode diagnostic: %w", err)
		}
	}
	_, err := w.Write(b.Bytes())
	return err
}
