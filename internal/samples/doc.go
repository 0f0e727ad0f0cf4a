// Package samples holds the archive's own sample letters: about thirty
// made-up Exhibit 5 opinions, written for this repository in every input
// shape ingest reads, and their labels. Their pages are committed in the
// repository's content/letters/; the tests here prove a fresh ingest
// reproduces those pages byte for byte and that extraction scores well
// against the labels.
//
// Refresh the committed pages after a change to ingest or extraction:
//
//	go test ./internal/samples -run TestSamplesReproduceContent -update
package samples
