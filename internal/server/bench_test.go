package server

import (
	"io"
	"net/http"
	"testing"
)

// Per-request cost of the handlers over loopback HTTP, one client at a
// time (go test -bench . -run '^$' ./internal/server).
func benchGet(b *testing.B, path string) {
	_, ts := newSearchSite(b, true)
	client := ts.Client()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		resp, err := client.Get(ts.URL + path)
		if err != nil {
			b.Fatal(err)
		}
		io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			b.Fatalf("%s: %d", path, resp.StatusCode)
		}
	}
}

func BenchmarkStaticPage(b *testing.B) { benchGet(b, "/") }
func BenchmarkStaticCSS(b *testing.B)  { benchGet(b, "/css/site.css") }
func BenchmarkAPISearch(b *testing.B)  { benchGet(b, "/api/search?q=nonassessable") }
func BenchmarkAPIFiltered(b *testing.B) {
	benchGet(b, "/api/search?q=shares&firm=Harrow+%26+Pike+LLP&from=2021-01-01")
}
func BenchmarkSearchPage(b *testing.B) { benchGet(b, "/search/?q=nonassessable") }
func BenchmarkSuggest(b *testing.B)    { benchGet(b, "/api/suggest?prefix=har") }
