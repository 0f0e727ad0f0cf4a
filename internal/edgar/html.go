package edgar

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/net/html"
)

// Bounds that keep hostile HTML cheap. Past maxElemDepth open elements the
// converter only counts, past maxTableDepth nested tables are read as plain
// blocks: real letters nest a handful of levels, so nothing real is lost.
const (
	maxElemDepth  = 512
	maxTableDepth = 16
	endTagSearch  = 64 // how far down the element stack an end tag may match
)

// HTMLToText renders an HTML exhibit as plain text in the text contract,
// which PlainText also writes and the extractor and Markdown renderer read:
//
//   - UTF-8, "\n" line ends, a final "\n" (or nothing for no text);
//   - blocks separated by exactly one blank line; inside a block "\n" is a
//     line break the letter has (<br>, address lines; hard wraps in text);
//   - each block element (<p>, <div> without block children, <li>, heading,
//     a row of a layout table) is one block on one line unless it has <br>s;
//   - except that a run of short lines set an element each (letterhead,
//     inside address, signature: no sentence end, no list marker, not
//     prose) is one block, a line per element, when the elements share a
//     sink (the document, one table cell, or a column of one-cell rows)
//     and the page shows no space between them (a margin of 4pt or more,
//     a spacer <p>&nbsp;</p>, a double <br>, a page break); dates,
//     salutations, closings and the "Exhibit 5.1" caption stay alone;
//   - a "Re:" block is one block, "Re: " then the subject's lines, whether
//     the subject sits beside "Re:" in a table cell (and rows below) or
//     follows in short lines with no space between;
//   - a data table (two or more rows filling the same several short cells)
//     is one block, a line per row, cells separated by one TAB; layout
//     tables are flattened into blocks (side-by-side columns, such as two
//     signature blocks, read column by column);
//   - a list marker set in its own cell ("1.", "(a)", "•") starts its block;
//   - whitespace collapsed, lines trimmed, smart quotes kept as Unicode;
//   - page furniture dropped: lone page numbers ("2", "- 2 -", "2/8"),
//     running headers after a page break ending "Page N", blocks repeated
//     at the top or bottom of two or more pages, elements whose class marks
//     them page header/footer/number; a paragraph a page break cut is
//     joined again.
//
// Scripts, styles, <head>, comments, images, form controls and hidden
// elements give no text. It streams tokens and never recurses: cost is
// linear in the input and memory bounded by it, whatever the nesting.
func HTMLToText(s string) (string, error) {
	c := newConverter()
	z := html.NewTokenizer(strings.NewReader(s))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			c.flushSup()
			if err := z.Err(); !errors.Is(err, io.EOF) {
				return c.finish(), fmt.Errorf("html: %w", err)
			}
			return c.finish(), nil
		case html.TextToken:
			c.text(z.Text())
		case html.StartTagToken, html.SelfClosingTagToken:
			name, hasAttr := z.TagName()
			var a tagAttrs
			for hasAttr {
				var k, v []byte
				k, v, hasAttr = z.TagAttr()
				a.add(k, v, &c.scratch)
			}
			c.start(tagName(name), a, tt == html.SelfClosingTagToken)
		case html.EndTagToken:
			name, _ := z.TagName()
			c.end(tagName(name))
		}
		// Comments and doctypes carry nothing a reader sees.
	}
}

// block is one paragraph of output, its lines joined by "\n", or a
// page-break marker. One string per block keeps a flood of tiny blocks
// cheap.
type block struct {
	text      string
	pageBreak bool
	// gap: the page shows space above the block (a margin, a spacer
	// paragraph, a double <br>), so it does not run on from the one before.
	gap bool
	// group is the id of the sink (document or table cell) the block was
	// written in; 0 for blocks made from several cells or rows, which
	// joinLineBlocks leaves alone.
	group int
}

// firstLine and lastLine are a block's first and last lines.
func (b block) firstLine() string {
	if i := strings.IndexByte(b.text, '\n'); i >= 0 {
		return b.text[:i]
	}
	return b.text
}

func (b block) lastLine() string { return b.text[strings.LastIndexByte(b.text, '\n')+1:] }

func (b block) oneLine() bool { return strings.IndexByte(b.text, '\n') < 0 }

// sink collects blocks; the document has one and each open table cell one.
type sink struct {
	id     int // block.group of the blocks written here
	blocks []block
	lines  []string
	line   strings.Builder
	space  bool // a space is pending before the next visible rune
	gap    bool // the next block has space above it
	// visible counts the visible runs written, blanks the no-break spaces
	// and <br>s: an element in which blanks grew but visible did not is a
	// spacer paragraph (<p>&nbsp;</p>), a blank line on the page.
	visible, blanks int
}

