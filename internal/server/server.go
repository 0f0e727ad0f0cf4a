// Package server serves a built site: the static files in DIR/public and
// the search API over the site's index, with the search page rendered on
// the server so that it works without JavaScript.
package server

import (
	"context"
	"errors"
	"log"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"runtime"
	"strings"
	"time"

	"github.com/exhibits/exhibits/index"
)

// Searcher is what the server needs from the search index
// (*index.Searcher in production).
type Searcher interface {
	Search(ctx context.Context, req index.Request) (*index.Result, error)
	Suggest(ctx context.Context, prefix string, n int) ([]index.Suggestion, error)
}

// Config configures a Server. Zero durations and sizes take the defaults
// below.
type Config struct {
	// Site is the site root; files are served from Site/public, which a
	// rebuild may replace at any time.
	Site string
	// Searcher answers /api/search, /api/suggest and the search page;
	// nil makes them answer 503.
	Searcher Searcher
	// SearchTimeout bounds the work of one search request.
	SearchTimeout time.Duration
	// MaxSearches bounds the searches running at once; more wait up to
	// QueueTimeout for a free slot, then get 503.
	MaxSearches  int
	QueueTimeout time.Duration

	ReadHeaderTimeout time.Duration
	ReadTimeout       time.Duration
	WriteTimeout      time.Duration
	IdleTimeout       time.Duration
	MaxHeaderBytes    int

	Logger *slog.Logger
}

// Defaults.
const (
	DefaultSearchTimeout     = 5 * time.Second
	DefaultQueueTimeout      = 10 * time.Second
	DefaultReadHeaderTimeout = 5 * time.Second
	DefaultReadTimeout       = 10 * time.Second
	DefaultWriteTimeout      = 30 * time.Second
	DefaultIdleTimeout       = 60 * time.Second
	DefaultMaxHeaderBytes    = 16 << 10
)

// Server is the site's HTTP handler.
type Server struct {
	cfg    Config
	public string
	slots  chan struct{}
	log    *slog.Logger
}

// New returns a Server for cfg.
func New(cfg Config) *Server {
	if cfg.SearchTimeout <= 0 {
		cfg.SearchTimeout = DefaultSearchTimeout
	}
	if cfg.QueueTimeout <= 0 {
		cfg.QueueTimeout = DefaultQueueTimeout
	}
	if cfg.MaxSearches <= 0 {
		cfg.MaxSearches = max(4, 2*runtime.GOMAXPROCS(0))
	}
	if cfg.ReadHeaderTimeout <= 0 {
		cfg.ReadHeaderTimeout = DefaultReadHeaderTimeout
	}
	if cfg.ReadTimeout <= 0 {
		cfg.ReadTimeout = DefaultReadTimeout
	}
	if cfg.WriteTimeout <= 0 {
		cfg.WriteTimeout = DefaultWriteTimeout
	}
	if cfg.IdleTimeout <= 0 {
		cfg.IdleTimeout = DefaultIdleTimeout
	}
	if cfg.MaxHeaderBytes <= 0 {
		cfg.MaxHeaderBytes = DefaultMaxHeaderBytes
	}
	if cfg.Logger == nil {
		cfg.Logger = slog.Default()
	}
	s := &Server{
		cfg:    cfg,
		public: filepath.Join(cfg.Site, "public"),
		slots:  make(chan struct{}, cfg.MaxSearches),
		log:    cfg.Logger,
	}
	return s
}

// ServeHTTP sets the security headers on every response, allows only GET
// and HEAD, and dispatches.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	setSecurityHeaders(w.Header())
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	// Exact paths, no ServeMux: it would answer unclean paths (/a/../b)
	// with a redirect, and the static handler refuses them outright.
	switch p := r.URL.Path; {
	case p == "/api/search":
		s.apiSearch(w, r)
	case p == "/api/suggest":
		s.apiSuggest(w, r)
	case strings.HasPrefix(p, "/api/"):
		writeError(w, http.StatusNotFound, "no such API endpoint: "+p)
	case p == "/search/", p == "/search/index.html":
		s.searchPage(w, r)
	default:
		s.serveStatic(w, r)
	}
}

// Configure sets hs's handler, timeouts and header limit from the
// server's configuration.
func (s *Server) Configure(hs *http.Server) {
	hs.Handler = s
	hs.ReadHeaderTimeout = s.cfg.ReadHeaderTimeout
	hs.ReadTimeout = s.cfg.ReadTimeout
	hs.WriteTimeout = s.cfg.WriteTimeout
	hs.IdleTimeout = s.cfg.IdleTimeout
	hs.MaxHeaderBytes = s.cfg.MaxHeaderBytes
	hs.ErrorLog = log.New(slogWriter{s.log}, "", 0)
}

// ListenAndServe serves on addr until ctx ends, then shuts down
// gracefully, letting running requests finish for up to 10 seconds.
// ready, if not nil, is called with the listening address.
func (s *Server) ListenAndServe(ctx context.Context, addr string, ready func(net.Addr)) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	return s.Serve(ctx, ln, ready)
}

// Serve is ListenAndServe on an existing listener.
func (s *Server) Serve(ctx context.Context, ln net.Listener, ready func(net.Addr)) error {
	hs := &http.Server{BaseContext: func(net.Listener) context.Context { return context.WithoutCancel(ctx) }}
	s.Configure(hs)
	done := make(chan error, 1)
	go func() { done <- hs.Serve(ln) }()
	if ready != nil {
		ready(ln.Addr())
	}
	select {
	case err := <-done:
		return err
	case <-ctx.Done():
	}
	sctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	err := hs.Shutdown(sctx)
	if e := <-done; !errors.Is(e, http.ErrServerClosed) && err == nil {
		err = e
	}
	return err
}

// slogWriter routes net/http's own error log (TLS noise, header
// overflows) to slog.
type slogWriter struct{ l *slog.Logger }

func (w slogWriter) Write(p []byte) (int, error) {
	w.l.Warn("http: " + strings.TrimSpace(string(p)))
	return len(p), nil
}
