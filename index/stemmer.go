package index

import (
	"bytes"
	"slices"
	"sync"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
	"github.com/blevesearch/go-porterstemmer"
)

// stemmerType is Bleve's Porter stemmer with a memory: letters use a small
// vocabulary over and over, and stemming a word (as runes, suffix by
// suffix) costs far more than looking up its stem.
const stemmerType = "exhibits_porter"

// maxStems bounds the memory; words past it are stemmed every time.
const maxStems = 1 << 18

type cachedStemmer struct {
	mu    sync.RWMutex
	stems map[string][]byte
}

func init() {
	s := &cachedStemmer{stems: map[string][]byte{}}
	check(registry.RegisterTokenFilter(stemmerType, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return s, nil
	}))
}

func (s *cachedStemmer) Filter(in analysis.TokenStream) analysis.TokenStream {
	for _, tok := range in {
		if tok.KeyWord {
			continue
		}
		s.mu.RLock()
		stem, ok := s.stems[string(tok.Term)]
		s.mu.RUnlock()
		if !ok {
			stem = slices.Clip(analysis.BuildTermFromRunes(porterstemmer.StemWithoutLowerCasing(bytes.Runes(tok.Term))))
			s.mu.Lock()
			if len(s.stems) < maxStems {
				s.stems[string(tok.Term)] = stem
			}
			s.mu.Unlock()
		}
		// Tokens share the stem's bytes: nothing downstream writes to a
		// term in place.
		tok.Term = stem
	}
	return in
}
