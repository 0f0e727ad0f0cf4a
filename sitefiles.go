// Package exhibits carries the site's default files (Hugo config, layouts,
// static assets and the pages that are not letters) inside the binary, so
// that a site directory holding only content/ still builds.
//
// The same files are the repository's own Hugo site: `go tool hugo server`
// in the repository root uses them directly.
package exhibits

import "embed"

// SiteFiles holds config.toml, layouts/, static/ and the non-letter pages
// of content/, at the same paths as in the repository.
//
//go:embed config.toml all:layouts all:static content/_index.md content/about.md all:content/search
var SiteFiles embed.FS
