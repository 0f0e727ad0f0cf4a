package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/fetch/edgartest"
	"github.com/rogpeppe/go-internal/testscript"
)

// startFakeEDGAR serves edgartest.Sample for one script, as $EDGAR.
func startFakeEDGAR(env *testscript.Env) string {
	srv := edgartest.New(edgartest.Sample()...)
	env.Defer(srv.Close)
	return srv.URL
}

const fetchUA = "Exhibits Tests tests@exhibits.example"

func TestFetchRefusesWithoutUserAgent(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	site := t.TempDir()
	t.Setenv("EXHIBITS_USER_AGENT", "")
	for _, ua := range []string{"", "Jane Doe", "jane@lawfirm.com", "curl/8.5.0"} {
		var stdout, stderr bytes.Buffer
		code := run([]string{"fetch", "-site", site, "-edgar", srv.URL, "-user-agent", ua, "-from", "2022-04-01", "-to", "2022-06-30"}, &stdout, &stderr)
		if code != 2 || !strings.Contains(stderr.String(), "fair-access policy") || !strings.Contains(stderr.String(), "-user-agent") {
			t.Errorf("User-Agent %q: exit %d, stderr %q", ua, code, stderr.String())
		}
	}
	if n := len(srv.Requests()); n != 0 {
		t.Errorf("%d requests sent without a proper User-Agent", n)
	}
	if _, err := os.Stat(filepath.Join(site, "raw")); err == nil {
		t.Error("raw/ made without a proper User-Agent")
	}
	// The environment variable serves as well as the flag, and is sent.
	t.Setenv("EXHIBITS_USER_AGENT", fetchUA)
	var stdout, stderr bytes.Buffer
	if code := run([]string{"fetch", "-site", site, "-edgar", srv.URL, "-from", "2022-04-01", "-to", "2022-06-30"}, &stdout, &stderr); code != 0 {
		t.Fatalf("exit %d: %s%s", code, stdout.String(), stderr.String())
	}
	for _, r := range srv.Requests() {
		if r.UserAgent != fetchUA {
			t.Errorf("%s sent as %q", r.Path, r.UserAgent)
		}
	}
	for _, rate := range []string{"11", "0", "-3"} {
		if code := run([]string{"fetch", "-site", site, "-rate", rate}, &stdout, &stderr); code != 2 {
			t.Errorf("-rate %s: exit %d", rate, code)
		}
	}
}

// TestFetchThenUpdate is the whole way from EDGAR to the archive: exhibits
// fetch from the fake EDGAR, then exhibits update on what it fetched; the
// letters end up as pages of the built site and in the search index.
func TestFetchThenUpdate(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	site := t.TempDir()
	var stdout, stderr bytes.Buffer
	code := run([]string{"fetch", "-site", site, "-edgar", srv.URL, "-user-agent", fetchUA,
		"-form", "S-8,S-3ASR,S-1,8-K", "-from", "2022-04-01", "-to", "2022-06-30"}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("fetch: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	if !strings.Contains(stdout.String(), "4 letters fetched from 3 filings") {
		t.Errorf("fetch summary:\n%s", stdout.String())
	}
	// And a 1996 filing that EDGAR never split into documents: its letter
	// is cut from the complete submission.
	stdout.Reset()
	if code := run([]string{"fetch", "-site", site, "-edgar", srv.URL, "-user-agent", fetchUA,
		"-from", "1996-10-01", "-to", "1996-12-31"}, &stdout, &stderr); code != 0 || !strings.Contains(stdout.String(), "1 letters fetched") {
		t.Fatalf("fetch 1996: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	stdout.Reset()
	stderr.Reset()
	if code := run([]string{"update", "-site", site, filepath.Join(site, "raw")}, &stdout, &stderr); code != 0 {
		t.Fatalf("update: exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	letters := map[string]string{ // id: words of that letter only
		"0001193125-22-170001-ex5-1": "Northwind Analytics",
		"0000950103-22-008812-ex5-1": "Morrow, Staines",
		"0000950103-22-008812-ex5-2": "Lindqvist Brand",
		"0001104659-22-071234-ex5-1": "Brazos",
		"0000898430-96-005871-ex5":   "Osgood",
	}
	for id, words := range letters {
		page, err := os.ReadFile(filepath.Join(site, "public", "letters", id, "index.html"))
		if err != nil {
			t.Errorf("letter %s not on the site: %v", id, err)
			continue
		}
		if !bytes.Contains(page, []byte(words)) {
			t.Errorf("page of %s does not show %q", id, words)
		}
		if !bytes.Contains(page, []byte("https://www.sec.gov/Archives/edgar/data/")) {
			t.Errorf("page of %s has no EDGAR link", id)
		}
	}
	s, err := index.Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for q, id := range map[string]string{
		`"Harlan, Pike"`:           "0001193125-22-170001-ex5-1",
		`Lindqvist`:                "0000950103-22-008812-ex5-2",
		`"6,000,000 shares"`:       "0001104659-22-071234-ex5-1",
		`Hudson Trust indenture`:   "0000950103-22-008812-ex5-1",
		`"1996 Stock Option Plan"`: "0000898430-96-005871-ex5",
	} {
		r, err := s.Search(context.Background(), index.Request{Q: q})
		if err != nil {
			t.Errorf("search %s: %v", q, err)
			continue
		}
		if r.Total == 0 || r.Hits[0].ID != id {
			t.Errorf("search %s: %+v, want %s first", q, r, id)
		}
	}
}
