package site

import (
	"context"
	"crypto/sha256"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// mountTmpfs mounts a tmpfs of the given size ("16m") on a new folder, or
// skips the test when it cannot (not root, no mount permission).
func mountTmpfs(t *testing.T, size string) string {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to mount a small tmpfs")
	}
	dir := filepath.Join(t.TempDir(), "mnt")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
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

// publicFiles maps each file under dir/public to the SHA-256 of its bytes.
func publicFiles(t *testing.T, dir string) map[string][sha256.Size]byte {
	t.Helper()
	public := filepath.Join(dir, "public")
	files := map[string][sha256.Size]byte{}
	err := filepath.WalkDir(public, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(public, p)
		files[rel] = sha256.Sum256(data)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func assertSamePublic(t *testing.T, before, after map[string][sha256.Size]byte) {
	t.Helper()
	if len(after) != len(before) {
		t.Errorf("public/ holds %d files, %d before", len(after), len(before))
	}
	for p, h := range before {
		if a, ok := after[p]; !ok {
			t.Errorf("public/%s is gone", p)
		} else if a != h {
			t.Errorf("public/%s changed", p)
		}
	}
}

func scratchDirs(t *testing.T, dir string) []string {
	t.Helper()
	var out []string
	entries, _ := os.ReadDir(filepath.Join(dir, ".exhibits"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) {
			out = append(out, e.Name())
		}
	}
	return out
}

// TestBuildFullDisk builds a site on a small tmpfs, adds letters, fills
// the disk and builds again: the build fails saying there is no space and
// where, public/ is the old site byte for byte, and no scratch build is
// left holding the space. With room again the next build publishes the
// new letters. The disk is left with no room at all (Hugo fails on its
// first file) or with room for part of the new site (it fails half-way
// through the pages).
func TestBuildFullDisk(t *testing.T) {
	for _, tc := range []struct {
		name string
		room func(oldSite int64) int64
	}{
		{"no room", func(int64) int64 { return 0 }},
		{"room for part", func(old int64) int64 { return old }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// Hugo v0.165.0 can hang for good when its writes fail
			// mid-build (errorCollator stops reading after 10 errors and
			// renderPages blocks: hugolib/site_render.go), so Build
			// refuses a build that cannot fit before Hugo starts
			// (checkSpace); these cases prove the refusal.
			const first, more = 20, 60
			dir := filepath.Join(mountTmpfs(t, "48m"), "site")
			writeLetters(t, dir, 0, first)
			build(t, dir)
			if n := siteState(t, dir); n != first {
				t.Fatalf("first build: %d letters, want %d", n, first)
			}
			before := publicFiles(t, dir)

			writeLetters(t, dir, first, first+more)
			filler := filepath.Join(dir, "filler")
			fill(t, filler, tc.room(diskUsage(t, filepath.Join(dir, "public"))))

			err := Build(context.Background(), dir, Options{Progress: io.Discard})
			if err == nil {
				t.Fatal("Build on a full disk: no error")
			}
			t.Logf("full disk: %v", err)
			if !strings.Contains(err.Error(), "no space left on device") {
				t.Errorf("Build on a full disk: error %q does not say no space", err)
			}
			if !strings.Contains(err.Error(), dir) {
				t.Errorf("Build on a full disk: error %q does not name what it was writing", err)
			}
			assertSamePublic(t, before, publicFiles(t, dir))
			if n := siteState(t, dir); n != first {
				t.Errorf("after the failed build: %d letters, want the old %d", n, first)
			}
			if left := scratchDirs(t, dir); len(left) > 0 {
				t.Errorf("failed build left %v in .exhibits", left)
			}

			if err := os.Remove(filler); err != nil {
				t.Fatal(err)
			}
			build(t, dir)
			if n := siteState(t, dir); n != first+more {
				t.Errorf("build with room again: %d letters, want %d", n, first+more)
			}
			if left := scratchDirs(t, dir); len(left) > 0 {
				t.Errorf("build left %v in .exhibits", left)
			}
		})
	}

	// A killed build's scratch directory fills the disk: the next build
	// clears it first and goes through.
	t.Run("killed build's leftover", func(t *testing.T) {
		dir := filepath.Join(mountTmpfs(t, "48m"), "site")
		writeLetters(t, dir, 0, 20)
		build(t, dir)
		writeLetters(t, dir, 20, 80)
		leftover := filepath.Join(dir, ".exhibits", buildPrefix+"killed", "public")
		if err := os.MkdirAll(leftover, 0o755); err != nil {
			t.Fatal(err)
		}
		fill(t, filepath.Join(leftover, "filler"), 0)
		build(t, dir)
		if n := siteState(t, dir); n != 80 {
			t.Errorf("build over a leftover scratch: %d letters, want 80", n)
		}
		if left := scratchDirs(t, dir); len(left) > 0 {
			t.Errorf("build left %v in .exhibits", left)
		}
	})
}

// fill writes path until the disk is full, then gives back room bytes.
func fill(t *testing.T, path string, room int64) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 64<<10)
	var n int64
	for {
		w, err := f.Write(buf)
		n += int64(w)
		if err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatal(err)
			}
			break
		}
	}
	if room > 0 {
		if err := f.Truncate(max(n-room, 0)); err != nil {
			t.Fatal(err)
		}
	}
}

