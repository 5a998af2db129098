package testscripts

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/rogpeppe/go-internal/testscript"
)

// pgBinary finds a PostgreSQL server binary (Debian keeps them under
// /usr/lib/postgresql/<version>/bin).
func pgBinary(name string) (string, bool) {
	if p, err := exec.LookPath(name); err == nil {
		return p, true
	}
	matches, _ := filepath.Glob("/usr/lib/postgresql/*/bin/" + name)
	if len(matches) == 0 {
		return "", false
	}
	return matches[len(matches)-1], true
}

// pgCredential is who runs the server: PostgreSQL refuses to run as root,
// so root runs it as the "postgres" user.
func pgCredential() (*syscall.Credential, bool) {
	if os.Geteuid() != 0 {
		return nil, true
	}
	u, err := user.Lookup("postgres")
	if err != nil {
		return nil, false
	}
	uid, _ := strconv.Atoi(u.Uid)
	gid, _ := strconv.Atoi(u.Gid)
	return &syscall.Credential{Uid: uint32(uid), Gid: uint32(gid)}, true
}

// postgresAvailable is the [postgres] condition.
func postgresAvailable() bool {
	_, ok1 := pgBinary("initdb")
	_, ok2 := pgBinary("postgres")
	_, ok3 := pgCredential()
	return ok1 && ok2 && ok3
}

// cmdPgstart: pgstart VAR starts a throwaway PostgreSQL server (trust
// auth, no fsync) on a free 127.0.0.1 port for this script, sets VAR to its
// URL (database "postgres", user "postgres") and stops it when the script
// ends. Use it under [postgres].
func cmdPgstart(ts *testscript.TestScript, neg bool, args []string) {
	if neg || len(args) != 1 {
		ts.Fatalf("usage: pgstart VAR")
	}
	initdb, ok1 := pgBinary("initdb")
	server, ok2 := pgBinary("postgres")
	cred, ok3 := pgCredential()
	if !ok1 || !ok2 || !ok3 {
		ts.Fatalf("pgstart: no PostgreSQL server here (use [postgres])")
	}
	dir, err := os.MkdirTemp("", "mesh-pg-")
	ts.Check(err)
	ts.Defer(func() { os.RemoveAll(dir) })
	if cred != nil {
		ts.Check(os.Chown(dir, int(cred.Uid), int(cred.Gid)))
	}
	data := filepath.Join(dir, "data")
	run := func(name string, args ...string) *exec.Cmd {
		cmd := exec.Command(name, args...)
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: cred}
		return cmd
	}
	if out, err := run(initdb, "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync").CombinedOutput(); err != nil {
		ts.Fatalf("initdb: %v\n%s", err, out)
	}
	port, err := freePort(map[int]bool{})
	ts.Check(err)
	srv := run(server, "-D", data, "-p", strconv.Itoa(port), "-k", dir,
		"-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "synchronous_commit=off", "-c", "full_page_writes=off")
	logf, err := os.Create(filepath.Join(dir, "server.log"))
	ts.Check(err)
	srv.Stdout, srv.Stderr = logf, logf
	ts.Check(srv.Start())
	done := make(chan error, 1)
	go func() { done <- srv.Wait(); logf.Close() }()
	ts.Defer(func() {
		_ = srv.Process.Signal(syscall.SIGINT) // fast shutdown
		select {
		case <-done:
		case <-time.After(10 * time.Second):
			_ = srv.Process.Kill()
			<-done
		}
	})
	url := fmt.Sprintf("postgres://postgres@127.0.0.1:%d/postgres?sslmode=disable", port)
	deadline := time.Now().Add(20 * time.Second)
	for {
		ctx, cancel := context.WithTimeout(context.Background(), time.Second)
		conn, err := pgx.Connect(ctx, url)
		cancel()
		if err == nil {
			conn.Close(context.Background())
			break
		}
		select {
		case <-done:
			log, _ := os.ReadFile(filepath.Join(dir, "server.log"))
			ts.Fatalf("pgstart: server exited\n%s", log)
		default:
		}
		if time.Now().After(deadline) {
			ts.Fatalf("pgstart: server not ready after 20s: %v", errors.Unwrap(err))
		}
		time.Sleep(100 * time.Millisecond)
	}
	ts.Setenv(args[0], url)
}
