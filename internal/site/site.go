// Package site builds the static site in DIR/public from DIR/content with
// Hugo, in-process.
//
// The binary carries default layouts, static files, pages and config
// (package exhibits, SiteFiles). Before each build they are written to
// DIR/.exhibits/defaults/ and given to Hugo as a theme, so the site's own
// layouts/, static/ and content/ files win wherever they exist; a site
// without a config.toml (or hugo.toml) of its own builds with the default
// config.
//
// A build writes into a fresh directory under DIR/.exhibits/ and then swaps
// it with DIR/public in one atomic rename, so readers (and a build killed
// at any moment) see the old site or the new one, never a mix.
//
// Letters are documents from strangers, and so are the names read from
// them. Before Hugo runs, every letter's front matter is checked; a letter
// Hugo would refuse (failing the whole site) or whose names would make
// Hugo publish over another page (a firm "../.." is the home page) is left
// out of the build and reported, and the rest of the site builds.
package site

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log"
	"log/slog"
	"math"
	"os"
	"path/filepath"
	"runtime/debug"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/exhibits/exhibits"
	"github.com/exhibits/exhibits/internal/atomicfile"
	"github.com/gohugoio/hugo/commands"
)

// Options tune a build.
type Options struct {
	// Progress, when set, receives a line when the build starts, one per
	// letter left out of the site (with the reason), and one when it ends.
	// Without it, left-out letters and Hugo's warnings go to slog. Hugo's
	// own banner and statistics are never printed; its errors are in the
	// returned error.
	Progress io.Writer
	// BaseURL overrides the config's baseURL ("https://example.org/"),
	// making permanent links in citations, feeds and the sitemap absolute.
	BaseURL string
}

const (
	// themeName is the directory under DIR/.exhibits/ holding the defaults.
	themeName = "defaults"
	// stampName is written into public/ by every build: when the build
	// started and which defaults it used (see NeedsBuild).
	stampName = ".exhibits-build"
	// buildPrefix names the scratch directories builds write into.
	buildPrefix = "build-"
)

// buildMemoryLimit is the Go soft memory limit while Hugo runs.
const buildMemoryLimit = 7 << 30

// configNames are the files Hugo reads as a project's config.
var configNames = []string{"hugo.toml", "hugo.yaml", "hugo.json", "config.toml", "config.yaml", "config.json"}

// hugoRunning serializes builds in one process: Hugo's command line keeps
// process-wide state (its global logger, the log package's output). It is
// a channel, not a mutex, so that a build waiting behind one that Hugo
// never finishes gives up when its context ends.
var hugoRunning = make(chan struct{}, 1)

