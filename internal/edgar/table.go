package edgar

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"
)

// listMarkerRe matches a cell that holds only a paragraph marker: "1.",
// "(a)", "(iv)", "A.", a bullet. EDGAR HTML often sets numbered opinions as
// a two-cell row, marker then text.
var listMarkerRe = regexp.MustCompile(`^(?:\(?[0-9]{1,3}[.)]|\(?[A-Za-z][.)]|\(?[ivxlcIVXLC]{1,7}[.)]|\([0-9A-Za-z]{1,7}\)|[0-9]{1,3}\.[0-9]{1,3}\.?|[•·●▪◦■□\-–—*§o])$`)

// maxDataCell bounds the text of a cell in a data table: longer cells are
// paragraphs, so the table is a layout table.
const maxDataCell = 200

// nonEmpty returns the filled cells of a row, each with its column.
func nonEmpty(row []cell) []cell {
	var ne []cell
	for i, c := range row {
		if c.text() != "" {
			c.col = i
			ne = append(ne, c)
		}
	}
	return ne
}

func isMarkerRow(ne []cell) bool {
	return len(ne) == 2 && listMarkerRe.MatchString(ne[0].text())
}

func simpleCell(c cell) bool {
	t := c.text()
	return len(c.blocks) <= 1 && len(t) <= maxDataCell && !strings.Contains(t, "/s/")
}

// renderTable turns a table into blocks: a data table (several rows with
// more than one filled cell, all short) becomes one block of TAB-separated
// rows; any other table is layout and is flattened into the blocks of its
// cells.
func renderTable(rows [][]cell) []block {
	var content [][]cell
	for _, r := range rows {
		if ne := nonEmpty(r); len(ne) > 0 {
			content = append(content, ne)
		}
	}
	if isDataTable(content) {
		var lines []string
		for _, ne := range content {
			cells := make([]string, len(ne))
			for i, c := range ne {
				cells[i] = c.text()
			}
			lines = append(lines, strings.Join(cells, "\t"))
		}
		return []block{{text: strings.Join(lines, "\n")}}
	}
	var out []block
	for i := 0; i < len(content); {
		ne := content[i]
		switch {
		case len(ne) >= 2 && reCellRe.MatchString(ne[0].text()):
			// "Re:" in a cell of its own, the subject beside it, perhaps
			// over several rows: one block, a line per line.
			j := i + 1
			for j < len(content) && content[j][0].col > ne[0].col && allLines(content[j]) {
				j++
			}
			out = append(out, reBlockOf(ne[0].text(), ne[1:], content[i+1:j]))
			i = j
		case isMarkerRow(ne):
			out = append(out, markerBlocks(ne[0].text(), ne[1].blocks)...)
			i++
		case len(ne) == 1:
			// Rows of one cell in one column (a letterhead or signature
			// set a line per row) are one sink to joinLineBlocks.
			for j := i; j < len(content) && len(content[j]) == 1 && content[j][0].col == ne[0].col; j++ {
				c := content[j][0]
				for _, b := range cellBlocks(c) {
					if b.group == c.sink { // not a nested table's
						b.group = ne[0].sink
					}
					out = append(out, b)
				}
				i = j + 1
			}
		default:
			// A run of side-by-side rows (signatures, letterhead columns)
			// reads column by column.
			j := i + 1
			for j < len(content) && len(content[j]) > 1 && !isMarkerRow(content[j]) {
				j++
			}
			if j-i == 1 {
				out = append(out, rowBlocks(ne)...)
			} else {
				out = append(out, columnBlocks(content[i:j])...)
			}
			i = j
		}
	}
	return out
}

// isDataTable decides whether a table holds data: at least two rows with
// several filled cells, all short, filling the same columns (a letterhead
// beside an office list fills them unevenly and is layout).
func isDataTable(content [][]cell) bool {
	multi := 0
	shapes := map[string]int{}
	for _, ne := range content {
		if len(ne) < 2 || isMarkerRow(ne) {
			continue
		}
		var shape strings.Builder
		for _, c := range ne {
			if !simpleCell(c) {
				return false
			}
			fmt.Fprintf(&shape, "%d,", c.col)
		}
		shapes[shape.String()]++
		multi++
	}
	most := 0
	for _, n := range shapes {
		most = max(most, n)
	}
	return multi >= 2 && 2*multi >= len(content) && 10*most >= 9*multi
}

