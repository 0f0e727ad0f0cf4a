package index

import (
	"errors"
	"fmt"
	"regexp"
	"regexp/syntax"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/search/query"
)

// ErrBadQuery wraps every mistake in a request: syntax, a query too long,
// a leading wildcard, an expensive regular expression, a bad date.
var ErrBadQuery = errors.New("bad query")

func badQuery(format string, args ...any) error {
	return fmt.Errorf("%w: %s", ErrBadQuery, fmt.Sprintf(format, args...))
}

const (
	maxQueryBytes = 10 << 10 // longer queries are refused, not truncated
	maxClauses    = 64
	maxPhraseLen  = 32 // words
)

// Boosts: a match in a name field says more than one in the body.
const (
	boostTitle  = 2
	boostFirm   = 6
	boostIssuer = 5
	boostPlan   = 3
	boostAdj    = 2 // plain words found next to each other
)

type occur int

const (
	should occur = iota
	must
	mustNot
)

type kind int

const (
	kWord kind = iota
	kPhrase
	kPrefix   // word*
	kWildcard // w?rd, wo*d
	kFuzzy    // word~N
	kRegexp   // /regexp/
	kRange    // date: and year: ranges
)

// clause is one element of a parsed query.
type clause struct {
	occur occur
	field string // "" for the default fields, else firm, issuer, plan, form, law, year, date
	kind  kind
	text  string
	fuzz  int
	from  time.Time // kRange: inclusive bounds; zero means open
	to    time.Time
}

var fieldNames = map[string]string{
	"firm": fFirm, "firms": fFirm,
	"issuer": fIssuer, "issuers": fIssuer, "company": fIssuer,
	"plan": fPlan, "plans": fPlan,
	"form": fForm,
	"law":  fLaw, "jurisdiction": fLaw,
	"year": fYear,
	"date": fDate,
}

// parseQuery splits a query string into clauses. The language:
//
//	word  "a phrase"  +required  -excluded  field:value  field:"a phrase"
//	word*  wo?d  word~  word~2  /regexp/  date:>=2020-01-01  date:2019..2021
//	year:2021  year:2019..2021  NOT word  a AND b  (OR is the default)
func parseQuery(q string) ([]clause, error) {
	if len(q) > maxQueryBytes {
		return nil, badQuery("query is %d bytes; the limit is %d", len(q), maxQueryBytes)
	}
	if !utf8.ValidString(q) {
		return nil, badQuery("query is not valid UTF-8")
	}
	var out []clause
	nextOccur := should
	andPending := false
	i := 0
	for {
		for i < len(q) && isSpace(q[i]) {
			i++
		}
		if i >= len(q) {
			break
		}
		c := clause{occur: nextOccur}
		nextOccur = should
		switch q[i] {
		case '+':
			c.occur = must
			i++
		case '-':
			c.occur = mustNot
			i++
		}
		if i >= len(q) || isSpace(q[i]) {
			continue // a lone + or - is punctuation, not an operator
		}
		// Boolean words.
		if w, n := bareWord(q[i:]); c.occur == should && (w == "AND" || w == "OR" || w == "NOT" || w == "&&" || w == "||") {
			i += n
			switch w {
			case "NOT":
				nextOccur = mustNot
			case "AND", "&&":
				if len(out) == 0 {
					return nil, badQuery("AND needs a term on each side")
				}
				if out[len(out)-1].occur == should {
					out[len(out)-1].occur = must
				}
				andPending = true
			}
			continue
		}
		if andPending && c.occur == should {
			c.occur = must
		}
		andPending = false

		// field:
		if j := fieldPrefix(q[i:]); j > 0 && !plainColon(q[i:], j) {
			name := strings.ToLower(q[i : i+j])
			f, ok := fieldNames[name]
			if !ok {
				return nil, badQuery("unknown field %q: use firm:, issuer:, plan:, form:, law:, year: or date:", name+":")
			}
			c.field = f
			i += j + 1
			if i >= len(q) || isSpace(q[i]) {
				return nil, badQuery("%s: needs a value", name)
			}
		}
		n, err := parseValue(q[i:], &c)
		if err != nil {
			return nil, err
		}
		i += n
		if c.kind == kWord && c.field == "" && (c.text == "" || strings.Trim(c.text, "*?~") == "") {
			continue
		}
		out = append(out, c)
		if len(out) > maxClauses {
			return nil, badQuery("more than %d terms", maxClauses)
		}
	}
	if nextOccur == mustNot || andPending {
		return nil, badQuery("query ends with an operator")
	}
	return out, nil
}