// diskUsage is the space the files under dir take on disk.
func diskUsage(t *testing.T, dir string) int64 {
	t.Helper()
	var n int64
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if fi, err := d.Info(); err == nil {
			if st, ok := fi.Sys().(*syscall.Stat_t); ok {
				n += st.Blocks * 512
			}
		}
		return nil
	})
	return n
}

// TestBuildReadOnly: on a site whose file system is read-only, Build
// fails saying so, and public/ is untouched.
func TestBuildReadOnly(t *testing.T) {
	mnt := mountTmpfs(t, "32m")
	dir := filepath.Join(mnt, "site")
	writeLetters(t, dir, 0, 20)
	build(t, dir)
	before := publicFiles(t, dir)
	writeLetters(t, dir, 20, 30)

	if err := syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT|syscall.MS_RDONLY, ""); err != nil {
		t.Skipf("cannot remount read-only: %v", err)
	}
	err := Build(context.Background(), dir, Options{Progress: io.Discard})
	syscall.Mount("tmpfs", mnt, "tmpfs", syscall.MS_REMOUNT, "")
	if err == nil {
		t.Fatal("Build on a read-only site: no error")
	}
	t.Logf("read-only: %v", err)
	if !strings.Contains(err.Error(), "read-only file system") || !strings.Contains(err.Error(), dir) {
		t.Errorf("Build on a read-only site: error %q does not say read-only and where", err)
	}
	assertSamePublic(t, before, publicFiles(t, dir))
	if n := siteState(t, dir); n != 20 {
		t.Errorf("after the failed build: %d letters, want the old 20", n)
	}
	build(t, dir)
	if n := siteState(t, dir); n != 30 {
		t.Errorf("build once writable: %d letters, want 30", n)
	}
}

// A build waiting behind one that Hugo never finishes (see checkSpace)
// gives up when its context ends instead of hanging the process.
func TestBuildWaitHonoursContext(t *testing.T) {
	dir := t.TempDir()
	writeLetters(t, dir, 0, 1)
	hugoRunning <- struct{}{} // a build that never ends
	defer func() { <-hugoRunning }()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	start := time.Now()
	err := Build(ctx, dir, Options{Progress: io.Discard})
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("Build behind a hung build: %v, want the context's deadline", err)
	}
	if el := time.Since(start); el > 5*time.Second {
		t.Errorf("Build gave up after %v", el)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); err == nil {
		t.Error("a build that never ran left a public/")
	}
}
