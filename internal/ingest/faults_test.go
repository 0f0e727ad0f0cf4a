package ingest

import (
	"bytes"
	"context"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestKill9 kills ingest runs with SIGKILL at random moments, many times,
// alternating between two input sets that give the same ids with
// different pages (so that new bundles and replaced ones are both caught
// half-way). After every kill each page is absent or complete and valid;
// after the last, a run completes and leaves exactly what a clean run
// leaves.
func TestKill9(t *testing.T) {
	in, _ := generate(t, 300)
	in2 := renamedCopy(t, in)
	child := func(site, paths string) *exec.Cmd {
		cmd := exec.Command(os.Args[0], "-test.run=^$")
		cmd.Env = append(os.Environ(), "INGEST_TEST_CHILD_SITE="+site, "INGEST_TEST_CHILD_PATHS="+paths)
		return cmd
	}
	// Kill at random moments of a run: time a whole one first.
	start := time.Now()
	if out, err := child(t.TempDir(), in).CombinedOutput(); err != nil {
		t.Fatalf("timing run: %v\n%s", err, out)
	}
	full := time.Since(start)
	t.Logf("a whole run takes %v", full)

	site := t.TempDir()
	rng := rand.New(rand.NewPCG(1, 2))
	kills, runs := 0, 0
	for ; kills < 12 && runs < 60; runs++ {
		paths := in
		if runs%2 == 1 {
			paths = in2
		}
		cmd := child(site, paths)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(float64(full) * (0.02 + 0.9*rng.Float64()))
		began := time.Now()
		done := make(chan error, 1)
		go func() { done <- cmd.Wait() }()
		select {
		case err := <-done:
			if err != nil {
				t.Fatalf("run %d ended before the kill: %v\n%s", runs, err, stderr.String())
			}
			// Runs get quicker once the machine is less busy or the
			// site holds pages already: aim the next kills inside this one.
			full = time.Since(began)
		case <-time.After(delay):
			cmd.Process.Kill()
			<-done
			kills++
		}
		checkPagesAfterKill(t, site)
	}
	if kills < 12 {
		t.Errorf("only %d of %d runs were killed before they ended", kills, runs)
	}
	t.Logf("%d of %d runs killed", kills, runs)

	sum := run(t, site, 2, in)
	if len(sum.Failed) != 0 {
		t.Fatalf("run after the kills: %+v", sum.Failed)
	}
	checkPages(t, site)
	clean := t.TempDir()
	run(t, clean, 2, in)
	a, b := snapshot(t, site), snapshot(t, clean)
	if len(a) != len(b) {
		t.Errorf("after the kills: %d files; a clean run: %d", len(a), len(b))
	}
	for p, f := range b {
		if !bytes.Equal(a[p].data, f.data) {
			t.Errorf("%s differs from a clean run's", p)
		}
	}
}

// checkPagesAfterKill is checkPages less the temp files a killed run may
// leave in bundles (the next run sweeps them; Hugo ignores dot files).
func checkPagesAfterKill(t *testing.T, site string) {
	t.Helper()
	letters := filepath.Join(site, LettersDir)
	stale, _ := filepath.Glob(filepath.Join(letters, "*", ".*"))
	hidden := t.TempDir()
	for i, p := range stale {
		if err := os.Rename(p, filepath.Join(hidden, strings.Repeat("x", i+1))); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := os.Stat(letters); err == nil {
		checkPages(t, site)
	}
	for i, p := range stale {
		os.Rename(filepath.Join(hidden, strings.Repeat("x", i+1)), p)
	}
}

// renamedCopy copies a generated input tree with every loose file renamed
// (raw/ folders as they are: their filing records name their files) and
// a blank line added to the filed letters, so that its letters have the
// same ids and different pages ([source] file, sha256) and originals.
func renamedCopy(t *testing.T, in string) string {
	out := filepath.Join(t.TempDir(), "in2")
	err := filepath.Walk(in, func(p string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(in, p)
		if !strings.Contains(rel, "raw"+string(filepath.Separator)) {
			rel = filepath.Join(filepath.Dir(rel), "v2-"+filepath.Base(rel))
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		if !strings.HasSuffix(p, ".gz") && !strings.HasSuffix(p, ".json") {
			// Other bytes, the same letters: the text hash ignores
			// white space, and submissions' ids are their accessions.
			b = bytes.ReplaceAll(b, []byte("</TEXT>"), []byte("\n</TEXT>"))
			b = append(b, '\n')
		}
		writeFile(t, filepath.Join(out, rel), b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// mountTmpfs mounts a tmpfs of size bytes on a new folder, or skips the
// test when it cannot (not root, no mount permission).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a tmpfs")
	}
	dir := filepath.Join(t.TempDir(), "mnt")
	os.Mkdir(dir, 0o755)
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size); err != nil {
		t.Skipf("cannot mount a tmpfs: %v", err)
	}
	t.Cleanup(func() {
		if err := syscall.Unmount(dir, syscall.MNT_DETACH); err != nil {
			t.Errorf("unmount %s: %v", dir, err)
		}
	})
	return dir
}

// TestFullDisk ingests into a 1 MiB tmpfs: the run stops with a clear
// error, every page there is complete, nothing half-written is left; with
// room again, the next run completes.
func TestFullDisk(t *testing.T) {
	mnt := mountTmpfs(t, "1m")
	in, _ := generate(t, 200)
	site := filepath.Join(mnt, "site")
	sum, err := Run(context.Background(), Options{Site: site, Paths: []string{in}, Jobs: 2})
	if err == nil || !strings.Contains(err.Error(), "no space left on device") {
		t.Fatalf("Run on a full disk: err %v, summary written %d", err, sum.Written)
	}
	t.Logf("full disk: %v (%d pages written first)", err, sum.Written)
	checkPages(t, site)
	if left, _ := os.ReadDir(filepath.Join(site, ".exhibits", "ingest")); len(left) > 0 {
		t.Errorf("%d half-made bundles left in .exhibits/ingest", len(left))
	}
	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "size=64m"); err != nil {
		t.Fatal(err)
	}
	sum = run(t, site, 2, in)
	if len(sum.Failed) != 0 || sum.Written == 0 {
		t.Errorf("run with room again: %+v", sum)
	}
	checkPages(t, site)
}

// TestReadOnlySite: with content/letters read-only, or the whole site,
// ingest fails with a clear error and changes nothing.
func TestReadOnlySite(t *testing.T) {
	mnt := mountTmpfs(t, "64m")
	in, _ := generate(t, 20)
	site := filepath.Join(mnt, "site")
	run(t, site, 2, "testdata/in")
	before := snapshot(t, site)

	letters := filepath.Join(site, LettersDir)
	if err := syscall.Mount(letters, letters, "", syscall.MS_BIND, ""); err != nil {
		t.Skipf("bind mount: %v", err)
	}
	if err := syscall.Mount("", letters, "", syscall.MS_REMOUNT|syscall.MS_BIND|syscall.MS_RDONLY, ""); err != nil {
		syscall.Unmount(letters, 0)
		t.Skipf("read-only remount: %v", err)
	}
	_, err := Run(context.Background(), Options{Site: site, Paths: []string{in}, Jobs: 2})
	syscall.Unmount(letters, 0)
	if err == nil || !strings.Contains(err.Error(), "read-only file system") || !strings.Contains(err.Error(), "cannot write") {
		t.Errorf("read-only content/letters: err %v", err)
	}
	assertSame(t, before, snapshot(t, site))
	if left, _ := os.ReadDir(filepath.Join(site, ".exhibits", "ingest")); len(left) > 0 {
		t.Errorf("%d half-made bundles left in .exhibits/ingest", len(left))
	}

	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Fatal(err)
	}
	_, err = Run(context.Background(), Options{Site: site, Paths: []string{in}, Jobs: 2})
	if err == nil || !strings.Contains(err.Error(), "read-only file system") {
		t.Errorf("read-only site: err %v", err)
	}
	assertSame(t, before, snapshot(t, site))
	syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "")
}

func assertSame(t *testing.T, before, after map[string]fileState) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("%d files, %d before", len(after), len(before))
	}
	for p, b := range before {
		a := after[p]
		if !bytes.Equal(a.data, b.data) || !a.mtime.Equal(b.mtime) {
			t.Errorf("%s changed", p)
		}
	}
}

