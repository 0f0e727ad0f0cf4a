package index

import (
	"bytes"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"
)

// TestCachedStemmerAgreesWithPorter: every word of the sample letters gets
// Bleve's Porter stem, the first time (stemmed) and the second (cached).
func TestCachedStemmerAgreesWithPorter(t *testing.T) {
	s := &cachedStemmer{stems: map[string][]byte{}}
	words := 0
	for n, body := range sampleBodies(t) {
		want := porter.NewPorterStemmer().Filter(lowered(body))
		for round := range 2 {
			got := s.Filter(lowered(body))
			for i := range want {
				if string(got[i].Term) != string(want[i].Term) {
					t.Fatalf("letter %d round %d: stem %q, want %q", n, round, got[i].Term, want[i].Term)
				}
			}
			words += len(got)
		}
	}
	if words == 0 || len(s.stems) == 0 {
		t.Fatalf("stemmed %d words, cached %d", words, len(s.stems))
	}
}

func lowered(text string) analysis.TokenStream {
	toks := wordsTokenizer{}.Tokenize([]byte(text))
	for _, tok := range toks {
		tok.Term = bytes.ToLower(tok.Term)
	}
	return toks
}

// TestAnalyzePairsAgrees: the pairs a letter is indexed under are the
// hashes of what the pair analyzer, which queries use, makes of it.
func TestAnalyzePairsAgrees(t *testing.T) {
	an := newMapping().AnalyzerNamed(aPairs)
	unicodeText := "Ünïcode Straße: the U.S. holder’s ‘validly issued’ shares, 1,000\u200b000 of them."
	for p, body := range append(sampleBodies(t), unicodeText) {
		count := map[uint64]uint32{}
		toks := an.Analyze([]byte(body))
		for _, tok := range toks {
			count[pairHash(tok.Term)]++
		}
		got := analyzePairs(body).hashes
		if len(got) != len(toks) || len(toks) == 0 {
			t.Fatalf("text %d: %d pairs, analyzer %d", p, len(got), len(toks))
		}
		for i, h := range got {
			if h != pairHash(toks[i].Term) {
				t.Fatalf("text %d: pair %d is %x, analyzer's %q", p, i, h, toks[i].Term)
			}
		}
	}
}
