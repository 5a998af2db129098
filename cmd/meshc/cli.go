package main

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/alecthomas/kong"
)

// CLI is the meshc command line. Help one-liners follow upstream's where
// the command exists there.
type CLI struct {
	Version kong.VersionFlag `short:"V" help:"Print version and exit."`

	// Upstream's order first, then our additions.
	Build BuildCmd `cmd:"" help:"Compile a Mesh project to a native binary"`
	Init  InitCmd  `cmd:"" help:"Initialize a new Mesh project"`
	// Cluster is owned by cluster*.go (the operator CLI).
	Cluster ClusterCmd `cmd:"" help:"Inspect runtime-owned clustered operator surfaces"`
	Fmt     FmtCmd     `cmd:"" help:"Format Mesh source files"`
	Test    TestCmd    `cmd:"" help:"Run test files (*.test.mpl) from a project root, tests directory, or specific test file"`
	Migrate MigrateCmd `cmd:"" help:"Run database migrations"`
	Run     RunCmd     `cmd:"" help:"Compile a Mesh project and run it without writing a binary"`
}

// exitCode unwinds out of kong (help, version) with a status.
type exitCode int

// usageError is a handled error that is the user's invocation's fault:
// exit 2 like kong's own parse errors.
type usageError struct{ error }

// run executes the CLI and returns the process exit status
// (CONTRACT 5: 0 ok, 1 handled error, 2 usage error).
func run(args []string, stdout, stderr io.Writer) (code int) {
	var cli CLI
	defer func() {
		if r := recover(); r != nil {
			c, ok := r.(exitCode)
			if !ok {
				panic(r)
			}
			code = int(c)
		}
	}()
	parser, err := kong.New(&cli,
		kong.Name("meshc"),
		kong.Description("The Mesh compiler"),
		kong.Vars{"version": "meshc " + Version},
		kong.Writers(stdout, stderr),
		kong.Exit(func(c int) { panic(exitCode(c)) }),
		kong.ConfigureHelp(kong.HelpOptions{Compact: true, NoExpandSubcommands: true}),
		kong.Bind(&env{stdout: stdout, stderr: stderr}),
	)
	if err != nil {
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 1
	}
	ctx, err := parser.Parse(args)
	if err != nil {
		var pe *kong.ParseError
		if errors.As(err, &pe) {
			return usage(parser, pe.Context, err, stderr)
		}
		fmt.Fprintf(stderr, "error: %v\n", err)
		return 2
	}
	if err := ctx.Run(); err != nil {
		var ue usageError
		if errors.As(err, &ue) {
			return usage(parser, ctx, ue.error, stderr)
		}
		var ec exitCode
		if errors.As(err, &ec) {
			return int(ec)
		}
		fmt.Fprintf(stderr, "error: %v\n", err)
		// Errors may carry their own status (e.g. 2 for a bad target).
		var coder kong.ExitCoder
		if errors.As(err, &coder) {
			return coder.ExitCode()
		}
		return 1
	}
	return 0
}

func (c exitCode) Error() string { return fmt.Sprintf("exit status %d", int(c)) }

// usage reports a usage error: the message, then the context's summary
// usage, all on stderr; exit 2.
func usage(parser *kong.Kong, ctx *kong.Context, err error, stderr io.Writer) int {
	fmt.Fprintf(stderr, "error: %v\n\n", err)
	if ctx != nil {
		saved := parser.Stdout
		parser.Stdout = stderr
		_ = ctx.PrintUsage(true)
		parser.Stdout = saved
	}
	return 2
}

// env carries the output streams into command Run methods.
type env struct {
	stdout, stderr io.Writer
}

// DB is --db's value. Its own decoder makes a bad value read like
// upstream's: "invalid value 'mysql' for '--db <DB>' ...".
type DB string

// Decode implements kong.MapperValue.
func (d *DB) Decode(ctx *kong.DecodeContext) error {
	var s string
	if err := ctx.Scan.PopValueInto("db", &s); err != nil {
		return err
	}
	switch s {
	case "sqlite", "postgres":
		*d = DB(s)
		return nil
	}
	return fmt.Errorf("invalid value '%s' for '--db <DB>': possible values: sqlite, postgres", s)
}

// outputPath is where `meshc build DIR` writes by default: DIR/<package
// name> joined as typed, so `meshc build .` says `./hello` (CONTRACT 1).
func outputPath(dir, name string) string {
	d := strings.TrimRight(dir, "/")
	if d == "" && strings.HasPrefix(dir, "/") {
		return "/" + name
	}
	return d + "/" + name
}
