package index

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestHelpExamples runs every example query of the search help page
// (content/search/help.md): each must be accepted, and the refused ones it
// describes must be refused.
func TestHelpExamples(t *testing.T) {
	b, err := os.ReadFile(filepath.Join("..", "content", "search", "help.md"))
	if err != nil {
		t.Fatal(err)
	}
	site := t.TempDir()
	writePage(t, site, newLetter("h1", "Opinion", "2020-06-02", []string{"Cooley LLP"}, []string{"Acme Holdings Inc."}),
		opinion+" The guarantee and the guaranty; indemnification.")
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	code := regexp.MustCompile("`([^`]+)`")
	n := 0
	for _, line := range strings.Split(string(b), "\n") {
		if !strings.HasPrefix(line, "| `") {
			continue
		}
		cell := strings.Split(line, " | ")[0]
		for _, m := range code.FindAllStringSubmatch(cell, -1) {
			n++
			if _, err := s.Search(context.Background(), Request{Q: m[1]}); err != nil {
				t.Errorf("help example %q: %v", m[1], err)
			}
		}
	}
	if n < 20 {
		t.Errorf("found only %d examples in the help page", n)
	}
	for q, want := range map[string]int{"issued": 1, "issuing": 1, "gu?rant*": 1, "/indemn.*/": 1, "nonassessible~": 1, "reorgan*": 0, "date:2020-06": 1} {
		if res := mustSearch(t, s, Request{Q: q}); res.Total != want {
			t.Errorf("help example %q: %d letters, want %d", q, res.Total, want)
		}
	}
	for _, q := range []string{"*issued", "/.*ssued/"} {
		if _, err := s.Search(context.Background(), Request{Q: q}); !errors.Is(err, ErrBadQuery) {
			t.Errorf("%q: %v, want refused as the help page says", q, err)
		}
	}
}
