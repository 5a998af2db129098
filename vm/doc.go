// Package vm runs compiled Mesh programs: values, the bytecode dispatch
// loop, processes with mailboxes, links and monitors, runtime errors, and
// the registry of native (stdlib) functions implemented in vm/std.
//
// Frame layout. Each process owns one value stack. A call pushes its
// arguments, which become the callee's first locals:
//
//	stack: … | callee closure? | param0 … paramN-1 | captures… | other locals… | operands… |
//	                           ^ frame.base                                    ^ sp
//
// RETURN pops the frame and leaves the result at frame.retSp (below the
// closure value for closure calls). TAILCALL copies the new arguments to
// frame.base and reuses the frame, so tail recursion runs in constant
// space.
//
// Process model. Every Mesh process (main, each actor, each declared work
// run) is a Process running on its own goroutine. A mailbox is a slice
// under a mutex with a wake channel; receive scans it from a cursor
// (selective receive), RECV_TAKE removes the matched message. The Machine
// counts live processes and processes blocked in receive without a
// deadline; after main returns, Run waits until the two are equal (every
// other process is finished or blocked forever, §10.9).
package vm
