package samples

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/exhibits/exhibits/internal/ingest"

	"github.com/exhibits/exhibits/internal/repotest"
)

var update = flag.Bool("update", false, "rewrite the repository's content/letters from a fresh ingest of testdata/letters")

const lettersDir = "testdata/letters"

// repoRoot is the repository root, where go.mod is.
func repoRoot(t testing.TB) string { return repotest.Root(t) }

// ingestSamples ingests the sample letters into a fresh site and returns
// its content/letters directory. The repository's own alias table, when
// there is one, goes with them, so names come out as the site shows them.
func ingestSamples(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	if b, err := os.ReadFile(filepath.Join(repoRoot(t), ingest.AliasFile)); err == nil {
		if err := os.WriteFile(filepath.Join(site, ingest.AliasFile), b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	sum, err := ingest.Run(context.Background(), ingest.Options{Site: site, Paths: []string{lettersDir}, Jobs: 2})
	if err != nil {
		t.Fatalf("ingest: %v", err)
	}
	for _, p := range sum.Failed {
		t.Errorf("ingest failed on %s: %s", p.File, p.Reason)
	}
	for _, p := range sum.Skipped {
		t.Errorf("ingest skipped %s: %s", p.File, p.Reason)
	}
	return filepath.Join(site, "content", "letters")
}

// bundles reads every file of every page bundle under dir (dir/<id>/...),
// keyed by its path relative to dir. Files directly in dir, such as the
// section's _index.md, are not bundles and are left out.
func bundles(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	files := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			if os.IsNotExist(err) && p == dir {
				return nil
			}
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		if d.IsDir() || !strings.Contains(rel, string(filepath.Separator)) {
			return nil
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		files[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestSamplesReproduceContent(t *testing.T) {
	fresh := ingestSamples(t)
	got := bundles(t, fresh)
	if len(got) == 0 {
		t.Fatal("ingest wrote no pages")
	}
	committed := filepath.Join(repoRoot(t), "content", "letters")
	if *update {
		writeContent(t, fresh, committed)
	}
	want := bundles(t, committed)
	var names []string
	for name := range got {
		names = append(names, name)
	}
	for name := range want {
		if _, ok := got[name]; !ok {
			names = append(names, name)
		}
	}
	slices.Sort(names)
	bad := 0
	for _, name := range names {
		g, inGot := got[name]
		w, inWant := want[name]
		switch {
		case !inWant:
			t.Errorf("content/letters/%s: missing from the repository (run with -update)", name)
		case !inGot:
			t.Errorf("content/letters/%s: stale, no sample letter gives it (run with -update)", name)
		case !bytes.Equal(g, w):
			t.Errorf("content/letters/%s: differs from a fresh ingest (run with -update)\n%s", name, firstDiff(w, g))
		default:
			continue
		}
		if bad++; bad > 20 {
			t.Fatal("too many differences")
		}
	}
}

// writeContent makes committed hold exactly the bundles of fresh: new and
// changed files written, stale bundles and files removed, the section's
// own files (content/letters/_index.md) kept.
func writeContent(t *testing.T, fresh, committed string) {
	t.Helper()
	got := bundles(t, fresh)
	old := bundles(t, committed)
	for name := range old {
		if _, ok := got[name]; !ok {
			if err := os.Remove(filepath.Join(committed, filepath.FromSlash(name))); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name, b := range got {
		p := filepath.Join(committed, filepath.FromSlash(name))
		if bytes.Equal(old[name], b) {
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// Remove bundle directories left empty.
	entries, _ := os.ReadDir(committed)
	for _, e := range entries {
		if e.IsDir() {
			os.Remove(filepath.Join(committed, e.Name())) // fails, harmlessly, unless empty
		}
	}
	t.Logf("updated %s: %d files", committed, len(got))
}

func firstDiff(want, got []byte) string {
	wl, gl := strings.Split(string(want), "\n"), strings.Split(string(got), "\n")
	for i := 0; i < max(len(wl), len(gl)); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  committed: %q\n  fresh:     %q", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

type label struct {
	File    string   `json:"file"`
	Exhibit string   `json:"exhibit"`
	Firm    string   `json:"firm"`
	Issuer  string   `json:"issuer"`
	Date    string   `json:"date"`
	Form    string   `json:"form"`
	Shares  *int64   `json:"shares"`
	Plans   []string `json:"plans"`
	Juris   []string `json:"jurisdictions"`
}

func readLabels(t *testing.T) []label {
	t.Helper()
	f, err := os.Open("testdata/labels.jsonl")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []label
	sc := bufio.NewScanner(f)
	for n := 1; sc.Scan(); n++ {
		var l label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("labels.jsonl:%d: %v", n, err)
		}
		out = append(out, l)
	}
	return out
}

// TestSamplesCoverShapes checks the samples hold every input shape, era
// and kind of letter the archive must read, and stay small.
func TestSamplesCoverShapes(t *testing.T) {
	var total int64
	shapes := map[string]int{}
	err := filepath.WalkDir(lettersDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		total += int64(len(b))
		name := d.Name()
		switch {
		case name == "filing.json":
			shapes["raw"]++
		case strings.HasSuffix(name, ".gz"):
			shapes["gzip"]++
		case bytes.HasPrefix(b, []byte("<SEC-DOCUMENT>")):
			shapes["sec-header"]++
			if bytes.Count(b, []byte("<TYPE>EX-5")) > 1 {
				shapes["two EX-5"]++
			}
			if bytes.Contains(b, []byte("\nbegin 644 ")) {
				shapes["uuencoded"]++
			}
		case bytes.HasPrefix(b, []byte("<SUBMISSION>")):
			shapes["submission"]++
			if bytes.Count(b, []byte("<TYPE>EX-5")) > 1 {
				shapes["two EX-5"]++
			}
		case strings.HasSuffix(name, ".htm"):
			shapes["html"]++
		case !isUTF8(b):
			shapes["windows-1252"]++
		default:
			shapes["text"]++
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{"text", "html", "sec-header", "submission", "raw", "gzip", "windows-1252", "two EX-5", "uuencoded"} {
		if shapes[s] == 0 {
			t.Errorf("no sample of shape %q", s)
		}
	}
	if total > 400<<10 {
		t.Errorf("samples total %d bytes, over 400 KB", total)
	}
	labels := readLabels(t)
	if len(labels) < 30 {
		t.Errorf("%d labelled letters, want about 30", len(labels))
	}
	forms, years := map[string]bool{}, map[string]bool{}
	inHouse, plans, debt := 0, 0, 0
	for _, l := range labels {
		forms[l.Form] = true
		years[l.Date[:3]] = true // decades
		if l.Firm == "" {
			inHouse++
		}
		if len(l.Plans) > 0 {
			plans++
		}
		if l.Shares == nil {
			debt++
		}
	}
	for _, f := range []string{"S-8", "S-3", "S-1", "F-3", "S-4"} {
		if !forms[f] {
			t.Errorf("no sample on Form %s", f)
		}
	}
	if !years["199"] || !years["200"] || !years["201"] || !years["202"] {
		t.Errorf("samples do not span 1995-2025: decades %v", years)
	}
	if inHouse == 0 || plans == 0 || debt == 0 {
		t.Errorf("in-house %d, with plans %d, without a share count %d: want each > 0", inHouse, plans, debt)
	}
}

func isUTF8(b []byte) bool { return strings.ToValidUTF8(string(b), "\uFFFD") == string(b) }

var overallRe = regexp.MustCompile(`(?m)^overall ([0-9.]+)%`)

// TestSamplesScore scores extraction on the samples with the corpus
// scorer. A miss here is a rule to fix in extraction, not a letter to
// change: the letters are written as real ones are.
func TestSamplesScore(t *testing.T) {
	scorer := filepath.Join(repoRoot(t), "..", "shared", "tools", "score.py")
	if _, err := os.Stat(scorer); err != nil {
		t.Skipf("scorer not available (%v): needs ../shared/tools/score.py beside the repository", err)
	}
	py, err := exec.LookPath("python3")
	if err != nil {
		t.Skip("python3 not on PATH: cannot run score.py")
	}
	content := ingestSamples(t)
	pages := 0
	filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && d.Name() == "index.md" {
			pages++
		}
		return nil
	})
	labels := readLabels(t)
	if pages != len(labels) {
		t.Errorf("%d pages from %d labelled letters", pages, len(labels))
	}
	out, err := exec.Command(py, scorer, "testdata/labels.jsonl", content, "--verbose").CombinedOutput()
	if err != nil {
		t.Fatalf("score.py: %v\n%s", err, out)
	}
	m := overallRe.FindSubmatch(out)
	if m == nil {
		t.Fatalf("score.py printed no overall line:\n%s", out)
	}
	overall, _ := strconv.ParseFloat(string(m[1]), 64)
	t.Logf("score.py on the samples:\n%s", out)
	if !bytes.Contains(out, []byte("unmatched      0/")) {
		t.Errorf("some labelled letters gave no page:\n%s", out)
	}
	if overall < 95 {
		t.Errorf("overall %.1f%% on the samples, want >= 95%%:\n%s", overall, out)
	}
}
