package extract

import (
	"regexp"
	"strings"
	"unicode/utf8"
)

// Extractor reads letters. It holds the firm alias table; it is safe for
// concurrent use.
type Extractor struct {
	aliases map[string]string // firm key -> canonical name
}

// Extract reads a letter's text (the text contract of package edgar: "\n"
// line ends, blocks separated by one blank line, TAB-separated table cells)
// and returns what the letter says about itself. It does no I/O.
func (e *Extractor) Extract(text string) Metadata {
	d := newDoc(text)
	var m Metadata
	m.Exhibit = d.exhibit()
	m.Date = d.date()
	m.Addressee = d.addressee()
	m.Forms = d.forms()
	m.RegistrationNo = d.registrationNo()
	m.Issuer, m.IssuerState = d.issuer()
	m.Shares = d.shares()
	m.Securities = d.securities()
	m.Plans = d.plans()
	m.Jurisdictions = d.jurisdictions()
	e.firm(d, &m)
	return m
}

// doc is a letter split the ways the extractors read it.
type doc struct {
	blocks []string // normalized blocks, line breaks kept
	paras  []string // the same blocks as single lines, whitespace collapsed
	lparas []string // paras with ASCII letters lower-cased (same byte offsets)
	body   int      // index of the first block after the salutation (or first prose)
	op     int      // index of the block stating the opinion ("we are of the opinion"), or -1
	sig    int      // index of the block holding the complimentary close, or -1
}

