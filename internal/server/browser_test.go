package server

import (
	"context"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/exhibits/exhibits/internal/browsertest"
)

func browser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t, 90*time.Second)
}

// recordViolations makes every page record its CSP violations in
// window.__csp; the script is added by the browser, outside the page's CSP.
const recordViolations = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});
window.__errors = [];
window.addEventListener("error", function (e) {
  window.__errors.push(String(e.message) + " at " + e.filename + ":" + e.lineno);
});`

// evalT evaluates a script in the current tab.
func evalT[T any](t *testing.T, ctx context.Context, expr string) T {
	t.Helper()
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](expr))
	if err != nil {
		t.Fatalf("%s: %v", expr, err)
	}
	return v
}

func do(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) {
	t.Helper()
	if err := chromedp.Do(ctx, steps...); err != nil {
		t.Fatal(err)
	}
}

// waitFor polls a boolean expression for up to 10 seconds.
func waitFor(t *testing.T, ctx context.Context, expr string) bool {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		if evalT[bool](t, ctx, expr) {
			return true
		}
		if time.Now().After(deadline) {
			return false
		}
		time.Sleep(50 * time.Millisecond)
	}
}

func location(t *testing.T, ctx context.Context) string {
	t.Helper()
	loc, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

const countHits = `document.querySelectorAll("#results li.hit").length`

func TestSearchPageInBrowser(t *testing.T) {
	_, ts := builtSearchSite(t)
	ctx := browser(t)

	do(t, ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: recordViolations})
			return err
		}),
		chromedp.Navigate(ts.URL+"/search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
	)
	if !evalT[bool](t, ctx, `window.__samePage = true; !document.getElementById("static-notice")`) {
		t.Error("static notice shown with the server running")
	}
	// Live results while typing, no submit.
	do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), "nonassessable"))
	waitFor(t, ctx, countHits+` == 4`)
	nHits := evalT[int](t, ctx, countHits)
	marks := evalT[int](t, ctx, `document.querySelectorAll("#results li.hit mark").length`)
	if nHits != 4 || marks == 0 {
		t.Errorf("live results: %d hits, %d marks; want 4 hits with marks", nHits, marks)
	}
	if u, _ := url.Parse(location(t, ctx)); u == nil || u.Query().Get("q") != "nonassessable" {
		t.Errorf("address bar after typing: %s", location(t, ctx))
	}

	// A facet narrows the results in place.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#results a[data-term="Harrow & Pike LLP"]`)))
	waitFor(t, ctx, countHits+` == 1`)
	nHits = evalT[int](t, ctx, countHits)
	loc := location(t, ctx)
	if nHits != 1 || !strings.Contains(loc, "firm=Harrow") || !evalT[bool](t, ctx, `window.__samePage === true`) {
		t.Errorf("after the facet click: %d hits, at %s", nHits, loc)
	}
	text := evalT[string](t, ctx, `document.getElementById("results").innerText`)
	if !strings.Contains(text, "Bluefin Therapeutics") || !strings.Contains(text, "Firm: Harrow & Pike LLP") {
		t.Errorf("results after the facet click: %q", text)
	}
	// The filter stays while the query changes, and the form shows it.
	do(t, ctx, chromedp.SendKeys(chromedp.ID("q"), " paid"))
	time.Sleep(500 * time.Millisecond)
	waitFor(t, ctx, `location.search.indexOf("paid") >= 0`)
	if n, loc := evalT[int](t, ctx, countHits), location(t, ctx); n != 1 || !strings.Contains(loc, "firm=Harrow") || !strings.Contains(loc, "paid") {
		t.Errorf("typing after the facet click: %d hits at %s", n, loc)
	}
	if v := evalT[string](t, ctx, `document.querySelector('#search-form [name="firm"]').value`); v != "Harrow & Pike LLP" {
		t.Errorf("firm field shows %q", v)
	}
	// Clicking the active term lifts the filter.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#results a.active[data-term="Harrow & Pike LLP"]`)))
	if !waitFor(t, ctx, countHits+` == 4`) {
		t.Errorf("after lifting the facet: %d hits", evalT[int](t, ctx, countHits))
	}

	// A bad query shows its reason.
	evalT[string](t, ctx, `document.getElementById("q").value = ""`)
	do(t, ctx,
		chromedp.SendKeys(chromedp.ID("q"), "*issued"),
		chromedp.WaitVisible(chromedp.CSS(`#results .search-error`)),
	)

	// Names are suggested in the firm filter.
	do(t, ctx, chromedp.SendKeys(chromedp.CSS(`#search-form [name="firm"]`), "Qui"))
	if !waitFor(t, ctx, `Array.from(document.querySelectorAll("#suggest-firm option")).some(function (o) { return o.value === "Quill, Marsh & Dunmore"; })`) {
		t.Error("no suggestion for Qui in the firm filter")
	}
	if v := evalT[[]string](t, ctx, `window.__errors`); len(v) != 0 {
		t.Errorf("script errors: %v", v)
	}

	// The page itself broke no CSP rule...
	if v := evalT[[]string](t, ctx, `window.__csp`); len(v) != 0 {
		t.Errorf("CSP violations: %v", v)
	}
	// Nor do the site's other pages, under the server's policy.
	for _, p := range []string{"/", "/letters/" + testLetters[0].id + "/", "/firms/", "/about/", "/nope"} {
		do(t, ctx, chromedp.Navigate(ts.URL+p))
		time.Sleep(100 * time.Millisecond)
		if v := evalT[[]string](t, ctx, `window.__csp`); len(v) != 0 {
			t.Errorf("%s: CSP violations: %v", p, v)
		}
	}
	do(t, ctx, chromedp.Navigate(ts.URL+"/search/?q=nonassessable"))
	waitFor(t, ctx, countHits+` == 4`)

	// ...and the policy is live: an inline script is refused, and reported.
	evalT[int](t, ctx, `var s = document.createElement("script"); s.textContent = "window.__inline = true"; document.body.appendChild(s); 0`)
	time.Sleep(200 * time.Millisecond)
	ran := evalT[bool](t, ctx, `window.__inline === true`)
	if v := evalT[[]string](t, ctx, `window.__csp`); ran || len(v) == 0 {
		t.Errorf("inline script ran: %v; violations seen: %v", ran, v)
	}
}