func cellBlocks(c cell) []block {
	var out []block
	for _, b := range c.blocks {
		if !b.pageBreak && b.text != "" {
			out = append(out, b)
		}
	}
	return out
}

// allLines reports whether every cell of a row holds address-like lines
// (a subject continued), not prose or a salutation.
func allLines(ne []cell) bool {
	for _, c := range ne {
		for _, b := range cellBlocks(c) {
			if kindOf(b) != lineBlock {
				return false
			}
		}
	}
	return true
}

// reBlockOf renders a "Re:" cell, the cells beside it and the rows below
// them as one block: "Re: " and the subject's lines.
func reBlockOf(re string, beside []cell, below [][]cell) block {
	var lines []string
	for _, row := range append([][]cell{beside}, below...) {
		for _, c := range row {
			for _, b := range cellBlocks(c) {
				lines = append(lines, strings.Split(b.text, "\n")...)
			}
		}
	}
	if len(lines) == 0 {
		return block{text: re}
	}
	lines[0] = re + " " + lines[0]
	return block{text: strings.Join(lines, "\n")}
}

// markerBlocks puts a list marker at the start of the text that follows it.
func markerBlocks(marker string, blocks []block) []block {
	out := cellBlocks(cell{blocks: blocks})
	if len(out) == 0 {
		return []block{{text: marker}}
	}
	out[0] = block{text: marker + " " + out[0].text}
	return out
}

// rowBlocks renders one layout row: short one-line cells join into one
// line ("Re:" + subject), richer cells stay blocks of their own.
func rowBlocks(ne []cell) []block {
	simple := true
	for _, c := range ne {
		bs := cellBlocks(c)
		if len(bs) != 1 || !bs[0].oneLine() {
			simple = false
			break
		}
	}
	if simple {
		parts := make([]string, len(ne))
		for i, c := range ne {
			parts[i] = c.text()
		}
		return []block{{text: strings.Join(parts, " ")}}
	}
	var out []block
	for _, c := range ne {
		out = append(out, cellBlocks(c)...)
	}
	return out
}

// columnBlocks reads side-by-side rows column by column; consecutive
// one-line cells of a column become the lines of one block.
// A gap (a row with that column empty) ends the block.
func columnBlocks(rows [][]cell) []block {
	var cols []int
	seen := map[int]bool{}
	for _, r := range rows {
		for _, c := range r {
			if !seen[c.col] {
				seen[c.col] = true
				cols = append(cols, c.col)
			}
		}
	}
	slices.Sort(cols)
	var out []block
	for _, col := range cols {
		var lines []string
		endBlock := func() {
			if len(lines) > 0 {
				out = append(out, block{text: strings.Join(lines, "\n")})
				lines = nil
			}
		}
		for _, r := range rows {
			i := slices.IndexFunc(r, func(c cell) bool { return c.col == col })
			if i < 0 {
				endBlock()
				continue
			}
			bs := cellBlocks(r[i])
			if len(bs) == 1 {
				lines = append(lines, bs[0].text)
				continue
			}
			endBlock()
			out = append(out, bs...)
		}
		endBlock()
	}
	return out
}

// pageNumRe matches a page-number footer: "2", "- 2 -", "Page 2", "2 of 5", "2/8".
var pageNumRe = regexp.MustCompile(`^[-–—\s]*(?i:page\s*)?[0-9]{1,3}(?i:\s*(?:of|/)\s*[0-9]{1,3})?[-–—\s]*$`)

// pageRefRe matches the end of a running header: "... Page 2" (capitalised,
// unlike a sentence that ends "on page 2").
var pageRefRe = regexp.MustCompile(`(?:^|\s|-)(?:Page|PAGE)\s*[0-9]{1,3}(?:\s*(?:of|OF)\s*[0-9]{1,3})?$`)

// maxFurniture bounds the length of a block that may be a running header.
const maxFurniture = 160

// digitsToHash replaces each run of digits by "#", so that "Page 2" and
// "Page 3" compare equal.
func digitsToHash(s string) string {
	var b strings.Builder
	digits := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if '0' <= c && c <= '9' {
			if !digits {
				b.WriteByte('#')
			}
			digits = true
			continue
		}
		digits = false
		b.WriteByte(c)
	}
	return b.String()
}

// isPageRef is pageRefRe with a cheap test first.
func isPageRef(t string) bool {
	if t == "" || t[len(t)-1] < '0' || t[len(t)-1] > '9' || !(strings.Contains(t, "Page") || strings.Contains(t, "PAGE")) {
		return false
	}
	return pageRefRe.MatchString(t)
}

