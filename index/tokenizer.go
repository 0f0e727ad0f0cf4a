package index

import (
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/registry"
)

// The tokenizer and the word-pair filter here do what Bleve's "unicode"
// tokenizer and "shingle" filter do for this archive's text, several times
// faster: tokenizing is most of the cost of indexing a letter.

const (
	wordsTokenizerType = "exhibits_words"
	pairsFilterType    = "exhibits_pairs"
)

func init() {
	check(registry.RegisterTokenizer(wordsTokenizerType, func(map[string]any, *registry.Cache) (analysis.Tokenizer, error) {
		return wordsTokenizer{}, nil
	}))
	check(registry.RegisterTokenFilter(pairsFilterType, func(map[string]any, *registry.Cache) (analysis.TokenFilter, error) {
		return pairsFilter{}, nil
	}))
}

type runeClass uint8

const (
	cNone   runeClass = iota
	cLetter           // letters (not ideographs)
	cDigit
	cMark  // combining marks: part of the word before them
	cIdeo  // Han, Hiragana, Katakana: one token each
	cUnder // '_' joins anything, as in UAX #29
)

func classOf(r rune) runeClass {
	if r < utf8.RuneSelf {
		switch {
		case 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
			return cLetter
		case '0' <= r && r <= '9':
			return cDigit
		case r == '_':
			return cUnder
		}
		return cNone
	}
	switch {
	case unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana):
		return cIdeo
	case unicode.IsLetter(r):
		return cLetter
	case unicode.IsDigit(r):
		return cDigit
	case unicode.In(r, unicode.Mn, unicode.Mc, unicode.Me):
		return cMark
	}
	return cNone
}

// wordsTokenizer splits text into words: runs of letters, digits and
// combining marks, joined across ' ’ and . between two letters or two
// digits (o'clock, U.S, 0.001) and across , and ; between digits (1,000).
type wordsTokenizer struct{}

func decodeAt(in []byte, i int) (rune, int) {
	if in[i] < utf8.RuneSelf {
		return rune(in[i]), 1
	}
	return utf8.DecodeRune(in[i:])
}

func (wordsTokenizer) Tokenize(in []byte) analysis.TokenStream {
	toks := make([]analysis.Token, 0, len(in)/7+1)
	eachWord(in, func(start, end int, typ analysis.TokenType) {
		toks = append(toks, analysis.Token{Start: start, End: end, Term: in[start:end], Position: len(toks) + 1, Type: typ})
	})
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}

// eachWord calls fn with the byte range and type of each word of in, in
// order: the words Tokenize makes tokens of.
func eachWord(in []byte, fn func(start, end int, typ analysis.TokenType)) {
	for i := 0; i < len(in); {
		r, n := decodeAt(in, i)
		c := classOf(r)
		if c == cNone || c == cMark {
			i += n
			continue
		}
		start := i
		i += n
		if c == cIdeo {
			fn(start, i, analysis.Ideographic)
			continue
		}
		numeric := c == cDigit
		prev := c
		for i < len(in) {
			r, n := decodeAt(in, i)
			c := classOf(r)
			if c == cLetter || c == cDigit || c == cMark || c == cUnder {
				if c == cLetter {
					numeric = false
				}
				if c != cMark {
					prev = c
				}
				i += n
				continue
			}
			if c != cNone || i+n >= len(in) {
				break
			}
			r2, n2 := decodeAt(in, i+n)
			next := classOf(r2)
			join := false
			switch r {
			case '\'', '’', '.':
				join = prev == next && (next == cLetter || next == cDigit)
			case ',', ';':
				join = prev == cDigit && next == cDigit
			}
			if !join {
				break
			}
			i += n + n2
			prev = next
		}
		typ := analysis.AlphaNumeric
		if numeric {
			typ = analysis.Numeric
		}
		fn(start, i, typ)
	}
}

// pairsFilter replaces a token stream with its adjacent pairs, "a b",
// "b c", ...: a phrase is then a conjunction of single terms.
type pairsFilter struct{}

func (pairsFilter) Filter(in analysis.TokenStream) analysis.TokenStream {
	if len(in) < 2 {
		return in[:0]
	}
	size := 0
	for i := 0; i+1 < len(in); i++ {
		size += len(in[i].Term) + 1 + len(in[i+1].Term)
	}
	slab := make([]byte, 0, size)
	toks := make([]analysis.Token, 0, len(in)-1)
	for i := 0; i+1 < len(in); i++ {
		a, b := in[i], in[i+1]
		if b.Position != a.Position+1 {
			continue
		}
		s := len(slab)
		slab = append(slab, a.Term...)
		slab = append(slab, ' ')
		slab = append(slab, b.Term...)
		toks = append(toks, analysis.Token{Start: a.Start, End: b.End, Term: slab[s:len(slab):len(slab)], Position: a.Position, Type: analysis.Shingle})
	}
	out := make(analysis.TokenStream, len(toks))
	for i := range toks {
		out[i] = &toks[i]
	}
	return out
}
