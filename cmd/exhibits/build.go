package main

import (
	"context"
	"errors"
	"io"

	"github.com/exhibits/exhibits/internal/site"
	"github.com/exhibits/exhibits/internal/sitelock"
)

func init() {
	register(command{name: "build", summary: "build the static site in DIR/public from DIR/content", run: runBuild})
}

func runBuild(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("build", "[-site DIR] [-base-url URL] [-if-needed] [-no-wait]", stderr)
	dir := fs.String("site", ".", "site `DIR`ectory (content/ in, public/ out)")
	base := fs.String("base-url", "", "absolute `URL` the site is served at, for permanent links in citations, feeds and the sitemap (default: the config's)")
	ifNeeded := fs.Bool("if-needed", false, "build only when public/ is missing or older than the site's sources")
	noWait := fs.Bool("no-wait", false, "refuse at once, rather than wait, when another exhibits process is writing the site")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	var lock *sitelock.Lock
	var err error
	if *noWait {
		lock, err = sitelock.TryLock(*dir)
	} else {
		lock, err = sitelock.Acquire(*dir)
	}
	if err != nil {
		return err
	}
	defer lock.Release()
	if *ifNeeded {
		need, err := site.NeedsBuild(*dir)
		if err != nil {
			return err
		}
		if !need {
			io.WriteString(stderr, "site up to date\n")
			return nil
		}
	}
	err = site.Build(ctx, *dir, site.Options{Progress: stderr, BaseURL: *base})
	if errors.Is(err, context.Canceled) {
		return errors.New("interrupted; public/ left as it was")
	}
	return err
}
