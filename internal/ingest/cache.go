package ingest

import (
	"bytes"
	"cmp"
	"crypto/sha256"
	"encoding/gob"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"sync"

	"github.com/exhibits/exhibits/internal/atomicfile"
	"github.com/exhibits/exhibits/internal/edgar"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// The cache lets a re-run skip the inputs it has already turned into
// pages: an input whose file (and filing record) is the one read last time,
// whose pages are the ones written last time, by the same program with the
// same alias table, is not read again; its pages count as unchanged. Any
// change to any of these, and the input is read as if new. The cache is
// state (Site/.exhibits/ingest-cache), never content: losing it costs
// time, nothing else.
const cacheName = "ingest-cache"

// cacheVersion changes when what the cache records changes.
const cacheVersion = "1"

// stamp identifies one version of a file: a write changes its ctime
// even where a tool restores its mtime.
type stamp struct {
	Size, Mtime, Ctime int64
	Ino                uint64
}

type cachedLetter struct {
	ID, Doc, Original string
	Page, Orig        stamp
}

type cacheEntry struct {
	Path     string
	Input    stamp
	Record   stamp // the filing record beside it, when there is one
	Problems []problemRecord
	Letters  []cachedLetter
}

type problemRecord struct {
	File, Reason string
	Fail         bool
}

type cacheFile struct {
	Key     string
	Entries []cacheEntry
}

type cache struct {
	path string
	key  string
	old  map[string]*cacheEntry

	mu  sync.Mutex
	new map[string]*cacheEntry
	bad map[string]bool // inputs not to record this run
}

// runKey names the program and configuration pages are made with.
func runKey(aliases []string) string {
	h := sha256.New()
	fmt.Fprintln(h, cacheVersion, MaxFileSize, MaxExhibitSize, MaxTextSize)
	if exe, err := os.Executable(); err == nil {
		fmt.Fprintln(h, exe, stampOf(exe))
	} else {
		fmt.Fprintln(h, "no executable", err) // never matches a stored key by chance
	}
	for _, a := range aliases {
		b, _ := os.ReadFile(a)
		fmt.Fprintln(h, a, len(b))
		h.Write(b)
	}
	return hex.EncodeToString(h.Sum(nil))
}

func openCache(site, key string) *cache {
	c := &cache{
		path: filepath.Join(sitelock.StateDir(site), cacheName),
		key:  key,
		old:  map[string]*cacheEntry{},
		new:  map[string]*cacheEntry{},
		bad:  map[string]bool{},
	}
	b, err := os.ReadFile(c.path)
	if err != nil {
		return c
	}
	var f cacheFile
	if gob.NewDecoder(bytes.NewReader(b)).Decode(&f) != nil || f.Key != key {
		return c
	}
	for i := range f.Entries {
		c.old[f.Entries[i].Path] = &f.Entries[i]
	}
	return c
}

func recordPath(path string) string {
	return filepath.Join(filepath.Dir(path), edgar.FilingRecordName)
}

// lookup returns what path gave last time, if nothing has changed since.
func (c *cache) lookup(path, letters string) (*cacheEntry, stamp, stamp, bool) {
	in, rec := stampOf(path), stampOf(recordPath(path))
	e := c.old[path]
	if e == nil || in == (stamp{}) || e.Input != in || e.Record != rec {
		return nil, in, rec, false
	}
	for _, l := range e.Letters {
		dir := filepath.Join(letters, l.ID)
		if stampOf(filepath.Join(dir, "index.md")) != l.Page || stampOf(filepath.Join(dir, l.Original)) != l.Orig {
			return nil, in, rec, false
		}
	}
	return e, in, rec, true
}

// reuse turns a cache entry back into a reading's result: letters to
// count as unchanged, and the same problems.
func (c *cache) reuse(e *cacheEntry) ([]*built, []problem) {
	var letters []*built
	for _, l := range e.Letters {
		letters = append(letters, &built{file: e.Path, doc: l.Doc, id: l.ID, origName: l.Original, cached: true})
	}
	var probs []problem
	for _, p := range e.Problems {
		probs = append(probs, problem{p.File, p.Reason, p.Fail})
	}
	c.mu.Lock()
	c.new[e.Path] = e
	c.mu.Unlock()
	return letters, probs
}

// begin records what reading path gave, before its pages are written.
func (c *cache) begin(path string, in, rec stamp, letters []*built, probs []problem) {
	e := &cacheEntry{Path: path, Input: in, Record: rec}
	for _, p := range probs {
		e.Problems = append(e.Problems, problemRecord{p.file, p.reason, p.fail})
	}
	for _, b := range letters {
		e.Letters = append(e.Letters, cachedLetter{ID: b.id, Doc: b.doc, Original: b.origName})
	}
	c.mu.Lock()
	c.new[path] = e
	c.mu.Unlock()
}

// written records the stamps of a letter's bundle once it is in place.
func (c *cache) written(b *built, letters string) {
	dir := filepath.Join(letters, b.id)
	page, orig := stampOf(filepath.Join(dir, "index.md")), stampOf(filepath.Join(dir, b.origName))
	c.mu.Lock()
	defer c.mu.Unlock()
	if e := c.new[b.file]; e != nil {
		for i := range e.Letters {
			if e.Letters[i].ID == b.id {
				e.Letters[i].Page, e.Letters[i].Orig = page, orig
			}
		}
	}
}

// forget keeps path out of the cache this run (a letter of it was not
// written by it: a duplicate, or a failed write).
func (c *cache) forget(path string) {
	c.mu.Lock()
	c.bad[path] = true
	c.mu.Unlock()
}

// save writes the cache: this run's entries, and last run's for inputs
// this run did not read that still exist.
func (c *cache) save() error {
	c.mu.Lock()
	defer c.mu.Unlock()
	f := cacheFile{Key: c.key}
	for p, e := range c.old {
		// Inputs that are gone leave the cache.
		if _, ok := c.new[p]; !ok && !c.bad[p] && stampOf(p) != (stamp{}) {
			f.Entries = append(f.Entries, *e)
		}
	}
	for p, e := range c.new {
		if !c.bad[p] && complete(e) {
			f.Entries = append(f.Entries, *e)
		}
	}
	slices.SortFunc(f.Entries, func(a, b cacheEntry) int { return cmp.Compare(a.Path, b.Path) })
	var buf bytes.Buffer
	if err := gob.NewEncoder(&buf).Encode(&f); err != nil {
		return err
	}
	_, err := atomicfile.Write(c.path, buf.Bytes(), 0o644)
	return err
}

// complete reports whether every letter of e was put in place.
func complete(e *cacheEntry) bool {
	for _, l := range e.Letters {
		if l.Page == (stamp{}) {
			return false
		}
	}
	return true
}
