package server

import (
	"bytes"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"

	"github.com/exhibits/exhibits/index"
)

// The site's search page (public/search/index.html, built by Hugo) holds
// resultsMarker inside <div id="results"> and a <div id="static-notice">
// saying that search needs the server. The server puts the results where
// the marker is, drops the notice and fills the form's q box, so the page
// works without JavaScript; static/js/search.js then takes over.
const (
	resultsMarker  = "<!--exhibits:results-->"
	staticNoticeID = "static-notice"
	maxPageBytes   = 4 << 20
)

func (s *Server) searchPage(w http.ResponseWriter, r *http.Request) {
	f, _, _, err := s.openFile("search/index.html")
	if err != nil {
		s.serveStatic(w, r)
		return
	}
	page, err := io.ReadAll(io.LimitReader(f, maxPageBytes))
	f.Close()
	if err != nil {
		http.Error(w, "reading the search page failed", http.StatusInternalServerError)
		return
	}
	v := r.URL.Query()
	code := http.StatusOK
	var results []byte
	req, err := parseRequest(v)
	if err == nil && !isEmpty(req) {
		var resp *SearchResponse
		if resp, err = s.search(r.Context(), req); err == nil {
			results, err = renderResults(req, resp)
		}
	}
	if err != nil {
		var msg string
		code, msg = s.searchError(r, err)
		results = renderError(msg)
	}
	out := fillSearchPage(page, req, results)
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	if r.Method != http.MethodHead {
		w.Write(out)
	}
}

// fillSearchPage returns page with results at the marker, the static
// notice removed and the form's fields (q, the filters, sort) showing the
// request. It walks the page with the HTML tokenizer, copying each token's
// raw bytes, so the rest of the page is left byte for byte as Hugo wrote
// it.
func fillSearchPage(page []byte, req index.Request, results []byte) []byte {
	fields := map[string]string{
		"q": req.Q, "firm": req.Firm, "issuer": req.Issuer, "plan": req.Plan, "form": req.Form,
		"jurisdiction": req.Jurisdiction, "from": req.From, "to": req.To,
	}
	var out bytes.Buffer
	out.Grow(len(page) + len(results))
	z := html.NewTokenizer(bytes.NewReader(page))
	skipDepth := 0 // >0 while inside the static notice
	inSort := false
	for {
		tt := z.Next()
		if tt == html.ErrorToken {
			break
		}
		raw := z.Raw()
		if skipDepth > 0 {
			name, _ := z.TagName()
			if atom.Lookup(name) == atom.Div {
				switch tt {
				case html.StartTagToken:
					skipDepth++
				case html.EndTagToken:
					skipDepth--
				}
			}
			continue
		}
		switch tt {
		case html.CommentToken:
			if string(raw) == resultsMarker {
				out.Write(results)
				continue
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); atom.Lookup(name) == atom.Select {
				inSort = false
			}
		case html.StartTagToken, html.SelfClosingTagToken:
			// Copy raw first: z.Token() would consume it.
			raw = append([]byte(nil), raw...)
			tok := z.Token()
			switch tok.DataAtom {
			case atom.Div:
				if attr(tok, "id") == staticNoticeID && tt == html.StartTagToken {
					skipDepth = 1
					continue
				}
			case atom.Input:
				if v, ok := fields[attr(tok, "name")]; ok {
					setAttr(&tok, "value", v)
					out.WriteString(tok.String())
					continue
				}
			case atom.Select:
				inSort = attr(tok, "name") == "sort"
			case atom.Option:
				if inSort && req.Sort != "" {
					delAttr(&tok, "selected")
					if attr(tok, "value") == req.Sort {
						tok.Attr = append(tok.Attr, html.Attribute{Key: "selected", Val: "selected"})
					}
					out.WriteString(tok.String())
					continue
				}
			}
		}
		out.Write(raw)
	}
	return out.Bytes()
}

