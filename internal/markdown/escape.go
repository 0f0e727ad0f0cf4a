package markdown

import "strings"

// alwaysEscaped are the characters that open Markdown or Hugo syntax
// anywhere in a line: backslash escapes, code spans, emphasis and
// strikethrough, links, images and footnotes, raw HTML and autolinks,
// entities, table cells, Hugo shortcodes and attributes ({{< >}},
// {{% %}}, {.class}), and e-mail autolinks (GFM linkify).
const alwaysEscaped = "\\`*_{}[]<>|~&@"

var escapedAlways = func() (t [256]bool) {
	for i := range len(alwaysEscaped) {
		t[alwaysEscaped[i]] = true
	}
	return t
}()

// lineStartEscaped open a block at the start of a line: headings, block
// quotes, bullet items, setext underlines and thematic breaks, and
// definition-list definitions.
const lineStartEscaped = "#>+-=:"

// escapeLine escapes one line of text that starts a Markdown line.
func escapeLine(s string) string { return escapeInline(s, true) }

// escapeInline backslash-escapes s so that it renders as exactly its own
// text. Every escaped character is ASCII punctuation, which CommonMark
// lets a backslash escape.
func escapeInline(s string, lineStart bool) string {
	var b strings.Builder
	b.Grow(len(s) + len(s)/8)
	start := 0
	if lineStart {
		// "1996. The" or "3) x" would start an ordered list.
		i := 0
		for i < len(s) && i < 10 && s[i] >= '0' && s[i] <= '9' {
			i++
		}
		if i > 0 && i < len(s) && (s[i] == '.' || s[i] == ')') {
			b.WriteString(s[:i])
			b.WriteByte('\\')
			b.WriteByte(s[i])
			start = i + 1
		} else if len(s) > 0 && strings.IndexByte(lineStartEscaped, s[0]) >= 0 {
			b.WriteByte('\\')
			b.WriteByte(s[0])
			start = 1
		}
	}
	for i := start; i < len(s); i++ {
		c := s[i]
		switch {
		case escapedAlways[c]:
			b.WriteByte('\\')
		case c == '-' && (i > 0 && s[i-1] == '-' || i+1 < len(s) && s[i+1] == '-'):
			// "--" and "---" would become typographer dashes.
			b.WriteByte('\\')
		case c == ':' && strings.HasPrefix(s[i+1:], "//"):
			// "http://x.com" would become a GFM autolink.
			b.WriteByte('\\')
		case c == '.' && i >= 3 && s[i-3:i] == "www":
			// So would "www.x.com".
			b.WriteByte('\\')
		}
		b.WriteByte(c)
	}
	return b.String()
}
