package fetch

import (
	"fmt"
	"io"
	"strings"
	"time"
)

// startProgress redraws a progress line on o.Progress a few times a
// second until the returned func is called, which clears it.
func (r *run) startProgress(total int) (stop func()) {
	if r.Progress == nil {
		return func() {}
	}
	start := time.Now()
	sent := r.Client.Requests()
	done := make(chan struct{})
	finished := make(chan struct{})
	draw := func() {
		r.mu.Lock()
		s := *r.sum
		r.mu.Unlock()
		n := int(r.done.Load())
		const width = 24
		fill := 0
		if total > 0 {
			fill = n * width / total
		}
		elapsed := time.Since(start)
		rate := float64(r.Client.Requests()-sent) / max(elapsed.Seconds(), 0.001)
		eta := ""
		if n > 0 && n < total {
			eta = " · " + (elapsed / time.Duration(n) * time.Duration(total-n)).Round(time.Second).String() + " left"
		}
		fmt.Fprintf(r.Progress, "\r[%s%s] %d/%d filings · %d letters · %d failed · %.1f req/s%s\033[K",
			strings.Repeat("#", fill), strings.Repeat(".", width-fill), n, total, s.Letters, len(s.Failed), rate, eta)
	}
	go func() {
		defer close(finished)
		t := time.NewTicker(200 * time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				fmt.Fprint(r.Progress, "\r\033[K")
				return
			case <-t.C:
				draw()
			}
		}
	}()
	return func() {
		close(done)
		<-finished
	}
}

// Report writes the summary for a person: counts, then each failure.
func (s *Summary) Report(w io.Writer) {
	qs := make([]string, len(s.Quarters))
	for i, q := range s.Quarters {
		qs[i] = q.String()
	}
	fmt.Fprintf(w, "fetch: %d filings seen in %s\n", s.Seen, strings.Join(qs, ", "))
	fmt.Fprintf(w, "  %d letters fetched from %d filings\n", s.Letters, s.Filings)
	fmt.Fprintf(w, "  %d filings skipped: %d already complete, %d without an Exhibit 5\n",
		s.Complete+s.NoExhibit, s.Complete, s.NoExhibit)
	if s.BadLines > 0 {
		fmt.Fprintf(w, "  %d index lines unreadable, skipped\n", s.BadLines)
	}
	fmt.Fprintf(w, "  %d failed\n", len(s.Failed))
	for _, f := range s.Failed {
		fmt.Fprintf(w, "    %s\n", f)
	}
	fmt.Fprintf(w, "  %d requests in %s\n", s.Requests, s.Elapsed.Round(100*time.Millisecond))
}
