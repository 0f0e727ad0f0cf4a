package main

import (
	"context"
	"fmt"
	"io"
	"time"

	"github.com/exhibits/exhibits/internal/gen"
)

func init() {
	register(command{name: "gen", summary: "write realistic generated Exhibit 5 letters (for benchmarks)", run: runGen})
}

func runGen(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("gen", "[-n N] [-seed S] DIR", stderr)
	n := fs.Int("n", 1000, "number of letters (filings) to write")
	seed := fs.Uint64("seed", 1, "random seed: the same seed writes the same bytes")
	jobs := fs.Int("j", 0, "parallel workers (0: one per core)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 || *n < 0 {
		fs.Usage()
		return errUsage
	}
	start := time.Now()
	st, err := gen.Write(ctx, fs.Arg(0), gen.Options{N: *n, Seed: *seed, Jobs: *jobs})
	if err != nil {
		return err
	}
	el := time.Since(start)
	fmt.Fprintf(stdout, "wrote %d files (%d letters, %.1f MB) to %s in %s (%.0f files/s); labels in %s/labels.jsonl\n",
		st.Files, st.Letters, float64(st.Bytes)/1e6, fs.Arg(0), el.Round(time.Millisecond), float64(st.Files)/el.Seconds(), fs.Arg(0))
	return nil
}
