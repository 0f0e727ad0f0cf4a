package site

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
)

// publishOriginals puts each built letter's filed original into out as
// text, where the letter template links it: out/letters/<bundle>/<name>,
// with ".txt" added to a name that lacks it (an .htm from EDGAR must never
// be served as a live page). The file is the bundle's first named
// original.*, the template's rule. It is a hard link to the bundle's file
// (ingest replaces files by renaming, so the site keeps the version it was
// built from), or a copy where linking fails. Doing this outside Hugo
// spares it reading and writing 100,000 files through its resource cache.
func publishOriginals(content, out string) (int, error) {
	letters := filepath.Join(content, "letters")
	entries, err := os.ReadDir(filepath.Join(out, "letters"))
	if errors.Is(err, fs.ErrNotExist) {
		return 0, nil
	}
	if err != nil {
		return 0, err
	}
	var (
		mu    sync.Mutex
		first error
		n     int
	)
	eachDir(entries, func(name string) {
		ok, err := publishOriginal(filepath.Join(letters, name), filepath.Join(out, "letters", name))
		mu.Lock()
		defer mu.Unlock()
		if err != nil && first == nil {
			first = err
		}
		if ok {
			n++
		}
	})
	return n, first
}

// publishOriginal publishes bundle's original into dst, a letter's page
// directory; it reports whether there was one.
func publishOriginal(bundle, dst string) (bool, error) {
	if _, err := os.Stat(filepath.Join(dst, "index.html")); err != nil {
		return false, nil // not a letter page (the /letters/page/N/ lists)
	}
	entries, err := os.ReadDir(bundle)
	if err != nil {
		return false, nil // a page Hugo made without a bundle
	}
	var names []string
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "original.") && e.Type().IsRegular() {
			names = append(names, e.Name())
		}
	}
	if len(names) == 0 {
		return false, nil
	}
	sort.Strings(names)
	src := filepath.Join(bundle, names[0])
	name := names[0]
	if !strings.HasSuffix(strings.ToLower(name), ".txt") {
		name += ".txt"
	}
	target := filepath.Join(dst, name)
	if err := os.Link(src, target); err == nil {
		return true, nil
	}
	if err := copyFile(src, target); err != nil {
		return false, fmt.Errorf("%s: %w", src, err)
	}
	return true, nil
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}