// Build runs Hugo on the site in dir and replaces dir/public with the
// result. The caller holds the site lock (internal/sitelock); Build does
// not take it, so that `exhibits update` can build while holding it.
//
// Hugo cannot be interrupted: when ctx is done Build returns ctx.Err() at
// once and leaves public/ as it was; the abandoned build finishes in the
// background into its scratch directory, which the next build removes.
func Build(ctx context.Context, dir string, opt Options) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	dir, err := filepath.Abs(dir)
	if err != nil {
		return err
	}
	if fi, err := os.Stat(dir); err != nil {
		return err
	} else if !fi.IsDir() {
		return fmt.Errorf("%s: not a directory", dir)
	}
	state := filepath.Join(dir, ".exhibits")
	if err := os.MkdirAll(state, 0o755); err != nil {
		return err
	}
	start := time.Now()

	select {
	case hugoRunning <- struct{}{}:
	case <-ctx.Done():
		return fmt.Errorf("%s: waiting for another build in this process: %w", dir, ctx.Err())
	}
	locked := true
	defer func() {
		if locked {
			<-hugoRunning
		}
	}()

	removeScratch(state)
	if err := checkSpace(dir); err != nil {
		return err
	}
	sum, err := writeDefaults(filepath.Join(state, themeName))
	if err != nil {
		return err
	}
	cfg := siteConfig(dir)
	if cfg == "" {
		cfg = filepath.Join(state, "defaults.toml")
		data, err := fs.ReadFile(exhibits.SiteFiles, "config.toml")
		if err != nil {
			return err
		}
		if _, err := atomicfile.Write(cfg, data, 0o644); err != nil {
			return err
		}
	}
	// Letters Hugo would refuse (failing the whole site) or that would
	// overwrite other pages are left out, each with its reason.
	skips, shortLinks, err := unsafeLetters(dir)
	if err != nil {
		return err
	}
	phase(opt.Progress, "checked the letters' front matter", start)
	for _, s := range skips {
		if opt.Progress != nil {
			fmt.Fprintf(opt.Progress, "skipped %s\n", s.reason)
		} else {
			slog.Warn("letter left out of the site", "reason", s.reason)
		}
	}
	layer := filepath.Join(state, "build.toml")
	if _, err := atomicfile.Write(layer, buildLayer(dir, skips), 0o644); err != nil {
		return err
	}
	cfg += "," + layer
	scratch, err := os.MkdirTemp(state, buildPrefix)
	if err != nil {
		return err
	}
	out := filepath.Join(scratch, "public")
	args := []string{
		"--source", dir,
		"--config", cfg,
		"--themesDir", state,
		"--theme", themeName,
		"--destination", out,
		"--cacheDir", filepath.Join(state, "hugo-cache"),
		"--noBuildLock",
		"--logLevel", "warn",
	}
	if opt.BaseURL != "" {
		args = append(args, "--baseURL", opt.BaseURL)
	}
	if opt.Progress != nil {
		fmt.Fprintf(opt.Progress, "building %s\n", filepath.Join(dir, "public"))
	}
	hugoStart := time.Now()

	// A soft memory limit, unless the user set one: without it a
	// 100,000-letter build peaks at 8.4 GiB, most of it garbage not yet
	// collected; with it, 6.8 GiB in the same time.
	if debug.SetMemoryLimit(-1) == math.MaxInt64 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(buildMemoryLimit))
	}
	done := make(chan error, 1)
	locked = false // the goroutine unlocks when Hugo returns
	go func() {
		defer func() { <-hugoRunning }()
		// Hugo sends the log package to its (discarded) output: put it back.
		logOut, logFlags := log.Writer(), log.Flags()
		defer func() {
			log.SetOutput(logOut)
			log.SetFlags(logFlags)
		}()
		defer func() {
			// A page that crashes Hugo fails this build, not the process.
			if r := recover(); r != nil {
				done <- fmt.Errorf("hugo crashed: %v", r)
			}
		}()
		done <- execute(args)
	}()
	select {
	case err = <-done:
	case <-ctx.Done():
		return ctx.Err()
	}
	if err != nil {
		os.RemoveAll(scratch)
		return fmt.Errorf("hugo: %w", err)
	}
	if err := ctx.Err(); err != nil {
		os.RemoveAll(scratch)
		return err
	}
	phase(opt.Progress, "hugo rendered the pages", hugoStart)
	linkStart := time.Now()
	if _, err := publishOriginals(filepath.Join(dir, "content"), out); err != nil {
		os.RemoveAll(scratch)
		return fmt.Errorf("publishing filed originals: %w", err)
	}
	if _, err := publishShortLinks(out, shortLinks); err != nil {
		os.RemoveAll(scratch)
		return fmt.Errorf("publishing short links: %w", err)
	}
	phase(opt.Progress, "published the filed originals and short links", linkStart)
	stamp := fmt.Sprintf("started %s\ndefaults %s\n", start.UTC().Format(time.RFC3339Nano), sum)
	if err := os.WriteFile(filepath.Join(out, stampName), []byte(stamp), 0o644); err != nil {
		os.RemoveAll(scratch)
		return err
	}
	public := filepath.Join(dir, "public")
	if err := swap(out, public); err != nil {
		os.RemoveAll(scratch)
		return fmt.Errorf("%s: %w", public, err)
	}
	// out now holds the previous site (or nothing).
	os.RemoveAll(scratch)
	if opt.Progress != nil {
		n := countFiles(public)
		fmt.Fprintf(opt.Progress, "built %s: %d files in %s\n", public, n, time.Since(start).Round(time.Millisecond))
	}
	return nil
}

// phase reports how long a step of a build took: a large archive takes
// minutes, and a reader should see which step it is in.
func phase(w io.Writer, what string, since time.Time) {
	if w != nil {
		fmt.Fprintf(w, "  %s in %s\n", what, time.Since(since).Round(time.Millisecond))
	}
}

// execute runs Hugo's command line with its output captured: Hugo prints
// its banner and statistics to os.Stdout and its log to os.Stderr, and
// reports only "logged N error(s)" when pages fail. Its ERROR lines are
// added to the returned error; its WARN lines go to slog. The caller holds
// hugoRunning.
func execute(args []string) error {
	r, w, err := os.Pipe()
	if err != nil {
		return err
	}
	var errs, warns []string
	read := make(chan struct{})
	go func() {
		defer close(read)
		sc := bufio.NewScanner(r)
		sc.Buffer(make([]byte, 64<<10), 1<<20)
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "ERROR "):
				if len(errs) < 20 {
					errs = append(errs, strings.TrimPrefix(line, "ERROR "))
				}
			case strings.HasPrefix(line, "WARN "):
				if len(warns) < 100 {
					warns = append(warns, strings.TrimPrefix(line, "WARN "))
				}
			}
		}
		io.Copy(io.Discard, r)
	}()
	stdout, stderr := os.Stdout, os.Stderr
	os.Stdout, os.Stderr = w, w
	err = commands.Execute(args)
	os.Stdout, os.Stderr = stdout, stderr
	w.Close()
	<-read
	r.Close()
	for _, w := range warns {
		slog.Warn("hugo", "msg", w)
	}
	if err != nil && len(errs) > 0 {
		return fmt.Errorf("%w:\n%s", err, strings.Join(errs, "\n"))
	}
	return err
}

