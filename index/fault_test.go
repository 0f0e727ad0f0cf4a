package index

import (
	"context"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// The test binary doubles as the process that is killed: with
// EXHIBITS_INDEX_CHILD set it runs one Update and exits.
func TestMain(m *testing.M) {
	if site := os.Getenv("EXHIBITS_INDEX_CHILD"); site != "" {
		_, err := Update(context.Background(), site, UpdateOptions{Rebuild: os.Getenv("EXHIBITS_INDEX_REBUILD") == "1"})
		if err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

const (
	killLetters  = 400
	killModified = 40
)

// writeVersion writes the first killModified letters with the word verN.
func writeVersion(t *testing.T, site string, n int, all bool) {
	count := killModified
	if all {
		count = killLetters
	}
	for i := range count {
		body := opinion
		if i < killModified {
			body += fmt.Sprintf(" Version marker ver%d.", n)
		}
		body += strings.Repeat(fmt.Sprintf(" Filler text for letter %d about registration statements.", i), 20)
		writePage(t, site, newLetter(fmt.Sprintf("k%04d", i), "Opinion", "2020-02-02", []string{"Cooley LLP"}, []string{"A Inc."}), body)
	}
}

// indexedVersion returns the one version whose marker the index holds for
// all modified letters, failing if the index is broken or mixed.
func indexedVersion(t *testing.T, site string, upTo int) int {
	t.Helper()
	s, err := Open(site)
	if err != nil {
		t.Fatalf("index unusable after kill: %v", err)
	}
	defer s.Close()
	if res := mustSearch(t, s, Request{}); res.Total != killLetters {
		t.Fatalf("index holds %d letters, want %d", res.Total, killLetters)
	}
	found := -1
	for v := 0; v <= upTo; v++ {
		switch n := mustSearch(t, s, Request{Q: fmt.Sprintf("ver%d", v)}).Total; n {
		case 0:
		case killModified:
			if found >= 0 {
				t.Fatalf("versions %d and %d both indexed", found, v)
			}
			found = v
		default:
			t.Fatalf("version %d indexed for %d of %d letters: half an update", v, n, killModified)
		}
	}
	if found < 0 {
		t.Fatal("no version indexed")
	}
	return found
}

func runChild(site string, rebuild bool) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "EXHIBITS_INDEX_CHILD="+site)
	if rebuild {
		cmd.Env = append(cmd.Env, "EXHIBITS_INDEX_REBUILD=1")
	}
	return cmd
}

// TestKill9 kills an index update at random moments, many times: each time
// the index is the old one or the new one, never a mix or broken, and the
// next run completes.
func TestKill9(t *testing.T) {
	site := t.TempDir()
	writeVersion(t, site, 0, true)
	// Time one uninterrupted run, to aim the kills.
	start := time.Now()
	if out, err := runChild(site, true).CombinedOutput(); err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	full := time.Since(start)
	if v := indexedVersion(t, site, 0); v != 0 {
		t.Fatalf("version %d", v)
	}
	r := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 9))
	last, interrupted := 0, 0
	const runs = 20
	for n := 1; n <= runs; n++ {
		writeVersion(t, site, n, false)
		cmd := runChild(site, n%2 == 0)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		time.Sleep(time.Duration(r.Int64N(int64(full * 11 / 10))))
		cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		if err != nil {
			interrupted++
		}
		v := indexedVersion(t, site, n)
		if v != last && v != n {
			t.Fatalf("after kill %d: version %d indexed, want %d (old) or %d (new)", n, v, last, n)
		}
		last = v
	}
	t.Logf("%d of %d runs killed before they finished (a full run takes %v)", interrupted, runs, full)
	mustUpdate(t, site, UpdateOptions{})
	if v := indexedVersion(t, site, runs); v != runs {
		t.Errorf("after a complete run: version %d, want %d", v, runs)
	}
	gens, _ := generations(Dir(site))
	if len(gens) > 2 {
		t.Errorf("%d generations left behind", len(gens))
	}
	if left, _ := filepath.Glob(filepath.Join(Dir(site), "*", "shard-*", "scorch-offline-build*")); len(left) > 0 {
		t.Errorf("build leftovers: %v", left)
	}
}

// mountTmpfs mounts a small tmpfs for the test, or skips when that is not
// possible (not root, no mount).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := t.TempDir()
	if out, err := exec.Command("mount", "-t", "tmpfs", "-o", "size="+size, "tmpfs", dir).CombinedOutput(); err != nil {
		t.Skipf("cannot mount a tmpfs: %v %s", err, out)
	}
	t.Cleanup(func() { exec.Command("umount", "-l", dir).Run() })
	return dir
}

// TestFullDisk: an update that runs out of space fails with a clear error
// and leaves the current index in place and searchable.
func TestFullDisk(t *testing.T) {
	site := mountTmpfs(t, "6m")
	writeVersion(t, site, 0, true)
	mustUpdate(t, site, UpdateOptions{})
	s := mustOpen(t, site)
	s.every = 0
	gensBefore, _ := generations(Dir(site))

	writeVersion(t, site, 1, false)
	// Fill the disk.
	f, err := os.Create(filepath.Join(site, "filler"))
	if err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 64<<10)
	for {
		if _, err := f.Write(buf); err != nil {
			break
		}
	}
	f.Close()
	_, err = Update(context.Background(), site, UpdateOptions{Rebuild: true})
	if err == nil || !strings.Contains(err.Error(), "no space") {
		t.Fatalf("Update on a full disk: err = %v, want one saying no space", err)
	}
	if gens, _ := generations(Dir(site)); len(gens) != len(gensBefore) {
		t.Errorf("a failed update left %d generations, had %d", len(gens), len(gensBefore))
	}
	if v := indexedVersion(t, site, 1); v != 0 {
		t.Errorf("after the failed update: version %d, want the old 0", v)
	}
	if res := mustSearch(t, s, Request{Q: "ver0"}); res.Total != killModified {
		t.Errorf("open searcher after the failed update: %d", res.Total)
	}
	os.Remove(filepath.Join(site, "filler"))
	mustUpdate(t, site, UpdateOptions{})
	if v := indexedVersion(t, site, 1); v != 1 {
		t.Errorf("after space came back: version %d, want 1", v)
	}
}

// TestReadOnly: on a read-only site the index is searched as usual and an
// update fails clearly.
func TestReadOnly(t *testing.T) {
	site := mountTmpfs(t, "16m")
	writeVersion(t, site, 0, true)
	mustUpdate(t, site, UpdateOptions{})
	if out, err := exec.Command("mount", "-o", "remount,ro", site).CombinedOutput(); err != nil {
		t.Skipf("cannot remount read-only: %v %s", err, out)
	}
	s := mustOpen(t, site)
	if res := mustSearch(t, s, Request{Q: "ver0"}); res.Total != killModified {
		t.Errorf("read-only search: %d", res.Total)
	}
	_, err := Update(context.Background(), site, UpdateOptions{})
	if err == nil || !strings.Contains(err.Error(), "read-only") {
		t.Errorf("Update on a read-only site: err = %v", err)
	}
	if need, err := NeedsUpdate(site); err != nil || need {
		t.Errorf("NeedsUpdate on a read-only, indexed site = %v, %v", need, err)
	}
}
