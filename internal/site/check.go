package site

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/pelletier/go-toml/v2"
)

// taxonomies are the front matter lists Hugo turns into term pages.
var taxonomies = []string{"firms", "issuers", "plans", "forms", "jurisdictions", "years"}

// percentEscape is a %XX escape, which Hugo would leave in an address.
var percentEscape = regexp.MustCompile(`%[0-9A-Fa-f]{2}`)

// shortLink is the only alias a letter may have.
var shortLink = regexp.MustCompile(`^/l/[A-Za-z0-9][A-Za-z0-9._-]*/?$`)

// A skip is a letter page left out of the build, and why.
type skip struct {
	bundle string // the page bundle's directory
	reason string
}

// unsafeLetters finds the letter pages Hugo must not build: pages it
// would refuse (unreadable front matter, a date it cannot parse), failing
// the whole site, and pages whose front matter would make Hugo write over
// other pages. Hugo publishes a term at /<taxonomy>/<value>/, so a firm
// named "../.." would replace the home page; an alias or a url of a
// page's own could do the same.
//
// It also returns the short links of the letters it keeps, by bundle name:
// exhibits build publishes them itself (publishShortLinks).
func unsafeLetters(dir string) ([]skip, map[string][]string, error) {
	letters := filepath.Join(dir, "content", "letters")
	entries, err := os.ReadDir(letters)
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil, nil
	}
	if err != nil {
		return nil, nil, err
	}
	var (
		mu    sync.Mutex
		skips []skip
		links = map[string][]string{}
	)
	eachDir(entries, func(name string) {
		bundle := filepath.Join(letters, name)
		p := filepath.Join(bundle, "index.md")
		aliases, err := checkPage(p)
		mu.Lock()
		defer mu.Unlock()
		switch {
		case err != nil && !errors.Is(err, os.ErrNotExist):
			skips = append(skips, skip{bundle, fmt.Sprintf("%s: %v", p, err)})
		case len(aliases) > 0:
			links[name] = aliases
		}
	})
	sort.Slice(skips, func(i, j int) bool { return skips[i].bundle < skips[j].bundle })
	return skips, links, nil
}

// eachDir calls fn with the name of every directory in entries, in
// parallel: letters are many small files, read on every core.
func eachDir(entries []os.DirEntry, fn func(name string)) {
	var dirs []string
	for _, e := range entries {
		if e.IsDir() {
			dirs = append(dirs, e.Name())
		}
	}
	inParallel(len(dirs), func(i int) error {
		fn(dirs[i])
		return nil
	})
}

// inParallel calls fn(0..n-1) on one goroutine per core and returns the
// first error; after an error the remaining calls are skipped.
func inParallel(n int, fn func(i int) error) error {
	var (
		next  atomic.Int64
		first error
		once  sync.Once
		wg    sync.WaitGroup
	)
	for range runtime.GOMAXPROCS(0) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= n {
					return
				}
				if err := fn(i); err != nil {
					once.Do(func() { first = err })
					next.Store(int64(n))
					return
				}
			}
		}()
	}
	wg.Wait()
	return first
}

// checkPage reports why a letter page must be left out, or nil and the
// page's aliases.
func checkPage(p string) ([]string, error) {
	raw, err := rawFrontMatter(p)
	if err != nil {
		return nil, err
	}
	m := map[string]any{}
	if err := toml.Unmarshal(raw, &m); err != nil {
		return nil, fmt.Errorf("front matter: %w", err)
	}
	return checkFrontMatter(m)
}

// rawFrontMatter reads the TOML front matter of a page, and only that.
func rawFrontMatter(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	r := bufio.NewReaderSize(io.LimitReader(f, 4<<20), 16<<10)
	if first, _ := r.ReadString('\n'); first != "+++\n" {
		return nil, errors.New("no TOML front matter")
	}
	var b bytes.Buffer
	for {
		line, err := r.ReadString('\n')
		if line == "+++\n" || line == "+++" {
			return b.Bytes(), nil
		}
		b.WriteString(line)
		if err != nil {
			return nil, errors.New("unterminated front matter")
		}
	}
}

