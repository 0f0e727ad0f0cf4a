package index

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"github.com/pelletier/go-toml/v2"
)

// TestRepoLetters indexes the sample letters bundled in content/letters
// and checks every facet against counts made from their front matter, and
// that each letter's own firm query ranks that firm's letters first.
func TestRepoLetters(t *testing.T) {
	site, src := sampleSite(t)
	ents, err := os.ReadDir(src)
	if err != nil {
		t.Fatal(err)
	}
	type fm struct {
		Firms         []string `toml:"firms"`
		Issuers       []string `toml:"issuers"`
		Forms         []string `toml:"forms"`
		Jurisdictions []string `toml:"jurisdictions"`
		Years         []string `toml:"years"`
	}
	want := map[string]map[string]int{"firm": {}, "issuer": {}, "form": {}, "jurisdiction": {}, "year": {}}
	byFirm := map[string][]string{}
	n := 0
	for _, e := range ents {
		b, err := os.ReadFile(filepath.Join(src, e.Name(), "index.md"))
		if err != nil {
			continue
		}
		parts := bytes.SplitN(b, []byte("+++\n"), 3)
		var f fm
		if len(parts) != 3 || toml.Unmarshal(parts[1], &f) != nil {
			t.Fatalf("%s: cannot read its front matter", e.Name())
		}
		n++
		for k, vs := range map[string][]string{"firm": f.Firms, "issuer": f.Issuers, "form": f.Forms, "jurisdiction": f.Jurisdictions, "year": f.Years} {
			for _, v := range vs {
				want[k][v]++
			}
		}
		for _, firm := range f.Firms {
			byFirm[firm] = append(byFirm[firm], e.Name())
		}
	}
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	res := mustSearch(t, s, Request{Size: 100})
	if res.Total != n {
		t.Errorf("%d letters indexed, want %d", res.Total, n)
	}
	for k, w := range want {
		got := map[string]int{}
		for _, fc := range res.Facets[k] {
			got[fc.Term] = fc.Count
		}
		if len(w) > facetSize && len(got) == facetSize {
			// Only the most frequent terms are listed: check those.
			for term, c := range got {
				if w[term] != c {
					t.Errorf("facet %s %q = %d, want %d", k, term, c, w[term])
				}
			}
			continue
		}
		if fmt.Sprint(got) != fmt.Sprint(w) {
			t.Errorf("facet %s = %v, want %v", k, got, w)
		}
	}
	for firm, ids := range byFirm {
		for _, q := range []string{fmt.Sprintf("firm:%q", firm), firm} {
			res, err := s.Search(t.Context(), Request{Q: q, Size: 100})
			if err != nil {
				t.Errorf("%s: %v", q, err)
				continue
			}
			top := hitIDs(res)
			if len(top) < len(ids) {
				t.Errorf("%s: %d hits, want at least %d", q, len(top), len(ids))
				continue
			}
			for _, id := range top[:len(ids)] {
				if !slices.Contains(ids, id) {
					t.Errorf("%s: top hits %v, want the firm's letters %v first", q, top[:len(ids)], ids)
					break
				}
			}
		}
	}
}
