package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibits/exhibits/internal/letter"

	"github.com/exhibits/exhibits/internal/repotest"
)

// repoRoot is the repository root, where go.mod is.
func repoRoot(t testing.TB) string { return repotest.Root(t) }

// The repository's own sample letters (content/letters, written by
// ingest) build into a site whose every letter page carries its front
// matter, whose links all resolve, and whose search page has its help.
func TestRepositoryLetters(t *testing.T) {
	src := filepath.Join(repoRoot(t), "content", "letters")
	bundles, _ := os.ReadDir(src)
	if len(bundles) == 0 {
		t.Skip("no sample letters in content/letters yet")
	}
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content", "letters"), os.DirFS(src)); err != nil {
		t.Fatal(err)
	}
	public := build(t, dir)
	problems, checked, err := brokenLinks(public)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	t.Logf("%d letters, %d links checked", len(bundles), checked)
	for _, b := range bundles {
		data, err := os.ReadFile(filepath.Join(src, b.Name(), "index.md"))
		if err != nil {
			continue
		}
		l, _, err := letter.Parse(data)
		if err != nil {
			t.Errorf("%s: %v", b.Name(), err)
			continue
		}
		p := readPage(t, public, "letters/"+b.Name()+"/")
		if got := text(p.byID(t, "letter-title")); got != l.Title {
			t.Errorf("%s: title %q, want %q", b.Name(), got, l.Title)
		}
		for class, vals := range map[string][]string{"m-firms": l.Firms, "m-issuers": l.Issuers, "m-plans": l.Plans, "m-forms": l.Forms, "m-jurisdictions": l.Jurisdictions} {
			if len(vals) == 0 {
				continue
			}
			dd := p.byClass(class)
			if len(dd) != 1 || len(links(dd[0])) != len(vals) {
				t.Errorf("%s: %s not all linked: %v", b.Name(), class, vals)
			}
		}
		bb := text(p.byID(t, "cite-bluebook"))
		if l.Exhibit != "" && !strings.Contains(bb, " ex. "+l.Exhibit) || !strings.HasSuffix(bb, "[/letters/"+b.Name()+"/].") {
			t.Errorf("%s: Bluebook %q", b.Name(), bb)
		}
		if l.Source.Accession != "" && !strings.Contains(bb, "SEC Accession No. "+l.Source.Accession) {
			t.Errorf("%s: Bluebook lacks the accession: %q", b.Name(), bb)
		}
		if l.Source.Original != "" && len(p.byClass("original-link")) != 1 {
			t.Errorf("%s: no link to the filed original", b.Name())
		}
		if _, err := os.Stat(filepath.Join(public, "l", b.Name(), "index.html")); err != nil {
			t.Errorf("%s: no short link page", b.Name())
		}
	}
	if !exists(public, "/search/help/") || !hasLink(readPage(t, public, "search/"), "/search/help/") {
		t.Error("search page does not link its help page")
	}
}