func checkFrontMatter(m map[string]any) (aliases []string, err error) {
	for k, v := range m {
		key := strings.ToLower(k)
		switch key {
		case "url", "slug", "permalink":
			return nil, fmt.Errorf("front matter sets %s: a letter's address is its id", k)
		case "aliases":
			list, ok := v.([]any)
			if !ok {
				return nil, fmt.Errorf("aliases is not a list")
			}
			for _, a := range list {
				s, ok := a.(string)
				if !ok || !shortLink.MatchString(s) || strings.Contains(s, "..") {
					return nil, fmt.Errorf("alias %q is not a short link /l/<id>/", a)
				}
				aliases = append(aliases, s)
			}
		case "date", "publishdate", "lastmod", "expirydate":
			switch d := v.(type) {
			case string:
				if !parsableDate(d) {
					return nil, fmt.Errorf("%s %q is not a date", k, d)
				}
			case time.Time, toml.LocalDate, toml.LocalDateTime:
			default:
				return nil, fmt.Errorf("%s %v is not a date", k, v)
			}
		}
		for _, tax := range taxonomies {
			if key != tax {
				continue
			}
			var vals []any
			switch t := v.(type) {
			case []any:
				vals = t
			case string:
				vals = []any{t}
			default:
				return nil, fmt.Errorf("%s is not a list of names", k)
			}
			for _, x := range vals {
				s, ok := x.(string)
				if !ok {
					return nil, fmt.Errorf("%s holds %v, not a name", k, x)
				}
				if !safeTerm(s) {
					return nil, fmt.Errorf("%s name %q would be published outside /%s/", k, s, tax)
				}
				if longSegment(s) {
					// Its term directory would be too long a file name,
					// and Hugo would fail the whole site.
					return nil, fmt.Errorf("%s name %q is too long for a page address", k, s)
				}
				if percentEscape.MatchString(s) {
					// Hugo keeps "%2e" in the page's address as it is, so
					// a browser asks for "." and never finds the page.
					return nil, fmt.Errorf("%s name %q holds a URL escape", k, s)
				}
			}
		}
	}
	return aliases, nil
}

// safeTerm reports whether /<taxonomy>/<s>/ stays a page of its own
// under /<taxonomy>/: no "." or ".." path segment, not empty.
func safeTerm(s string) bool {
	if strings.TrimSpace(s) == "" {
		return false
	}
	for _, seg := range strings.FieldsFunc(s, func(r rune) bool { return r == '/' || r == '\\' }) {
		if t := strings.TrimSpace(seg); t == "." || t == ".." {
			return false
		}
	}
	return strings.Trim(s, "/\\ \t\n") != ""
}

// maxSegment bounds one path element of a term's address, in bytes:
// file systems allow 255, and Hugo adds nothing to the name's length.
const maxSegment = 200

func longSegment(s string) bool {
	for _, seg := range strings.Split(s, "/") {
		if len(seg) > maxSegment {
			return true
		}
	}
	return false
}

// parsableDate accepts the date forms Hugo reads in front matter.
func parsableDate(s string) bool {
	for _, layout := range []string{"2006-01-02", time.RFC3339, "2006-01-02T15:04:05", "2006-01-02 15:04:05"} {
		if _, err := time.Parse(layout, s); err == nil {
			return true
		}
	}
	return false
}

// buildLayer is the config layer every build adds on top of the site's:
// the letter template leaves publishing the filed originals to
// publishOriginals, so Hugo is not shown them at all (for a branch page,
// Hugo 0.165 walks every bundle's files while skipping each bundle seen so
// far: minutes of one core at 100,000 letters), and the skipped bundles are
// left out.
func buildLayer(dir string, skips []skip) []byte {
	var b bytes.Buffer
	b.WriteString("# Written by exhibits build.\nignoreFiles = [\n")
	letters := filepath.Join(dir, "content", "letters") + string(filepath.Separator)
	fmt.Fprintf(&b, "  %q,\n", "^"+regexp.QuoteMeta(letters)+`[^/]+/original\.[^/]*$`)
	for _, s := range skips {
		fmt.Fprintf(&b, "  %q,\n", "^"+regexp.QuoteMeta(s.bundle)+`(/|$)`)
	}
	b.WriteString("]\n# Short links: publishShortLinks.\ndisableAliases = true\n[params]\noriginalsLinked = true\n")
	return b.Bytes()
}
