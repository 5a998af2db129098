package std

import (
	"time"

	"github.com/mesh-lang/mesh/vm"
)

// Supervisors (§10.7, recommended OTP-like semantics): the supervisor
// process traps exits, starts each child by calling its start closure,
// links and monitors it, and restarts per strategy and restart type within
// the max_restarts/max_seconds intensity.

// brutalKillWait bounds the wait for a brutal_kill'ed child, which only a
// native that never looks at exit signals (HTTP.serve) can outlive.
const brutalKillWait = 5 * time.Second

type child struct {
	start    value
	restart  string // permanent | transient | temporary
	shutdown int64  // ms; -1 brutal_kill
	pid      *vm.Process
	mon      int64
	gone     bool // temporary child that exited: forgotten
}

func init() {
	reg("__supervisor_start", func(t *process, a []value) value {
		strategy := a[0].Str()
		maxR, maxS := a[1].Int(), a[2].Int()
		starts, restarts, shutdowns := a[3].Items(), a[4].Items(), a[5].Items()
		p := t.SpawnNative(func(s *vm.Process) {
			s.SetTrapExit(true)
			kids := make([]*child, len(starts))
			for i := range starts {
				kids[i] = &child{start: starts[i], restart: restarts[i].Str(), shutdown: shutdowns[i].Int()}
			}
			startChild := func(c *child) {
				pid := s.CallValue(c.start)
				c.pid = pid.Process()
				if c.pid != nil {
					s.Link(c.pid)
					c.mon = s.Monitor(c.pid)
				}
			}
			stopChild := func(c *child) {
				if c.pid == nil || c.gone {
					return
				}
				s.Demonitor(c.pid, c.mon)
				reason, wait := "shutdown", time.Duration(c.shutdown)*time.Millisecond
				if c.shutdown < 0 {
					reason, wait = "killed", brutalKillWait
				}
				// Kill ends a busy or waiting child within a reduction budget;
				// waiting for it keeps stops and restarts in order.
				c.pid.Kill(reason)
				s.Wait(c.pid, wait)
				dropExit(s, c.pid)
				c.pid = nil
			}
			for _, c := range kids {
				startChild(c)
			}
			var history []time.Time
			for {
				// Every message is taken, so none piles up: a DOWN drives
				// restarts; a child's {:EXIT} (it is linked, and we trap) is
				// dropped as its DOWN follows; an {:EXIT} from anyone else is
				// the parent going down, and the tree goes with it.
				msg, _ := s.Receive(nil, -1)
				if msg.Kind() != vm.KTuple {
					continue // a stray message: nothing for a supervisor to do
				}
				it := msg.Items()
				if len(it) < 3 || it[0].Kind() != vm.KAtom {
					continue
				}
				if it[0].Str() == "EXIT" && it[1].Kind() == vm.KPid {
					from := it[1].Process()
					ours := false
					for _, c := range kids {
						ours = ours || (c.pid != nil && c.pid == from)
					}
					if !ours {
						for i := len(kids) - 1; i >= 0; i-- {
							stopChild(kids[i])
						}
						s.Exit(it[2].Str())
					}
					continue
				}
				if it[0].Str() != "DOWN" || len(it) != 4 {
					continue
				}
				idx := -1
				for i, c := range kids {
					if c.pid != nil && c.mon == it[1].Int() {
						idx = i
					}
				}
				if idx < 0 {
					continue
				}
				c := kids[idx]
				dropExit(s, c.pid)
				reason := it[3].Str()
				normal := reason == "normal" || reason == "shutdown"
				c.pid = nil
				switch {
				case c.restart == "temporary":
					c.gone = true
					continue
				case c.restart == "transient" && normal:
					continue
				}
				now := time.Now()
				var recent []time.Time
				for _, h := range history {
					if now.Sub(h) < time.Duration(maxS)*time.Second {
						recent = append(recent, h)
					}
				}
				if int64(len(recent)) >= maxR {
					for i := len(kids) - 1; i >= 0; i-- {
						stopChild(kids[i])
					}
					s.Exit("shutdown")
				}
				history = append(recent, now)
				switch strategy {
				case "one_for_all":
					for i := len(kids) - 1; i >= 0; i-- {
						stopChild(kids[i])
					}
					for _, k := range kids {
						if !k.gone {
							startChild(k)
						}
					}
				case "rest_for_one":
					for i := len(kids) - 1; i > idx; i-- {
						stopChild(kids[i])
					}
					for _, k := range kids[idx:] {
						if !k.gone {
							startChild(k)
						}
					}
				default:
					startChild(c)
				}
			}
		})
		return vm.PidVal(p)
	})
}

// dropExit removes the {:EXIT, p, _} that a linked child p sent on an
// abnormal exit, if it is there (it precedes p's DOWN), without waiting.
func dropExit(s *vm.Process, p *vm.Process) {
	s.Receive(func(v value) bool {
		if v.Kind() != vm.KTuple {
			return false
		}
		it := v.Items()
		return len(it) == 3 && it[0].Kind() == vm.KAtom && it[0].Str() == "EXIT" &&
			it[1].Kind() == vm.KPid && it[1].Process() == p
	}, 0)
}
