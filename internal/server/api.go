package server

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"strconv"
	"time"

	"github.com/exhibits/exhibits/index"
)

// SearchResponse is the JSON answer of /api/search.
type SearchResponse struct {
	Total int `json:"total"`
	// Took is the search's time in milliseconds.
	Took   float64            `json:"took"`
	Page   int                `json:"page"`
	Size   int                `json:"size"`
	Hits   []Hit              `json:"hits"`
	Facets map[string][]Facet `json:"facets"`
}

// Hit is one letter found.
type Hit struct {
	ID        string   `json:"id"`
	Permalink string   `json:"permalink"`
	Title     string   `json:"title"`
	Date      string   `json:"date"`
	Firm      []string `json:"firm"`
	Issuer    []string `json:"issuer"`
	Form      []string `json:"form"`
	// Fragments maps a field to highlighted passages: HTML-escaped text
	// with the matches in <mark> elements, and no other markup.
	Fragments map[string][]string `json:"fragments"`
}

// Facet is one term's count.
type Facet struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

// SuggestResponse is the JSON answer of /api/suggest.
type SuggestResponse struct {
	Suggestions []Suggestion `json:"suggestions"`
}

// Suggestion is one name starting with the prefix.
type Suggestion struct {
	Field string `json:"field"`
	Name  string `json:"name"`
	Count int    `json:"count"`
}

// errBusy means no search slot came free within the request's time.
var errBusy = errors.New("the server is busy; try again")

// search runs req within the request timeout and the concurrency limit.
func (s *Server) search(ctx context.Context, req index.Request) (*SearchResponse, error) {
	if s.cfg.Searcher == nil {
		return nil, errNoIndex
	}
	// Wait for a slot (bounded), then give the search its own time.
	wait := time.NewTimer(s.cfg.QueueTimeout)
	defer wait.Stop()
	select {
	case s.slots <- struct{}{}:
		defer func() { <-s.slots }()
	case <-wait.C:
		return nil, errBusy
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	ctx, cancel := context.WithTimeout(ctx, s.cfg.SearchTimeout)
	defer cancel()
	start := time.Now()
	res, err := s.cfg.Searcher.Search(ctx, req)
	if err != nil {
		return nil, err
	}
	took := res.Took
	if took <= 0 {
		took = time.Since(start)
	}
	out := &SearchResponse{
		Total:  res.Total,
		Took:   float64(took.Microseconds()) / 1000,
		Page:   req.Page,
		Size:   req.Size,
		Hits:   make([]Hit, 0, len(res.Hits)),
		Facets: make(map[string][]Facet, len(res.Facets)),
	}
	for _, h := range res.Hits {
		hit := Hit{
			ID: h.ID, Permalink: h.Permalink, Title: h.Title, Date: h.Date,
			Firm: nonNil(h.Firms), Issuer: nonNil(h.Issuers), Form: nonNil(h.Forms),
			Fragments: make(map[string][]string, len(h.Fragments)),
		}
		for field, frags := range h.Fragments {
			clean := make([]string, len(frags))
			for i, f := range frags {
				clean[i] = cleanFragment(f)
			}
			hit.Fragments[field] = clean
		}
		out.Hits = append(out.Hits, hit)
	}
	for name, counts := range res.Facets {
		fs := make([]Facet, len(counts))
		for i, c := range counts {
			fs[i] = Facet{Term: c.Term, Count: c.Count}
		}
		out.Facets[facetName(name)] = fs
	}
	return out, nil
}

var errNoIndex = errors.New("search is not available: the site has no search index (run exhibits index)")

func nonNil(s []string) []string {
	if s == nil {
		return []string{}
	}
	return s
}

// searchError maps a search error to a status and a message for the user.
func (s *Server) searchError(r *http.Request, err error) (int, string) {
	if msg := badQueryMessage(err); msg != "" {
		return http.StatusBadRequest, msg
	}
	switch {
	case errors.Is(err, errNoIndex):
		return http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, errBusy):
		return http.StatusServiceUnavailable, err.Error()
	case errors.Is(err, context.DeadlineExceeded):
		return http.StatusServiceUnavailable, "the search took too long and was stopped; make it narrower"
	case errors.Is(err, context.Canceled) && r.Context().Err() != nil:
		return 499, "request canceled"
	}
	s.log.Error("search", "query", r.URL.RawQuery, "err", err)
	return http.StatusInternalServerError, "the search failed (the server's log says why)"
}

func (s *Server) apiSearch(w http.ResponseWriter, r *http.Request) {
	req, err := parseRequest(r.URL.Query())
	if err == nil {
		var resp *SearchResponse
		if resp, err = s.search(r.Context(), req); err == nil {
			writeJSON(w, http.StatusOK, resp)
			return
		}
	}
	code, msg := s.searchError(r, err)
	writeError(w, code, msg)
}

func (s *Server) apiSuggest(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	prefix := v.Get("prefix")
	if len(prefix) > MaxPrefixBytes {
		writeError(w, http.StatusBadRequest, "parameter prefix is too long")
		return
	}
	n := 10
	if ns := v.Get("n"); ns != "" {
		var err error
		if n, err = strconv.Atoi(ns); err != nil || n < 1 {
			writeError(w, http.StatusBadRequest, "parameter n must be a whole number of at least 1")
			return
		}
		n = min(n, MaxSuggestions)
	}
	resp := SuggestResponse{Suggestions: []Suggestion{}}
	if prefix == "" {
		writeJSON(w, http.StatusOK, resp)
		return
	}
	if s.cfg.Searcher == nil {
		writeError(w, http.StatusServiceUnavailable, errNoIndex.Error())
		return
	}
	ctx, cancel := context.WithTimeout(r.Context(), s.cfg.SearchTimeout)
	defer cancel()
	sugs, err := s.cfg.Searcher.Suggest(ctx, prefix, n)
	if err != nil {
		code, msg := s.searchError(r, err)
		writeError(w, code, msg)
		return
	}
	for _, sg := range sugs {
		resp.Suggestions = append(resp.Suggestions, Suggestion{Field: facetName(sg.Field), Name: sg.Name, Count: sg.Count})
	}
	writeJSON(w, http.StatusOK, resp)
}

func writeJSON(w http.ResponseWriter, code int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		code = http.StatusInternalServerError
		b = []byte(`{"error":"encoding the answer failed"}`)
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	w.WriteHeader(code)
	w.Write(append(b, '\n'))
}

func writeError(w http.ResponseWriter, code int, msg string) {
	writeJSON(w, code, map[string]string{"error": msg})
}
