package site

import (
	"os"
	"path/filepath"
	"testing"
)

// TestPublishOriginals: the filed original is published as text beside its
// letter's page; a symlink in a bundle is never followed, and a bundle
// whose page was not built publishes nothing.
func TestPublishOriginals(t *testing.T) {
	content, out := t.TempDir(), t.TempDir()
	secret := filepath.Join(t.TempDir(), "secret")
	os.WriteFile(secret, []byte("not for the site"), 0o644)
	write := func(p, s string) {
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write(filepath.Join(content, "letters", "a", "original.htm"), "<p>filed</p>")
	write(filepath.Join(out, "letters", "a", "index.html"), "page")
	write(filepath.Join(content, "letters", "b", "original.txt"), "filed text")
	write(filepath.Join(out, "letters", "b", "index.html"), "page")
	os.MkdirAll(filepath.Join(content, "letters", "c"), 0o755)
	os.Symlink(secret, filepath.Join(content, "letters", "c", "original.txt"))
	write(filepath.Join(out, "letters", "c", "index.html"), "page")
	write(filepath.Join(content, "letters", "d", "original.txt"), "left out of the build")

	n, err := publishOriginals(content, out)
	if err != nil || n != 2 {
		t.Fatalf("publishOriginals = %d, %v; want 2, nil", n, err)
	}
	for p, want := range map[string]string{"a/original.htm.txt": "<p>filed</p>", "b/original.txt": "filed text"} {
		got, err := os.ReadFile(filepath.Join(out, "letters", p))
		if err != nil || string(got) != want {
			t.Errorf("%s = %q, %v; want %q", p, got, err, want)
		}
	}
	for _, p := range []string{"a/original.htm", "c/original.txt", "d"} {
		if _, err := os.Lstat(filepath.Join(out, "letters", p)); err == nil {
			t.Errorf("%s published", p)
		}
	}
}
