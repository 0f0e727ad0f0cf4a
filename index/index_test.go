package index

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search/query"
	"github.com/blevesearch/bleve/v2/search/searcher"
	"github.com/pelletier/go-toml/v2"
)

const opinion = "Based upon the foregoing, we are of the opinion that the Shares, when issued and sold, will be validly issued, fully paid and nonassessable."

// fieldTerms lists the terms of one field in shard 0 of the current generation.
func fieldTerms(t *testing.T, s *Searcher, field string) map[string]bool {
	t.Helper()
	d, err := s.cur.shards[0].reader.FieldDict(field)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	terms := map[string]bool{}
	for {
		e, err := d.Next()
		if err != nil {
			t.Fatal(err)
		}
		if e == nil {
			return terms
		}
		terms[e.Term] = true
	}
}

func TestMapping(t *testing.T) {
	site := t.TempDir()
	l := newLetter("m1", "Opinions of Counsel", "2021-03-04", []string{"Latham & Watkins LLP"}, []string{"Acme Holdings, Inc."})
	l.Plans = []string{"2021 Equity Incentive Plan"}
	l.Forms = []string{"S-8"}
	l.Jurisdictions = []string{"Delaware", "New York"}
	l.Shares = 5000
	writePage(t, site, l, opinion)
	l2 := newLetter("m2", "Legal opinion", "2019-07-01", []string{"Cooley LLP"}, []string{"Beta Inc."})
	writePage(t, site, l2, "The Notes are binding obligations of the Company.")
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)

	want := map[string][]string{
		fBody:     {"nonassess", "issu", "validli", "share"}, // English: stemmed
		fTitle:    {"opinion", "counsel"},
		fFirm:     {"latham", "watkins", "llp"}, // names: lower-cased, not stemmed
		fIssuer:   {"acme", "holdings", "inc"},
		fPlan:     {"2021", "equity", "incentive", "plan"},
		fFirmKW:   {"latham & watkins llp"}, // whole names
		fIssuerKW: {"acme holdings, inc."},
		fPlanKW:   {"2021 equity incentive plan"},
		fForm:     {"s-8"},
		fLaw:      {"delaware", "new york"},
		fYear:     {"2021"},
	}
	for field, terms := range want {
		got := fieldTerms(t, s, field)
		for _, term := range terms {
			if !got[term] {
				t.Errorf("field %s: no term %q; has %v", field, term, keys(got))
			}
		}
	}
	// Word pairs, stop words kept, are in the shards' pairs files, not in Bleve.
	g, err := s.generation()
	if err != nil {
		t.Fatal(err)
	}
	for _, pair := range []string{"validly issued", "fully paid", "paid and", "and nonassessable", "binding obligations"} {
		found := false
		for _, sh := range g.shards {
			found = found || len(sh.pairs.lookup([]byte(pair))) > 0
		}
		if !found {
			t.Errorf("no word pair %q", pair)
		}
	}
	for _, sh := range g.shards {
		if len(sh.pairs.lookup([]byte("issued validly"))) > 0 {
			t.Error("pair in the wrong order found")
		}
	}
	g.release()
	notWant := map[string][]string{
		fPhrase: {"validly issued"},
		fBody:   {"the", "are", "nonassessable"}, // stop words dropped; only stems
		fFirm:   {"watkin"},                      // names are not stemmed
		"_all":  {"latham", "issu", "nonassess"}, // nothing goes to the composite field
	}
	for field, terms := range notWant {
		got := fieldTerms(t, s, field)
		for _, term := range terms {
			if got[term] {
				t.Errorf("field %s has term %q", field, term)
			}
		}
	}

	// date as a datetime, shares as a number: range queries work on them.
	tr := true
	dq := query.NewDateRangeInclusiveQuery(time.Date(2021, 1, 1, 0, 0, 0, 0, time.UTC), time.Date(2021, 12, 31, 0, 0, 0, 0, time.UTC), &tr, &tr)
	dq.SetField(fDate)
	lo, hi := 4000.0, 6000.0
	nq := query.NewNumericRangeInclusiveQuery(&lo, &hi, &tr, &tr)
	nq.SetField(fShares)
	for name, q := range map[string]query.Query{"date": dq, "shares": nq} {
		res, err := s.cur.shards[0].idx.Search(bleveRequest(q))
		if err != nil {
			t.Fatal(err)
		}
		if res.Total != 1 || res.Hits[0].ID != "m1" {
			t.Errorf("%s range: %d hits, want m1 only", name, res.Total)
		}
	}
}

