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
// space. A self tail call whose arguments are simple (locals, small Ints,
// local+k, local+local) is compiled to stores straight into the parameter
// slots followed by RESTART (pc = 0), so a Mesh loop moves nothing through
// the operand stack.
//
// Dispatch. run is one `for { switch op }` loop. The outer switch holds the
// hot instructions, which make no calls that return (a call would make Go
// spill the loop's registers on every dispatch); everything else sits
// under its default case, which is where those spills then go. Locals are
// read without bounds checks: bundle.Validate checked every local index
// against NumLocals and a frame's stack is grown to its frameSize first.
// Entering a function (call, tail call, restart) evaluates a leading
// compare-and-branch in place, so a loop's exit test costs no dispatch.
//
// Process model. Every Mesh process (main, each actor, each declared work
// run) is a Process running on its own goroutine. A mailbox is a slice
// under a mutex with a wake channel; receive scans it from a cursor
// (selective receive), RECV_TAKE removes the matched message. The Machine
// counts live processes and processes blocked in receive without a
// deadline; after main returns, Run waits until the two are equal (every
// other process is finished or blocked forever, §10.9).
package vm
