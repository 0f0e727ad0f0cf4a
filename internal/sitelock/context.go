package sitelock

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"syscall"
	"time"
)

// A process that holds a site's lock and then calls steps that take it
// themselves (exhibits update runs ingest, build and index under one lock)
// would deadlock: flocks on two descriptors of one file conflict even in
// one process. So a held lock can ride in a context: AcquireContext and
// TryLockContext under that context, for the same site, return at once
// with a lock whose Release does nothing.

type ctxKey struct{}

// fileID names a lock file however its site path was spelled.
type fileID struct{ dev, ino uint64 }

type heldLocks struct {
	id   fileID
	next *heldLocks
}

func idOf(fi os.FileInfo) (fileID, bool) {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return fileID{}, false
	}
	return fileID{uint64(st.Dev), uint64(st.Ino)}, true
}

// Context returns a copy of ctx that carries l, so steps run under it
// that lock the same site reuse l instead of waiting for it.
func (l *Lock) Context(ctx context.Context) context.Context {
	if l == nil || l.f == nil {
		return ctx
	}
	fi, err := l.f.Stat()
	if err != nil {
		return ctx
	}
	id, ok := idOf(fi)
	if !ok {
		return ctx
	}
	prev, _ := ctx.Value(ctxKey{}).(*heldLocks)
	return context.WithValue(ctx, ctxKey{}, &heldLocks{id: id, next: prev})
}

// heldIn reports whether ctx carries the lock of site.
func heldIn(ctx context.Context, site string) bool {
	h, _ := ctx.Value(ctxKey{}).(*heldLocks)
	if h == nil {
		return false
	}
	fi, err := os.Stat(filepath.Join(StateDir(site), "lock"))
	if err != nil {
		return false
	}
	id, ok := idOf(fi)
	if !ok {
		return false
	}
	for ; h != nil; h = h.next {
		if h.id == id {
			return true
		}
	}
	return false
}

// AcquireContext is Acquire, except that it returns a no-op lock when ctx
// already carries the site's lock (see Lock.Context), and it gives up
// with ctx's error when ctx ends while waiting.
func AcquireContext(ctx context.Context, site string) (*Lock, error) {
	if heldIn(ctx, site) {
		return &Lock{}, nil
	}
	f, err := open(site)
	if err != nil {
		return nil, fmt.Errorf("lock %s: %w", site, err)
	}
	// Poll rather than block in flock, so that Ctrl-C ends the wait.
	delay := 10 * time.Millisecond
	for {
		err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if err == nil {
			return &Lock{f}, nil
		}
		if !errors.Is(err, syscall.EWOULDBLOCK) {
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", site, err)
		}
		select {
		case <-ctx.Done():
			f.Close()
			return nil, fmt.Errorf("lock %s: %w", site, ctx.Err())
		case <-time.After(delay):
		}
		if delay < 200*time.Millisecond {
			delay *= 2
		}
	}
}

// TryLockContext is TryLock, except that it returns a no-op lock when ctx
// already carries the site's lock.
func TryLockContext(ctx context.Context, site string) (*Lock, error) {
	if heldIn(ctx, site) {
		return &Lock{}, nil
	}
	return TryLock(site)
}
