package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net"
	"os"
	"runtime/debug"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/pipeline"
	"github.com/exhibits/exhibits/internal/server"
)

func init() {
	register(command{name: "serve", summary: "serve the site and its search over HTTP", run: runServe})
}

func runServe(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	fs := newFlags("serve", "[-site DIR] [-addr HOST:PORT]", stderr)
	dir := fs.String("site", ".", "site `DIR`ectory (its public/ is served)")
	addr := fs.String("addr", "127.0.0.1:8080", "`HOST:PORT` to listen on")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		fs.Usage()
		return errUsage
	}
	// A fresh clone has content/ but neither public/ nor an index.
	if err := pipeline.Prepare(ctx, *dir, stderr); err != nil {
		return err
	}
	if os.Getenv("GOGC") == "" {
		debug.SetGCPercent(index.ServeGCPercent)
	}
	searcher, err := index.Open(*dir)
	if err != nil {
		return err
	}
	defer searcher.Close()
	srv := server.New(server.Config{Site: *dir, Searcher: searcher, Logger: slog.Default()})
	return srv.ListenAndServe(ctx, *addr, func(a net.Addr) {
		fmt.Fprintf(stdout, "serving %s at http://%s/ (Ctrl-C stops)\n", *dir, a)
	})
}
