package server

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/letter"
	sitebuild "github.com/exhibits/exhibits/internal/site"

	"github.com/exhibits/exhibits/internal/repotest"
)

// testLetter is one letter of the test archive; the names are made up.
type testLetter struct {
	id, date, firm, issuer, form, law, body string
}

var testLetters = []testLetter{
	{"0000000001-21-000001-ex5-1", "2021-03-04", "Harrow & Pike LLP", "Bluefin Therapeutics, Inc.", "S-8", "Delaware",
		"We have acted as counsel to Bluefin Therapeutics, Inc. in connection with its registration statement on Form S-8. " +
			"The shares, when issued under the 2021 Equity Incentive Plan, will be validly issued, fully paid and nonassessable."},
	{"0000000001-22-000002-ex5-1", "2022-06-15", "Harrow & Pike LLP", "Cedar Ridge Bancorp", "S-3", "New York",
		"As counsel to Cedar Ridge Bancorp, we are of the opinion that the senior notes will constitute valid and binding obligations. " +
			"Our opinion mentions a zeppelin only so that one word is found in one letter."},
	{"0000000001-22-000003-ex5-1", "2022-11-30", "Quill, Marsh & Dunmore", "Northwind Energy Corp.", "S-1", "Nevada",
		"The shares of common stock of Northwind Energy Corp. have been duly authorized and, when sold, will be validly issued, fully paid and nonassessable. " +
			"<script>alert('x')</script> & other text a filer might type."},
	{"0000000001-23-000004-ex5-1", "2023-01-09", "Ostrander Vale LLP", "Bluefin Therapeutics, Inc.", "S-3", "Delaware",
		"We have examined the resale registration statement. The shares held by the selling stockholders are validly issued, fully paid and nonassessable."},
	{"0000000001-23-000005-ex5-1", "2023-08-21", "Quill, Marsh & Dunmore", "Cedar Ridge Bancorp", "S-8", "New York",
		"The shares issuable under the Cedar Ridge Bancorp Employee Stock Purchase Plan will be validly issued, fully paid and nonassessable."},
}

// writeLetter writes one letter page into site/content/letters.
func writeLetter(t testing.TB, site string, tl testLetter) {
	t.Helper()
	l := &letter.Letter{
		Title:         fmt.Sprintf("%s, Form %s, opinion of %s, %s", tl.issuer, tl.form, tl.firm, tl.date),
		Date:          tl.date,
		ID:            tl.id,
		Firms:         []string{tl.firm},
		Issuers:       []string{tl.issuer},
		Forms:         []string{tl.form},
		Jurisdictions: []string{tl.law},
		Years:         []string{tl.date[:4]},
		Source:        letter.Source{File: tl.id + ".txt", SHA256: strings.Repeat("0", 64)},
	}
	page, err := letter.Marshal(l, tl.body)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(site, "content", "letters", tl.id)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "index.md"), page, 0o644); err != nil {
		t.Fatal(err)
	}
}

// searchSite makes a site with the test letters indexed, a small public/
// with a search page like the site's, and a server over it.
func searchSite(t *testing.T) (site string, ts *httptest.Server) {
	return newSearchSite(t, false)
}

// builtSearchSite is searchSite with public/ built by the real site
// build, layouts, search page and script included.
func builtSearchSite(t *testing.T) (site string, ts *httptest.Server) {
	return newSearchSite(t, true)
}

func newSearchSite(t testing.TB, build bool) (site string, ts *httptest.Server) {
	t.Helper()
	site = t.TempDir()
	for _, tl := range testLetters {
		writeLetter(t, site, tl)
	}
	reindex(t, site)
	if build {
		if err := sitebuild.Build(context.Background(), site, sitebuild.Options{}); err != nil {
			t.Fatal(err)
		}
	} else {
		writePublic(t, site)
	}
	searcher, err := index.Open(site)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { searcher.Close() })
	s := New(Config{Site: site, Searcher: searcher})
	ts = httptest.NewUnstartedServer(nil)
	s.Configure(ts.Config)
	ts.Start()
	t.Cleanup(ts.Close)
	return site, ts
}