// removeScratch deletes what killed or abandoned builds left behind.
func removeScratch(state string) {
	entries, _ := os.ReadDir(state)
	for _, e := range entries {
		if e.IsDir() && strings.HasPrefix(e.Name(), buildPrefix) {
			os.RemoveAll(filepath.Join(state, e.Name()))
		}
	}
}

// siteConfig returns the site's own config file, or "".
func siteConfig(dir string) string {
	for _, n := range configNames {
		p := filepath.Join(dir, n)
		if fi, err := os.Stat(p); err == nil && !fi.IsDir() {
			return p
		}
	}
	return ""
}

// writeDefaults makes dir hold exactly the embedded layouts, static files
// and pages (files already right are left alone, so their mtimes stay) and
// returns a digest of them.
func writeDefaults(dir string) (string, error) {
	want := map[string]bool{}
	h := sha256.New()
	var names []string
	err := fs.WalkDir(exhibits.SiteFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || p == "config.toml" {
			return err
		}
		names = append(names, p)
		return nil
	})
	if err != nil {
		return "", err
	}
	sort.Strings(names)
	for _, p := range names {
		data, err := fs.ReadFile(exhibits.SiteFiles, p)
		if err != nil {
			return "", err
		}
		fmt.Fprintf(h, "%s %d\n", p, len(data))
		h.Write(data)
		dst := filepath.Join(dir, filepath.FromSlash(p))
		want[dst] = true
		if old, err := os.ReadFile(dst); err == nil && bytes.Equal(old, data) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return "", err
		}
		if _, err := atomicfile.Write(dst, data, 0o644); err != nil {
			return "", fmt.Errorf("%s: %w", dst, err)
		}
	}
	cfg, _ := fs.ReadFile(exhibits.SiteFiles, "config.toml")
	h.Write(cfg)
	// Files a previous binary carried and this one does not.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && !want[p] {
			os.Remove(p)
		}
		return nil
	})
	return hex.EncodeToString(h.Sum(nil))[:16], nil
}

func countFiles(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(_ string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			n++
		}
		return nil
	})
	return n
}

// NeedsBuild reports whether dir/public is missing, was not built by
// Build, or is older than anything the site is built from: content/,
// layouts/, static/, the config, and the defaults carried by this binary.
func NeedsBuild(dir string) (bool, error) {
	stamp, err := os.ReadFile(filepath.Join(dir, "public", stampName))
	if errors.Is(err, fs.ErrNotExist) {
		return true, nil
	}
	if err != nil {
		return false, err
	}
	var started time.Time
	var sum string
	for _, line := range strings.Split(string(stamp), "\n") {
		k, v, _ := strings.Cut(line, " ")
		switch k {
		case "started":
			started, _ = time.Parse(time.RFC3339Nano, v)
		case "defaults":
			sum = v
		}
	}
	if started.IsZero() || sum != defaultsSum() {
		return true, nil
	}
	newer := errors.New("newer")
	check := func(p string) error {
		return filepath.WalkDir(p, func(_ string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			fi, err := d.Info()
			if err != nil {
				return nil // removed while we look
			}
			if fi.ModTime().After(started) {
				return newer
			}
			return nil
		})
	}
	inputs := []string{"content", "layouts", "static", "assets", "data", "i18n"}
	inputs = append(inputs, configNames...)
	for _, in := range inputs {
		switch err := check(filepath.Join(dir, in)); {
		case errors.Is(err, newer):
			return true, nil
		case err != nil:
			return false, err
		}
	}
	return false, nil
}

// defaultsSum is the digest writeDefaults returns, computed without
// writing anything.
var defaultsSum = sync.OnceValue(func() string {
	h := sha256.New()
	var names []string
	fs.WalkDir(exhibits.SiteFiles, ".", func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && p != "config.toml" {
			names = append(names, p)
		}
		return nil
	})
	sort.Strings(names)
	for _, p := range names {
		data, _ := fs.ReadFile(exhibits.SiteFiles, p)
		fmt.Fprintf(h, "%s %d\n", p, len(data))
		h.Write(data)
	}
	cfg, _ := fs.ReadFile(exhibits.SiteFiles, "config.toml")
	h.Write(cfg)
	return hex.EncodeToString(h.Sum(nil))[:16]
})
