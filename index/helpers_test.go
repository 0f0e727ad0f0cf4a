package index

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/repotest"
)

// sampleSite copies the repository's sample letters (content/letters)
// into a new site and returns it and the letters' directory.
func sampleSite(t testing.TB) (site, src string) {
	t.Helper()
	src = filepath.Join(repotest.Root(t), "content", "letters")
	if ents, err := os.ReadDir(src); err != nil || len(ents) == 0 {
		t.Skipf("no sample letters in %s", src)
	}
	site = t.TempDir()
	if err := os.CopyFS(filepath.Join(site, "content", "letters"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	return site, src
}

// writePage writes content/letters/<id>/index.md under site.
func writePage(t testing.TB, site string, l *letter.Letter, body string) {
	t.Helper()
	b, err := letter.Marshal(l, body)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(site, "content", "letters", l.ID)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.md"), b, 0o644); err != nil {
		t.Fatal(err)
	}
}

func newLetter(id, title, date string, firms, issuers []string) *letter.Letter {
	l := &letter.Letter{ID: id, Title: title, Date: date, Firms: firms, Issuers: issuers,
		Plans: []string{}, Forms: []string{"S-8"}, Jurisdictions: []string{"Delaware"},
		Source: letter.Source{File: id + ".txt", SHA256: "00"}}
	if len(date) >= 4 {
		l.Years = []string{date[:4]}
	}
	return l
}

func mustUpdate(t testing.TB, site string, opt UpdateOptions) UpdateStats {
	t.Helper()
	st, err := Update(context.Background(), site, opt)
	if err != nil {
		t.Fatalf("Update: %v", err)
	}
	return st
}

func mustOpen(t testing.TB, site string) *Searcher {
	t.Helper()
	s, err := Open(site)
	if err != nil {
		t.Fatalf("Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

func mustSearch(t testing.TB, s *Searcher, r Request) *Result {
	t.Helper()
	res, err := s.Search(context.Background(), r)
	if err != nil {
		t.Fatalf("Search(%+v): %v", r, err)
	}
	return res
}

func hitIDs(res *Result) []string {
	var ids []string
	for _, h := range res.Hits {
		ids = append(ids, h.ID)
	}
	return ids
}

// sampleBodies returns the text of the repository's sample letters, or
// skips the test.
func sampleBodies(t *testing.T) []string {
	t.Helper()
	pages, _ := filepath.Glob(filepath.Join("..", "content", "letters", "*", "index.md"))
	if len(pages) == 0 {
		t.Skip("no sample letters")
	}
	var bodies []string
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		_, body, err := letter.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		bodies = append(bodies, body)
	}
	return bodies
}
