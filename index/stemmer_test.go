package index

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/token/porter"

	"github.com/exhibits/exhibits/internal/letter"
)

// TestCachedStemmerAgreesWithPorter: every word of the sample letters gets
// Bleve's Porter stem, the first time (stemmed) and the second (cached).
func TestCachedStemmerAgreesWithPorter(t *testing.T) {
	pages, _ := filepath.Glob(filepath.Join("..", "content", "letters", "*", "index.md"))
	if len(pages) == 0 {
		t.Skip("no sample letters")
	}
	s := &cachedStemmer{stems: map[string][]byte{}}
	words := 0
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, body, err := letter.Parse(b)
		if err != nil {
			t.Fatal(err)
		}
		want := porter.NewPorterStemmer().Filter(lowered(body))
		for round := range 2 {
			got := s.Filter(lowered(body))
			for i := range want {
				if string(got[i].Term) != string(want[i].Term) {
					t.Fatalf("%s round %d: stem %q, want %q", p, round, got[i].Term, want[i].Term)
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
	pages, _ := filepath.Glob(filepath.Join("..", "content", "letters", "*", "index.md"))
	if len(pages) == 0 {
		t.Skip("no sample letters")
	}
	an := newMapping().AnalyzerNamed(aPairs)
	for _, p := range append(pages, "") {
		body := "Ünïcode Straße: the U.S. holder’s ‘validly issued’ shares, 1,000\u200b000 of them."
		if p != "" {
			b, err := os.ReadFile(p)
			if err != nil {
				t.Fatal(err)
			}
			if _, body, err = letter.Parse(b); err != nil {
				t.Fatal(err)
			}
		}
		count := map[uint64]uint32{}
		toks := an.Analyze([]byte(body))
		for _, tok := range toks {
			count[pairHash(tok.Term)]++
		}
		got := analyzePairs(body).hashes
		if len(got) != len(toks) || len(toks) == 0 {
			t.Fatalf("%s: %d pairs, analyzer %d", p, len(got), len(toks))
		}
		for i, h := range got {
			if h != pairHash(toks[i].Term) {
				t.Fatalf("%s: pair %d is %x, analyzer's %q", p, i, h, toks[i].Term)
			}
		}
	}
}
