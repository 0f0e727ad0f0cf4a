// Package e2e holds the end-to-end tests of the archive: raw exhibits go
// through the whole chain (ingest.Run, site.Build, index.Update,
// index.Open and Search, the server) on a temporary site, and the tests
// check what comes out at the far end: that hostile letters show their
// markup as text and run nothing in a real browser, that awkward names
// come out exactly as they went in, and that bad files in an archive are
// reported while the good ones are published and found.
//
// The package has no code of its own; each step is owned, and tested in
// isolation, by its own package. These tests prove the steps hold
// together.
package e2e
