package sitelock

import (
	"context"
	"errors"
	"testing"
	"time"
)

func TestContextCarriesLock(t *testing.T) {
	site := t.TempDir()
	l, err := Acquire(site)
	if err != nil {
		t.Fatal(err)
	}
	defer l.Release()

	// Without the context, a second taker is refused or waits.
	if _, err := TryLockContext(context.Background(), site); !errors.Is(err, ErrBusy) {
		t.Fatalf("TryLockContext without held lock: err = %v, want ErrBusy", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, err := AcquireContext(ctx, site); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("AcquireContext while held elsewhere: err = %v, want deadline exceeded", err)
	}

	// Under the holder's context, the same site (spelled differently) is free.
	held := l.Context(context.Background())
	inner, err := AcquireContext(held, site+"/.")
	if err != nil {
		t.Fatalf("AcquireContext under held context: %v", err)
	}
	if err := inner.Release(); err != nil {
		t.Fatal(err)
	}
	// Releasing the inner lock must not drop the outer one.
	if _, err := TryLock(site); !errors.Is(err, ErrBusy) {
		t.Fatalf("after inner release, TryLock: err = %v, want ErrBusy", err)
	}

	// Another site is not covered by the context.
	other := t.TempDir()
	ol, err := TryLockContext(held, other)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := TryLock(other); !errors.Is(err, ErrBusy) {
		t.Fatalf("other site should really be locked: %v", err)
	}
	ol.Release()

	l.Release()
	l2, err := AcquireContext(context.Background(), site)
	if err != nil {
		t.Fatalf("after release: %v", err)
	}
	l2.Release()
}
