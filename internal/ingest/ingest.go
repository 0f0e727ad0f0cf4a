// Package ingest turns raw Exhibit 5 filings (bare text or HTML exhibits,
// full EDGAR submissions, gzip copies, fetch's raw/<CIK>/<ACCESSION>/
// folders) into letter pages: one Hugo page bundle per letter,
// content/letters/<id>/index.md with the filed original beside it.
//
// A run is deterministic: inputs are read in sorted order, the same
// inputs give byte-identical pages, and a page that would not change is
// not touched. Files are read in parallel; bad inputs are reported and
// never stop the others; every write is atomic, so a run killed at any
// moment leaves each page either as it was or as it will be. A re-run
// skips the inputs it has already turned into pages, unless they, their
// pages, the program or the site's alias table changed (see cache.go).
package ingest

import (
	"cmp"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"sync"

	"github.com/exhibits/exhibits/internal/extract"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// Options configure a Run.
type Options struct {
	Site     string    // Hugo site root; pages go to Site/content/letters/<id>/
	Paths    []string  // files or directories (recursive)
	Jobs     int       // parallel workers; 0 = runtime.NumCPU()
	Progress io.Writer // progress bar target when it is a terminal; nil = none
}

// A Problem is an input that gave no page, and why.
type Problem struct{ File, Reason string }

// Summary says what a Run did. Written and Unchanged count letters;
// Skipped are inputs (or documents in them) that hold no letter to ingest,
// Failed are inputs that could not be read.
type Summary struct {
	Written, Unchanged int
	Skipped, Failed    []Problem
}

// AliasFile is the site's own firm alias table, extending the built-in
// one, when present: Site/aliases.toml.
const AliasFile = "aliases.toml"

// Run ingests opt.Paths into opt.Site under the site lock. Bad inputs are
// listed in the Summary and do not stop the run; the error is for what
// stops it: the site cannot be locked or written, or ctx ended.
func Run(ctx context.Context, opt Options) (Summary, error) {
	var sum Summary
	site := cmp.Or(opt.Site, ".")
	lock, err := sitelock.TryLockContext(ctx, site)
	if errors.Is(err, sitelock.ErrBusy) {
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, "waiting: another exhibits process is writing %s...\n", site)
		}
		lock, err = sitelock.AcquireContext(ctx, site)
	}
	if err != nil {
		return sum, err
	}
	defer lock.Release()

	files, bad := collect(opt.Paths, filepath.Join(site, filepath.FromSlash(LettersDir)))
	sum.Failed = append(sum.Failed, bad...)

	var aliases []string
	if p := filepath.Join(site, AliasFile); fileExists(p) {
		aliases = append(aliases, p)
	}
	ex, err := extract.New(aliases...)
	if err != nil {
		return sum, err
	}
	w, err := openWriter(site)
	if err != nil {
		return sum, err
	}
	cache := openCache(site, runKey(aliases))

	jobs := opt.Jobs
	if jobs <= 0 {
		jobs = runtime.NumCPU()
	}
	ctx, cancel := context.WithCancelCause(ctx)
	defer cancel(nil)

	bar := newProgress(opt.Progress, len(files))
	defer bar.done()

	// Workers read files in any order; the reducer takes their results in
	// input order, so that which file a duplicate id comes from, and the
	// order of the problems reported, never depend on timing. window
	// bounds how far reading runs ahead of it.
	type result struct {
		idx      int
		letters  []*built
		problems []problem
	}
	window := make(chan struct{}, jobs*8)
	next := make(chan int)
	results := make(chan result, jobs)
	go func() {
		defer close(next)
		for i := range files {
			select {
			case window <- struct{}{}:
			case <-ctx.Done():
				return
			}
			select {
			case next <- i:
			case <-ctx.Done():
				return
			}
		}
	}()
	mem := newBudget(MemoryBudget)
	var readers sync.WaitGroup
	for range jobs {
		readers.Go(func() {
			r := newReader(ex)
			for i := range next {
				res := result{idx: i}
				if ctx.Err() == nil {
					if e, in, rec, ok := cache.lookup(files[i], w.letters); ok {
						res.letters, res.problems = cache.reuse(e)
					} else {
						cost := inputCost(files[i])
						mem.acquire(cost)
						res.letters, res.problems = r.file(files[i])
						mem.release(cost)
						cache.begin(files[i], in, rec, res.letters, res.problems)
					}
				}
				results <- res
			}
		})
	}
	go func() {
		readers.Wait()
		close(results)
	}()

	// Writers put pages in place, each id by one writer.
	var mu sync.Mutex
	toWrite := make(chan *built, jobs*2)
	var writers sync.WaitGroup
	for range jobs {
		writers.Go(func() {
			for b := range toWrite {
				if ctx.Err() != nil {
					cache.forget(b.file)
					continue
				}
				changed, err := false, error(nil)
				if !b.cached {
					changed, err = w.write(b)
				}
				if err == nil && !b.cached {
					cache.written(b, w.letters)
				}
				mu.Lock()
				switch {
				case err != nil:
					sum.Failed = append(sum.Failed, Problem{b.file, err.Error()})
					cache.forget(b.file)
					cancel(err)
				case changed:
					sum.Written++
				default:
					sum.Unchanged++
				}
				mu.Unlock()
			}
		})
	}

	pending := map[int]result{}
	first := map[string]string{} // letter id -> the file that gave it
	at := 0
	for res := range results {
		pending[res.idx] = res
		for {
			r, ok := pending[at]
			if !ok {
				break
			}
			delete(pending, at)
			at++
			<-window
			bar.add(1)
			mu.Lock()
			for _, p := range r.problems {
				if p.fail {
					sum.Failed = append(sum.Failed, Problem{p.file, p.reason})
				} else {
					sum.Skipped = append(sum.Skipped, Problem{p.file, p.reason})
				}
			}
			mu.Unlock()
			for _, b := range r.letters {
				if f, dup := first[b.id]; dup {
					cache.forget(b.file)
					mu.Lock()
					sum.Skipped = append(sum.Skipped, Problem{b.file, fmt.Sprintf("%s: same letter as %s (%s)", b.doc, f, b.id)})
					mu.Unlock()
					continue
				}
				first[b.id] = b.file
				toWrite <- b
			}
		}
	}
	close(toWrite)
	writers.Wait()

	sortProblems(sum.Skipped)
	sortProblems(sum.Failed)
	if err := cache.save(); err != nil {
		slog.Warn("ingest: cannot save the cache of inputs read; the next run reads them all again", "err", err)
	}
	if err := context.Cause(ctx); err != nil {
		return sum, err
	}
	if err := w.finish(sum.Written > 0); err != nil {
		return sum, err
	}
	return sum, nil
}

func sortProblems(ps []Problem) {
	slices.SortStableFunc(ps, func(a, b Problem) int { return cmp.Compare(a.File, b.File) })
}

func fileExists(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
