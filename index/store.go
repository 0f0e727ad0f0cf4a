package index

import (
	"encoding/gob"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/exhibits/exhibits/internal/atomicfile"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// On disk, Dir(site) holds generations g-<unix nanos>/, each a complete
// index: shard-<n>/ (Bleve indexes), docs.gob (one record per letter: the
// facet column and the page hashes) and meta.json, written last, which marks
// the generation complete. The file CURRENT names the generation readers
// use; it is replaced by rename, so it always names a complete generation.

const (
	pointerName = "CURRENT"
	metaName    = "meta.json"
	docsName    = "docs.gob"
	genPrefix   = "g-"
)

// Dir is where a site's index lives.
func Dir(site string) string { return filepath.Join(sitelock.StateDir(site), "index") }

// meta describes one complete generation.
type meta struct {
	Version int       `json:"version"`
	Shards  int       `json:"shards"`
	Letters int       `json:"letters"` // letters indexed
	Pages   int       `json:"pages"`   // page files seen (bad ones are not indexed)
	Built   time.Time `json:"built"`   // when the scan of content/letters began
}

// record is one letter as the index knows it outside Bleve: what a hit
// shows, what facets count, and the page's hash for incremental updates.
type record struct {
	ID            string
	Hash          string
	Size          int64
	ModTime       int64 // unix nanos; with Size, lets an update skip hashing unchanged pages
	Title         string
	Date          string
	Firms         []string
	Issuers       []string
	Plans         []string
	Forms         []string
	Jurisdictions []string
	Years         []string
}

func shardDir(gen string, n int) string { return filepath.Join(gen, fmt.Sprintf("shard-%d", n)) }

// readPointer returns the current generation's directory.
func readPointer(dir string) (string, error) {
	b, err := os.ReadFile(filepath.Join(dir, pointerName))
	if err != nil {
		return "", err
	}
	name := strings.TrimSpace(string(b))
	if !strings.HasPrefix(name, genPrefix) || strings.ContainsAny(name, `/\`) {
		return "", fmt.Errorf("%s: bad generation name %q", filepath.Join(dir, pointerName), name)
	}
	return filepath.Join(dir, name), nil
}

func writePointer(dir, gen string) error {
	if _, err := atomicfile.Write(filepath.Join(dir, pointerName), []byte(filepath.Base(gen)+"\n"), 0o644); err != nil {
		return err
	}
	return syncDir(dir)
}

func readMeta(gen string) (*meta, error) {
	path := filepath.Join(gen, metaName)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var m meta
	if err := json.Unmarshal(b, &m); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if m.Version != mappingVersion {
		return nil, fmt.Errorf("%s: index version %d, want %d", path, m.Version, mappingVersion)
	}
	if m.Shards < 1 || m.Shards > 64 {
		return nil, fmt.Errorf("%s: bad shard count %d", path, m.Shards)
	}
	return &m, nil
}

func writeMeta(gen string, m *meta) error {
	b, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return err
	}
	if _, err := atomicfile.Write(filepath.Join(gen, metaName), append(b, '\n'), 0o644); err != nil {
		return err
	}
	return syncDir(gen)
}

func readDocs(gen string) ([]record, error) {
	path := filepath.Join(gen, docsName)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var docs []record
	if err := gob.NewDecoder(f).Decode(&docs); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	return docs, nil
}

func writeDocs(gen string, docs []record) error {
	path := filepath.Join(gen, docsName)
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := gob.NewEncoder(f).Encode(docs); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("%s: %w", path, err)
	}
	return f.Close()
}

// generations lists the generation directories, oldest first.
func generations(dir string) ([]string, error) {
	ents, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var gens []string
	for _, e := range ents {
		if e.IsDir() && strings.HasPrefix(e.Name(), genPrefix) {
			gens = append(gens, filepath.Join(dir, e.Name()))
		}
	}
	sort.Strings(gens)
	return gens, nil
}

// cleanup removes generations other than keep (the current one and the one
// before it, which a server may still be reading), and any stale temporary
// files left by a killed run. Only called with the site lock held.
func cleanup(dir string, keep ...string) {
	gens, err := generations(dir)
	if err != nil {
		return
	}
	for _, g := range gens {
		if !contains(keep, g) {
			os.RemoveAll(g)
		}
	}
	if tmps, _ := filepath.Glob(filepath.Join(dir, "."+pointerName+".tmp*")); len(tmps) > 0 {
		for _, t := range tmps {
			os.Remove(t)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// syncTree flushes every file and directory under root to disk, so the
// pointer never names a generation that a crash could leave half written.
func syncTree(root string) error {
	return filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() && !d.Type().IsRegular() {
			return nil
		}
		f, err := os.Open(path)
		if err != nil {
			return err
		}
		err = f.Sync()
		f.Close()
		if err != nil && !errors.Is(err, os.ErrInvalid) {
			return fmt.Errorf("%s: %w", path, err)
		}
		return nil
	})
}

func syncDir(dir string) error {
	f, err := os.Open(dir)
	if err != nil {
		return err
	}
	defer f.Close()
	if err := f.Sync(); err != nil && !errors.Is(err, os.ErrInvalid) {
		return fmt.Errorf("%s: %w", dir, err)
	}
	return nil
}

// cloneDir copies a Bleve index directory for an incremental update.
// Scorch segment files (*.zap) are immutable once written, so they are
// hard-linked (copied when linking fails); everything else is copied.
func cloneDir(src, dst string) error {
	return filepath.WalkDir(src, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(src, path)
		if err != nil {
			return err
		}
		target := filepath.Join(dst, rel)
		if d.IsDir() {
			return os.MkdirAll(target, 0o755)
		}
		if !d.Type().IsRegular() {
			return nil
		}
		if strings.HasSuffix(path, ".zap") {
			if err := os.Link(path, target); err == nil {
				return nil
			}
		}
		return copyFile(path, target)
	})
}

func copyFile(src, dst string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(dst, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, 0o644)
	if err != nil {
		return err
	}
	if _, err := out.ReadFrom(in); err != nil {
		out.Close()
		return fmt.Errorf("%s: %w", dst, err)
	}
	return out.Close()
}
