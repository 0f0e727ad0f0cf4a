package index

import (
	"container/heap"
	"container/list"
	"context"
	"encoding/binary"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"slices"
	"sort"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/search/searcher"
	bindex "github.com/blevesearch/bleve_index_api"
)

// Request is one search.
type Request struct {
	Q string // the query language (see content/search/help.md)
	// Exact-term filters on canonical names ("" means no filter).
	Firm, Issuer, Plan, Form, Jurisdiction string
	From, To                               string // YYYY-MM-DD, inclusive
	Sort                                   string // "relevance" (default) or "date" (newest first)
	Page, Size                             int    // 1-based; Size defaults to 20, at most 100
}

// Hit is one letter found.
type Hit struct {
	ID, Permalink, Title, Date string
	Firms, Issuers, Forms      []string
	// Fragments maps "body" and "title" to HTML-escaped excerpts with the
	// matched words in <mark></mark>.
	Fragments map[string][]string
}

// FacetCount is how many letters found carry one term.
type FacetCount struct {
	Term  string
	Count int
}

// Result is the answer to a Request.
type Result struct {
	Total int
	Took  time.Duration
	Hits  []Hit
	// Facets has the keys firm, issuer, form, jurisdiction and year: counts
	// over all letters found (not only this page), most frequent first
	// (years newest first), at most facetSize terms each.
	Facets map[string][]FacetCount
}

// Suggestion is a name offered for a typed prefix.
type Suggestion struct {
	Field string // firm, issuer or plan
	Name  string
	Count int // letters carrying the name
}

const (
	defaultSize = 20
	maxSize     = 100
	maxOffset   = 10000 // deepest result a request may page to
	facetSize   = 20
	checkEvery  = time.Second
)

// Searcher is an open index that follows the current generation: after an
// Update swaps in new data, the next Search (at most a second later) sees
// it; the old generation is closed when its last search ends.
type Searcher struct {
	dir   string
	every time.Duration

	mu        sync.Mutex
	cur       *generation
	lastCheck time.Time
	closed    bool
	reopening sync.Mutex
}

// generation is one open, immutable index generation.
type generation struct {
	path   string
	refs   atomic.Int64
	shards []*shard
	tab    *table
	m      mapping.IndexMapping
	cache  *resultCache
	counts sync.Pool // []int32 facet counters (see newPartial)
}

type shard struct {
	idx     bleve.Index
	reader  bindex.IndexReader
	rows    []int32 // internal doc number -> row in tab, -1 if none
	pairs   *pairsFile
	ordDoc  []int32   // pairs file ordinal -> internal doc number, -1 if none
	ordNorm []float32 // pairs file ordinal -> the letter's field norm
}

// maxExpansion bounds the words a wildcard, fuzzy term or regular
// expression may stand for: beyond it the query is refused, not run.
const maxExpansion = 2048

func init() { searcher.DisjunctionMaxClauseCount = maxExpansion }

// cacheSize is the number of recent queries whose matches a generation
// keeps: 256, or $EXHIBITS_SEARCH_CACHE (0 turns the cache off, as the
// benchmarks do to measure every query cold).
func cacheSize() int {
	if v, err := strconv.Atoi(os.Getenv("EXHIBITS_SEARCH_CACHE")); err == nil && v >= 0 {
		return v
	}
	return 256
}

// ServeGCPercent is the garbage collector setting a long-running searcher
// should use (exhibits serve does, unless $GOGC is set): a search over a
// large archive makes posting lists of every letter, and with Go's default
// of 100 the collections they trigger put the slowest searches of
// 100,000 letters at 60-80 ms instead of under 40. The price is a larger heap.
const ServeGCPercent = 300

// ErrNoIndex is returned by Open for a site that has not been indexed.
var ErrNoIndex = errors.New("no search index (run exhibits index)")

