package e2e

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/server"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// hostileCompany is the filer's conformed name in the hostile submission:
// EDGAR header values reach the page too.
const hostileCompany = `<script>window.__e2e='company'</script> "Zyqor" & Co <img src=x onerror=window.__e2e='company-img'>`

// hostileSearch is a search page address whose query and filter are
// payloads.
var hostileSearch = "/search/?" + url.Values{
	"q":    {`Zyqor "><script>window.__e2e='q'</script><svg onload=window.__e2e='q-svg'>`},
	"firm": {`"><img src=x onerror=window.__e2e='firm'>`},
}.Encode()

// hostileFormType is the submission's form type.
const hostileFormType = `S-8"><svg onload=window.__e2e='formtype'>`

// hostileInputs writes the hostile letters in testdata/hostile as raw
// exhibits under dir: each bare (.htm and .txt) and both inside one
// EDGAR submission (EX-5.1 HTML, EX-5.2 text). BEACON in them becomes
// beaconURL; MARKER a word naming each copy, by which it is found.
func hostileInputs(t *testing.T, dir, beaconURL string) (markers map[string]string) {
	t.Helper()
	read := func(name string) string {
		b, err := os.ReadFile(filepath.Join("testdata", "hostile", name))
		if err != nil {
			t.Fatal(err)
		}
		return strings.ReplaceAll(string(b), "BEACON", beaconURL)
	}
	htm, txt := read("letter.htm"), read("letter.txt")
	mark := func(s, m string) string { return strings.ReplaceAll(s, "MARKER", m) }
	sub := `<SEC-DOCUMENT>0001999999-25-000001.txt : 20250305
<SEC-HEADER>0001999999-25-000001.hdr.sgml : 20250305
ACCESSION NUMBER:		0001999999-25-000001
CONFORMED SUBMISSION TYPE:	` + hostileFormType + `
PUBLIC DOCUMENT COUNT:		3
FILED AS OF DATE:		20250305

FILER:

	COMPANY DATA:	
		COMPANY CONFORMED NAME:			` + hostileCompany + `
		CENTRAL INDEX KEY:			0001999999
</SEC-HEADER>
<DOCUMENT>
<TYPE>S-8
<SEQUENCE>1
<FILENAME>s8.htm
<TEXT>
<html><body><p>Registration statement.</p><script>window.__e2e='s8'</script></body></html>
</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-5.1
<SEQUENCE>2
<FILENAME>ex5-1.htm
<DESCRIPTION>OPINION OF HARROW &amp; QUELL
<TEXT>
` + mark(htm, "Zyqorsubhtml") + `</TEXT>
</DOCUMENT>
<DOCUMENT>
<TYPE>EX-5.2
<SEQUENCE>3
<FILENAME>ex5-2.txt
<DESCRIPTION>OPINION OF QUELL
<TEXT>
` + mark(txt, "Zyqorsubtext") + `</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`
	writeFiles(t, dir, map[string][]byte{
		"bare/hostile.htm":             []byte(mark(htm, "Zyqorbarehtml")),
		"bare/hostile.txt":             []byte(mark(txt, "Zyqorbaretext")),
		"sub/0001999999-25-000001.txt": []byte(sub),
	})
	return map[string]string{
		"Zyqorbarehtml": mark(htm, "Zyqorbarehtml"),
		"Zyqorbaretext": mark(txt, "Zyqorbaretext"),
		"Zyqorsubhtml":  mark(htm, "Zyqorsubhtml"),
		"Zyqorsubtext":  mark(txt, "Zyqorsubtext"),
	}
}

// shownText is what a letter's reader must see as text: the markup the
// letter quotes (escaped in HTML, literal in plain text), its Markdown and
// its shortcodes.
func shownText(original string) []string {
	var want []string
	if strings.Contains(original, "<html>") {
		for _, line := range strings.Split(original, "\n") {
			if strings.HasPrefix(line, "&lt;") || strings.HasPrefix(line, "<p>[md") || strings.HasPrefix(line, "<p>{{") {
				line = strings.TrimSuffix(strings.TrimPrefix(line, "<p>"), "</p>")
				want = append(want, html.UnescapeString(line))
			}
		}
		return want
	}
	for _, line := range strings.Split(original, "\n") {
		if strings.ContainsAny(line, "<[{") || strings.Contains(line, "-->") {
			want = append(want, line)
		}
	}
	return want
}