func (s *sink) write(t []byte, pre bool) {
	for len(t) > 0 {
		// Fast paths: runs of visible ASCII, and ASCII spaces.
		if c := t[0]; c > ' ' && c < 0x7f {
			i := 1
			for i < len(t) && t[i] > ' ' && t[i] < 0x7f {
				i++
			}
			if s.space {
				s.line.WriteByte(' ')
				s.space = false
			}
			s.visible++
			s.line.Write(t[:i])
			t = t[i:]
			continue
		} else if c == ' ' || c == '\t' || c == '\r' || c == '\f' || (c == '\n' && !pre) {
			if s.line.Len() > 0 {
				s.space = true
			}
			t = t[1:]
			continue
		}
		r, n := utf8.DecodeRune(t)
		t = t[n:]
		switch {
		case r == '\n' && pre:
			s.br()
		case r == utf8.RuneError && n == 1:
			s.rune('\uFFFD')
		case unicode.IsSpace(r) || r == '\u00a0':
			if r == '\u00a0' {
				s.blanks++
			}
			if s.line.Len() > 0 {
				s.space = true
			}
		case r == '\u00ad', r == '\u200b', r == '\ufeff':
			// Soft hyphens and zero-width characters are invisible.
		case r == 0, unicode.IsControl(r):
			// NULs and control characters show nothing, but they part what
			// stands around them: "<\x04script" must not become "<script".
			if s.line.Len() > 0 {
				s.space = true
			}
		default:
			s.rune(r)
		}
	}
}

func (s *sink) rune(r rune) {
	s.visible++
	if s.space {
		s.line.WriteByte(' ')
		s.space = false
	}
	s.line.WriteRune(r)
}

// br ends the current line; a second <br> in a row ends the block.
func (s *sink) br() {
	s.space = false
	s.blanks++
	if s.line.Len() == 0 {
		if len(s.lines) > 0 {
			s.flush()
			s.gap = true
		}
		return
	}
	s.lines = append(s.lines, s.line.String())
	s.line.Reset()
}

// flush ends the current block.
func (s *sink) flush() {
	s.space = false
	if s.line.Len() > 0 {
		s.lines = append(s.lines, s.line.String())
		s.line.Reset()
	}
	if len(s.lines) > 0 {
		s.blocks = append(s.blocks, block{text: strings.Join(s.lines, "\n"), gap: s.gap, group: s.id})
		s.lines = s.lines[:0]
		s.gap = false
	}
}

func (s *sink) pageBreak() {
	s.flush()
	s.blocks = append(s.blocks, block{pageBreak: true})
}

type cell struct {
	blocks []block
	col    int // column in its row, counting empty cells
	sink   int // the id of the sink the cell was written in
}

func (c cell) text() string {
	var b strings.Builder
	if len(c.blocks) == 1 && c.blocks[0].oneLine() {
		return c.blocks[0].text
	}
	for _, bl := range c.blocks {
		if bl.text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(strings.ReplaceAll(bl.text, "\n", " "))
	}
	return b.String()
}

type table struct {
	rows     [][]cell
	inRow    bool
	cellOpen bool
	gap      bool // space above the table
}

type elem struct {
	name   string
	hidden bool
	pre    bool
	list   *list
	// For block elements: the sink they write in and its counters at the
	// start (a spacer shows no text), and whether a margin follows them.
	sink            *sink
	visible, blanks int
	gapAfter, tiny  bool
}

type list struct {
	ordered bool
	n       int
}

type converter struct {
	sinks      []*sink
	tables     []*table
	tableExtra int // nested tables past maxTableDepth, read as blocks
	stack      []elem
	overflow   int // open elements past maxElemDepth
	hidden     int
	pre        int
	lists      []*list
	rawSkip    string // raw-text element whose content is dropped
	scratch    []byte // reused by tagAttrs.add
	inHead     bool
	sinkIDs    int // the last sink id given
	// inSup and supText hold a <sup>'s text until its end tag: a
	// footnote mark ("1", "*", "(2)") is dropped, so that
	// "1,250,000<sup>1</sup> shares" does not read as 12,500,001.
	inSup   bool
	supText []byte
}

func newConverter() *converter {
	return &converter{sinks: []*sink{{id: 1}}, sinkIDs: 1}
}

func (c *converter) cur() *sink { return c.sinks[len(c.sinks)-1] }

