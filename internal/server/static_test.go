package server

import (
	"bufio"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// writeTree writes files (name → content) under dir.
func writeTree(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, content := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// staticSite makes a site whose public/ has a few pages, a secret beside
// public/, hidden files and symlinks leading out.
func staticSite(t *testing.T) string {
	t.Helper()
	site := t.TempDir()
	writeTree(t, site, map[string]string{
		"public/index.html":                "<!doctype html><title>Home</title>home page",
		"public/404.html":                  "<!doctype html><title>Not found</title>custom not found page",
		"public/letters/a/index.html":      "letter a",
		"public/letters/a/original.htm":    "<p>filed original<script>alert(1)</script></p>",
		"public/css/site.css":              "body{}",
		"public/letters/a/noext":           "<html><script>alert(1)</script></html>",
		"public/nolisting/data.txt":        "listed?",
		"public/.hidden":                   "hidden file",
		"public/.git/config":               "git config",
		"public/firms/.dot-llp/index.html": "dot firm page",
		"public/firms/.dot-llp/.env":       "hidden file",
		"public/firms/.dot-llp/notes.txt":  "hidden file",
		"secret.txt":                       "TOP SECRET outside public",
		"content/letters/a/index.md":       "+++\ntitle='a'\n+++\nsecret markdown",
		".exhibits/lock":                   "",
	})
	// Symlinks out of public/: to a file, to a directory, to /etc.
	mustSymlink(t, filepath.Join(site, "secret.txt"), filepath.Join(site, "public", "leak.txt"))
	mustSymlink(t, filepath.Join(site, "content"), filepath.Join(site, "public", "leakdir"))
	mustSymlink(t, "/etc", filepath.Join(site, "public", "etc"))
	mustSymlink(t, "../secret.txt", filepath.Join(site, "public", "rel.txt"))
	// A symlink that stays inside public/ is fine.
	mustSymlink(t, "css/site.css", filepath.Join(site, "public", "style.css"))
	return site
}

func mustSymlink(t *testing.T, target, link string) {
	t.Helper()
	if err := os.Symlink(target, link); err != nil {
		t.Fatal(err)
	}
}

// rawGet sends a request line as is, bypassing the client's own path
// cleaning, and returns the status code and body.
func rawGet(t *testing.T, addr, target string) (int, string, http.Header) {
	t.Helper()
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(c, "GET %s HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", target)
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("GET %s: %v", target, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header
}

func startStatic(t *testing.T, site string) *httptest.Server {
	t.Helper()
	s := New(Config{Site: site})
	ts := httptest.NewUnstartedServer(nil)
	s.Configure(ts.Config)
	ts.Start()
	t.Cleanup(ts.Close)
	return ts
}

func TestStaticFiles(t *testing.T) {
	site := staticSite(t)
	ts := startStatic(t, site)
	addr := ts.Listener.Addr().String()

	for _, tc := range []struct {
		target string
		code   int
		body   string // substring expected
	}{
		{"/", 200, "home page"},
		{"/index.html", 200, "home page"},
		{"/letters/a/", 200, "letter a"},
		{"/css/site.css", 200, "body{}"},
		{"/style.css", 200, "body{}"}, // symlink inside public/
		{"/letters/a", 301, ""},
		{"/nope", 404, "custom not found page"},
		{"/nolisting/", 404, "custom not found page"}, // no index.html: no listing
	} {
		code, body, _ := rawGet(t, addr, tc.target)
		if code != tc.code || !strings.Contains(body, tc.body) {
			t.Errorf("GET %s = %d %q, want %d containing %q", tc.target, code, trunc(body), tc.code, tc.body)
		}
	}
	// A file of no known type is not sniffed into a page.
	if _, _, h := rawGet(t, addr, "/letters/a/noext"); h.Get("Content-Type") != "application/octet-stream" {
		t.Errorf("extensionless file served as %q", h.Get("Content-Type"))
	}
	if _, _, h := rawGet(t, addr, "/css/site.css"); !strings.HasPrefix(h.Get("Content-Type"), "text/css") {
		t.Errorf("CSS served as %q", h.Get("Content-Type"))
	}
	// The redirect adds the slash and stays on the site.
	_, _, h := rawGet(t, addr, "/letters/a?x=1")
	if loc := h.Get("Location"); loc != "/letters/a/?x=1" {
		t.Errorf("redirect Location = %q", loc)
	}
}

func TestPathAttacks(t *testing.T) {
	site := staticSite(t)
	ts := startStatic(t, site)
	addr := ts.Listener.Addr().String()
	secrets := []string{"TOP SECRET", "secret markdown", "root:", "hidden file", "git config", "listed?"}
	for _, target := range []string{
		"/../secret.txt",
		"/../../../../etc/passwd",
		"/%2e%2e/secret.txt",
		"/%2E%2E/%2e%2e/etc/passwd",
		"/letters/%2e%2e/%2e%2e/secret.txt",
		"/..%2fsecret.txt",
		"/%2e%2e%2fsecret.txt",
		"//etc/passwd",
		"///etc/passwd",
		"/etc/passwd",
		"/etc/",
		"/leak.txt",
		"/rel.txt",
		"/leakdir/letters/a/index.md",
		"/leakdir/",
		"/.hidden",
		"/.git/config",
		"/.exhibits/lock",
		"/%2ehidden",
		"/firms/.dot-llp/.env",
		"/firms/.dot-llp/notes.txt",
		"/firms/./.dot-llp/index.html",
		"/..\\secret.txt",
		"/%5c..%5csecret.txt",
		"/letters/a/%00",
		"/nolisting/",
		"/nolisting",
		"http://x/../secret.txt",
		"/" + strings.Repeat("../", 20) + "etc/passwd",
		"/" + filepath.Join(site, "secret.txt"),
	} {
		code, body, _ := rawGet(t, addr, target)
		for _, s := range secrets {
			if strings.Contains(body, s) {
				t.Errorf("GET %s = %d, body leaks %q: %q", target, code, s, trunc(body))
			}
		}
		if code == 200 || code == 301 && target != "/nolisting" {
			t.Errorf("GET %s = %d, want an error", target, code)
		}
	}
	// A term page whose name starts with a dot (".NET Partners LLP") is
	// served, as a page only.
	for _, target := range []string{"/firms/.dot-llp/", "/firms/.dot-llp/index.html"} {
		if code, body, _ := rawGet(t, addr, target); code != 200 || !strings.Contains(body, "dot firm page") {
			t.Errorf("GET %s = %d %q, want the term page", target, code, trunc(body))
		}
	}
	// The redirect for a directory without index.html goes nowhere bad,
	// and what it points to is a 404.
	if code, _, h := rawGet(t, addr, "/nolisting"); code != 404 {
		t.Errorf("/nolisting = %d (Location %q), want 404", code, h.Get("Location"))
	}
}

func TestSecurityHeadersEverywhere(t *testing.T) {
	site := staticSite(t)
	ts := startStatic(t, site)
	cases := []struct{ method, target string }{
		{"GET", "/"}, {"GET", "/css/site.css"}, {"GET", "/nope"}, {"GET", "/letters/a"},
		{"GET", "/../secret.txt"}, {"POST", "/"}, {"HEAD", "/"}, {"GET", "/api/search?q=x"},
		{"GET", "/api/nothing"}, {"GET", "/search/?q=x"}, {"GET", "/letters/a/original.htm"},
	}
	client := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, c := range cases {
		req, _ := http.NewRequest(c.method, ts.URL+c.target, nil)
		resp, err := client.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		h := resp.Header
		csp := h.Get("Content-Security-Policy")
		if !strings.Contains(csp, "default-src") || !strings.Contains(csp, "frame-ancestors") {
			t.Errorf("%s %s: CSP = %q", c.method, c.target, csp)
		}
		if strings.Contains(csp, "unsafe-eval") || strings.Contains(csp, "script-src 'unsafe-inline'") || strings.Contains(csp, "*") {
			t.Errorf("%s %s: CSP too loose: %q", c.method, c.target, csp)
		}
		if h.Get("X-Content-Type-Options") != "nosniff" {
			t.Errorf("%s %s: X-Content-Type-Options = %q", c.method, c.target, h.Get("X-Content-Type-Options"))
		}
		if h.Get("Referrer-Policy") == "" || h.Get("X-Frame-Options") == "" {
			t.Errorf("%s %s: Referrer-Policy %q, X-Frame-Options %q", c.method, c.target, h.Get("Referrer-Policy"), h.Get("X-Frame-Options"))
		}
		if c.method == "POST" && resp.StatusCode != http.StatusMethodNotAllowed {
			t.Errorf("POST = %d, want 405", resp.StatusCode)
		}
	}
	// A filed original runs sandboxed, without scripts.
	resp, err := http.Get(ts.URL + "/letters/a/original.htm")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if csp := resp.Header.Get("Content-Security-Policy"); !strings.HasPrefix(csp, "sandbox") || strings.Contains(csp, "script-src") {
		t.Errorf("original.htm CSP = %q, want a sandbox without scripts", csp)
	}
	// The site's pages: script only from the site itself.
	if !strings.Contains(contentSecurityPolicy, "script-src 'self';") || !strings.Contains(contentSecurityPolicy, "default-src 'self'") {
		t.Errorf("CSP = %q", contentSecurityPolicy)
	}
}

func TestHeaderLimits(t *testing.T) {
	site := staticSite(t)
	s := New(Config{Site: site, ReadHeaderTimeout: 300 * time.Millisecond, MaxHeaderBytes: 8 << 10})
	ts := httptest.NewUnstartedServer(nil)
	s.Configure(ts.Config)
	ts.Start()
	defer ts.Close()
	addr := ts.Listener.Addr().String()

	// Too many header bytes: 431, not a read of the whole thing.
	c, err := net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	c.SetDeadline(time.Now().Add(5 * time.Second))
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\nX-Big: %s\r\n\r\n", strings.Repeat("a", 64<<10))
	resp, err := http.ReadResponse(bufio.NewReader(c), nil)
	if err != nil {
		t.Fatalf("big header: %v", err)
	}
	if resp.StatusCode != http.StatusRequestHeaderFieldsTooLarge {
		t.Errorf("64 kB header: status %d, want 431", resp.StatusCode)
	}
	c.Close()

	// A client that sends its headers slowly (slowloris) is cut off.
	c, err = net.Dial("tcp", addr)
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\n")
	closed := false
	for i := 0; i < 40; i++ { // up to 4 s of one header byte every 100 ms
		time.Sleep(100 * time.Millisecond)
		if _, err := c.Write([]byte("X")); err != nil {
			closed = true
			break
		}
	}
	if !closed {
		// The write may succeed into the socket buffer after close; the
		// read must see the end then.
		c.SetReadDeadline(time.Now().Add(2 * time.Second))
		_, err := c.Read(make([]byte, 1024))
		closed = err != nil
	}
	if !closed {
		t.Fatalf("slow headers: connection still open after %v", time.Since(start))
	}
	if el := time.Since(start); el > 3*time.Second {
		t.Errorf("slow headers: cut off after %v, want about 300ms", el)
	}
}

// A client that sends a request body slowly is cut off by ReadTimeout.
func TestSlowBody(t *testing.T) {
	site := staticSite(t)
	s := New(Config{Site: site, ReadTimeout: 500 * time.Millisecond})
	ts := httptest.NewUnstartedServer(nil)
	s.Configure(ts.Config)
	ts.Start()
	defer ts.Close()
	c, err := net.Dial("tcp", ts.Listener.Addr().String())
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	start := time.Now()
	fmt.Fprintf(c, "GET / HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n")
	done := make(chan struct{})
	go func() {
		defer close(done)
		io.Copy(io.Discard, c) // the response, then EOF when the server hangs up
	}()
	for time.Since(start) < 5*time.Second {
		select {
		case <-done:
			if el := time.Since(start); el > 3*time.Second {
				t.Errorf("slow body: cut off after %v, want about 500ms", el)
			}
			return
		case <-time.After(100 * time.Millisecond):
			c.Write([]byte("x"))
		}
	}
	t.Fatal("slow body: connection still open after 5s")
}

func TestPublicSwappedWhileServing(t *testing.T) {
	site := t.TempDir()
	writeTree(t, site, map[string]string{"public/index.html": "generation 1"})
	ts := startStatic(t, site)
	get := func() string {
		resp, err := http.Get(ts.URL + "/")
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return string(b)
	}
	if got := get(); got != "generation 1" {
		t.Fatalf("before swap: %q", got)
	}
	// A rebuild replaces public/ by renames.
	writeTree(t, site, map[string]string{"public.new/index.html": "generation 2"})
	if err := os.Rename(filepath.Join(site, "public"), filepath.Join(site, "public.old")); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(filepath.Join(site, "public.new"), filepath.Join(site, "public")); err != nil {
		t.Fatal(err)
	}
	os.RemoveAll(filepath.Join(site, "public.old"))
	if got := get(); got != "generation 2" {
		t.Fatalf("after swap: %q", got)
	}
}

func trunc(s string) string {
	if len(s) > 80 {
		return s[:80] + "…"
	}
	return s
}
