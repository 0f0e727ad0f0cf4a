package e2e

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/ingest"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/pipeline"
	"golang.org/x/net/html"
)

// submission wraps documents (type, filename, text) in an EDGAR
// submission of accession acc.
func submission(acc string, docs ...[3]string) string {
	var b strings.Builder
	b.WriteString("<SEC-DOCUMENT>" + acc + ".txt : 20240301\n<SEC-HEADER>\nACCESSION NUMBER:\t\t" + acc +
		"\nCONFORMED SUBMISSION TYPE:\tS-8\nFILED AS OF DATE:\t\t20240301\nFILER:\n\tCOMPANY DATA:\n" +
		"\t\tCOMPANY CONFORMED NAME:\t\t\tOSPREY MARSH HOLDINGS INC\n\t\tCENTRAL INDEX KEY:\t\t\t0008888888\n</SEC-HEADER>\n")
	for i, d := range docs {
		b.WriteString("<DOCUMENT>\n<TYPE>" + d[0] + "\n<SEQUENCE>" + string(rune('1'+i)) + "\n<FILENAME>" + d[1] + "\n<TEXT>\n" + d[2] + "</TEXT>\n</DOCUMENT>\n")
	}
	b.WriteString("</SEC-DOCUMENT>\n")
	return b.String()
}

const ospreyLetter = `Ladies and Gentlemen:

We have acted as counsel to Osprey Marsh Holdings Inc., a Nevada
corporation, in connection with its Registration Statement on Form S-8
relating to 75,000 shares of common stock. Marker word: quorosprey.

In our opinion, the shares will be validly issued, fully paid and
nonassessable.

Very truly yours,

/s/ Penhallow Vane LLP
`

// depth is how deep elements nest under n.
func depth(n *html.Node) int {
	d := 0
	for c := n.FirstChild; c != nil; c = c.NextSibling {
		d = max(d, depth(c))
	}
	if n.Type == html.ElementNode {
		d++
	}
	return d
}