var blockTags = map[string]bool{
	"address": true, "article": true, "aside": true, "blockquote": true, "body": true,
	"caption": true, "center": true, "dd": true, "dir": true, "div": true, "dl": true,
	"dt": true, "fieldset": true, "figcaption": true, "figure": true, "footer": true,
	"form": true, "h1": true, "h2": true, "h3": true, "h4": true, "h5": true, "h6": true,
	"header": true, "hr": true, "html": true, "legend": true, "li": true, "main": true,
	"menu": true, "nav": true, "ol": true, "p": true, "pre": true, "section": true,
	"table": true, "tbody": true, "td": true, "tfoot": true, "th": true, "thead": true,
	"tr": true, "ul": true, "page": true,
}

// rawDropped are the elements whose text content is never shown.
var rawDropped = map[string]bool{
	"script": true, "style": true, "title": true, "textarea": true, "noscript": true,
	"iframe": true, "noembed": true, "noframes": true, "xmp": true, "plaintext": true,
	"template": true,
}

// droppedTags hide their whole subtree: form controls and embedded objects.
var droppedTags = map[string]bool{
	"select": true, "button": true, "option": true, "object": true, "embed": true,
	"applet": true, "svg": true, "math": true, "map": true, "datalist": true,
	"canvas": true, "audio": true, "video": true,
}

var voidTags = map[string]bool{
	"area": true, "base": true, "br": true, "col": true, "embed": true, "hr": true,
	"img": true, "input": true, "keygen": true, "link": true, "meta": true,
	"param": true, "source": true, "track": true, "wbr": true, "basefont": true,
	"frame": true, "isindex": true, "spacer": true,
}

// tagAttrs is what a tag's attributes tell the converter.
type tagAttrs struct {
	hidden    bool // hidden attribute, display:none, visibility:hidden, page furniture class
	pageBreak bool // a CSS page break before or after
	// A margin of a few points or more above or below the element: it
	// stands apart from its neighbours.
	gapBefore, gapAfter bool
	tiny                bool // a font too small for an empty line to show
	// style is the raw style attribute, read for block elements only; it
	// points into the tokenizer's buffer, valid until its next token.
	style []byte
}

// add reads one attribute; scratch is reused for the squeezed style.
func (a *tagAttrs) add(key, val []byte, scratch *[]byte) {
	switch string(key) { // the tokenizer lower-cases keys
	case "hidden":
		a.hidden = true
	case "class":
		// Filing agents mark page furniture: class="BRPFPageFooter", "BRPFPageNumber".
		l := bytes.ToLower(val)
		if bytes.Contains(l, []byte("pageheader")) || bytes.Contains(l, []byte("pagefooter")) || bytes.Contains(l, []byte("pagenumber")) {
			a.hidden = true
		}
	case "style":
		// Lower-case the style without its spaces: "Display : NONE" -> "display:none".
		b := (*scratch)[:0]
		for _, c := range val {
			switch {
			case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f':
			case 'A' <= c && c <= 'Z':
				b = append(b, c+'a'-'A')
			default:
				b = append(b, c)
			}
		}
		*scratch = b
		has := func(p string) bool { return bytes.Contains(b, []byte(p)) }
		if has("display:none") || has("visibility:hidden") {
			a.hidden = true
		}
		if has("page-break-before:always") || has("page-break-after:always") ||
			has("break-before:page") || has("break-after:page") {
			a.pageBreak = true
		}
		if has("margin") || has("font-size") || has("line-height") {
			a.style = val
		}
	}
}

// tagName interns the common tag names, saving an allocation per tag.
func tagName(b []byte) string {
	if n, ok := knownTags[string(b)]; ok {
		return n
	}
	return string(b)
}

var knownTags = func() map[string]string {
	m := map[string]string{}
	for _, set := range []map[string]bool{blockTags, rawDropped, droppedTags, voidTags} {
		for k := range set {
			m[k] = k
		}
	}
	for _, k := range []string{"b", "i", "u", "font", "span", "a", "sup", "sub", "strong", "em", "small", "big", "head", "listing"} {
		m[k] = k
	}
	return m
}()

func (c *converter) text(t []byte) {
	if c.rawSkip != "" || c.hidden > 0 || c.inHead {
		return
	}
	if c.inSup {
		c.supText = append(c.supText, t...)
		if len(c.supText) > maxFootnoteMark {
			c.flushSup() // too long for a mark: ordinary text
		}
		return
	}
	c.cur().write(t, c.pre > 0)
}

// maxFootnoteMark is the longest <sup> text taken for a footnote mark.
const maxFootnoteMark = 8