func reindex(t testing.TB, site string) {
	t.Helper()
	if _, err := index.Update(context.Background(), site, index.UpdateOptions{}); err != nil {
		t.Fatal(err)
	}
}

// testSearchPage is shaped like the site's public/search/index.html.
const testSearchPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Search</title>
<script src="/js/search.js" defer></script></head>
<body><header><form action="/search/"><input id="header-q" type="search" name="q"></form></header>
<main>
<h1>Search the letters</h1>
<form id="search-form" action="/search/" method="get" role="search">
<label for="q">Search</label> <input id="q" type="search" name="q" autocomplete="off">
<button type="submit">Search</button>
<input name="firm" type="text"> <input name="form" type="text"> <input name="from" type="date">
<select name="sort"><option value="relevance">Relevance</option><option value="date">Date</option></select>
</form>
<div id="static-notice"><p>Search needs the archive's server: run <code>exhibits serve</code>.</p><div>nested</div></div>
<div id="results"><!--exhibits:results--></div>
</main></body></html>
`

func writePublic(t testing.TB, site string) {
	t.Helper()
	js, err := os.ReadFile(filepath.Join(repoRoot(t), "static", "js", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"public/index.html":        "<!doctype html><title>Home</title><p>home</p>",
		"public/404.html":          "<!doctype html><title>Not found</title><p>not found</p>",
		"public/search/index.html": testSearchPage,
		"public/js/search.js":      string(js),
	}
	for _, tl := range testLetters {
		files["public/letters/"+tl.id+"/index.html"] = "<!doctype html><title>" + tl.id + "</title><p>" + tl.id + "</p>"
	}
	for name, content := range files {
		p := filepath.Join(site, filepath.FromSlash(name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// repoRoot is the repository root, where go.mod is.
func repoRoot(t testing.TB) string { return repotest.Root(t) }

func getJSON(t *testing.T, ts *httptest.Server, path string, v any) int {
	t.Helper()
	resp, err := http.Get(ts.URL + path)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); !strings.HasPrefix(ct, "application/json") {
		t.Errorf("GET %s: Content-Type %q", path, ct)
	}
	b, _ := io.ReadAll(resp.Body)
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatalf("GET %s: %v in %s", path, err, b)
	}
	return resp.StatusCode
}

func search(t *testing.T, ts *httptest.Server, params url.Values) SearchResponse {
	t.Helper()
	var r SearchResponse
	if code := getJSON(t, ts, "/api/search?"+params.Encode(), &r); code != 200 {
		t.Fatalf("search %s: status %d", params.Encode(), code)
	}
	return r
}

func ids(r SearchResponse) []string {
	var s []string
	for _, h := range r.Hits {
		s = append(s, h.ID)
	}
	return s
}

func TestAPISearchContract(t *testing.T) {
	_, ts := searchSite(t)

	// The JSON's shape, key by key.
	resp, err := http.Get(ts.URL + "/api/search?q=nonassessable")
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	json.NewDecoder(resp.Body).Decode(&raw)
	resp.Body.Close()
	for _, k := range []string{"total", "took", "hits", "facets"} {
		if _, ok := raw[k]; !ok {
			t.Errorf("response lacks %q: %v", k, raw)
		}
	}
	var hits []map[string]json.RawMessage
	json.Unmarshal(raw["hits"], &hits)
	if len(hits) == 0 {
		t.Fatal("no hits for nonassessable")
	}
	for _, k := range []string{"id", "permalink", "title", "date", "firm", "issuer", "form", "fragments"} {
		if _, ok := hits[0][k]; !ok {
			t.Errorf("hit lacks %q: %v", k, hits[0])
		}
	}

	// Every letter saying "nonassessable", and only those.
	r := search(t, ts, url.Values{"q": {"nonassessable"}})
	var want []string
	for _, tl := range testLetters {
		if strings.Contains(tl.body, "nonassessable") {
			want = append(want, tl.id)
		}
	}
	got := ids(r)
	sort.Strings(got)
	if r.Total != len(want) || strings.Join(got, " ") != strings.Join(want, " ") {
		t.Errorf("q=nonassessable: total %d, ids %v; want %v", r.Total, got, want)
	}
	for _, h := range r.Hits {
		tl := byID(h.ID)
		if h.Permalink == "" || !strings.Contains(h.Permalink, h.ID) {
			t.Errorf("%s: permalink %q", h.ID, h.Permalink)
		}
		if h.Date != tl.date || len(h.Firm) != 1 || h.Firm[0] != tl.firm || h.Issuer[0] != tl.issuer || h.Form[0] != tl.form {
			t.Errorf("%s: hit %+v does not match the letter %+v", h.ID, h, tl)
		}
		if !strings.Contains(strings.Join(flatten(h.Fragments), " "), "<mark>nonassessable</mark>") {
			t.Errorf("%s: fragments %v lack <mark>nonassessable</mark>", h.ID, h.Fragments)
		}
	}

	// Facet counts, against a count made here from the letters.
	wantFirms := map[string]int{}
	for _, id := range want {
		wantFirms[byID(id).firm]++
	}
	gotFirms := map[string]int{}
	for _, f := range r.Facets["firm"] {
		gotFirms[f.Term] = f.Count
	}
	if fmt.Sprint(gotFirms) != fmt.Sprint(wantFirms) {
		t.Errorf("firm facet = %v, want %v (all facets: %v)", gotFirms, wantFirms, r.Facets)
	}
	for _, name := range []string{"issuer", "form", "jurisdiction", "year"} {
		if len(r.Facets[name]) == 0 {
			t.Errorf("no %s facet: %v", name, r.Facets)
		}
	}

	// A word found in one letter.
	if r := search(t, ts, url.Values{"q": {"zeppelin"}}); r.Total != 1 || r.Hits[0].ID != testLetters[1].id {
		t.Errorf("q=zeppelin: %d hits %v", r.Total, ids(r))
	}

	// Filters.
	r = search(t, ts, url.Values{"firm": {"Harrow & Pike LLP"}})
	if r.Total != 2 {
		t.Errorf("firm filter: %d hits %v, want 2", r.Total, ids(r))
	}
	for _, h := range r.Hits {
		if h.Firm[0] != "Harrow & Pike LLP" {
			t.Errorf("firm filter let through %s by %v", h.ID, h.Firm)
		}
	}
	r = search(t, ts, url.Values{"q": {"nonassessable"}, "from": {"2022-01-01"}, "to": {"2022-12-31"}})
	if r.Total != 1 || r.Hits[0].ID != testLetters[2].id {
		t.Errorf("2022 date range: %v", ids(r))
	}
	r = search(t, ts, url.Values{"form": {"S-8"}, "jurisdiction": {"New York"}})
	if r.Total != 1 || r.Hits[0].ID != testLetters[4].id {
		t.Errorf("form S-8 in New York: %v", ids(r))
	}

	// Sorting by date: newest first.
	r = search(t, ts, url.Values{"q": {"shares"}, "sort": {"date"}})
	for i := 1; i < len(r.Hits); i++ {
		if r.Hits[i-1].Date < r.Hits[i].Date {
			t.Errorf("sort=date: %s before %s", r.Hits[i-1].Date, r.Hits[i].Date)
		}
	}

	// Paging and the size cap.
	p1 := search(t, ts, url.Values{"q": {"nonassessable"}, "size": {"2"}})
	p2 := search(t, ts, url.Values{"q": {"nonassessable"}, "size": {"2"}, "page": {"2"}})
	if len(p1.Hits) != 2 || len(p2.Hits) != 2 || p1.Hits[0].ID == p2.Hits[0].ID || p1.Hits[1].ID == p2.Hits[0].ID {
		t.Errorf("paging: page 1 %v, page 2 %v", ids(p1), ids(p2))
	}
	if r := search(t, ts, url.Values{"q": {"nonassessable"}, "size": {"100000"}}); r.Size != MaxPageSize {
		t.Errorf("size=100000 gave size %d, want the cap %d", r.Size, MaxPageSize)
	}

	// A filer's markup comes back as text, never as markup.
	r = search(t, ts, url.Values{"q": {"alert"}})
	for _, h := range r.Hits {
		for _, f := range flatten(h.Fragments) {
			if strings.Contains(f, "<script") {
				t.Errorf("fragment carries raw markup: %q", f)
			}
		}
	}
}

func TestAPIBadQueries(t *testing.T) {
	_, ts := searchSite(t)
	for _, q := range []string{
		"q=" + strings.Repeat("a", 10<<10),
		"q=" + url.QueryEscape(strings.Repeat("shares ", 1500)),
		"q=" + url.QueryEscape("*issued"),
		"q=" + url.QueryEscape("/.*/"),
		"q=" + url.QueryEscape(`"unterminated phrase`),
		"q=" + url.QueryEscape("firm:"),
		"q=a&q=b",
		"q=x&size=abc",
		"q=x&size=-1",
		"q=x&page=0",
		"q=x&page=100000",
		"q=x&sort=bogus",
		"q=x&from=yesterday",
		"q=x&to=2022-13",
		"q=%ff%fe",
		"firm=" + strings.Repeat("b", 400),
	} {
		var e map[string]string
		code := getJSON(t, ts, "/api/search?"+q, &e)
		if code != http.StatusBadRequest || e["error"] == "" {
			t.Errorf("/api/search?%s = %d %v, want 400 with a message", trunc(q), code, e)
		}
	}
	var e map[string]string
	if code := getJSON(t, ts, "/api/nothing", &e); code != 404 || e["error"] == "" {
		t.Errorf("/api/nothing = %d %v", code, e)
	}
}