// A directory mixing good letters with bad files: every bad file is
// reported by name with its reason, every good letter becomes a page,
// the site builds, the index finds the good ones, within bounded time.
func TestArchiveSurvivesBadInput(t *testing.T) {
	raw, dir := t.TempDir(), t.TempDir()
	good := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join("testdata", "archive", name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	rng := rand.New(rand.NewPCG(1, 2))
	binary := make([]byte, 64<<10)
	for i := range binary {
		binary[i] = byte(rng.UintN(256))
	}
	full := submission("0008888888-24-000001",
		[3]string{"S-8", "s8.htm", "<html><body>Registration statement.</body></html>\n"},
		[3]string{"EX-5.1", "ex5.txt", ospreyLetter})
	deep := strings.Repeat("<div>", 100_000) + "<p>In our opinion the shares are validly issued, fully paid and nonassessable. Marker word: quordeep.</p>" + strings.Repeat("</div>", 100_000)
	// Latin-1 bytes, invalid as UTF-8, in a letter: read as the legacy
	// charset it is, never as mojibake or a broken page.
	latin1 := []byte("Ladies and Gentlemen:\n\nWe have acted as counsel to Soci\xe9t\xe9 G\xe9n\xe9rale Quorlatin S.A. In our opinion the shares are validly issued, fully paid and nonassessable. Marker word: quorlatin.\n")
	garbage := append([]byte("\xff\xfe\xc3\x28 plain words \xa0\xa1 "), bytes.Repeat([]byte("\xe2\x82"), 50)...)

	writeFiles(t, raw, map[string][]byte{
		"good/plain.txt":                good("good-plain.txt"),
		"good/page.htm":                 good("good-page.htm"),
		"good/0008888888-24-000001.txt": []byte(full),
		"good/latin1.txt":               latin1,
		"bad/empty.txt":                 nil,
		"bad/blank.htm":                 []byte(" \n\t\r\n "),
		"bad/binary.htm":                binary,
		"bad/0008888888-24-000002.txt":  []byte(full[:len(full)*2/3]),
		"bad/0008888888-24-000003.txt":  []byte(submission("0008888888-24-000003", [3]string{"S-8", "s8.htm", "<html><body>No opinion here.</body></html>\n"})),
		"bad/garbage.txt":               garbage,
		"bad/deep.htm":                  []byte(deep),
		"bad/notext.htm":                []byte("<html><head><script>x()</script><style>p{}</style></head><body><img src=a.png></body></html>"),
		"bad/readme.txt":                []byte("Notes to self: buy milk.\n"),
		"bad/0008888888-24-000004.txt":  []byte("<SEC-DOCUMENT>\n<SEC-HEADER>\nACCESSION NUMBER: ../../../etc\n</SEC-HEADER>\n<DOCUMENT>\n<TYPE>EX-5\n<TEXT>\n" + ospreyLetter + "</TEXT>\n</DOCUMENT>\n</SEC-DOCUMENT>\n"),
	})
	// Every bad file, and what its reason must say.
	wantBad := map[string]*regexp.Regexp{
		"bad/empty.txt":                regexp.MustCompile(`(?i)empty`),
		"bad/blank.htm":                regexp.MustCompile(`(?i)empty`),
		"bad/binary.htm":               regexp.MustCompile(`(?i)binary`),
		"bad/0008888888-24-000002.txt": regexp.MustCompile(`(?i)truncated|ends before`),
		"bad/0008888888-24-000003.txt": regexp.MustCompile(`(?i)no EX-5`),
		"bad/garbage.txt":              regexp.MustCompile(`(?i)legal opinion|binary|text`),
		"bad/notext.htm":               regexp.MustCompile(`(?i)no text`),
		"bad/readme.txt":               regexp.MustCompile(`(?i)legal opinion`),
		"bad/0008888888-24-000004.txt": regexp.MustCompile(`(?i)accession`),
	}
	// 100,000 nested elements are read flat, in bounded time: a letter.
	goodWords := []string{"quorvalley", "quorlantern", "quorosprey", "quorlatin", "quordeep"}

	start := time.Now()
	sum := ingestDir(t, dir, raw)
	took := time.Since(start)
	t.Logf("ingest of %d files: %v; %d written, skipped %d, failed %d", 14, took, sum.Written, len(sum.Skipped), len(sum.Failed))
	if took > 30*time.Second {
		t.Errorf("ingest took %v; the bound is 30 s", took)
	}
	if sum.Written != len(goodWords) {
		t.Errorf("%d letters written, want %d", sum.Written, len(goodWords))
	}
	reported := map[string][]string{}
	for _, p := range append(append([]ingest.Problem(nil), sum.Failed...), sum.Skipped...) {
		rel, err := filepath.Rel(raw, strings.Fields(p.File)[0])
		if err != nil || !filepath.IsLocal(rel) {
			t.Errorf("problem names no input: %+v", p)
			continue
		}
		reported[filepath.ToSlash(rel)] = append(reported[filepath.ToSlash(rel)], p.Reason)
	}
	for name, re := range wantBad {
		reasons := reported[name]
		if len(reasons) == 0 {
			t.Errorf("%s: not reported", name)
			continue
		}
		if !re.MatchString(strings.Join(reasons, "; ")) {
			t.Errorf("%s: reason %q does not say %s", name, reasons, re)
		}
		delete(reported, name)
	}
	for name, reasons := range reported {
		t.Errorf("good file %s reported: %q", name, reasons)
	}

	// Pages: valid UTF-8 throughout, parseable, nothing outside
	// content/letters.
	ids := letterIDs(t, dir)
	if len(ids) != len(goodWords) {
		t.Errorf("%d pages, want %d: %v", len(ids), len(goodWords), ids)
	}
	for _, id := range ids {
		page, err := os.ReadFile(filepath.Join(dir, "content", "letters", id, "index.md"))
		if err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(page) {
			t.Errorf("%s: page is not UTF-8", id)
		}
		if _, _, err := letter.Parse(page); err != nil {
			t.Errorf("%s: %v", id, err)
		}
	}
	if _, err := os.Stat(filepath.Join(dir, "etc")); err == nil {
		t.Error("a hostile accession number reached the file system")
	}

	public, s := buildAndIndex(t, dir)
	for _, w := range goodWords {
		res := search(t, s, index.Request{Q: w})
		if res.Total != 1 {
			t.Errorf("search %q: %d hits, want 1", w, res.Total)
			continue
		}
		if _, err := os.Stat(filepath.Join(public, "letters", res.Hits[0].ID, "index.html")); err != nil {
			t.Errorf("search %q: hit %s has no page: %v", w, res.Hits[0].ID, err)
		}
	}
	if res := search(t, s, index.Request{Q: "Société Générale"}); res.Total != 1 {
		t.Errorf("the Latin-1 letter is not found by its accented words: %d hits", res.Total)
	}
	// The deep letter's page is as shallow as any other.
	if res := search(t, s, index.Request{Q: "quordeep"}); res.Total == 1 {
		if d := depth(parseHTML(t, public, "letters/"+res.Hits[0].ID+"/")); d > 40 {
			t.Errorf("the deep letter's page is %d elements deep", d)
		}
	}

	// Again, as exhibits update runs it: nothing changes, the same
	// problems are reported, and nothing is rebuilt.
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	rep, err := pipeline.Update(ctx, pipeline.Options{Site: dir, Paths: []string{raw}, Jobs: 2})
	if err != nil {
		t.Fatalf("pipeline.Update: %v", err)
	}
	again := rep.Ingest
	if again.Written != 0 || again.Unchanged != len(goodWords) || len(again.Failed) != len(sum.Failed) || len(again.Skipped) != len(sum.Skipped) {
		t.Errorf("second run: %+v; first %+v", again, sum)
	}
	if rep.Built || rep.Indexed {
		t.Errorf("second run rebuilt an unchanged archive: built %v, indexed %v", rep.Built, rep.Indexed)
	}
}
