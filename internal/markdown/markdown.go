// Package markdown renders a letter's plain text as Markdown that Hugo
// renders as text only: paragraphs, line breaks, lists and tables, and
// nothing else. Every character that Markdown, GFM, Hugo's goldmark
// extensions or Hugo's shortcode parser could read as syntax is escaped,
// so a hostile letter shows its markup as text instead of running it.
//
// The input follows the text contract of the EDGAR readers: UTF-8, "\n"
// line ends, blocks separated by a blank line, a "\n" inside a block is a
// real line break, and data-table rows are lines of TAB-separated cells.
package markdown

import (
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// FromText renders text in the text contract as Markdown that Hugo
// renders as text only.
//
// Hard-wrapped prose paragraphs (1990s plain text) are reflowed into one
// line; blocks of short lines (letterhead, date, address, "Re:" block,
// signature) keep their line breaks as Markdown hard breaks; blocks that
// open with "1." become ordered-list items and blocks that open with
// "(a)", "(ii)" or "(3)" become bullet items keeping their label; runs of
// TAB-separated rows become tables.
func FromText(text string) string {
	var out []string
	var prev listState
	for _, block := range splitBlocks(sanitize(text)) {
		for _, part := range splitTables(block) {
			var md string
			if part.table {
				md, prev = renderTable(part.lines), listState{}
			} else {
				md, prev = renderBlock(part.lines, prev)
			}
			if md != "" {
				out = append(out, md)
			}
		}
	}
	if len(out) == 0 {
		return ""
	}
	return strings.Join(out, "\n\n") + "\n"
}

// sanitize makes any string safe to split into lines: valid UTF-8, "\n"
// line ends, no control characters but TAB and newline, and every other
// kind of space turned into a plain one.
func sanitize(s string) string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.TrimPrefix(s, "\uFEFF")
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		if c := s[i]; c >= 0x20 && c < 0x7f || c == '\n' || c == '\t' {
			b.WriteByte(c) // the common case, first
			i++
			continue
		}
		r, n := utf8.DecodeRuneInString(s[i:])
		i += n
		switch {
		case r == '\r':
			if i < len(s) && s[i] == '\n' {
				continue // the \n comes next
			}
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case r == '\f' || r == '\v' || r == '\u2028' || r == '\u2029':
			b.WriteString("\n\n") // page and paragraph breaks end a block
		case r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) || r == '\uFEFF':
			// C0/C1 controls and stray byte-order marks carry no text.
		case unicode.IsSpace(r) || unicode.Is(unicode.Zs, r):
			b.WriteByte(' ')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// splitBlocks splits text at blank lines; each block is its lines with
// trailing spaces removed (leading spaces stay until a block is rendered:
// table cells need them no more than prose does).
func splitBlocks(s string) [][]string {
	var blocks [][]string
	var cur []string
	for _, line := range strings.Split(s, "\n") {
		line = strings.TrimRight(line, " ")
		if strings.Trim(line, " \t") == "" {
			if len(cur) > 0 {
				blocks = append(blocks, cur)
				cur = nil
			}
			continue
		}
		cur = append(cur, line)
	}
	if len(cur) > 0 {
		blocks = append(blocks, cur)
	}
	return blocks
}

type part struct {
	lines []string
	table bool
}

// splitTables cuts a block into runs of TAB rows (tables) and runs of
// other lines.
func splitTables(block []string) []part {
	var parts []part
	for _, line := range block {
		isRow := strings.Contains(line, "\t")
		if n := len(parts); n > 0 && parts[n-1].table == isRow {
			parts[n-1].lines = append(parts[n-1].lines, line)
			continue
		}
		parts = append(parts, part{lines: []string{line}, table: isRow})
	}
	return parts
}

// listState remembers the ordered-list item just rendered, so that a
// numbering gap starts a new list (Markdown would renumber it otherwise).
type listState struct {
	ordered bool
	num     int
	delim   byte
}

var (
	orderedItem = regexp.MustCompile(`^([1-9][0-9]?)([.)])[ ]+(\S.*)$`)
	labelItem   = regexp.MustCompile(`^(\((?:[a-z]{1,2}|[ivxlcdm]{1,6}|[A-Z]|[IVXLCDM]{1,6}|[1-9][0-9]?)\))[ ]+(\S.*)$`)
)

// renderBlock renders one block of non-table lines.
func renderBlock(raw []string, prev listState) (string, listState) {
	lines := make([]string, 0, len(raw))
	for _, l := range raw {
		if l = collapseSpaces(l); l != "" && !(len(raw) > 1 && isRule(l)) {
			lines = append(lines, l)
		}
	}
	if len(lines) == 0 {
		return "", prev
	}
	var m []string
	if c := lines[0][0]; c >= '1' && c <= '9' {
		m = orderedItem.FindStringSubmatch(lines[0])
	}
	if m != nil {
		n, _ := strconv.Atoi(m[1])
		delim := byte('.')
		if prev.ordered {
			delim = prev.delim
			if n != prev.num+1 {
				// Switching the delimiter starts a new list, which
				// keeps this item's own number.
				delim = map[byte]byte{'.': ')', ')': '.'}[prev.delim]
			}
		}
		lines[0] = m[3]
		marker := m[1] + string(delim) + " "
		return marker + renderLines(lines, strings.Repeat(" ", len(marker))), listState{true, n, delim}
	}
	if lines[0][0] == '(' {
		m = labelItem.FindStringSubmatch(lines[0])
	}
	if m != nil {
		lines[0] = m[1] + " " + m[2]
		return "- " + renderLines(lines, "  "), listState{}
	}
	return renderLines(lines, ""), listState{}
}

// renderLines renders a paragraph: reflowed into one line when it is
// hard-wrapped prose, else one line per line with hard breaks. indent
// prefixes continuation lines (inside a list item).
func renderLines(lines []string, indent string) string {
	if isWrappedProse(lines) {
		return escapeLine(reflow(lines))
	}
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			b.WriteString("\\\n")
			b.WriteString(indent)
		}
		b.WriteString(escapeLine(l))
	}
	return b.String()
}