// TestUpdateBundle: a letter whose page or original changes gets a whole
// new bundle, swapped in for the old one, or (where folders cannot be
// swapped) its files replaced one by one; either way the result is what a
// clean run gives.
func TestUpdateBundle(t *testing.T) {
	in, _ := generate(t, 30)
	in2 := renamedCopy(t, in)
	for _, swap := range []bool{true, false} {
		t.Run(map[bool]string{true: "exchange", false: "file by file"}[swap], func(t *testing.T) {
			if !swap {
				swapDirs = func(a, b string) error { return errNoExchange }
				defer func() { swapDirs = exchangeDirs }()
			}
			site := t.TempDir()
			first := run(t, site, 2, in)
			second := run(t, site, 2, in2)
			if second.Written != first.Written || second.Unchanged != 0 {
				t.Errorf("second run %+v, want all %d rewritten", second, first.Written)
			}
			checkPages(t, site)
			clean := t.TempDir()
			run(t, clean, 2, in2)
			a, b := snapshot(t, site), snapshot(t, clean)
			if len(a) != len(b) {
				t.Errorf("%d files, a clean run %d", len(a), len(b))
			}
			for p, f := range b {
				if !bytes.Equal(a[p].data, f.data) {
					t.Errorf("%s differs from a clean run's", p)
				}
			}
			if left, _ := os.ReadDir(filepath.Join(site, ".exhibits", "ingest")); len(left) > 0 {
				t.Errorf("%d old bundles left in .exhibits/ingest", len(left))
			}
		})
	}
}

// TestUnwritableLetters is TestReadOnlySite for a user without root (who
// cannot mount a read-only file system): content/letters without write
// permission. Root writes through permissions, so it is skipped there.
func TestUnwritableLetters(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("root writes through permissions; TestReadOnlySite covers read-only sites")
	}
	in, _ := generate(t, 20)
	site := t.TempDir()
	run(t, site, 2, "testdata/in")
	before := snapshot(t, site)
	letters := filepath.Join(site, LettersDir)
	if err := os.Chmod(letters, 0o555); err != nil {
		t.Fatal(err)
	}
	defer os.Chmod(letters, 0o755)
	_, err := Run(context.Background(), Options{Site: site, Paths: []string{in}, Jobs: 2})
	if err == nil || !strings.Contains(err.Error(), "permission denied") || !strings.Contains(err.Error(), "cannot write") {
		t.Errorf("unwritable content/letters: err %v", err)
	}
	assertSame(t, before, snapshot(t, site))
}
