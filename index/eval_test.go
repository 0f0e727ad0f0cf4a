package index

import (
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/search"
	bindex "github.com/blevesearch/bleve_index_api"
)

// TestEvaluatorAgreesWithBleve runs queries of every kind the language has
// over the repository's sample letters both ways, through the evaluator and
// through Bleve's own searchers, and wants the same letters with the same
// scores. Bleve's side is a reference index per shard that also holds the
// word pairs as a Bleve field, as the index once did: the pairs files must
// answer exactly as that field would.
func TestEvaluatorAgreesWithBleve(t *testing.T) {
	site, _ := sampleSite(t)
	mustUpdate(t, site, UpdateOptions{})
	queries := []string{
		"shares", "validly", "nonassessable delaware", "registration statement",
		`"validly issued"`, `"fully paid and nonassessable"`, `"no such phrase here"`,
		"+plan -delaware", "-shares", "+opinion +warrants", "trust~1", "regist*", "opin?on",
		`firm:"Marlow Keane LLP"`, "firm:marlow", `issuer:"Quillfeather Systems"`, "plan:401(k)",
		"form:s-8", "form:S-*", "law:new-york", "law:delaware shares", "year:2020..2024",
		"date:2023-01..2023-12 shares", "/regi[a-z]+/", "Marlow Keane", "notaword",
		"the", "delaware -form:s-3 +year:2024",
	}
	if matched := agreeWithBleve(t, site, queries); matched < len(queries)*2/3 {
		t.Errorf("only %d of %d queries matched anything", matched, len(queries))
	}
	// Word pairs put in document order the other way.
	defer func(n int) { pairsScatterMin = n }(pairsScatterMin)
	pairsScatterMin = 0
	agreeWithBleve(t, site, queries)
}

// TestPairsAfterUpdate: after an incremental update that changes, deletes
// and adds letters, phrases still find exactly what the reference finds:
// the new wording of a changed letter, nothing of a deleted one.
func TestPairsAfterUpdate(t *testing.T) {
	site, _ := sampleSite(t)
	mustUpdate(t, site, UpdateOptions{})
	pages, err := scanPages(site)
	if err != nil || len(pages) < 3 {
		t.Fatalf("%d sample pages, %v", len(pages), err)
	}
	b, err := os.ReadFile(pages[0].path)
	if err != nil {
		t.Fatal(err)
	}
	changed := strings.Replace(string(b), "validly issued", "duly and validly authorized and issued", 1) + "\nA quixotic zebra phrase.\n"
	if err := os.WriteFile(pages[0].path, []byte(changed), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.RemoveAll(filepath.Dir(pages[1].path)); err != nil {
		t.Fatal(err)
	}
	l := newLetter("new-letter", "A new letter", "2024-05-06", []string{"Zed & Co LLP"}, []string{"Newco Inc."})
	writePage(t, site, l, "The Shares are validly issued. A quixotic zebra phrase again.")
	st := mustUpdate(t, site, UpdateOptions{})
	if st.Updated != 1 || st.Deleted != 1 || st.Added != 1 {
		t.Fatalf("update: %+v, want one changed, deleted and added", st)
	}
	queries := []string{`"validly issued"`, `"quixotic zebra phrase"`, `"validly authorized"`, `"fully paid and nonassessable"`, "validly issued"}
	for _, scatter := range []int{0, 1 << 30} {
		defer func(n int) { pairsScatterMin = n }(pairsScatterMin)
		pairsScatterMin = scatter
		if matched := agreeWithBleve(t, site, queries); matched != len(queries) {
			t.Errorf("only %d of %d queries matched anything", matched, len(queries))
		}
	}
	s := mustOpen(t, site)
	res := mustSearch(t, s, Request{Q: `"quixotic zebra phrase"`})
	if ids := hitIDs(res); len(ids) != 2 || !slices.Contains(ids, "new-letter") || !slices.Contains(ids, pages[0].id) {
		t.Errorf("quixotic zebra phrase found in %v", ids)
	}
}

// agreeWithBleve compares the evaluator with Bleve's searchers on queries
// and returns how many queries matched something.
func agreeWithBleve(t *testing.T, site string, queries []string) int {
	t.Helper()
	s := mustOpen(t, site)
	g, err := s.generation()
	if err != nil {
		t.Fatal(err)
	}
	defer g.release()
	refs := referenceShards(t, site, len(g.shards))
	matched := 0 // queries with matches: the comparison is not vacuous
	for _, q := range queries {
		some := false
		cl, err := parseQuery(q)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		c, err := compile(cl, g.hasTerm)
		if err != nil {
			t.Fatalf("%s: %v", q, err)
		}
		if c.q == nil {
			continue
		}
		for n, sh := range g.shards {
			want := map[string]float64{}
			ref := refs[n]
			sr, err := c.q.Searcher(t.Context(), ref, g.m, search.SearcherOptions{})
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			sctx := &search.SearchContext{DocumentMatchPool: search.NewDocumentMatchPool(sr.DocumentMatchPoolSize()+1, 0)}
			for {
				dm, err := sr.Next(sctx)
				if err != nil {
					t.Fatal(err)
				}
				if dm == nil {
					break
				}
				id, err := ref.ExternalID(dm.IndexInternalID)
				if err != nil {
					t.Fatal(err)
				}
				want[id] = dm.Score
			}
			sr.Close()

			e, err := newEvaluator(t.Context(), sh, g.m)
			if err != nil {
				t.Fatal(err)
			}
			got, err := e.eval(c.q)
			if err != nil {
				t.Fatalf("%s: %v", q, err)
			}
			if got.len() != len(want) {
				t.Errorf("%s (shard %d): %d matches, Bleve %d", q, n, got.len(), len(want))
			}
			// Bleve multiplies every score of a query by one query norm
			// (1/√ of the summed squared clause weights), which ranks
			// nothing differently: compare scores up to that factor.
			norm := 0.0
			for i, d := range got.docs {
				id := g.tab.recs[sh.rows[d]].ID
				w, ok := want[id]
				if !ok {
					t.Errorf("%s: %s matched, not by Bleve", q, id)
					continue
				}
				s := float64(got.scores[i])
				if norm == 0 && s != 0 {
					norm = w / s
				}
				if math.Abs(s*norm-w) > 1e-5*math.Max(1e-3, math.Abs(w)) {
					t.Errorf("%s: %s score %g (×%g), Bleve %g", q, id, s, norm, w)
				}
			}
			some = some || len(want) > 0
			got.free()
		}
		if some {
			matched++
		}
	}
	return matched
}

// referenceShards indexes the site's letters into one in-memory Bleve index
// per shard, word pairs included as a Bleve field, and returns readers.
func referenceShards(t *testing.T, site string, shards int) []bindex.IndexReader {
	pages, err := scanPages(site)
	if err != nil {
		t.Fatal(err)
	}
	refs := make([]bindex.IndexReader, shards)
	for n := range refs {
		idx, err := bleve.NewMemOnly(newMapping())
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { idx.Close() })
		for _, pg := range pages {
			p := parsePage(pg)
			if p.err != nil || shardOf(p.rec.ID, shards) != n {
				continue
			}
			p.doc[fPhrase] = p.doc[fBody]
			if err := idx.Index(p.rec.ID, p.doc); err != nil {
				t.Fatal(err)
			}
		}
		adv, err := idx.Advanced()
		if err != nil {
			t.Fatal(err)
		}
		if refs[n], err = adv.Reader(); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { refs[n].Close() })
	}
	return refs
}
