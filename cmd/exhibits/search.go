package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"io"
	"strings"
	"time"
	"unicode"

	"github.com/exhibits/exhibits/index"
)

func init() {
	register(command{name: "search", summary: "search the index from the command line", run: runSearch})
}

func runSearch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("search", "[-site DIR] [-json] [-n N] [-page P] [-sort date] [-firm NAME] ... QUERY...", stderr)
	site := fs.String("site", ".", "site `DIR`ectory")
	asJSON := fs.Bool("json", false, "print the result as JSON")
	n := fs.Int("n", 10, "results per page (at most 100)")
	page := fs.Int("page", 1, "page of results")
	sortBy := fs.String("sort", "relevance", "relevance or date (newest first)")
	var r index.Request
	fs.StringVar(&r.Firm, "firm", "", "only letters of this firm (exact name)")
	fs.StringVar(&r.Issuer, "issuer", "", "only letters for this issuer (exact name)")
	fs.StringVar(&r.Plan, "plan", "", "only letters about this plan (exact name)")
	fs.StringVar(&r.Form, "form", "", "only letters filed with this form (S-8, S-3, ...)")
	fs.StringVar(&r.Jurisdiction, "law", "", "only letters opining on this jurisdiction's law")
	fs.StringVar(&r.From, "from", "", "only letters dated on or after `YYYY-MM-DD`")
	fs.StringVar(&r.To, "to", "", "only letters dated on or before `YYYY-MM-DD`")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	r.Q = strings.Join(fs.Args(), " ")
	r.Size, r.Page, r.Sort = min(max(*n, 1), 100), *page, *sortBy

	s, err := index.Open(*site)
	if err != nil {
		return err
	}
	defer s.Close()
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	res, err := s.Search(ctx, r)
	if errors.Is(err, index.ErrBadQuery) {
		fmt.Fprintf(stderr, "exhibits search: %v\n", err)
		return errUsage
	}
	if err != nil {
		return err
	}
	if *asJSON {
		return printSearchJSON(stdout, r, res)
	}
	printSearchText(stdout, r, res, isTerminal(stdout))
	return nil
}

// The JSON has the shape of the server's /api/search answer.
type jsonResult struct {
	Total  int                    `json:"total"`
	Took   float64                `json:"took"` // milliseconds
	Page   int                    `json:"page"`
	Size   int                    `json:"size"`
	Hits   []jsonHit              `json:"hits"`
	Facets map[string][]jsonFacet `json:"facets"`
}

type jsonHit struct {
	ID        string              `json:"id"`
	Permalink string              `json:"permalink"`
	Title     string              `json:"title"`
	Date      string              `json:"date,omitempty"`
	Firm      []string            `json:"firm"`
	Issuer    []string            `json:"issuer"`
	Form      []string            `json:"form"`
	Fragments map[string][]string `json:"fragments"`
}

type jsonFacet struct {
	Term  string `json:"term"`
	Count int    `json:"count"`
}

func printSearchJSON(w io.Writer, r index.Request, res *index.Result) error {
	out := jsonResult{Total: res.Total, Took: float64(res.Took.Microseconds()) / 1000, Page: r.Page, Size: r.Size,
		Hits: []jsonHit{}, Facets: map[string][]jsonFacet{}}
	for _, h := range res.Hits {
		out.Hits = append(out.Hits, jsonHit{h.ID, h.Permalink, h.Title, h.Date, h.Firms, h.Issuers, h.Forms, h.Fragments})
	}
	for k, fc := range res.Facets {
		list := []jsonFacet{}
		for _, c := range fc {
			list = append(list, jsonFacet{c.Term, c.Count})
		}
		out.Facets[k] = list
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(out)
}

func printSearchText(w io.Writer, r index.Request, res *index.Result, tty bool) {
	plural := "s"
	if res.Total == 1 {
		plural = ""
	}
	first := (max(r.Page, 1)-1)*r.Size + 1
	fmt.Fprintf(w, "%d letter%s found (%v)", res.Total, plural, res.Took.Round(time.Microsecond*100))
	if len(res.Hits) > 0 {
		fmt.Fprintf(w, ", %d-%d:", first, first+len(res.Hits)-1)
	}
	fmt.Fprintln(w)
	for i, h := range res.Hits {
		fmt.Fprintf(w, "\n%3d. %s", first+i, terminalText(h.Title))
		if h.Date != "" {
			fmt.Fprintf(w, "  (%s)", h.Date)
		}
		fmt.Fprintln(w)
		var who []string
		who = append(who, h.Firms...)
		who = append(who, h.Issuers...)
		who = append(who, h.Forms...)
		if len(who) > 0 {
			fmt.Fprintf(w, "     %s\n", terminalText(strings.Join(who, " · ")))
		}
		for _, f := range h.Fragments["body"] {
			fmt.Fprintf(w, "     %s\n", fragmentText(f, tty))
		}
		fmt.Fprintf(w, "     %s\n", h.Permalink)
	}
}

// fragmentText turns a highlighted fragment (HTML-escaped, <mark>ed) into
// terminal text: bold on a terminal, *word* otherwise.
func fragmentText(f string, tty bool) string {
	on, off := "*", "*"
	if tty {
		on, off = "\x1b[1m", "\x1b[0m"
	}
	// Marks first: the text between them is escaped, so it holds no "<mark>".
	var b strings.Builder
	for {
		i := strings.Index(f, "<mark>")
		if i < 0 {
			b.WriteString(terminalText(html.UnescapeString(f)))
			break
		}
		j := strings.Index(f[i:], "</mark>")
		if j < 0 {
			b.WriteString(terminalText(html.UnescapeString(f)))
			break
		}
		b.WriteString(terminalText(html.UnescapeString(f[:i])))
		b.WriteString(on)
		b.WriteString(terminalText(html.UnescapeString(f[i+len("<mark>") : i+j])))
		b.WriteString(off)
		f = f[i+j+len("</mark>"):]
	}
	return b.String()
}

// terminalText drops control characters, so a letter cannot send escape
// sequences to the user's terminal.
func terminalText(s string) string {
	return strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' {
			return ' '
		}
		if unicode.IsControl(r) {
			return -1
		}
		return r
	}, s)
}
