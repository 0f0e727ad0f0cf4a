package ingest

import (
	"encoding/binary"
	"io"
	"os"
	"sync"
)

// MemoryBudget bounds the bytes of input held at once, whatever the
// number of workers: a worker about to read a file waits while the files
// other workers hold would, with it, exceed the budget. Small files (all
// real letters) never wait; two inputs at the 128 MiB limit can be read
// at once, not one per core.
const MemoryBudget = 320 << 20

// budget is a weighted semaphore over bytes.
type budget struct {
	mu   sync.Mutex
	cond *sync.Cond
	used int64
	max  int64
}

func newBudget(max int64) *budget {
	b := &budget{max: max}
	b.cond = sync.NewCond(&b.mu)
	return b
}

// acquire takes n bytes of the budget, waiting for room; one taker alone
// always gets in, however large n.
func (b *budget) acquire(n int64) {
	b.mu.Lock()
	for b.used > 0 && b.used+n > b.max {
		b.cond.Wait()
	}
	b.used += n
	b.mu.Unlock()
}

func (b *budget) release(n int64) {
	b.mu.Lock()
	b.used -= n
	b.mu.Unlock()
	b.cond.Broadcast()
}

// inputCost estimates the bytes that reading path will hold: its size, or
// for a gzip file the size it claims to unpack to (the trailer's ISIZE,
// which a hostile file may understate: ReadFile's limit still holds it
// to MaxFileSize), never more than MaxFileSize.
func inputCost(path string) int64 {
	f, err := os.Open(path)
	if err != nil {
		return 0
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return 0
	}
	n := fi.Size()
	var magic [2]byte
	if _, err := io.ReadFull(f, magic[:]); err == nil && magic[0] == 0x1f && magic[1] == 0x8b && n >= 18 {
		var isize [4]byte
		if _, err := f.ReadAt(isize[:], n-4); err == nil {
			n = max(n, int64(binary.LittleEndian.Uint32(isize[:])))
		}
	}
	return min(n, MaxFileSize)
}
