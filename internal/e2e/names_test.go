package e2e

import (
	"context"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/chromedp/chromedp"
	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/server"
	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// awkwardNames break naive front matter, HTML, templates or URLs.
var awkwardNames = []string{
	`O'Brien "The Firm" & Co.`,
	"Line\nBreak LLP",
	"+++\ntitle = \"pwned\"\n+++ Plus LLP",
	`Triple """ Double LLP`,
	`Triple ''' Single LLP`,
	`Back\slash\\ \n \u0041 \"Sons\" LLP`,
	"Emoji 🏛️⚖️ 👩🏽‍⚖️ Partners",
	"\u202eRTL override LLP\u202c",
	"\u200fשלום ושות׳\u200e Cohen & Co.",
	"<b>Bold</b> & <i>Sons</i> LLP",
	"AT&amp;T &lt;Counsel&gt; &#34;LLP&#34; &",
	"{{ .Site.Title }} {{< param title >}} {{% x %}} LLP",
	"Tab\tSeparated\tLLP",
	"Zero\u200bWidth\ufeffJoiner\u200dLLP",
}

// nameLetter is the page of one letter whose firm, issuer and plan are
// all name, as a user who edits a page by hand writes it.
func nameLetter(i int, name string) (*letter.Letter, string) {
	id := fmt.Sprintf("0009999999-21-%06d-ex5", i)
	return &letter.Letter{
		Title: name + " — opinion", Date: fmt.Sprintf("2021-03-%02d", i+1), ID: id,
		Aliases: []string{"/l/" + id + "/"},
		Firms:   []string{name}, Issuers: []string{name}, Plans: []string{name},
		Forms: []string{"S-8"}, Jurisdictions: []string{"Delaware"}, Years: []string{"2021"},
		Addressee: name, Signer: name,
		Source: letter.Source{File: "ex5.txt", Company: name, Original: "original.txt", SHA256: strings.Repeat("0", 64)},
	}, fmt.Sprintf("Ladies and Gentlemen:\n\nThe shares are validly issued. Marker qxname%d.\n", i)
}

func TestAwkwardNames(t *testing.T) {
	dir := t.TempDir()

	// One name that ingest itself carries, from a submission's header
	// (a header value is one line), to the page.
	headerName := `O'Hare "Quoted" \ +++ """ ''' <b>b</b> &amp; 🏛️ ` + "\u202e" + `rtl` + "\u200f"
	raw := t.TempDir()
	writeFiles(t, raw, map[string][]byte{"0009999998-21-000001.txt": []byte(`<SEC-DOCUMENT>0009999998-21-000001.txt : 20210301
<SEC-HEADER>
ACCESSION NUMBER:		0009999998-21-000001
CONFORMED SUBMISSION TYPE:	S-8
FILED AS OF DATE:		20210301
FILER:
	COMPANY DATA:
		COMPANY CONFORMED NAME:			` + headerName + `
		CENTRAL INDEX KEY:			0009999998
</SEC-HEADER>
<DOCUMENT>
<TYPE>EX-5.1
<SEQUENCE>2
<FILENAME>ex5.txt
<TEXT>
Ladies and Gentlemen:

We have acted as counsel in connection with the registration of 1,000
shares. In our opinion the shares are validly issued, fully paid and
nonassessable. Marker qxheader.

Very truly yours,

/s/ O'Brien, Díaz & Ng LLP
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`)})
	if sum := ingestDir(t, dir, raw); sum.Written != 1 {
		t.Fatalf("ingest: %+v", sum)
	}

	// The rest written as pages, the way a hand-edited page arrives.
	for i, name := range awkwardNames {
		l, body := nameLetter(i, name)
		page, err := letter.Marshal(l, body)
		if err != nil {
			t.Fatalf("%q: %v", name, err)
		}
		back, backBody, err := letter.Parse(page)
		if err != nil {
			t.Fatalf("%q: page does not parse back: %v\n%s", name, err, page)
		}
		if !reflect.DeepEqual(back, l) || backBody != body {
			t.Errorf("%q: front matter does not round-trip:\n got %+v\nwant %+v", name, back, l)
		}
		writeFiles(t, dir, map[string][]byte{
			"content/letters/" + l.ID + "/index.md":     page,
			"content/letters/" + l.ID + "/original.txt": []byte(body),
		})
	}
	public, s := buildAndIndex(t, dir)

	// The ingested page: the header's name exact in the front matter and
	// on the page.
	hdrID := "0009999998-21-000001-ex5-1"
	page, err := os.ReadFile(filepath.Join(dir, "content", "letters", hdrID, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	hl, _, err := letter.Parse(page)
	if err != nil {
		t.Fatal(err)
	}
	if hl.Source.Company != headerName {
		t.Errorf("ingested filer %q, want %q", hl.Source.Company, headerName)
	}
	root := parseHTML(t, public, "letters/"+hdrID+"/")
	if co := byClass(root, "m-company"); len(co) != 1 || !strings.HasPrefix(text(co[0]), headerName+" (CIK") {
		t.Errorf("ingested filer shown as %q, want %q", text(co[0]), headerName)
	}
	if len(hl.Issuers) == 1 && hl.Issuers[0] == headerName {
		if got := text(byClass(root, "m-issuers")[0]); got != headerName {
			t.Errorf("ingested issuer shown as %q", got)
		}
	}
	// Whatever names extraction made of the letter come back exactly
	// from the page and the index.
	for _, c := range []struct {
		class string
		names []string
		req   func(string) index.Request
	}{
		{"m-firms", hl.Firms, func(n string) index.Request { return index.Request{Firm: n} }},
		{"m-issuers", hl.Issuers, func(n string) index.Request { return index.Request{Issuer: n} }},
	} {
		if len(c.names) == 0 {
			t.Errorf("ingested letter: no %s", c.class)
			continue
		}
		if es := byClass(root, c.class); len(es) != 1 || text(es[0]) != strings.Join(c.names, "; ") {
			t.Errorf("ingested letter: %s shown as %q, front matter %q", c.class, text(es[0]), c.names)
		}
		for _, n := range c.names {
			if res := search(t, s, c.req(n)); res.Total != 1 || res.Hits[0].ID != hdrID {
				t.Errorf("ingested letter: search by %s %q: %d hits", c.class, n, res.Total)
			}
		}
	}
	if res := search(t, s, index.Request{Q: "qxheader"}); res.Total != 1 || res.Hits[0].Title != hl.Title {
		t.Errorf("search for the ingested letter: %+v", res)
	}

	feed := readFeed(t, public, "index.xml")

	srv := httptest.NewServer(server.New(server.Config{Site: dir, Searcher: s}))
	defer srv.Close()

	for i, name := range awkwardNames {
		l, _ := nameLetter(i, name)
		rel := "letters/" + l.ID + "/"
		root := parseHTML(t, public, rel)
		if got := text(byID(root, "letter-title")); got != l.Title {
			t.Errorf("%q: title shown %q", name, got)
		}
		for _, class := range []string{"m-firms", "m-issuers", "m-plans", "m-addressee", "m-signer"} {
			if es := byClass(root, class); len(es) != 1 || text(es[0]) != name {
				t.Errorf("%q: %s shown as %q", name, class, text(es[0]))
			}
		}
		for _, class := range []string{"m-firms", "m-issuers", "m-plans"} {
			as := find(byClass(root, class)[0], func(n *html.Node) bool { return n.Data == "a" })
			if len(as) != 1 {
				t.Errorf("%q: %s: %d term links", name, class, len(as))
				continue
			}
			href := attr(as[0], "href")
			term := parseHTML(t, public, href)
			if h1 := find(term, func(n *html.Node) bool { return n.Data == "h1" }); len(h1) == 0 || text(h1[0]) != name {
				t.Errorf("%q: term page %s is not titled with it", name, href)
			}
			if len(find(term, func(n *html.Node) bool { return n.Data == "a" && attr(n, "href") == "/"+rel })) == 0 {
				t.Errorf("%q: term page %s does not link to /%s", name, href, rel)
			}
			// The link works through the server too, encoded as a
			// browser sends it.
			u, err := url.Parse(srv.URL + href)
			if err != nil {
				t.Errorf("%q: term link %q: %v", name, href, err)
				continue
			}
			resp, err := http.Get(u.String())
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != 200 {
				t.Errorf("%q: GET %s: %s", name, href, resp.Status)
			}
		}

		// A feed reader shows the description as HTML: it must show the
		// exact name, as text.
		if d, ok := feed["/"+rel]; !ok {
			t.Errorf("%q: not in the home feed", name)
		} else if want := "Opinion of " + name + " for " + name + " (Form S-8)"; d.text != want || len(d.markup) > 0 {
			t.Errorf("%q: a feed reader shows the description as %q with markup %v; want %q as text", name, d.text, d.markup, want)
		}

		// The index gives the exact name back, found by word and by
		// each exact-name filter.
		for _, req := range []index.Request{
			{Q: fmt.Sprintf("qxname%d", i)},
			{Firm: name}, {Issuer: name}, {Plan: name},
		} {
			res := search(t, s, req)
			if res.Total != 1 || res.Hits[0].ID != l.ID {
				t.Errorf("%q: search %+v: %d hits", name, req, res.Total)
				continue
			}
			h := res.Hits[0]
			if h.Title != l.Title || !reflect.DeepEqual(h.Firms, []string{name}) || !reflect.DeepEqual(h.Issuers, []string{name}) {
				t.Errorf("%q: search hit %+v", name, h)
			}
		}
		// Typing the start of its first word suggests the exact name.
		word := strings.FieldsFunc(name, func(r rune) bool { return !unicode.IsLetter(r) })
		for len(word) > 0 && utf8.RuneCountInString(word[0]) < 3 {
			word = word[1:]
		}
		if len(word) > 0 {
			prefix := string([]rune(word[0])[:3])
			sugs, err := s.Suggest(context.Background(), prefix, 50)
			if err != nil {
				t.Fatal(err)
			}
			found := false
			for _, sg := range sugs {
				found = found || sg.Field == "firm" && sg.Name == name
			}
			if !found {
				t.Errorf("%q: not suggested for %q: %+v", name, prefix, sugs)
			}
		}

		// The search page the server renders shows it as text.
		resp, err := http.Get(srv.URL + "/search/?" + url.Values{"q": {fmt.Sprintf("qxname%d", i)}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		sp, err := html.Parse(resp.Body)
		resp.Body.Close()
		if err != nil {
			t.Fatal(err)
		}
		if ts := byClass(sp, "hit-title"); len(ts) != 1 || text(ts[0]) != l.Title {
			t.Errorf("%q: search page shows the title as %q", name, text(ts[0]))
		}
		if fs := byClass(sp, "hit-firm"); len(fs) != 1 || text(fs[0]) != name {
			t.Errorf("%q: search page shows the firm as %q", name, text(fs[0]))
		}
		if bad := activeMarkup(sp); len(bad) > 0 {
			t.Errorf("%q: search page carries %v", name, bad)
		}

		// And so does the server's API, the name sent as a query value.
		resp, err = http.Get(srv.URL + "/api/search?" + url.Values{"firm": {name}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		var sr server.SearchResponse
		err = json.NewDecoder(resp.Body).Decode(&sr)
		resp.Body.Close()
		if err != nil || sr.Total != 1 || sr.Hits[0].Title != l.Title || !reflect.DeepEqual(sr.Hits[0].Firm, []string{name}) {
			t.Errorf("%q: /api/search?firm=: %v %+v", name, err, sr)
		}
	}
	// In the browser, the script-rendered results and facets show every
	// name as its text, and nothing in them runs.
	t.Run("Chromium", func(t *testing.T) {
		ctx := newBrowser(t)
		do(t, ctx, addScript(trap))
		do(t, ctx, chromedp.Navigate(srv.URL+"/search/"), until(`!!document.getElementById("q")`))
		do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "validly"),
			until(fmt.Sprintf(`document.querySelectorAll("#results li.hit").length == %d`, min(20, len(awkwardNames)+1))))
		terms := eval[[]string](t, ctx, `Array.from(document.querySelectorAll('#results [data-facet="firm"] a[data-term]')).map(function (a) { return a.getAttribute("data-term") + "\x00" + a.textContent; })`)
		shown := map[string]bool{}
		for _, x := range terms {
			term, txt, _ := strings.Cut(x, "\x00")
			if term != txt {
				t.Errorf("firm facet %q shown as %q", term, txt)
			}
			shown[term] = true
		}
		for _, name := range awkwardNames {
			if !shown[name] {
				t.Errorf("firm facet lacks %q; has %q", name, terms)
			}
		}
		titles := eval[[]string](t, ctx, `Array.from(document.querySelectorAll("#results .hit-title")).map(function (e) { return e.textContent; })`)
		for i, name := range awkwardNames {
			if l, _ := nameLetter(i, name); !slices.Contains(titles, l.Title) {
				t.Errorf("results lack the title %q", l.Title)
			}
		}
		// A click on an awkward name's facet filters to its letter.
		do(t, ctx, chromedp.Click(chromedp.CSS(`#results [data-facet="firm"] a[data-term="`+strings.ReplaceAll(awkwardNames[9], `"`, `\"`)+`"]`)),
			until(`document.querySelectorAll("#results li.hit").length == 1`))
		if got := eval[string](t, ctx, `document.querySelector("#results .hit-firm").textContent`); got != awkwardNames[9] {
			t.Errorf("after the facet click: firm %q, want %q", got, awkwardNames[9])
		}
		if sets := eval[[]string](t, ctx, `window.__sets`); len(sets) != 0 {
			t.Errorf("scripts ran: %q", sets)
		}
		if n := eval[int](t, ctx, `document.querySelectorAll("#results b, #results i, #results script, #results img").length`); n != 0 {
			t.Errorf("names became %d elements in the results", n)
		}
	})
}

// feedItem is what a feed reader makes of an item's description, which
// RSS 2.0 defines as HTML: its text and any elements in it.
type feedItem struct {
	text   string
	markup []string
}

// readFeed parses public/<rel> as RSS and each item's description as a
// reader does, keyed by the item's link path.
func readFeed(t *testing.T, public, rel string) map[string]feedItem {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	var rss struct {
		Items []struct {
			Link        string `xml:"link"`
			Description string `xml:"description"`
		} `xml:"channel>item"`
	}
	if err := xml.Unmarshal(data, &rss); err != nil {
		t.Fatalf("%s: %v", rel, err)
	}
	items := map[string]feedItem{}
	for _, it := range rss.Items {
		nodes, err := html.ParseFragment(strings.NewReader(it.Description), &html.Node{Type: html.ElementNode, Data: "div", DataAtom: atom.Div})
		if err != nil {
			t.Fatal(err)
		}
		var fi feedItem
		for _, n := range nodes {
			fi.text += text(n)
			walk(n, func(e *html.Node) { fi.markup = append(fi.markup, "<"+e.Data+">") })
		}
		u, err := url.Parse(it.Link)
		if err != nil {
			t.Fatalf("%s: item link %q: %v", rel, it.Link, err)
		}
		items[u.Path] = fi
	}
	return items
}
