// Command load is the server's bounded load test: it fills a site under
// /tmp with generated letters (ingest, build, index), serves it on
// loopback and runs 32 concurrent clients against /api/search, the
// server-rendered search page and static pages for 30 seconds, while the
// index is rebuilt from scratch and swapped in twice (and, with
// -rebuild-site, the site rebuilt and public/ swapped once). Every request
// must succeed: it prints p50/p90/p99 per kind of request and exits 1 on
// any failure.
//
//	go run ./bench/load [-letters 2000] [-clients 32] [-duration 30s] [-rebuild-site]
//
// It is a program, not a test, so that the default go test stays short.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/gen"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/pipeline"
	"github.com/exhibits/exhibits/internal/server"
	"github.com/exhibits/exhibits/internal/site"
)

func main() {
	letters := flag.Int("letters", 2000, "generated letters in the site")
	clients := flag.Int("clients", 32, "concurrent clients")
	duration := flag.Duration("duration", 30*time.Second, "how long the clients run")
	dir := flag.String("dir", "", "site directory (default: a new one under /tmp, removed at the end)")
	flag.BoolVar(&rebuildSite, "rebuild-site", false, "also rebuild the site (swapping public/) under load, after the index swaps")
	flag.Parse()
	slog.SetDefault(slog.New(slog.NewTextHandler(os.Stderr, &slog.HandlerOptions{Level: slog.LevelWarn})))
	if err := run(*letters, *clients, *duration, *dir); err != nil {
		fmt.Fprintln(os.Stderr, "load:", err)
		os.Exit(1)
	}
}

var rebuildSite bool

func run(nLetters, nClients int, duration time.Duration, dir string) error {
	ctx := context.Background()
	if dir == "" {
		d, err := os.MkdirTemp("", "exhibits-load-")
		if err != nil {
			return err
		}
		defer os.RemoveAll(d)
		dir = d
	}
	raw := filepath.Join(dir, "raw")
	t0 := time.Now()
	if _, err := gen.Write(ctx, raw, gen.Options{N: nLetters, Seed: 7}); err != nil {
		return err
	}
	rep, err := pipeline.Update(ctx, pipeline.Options{Site: dir, Paths: []string{raw}, Progress: os.Stderr})
	if err != nil {
		return err
	}
	fmt.Printf("site: %d letters ingested, built and indexed in %s\n", rep.Ingest.Written, time.Since(t0).Round(time.Millisecond))

	// What the clients ask for, drawn from the site itself.
	w, err := newWorkload(dir)
	if err != nil {
		return err
	}

	searcher, err := index.Open(dir)
	if err != nil {
		return err
	}
	defer searcher.Close()
	srv := server.New(server.Config{Site: dir, Searcher: searcher})
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return err
	}
	sctx, stop := context.WithCancel(ctx)
	served := make(chan error, 1)
	go func() { served <- srv.Serve(sctx, ln, nil) }()
	base := "http://" + ln.Addr().String()

	client := &http.Client{
		Timeout:   30 * time.Second,
		Transport: &http.Transport{MaxIdleConnsPerHost: nClients * 2, MaxConnsPerHost: 0, DisableCompression: true},
	}
	var (
		mu       sync.Mutex
		lat      = map[string][]time.Duration{}
		failures []string
		nreq     atomic.Int64
	)
	start := time.Now()
	deadline := start.Add(duration)
	// The clients run for the duration, and longer if the swaps are not
	// done by then: every swap happens under load.
	var swapsDone atomic.Bool
	running := func() bool { return time.Now().Before(deadline) || !swapsDone.Load() }
	var wg sync.WaitGroup
	for c := 0; c < nClients; c++ {
		wg.Add(1)
		go func(c int) {
			defer wg.Done()
			r := rand.New(rand.NewPCG(uint64(c), 99))
			local := map[string][]time.Duration{}
			var fails []string
			for running() {
				kind, path := w.pick(r)
				t := time.Now()
				resp, err := client.Get(base + path)
				if err == nil {
					_, err = io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					if err == nil && resp.StatusCode != 200 {
						err = fmt.Errorf("status %d", resp.StatusCode)
					}
				}
				el := time.Since(t)
				nreq.Add(1)
				if err != nil {
					fails = append(fails, fmt.Sprintf("%s %s: %v", kind, path, err))
					continue
				}
				local[kind] = append(local[kind], el)
			}
			mu.Lock()
			for k, v := range local {
				lat[k] = append(lat[k], v...)
			}
			failures = append(failures, fails...)
			mu.Unlock()
		}(c)
	}

	// Meanwhile: change letters and swap in fully rebuilt indexes, twice
	// (and, with -rebuild-site, rebuild the site, swapping public/).
	var swapErr error
	go func() {
		defer swapsDone.Store(true)
		for i, at := range []time.Duration{duration / 3, 2 * duration / 3} {
			time.Sleep(time.Until(start.Add(at)))
			if swapErr = w.touch(i); swapErr != nil {
				return
			}
			t := time.Now()
			st, err := index.Update(ctx, dir, index.UpdateOptions{Rebuild: true})
			if swapErr = err; err != nil {
				return
			}
			fmt.Printf("index rebuilt and swapped at %s: %d letters in %s\n",
				time.Since(start).Round(100*time.Millisecond), st.Added+st.Updated+st.Unchanged, time.Since(t).Round(time.Millisecond))
		}
		if rebuildSite {
			t := time.Now()
			lctx, l, err := pipeline.Lock(ctx, dir, false, nil)
			if swapErr = err; err != nil {
				return
			}
			swapErr = site.Build(lctx, dir, site.Options{})
			l.Release()
			fmt.Printf("site rebuilt and swapped at %s, in %s\n", time.Since(start).Round(100*time.Millisecond), time.Since(t).Round(time.Millisecond))
		}
	}()
	wg.Wait()
	elapsed := time.Since(start)
	stop()
	<-served

	total := nreq.Load()
	fmt.Printf("\n%d clients, %s, %d requests (%.0f/s), %d failed\n", nClients, elapsed.Round(100*time.Millisecond), total, float64(total)/elapsed.Seconds(), len(failures))
	fmt.Printf("%-14s %8s %9s %9s %9s %9s\n", "kind", "requests", "p50", "p90", "p99", "max")
	kinds := make([]string, 0, len(lat))
	var all []time.Duration
	for k := range lat {
		kinds = append(kinds, k)
		all = append(all, lat[k]...)
	}
	sort.Strings(kinds)
	for _, k := range append(kinds, "all") {
		v := lat[k]
		if k == "all" {
			v = all
		}
		sort.Slice(v, func(i, j int) bool { return v[i] < v[j] })
		fmt.Printf("%-14s %8d %9s %9s %9s %9s\n", k, len(v), q(v, 0.50), q(v, 0.90), q(v, 0.99), q(v, 1))
	}
	for i, f := range failures {
		if i == 20 {
			fmt.Printf("... and %d more\n", len(failures)-20)
			break
		}
		fmt.Println("FAILED", f)
	}
	if swapErr != nil {
		return fmt.Errorf("re-index: %w", swapErr)
	}
	if len(failures) > 0 {
		return fmt.Errorf("%d of %d requests failed", len(failures), total)
	}
	return nil
}