// Open opens the site's current index.
func Open(site string) (*Searcher, error) {
	dir := Dir(site)
	gpath, err := readPointer(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, fmt.Errorf("%s: %w", dir, ErrNoIndex)
	}
	if err != nil {
		return nil, err
	}
	g, err := openGeneration(gpath)
	if err != nil {
		// A damaged current generation: serve the newest older one that
		// opens, rather than nothing, until the next update replaces it.
		gens, _ := generations(dir)
		for i := len(gens) - 1; i >= 0 && g == nil; i-- {
			if gens[i] == gpath {
				continue
			}
			if og, oerr := openGeneration(gens[i]); oerr == nil {
				slog.Warn("index: current generation unusable; serving an older one", "current", gpath, "err", err, "serving", gens[i])
				g = og
			}
		}
		if g == nil {
			return nil, err
		}
	}
	return &Searcher{dir: dir, every: checkEvery, cur: g, lastCheck: time.Now()}, nil
}

func openGeneration(path string) (*generation, error) {
	m, err := readMeta(path)
	if err != nil {
		return nil, err
	}
	recs, err := readDocs(path)
	if err != nil {
		return nil, err
	}
	g := &generation{path: path, tab: newTable(recs), m: newMapping(), cache: newResultCache(cacheSize())}
	g.refs.Store(1)
	byID := make(map[string]int32, len(recs))
	for i, r := range recs {
		byID[r.ID] = int32(i)
	}
	for n := range m.Shards {
		sp := shardDir(path, n)
		idx, err := bleve.OpenUsing(sp, map[string]any{"read_only": true})
		if err != nil {
			g.close()
			return nil, fmt.Errorf("%s: %w", sp, err)
		}
		sh := &shard{idx: idx}
		g.shards = append(g.shards, sh)
		adv, err := idx.Advanced()
		if err == nil {
			sh.reader, err = adv.Reader()
		}
		var docOf map[string]uint32
		if err == nil {
			sh.rows, docOf, err = mapRows(sh.reader, byID)
		}
		if err == nil {
			sh.pairs, err = openPairs(pairsPath(path, n))
		}
		if err != nil {
			g.close()
			return nil, fmt.Errorf("%s: %w", sp, err)
		}
		sh.ordDoc = make([]int32, len(sh.pairs.ids))
		sh.ordNorm = make([]float32, len(sh.pairs.ids))
		for i, id := range sh.pairs.ids {
			sh.ordDoc[i] = -1
			if d, ok := docOf[id]; ok && id != "" {
				sh.ordDoc[i] = int32(d)
			}
			sh.ordNorm[i] = float32(pairNorm(sh.pairs.len(i)))
		}
	}
	return g, nil
}

// mapRows maps the shard's internal document numbers to table rows, and
// the ids of those letters to their numbers.
func mapRows(r bindex.IndexReader, byID map[string]int32) ([]int32, map[string]uint32, error) {
	dr, err := r.DocIDReaderAll()
	if err != nil {
		return nil, nil, err
	}
	defer dr.Close()
	var rows []int32
	docOf := map[string]uint32{}
	for {
		id, err := dr.Next()
		if err != nil {
			return nil, nil, err
		}
		if id == nil {
			break
		}
		num, ok := docNum(id)
		if !ok || num > 1<<28 {
			return nil, nil, fmt.Errorf("unexpected internal id %x", []byte(id))
		}
		ext, err := r.ExternalID(id)
		if err != nil {
			return nil, nil, err
		}
		row, ok := byID[ext]
		if !ok {
			continue // in Bleve but not in docs.gob: never shown
		}
		for uint64(len(rows)) <= num {
			rows = append(rows, -1)
		}
		rows[num] = row
		docOf[ext] = uint32(num)
	}
	return rows, docOf, nil
}

func docNum(id bindex.IndexInternalID) (uint64, bool) {
	if len(id) != 8 {
		return 0, false
	}
	return binary.BigEndian.Uint64(id), true
}

func (g *generation) acquire() { g.refs.Add(1) }

func (g *generation) release() {
	if g.refs.Add(-1) == 0 {
		g.close()
	}
}

func (g *generation) close() {
	for _, s := range g.shards {
		if s.reader != nil {
			s.reader.Close()
		}
		if s.pairs != nil {
			s.pairs.close()
		}
		s.idx.Close()
	}
}

// Close closes the index; searches in flight finish first.
func (s *Searcher) Close() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil
	}
	s.closed = true
	s.cur.release()
	return nil
}

