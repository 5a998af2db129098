package store

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"
)

// The cross-process tests re-run this test binary as a child with STORE_TEST_CHILD set; the
// child does one job on the journal in STORE_TEST_DIR and reports on stdout.
const childEnv = "STORE_TEST_CHILD"

func TestMain(m *testing.M) {
	if mode := os.Getenv(childEnv); mode != "" {
		os.Exit(runChild(mode, os.Getenv("STORE_TEST_DIR")))
	}
	os.Exit(m.Run())
}

func runChild(mode, dir string) int {
	// A child left behind by a failed parent still ends on its own.
	time.AfterFunc(30*time.Second, func() { os.Exit(3) })
	j, err := Open(dir, "child@127.0.0.1:1", Options{})
	if err != nil {
		fmt.Println("error:", err)
		return 1
	}
	switch mode {
	case "hold": // hold the lock until stdin closes
		fmt.Println("open")
		io.Copy(io.Discard, os.Stdin)
	case "commit": // commit forever, announcing each acknowledged write
		for i := 0; ; i++ {
			key := fmt.Sprint("key-", i)
			err := j.Commit(context.Background(),
				PutRecord(key, "attempt-1", []byte("value-"+key)), SetWatermark(uint64(i)))
			if err != nil {
				fmt.Println("error:", err)
				return 1
			}
			fmt.Println("acked", i)
		}
	}
	if err := j.Close(); err != nil {
		fmt.Println("error:", err)
		return 1
	}
	return 0
}

type child struct {
	cmd   *exec.Cmd
	stdin io.WriteCloser
	lines *bufio.Scanner
}

func startChild(t *testing.T, mode, dir string) *child {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), childEnv+"="+mode, "STORE_TEST_DIR="+dir)
	cmd.Stderr = os.Stderr
	stdin, err := cmd.StdinPipe()
	if err != nil {
		t.Fatal(err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill() // our own child, by its pid
		cmd.Wait()
	})
	return &child{cmd: cmd, stdin: stdin, lines: bufio.NewScanner(stdout)}
}

func (c *child) line(t *testing.T) string {
	t.Helper()
	if !c.lines.Scan() {
		t.Fatalf("child ended early: %v", c.lines.Err())
	}
	l := c.lines.Text()
	if strings.HasPrefix(l, "error:") {
		t.Fatalf("child: %s", l)
	}
	return l
}

// TestLockedByAnotherProcess: a journal open in another process fails fast with ErrLocked and
// the contract's text, and opens once that process closes it.
func TestLockedByAnotherProcess(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, "hold", dir)
	if l := c.line(t); l != "open" {
		t.Fatalf("child said %q", l)
	}
	start := time.Now()
	_, err := Open(dir, "child@127.0.0.1:1", Options{})
	elapsed := time.Since(start)
	t.Logf("locked journal refused after %v", elapsed)
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("Open = %v, want ErrLocked", err)
	}
	if want := "continuity journal " + dir + "/journal.db is locked by another process"; err.Error() != want {
		t.Fatalf("text %q, want %q", err, want)
	}
	if elapsed > 5*time.Second { // a hang, not a timing measurement
		t.Fatalf("Open took %v to give up", elapsed)
	}
	c.stdin.Close()
	if err := c.cmd.Wait(); err != nil {
		t.Fatalf("child: %v", err)
	}
	j := openT(t, dir, "child@127.0.0.1:1", Options{})
	j.Close()
}

// TestAckedWritesSurviveKill: a child commits records and prints "acked i" after each Commit
// returns; the parent kill -9s it mid-stream and every acknowledged record must be on disk.
func TestAckedWritesSurviveKill(t *testing.T) {
	dir := t.TempDir()
	c := startChild(t, "commit", dir)
	last := -1
	for last < 200 {
		l := c.line(t)
		n, err := strconv.Atoi(strings.TrimPrefix(l, "acked "))
		if err != nil || n != last+1 {
			t.Fatalf("child said %q after %d", l, last)
		}
		last = n
	}
	if err := c.cmd.Process.Signal(os.Kill); err != nil {
		t.Fatal(err)
	}
	// Acks printed before the kill landed count too.
	for c.lines.Scan() {
		if n, err := strconv.Atoi(strings.TrimPrefix(c.lines.Text(), "acked ")); err == nil {
			last = n
		}
	}
	c.cmd.Wait()

	j := openT(t, dir, "child@127.0.0.1:1", Options{})
	st := restoreT(t, j)
	have := map[string]string{}
	for _, r := range st.Records {
		have[r.RequestKey] = string(r.Value)
	}
	for i := 0; i <= last; i++ {
		key := fmt.Sprint("key-", i)
		if have[key] != "value-"+key {
			t.Fatalf("acknowledged record %s lost after kill -9 (have %q)", key, have[key])
		}
	}
	if st.Watermark < uint64(last) {
		t.Fatalf("watermark %d < last acknowledged %d", st.Watermark, last)
	}
	t.Logf("%d acknowledged, %d on disk after kill -9", last+1, len(st.Records))
}
