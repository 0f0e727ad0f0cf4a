package site

import (
	"errors"
	"fmt"
	"html"
	"io/fs"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync/atomic"
)

// publishShortLinks publishes each built letter's short link: for the
// alias "/l/<x>/", out/l/<x>/index.html is the letter's own page, hard
// linked (its canonical link names the permanent address; both addresses
// are two levels deep, so every link in it resolves the same), or where
// linking fails a page sending the reader on to the letter. Hugo would
// render 100,000 redirect pages through its alias template one by one; the
// build turns Hugo's aliases off and does this instead, at the cost of a
// directory and a link each. links maps a bundle name to its aliases,
// already checked to be /l/<x>/ with x a plain file name
// (checkFrontMatter); a short link is never written over another file, and
// two letters claiming one short link give it to the first by name.
func publishShortLinks(out string, links map[string][]string) (int, error) {
	names := make([]string, 0, len(links))
	for name := range links {
		names = append(names, name)
	}
	sort.Strings(names)
	built := make([]bool, len(names))
	inParallel(len(names), func(i int) error {
		_, err := os.Stat(filepath.Join(out, "letters", names[i], "index.html"))
		built[i] = err == nil
		return nil
	})
	type link struct{ x, name string }
	var todo []link
	taken := map[string]bool{}
	for i, name := range names {
		for _, alias := range links[name] {
			if !built[i] || !shortLink.MatchString(alias) || strings.Contains(alias, "..") {
				continue
			}
			x := strings.Trim(strings.TrimPrefix(alias, "/l/"), "/")
			if taken[x] {
				continue
			}
			taken[x] = true
			todo = append(todo, link{x, name})
		}
	}
	if len(todo) == 0 {
		return 0, nil
	}
	if err := os.MkdirAll(filepath.Join(out, "l"), 0o755); err != nil {
		return 0, err
	}
	var n atomic.Int64
	err := inParallel(len(todo), func(i int) error {
		dir := filepath.Join(out, "l", todo[i].x)
		if err := os.Mkdir(dir, 0o755); err != nil && !errors.Is(err, fs.ErrExist) {
			return err
		}
		page := filepath.Join(dir, "index.html")
		err := os.Link(filepath.Join(out, "letters", todo[i].name, "index.html"), page)
		if err != nil && !errors.Is(err, fs.ErrExist) {
			err = writeNew(page, shortLinkPage(todo[i].name))
		}
		switch {
		case errors.Is(err, fs.ErrExist): // a page of the site's own
		case err != nil:
			return err
		default:
			n.Add(1)
		}
		return nil
	})
	return int(n.Load()), err
}

// shortLinkPage is a redirect to the letter in bundle name, for a page
// two levels down (/l/<x>/). The target is relative, so the link keeps
// working wherever the site is served from.
func shortLinkPage(name string) []byte {
	target := html.EscapeString("../../letters/" + url.PathEscape(name) + "/")
	return []byte(`<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Exhibit 5 letter ` + html.EscapeString(name) + `</title>
<link rel="canonical" href="` + target + `">
<meta name="robots" content="noindex">
<meta http-equiv="refresh" content="0; url=` + target + `">
</head>
<body><p><a href="` + target + `">The letter</a></p></body>
</html>
`)
}

// writeNew creates path with data; it fails with fs.ErrExist rather than
// replace a file.
func writeNew(path string, data []byte) error {
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if err != nil {
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}
