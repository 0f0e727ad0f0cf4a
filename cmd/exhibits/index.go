package main

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/exhibits/exhibits/index"
)

func init() {
	register(command{name: "index", summary: "build or update the search index of content/letters", run: runIndex})
}

func runIndex(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("index", "[-site DIR] [-rebuild] [-jobs N]", stderr)
	site := fs.String("site", ".", "site `DIR`ectory")
	rebuild := fs.Bool("rebuild", false, "build a new index from scratch instead of updating the current one")
	jobs := fs.Int("jobs", 0, "pages parsed at once (default: one per CPU)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return errUsage
	}
	var progress io.Writer
	if isTerminal(stderr) {
		progress = stderr
	}
	st, err := index.Update(ctx, *site, index.UpdateOptions{Rebuild: *rebuild, Progress: progress, Jobs: *jobs})
	if err != nil && (errors.Is(err, context.Canceled) || st == (index.UpdateStats{})) {
		return err
	}
	fmt.Fprintf(stdout, "index %s: %d added, %d updated, %d deleted, %d unchanged in %v\n",
		index.Dir(*site), st.Added, st.Updated, st.Deleted, st.Unchanged, st.Took.Round(1e6))
	if err != nil {
		// Pages that could not be indexed; the rest was.
		for _, e := range unjoin(err) {
			fmt.Fprintf(stderr, "exhibits index: not indexed: %v\n", e)
		}
		return errFailed
	}
	return nil
}

// unjoin splits an errors.Join error into its parts.
func unjoin(err error) []error {
	if j, ok := err.(interface{ Unwrap() []error }); ok {
		return j.Unwrap()
	}
	return []error{err}
}
