package fetch

import (
	"context"
	"errors"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/exhibits/exhibits/internal/fetch/edgartest"
)

const testUA = "Exhibits Test Suite tests@exhibits.example"

func TestCheckUserAgent(t *testing.T) {
	good := []string{"Jane Doe jane.doe@lawfirm.com", "Acme Research LLC <ops@acme.io>", "Sample Company Name AdminContact@sample.com", "LawLib Research/2.0 (research@lawlib.example)"}
	bad := []string{"", "   ", "jane.doe@lawfirm.com", "Jane Doe", "Mozilla/5.0 (X11; Linux x86_64)", "Go-http-client/1.1", "Jane Doe jane@localhost"}
	for _, ua := range good {
		if err := CheckUserAgent(ua); err != nil {
			t.Errorf("CheckUserAgent(%q) = %v", ua, err)
		}
	}
	for _, ua := range bad {
		err := CheckUserAgent(ua)
		if !errors.Is(err, ErrUserAgent) {
			t.Errorf("CheckUserAgent(%q) = %v, want ErrUserAgent", ua, err)
			continue
		}
		if !strings.Contains(err.Error(), "fair-access policy") || !strings.Contains(err.Error(), UserAgentEnv) {
			t.Errorf("CheckUserAgent(%q): message does not say why or how: %v", ua, err)
		}
		if _, err := NewClient("", ua, 10); err == nil {
			t.Errorf("NewClient with User-Agent %q: no error", ua)
		}
	}
	for _, rate := range []float64{0, -1, 10.5, 50} {
		if _, err := NewClient("", good[0], rate); err == nil {
			t.Errorf("NewClient with rate %v: no error", rate)
		}
	}
}

// maxInWindow is the most requests that arrived within any one window.
func maxInWindow(reqs []edgartest.Request, window time.Duration) int {
	most := 0
	for i := range reqs {
		n := 0
		for j := i; j < len(reqs) && reqs[j].Time.Sub(reqs[i].Time) < window; j++ {
			n++
		}
		most = max(most, n)
	}
	return most
}

func TestRateLimitMeasuredAtServer(t *testing.T) {
	srv := edgartest.New()
	defer srv.Close()
	for _, rate := range []float64{10, 4} {
		srv.ResetLog()
		c, err := NewClient(srv.URL, testUA, rate)
		if err != nil {
			t.Fatal(err)
		}
		n := int(3 * rate)
		var wg sync.WaitGroup
		work := make(chan int)
		for range 8 { // more workers than the rate needs: the limiter must hold them
			wg.Add(1)
			go func() {
				defer wg.Done()
				for range work {
					body, err := c.Get(context.Background(), "/Archives/edgar/full-index/2022/QTR2/form.idx", 0)
					if err != nil {
						t.Error(err)
						continue
					}
					io.Copy(io.Discard, body)
					body.Close()
				}
			}()
		}
		for i := range n {
			work <- i
		}
		close(work)
		wg.Wait()
		reqs := srv.Requests()
		if len(reqs) != n {
			t.Fatalf("rate %v: server saw %d requests, want %d", rate, len(reqs), n)
		}
		most := maxInWindow(reqs, time.Second)
		span := reqs[len(reqs)-1].Time.Sub(reqs[0].Time)
		achieved := float64(n-1) / span.Seconds()
		t.Logf("rate %v: %d requests in %v (%.2f/s), at most %d in any second", rate, n, span.Round(time.Millisecond), achieved, most)
		if most > int(rate) {
			t.Errorf("rate %v: %d requests arrived within one second", rate, most)
		}
		if achieved < 0.8*rate {
			t.Errorf("rate %v: only %.2f requests a second: the limiter is far too slow", rate, achieved)
		}
	}
}

// faultServer answers path with the given statuses in turn, then serves it.
func faultServer(t *testing.T, path string, statuses []int, retryAfter func(i int) string) *edgartest.Server {
	srv := edgartest.New()
	t.Cleanup(srv.Close)
	var mu sync.Mutex
	i := 0
	srv.Fault = func(r *http.Request) (int, string) {
		if r.URL.Path != path {
			return 0, ""
		}
		mu.Lock()
		defer mu.Unlock()
		if i >= len(statuses) {
			return 0, ""
		}
		i++
		ra := ""
		if retryAfter != nil {
			ra = retryAfter(i - 1)
		}
		return statuses[i-1], ra
	}
	return srv
}

