package server

import (
	"errors"
	"fmt"
	"html"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/exhibits/exhibits/index"
)

// Limits on one search request. A query longer than MaxQueryBytes is
// refused (nobody types 1,000 bytes into a search box; a 10 kB query is
// an attack or a mistake); a page larger than MaxPageSize is cut to it;
// results past MaxResultWindow are not paged to.
const (
	MaxQueryBytes   = 1000
	MaxFilterBytes  = 300
	DefaultPageSize = 20
	MaxPageSize     = 100
	MaxResultWindow = 10000
	MaxPrefixBytes  = 100
	MaxSuggestions  = 50
)

// badRequest is a mistake in the request, reported to the user as is.
type badRequest struct{ msg string }

func (e *badRequest) Error() string { return e.msg }

func badf(format string, args ...any) error { return &badRequest{fmt.Sprintf(format, args...)} }

// filterParams are the request parameters that narrow a search, in the
// order the search page shows them.
var filterParams = []string{"firm", "issuer", "plan", "form", "jurisdiction", "from", "to"}

var dateParam = regexp.MustCompile(`^\d{4}(-\d{2}(-\d{2})?)?$`)

// parseRequest reads a search request from URL parameters.
func parseRequest(v url.Values) (index.Request, error) {
	var req index.Request
	get := func(name string, limit int) (string, error) {
		vals := v[name]
		if len(vals) > 1 {
			return "", badf("parameter %s given %d times; give it once", name, len(vals))
		}
		if len(vals) == 0 {
			return "", nil
		}
		s := strings.TrimSpace(vals[0])
		if !utf8.ValidString(s) {
			return "", badf("parameter %s is not valid UTF-8", name)
		}
		if len(s) > limit {
			return "", badf("parameter %s is too long: %d bytes, the limit is %d", name, len(s), limit)
		}
		return s, nil
	}
	var err error
	fields := []struct {
		name  string
		dst   *string
		limit int
	}{
		{"q", &req.Q, MaxQueryBytes},
		{"firm", &req.Firm, MaxFilterBytes},
		{"issuer", &req.Issuer, MaxFilterBytes},
		{"plan", &req.Plan, MaxFilterBytes},
		{"form", &req.Form, MaxFilterBytes},
		{"jurisdiction", &req.Jurisdiction, MaxFilterBytes},
		{"from", &req.From, 10},
		{"to", &req.To, 10},
		{"sort", &req.Sort, 20},
	}
	for _, f := range fields {
		if *f.dst, err = get(f.name, f.limit); err != nil {
			return req, err
		}
	}
	for _, d := range []struct{ name, val string }{{"from", req.From}, {"to", req.To}} {
		if d.val != "" && !dateParam.MatchString(d.val) {
			return req, badf("parameter %s must be a date, YYYY-MM-DD (or YYYY-MM, YYYY), not %q", d.name, d.val)
		}
	}
	switch req.Sort {
	case "", "relevance", "date":
	default:
		return req, badf("parameter sort must be relevance or date, not %q", req.Sort)
	}
	num := func(name string, def int) (int, error) {
		s, err := get(name, 10)
		if err != nil || s == "" {
			return def, err
		}
		n, err := strconv.Atoi(s)
		if err != nil || n < 1 {
			return 0, badf("parameter %s must be a whole number of at least 1, not %q", name, s)
		}
		return n, nil
	}
	if req.Page, err = num("page", 1); err != nil {
		return req, err
	}
	if req.Size, err = num("size", DefaultPageSize); err != nil {
		return req, err
	}
	req.Size = min(req.Size, MaxPageSize)
	if (req.Page-1)*req.Size >= MaxResultWindow {
		return req, badf("page %d is too deep: only the first %d results can be paged through; narrow the search", req.Page, MaxResultWindow)
	}
	return req, nil
}

// isEmpty reports a request with nothing to search for.
func isEmpty(req index.Request) bool {
	return req.Q == "" && req.Firm == "" && req.Issuer == "" && req.Plan == "" &&
		req.Form == "" && req.Jurisdiction == "" && req.From == "" && req.To == ""
}

// badQueryMessage returns the message to show for a search error that is
// the user's fault, or "" for one that is not.
func badQueryMessage(err error) string {
	var br *badRequest
	if errors.As(err, &br) {
		return br.msg
	}
	if errors.Is(err, index.ErrBadQuery) {
		return err.Error()
	}
	return ""
}

// cleanFragment re-escapes a highlighted fragment so that it holds only
// text and <mark> elements, whatever the index produced: the text between
// marks is unescaped and escaped again, any other tag becomes text.
func cleanFragment(s string) string {
	var b strings.Builder
	open := false
	for len(s) > 0 {
		tag := "<mark>"
		if open {
			tag = "</mark>"
		}
		i := strings.Index(s, tag)
		if i < 0 {
			b.WriteString(html.EscapeString(html.UnescapeString(s)))
			break
		}
		b.WriteString(html.EscapeString(html.UnescapeString(s[:i])))
		b.WriteString(tag)
		open = !open
		s = s[i+len(tag):]
	}
	if open {
		b.WriteString("</mark>")
	}
	return b.String()
}

// facetName maps the index's facet names to the API's singular ones.
func facetName(name string) string {
	switch name {
	case "firms", "issuers", "plans", "forms", "jurisdictions", "years":
		return strings.TrimSuffix(name, "s")
	}
	return name
}
