package index

import (
	"html"
	"regexp"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
)

var (
	analyzersOnce sync.Once
	enAnalyzer    analysis.Analyzer
)

// textAnalyzer is the analyzer of title and body, for marking snippets.
func textAnalyzer() analysis.Analyzer {
	analyzersOnce.Do(func() {
		m := newMapping()
		enAnalyzer = m.AnalyzerNamed(aText)
	})
	return enAnalyzer
}

// marker decides which words of a text to mark: those whose analyzed form
// the query looks for.
type marker struct {
	terms    map[string]bool
	prefixes []string
	res      []*regexp.Regexp
	fuzzy    []fuzzyTerm
	heads    map[string]bool // of terms; set by prepare
}

// prepare finishes the marker; after it, it is only read, by any number
// of goroutines.
func (m *marker) prepare() {
	m.heads = map[string]bool{}
	for t := range m.terms {
		m.heads[head(t)] = true
	}
}

type fuzzyTerm struct {
	term string
	dist int
}

func (m *marker) add(c clause) {
	switch c.field {
	case "", fFirm, fIssuer, fPlan:
	default:
		return
	}
	switch c.kind {
	case kWord, kPhrase:
		for _, t := range textAnalyzer().Analyze([]byte(c.text)) {
			m.terms[string(t.Term)] = true
		}
	case kPrefix:
		m.prefixes = append(m.prefixes, strings.ToLower(c.text))
	case kWildcard:
		var b strings.Builder
		b.WriteString("^")
		for _, r := range strings.ToLower(c.text) {
			switch r {
			case '*':
				b.WriteString(".*")
			case '?':
				b.WriteString(".")
			default:
				b.WriteString(regexp.QuoteMeta(string(r)))
			}
		}
		b.WriteString("$")
		if re, err := regexp.Compile(b.String()); err == nil {
			m.res = append(m.res, re)
		}
	case kRegexp:
		if re, err := regexp.Compile("^(?:" + c.text + ")$"); err == nil {
			m.res = append(m.res, re)
		}
	case kFuzzy:
		m.fuzzy = append(m.fuzzy, fuzzyTerm{stemmed(strings.ToLower(c.text), fBody), c.fuzz})
	}
}

func (m *marker) empty() bool {
	return m == nil || len(m.terms) == 0 && len(m.prefixes) == 0 && len(m.res) == 0 && len(m.fuzzy) == 0
}