// plainColon reports whether the colon after s[:j] is punctuation rather
// than a field: an unknown name followed by a space, the end, or "//".
func plainColon(s string, j int) bool {
	if _, ok := fieldNames[strings.ToLower(s[:j])]; ok {
		return false
	}
	rest := s[j+1:]
	return rest == "" || isSpace(rest[0]) || strings.HasPrefix(rest, "//")
}

func isSpace(b byte) bool {
	return b == ' ' || b == '\t' || b == '\n' || b == '\r' || b == '\f' || b == '\v'
}

func bareWord(s string) (string, int) {
	n := 0
	for n < len(s) && !isSpace(s[n]) {
		n++
	}
	return s[:n], n
}

// fieldPrefix returns the length of a leading "name" in "name:value", or 0.
func fieldPrefix(s string) int {
	for j := 0; j < len(s) && j < 20; j++ {
		b := s[j]
		if b == ':' {
			if j > 0 {
				return j
			}
			return 0
		}
		if !(b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z') {
			return 0
		}
	}
	return 0
}

// parseValue reads one value at the start of s into c and returns its length.
func parseValue(s string, c *clause) (int, error) {
	switch s[0] {
	case '"':
		end := strings.IndexByte(s[1:], '"')
		if end < 0 {
			return 0, badQuery("unterminated quote: %s", abbrev(s))
		}
		c.kind = kPhrase
		c.text = strings.TrimSpace(s[1 : 1+end])
		n := end + 2
		if c.text == "" {
			return 0, badQuery("empty phrase \"\"")
		}
		if len(strings.Fields(c.text)) > maxPhraseLen {
			return 0, badQuery("phrase longer than %d words", maxPhraseLen)
		}
		if c.field == fDate || c.field == fYear {
			return n, parseRange(c.text, c)
		}
		return n, nil
	case '/':
		end := strings.IndexByte(s[1:], '/')
		if end < 0 {
			return 0, badQuery("unterminated regular expression: %s", abbrev(s))
		}
		c.kind = kRegexp
		c.text = s[1 : 1+end]
		if err := checkRegexp(c.text); err != nil {
			return 0, err
		}
		return end + 2, nil
	}
	w, n := bareWord(s)
	// A quote inside a bare word ends it: foo"bar baz" is foo then a phrase.
	if k := strings.IndexByte(w, '"'); k > 0 {
		w, n = w[:k], k
	}
	if c.field == fDate || c.field == fYear {
		return n, parseRange(w, c)
	}
	c.kind = kWord
	if k := strings.LastIndexByte(w, '~'); k >= 0 {
		c.kind = kFuzzy
		c.fuzz = 1
		if d := w[k+1:]; d != "" {
			f, err := strconv.Atoi(d)
			if err != nil || f < 0 || f > 2 {
				return 0, badQuery("fuzziness in %q must be 0, 1 or 2", w)
			}
			c.fuzz = f
		}
		w = w[:k]
		if utf8.RuneCountInString(w) < 3 {
			return 0, badQuery("fuzzy term %q needs at least 3 letters", w+"~")
		}
		if strings.ContainsAny(w, "*?") {
			return 0, badQuery("%q: a term cannot be both fuzzy and a wildcard", w)
		}
	}
	if k := strings.IndexAny(w, "*?"); k >= 0 {
		if k == 0 {
			return 0, badQuery("leading wildcard in %q is not allowed (it would scan every term)", w)
		}
		if utf8.RuneCountInString(w[:k]) < 2 {
			return 0, badQuery("wildcard in %q needs at least 2 letters before it", w)
		}
		c.kind = kWildcard
		if k == len(w)-1 && w[k] == '*' {
			c.kind = kPrefix
			w = w[:k]
		}
	}
	c.text = w
	return n, nil
}

