package site

import (
	"bytes"
	"context"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/markdown"
	"golang.org/x/net/html"
)

// Every payload, if it ran, would set window.__pwned (or call alert).
const hostileText = `<script>window.__pwned = "script"</script>
<img src=x onerror="window.__pwned='onerror'">
<iframe src="javascript:parent.__pwned='iframe'"></iframe>
<svg onload="window.__pwned='svg'"><script>window.__pwned='svg-script'</script></svg>
<a href="javascript:window.__pwned='href'" onclick="window.__pwned='onclick'">click me</a>
[a link](javascript:window.__pwned='md-link') [data](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==) [vb](vbscript:msgbox)
<div style="background:url(javascript:window.__pwned='css');width:expression(window.__pwned='expr')">styled</div>
<style>body{background:url("javascript:window.__pwned='style'")}</style>
<!-- --><script>window.__pwned = "comment"</script><!-- -->
--!><script>window.__pwned = "bang"</script>
![beacon](http://127.0.0.1:1/beacon.png)
<object data="javascript:window.__pwned='object'"></object><embed src="javascript:window.__pwned='embed'">
<form action="javascript:window.__pwned='form'"><button>go</button></form>
<meta http-equiv="refresh" content="0;url=javascript:window.__pwned='meta'">
<base href="http://127.0.0.1:1/">
{{< highlight go >}}smuggled{{< /highlight >}} {{% param "title" %}} {{</* comment */>}}`

// hostileLetters writes two letters full of markup from strangers: one
// whose body is raw Markdown (as someone might edit a page by hand), one
// whose body went through the ingest renderer (markdown.FromText), and
// whose front matter values all carry payloads.
func hostileLetters(t *testing.T, dir string) (raw, ingested string) {
	t.Helper()
	mk := func(id, body string) {
		l := &letter.Letter{
			Title:         `<script>window.__pwned="title"</script> Evil "Corp" </title><b>x</b>`,
			Date:          "2020-02-02",
			ID:            id,
			Aliases:       []string{"/l/" + id + "/"},
			Firms:         []string{`<img src=x onerror="window.__pwned='firm'">`, `"><script>window.__pwned='firm2'</script>`},
			Issuers:       []string{`</a><iframe src="javascript:window.__pwned='issuer'">`},
			Plans:         []string{`javascript:window.__pwned='plan'`},
			Forms:         []string{`S-8<style>*{x:expression(window.__pwned='form')}</style>`},
			Jurisdictions: []string{`--><script>window.__pwned='law'</script><!--`},
			Years:         []string{"2020"},
			Securities:    `<svg onload="window.__pwned='sec'">`,
			Addressee:     `" onmouseover="window.__pwned='addr'" x="`,
			Signer:        `{{< param "title" >}}`,
			Exhibit:       `5.1<script>window.__pwned='ex'</script>`,
			Source: letter.Source{
				File: `<script>.txt`, Exhibit: "EX-5.1", Accession: "0000000000-20-000001",
				Company: `<script>window.__pwned='co'</script>`, FormType: `S-8"><script>window.__pwned='ft'</script>`,
				Filed: "2020-02-03", URL: `javascript:window.__pwned='url'`,
				Original: "../../../../etc/passwd", SHA256: "x",
			},
		}
		page, err := letter.Marshal(l, body)
		if err != nil {
			t.Fatal(err)
		}
		b := filepath.Join(dir, "content", "letters", id)
		os.MkdirAll(b, 0o755)
		os.WriteFile(filepath.Join(b, "index.md"), page, 0o644)
		os.WriteFile(filepath.Join(b, "original.htm"), []byte(hostileText), 0o644)
	}
	raw, ingested = "0000000000-20-000001-ex5-1", "0000000000-20-000002-ex5-1"
	// Raw Markdown cannot carry shortcodes (Hugo would refuse the page; see
	// TestBuildErrors); ingest escapes them.
	rawBody := hostileText[:strings.Index(hostileText, "{{<")]
	mk(raw, "Ladies and Gentlemen:\n\n"+rawBody+"\n\nValidly issued.\n")
	mk(ingested, markdown.FromText("Ladies and Gentlemen:\n\n"+hostileText+"\n\nValidly issued.\n"))
	return raw, ingested
}

