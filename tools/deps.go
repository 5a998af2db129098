//go:build tools

// Package tools pins the mandated dependencies so go.mod keeps them before every package uses them.
package tools

import (
	_ "github.com/BurntSushi/toml"
	_ "github.com/alecthomas/kong"
	_ "github.com/hashicorp/memberlist"
	_ "github.com/hashicorp/serf/serf"
	_ "github.com/jackc/pgx/v5"
	_ "github.com/rogpeppe/go-internal/testscript"
	_ "go.etcd.io/bbolt"
	_ "modernc.org/sqlite"
)
