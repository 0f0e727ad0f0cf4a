package pipeline

import (
	"bytes"
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/exhibits/exhibits/internal/sitelock"
)

func TestLockWaitsOrRefuses(t *testing.T) {
	site := t.TempDir()
	held, err := sitelock.Acquire(site)
	if err != nil {
		t.Fatal(err)
	}
	// -no-wait: refused at once, saying why.
	if _, _, err := Lock(context.Background(), site, true, nil); !errors.Is(err, sitelock.ErrBusy) || !strings.Contains(err.Error(), "-no-wait") {
		t.Fatalf("Lock(noWait) on a busy site: %v", err)
	}
	// Waiting: says so, and gets the lock once it is free.
	var progress bytes.Buffer
	got := make(chan error, 1)
	go func() {
		ctx, l, err := Lock(context.Background(), site, false, &progress)
		if err == nil {
			// Steps under ctx take the lock without waiting for it.
			var inner *sitelock.Lock
			inner, err = sitelock.AcquireContext(ctx, site)
			inner.Release()
			l.Release()
		}
		got <- err
	}()
	time.Sleep(100 * time.Millisecond)
	select {
	case err := <-got:
		t.Fatalf("Lock returned while the site was held: %v", err)
	default:
	}
	held.Release()
	select {
	case err := <-got:
		if err != nil {
			t.Fatal(err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("Lock did not get the lock after it was released (self-deadlock?)")
	}
	if !strings.Contains(progress.String(), "waiting") {
		t.Errorf("progress = %q, want a note that it waits", progress.String())
	}
	// Ctrl-C while waiting ends the wait.
	held, _ = sitelock.Acquire(site)
	defer held.Release()
	ctx, cancel := context.WithTimeout(context.Background(), 100*time.Millisecond)
	defer cancel()
	if _, _, err := Lock(ctx, site, false, nil); !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("Lock with an ended context: %v", err)
	}
}