func keys(m map[string]bool) []string {
	var k []string
	for s := range m {
		k = append(k, s)
	}
	slices.Sort(k)
	if len(k) > 30 {
		k = k[:30]
	}
	return k
}

func TestRanking(t *testing.T) {
	site := t.TempDir()
	// One letter has the words side by side; others have them scattered,
	// more often.
	writePage(t, site, newLetter("adjacent", "Opinion", "2020-01-01", []string{"Cooley LLP"}, []string{"A Corp."}),
		"The shares will be validly issued.")
	for i := range 4 {
		writePage(t, site, newLetter(fmt.Sprintf("scattered%d", i), "Opinion", "2020-01-01", []string{"Cooley LLP"}, []string{"B Corp."}),
			"Validly formed and validly existing. The units were issued, and the notes issued, and warrants issued.")
	}
	// Three letters of one firm; others that merely mention its names.
	for i := range 3 {
		writePage(t, site, newLetter(fmt.Sprintf("harrow%d", i), "Opinion", "2019-05-05", []string{"Harrow & Pike LLP"}, []string{"C Corp."}),
			"We have acted as counsel to the Company. "+opinion)
	}
	for i := range 6 {
		writePage(t, site, newLetter(fmt.Sprintf("mention%d", i), "Opinion", "2021-05-05", []string{"Other Firm LLP"}, []string{"Pike Industries Inc."}),
			"The Company's office is on Harrow Road near Pike Street; Harrow and Pike, Harrow and Pike, Harrow Pike. "+opinion)
	}
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)

	res := mustSearch(t, s, Request{Q: "validly issued"})
	if len(res.Hits) == 0 || res.Hits[0].ID != "adjacent" {
		t.Errorf("validly issued: first hit %v, want the letter with the words together", hitIDs(res))
	}
	res = mustSearch(t, s, Request{Q: `"validly issued"`})
	if ids := hitIDs(res); !slices.Contains(ids, "adjacent") || slices.ContainsFunc(ids, func(id string) bool { return strings.HasPrefix(id, "scattered") }) {
		t.Errorf(`"validly issued": %v; want the phrase matches only`, ids)
	}

	for _, q := range []string{`firm:"Harrow & Pike LLP"`, `Harrow & Pike`, `harrow pike llp`, `firm:harrow`} {
		res := mustSearch(t, s, Request{Q: q})
		ids := hitIDs(res)
		if len(ids) < 3 {
			t.Errorf("%s: %v", q, ids)
			continue
		}
		for _, id := range ids[:3] {
			if !strings.HasPrefix(id, "harrow") {
				t.Errorf("%s: top hits %v, want the firm's three letters first", q, ids)
				break
			}
		}
		if strings.HasPrefix(q, "firm:") && res.Total != 3 {
			t.Errorf("%s: %d letters, want 3", q, res.Total)
		}
	}
}