// generation returns the current generation, held; the caller releases it.
// At most every s.every it checks the pointer file and, if it names a new
// generation, opens that one and retires the old.
func (s *Searcher) generation() (*generation, error) {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return nil, errors.New("index: searcher closed")
	}
	check := time.Since(s.lastCheck) >= s.every
	if check {
		s.lastCheck = time.Now()
	}
	g := s.cur
	g.acquire()
	s.mu.Unlock()
	if !check {
		return g, nil
	}
	path, err := readPointer(s.dir)
	if err != nil || path == g.path {
		return g, nil
	}
	if !s.reopening.TryLock() {
		return g, nil // another search is opening it; use the old one meanwhile
	}
	defer s.reopening.Unlock()
	s.mu.Lock()
	if s.cur.path == path {
		// Another search switched to it while this one was checking.
		cur := s.cur
		cur.acquire()
		s.mu.Unlock()
		g.release()
		return cur, nil
	}
	s.mu.Unlock()
	ng, err := openGeneration(path)
	if err != nil {
		slog.Warn("index: cannot open new generation; still serving the old one", "path", path, "err", err)
		return g, nil
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		ng.release()
		return g, nil
	}
	old := s.cur
	s.cur = ng
	ng.acquire()
	s.mu.Unlock()
	old.release() // the searcher's own reference
	g.release()
	return ng, nil
}

// Search runs one request.
func (s *Searcher) Search(ctx context.Context, r Request) (*Result, error) {
	start := time.Now()
	g, err := s.generation()
	if err != nil {
		return nil, err
	}
	defer g.release()

	plan, err := s.plan(g, r)
	if err != nil {
		return nil, err
	}
	res, err := g.run(ctx, plan)
	if err != nil {
		return nil, err
	}
	res.Took = time.Since(start)
	return res, nil
}

// plan is a validated request.
type plan struct {
	c            *compiled
	filters      []filter
	from, to     int32 // yyyymmdd, 0: open
	byDate       bool
	offset, size int
	empty        bool   // a filter names no letter: nothing can match
	key          string // the request without its page, for the result cache
}

type filter struct {
	col *column
	id  uint32
}

func (s *Searcher) plan(g *generation, r Request) (*plan, error) {
	p := &plan{size: r.Size, offset: 0}
	if p.size <= 0 {
		p.size = defaultSize
	}
	p.size = min(p.size, maxSize)
	page := max(r.Page, 1)
	if (page-1)*p.size+p.size > maxOffset {
		return nil, badQuery("page %d is too deep: at most %d results can be paged through; narrow the query", page, maxOffset)
	}
	p.offset = (page - 1) * p.size
	switch strings.ToLower(r.Sort) {
	case "", "relevance":
	case "date":
		p.byDate = true
	default:
		return nil, badQuery("sort must be relevance or date, not %q", r.Sort)
	}
	var err error
	if p.from, err = filterDate(r.From, "from", false); err != nil {
		return nil, err
	}
	if p.to, err = filterDate(r.To, "to", true); err != nil {
		return nil, err
	}
	t := g.tab
	for _, f := range []struct {
		v   string
		col *column
	}{{r.Firm, &t.firm}, {r.Issuer, &t.issuer}, {r.Plan, &t.plan}, {r.Form, &t.form}, {r.Jurisdiction, &t.law}} {
		if f.v == "" {
			continue
		}
		if len(f.v) > 1000 {
			return nil, badQuery("filter value longer than 1000 bytes")
		}
		id, ok := f.col.ids[f.v]
		if !ok {
			p.empty = true
			continue
		}
		p.filters = append(p.filters, filter{f.col, id})
	}
	cl, err := parseQuery(r.Q)
	if err != nil {
		return nil, err
	}
	p.key = strings.Join([]string{r.Q, r.Firm, r.Issuer, r.Plan, r.Form, r.Jurisdiction,
		strconv.Itoa(int(p.from)), strconv.Itoa(int(p.to)), strconv.FormatBool(p.byDate)}, "\x00")
	if p.c, err = compile(cl, g.hasTerm); err != nil {
		return nil, err
	}
	if p.c.q == nil {
		p.byDate = true // nothing to rank by
	}
	return p, nil
}

