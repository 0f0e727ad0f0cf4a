package index

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/fnv"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/blevesearch/bleve/v2"

	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// UpdateOptions tune Update.
type UpdateOptions struct {
	// Rebuild builds a new index from scratch even when the current one
	// could be updated.
	Rebuild bool
	// Progress, when set, gets progress lines.
	Progress io.Writer
	// Jobs is the number of pages parsed at once (default: GOMAXPROCS).
	Jobs int
}

// UpdateStats counts what an Update did.
type UpdateStats struct {
	Added, Updated, Deleted, Unchanged int
	Took                               time.Duration
}

// buildMemoryLimit is the soft memory limit while building. At 2 GiB the
// collector ran so often on 100,000 letters that indexing took 17 % longer;
// at 4 GiB the build peaks at about 3.1 GiB.
const buildMemoryLimit = 4 << 30

// maxPageSize bounds what is read of one page: a letter page is tens of
// kilobytes; anything this big is not one.
const maxPageSize = 16 << 20

// page is one content/letters/<id>/index.md.
type page struct {
	id      string
	path    string
	size    int64
	modTime int64
}

// parsed is a page read for indexing.
type parsed struct {
	rec   record
	doc   map[string]any
	pairs letterPairs
	err   error
	page  page
}

// Update brings the index in line with site/content/letters: only new or
// changed letters (by a hash of the page bytes) are indexed again, deleted
// ones removed. An update that changes anything writes a new generation
// (patching a copy of the current one, or building afresh) and swaps it in by
// renaming the pointer file, so a reader sees the old index or the new one,
// never half of either, and a killed run leaves the old one in place.
// Pages that cannot be read or parsed are left out of the index and
// reported together in the returned error, after the rest is indexed.
func Update(ctx context.Context, site string, opt UpdateOptions) (UpdateStats, error) {
	start := time.Now()
	var st UpdateStats
	lock, err := sitelock.AcquireContext(ctx, site) // a caller holding the lock (exhibits update) passes it in ctx
	if err != nil {
		return st, err
	}
	defer lock.Release()

	dir := Dir(site)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return st, err
	}
	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.GOMAXPROCS(0)
	}

	// The current generation, if it is usable for an incremental update.
	var (
		curGen  string
		curMeta *meta
		curDocs map[string]*record
	)
	if g, err := readPointer(dir); err == nil {
		if m, err := readMeta(g); err == nil {
			if docs, err := readDocs(g); err == nil {
				curGen, curMeta = g, m
				curDocs = make(map[string]*record, len(docs))
				for i := range docs {
					curDocs[docs[i].ID] = &docs[i]
				}
			}
		}
	}
	cleanup(dir, curGen, previousOf(dir, curGen))

	scanned := time.Now()
	pages, err := scanPages(site)
	if err != nil {
		return st, err
	}

	rebuild := opt.Rebuild || curGen == ""
	m := &meta{Version: mappingVersion, Built: scanned, Pages: len(pages)}
	var (
		bad  []error
		docs []record
		gen  string
	)
	newGen := func() (string, error) {
		g := filepath.Join(dir, fmt.Sprintf("%s%d", genPrefix, time.Now().UnixNano()))
		return g, os.Mkdir(g, 0o755)
	}
	ok := false
	defer func() {
		if !ok && gen != "" {
			os.RemoveAll(gen)
		}
	}()

	if !rebuild {
		// Decide what changed. Size and modification time equal to what
		// was indexed mean unchanged (atomicfile leaves identical pages
		// untouched); otherwise the hash decides.
		var todo []page
		keep := map[string]*record{}
		// A page modified within a second of the last scan may have
		// changed again since without its stat showing it (coarse file
		// times): hash it.
		racy := curMeta.Built.Add(-time.Second).UnixNano()
		for _, p := range pages {
			if r := curDocs[p.id]; r != nil && r.Size == p.size && r.ModTime == p.modTime && p.modTime < racy {
				keep[p.id] = r
			} else {
				todo = append(todo, p)
			}
		}
		results := parsePages(ctx, todo, jobs)
		if err := ctx.Err(); err != nil {
			return st, err
		}
		var changed []*parsed // new and changed pages
		for i := range results {
			r := &results[i]
			if r.err != nil {
				bad = append(bad, r.err)
				continue // left out: removed from the index if it was there
			}
			switch old := curDocs[r.rec.ID]; {
			case old == nil:
				st.Added++
			case old.Hash != r.rec.Hash:
				st.Updated++
			default:
				// Touched but identical: keep the indexed copy, note the new stat.
				o := *old
				o.Size, o.ModTime = r.rec.Size, r.rec.ModTime
				keep[o.ID] = &o
				continue
			}
			changed = append(changed, r)
		}
		st.Unchanged = len(keep)
		indexed := make(map[string]bool, len(keep)+len(changed))
		for id := range keep {
			indexed[id] = true
		}
		for _, c := range changed {
			indexed[c.rec.ID] = true
		}
		var deleted []string // in the current index, not in the new one
		for id := range curDocs {
			if !indexed[id] {
				deleted = append(deleted, id)
			}
		}
		sort.Strings(deleted)
		st.Deleted = len(deleted)

		switch n := len(changed) + len(deleted); {
		case n == 0:
			// Nothing to index; record the scan time so NeedsUpdate is
			// quiet, and the new stat of touched pages.
			m.Shards, m.Letters = curMeta.Shards, len(keep)
			if err := writeDocsAtomic(curGen, sortedRecords(keep, nil)); err != nil {
				return st, err
			}
			if err := writeMeta(curGen, m); err != nil {
				return st, err
			}
			st.Took = time.Since(start)
			return st, errors.Join(bad...)
		case n > 20000 && n > len(curDocs)/4:
			// Many changes: building afresh is faster than patching.
			rebuild = true
			st, bad = UpdateStats{}, nil
		default:
			if gen, err = newGen(); err != nil {
				return st, err
			}
			m.Shards = curMeta.Shards
			if err := patch(ctx, curGen, gen, m.Shards, changed, deleted, opt.Progress); err != nil {
				return st, err
			}
			docs = sortedRecords(keep, changed)
		}
	}
	if rebuild {
		if gen, err = newGen(); err != nil {
			return st, err
		}
		m.Shards = shardsFor(len(pages))
		var err error
		docs, bad, err = buildAll(ctx, gen, m.Shards, pages, jobs, opt.Progress)
		if err != nil {
			return st, err
		}
		indexed := make(map[string]bool, len(docs))
		for i := range docs {
			r := &docs[i]
			indexed[r.ID] = true
			switch old := curDocs[r.ID]; {
			case old == nil:
				st.Added++
			case old.Hash != r.Hash:
				st.Updated++
			default:
				st.Unchanged++
			}
		}
		for id := range curDocs {
			if !indexed[id] {
				st.Deleted++
			}
		}
	}

	m.Letters = len(docs)
	if err := writeDocs(gen, docs); err != nil {
		return st, err
	}
	if err := syncTree(gen); err != nil {
		return st, err
	}
	if err := writeMeta(gen, m); err != nil {
		return st, err
	}
	if err := ctx.Err(); err != nil {
		return st, err
	}
	if err := writePointer(dir, gen); err != nil {
		return st, err
	}
	ok = true
	cleanup(dir, gen, curGen)
	st.Took = time.Since(start)
	return st, errors.Join(bad...)
}