// flushSup writes a held <sup> text as ordinary text.
func (c *converter) flushSup() {
	if !c.inSup {
		return
	}
	c.inSup = false
	if len(c.supText) > 0 {
		c.cur().write(c.supText, c.pre > 0)
	}
	c.supText = c.supText[:0]
}

// isFootnoteMark reports whether a <sup>'s text is a footnote mark:
// digits, symbols and brackets only ("1", "*", "(2)", "†"), not an
// ordinal's "st" or "th".
func isFootnoteMark(t []byte) bool {
	t = bytes.TrimSpace(t)
	if len(t) == 0 {
		return false
	}
	for _, r := range string(t) {
		if !(unicode.IsDigit(r) || strings.ContainsRune("*†‡§¶#()[]", r)) {
			return false
		}
	}
	return true
}

func (c *converter) start(name string, attrs tagAttrs, selfClosing bool) {
	if c.rawSkip != "" {
		return // the tokenizer gives raw text, but be safe
	}
	if c.inSup && (blockTags[name] || name == "br" || name == "sup") {
		c.flushSup() // a mark holds no block: read it as text
	}
	if name == "sup" && !selfClosing && c.hidden == 0 && !c.inHead {
		c.inSup = true
	}
	if rawDropped[name] {
		if !selfClosing {
			c.rawSkip = name
		}
		return
	}
	if c.inHead {
		switch name {
		case "meta", "link", "base", "basefont", "bgsound":
			return
		}
		c.inHead = false // a body element: the head is over, as browsers decide
	}
	if name == "head" {
		if !selfClosing {
			c.inHead = true
		}
		return
	}
	if blockTags[name] {
		c.implyEnds(name)
		if attrs.style != nil {
			attrs.gapBefore, attrs.gapAfter, attrs.tiny = margins(attrs.style)
		}
	}
	if c.hidden == 0 {
		c.startVisible(name, attrs)
	}
	if voidTags[name] || selfClosing {
		if !voidTags[name] && blockTags[name] && c.hidden == 0 {
			c.endVisible(name)
		}
		return
	}
	e := elem{name: name}
	if blockTags[name] {
		s := c.cur()
		e.sink, e.visible, e.blanks, e.gapAfter, e.tiny = s, s.visible, s.blanks, attrs.gapAfter, attrs.tiny
	}
	if droppedTags[name] || attrs.hidden {
		e.hidden = true
	}
	if name == "pre" || name == "listing" {
		e.pre = true
	}
	if name == "ol" || name == "ul" || name == "dir" || name == "menu" {
		e.list = &list{ordered: name == "ol"}
	}
	c.push(e)
}

func (c *converter) push(e elem) {
	if len(c.stack) >= maxElemDepth {
		c.overflow++
		return
	}
	c.stack = append(c.stack, e)
	if e.hidden {
		c.hidden++
	}
	if e.pre {
		c.pre++
	}
	if e.list != nil {
		c.lists = append(c.lists, e.list)
	}
}

func (c *converter) popTop() {
	e := c.stack[len(c.stack)-1]
	c.stack = c.stack[:len(c.stack)-1]
	if s := e.sink; s != nil && s == c.cur() && c.hidden == 0 {
		spacer := s.visible == e.visible && s.blanks > e.blanks && !e.tiny
		if spacer || e.gapAfter {
			s.flush()
			s.gap = true
		}
	}
	if e.hidden {
		c.hidden--
	}
	if e.pre {
		c.pre--
	}
	if e.list != nil {
		c.lists = c.lists[:len(c.lists)-1]
	}
}

// popTo closes the nearest open element called name, and those above it.
func (c *converter) popTo(name string) bool {
	for i := len(c.stack) - 1; i >= 0 && i >= len(c.stack)-endTagSearch; i-- {
		if c.stack[i].name == name {
			for len(c.stack) > i {
				c.popTop()
			}
			return true
		}
	}
	return false
}

// implyEnds closes what HTML's optional end tags leave open, so unclosed
// <p>, <li> and <td> do not pile up on the stack.
func (c *converter) implyEnds(name string) {
	if c.overflow > 0 {
		return
	}
	top := func() string {
		if len(c.stack) == 0 {
			return ""
		}
		return c.stack[len(c.stack)-1].name
	}
	for top() == "p" {
		c.popTop()
	}
	switch name {
	case "li":
		for top() == "li" {
			c.popTop()
		}
	case "dt", "dd":
		for top() == "dt" || top() == "dd" {
			c.popTop()
		}
	case "td", "th":
		for top() == "td" || top() == "th" {
			c.popTop()
		}
	case "tr":
		for top() == "td" || top() == "th" || top() == "tr" {
			c.popTop()
		}
	}
}