// onlyMarks reports markup in a search fragment other than <mark>.
func onlyMarks(t *testing.T, frag string) []string {
	t.Helper()
	nodes, err := html.ParseFragment(strings.NewReader(frag), &html.Node{Type: html.ElementNode, Data: "p", DataAtom: atom.P})
	if err != nil {
		t.Fatal(err)
	}
	var bad []string
	for _, n := range nodes {
		walk(n, func(e *html.Node) {
			if e.Data != "mark" || len(e.Attr) > 0 {
				bad = append(bad, "<"+e.Data+">")
			}
		})
	}
	return bad
}

func TestHostileLetters(t *testing.T) {
	bcn := newBeacon(t)
	raw, dir := t.TempDir(), t.TempDir()
	markers := hostileInputs(t, raw, bcn.URL())

	sum := ingestDir(t, dir, raw)
	if sum.Written != 4 || len(sum.Failed) != 0 {
		t.Fatalf("ingest: %d written, failed %v, skipped %v; want the 4 letters", sum.Written, sum.Failed, sum.Skipped)
	}
	public, s := buildAndIndex(t, dir)

	// Which page is which copy.
	pages := map[string]string{} // marker -> id
	for _, id := range letterIDs(t, dir) {
		root := parseHTML(t, public, "letters/"+id+"/")
		body := byClass(root, "letter-body")
		if len(body) != 1 {
			t.Fatalf("%s: %d letter bodies", id, len(body))
		}
		for m := range markers {
			if strings.Contains(text(body[0]), m) {
				pages[m] = id
			}
		}
	}
	if len(pages) != len(markers) {
		t.Fatalf("pages found for %v; want one for each of the 4 copies", pages)
	}

	for m, id := range pages {
		rel := "letters/" + id + "/"
		root := parseHTML(t, public, rel)
		for _, b := range activeMarkup(root) {
			t.Errorf("%s (%s): active markup %s", rel, m, b)
		}
		// The markup the letter quotes is its text, character for
		// character.
		body := squash(text(byClass(root, "letter-body")[0]))
		shown := shownText(markers[m])
		if len(shown) < 8 {
			t.Fatalf("%s: only %d payload lines to look for", m, len(shown))
		}
		for _, line := range shown {
			if !strings.Contains(body, squash(line)) {
				t.Errorf("%s (%s): does not show %q as text", rel, m, squash(line))
			}
		}
		// Shortcodes and template braces were not run: the site title
		// they would print does not stand in for them.
		if strings.Contains(body, "Exhibit 5 Archive") {
			t.Errorf("%s (%s): a shortcode or template ran: %q", rel, m, body)
		}

		page, err := os.ReadFile(filepath.Join(dir, "content", "letters", id, "index.md"))
		if err != nil {
			t.Fatal(err)
		}
		l, _, err := letter.Parse(page)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if got := text(byID(root, "letter-title")); got != l.Title {
			t.Errorf("%s: title shown %q, front matter %q", rel, got, l.Title)
		}
		if strings.HasPrefix(m, "Zyqorsub") {
			if co := byClass(root, "m-company"); len(co) != 1 || !strings.Contains(text(co[0]), hostileCompany) {
				t.Errorf("%s: filer shown as %q, want %q", rel, text(co[0]), hostileCompany)
			}
			if ft := byClass(root, "m-form-type"); len(ft) != 1 || text(ft[0]) != hostileFormType {
				t.Errorf("%s: form type shown as %v, want %q", rel, ft, hostileFormType)
			}
		}

		// The filed original is kept byte for byte, and published only
		// under a .txt name: never as a live .htm page of the site.
		orig := byClass(root, "original-link")
		if len(orig) != 1 {
			t.Fatalf("%s: %d original links", rel, len(orig))
		}
		href := attr(orig[0], "href")
		if !strings.HasPrefix(href, "/letters/"+id+"/") || !strings.HasSuffix(href, ".txt") {
			t.Errorf("%s: original published at %q", rel, href)
		}
		got, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(href)))
		if err != nil {
			t.Fatalf("%s: original: %v", rel, err)
		}
		if want, _ := os.ReadFile(filepath.Join(dir, "content", "letters", id, l.Source.Original)); !bytes.Equal(got, want) || !strings.Contains(string(got), m) {
			t.Errorf("%s: published original differs from the filed one", rel)
		}
		if _, err := os.Stat(filepath.Join(public, "letters", id, "original.htm")); err == nil {
			t.Errorf("%s: original.htm published as is", rel)
		}

		// The index finds the letter by its word, with its exact title,
		// and its excerpts carry no markup but <mark>.
		for _, q := range []string{m, "+" + m + " +script", "+onerror +" + m, m + " AND iframe"} {
			res := search(t, s, index.Request{Q: q})
			if res.Total != 1 || res.Hits[0].ID != id {
				t.Errorf("search %q: %d hits; want %s", q, res.Total, id)
				continue
			}
			h := res.Hits[0]
			if h.Title != l.Title {
				t.Errorf("search %q: title %q, want %q", q, h.Title, l.Title)
			}
			for field, fs := range h.Fragments {
				for _, f := range fs {
					if bad := onlyMarks(t, f); len(bad) > 0 {
						t.Errorf("search %q: %s fragment %q carries %v", q, field, f, bad)
					}
				}
			}
		}
	}

	// No page of the site carries active markup: term pages named by
	// hostile names, lists, the home page, the search page.
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		for _, b := range activeMarkup(parseHTML(t, public, filepath.ToSlash(rel))) {
			t.Errorf("%s: active markup %s", rel, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Nor any feed, whose item descriptions readers render as HTML.
	err = filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || filepath.Base(p) != "index.xml" {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		for link, it := range readFeed(t, public, filepath.ToSlash(rel)) {
			if len(it.markup) > 0 {
				t.Errorf("%s: item %s: description carries %v", rel, link, it.markup)
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}

	// The search page the server renders, and its JSON API, from the
	// hostile index.
	srv := server.New(server.Config{Site: dir, Searcher: s})
	site := httptest.NewServer(srv)
	defer site.Close()
	for _, q := range []string{"Zyqor", "script onerror", "iframe", "javascript"} {
		resp, err := http.Get(site.URL + "/search/?q=" + url.QueryEscape(q))
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		root, err := html.Parse(bytes.NewReader(b))
		if err != nil || resp.StatusCode != 200 {
			t.Fatalf("search page %q: %d %v", q, resp.StatusCode, err)
		}
		if n := len(byClass(root, "hit")); n == 0 {
			t.Errorf("search page %q: no hits", q)
		}
		for _, bad := range activeMarkup(root) {
			t.Errorf("search page %q: active markup %s", q, bad)
		}
	}

	// A hostile query and filter are echoed into the page as text only.
	resp, err := http.Get(site.URL + hostileSearch)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := html.Parse(resp.Body)
	resp.Body.Close()
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range activeMarkup(sp) {
		t.Errorf("search page for a hostile query: active markup %s", bad)
	}

	// The server sends the filed original as sandboxed plain text.
	for _, id := range pages {
		href := attr(byClass(parseHTML(t, public, "letters/"+id+"/"), "original-link")[0], "href")
		resp, err := http.Get(site.URL + href)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if ct, csp := resp.Header.Get("Content-Type"), resp.Header.Get("Content-Security-Policy"); resp.StatusCode != 200 ||
			!strings.HasPrefix(ct, "text/plain") || !strings.Contains(csp, "sandbox") || resp.Header.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("GET %s: %s, Content-Type %q, CSP %q", href, resp.Status, ct, csp)
		}
	}

	t.Run("Chromium", func(t *testing.T) {
		ctx := newBrowser(t)
		do(t, ctx, addScript(trap))

		// The harness catches what it is there to catch: a page of our
		// own with the letter's payloads left live.
		live := markers["Zyqorbarehtml"]
		noRefresh := live[:strings.Index(live, "<meta http-equiv")] + live[strings.Index(live, "<meta charset"):]
		control := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Content-Type", "text/html; charset=utf-8")
			if r.URL.Path == "/refresh" {
				io.WriteString(w, live)
			} else {
				io.WriteString(w, noRefresh)
			}
		}))
		defer control.Close()
		ran := strings.Join(append(whatRan(t, ctx, control.URL, "/control"), whatRan(t, ctx, control.URL, "/refresh")...), "\n")
		for _, want := range []string{"head-script", "img-onerror", "navigated to " + bcn.URL() + "/meta-refresh"} {
			if !strings.Contains(ran, want) {
				t.Errorf("the harness missed %s in a live copy of the letter; saw:\n%s", want, ran)
			}
		}
		if !slices.Contains(bcn.Hits(), "/beacon/head-script") {
			t.Errorf("the beacon missed the live copy's script: %q", bcn.Hits())
		}
		bcn.Reset()

		// As a plain static host serves it, with no CSP to lean on: the
		// markup itself must be inert.
		static := httptest.NewServer(http.FileServer(http.Dir(public)))
		defer static.Close()
		var paths []string
		for _, id := range pages {
			root := parseHTML(t, public, "letters/"+id+"/")
			paths = append(paths, "/letters/"+id+"/", attr(byClass(root, "original-link")[0], "href"))
			for _, dd := range []string{"m-firms", "m-issuers", "m-forms"} {
				for _, e := range byClass(root, dd) {
					for _, a := range find(e, func(n *html.Node) bool { return n.Data == "a" }) {
						paths = append(paths, attr(a, "href"))
					}
				}
			}
		}
		paths = append(paths, "/", "/letters/", "/firms/", "/issuers/")
		for _, p := range paths {
			checkInert(t, ctx, static.URL, p)
		}
		for _, id := range pages {
			href := attr(byClass(parseHTML(t, public, "letters/"+id+"/"), "original-link")[0], "href")
			do(t, ctx, chromedp.Navigate(static.URL+href), until(`document.readyState === "complete"`))
			if ct := eval[string](t, ctx, `document.contentType`); ct != "text/plain" {
				t.Errorf("%s: the filed original is served as %s", href, ct)
			}
		}

		// Through the project's server, with its policy: letter pages,
		// originals, the server-rendered search page and live search.
		for _, id := range pages {
			checkInert(t, ctx, site.URL, "/letters/"+id+"/")
			checkInert(t, ctx, site.URL, attr(byClass(parseHTML(t, public, "letters/"+id+"/"), "original-link")[0], "href"))
		}
		checkInert(t, ctx, site.URL, "/search/?q=script+onerror+iframe")
		checkInert(t, ctx, site.URL, hostileSearch)
		do(t, ctx, chromedp.Navigate(site.URL+"/search/"), until(`!!document.getElementById("q")`))
		do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "Zyqor script"),
			until(`document.querySelectorAll("#results li.hit").length == 4`))
		eval[bool](t, ctx, poke)
		if sets := eval[[]string](t, ctx, `window.__sets`); len(sets) != 0 {
			t.Errorf("live search: payloads ran: %q", sets)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#results script, #results img, #results iframe, #results svg, #results [onerror], #results [onload]").length`); n != 0 {
			t.Errorf("live search results carry %d active elements", n)
		}
		if !eval[bool](t, ctx, `document.getElementById("results").textContent.indexOf("<script>") >= 0`) {
			t.Error("live search results do not show the quoted <script> as text")
		}

		if hits := bcn.Hits(); len(hits) != 0 {
			t.Errorf("the beacon was hit: %q", hits)
		}
	})
}