// TestFacets checks facet counts against counts made from the pages'
// front matter, read here with go-toml directly.
func TestFacets(t *testing.T) {
	site := t.TempDir()
	r := rand.New(rand.NewPCG(3, 4))
	firms := []string{"Alpha LLP", "Beta & Gamma LLP", "Delta LLP", "Epsilon P.C.", "Zeta LLP", "Eta Law"}
	issuers := []string{"One Inc.", "Two Corp.", "Three plc", "Four N.V.", "Five Ltd."}
	forms := []string{"S-8", "S-3", "S-1", "8-K"}
	laws := []string{"Delaware", "New York", "Nevada", "Maryland"}
	for i := range 240 {
		l := newLetter(fmt.Sprintf("f%03d", i), "Opinion", fmt.Sprintf("%d-%02d-15", 2010+r.IntN(8), 1+r.IntN(12)), nil, nil)
		l.Firms = []string{firms[r.IntN(len(firms))]}
		if r.IntN(5) == 0 {
			l.Firms = append(l.Firms, firms[(slices.Index(firms, l.Firms[0])+1)%len(firms)])
		}
		l.Issuers = []string{issuers[r.IntN(len(issuers))]}
		l.Forms = []string{forms[r.IntN(len(forms))]}
		l.Jurisdictions = []string{laws[r.IntN(len(laws))]}
		if i%7 == 0 {
			l.Date, l.Years = "", nil
		}
		body := opinion
		if r.IntN(3) == 0 {
			body += " The quokka clause applies."
		}
		writePage(t, site, l, body)
	}
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)

	type fm struct {
		Date          string   `toml:"date"`
		Firms         []string `toml:"firms"`
		Issuers       []string `toml:"issuers"`
		Forms         []string `toml:"forms"`
		Jurisdictions []string `toml:"jurisdictions"`
		Years         []string `toml:"years"`
	}
	type page struct {
		fm   fm
		body string
	}
	var pages []page
	root := filepath.Join(site, "content", "letters")
	ents, _ := os.ReadDir(root)
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(root, e.Name(), "index.md"))
		if err != nil {
			t.Fatal(err)
		}
		parts := bytes.SplitN(b, []byte("+++\n"), 3)
		var p page
		if err := toml.Unmarshal(parts[1], &p.fm); err != nil {
			t.Fatal(err)
		}
		p.body = string(parts[2])
		pages = append(pages, p)
	}
	count := func(keep func(page) bool) map[string]map[string]int {
		c := map[string]map[string]int{"firm": {}, "issuer": {}, "form": {}, "jurisdiction": {}, "year": {}}
		for _, p := range pages {
			if !keep(p) {
				continue
			}
			for k, vs := range map[string][]string{"firm": p.fm.Firms, "issuer": p.fm.Issuers, "form": p.fm.Forms, "jurisdiction": p.fm.Jurisdictions, "year": p.fm.Years} {
				for _, v := range vs {
					c[k][v]++
				}
			}
		}
		return c
	}
	check := func(name string, r Request, keep func(page) bool) {
		t.Helper()
		res := mustSearch(t, s, r)
		want := count(keep)
		n := 0
		for _, p := range pages {
			if keep(p) {
				n++
			}
		}
		if res.Total != n {
			t.Errorf("%s: total %d, want %d", name, res.Total, n)
		}
		for k, w := range want {
			got := map[string]int{}
			for _, fc := range res.Facets[k] {
				got[fc.Term] = fc.Count
			}
			if fmt.Sprint(got) != fmt.Sprint(w) {
				t.Errorf("%s: facet %s = %v, want %v", name, k, got, w)
			}
		}
	}
	all := func(page) bool { return true }
	check("everything", Request{}, all)
	check("word", Request{Q: "quokka"}, func(p page) bool { return strings.Contains(p.body, "quokka") })
	check("phrase", Request{Q: `"fully paid"`}, all)
	check("firm filter", Request{Firm: "Beta & Gamma LLP"}, func(p page) bool { return slices.Contains(p.fm.Firms, "Beta & Gamma LLP") })
	check("word, form and dates", Request{Q: "quokka", Form: "S-3", From: "2012-01-01", To: "2014-12-31"}, func(p page) bool {
		return strings.Contains(p.body, "quokka") && slices.Contains(p.fm.Forms, "S-3") && p.fm.Date >= "2012-01-01" && p.fm.Date <= "2014-12-31" && p.fm.Date != ""
	})
	check("query language", Request{Q: "-quokka law:nevada year:2011..2013"}, func(p page) bool {
		return !strings.Contains(p.body, "quokka") && slices.Contains(p.fm.Jurisdictions, "Nevada") && len(p.fm.Years) > 0 && p.fm.Years[0] >= "2011" && p.fm.Years[0] <= "2013"
	})
	check("unknown firm", Request{Firm: "Nobody LLP"}, func(page) bool { return false })

	// Paging and sorting by date.
	res := mustSearch(t, s, Request{Sort: "date", Size: 7, Page: 2})
	if len(res.Hits) != 7 {
		t.Fatalf("page 2: %d hits", len(res.Hits))
	}
	for i := 1; i < len(res.Hits); i++ {
		if res.Hits[i-1].Date < res.Hits[i].Date {
			t.Errorf("sort=date: %s before %s", res.Hits[i-1].Date, res.Hits[i].Date)
		}
	}
	if res := mustSearch(t, s, Request{Size: 1000}); len(res.Hits) != maxSize {
		t.Errorf("size 1000: %d hits, want the cap %d", len(res.Hits), maxSize)
	}
}

