package server

// The HTTP interface, as served by exhibits serve:
//
//	GET /                      the site: files from DIR/public (index.html for a
//	                           directory, public/404.html for anything missing)
//	GET /search/?q=…           the site's search page with the results rendered in
//	                           (works without JavaScript; static/js/search.js makes
//	                           it live through the API below)
//	GET /api/search            q, firm, issuer, plan, form, jurisdiction, from, to
//	                           (YYYY-MM-DD), sort (relevance|date), page, size:
//	                           {"total", "took" (milliseconds), "page", "size",
//	                            "hits": [{"id", "permalink", "title", "date", "firm",
//	                                      "issuer", "form", "fragments": {field: [html]}}],
//	                            "facets": {"firm"|"issuer"|"form"|"jurisdiction"|"year":
//	                                       [{"term", "count"}]}}
//	GET /api/suggest?prefix=…  {"suggestions": [{"field", "name", "count"}]} for firm,
//	                           issuer and plan names (n= caps the list, at most 50)
//
// Fragments are HTML-escaped text whose only markup is <mark>. A mistake in
// a request (query syntax, a query over MaxQueryBytes, a leading wildcard,
// a regexp that would scan every term, a bad date or number, a page past
// MaxResultWindow) answers 400 with {"error": "…"}. At most MaxSearches
// searches run at once; one that finds no free slot within QueueTimeout, or
// runs out of its own SearchTimeout, answers 503. size is cut to
// MaxPageSize.
//
// Every answer carries the security headers (see headers.go). Only GET and
// HEAD are allowed; only files inside public/ are served: "." and ".."
// elements and hidden files are refused before any lookup (a deeper
// dot-element is served only as a page: a term named ".NET Partners LLP"),
// and every lookup goes through an os.Root, which keeps symlinks from
// leading out.
