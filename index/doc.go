// Package index is the archive's full-text search: a Bleve index of
// content/letters (the same pages the site is built from), its query
// language, and searches with facets and highlighted snippets.
//
// Update builds or updates the index of a site under site/.exhibits/index,
// one generation at a time, swapped in atomically; Open returns a Searcher
// that follows the current generation. Facets and filters are computed from
// an in-memory column of each letter's names rather than from Bleve, and
// phrases are matched through an index of adjacent word pairs, which keeps
// searches over 100,000 letters fast; see bench/search.
//
// The query language (documented for users in content/search/help.md):
//
//	word "a phrase" +required -excluded   plain words rank by how many match
//	firm:cooley firm:"Harrow & Pike LLP"  also issuer:, plan:, form:, law:
//	year:2021 year:2019..2021             date:2020-06 date:>=2020-01-01 date:2019..2021
//	word~ word~2 word* wo?d /regexp/      a AND b, NOT a
//
// Every mistake in a request is an error wrapping ErrBadQuery.
package index
