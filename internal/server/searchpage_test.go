package server

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/exhibits/exhibits/index"
)

func getPage(t *testing.T, u string) (int, string) {
	t.Helper()
	resp, err := http.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestSearchPageServerRendered(t *testing.T) {
	_, ts := searchSite(t)

	code, page := getPage(t, ts.URL+"/search/?q="+url.QueryEscape(`nonassessable "fully paid"`))
	if code != 200 {
		t.Fatalf("status %d", code)
	}
	doc, err := html.Parse(strings.NewReader(page))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(page, "exhibits:results") || strings.Contains(page, "static-notice") || strings.Contains(page, "nested") {
		t.Error("marker or static notice left in the page")
	}
	results := find(doc, func(n *html.Node) bool { return attrOf(n, "id") == "results" })
	if results == nil {
		t.Fatal("no #results")
	}
	hits := findAll(results, func(n *html.Node) bool { return attrOf(n, "class") == "hit" })
	if len(hits) != 4 {
		t.Errorf("%d hits rendered, want 4", len(hits))
	}
	if marks := findAll(results, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "mark" }); len(marks) == 0 {
		t.Error("no <mark> in the rendered fragments")
	}
	// The filer's <script> is text, not an element.
	if s := findAll(doc, func(n *html.Node) bool { return n.Type == html.ElementNode && n.Data == "script" }); len(s) != 1 {
		t.Errorf("%d script elements, want only the page's own", len(s))
	}
	// The box shows the query.
	in := find(doc, func(n *html.Node) bool { return n.Data == "input" && attrOf(n, "name") == "q" })
	if in == nil || attrOf(in, "value") != `nonassessable "fully paid"` {
		t.Errorf("q box: %v", in)
	}
	// Facets are links that filter.
	var firmLink string
	for _, a := range findAll(results, func(n *html.Node) bool { return n.Data == "a" && attrOf(n, "data-term") == "Harrow & Pike LLP" }) {
		firmLink = attrOf(a, "href")
	}
	if firmLink == "" {
		t.Fatal("no facet link for Harrow & Pike LLP")
	}
	code, page = getPage(t, ts.URL+firmLink)
	doc, _ = html.Parse(strings.NewReader(page))
	hits = findAll(doc, func(n *html.Node) bool { return attrOf(n, "class") == "hit" })
	if code != 200 || len(hits) != 1 || !strings.Contains(page, "Bluefin Therapeutics") {
		t.Errorf("after the firm facet (%s): %d, %d hits", firmLink, code, len(hits))
	}
	if !strings.Contains(page, `class="remove-filter"`) {
		t.Error("active filter has no remove link")
	}

	// A bad query: 400, with the reason on the page.
	code, page = getPage(t, ts.URL+"/search/?q="+url.QueryEscape("*issued"))
	if code != 400 || !strings.Contains(page, `class="search-error"`) {
		t.Errorf("bad query: %d %s", code, trunc(page))
	}
	// No query: the empty form, the notice gone.
	code, page = getPage(t, ts.URL+"/search/")
	if code != 200 || strings.Contains(page, "static-notice") || !strings.Contains(page, `id="results"`) {
		t.Errorf("empty search page: %d", code)
	}
	// A query for markup is shown escaped in the box.
	_, page = getPage(t, ts.URL+"/search/?q="+url.QueryEscape(`"><script>alert(1)</script>`))
	if strings.Contains(page, "<script>alert(1)") {
		t.Error("query reflected unescaped")
	}
}

func TestFillSearchPage(t *testing.T) {
	page := strings.Replace(testSearchPage, "</form>", `<input name="firm" type="text"><select name="sort"><option value="relevance" selected>R</option><option value="date">D</option></select></form>`, 1)
	got := string(fillSearchPage([]byte(page), index.Request{Q: `a"b<c`, Firm: "Harrow & Pike LLP", Sort: "date"}, []byte("<p>R</p>")))
	if !strings.Contains(got, `<div id="results"><p>R</p></div>`) {
		t.Errorf("results not at the marker:\n%s", got)
	}
	if strings.Contains(got, "static-notice") || strings.Contains(got, "nested") || !strings.Contains(got, "<h1>Search the letters</h1>") {
		t.Errorf("notice not removed cleanly:\n%s", got)
	}
	if !strings.Contains(got, `value="a&#34;b&lt;c"`) {
		t.Errorf("q box:\n%s", got)
	}
	if !strings.Contains(got, `<input name="firm" type="text" value="Harrow &amp; Pike LLP">`) {
		t.Errorf("firm box:\n%s", got)
	}
	if !strings.Contains(got, `<option value="relevance">R</option><option value="date" selected="selected">D</option>`) {
		t.Errorf("sort select:\n%s", got)
	}
}

func TestCleanFragment(t *testing.T) {
	for in, want := range map[string]string{
		"plain &amp; simple":                "plain &amp; simple",
		"the <mark>shares</mark> are":       "the <mark>shares</mark> are",
		"<script>x</script> <mark>a</mark>": "&lt;script&gt;x&lt;/script&gt; <mark>a</mark>",
		"<mark>open":                        "<mark>open</mark>",
		"a </mark> b":                       "a &lt;/mark&gt; b",
		`<mark onclick="x">no</mark>`:       `&lt;mark onclick=&#34;x&#34;&gt;no&lt;/mark&gt;`,
		"&lt;b&gt; stays text":              "&lt;b&gt; stays text",
	} {
		if got := cleanFragment(in); got != want {
			t.Errorf("cleanFragment(%q) = %q, want %q", in, got, want)
		}
	}
}

func find(n *html.Node, f func(*html.Node) bool) *html.Node {
	if f(n) {
		return n
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		if m := find(c, f); m != nil {
			return m
		}
	}
	return nil
}

func findAll(n *html.Node, f func(*html.Node) bool) []*html.Node {
	var out []*html.Node
	if f(n) {
		out = append(out, n)
	}
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		out = append(out, findAll(c, f)...)
	}
	return out
}

func attrOf(n *html.Node, key string) string {
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

// The real site build: every hit's permalink is a page the server
// serves, and the built search page gets its results and loses its
// static notice.
func TestBuiltSiteServed(t *testing.T) {
	_, ts := builtSearchSite(t)
	r := search(t, ts, url.Values{"q": {"nonassessable"}})
	if r.Total != 4 {
		t.Fatalf("%d hits", r.Total)
	}
	for _, h := range r.Hits {
		if code, page := getPage(t, ts.URL+h.Permalink); code != 200 || !strings.Contains(page, h.ID) {
			t.Errorf("permalink %s: %d", h.Permalink, code)
		}
	}
	code, page := getPage(t, ts.URL+"/search/?q=zeppelin")
	if code != 200 || strings.Contains(page, `id="static-notice"`) || !strings.Contains(page, `class="hit"`) ||
		strings.Contains(page, "exhibits:results") || !strings.Contains(page, `value="zeppelin"`) {
		t.Errorf("built search page with a query: %d\n%s", code, page)
	}
	if code, page := getPage(t, ts.URL+"/definitely/missing/"); code != 404 || !strings.Contains(page, "<html") {
		t.Errorf("missing page: %d, want the site's 404 page", code)
	}
}
