package main

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

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

func TestFetchExitsOneOnFailure(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	srv.Fault = func(r *http.Request) (int, string) {
		if strings.HasSuffix(r.URL.Path, "d287310dex52.htm") {
			return http.StatusBadGateway, ""
		}
		return 0, ""
	}
	var stdout, stderr bytes.Buffer
	code := run([]string{"fetch", "-site", t.TempDir(), "-edgar", srv.URL, "-user-agent", fetchUA, "-tries", "1",
		"-from", "2022-04-01", "-to", "2022-06-30"}, &stdout, &stderr)
	if code != 1 || !strings.Contains(stdout.String(), "  1 failed\n    0000950103-22-008812 (BELLWETHER UTILITIES CORP, S-3ASR): GET ") ||
		!strings.Contains(stdout.String(), "502 Bad Gateway") || !strings.Contains(stdout.String(), "1 letters fetched from 1 filings") {
		t.Errorf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
}

func TestFetchCtrlC(t *testing.T) {
	srv := edgartest.New(edgartest.Sample()...)
	defer srv.Close()
	started := make(chan struct{})
	var once sync.Once
	srv.Body = func(w http.ResponseWriter, r *http.Request, body []byte) {
		w.Write(body[:len(body)/2])
		w.(http.Flusher).Flush()
		once.Do(func() { close(started) })
		<-r.Context().Done()
	}
	site := t.TempDir()
	cmd := exhibits(t, "fetch", "-site", site, "-edgar", srv.URL, "-user-agent", fetchUA, "-from", "2022-04-01", "-to", "2022-06-30")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	select {
	case <-started:
	case <-time.After(60 * time.Second):
		cmd.Process.Kill()
		t.Fatal("no letter was ever asked for")
	}
	time.Sleep(200 * time.Millisecond)
	cmd.Process.Signal(os.Interrupt)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("fetch did not stop on Ctrl-C")
	}
	if code := cmd.ProcessState.ExitCode(); code != 1 || !strings.Contains(stderr.String(), "interrupted; run it again") || !strings.Contains(stdout.String(), "filings seen") {
		t.Errorf("exit %d\n%s%s", code, stdout.String(), stderr.String())
	}
	filepath.WalkDir(filepath.Join(site, "raw"), func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			t.Errorf("interrupted run left %s in raw/", p)
		}
		return nil
	})
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
	for q, id := range map[string]string{
		`"Harlan, Pike"`:           "0001193125-22-170001-ex5-1",
		`Lindqvist`:                "0000950103-22-008812-ex5-2",
		`"6,000,000 shares"`:       "0001104659-22-071234-ex5-1",
		`Hudson Trust indenture`:   "0000950103-22-008812-ex5-1",
		`"1996 Stock Option Plan"`: "0000898430-96-005871-ex5",
	} {
		stdout.Reset()
		stderr.Reset()
		if code := run([]string{"search", "-site", site, "-json", q}, &stdout, &stderr); code != 0 {
			t.Errorf("search %s: exit %d: %s", q, code, stderr.String())
			continue
		}
		var res struct {
			Total int
			Hits  []struct{ ID string }
		}
		if err := json.Unmarshal(stdout.Bytes(), &res); err != nil {
			t.Fatalf("search %s: %v\n%s", q, err, stdout.String())
		}
		if res.Total == 0 || res.Hits[0].ID != id {
			t.Errorf("search %s: %+v, want %s first", q, res, id)
		}
	}
}
