package ingest

import (
	"bytes"
	"fmt"
	"os"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// TestProgressOnlyOnTerminal: no bar into a pipe or a buffer; a bar on a
// terminal (a pseudo-terminal here), cleared at the end.
func TestProgressOnlyOnTerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	if newProgress(w, 10) != nil || newProgress(&bytes.Buffer{}, 10) != nil || newProgress(nil, 10) != nil {
		t.Error("a progress bar for something that is not a terminal")
	}

	ptmx, err := os.OpenFile("/dev/ptmx", os.O_RDWR, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer ptmx.Close()
	if err := unix.IoctlSetPointerInt(int(ptmx.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Skipf("unlockpt: %v", err)
	}
	n, err := unix.IoctlGetInt(int(ptmx.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Skipf("ptsname: %v", err)
	}
	tty, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|unix.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("open the terminal: %v", err)
	}
	defer tty.Close()
	p := newProgress(tty, 4)
	if p == nil {
		t.Fatal("no progress bar on a terminal")
	}
	for range 4 {
		p.add(1)
	}
	p.done()
	// The bar arrives in several writes: read until the last one is in.
	var out string
	buf := make([]byte, 4096)
	ptmx.SetReadDeadline(time.Now().Add(10 * time.Second))
	for !strings.Contains(out, "4/4 files") {
		k, err := ptmx.Read(buf)
		if err != nil {
			break
		}
		out += string(buf[:k])
	}
	if !strings.Contains(out, "4/4 files") || !strings.Contains(out, "[==============================]") {
		t.Errorf("terminal got %q", out)
	}
}
