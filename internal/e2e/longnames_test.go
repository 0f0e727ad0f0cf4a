package e2e

import (
	"bytes"
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/server"
	"github.com/exhibits/exhibits/internal/site"
)

// A filer's name longer than any real one, from a stranger's header, must
// not become a term directory too long for the file system: that failed
// the build of the whole site.
func TestOverlongHeaderName(t *testing.T) {
	dir, raw := t.TempDir(), t.TempDir()
	long := strings.Repeat("LONGNAME ", 40) + "INC"
	sub := submission("0007777777-24-000001", [3]string{"EX-5.1", "ex5.txt",
		"Ladies and Gentlemen:\n\nIn our opinion the shares are validly issued, fully paid and nonassessable. Marker quorlong.\n\nVery truly yours,\n\n/s/ Plain Counsel LLP\n"})
	sub = strings.Replace(sub, "OSPREY MARSH HOLDINGS INC", long, 1)
	writeFiles(t, raw, map[string][]byte{
		"long.txt": []byte(sub),
		"good.txt": []byte(ospreyLetter),
	})
	if sum := ingestDir(t, dir, raw); sum.Written != 2 {
		t.Fatalf("ingest: %+v", sum)
	}
	public, s := buildAndIndex(t, dir)
	id := "0007777777-24-000001-ex5-1"
	page, err := os.ReadFile(filepath.Join(dir, "content", "letters", id, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	l, _, err := letter.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	if l.Source.Company != long {
		t.Errorf("filer %q, want the header's %q", l.Source.Company, long)
	}
	if co := byClass(parseHTML(t, public, "letters/"+id+"/"), "m-company"); len(co) != 1 || !strings.HasPrefix(text(co[0]), long+" (CIK") {
		t.Errorf("filer not shown exactly")
	}
	for _, q := range []string{"quorlong", "quorosprey"} {
		if res := search(t, s, index.Request{Q: q}); res.Total != 1 {
			t.Errorf("search %q: %d hits", q, res.Total)
		}
	}
}

// A hand-edited page may name a firm longer than a file name may be: that
// letter is left out of the site, named with its reason, and the rest of
// the site still builds.
func TestOverlongEditedName(t *testing.T) {
	dir := t.TempDir()
	long, longBody := nameLetter(0, strings.Repeat("Longname ", 40)+"LLP")
	good, goodBody := nameLetter(1, "Short & Sweet LLP")
	pages := map[string][]byte{}
	for _, p := range []struct {
		l    *letter.Letter
		body string
	}{{long, longBody}, {good, goodBody}} {
		page, err := letter.Marshal(p.l, p.body)
		if err != nil {
			t.Fatal(err)
		}
		pages["content/letters/"+p.l.ID+"/index.md"] = page
	}
	writeFiles(t, dir, pages)
	var progress bytes.Buffer
	if err := site.Build(context.Background(), dir, site.Options{Progress: &progress}); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(progress.String(), long.ID) {
		t.Errorf("the left-out letter %s is not named in the build's output:\n%s", long.ID, progress.String())
	}
	if _, err := os.Stat(filepath.Join(dir, "public", "letters", good.ID, "index.html")); err != nil {
		t.Errorf("the good letter was not built: %v", err)
	}
}

// Names starting with a dot get term pages the server must serve.
func TestDotNames(t *testing.T) {
	dir := t.TempDir()
	names := []string{".NET Partners LLP", "..Dots & Co"}
	for i, name := range names {
		l, body := nameLetter(i, name)
		page, err := letter.Marshal(l, body)
		if err != nil {
			t.Fatal(err)
		}
		writeFiles(t, dir, map[string][]byte{"content/letters/" + l.ID + "/index.md": page})
	}
	public, s := buildAndIndex(t, dir)
	srv := httptest.NewServer(server.New(server.Config{Site: dir, Searcher: s}))
	defer srv.Close()
	for i, name := range names {
		l, _ := nameLetter(i, name)
		for _, e := range find(byClass(parseHTML(t, public, "letters/"+l.ID+"/"), "m-firms")[0], func(n *htmlNode) bool { return n.Data == "a" }) {
			resp, err := http.Get(srv.URL + attr(e, "href"))
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("%q: GET %s: %s", name, attr(e, "href"), resp.Status)
			}
		}
	}
}
