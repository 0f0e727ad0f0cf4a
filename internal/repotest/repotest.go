// Package repotest finds the repository and the shared real-letter corpus
// beside it, for tests that read them.
package repotest

import (
	"os"
	"path/filepath"
	"testing"
)

// Root returns the repository root: the nearest directory above the
// test's working directory that holds go.mod.
func Root(t testing.TB) string {
	t.Helper()
	dir, err := filepath.Abs(".")
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			return dir
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Fatal("no go.mod above the test's directory")
		}
		dir = parent
	}
}

// Corpus returns ../shared/corpus beside the repository (real EX-5
// letters with labels.jsonl), or "" when it is absent: the caller skips
// with its own message.
func Corpus(t testing.TB) string {
	t.Helper()
	c := filepath.Join(Root(t), "..", "shared", "corpus")
	if _, err := os.Stat(filepath.Join(c, "labels.jsonl")); err != nil {
		return ""
	}
	return filepath.Clean(c)
}
