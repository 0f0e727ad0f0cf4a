package gen

import (
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"html"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/exhibits/exhibits/internal/edgar"
	"golang.org/x/text/encoding/charmap"
)

// treeHash hashes every file's path and bytes under dir.
func treeHash(t *testing.T, dir string) string {
	t.Helper()
	h := sha256.New()
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		fmt.Fprintf(h, "%s\x00%d\x00", rel, len(b))
		h.Write(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("%x", h.Sum(nil))
}

func TestDeterministic(t *testing.T) {
	a, b, c := t.TempDir(), t.TempDir(), t.TempDir()
	ctx := context.Background()
	if _, err := Write(ctx, a, Options{N: 300, Seed: 7, Jobs: 1}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(ctx, b, Options{N: 300, Seed: 7, Jobs: 4}); err != nil {
		t.Fatal(err)
	}
	if _, err := Write(ctx, c, Options{N: 300, Seed: 8}); err != nil {
		t.Fatal(err)
	}
	ha, hb, hc := treeHash(t, a), treeHash(t, b), treeHash(t, c)
	if ha != hb {
		t.Errorf("same seed, different worker counts: trees differ")
	}
	if ha == hc {
		t.Errorf("different seeds wrote identical trees")
	}
	// Letter i does not depend on how many letters are written.
	for _, i := range []int{0, 17, 299} {
		f1, f2 := Generate(7, i), Generate(7, i)
		if !bytes.Equal(f1.Data, f2.Data) || f1.Path != f2.Path {
			t.Errorf("Generate(7, %d) not repeatable", i)
		}
	}
}

// TestShapesAndVariety checks every shape, form, era and counsel style
// turns up in a modest run.
func TestShapesAndVariety(t *testing.T) {
	dir := t.TempDir()
	st, err := Write(context.Background(), dir, Options{N: 600, Seed: 1})
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Shapes {
		if st.Shapes[s] == 0 {
			t.Errorf("shape %s never produced", s)
		}
	}
	labels := readLabels(t, dir)
	forms, firms, issuers, years := map[string]int{}, map[string]int{}, map[string]int{}, map[string]int{}
	inHouse, withPlans, multi, debt := 0, 0, 0, 0
	perFile := map[string]int{}
	for _, l := range labels {
		forms[l.Form]++
		firms[l.Firm]++
		issuers[l.Issuer]++
		years[l.Date[:4]]++
		perFile[l.File]++
		if l.Firm == "" {
			inHouse++
		}
		if len(l.Plans) > 0 {
			withPlans++
		}
		if l.Shares == nil {
			debt++
		}
	}
	for _, n := range perFile {
		if n > 1 {
			multi++
		}
	}
	for _, f := range []string{"S-8", "S-3", "S-1", "F-3", "S-4"} {
		if forms[f] == 0 {
			t.Errorf("form %s never produced", f)
		}
	}
	if len(years) < 25 {
		t.Errorf("only %d distinct years in 600 letters", len(years))
	}
	if inHouse == 0 || withPlans == 0 || multi == 0 || debt == 0 {
		t.Errorf("in-house %d, with plans %d, multi-letter files %d, no share count %d: want all > 0", inHouse, withPlans, multi, debt)
	}
	if len(issuers) < 400 || len(firms) < 150 {
		t.Errorf("%d issuers, %d firms in 600 letters: too little variety", len(issuers), len(firms))
	}
	var sizes []int
	err = filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasSuffix(p, ".json") || strings.HasSuffix(p, ".jsonl") || strings.HasSuffix(p, ".gz") {
			return err
		}
		for _, doc := range letterDocs(t, p) {
			sizes = append(sizes, len(doc.raw))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	small, big := 0, 0
	for _, n := range sizes {
		if n < 2000 {
			small++
		}
		if n > 16000 {
			big++
		}
	}
	if small > 0 || big > len(sizes)/20 {
		t.Errorf("letter sizes: %d under 2 KB, %d over 16 KB of %d", small, big, len(sizes))
	}
}

func readLabels(t *testing.T, dir string) []Label {
	t.Helper()
	f, err := os.Open(filepath.Join(dir, "labels.jsonl"))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var out []Label
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		var l Label
		if err := json.Unmarshal(sc.Bytes(), &l); err != nil {
			t.Fatalf("labels.jsonl: %v", err)
		}
		out = append(out, l)
	}
	return out
}

type doc struct {
	typ string
	raw []byte
}

var (
	docRe   = regexp.MustCompile(`(?s)<DOCUMENT>\n<TYPE>([^\n]+)\n.*?<TEXT>\n(.*?)</TEXT>`)
	tagRe   = regexp.MustCompile(`(?s)<[^>]*>`)
	spaceRe = regexp.MustCompile(`\s+`)
)

// letterDocs reads a generated file the way an ingester would, by a route
// independent of the generator: gunzip, split submissions by <TYPE>,
// decode windows-1252.
func letterDocs(t *testing.T, path string) []doc {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.HasSuffix(path, ".gz") {
		zr, err := gzip.NewReader(bytes.NewReader(b))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if b, err = io.ReadAll(zr); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
	}
	if !utf8.Valid(b) {
		if b, err = charmap.Windows1252.NewDecoder().Bytes(b); err != nil {
			t.Fatal(err)
		}
	}
	if bytes.HasPrefix(b, []byte("<SEC-DOCUMENT>")) || bytes.HasPrefix(b, []byte("<SUBMISSION>")) {
		var out []doc
		for _, m := range docRe.FindAllSubmatch(b, -1) {
			if strings.HasPrefix(string(m[1]), "EX-5") {
				out = append(out, doc{string(m[1]), m[2]})
			}
		}
		return out
	}
	return []doc{{"", b}}
}

func plain(b []byte) string {
	s := tagRe.ReplaceAllString(string(b), " ")
	s = html.UnescapeString(s)
	s = strings.NewReplacer("\u00a0", " ", "\u201c", `"`, "\u201d", `"`, "\u2019", "'").Replace(s)
	return spaceRe.ReplaceAllString(s, " ")
}

// TestLabelsMatchText checks each label against the text of its letter:
// every labelled value is written there, as the labelling rules require.
func TestLabelsMatchText(t *testing.T) {
	dir := t.TempDir()
	if _, err := Write(context.Background(), dir, Options{N: 500, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	labels := readLabels(t, dir)
	paths := map[string]string{}
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			if _, dup := paths[d.Name()]; dup && d.Name() != "filing.json" {
				t.Errorf("file name %s used twice: labels are keyed by base name", d.Name())
			}
			paths[d.Name()] = p
		}
		return nil
	})
	for _, l := range labels {
		p, ok := paths[l.File]
		if !ok {
			t.Errorf("label for missing file %s", l.File)
			continue
		}
		docs := letterDocs(t, p)
		var text string
		for _, d := range docs {
			if d.typ == "" || d.typ == l.Exhibit {
				text = plain(d.raw)
			}
		}
		if text == "" {
			t.Errorf("%s %s: no such letter in file", l.File, l.Exhibit)
			continue
		}
		low := strings.ToLower(text)
		has := func(field, v string) {
			v = strings.NewReplacer("\u2019", "'").Replace(v)
			if !strings.Contains(low, strings.ToLower(v)) {
				t.Errorf("%s %s: %s %q not in text", l.File, l.Exhibit, field, v)
			}
		}
		if l.Firm != "" {
			has("firm", l.Firm)
		} else if !strings.Contains(low, "general counsel") && !strings.Contains(low, "legal") && !strings.Contains(low, "counsel") {
			t.Errorf("%s: in-house letter names no counsel title", l.File)
		}
		has("issuer", l.Issuer)
		d := l.Date
		var y, m, dd int
		fmt.Sscanf(d, "%d-%d-%d", &y, &m, &dd)
		if !strings.Contains(low, strings.ToLower(fmt.Sprintf("%s %d, %d", months[m-1], dd, y))) {
			has("date", fmt.Sprintf("%d %s %d", dd, months[m-1], y))
		}
		has("form", "Form "+l.Form)
		if l.Shares != nil {
			has("shares", commas(*l.Shares))
		} else if regexp.MustCompile(`\b\d{1,3}(,\d{3})+ (shares|units|ordinary|common)`).MatchString(low) {
			t.Errorf("%s %s: shares null but text states a number of shares", l.File, l.Exhibit)
		}
		for _, pl := range l.Plans {
			has("plan", pl)
		}
		for _, j := range l.Jurisdictions {
			has("jurisdiction", j)
		}
		if len(l.Jurisdictions) == 0 {
			t.Errorf("%s: no jurisdictions", l.File)
		}
	}
	// raw filings carry a filing record naming their exhibits.
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.Name() != edgar.FilingRecordName {
			return err
		}
		b, _ := os.ReadFile(p)
		var f edgar.Filing
		if err := json.Unmarshal(b, &f); err != nil {
			t.Errorf("%s: %v", p, err)
			return nil
		}
		if f.Accession == "" || f.CIK == "" || f.Filed == "" || len(f.Documents) == 0 {
			t.Errorf("%s: incomplete record %+v", p, f)
		}
		if filepath.Base(filepath.Dir(p)) != f.Accession || filepath.Base(filepath.Dir(filepath.Dir(p))) != f.CIK {
			t.Errorf("%s: not under raw/<CIK>/<ACCESSION>", p)
		}
		for _, fd := range f.Documents {
			if _, err := os.Stat(filepath.Join(filepath.Dir(p), fd.Filename)); err != nil {
				t.Errorf("%s: %v", p, err)
			}
		}
		return nil
	})
}

func TestUUEncode(t *testing.T) {
	// "Cat" is the classic example: begin, one line "#0V%T", end.
	got := uuencode("cat.txt", []byte("Cat"))
	want := "begin 644 cat.txt\n#0V%T\n`\nend\n"
	if got != want {
		t.Errorf("uuencode(Cat) = %q, want %q", got, want)
	}
}
