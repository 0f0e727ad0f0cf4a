package extract

import (
	"bufio"
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/exhibits/exhibits/internal/edgar"

	"github.com/exhibits/exhibits/internal/repotest"
)

// corpusDir returns ../shared/corpus beside the repository root, or ""
// when it is absent.
func corpusDir(t testing.TB) string { return repotest.Corpus(t) }

type label struct {
	File          string   `json:"file"`
	Exhibit       string   `json:"exhibit"`
	Firm          *string  `json:"firm"`
	Issuer        *string  `json:"issuer"`
	Date          *string  `json:"date"`
	Form          *string  `json:"form"`
	Shares        *int64   `json:"shares"`
	Plans         []string `json:"plans"`
	Jurisdictions []string `json:"jurisdictions"`
	raw           map[string]json.RawMessage
}

func readLabels(t testing.TB, path string) []label {
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var out []label
	sc := bufio.NewScanner(bytes.NewReader(b))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if line == "" {
			continue
		}
		var l label
		if err := json.Unmarshal([]byte(line), &l); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if err := json.Unmarshal([]byte(line), &l.raw); err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		out = append(out, l)
	}
	return out
}

// corpusLetters reads every Exhibit 5 in the corpus through package edgar,
// as ingest does, keyed by "file|EX-5.1" (a bare file: "file|").
func corpusLetters(t testing.TB, dir string) map[string]string {
	files, err := filepath.Glob(filepath.Join(dir, "*.txt"))
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, f := range files {
		b, err := edgar.ReadFile(f, 64<<20)
		if err != nil {
			t.Fatal(err)
		}
		base := filepath.Base(f)
		if !edgar.IsSubmission(b) {
			out[base+"|"] = toText(t, b, edgar.LooksHTML(b))
			continue
		}
		_, docs, err := edgar.ReadSubmission(bytes.NewReader(b), edgar.IsExhibit5)
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, d := range docs {
			out[base+"|"+strings.ToUpper(d.Type)] = toText(t, d.Raw, d.HTML)
		}
	}
	return out
}

func toText(t testing.TB, raw []byte, html bool) string {
	s := edgar.DecodeText(raw, html)
	if !html {
		return edgar.PlainText(s)
	}
	text, err := edgar.HTMLToText(s)
	if err != nil {
		t.Logf("html: %v", err)
	}
	return text
}

// The scoring below follows ../shared/tools/score.py.

var scoreSuffixes = map[string]bool{}

func init() {
	for _, w := range strings.Fields("a professional law corporation limited liability partnership llp pllc pc pa llc ltd inc incorporated corp company co plc nv sa ag se gmbh bv ab asa oyj kk lp the") {
		scoreSuffixes[w] = true
	}
}

var (
	dottedRe = regexp.MustCompile(`\b([a-z])\.([a-z])\b`)
	punctRe  = regexp.MustCompile(`[\x{2018}\x{2019}\x{201c}\x{201d}'".,;:()\[\]/-]`)
)

func scoreNorm(s string) string {
	s = strings.ReplaceAll(strings.ToLower(s), "&", " and ")
	for {
		n := dottedRe.ReplaceAllString(s, "$1$2")
		if n == s {
			break
		}
		s = n
	}
	s = punctRe.ReplaceAllString(s, " ")
	w := strings.Fields(s)
	for len(w) > 0 && scoreSuffixes[w[len(w)-1]] {
		w = w[:len(w)-1]
	}
	for len(w) > 0 && w[0] == "the" {
		w = w[1:]
	}
	return strings.Join(w, " ")
}

var scorePlaces = strings.Split("alabama,alaska,arizona,arkansas,california,colorado,connecticut,delaware,florida,georgia,hawaii,idaho,illinois,indiana,iowa,kansas,kentucky,louisiana,maine,maryland,massachusetts,michigan,minnesota,mississippi,missouri,montana,nebraska,nevada,new hampshire,new jersey,new mexico,new york,north carolina,north dakota,ohio,oklahoma,oregon,pennsylvania,rhode island,south carolina,south dakota,tennessee,texas,utah,vermont,virginia,washington,west virginia,wisconsin,wyoming,district of columbia,puerto rico,united states,british columbia,ontario,alberta,quebec,cayman islands,bermuda,british virgin islands,england and wales,marshall islands,israel,netherlands,ireland,canada,manitoba,nova scotia,new brunswick,luxembourg,jersey,guernsey,bahamas,panama,liberia,switzerland,singapore", ",")

func scoreJuris(s string) string {
	n := scoreNorm(s)
	ps := append([]string(nil), scorePlaces...)
	sort.SliceStable(ps, func(i, j int) bool { return len(ps[i]) > len(ps[j]) })
	for _, p := range ps {
		if regexp.MustCompile(`\b` + p + `\b`).MatchString(n) {
			return p
		}
	}
	if regexp.MustCompile(`\bfederal\b|\bu s\b|\bus\b`).MatchString(n) {
		return "united states"
	}
	return n
}

