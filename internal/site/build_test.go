package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func needs(t *testing.T, dir string) bool {
	t.Helper()
	n, err := NeedsBuild(dir)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// touch gives a file the current time, after the last build started.
func touch(t *testing.T, p string) {
	t.Helper()
	future := time.Now()
	if err := os.Chtimes(p, future, future); err != nil {
		t.Fatal(err)
	}
}

func TestNeedsBuild(t *testing.T) {
	dir := newSite(t)
	if !needs(t, dir) {
		t.Fatal("no public/: NeedsBuild = false")
	}
	build(t, dir)
	if needs(t, dir) {
		t.Fatal("just built: NeedsBuild = true")
	}
	touch(t, filepath.Join(dir, "content", "letters", "t-1a2b3c4d5e6f7a8b", "index.md"))
	if !needs(t, dir) {
		t.Fatal("letter changed: NeedsBuild = false")
	}
	build(t, dir) // a second build in the same process
	if needs(t, dir) {
		t.Fatal("rebuilt: NeedsBuild = true")
	}
	// A letter removed changes its parent directory.
	os.RemoveAll(filepath.Join(dir, "content", "letters", "t-1a2b3c4d5e6f7a8b"))
	touch(t, filepath.Join(dir, "content", "letters"))
	if !needs(t, dir) {
		t.Fatal("letter removed: NeedsBuild = false")
	}
	public := build(t, dir)
	if _, err := os.Stat(filepath.Join(public, "letters", "t-1a2b3c4d5e6f7a8b")); !os.IsNotExist(err) {
		t.Errorf("removed letter still published: %v", err)
	}
	// The site's own layouts count too.
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "404.html"), []byte("x"), 0o644)
	touch(t, filepath.Join(dir, "layouts", "404.html"))
	if !needs(t, dir) {
		t.Fatal("layout added: NeedsBuild = false")
	}
	// A stamp from another binary's defaults means a rebuild.
	build(t, dir)
	stamp := filepath.Join(dir, "public", stampName)
	data, _ := os.ReadFile(stamp)
	os.WriteFile(stamp, []byte(strings.Replace(string(data), "defaults ", "defaults x", 1)), 0o644)
	if !needs(t, dir) {
		t.Fatal("other defaults: NeedsBuild = false")
	}
}

// The site's own files win over the binary's defaults; the defaults fill
// in what the site lacks; scratch directories never survive a build.
func TestOverlay(t *testing.T) {
	dir := newSite(t)
	os.MkdirAll(filepath.Join(dir, "layouts"), 0o755)
	os.WriteFile(filepath.Join(dir, "layouts", "404.html"), []byte("<p>our own 404</p>\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, "content"), 0o755)
	os.WriteFile(filepath.Join(dir, "content", "about.md"), []byte("+++\ntitle = \"Our archive\"\n+++\nOurs.\n"), 0o644)
	public := build(t, dir)
	if b, _ := os.ReadFile(filepath.Join(public, "404.html")); string(b) != "<p>our own 404</p>\n" {
		t.Errorf("site's 404 layout not used: %q", b)
	}
	about := readPage(t, public, "about/")
	if got := text(about.byTag("h1")[0]); got != "Our archive" {
		t.Errorf("site's about page not used: %q", got)
	}
	if _, err := os.Stat(filepath.Join(public, "letters", "t-1a2b3c4d5e6f7a8b", "index.html")); err != nil {
		t.Errorf("default layouts not used for letters: %v", err)
	}
	entries, _ := os.ReadDir(filepath.Join(dir, ".exhibits"))
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), buildPrefix) {
			t.Errorf("scratch dir %s left behind", e.Name())
		}
	}
}

func TestBuildErrors(t *testing.T) {
	if err := Build(context.Background(), filepath.Join(t.TempDir(), "nope"), Options{}); err == nil {
		t.Error("missing dir: no error")
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	dir := newSite(t)
	if err := Build(ctx, dir, Options{}); err != context.Canceled {
		t.Errorf("cancelled: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "public")); !os.IsNotExist(err) {
		t.Error("cancelled build made public/")
	}
	// A page Hugo cannot build: the error names it, and public/ stays.
	build(t, dir)
	before, _ := os.ReadFile(filepath.Join(dir, "public", stampName))
	bad := filepath.Join(dir, "content", "letters", "bad", "index.md")
	os.MkdirAll(filepath.Dir(bad), 0o755)
	os.WriteFile(bad, []byte("+++\ntitle = 'x'\n+++\n{{< nosuchshortcode >}}\n"), 0o644)
	err := Build(context.Background(), dir, Options{})
	if err == nil || !strings.Contains(err.Error(), "bad") {
		t.Errorf("bad page: error %v does not name it", err)
	}
	after, _ := os.ReadFile(filepath.Join(dir, "public", stampName))
	if string(before) != string(after) {
		t.Error("failed build replaced public/")
	}
}
