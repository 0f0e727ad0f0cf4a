package server

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"strings"
	"time"
)

// cleanPath turns a request path into a name inside public/, or reports
// false for one that must not be served: "." and ".." elements, a first
// element starting with a dot (hidden files, the .exhibits state dir),
// NULs, and backslashes where they separate paths (Windows). Elsewhere a
// backslash is a plain character of a name: Hugo keeps it in term URLs
// ("Back\slash LLP" is /firms/back%5Cslash-llp/), and os.Root confines the
// lookup anyway. A deeper element may start with a dot, since a term
// named ".NET Partners LLP" has its page at /firms/.net-partners-llp/; such
// a path is marked hidden, and serveStatic serves it only as a page
// (index.html or index.xml), never as any other file. Empty elements
// (//etc/passwd) collapse; the result never starts with a slash.
func cleanPath(p string) (name string, hidden, ok bool) {
	if strings.ContainsRune(p, 0) || os.PathSeparator == '\\' && strings.ContainsRune(p, '\\') || !strings.HasPrefix(p, "/") {
		return "", false, false
	}
	var elems []string
	for _, e := range strings.Split(p, "/") {
		if e == "" {
			continue
		}
		if strings.HasPrefix(e, ".") {
			if e == "." || e == ".." || len(elems) == 0 {
				return "", false, false
			}
			hidden = true
		}
		elems = append(elems, e)
	}
	if len(elems) == 0 {
		return ".", false, true
	}
	return strings.Join(elems, "/"), hidden, true
}

// openRoot opens public/ afresh: a rebuild may have swapped it since the
// last request. os.Root keeps every later lookup inside it, whatever
// symlinks the tree holds. A swap made of two renames leaves public/
// missing for an instant, so a missing directory is retried briefly.
func (s *Server) openRoot() (*os.Root, error) {
	var err error
	for i := 0; i < 10; i++ {
		var root *os.Root
		root, err = os.OpenRoot(s.public)
		if err == nil {
			return root, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			break
		}
		time.Sleep(20 * time.Millisecond)
	}
	return nil, err
}

// stat looks name up in public/ without following it out of public/.
func (s *Server) stat(name string) (fs.FileInfo, error) {
	root, err := s.openRoot()
	if err != nil {
		return nil, err
	}
	defer root.Close()
	return root.Stat(name)
}

// openFile opens name in public/, following directories to their
// index.html. It retries once with a fresh root when the file is missing,
// in case the tree was swapped between opening the root and the file.
func (s *Server) openFile(name string) (f *os.File, fi fs.FileInfo, isDir bool, err error) {
	for attempt := 0; attempt < 2; attempt++ {
		f, fi, isDir, err = s.openFileOnce(name)
		if err == nil || !errors.Is(err, fs.ErrNotExist) {
			return
		}
	}
	return
}

func (s *Server) openFileOnce(name string) (*os.File, fs.FileInfo, bool, error) {
	root, err := s.openRoot()
	if err != nil {
		return nil, nil, false, fmt.Errorf("%w: %w", errNoSite, err)
	}
	defer root.Close() // open files stay valid after their root is closed
	f, err := root.Open(name)
	if err != nil {
		return nil, nil, false, err
	}
	fi, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, nil, false, err
	}
	isDir := false
	if fi.IsDir() {
		f.Close()
		isDir = true
		f, err = root.Open(path.Join(name, "index.html"))
		if err != nil {
			return nil, nil, true, err
		}
		if fi, err = f.Stat(); err != nil {
			f.Close()
			return nil, nil, true, err
		}
	}
	if !fi.Mode().IsRegular() {
		f.Close()
		return nil, nil, isDir, fs.ErrNotExist
	}
	return f, fi, isDir, nil
}

// serveStatic serves a file from public/: never a file outside it, never
// a directory listing.
func (s *Server) serveStatic(w http.ResponseWriter, r *http.Request) {
	name, hidden, ok := cleanPath(r.URL.Path)
	if !ok {
		s.notFound(w, r)
		return
	}
	if base := path.Base(name); hidden && base != "index.html" && base != "index.xml" {
		// Only a directory, served as its index.html, may be reached
		// through a dot element: check before opening anything else.
		if fi, err := s.stat(name); err != nil || !fi.IsDir() {
			s.notFound(w, r)
			return
		}
	}
	f, fi, isDir, err := s.openFile(name)
	if err != nil {
		if errors.Is(err, errNoSite) {
			s.log.Warn("static", "path", r.URL.Path, "err", err)
			http.Error(w, "the site is not built yet (exhibits build)", http.StatusServiceUnavailable)
			return
		}
		// Missing, outside public/ (.., symlinks out), unreadable: all
		// look the same from outside.
		s.notFound(w, r)
		return
	}
	defer f.Close()
	if isDir && !strings.HasSuffix(r.URL.Path, "/") {
		// Relative links in the page need the slash. The target is built
		// from the cleaned name, so it is always a local path.
		target := "/" + name + "/"
		if name == "." {
			target = "/"
		}
		if r.URL.RawQuery != "" {
			target += "?" + r.URL.RawQuery
		}
		http.Redirect(w, r, target, http.StatusMovedPermanently)
		return
	}
	if strings.HasPrefix(path.Base(fi.Name()), "original.") {
		w.Header().Set("Content-Security-Policy", originalPolicy)
		w.Header().Set("X-Frame-Options", "SAMEORIGIN")
	}
	if mime.TypeByExtension(path.Ext(fi.Name())) == "" {
		// Never guess from the bytes: a file without a known extension
		// must not turn into an HTML page.
		w.Header().Set("Content-Type", "application/octet-stream")
	}
	http.ServeContent(w, r, fi.Name(), fi.ModTime(), f)
}

// errNoSite marks a missing or unreadable public/ directory.
var errNoSite = errors.New("site not built")

// notFound answers 404 with the site's own 404 page when it has one.
func (s *Server) notFound(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	if f, _, _, err := s.openFile("404.html"); err == nil {
		defer f.Close()
		w.WriteHeader(http.StatusNotFound)
		if r.Method != http.MethodHead {
			io.Copy(w, io.LimitReader(f, 1<<20))
		}
		return
	}
	h.Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(http.StatusNotFound)
	io.WriteString(w, "404 page not found\n")
}