// isPageNumber is pageNumRe for a short line holding a digit.
func isPageNumber(t string) bool {
	return len(t) <= 20 && strings.ContainsAny(t, "0123456789") && pageNumRe.MatchString(t)
}

func blockText(b block) string { return strings.ReplaceAll(b.text, "\n", " ") }

// dropPageFurniture removes what the printed page adds to the letter:
// lone page numbers, and the running header ("Company / Date / Page 2")
// or a header repeated after several page breaks.
// A paragraph the page broke is mended: joined on one line when oneLine
// (HTML blocks), else by appending its lines (hard-wrapped text).
func dropPageFurniture(blocks []block, oneLine bool) []block {
	drop := make([]bool, len(blocks))
	for i, b := range blocks {
		if !b.pageBreak && b.oneLine() && isPageNumber(b.text) {
			drop[i] = true
		}
	}
	// Blocks that open a page after a break, up to a "Page N" line.
	var breaks []int
	for i, b := range blocks {
		if !b.pageBreak {
			continue
		}
		breaks = append(breaks, i)
		seen := 0
		for j := i + 1; j < len(blocks) && seen < 4; j++ {
			if blocks[j].pageBreak {
				break
			}
			t := blockText(blocks[j])
			if len(t) > maxFurniture {
				break
			}
			seen++
			if isPageRef(t) {
				for k := i + 1; k <= j; k++ {
					drop[k] = true
				}
				break
			}
		}
	}
	// Headers repeated at the top of two or more pages.
	if len(breaks) >= 2 {
		type top struct {
			j   int
			key string
		}
		tops := make([][]top, len(breaks))
		count := map[string]int{}
		for n, i := range breaks {
			keys := map[string]bool{}
			// A bounded walk: dropped page numbers are skipped, not counted.
			for j := i + 1; j < len(blocks) && j <= i+8 && len(tops[n]) < 3; j++ {
				if blocks[j].pageBreak {
					break
				}
				if drop[j] {
					continue
				}
				t := blockText(blocks[j])
				if len(t) > maxFurniture {
					break
				}
				k := digitsToHash(t)
				tops[n] = append(tops[n], top{j, k})
				if !keys[k] {
					keys[k] = true
					count[k]++
				}
			}
		}
		for _, ts := range tops {
			for _, t := range ts {
				if count[t.key] >= 2 {
					drop[t.j] = true
				}
			}
		}
	}
	// Footers repeated at the bottom of two or more pages.
	ends := append(breaks[:len(breaks):len(breaks)], len(blocks))
	if len(ends) >= 2 {
		count := map[string]int{}
		var cand [][]int
		for _, e := range ends {
			var js []int
			keys := map[string]bool{}
			for j := e - 1; j >= 0 && j >= e-8 && len(js) < 2; j-- {
				if blocks[j].pageBreak {
					break
				}
				if drop[j] {
					continue
				}
				t := blockText(blocks[j])
				if len(t) > maxFurniture {
					break
				}
				js = append(js, j)
				k := digitsToHash(t)
				if !keys[k] {
					keys[k] = true
					count[k]++
				}
			}
			cand = append(cand, js)
		}
		for _, js := range cand {
			for _, j := range js {
				if count[digitsToHash(blockText(blocks[j]))] >= 2 {
					drop[j] = true
				}
			}
		}
	}
	out := blocks[:0:0]
	broken := false // a page break since the last block kept
	for i, b := range blocks {
		if b.pageBreak {
			broken = true
			continue
		}
		if drop[i] {
			continue
		}
		if broken && len(out) > 0 && continuesParagraph(out[len(out)-1], b) {
			prev := &out[len(out)-1]
			if oneLine {
				prev.text += " " + b.text
			} else {
				prev.text += "\n" + b.text
			}
		} else {
			if broken {
				b.gap = true // lines on two pages are not one block
			}
			out = append(out, b)
		}
		broken = false
	}
	return out
}

// continuesParagraph reports whether next, the first block of a page,
// carries on the sentence prev, the last of the page before, broke off.
func continuesParagraph(prev, next block) bool {
	last := prev.lastLine()
	r, _ := utf8.DecodeLastRuneInString(last)
	if strings.ContainsRune(".:;!?)\"”’]*", r) {
		return false
	}
	f, _ := utf8.DecodeRuneInString(next.firstLine())
	return unicode.IsLower(f)
}
