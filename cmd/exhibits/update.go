package main

import (
	"context"
	"fmt"
	"io"

	"github.com/exhibits/exhibits/internal/pipeline"
)

func init() {
	register(command{name: "update", summary: "ingest files, then build the site and index it, in one go", run: runUpdate})
}

func runUpdate(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("update", "[-site DIR] [-no-wait] [-jobs N] [-v] PATH...", stderr)
	dir := fs.String("site", ".", "site `DIR`ectory")
	noWait := fs.Bool("no-wait", false, "refuse at once, rather than wait, when another exhibits process is writing the site")
	jobs := fs.Int("jobs", 0, "files read at once (default: one per CPU)")
	verbose := fs.Bool("v", false, "list the inputs skipped (holding no Exhibit 5 letter), not only count them")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fs.Usage()
		return errUsage
	}
	rep, err := pipeline.Update(ctx, pipeline.Options{Site: *dir, Paths: fs.Args(), Jobs: *jobs, NoWait: *noWait, Progress: stderr})
	if *verbose {
		for _, p := range rep.Ingest.Skipped {
			fmt.Fprintf(stderr, "skipped %s: %s\n", p.File, p.Reason)
		}
	}
	for _, p := range rep.Ingest.Failed {
		fmt.Fprintf(stderr, "failed %s: %s\n", p.File, p.Reason)
	}
	if err != nil {
		return err
	}
	built := "site up to date"
	if rep.Built {
		built = "site built"
	}
	indexed := "index up to date"
	if rep.Indexed {
		indexed = fmt.Sprintf("index: %d added, %d updated, %d deleted", rep.Index.Added, rep.Index.Updated, rep.Index.Deleted)
	}
	fmt.Fprintf(stdout, "%d letters written, %d unchanged, %d skipped, %d failed; %s; %s\n",
		rep.Ingest.Written, rep.Ingest.Unchanged, len(rep.Ingest.Skipped), len(rep.Ingest.Failed), built, indexed)
	if len(rep.Ingest.Failed) > 0 {
		return errFailed
	}
	return nil
}