func filterDate(v, name string, end bool) (int32, error) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, nil
	}
	first, last, err := dateBounds(v)
	if err != nil {
		return 0, badQuery("%s date %q: use YYYY-MM-DD", name, v)
	}
	if end {
		return dateInt(last), nil
	}
	return dateInt(first), nil
}

func dateInt(t time.Time) int32 { return int32(t.Year()*10000 + int(t.Month())*100 + t.Day()) }

// match is one letter found, before paging.
type match struct {
	row   int32
	score float64
}

// partial is what one shard (or the table scan) found.
type partial struct {
	top    topK
	total  int
	counts []int32 // by global facet id (see table.facetBase)
}

const (
	facFirm = iota
	facIssuer
	facForm
	facLaw
	facYear
	nFacets
)

var facetKeys = [nFacets]string{"firm", "issuer", "form", "jurisdiction", "year"}

func (g *generation) newPartial(p *plan) *partial {
	pt := &partial{top: topK{k: p.offset + p.size, byDate: p.byDate, tab: g.tab}}
	// Facet counters: one per name in the archive (150,000 at 100,000
	// letters), a slice per shard per search; recycled, not collected.
	if c, ok := g.counts.Get().([]int32); ok && len(c) == int(g.tab.facetIDs) {
		clear(c)
		pt.counts = c
	} else {
		pt.counts = make([]int32, g.tab.facetIDs)
	}
	return pt
}

// accept applies the table filters to row and, if it passes, counts it.
func (pt *partial) accept(t *table, p *plan, row int32, score float64) {
	if p.from != 0 || p.to != 0 {
		d := t.date[row]
		if d == 0 || p.from != 0 && d < p.from || p.to != 0 && d > p.to {
			return
		}
	}
	for _, f := range p.filters {
		if !f.col.has(row, f.id) {
			return
		}
	}
	pt.total++
	c := pt.counts
	for _, gid := range t.facetVals[t.facetOff[row]:t.facetOff[row+1]] {
		c[gid]++
	}
	pt.top.push(match{row, score})
}

func (g *generation) run(ctx context.Context, p *plan) (*Result, error) {
	need := p.offset + p.size
	m, ok := g.cache.get(p.key, need)
	if !ok {
		var err error
		if m, err = g.match(ctx, p); err != nil {
			return nil, err
		}
		g.cache.put(p.key, m)
	}
	res := &Result{Total: m.total, Facets: make(map[string][]FacetCount, len(m.facets))}
	for k, v := range m.facets {
		res.Facets[k] = slices.Clone(v) // the cached copy stays as it is
	}
	var ranked []match
	if p.offset < len(m.ranked) {
		ranked = m.ranked[p.offset:min(need, len(m.ranked))]
	}
	// Snippets cost most of a typical search: make them on two cores.
	res.Hits = make([]Hit, len(ranked))
	var wg sync.WaitGroup
	for w := range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < len(ranked); i += 2 {
				res.Hits[i] = g.hit(ranked[i].row, p.c.mark)
			}
		}()
	}
	wg.Wait()
	return res, ctx.Err()
}

// matched is what a query finds, before paging and snippets.
type matched struct {
	ranked []match // the best, in order
	total  int
	facets map[string][]FacetCount
}

// match runs the query over every shard (or the table alone) and merges
// what they found.
func (g *generation) match(ctx context.Context, p *plan) (*matched, error) {
	var parts []*partial
	if p.empty {
		parts = append(parts, g.newPartial(p))
	} else if p.c.q == nil {
		// No query: every letter, filtered by the table alone.
		pt := g.newPartial(p)
		for row := range int32(len(g.tab.recs)) {
			if row%4096 == 0 && ctx.Err() != nil {
				return nil, ctx.Err()
			}
			pt.accept(g.tab, p, row, 0)
		}
		parts = append(parts, pt)
	} else {
		parts = make([]*partial, len(g.shards))
		errs := make([]error, len(g.shards))
		var wg sync.WaitGroup
		for i, sh := range g.shards {
			parts[i] = g.newPartial(p)
			wg.Add(1)
			go func() {
				defer wg.Done()
				errs[i] = g.searchShard(ctx, sh, p, parts[i])
			}()
		}
		wg.Wait()
		if err := errors.Join(errs...); err != nil {
			return nil, err
		}
	}
	all := parts[0]
	for _, pt := range parts[1:] {
		all.total += pt.total
		for i, c := range pt.counts {
			all.counts[i] += c
		}
		for _, m := range pt.top.items {
			all.top.push(m)
		}
	}
	m := &matched{ranked: all.top.sorted(), total: all.total, facets: map[string][]FacetCount{}}
	for f, col := range g.tab.facetCols() {
		base := g.tab.facetBase[f]
		m.facets[facetKeys[f]] = topFacets(col, all.counts[base:base+uint32(len(col.names))], f == facYear)
	}
	for _, pt := range parts {
		g.counts.Put(pt.counts)
	}
	return m, ctx.Err()
}

