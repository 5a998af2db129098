package syntax

import "strings"

// dedent applies the heredoc rules of §2.5 to the parts of a `"""`
// literal (text already unescaped): drop one leading line break, take the
// indentation N of the last line, drop a whitespace-only last line, and
// strip up to N leading spaces/tabs from every line of literal text.
func dedent(parts []StringPart) []StringPart {
	out := make([]StringPart, len(parts))
	copy(out, parts)
	// 1. One line break right after the opening quotes.
	if len(out) > 0 && out[0].X == nil && strings.HasPrefix(out[0].Text, "\n") {
		out[0].Text = out[0].Text[1:]
	}
	// 2. The last line: text after the last line break of the literal.
	lastPart, lastIdx := -1, -1
	for i := len(out) - 1; i >= 0; i-- {
		if out[i].X == nil {
			if j := strings.LastIndexByte(out[i].Text, '\n'); j >= 0 {
				lastPart, lastIdx = i, j
				break
			}
		}
	}
	var lastLine string
	lastHasInterp := false
	if lastPart < 0 {
		// No line break: the whole literal is the last line.
		if len(out) > 0 && out[0].X == nil {
			lastLine = out[0].Text
		}
		lastHasInterp = len(out) > 1 || len(out) == 1 && out[0].X != nil
	} else {
		lastLine = out[lastPart].Text[lastIdx+1:]
		lastHasInterp = lastPart < len(out)-1
	}
	n := 0
	for n < len(lastLine) && (lastLine[n] == ' ' || lastLine[n] == '\t') {
		n++
	}
	if lastPart >= 0 && !lastHasInterp && n == len(lastLine) {
		out[lastPart].Text = out[lastPart].Text[:lastIdx]
	}
	if n == 0 {
		return dropEmpty(out)
	}
	// 3. Strip up to n blanks at the start of every line of literal text.
	atLineStart := true
	for i := range out {
		if out[i].X != nil {
			atLineStart = false
			continue
		}
		var b strings.Builder
		t := out[i].Text
		for len(t) > 0 {
			if atLineStart {
				k := 0
				for k < n && k < len(t) && (t[k] == ' ' || t[k] == '\t') {
					k++
				}
				t = t[k:]
				atLineStart = false
				continue
			}
			j := strings.IndexByte(t, '\n')
			if j < 0 {
				b.WriteString(t)
				break
			}
			b.WriteString(t[:j+1])
			t = t[j+1:]
			atLineStart = true
		}
		out[i].Text = b.String()
	}
	return dropEmpty(out)
}

func dropEmpty(parts []StringPart) []StringPart {
	out := parts[:0]
	for _, p := range parts {
		if p.X == nil && p.Text == "" {
			continue
		}
		out = append(out, p)
	}
	return out
}
