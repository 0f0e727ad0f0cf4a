package edgar

import (
	"bytes"
	"regexp"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Letters set their letterhead, inside address and signature as short
// lines, and EDGAR HTML gives each line its own <p>, <div> or table row.
// joinLineBlocks puts such a run back together as one block with a line
// per element, as the page shows it; space on the page between elements
// (a margin, a spacer paragraph) still separates blocks.

// maxAddressLine bounds the length of a line of a letterhead, address or
// signature block.
const maxAddressLine = 100

var (
	// lineMarkerRe: a block opening with a list marker is a list item.
	lineMarkerRe = regexp.MustCompile(`^(?:\(?[0-9]{1,3}[.)]|\([0-9A-Za-z]{1,7}\)|[IVX]{1,5}\.|[•·●▪◦■□*§])(?:\s|$)`)
	// reLineRe: the subject line opening a "Re:" block.
	reLineRe = regexp.MustCompile(`^(?i:re|subject)\s*[:.]?(?:\s|$)`)
	// reCellRe: a cell holding only "Re:".
	reCellRe = regexp.MustCompile(`^(?i:re|subject)\s*[:.]?$`)
	// standaloneRe: lines that are blocks of their own: the exhibit
	// caption, salutations, closings.
	standaloneRe = regexp.MustCompile(`^(?i:ex(?:hibit|\.|-)\s*[0-9]|dear\b|ladies and gentlemen|gentlemen\b|sirs\b|to whom\b|(?:very )?truly yours|yours (?:very )?(?:truly|faithfully|sincerely)|sincerely|faithfully yours|respectfully|cordially|(?:best |kind )?regards\b)`)
	// lineDateRe: a line that is a date ("June 1, 2015", "9 September 2022",
	// "Zurich, 9 September 2022").
	lineDateRe = regexp.MustCompile(`(?i)^(?:[\pL .'-]{1,30}, )?(?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? [0-9]{1,2},? [0-9]{4}|[0-9]{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?,? [0-9]{4})$`)
	// abbrevEndRe: a last word whose full stop is an abbreviation's
	// ("Inc.", "Corp.", "P.C.", "N.A."), not a sentence's.
	abbrevEndRe = regexp.MustCompile(`^(?:(?i:inc|corp|co|cos|ltd|ltda|plc|pty|bhd|esq|jr|sr|st|ave|blvd|rd|dr|ste|fl|pkwy|hwy|sq|bldg|no|bros|assn)\.|(?:[A-Za-z]\.){2,})$`)
)

// connectors are the lower-case words that names and addresses hold.
var connectors = map[string]bool{
	"of": true, "the": true, "and": true, "at": true, "for": true, "a": true, "an": true,
	"de": true, "la": true, "le": true, "du": true, "des": true, "van": true, "von": true,
	"der": true, "den": true, "di": true, "da": true, "y": true, "e": true, "c/o": true,
	"in": true, "on": true, "to": true, "und": true, "et": true,
}

// isAddressLine reports whether a line can be one line of a letterhead,
// address or signature block: short, not a list item, not ending a
// sentence or introducing what follows, not prose.
func isAddressLine(l string) bool {
	if l == "" || len(l) > 4*maxAddressLine || utf8.RuneCountInString(l) > maxAddressLine {
		return false
	}
	if strings.ContainsRune(l, '\t') || lineMarkerRe.MatchString(l) {
		return false
	}
	last, _ := utf8.DecodeLastRuneInString(l)
	switch last {
	case ':', ';', '?', '!':
		return false
	case '.':
		w := l[strings.LastIndexByte(l, ' ')+1:]
		if !abbrevEndRe.MatchString(w) {
			return false
		}
	}
	lower := 0
	for w := range strings.FieldsSeq(l) {
		r, _ := utf8.DecodeRuneInString(w)
		if unicode.IsLower(r) && !connectors[strings.Trim(w, ",")] {
			lower++
		}
	}
	return lower < 3
}

// lineKind classifies a block for joinLineBlocks.
type lineKind int

const (
	otherBlock lineKind = iota // prose, a list item, a table: never joined
	lineBlock                  // lines of an address, letterhead or signature
	standalone                 // a date, salutation, closing, caption: a block alone
	reBlock                    // a "Re:" block: later lines may join it
)

func kindOf(b block) lineKind {
	if b.pageBreak || b.text == "" || strings.ContainsRune(b.text, '\t') {
		return otherBlock
	}
	first := b.firstLine()
	if c := first[0] | 0x20; (c == 'r' || c == 's') && reLineRe.MatchString(first) {
		return reBlock
	}
	if len(first) > 4*maxAddressLine {
		return otherBlock // prose: spare it the tests below
	}
	if b.oneLine() && (standaloneRe.MatchString(first) || lineDateRe.MatchString(first)) {
		return standalone
	}
	for l := range strings.SplitSeq(b.text, "\n") {
		if !isAddressLine(l) {
			return otherBlock
		}
	}
	return lineBlock
}

// joinLineBlocks joins runs of blocks that are lines of one letterhead,
// address or signature block: consecutive line blocks written in the same
// sink (the document or one table cell) with no space between them become
// one block, a line each. The lines that follow a "Re:" block without
// space join it too.
func joinLineBlocks(blocks []block) []block {
	out := blocks[:0:0]
	var run []string // texts joining out's last block, itself first
	end := func() {
		if len(run) > 1 {
			out[len(out)-1].text = strings.Join(run, "\n")
		}
		run = run[:0]
	}
	prevKind := otherBlock
	for _, b := range blocks {
		k := kindOf(b)
		if n := len(out); n > 0 && k == lineBlock && !b.gap {
			prev := out[n-1]
			if prevKind == reBlock || (prevKind == lineBlock && prev.group != 0 && prev.group == b.group) {
				run = append(run, b.text)
				continue
			}
		}
		end()
		out = append(out, b)
		run = append(run, b.text)
		prevKind = k
	}
	end()
	return out
}

// margins reads a style attribute's margin-top and margin-bottom (also
// from the margin shorthand) and reports whether each is a visible gap,
// a few points or more, and whether its font-size is too small for an
// empty line of it to show as a blank line.
func margins(style []byte) (top, bottom, tiny bool) {
	for decl := range bytes.SplitSeq(style, []byte(";")) {
		name, val, ok := bytes.Cut(decl, []byte(":"))
		if !ok {
			continue
		}
		name = bytes.TrimSpace(name)
		v0, rest := nextField(val)
		if v0 == nil {
			continue
		}
		switch {
		case bytes.EqualFold(name, []byte("margin-top")):
			top = isGap(v0)
		case bytes.EqualFold(name, []byte("margin-bottom")):
			bottom = isGap(v0)
		case bytes.EqualFold(name, []byte("margin")):
			top, bottom = isGap(v0), isGap(v0)
			if _, rest = nextField(rest); rest != nil {
				if v2, _ := nextField(rest); v2 != nil {
					bottom = isGap(v2)
				}
			}
		case bytes.EqualFold(name, []byte("font-size")), bytes.EqualFold(name, []byte("line-height")):
			if pt, ok := cssPoints(v0); ok && pt < 6 {
				tiny = true
			}
		}
	}
	return top, bottom, tiny
}

// nextField splits the first space-separated field from s; nil when none.
func nextField(s []byte) (field, rest []byte) {
	s = bytes.TrimLeft(s, " \t\r\n\f")
	if len(s) == 0 {
		return nil, nil
	}
	i := bytes.IndexAny(s, " \t\r\n\f")
	if i < 0 {
		return s, nil
	}
	return s[:i], s[i:]
}

// units converts CSS lengths to points (em taken as 12pt).
var units = []struct {
	name string
	pt   float64
}{{"pt", 1}, {"px", 0.75}, {"em", 12}, {"rem", 12}, {"ex", 6}, {"in", 72}, {"cm", 28.35}, {"mm", 2.835}, {"pc", 12}}

// cssPoints reads a CSS length in points.
func cssPoints(v []byte) (float64, bool) {
	v = bytes.TrimSuffix(v, []byte("!important"))
	i := 0
	for i < len(v) && (v[i] >= '0' && v[i] <= '9' || v[i] == '.') {
		i++
	}
	if i == 0 || i > 12 {
		return 0, false
	}
	n, err := strconv.ParseFloat(string(v[:i]), 64)
	if err != nil {
		return 0, false
	}
	for _, u := range units {
		if bytes.EqualFold(v[i:], []byte(u.name)) {
			return n * u.pt, true
		}
	}
	return 0, false
}

// isGap reports whether a CSS length is 4pt or more.
func isGap(v []byte) bool {
	pt, ok := cssPoints(v)
	return ok && pt >= 4
}
