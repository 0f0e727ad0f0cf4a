//go:build !linux

package ingest

func exchangeDirs(a, b string) error { return errNoExchange }