// activeContent lists what in a built page could run or load: script
// elements other than the site's own, frames, objects, styles, event
// handler and style attributes, script-ish URLs, meta refreshes and bases.
func activeContent(root *html.Node) []string {
	var bad []string
	for _, n := range all(root, func(*html.Node) bool { return true }) {
		switch n.Data {
		case "script":
			if src, _ := attr(n, "src"); (src != "/js/site.js" && src != "/js/search.js") || n.FirstChild != nil {
				bad = append(bad, "script "+src)
			}
		case "iframe", "frame", "object", "embed", "style", "svg", "base", "img", "form":
			if n.Data != "form" || mustAttr(n, "action") != "/search/" {
				bad = append(bad, "<"+n.Data+">")
			}
		case "meta":
			if strings.EqualFold(mustAttr(n, "http-equiv"), "refresh") {
				bad = append(bad, "meta refresh")
			}
		}
		for _, a := range n.Attr {
			v := strings.ToLower(strings.TrimSpace(a.Val))
			if strings.HasPrefix(a.Key, "on") || a.Key == "style" || a.Key == "srcdoc" {
				bad = append(bad, "attribute "+a.Key)
			}
			if (a.Key == "href" || a.Key == "src" || a.Key == "action" || a.Key == "data") &&
				(strings.HasPrefix(v, "javascript:") || strings.HasPrefix(v, "data:") || strings.HasPrefix(v, "vbscript:")) {
				bad = append(bad, a.Key+"="+a.Val)
			}
		}
	}
	return bad
}

func TestHostileLetters(t *testing.T) {
	dir := newSite(t)
	raw, ingested := hostileLetters(t, dir)
	public := build(t, dir)

	// Nothing active on any page of the site: letters, term pages (named
	// by payloads), lists, home.
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") || strings.HasPrefix(p, filepath.Join(public, "l")+"/") {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		for _, b := range activeContent(readPage(t, public, rel).root) {
			t.Errorf("%s: %s", rel, b)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	// Feeds and the sitemap stay well-formed XML.
	filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".xml") {
			data, _ := os.ReadFile(p)
			dec := xml.NewDecoder(bytes.NewReader(data))
			for {
				if _, err := dec.Token(); err == io.EOF {
					break
				} else if err != nil {
					t.Errorf("%s: %v", p, err)
					break
				}
			}
		}
		return nil
	})
	problems, _, err := brokenLinks(public)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}

	// Front matter values are shown as their text.
	for _, id := range []string{raw, ingested} {
		p := readPage(t, public, "letters/"+id+"/")
		if got := text(p.byID(t, "letter-title")); got != `<script>window.__pwned="title"</script> Evil "Corp" </title><b>x</b>` {
			t.Errorf("title shown as %q", got)
		}
		if got := text(p.byClass("m-firms")[0]); got != `<img src=x onerror="window.__pwned='firm'">; "><script>window.__pwned='firm2'</script>` {
			t.Errorf("firms shown as %q", got)
		}
		if got := text(p.byClass("m-addressee")[0]); got != `" onmouseover="window.__pwned='addr'" x="` {
			t.Errorf("addressee shown as %q", got)
		}
		if got := text(p.byClass("m-signer")[0]); got != `{{< param "title" >}}` {
			t.Errorf("signer shown as %q", got)
		}
		if len(p.byClass("edgar-link")) != 0 {
			t.Error("javascript: source URL became a link")
		}
		// The filed original is published as text only; the ../ name
		// reaches nothing outside the bundle.
		if o := p.byClass("original-link"); len(o) != 1 || mustAttr(o[0], "href") != "/letters/"+id+"/original.htm.txt" {
			t.Errorf("original link: %v", links(p.byClass("source-links")[0]))
		}
	}
	// Through ingest, the letter's markup and shortcodes are its text.
	body := text(readPage(t, public, "letters/"+ingested+"/").byClass("letter-body")[0])
	for _, line := range strings.Split(hostileText, "\n") {
		if !strings.Contains(strings.Join(strings.Fields(body), " "), strings.Join(strings.Fields(line), " ")) {
			t.Errorf("ingested letter does not show %q as text", line)
		}
	}

	t.Run("in Chromium", func(t *testing.T) {
		ctx := newBrowser(t)
		ts := serve(t, public)
		do(t, ctx, addScript(recordViolations+`
window.__dialogs = 0;
window.alert = window.confirm = window.prompt = function () { window.__dialogs++; };`))
		var pages []string
		for _, id := range []string{raw, ingested} {
			pages = append(pages, "/letters/"+id+"/", "/letters/"+id+"/original.htm.txt")
		}
		p := readPage(t, public, "letters/"+raw+"/")
		for _, l := range links(p.byClass("metadata")[0]) {
			if strings.HasPrefix(l[1], "/") {
				pages = append(pages, l[1])
			}
		}
		pages = append(pages, "/", "/firms/", "/issuers/", "/plans/", "/forms/", "/jurisdictions/", "/letters/")
		for _, path := range pages {
			do(t, ctx, chromedp.Navigate(ts.URL+path), until(`document.readyState === "complete"`))
			// Hover and click what a reader would, to trip handlers.
			chromedp.Run(ctx, chromedp.Evaluate[bool](`(function(){
  document.querySelectorAll(".letter-body a, .letter-body span, dd").forEach(function(e){
    e.dispatchEvent(new MouseEvent("mouseover", {bubbles:true}));
  });
  return true })()`))
			time.Sleep(150 * time.Millisecond)
			if v := eval[string](t, ctx, `String(window.__pwned)`); v != "undefined" {
				t.Errorf("%s: a payload ran: __pwned = %s", path, v)
			}
			if n := eval[int](t, ctx, `window.__dialogs`); n != 0 {
				t.Errorf("%s: %d dialogs", path, n)
			}
			if v := eval[[]string](t, ctx, `window.__csp`); len(v) != 0 {
				// A violation means markup got as far as the browser.
				t.Errorf("%s: CSP had to block: %v", path, v)
			}
			if res := eval[[]string](t, ctx, `performance.getEntriesByType("resource").map(function(e){return e.name})`); len(res) > 0 {
				for _, r := range res {
					if !strings.HasPrefix(r, ts.URL+"/") {
						t.Errorf("%s loaded %s", path, r)
					}
				}
			}
			if n := eval[int](t, ctx, `document.querySelectorAll("iframe, object, embed, img").length`); n != 0 {
				t.Errorf("%s: %d frames, objects or images", path, n)
			}
		}
		// The original is plain text in the browser, not a page.
		do(t, ctx, chromedp.Navigate(ts.URL+"/letters/"+raw+"/original.htm.txt"), until(`document.readyState === "complete"`))
		if ct := eval[string](t, ctx, `document.contentType`); ct != "text/plain" {
			t.Errorf("original served as %s", ct)
		}
	})
}