func testClient(t *testing.T, url string) *Client {
	c, err := NewClient(url, testUA, MaxRate)
	if err != nil {
		t.Fatal(err)
	}
	c.Backoff = 10 * time.Millisecond
	return c
}

const idx = "/Archives/edgar/full-index/2022/QTR2/form.idx"

func get(c *Client, path string) error {
	body, err := c.Get(context.Background(), path, 0)
	if err == nil {
		_, err = io.Copy(io.Discard, body)
		body.Close()
	}
	return err
}

func TestRetryAfter(t *testing.T) {
	t.Run("seconds", func(t *testing.T) {
		srv := faultServer(t, idx, []int{429, 503}, func(int) string { return "1" })
		if err := get(testClient(t, srv.URL), idx); err != nil {
			t.Fatal(err)
		}
		reqs := srv.Requests()
		if len(reqs) != 3 || reqs[0].Status != 429 || reqs[1].Status != 503 || reqs[2].Status != 200 {
			t.Fatalf("requests: %+v", reqs)
		}
		for i := 1; i < 3; i++ {
			if gap := reqs[i].Time.Sub(reqs[i-1].Time); gap < 950*time.Millisecond {
				t.Errorf("retry %d came %v after the Retry-After: 1 answer", i, gap)
			}
		}
	})
	t.Run("http date", func(t *testing.T) {
		srv := faultServer(t, idx, []int{403}, func(int) string {
			return time.Now().Add(2 * time.Second).UTC().Format(http.TimeFormat)
		})
		if err := get(testClient(t, srv.URL), idx); err != nil {
			t.Fatal(err)
		}
		reqs := srv.Requests()
		if len(reqs) != 2 {
			t.Fatalf("requests: %+v", reqs)
		}
		// The date has whole seconds: two seconds ahead is at least one.
		if gap := reqs[1].Time.Sub(reqs[0].Time); gap < time.Second {
			t.Errorf("retry came %v after a Retry-After two seconds ahead", gap)
		}
	})
	t.Run("bounded", func(t *testing.T) {
		srv := faultServer(t, idx, []int{500, 502, 503, 504, 500}, nil)
		c := testClient(t, srv.URL)
		c.Tries = 3
		err := get(c, idx)
		var he *HTTPError
		if !errors.As(err, &he) || he.Status != 503 || he.Tries != 3 || !strings.Contains(err.Error(), "after 3 tries") {
			t.Fatalf("err = %v", err)
		}
		if n := len(srv.Requests()); n != 3 {
			t.Errorf("%d requests, want 3", n)
		}
	})
	t.Run("too long a wait", func(t *testing.T) {
		srv := faultServer(t, idx, []int{429}, func(int) string { return "3600" })
		c := testClient(t, srv.URL)
		c.MaxWait = time.Minute
		start := time.Now()
		err := get(c, idx)
		if err == nil || !strings.Contains(err.Error(), "Retry-After") || time.Since(start) > 5*time.Second {
			t.Fatalf("err = %v after %v", err, time.Since(start))
		}
	})
	t.Run("not found is final", func(t *testing.T) {
		srv := faultServer(t, idx, []int{404, 404}, nil)
		err := get(testClient(t, srv.URL), idx)
		if !IsNotFound(err) || len(srv.Requests()) != 1 {
			t.Fatalf("err = %v, %d requests", err, len(srv.Requests()))
		}
	})
}

func TestTimeout(t *testing.T) {
	hang := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte("partial"))
		w.(http.Flusher).Flush()
		<-r.Context().Done() // never finishes the body
	}))
	defer hang.Close()
	c := testClient(t, hang.URL)
	c.Timeout = 200 * time.Millisecond
	c.Tries = 2
	start := time.Now()
	err := get(c, "/x")
	if err == nil || !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 3*time.Second {
		t.Errorf("took %v", d)
	}
}

func TestGetRespectsContext(t *testing.T) {
	srv := faultServer(t, idx, []int{503, 503, 503}, func(int) string { return "30" })
	ctx, cancel := context.WithTimeout(context.Background(), 300*time.Millisecond)
	defer cancel()
	start := time.Now()
	_, err := testClient(t, srv.URL).Get(ctx, idx, 0)
	if !errors.Is(err, context.DeadlineExceeded) || time.Since(start) > 2*time.Second {
		t.Fatalf("err = %v after %v", err, time.Since(start))
	}
}
