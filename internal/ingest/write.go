package ingest

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"syscall"

	"github.com/exhibits/exhibits/internal/atomicfile"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// LettersDir is where the pages go, under the site root.
const LettersDir = "content/letters"

// writer puts letter bundles in place so that, whenever the process is
// killed, every bundle is either absent, as it was, or complete:
//   - a new bundle is made whole in the site's state dir and renamed into
//     content/letters/ in one step;
//   - an existing bundle gets its files replaced one by one, each through
//     a temp file and a rename (atomicfile), the original before the page,
//     and a file that would not change is not touched.
//
// Nothing is fsynced per file (that would cost more than the rest of
// ingest); the run ends with one syncfs of the site's file system.
type writer struct {
	site    string
	letters string // Site/content/letters
	tmp     string // Site/.exhibits/ingest: bundles being made
	dirty   string // marker: a run is (or was, when killed) writing
}

func openWriter(site string) (*writer, error) {
	w := &writer{
		site:    site,
		letters: filepath.Join(site, filepath.FromSlash(LettersDir)),
		tmp:     filepath.Join(sitelock.StateDir(site), "ingest"),
		dirty:   filepath.Join(sitelock.StateDir(site), "ingest.dirty"),
	}
	if err := os.MkdirAll(w.letters, 0o755); err != nil {
		return nil, err
	}
	// We hold the site lock: whatever is in tmp was left by a killed run.
	if err := os.RemoveAll(w.tmp); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(w.tmp, 0o755); err != nil {
		return nil, err
	}
	if fileExists(w.dirty) {
		if err := w.sweep(); err != nil {
			return nil, err
		}
	}
	if err := os.WriteFile(w.dirty, nil, 0o644); err != nil {
		return nil, err
	}
	return w, nil
}

// sweep removes the temp files a killed run's atomicfile.Write calls left
// in bundles (".index.md.tmp123"), and the bundles it was making in
// content/letters when that is on a file system of its own.
func (w *writer) sweep() error {
	stale, err := filepath.Glob(filepath.Join(w.letters, "*", ".*.tmp*"))
	if err != nil {
		return err
	}
	bundles, err := filepath.Glob(filepath.Join(w.letters, tempPrefix+"*"))
	if err != nil {
		return err
	}
	for _, p := range append(stale, bundles...) {
		if err := os.RemoveAll(p); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return err
		}
	}
	return nil
}

// finish syncs what the run wrote to disk and clears the run's marker.
func (w *writer) finish(wrote bool) error {
	if wrote {
		if err := syncFS(w.letters); err != nil {
			return fmt.Errorf("sync %s: %w", w.letters, err)
		}
	}
	os.Remove(w.tmp)
	return os.Remove(w.dirty)
}

// write puts b's bundle in place, reporting whether anything changed.
func (w *writer) write(b *built) (bool, error) {
	dir := filepath.Join(w.letters, b.id)
	if _, err := os.Lstat(dir); errors.Is(err, fs.ErrNotExist) {
		return true, w.create(dir, b)
	}
	if same(dir, b) {
		return false, nil
	}
	// A whole new bundle swapped in for the old one in one step, so that
	// the page and its original never disagree...
	err := w.exchange(dir, b)
	if !errors.Is(err, errNoExchange) {
		return true, err
	}
	// ... or, where the file system cannot swap folders, file by file:
	// each file is whole, the original before the page that names it.
	if _, err := atomicfile.Write(filepath.Join(dir, b.origName), b.original, 0o644); err != nil {
		return false, writeError(err)
	}
	if _, err := atomicfile.Write(filepath.Join(dir, "index.md"), b.page, 0o644); err != nil {
		return false, writeError(err)
	}
	for _, other := range originals {
		if other != b.origName {
			if err := os.Remove(filepath.Join(dir, other)); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return false, writeError(err)
			}
		}
	}
	return true, nil
}

// originals are the names a bundle's filed original may have.
var originals = []string{"original.txt", "original.htm"}

// same reports whether the bundle in dir is exactly what b would write.
func same(dir string, b *built) bool {
	for _, f := range []struct {
		name string
		data []byte
	}{{"index.md", b.page}, {b.origName, b.original}} {
		old, err := os.ReadFile(filepath.Join(dir, f.name))
		if err != nil || !bytes.Equal(old, f.data) {
			return false
		}
	}
	for _, other := range originals {
		if _, err := os.Lstat(filepath.Join(dir, other)); other != b.origName && err == nil {
			return false
		}
	}
	return true
}

// create makes a new bundle in the state dir and renames it into place.
// When content/letters is on another file system than the state dir, the
// bundle is made in content/letters itself, in a hidden folder.
func (w *writer) create(dir string, b *built) error {
	return w.made(dir, b, func(tmp string) error { return os.Rename(tmp, dir) })
}

// exchange makes a new bundle and swaps it with the one in dir, then
// removes the old one.
func (w *writer) exchange(dir string, b *built) error {
	var old string
	err := w.made(dir, b, func(tmp string) error {
		old = tmp
		return swapDirs(tmp, dir)
	})
	if err == nil {
		os.RemoveAll(old) // a killed run leaves it to the next one's cleanup
	}
	return err
}

// made makes b's bundle in a temporary folder and hands it to place; the
// folder is removed if anything fails.
func (w *writer) made(dir string, b *built, place func(tmp string) error) error {
	err := w.makeIn(w.tmp, b, place)
	if errors.Is(err, syscall.EXDEV) {
		err = w.makeIn(w.letters, b, place)
	}
	if err != nil && !errors.Is(err, errNoExchange) {
		// Name the bundle, not the temporary folder it was made in.
		return fmt.Errorf("cannot write %s: %w", dir, errnoOf(err))
	}
	return err
}

func (w *writer) makeIn(tmpDir string, b *built, place func(tmp string) error) error {
	// One bundle per id per run, and runs hold the site lock: the id
	// alone names the temporary folder (a killed run's is swept away).
	tmp := filepath.Join(tmpDir, tempPrefix+b.id)
	err := os.Mkdir(tmp, 0o755)
	if errors.Is(err, fs.ErrExist) {
		if err = os.RemoveAll(tmp); err == nil {
			err = os.Mkdir(tmp, 0o755)
		}
	}
	if err != nil {
		return err
	}
	err = os.WriteFile(filepath.Join(tmp, b.origName), b.original, 0o644)
	if err == nil {
		err = os.WriteFile(filepath.Join(tmp, "index.md"), b.page, 0o644)
	}
	if err == nil {
		err = place(tmp)
	}
	if err != nil {
		os.RemoveAll(tmp)
		return err
	}
	return nil
}

// tempPrefix starts the name of a bundle being made.
const tempPrefix = ".ingest-"

// errNoExchange: the file system cannot swap two folders in one step.
var errNoExchange = errors.New("cannot exchange folders")

// errnoOf is the system error under err ("no space left on device").
func errnoOf(err error) error {
	var errno syscall.Errno
	if errors.As(err, &errno) {
		return errno
	}
	return err
}

// writeError says what file could not be written.
func writeError(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("cannot write %s: %w", pe.Path, pe.Err)
	}
	var le *os.LinkError
	if errors.As(err, &le) {
		return fmt.Errorf("cannot write %s: %w", le.New, le.Err)
	}
	return fmt.Errorf("cannot write: %w", err)
}

// swapDirs is exchangeDirs; tests replace it to take the fallback.
var swapDirs = exchangeDirs
