// exhibits: small enhancements. The site works without this file.
(function () {
  "use strict";

  // The site may be built with a site-relative base URL; citations should
  // carry an absolute permanent link, so complete it from this origin.
  function absolutize() {
    var spans = document.querySelectorAll(".abs-url[data-path]");
    for (var i = 0; i < spans.length; i++) {
      var t = spans[i].textContent;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(t) && /^https?:$/.test(location.protocol)) {
        spans[i].textContent = location.origin + spans[i].getAttribute("data-path");
      }
    }
  }

  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text;
    ta.setAttribute("readonly", "");
    ta.className = "visually-hidden";
    document.body.appendChild(ta);
    ta.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
    document.body.removeChild(ta);
    return ok;
  }

  function say(msg) {
    var s = document.querySelector(".copy-status");
    if (s) { s.textContent = msg; }
  }

  function copy(btn) {
    var el = document.getElementById(btn.getAttribute("data-copy"));
    if (!el) { return; }
    var text = el.textContent;
    var label = btn.textContent;
    var done = function () {
      btn.textContent = "Copied";
      say("Copied to the clipboard.");
      setTimeout(function () { btn.textContent = label; }, 2000);
    };
    var failed = function () {
      // Leave the text selected so the reader can copy it by hand.
      var r = document.createRange();
      r.selectNodeContents(el);
      var sel = window.getSelection();
      sel.removeAllRanges();
      sel.addRange(r);
      say("Press Ctrl+C (⌘C) to copy the selected text.");
    };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () {
        if (fallbackCopy(text)) { done(); } else { failed(); }
      });
    } else if (fallbackCopy(text)) {
      done();
    } else {
      failed();
    }
  }

  function init() {
    absolutize();
    var buttons = document.querySelectorAll("button.copy[data-copy]");
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function (ev) { copy(ev.currentTarget); });
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
