package index

import (
	"math"
	"testing"

	"github.com/blevesearch/bleve/v2/search"
)

// TestEvaluatorAgreesWithBleve runs queries of every kind the language has
// over the repository's sample letters both ways, through the evaluator and
// through Bleve's own searchers, and wants the same letters with the same
// scores.
func TestEvaluatorAgreesWithBleve(t *testing.T) {
	site, _ := sampleSite(t)
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	g, err := s.generation()
	if err != nil {
		t.Fatal(err)
	}
	defer g.release()

	queries := []string{
		"shares", "validly", "nonassessable delaware", "registration statement",
		`"validly issued"`, `"fully paid and nonassessable"`, `"no such phrase here"`,
		"+plan -delaware", "-shares", "+opinion +warrants", "trust~1", "regist*", "opin?on",
		`firm:"Marlow Keane LLP"`, "firm:marlow", `issuer:"Quillfeather Systems"`, "plan:401(k)",
		"form:s-8", "form:S-*", "law:new-york", "law:delaware shares", "year:2020..2024",
		"date:2023-01..2023-12 shares", "/regi[a-z]+/", "Marlow Keane", "notaword",
		"the", "delaware -form:s-3 +year:2024",
	}
	matched := 0 // queries and shards with matches: the comparison is not vacuous
	for _, q := range queries {
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
			want := map[uint32]float64{}
			sr, err := c.q.Searcher(t.Context(), sh.reader, g.m, search.SearcherOptions{})
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
				num, _ := docNum(dm.IndexInternalID)
				want[uint32(num)] = dm.Score
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
				w, ok := want[d]
				if !ok {
					t.Errorf("%s: doc %d matched, not by Bleve", q, d)
					continue
				}
				s := float64(got.scores[i])
				if norm == 0 && s != 0 {
					norm = w / s
				}
				if math.Abs(s*norm-w) > 1e-5*math.Max(1e-3, math.Abs(w)) {
					t.Errorf("%s: doc %d score %g (×%g), Bleve %g", q, d, s, norm, w)
				}
			}
			if len(want) > 0 {
				matched++
			}
			got.free()
		}
	}
	if matched < len(queries)*len(g.shards)*2/3 {
		t.Errorf("only %d of %d query runs matched anything", matched, len(queries)*len(g.shards))
	}
}