// previousOf returns the newest complete generation older than gen, which
// a server may still be reading.
func previousOf(dir, gen string) string {
	gens, _ := generations(dir)
	prev := ""
	for _, g := range gens {
		if g >= gen {
			break
		}
		if _, err := os.Stat(filepath.Join(g, metaName)); err == nil {
			prev = g
		}
	}
	return prev
}

// writeDocsAtomic replaces gen's docs file by rename.
func writeDocsAtomic(gen string, docs []record) error {
	tdir, err := os.MkdirTemp(gen, ".docs")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tdir)
	if err := writeDocs(tdir, docs); err != nil {
		return err
	}
	return os.Rename(filepath.Join(tdir, docsName), filepath.Join(gen, docsName))
}

func sortedRecords(keep map[string]*record, changed []*parsed) []record {
	docs := make([]record, 0, len(keep)+len(changed))
	for _, r := range keep {
		docs = append(docs, *r)
	}
	for _, c := range changed {
		docs = append(docs, c.rec)
	}
	sort.Slice(docs, func(i, j int) bool { return docs[i].ID < docs[j].ID })
	return docs
}

// shardsFor picks the number of shards: one for a small archive, else one
// per CPU (2..8), so building and searching use every core.
func shardsFor(n int) int {
	if n < 5000 {
		return 1
	}
	return min(max(runtime.GOMAXPROCS(0), 2), 8)
}

