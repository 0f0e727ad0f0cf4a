package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/exhibits/exhibits/internal/ingest"
)

func init() {
	register(command{name: "ingest", summary: "turn raw Exhibit 5 filings into letter pages in content/letters", run: runIngest})
}

func runIngest(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("ingest", "[-site DIR] [-j N] PATH...", stderr)
	site := fs.String("site", ".", "Hugo site `DIR`ectory; pages go to DIR/content/letters/<id>/")
	jobs := fs.Int("j", 0, "files read at once (default: one per CPU)")
	fs.IntVar(jobs, "jobs", 0, "same as -j")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() == 0 {
		fmt.Fprintln(stderr, "exhibits ingest: no PATH given: name the files or folders to read")
		fs.Usage()
		return errUsage
	}
	start := time.Now()
	sum, err := ingest.Run(ctx, ingest.Options{Site: *site, Paths: fs.Args(), Jobs: *jobs, Progress: stderr})
	for _, p := range sum.Skipped {
		fmt.Fprintf(stderr, "skipped %s: %s\n", p.File, p.Reason)
	}
	for _, p := range sum.Failed {
		fmt.Fprintf(stderr, "failed %s: %s\n", p.File, p.Reason)
	}
	fmt.Fprintf(stdout, "%d written, %d unchanged, %d skipped, %d failed (%.1fs)\n",
		sum.Written, sum.Unchanged, len(sum.Skipped), len(sum.Failed), time.Since(start).Seconds())
	if err != nil {
		return err
	}
	if len(sum.Failed) > 0 {
		return errFailed
	}
	return nil
}