func scoreForm(s string) string {
	s = strings.ToUpper(strings.ReplaceAll(s, " ", ""))
	s = strings.TrimPrefix(s, "FORM")
	return strings.TrimSuffix(s, "/A")
}

func setF1(pred, want []string, f func(string) string) float64 {
	p, w := map[string]bool{}, map[string]bool{}
	for _, x := range pred {
		if strings.TrimSpace(x) != "" {
			p[f(x)] = true
		}
	}
	for _, x := range want {
		if strings.TrimSpace(x) != "" {
			w[f(x)] = true
		}
	}
	if len(p) == 0 && len(w) == 0 {
		return 1
	}
	tp := 0
	for x := range p {
		if w[x] {
			tp++
		}
	}
	if tp == 0 {
		return 0
	}
	prec, rec := float64(tp)/float64(len(p)), float64(tp)/float64(len(w))
	return 2 * prec * rec / (prec + rec)
}

func first(l []string) string {
	if len(l) == 0 {
		return ""
	}
	return l[0]
}

func b2f(b bool) float64 {
	if b {
		return 1
	}
	return 0
}

// TestCorpus extracts every real letter in ../shared/corpus and scores the
// result against the hand-made labels the way score.py does.
func TestCorpus(t *testing.T) {
	dir := corpusDir(t)
	if dir == "" {
		t.Skip("../shared/corpus (real letters and labels.jsonl) is absent; skipping the real-corpus accuracy test")
	}
	e := newTestExtractor(t)
	labels := readLabels(t, filepath.Join(dir, "labels.jsonl"))
	letters := corpusLetters(t, dir)
	fields := []string{"firm", "issuer", "date", "form", "shares", "plans", "jurisdictions"}
	score := map[string]float64{}
	counted := map[string]int{}
	for _, l := range labels {
		text, ok := letters[l.File+"|"+strings.ToUpper(l.Exhibit)]
		if !ok {
			t.Errorf("%s %s: no such letter in the corpus", l.File, l.Exhibit)
			continue
		}
		m := e.Extract(text)
		ok1 := map[string]float64{
			"firm":          b2f(scoreNorm(first(m.Firms)) == scoreNorm(deref(l.Firm))),
			"issuer":        b2f(scoreNorm(m.Issuer) == scoreNorm(deref(l.Issuer))),
			"date":          b2f(m.Date == deref(l.Date)),
			"form":          b2f(scoreForm(first(m.Forms)) == scoreForm(deref(l.Form))),
			"shares":        b2f(m.Shares == derefInt(l.Shares)),
			"plans":         setF1(m.Plans, l.Plans, scoreNorm),
			"jurisdictions": setF1(m.Jurisdictions, l.Jurisdictions, scoreJuris),
		}
		for _, f := range fields {
			if _, labelled := l.raw[f]; !labelled {
				continue
			}
			counted[f]++
			score[f] += ok1[f]
			if ok1[f] < 1 {
				t.Logf("miss %s %s %s: got %+v", l.File, l.Exhibit, f, m)
			}
		}
	}
	var total float64
	var all int
	for _, f := range fields {
		if counted[f] == 0 {
			continue
		}
		pct := 100 * score[f] / float64(counted[f])
		t.Logf("%-14s %5.1f%% of %d", f, pct, counted[f])
		if pct < 90 {
			t.Errorf("%s: %.1f%%, want >= 90%%", f, pct)
		}
		total += score[f]
		all += counted[f]
	}
	overall := 100 * total / float64(max(all, 1))
	t.Logf("overall %.1f%% (%.1f/%d)", overall, total, all)
	if overall < 95 {
		t.Errorf("overall %.1f%%, want >= 95%%", overall)
	}
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func derefInt(n *int64) int64 {
	if n == nil {
		return 0
	}
	return *n
}

// BenchmarkExtract measures Extract on a typical letter: the median-length
// letter of the corpus when it is present, else a letter written here.
func BenchmarkExtract(b *testing.B) {
	e := newTestExtractor(b)
	text := sampleLetter
	if dir := corpusDir(b); dir != "" {
		var texts []string
		for _, s := range corpusLetters(b, dir) {
			texts = append(texts, s)
		}
		sort.Slice(texts, func(i, j int) bool { return len(texts[i]) < len(texts[j]) })
		text = texts[len(texts)/2]
	}
	b.SetBytes(int64(len(text)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Extract(text)
	}
}

// BenchmarkExtractCorpus runs Extract over every corpus letter in turn.
func BenchmarkExtractCorpus(b *testing.B) {
	dir := corpusDir(b)
	if dir == "" {
		b.Skip("../shared/corpus is absent")
	}
	e := newTestExtractor(b)
	var texts []string
	var n int64
	for _, s := range corpusLetters(b, dir) {
		texts = append(texts, s)
		n += int64(len(s))
	}
	b.SetBytes(n / int64(len(texts)))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		e.Extract(texts[i%len(texts)])
	}
}
