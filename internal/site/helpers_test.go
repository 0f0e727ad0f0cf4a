package site

import (
	"context"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// newSite makes a site directory holding only content/letters: the sample
// letters in testdata/letters. The binary's defaults supply the rest.
func newSite(t testing.TB) string {
	t.Helper()
	dir := t.TempDir()
	if err := os.CopyFS(filepath.Join(dir, "content", "letters"), os.DirFS("testdata/letters")); err != nil {
		t.Fatal(err)
	}
	return dir
}

// build builds dir or fails the test.
func build(t testing.TB, dir string) string {
	t.Helper()
	if err := Build(context.Background(), dir, Options{Progress: io.Discard}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	return filepath.Join(dir, "public")
}

// page is a parsed HTML page.
type page struct {
	path string
	root *html.Node
}

func readPage(t testing.TB, public, rel string) *page {
	t.Helper()
	if u, err := url.PathUnescape(rel); err == nil {
		rel = u
	}
	p := filepath.Join(public, filepath.FromSlash(rel))
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
	return &page{rel, root}
}

func attr(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val, true
		}
	}
	return "", false
}

func hasClass(n *html.Node, class string) bool {
	v, _ := attr(n, "class")
	for _, c := range strings.Fields(v) {
		if c == class {
			return true
		}
	}
	return false
}

// all returns the elements for which match is true, in document order.
func all(root *html.Node, match func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.ElementNode && match(n) {
			out = append(out, n)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(root)
	return out
}

func (p *page) byID(t testing.TB, id string) *html.Node {
	t.Helper()
	ns := all(p.root, func(n *html.Node) bool { v, _ := attr(n, "id"); return v == id })
	if len(ns) != 1 {
		t.Fatalf("%s: %d elements with id %q, want 1", p.path, len(ns), id)
	}
	return ns[0]
}

func (p *page) byClass(class string) []*html.Node {
	return all(p.root, func(n *html.Node) bool { return hasClass(n, class) })
}

func (p *page) byTag(tag string) []*html.Node {
	return all(p.root, func(n *html.Node) bool { return n.Data == tag })
}

// text is the node's text content, as a browser's textContent.
func text(n *html.Node) string {
	var b strings.Builder
	var walk func(*html.Node)
	walk = func(n *html.Node) {
		if n.Type == html.TextNode {
			b.WriteString(n.Data)
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c)
		}
	}
	walk(n)
	return b.String()
}

// links returns text and href of the <a> elements under n.
func links(n *html.Node) [][2]string {
	var out [][2]string
	for _, a := range all(n, func(n *html.Node) bool { return n.Data == "a" }) {
		h, _ := attr(a, "href")
		out = append(out, [2]string{text(a), h})
	}
	return out
}

type htmlNode = html.Node

func strconvItoa(n int) string { return strconv.Itoa(n) }