var subjectLine = regexp.MustCompile(`(?i)^\s*(re|subject)\s*:`)

// isWrappedProse tells hard-wrapped prose (lines filled to a margin of
// 50–100 columns, three in four lines but the last at 60% of the
// longest or more) from blocks of short lines such as an address, where
// each line break means something. A short block opening with "Re:" is
// the letter's subject lines, each its own item, however long.
func isWrappedProse(lines []string) bool {
	if len(lines) < 2 || len(lines) <= 6 && subjectLine.MatchString(lines[0]) {
		return false
	}
	longest := 0
	for _, l := range lines {
		longest = max(longest, utf8.RuneCountInString(l))
	}
	if longest < 50 || longest > 100 {
		return false
	}
	// Most lines but the last reach near the margin; a few may stop
	// short where a long word went to the next line.
	short := 0
	for _, l := range lines[:len(lines)-1] {
		if utf8.RuneCountInString(l)*10 < longest*6 {
			short++
		}
	}
	return short*4 <= len(lines)-1
}

// reflow joins wrapped lines into one; a word hyphenated across the break
// ("non-" / "assessable") keeps its hyphen and loses the space.
func reflow(lines []string) string {
	var b strings.Builder
	for i, l := range lines {
		if i > 0 {
			prev := lines[i-1]
			next, _ := utf8.DecodeRuneInString(l)
			if !(len(prev) >= 2 && prev[len(prev)-1] == '-' && isLetterBefore(prev) && unicode.IsLower(next)) {
				b.WriteByte(' ')
			}
		}
		b.WriteString(l)
	}
	return b.String()
}

func isLetterBefore(s string) bool {
	r, _ := utf8.DecodeLastRuneInString(s[:len(s)-1])
	return unicode.IsLetter(r)
}

// isRule reports a line drawn with dashes, underscores or equals signs
// (the line a signature goes on, a page-footer rule): in a block of lines
// it is decoration, and Markdown would read it as a heading underline.
func isRule(l string) bool {
	return len(l) >= 3 && strings.Trim(l, "-_= ") == ""
}

// collapseSpaces trims a line and makes each run of spaces one space.
func collapseSpaces(s string) string {
	s = strings.Trim(s, " ")
	if !strings.Contains(s, "  ") {
		return s
	}
	return strings.Join(strings.Fields(s), " ")
}

// renderTable renders TAB rows as a GFM table; the first row is the header
// (Markdown tables need one).
func renderTable(rows []string) string {
	var cells [][]string
	cols := 0
	empty := true
	for _, r := range rows {
		row := strings.Split(r, "\t")
		for i, c := range row {
			row[i] = escapeInline(collapseSpaces(c), false)
			if row[i] != "" {
				empty = false
			}
		}
		cols = max(cols, len(row))
		cells = append(cells, row)
	}
	if empty {
		return ""
	}
	var b strings.Builder
	writeRow := func(row []string) {
		b.WriteString("|")
		for i := range cols {
			c := ""
			if i < len(row) {
				c = row[i]
			}
			b.WriteString(" ")
			b.WriteString(c)
			if c != "" {
				b.WriteString(" ")
			}
			b.WriteString("|")
		}
	}
	writeRow(cells[0])
	b.WriteString("\n|")
	for range cols {
		b.WriteString(" --- |")
	}
	for _, row := range cells[1:] {
		b.WriteString("\n")
		writeRow(row)
	}
	return b.String()
}