// resultCache keeps what recent queries found (not their snippets), per
// generation: paging through results, or the same query asked by many
// users, then costs only the snippets.
type resultCache struct {
	mu   sync.Mutex
	max  int
	m    map[string]*list.Element
	lru  list.List // of *cacheEntry, most recent first
	hits atomic.Int64
}

type cacheEntry struct {
	key string
	m   *matched
}

func newResultCache(max int) *resultCache {
	return &resultCache{max: max, m: map[string]*list.Element{}}
}

// get returns a cached answer holding at least the best need matches.
func (c *resultCache) get(key string, need int) (*matched, bool) {
	if c == nil || c.max <= 0 {
		return nil, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e, ok := c.m[key]
	if !ok {
		return nil, false
	}
	m := e.Value.(*cacheEntry).m
	if len(m.ranked) < need && len(m.ranked) < m.total {
		return nil, false // a deeper page than was computed
	}
	c.lru.MoveToFront(e)
	c.hits.Add(1)
	return m, true
}

func (c *resultCache) put(key string, m *matched) {
	if c == nil || c.max <= 0 {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if e, ok := c.m[key]; ok {
		if len(e.Value.(*cacheEntry).m.ranked) < len(m.ranked) {
			e.Value.(*cacheEntry).m = m
		}
		c.lru.MoveToFront(e)
		return
	}
	c.m[key] = c.lru.PushFront(&cacheEntry{key, m})
	for c.lru.Len() > c.max {
		old := c.lru.Back()
		c.lru.Remove(old)
		delete(c.m, old.Value.(*cacheEntry).key)
	}
}

func (g *generation) searchShard(ctx context.Context, sh *shard, p *plan, pt *partial) error {
	e, err := newEvaluator(ctx, sh, g.m)
	if err != nil {
		return err
	}
	res, err := e.eval(p.c.q)
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	defer res.free()
	for i, d := range res.docs {
		if i&0xffff == 0xffff && ctx.Err() != nil {
			return ctx.Err()
		}
		if row := sh.rows[d]; row >= 0 {
			pt.accept(g.tab, p, row, float64(res.scores[i]))
		}
	}
	return nil
}

// hasTerm reports whether word, analyzed as field is, is one term that
// occurs in field in some shard; known is false when the word does not
// analyze to exactly one term.
func (g *generation) hasTerm(field, word string) (found, known bool) {
	an := g.m.AnalyzerNamed(g.m.AnalyzerNameForPath(field))
	if an == nil {
		return false, false
	}
	ts := an.Analyze([]byte(word))
	if len(ts) != 1 {
		return false, false
	}
	for _, sh := range g.shards {
		r, err := sh.reader.TermFieldReader(context.Background(), ts[0].Term, field, false, false, false)
		if err != nil {
			return false, false
		}
		n := r.Count()
		r.Close()
		if n > 0 {
			return true, true
		}
	}
	return false, true
}

// hit renders one row, with snippets from the stored body.
func (g *generation) hit(row int32, mk *marker) Hit {
	r := &g.tab.recs[row]
	h := Hit{
		ID: r.ID, Permalink: "/letters/" + r.ID + "/", Title: r.Title, Date: r.Date,
		Firms: nonNil(r.Firms), Issuers: nonNil(r.Issuers), Forms: nonNil(r.Forms),
		Fragments: map[string][]string{},
	}
	if f := fragments(r.Title, mk, false); len(f) > 0 {
		h.Fragments["title"] = f[:1]
	}
	if body := g.body(r.ID); body != "" {
		if f := fragments(body, mk, true); len(f) > 0 {
			h.Fragments["body"] = f
		}
	}
	return h
}

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

func (g *generation) body(id string) string {
	sh := g.shards[shardOf(id, len(g.shards))]
	doc, err := sh.reader.Document(id)
	if err != nil || doc == nil {
		return ""
	}
	var body string
	doc.VisitFields(func(f bindex.Field) {
		if f.Name() == fBody {
			body = string(f.Value())
		}
	})
	return body
}

// topK keeps the best k matches.
type topK struct {
	k      int
	byDate bool
	tab    *table
	items  []match
}

// better reports whether a ranks before b.
func (t *topK) better(a, b match) bool {
	if t.byDate {
		da, db := t.tab.date[a.row], t.tab.date[b.row]
		if da != db {
			return da > db
		}
	}
	if a.score != b.score {
		return a.score > b.score
	}
	if !t.byDate {
		da, db := t.tab.date[a.row], t.tab.date[b.row]
		if da != db {
			return da > db
		}
	}
	return t.tab.recs[a.row].ID < t.tab.recs[b.row].ID
}

// The heap's root is the worst kept match.
func (t *topK) Len() int           { return len(t.items) }
func (t *topK) Less(i, j int) bool { return t.better(t.items[j], t.items[i]) }
func (t *topK) Swap(i, j int)      { t.items[i], t.items[j] = t.items[j], t.items[i] }
func (t *topK) Push(x any)         { t.items = append(t.items, x.(match)) }
func (t *topK) Pop() any {
	x := t.items[len(t.items)-1]
	t.items = t.items[:len(t.items)-1]
	return x
}

func (t *topK) push(m match) {
	if len(t.items) < t.k {
		heap.Push(t, m)
		return
	}
	if t.k > 0 && t.better(m, t.items[0]) {
		t.items[0] = m
		heap.Fix(t, 0)
	}
}

func (t *topK) sorted() []match {
	out := append([]match(nil), t.items...)
	sort.Slice(out, func(i, j int) bool { return t.better(out[i], out[j]) })
	return out
}

func topFacets(col *column, counts []int32, years bool) []FacetCount {
	out := make([]FacetCount, 0, 64)
	for id, c := range counts {
		if c > 0 {
			out = append(out, FacetCount{col.names[id], int(c)})
		}
	}
	if years {
		sort.Slice(out, func(i, j int) bool { return out[i].Term > out[j].Term })
		return out
	}
	better := func(a, b FacetCount) bool {
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		return a.Term < b.Term
	}
	// Keep the best facetSize by insertion: far cheaper than sorting
	// thousands of issuers.
	top := make([]FacetCount, 0, facetSize+1)
	for _, fc := range out {
		if len(top) == facetSize && !better(fc, top[facetSize-1]) {
			continue
		}
		i := sort.Search(len(top), func(i int) bool { return better(fc, top[i]) })
		top = append(top, FacetCount{})
		copy(top[i+1:], top[i:])
		top[i] = fc
		if len(top) > facetSize {
			top = top[:facetSize]
		}
	}
	return top
}

// Suggest returns up to n firm, issuer and plan names matching prefix: the
// whole name starting with it first, then names with a word starting with
// it; more letters first.
func (s *Searcher) Suggest(ctx context.Context, prefix string, n int) ([]Suggestion, error) {
	if len(prefix) > 200 {
		return nil, badQuery("prefix longer than 200 bytes")
	}
	if n <= 0 {
		n = 10
	}
	n = min(n, 50)
	g, err := s.generation()
	if err != nil {
		return nil, err
	}
	defer g.release()
	p := strings.ToLower(strings.TrimSpace(prefix))
	type cand struct {
		Suggestion
		whole bool
	}
	var cs []cand
	for _, f := range []struct {
		name string
		col  *column
	}{{"firm", &g.tab.firm}, {"issuer", &g.tab.issuer}, {"plan", &g.tab.plan}} {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		for id, lower := range f.col.lower {
			whole := strings.HasPrefix(lower, p)
			if !whole && !hasWordPrefix(lower, p) {
				continue
			}
			cs = append(cs, cand{Suggestion{f.name, f.col.names[id], int(f.col.count[id])}, whole})
		}
	}
	sort.Slice(cs, func(i, j int) bool {
		a, b := cs[i], cs[j]
		if a.whole != b.whole {
			return a.whole
		}
		if a.Count != b.Count {
			return a.Count > b.Count
		}
		if a.Name != b.Name {
			return a.Name < b.Name
		}
		return a.Field < b.Field
	})
	out := make([]Suggestion, 0, min(n, len(cs)))
	for _, c := range cs[:min(n, len(cs))] {
		out = append(out, c.Suggestion)
	}
	return out, nil
}

// table is the in-memory column store: per letter, its record, its date
// and the ids of its names, built when a generation is opened. Facets and
// filters read it instead of Bleve's stored fields.
type table struct {
	recs                                []record
	date                                []int32 // yyyymmdd, 0 if unknown
	firm, issuer, plan, form, law, year column

	// Every facet id of a row in one run, so counting a match is one loop:
	// row i's are facetVals[facetOff[i]:facetOff[i+1]], ids offset by
	// facetBase of their column.
	facetOff  []uint32
	facetVals []uint32
	facetBase [nFacets]uint32
	facetIDs  int
}

// column holds one multi-valued field: row i has vals[off[i]:off[i+1]].
type column struct {
	names []string
	lower []string
	count []int32
	ids   map[string]uint32
	off   []uint32
	vals  []uint32
}

func (c *column) of(row int32) []uint32 { return c.vals[c.off[row]:c.off[row+1]] }

func (c *column) has(row int32, id uint32) bool {
	for _, v := range c.of(row) {
		if v == id {
			return true
		}
	}
	return false
}

func (c *column) add(vals []string) {
	if c.ids == nil {
		c.ids = map[string]uint32{}
		c.off = []uint32{0}
	}
	for _, v := range vals {
		id, ok := c.ids[v]
		if !ok {
			id = uint32(len(c.names))
			c.ids[v] = id
			c.names = append(c.names, v)
			c.lower = append(c.lower, strings.ToLower(v))
			c.count = append(c.count, 0)
		}
		c.count[id]++
		c.vals = append(c.vals, id)
	}
	c.off = append(c.off, uint32(len(c.vals)))
}

func (t *table) facetCols() [nFacets]*column {
	return [nFacets]*column{&t.firm, &t.issuer, &t.form, &t.law, &t.year}
}

func newTable(recs []record) *table {
	t := &table{recs: recs, date: make([]int32, len(recs))}
	for i := range recs {
		r := &recs[i]
		if d, err := time.Parse(time.DateOnly, r.Date); err == nil {
			t.date[i] = dateInt(d)
		}
		t.firm.add(r.Firms)
		t.issuer.add(r.Issuers)
		t.plan.add(r.Plans)
		t.form.add(r.Forms)
		t.law.add(r.Jurisdictions)
		t.year.add(r.Years)
	}
	for _, c := range []*column{&t.firm, &t.issuer, &t.plan, &t.form, &t.law, &t.year} {
		if c.ids == nil {
			c.add(nil)
			c.off = make([]uint32, len(recs)+1)
		}
	}
	cols := t.facetCols()
	n := 0
	for f, c := range cols {
		t.facetBase[f] = uint32(n)
		n += len(c.names)
	}
	t.facetIDs = n
	t.facetOff = make([]uint32, 1, len(recs)+1)
	for row := range int32(len(recs)) {
		for f, c := range cols {
			for _, id := range c.of(row) {
				t.facetVals = append(t.facetVals, t.facetBase[f]+id)
			}
		}
		t.facetOff = append(t.facetOff, uint32(len(t.facetVals)))
	}
	return t
}

// hasWordPrefix reports whether a word of s (a run starting after a
// character that is not a letter or digit) starts with p.
func hasWordPrefix(s, p string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], p)
		if j < 0 {
			return false
		}
		j += i
		if j == 0 {
			return true
		}
		r, _ := utf8.DecodeLastRuneInString(s[:j])
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			return true
		}
		i = j + 1
		for i < len(s) && !utf8.RuneStart(s[i]) {
			i++
		}
	}
}
