package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPublishShortLinks: each built letter's short link is its page (or,
// where hard links fail, a redirect to it: shortLinkPage); a letter not
// built gets none, a short link claimed twice goes to the first
// letter by name, and a file already in the site is never replaced.
func TestPublishShortLinks(t *testing.T) {
	out := t.TempDir()
	write := func(p, s string) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, b := range []string{"a", "b", "c", "bad"} {
		write(filepath.Join(out, "letters", b, "index.html"), `<link rel="canonical" href="/letters/`+b+`/">`)
	}
	write(filepath.Join(out, "l", "taken", "index.html"), "the site's own")
	n, err := publishShortLinks(out, map[string][]string{
		"a":       {"/l/a/"},
		"b":       {"/l/shared/", "/l/b"},
		"c":       {"/l/shared/", "/l/taken/"},
		"unbuilt": {"/l/unbuilt/"},
		"bad":     {"/l/../../escaped/", "/letters/a/"},
	})
	if err != nil || n != 3 {
		t.Fatalf("publishShortLinks = %d, %v; want 3, nil", n, err)
	}
	for x, want := range map[string]string{"a": "/letters/a/", "b": "/letters/b/", "shared": "/letters/b/"} {
		page, err := os.ReadFile(filepath.Join(out, "l", x, "index.html"))
		if got := shortLinkTarget(page, "/l/"+x+"/"); err != nil || got != want {
			t.Errorf("/l/%s/ leads to %q (%v), want %s", x, got, err, want)
		}
	}
	if got := shortLinkTarget(shortLinkPage("a"), "/l/a/"); got != "/letters/a/" {
		t.Errorf("redirect page leads to %q", got)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "l", "taken", "index.html")); string(b) != "the site's own" {
		t.Errorf("/l/taken/ replaced: %q", b)
	}
	if _, err := os.Stat(filepath.Join(filepath.Dir(out), "escaped")); err == nil {
		t.Error("a bad alias wrote outside the site")
	}
	if _, err := os.Stat(filepath.Join(out, "l", "unbuilt")); err == nil {
		t.Error("short link published for a letter not built")
	}
}