// find returns the spans of text's words to mark. It tokenizes with a
// plain letters-and-digits scan and runs the stemmer only on words that
// could stem to a query term (same first letters), so that snippets of
// long letters stay cheap.
func (m *marker) find(text string) []span {
	if m.empty() {
		return nil
	}
	var marks []span
	stems := map[string]string{}
	for i := 0; i < len(text); {
		r, n := rune(text[i]), 1
		if r >= utf8.RuneSelf {
			r, n = utf8.DecodeRuneInString(text[i:])
		}
		if !isWordRune(r) {
			i += n
			continue
		}
		j := i + n
		for j < len(text) {
			r, n := utf8.DecodeRuneInString(text[j:])
			if !isWordRune(r) && !(r == '\'' || r == '’') {
				break
			}
			j += n
		}
		w := text[i:j]
		if w[len(w)-1] == '\'' || strings.HasSuffix(w, "’") {
			w = strings.TrimRight(w, "'’")
		}
		w = strings.ToLower(w)
		if m.matchWord(w, stems) {
			marks = append(marks, span{i, j})
		}
		i = j
	}
	return marks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

// head is the part of a word its Porter stem always begins with.
func head(w string) string {
	n := 0
	for i := range w {
		if n == 3 {
			return w[:i]
		}
		n++
	}
	return w
}

func (m *marker) matchWord(w string, stems map[string]string) bool {
	if len(m.terms) > 0 && m.heads[head(w)] {
		st, ok := stems[w]
		if !ok {
			st = w
			if ts := textAnalyzer().Analyze([]byte(w)); len(ts) > 0 {
				st = string(ts[0].Term)
			} else {
				st = "" // a stop word
			}
			stems[w] = st
		}
		if m.terms[st] || m.terms[w] {
			return true
		}
	}
	for _, p := range m.prefixes {
		if strings.HasPrefix(w, p) {
			return true
		}
	}
	for _, re := range m.res {
		if re.MatchString(w) {
			return true
		}
	}
	for _, f := range m.fuzzy {
		st := w
		if ts := textAnalyzer().Analyze([]byte(w)); len(ts) == 1 {
			st = string(ts[0].Term)
		}
		if levenshtein(st, f.term, f.dist) <= f.dist || levenshtein(w, f.term, f.dist) <= f.dist {
			return true
		}
	}
	return false
}

// levenshtein returns the edit distance of a and b, or max+1 once it is
// known to exceed max.
func levenshtein(a, b string, max int) int {
	ra, rb := []rune(a), []rune(b)
	if d := len(ra) - len(rb); d > max || -d > max {
		return max + 1
	}
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		best := cur[0]
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			best = min(best, cur[j])
		}
		if best > max {
			return max + 1
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Snippet bounds: highlight work is bounded per hit, whatever the letter's size.
const (
	fragmentSize  = 220      // bytes of text around the marks
	maxFragments  = 2        // per field
	maxHighlightN = 64 << 10 // bytes of a body examined for marks
)

type span struct{ start, end int }

// fragments returns up to maxFragments HTML-escaped excerpts of text with
// the marked words in <mark></mark>. With lead set and nothing marked it
// returns the text's beginning.
func fragments(text string, m *marker, lead bool) []string {
	if len(text) > maxHighlightN {
		cut := maxHighlightN
		for cut > 0 && !utf8.RuneStart(text[cut]) {
			cut--
		}
		text = text[:cut]
	}
	marks := m.find(text)
	if len(marks) == 0 {
		if !lead || strings.TrimSpace(text) == "" {
			return nil
		}
		return []string{render(text, 0, snapEnd(text, fragmentSize), nil)}
	}
	// Greedy: the window holding the most marks, then the next best that
	// does not overlap it.
	var out []string
	used := []span{}
	for len(out) < maxFragments {
		best, bestN := -1, 0
		for i := range marks {
			s := marks[i].start
			if overlaps(used, s, s+fragmentSize) {
				continue
			}
			n := 0
			for j := i; j < len(marks) && marks[j].end <= s+fragmentSize; j++ {
				n++
			}
			if n > bestN {
				best, bestN = i, n
			}
		}
		if best < 0 {
			break
		}
		// Start a little before the first mark, at a word boundary.
		start := snapStart(text, marks[best].start-fragmentSize/5)
		end := snapEnd(text, start+fragmentSize)
		if end < marks[best].end {
			end = marks[best].end
		}
		used = append(used, span{start, end})
		var in []span
		for _, mk := range marks {
			if mk.start >= start && mk.end <= end {
				in = append(in, mk)
			}
		}
		out = append(out, render(text, start, end, in))
	}
	return out
}

func overlaps(used []span, s, e int) bool {
	for _, u := range used {
		if s < u.end && e > u.start {
			return true
		}
	}
	return false
}

// snapStart moves i back to the start of a word (and a rune).
func snapStart(text string, i int) int {
	if i <= 0 {
		return 0
	}
	for i > 0 && !utf8.RuneStart(text[i]) {
		i--
	}
	for k := 0; i > 0 && k < 30; k++ {
		r, _ := utf8.DecodeLastRuneInString(text[:i])
		if unicode.IsSpace(r) {
			return i
		}
		i -= utf8.RuneLen(r)
	}
	return i
}

// snapEnd moves i forward to the end of a word (and a rune).
func snapEnd(text string, i int) int {
	if i >= len(text) {
		return len(text)
	}
	for i < len(text) && !utf8.RuneStart(text[i]) {
		i++
	}
	for k := 0; i < len(text) && k < 30; k++ {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			return i
		}
		i += n
	}
	return i
}

// render escapes text[start:end], wraps the marks, folds white space and
// drops Markdown emphasis and heading marks, adding … where text was cut.
func render(text string, start, end int, marks []span) string {
	var b strings.Builder
	if start > 0 {
		b.WriteString("…")
	}
	pos := start
	write := func(s string) {
		b.WriteString(html.EscapeString(cleanMarkdown(s)))
	}
	for _, m := range marks {
		if m.start < pos {
			continue
		}
		write(text[pos:m.start])
		b.WriteString("<mark>")
		write(text[m.start:m.end])
		b.WriteString("</mark>")
		pos = m.end
	}
	write(text[pos:end])
	if end < len(text) {
		b.WriteString("…")
	}
	return strings.TrimSpace(b.String())
}

var mdNoise = strings.NewReplacer("**", "", "__", "", "\\", "", "#", "")

func cleanMarkdown(s string) string {
	s = mdNoise.Replace(s)
	if !strings.ContainsAny(s, "\n\t\r  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}
