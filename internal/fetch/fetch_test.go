package fetch

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exhibits/exhibits/internal/edgar"
	"github.com/exhibits/exhibits/internal/fetch/edgartest"
)

// The kill test runs this test binary again as the fetching process.
func TestMain(m *testing.M) {
	if site := os.Getenv("FETCH_TEST_CHILD_SITE"); site != "" {
		c, err := NewClient(os.Getenv("FETCH_TEST_CHILD_EDGAR"), testUA, MaxRate)
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(3)
		}
		_, err = Run(context.Background(), Options{Site: site, Client: c, Workers: 1,
			Filter: Filter{From: "2022-04-01", To: "2022-06-30"}})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func runFetch(t *testing.T, srv *edgartest.Server, site string, f Filter) *Summary {
	t.Helper()
	c := testClient(t, srv.URL)
	c.Tries = 3
	if f.From == "" {
		f.From, f.To = "2022-04-01", "2022-06-30"
	}
	sum, err := Run(context.Background(), Options{Site: site, Client: c, Filter: f})
	if err != nil {
		t.Fatal(err)
	}
	return sum
}

// files lists every file under dir/raw, relative to it.
func files(t *testing.T, site string) []string {
	t.Helper()
	var list []string
	raw := filepath.Join(site, "raw")
	filepath.WalkDir(raw, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			t.Fatal(err)
		}
		if !d.IsDir() {
			rel, _ := filepath.Rel(raw, p)
			list = append(list, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(list)
	return list
}

func paths(reqs []edgartest.Request) []string {
	var p []string
	for _, r := range reqs {
		p = append(p, r.Path)
	}
	return p
}

func readRecord(t *testing.T, site, cik, acc string) edgar.Filing {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(site, "raw", cik, acc, RecordName))
	if err != nil {
		t.Fatal(err)
	}
	var f edgar.Filing
	if err := json.Unmarshal(b, &f); err != nil {
		t.Fatal(err)
	}
	return f
}

const (
	northwind  = "0001193125-22-170001"
	bellwether = "0000950103-22-008812"
	quarry     = "0001104659-22-071234"
	cascade    = "0000898430-96-005871"
)

var sampleFiles = []string{
	"1731234/0001193125-22-170001/d331122dex51.htm",
	"1731234/0001193125-22-170001/filing.json",
	"49123/0000950103-22-008812/d287310dex51.htm",
	"49123/0000950103-22-008812/d287310dex52.htm",
	"49123/0000950103-22-008812/filing.json",
}

func TestFetchSample(t *testing.T) {
	filings := edgartest.Sample()
	srv := edgartest.New(filings...)
	defer srv.Close()
	site := t.TempDir()

	sum := runFetch(t, srv, site, Filter{})
	if sum.Seen != 3 || sum.Letters != 3 || sum.Filings != 2 || sum.NoExhibit != 1 || sum.Complete != 0 || len(sum.Failed) != 0 {
		t.Fatalf("summary: %+v", sum)
	}
	if got := files(t, site); !slices.Equal(got, sampleFiles) {
		t.Fatalf("files:\n got %q\nwant %q", got, sampleFiles)
	}
	for _, c := range []struct{ file, acc, typ string }{
		{"1731234/0001193125-22-170001/d331122dex51.htm", northwind, "EX-5.1"},
		{"49123/0000950103-22-008812/d287310dex51.htm", bellwether, "EX-5.1"},
		{"49123/0000950103-22-008812/d287310dex52.htm", bellwether, "EX-5.2"},
	} {
		got, _ := os.ReadFile(filepath.Join(site, "raw", c.file))
		if want := edgartest.Letter(filings, c.acc, c.typ); len(want) == 0 || !bytes.Equal(got, want) {
			t.Errorf("%s: %d bytes, not the filed %d", c.file, len(got), len(want))
		}
	}
	rec := readRecord(t, site, "49123", bellwether)
	want := edgar.Filing{Accession: bellwether, CIK: "49123", Company: "BELLWETHER UTILITIES CORP", FormType: "S-3ASR", Filed: "2022-05-03",
		Documents: []edgar.FilingDocument{
			{Filename: "d287310dex51.htm", Type: "EX-5.1", URL: "https://www.sec.gov/Archives/edgar/data/49123/000095010322008812/d287310dex51.htm"},
			{Filename: "d287310dex52.htm", Type: "EX-5.2", URL: "https://www.sec.gov/Archives/edgar/data/49123/000095010322008812/d287310dex52.htm"},
		}}
	if fmt.Sprint(rec) != fmt.Sprint(want) {
		t.Errorf("record:\n got %+v\nwant %+v", rec, want)
	}
	reqs := srv.Requests()
	for _, r := range reqs {
		if r.UserAgent != testUA {
			t.Errorf("%s sent with User-Agent %q", r.Path, r.UserAgent)
		}
		for _, skip := range []string{"ds8.htm", "dex231.htm", "dex41.htm", "10k", "8k", ".txt"} {
			if strings.Contains(r.Path, skip) {
				t.Errorf("fetched %s, which is no Exhibit 5 of a filing asked for", r.Path)
			}
		}
	}
	// Bellwether has no -index.htm: its documents come from index.json and
	// the index headers.
	p := paths(reqs)
	for _, must := range []string{
		"/Archives/edgar/data/49123/000095010322008812/" + bellwether + "-index.htm",
		"/Archives/edgar/data/49123/000095010322008812/index.json",
		"/Archives/edgar/data/49123/000095010322008812/" + bellwether + "-index-headers.html",
	} {
		if !slices.Contains(p, must) {
			t.Errorf("no request for %s", must)
		}
	}

	// A second run sends nothing: the quarter is closed (its index kept),
	// the folders complete, the S-1 known to have no opinion.
	srv.ResetLog()
	sum = runFetch(t, srv, site, Filter{})
	if sum.Letters != 0 || sum.Complete != 2 || sum.NoExhibit != 1 || sum.Requests != 0 || len(srv.Requests()) != 0 {
		t.Errorf("second run: %+v, requests %q", sum, paths(srv.Requests()))
	}

	// Lose a letter and its record: only that is fetched again.
	os.Remove(filepath.Join(site, "raw", "1731234", northwind, "d331122dex51.htm"))
	os.Remove(filepath.Join(site, "raw", "1731234", northwind, RecordName))
	srv.ResetLog()
	sum = runFetch(t, srv, site, Filter{})
	wantReqs := []string{
		"/Archives/edgar/data/1731234/000119312522170001/" + northwind + "-index.htm",
		"/Archives/edgar/data/1731234/000119312522170001/d331122dex51.htm",
	}
	if got := paths(srv.Requests()); !slices.Equal(got, wantReqs) || sum.Letters != 1 {
		t.Errorf("third run fetched %q (%d letters), want %q", got, sum.Letters, wantReqs)
	}
	if got := files(t, site); !slices.Equal(got, sampleFiles) {
		t.Errorf("files after the third run: %q", got)
	}
}

func TestFetchOpenQuarterRereadsIndex(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	site := t.TempDir()
	c := testClient(t, srv.URL)
	o := Options{Site: site, Client: c, Filter: Filter{From: "2022-04-01", To: "2022-06-30"},
		Now: func() time.Time { return time.Date(2022, 6, 30, 12, 0, 0, 0, time.UTC) }}
	for i := range 2 {
		srv.ResetLog()
		if _, err := Run(context.Background(), o); err != nil {
			t.Fatal(err)
		}
		if i == 1 {
			// The quarter is still being filed into: its index may have
			// grown, so it is read again; nothing else is.
			if got := paths(srv.Requests()); !slices.Equal(got, []string{"/Archives/edgar/full-index/2022/QTR2/form.idx"}) {
				t.Errorf("second run in an open quarter: %q", got)
			}
		}
	}
	if _, err := os.Stat(filepath.Join(site, ".exhibits", "fetch", "index")); err == nil {
		t.Error("an open quarter's index was cached")
	}
}

func TestFetchFormsDatesCIKs(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	for _, c := range []struct {
		name string
		f    Filter
		want []string
	}{
		{"8-K on request", Filter{Forms: mustForms(t, "8-K")}, []string{
			"1563412/0001104659-22-071234/filing.json", "1563412/0001104659-22-071234/tm2218765d1_ex5-1.htm"}},
		{"one company", Filter{CIKs: mustCIKs(t, "1731234")}, sampleFiles[:2]},
		{"co-registrant's CIK finds the filing", Filter{CIKs: mustCIKs(t, "1928375")}, []string{
			"1928375/0000950103-22-008812/d287310dex51.htm", "1928375/0000950103-22-008812/d287310dex52.htm", "1928375/0000950103-22-008812/filing.json"}},
		{"dates", Filter{From: "2022-06-01", To: "2022-06-14"}, nil},
	} {
		site := t.TempDir()
		if c.f.From == "" {
			c.f.From, c.f.To = "2022-04-01", "2022-06-30"
		}
		sum := runFetch(t, srv, site, c.f)
		if got := files(t, site); !slices.Equal(got, c.want) || len(sum.Failed) > 0 {
			t.Errorf("%s: files %q, failures %v; want %q", c.name, got, sum.Failed, c.want)
		}
	}
}

func TestFetchMasterIndex(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	srv.NoFormIndex = true
	site := t.TempDir()
	sum := runFetch(t, srv, site, Filter{})
	if got := files(t, site); !slices.Equal(got, sampleFiles) || len(sum.Failed) > 0 {
		t.Errorf("from master.idx: %q, %v", got, sum.Failed)
	}
	p := paths(srv.Requests())
	if p[0] != "/Archives/edgar/full-index/2022/QTR2/form.idx" || p[1] != "/Archives/edgar/full-index/2022/QTR2/master.idx" {
		t.Errorf("requests: %q", p[:2])
	}
}

func TestFetchUnsplitSubmission(t *testing.T) {
	for _, noPage := range []bool{false, true} {
		t.Run(fmt.Sprint("no index page ", noPage), func(t *testing.T) { testUnsplit(t, noPage) })
	}
}

func testUnsplit(t *testing.T, noIndexPage bool) {
	filings := edgartest.Sample()
	for _, f := range filings {
		f.NoIndexPage = f.NoIndexPage || noIndexPage && f.Unsplit
	}
	srv := edgartest.New(filings...)
	defer srv.Close()
	site := t.TempDir()
	sum := runFetch(t, srv, site, Filter{From: "1996-10-01", To: "1996-12-31"})
	name := cascade + "-ex-5-2.txt"
	want := []string{"1012345/" + cascade + "/" + name, "1012345/" + cascade + "/filing.json"}
	if got := files(t, site); !slices.Equal(got, want) || sum.Letters != 1 {
		t.Fatalf("files %q (%+v), want %q", got, sum, want)
	}
	got, _ := os.ReadFile(filepath.Join(site, "raw", "1012345", cascade, name))
	if !bytes.Equal(got, edgartest.Letter(filings, cascade, "EX-5")) {
		t.Errorf("cut letter differs from the filed one:\n%s", got)
	}
	rec := readRecord(t, site, "1012345", cascade)
	if len(rec.Documents) != 1 || rec.Documents[0].Type != "EX-5" || rec.Filed != "1996-12-23" || rec.FormType != "S-8" {
		t.Errorf("record: %+v", rec)
	}
}

func TestFetchByFileNames(t *testing.T) {
	// No index page and no headers: the listing's names are all there is.
	body := edgartest.Letter(edgartest.Sample(), northwind, "EX-5.1")
	srv := edgartest.New(&edgartest.Filing{
		Accession: "0001477932-22-004455", Form: "S-8", Filed: "2022-05-20", NoIndexPage: true, NoHeaders: true,
		Filers: []edgartest.Filer{{CIK: "1650001", Company: "Small Co"}},
		Documents: []edgartest.Document{
			{Type: "S-8", Filename: "smallco_s8.htm", Body: []byte("<p>Form S-8</p>")},
			{Type: "EX-5.1", Filename: "smallco_ex5-1.htm", Body: body},
			{Type: "EX-23.1", Filename: "smallco_ex23-1.htm", Body: []byte("<p>Consent</p>")},
		},
	})
	defer srv.Close()
	site := t.TempDir()
	sum := runFetch(t, srv, site, Filter{})
	want := []string{"1650001/0001477932-22-004455/filing.json", "1650001/0001477932-22-004455/smallco_ex5-1.htm"}
	if got := files(t, site); !slices.Equal(got, want) || sum.Letters != 1 {
		t.Fatalf("files %q, %+v", got, sum)
	}
	if rec := readRecord(t, site, "1650001", "0001477932-22-004455"); rec.Documents[0].Type != "EX-5.1" {
		t.Errorf("record: %+v", rec)
	}
}

func TestFetchIntoExistingFolder(t *testing.T) {
	// A folder already under raw/ without its record (put there by hand,
	// say): what it has is kept, the rest joins it, the record last.
	filings := edgartest.Sample()
	srv := edgartest.New(filings...)
	defer srv.Close()
	site := t.TempDir()
	dir := filepath.Join(site, "raw", "49123", bellwether)
	os.MkdirAll(dir, 0o755)
	os.WriteFile(filepath.Join(dir, "d287310dex52.htm"), edgartest.Letter(filings, bellwether, "EX-5.2"), 0o644)
	sum := runFetch(t, srv, site, Filter{})
	if got := files(t, site); !slices.Equal(got, sampleFiles) || sum.Letters != 2 {
		t.Fatalf("files %q, %+v", got, sum)
	}
	for _, p := range paths(srv.Requests()) {
		if strings.HasSuffix(p, "d287310dex52.htm") {
			t.Errorf("fetched %s, which was there", p)
		}
	}
	if rec := readRecord(t, site, "49123", bellwether); len(rec.Documents) != 2 {
		t.Errorf("record: %+v", rec)
	}
	checkWhole(t, site, filings)
	if _, err := os.Stat(filepath.Join(site, ".exhibits", "fetch", "staging", bellwether)); err == nil {
		t.Error("staging folder left behind")
	}
}

func TestFetchRetriesCutBody(t *testing.T) {
	filings := edgartest.Sample()
	srv := edgartest.New(filings...)
	defer srv.Close()
	var mu sync.Mutex
	cut := 0
	srv.Body = func(w http.ResponseWriter, r *http.Request, body []byte) {
		mu.Lock()
		first := strings.HasSuffix(r.URL.Path, "d331122dex51.htm") && cut == 0
		if first {
			cut++
		}
		mu.Unlock()
		if first {
			w.Write(body[:len(body)/3])
			panic(http.ErrAbortHandler) // the connection drops mid-letter
		}
		w.Write(body)
	}
	site := t.TempDir()
	sum := runFetch(t, srv, site, Filter{})
	if len(sum.Failed) != 0 || cut != 1 || !slices.Equal(files(t, site), sampleFiles) {
		t.Fatalf("%+v, cut %d, files %q", sum, cut, files(t, site))
	}
	checkWhole(t, site, filings)
}

func TestFetchFailureReportedAndRunGoesOn(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	bad := "/Archives/edgar/data/1731234/000119312522170001/d331122dex51.htm"
	srv.Fault = func(r *http.Request) (int, string) {
		if r.URL.Path == bad {
			return http.StatusServiceUnavailable, "0"
		}
		return 0, ""
	}
	site := t.TempDir()
	sum := runFetch(t, srv, site, Filter{})
	if len(sum.Failed) != 1 || !strings.HasPrefix(sum.Failed[0].What, northwind) ||
		!strings.Contains(sum.Failed[0].Err.Error(), "503") || !strings.Contains(sum.Failed[0].Err.Error(), "after 3 tries") {
		t.Fatalf("failures: %v", sum.Failed)
	}
	n := 0
	for _, r := range srv.Requests() {
		if r.Path == bad {
			n++
		}
	}
	if n != 3 {
		t.Errorf("%d tries at the failing letter, want 3", n)
	}
	if sum.Letters != 2 || !slices.Equal(files(t, site), sampleFiles[2:]) {
		t.Errorf("the other filings: %+v, files %q", sum, files(t, site))
	}
	var out bytes.Buffer
	sum.Report(&out)
	if !strings.Contains(out.String(), "1 failed") || !strings.Contains(out.String(), northwind+" (Northwind Analytics, Inc., S-8): GET ") {
		t.Errorf("report:\n%s", out.String())
	}
	srv.Fault = nil
	sum = runFetch(t, srv, site, Filter{})
	if len(sum.Failed) != 0 || sum.Letters != 1 || !slices.Equal(files(t, site), sampleFiles) {
		t.Errorf("rerun: %+v, files %q", sum, files(t, site))
	}
}

// halfway makes the server send half of the document at path and then
// hang; started is closed when the half is out.
func halfway(srv *edgartest.Server, suffix string) (started chan struct{}) {
	started = make(chan struct{})
	var once sync.Once
	srv.Body = func(w http.ResponseWriter, r *http.Request, body []byte) {
		if !strings.HasSuffix(r.URL.Path, suffix) {
			w.Write(body)
			return
		}
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		once.Do(func() { close(started) })
		<-r.Context().Done()
	}
	return started
}

// checkWhole fails unless every file under raw/ is exactly what EDGAR
// serves, and every folder with a record holds every letter it lists.
func checkWhole(t *testing.T, site string, filings []*edgartest.Filing) {
	t.Helper()
	for _, f := range files(t, site) {
		parts := strings.Split(f, "/")
		data, err := os.ReadFile(filepath.Join(site, "raw", f))
		if err != nil {
			t.Fatal(err)
		}
		if parts[2] == RecordName {
			rec := readRecord(t, site, parts[0], parts[1])
			for _, d := range rec.Documents {
				if _, err := os.Stat(filepath.Join(site, "raw", parts[0], parts[1], d.Filename)); err != nil {
					t.Errorf("%s lists %s, which is missing", f, d.Filename)
				}
			}
			continue
		}
		var want []byte
		for _, fl := range filings {
			for _, d := range fl.Documents {
				if fl.Accession == parts[1] && d.Filename == parts[2] {
					want = d.Body
				}
			}
		}
		if !bytes.Equal(data, want) {
			t.Errorf("%s: %d bytes of %d: a partial file", f, len(data), len(want))
		}
	}
}

func TestFetchInterruptLeavesNoPartialFile(t *testing.T) {
	filings := edgartest.Sample()
	srv := edgartest.New(filings...)
	defer srv.Close()
	started := halfway(srv, "d287310dex52.htm")
	site := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	go func() {
		<-started
		time.Sleep(200 * time.Millisecond) // the half is written somewhere
		cancel()                           // Ctrl-C
	}()
	c := testClient(t, srv.URL)
	_, err := Run(ctx, Options{Site: site, Client: c, Workers: 1, Filter: Filter{From: "2022-04-01", To: "2022-06-30"}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v", err)
	}
	checkWhole(t, site, filings)
	if got := files(t, site); slices.Contains(got, "49123/"+bellwether+"/filing.json") || slices.Contains(got, "49123/"+bellwether+"/d287310dex52.htm") {
		t.Errorf("interrupted filing looks complete: %q", got)
	}
	if _, err := os.Stat(filepath.Join(site, ".exhibits", "fetch", "tmp")); err == nil {
		t.Error("temporary folder left behind")
	}
}

func TestFetchResumeAfterKill(t *testing.T) {
	filings := edgartest.Sample()
	srv := edgartest.New(filings...)
	defer srv.Close()
	started := halfway(srv, "d287310dex52.htm")
	site := t.TempDir()

	child := exec.Command(os.Args[0], "-test.run=^$")
	child.Env = append(os.Environ(), "FETCH_TEST_CHILD_SITE="+site, "FETCH_TEST_CHILD_EDGAR="+srv.URL)
	var stderr bytes.Buffer
	child.Stderr = &stderr
	if err := child.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(60 * time.Second):
		child.Process.Kill()
		t.Fatalf("child never reached the second letter: %s", stderr.String())
	}
	// Give the child time to write what it got of the letter, then kill -9.
	time.Sleep(300 * time.Millisecond)
	child.Process.Kill()
	child.Wait()

	// Workers: 1, in form.idx order: S-1 (no opinion), then S-3ASR's two
	// letters: the first is whole, the second was half sent. Nothing of
	// the unfinished filing is in raw/; its first letter waits, whole, in
	// the staging folder.
	if before := files(t, site); len(before) != 0 {
		t.Errorf("after the kill, raw/ holds %q", before)
	}
	stage := filepath.Join(site, ".exhibits", "fetch", "staging", bellwether)
	staged, _ := os.ReadDir(stage)
	if len(staged) != 1 || staged[0].Name() != "d287310dex51.htm" {
		t.Fatalf("staged after the kill: %v", staged)
	}
	if got, _ := os.ReadFile(filepath.Join(stage, "d287310dex51.htm")); !bytes.Equal(got, edgartest.Letter(filings, bellwether, "EX-5.1")) {
		t.Errorf("staged letter is not whole: %d bytes", len(got))
	}

	srv.Body = nil
	srv.ResetLog()
	sum := runFetch(t, srv, site, Filter{})
	if got := files(t, site); !slices.Equal(got, sampleFiles) {
		t.Errorf("after resuming: %q", got)
	}
	checkWhole(t, site, filings)
	for _, p := range paths(srv.Requests()) {
		if strings.HasSuffix(p, "d287310dex51.htm") || strings.HasSuffix(p, "full-index/2022/QTR2/form.idx") {
			t.Errorf("resumed run fetched %s again", p)
		}
	}
	if sum.Letters != 2 {
		t.Errorf("resumed run fetched %d letters, want 2", sum.Letters)
	}
	if _, err := os.Stat(filepath.Join(site, ".exhibits", "fetch", "tmp")); err == nil {
		t.Error("the killed run's temporary files were not cleared")
	}
	if _, err := os.Stat(filepath.Join(site, ".exhibits", "fetch", "staging", bellwether)); err == nil {
		t.Error("staging folder left after the filing was published")
	}
}

func TestFetchRateAtServer(t *testing.T) {
	// Twenty filings of one letter each: 41 requests at -rate 5.
	var filings []*edgartest.Filing
	body := edgartest.Letter(edgartest.Sample(), northwind, "EX-5.1")
	for i := range 20 {
		filings = append(filings, &edgartest.Filing{
			Accession: fmt.Sprintf("0001193125-22-%06d", 200000+i), Form: "S-8", Filed: "2022-05-02",
			Filers:    []edgartest.Filer{{CIK: fmt.Sprint(1800000 + i), Company: fmt.Sprintf("Company %d Inc.", i)}},
			Documents: []edgartest.Document{{Type: "EX-5.1", Filename: "ex5.htm", Body: body}},
		})
	}
	srv := edgartest.New(filings...)
	defer srv.Close()
	c, err := NewClient(srv.URL, testUA, 5)
	if err != nil {
		t.Fatal(err)
	}
	sum, err := Run(context.Background(), Options{Site: t.TempDir(), Client: c, Workers: 8,
		Filter: Filter{From: "2022-04-01", To: "2022-06-30"}})
	if err != nil || sum.Letters != 20 {
		t.Fatalf("%v, %+v", err, sum)
	}
	reqs := srv.Requests()
	if most := maxInWindow(reqs, time.Second); most > 5 || len(reqs) != 41 {
		t.Errorf("%d requests, %d within one second at -rate 5", len(reqs), most)
	}
}

func TestFetchOneRunPerSite(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	started := halfway(srv, "d287310dex51.htm")
	site := t.TempDir()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() {
		defer close(done)
		Run(ctx, Options{Site: site, Client: testClient(t, srv.URL), Filter: Filter{From: "2022-04-01", To: "2022-06-30"}})
	}()
	<-started
	_, err := Run(context.Background(), Options{Site: site, Client: testClient(t, srv.URL), Filter: Filter{From: "2022-04-01", To: "2022-06-30"}})
	if err == nil || !strings.Contains(err.Error(), "another exhibits fetch is running") {
		t.Errorf("second fetch on a busy site: %v", err)
	}
	cancel()
	<-done
}

type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func TestFetchProgress(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	// Slow enough that the progress line is drawn at least once.
	srv.Body = func(w http.ResponseWriter, r *http.Request, body []byte) {
		time.Sleep(150 * time.Millisecond)
		w.Write(body)
	}
	var out lockedBuffer
	_, err := Run(context.Background(), Options{Site: t.TempDir(), Client: testClient(t, srv.URL), Workers: 1, Progress: &out,
		Filter: Filter{From: "2022-04-01", To: "2022-06-30"}})
	if err != nil {
		t.Fatal(err)
	}
	s := out.b.String()
	if !strings.Contains(s, "\r[") || !strings.Contains(s, "/3 filings") || !strings.HasSuffix(s, "\r\033[K") {
		t.Errorf("progress output %q", s)
	}
}

func TestFetchManyFilings(t *testing.T) {
	// Four hundred filings across two quarters, eight workers, the limiter
	// opened wide (only a test may): every letter arrives once, whole.
	body := edgartest.Letter(edgartest.Sample(), northwind, "EX-5.1")
	var filings []*edgartest.Filing
	for i := range 400 {
		f := &edgartest.Filing{
			Accession: fmt.Sprintf("0001193125-22-%06d", 300000+i), Form: []string{"S-8", "S-3", "S-1/A", "10-Q"}[i%4],
			Filed:     fmt.Sprintf("2022-%02d-%02d", 4+i%6, 1+i%28),
			Filers:    []edgartest.Filer{{CIK: fmt.Sprint(1700000 + i%150), Company: fmt.Sprintf("Company %d Inc.", i%150)}},
			Documents: []edgartest.Document{{Type: "EX-5.1", Filename: fmt.Sprintf("ex5-%d.htm", i), Body: body}},
		}
		if i%10 == 0 {
			f.Documents = append(f.Documents, edgartest.Document{Type: "EX-5.2", Filename: fmt.Sprintf("ex5b-%d.htm", i), Body: body[:len(body)/2]})
		}
		filings = append(filings, f)
	}
	srv := edgartest.New(filings...)
	defer srv.Close()
	c := testClient(t, srv.URL)
	c.lim = newLimiter(2000)
	site := t.TempDir()
	sum, err := Run(context.Background(), Options{Site: site, Client: c, Workers: 8, Filter: Filter{From: "2022-04-01", To: "2022-09-30"}})
	if err != nil {
		t.Fatal(err)
	}
	// 10-Qs are not asked for: 300 filings; the 40 with two letters are
	// all S-8s and S-1/As (i%10 == 0 is even).
	if sum.Seen != 300 || sum.Filings != 300 || sum.Letters != 340 || len(sum.Failed) != 0 {
		t.Fatalf("summary %+v", sum)
	}
	if n := len(files(t, site)); n != 640 {
		t.Errorf("%d files, want 640", n)
	}
	checkWhole(t, site, filings)
	seen := map[string]int{}
	for _, r := range srv.Requests() {
		seen[r.Path]++
		if seen[r.Path] > 1 && !strings.Contains(r.Path, "full-index") {
			t.Errorf("%s fetched twice", r.Path)
		}
	}
}
