package main

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/exhibits/exhibits/index"
	"github.com/exhibits/exhibits/internal/letter"
	"github.com/exhibits/exhibits/internal/sitelock"
)

// The tests below run the exhibits command as separate processes: the
// test binary re-executes itself, and TestHelperExhibits turns it into
// exhibits.
const helperEnv = "EXHIBITS_TEST_HELPER"

func TestHelperExhibits(t *testing.T) {
	if os.Getenv(helperEnv) != "1" {
		t.Skip("helper process for the other tests")
	}
	args := os.Args
	for i, a := range args {
		if a == "--" {
			args = args[i+1:]
			break
		}
	}
	os.Exit(run(args, os.Stdout, os.Stderr))
}

// exhibits returns a command running "exhibits args...".
func exhibits(t *testing.T, args ...string) *exec.Cmd {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"-test.run=^TestHelperExhibits$", "--"}, args...)...)
	cmd.Env = append(os.Environ(), helperEnv+"=1")
	return cmd
}

// writeRawLetter writes a bare plain-text exhibit, as EDGAR served them in
// the 1990s. The firms and companies are made up.
func writeRawLetter(t *testing.T, dir, firm, issuer, word string, day int) {
	t.Helper()
	text := fmt.Sprintf(`                                                          EXHIBIT 5.1

                          %s
                       100 Main Street, Suite 400
                      Springfield, Illinois 62701

                                             March %d, 2021

%s
1 Harbor Way
Boston, Massachusetts 02110

     Re:  Registration Statement on Form S-8

Ladies and Gentlemen:

     We have acted as counsel to %s, a Delaware corporation (the
"Company"), in connection with the Registration Statement on Form S-8 (the
"Registration Statement") filed with the Securities and Exchange Commission
relating to 1,000,000 shares of the Company's common stock, par value $0.001
per share (the "Shares"), issuable under the Company's 2021 Equity Incentive
Plan (the "Plan"). This letter mentions the word %s once.

     Based upon the foregoing, we are of the opinion that the Shares, when
issued in accordance with the Plan, will be validly issued, fully paid and
nonassessable.

     We consent to the filing of this opinion as Exhibit 5.1 to the
Registration Statement.

                                        Very truly yours,

                                        /s/ %s
`, strings.ToUpper(firm), day, issuer, issuer, word, firm)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, strings.ToLower(word)+".txt")
	if err := os.WriteFile(name, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Two exhibits update runs on a busy site both wait, a third with
// -no-wait refuses; once the site is free the two run one after the
// other, and all letters end up on the site and in the index.
func TestConcurrentUpdates(t *testing.T) {
	site := t.TempDir()
	in := t.TempDir()
	dirA, dirB := filepath.Join(in, "a"), filepath.Join(in, "b")
	writeRawLetter(t, dirA, "Harrow & Pike LLP", "Bluefin Therapeutics, Inc.", "zeppelin", 4)
	writeRawLetter(t, dirA, "Harrow & Pike LLP", "Cedar Ridge Bancorp", "dirigible", 5)
	writeRawLetter(t, dirB, "Quill, Marsh & Dunmore", "Northwind Energy Corp.", "blimp", 6)
	writeRawLetter(t, dirB, "Ostrander Vale LLP", "Zephyr Airships, Inc.", "aerostat", 7)

	// The test holds the site lock, as a long update would, so that both
	// updates below meet a busy site whatever the machine's speed.
	held, err := sitelock.Acquire(site)
	if err != nil {
		t.Fatal(err)
	}
	var outA, outB bytes.Buffer
	var errA, errB syncBuffer
	a := exhibits(t, "update", "-site", site, dirA)
	a.Stdout, a.Stderr = &outA, &errA
	b := exhibits(t, "update", "-site", site, dirB)
	b.Stdout, b.Stderr = &outB, &errB
	for _, c := range []*exec.Cmd{a, b} {
		if err := c.Start(); err != nil {
			held.Release()
			t.Fatal(err)
		}
	}
	// Both say they wait.
	deadline := time.Now().Add(30 * time.Second)
	for !strings.Contains(errA.String(), "waiting") || !strings.Contains(errB.String(), "waiting") {
		if time.Now().After(deadline) {
			held.Release()
			a.Process.Kill()
			b.Process.Kill()
			t.Fatalf("updates did not say they wait: %q, %q", errA.String(), errB.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	// A third, told not to wait, refuses at once.
	c := exhibits(t, "update", "-site", site, "-no-wait", dirB)
	start := time.Now()
	outC, errC := c.CombinedOutput()
	if errC == nil || !strings.Contains(string(outC), "another exhibits process") || !strings.Contains(string(outC), "-no-wait") {
		t.Errorf("update -no-wait while busy: err %v, output %q", errC, outC)
	}
	if el := time.Since(start); el > 10*time.Second {
		t.Errorf("update -no-wait took %v to refuse", el)
	}

	// Let them go: they run one after the other, in either order.
	held.Release()
	if err := a.Wait(); err != nil {
		t.Fatalf("first update: %v\n%s%s", err, outA.String(), errA.String())
	}
	if err := b.Wait(); err != nil {
		t.Fatalf("second update: %v\n%s%s", err, outB.String(), errB.String())
	}
	for _, out := range []string{outA.String(), outB.String()} {
		if !strings.Contains(out, "2 letters written") {
			t.Errorf("update output: %q", out)
		}
	}

	// The site holds all four letters: pages, built pages, index entries.
	pages, _ := filepath.Glob(filepath.Join(site, "content", "letters", "*", "index.md"))
	if len(pages) != 4 {
		t.Fatalf("%d pages in content/letters, want 4", len(pages))
	}
	for _, p := range pages {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		l, _, err := letter.Parse(b)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if _, err := os.Stat(filepath.Join(site, "public", "letters", l.ID, "index.html")); err != nil {
			t.Errorf("letter %s not built: %v", l.ID, err)
		}
	}
	s, err := index.Open(site)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	for _, w := range []string{"zeppelin", "dirigible", "blimp", "aerostat"} {
		r, err := s.Search(context.Background(), index.Request{Q: w})
		if err != nil || r.Total != 1 {
			t.Errorf("search %s: %v, %+v", w, err, r)
		}
	}

	// Once more: nothing to do.
	out, err := exhibits(t, "update", "-site", site, dirA, dirB).CombinedOutput()
	if err != nil || !strings.Contains(string(out), "0 letters written, 4 unchanged") {
		t.Errorf("repeated update: %v %q", err, out)
	}
}

// exhibits serve on a site with content only builds the site and the
// index first, serves both, and stops cleanly on an interrupt.
func TestServeFreshSite(t *testing.T) {
	site := t.TempDir()
	in := t.TempDir()
	writeRawLetter(t, in, "Harrow & Pike LLP", "Bluefin Therapeutics, Inc.", "zeppelin", 4)
	if out, err := exhibits(t, "ingest", "-site", site, in).CombinedOutput(); err != nil {
		t.Fatalf("ingest: %v %s", err, out)
	}
	if _, err := os.Stat(filepath.Join(site, "public")); err == nil {
		t.Fatal("ingest built the site; this test needs a site without public/")
	}

	cmd := exhibits(t, "serve", "-site", site, "-addr", "127.0.0.1:0")
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()
	addr := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stdout)
		re := regexp.MustCompile(`http://(127\.0\.0\.1:\d+)/`)
		for sc.Scan() {
			if m := re.FindStringSubmatch(sc.Text()); m != nil {
				addr <- m[1]
			}
		}
		io.Copy(io.Discard, stdout)
	}()
	var base string
	select {
	case a := <-addr:
		base = "http://" + a
	case <-time.After(90 * time.Second):
		t.Fatalf("serve did not start: %s", stderr.String())
	}
	for _, p := range []string{"/", "/search/?q=zeppelin", "/api/search?q=zeppelin"} {
		resp, err := http.Get(base + p)
		if err != nil {
			t.Fatal(err)
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Errorf("GET %s: %d %s", p, resp.StatusCode, body)
		}
		if strings.HasPrefix(p, "/api/") && !strings.Contains(string(body), `"total":1`) {
			t.Errorf("GET %s: %s", p, body)
		}
	}
	cmd.Process.Signal(syscall.SIGINT)
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve after Ctrl-C: %v; %s", err, stderr.String())
		}
	case <-time.After(15 * time.Second):
		t.Error("serve did not stop on Ctrl-C")
	}
}

// syncBuffer is a bytes.Buffer a test may read while a child process's
// output is being copied into it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}