func shardOf(id string, shards int) int {
	h := fnv.New32a()
	h.Write([]byte(id))
	return int(h.Sum32() % uint32(shards))
}

// scanPages lists content/letters/*/index.md.
func scanPages(site string) ([]page, error) {
	root := filepath.Join(site, "content", "letters")
	ents, err := os.ReadDir(root)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	var pages []page
	for _, e := range ents {
		if !e.IsDir() || strings.HasPrefix(e.Name(), ".") || strings.HasPrefix(e.Name(), "_") {
			continue
		}
		path := filepath.Join(root, e.Name(), "index.md")
		fi, err := os.Stat(path)
		if err != nil {
			continue // a bundle without a page is not a letter (yet)
		}
		pages = append(pages, page{id: e.Name(), path: path, size: fi.Size(), modTime: fi.ModTime().UnixNano()})
	}
	return pages, nil
}

// parsePages reads, hashes and parses pages with jobs workers, in order.
func parsePages(ctx context.Context, pages []page, jobs int) []parsed {
	out := make([]parsed, len(pages))
	var next atomic.Int64
	var wg sync.WaitGroup
	for range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) || ctx.Err() != nil {
					return
				}
				out[i] = parsePage(pages[i])
			}
		}()
	}
	wg.Wait()
	return out
}

func parsePage(p page) parsed {
	r := parsed{page: p}
	f, err := os.Open(p.path)
	if err != nil {
		r.err = err
		return r
	}
	b, err := io.ReadAll(io.LimitReader(f, maxPageSize+1))
	f.Close()
	if err != nil {
		r.err = fmt.Errorf("%s: %w", p.path, err)
		return r
	}
	if len(b) > maxPageSize {
		r.err = fmt.Errorf("%s: page larger than %d MB", p.path, maxPageSize>>20)
		return r
	}
	l, body, err := letter.Parse(b)
	if err != nil {
		r.err = fmt.Errorf("%s: %w", p.path, err)
		return r
	}
	sum := sha256.Sum256(b)
	r.rec = record{
		ID: p.id, Hash: hex.EncodeToString(sum[:]), Size: p.size, ModTime: p.modTime,
		Title: l.Title, Date: l.Date,
		Firms: l.Firms, Issuers: l.Issuers, Plans: l.Plans, Forms: l.Forms,
		Jurisdictions: l.Jurisdictions, Years: l.Years,
	}
	r.doc = bleveDoc(l, body)
	r.pairs = analyzePairs(body)
	return r
}