// Names that break naive front matter or HTML come out exactly as they
// went in: on the letter page, in the term page, in its title.
func TestNameRoundTrip(t *testing.T) {
	names := []string{
		`O'Brien "The Firm" & Co.`,
		"Line\nBreak LLP",
		"+++ Plus Plus Plus LLP",
		`Triple """ Quote LLP`,
		`Back\slash\\ & Sons \u0041`,
		"Emoji 🏛️⚖️ Partners",
		"\u200fשלום ושות׳\u200e Cohen & Co.",
		"Ünïcödé Ångström AG",
		"Tab\tSeparated LLP",
		"AC/DC Partners LLP",
		"100% Owned LLP",
		"?query#fragment LLP",
	}
	dir := newSite(t)
	for i, name := range names {
		id := letter.ID("0000000001-21-00000"+itoa(i), "EX-5", "")
		l := &letter.Letter{
			Title: name + " — " + name, Date: fmt.Sprintf("2021-01-%02d", i+1), ID: id, Aliases: []string{"/l/" + id + "/"},
			Firms: []string{name}, Issuers: []string{name}, Plans: []string{name}, Forms: []string{"S-8"},
			Jurisdictions: []string{"Delaware"}, Years: []string{"2021"}, Addressee: name, Signer: name,
			Source: letter.Source{File: "x.txt", Original: "original.txt", SHA256: "x"},
		}
		page, err := letter.Marshal(l, "Text.\n")
		if err != nil {
			t.Fatal(err)
		}
		if back, _, err := letter.Parse(page); err != nil || back.Firms[0] != name {
			t.Fatalf("%q: front matter does not round-trip: %v", name, err)
		}
		b := filepath.Join(dir, "content", "letters", id)
		os.MkdirAll(b, 0o755)
		os.WriteFile(filepath.Join(b, "index.md"), page, 0o644)
		os.WriteFile(filepath.Join(b, "original.txt"), []byte(name), 0o644)
	}
	public := build(t, dir)
	for i, name := range names {
		id := letter.ID("0000000001-21-00000"+itoa(i), "EX-5", "")
		p := readPage(t, public, "letters/"+id+"/")
		if got := text(p.byID(t, "letter-title")); got != name+" — "+name {
			t.Errorf("title %q, want %q", got, name+" — "+name)
		}
		for _, class := range []string{"m-firms", "m-issuers", "m-plans", "m-addressee", "m-signer"} {
			if got := text(p.byClass(class)[0]); got != name {
				t.Errorf("%s: %q, want %q", class, got, name)
			}
		}
		for _, class := range []string{"m-firms", "m-issuers", "m-plans"} {
			ls := links(p.byClass(class)[0])
			if len(ls) != 1 {
				t.Errorf("%s of %q: no term link", class, name)
				continue
			}
			term := readPage(t, public, ls[0][1])
			if got := text(term.byTag("h1")[0]); got != name {
				t.Errorf("term page %s titled %q, want %q", ls[0][1], got, name)
			}
			if !hasLink(term, "/letters/"+id+"/") {
				t.Errorf("term page %s does not list %q's letter", ls[0][1], name)
			}
		}
		if bb := text(p.byID(t, "cite-bluebook")); !strings.Contains(bb, "(opinion of "+strings.Join(strings.Fields(name), " ")+")") {
			t.Errorf("Bluebook for %q: %q", name, bb)
		}
	}
}

