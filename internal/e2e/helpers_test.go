package e2e

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/ingest"
	"github.com/exhibits/exhibits/internal/site"
	"golang.org/x/net/html"
)

// writeFiles writes name -> contents under dir.
func writeFiles(t testing.TB, dir string, files map[string][]byte) {
	t.Helper()
	for name, data := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// ingestDir runs the real ingest of paths into siteDir.
func ingestDir(t testing.TB, siteDir string, paths ...string) ingest.Summary {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	sum, err := ingest.Run(ctx, ingest.Options{Site: siteDir, Paths: paths, Jobs: 2})
	if err != nil {
		t.Fatalf("ingest.Run: %v", err)
	}
	return sum
}

// buildAndIndex runs the real Hugo build and the real index update, and
// opens the index.
func buildAndIndex(t testing.TB, siteDir string) (public string, s *index.Searcher) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	start := time.Now()
	if err := site.Build(ctx, siteDir, site.Options{Progress: io.Discard}); err != nil {
		t.Fatalf("site.Build: %v", err)
	}
	built := time.Now()
	if _, err := index.Update(ctx, siteDir, index.UpdateOptions{Progress: io.Discard, Jobs: 2}); err != nil {
		t.Fatalf("index.Update: %v", err)
	}
	t.Logf("build %v, index %v", built.Sub(start).Round(time.Millisecond), time.Since(built).Round(time.Millisecond))
	s, err := index.Open(siteDir)
	if err != nil {
		t.Fatalf("index.Open: %v", err)
	}
	t.Cleanup(func() { s.Close() })
	return filepath.Join(siteDir, "public"), s
}

// search runs one query or fails the test.
func search(t testing.TB, s *index.Searcher, req index.Request) *index.Result {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := s.Search(ctx, req)
	if err != nil {
		t.Fatalf("Search(%+v): %v", req, err)
	}
	return res
}

// letterIDs lists the bundles under content/letters.
func letterIDs(t testing.TB, siteDir string) []string {
	t.Helper()
	es, err := os.ReadDir(filepath.Join(siteDir, "content", "letters"))
	if err != nil {
		t.Fatal(err)
	}
	var ids []string
	for _, e := range es {
		if e.IsDir() {
			ids = append(ids, e.Name())
		}
	}
	return ids
}

// parseHTML parses public/<rel> (a directory means its index.html).
func parseHTML(t testing.TB, public, rel string) *html.Node {
	t.Helper()
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	p := filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(rel, "/")))
	if fi, err := os.Stat(p); err == nil && fi.IsDir() {
		p = filepath.Join(p, "index.html")
	}
	f, err := os.Open(p)
	if err != nil {
		t.Fatalf("page %s: %v", rel, err)
	}
	defer f.Close()
	root, err := html.Parse(f)
	if err != nil {
		t.Fatalf("page %s: %v", rel, err)
	}
	return root
}

// walk calls fn on every element under n.
func walk(n *html.Node, fn func(*html.Node)) {
	if n.Type == html.ElementNode {
		fn(n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		walk(c, fn)
	}
}

func attr(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func hasClass(n *html.Node, class string) bool {
	for _, c := range strings.Fields(attr(n, "class")) {
		if c == class {
			return true
		}
	}
	return false
}

// find returns the elements under n for which ok holds.
func find(n *html.Node, ok func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	walk(n, func(e *html.Node) {
		if ok(e) {
			out = append(out, e)
		}
	})
	return out
}

func byClass(n *html.Node, class string) []*html.Node {
	return find(n, func(e *html.Node) bool { return hasClass(e, class) })
}

func byID(n *html.Node, id string) *html.Node {
	if es := find(n, func(e *html.Node) bool { return attr(e, "id") == id }); len(es) > 0 {
		return es[0]
	}
	return nil
}

// text is the text content of n, as a browser's textContent.
func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	var rec func(*html.Node)
	rec = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			rec(c)
		}
	}
	rec(n)
	return b.String()
}

// squash collapses runs of white space, as a reader sees text.
func squash(s string) string { return strings.Join(strings.Fields(s), " ") }

// siteScripts are the only scripts the site's own templates load.
var (
	siteScripts = map[string]bool{"/js/site.js": true, "/js/search.js": true}
	siteStyles  = map[string]bool{"/css/site.css": true, "/css/print.css": true}
)

var localRefresh = regexp.MustCompile(`^0; url=/letters/[a-z0-9-]+/$`)

// activeMarkup lists what in a page could run code or load something:
// script elements other than the site's own, frames, objects, embeds,
// style elements and attributes, event-handler attributes, script-ish
// URLs, meta refreshes and base elements.
func activeMarkup(root *html.Node) []string {
	var bad []string
	walk(root, func(n *html.Node) {
		switch n.Data {
		case "script":
			if !siteScripts[attr(n, "src")] || n.FirstChild != nil {
				bad = append(bad, "<script src="+attr(n, "src")+"> "+text(n))
			}
		case "link":
			if attr(n, "rel") == "stylesheet" && !siteStyles[attr(n, "href")] {
				bad = append(bad, "<link rel=stylesheet href="+attr(n, "href")+">")
			}
		case "iframe", "frame", "frameset", "object", "embed", "applet", "style", "base", "svg", "math", "img", "video", "audio", "source", "portal":
			bad = append(bad, "<"+n.Data+">")
		case "meta":
			// Hugo's alias pages (/l/<id>/) refresh to the letter's own
			// page; a refresh anywhere else is hostile.
			if strings.EqualFold(attr(n, "http-equiv"), "refresh") && !localRefresh.MatchString(attr(n, "content")) {
				bad = append(bad, "<meta http-equiv=refresh>")
			}
		}
		for _, a := range n.Attr {
			k := strings.ToLower(a.Key)
			v := strings.ToLower(strings.Join(strings.Fields(a.Val), ""))
			if strings.HasPrefix(k, "on") || k == "style" || k == "srcdoc" || k == "formaction" {
				bad = append(bad, "<"+n.Data+" "+a.Key+"=...>")
			}
			switch k {
			case "href", "src", "action", "data", "poster", "background", "xlink:href", "srcset":
				for _, scheme := range []string{"javascript:", "data:", "vbscript:"} {
					if strings.HasPrefix(v, scheme) {
						bad = append(bad, "<"+n.Data+" "+a.Key+"="+a.Val+">")
					}
				}
			}
		}
	})
	return bad
}

type htmlNode = html.Node