// buildAll makes a fresh generation from pages with Bleve's offline
// builder, one per shard, the shards built in parallel while jobs workers
// read and parse pages into them. It returns the records of the letters
// indexed, sorted by id, and the errors of pages left out.
func buildAll(ctx context.Context, gen string, shards int, pages []page, jobs int, progress io.Writer) ([]record, []error, error) {
	// Building allocates a great deal that dies young: trade memory for
	// less collection while it runs.
	// A soft limit keeps that trade within bounds on a large archive.
	defer debug.SetGCPercent(debug.SetGCPercent(300))
	if lim := debug.SetMemoryLimit(-1); lim > buildMemoryLimit {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(buildMemoryLimit))
	}

	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	recs := make([]record, len(pages))
	perr := make([]error, len(pages))
	var done atomic.Int64
	stop := startProgress(progress, &done, len(pages))
	defer stop()

	chans := make([]chan *parsed, shards)
	berrs := make([]error, shards)
	var builders sync.WaitGroup
	for s := range shards {
		chans[s] = make(chan *parsed, 64)
		builders.Add(1)
		go func() {
			defer builders.Done()
			berrs[s] = buildShard(ctx, shardDir(gen, s), chans[s], &done)
			if berrs[s] != nil {
				cancel()
				for range chans[s] {
				}
			}
		}()
	}
	var next atomic.Int64
	var parsers sync.WaitGroup
	for range jobs {
		parsers.Add(1)
		go func() {
			defer parsers.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(pages) || ctx.Err() != nil {
					return
				}
				p := parsePage(pages[i])
				if p.err != nil {
					perr[i] = p.err
					continue
				}
				recs[i] = p.rec
				select {
				case chans[shardOf(p.rec.ID, shards)] <- &p:
				case <-ctx.Done():
					return
				}
			}
		}()
	}
	parsers.Wait()
	for _, c := range chans {
		close(c)
	}
	builders.Wait()
	if err := errors.Join(berrs...); err != nil {
		return nil, nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, nil, err
	}
	var out []record
	var bad []error
	for i := range pages {
		if perr[i] != nil {
			bad = append(bad, perr[i])
		} else {
			out = append(out, recs[i])
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].ID < out[j].ID })
	return out, bad, nil
}

