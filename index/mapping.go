package index

import (
	"bytes"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/lang/en"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/single"
	"github.com/blevesearch/bleve/v2/mapping"
	"github.com/blevesearch/bleve/v2/registry"

	"github.com/exhibits/exhibits/internal/letter"
)

// mappingVersion changes whenever the mapping or the document shape does;
// an index built with another version is rebuilt, not updated.
const mappingVersion = 5

// Field names in the Bleve index.
const (
	fTitle    = "title"   // English text
	fBody     = "body"    // English text, stored (for snippets), no term vectors
	fPhrase   = "phrase"  // word pairs of the body, in the shard's pairs file (pairs.go), not in Bleve
	fFirm     = "firm"    // names as text (with positions, for name phrases)
	fIssuer   = "issuer"  //
	fPlan     = "plan"    //
	fFirmKW   = "firm_kw" // names as lower-cased keywords
	fIssuerKW = "issuer_kw"
	fPlanKW   = "plan_kw"
	fForm     = "form" // lower-cased keywords
	fLaw      = "law"
	fYear     = "year"
	fDate     = "date"   // datetime
	fShares   = "shares" // number
)

// Analyzer names registered in the mapping.
const (
	aText  = "text"  // tokenize, possessives, lower case, stop words, Porter stemming
	aName  = "name"  // tokenize, lower case: names keep every word
	aPairs = "pairs" // tokenize, lower case, adjacent word pairs
	aKW    = "kw"    // the whole value, lower-cased
	chrFmt = "no_format_chars"
)

// Invisible format characters (bidi marks, soft hyphens, zero-width
// joiners, byte order marks) are dropped before tokenizing, so that a name
// written with an RTL mark or a word with a soft hyphen is found by what
// it visibly says.
const formatCharsType = "exhibits_no_format_chars"

type formatChars struct{}

func (formatChars) Filter(in []byte) []byte {
	// Letters are mostly ASCII with some curly quotes and section signs:
	// look for a format character before copying anything.
	for i := 0; i < len(in); {
		if in[i] < utf8.RuneSelf {
			i++
			continue
		}
		r, n := utf8.DecodeRune(in[i:])
		if unicode.Is(unicode.Cf, r) {
			return bytes.Map(func(r rune) rune {
				if unicode.Is(unicode.Cf, r) {
					return -1
				}
				return r
			}, in)
		}
		i += n
	}
	return in
}

func init() {
	check(registry.RegisterCharFilter(formatCharsType, func(map[string]any, *registry.Cache) (analysis.CharFilter, error) {
		return formatChars{}, nil
	}))
}

func newMapping() *mapping.IndexMappingImpl {
	m := bleve.NewIndexMapping()
	check(m.AddCustomCharFilter(chrFmt, map[string]any{"type": formatCharsType}))
	check(m.AddCustomAnalyzer(aText, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{chrFmt},
		"tokenizer":     wordsTokenizerType,
		"token_filters": []any{en.PossessiveName, lowercase.Name, en.StopName, stemmerType},
	}))
	check(m.AddCustomAnalyzer(aName, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{chrFmt},
		"tokenizer":     wordsTokenizerType,
		"token_filters": []any{lowercase.Name},
	}))
	check(m.AddCustomAnalyzer(aPairs, map[string]any{
		"type":          custom.Name,
		"char_filters":  []any{chrFmt},
		"tokenizer":     wordsTokenizerType,
		"token_filters": []any{lowercase.Name, pairsFilterType},
	}))
	check(m.AddCustomAnalyzer(aKW, map[string]any{
		"type":          custom.Name,
		"tokenizer":     single.Name,
		"token_filters": []any{lowercase.Name},
	}))

	text := func(analyzer string, store, vectors bool) *mapping.FieldMapping {
		f := bleve.NewTextFieldMapping()
		f.Analyzer = analyzer
		f.Store = store
		f.IncludeTermVectors = vectors
		f.IncludeInAll = false
		f.DocValues = false
		return f
	}
	kw := func() *mapping.FieldMapping {
		f := text(aKW, false, false)
		return f
	}

	doc := bleve.NewDocumentStaticMapping()
	doc.AddFieldMappingsAt(fTitle, text(aText, false, true))
	doc.AddFieldMappingsAt(fBody, text(aText, true, false))
	// Not in Bleve's documents: named here so queries analyze it as pairs.
	doc.AddFieldMappingsAt(fPhrase, text(aPairs, false, false))
	for _, f := range []string{fFirm, fIssuer, fPlan} {
		doc.AddFieldMappingsAt(f, text(aName, false, true))
	}
	for _, f := range []string{fFirmKW, fIssuerKW, fPlanKW, fForm, fLaw, fYear} {
		doc.AddFieldMappingsAt(f, kw())
	}
	date := bleve.NewDateTimeFieldMapping()
	date.IncludeInAll = false
	date.DocValues = false
	doc.AddFieldMappingsAt(fDate, date)
	shares := bleve.NewNumericFieldMapping()
	shares.IncludeInAll = false
	shares.DocValues = false
	doc.AddFieldMappingsAt(fShares, shares)

	// No _all field: every query names its fields, and Bleve would still
	// build an (empty) composite field for every letter.
	doc.AddSubDocumentMapping("_all", bleve.NewDocumentDisabledMapping())
	m.DefaultMapping = doc
	m.DefaultAnalyzer = aText
	m.IndexDynamic = false
	m.StoreDynamic = false
	m.DocValuesDynamic = false
	m.DefaultField = fBody
	return m
}

func check(err error) {
	if err != nil {
		panic(err)
	}
}

// bleveDoc is what the index holds for one letter.
func bleveDoc(l *letter.Letter, body string) map[string]any {
	d := map[string]any{
		fTitle:    l.Title,
		fBody:     body,
		fFirm:     l.Firms,
		fIssuer:   l.Issuers,
		fPlan:     l.Plans,
		fFirmKW:   l.Firms,
		fIssuerKW: l.Issuers,
		fPlanKW:   l.Plans,
		fForm:     l.Forms,
		fLaw:      l.Jurisdictions,
		fYear:     l.Years,
	}
	if t, err := time.Parse(time.DateOnly, l.Date); err == nil {
		d[fDate] = t
	}
	if l.Shares > 0 {
		d[fShares] = float64(l.Shares)
	}
	return d
}