func abbrev(s string) string {
	if len(s) > 40 {
		return s[:40] + "…"
	}
	return s
}

// checkRegexp accepts a regular expression only if it is valid and starts
// with at least two literal characters: Bleve then walks only the terms
// with that prefix instead of every term in the index.
func checkRegexp(re string) error {
	if len(re) > 200 {
		return badQuery("regular expression longer than 200 bytes")
	}
	p, err := syntax.Parse(re, syntax.Perl)
	if err != nil {
		return badQuery("regular expression /%s/: %v", re, err)
	}
	prefix, _ := regexp.MustCompile(p.String()).LiteralPrefix()
	if utf8.RuneCountInString(prefix) < 2 {
		return badQuery("regular expression /%s/ must start with at least 2 literal characters (otherwise it would scan every term)", re)
	}
	return nil
}

// parseRange reads date: and year: values: D, >D, >=D, <D, <=D, D..D, D..,
// ..D, where D is YYYY, YYYY-MM or YYYY-MM-DD.
func parseRange(v string, c *clause) error {
	c.kind = kRange
	field := "date"
	if c.field == fYear {
		field = "year"
	}
	bad := func() error {
		return badQuery("%s:%s: use YYYY, YYYY-MM or YYYY-MM-DD, a range A..B, or >=, >, <=, <", field, v)
	}
	var err error
	switch {
	case strings.HasPrefix(v, ">="):
		c.from, _, err = dateBounds(v[2:])
	case strings.HasPrefix(v, ">"):
		_, c.from, err = dateBounds(v[1:])
		c.from = c.from.AddDate(0, 0, 1)
	case strings.HasPrefix(v, "<="):
		_, c.to, err = dateBounds(v[2:])
	case strings.HasPrefix(v, "<"):
		c.to, _, err = dateBounds(v[1:])
		c.to = c.to.AddDate(0, 0, -1)
	case strings.Contains(v, ".."):
		a, b, _ := strings.Cut(v, "..")
		if a == "" && b == "" {
			return bad()
		}
		if a != "" {
			if c.from, _, err = dateBounds(a); err != nil {
				return bad()
			}
		}
		if b != "" {
			_, c.to, err = dateBounds(b)
		}
	default:
		c.from, c.to, err = dateBounds(v)
	}
	if err != nil {
		return bad()
	}
	if !c.from.IsZero() && !c.to.IsZero() && c.to.Before(c.from) {
		return badQuery("%s:%s: the range ends before it starts", field, v)
	}
	return nil
}

// dateBounds returns the first and last day of a YYYY, YYYY-MM or YYYY-MM-DD.
func dateBounds(s string) (first, last time.Time, err error) {
	s = strings.TrimSpace(s)
	switch len(s) {
	case 4:
		t, err := time.Parse("2006", s)
		if err != nil {
			return first, last, err
		}
		return t, t.AddDate(1, 0, -1), nil
	case 7:
		t, err := time.Parse("2006-01", s)
		if err != nil {
			return first, last, err
		}
		return t, t.AddDate(0, 1, -1), nil
	case 10:
		t, err := time.Parse(time.DateOnly, s)
		if err != nil {
			return first, last, err
		}
		return t, t, nil
	}
	return first, last, errors.New("bad date")
}

// compiled is a parsed query ready to run: the Bleve query (nil: every
// letter) and what to mark in snippets.
type compiled struct {
	q    query.Query
	mark *marker
}