func TestIncremental(t *testing.T) {
	site := t.TempDir()
	for i := range 20 {
		writePage(t, site, newLetter(fmt.Sprintf("i%02d", i), "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion)
	}
	st := mustUpdate(t, site, UpdateOptions{})
	if st.Added != 20 {
		t.Fatalf("first update: %+v", st)
	}
	if need, err := NeedsUpdate(site); err != nil || need {
		t.Fatalf("NeedsUpdate after update = %v, %v", need, err)
	}
	gen1, _ := readPointer(Dir(site))

	// Change one page.
	future := time.Now().Add(2 * time.Second)
	writePage(t, site, newLetter("i07", "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion+" A wombat clause.")
	os.Chtimes(filepath.Join(site, "content", "letters", "i07", "index.md"), future, future)
	if need, _ := NeedsUpdate(site); !need {
		t.Error("NeedsUpdate = false after a page changed")
	}
	st = mustUpdate(t, site, UpdateOptions{})
	if st.Updated != 1 || st.Unchanged != 19 || st.Added+st.Deleted != 0 {
		t.Errorf("after changing one page: %+v", st)
	}
	gen2, _ := readPointer(Dir(site))
	if gen2 == gen1 {
		t.Fatal("no new generation")
	}
	// The unchanged letters were not indexed again: the new generation
	// shares the old one's segment files.
	if !sharesSegments(t, gen1, gen2) {
		t.Error("the update rebuilt the index instead of patching it")
	}
	s := mustOpen(t, site)
	if res := mustSearch(t, s, Request{Q: "wombat"}); res.Total != 1 || res.Hits[0].ID != "i07" {
		t.Errorf("wombat: %v", hitIDs(res))
	}

	// Touched, same bytes: nothing to index.
	p := filepath.Join(site, "content", "letters", "i03", "index.md")
	later := future.Add(time.Second)
	os.Chtimes(p, later, later)
	if st = mustUpdate(t, site, UpdateOptions{}); st.Updated+st.Added+st.Deleted != 0 || st.Unchanged != 20 {
		t.Errorf("after touching a page: %+v", st)
	}
	if g, _ := readPointer(Dir(site)); g != gen2 {
		t.Error("touching a page made a new generation")
	}

	// Delete one, break one.
	os.RemoveAll(filepath.Join(site, "content", "letters", "i07"))
	os.WriteFile(filepath.Join(site, "content", "letters", "i09", "index.md"), []byte("no front matter"), 0o644)
	st, err := Update(context.Background(), site, UpdateOptions{})
	if err == nil || !strings.Contains(err.Error(), filepath.Join("i09", "index.md")) {
		t.Errorf("broken page: err = %v, want one naming i09/index.md", err)
	}
	if st.Deleted != 2 || st.Unchanged != 18 {
		t.Errorf("after deleting one page and breaking one: %+v", st)
	}
	s.every = 0
	res := mustSearch(t, s, Request{Size: 100})
	if res.Total != 18 || slices.Contains(hitIDs(res), "i07") || slices.Contains(hitIDs(res), "i09") {
		t.Errorf("after delete: %d letters %v", res.Total, hitIDs(res))
	}
	if res := mustSearch(t, s, Request{Q: "wombat"}); res.Total != 0 {
		t.Errorf("deleted letter still found")
	}

	// Rebuild gives the same answers.
	st = mustUpdateAllowBad(t, site, UpdateOptions{Rebuild: true})
	if st.Unchanged != 18 {
		t.Errorf("rebuild: %+v", st)
	}
	if res := mustSearch(t, s, Request{Q: "validly"}); res.Total != 18 {
		t.Errorf("after rebuild: %d", res.Total)
	}
	if gens, _ := generations(Dir(site)); len(gens) > 2 {
		t.Errorf("%d generations kept, want at most 2", len(gens))
	}
}

func mustUpdateAllowBad(t *testing.T, site string, opt UpdateOptions) UpdateStats {
	t.Helper()
	st, err := Update(context.Background(), site, opt)
	if err != nil && st == (UpdateStats{}) {
		t.Fatal(err)
	}
	return st
}

func sharesSegments(t *testing.T, a, b string) bool {
	zaps, _ := filepath.Glob(filepath.Join(a, "shard-*", "store", "*.zap"))
	for _, z := range zaps {
		rel, _ := filepath.Rel(a, z)
		fa, err1 := os.Stat(z)
		fb, err2 := os.Stat(filepath.Join(b, rel))
		if err1 == nil && err2 == nil && os.SameFile(fa, fb) {
			return true
		}
	}
	return false
}

// TestSwap: a Searcher open during rebuilds keeps answering, from the old
// index or the new, and then sees the new one without being reopened.
func TestSwap(t *testing.T) {
	site := t.TempDir()
	write := func(n int, word string) {
		os.RemoveAll(filepath.Join(site, "content", "letters"))
		for i := range n {
			writePage(t, site, newLetter(fmt.Sprintf("s%03d", i), "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion+" "+word)
		}
	}
	write(50, "aardvark")
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	s.every = 0

	var stop atomic.Bool
	var wg sync.WaitGroup
	var searches atomic.Int64
	errs := make(chan error, 100)
	for range 3 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for !stop.Load() {
				res, err := s.Search(context.Background(), Request{Q: "validly"})
				if err != nil {
					errs <- err
					return
				}
				if res.Total != 50 && res.Total != 80 && res.Total != 30 {
					errs <- fmt.Errorf("total %d: a half-built index", res.Total)
					return
				}
				searches.Add(1)
			}
		}()
	}
	// While one search opens the new generation, others are answered from
	// the old one; so the new data shows within moments, not instantly.
	eventually := func(q string, want int) {
		t.Helper()
		deadline := time.Now().Add(5 * time.Second)
		for {
			res := mustSearch(t, s, Request{Q: q})
			if res.Total == want {
				return
			}
			if time.Now().After(deadline) {
				t.Errorf("after the swap: %d letters with %s, want %d", res.Total, q, want)
				return
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	write(80, "badger")
	mustUpdate(t, site, UpdateOptions{Rebuild: true})
	eventually("badger", 80)
	write(30, "coyote")
	mustUpdate(t, site, UpdateOptions{})
	eventually("coyote", 30)
	stop.Store(true)
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	t.Logf("%d searches during two swaps", searches.Load())
}

func TestBadQueries(t *testing.T) {
	site := t.TempDir()
	writePage(t, site, newLetter("b1", "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion)
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	bad := []Request{
		{Q: `"unterminated phrase`},
		{Q: `*issued`},
		{Q: `?ssued`},
		{Q: `i*`},
		{Q: `/.*/`},
		{Q: `/a.*/`},
		{Q: `/[a-z]+ssued/`},
		{Q: `/(unclosed/`},
		{Q: `/unterminated`},
		{Q: strings.Repeat("validly ", 1300)},
		{Q: strings.Repeat("a ", 70)},
		{Q: `date:2020-13-45`},
		{Q: `date:yesterday`},
		{Q: `date:2021..2019`},
		{Q: `year:abc`},
		{Q: `issued~3`},
		{Q: `is~`},
		{Q: `color:red`},
		{Q: `firm:`},
		{Q: `NOT`},
		{Q: "\xff\xfe"},
		{Q: "issued", Sort: "random"},
		{Q: "issued", From: "2020/01/01"},
		{Q: "issued", To: "soon"},
		{Q: "issued", Page: 10000},
	}
	for _, r := range bad {
		_, err := s.Search(context.Background(), r)
		if !errors.Is(err, ErrBadQuery) {
			t.Errorf("%.60q: err = %v, want ErrBadQuery", fmt.Sprintf("%+v", r), err)
		} else if len(err.Error()) < 15 {
			t.Errorf("%q: unclear message %q", r.Q, err)
		}
	}
	good := map[string]int{
		`/nonass.*/`: 1, `nonass*`: 1, `valid*`: 1, `form:s-?`: 1, `date:2019..2021`: 1, `date:>=2020-02-02`: 1, `date:<2020-02-02`: 0,
		`issued AND shares`: 1, `issued NOT shares`: 0, `+issued -nothing`: 1, `vallidly~2`: 1, `"validly issued"`: 1,
		`- issued`: 1, `form:s-8`: 1, `law:delaware`: 1, `law:"new york"`: 0, `issuer:"A Inc."`: 1, `year:2020`: 1,
		`the`: 0, `+zzzqqq validly`: 0, `+the validly`: 1, `firm:zzzqqq validly`: 0, `Re: shares`: 1, `https://www.sec.gov/`: 0, `"` + strings.Repeat("x", 20) + `"`: 0,
	}
	for q, n := range good {
		res, err := s.Search(context.Background(), Request{Q: q})
		if err != nil {
			t.Errorf("%q: %v", q, err)
		} else if res.Total != n {
			t.Errorf("%q: %d letters, want %d", q, res.Total, n)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := s.Search(ctx, Request{Q: "issued"}); !errors.Is(err, context.Canceled) {
		t.Errorf("cancelled search: err = %v", err)
	}
}

// TestNames: names that break naive front matter, markup or text handling
// come back exactly as written, in hits, facets, filters and suggestions.
func TestNames(t *testing.T) {
	site := t.TempDir()
	names := []string{
		`O'Brien "Big" Law LLP`,
		"Line\nBreak LLP",
		"+++ Triple Plus LLP",
		`"""Triple Quoted""" & Co.`,
		`Back\slash \u0041 LLP`,
		"Rocket 🚀 Capital Inc.",
		"\u200fشركة المثال\u200e Holdings",
		"Cafe\u0301 Noe\u0308l S.A.",
		"<script>alert(1)</script> LLP",
		"  Spaced  Out  LLP ",
	}
	for i, n := range names {
		l := newLetter(fmt.Sprintf("n%02d", i), "Opinion about "+n, "2022-02-02", []string{n}, []string{n + " Issuer"})
		writePage(t, site, l, opinion+" Counsel: "+n)
	}
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	facets := map[string]bool{}
	for _, fc := range mustSearch(t, s, Request{}).Facets["firm"] {
		facets[fc.Term] = true
	}
	for i, n := range names {
		id := fmt.Sprintf("n%02d", i)
		res := mustSearch(t, s, Request{Firm: n})
		if res.Total != 1 || res.Hits[0].ID != id {
			t.Errorf("firm filter %q: %v", n, hitIDs(res))
			continue
		}
		h := res.Hits[0]
		if len(h.Firms) != 1 || h.Firms[0] != n || h.Issuers[0] != n+" Issuer" || h.Title != "Opinion about "+n {
			t.Errorf("hit for %q: firms %q issuers %q title %q", n, h.Firms, h.Issuers, h.Title)
		}
		if !facets[n] {
			t.Errorf("facet term %q missing", n)
		}
		for _, f := range h.Fragments["body"] {
			if strings.Contains(f, "<script") {
				t.Errorf("unescaped fragment %q", f)
			}
		}
		word := strings.Fields(strings.Trim(n, "\u200f\u200e\"+ <"))[0]
		sg, err := s.Suggest(context.Background(), word, 50)
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, g := range sg {
			found = found || g.Field == "firm" && g.Name == n
		}
		if !found {
			t.Errorf("Suggest(%q) = %v, want %q", word, sg, n)
		}
	}
	if res := mustSearch(t, s, Request{Q: `firm:"Rocket 🚀 Capital"`}); res.Total != 1 || res.Hits[0].Firms[0] != names[5] {
		t.Errorf("firm: query with an emoji: %v", hitIDs(res))
	}
	if res := mustSearch(t, s, Request{Q: `firm:"شركة المثال"`}); res.Total != 1 {
		t.Errorf("firm: query in Arabic: %v", hitIDs(res))
	}
}

func TestSuggest(t *testing.T) {
	site := t.TempDir()
	for i := range 5 {
		writePage(t, site, newLetter(fmt.Sprintf("g%d", i), "Opinion", "2020-02-02", []string{"Wachtell, Lipton, Rosen & Katz"}, []string{"Waste Management, Inc."}), opinion)
	}
	writePage(t, site, newLetter("g9", "Opinion", "2020-02-02", []string{"Kirkland & Ellis LLP"}, []string{"Wabash National Corp."}), opinion)
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	sg, err := s.Suggest(context.Background(), "wa", 10)
	if err != nil {
		t.Fatal(err)
	}
	got := fmt.Sprint(sg)
	want := "[{firm Wachtell, Lipton, Rosen & Katz 5} {issuer Waste Management, Inc. 5} {issuer Wabash National Corp. 1}]"
	if got != want {
		t.Errorf("Suggest(wa) = %s, want %s", got, want)
	}
	if sg, _ := s.Suggest(context.Background(), "ell", 10); len(sg) != 1 || sg[0].Name != "Kirkland & Ellis LLP" {
		t.Errorf("Suggest(ell) = %v: a word of the name should match", sg)
	}
}

func TestOpenMissing(t *testing.T) {
	if _, err := Open(t.TempDir()); !errors.Is(err, ErrNoIndex) {
		t.Errorf("Open on a site without index: %v", err)
	}
	if need, err := NeedsUpdate(t.TempDir()); !need || err != nil {
		t.Errorf("NeedsUpdate on a site without index = %v, %v", need, err)
	}
}

func bleveRequest(q query.Query) *bleve.SearchRequest { return bleve.NewSearchRequest(q) }

func TestEmptySite(t *testing.T) {
	site := t.TempDir()
	st := mustUpdate(t, site, UpdateOptions{})
	if st != (UpdateStats{Took: st.Took}) {
		t.Errorf("empty site: %+v", st)
	}
	s := mustOpen(t, site)
	if res := mustSearch(t, s, Request{Q: "validly"}); res.Total != 0 || len(res.Hits) != 0 {
		t.Errorf("empty index: %+v", res)
	}
	writePage(t, site, newLetter("e1", "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion)
	mustUpdate(t, site, UpdateOptions{})
	s.every = 0
	deadline := time.Now().Add(5 * time.Second)
	for mustSearch(t, s, Request{Q: "validly"}).Total != 1 {
		if time.Now().After(deadline) {
			t.Fatal("first letter never found")
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// TestExpansionLimit: a wildcard standing for too many words is refused.
func TestExpansionLimit(t *testing.T) {
	site := t.TempDir()
	writePage(t, site, newLetter("x1", "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), "wolf wombat wonder worm wound word work world worry worth woven")
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	old := searcher.DisjunctionMaxClauseCount
	searcher.DisjunctionMaxClauseCount = 6
	defer func() { searcher.DisjunctionMaxClauseCount = old }()
	if _, err := s.Search(context.Background(), Request{Q: "wo*"}); !errors.Is(err, ErrBadQuery) || !strings.Contains(err.Error(), "more specific") {
		t.Errorf("wo* over 11 words with a limit of 6: %v", err)
	}
	if res := mustSearch(t, s, Request{Q: "wom*"}); res.Total != 1 {
		t.Errorf("wom*: %d", res.Total)
	}
}

// TestDamagedGeneration: when the current generation cannot be opened,
// Open serves the previous one, and the next update repairs the index.
func TestDamagedGeneration(t *testing.T) {
	site := t.TempDir()
	writePage(t, site, newLetter("d1", "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion)
	mustUpdate(t, site, UpdateOptions{})
	writePage(t, site, newLetter("d2", "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), opinion)
	mustUpdate(t, site, UpdateOptions{})
	cur, _ := readPointer(Dir(site))
	if err := os.WriteFile(filepath.Join(cur, docsName), []byte("garbage"), 0o644); err != nil {
		t.Fatal(err)
	}
	s := mustOpen(t, site)
	if res := mustSearch(t, s, Request{}); res.Total != 1 {
		t.Errorf("serving the previous generation: %d letters, want 1", res.Total)
	}
	mustUpdate(t, site, UpdateOptions{})
	s2 := mustOpen(t, site)
	if res := mustSearch(t, s2, Request{}); res.Total != 2 {
		t.Errorf("after the repairing update: %d letters, want 2", res.Total)
	}
}

// TestResultCache: answers from the result cache are the answers without it.
func TestResultCache(t *testing.T) {
	site := t.TempDir()
	for i := range 60 {
		writePage(t, site, newLetter(fmt.Sprintf("c%02d", i), "Opinion", fmt.Sprintf("20%02d-01-01", 10+i%10), []string{fmt.Sprintf("Firm %d LLP", i%4)}, []string{"A Inc."}),
			opinion+strings.Repeat(" issued", i%7))
	}
	mustUpdate(t, site, UpdateOptions{})
	cached := mustOpen(t, site)
	t.Setenv("EXHIBITS_SEARCH_CACHE", "0")
	cold := mustOpen(t, site)
	reqs := []Request{
		{Q: "issued", Size: 10}, {Q: "issued", Size: 10}, {Q: "issued", Size: 10, Page: 3}, {Q: "issued", Size: 5, Page: 2},
		{Q: "issued", Firm: "Firm 1 LLP"}, {Q: "issued", Sort: "date", Size: 7, Page: 4}, {Sort: "date"}, {},
	}
	for _, r := range reqs {
		a, b := mustSearch(t, cached, r), mustSearch(t, cold, r)
		a.Took, b.Took = 0, 0
		if fmt.Sprint(a) != fmt.Sprint(b) {
			t.Errorf("%+v: cached answer differs:\n%v\n%v", r, a, b)
		}
	}
	if cached.cur.cache.hits.Load() == 0 {
		t.Error("the cache was never used")
	}
	// The caller may change what it got without changing the cache.
	res := mustSearch(t, cached, Request{Q: "issued", Size: 10})
	res.Facets["firm"][0].Count = -1
	if res := mustSearch(t, cached, Request{Q: "issued", Size: 10}); res.Facets["firm"][0].Count < 0 {
		t.Error("a caller's change reached the cache")
	}
}