func TestAPISuggest(t *testing.T) {
	_, ts := searchSite(t)
	var r SuggestResponse
	if code := getJSON(t, ts, "/api/suggest?prefix=harr", &r); code != 200 {
		t.Fatalf("suggest: %d", code)
	}
	found := false
	for _, s := range r.Suggestions {
		if s.Name == "Harrow & Pike LLP" && s.Field == "firm" && s.Count == 2 {
			found = true
		}
	}
	if !found {
		t.Errorf("prefix=harr: %+v, want Harrow & Pike LLP (firm, 2)", r.Suggestions)
	}
	if code := getJSON(t, ts, "/api/suggest?prefix=cedar", &r); code != 200 || len(r.Suggestions) == 0 || r.Suggestions[0].Name != "Cedar Ridge Bancorp" {
		t.Errorf("prefix=cedar: %d %+v", code, r.Suggestions)
	}
	var e map[string]string
	if code := getJSON(t, ts, "/api/suggest?prefix="+strings.Repeat("x", 200), &e); code != 400 {
		t.Errorf("long prefix: %d", code)
	}
}

// An update of the archive shows in a running server, without a restart.
func TestUpdateSeenWithoutRestart(t *testing.T) {
	site, ts := builtSearchSite(t)
	if r := search(t, ts, url.Values{"q": {"dirigible"}}); r.Total != 0 {
		t.Fatalf("dirigible before the update: %v", ids(r))
	}
	nl := testLetter{"0000000001-24-000006-ex5-1", "2024-02-02", "Harrow & Pike LLP", "Zephyr Airships, Inc.", "S-1", "Delaware",
		"The shares of Zephyr Airships, Inc., maker of the dirigible, will be validly issued, fully paid and nonassessable."}
	writeLetter(t, site, nl)
	if resp, err := http.Get(ts.URL + "/letters/" + nl.id + "/"); err != nil || resp.StatusCode != 404 {
		t.Fatalf("new letter's page before the build: %v %v", resp.StatusCode, err)
	}
	if err := sitebuild.Build(context.Background(), site, sitebuild.Options{}); err != nil {
		t.Fatal(err)
	}
	reindex(t, site)
	// The rebuilt public/ is served at once.
	if resp, err := http.Get(ts.URL + "/letters/" + nl.id + "/"); err != nil || resp.StatusCode != 200 {
		t.Errorf("new letter's page after the build: %v %v", resp.StatusCode, err)
	}
	// The searcher looks for a new generation about once a second.
	r := eventually(t, ts, url.Values{"q": {"dirigible"}}, func(r SearchResponse) bool { return r.Total == 1 })
	if r.Total != 1 || r.Hits[0].ID != nl.id {
		t.Fatalf("dirigible after the update: %v", ids(r))
	}
	if r := search(t, ts, url.Values{"firm": {"Harrow & Pike LLP"}}); r.Total != 3 {
		t.Errorf("firm count after the update: %d, want 3", r.Total)
	}
	// A deleted letter goes too.
	os.RemoveAll(filepath.Join(site, "content", "letters", testLetters[1].id))
	reindex(t, site)
	if r := eventually(t, ts, url.Values{"q": {"zeppelin"}}, func(r SearchResponse) bool { return r.Total == 0 }); r.Total != 0 {
		t.Errorf("zeppelin after deleting its letter: %v", ids(r))
	}
}