// compile turns clauses into one Bleve query. Every leaf names its field:
// nothing goes to Bleve's _all field.
// has, when set, tells whether a single analyzed term occurs in a field at
// all; word clauses then skip the fields that cannot match, which spares
// a search most of its per-letter bookkeeping.
type termChecker func(field, word string) (found, known bool)

func compile(cl []clause, has termChecker) (*compiled, error) {
	var mustQ, shouldQ, notQ []query.Query
	mk := &marker{terms: map[string]bool{}}
	var run []string  // consecutive plain words, for the adjacency boost
	stopOnly := false // a clause was a stop word
	flushRun := func() {
		if len(run) >= 2 {
			for i := 0; i+1 < len(run); i++ {
				mq := query.NewMatchQuery(run[i] + " " + run[i+1])
				mq.SetField(fPhrase)
				mq.SetBoost(boostAdj)
				shouldQ = append(shouldQ, mq)
			}
			all := strings.Join(run, " ")
			for f, b := range map[string]float64{fFirm: boostFirm, fIssuer: boostIssuer, fPlan: boostPlan, fTitle: boostTitle} {
				pq := query.NewMatchPhraseQuery(all)
				pq.SetField(f)
				pq.SetBoost(b)
				shouldQ = append(shouldQ, pq)
			}
		}
		run = run[:0]
	}
	for _, c := range cl {
		if c.kind == kWord && c.field == "" && c.occur == should {
			run = append(run, c.text)
		} else {
			flushRun()
		}
		if c.field == "" && c.kind == kWord && len(textAnalyzer().Analyze([]byte(c.text))) == 0 {
			stopOnly = true
			continue // a stop word (the, of, and): matches nothing, required or not
		}
		lq, err := leaf(c, has)
		if err != nil {
			return nil, err
		}
		if lq == nil {
			continue
		}
		switch c.occur {
		case must:
			mustQ = append(mustQ, lq)
		case mustNot:
			notQ = append(notQ, lq)
		default:
			if c.field != "" {
				// field:value narrows the results, like a filter.
				mustQ = append(mustQ, lq)
			} else {
				shouldQ = append(shouldQ, lq)
			}
		}
		if c.occur != mustNot {
			mk.add(c)
		}
	}
	flushRun()
	mk.prepare()
	if len(mustQ) == 0 && len(shouldQ) == 0 && len(notQ) == 0 {
		if stopOnly {
			return &compiled{q: query.NewMatchNoneQuery(), mark: mk}, nil
		}
		return &compiled{mark: mk}, nil
	}
	b := query.NewBooleanQuery(mustQ, shouldQ, notQ)
	if len(mustQ) == 0 && len(shouldQ) == 0 {
		b = query.NewBooleanQuery([]query.Query{query.NewMatchAllQuery()}, nil, notQ)
	}
	return &compiled{q: b, mark: mk}, nil
}

// textFields are where a plain word or phrase is looked for, and its boost.
var textFields = []struct {
	field string
	boost float64
}{{fBody, 1}, {fTitle, boostTitle}, {fFirm, boostFirm}, {fIssuer, boostIssuer}, {fPlan, boostPlan}}

