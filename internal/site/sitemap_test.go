package site

import (
	"encoding/xml"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

type urlset struct {
	URLs []struct {
		Loc string `xml:"loc"`
	} `xml:"url"`
}

type sitemapIndex struct {
	XMLName  xml.Name `xml:"sitemapindex"`
	Sitemaps []struct {
		Loc string `xml:"loc"`
	} `xml:"sitemap"`
}

// TestSitemapSplit lowers the per-file limit (50,000 URLs in the sitemap
// protocol) so that the sample archive needs several sitemaps, and checks
// that the index names them all and that every page is listed exactly once.
func TestSitemapSplit(t *testing.T) {
	const max = 7
	t.Setenv("HUGO_SITEMAP_MAX", "7")
	public := build(t, newSite(t))

	data, err := os.ReadFile(filepath.Join(public, "sitemap.xml"))
	if err != nil {
		t.Fatal(err)
	}
	var idx sitemapIndex
	if err := xml.Unmarshal(data, &idx); err != nil {
		t.Fatalf("sitemap.xml is not a sitemap index: %v\n%s", err, data)
	}
	if len(idx.Sitemaps) < 2 {
		t.Fatalf("sitemap index names %d sitemaps", len(idx.Sitemaps))
	}
	seen := map[string]int{}
	for _, sm := range idx.Sitemaps {
		data, err := os.ReadFile(filepath.Join(public, filepath.FromSlash(strings.TrimPrefix(sm.Loc, "/"))))
		if err != nil {
			t.Fatalf("sitemap index names %s: %v", sm.Loc, err)
		}
		var set urlset
		if err := xml.Unmarshal(data, &set); err != nil {
			t.Fatalf("%s: %v", sm.Loc, err)
		}
		if len(set.URLs) == 0 || len(set.URLs) > max {
			t.Errorf("%s holds %d URLs, want 1 to %d", sm.Loc, len(set.URLs), max)
		}
		for _, u := range set.URLs {
			seen[u.Loc]++
		}
	}
	// Every letter page and term page is in exactly one sitemap.
	n := 0
	err = filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != "index.html" {
			return err
		}
		rel, _ := filepath.Rel(public, filepath.Dir(p))
		loc := "/" + filepath.ToSlash(rel) + "/"
		if rel == "." {
			loc = "/"
		}
		if strings.HasPrefix(loc, "/l/") || strings.Contains(loc, "/page/") {
			return nil // short links and list pages past the first
		}
		n++
		if seen[loc] != 1 {
			t.Errorf("%s is listed %d times", loc, seen[loc])
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if n < 3*max {
		t.Errorf("only %d pages checked", n)
	}
}