func buildShard(ctx context.Context, path string, docs <-chan *parsed, done *atomic.Int64) error {
	var b bleve.Builder
	var pb pairsBuilder
	// On cancellation the builder is dropped, not closed (closing merges
	// everything): its files are in the generation, which is removed.
	for d := range docs {
		if err := ctx.Err(); err != nil {
			return err
		}
		if b == nil {
			var err error
			b, err = bleve.NewBuilder(path, newMapping(), map[string]any{
				"buildPathPrefix": filepath.Dir(path),
				"batchSize":       2000,
				"mergeMax":        100,
			})
			if err != nil {
				return fmt.Errorf("%s: %w", path, err)
			}
		}
		if err := b.Index(d.rec.ID, d.doc); err != nil {
			return fmt.Errorf("%s: %w", d.page.path, err)
		}
		if err := pb.add(d.rec.ID, d.pairs); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		d.doc, d.pairs = nil, letterPairs{}
		done.Add(1)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if b == nil {
		// No letters: the builder cannot make an empty index; Bleve can.
		idx, err := bleve.New(path, newMapping())
		if err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
		if err := idx.Close(); err != nil {
			return err
		}
		return pb.write(path + pairsFileExt)
	}
	if err := pb.write(path + pairsFileExt); err != nil {
		return err
	}
	if err := b.Close(); err != nil {
		return fmt.Errorf("%s: %w", path, err)
	}
	return nil
}

// patch makes a new generation from the current one: its shards are cloned
// and the changes applied to the clones. The current generation is never
// written, so readers of it are undisturbed.
func patch(ctx context.Context, curGen, gen string, shards int, changed []*parsed, deleted []string, progress io.Writer) error {
	type ops struct {
		index []*parsed
		del   []string
	}
	work := make([]ops, shards)
	for _, c := range changed {
		s := shardOf(c.rec.ID, shards)
		work[s].index = append(work[s].index, c)
	}
	for _, id := range deleted {
		s := shardOf(id, shards)
		work[s].del = append(work[s].del, id)
	}
	var done atomic.Int64
	stop := startProgress(progress, &done, len(changed)+len(deleted))
	defer stop()
	for s := range shards {
		src, dst := shardDir(curGen, s), shardDir(gen, s)
		if err := cloneDir(src, dst); err != nil {
			return fmt.Errorf("copy %s: %w", src, err)
		}
		if len(work[s].index) == 0 && len(work[s].del) == 0 {
			// The pairs file is never written once made: share it.
			if err := linkOrCopy(pairsPath(curGen, s), pairsPath(gen, s)); err != nil {
				return err
			}
			continue
		}
		if err := patchShardPairs(curGen, gen, s, work[s].index, work[s].del); err != nil {
			return err
		}
		idx, err := bleve.Open(dst)
		if err != nil {
			return fmt.Errorf("%s: %w", dst, err)
		}
		err = func() error {
			const batchSize = 500
			b := idx.NewBatch()
			flush := func() error {
				if b.Size() == 0 {
					return nil
				}
				if err := ctx.Err(); err != nil {
					return err
				}
				n := b.Size()
				if err := idx.Batch(b); err != nil {
					return fmt.Errorf("%s: %w", dst, err)
				}
				done.Add(int64(n))
				b.Reset()
				return nil
			}
			for _, id := range work[s].del {
				b.Delete(id)
				if b.Size() >= batchSize {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			for _, c := range work[s].index {
				if err := b.Index(c.rec.ID, c.doc); err != nil {
					return fmt.Errorf("%s: %w", c.page.path, err)
				}
				if b.Size() >= batchSize {
					if err := flush(); err != nil {
						return err
					}
				}
			}
			return flush()
		}()
		if cerr := idx.Close(); err == nil && cerr != nil {
			err = fmt.Errorf("%s: %w", dst, cerr)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// patchShardPairs writes shard s's pairs file in gen: the current one's,
// less the letters deleted or changed, plus the changed and new ones.
func patchShardPairs(curGen, gen string, s int, changed []*parsed, deleted []string) error {
	old, err := openPairs(pairsPath(curGen, s))
	if err != nil {
		return err
	}
	defer old.close()
	gone := make(map[string]bool, len(changed)+len(deleted))
	for _, id := range deleted {
		gone[id] = true
	}
	for _, c := range changed {
		gone[c.rec.ID] = true
	}
	return patchPairs(old, gone, changed, pairsPath(gen, s))
}

func linkOrCopy(src, dst string) error {
	if err := os.Link(src, dst); err == nil {
		return nil
	}
	if err := copyFile(src, dst); err != nil {
		return fmt.Errorf("copy %s: %w", src, err)
	}
	return nil
}

// startProgress prints "indexed n/total" to w every half second until stop.
func startProgress(w io.Writer, done *atomic.Int64, total int) (stop func()) {
	if w == nil || total == 0 {
		return func() {}
	}
	quit := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		t := time.NewTicker(500 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-quit:
				fmt.Fprintf(w, "\rindexed %d/%d letters\n", done.Load(), total)
				return
			case <-t.C:
				fmt.Fprintf(w, "\rindexed %d/%d letters", done.Load(), total)
			}
		}
	}()
	return func() { close(quit); wg.Wait() }
}

// NeedsUpdate reports whether the index is missing or older than
// content/letters: a page or the letters directory modified after the
// last update's scan, or a different number of pages.
func NeedsUpdate(site string) (bool, error) {
	gen, err := readPointer(Dir(site))
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return true, nil
	}
	m, err := readMeta(gen)
	if err != nil {
		return true, nil
	}
	root := filepath.Join(site, "content", "letters")
	if fi, err := os.Stat(root); err == nil && fi.ModTime().After(m.Built) {
		return true, nil
	}
	pages, err := scanPages(site)
	if err != nil {
		return false, err
	}
	if len(pages) != m.Pages {
		return true, nil
	}
	for _, p := range pages {
		if time.Unix(0, p.modTime).After(m.Built) {
			return true, nil
		}
	}
	return false, nil
}
