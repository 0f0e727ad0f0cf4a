package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	"github.com/chromedp/cdproto/emulation"
	cdppage "github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"github.com/exhibits/exhibits/internal/browsertest"
)

func newBrowser(t *testing.T) context.Context {
	t.Helper()
	return browsertest.New(t, 90*time.Second, chromedp.WindowSize(1280, 900))
}

// serve serves a built site as a static file server would.
func serve(t *testing.T, public string) *httptest.Server {
	ts := httptest.NewServer(http.FileServer(http.Dir(public)))
	t.Cleanup(ts.Close)
	return ts
}

// recordViolations makes each page keep its CSP violations in
// window.__csp (added by the browser, outside the page's own policy).
const recordViolations = `window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__csp.push(e.violatedDirective + " " + e.blockedURI);
});`

func addScript(src string) chromedp.Action[chromedp.Void] {
	return chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, cdppage.AddScriptToEvaluateOnNewDocument, cdppage.AddScriptToEvaluateOnNewDocumentParams{Source: src})
		return err
	})
}

func eval[T any](t *testing.T, ctx context.Context, expr string) T {
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

// until polls a JavaScript condition until it holds, riding over the
// moments when a navigation replaces the page being asked.
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

// screenshotDir is $EXHIBITS_SCREENSHOTS, or a temporary directory.
func screenshotDir(t *testing.T) string {
	if d := os.Getenv("EXHIBITS_SCREENSHOTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	png, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, name), png, 0o644); err != nil {
		t.Fatal(err)
	}
}

// follow clicks the link to href and waits for the page it loads.
func follow(t *testing.T, ctx context.Context, href string) {
	t.Helper()
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`main a[href="`+href+`"]`)),
		until(`location.pathname === "`+href+`" && document.readyState === "complete"`),
	)
}

// A reader goes home → firms → a firm → a letter and copies its citation.
func TestBrowseAndCite(t *testing.T) {
	ctx := newBrowser(t)
	public := build(t, newSite(t))
	ts := serve(t, public)
	shots := screenshotDir(t)
	if err := chromedp.Do(ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		for _, name := range []string{"clipboard-read", "clipboard-write"} {
			if _, err := chromedp.CallBrowser(ctx, browser.SetPermission, browser.SetPermissionParams{
				Permission: &browser.PermissionDescriptor{Name: name, AllowWithoutSanitization: true},
				Setting:    browser.PermissionSettingGranted, Origin: ts.URL,
			}); err != nil {
				return err
			}
		}
		return nil
	})); err != nil {
		t.Fatal(err)
	}
	do(t, ctx, addScript(recordViolations), chromedp.Navigate(ts.URL+"/"), chromedp.WaitVisible(chromedp.ID("count-letters")))
	screenshot(t, ctx, shots, "1-home.png")
	if n := eval[string](t, ctx, `document.getElementById("count-letters").textContent`); n != "5" {
		t.Errorf("home shows %s letters", n)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`nav a[href="/firms/"]`)),
		until(`location.pathname === "/firms/" && document.readyState === "complete"`),
	)
	screenshot(t, ctx, shots, "2-firms.png")
	follow(t, ctx, "/firms/marlow-keane-llp/")
	screenshot(t, ctx, shots, "3-firm.png")
	id := "0001193125-22-186192-ex5-1"
	follow(t, ctx, "/letters/"+id+"/")
	screenshot(t, ctx, shots, "4-letter.png")

	want := eval[string](t, ctx, `document.getElementById("cite-bluebook").textContent`)
	if !strings.HasPrefix(want, "Quillfeather Sys., Inc., Registration Statement (Form S-3ASR) ex. 5.1 (June 30, 2022) (opinion of Marlow Keane LLP)") ||
		!strings.HasSuffix(want, "["+ts.URL+"/letters/"+id+"/].") {
		t.Errorf("citation on the page: %q", want)
	}
	do(t, ctx,
		chromedp.Click(chromedp.CSS(`button[data-copy="cite-bluebook"]`)),
		until(`document.querySelector(".copy-status").textContent.indexOf("Copied") >= 0`),
	)
	got, err := chromedp.Run(ctx, chromedp.Evaluate[string](`navigator.clipboard.readText()`, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the clipboard: %v", err)
	}
	if got != want {
		t.Errorf("clipboard holds %q, want %q", got, want)
	}
	// The other formats open with a click (no script) and are selectable.
	do(t, ctx, chromedp.Click(chromedp.CSS(`#cite-ris-h`)), until(`document.getElementById("cite-ris").offsetHeight > 0`))
	if sel := eval[string](t, ctx, `(function(){var r=document.createRange();r.selectNodeContents(document.getElementById("cite-ris"));var s=getSelection();s.removeAllRanges();s.addRange(r);return s.toString()})()`); !strings.HasPrefix(sel, "TY  - GEN") {
		t.Errorf("RIS not selectable: %q", sel)
	}
	if v := eval[[]string](t, ctx, `window.__csp`); len(v) != 0 {
		t.Errorf("CSP violations: %v", v)
	}
	// Printed: the letter, its details and the Bluebook citation; no
	// navigation, buttons or related letters.
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{Media: "print"})
		return err
	}))
	shown := func(sel string) bool {
		return eval[bool](t, ctx, `(function(){var e=document.querySelector(`+"`"+sel+"`"+`);return !!e && getComputedStyle(e).display !== "none" && e.getClientRects().length > 0})()`)
	}
	for sel, want := range map[string]bool{".letter-body": true, ".metadata": true, "#cite-bluebook": true,
		".site-header": false, ".site-footer": false, ".neighbours": false, "button.copy": false, "details.cite-block": false} {
		if got := shown(sel); got != want {
			t.Errorf("printed, %s shown: %v, want %v", sel, got, want)
		}
	}
	pdf, err := chromedp.Run(ctx, chromedp.PrintToPDF())
	if err != nil || len(pdf) < 1000 {
		t.Errorf("printing: %v (%d bytes)", err, len(pdf))
	} else {
		os.WriteFile(filepath.Join(shots, "6-letter-print.pdf"), pdf, 0o644)
	}
	do(t, ctx, chromedp.Func(func(ctx context.Context, tg *chromedp.Target) error {
		_, err := cdp.Call(ctx, tg, emulation.SetEmulatedMedia, emulation.SetEmulatedMediaParams{})
		return err
	}))
	// Narrow screens: one column, nothing wider than the screen.
	do(t, ctx, chromedp.EmulateViewport(390, 844), chromedp.Reload(), chromedp.WaitVisible(chromedp.ID("cite")))
	if w := eval[bool](t, ctx, `document.documentElement.scrollWidth <= 390`); !w {
		t.Errorf("letter page scrolls sideways at 390px: %v", eval[int](t, ctx, `document.documentElement.scrollWidth`))
	}
	screenshot(t, ctx, shots, "5-letter-phone.png")
	t.Logf("screenshots in %s", shots)
}
