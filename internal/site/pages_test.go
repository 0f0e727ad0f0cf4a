package site

import (
	"bytes"
	"html"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/exhibits/exhibits/internal/letter"
)

// samples reads the sample letters' front matter.
func samples(t *testing.T) map[string]*letter.Letter {
	t.Helper()
	out := map[string]*letter.Letter{}
	dirs, err := os.ReadDir("testdata/letters")
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range dirs {
		data, err := os.ReadFile(filepath.Join("testdata/letters", d.Name(), "index.md"))
		if err != nil {
			t.Fatal(err)
		}
		l, _, err := letter.Parse(data)
		if err != nil {
			t.Fatalf("%s: %v", d.Name(), err)
		}
		out[d.Name()] = l
	}
	return out
}

func TestPages(t *testing.T) {
	letters := samples(t)
	dir := newSite(t)
	public := build(t, dir)

	t.Run("home", func(t *testing.T) {
		p := readPage(t, public, "index.html")
		distinct := func(get func(*letter.Letter) []string) string {
			m := map[string]bool{}
			for _, l := range letters {
				for _, v := range get(l) {
					m[v] = true
				}
			}
			return itoa(len(m))
		}
		want := map[string]string{
			"count-letters": itoa(len(letters)),
			"count-firms":   distinct(func(l *letter.Letter) []string { return l.Firms }),
			"count-issuers": distinct(func(l *letter.Letter) []string { return l.Issuers }),
			"count-plans":   distinct(func(l *letter.Letter) []string { return l.Plans }),
			"count-years":   distinct(func(l *letter.Letter) []string { return l.Years }),
		}
		for id, w := range want {
			if got := text(p.byID(t, id)); got != w {
				t.Errorf("%s = %q, want %q", id, got, w)
			}
		}
		// Newest letters, newest first.
		var dates []string
		for _, l := range letters {
			dates = append(dates, l.Date)
		}
		sort.Sort(sort.Reverse(sort.StringSlice(dates)))
		rows := p.byClass("letter-row")
		if len(rows) != len(letters) {
			t.Fatalf("home lists %d letters, want %d", len(rows), len(letters))
		}
		for i, r := range rows {
			tm := all(r, func(n *htmlNode) bool { return n.Data == "time" })
			if len(tm) == 0 {
				t.Fatalf("row %d has no date", i)
			}
			if d, _ := attr(tm[0], "datetime"); d != dates[i] {
				t.Errorf("newest row %d dated %s, want %s", i, d, dates[i])
			}
		}
		// Top firms: Marlow Keane LLP has the most letters.
		top := links(p.byID(t, "firms-h").Parent)
		if len(top) == 0 || top[0][0] != "Marlow Keane LLP" || top[0][1] != "/firms/marlow-keane-llp/" {
			t.Errorf("top firm = %v", top)
		}
		// The search box goes to /search/ with q.
		forms := p.byTag("form")
		found := false
		for _, f := range forms {
			a, _ := attr(f, "action")
			m, _ := attr(f, "method")
			if a == "/search/" && m == "get" && len(all(f, func(n *htmlNode) bool { v, _ := attr(n, "name"); return v == "q" })) == 1 {
				found = true
			}
		}
		if !found {
			t.Error("home has no GET /search/?q= form")
		}
	})

	t.Run("letter", func(t *testing.T) {
		id := "0000950103-96-000123-ex5-1"
		l := letters[id]
		p := readPage(t, public, "letters/"+id+"/")
		if got := text(p.byID(t, "letter-title")); got != l.Title {
			t.Errorf("title %q, want %q", got, l.Title)
		}
		body := text(p.byClass("letter-body")[0])
		if !strings.Contains(body, "validly issued, fully paid and nonassessable") {
			t.Errorf("letter body lacks the opinion: %q", body)
		}
		// Every taxonomy value links to its term page, and the term page
		// is titled with that value and lists this letter.
		for class, vals := range map[string][]string{
			"m-firms": l.Firms, "m-issuers": l.Issuers, "m-plans": l.Plans,
			"m-forms": l.Forms, "m-jurisdictions": l.Jurisdictions, "m-years": l.Years,
		} {
			dd := p.byClass(class)
			if len(dd) != 1 {
				t.Fatalf("%s: %d elements", class, len(dd))
			}
			ls := links(dd[0])
			if len(ls) != len(vals) {
				t.Fatalf("%s links %v, want %v", class, ls, vals)
			}
			for i, v := range vals {
				if ls[i][0] != v {
					t.Errorf("%s link %d text %q, want %q", class, i, ls[i][0], v)
				}
				term := readPage(t, public, ls[i][1])
				if got := text(term.byTag("h1")[0]); got != v {
					t.Errorf("term page %s titled %q, want %q", ls[i][1], got, v)
				}
				if !hasLink(term, "/letters/"+id+"/") {
					t.Errorf("term page %s does not list the letter", ls[i][1])
				}
			}
		}
		for class, want := range map[string]string{
			"m-shares": "1,500,000", "m-securities": l.Securities, "m-regno": l.RegistrationNo,
			"m-accession": l.Source.Accession, "m-issuer-state": l.IssuerState, "m-addressee": l.Addressee,
		} {
			if got := text(p.byClass(class)[0]); got != want {
				t.Errorf("%s = %q, want %q", class, got, want)
			}
		}
		wantBB := "Halvorsen Medical Corp., Registration Statement (Form S-8) ex. 5.1 (Dec. 23, 1996) " +
			"(opinion of Brandt, Oyelaran & Finch LLP), " + l.Source.URL +
			" (SEC Accession No. 0000950103-96-000123) [/letters/" + id + "/]."
		if got := text(p.byID(t, "cite-bluebook")); got != wantBB {
			t.Errorf("Bluebook\n got %q\nwant %q", got, wantBB)
		}
		bib := text(p.byID(t, "cite-bibtex"))
		for _, w := range []string{"@misc{exhibits:" + id + ",", `author       = {{Brandt, Oyelaran \& Finch LLP}}`, "year         = {1996}", "date         = {1996-12-23}", "note         = {SEC Accession No. 0000950103-96-000123}", "url          = {" + l.Source.URL + "}"} {
			if !strings.Contains(bib, w) {
				t.Errorf("BibTeX lacks %q:\n%s", w, bib)
			}
		}
		if unesc := strings.NewReplacer(`\{`, "", `\}`, ""); strings.Count(unesc.Replace(bib), "{") != strings.Count(unesc.Replace(bib), "}") {
			t.Errorf("BibTeX braces unbalanced:\n%s", bib)
		}
		ris := text(p.byID(t, "cite-ris"))
		for _, w := range []string{"TY  - GEN\n", "AU  - Brandt, Oyelaran & Finch LLP\n", "PY  - 1996\n", "DA  - 1996/12/23/\n", "UR  - " + l.Source.URL + "\n", "\nER  - "} {
			if !strings.Contains(ris, w) {
				t.Errorf("RIS lacks %q:\n%s", w, ris)
			}
		}
		plain := text(p.byID(t, "cite-plain"))
		if !strings.Contains(plain, "Brandt, Oyelaran & Finch LLP, legality opinion dated Dec. 23, 1996, filed as Exhibit 5.1 to the Registration Statement (Form S-8) of Halvorsen Medical Corporation (filed Dec. 24, 1996), SEC Accession No. 0000950103-96-000123.") {
			t.Errorf("plain citation: %q", plain)
		}
		// Permanent and short links.
		cite := p.byID(t, "cite")
		if !hasLinkUnder(cite, "/letters/"+id+"/") || !hasLinkUnder(cite, "/l/"+id+"/") {
			t.Errorf("Cite box links: %v", links(cite))
		}
		alias, err := os.ReadFile(filepath.Join(public, "l", id, "index.html"))
		if to := shortLinkTarget(alias, "/l/"+id+"/"); err != nil || to != "/letters/"+id+"/" {
			t.Errorf("short link page leads to %q, not the letter: %v %s", to, err, alias)
		}
		// The filed original, published as text; EDGAR.
		orig := p.byClass("original-link")
		if len(orig) != 1 {
			t.Fatal("no link to the filed original")
		}
		href, _ := attr(orig[0], "href")
		got, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(href)))
		want, _ := os.ReadFile(filepath.Join("testdata/letters", id, "original.txt"))
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("filed original %s: %v, differs from the bundle's", href, err)
		}
		if e := p.byClass("edgar-link"); len(e) != 1 || mustAttr(e[0], "href") != l.Source.URL {
			t.Error("no EDGAR link")
		}
	})

	t.Run("htm original is text", func(t *testing.T) {
		id := "0001193125-22-186192-ex5-1"
		p := readPage(t, public, "letters/"+id+"/")
		href := mustAttr(p.byClass("original-link")[0], "href")
		if href != "/letters/"+id+"/original.htm.txt" {
			t.Errorf("original published at %s", href)
		}
		got, _ := os.ReadFile(filepath.Join(public, filepath.FromSlash(href)))
		want, _ := os.ReadFile(filepath.Join("testdata/letters", id, "original.htm"))
		if !bytes.Equal(got, want) {
			t.Error("published original differs from the filed one")
		}
		filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
			if strings.HasPrefix(d.Name(), "original") && !strings.HasSuffix(d.Name(), ".txt") {
				t.Errorf("%s published as it was filed", p)
			}
			return nil
		})
		// Neighbours: same firm and issuer; earlier and later by date.
		nb := p.byClass("neighbours")[0]
		if !hasLinkUnder(nb, "/letters/0001104659-24-001111-ex5-1/") {
			t.Errorf("same firm & issuer letter missing: %v", links(nb))
		}
		if e := p.byClass("earlier"); len(e) != 1 || mustAttr(e[0], "href") != "/letters/t-1a2b3c4d5e6f7a8b/" {
			t.Errorf("earlier letter wrong")
		}
		if e := p.byClass("later"); len(e) != 1 || mustAttr(e[0], "href") != "/letters/0001193125-23-000777-ex5-1/" {
			t.Errorf("later letter wrong")
		}
		bb := text(p.byID(t, "cite-bluebook"))
		if !strings.HasPrefix(bb, "Quillfeather Sys., Inc., Registration Statement (Form S-3ASR) ex. 5.1 (June 30, 2022) (opinion of Marlow Keane LLP), https://www.sec.gov/") {
			t.Errorf("Bluebook %q", bb)
		}
	})

	t.Run("in-house, no accession", func(t *testing.T) {
		p := readPage(t, public, "letters/t-1a2b3c4d5e6f7a8b/")
		bb := text(p.byID(t, "cite-bluebook"))
		want := "Tenby Mutual Bancorp, Registration Statement (Form S-8) ex. 5 (May 2, 2001) (opinion of Margaret O. Lindqvist, in-house counsel) [/letters/t-1a2b3c4d5e6f7a8b/]."
		if bb != want {
			t.Errorf("Bluebook\n got %q\nwant %q", bb, want)
		}
		if len(p.byClass("edgar-link")) != 0 {
			t.Error("EDGAR link without an address")
		}
		if got := text(p.byClass("m-counsel")[0]); got != "In-house: Margaret O. Lindqvist" {
			t.Errorf("counsel %q", got)
		}
	})

	t.Run("taxonomies", func(t *testing.T) {
		for _, tax := range []string{"firms", "issuers", "plans", "forms", "jurisdictions", "years"} {
			p := readPage(t, public, tax+"/")
			counts := map[string]int{}
			for _, l := range letters {
				for _, v := range taxValues(l, tax) {
					counts[v]++
				}
			}
			var items [][2]string
			for _, li := range p.byTag("li") {
				if ns := all(li, func(n *htmlNode) bool { return hasClass(n, "n") }); len(ns) == 1 {
					a := all(li, func(n *htmlNode) bool { return n.Data == "a" })[0]
					items = append(items, [2]string{text(a), text(ns[0])})
				}
			}
			if len(items) != len(counts) {
				t.Errorf("%s index lists %d terms, want %d", tax, len(items), len(counts))
			}
			for i, it := range items {
				if itoa(counts[it[0]]) != it[1] {
					t.Errorf("%s: %s count %s, want %d", tax, it[0], it[1], counts[it[0]])
				}
				if i > 0 && strings.ToLower(items[i-1][0]) > strings.ToLower(it[0]) {
					t.Errorf("%s index not A–Z: %q before %q", tax, items[i-1][0], it[0])
				}
			}
		}
		// A term page: newest first, with its feed.
		p := readPage(t, public, "firms/marlow-keane-llp/")
		var got []string
		for _, tm := range p.byTag("time") {
			got = append(got, mustAttr(tm, "datetime"))
		}
		if strings.Join(got, " ") != "2024-01-09 2023-03-14 2022-06-30" {
			t.Errorf("term page dates %v", got)
		}
		rss, err := os.ReadFile(filepath.Join(public, "firms", "marlow-keane-llp", "index.xml"))
		if err != nil || bytes.Count(rss, []byte("<item>")) != 3 {
			t.Errorf("term feed: %v", err)
		}
		if !hasLink(p, "/firms/marlow-keane-llp/index.xml") {
			t.Error("term page does not link its feed")
		}
	})

	t.Run("other pages", func(t *testing.T) {
		for _, f := range []string{"about/index.html", "404.html", "sitemap.xml", "robots.txt", "index.xml", "letters/index.html", "css/site.css", "css/print.css", "js/site.js"} {
			if _, err := os.Stat(filepath.Join(public, f)); err != nil {
				t.Error(err)
			}
		}
		sm, _ := os.ReadFile(filepath.Join(public, "sitemap.xml"))
		for id := range letters {
			if !bytes.Contains(sm, []byte("/letters/"+id+"/</loc>")) {
				t.Errorf("sitemap lacks %s", id)
			}
		}
		s, _ := os.ReadFile(filepath.Join(public, "search", "index.html"))
		if !regexp.MustCompile(`<div id="results"[^>]*><!--exhibits:results--></div>`).Match(s) {
			t.Error("search page lacks the results marker inside div#results")
		}
		sp := readPage(t, public, "search/")
		if !strings.Contains(text(sp.byID(t, "static-notice")), "exhibits serve") {
			t.Error("search page lacks the static notice")
		}
		// The help page is the search engineer's; when it exists, link it.
		if exists(public, "/search/help/") != hasLink(sp, "/search/help/") {
			t.Errorf("search help page exists: %v; linked: %v", exists(public, "/search/help/"), hasLink(sp, "/search/help/"))
		}
		for _, name := range []string{"q", "firm", "issuer", "plan", "form", "jurisdiction", "from", "to", "sort"} {
			in := all(sp.byID(t, "search-form"), func(n *htmlNode) bool { v, _ := attr(n, "name"); return v == name })
			if len(in) != 1 {
				t.Errorf("search form field %s: %d", name, len(in))
				continue
			}
			id := mustAttr(in[0], "id")
			if len(all(sp.root, func(n *htmlNode) bool { v, _ := attr(n, "for"); return n.Data == "label" && v == id })) != 1 {
				t.Errorf("search field %s has no label", name)
			}
		}
		// Landmarks on every page kind.
		for _, rel := range []string{"index.html", "letters/t-1a2b3c4d5e6f7a8b/", "firms/", "firms/marlow-keane-llp/", "search/", "about/", "404.html"} {
			p := readPage(t, public, rel)
			for _, tag := range []string{"header", "nav", "main", "footer", "h1"} {
				if len(p.byTag(tag)) == 0 {
					t.Errorf("%s has no <%s>", rel, tag)
				}
			}
			if len(p.byTag("h1")) != 1 {
				t.Errorf("%s has %d h1", rel, len(p.byTag("h1")))
			}
		}
	})
}