// normalize maps typographic variants to one form so patterns stay simple:
// curly quotes to straight ones, dashes to "-", odd spaces to " ", CR LF to
// LF; zero-width characters and soft hyphens go.
func normalize(s string) string {
	clean := true
	for i := 0; i < len(s); i++ {
		if c := s[i]; c >= 0x80 || c == '\r' || c == '`' {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0x80 {
			switch c {
			case '\r':
				if i+1 < len(s) && s[i+1] == '\n' {
					i++
					continue
				}
				b.WriteByte('\n')
			case '`':
				b.WriteByte('\'')
			default:
				b.WriteByte(c)
			}
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch r {
		case '\u201c', '\u201d', '\u201e', '\u201f', '\u2033', '\u00ab', '\u00bb':
			b.WriteByte('"')
		case '\u2018', '\u2019', '\u201a', '\u201b', '\u2032':
			b.WriteByte('\'')
		case '\u2010', '\u2011', '\u2012', '\u2013', '\u2014', '\u2015', '\u2212', '\u2022', '\u25cf', '\u00b7':
			b.WriteByte('-')
		case '\u00a0', '\u2002', '\u2003', '\u2009', '\u202f', '\u2007', '\u3000':
			b.WriteByte(' ')
		case '\u200b', '\u200c', '\u200d', '\ufeff', '\u00ad':
		default:
			if r == utf8.RuneError && size == 1 {
				b.WriteString("\ufffd")
			} else {
				b.WriteString(s[i-size : i])
			}
		}
	}
	return b.String()
}

// Bounds that keep hostile input cheap: letters are a few KB, their longest
// paragraphs a few thousand bytes.
const (
	maxText  = 1 << 20
	maxBlock = 16 << 10
)

// cut returns s cut to at most n bytes, at a rune boundary.
func cut(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

// tail returns the last n bytes of s (or so, at a rune boundary): patterns
// anchored at the end of a prefix look only at its tail, so that scanning
// many matches in one paragraph stays linear.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	i := len(s) - n
	for i < len(s) && !utf8.RuneStart(s[i]) {
		i++
	}
	return s[i:]
}

func newDoc(text string) *doc {
	if len(text) > maxText {
		text = cut(text, maxText)
	}
	text = normalize(text)
	d := &doc{op: -1, sig: -1}
	for _, b := range strings.Split(text, "\n\n") {
		b = strings.Trim(b, "\n")
		if strings.TrimSpace(b) == "" {
			continue
		}
		if len(b) > maxBlock {
			b = cut(b, maxBlock)
		}
		d.blocks = append(d.blocks, b)
		p := collapse(b)
		d.paras = append(d.paras, p)
		d.lparas = append(d.lparas, lowerASCII(p))
	}
	d.body = d.findBody()
	for i := d.body; i < len(d.paras); i++ {
		lp := d.lparas[i]
		if (strings.Contains(lp, "opin") || strings.Contains(lp, "advise")) && containsAny(lp, opinionPhrases...) {
			d.op = i
			break
		}
	}
	for i := len(d.paras) - 1; i >= d.body && i >= 0; i-- {
		if closingRe.MatchString(d.paras[i]) {
			d.sig = i
			break
		}
	}
	return d
}

// lowerASCII lower-cases ASCII letters only, so byte offsets into the
// result are offsets into s: patterns run case-sensitively (and fast) on the
// lowered text and their matches index the original.
func lowerASCII(s string) string {
	i := 0
	for i < len(s) && !(s[i] >= 'A' && s[i] <= 'Z') {
		i++
	}
	if i == len(s) {
		return s
	}
	b := []byte(s)
	for ; i < len(b); i++ {
		if c := b[i]; c >= 'A' && c <= 'Z' {
			b[i] = c + 'a' - 'A'
		}
	}
	return string(b)
}

// containsAny reports whether s contains any of the words.
func containsAny(s string, words ...string) bool {
	for _, w := range words {
		if strings.Contains(s, w) {
			return true
		}
	}
	return false
}

// collapse joins a block's lines and cells into one line with single spaces.
func collapse(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := false
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == ' ' || c == '\n' || c == '\t' {
			space = true
			continue
		}
		if space && b.Len() > 0 {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
	}
	return b.String()
}

var (
	salutationRe = regexp.MustCompile(`^(?i:ladies|gentlemen|gentlepersons|dear\b|to whom|to the addressee|to the addressees|sirs|mesdames|madam)`)
	// opinionPhrases mark the paragraph that states the opinion.
	opinionPhrases = []string{"are of the opinion", "am of the opinion", "is our opinion", "is my opinion", "is our further opinion", "is the opinion of", "in our opinion", "in my opinion", "we advise you that", "following opinion", "are of opinion", "of the opinion that", "opine that", "we opine", "i opine"}
	closingRe      = regexp.MustCompile(`^(?i:very truly yours|yours very truly|yours truly|truly yours|sincerely(?: yours)?|respectfully(?: submitted| yours)?|yours sincerely|yours faithfully|faithfully yours|cordially(?: yours)?|best regards|kind regards|with kind regards|regards)\b[,.]?`)
)

// findBody returns the index of the first block of the letter's prose: the
// one after the salutation, or else the first long sentence-like block.
func (d *doc) findBody() int {
	limit := min(len(d.paras), 60)
	for i := 0; i < limit; i++ {
		if salutationRe.MatchString(d.paras[i]) && len(d.paras[i]) < 120 {
			return i + 1
		}
	}
	for i := 0; i < limit; i++ {
		p := d.paras[i]
		if len(p) > 200 && strings.Count(p, " ") > 30 && strings.ContainsAny(p, ".,") && hasProse(p) {
			return i
		}
	}
	return 0
}

// hasProse reports whether s reads as a sentence rather than a letterhead:
// it has common lower-case function words.
func hasProse(s string) bool {
	n := 0
	for _, w := range []string{" the ", " of ", " to ", " and ", " in ", " we ", " as "} {
		if strings.Contains(s, w) {
			n++
		}
	}
	return n >= 4
}

// header returns the paragraphs before the body.
func (d *doc) header() []string { return d.paras[:d.body] }

// intro returns the body paragraphs up to and including the opinion
// paragraph (or the first few when there is none): where a letter says whom
// it is for, what is registered and how much.
func (d *doc) intro() []string {
	end := d.op + 1
	if d.op < 0 {
		end = min(len(d.paras), d.body+6)
	}
	if end <= d.body {
		end = min(len(d.paras), d.body+1)
	}
	return d.paras[d.body:end]
}

// bodyRange returns the indices of the letter's prose paragraphs, from
// the body to the signature.
func (d *doc) bodyRange() (int, int) {
	end := len(d.paras)
	if d.sig >= 0 {
		end = d.sig
	}
	if end < d.body {
		end = len(d.paras)
	}
	return d.body, end
}

// sentences splits a paragraph at sentence ends, keeping abbreviations
// ("U.S.", "Inc.", "No.") and initials inside their sentence.
func sentences(p string) []string {
	var out []string
	for _, sp := range sentenceSpans(p) {
		out = append(out, p[sp[0]:sp[1]])
	}
	return out
}

// sentenceSpans returns the [start, end) of each sentence of p.
func sentenceSpans(p string) [][2]int {
	var out [][2]int
	start := 0
	for i := 0; i+2 < len(p); i++ {
		if p[i] != '.' || p[i+1] != ' ' {
			continue
		}
		next := p[i+2]
		if !(next >= 'A' && next <= 'Z' || next == '"' || next == '(' || next == '\'') {
			continue
		}
		// The word ending at i.
		j := i
		for j > start && p[j-1] != ' ' && p[j-1] != '(' {
			j--
		}
		w := p[j:i]
		if len(w) <= 1 || strings.Contains(w, ".") || abbrev[strings.ToLower(w)] {
			// "... Coyle, P.A. Our opinion is limited": an abbreviation
			// can end a sentence when a sentence opener follows.
			if !sentenceOpener[leadWord(p[i+2:])] || len(w) <= 1 {
				continue
			}
		}
		out = append(out, [2]int{start, i + 1})
		start = i + 2
	}
	if start < len(p) {
		out = append(out, [2]int{start, len(p)})
	}
	return out
}

// sentenceOpener are words that begin a sentence and never follow an
// abbreviation inside one.
var sentenceOpener = map[string]bool{
	"We": true, "Our": true, "This": true, "It": true, "Insofar": true, "Accordingly": true,
	"These": true, "Nothing": true, "Please": true, "Based": true, "In": true,
}

var abbrev = map[string]bool{
	"inc": true, "no": true, "nos": true, "co": true, "corp": true, "ltd": true, "mr": true, "mrs": true,
	"ms": true, "dr": true, "jr": true, "sr": true, "st": true, "sec": true, "secs": true, "art": true,
	"arts": true, "para": true, "vs": true, "seq": true, "cf": true, "esq": true, "messrs": true,
	"bros": true, "assoc": true, "dept": true, "ave": true, "blvd": true, "fig": true, "ch": true,
	"reg": true, "regs": true, "stat": true, "rev": true, "ann": true, "supp": true, "par": true, "pp": true,
	"vol": true, "cl": true, "ste": true, "hon": true, "gen": true, "prof": true, "sect": true,
}
