package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/exhibits/exhibits/internal/fetch"
)

func init() {
	register(command{
		name:    "fetch",
		summary: "download Exhibit 5 letters from EDGAR into DIR/raw",
		run:     runFetch,
	})
}

func runFetch(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("fetch", `[-site DIR] -user-agent "Name email" [-form S-8,S-3,...] [-from DATE] [-to DATE] [-cik N,...] [-rate N] [-edgar URL]`, stderr)
	site := fs.String("site", ".", "site root; letters go to `DIR`/raw/<CIK>/<ACCESSION>/")
	ua := fs.String("user-agent", "", "who is asking, as the SEC requires: a person or company and an e-mail address (default $"+fetch.UserAgentEnv+")")
	forms := fs.String("form", "", "comma-separated form types, each with its /A amendments (default: "+strings.Join(fetch.DefaultForms, ",")+"; add 8-K for takedown opinions)")
	from := fs.String("from", "", "first filing `DATE` (YYYY-MM-DD, YYYY-MM or YYYY; default: first day of -to's quarter)")
	to := fs.String("to", "", "last filing `DATE` (default: today)")
	ciks := fs.String("cik", "", "only these companies' filings, comma-separated CIKs")
	rate := fs.Float64("rate", fetch.MaxRate, "requests a second, at most 10 (the SEC's limit)")
	base := fs.String("edgar", fetch.DefaultBaseURL, "EDGAR's base `URL` (a mirror or a test server)")
	workers := fs.Int("j", 4, "filings fetched at once (the rate holds across all)")
	tries := fs.Int("tries", 5, "attempts at a request before its filing is reported failed")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		fmt.Fprintf(stderr, "exhibits fetch: unexpected argument %q\n", fs.Arg(0))
		return errUsage
	}
	if *ua == "" {
		*ua = os.Getenv(fetch.UserAgentEnv)
	}
	if err := fetch.CheckUserAgent(*ua); err != nil {
		fmt.Fprintf(stderr, "exhibits fetch: %v.\n", err)
		return errUsage
	}
	if *rate <= 0 || *rate > fetch.MaxRate {
		fmt.Fprintf(stderr, "exhibits fetch: -rate %v: want more than 0 and at most %d requests a second (the SEC's fair-access limit)\n", *rate, fetch.MaxRate)
		return errUsage
	}
	f, err := fetch.ParseForms(*forms)
	if err != nil {
		fmt.Fprintf(stderr, "exhibits fetch: -form: %v\n", err)
		return errUsage
	}
	cikSet, err := fetch.ParseCIKs(*ciks)
	if err != nil {
		fmt.Fprintf(stderr, "exhibits fetch: -cik: %v\n", err)
		return errUsage
	}
	today := time.Now().UTC().Truncate(24 * time.Hour)
	end := today
	if *to != "" {
		if end, err = fetch.ParseDate(*to, true); err != nil {
			fmt.Fprintf(stderr, "exhibits fetch: -to: %v\n", err)
			return errUsage
		}
	}
	start := fetch.QuarterOf(end).Start()
	if *from != "" {
		if start, err = fetch.ParseDate(*from, false); err != nil {
			fmt.Fprintf(stderr, "exhibits fetch: -from: %v\n", err)
			return errUsage
		}
	}
	if end.After(today) {
		end = today
	}
	if first := fetch.FirstQuarter.Start(); start.Before(first) {
		start = first // EDGAR's full index begins in 1993
	}
	if end.Before(start) {
		fmt.Fprintf(stderr, "exhibits fetch: -from %s is after -to %s\n", start.Format(time.DateOnly), end.Format(time.DateOnly))
		return errUsage
	}
	client, err := fetch.NewClient(*base, *ua, *rate)
	if err != nil {
		fmt.Fprintf(stderr, "exhibits fetch: %v\n", err)
		return errUsage
	}
	client.Tries = max(*tries, 1)
	opts := fetch.Options{
		Site: *site,
		Filter: fetch.Filter{
			Forms: f,
			From:  start.Format(time.DateOnly),
			To:    end.Format(time.DateOnly),
			CIKs:  cikSet,
		},
		Client:  client,
		Workers: *workers,
	}
	if isTerminal(stderr) {
		opts.Progress = stderr
	}
	sum, err := fetch.Run(ctx, opts)
	if sum != nil {
		sum.Report(stdout)
	}
	switch {
	case errors.Is(err, context.Canceled):
		fmt.Fprintln(stderr, "exhibits fetch: interrupted; run it again to fetch the rest")
		return errFailed
	case err != nil:
		return err
	case len(sum.Failed) > 0:
		return errFailed
	}
	return nil
}

// isTerminal reports whether w is a terminal, where a progress line can
// be redrawn in place.
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
