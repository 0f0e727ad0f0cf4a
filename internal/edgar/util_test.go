package edgar

import (
	"testing"

	"github.com/exhibits/exhibits/internal/repotest"
)

// corpusDir finds ../shared/corpus beside the repository root, or skips.
func corpusDir(t testing.TB) string {
	t.Helper()
	c := repotest.Corpus(t)
	if c == "" {
		t.Skip("real corpus (../shared/corpus) not found: skipping")
	}
	return c
}
