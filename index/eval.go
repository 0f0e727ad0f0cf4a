package index

import (
	"context"
	"encoding/binary"
	"math"
	"slices"
	"strings"
	"sync"

	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// The evaluator runs the queries compile makes over one shard by reading
// posting lists and combining them as sorted arrays, instead of through
// Bleve's searchers: a query matching every letter then costs one pass
// over each term's postings, not a heap operation and a scored match
// object per letter per clause. Scores are Bleve's own (tf-idf: boost ×
// idf² × √freq × field norm, summed, disjunctions weighted by the share
// of their clauses that matched), so ranking does not change. Leaves it
// does not know (phrases in name fields, prefixes, wildcards, fuzzy
// terms, regular expressions, date ranges) are run by Bleve and their
// matches combined the same way.

// postings is a list of matching documents in internal doc number order,
// each with its score.
type postings struct {
	docs   []uint32
	scores []float32
}

func (p *postings) add(doc uint32, score float32) {
	p.docs = append(p.docs, doc)
	p.scores = append(p.scores, score)
}

func (p *postings) len() int { return len(p.docs) }

// Posting lists of a large archive are large (100,000 entries for a
// common word): they are recycled rather than left to the collector.
var postingsPool = sync.Pool{New: func() any { return new(postings) }}

func newPostings() *postings {
	p := postingsPool.Get().(*postings)
	p.docs, p.scores = p.docs[:0], p.scores[:0]
	return p
}

func (p *postings) free() {
	if p != nil && cap(p.docs) <= 1<<22 {
		postingsPool.Put(p)
	}
}

type evaluator struct {
	ctx     context.Context
	r       bindex.IndexReader
	pairs   *pairsFile
	ordDoc  []int32
	ordNorm []float32
	m       mapping.IndexMapping
	rows    []int32 // the shard's doc number -> table row, -1 for none
	slots   int     // len(rows): internal doc numbers are below this
	total   float64 // documents in the shard, for idf
	tfd     bindex.TermFieldDoc
}

// unionScratch is the per-document counters of one union, all zero
// between uses.
type unionScratch struct {
	counts []uint16
	sums   []float32
}

var scratchPool sync.Pool

func getScratch(slots int) *unionScratch {
	// Shards differ in size: any scratch as large will do.
	if s, ok := scratchPool.Get().(*unionScratch); ok && cap(s.counts) >= slots {
		s.counts, s.sums = s.counts[:slots], s.sums[:slots]
		return s
	}
	return &unionScratch{counts: make([]uint16, slots), sums: make([]float32, slots)}
}

func newEvaluator(ctx context.Context, sh *shard, m mapping.IndexMapping) (*evaluator, error) {
	n, err := sh.reader.DocCount()
	if err != nil {
		return nil, err
	}
	return &evaluator{
		ctx: ctx, r: sh.reader, pairs: sh.pairs, ordDoc: sh.ordDoc, ordNorm: sh.ordNorm, m: m, rows: sh.rows, slots: len(sh.rows), total: float64(n),
	}, nil
}

// eval returns what q matches. The caller frees the result.
func (e *evaluator) eval(q query.Query) (*postings, error) {
	if err := e.ctx.Err(); err != nil {
		return nil, err
	}
	switch q := q.(type) {
	case *query.TermQuery:
		return e.term(q.FieldVal, q.Term, q.Boost())
	case *query.MatchQuery:
		if q.Fuzziness != 0 || q.Prefix != 0 {
			break
		}
		return e.match(q)
	case *query.MatchNoneQuery:
		return newPostings(), nil
	case *query.MatchAllQuery:
		p := newPostings()
		b := float32(q.Boost())
		for d := range uint32(e.slots) {
			if e.rows[d] >= 0 {
				p.add(d, b)
			}
		}
		return p, nil
	case *query.ConjunctionQuery:
		return e.and(q.Conjuncts, q.Boost())
	case *query.DisjunctionQuery:
		return e.or(q.Disjuncts, int(q.Min), q.Boost())
	case *query.BooleanQuery:
		if q.Filter == nil {
			return e.boolean(q)
		}
	}
	return e.bleve(q)
}

// term reads one term's postings in field.
func (e *evaluator) term(field, term string, boost float64) (*postings, error) {
	if field == fPhrase {
		return e.pairTerm(term, boost), nil
	}
	tfr, err := e.r.TermFieldReader(e.ctx, []byte(term), field, true, true, false)
	if err != nil {
		return nil, err
	}
	defer tfr.Close()
	p := newPostings()
	df := tfr.Count()
	if df == 0 {
		return p, nil
	}
	idf := 1 + math.Log(e.total/float64(df+1))
	w := boost * idf * idf
	for n := 0; ; n++ {
		if n&0xffff == 0xffff && e.ctx.Err() != nil {
			p.free()
			return nil, e.ctx.Err()
		}
		d, err := tfr.Next(&e.tfd)
		if err != nil {
			p.free()
			return nil, err
		}
		if d == nil {
			return p, nil
		}
		num, ok := docNum(d.ID)
		if !ok || num >= uint64(e.slots) {
			continue
		}
		p.add(uint32(num), float32(w*math.Sqrt(float64(d.Freq))*d.Norm))
	}
}

// pairTerm reads one word pair's postings from the pairs file, scored as
// Bleve scores a term (boost × idf² × √freq × norm). Ordinals follow the
// order letters were added, not Bleve's numbers: a long list is put in
// document order through the shard-sized scratch arrays, a short one sorted.
func (e *evaluator) pairTerm(term string, boost float64) *postings {
	p := newPostings()
	raw := e.pairs.lookup([]byte(term))
	n := len(raw) / 4
	if n == 0 {
		return p
	}
	var sc *unionScratch
	if n > max(pairsScatterMin, e.slots/32) {
		sc = getScratch(e.slots)
		defer scratchPool.Put(sc)
	}
	df := 0
	for i := 0; i < len(raw); i += 4 {
		posting := binary.LittleEndian.Uint32(raw[i:])
		ord := int(posting >> 8)
		if ord >= len(e.ordDoc) || e.ordDoc[ord] < 0 {
			continue // a damaged file's ordinal, or a letter an update removed
		}
		d := e.ordDoc[ord]
		s := sqrtFreq[posting&0xff] * e.ordNorm[ord]
		df++
		if sc != nil {
			sc.counts[d], sc.sums[d] = 1, s
		} else {
			p.add(uint32(d), s)
		}
	}
	if df == 0 {
		return p
	}
	idf := 1 + math.Log(e.total/float64(df+1))
	w := float32(boost * idf * idf)
	if sc != nil {
		for d, c := range sc.counts {
			if c != 0 {
				p.add(uint32(d), sc.sums[d]*w)
				sc.counts[d], sc.sums[d] = 0, 0
			}
		}
		return p
	}
	for i := range p.scores {
		p.scores[i] *= w
	}
	if !slices.IsSorted(p.docs) {
		sortPostings(p)
	}
	return p
}

// pairsScatterMin is the shortest list put in order by scattering (tests
// lower it to run both ways).
var pairsScatterMin = 64

// sqrtFreq is √f for the frequencies a pairs posting holds.
var sqrtFreq = func() (t [256]float32) {
	for i := range t {
		t[i] = float32(math.Sqrt(float64(i)))
	}
	return t
}()

// match analyzes the text as its field does, as Bleve's MatchQuery does,
// and looks for all the terms (operator and) or any of them.
func (e *evaluator) match(q *query.MatchQuery) (*postings, error) {
	an := q.Analyzer
	if an == "" {
		an = e.m.AnalyzerNameForPath(q.FieldVal)
	}
	a := e.m.AnalyzerNamed(an)
	if a == nil {
		return e.bleve(q)
	}
	toks := a.Analyze([]byte(q.Match))
	if len(toks) == 0 {
		return newPostings(), nil
	}
	terms := make([]query.Query, len(toks))
	for i, t := range toks {
		tq := query.NewTermQuery(string(t.Term))
		tq.SetField(q.FieldVal)
		tq.SetBoost(q.Boost())
		terms[i] = tq
	}
	if len(terms) == 1 {
		return e.eval(terms[0])
	}
	if q.Operator == query.MatchQueryOperatorAnd {
		return e.and(terms, 1)
	}
	return e.or(terms, 1, 1)
}

// and keeps the documents every clause matches, summing their scores.
func (e *evaluator) and(qs []query.Query, boost float64) (*postings, error) {
	lists := make([]*postings, 0, len(qs))
	defer func() {
		for _, l := range lists {
			l.free()
		}
	}()
	for _, q := range qs {
		l, err := e.eval(q)
		if err != nil {
			return nil, err
		}
		lists = append(lists, l)
		if l.len() == 0 {
			return newPostings(), nil
		}
	}
	if len(lists) == 0 {
		return newPostings(), nil
	}
	slices.SortFunc(lists, func(a, b *postings) int { return a.len() - b.len() })
	out := newPostings()
	out.docs = append(out.docs, lists[0].docs...)
	out.scores = append(out.scores, lists[0].scores...)
	for _, l := range lists[1:] {
		out = intersect(out, l)
	}
	scale(out, boost)
	return out, nil
}

// intersect keeps the documents of a also in b, adding b's scores; it
// reuses a.
func intersect(a, b *postings) *postings {
	k, j := 0, 0
	for i, d := range a.docs {
		for j < len(b.docs) && b.docs[j] < d {
			j++
		}
		if j == len(b.docs) {
			break
		}
		if b.docs[j] == d {
			a.docs[k] = d
			a.scores[k] = a.scores[i] + b.scores[j]
			k++
		}
	}
	a.docs, a.scores = a.docs[:k], a.scores[:k]
	return a
}

// or keeps the documents at least atLeast clauses match (at least one),
// with the sum of their scores times the share of clauses that matched.
func (e *evaluator) or(qs []query.Query, atLeast int, boost float64) (*postings, error) {
	if len(qs) == 0 {
		return newPostings(), nil
	}
	if len(qs) == 1 && atLeast <= 1 {
		p, err := e.eval(qs[0])
		if err == nil {
			scale(p, boost)
		}
		return p, err
	}
	sc := getScratch(e.slots)
	counts, sums := sc.counts, sc.sums
	lo, hi := e.slots, -1
	defer func() {
		for d := lo; d <= hi; d++ {
			counts[d], sums[d] = 0, 0
		}
		scratchPool.Put(sc)
	}()
	for _, q := range qs {
		l, err := e.eval(q)
		if err != nil {
			return nil, err
		}
		for i, d := range l.docs {
			counts[d]++
			sums[d] += l.scores[i]
		}
		if l.len() > 0 {
			lo, hi = min(lo, int(l.docs[0])), max(hi, int(l.docs[l.len()-1]))
		}
		l.free()
	}
	atLeast = max(atLeast, 1)
	out := newPostings()
	coord := float32(boost) / float32(len(qs))
	for d := lo; d <= hi; d++ {
		if c := counts[d]; c != 0 && int(c) >= atLeast {
			out.add(uint32(d), sums[d]*float32(c)*coord)
		}
	}
	return out, nil
}

// boolean: every must clause, any should clause (optional when there are
// must clauses, which they then only score), no must-not clause.
func (e *evaluator) boolean(q *query.BooleanQuery) (*postings, error) {
	var must, should *postings
	var err error
	if q.Must != nil {
		if must, err = e.eval(q.Must); err != nil {
			return nil, err
		}
	}
	if q.Should != nil {
		if should, err = e.eval(q.Should); err != nil {
			must.free()
			return nil, err
		}
	}
	var out *postings
	switch {
	case must != nil && should != nil:
		out = addScores(must, should)
		should.free()
	case must != nil:
		out = must
	case should != nil:
		out = should
	default:
		if q.MustNot == nil {
			return newPostings(), nil
		}
		// Only exclusions: everything else.
		if out, err = e.eval(query.NewMatchAllQuery()); err != nil {
			return nil, err
		}
	}
	if q.MustNot != nil {
		not, err := e.eval(q.MustNot)
		if err != nil {
			out.free()
			return nil, err
		}
		out = subtract(out, not)
		not.free()
	}
	scale(out, q.Boost())
	return out, nil
}

// addScores adds to a's scores b's, where b has the document; it reuses a.
func addScores(a, b *postings) *postings {
	j := 0
	for i, d := range a.docs {
		for j < len(b.docs) && b.docs[j] < d {
			j++
		}
		if j < len(b.docs) && b.docs[j] == d {
			a.scores[i] += b.scores[j]
		}
	}
	return a
}

// subtract drops from a the documents in b; it reuses a.
func subtract(a, b *postings) *postings {
	k, j := 0, 0
	for i, d := range a.docs {
		for j < len(b.docs) && b.docs[j] < d {
			j++
		}
		if j < len(b.docs) && b.docs[j] == d {
			continue
		}
		a.docs[k], a.scores[k] = d, a.scores[i]
		k++
	}
	a.docs, a.scores = a.docs[:k], a.scores[:k]
	return a
}

func scale(p *postings, boost float64) {
	if boost == 1 {
		return
	}
	b := float32(boost)
	for i := range p.scores {
		p.scores[i] *= b
	}
}

// bleve runs q with Bleve's own searcher and collects what it matches.
func (e *evaluator) bleve(q query.Query) (*postings, error) {
	sr, err := q.Searcher(e.ctx, e.r, e.m, search.SearcherOptions{})
	if err != nil {
		if e.ctx.Err() != nil {
			return nil, e.ctx.Err()
		}
		// The query's own fault: a regular expression Bleve refuses, a
		// wildcard that expands to too many words.
		if strings.Contains(err.Error(), "TooManyClauses") {
			return nil, badQuery("a wildcard, fuzzy term or regular expression matches more than %d different words; make it more specific", searcher.DisjunctionMaxClauseCount)
		}
		return nil, badQuery("%v", err)
	}
	defer sr.Close()
	// Bleve scales a searcher's scores by a norm of its own clauses; the
	// evaluator's are unscaled, so that clauses combine as in one query.
	sr.SetQueryNorm(1)
	sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0)}
	p := newPostings()
	for n := 0; ; n++ {
		if n%1024 == 0 && e.ctx.Err() != nil {
			p.free()
			return nil, e.ctx.Err()
		}
		dm, err := sr.Next(sctx)
		if err != nil {
			p.free()
			return nil, err
		}
		if dm == nil {
			break
		}
		if num, ok := docNum(dm.IndexInternalID); ok && num < uint64(e.slots) {
			p.add(uint32(num), float32(dm.Score))
		}
		sctx.DocumentMatchPool.Put(dm)
	}
	// Bleve's searchers return documents in internal id order, which for
	// scorch is doc number order; make sure.
	if !slices.IsSorted(p.docs) {
		sortPostings(p)
	}
	return p, nil
}

func sortPostings(p *postings) {
	idx := make([]int, p.len())
	for i := range idx {
		idx[i] = i
	}
	slices.SortFunc(idx, func(a, b int) int { return int(p.docs[a]) - int(p.docs[b]) })
	docs, scores := make([]uint32, len(idx)), make([]float32, len(idx))
	for i, k := range idx {
		docs[i], scores[i] = p.docs[k], p.scores[k]
	}
	p.docs, p.scores = docs, scores
}