func (c *converter) startVisible(name string, attrs tagAttrs) {
	if attrs.pageBreak && len(c.tables) == 0 {
		c.cur().pageBreak()
	}
	switch name {
	case "br":
		c.cur().br()
		return
	case "hr", "page": // <PAGE> survives in some early HTML filings
		if len(c.tables) == 0 {
			c.cur().pageBreak()
		} else {
			c.cur().flush()
		}
		return
	case "table":
		s := c.cur()
		s.flush()
		if len(c.tables) >= maxTableDepth {
			c.tableExtra++
			return
		}
		c.tables = append(c.tables, &table{gap: s.gap || attrs.gapBefore})
		s.gap = false
		return
	case "tr":
		if t := c.table(); t != nil {
			c.closeCell(t)
			t.rows = append(t.rows, nil)
			t.inRow = true
			return
		}
	case "td", "th":
		if t := c.table(); t != nil {
			c.closeCell(t)
			if !t.inRow {
				t.rows = append(t.rows, nil)
				t.inRow = true
			}
			c.sinkIDs++
			c.sinks = append(c.sinks, &sink{id: c.sinkIDs})
			t.cellOpen = true
			return
		}
	case "li":
		c.cur().flush()
		if n := len(c.lists); n > 0 && c.lists[n-1].ordered {
			l := c.lists[n-1]
			l.n++
			c.cur().write(fmt.Appendf(nil, "%d. ", l.n), false)
		}
		return
	case "img", "input":
		return
	}
	if blockTags[name] {
		c.cur().flush()
		if attrs.gapBefore {
			c.cur().gap = true
		}
	}
}

// table is the innermost table being read, or nil.
func (c *converter) table() *table {
	if c.tableExtra > 0 || len(c.tables) == 0 {
		return nil
	}
	return c.tables[len(c.tables)-1]
}

func (c *converter) closeCell(t *table) {
	if !t.cellOpen {
		return
	}
	s := c.cur()
	s.flush()
	c.sinks = c.sinks[:len(c.sinks)-1]
	t.cellOpen = false
	row := &t.rows[len(t.rows)-1]
	*row = append(*row, cell{blocks: s.blocks, sink: s.id})
}

func (c *converter) end(name string) {
	if c.rawSkip != "" {
		if name == c.rawSkip {
			c.rawSkip = ""
		}
		return
	}
	if name == "sup" && c.inSup {
		if isFootnoteMark(c.supText) {
			c.inSup = false
			c.supText = c.supText[:0]
		} else {
			c.flushSup()
		}
	} else if c.inSup && blockTags[name] {
		c.flushSup()
	}
	if name == "head" {
		c.inHead = false
		return
	}
	if c.inHead {
		return
	}
	if c.overflow > 0 {
		c.overflow--
	} else {
		c.popTo(name)
	}
	if c.hidden == 0 {
		c.endVisible(name)
	}
}

func (c *converter) endVisible(name string) {
	switch name {
	case "table":
		if c.tableExtra > 0 {
			c.tableExtra--
			c.cur().flush()
			return
		}
		if len(c.tables) == 0 {
			c.cur().flush()
			return
		}
		c.closeTable()
		return
	case "tr":
		if t := c.table(); t != nil {
			c.closeCell(t)
			t.inRow = false
			return
		}
	case "td", "th":
		if t := c.table(); t != nil {
			c.closeCell(t)
			return
		}
	}
	if blockTags[name] {
		c.cur().flush()
	}
}

func (c *converter) closeTable() {
	t := c.tables[len(c.tables)-1]
	c.closeCell(t)
	c.tables = c.tables[:len(c.tables)-1]
	s := c.cur()
	s.flush()
	bs := renderTable(t.rows)
	if len(bs) > 0 && t.gap {
		bs[0].gap = true
	}
	s.blocks = append(s.blocks, bs...)
}

func (c *converter) finish() string {
	for len(c.tables) > 0 {
		c.tableExtra = 0
		c.closeTable()
	}
	for len(c.sinks) > 1 { // cells left open by a broken table
		c.sinks = c.sinks[:len(c.sinks)-1]
	}
	s := c.cur()
	s.flush()
	return joinBlocks(joinLineBlocks(dropPageFurniture(s.blocks, true)))
}

func joinBlocks(blocks []block) string {
	var b strings.Builder
	for _, bl := range blocks {
		if bl.pageBreak || bl.text == "" {
			continue
		}
		if b.Len() > 0 {
			b.WriteString("\n\n")
		}
		b.WriteString(bl.text)
	}
	if b.Len() > 0 {
		b.WriteByte('\n')
	}
	return b.String()
}
