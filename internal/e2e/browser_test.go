package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"sort"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/exhibits/exhibits/internal/browsertest"
)

// newBrowser starts a headless Chromium with a fresh profile.
func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t, 75*time.Second)
}

func addScript(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

// eval evaluates expr in the current tab, trying again for a moment when
// a navigation replaced the page under it.
func eval[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	var err error
	for try := 0; try < 5; try++ {
		var v T
		if v, err = chromedp.Run(ctx, chromedp.Evaluate[T](expr)); err == nil {
			return v
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%s: %v", expr, err)
	panic("unreachable")
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// until polls a JavaScript condition, riding over navigations.
func until(expr string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, tg *chromedp.Target) (chromedp.Void, error) {
		deadline := time.Now().Add(15 * time.Second)
		for {
			ok, err := chromedp.Evaluate[bool](expr)(ctx, tg)
			if err == nil && ok {
				return chromedp.Void{}, nil
			}
			if time.Now().After(deadline) {
				return chromedp.Void{}, fmt.Errorf("waiting for %s: %v", expr, err)
			}
			time.Sleep(50 * time.Millisecond)
		}
	}
}

// trap runs before any page script: every payload in the hostile letters
// sets window.__e2e, and every set is recorded, so a payload that ran and
// then navigated away is still caught. Dialogs are counted, CSP violations
// recorded.
const trap = `(function () {
  var value;
  window.__sets = [];
  Object.defineProperty(window, "__e2e", {
    configurable: false,
    get: function () { return value; },
    set: function (v) { value = v; window.__sets.push(String(v)); }
  });
  window.__dialogs = 0;
  window.alert = window.confirm = window.prompt = function () { window.__dialogs++; };
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__csp.push(e.violatedDirective + " " + e.blockedURI);
  });
})();`

// poke makes the page fire the events a reader would: hover, focus and
// mouse events on every element, and a scroll to the end.
const poke = `(function () {
  document.querySelectorAll("body *").forEach(function (e) {
    ["mouseover", "mouseenter", "mousemove", "focus", "animationstart"].forEach(function (ev) {
      e.dispatchEvent(new Event(ev, {bubbles: true}));
    });
  });
  window.scrollTo(0, document.body ? document.body.scrollHeight : 0);
  return true;
})()`

// beacon counts requests: the hostile letters' payloads, if any ran or
// loaded, would hit it.
type beacon struct {
	*httptest.Server
	mu   sync.Mutex
	hits []string
}

func newBeacon(t *testing.T) *beacon {
	b := &beacon{}
	b.Server = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b.mu.Lock()
		b.hits = append(b.hits, r.URL.Path)
		b.mu.Unlock()
		w.Header().Set("Content-Type", "text/plain")
		w.Write([]byte("hit"))
	}))
	t.Cleanup(b.Close)
	return b
}

func (b *beacon) Reset() {
	b.mu.Lock()
	b.hits = nil
	b.mu.Unlock()
}

// URL is the address the payloads call.
func (b *beacon) URL() string { return b.Server.URL + "/beacon" }

func (b *beacon) Hits() []string {
	b.mu.Lock()
	defer b.mu.Unlock()
	h := append([]string(nil), b.hits...)
	sort.Strings(h)
	return h
}

// checkInert loads a page in the browser, pokes it, and fails the test
// for anything that ran (see whatRan).
func checkInert(t *testing.T, ctx context.Context, origin, path string) {
	t.Helper()
	for _, p := range whatRan(t, ctx, origin, path) {
		t.Errorf("%s: %s", path, p)
	}
}

// whatRan loads origin+path, fires a reader's events at it, and lists what
// ran or loaded: a set of window.__e2e, a dialog, a navigation away (a
// meta refresh), a CSP violation (under the server's policy it means
// hostile markup reached the browser and only the policy stopped it), a
// resource from another origin, a frame, object or image.
func whatRan(t *testing.T, ctx context.Context, origin, path string) []string {
	t.Helper()
	var ran []string
	do(t, ctx, chromedp.Navigate(origin+path), until(`document.readyState === "complete"`))
	// A page that navigates away (a meta refresh) may do so under the
	// poke: that is for the checks below to see, not an error.
	chromedp.Run(ctx, chromedp.Evaluate[bool](poke))
	time.Sleep(250 * time.Millisecond)
	do(t, ctx, until(`document.readyState === "complete"`))
	if loc := eval[string](t, ctx, `location.href`); loc != origin+path {
		ran = append(ran, "navigated to "+loc)
	}
	if sets := eval[[]string](t, ctx, `window.__sets`); len(sets) != 0 {
		ran = append(ran, fmt.Sprintf("payloads ran: window.__e2e set to %q", sets))
	}
	if v := eval[string](t, ctx, `String(window.__e2e)`); v != "undefined" {
		ran = append(ran, "window.__e2e = "+v)
	}
	if n := eval[int](t, ctx, `window.__dialogs`); n != 0 {
		ran = append(ran, fmt.Sprintf("%d dialogs opened", n))
	}
	if v := eval[[]string](t, ctx, `window.__csp`); len(v) != 0 {
		ran = append(ran, fmt.Sprintf("CSP had to block: %q", v))
	}
	for _, r := range eval[[]string](t, ctx, `performance.getEntriesByType("resource").map(function (e) { return e.name; })`) {
		if !strings.HasPrefix(r, origin+"/") {
			ran = append(ran, "loaded "+r)
		}
	}
	if n := eval[int](t, ctx, `document.querySelectorAll("iframe, frame, object, embed, img, svg, video, audio").length`); n != 0 {
		ran = append(ran, fmt.Sprintf("%d frames, objects, embeds or images in the page", n))
	}
	return ran
}