// eventually repeats a search until ok holds or 5 seconds pass.
func eventually(t *testing.T, ts *httptest.Server, params url.Values, ok func(SearchResponse) bool) SearchResponse {
	t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		r := search(t, ts, params)
		if ok(r) || time.Now().After(deadline) {
			return r
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func byID(id string) testLetter {
	for _, tl := range testLetters {
		if tl.id == id {
			return tl
		}
	}
	return testLetter{}
}

func flatten(m map[string][]string) []string {
	var s []string
	for _, v := range m {
		s = append(s, v...)
	}
	return s
}

// A search that runs out of time answers 503 with a reason, not a hang.
func TestSearchTimeout(t *testing.T) {
	site, _ := searchSite(t)
	searcher, err := index.Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer searcher.Close()
	s := New(Config{Site: site, Searcher: searcher, SearchTimeout: time.Nanosecond})
	ts := httptest.NewServer(s)
	defer ts.Close()
	var e map[string]string
	if code := getJSON(t, ts, "/api/search?q=nonassessable", &e); code != http.StatusServiceUnavailable || e["error"] == "" {
		t.Errorf("search with no time: %d %v, want 503 with a reason", code, e)
	}
	// With every search slot taken, a request waits QueueTimeout, then
	// hears that the server is busy.
	busy := New(Config{Site: site, Searcher: searcher, MaxSearches: 1, QueueTimeout: 50 * time.Millisecond})
	busy.slots <- struct{}{}
	ts3 := httptest.NewServer(busy)
	defer ts3.Close()
	if code := getJSON(t, ts3, "/api/search?q=nonassessable", &e); code != http.StatusServiceUnavailable || !strings.Contains(e["error"], "busy") {
		t.Errorf("search with no free slot: %d %v", code, e)
	}
	<-busy.slots
	var r SearchResponse
	if code := getJSON(t, ts3, "/api/search?q=nonassessable", &r); code != 200 || r.Total != 4 {
		t.Errorf("search with the slot free again: %d, %d hits", code, r.Total)
	}

	// Without an index, search says so.
	ts2 := httptest.NewServer(New(Config{Site: site}))
	defer ts2.Close()
	if code := getJSON(t, ts2, "/api/search?q=x", &e); code != http.StatusServiceUnavailable || !strings.Contains(e["error"], "index") {
		t.Errorf("search without an index: %d %v", code, e)
	}
}
