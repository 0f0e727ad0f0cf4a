package site

import (
	"os"
	"testing"
)

func TestSafeTerm(t *testing.T) {
	for s, want := range map[string]bool{
		"Marlow Keane LLP": true, "AC/DC LLP": true, "Novo Nordisk A/S": true, ".NET Partners": true,
		"..Dots & Co": true, "a..b": true,
		"": false, " ": false, ".": false, "..": false, "../..": false, "a/../b": false, " .. /x": false,
		`..\x`: false, "/": false, "//": false,
	} {
		if got := safeTerm(s); got != want {
			t.Errorf("safeTerm(%q) = %v, want %v", s, got, want)
		}
	}
}

// The check reads every letter's front matter before each build; on a
// generated site (EXHIBITS_BENCH_SITE=DIR, e.g. from bench/site/run.sh) it
// shows what that costs.
func BenchmarkUnsafeLetters(b *testing.B) {
	dir := os.Getenv("EXHIBITS_BENCH_SITE")
	if dir == "" {
		b.Skip("set EXHIBITS_BENCH_SITE to a site directory")
	}
	for b.Loop() {
		if _, _, err := unsafeLetters(dir); err != nil {
			b.Fatal(err)
		}
	}
}
