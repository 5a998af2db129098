package cluster

import (
	"io"

	"github.com/mesh-lang/mesh/cluster/continuity"
)

// Rendering of operator replies: the engine's golden-tested layouts
// (cluster-reference §6.5, §6.6).

// WriteJSON prints v as `--json` does (2-space indentation, sorted keys).
func WriteJSON(w io.Writer, v any) error {
	b, err := continuity.MarshalSnapshot(v)
	if err != nil {
		return err
	}
	_, err = w.Write(b)
	return err
}

// FormatStatus writes the human status view.
func FormatStatus(w io.Writer, s StatusReply) { io.WriteString(w, continuity.FormatHumanStatus(s)) }

// FormatContinuityList writes the human continuity list.
func FormatContinuityList(w io.Writer, l ContinuityListReply) {
	io.WriteString(w, continuity.FormatHumanList(l))
}

// FormatRecord writes one record (no target line, no payload hash).
func FormatRecord(w io.Writer, r ContinuityRecordReply) {
	io.WriteString(w, continuity.FormatHumanRecord(r))
}

// FormatDiagnostics writes the human diagnostics view.
func FormatDiagnostics(w io.Writer, d DiagnosticsReply) {
	io.WriteString(w, continuity.FormatHumanDiagnostics(d))
}
