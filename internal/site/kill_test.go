package site

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/exhibits/exhibits/internal/letter"
)

// childEnv makes the test binary a build process (see TestMain).
const childEnv = "EXHIBITS_SITE_TEST_BUILD"

func TestMain(m *testing.M) {
	if dir := os.Getenv(childEnv); dir != "" {
		if err := Build(context.Background(), dir, Options{}); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// writeLetters adds letters from..to-1 to the site: made-up letters of a
// few firms and issuers, each with its filed original.
func writeLetters(t testing.TB, dir string, from, to int) {
	t.Helper()
	firms := []string{"Abernathy & Cole LLP", "Pryce Whitfield LLP", "Oduya Marchetti P.C.", "Lindqvist Hale LLP"}
	for i := from; i < to; i++ {
		acc := fmt.Sprintf("0009%06d-%02d-%06d", i%997, 10+i%15, i)
		id := letter.ID(acc, "EX-5.1", "")
		date := fmt.Sprintf("%d-%02d-%02d", 2000+i%24, 1+i%12, 1+i%28)
		issuer := fmt.Sprintf("Issuer %d Holdings, Inc.", i%50)
		l := &letter.Letter{
			Title: issuer + " — Form S-8", Date: date, ID: id, Aliases: []string{"/l/" + id + "/"},
			Firms: []string{firms[i%len(firms)]}, Issuers: []string{issuer},
			Plans: []string{fmt.Sprintf("%d Equity Plan", 2000+i%24)}, Forms: []string{"S-8"},
			Jurisdictions: []string{"Delaware"}, Years: []string{date[:4]}, Shares: int64(1000 * i),
			Exhibit: "5.1",
			Source: letter.Source{File: "x.txt", Exhibit: "EX-5.1", Accession: acc, FormType: "S-8",
				Filed: date, Original: "original.txt", SHA256: strings.Repeat("ab", 32)},
		}
		body := fmt.Sprintf("Ladies and Gentlemen:\n\nLetter %d. The shares will be validly issued, fully paid and nonassessable.\n", i)
		page, err := letter.Marshal(l, body)
		if err != nil {
			t.Fatal(err)
		}
		bundle := filepath.Join(dir, "content", "letters", id)
		if err := os.MkdirAll(bundle, 0o755); err != nil {
			t.Fatal(err)
		}
		os.WriteFile(filepath.Join(bundle, "index.md"), page, 0o644)
		os.WriteFile(filepath.Join(bundle, "original.txt"), []byte(body), 0o644)
	}
}

// siteState says which complete site public/ holds: the number of letters
// it publishes, after checking that the home page's count agrees with
// the letter pages present and each has its original.
func siteState(t *testing.T, dir string) int {
	t.Helper()
	public := filepath.Join(dir, "public")
	home := readPage(t, public, "index.html")
	n, err := strconv.Atoi(strings.ReplaceAll(text(home.byID(t, "count-letters")), ",", ""))
	if err != nil {
		t.Fatal(err)
	}
	entries, err := os.ReadDir(filepath.Join(public, "letters"))
	if err != nil {
		t.Fatal(err)
	}
	pages := 0
	for _, e := range entries {
		if e.Name() == "page" || !e.IsDir() {
			continue
		}
		for _, f := range []string{"index.html", "original.txt"} {
			if _, err := os.Stat(filepath.Join(public, "letters", e.Name(), f)); err != nil {
				t.Fatalf("half a site: %v", err)
			}
		}
		pages++
	}
	if pages != n {
		t.Fatalf("half a site: home counts %d letters, %d letter pages published", n, pages)
	}
	if _, err := os.Stat(filepath.Join(public, stampName)); err != nil {
		t.Fatalf("half a site: %v", err)
	}
	return n
}

// kill -9 at random moments of a build: public/ is always the site as it
// was before or as that build would make it, complete, and the next build
// goes through. Each round builds the other of two versions of the
// content, so both outcomes can be seen.
func TestKillDuringBuild(t *testing.T) {
	const base, extra = 120, 30
	dir := t.TempDir()
	writeLetters(t, dir, 0, base+extra)
	letters := filepath.Join(dir, "content", "letters")
	stash := filepath.Join(t.TempDir(), "stash")
	os.MkdirAll(stash, 0o755)
	var extras []string
	entries, _ := os.ReadDir(letters)
	for _, e := range entries[base:] {
		extras = append(extras, e.Name())
	}
	// setContent makes content/ hold base letters, or base+extra.
	setContent := func(n int) {
		from, to := letters, stash
		if n == base+extra {
			from, to = stash, letters
		}
		for _, name := range extras {
			if err := os.Rename(filepath.Join(from, name), filepath.Join(to, name)); err != nil && !os.IsNotExist(err) {
				t.Fatal(err)
			}
		}
	}
	setContent(base)
	build(t, dir)
	if got := siteState(t, dir); got != base {
		t.Fatalf("first build: %d letters", got)
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	child := func() *exec.Cmd {
		cmd := exec.Command(exe, "-test.run=^$")
		cmd.Env = append(os.Environ(), childEnv+"="+dir)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		return cmd
	}
	// How long a build process takes, start-up included.
	setContent(base + extra)
	start := time.Now()
	if err := child().Wait(); err != nil {
		t.Fatal(err)
	}
	took := time.Since(start)
	if got := siteState(t, dir); got != base+extra {
		t.Fatalf("child build: %d letters", got)
	}
	seen := map[string]int{}
	rng := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 8; i++ {
		before := siteState(t, dir)
		after := base + extra
		if before == after {
			after = base
		}
		setContent(after)
		cmd := child()
		// Kill anywhere in the build, now and then after it has finished.
		delay := time.Duration(rng.Int64N(int64(took) * 5 / 4))
		time.Sleep(delay)
		cmd.Process.Kill()
		cmd.Wait()
		switch n := siteState(t, dir); n {
		case before:
			seen["before"]++
		case after:
			seen["after"]++
		default:
			t.Fatalf("after kill at %v: %d letters, want %d or %d", delay, n, before, after)
		}
	}
	t.Logf("a build takes %v; after the kills public/ was: %v", took, seen)
	setContent(base + extra)
	build(t, dir)
	if got := siteState(t, dir); got != base+extra {
		t.Fatalf("build after kills: %d letters", got)
	}
	entries, _ = os.ReadDir(filepath.Join(dir, ".exhibits"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) {
			t.Errorf("scratch %s left after a completed build", e.Name())
		}
	}
}
