package site

import (
	"fmt"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// brokenLinks checks every page in public: each internal href and src
// names a file in public (and each #fragment an id on its page), and no
// element loads anything from outside the site. It returns the problems.
func brokenLinks(public string) ([]string, int, error) {
	var problems []string
	checked := 0
	err := filepath.WalkDir(public, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".html") {
			return err
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		root, err := html.Parse(f)
		f.Close()
		if err != nil {
			return fmt.Errorf("%s: %w", p, err)
		}
		rel, _ := filepath.Rel(public, p)
		pageURL := "/" + filepath.ToSlash(rel)
		ids := map[string]bool{}
		for _, n := range all(root, func(*html.Node) bool { return true }) {
			if v, ok := attr(n, "id"); ok {
				ids[v] = true
			}
		}
		for _, n := range all(root, func(*html.Node) bool { return true }) {
			for _, a := range n.Attr {
				loads := a.Key == "src" || a.Key == "srcset" || a.Key == "poster" || a.Key == "data" ||
					(n.Data == "link" && a.Key == "href" && !strings.Contains(mustAttr(n, "rel"), "alternate") && mustAttr(n, "rel") != "canonical")
				navigates := (n.Data == "a" || n.Data == "area" || n.Data == "link") && a.Key == "href" || n.Data == "form" && a.Key == "action"
				if strings.HasPrefix(a.Key, "on") || a.Key == "style" {
					problems = append(problems, fmt.Sprintf("%s: <%s %s>", pageURL, n.Data, a.Key))
				}
				if !loads && !navigates {
					continue
				}
				checked++
				u, err := url.Parse(strings.TrimSpace(a.Val))
				if err != nil {
					problems = append(problems, fmt.Sprintf("%s: <%s %s=%q>: %v", pageURL, n.Data, a.Key, a.Val, err))
					continue
				}
				if u.Scheme != "" || u.Host != "" {
					if loads {
						problems = append(problems, fmt.Sprintf("%s: <%s %s=%q> loads from outside the site", pageURL, n.Data, a.Key, a.Val))
					} else if u.Scheme != "https" && u.Scheme != "http" && u.Scheme != "mailto" {
						problems = append(problems, fmt.Sprintf("%s: <%s %s=%q>: scheme %q", pageURL, n.Data, a.Key, a.Val, u.Scheme))
					}
					continue
				}
				target := u.Path
				if target == "" {
					if u.Fragment != "" && !ids[u.Fragment] {
						problems = append(problems, fmt.Sprintf("%s: #%s names no element", pageURL, u.Fragment))
					}
					continue
				}
				if !strings.HasPrefix(target, "/") {
					target = path.Join(path.Dir(pageURL), target)
				}
				if !exists(public, target) {
					problems = append(problems, fmt.Sprintf("%s: <%s %s=%q>: no such file", pageURL, n.Data, a.Key, a.Val))
				}
			}
		}
		return nil
	})
	return problems, checked, err
}

// exists reports whether a site path is served by a file in public.
func exists(public, p string) bool {
	f := filepath.Join(public, filepath.FromSlash(path.Clean(p)))
	if strings.HasSuffix(p, "/") {
		f = filepath.Join(f, "index.html")
	}
	fi, err := os.Stat(f)
	if err == nil && fi.IsDir() {
		fi, err = os.Stat(filepath.Join(f, "index.html"))
	}
	return err == nil && !fi.IsDir()
}

func TestLinks(t *testing.T) {
	public := build(t, newSite(t))
	problems, checked, err := brokenLinks(public)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
	if checked < 500 {
		t.Errorf("only %d links checked", checked)
	}
	t.Logf("%d links checked", checked)
}

// The checker itself finds what it is meant to find.
func TestLinkCheckerCatches(t *testing.T) {
	public := t.TempDir()
	page := `<html><head><link rel="stylesheet" href="https://cdn.example/x.css"></head><body>
<a href="/nope/">x</a><a href="#missing">y</a><img src="/a.png"><a href="javascript:alert(1)">z</a><p onclick="x()">w</p></body></html>`
	os.WriteFile(filepath.Join(public, "index.html"), []byte(page), 0o644)
	problems, _, err := brokenLinks(public)
	if err != nil {
		t.Fatal(err)
	}
	if len(problems) != 6 {
		t.Errorf("found %d problems, want 6: %q", len(problems), problems)
	}
}