func leaf(c clause, has termChecker) (query.Query, error) {
	switch c.field {
	case "":
		var qs []query.Query
		for _, tf := range textFields {
			if has != nil && c.kind == kWord {
				if found, known := has(tf.field, c.text); known && !found {
					continue
				}
			}
			if q := termQuery(c, tf.field); q != nil {
				setBoost(q, tf.boost)
				qs = append(qs, q)
			}
		}
		if len(qs) == 0 {
			return query.NewMatchNoneQuery(), nil
		}
		return disjunction(qs), nil
	case fFirm, fIssuer, fPlan:
		q := termQuery(c, c.field)
		kwField := map[string]string{fFirm: fFirmKW, fIssuer: fIssuerKW, fPlan: fPlanKW}[c.field]
		if c.kind == kWord || c.kind == kPhrase {
			// The whole canonical name, exactly, counts most.
			exact := query.NewTermQuery(strings.ToLower(c.text))
			exact.SetField(kwField)
			exact.SetBoost(2)
			return disjunction([]query.Query{q, exact}), nil
		}
		return q, nil
	case fForm, fLaw:
		v := strings.ToLower(c.text)
		switch c.kind {
		case kPrefix:
			q := query.NewPrefixQuery(v)
			q.SetField(c.field)
			return q, nil
		case kWildcard:
			q := query.NewWildcardQuery(v)
			q.SetField(c.field)
			return q, nil
		case kRegexp:
			q := query.NewRegexpQuery(c.text)
			q.SetField(c.field)
			return q, nil
		case kFuzzy:
			q := query.NewFuzzyQuery(v)
			q.SetField(c.field)
			q.SetFuzziness(c.fuzz)
			return q, nil
		}
		q := query.NewTermQuery(v)
		q.SetField(c.field)
		return q, nil
	case fYear:
		if c.from.IsZero() && c.to.IsZero() {
			return nil, badQuery("year: needs a year")
		}
		lo, hi := 1900, 2100
		if !c.from.IsZero() {
			lo = c.from.Year()
		}
		if !c.to.IsZero() {
			hi = c.to.Year()
		}
		var qs []query.Query
		for y := lo; y <= hi && len(qs) <= 200; y++ {
			q := query.NewTermQuery(strconv.Itoa(y))
			q.SetField(fYear)
			qs = append(qs, q)
		}
		return disjunction(qs), nil
	case fDate:
		t := true
		var start, end time.Time
		start, end = c.from, c.to
		if !end.IsZero() {
			end = end.Add(24*time.Hour - time.Nanosecond)
		}
		q := query.NewDateRangeInclusiveQuery(start, end, &t, &t)
		q.SetField(fDate)
		return q, nil
	}
	return nil, badQuery("unknown field %q", c.field)
}

// termQuery builds the query for one value in one text field.
func termQuery(c clause, field string) query.Query {
	lower := strings.ToLower(c.text)
	switch c.kind {
	case kWord:
		q := query.NewMatchQuery(c.text)
		q.SetField(field)
		q.SetOperator(query.MatchQueryOperatorAnd)
		return q
	case kPhrase:
		if len(strings.FieldsFunc(c.text, notWordRune)) < 2 {
			q := query.NewMatchQuery(c.text)
			q.SetField(field)
			return q
		}
		if field == fBody {
			// Word pairs: a conjunction of single terms, no positions needed.
			q := query.NewMatchQuery(c.text)
			q.SetField(fPhrase)
			q.SetOperator(query.MatchQueryOperatorAnd)
			return q
		}
		q := query.NewMatchPhraseQuery(c.text)
		q.SetField(field)
		return q
	case kPrefix:
		q := query.NewPrefixQuery(lower)
		q.SetField(field)
		return q
	case kWildcard:
		q := query.NewWildcardQuery(lower)
		q.SetField(field)
		return q
	case kFuzzy:
		q := query.NewFuzzyQuery(stemmed(lower, field))
		q.SetField(field)
		q.SetFuzziness(c.fuzz)
		return q
	case kRegexp:
		q := query.NewRegexpQuery(c.text)
		q.SetField(field)
		return q
	}
	return nil
}

func notWordRune(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsNumber(r) }

// stemmed returns the indexed form of one word in a text field, so a fuzzy
// term is compared with stems, not whole words.
func stemmed(w, field string) string {
	if field != fBody && field != fTitle {
		return w
	}
	ts := textAnalyzer().Analyze([]byte(w))
	if len(ts) == 1 {
		return string(ts[0].Term)
	}
	return w
}

func setBoost(q query.Query, b float64) {
	if b == 1 {
		return
	}
	if bq, ok := q.(query.BoostableQuery); ok {
		bq.SetBoost(b)
	}
}

func disjunction(qs []query.Query) query.Query {
	if len(qs) == 1 {
		return qs[0]
	}
	return query.NewDisjunctionQuery(qs)
}