func q(v []time.Duration, p float64) string {
	if len(v) == 0 {
		return "-"
	}
	i := int(p * float64(len(v)-1))
	return v[i].Round(10 * time.Microsecond).String()
}

// workload holds the requests drawn from the site's letters.
type workload struct {
	dir     string
	pages   []string // index.md paths
	words   []string
	phrases []string
	firms   []string
	forms   []string
	static  []string
}

func newWorkload(dir string) (*workload, error) {
	w := &workload{
		dir:     dir,
		words:   []string{"nonassessable", "validly", "warrants", "indenture", "delaware", "opinion", "plan", "guarantees", "binding", "trust"},
		phrases: []string{`"fully paid"`, `"validly issued"`, `"binding obligations"`, `"registration statement"`},
		static:  []string{"/", "/firms/", "/about/", "/css/site.css", "/js/search.js", "/search/"},
	}
	pages, err := filepath.Glob(filepath.Join(dir, "content", "letters", "*", "index.md"))
	if err != nil || len(pages) == 0 {
		return nil, fmt.Errorf("no letters in %s", dir)
	}
	w.pages = pages
	seenF, seenForm := map[string]bool{}, map[string]bool{}
	for i, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		l, _, err := letter.Parse(b)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", p, err)
		}
		if i < 200 {
			w.static = append(w.static, "/letters/"+l.ID+"/")
		}
		for _, f := range l.Firms {
			if !seenF[f] && len(w.firms) < 50 {
				seenF[f] = true
				w.firms = append(w.firms, f)
			}
		}
		for _, f := range l.Forms {
			if !seenForm[f] {
				seenForm[f] = true
				w.forms = append(w.forms, f)
			}
		}
	}
	if len(w.firms) == 0 || len(w.forms) == 0 {
		return nil, fmt.Errorf("letters without firms or forms in %s", dir)
	}
	return w, nil
}

func (w *workload) pick(r *rand.Rand) (kind, path string) {
	one := func(s []string) string { return s[r.IntN(len(s))] }
	switch n := r.IntN(100); {
	case n < 20:
		return "api-word", "/api/search?q=" + url.QueryEscape(one(w.words))
	case n < 35:
		return "api-phrase", "/api/search?q=" + url.QueryEscape(one(w.phrases))
	case n < 50:
		v := url.Values{"q": {one(w.words)}, "firm": {one(w.firms)}, "from": {"2005-01-01"}}
		return "api-filtered", "/api/search?" + v.Encode()
	case n < 55:
		v := url.Values{"form": {one(w.forms)}, "sort": {"date"}, "page": {fmt.Sprint(1 + r.IntN(3))}}
		return "api-browse", "/api/search?" + v.Encode()
	case n < 60:
		return "api-suggest", "/api/suggest?prefix=" + url.QueryEscape(strings.ToLower(one(w.firms)[:3]))
	case n < 70:
		return "search-page", "/search/?q=" + url.QueryEscape(one(w.words))
	default:
		return "static", one(w.static)
	}
}

// touch changes the body of every 20th letter, so that each swap brings
// different data.
func (w *workload) touch(round int) error {
	for i := round; i < len(w.pages); i += 20 {
		b, err := os.ReadFile(w.pages[i])
		if err != nil {
			return err
		}
		l, body, err := letter.Parse(b)
		if err != nil {
			return err
		}
		page, err := letter.Marshal(l, body+fmt.Sprintf("\nRevised in load round %d.\n", round))
		if err != nil {
			return err
		}
		if err := os.WriteFile(w.pages[i], page, 0o644); err != nil {
			return err
		}
	}
	return nil
}
