// Live search for the archive's /search/ page.
//
// The page works without this script: the server renders the results
// into <div id="results">. With it, results follow the query as it is
// typed, facets act as filters and the address bar keeps the search, all
// through /api/search. The markup built here matches what the server
// renders (internal/server/searchpage.go). Nothing is ever written with
// innerHTML: highlighted fragments are split on <mark> and added as text.
(function () {
  "use strict";

  var results = document.getElementById("results");
  // The page's own form, not the site header's quick search box.
  var input = document.querySelector('#search-form input[name="q"]') ||
    document.getElementById("q") || document.querySelector('input[name="q"]');
  if (!results || !input) {
    return;
  }
  if (document.getElementById("static-notice")) {
    // The server removes the notice; with it still there this is a static
    // copy of the site, with no server to ask.
    return;
  }
  var form = input.form;
  var PARAMS = ["q", "firm", "issuer", "plan", "form", "jurisdiction", "from", "to", "sort", "size", "page"];
  var FACETS = [
    ["firm", "Firm", "firm"],
    ["issuer", "Issuer", "issuer"],
    ["plan", "Plan", "plan"],
    ["form", "Form", "form"],
    ["jurisdiction", "Jurisdiction", "jurisdiction"],
    ["year", "Year", ""]
  ];
  var ACTIVE = [
    ["firm", "Firm"], ["issuer", "Issuer"], ["plan", "Plan"], ["form", "Form"],
    ["jurisdiction", "Jurisdiction"], ["from", "From"], ["to", "To"]
  ];
  var DEFAULT_SIZE = 20;
  var MAX_WINDOW = 10000;

  var state = fromQuery(window.location.search);
  var timer = 0;
  var inflight = null;
  var generation = 0;

  function fromQuery(search) {
    var p = new URLSearchParams(search);
    var s = {};
    PARAMS.forEach(function (k) {
      var v = p.get(k);
      if (v !== null && v !== "") {
        s[k] = v;
      }
    });
    return s;
  }

  function toQuery(s) {
    var p = new URLSearchParams();
    PARAMS.forEach(function (k) {
      if (s[k]) {
        p.set(k, s[k]);
      }
    });
    return p.toString();
  }

  function isEmpty(s) {
    return !["q", "firm", "issuer", "plan", "form", "jurisdiction", "from", "to"].some(function (k) {
      return s[k];
    });
  }

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      e.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) {
      e.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
    });
    return e;
  }

  function decode(s) {
    return s.replace(/&(#x[0-9a-f]+|#[0-9]+|amp|lt|gt|quot|apos);/gi, function (m, code) {
      var c = code.toLowerCase();
      if (c === "amp") return "&";
      if (c === "lt") return "<";
      if (c === "gt") return ">";
      if (c === "quot") return '"';
      if (c === "apos") return "'";
      var n = c.charAt(1) === "x" ? parseInt(c.slice(2), 16) : parseInt(c.slice(1), 10);
      try {
        return String.fromCodePoint(n);
      } catch (e) {
        return m;
      }
    });
  }

  // fragment turns "escaped text with <mark>…</mark>" into DOM nodes.
  function fragment(html) {
    var p = el("p", { "class": "fragment" });
    var parts = html.split(/(<mark>|<\/mark>)/);
    var mark = null;
    parts.forEach(function (part) {
      if (part === "<mark>") {
        mark = el("mark");
      } else if (part === "</mark>") {
        if (mark) {
          p.appendChild(mark);
        }
        mark = null;
      } else if (part !== "") {
        (mark || p).appendChild(document.createTextNode(decode(part)));
      }
    });
    if (mark) {
      p.appendChild(mark);
    }
    return p;
  }

  function searchHref(s) {
    return "/search/?" + toQuery(s);
  }

  function copy(s) {
    var c = {};
    Object.keys(s).forEach(function (k) {
      c[k] = s[k];
    });
    delete c.page;
    return c;
  }

  function fragmentFields(frags) {
    var first = ["title", "firm", "issuer", "plan", "body"];
    var fields = first.filter(function (f) {
      return frags[f];
    });
    Object.keys(frags).forEach(function (f) {
      if (first.indexOf(f) < 0) {
        fields.push(f);
      }
    });
    return fields;
  }

  function render(s, data) {
    var size = parseInt(s.size || DEFAULT_SIZE, 10);
    var page = parseInt(s.page || "1", 10);
    var start = (page - 1) * size + 1;
    var nodes = [];
    var summary;
    if (data.total === 0) {
      summary = "No letters match.";
    } else if (data.total === 1) {
      summary = "1 letter matches.";
    } else {
      summary = data.total + " letters match; " + start + "–" + (start + data.hits.length - 1) + " shown.";
    }
    nodes.push(el("p", { "class": "search-summary", role: "status" }, [summary]));

    var active = ACTIVE.filter(function (a) {
      return s[a[0]];
    });
    if (active.length) {
      nodes.push(el("ul", { "class": "active-filters" }, active.map(function (a) {
        var rm = copy(s);
        delete rm[a[0]];
        return el("li", {}, [a[1] + ": " + s[a[0]] + " ",
          el("a", { href: searchHref(rm), "class": "remove-filter", "aria-label": "Remove filter " + a[1] + ": " + s[a[0]] }, ["×"])]);
      })));
    }

    var hits = el("ol", { "class": "hits", start: String(start) }, data.hits.map(function (h) {
      var meta = el("p", { "class": "hit-meta" });
      var parts = [];
      if (h.date) {
        parts.push(el("time", {}, [h.date]));
      }
      [["hit-firm", h.firm, "; "], ["hit-issuer", h.issuer, "; "], ["hit-form", h.form, ", "]].forEach(function (x) {
        if (x[1] && x[1].length) {
          parts.push(el("span", { "class": x[0] }, [x[1].join(x[2])]));
        }
      });
      parts.forEach(function (n, i) {
        if (i > 0) meta.appendChild(document.createTextNode(" · "));
        meta.appendChild(n);
      });
      var li = el("li", { "class": "hit" }, [
        el("h3", { "class": "hit-title" }, [el("a", { href: safeHref(h.permalink) }, [h.title || h.id])]),
        meta
      ]);
      var frags = h.fragments || {};
      fragmentFields(frags).forEach(function (f) {
        frags[f].forEach(function (x) {
          li.appendChild(fragment(x));
        });
      });
      return li;
    }));

    var body = el("div", { "class": "search-body" }, [hits]);
    var facets = FACETS.filter(function (f) {
      return data.facets && data.facets[f[0]] && data.facets[f[0]].length;
    });
    if (facets.length) {
      body.appendChild(el("aside", { "class": "facets", "aria-label": "Refine the results" }, facets.map(function (f) {
        return el("section", { "class": "facet", "data-facet": f[0] }, [
          el("h2", {}, [f[1]]),
          el("ul", {}, data.facets[f[0]].map(function (t) {
            var v = copy(s);
            var on;
            // A click on an active term lifts the filter.
            if (f[2] === "") {
              on = v.from === t.term + "-01-01" && v.to === t.term + "-12-31";
              if (on) {
                delete v.from;
                delete v.to;
              } else {
                v.from = t.term + "-01-01";
                v.to = t.term + "-12-31";
              }
            } else {
              on = v[f[2]] === t.term;
              if (on) delete v[f[2]]; else v[f[2]] = t.term;
            }
            var attrs = { href: searchHref(v), "data-term": t.term };
            if (on) {
              attrs["class"] = "active";
              attrs["aria-current"] = "true";
            }
            return el("li", {}, [el("a", attrs, [t.term]), " ", el("span", { "class": "count" }, [String(t.count)])]);
          }))
        ]);
      })));
    }
    nodes.push(body);

    var pages = Math.ceil(Math.min(data.total, MAX_WINDOW) / size);
    if (page > 1 || page < pages) {
      var nav = el("nav", { "class": "pager", "aria-label": "Result pages" });
      if (page > 1) {
        var pv = copy(s);
        if (page > 2) pv.page = String(page - 1);
        nav.appendChild(el("a", { href: searchHref(pv), rel: "prev" }, ["← Previous"]));
      }
      nav.appendChild(el("span", {}, ["Page " + page + " of " + pages]));
      if (page < pages) {
        var nv = copy(s);
        nv.page = String(page + 1);
        nav.appendChild(el("a", { href: searchHref(nv), rel: "next" }, ["Next →"]));
      }
      nodes.push(nav);
    }
    show(nodes);
  }

  function safeHref(u) {
    return /^(\/|https?:)/i.test(u || "") ? u : "#";
  }

  function show(nodes) {
    while (results.firstChild) {
      results.removeChild(results.firstChild);
    }
    nodes.forEach(function (n) {
      results.appendChild(n);
    });
    results.setAttribute("aria-busy", "false");
  }

  function showError(msg) {
    show([el("p", { "class": "search-error", role: "alert" }, [msg])]);
  }

  function run(s, push) {
    state = s;
    var qs = toQuery(s);
    var url = "/search/" + (qs ? "?" + qs : "");
    if (push) {
      window.history.pushState(null, "", url);
    } else {
      window.history.replaceState(null, "", url);
    }
    if (inflight) {
      inflight.abort();
      inflight = null;
    }
    if (isEmpty(s)) {
      show([]);
      return;
    }
    var mine = ++generation;
    var ctl = new AbortController();
    inflight = ctl;
    results.setAttribute("aria-busy", "true");
    fetch("/api/search?" + qs, { signal: ctl.signal, headers: { Accept: "application/json" } })
      .then(function (resp) {
        return resp.json().then(function (data) {
          return { ok: resp.ok, data: data };
        }, function () {
          throw new Error("search is not available here: it needs the archive's server (exhibits serve)");
        });
      })
      .then(function (r) {
        if (mine !== generation) return;
        if (!r.ok) {
          showError(r.data && r.data.error ? r.data.error : "the search failed");
          return;
        }
        render(s, r.data);
      })
      .catch(function (err) {
        if (err.name === "AbortError" || mine !== generation) return;
        showError(err.message || "the search failed");
      });
  }

  var FIELDS = ["firm", "issuer", "plan", "form", "jurisdiction", "from", "to", "sort"];

  // syncForm shows the search's state in the form, so that what the form
  // says and what is searched never differ.
  function syncForm(s) {
    input.value = s.q || "";
    if (!form) return;
    FIELDS.forEach(function (k) {
      var f = form.elements.namedItem(k);
      if (f && "value" in f) {
        if (k === "sort") {
          f.value = s.sort || (f.options && f.options.length ? f.options[0].value : "");
        } else {
          f.value = s[k] || "";
        }
      }
    });
  }

  function fromForm() {
    var s = copy(state);
    s.q = input.value.trim();
    if (!s.q) delete s.q;
    if (form) {
      var data = new FormData(form);
      FIELDS.forEach(function (k) {
        var v = data.get(k);
        if (v !== null) {
          v = String(v).trim();
          if (v && !(k === "sort" && v === "relevance")) s[k] = v; else delete s[k];
        }
      });
    }
    return s;
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      run(fromForm(), false);
    }, 200);
  });

  if (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      window.clearTimeout(timer);
      run(fromForm(), true);
    });
    // Filters and sort take effect as soon as they change.
    form.addEventListener("change", function (ev) {
      if (ev.target === input) return;
      window.clearTimeout(timer);
      run(fromForm(), true);
    });
  }

  // Facets, pager and filter removal are links to /search/?…: follow them
  // in place.
  results.addEventListener("click", function (ev) {
    var a = ev.target.closest ? ev.target.closest("a") : null;
    if (!a || ev.button !== 0 || ev.metaKey || ev.ctrlKey || ev.shiftKey || ev.altKey) return;
    var u = new URL(a.href, window.location.href);
    if (u.origin !== window.location.origin || u.pathname !== "/search/") return;
    ev.preventDefault();
    run(fromQuery(u.search), true);
    syncForm(state);
  });

  // Names as you type them into the firm, issuer and plan filters.
  if (form) {
    ["firm", "issuer", "plan"].forEach(function (k) {
      var f = form.elements.namedItem(k);
      if (!f || f.tagName !== "INPUT" || f.getAttribute("list")) return;
      var list = el("datalist", { id: "suggest-" + k });
      form.appendChild(list);
      f.setAttribute("list", list.id);
      f.setAttribute("autocomplete", "off");
      var t = 0;
      var ctl = null;
      f.addEventListener("input", function () {
        window.clearTimeout(t);
        t = window.setTimeout(function () {
          var prefix = f.value.trim();
          if (ctl) ctl.abort();
          if (prefix.length < 2) return;
          ctl = new AbortController();
          fetch("/api/suggest?n=20&prefix=" + encodeURIComponent(prefix), { signal: ctl.signal })
            .then(function (r) { return r.ok ? r.json() : { suggestions: [] }; })
            .then(function (data) {
              while (list.firstChild) list.removeChild(list.firstChild);
              (data.suggestions || []).forEach(function (sg) {
                if (sg.field === k) {
                  list.appendChild(el("option", { value: sg.name }, [sg.count + (sg.count === 1 ? " letter" : " letters")]));
                }
              });
            })
            .catch(function () {});
        }, 150);
      });
    });
  }

  window.addEventListener("popstate", function () {
    state = fromQuery(window.location.search);
    syncForm(state);
    run(state, false);
  });

  if (!isEmpty(state) && !results.querySelector(".search-summary, .search-error")) {
    run(state, false);
  }
}());
