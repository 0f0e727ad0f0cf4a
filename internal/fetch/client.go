package fetch

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// MaxRate is the SEC's published ceiling for automated access to EDGAR,
// in requests per second. No setting raises it.
const MaxRate = 10

// DefaultBaseURL is EDGAR's address.
const DefaultBaseURL = "https://www.sec.gov"

// UserAgentEnv is the environment variable read when no -user-agent is set.
const UserAgentEnv = "EXHIBITS_USER_AGENT"

// ErrUserAgent explains the User-Agent rule.
var ErrUserAgent = errors.New(`EDGAR needs to know who is asking. The SEC's fair-access policy requires ` +
	`automated clients to send a User-Agent that names a person or company and gives a contact e-mail ` +
	`address, and it blocks clients that do not. Set one with -user-agent "Jane Doe jane.doe@example.com" ` +
	`or the ` + UserAgentEnv + ` environment variable`)

var (
	emailRE = regexp.MustCompile(`^[A-Za-z0-9._%+\-]+@[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)*\.[A-Za-z]{2,}$`)
	nameRE  = regexp.MustCompile(`\pL`)
)

// CheckUserAgent reports whether ua names someone and gives an e-mail
// address, as the SEC asks: "Sample Company Name AdminContact@example.com".
func CheckUserAgent(ua string) error {
	words := strings.Fields(ua)
	email, name := false, false
	for _, w := range words {
		w = strings.Trim(w, "()[]<>,;\"'")
		switch {
		case emailRE.MatchString(w):
			email = true
		case nameRE.MatchString(w):
			name = true
		}
	}
	switch {
	case strings.TrimSpace(ua) == "":
		return fmt.Errorf("no User-Agent: %w", ErrUserAgent)
	case !email:
		return fmt.Errorf("User-Agent %q has no e-mail address: %w", ua, ErrUserAgent)
	case !name:
		return fmt.Errorf("User-Agent %q names no person or company: %w", ua, ErrUserAgent)
	}
	return nil
}

// A limiter keeps requests under a rate, whichever worker sends them: no
// window of one second (plus a margin for the jitter between our clock and
// the server's arrival times) holds more than rate requests, measured on
// the times requests were actually let go, and requests are spaced evenly
// rather than sent in bursts. A server's "slow down" holds every worker
// back.
type limiter struct {
	mu       sync.Mutex
	n        int           // requests allowed in a window
	window   time.Duration // a second and a margin
	interval time.Duration // even spacing: window / rate
	next     time.Time     // no start before this
	sent     []time.Time   // the last n starts
}

func newLimiter(rate float64) *limiter {
	window := time.Second + 50*time.Millisecond
	return &limiter{
		n:        max(int(rate), 1),
		window:   window,
		interval: time.Duration(float64(window) / rate),
	}
}

// wait blocks until this caller may send a request.
func (l *limiter) wait(ctx context.Context) error {
	for {
		l.mu.Lock()
		now := time.Now()
		t := l.next
		if len(l.sent) == l.n {
			if w := l.sent[0].Add(l.window); w.After(t) {
				t = w
			}
		}
		if !t.After(now) {
			l.next = now.Add(l.interval)
			l.sent = append(l.sent, now)
			if len(l.sent) > l.n {
				l.sent = l.sent[1:]
			}
			l.mu.Unlock()
			return ctx.Err()
		}
		l.mu.Unlock()
		if err := sleep(ctx, t.Sub(now)); err != nil {
			return err
		}
	}
}

// pauseUntil holds every request back until t.
func (l *limiter) pauseUntil(t time.Time) {
	l.mu.Lock()
	if t.After(l.next) {
		l.next = t
	}
	l.mu.Unlock()
}

func sleep(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}

// Client gets files from EDGAR politely: it sends the User-Agent on every
// request, keeps under the rate, times every request out, and backs off
// and retries when the server says it is overloaded or refusing.
type Client struct {
	base      string
	userAgent string
	http      *http.Client
	lim       *limiter

	// Tries bounds the attempts at one request (default 5).
	Tries int
	// Backoff is the first wait before a retry when the server gives no
	// Retry-After; it doubles each time (default 2s).
	Backoff time.Duration
	// MaxWait is the longest wait honoured; a Retry-After beyond it fails
	// the request at once (default 10 minutes, the SEC's usual block).
	MaxWait time.Duration
	// Timeout bounds one request, body included (default 2 minutes);
	// IndexTimeout bounds a quarter's full index (default 15 minutes).
	Timeout, IndexTimeout time.Duration

	requests atomic.Int64
}

// NewClient makes a client for the EDGAR at base (DefaultBaseURL if
// empty). It refuses a User-Agent that CheckUserAgent refuses and a rate
// that is not in (0, MaxRate].
func NewClient(base, userAgent string, rate float64) (*Client, error) {
	if err := CheckUserAgent(userAgent); err != nil {
		return nil, err
	}
	if rate <= 0 || rate > MaxRate {
		return nil, fmt.Errorf("rate %v: want more than 0 and at most %d requests a second (the SEC's limit)", rate, MaxRate)
	}
	if base == "" {
		base = DefaultBaseURL
	}
	base = strings.TrimRight(base, "/")
	tr := http.DefaultTransport.(*http.Transport).Clone()
	tr.ResponseHeaderTimeout = 60 * time.Second
	tr.TLSHandshakeTimeout = 20 * time.Second
	tr.DialContext = (&net.Dialer{Timeout: 20 * time.Second, KeepAlive: 30 * time.Second}).DialContext
	tr.MaxConnsPerHost = 8
	return &Client{
		base:         base,
		userAgent:    strings.TrimSpace(userAgent),
		http:         &http.Client{Transport: tr},
		lim:          newLimiter(rate),
		Tries:        5,
		Backoff:      2 * time.Second,
		MaxWait:      10 * time.Minute,
		Timeout:      2 * time.Minute,
		IndexTimeout: 15 * time.Minute,
	}, nil
}

