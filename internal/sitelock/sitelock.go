// Package sitelock makes one writer at a time per site: ingest, build,
// index and update take the lock DIR/.exhibits/lock; a second writer waits
// (or, with TryLock, refuses clearly). The lock is an flock, so a killed
// process never leaves it held.
package sitelock

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
)

// ErrBusy is returned by TryLock when another process holds the lock.
var ErrBusy = errors.New("another exhibits process is writing this site")

// Lock is a held site lock.
type Lock struct{ f *os.File }

// StateDir is where a site keeps its lock and search index.
func StateDir(site string) string { return filepath.Join(site, ".exhibits") }

func open(site string) (*os.File, error) {
	dir := StateDir(site)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	return os.OpenFile(filepath.Join(dir, "lock"), os.O_CREATE|os.O_RDWR, 0o644)
}

// Acquire waits until the site's lock is free and takes it.
func Acquire(site string) (*Lock, error) {
	f, err := open(site)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", site, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX); err != nil {
		f.Close()
		return nil, fmt.Errorf("lock %s: %w", site, err)
	}
	return &Lock{f}, nil
}

// TryLock takes the site's lock or returns ErrBusy at once.
func TryLock(site string) (*Lock, error) {
	f, err := open(site)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", site, err)
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, fmt.Errorf("%s: %w", site, ErrBusy)
		}
		return nil, fmt.Errorf("lock %s: %w", site, err)
	}
	return &Lock{f}, nil
}

// Release lets the next writer in.
func (l *Lock) Release() error {
	if l == nil || l.f == nil {
		return nil
	}
	err := l.f.Close() // closing drops the flock
	l.f = nil
	return err
}
