// Package pipeline runs the archive's steps in one go, under one hold of
// the site lock: ingest, build and index for exhibits update, and the
// build and index a site is missing before exhibits serve.
package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/ingest"
	"github.com/exhibits/exhibits/internal/site"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// Options configure Update.
type Options struct {
	Site  string
	Paths []string
	Jobs  int
	// NoWait refuses, with an error wrapping sitelock.ErrBusy, when
	// another process is writing the site, instead of waiting for it.
	NoWait bool
	// Progress gets progress lines and the note that the run waits.
	Progress io.Writer
}

// Report says what an Update did.
type Report struct {
	Ingest  ingest.Summary
	Built   bool
	Index   index.UpdateStats
	Indexed bool
}

// Lock takes the site lock, waiting (and saying so on progress) while
// another process holds it, or refusing at once when noWait is set. The
// returned context carries the lock, so that steps run under it that take
// the lock themselves (ingest.Run, site.Build, index.Update) do not wait
// for their own caller.
func Lock(ctx context.Context, dir string, noWait bool, progress io.Writer) (context.Context, *sitelock.Lock, error) {
	l, err := sitelock.TryLockContext(ctx, dir)
	if errors.Is(err, sitelock.ErrBusy) {
		if noWait {
			return ctx, nil, fmt.Errorf("%w; not waiting for it (-no-wait)", err)
		}
		if progress != nil {
			fmt.Fprintf(progress, "waiting: another exhibits process is writing %s...\n", dir)
		}
		l, err = sitelock.AcquireContext(ctx, dir)
	}
	if err != nil {
		return ctx, nil, err
	}
	return l.Context(ctx), l, nil
}

// Update ingests opt.Paths into the site, then builds the site and
// updates its search index, all under one hold of the site lock. Files
// that cannot be ingested are reported in the Report and do not stop the
// rest; the site and index are brought up to date with what was
// ingested.
func Update(ctx context.Context, opt Options) (Report, error) {
	var rep Report
	ctx, l, err := Lock(ctx, opt.Site, opt.NoWait, opt.Progress)
	if err != nil {
		return rep, err
	}
	defer l.Release()

	rep.Ingest, err = ingest.Run(ctx, ingest.Options{Site: opt.Site, Paths: opt.Paths, Jobs: opt.Jobs, Progress: opt.Progress})
	if err != nil {
		return rep, fmt.Errorf("ingest: %w", err)
	}
	rep.Built, rep.Indexed, rep.Index, err = refresh(ctx, opt.Site, rep.Ingest.Written > 0, opt.Jobs, opt.Progress)
	return rep, err
}

// Prepare builds the site and its index when they are missing or older
// than content/, so that a site can be served.
func Prepare(ctx context.Context, dir string, progress io.Writer) error {
	needBuild, needIndex, err := needs(dir)
	if err != nil || !needBuild && !needIndex {
		return err
	}
	ctx, l, err := Lock(ctx, dir, false, progress)
	if err != nil {
		return err
	}
	defer l.Release()
	_, _, _, err = refresh(ctx, dir, false, 0, progress)
	return err
}

func needs(dir string) (build, idx bool, err error) {
	if build, err = site.NeedsBuild(dir); err != nil {
		return false, false, fmt.Errorf("%s: %w", dir, err)
	}
	if idx, err = index.NeedsUpdate(dir); err != nil {
		return false, false, fmt.Errorf("%s: %w", dir, err)
	}
	return build, idx, nil
}

// refresh builds and indexes what needs it; the caller holds the lock.
func refresh(ctx context.Context, dir string, changed bool, jobs int, progress io.Writer) (built, indexed bool, st index.UpdateStats, err error) {
	needBuild, needIndex, err := needs(dir)
	if err != nil {
		return
	}
	if changed || needBuild {
		if err = site.Build(ctx, dir, site.Options{Progress: progress}); err != nil {
			return built, indexed, st, fmt.Errorf("build: %w", err)
		}
		built = true
	}
	if changed || needIndex {
		if st, err = index.Update(ctx, dir, index.UpdateOptions{Progress: progress, Jobs: jobs}); err != nil {
			return built, indexed, st, fmt.Errorf("index: %w", err)
		}
		indexed = true
	}
	return built, indexed, st, nil
}
