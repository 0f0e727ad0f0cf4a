package index

import (
	"strings"
	"testing"

	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
)

func terms(ts []string) string { return strings.Join(ts, "|") }

func TestWordsTokenizer(t *testing.T) {
	for in, want := range map[string]string{
		"The Company's shares, $0.001 par value; 1,000,000 shares.": "The|Company's|shares|0.001|par|value|1,000,000|shares",
		"U.S. GAAP, Form S-8 (No. 333-123456) rock'n'roll":          "U.S|GAAP|Form|S|8|No|333|123456|rock'n'roll",
		"non‑assessable — “validly” issued…":                        "non|assessable|validly|issued",
		"Café Noël, naïve, Müller & Söhne":                          "Café|Noël|naïve|Müller|Söhne",
		"Rocket 🚀 Capital; شركة المثال; 東京都":                        "Rocket|Capital|شركة|المثال|東|京|都",
		"snake_case a.b 1.5 a.1 end.":                               "snake_case|a.b|1.5|a|1|end",
		"":                                                          "",
		"'quoted' trailing' .5 5.":                                  "quoted|trailing|5|5",
	} {
		var got []string
		for _, tok := range (wordsTokenizer{}).Tokenize([]byte(in)) {
			got = append(got, string(tok.Term))
			if string(in[tok.Start:tok.End]) != string(tok.Term) {
				t.Errorf("%q: token %q at %d:%d", in, tok.Term, tok.Start, tok.End)
			}
		}
		if terms(got) != want {
			t.Errorf("%q:\n got %s\nwant %s", in, terms(got), want)
		}
	}
}

// TestWordsTokenizerAgreesWithUnicode: on real letters the fast tokenizer
// finds the same words as Bleve's Unicode (UAX #29) tokenizer.
func TestWordsTokenizerAgreesWithUnicode(t *testing.T) {
	same, total := 0, 0
	for _, body := range sampleBodies(t) {
		count := map[string]int{}
		for _, tok := range unicode.NewUnicodeTokenizer().Tokenize([]byte(body)) {
			count[string(tok.Term)]++
			total++
		}
		for _, tok := range (wordsTokenizer{}).Tokenize([]byte(body)) {
			if count[string(tok.Term)] > 0 {
				count[string(tok.Term)]--
				same++
			}
		}
	}
	if float64(same) < 0.995*float64(total) {
		t.Errorf("only %d of %d words the same as the Unicode tokenizer's", same, total)
	}
	t.Logf("%d of %d words the same", same, total)
}
