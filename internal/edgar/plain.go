package edgar

import (
	"regexp"
	"strings"
	"unicode"
)

// pageMarkerRe matches EDGAR's <PAGE> marker line, sometimes with a number.
var pageMarkerRe = regexp.MustCompile(`(?i)^<PAGE>\s*[0-9]*$`)

// sgmlLineRe matches the lines of EDGAR's 1990s table markup in text
// documents (<TABLE>, <CAPTION>, <FN> and their ends), which carry no text.
var sgmlLineRe = regexp.MustCompile(`(?i)^</?(?:TABLE|CAPTION|FN)>$`)

// sgmlCellRe matches the column markers of that markup: <S>, <C>, <F1>.
var sgmlCellRe = regexp.MustCompile(`(?i)<(?:S|C|F[0-9]{1,2})>`)

// hasSGMLCell is a fast test for sgmlCellRe.
func hasSGMLCell(line string) bool {
	for i := strings.IndexByte(line, '<'); i >= 0 && i+2 < len(line); {
		switch line[i+1] {
		case 'S', 's', 'C', 'c', 'F', 'f':
			return sgmlCellRe.MatchString(line[i:])
		}
		j := strings.IndexByte(line[i+1:], '<')
		if j < 0 {
			break
		}
		i += 1 + j
	}
	return false
}

// columnGapRe splits a line of a text table: three or more spaces.
var columnGapRe = regexp.MustCompile(` {3,}`)

var spacesRe = regexp.MustCompile(` {2,}`)

func collapseSpaces(s string) string {
	if !strings.Contains(s, "  ") {
		return s
	}
	return spacesRe.ReplaceAllString(s, " ")
}

// PlainText normalises a plain-text exhibit to the text contract: LF line
// ends; form feeds and <PAGE> markers gone, with the page numbers and
// running headers around them; tabs expanded; lines trimmed and inner
// spaces collapsed; runs of lines split by wide gaps (a text table) written
// as TAB-separated cells; one blank line between blocks. Hard-wrapped lines
// stay as they are: the Markdown renderer reflows them.
func PlainText(s string) string {
	s = clean(s)
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")

	var blocks []block
	var cur []string
	var rows [][]string // the current block's lines split at wide gaps, nil if none
	flush := func() {
		if len(cur) > 0 {
			blocks = append(blocks, block{text: strings.Join(tableLines(cur, rows), "\n")})
		}
		cur, rows = nil, nil
	}
	for line := range strings.SplitSeq(s, "\n") {
		if strings.ContainsRune(line, '\f') {
			flush()
			blocks = append(blocks, block{pageBreak: true})
			line = strings.ReplaceAll(line, "\f", "")
		}
		line = strings.TrimSpace(expandTabs(line))
		if strings.HasPrefix(line, "<") && pageMarkerRe.MatchString(line) {
			flush()
			blocks = append(blocks, block{pageBreak: true})
			continue
		}
		if strings.HasPrefix(line, "<") && sgmlLineRe.MatchString(line) {
			continue
		}
		if hasSGMLCell(line) {
			line = strings.TrimSpace(sgmlCellRe.ReplaceAllString(line, "   "))
			if line == "" {
				continue
			}
		}
		line = strings.Map(func(r rune) rune {
			if r == '\u00a0' {
				return ' '
			}
			if unicode.IsControl(r) || r == '\ufeff' || r == '\u200b' {
				return -1
			}
			return r
		}, line)
		line = strings.TrimSpace(line)
		if line == "" {
			flush()
			continue
		}
		cur = append(cur, line)
		if strings.Contains(line, "   ") {
			rows = append(rows, columnGapRe.Split(line, -1))
		} else {
			rows = append(rows, nil)
		}
	}
	flush()
	blocks = dropGluedPageNumbers(blocks)
	return joinBlocks(dropPageFurniture(blocks, false))
}

// tableLines collapses inner spaces, except in runs of two or more lines
// that each split into cells at wide gaps: those become TAB-separated rows.
func tableLines(lines []string, rows [][]string) []string {
	out := make([]string, len(lines))
	for i := 0; i < len(lines); {
		j := i
		for j < len(lines) && len(rows[j]) > 1 {
			j++
		}
		if j-i >= 2 {
			for k := i; k < j; k++ {
				cells := rows[k]
				for c := range cells {
					cells[c] = collapseSpaces(cells[c])
				}
				out[k] = strings.Join(cells, "\t")
			}
			i = j
			continue
		}
		out[i] = collapseSpaces(lines[i])
		i++
	}
	return out
}

// dropGluedPageNumbers removes a page number written on the last line
// before a page break, or the first after one, without a blank line.
func dropGluedPageNumbers(blocks []block) []block {
	trim := func(b *block, last bool) {
		if b.oneLine() {
			return
		}
		if l := b.lastLine(); last && isPageNumber(l) {
			b.text = b.text[:len(b.text)-len(l)-1]
		} else if f := b.firstLine(); !last && isPageNumber(f) {
			b.text = b.text[len(f)+1:]
		}
	}
	for i := range blocks {
		if !blocks[i].pageBreak {
			continue
		}
		if i > 0 && !blocks[i-1].pageBreak {
			trim(&blocks[i-1], true)
		}
		if i+1 < len(blocks) && !blocks[i+1].pageBreak {
			trim(&blocks[i+1], false)
		}
	}
	return blocks
}

// expandTabs replaces tabs by spaces to the next multiple of 8 columns.
func expandTabs(line string) string {
	if !strings.ContainsRune(line, '\t') {
		return line
	}
	var b strings.Builder
	col := 0
	for _, r := range line {
		if r == '\t' {
			n := 8 - col%8
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}