func TestSearchPageWithoutJavaScript(t *testing.T) {
	_, ts := builtSearchSite(t)
	ctx := browser(t)
	do(t, ctx,
		chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
			_, err := cdp.Call(ctx, tg, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true})
			return err
		}),
		chromedp.Navigate(ts.URL+"/search/"),
		chromedp.WaitVisible(chromedp.ID("q")),
		// Submit the form the old way.
		chromedp.SendKeys(chromedp.ID("q"), "nonassessable\r"),
		chromedp.WaitVisible(chromedp.CSS(`#results li.hit`)),
	)
	// Evaluate runs through DevTools, which is not the page's scripting.
	nHits := evalT[int](t, ctx, countHits)
	loc := location(t, ctx)
	if nHits != 4 || !strings.Contains(loc, "q=nonassessable") {
		t.Errorf("server-rendered: %d hits at %s, want 4", nHits, loc)
	}
	// The results came with a page load of the query's address, not from
	// the script.
	if nav := evalT[string](t, ctx, `performance.getEntriesByType("navigation")[0].name`); !strings.Contains(nav, "q=nonassessable") {
		t.Errorf("results page was loaded from %s, not by the form", nav)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`#results a[data-term="Quill, Marsh & Dunmore"]`)),
		chromedp.WaitVisible(chromedp.CSS(`#results .active-filters`)),
	)
	nHits = evalT[int](t, ctx, countHits)
	text := evalT[string](t, ctx, `document.getElementById("results").innerText`)
	if nHits != 2 || !strings.Contains(text, "Northwind Energy") {
		t.Errorf("after the facet link: %d hits; %q", nHits, text)
	}
	// The filer's <script> in a letter is text on the page.
	if n := evalT[int](t, ctx, `document.querySelectorAll("#results script").length`); n != 0 {
		t.Errorf("%d script elements in the results", n)
	}
}