func attr(t html.Token, key string) string {
	for _, a := range t.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func delAttr(t *html.Token, key string) {
	kept := t.Attr[:0]
	for _, a := range t.Attr {
		if a.Key != key {
			kept = append(kept, a)
		}
	}
	t.Attr = kept
}

func setAttr(t *html.Token, key, val string) {
	for i := range t.Attr {
		if t.Attr[i].Key == key {
			t.Attr[i].Val = val
			return
		}
	}
	t.Attr = append(t.Attr, html.Attribute{Key: key, Val: val})
}

// facetLabels names the facets, in the order the page shows them, and
// the request parameter a click on one of their terms sets.
var facetLabels = []struct{ name, label, param string }{
	{"firm", "Firm", "firm"},
	{"issuer", "Issuer", "issuer"},
	{"plan", "Plan", "plan"},
	{"form", "Form", "form"},
	{"jurisdiction", "Jurisdiction", "jurisdiction"},
	{"year", "Year", ""}, // a year sets from and to
}

type pageData struct {
	Summary string
	Active  []activeFilter
	Hits    []pageHit
	Start   int
	Facets  []pageFacet
	Prev    string
	Next    string
	Page    int
	Pages   int
}

type activeFilter struct{ Label, Value, Remove string }

type pageHit struct {
	URL, Title, Date      string
	Firms, Issuers, Forms string
	Fragments             []template.HTML
}

type pageFacet struct {
	Name, Label string
	Terms       []pageTerm
}

type pageTerm struct {
	Term, URL string
	Count     int
	Active    bool
}

// requestValues turns a request back into URL parameters.
func requestValues(req index.Request) url.Values {
	v := url.Values{}
	set := func(k, s string) {
		if s != "" {
			v.Set(k, s)
		}
	}
	set("q", req.Q)
	set("firm", req.Firm)
	set("issuer", req.Issuer)
	set("plan", req.Plan)
	set("form", req.Form)
	set("jurisdiction", req.Jurisdiction)
	set("from", req.From)
	set("to", req.To)
	set("sort", req.Sort)
	if req.Size != DefaultPageSize {
		v.Set("size", strconv.Itoa(req.Size))
	}
	return v
}

func searchURL(v url.Values) string { return "/search/?" + v.Encode() }

func renderResults(req index.Request, resp *SearchResponse) ([]byte, error) {
	base := requestValues(req)
	d := pageData{Start: (req.Page-1)*req.Size + 1, Page: req.Page}
	d.Pages = (min(resp.Total, MaxResultWindow) + req.Size - 1) / req.Size
	switch resp.Total {
	case 0:
		d.Summary = "No letters match."
	case 1:
		d.Summary = "1 letter matches."
	default:
		d.Summary = fmt.Sprintf("%d letters match; %d–%d shown.", resp.Total, d.Start, d.Start+len(resp.Hits)-1)
	}
	for _, p := range []struct{ key, label string }{
		{"firm", "Firm"}, {"issuer", "Issuer"}, {"plan", "Plan"}, {"form", "Form"},
		{"jurisdiction", "Jurisdiction"}, {"from", "From"}, {"to", "To"},
	} {
		if val := base.Get(p.key); val != "" {
			rm := cloneValues(base)
			rm.Del(p.key)
			d.Active = append(d.Active, activeFilter{Label: p.label, Value: val, Remove: searchURL(rm)})
		}
	}
	for _, h := range resp.Hits {
		ph := pageHit{
			URL: h.Permalink, Title: h.Title, Date: h.Date,
			Firms: strings.Join(h.Firm, "; "), Issuers: strings.Join(h.Issuer, "; "), Forms: strings.Join(h.Form, ", "),
		}
		if ph.Title == "" {
			ph.Title = h.ID
		}
		for _, field := range fragmentOrder(h.Fragments) {
			for _, f := range h.Fragments[field] {
				ph.Fragments = append(ph.Fragments, template.HTML(f)) // cleaned in search: text and <mark> only
			}
		}
		d.Hits = append(d.Hits, ph)
	}
	for _, fl := range facetLabels {
		terms := resp.Facets[fl.name]
		if len(terms) == 0 {
			continue
		}
		pf := pageFacet{Name: fl.name, Label: fl.label}
		for _, t := range terms {
			v := cloneValues(base)
			active := false
			// A click on an active term lifts the filter.
			if fl.param == "" {
				active = v.Get("from") == t.Term+"-01-01" && v.Get("to") == t.Term+"-12-31"
				if active {
					v.Del("from")
					v.Del("to")
				} else {
					v.Set("from", t.Term+"-01-01")
					v.Set("to", t.Term+"-12-31")
				}
			} else {
				active = v.Get(fl.param) == t.Term
				if active {
					v.Del(fl.param)
				} else {
					v.Set(fl.param, t.Term)
				}
			}
			pf.Terms = append(pf.Terms, pageTerm{Term: t.Term, Count: t.Count, URL: searchURL(v), Active: active})
		}
		d.Facets = append(d.Facets, pf)
	}
	if req.Page > 1 {
		v := cloneValues(base)
		if req.Page > 2 {
			v.Set("page", strconv.Itoa(req.Page-1))
		}
		d.Prev = searchURL(v)
	}
	if req.Page < d.Pages {
		v := cloneValues(base)
		v.Set("page", strconv.Itoa(req.Page+1))
		d.Next = searchURL(v)
	}
	var b bytes.Buffer
	err := resultsTemplate.Execute(&b, d)
	return b.Bytes(), err
}

// fragmentOrder lists a hit's highlighted fields, names first, body last.
func fragmentOrder(m map[string][]string) []string {
	var fields []string
	for _, f := range []string{"title", "firm", "issuer", "plan", "body"} {
		if _, ok := m[f]; ok {
			fields = append(fields, f)
		}
	}
	for f := range m {
		switch f {
		case "title", "firm", "issuer", "plan", "body":
		default:
			fields = append(fields, f)
		}
	}
	return fields
}

func cloneValues(v url.Values) url.Values {
	c := make(url.Values, len(v))
	for k, vs := range v {
		c[k] = append([]string(nil), vs...)
	}
	return c
}

func renderError(msg string) []byte {
	var b bytes.Buffer
	errorTemplate.Execute(&b, msg)
	return b.Bytes()
}

// The markup below is also what static/js/search.js builds: keep them alike.
var errorTemplate = template.Must(template.New("error").Parse(
	`<p class="search-error" role="alert">{{.}}</p>`))

var resultsTemplate = template.Must(template.New("results").Parse(`
<p class="search-summary" role="status">{{.Summary}}</p>
{{- if .Active}}
<ul class="active-filters">
{{- range .Active}}
<li>{{.Label}}: {{.Value}} <a href="{{.Remove}}" class="remove-filter" aria-label="Remove filter {{.Label}}: {{.Value}}">×</a></li>
{{- end}}
</ul>
{{- end}}
<div class="search-body">
<ol class="hits" start="{{.Start}}">
{{- range .Hits}}
<li class="hit">
<h3 class="hit-title"><a href="{{.URL}}">{{.Title}}</a></h3>
<p class="hit-meta">{{if .Date}}<time>{{.Date}}</time>{{end}}{{if .Firms}} · <span class="hit-firm">{{.Firms}}</span>{{end}}{{if .Issuers}} · <span class="hit-issuer">{{.Issuers}}</span>{{end}}{{if .Forms}} · <span class="hit-form">{{.Forms}}</span>{{end}}</p>
{{- range .Fragments}}
<p class="fragment">{{.}}</p>
{{- end}}
</li>
{{- end}}
</ol>
{{- if .Facets}}
<aside class="facets" aria-label="Refine the results">
{{- range .Facets}}
<section class="facet" data-facet="{{.Name}}">
<h2>{{.Label}}</h2>
<ul>
{{- range .Terms}}
<li><a href="{{.URL}}" data-term="{{.Term}}"{{if .Active}} class="active" aria-current="true"{{end}}>{{.Term}}</a> <span class="count">{{.Count}}</span></li>
{{- end}}
</ul>
</section>
{{- end}}
</aside>
{{- end}}
</div>
{{- if or .Prev .Next}}
<nav class="pager" aria-label="Result pages">
{{- if .Prev}}<a href="{{.Prev}}" rel="prev">← Previous</a>{{end}}
<span>Page {{.Page}} of {{.Pages}}</span>
{{- if .Next}}<a href="{{.Next}}" rel="next">Next →</a>{{end}}
</nav>
{{- end}}
`))