// Names that would make Hugo publish a page over another one (a firm
// "../.." is the home page) leave their letter out of the site, with the
// reason; the rest of the site builds and nothing is overwritten. So do
// pages Hugo would refuse, which would otherwise fail the whole build.
func TestUnsafeLetters(t *testing.T) {
	dir := newSite(t)
	bad := map[string]string{
		"firm-dotdot":   "firms = ['../..']",
		"issuer-escape": "issuers = ['../letters/0000950103-96-000123-ex5-1']",
		"plan-deep":     "plans = ['a/../../../../index']",
		"dot":           "forms = ['.']",
		"empty":         "jurisdictions = ['']",
		"alias":         "aliases = ['/index.html']",
		"alias-up":      "aliases = ['/l/../letters/']",
		"url":           "url = '/about/'",
		"date":          "date = 'sometime in 1999'",
		"toml":          "firms = ['unterminated",
		"percent":       "firms = ['%2e%2e%2f LLP']",
		"long":          "issuers = ['" + strings.Repeat("Longname ", 40) + "Inc.']",
	}
	for name, line := range bad {
		b := filepath.Join(dir, "content", "letters", "t-bad-"+name)
		os.MkdirAll(b, 0o755)
		page := "+++\ntitle = 'bad " + name + "'\n" + line + "\n+++\nText.\n"
		os.WriteFile(filepath.Join(b, "index.md"), []byte(page), 0o644)
	}
	var progress strings.Builder
	if err := Build(context.Background(), dir, Options{Progress: &progress}); err != nil {
		t.Fatalf("Build: %v", err)
	}
	public := filepath.Join(dir, "public")
	for name := range bad {
		if !strings.Contains(progress.String(), "skipped "+filepath.Join(dir, "content", "letters", "t-bad-"+name, "index.md")+": ") {
			t.Errorf("%s: not reported as skipped:\n%s", name, progress.String())
		}
		if _, err := os.Stat(filepath.Join(public, "letters", "t-bad-"+name)); !os.IsNotExist(err) {
			t.Errorf("%s: published", name)
		}
	}
	if got := text(readPage(t, public, "index.html").byID(t, "home-h")); got != "Exhibit 5 Archive" {
		t.Errorf("home page replaced: %q", got)
	}
	if got := text(readPage(t, public, "about/").byTag("h1")[0]); got != "About this archive" {
		t.Errorf("about page replaced: %q", got)
	}
	if got := text(readPage(t, public, "letters/0000950103-96-000123-ex5-1/").byID(t, "letter-title")); !strings.HasPrefix(got, "Halvorsen") {
		t.Errorf("letter page replaced: %q", got)
	}
	if got := text(readPage(t, public, "index.html").byID(t, "count-letters")); got != "5" {
		t.Errorf("home counts %s letters, want the 5 good ones", got)
	}
	// Once fixed, a letter comes back.
	os.WriteFile(filepath.Join(dir, "content", "letters", "t-bad-url", "index.md"), []byte("+++\ntitle = 'fixed'\n+++\nText.\n"), 0o644)
	public = build(t, dir)
	if _, err := os.Stat(filepath.Join(public, "letters", "t-bad-url", "index.html")); err != nil {
		t.Errorf("fixed letter not published: %v", err)
	}
}