func taxValues(l *letter.Letter, tax string) []string {
	switch tax {
	case "firms":
		return l.Firms
	case "issuers":
		return l.Issuers
	case "plans":
		return l.Plans
	case "forms":
		return l.Forms
	case "jurisdictions":
		return l.Jurisdictions
	case "years":
		return l.Years
	}
	return nil
}

func hasLink(p *page, href string) bool { return hasLinkUnder(p.root, href) }

func hasLinkUnder(n *htmlNode, href string) bool {
	for _, l := range links(n) {
		if l[1] == href {
			return true
		}
	}
	return false
}

func mustAttr(n *htmlNode, k string) string { v, _ := attr(n, k); return v }

func itoa(n int) string { return strconvItoa(n) }

// shortLinkTarget is the letter a short link page at path stands for:
// where its meta refresh sends the reader, else its canonical address; "".
func shortLinkTarget(page []byte, path string) string {
	for _, re := range []*regexp.Regexp{refreshURL, canonicalURL} {
		if m := re.FindSubmatch(page); m != nil {
			to, err := url.Parse(html.UnescapeString(string(m[1])))
			if err != nil {
				return ""
			}
			return (&url.URL{Path: path}).ResolveReference(to).Path
		}
	}
	return ""
}

var (
	refreshURL   = regexp.MustCompile(`http-equiv="refresh" content="0; url=([^"]+)"`)
	canonicalURL = regexp.MustCompile(`<link rel="canonical" href="([^"]+)"`)
)
