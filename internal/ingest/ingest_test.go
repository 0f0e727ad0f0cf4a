package ingest

import (
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/exhibits/exhibits/internal/gen"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/repotest"
	"github.com/exhibits/exhibits/internal/sitelock"
)

var update = flag.Bool("update", false, "rewrite testdata/ids.golden")

// TestMain lets the test binary run an ingest as a child process, for the
// tests that kill it.
func TestMain(m *testing.M) {
	if site := os.Getenv("INGEST_TEST_CHILD_SITE"); site != "" {
		_, err := Run(context.Background(), Options{Site: site, Paths: strings.Split(os.Getenv("INGEST_TEST_CHILD_PATHS"), "\n"), Jobs: 2})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func run(t *testing.T, site string, jobs int, paths ...string) Summary {
	t.Helper()
	sum, err := Run(context.Background(), Options{Site: site, Paths: paths, Jobs: jobs})
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return sum
}

// generate writes n generated letters (every input shape) under a
// temporary folder and returns it with the number of letters they hold.
func generate(t *testing.T, n int) (string, int) {
	t.Helper()
	dir := filepath.Join(t.TempDir(), "in")
	st, err := gen.Write(context.Background(), dir, gen.Options{N: n, Seed: 42, Jobs: 2})
	if err != nil {
		t.Fatal(err)
	}
	return dir, st.Letters
}

type fileState struct {
	data  []byte
	mtime time.Time
	ino   uint64
}

// snapshot records every file under dir (but the site's state dir).
func snapshot(t *testing.T, dir string) map[string]fileState {
	t.Helper()
	files := map[string]fileState{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".exhibits" {
			return filepath.SkipDir
		}
		if d.IsDir() {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fi, err := d.Info()
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		files[rel] = fileState{b, fi.ModTime(), fi.Sys().(*syscall.Stat_t).Ino}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// checkPages checks every bundle under site: index.md parses, is named by
// its id, and its original is there with the sha256 it gives; no stray
// temp file. It returns the pages by id.
func checkPages(t *testing.T, site string) map[string]*letter.Letter {
	t.Helper()
	pages := map[string]*letter.Letter{}
	dir := filepath.Join(site, LettersDir)
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			t.Errorf("stray file %s in %s", e.Name(), dir)
			continue
		}
		files, _ := os.ReadDir(filepath.Join(dir, e.Name()))
		for _, f := range files {
			if strings.HasPrefix(f.Name(), ".") {
				t.Errorf("temp file %s left in bundle %s", f.Name(), e.Name())
			}
		}
		page, err := os.ReadFile(filepath.Join(dir, e.Name(), "index.md"))
		if err != nil {
			t.Errorf("bundle %s: %v", e.Name(), err)
			continue
		}
		l, body, err := letter.Parse(page)
		if err != nil {
			t.Errorf("bundle %s: %v", e.Name(), err)
			continue
		}
		if l.ID != e.Name() || strings.TrimSpace(body) == "" || l.Title == "" {
			t.Errorf("bundle %s: id %q, title %q, %d bytes of body", e.Name(), l.ID, l.Title, len(body))
		}
		orig, err := os.ReadFile(filepath.Join(dir, e.Name(), l.Source.Original))
		if err != nil {
			t.Errorf("bundle %s: original: %v", e.Name(), err)
			continue
		}
		if sum := sha256.Sum256(orig); hex.EncodeToString(sum[:]) != l.Source.SHA256 {
			t.Errorf("bundle %s: %s does not have the sha256 of the front matter", e.Name(), l.Source.Original)
		}
		pages[l.ID] = l
	}
	return pages
}

// TestSampleInputs ingests the hand-written inputs in testdata/in (every
// input shape) and checks their ids against testdata/ids.golden: ids are
// permanent, so a change there breaks citations.
func TestSampleInputs(t *testing.T) {
	site := t.TempDir()
	sum := run(t, site, 0, "testdata/in")
	if sum.Written != 6 || len(sum.Skipped)+len(sum.Failed) != 0 {
		t.Fatalf("summary %+v, want 6 written", sum)
	}
	pages := checkPages(t, site)
	var lines []string
	for id, l := range pages {
		lines = append(lines, fmt.Sprintf("%s %s %s", id, l.Source.File, l.Source.Exhibit))
	}
	slices.Sort(lines)
	got := strings.Join(lines, "\n") + "\n"
	if *update {
		os.WriteFile("testdata/ids.golden", []byte(got), 0o644)
	}
	want, err := os.ReadFile("testdata/ids.golden")
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("ids changed:\n%s\nwant:\n%s", got, want)
	}

	// What EDGAR says is in [source]; the letter's own data elsewhere.
	l := pages["0000987654-23-000123-ex5-1"]
	if l == nil {
		t.Fatal("no page for the first EX-5 of the submission")
	}
	wantSrc := letter.Source{File: "cobalt-2023-submission.txt", Exhibit: "EX-5.1", Accession: "0000987654-23-000123", CIK: "987654",
		Company: "COBALT RIDGE ENERGY CORP", FormType: "S-3", Filed: "2023-03-15", Original: "original.htm",
		URL: "https://www.sec.gov/Archives/edgar/data/987654/000098765423000123/d123dex51.htm", SHA256: l.Source.SHA256}
	if l.Source != wantSrc {
		t.Errorf("source\n got %+v\nwant %+v", l.Source, wantSrc)
	}
	if l.Exhibit != "5.1" || l.Date != "2023-03-15" || !slices.Equal(l.Years, []string{"2023"}) ||
		!slices.Equal(l.Aliases, []string{"/l/0000987654-23-000123-ex5-1/"}) {
		t.Errorf("exhibit %q, date %q, years %q, aliases %q", l.Exhibit, l.Date, l.Years, l.Aliases)
	}
	if !strings.HasPrefix(l.Title, "Cobalt Ridge Energy Corp., Form S-3, opinion of ") || !strings.HasSuffix(l.Title, ", March 15, 2023") {
		t.Errorf("title %q", l.Title)
	}
	raw := pages["0000912345-97-000042-ex5-1"]
	if raw == nil || raw.Source.URL != "https://www.sec.gov/Archives/edgar/data/912345/000091234597000042/ex5.txt" || raw.Source.Company != "ORION WIDGET CORP" {
		t.Errorf("raw/<CIK>/<ACCESSION>/ letter: %+v", raw)
	}
}

// TestRerunRewritesNothing: a second run on the same inputs leaves every
// file as it was, bytes, mtime and inode.
func TestRerunRewritesNothing(t *testing.T) {
	in, letters := generate(t, 60)
	site := t.TempDir()
	first := run(t, site, 0, in, "testdata/in")
	if first.Written != letters+6 || len(first.Failed) != 0 {
		t.Fatalf("first run: %+v, want %d written", first, letters+6)
	}
	before := snapshot(t, site)
	time.Sleep(20 * time.Millisecond) // a rewrite would show in the mtime
	// Twice: served from the cache of inputs read, then reading them all.
	for _, cached := range []bool{true, false} {
		if !cached {
			if err := os.Remove(filepath.Join(site, ".exhibits", cacheName)); err != nil {
				t.Fatal(err)
			}
		}
		second := run(t, site, 0, in, "testdata/in")
		if second.Written != 0 || second.Unchanged != first.Written {
			t.Fatalf("re-run (cache %v): %+v, want 0 written, %d unchanged", cached, second, first.Written)
		}
		after := snapshot(t, site)
		if len(after) != len(before) {
			t.Fatalf("%d files after the re-run, %d before", len(after), len(before))
		}
		for p, b := range before {
			a := after[p]
			if !bytes.Equal(a.data, b.data) || !a.mtime.Equal(b.mtime) || a.ino != b.ino {
				t.Errorf("%s was rewritten (cache %v)", p, cached)
			}
		}
	}
	// More inputs add pages, leaving the others alone.
	third := run(t, site, 0, in, "testdata/in", writeLetter(t, t.TempDir(), "extra.txt", 1))
	if third.Written != 1 || third.Unchanged != first.Written {
		t.Errorf("third run: %+v", third)
	}
}

// TestParallelMatchesSerial: the pages do not depend on the number of
// workers.
func TestParallelMatchesSerial(t *testing.T) {
	in, _ := generate(t, 80)
	serial, parallel := t.TempDir(), t.TempDir()
	s1 := run(t, serial, 1, in, "testdata/in")
	s4 := run(t, parallel, 4, in, "testdata/in")
	if fmt.Sprint(s1) != fmt.Sprint(s4) {
		t.Errorf("summaries differ:\n-j 1: %+v\n-j 4: %+v", s1, s4)
	}
	a, b := snapshot(t, serial), snapshot(t, parallel)
	if len(a) != len(b) {
		t.Fatalf("-j 1 wrote %d files, -j 4 %d", len(a), len(b))
	}
	for p, f := range a {
		if !bytes.Equal(f.data, b[p].data) {
			t.Errorf("%s differs between -j 1 and -j 4", p)
		}
	}
}

// TestSameLetterTwice: one letter read from several files is one page.
func TestSameLetterTwice(t *testing.T) {
	dir := t.TempDir()
	a := writeLetter(t, dir, "a.txt", 7)
	data, _ := os.ReadFile(a)
	writeFile(t, filepath.Join(dir, "b", "copy.txt"), data)
	writeFile(t, filepath.Join(dir, "c.txt.gz"), gzipped(data))
	site := t.TempDir()
	sum := run(t, site, 2, dir)
	if sum.Written != 1 || len(sum.Skipped) != 2 {
		t.Fatalf("summary %+v, want 1 written and 2 skipped", sum)
	}
	for _, p := range sum.Skipped {
		if !strings.Contains(p.Reason, "same letter as "+a) {
			t.Errorf("skipped %s: %s", p.File, p.Reason)
		}
	}
	if n := len(checkPages(t, site)); n != 1 {
		t.Errorf("%d pages", n)
	}
}

// TestBadInputs: each bad input is one problem naming it and the reason;
// the good inputs still go in.
func TestBadInputs(t *testing.T) {
	dir := t.TempDir()
	good := writeLetter(t, dir, "good.txt", 1)
	writeFile(t, filepath.Join(dir, "empty.txt"), nil)
	writeFile(t, filepath.Join(dir, "blank.htm"), []byte(" \n\t\n"))
	bin := make([]byte, 4096)
	for i := range bin {
		bin[i] = byte(i * 7)
	}
	writeFile(t, filepath.Join(dir, "binary.txt"), bin)
	gz := gzipped(bytes.Repeat([]byte("We are of the opinion that the Shares are validly issued.\n"), 2000))
	writeFile(t, filepath.Join(dir, "truncated.txt.gz"), gz[:len(gz)/2])
	writeFile(t, filepath.Join(dir, "noex5.txt"), []byte(noEX5))
	// A 100 MB "letter": read (it is under the file limit) and refused.
	huge := bytes.Repeat([]byte("We are of the opinion that the Shares are validly issued.\n"), 100<<20/58+1)
	writeFile(t, filepath.Join(dir, "huge.txt"), huge)
	// Not valid UTF-8 (latin-1 é) and NUL bytes: these go through.
	latin, _ := os.ReadFile(writeLetter(t, t.TempDir(), "x.txt", 2))
	latin = bytes.Replace(latin, []byte("Corporation"), []byte("Soci\xe9t\xe9\x00 Corporation"), 1)
	writeFile(t, filepath.Join(dir, "latin1.txt"), latin)
	hostile := `<html><body><script>alert(1)</script><p onclick="alert(2)">We are of the opinion that the Shares are validly issued.</p>` +
		`<iframe src="javascript:alert(3)"></iframe><!-- --> <style>p{x:expression(alert(4))}</style>` +
		`<p>&lt;script&gt;alert(5)&lt;/script&gt; {{< shortcode >}} [x](javascript:alert(6))</p>` +
		strings.Repeat("<div>", 100000) + "deep" + `</body></html>`
	writeFile(t, filepath.Join(dir, "hostile.htm"), []byte(hostile))

	// A gzip bomb: 200 MB of zeros in 200 KB; read up to the limit, no more.
	var bomb bytes.Buffer
	zw, _ := gzip.NewWriterLevel(&bomb, gzip.BestSpeed)
	zeros := make([]byte, 1<<20)
	for range 200 {
		zw.Write(zeros)
	}
	zw.Close()
	for _, name := range []string{"bomb.txt.gz", "bomb2.txt.gz", "bomb3.txt.gz", "bomb4.txt.gz"} {
		writeFile(t, filepath.Join(dir, name), bomb.Bytes())
	}
	// A million tiny lines: goes through, in bounded time.
	writeFile(t, filepath.Join(dir, "lines.txt"), append([]byte("We are of the opinion:\n"), bytes.Repeat([]byte("x\n"), 1_000_000)...))
	// A submission of 10,000 documents, one of them an EX-5.
	var sub strings.Builder
	sub.WriteString(strings.SplitAfter(noEX5, "</SEC-HEADER>\n")[0])
	for i := range 10000 {
		fmt.Fprintf(&sub, "<DOCUMENT>\n<TYPE>EX-99.%d\n<SEQUENCE>%d\n<TEXT>\nexhibit %d\n</TEXT>\n</DOCUMENT>\n", i, i+1, i)
	}
	ex5, _ := os.ReadFile(writeLetter(t, t.TempDir(), "x.txt", 3))
	fmt.Fprintf(&sub, "<DOCUMENT>\n<TYPE>EX-5.1\n<SEQUENCE>10001\n<TEXT>\n%s</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n", ex5)
	writeFile(t, filepath.Join(dir, "many-documents.txt"), []byte(sub.String()))

	// Bounds, for all of it with eight workers: 60 s (a few seconds on an
	// idle machine) and 2 GiB of heap in use at the peak (MemoryBudget lets
	// two files near the 128 MiB limit be read at once, whatever the
	// number of workers; reading one may take twice its size as a buffer
	// grows, and the heap in use counts garbage the collector has not
	// reached yet: 1.6 GiB was seen on a quiet machine).
	huge, bomb, zeros = nil, bytes.Buffer{}, nil
	runtime.GC()
	stop := make(chan struct{})
	peak := make(chan uint64)
	go func() {
		var top uint64
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			top = max(top, ms.HeapInuse)
			select {
			case <-stop:
				peak <- top
				return
			case <-time.After(20 * time.Millisecond):
			}
		}
	}()
	site := t.TempDir()
	start := time.Now()
	sum, err := Run(context.Background(), Options{Site: site, Paths: []string{dir, filepath.Join(dir, "missing.txt")}, Jobs: 8})
	close(stop)
	if p := <-peak; p > 2<<30 {
		t.Errorf("peak heap %d MiB, more than 2 GiB", p>>20)
	} else {
		t.Logf("peak heap %d MiB", p>>20)
	}
	if err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el > 60*time.Second {
		t.Errorf("bad inputs took %s", el)
	}
	failed := map[string]string{}
	for _, p := range sum.Failed {
		failed[filepath.Base(p.File)] = p.Reason
	}
	for name, reason := range map[string]string{
		"empty.txt":        "empty file",
		"blank.htm":        "empty file",
		"binary.txt":       "binary data, not a letter",
		"truncated.txt.gz": "gzip: unexpected EOF",
		"huge.txt":         "exhibit of 100 MiB, more than the 16 MiB a letter may be",
		"missing.txt":      "stat: no such file or directory",
		"bomb.txt.gz":      "larger than 128 MiB, the most one input may be",
		"bomb2.txt.gz":     "larger than 128 MiB, the most one input may be",
		"bomb3.txt.gz":     "larger than 128 MiB, the most one input may be",
		"bomb4.txt.gz":     "larger than 128 MiB, the most one input may be",
	} {
		if got, ok := failed[name]; !ok || !strings.Contains(got, reason) {
			t.Errorf("%s: failed with %q, want %q", name, got, reason)
		}
		delete(failed, name)
	}
	if len(failed) > 0 {
		t.Errorf("unexpected failures: %v", failed)
	}
	if len(sum.Skipped) != 1 || filepath.Base(sum.Skipped[0].File) != "noex5.txt" || sum.Skipped[0].Reason != "submission holds no EX-5 document" {
		t.Errorf("skipped: %+v", sum.Skipped)
	}
	if sum.Written != 5 {
		t.Errorf("%d written, want 5 (good, latin1, hostile, lines, many-documents)", sum.Written)
	}

	pages := checkPages(t, site)
	for _, l := range pages {
		page, _ := os.ReadFile(filepath.Join(site, LettersDir, l.ID, "index.md"))
		_, body, _ := letter.Parse(page)
		switch l.Source.File {
		case "latin1.txt":
			if !strings.Contains(body, "Société") {
				t.Errorf("latin-1 letter not decoded:\n%s", body)
			}
		case "hostile.htm":
			for _, bad := range []string{"<", "{{", "](", "[x]"} {
				if unescaped(body, bad) {
					t.Errorf("hostile letter's body holds %q:\n%s", bad, body)
				}
			}
		}
	}
	_ = good
}

// TestHostileNames: names that break naive front matter (quotes,
// newlines, +++, """, backslashes, emoji, RTL marks) come back exactly.
func TestHostileNames(t *testing.T) {
	dir := t.TempDir()
	name := "we\"ird +++ \"\"\" \\ 🚀 \u202egnp\u202c 'x'\n.txt"
	acc := filepath.Join(dir, "raw", "123", "0000000123-24-000001")
	company := "Zeta \"Quoted\" Corp\n+++\n\"\"\"\\ 🚀 \u202eRTL\u202c 'single' [table]"
	record := fmt.Sprintf(`{"accession":"0000000123-24-000001","cik":"123","company":%q,"form_type":"S-8","filed":"2024-01-02","documents":[{"filename":%q,"type":"EX-5.1"}]}`, company, name)
	writeFile(t, filepath.Join(acc, "filing.json"), []byte(record))
	data, _ := os.ReadFile(writeLetter(t, t.TempDir(), "l.txt", 3))
	writeFile(t, filepath.Join(acc, name), data)
	site := t.TempDir()
	sum := run(t, site, 1, dir)
	if sum.Written != 1 {
		t.Fatalf("summary %+v", sum)
	}
	l := checkPages(t, site)["0000000123-24-000001-ex5-1"]
	if l == nil {
		t.Fatal("no page")
	}
	if l.Source.File != name || l.Source.Company != company {
		t.Errorf("names did not round-trip:\nfile %q\n     %q\ncompany %q\n        %q", l.Source.File, name, l.Source.Company, company)
	}
}

// TestRealCorpus ingests ../shared/corpus: 23 letters in 17 files.
func TestRealCorpus(t *testing.T) {
	corpus := findCorpus(t)
	site := t.TempDir()
	sum := run(t, site, 0, corpus)
	if sum.Written != 23 || len(sum.Failed) != 0 || len(sum.Skipped) != 0 {
		t.Fatalf("summary %+v, want 23 written", sum)
	}
	if n := len(checkPages(t, site)); n != 23 {
		t.Errorf("%d pages, want 23", n)
	}
}

func findCorpus(t *testing.T) string {
	c := repotest.Corpus(t)
	if c == "" {
		t.Skip("real corpus not found (it lives beside the repository, in ../shared/corpus)")
	}
	return c
}

const noEX5 = `<SEC-DOCUMENT>0000912345-97-000043.txt : 19970305
<SEC-HEADER>0000912345-97-000043.hdr.sgml : 19970305
ACCESSION NUMBER:		0000912345-97-000043
CONFORMED SUBMISSION TYPE:	S-8
PUBLIC DOCUMENT COUNT:		1
FILED AS OF DATE:		19970305
</SEC-HEADER>
<DOCUMENT>
<TYPE>S-8
<SEQUENCE>1
<TEXT>
The registration statement itself.
</TEXT>
</DOCUMENT>
</SEC-DOCUMENT>
`

// writeLetter writes a short text letter of our own, numbered n, and
// returns its path.
func writeLetter(t *testing.T, dir, name string, n int) string {
	t.Helper()
	p := filepath.Join(dir, name)
	writeFile(t, p, []byte(fmt.Sprintf(`EXHIBIT 5.1

                        March %d, 1998

Acme Widget Corporation
1 Main Street
Dover, Delaware 19901

Ladies and Gentlemen:

     We have acted as counsel to Acme Widget Corporation, a Delaware
corporation (the "Company"), in connection with %d,000 shares of its Common
Stock to be registered on Form S-8.  We are of the opinion that the Shares
will be validly issued, fully paid and nonassessable.

                              Very truly yours,

                              /s/ Pell & Whitcombe LLP
`, n%28+1, n)))
	return p
}

// unescaped reports whether s occurs in md other than right after a
// backslash (an escaped character shows as itself).
func unescaped(md, s string) bool {
	for i := 0; ; {
		j := strings.Index(md[i:], s)
		if j < 0 {
			return false
		}
		if i+j == 0 || md[i+j-1] != '\\' {
			return true
		}
		i += j + 1
	}
}

func writeFile(t *testing.T, p string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func gzipped(b []byte) []byte {
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	zw.Write(b)
	zw.Close()
	return buf.Bytes()
}

// TestWaitsForLock: a run waits, saying so, while another process holds
// the site, then goes ahead.
func TestWaitsForLock(t *testing.T) {
	site := t.TempDir()
	held, err := sitelock.Acquire(site)
	if err != nil {
		t.Fatal(err)
	}
	released := make(chan time.Time, 1)
	go func() {
		time.Sleep(300 * time.Millisecond)
		released <- time.Now()
		held.Release()
	}()
	var progress bytes.Buffer
	sum, err := Run(context.Background(), Options{Site: site, Paths: []string{"testdata/in/orion-1997.txt"}, Progress: &progress})
	if err != nil || sum.Written != 1 {
		t.Fatalf("Run: %+v, %v", sum, err)
	}
	if !strings.Contains(progress.String(), "waiting: another exhibits process is writing") {
		t.Errorf("no word of the wait: %q", progress.String())
	}
	select {
	case <-released:
	default:
		t.Error("Run went ahead while the lock was held")
	}
}

// TestCache: a re-run reads only the inputs that changed, or whose pages
// changed, and everything again when the alias table changes.
func TestCache(t *testing.T) {
	in, letters := generate(t, 30)
	dir := t.TempDir()
	orion := filepath.Join(dir, "orion.txt")
	data, _ := os.ReadFile("testdata/in/orion-1997.txt")
	writeFile(t, orion, data)
	site := t.TempDir()
	files, _ := collect([]string{in, dir})
	step := func(name string, wantRead, wantWritten int) {
		t.Helper()
		before := filesRead.Load()
		sum := run(t, site, 2, in, dir)
		if read := int(filesRead.Load() - before); read != wantRead || sum.Written != wantWritten || sum.Written+sum.Unchanged != letters+1 {
			t.Errorf("%s: %d inputs read, %+v; want %d read, %d written, %d letters in all", name, read, sum, wantRead, wantWritten, letters+1)
		}
	}
	step("first run", len(files), letters+1)
	step("re-run", 0, 0)

	writeFile(t, orion, append(data, '\n')) // other bytes, same letter
	step("changed input", 1, 1)
	now := time.Now()
	os.Chtimes(orion, now, now) // same bytes
	step("touched input", 1, 0)

	pages, _ := filepath.Glob(filepath.Join(site, LettersDir, "*"))
	os.RemoveAll(pages[0])
	step("page removed", 1, 1)

	writeFile(t, filepath.Join(site, AliasFile), []byte("[[firm]]\nname = \"Pell & Whitcombe LLP\"\naliases = [\"Pell Whitcombe\"]\n"))
	step("alias table added", len(files), 0)
	step("re-run", 0, 0)
	checkPages(t, site)
}

// TestOwnPagesAreNotInputs: ingesting a folder that holds the site (the
// repository itself, say) does not read its pages' originals back in.
func TestOwnPagesAreNotInputs(t *testing.T) {
	site := t.TempDir()
	first := run(t, site, 2, "testdata/in")
	sum := run(t, site, 2, site)
	if sum.Written != 0 || sum.Unchanged != 0 || len(sum.Failed)+len(sum.Skipped) != 0 {
		t.Errorf("ingest of the site itself: %+v", sum)
	}
	orig := filepath.Join(site, LettersDir, "t-195ac92245d821d5", "original.txt")
	sum, err := Run(context.Background(), Options{Site: site, Paths: []string{orig}})
	if err != nil || len(sum.Failed) != 1 || !strings.Contains(sum.Failed[0].Reason, "inside the site's own pages") {
		t.Errorf("ingest of a page's original: %+v, %v", sum, err)
	}
	if n := len(checkPages(t, site)); n != first.Written {
		t.Errorf("%d pages, want %d", n, first.Written)
	}
}