// URL is the absolute address of an EDGAR path.
func (c *Client) URL(path string) string { return c.base + path }

// Requests is how many requests the client has sent.
func (c *Client) Requests() int64 { return c.requests.Load() }

// HTTPError is a request that did not end in 200 OK.
type HTTPError struct {
	URL    string
	Status int
	Tries  int
	Reason string // why it stopped retrying, if it did
}

func (e *HTTPError) Error() string {
	s := fmt.Sprintf("GET %s: %d %s", e.URL, e.Status, http.StatusText(e.Status))
	if e.Tries > 1 {
		s += fmt.Sprintf(" (after %d tries)", e.Tries)
	}
	switch {
	case e.Reason != "":
		s += ": " + e.Reason
	case e.Status == http.StatusForbidden || e.Status == http.StatusTooManyRequests:
		s += ": EDGAR refuses clients that go too fast or do not declare who they are, for about ten minutes"
	}
	return s
}

// IsNotFound reports whether err is a 404 or 410 from the server.
func IsNotFound(err error) bool {
	var he *HTTPError
	return errors.As(err, &he) && (he.Status == http.StatusNotFound || he.Status == http.StatusGone)
}

func retryable(status int) bool {
	return status == http.StatusTooManyRequests || status == http.StatusForbidden || status >= 500
}

// Get fetches path (e.g. "/Archives/edgar/data/…") and returns the body of
// a 200 response; the caller closes it. The request, body included, must
// finish within timeout (Client.Timeout if zero).
func (c *Client) Get(ctx context.Context, path string, timeout time.Duration) (io.ReadCloser, error) {
	if timeout <= 0 {
		timeout = c.Timeout
	}
	url := c.URL(path)
	backoff := c.Backoff
	tries := max(c.Tries, 1)
	var last error
	for try := 1; ; try++ {
		if err := c.lim.wait(ctx); err != nil {
			return nil, err
		}
		body, status, retryAfter, err := c.do(ctx, url, timeout)
		if err == nil && status == http.StatusOK {
			return body, nil
		}
		if ctx.Err() != nil {
			return nil, ctx.Err()
		}
		var wait time.Duration
		if err != nil {
			last = fmt.Errorf("GET %s: %w", url, err)
			if try > 1 {
				last = fmt.Errorf("%w (after %d tries)", last, try)
			}
		} else {
			he := &HTTPError{URL: url, Status: status, Tries: try}
			last = he
			if !retryable(status) {
				return nil, he
			}
			if d, ok := parseRetryAfter(retryAfter, time.Now()); ok {
				if d > c.MaxWait {
					he.Reason = fmt.Sprintf("server asks to wait %s (Retry-After), more than the %s allowed", d.Round(time.Second), c.MaxWait)
					return nil, he
				}
				wait = d
			}
		}
		if try >= tries {
			return nil, last
		}
		if wait == 0 {
			wait = min(backoff, c.MaxWait)
			backoff *= 2
		}
		if err == nil && (status == http.StatusTooManyRequests || status == http.StatusForbidden) {
			// A refusal is about all of our requests, not this one.
			c.lim.pauseUntil(time.Now().Add(wait))
		} else if err := sleep(ctx, wait); err != nil {
			return nil, err
		}
	}
}

// do sends one request. On 200 it returns the open body (closing it
// releases the request's timeout); otherwise it drains and closes it.
func (c *Client) do(ctx context.Context, url string, timeout time.Duration) (io.ReadCloser, int, string, error) {
	ctx, cancel := context.WithTimeout(ctx, timeout)
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		cancel()
		return nil, 0, "", err
	}
	req.Header.Set("User-Agent", c.userAgent)
	c.requests.Add(1)
	resp, err := c.http.Do(req)
	if err != nil {
		cancel()
		return nil, 0, "", err
	}
	if resp.StatusCode != http.StatusOK {
		io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
		resp.Body.Close()
		cancel()
		return nil, resp.StatusCode, resp.Header.Get("Retry-After"), nil
	}
	return &cancelBody{resp.Body, cancel}, resp.StatusCode, "", nil
}

type cancelBody struct {
	io.ReadCloser
	cancel context.CancelFunc
}

func (b *cancelBody) Close() error {
	err := b.ReadCloser.Close()
	b.cancel()
	return err
}

// parseRetryAfter reads a Retry-After header: a number of seconds or an
// HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		if n > 1<<31 {
			n = 1 << 31
		}
		return time.Duration(n) * time.Second, true
	}
	t, err := http.ParseTime(v)
	if err != nil {
		return 0, false
	}
	d := t.Sub(now)
	if d < 0 {
		d = 0
	}
	return d, true
}
