package cluster

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/hashicorp/serf/serf"

	"github.com/mesh-lang/mesh/cluster/continuity"
	"github.com/mesh-lang/mesh/store"
)

// core is the adapter around the pure continuity engine: one goroutine
// steps it through an unbounded event queue and carries out its actions
// (Send → replication stream, Commit → journal then CommitDone, Dispatch →
// run the Work then WorkFinished, Log → stderr, SetTags → serf, timers).
type core struct {
	n       *node // nil in standalone mode
	log     *logger
	journal *store.Journal
	works   map[string]Work

	emu sync.Mutex // serialises Step and snapshots
	eng *continuity.Engine

	qmu     sync.Mutex
	queue   []continuity.Event
	wake    chan struct{}
	tagWake chan struct{}
	closed  bool
	done    chan struct{}

	smu      sync.Mutex
	serf     *serf.Serf
	tags     map[string]string
	settled  chan struct{}
	settleMu sync.Once
	ctx      context.Context
	cancel   context.CancelFunc

	bootJournal *continuity.Journal

	wmu     sync.Mutex
	token   uint64
	waiters map[uint64]chan continuity.Submitted
}

// submit posts a Submit and waits for its Submitted answer.
func (c *core) submit(ctx context.Context, ev continuity.Submit) (continuity.Submitted, error) {
	ch := make(chan continuity.Submitted, 1)
	c.wmu.Lock()
	c.token++
	ev.Token = c.token
	if c.waiters == nil {
		c.waiters = map[uint64]chan continuity.Submitted{}
	}
	c.waiters[ev.Token] = ch
	c.wmu.Unlock()
	c.post(ev)
	t := time.NewTimer(10 * time.Second)
	defer t.Stop()
	select {
	case s := <-ch:
		return s, nil
	case <-ctx.Done():
		return continuity.Submitted{}, ctx.Err()
	case <-t.C:
		c.wmu.Lock()
		delete(c.waiters, ev.Token)
		c.wmu.Unlock()
		return continuity.Submitted{}, errors.New("replica_prepare_timeout")
	}
}

func newCore(n *node, log *logger, cfg continuity.Config, j *continuity.Journal) *core {
	c := &core{n: n, log: log, eng: continuity.New(cfg), wake: make(chan struct{}, 1), tagWake: make(chan struct{}, 1), done: make(chan struct{}),
		settled: make(chan struct{}), works: map[string]Work{}}
	if n != nil {
		c.journal = n.journal
	}
	c.ctx, c.cancel = context.WithCancel(context.Background())
	c.bootJournal = j
	return c
}

// boot steps Boot and the work registrations synchronously, committing
// their batches before returning, and returns the tags to create serf with
// (CONTRACT 20: set before serf.Create from the restored authority).
func (c *core) boot(works []Work) map[string]string {
	c.emu.Lock()
	pending := c.eng.Step(continuity.Boot{Journal: c.bootJournal})
	for _, w := range works {
		c.works[w.Name] = w
		pending = append(pending, c.eng.Step(continuity.RegisterWork{RuntimeName: w.Name, Replicas: w.Replicas})...)
	}
	c.emu.Unlock()
	for len(pending) > 0 {
		a := pending[0]
		pending = pending[1:]
		cm, ok := a.(continuity.Commit)
		if !ok {
			c.perform([]continuity.Action{a})
			continue
		}
		if c.journal != nil {
			if err := c.journal.Commit(context.Background(), mutations(cm.Batch)...); err != nil {
				c.log.printf("mesh continuity: transition=commit_failed error=%v", err)
			}
		}
		c.emu.Lock()
		more := c.eng.Step(continuity.CommitDone{ID: cm.ID})
		c.emu.Unlock()
		pending = append(more, pending...)
	}
	go c.loop()
	go c.tagLoop()
	c.smu.Lock()
	defer c.smu.Unlock()
	return c.tags
}

// setSerf hands serf to the tag writer; tags changed since serf.Create
// are applied then.
func (c *core) setSerf(s *serf.Serf) {
	c.smu.Lock()
	c.serf = s
	c.smu.Unlock()
	c.kickTags()
}

func (c *core) kickTags() {
	select {
	case c.tagWake <- struct{}{}:
	default:
	}
}

// tagLoop applies the latest tags, in order, off the engine goroutine
// (serf.SetTags broadcasts).
func (c *core) tagLoop() {
	var applied map[string]string
	for {
		select {
		case <-c.done:
			return
		case <-c.tagWake:
		}
		c.smu.Lock()
		s, tags := c.serf, c.tags
		c.smu.Unlock()
		if s == nil || tags == nil || sameTags(tags, applied) {
			continue
		}
		if err := s.SetTags(tags); err == nil {
			applied = tags
		}
	}
}

func sameTags(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}

// post queues an event; never blocks.
func (c *core) post(ev continuity.Event) {
	c.qmu.Lock()
	if c.closed {
		c.qmu.Unlock()
		return
	}
	c.queue = append(c.queue, ev)
	c.qmu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
}

func (c *core) loop() {
	for {
		c.qmu.Lock()
		q := c.queue
		c.queue = nil
		closed := c.closed
		c.qmu.Unlock()
		for _, ev := range q {
			c.emu.Lock()
			acts := c.eng.Step(ev)
			c.emu.Unlock()
			c.perform(acts)
		}
		if closed {
			close(c.done)
			return
		}
		if len(q) == 0 {
			<-c.wake
		}
	}
}

func (c *core) close() {
	c.cancel()
	c.qmu.Lock()
	c.closed = true
	c.qmu.Unlock()
	select {
	case c.wake <- struct{}{}:
	default:
	}
	<-c.done
}

func (c *core) perform(acts []continuity.Action) {
	for _, a := range acts {
		switch a := a.(type) {
		case continuity.Log:
			c.log.printf("%s", a.Line)
		case continuity.Send:
			if c.n != nil {
				c.n.send(a.To, continuity.EncodeMessage(a.Msg))
			}
		case continuity.Commit:
			c.commit(a)
		case continuity.Dispatch:
			w, ok := c.works[a.RuntimeName]
			go func() {
				var err error
				if !ok {
					w = Work{Name: a.RuntimeName}
				}
				_, err = runWork(c.ctx, w)
				ev := continuity.WorkFinished{Key: a.Key, Attempt: a.Attempt}
				if err != nil {
					ev.Failed, ev.Message = true, err.Error()
				}
				c.post(ev)
			}()
		case continuity.SetTags:
			c.smu.Lock()
			c.tags = a.Tags()
			c.smu.Unlock()
			c.kickTags()
		case continuity.StartTimer:
			id := a.ID
			time.AfterFunc(a.After, func() { c.post(continuity.TimerFired{ID: id}) })
		case continuity.StartupSettled:
			c.settleMu.Do(func() { close(c.settled) })
		case continuity.Submitted:
			c.wmu.Lock()
			ch := c.waiters[a.Token]
			delete(c.waiters, a.Token)
			c.wmu.Unlock()
			if ch != nil {
				ch <- a
			}
		}
	}
}

// commit writes a batch through the group-committing journal and answers
// CommitDone once durable (CONTRACT 34). Commits are applied in emission
// order, so CommitDone arrives in order too.
func (c *core) commit(a continuity.Commit) {
	if c.journal == nil {
		c.post(continuity.CommitDone{ID: a.ID})
		return
	}
	muts := mutations(a.Batch)
	id := a.ID
	if err := c.journal.Submit(muts, func(err error) {
		if err != nil {
			c.log.printf("mesh continuity: transition=commit_failed error=%v", err)
		}
		c.post(continuity.CommitDone{ID: id})
	}); err != nil {
		c.log.printf("mesh continuity: transition=commit_failed error=%v", err)
	}
}

// mutations maps an engine batch onto journal mutations.
func mutations(b *continuity.Batch) []store.Mutation {
	var muts []store.Mutation
	if b.Authority != nil {
		muts = append(muts, store.PutAuthority(b.Authority.Role, b.Authority.Epoch))
	}
	if b.Watermark != nil {
		muts = append(muts, store.SetWatermark(*b.Watermark))
	}
	for i := range b.Records {
		r := b.Records[i]
		muts = append(muts, store.PutRecord(r.RequestKey, r.AttemptID, r.Encode()))
	}
	for _, k := range b.Deletes {
		// Retention pruned it (continuity/retention.go): every stored version goes.
		muts = append(muts, store.DeleteRecordKey(k))
	}
	for _, d := range b.Diagnostics {
		muts = append(muts, store.AppendDiagnostic(d.Sequence, d.Encode()))
	}
	for _, m := range b.Members {
		muts = append(muts, store.PutMember(m, nil))
	}
	return muts
}

// journalFromStore rebuilds the engine's journal from what the store
// restored; nil for a journal that holds nothing yet.
func journalFromStore(st *store.State) *continuity.Journal {
	if st == nil || (!st.HasAuthority && len(st.Records) == 0 && st.Watermark == 0 && len(st.Diagnostics) == 0 &&
		len(st.Members) == 0 && len(st.Graves) == 0) {
		return nil
	}
	j := continuity.NewJournal()
	if st.HasAuthority {
		j.Authority = &continuity.Authority{Role: st.Authority.Role, Epoch: st.Authority.Epoch}
	}
	j.Watermark = st.Watermark
	for _, sr := range st.Records {
		// Every stored version, folded by the engine's merge: the result is
		// the last version written (a completed attempt beats a later
		// pending rollover, so "highest attempt" would be wrong).
		if r, err := continuity.DecodeRecord(sr.Value); err == nil {
			j.AddRecord(r)
		}
	}
	for _, sd := range st.Diagnostics {
		d, err := continuity.DecodeDiagnostic(sd.Value)
		if err == nil {
			j.Diagnostics = append(j.Diagnostics, d)
		}
	}
	j.DiagSequence = st.LastDiagnosticSeq
	j.DroppedEntries = st.DiagnosticsDropped
	for _, m := range st.Members {
		j.Members = append(j.Members, m.Name)
	}
	j.Graves = st.Graves // retention's pruned keys (continuity/retention.go)
	return j
}

// members is the committed list of remembered member names (CONTRACT 23, 33).
func (c *core) members() []string {
	c.emu.Lock()
	defer c.emu.Unlock()
	return append([]string(nil), c.eng.Committed().Members...)
}

// answer implements operatorSource from the engine's committed image
// (CONTRACT 34, 39).
func (c *core) answer(q operatorQuery) operatorAnswer {
	c.emu.Lock()
	defer c.emu.Unlock()
	switch q.Query {
	case "status":
		st := c.eng.Status("")
		return operatorAnswer{Status: &st}
	case "continuity_list":
		l := c.eng.ContinuityList("", q.Limit)
		return operatorAnswer{List: &l}
	case "continuity_lookup":
		r, err := c.eng.Lookup("", q.Key)
		if err != nil {
			return operatorAnswer{Error: err.Error()}
		}
		return operatorAnswer{Record: &r}
	case "diagnostics":
		d := c.eng.Diagnostics("", q.Limit)
		return operatorAnswer{Diagnostics: &d}
	}
	return operatorAnswer{Error: "unknown_query:" + q.Query}
}

// runWork runs a work body, turning a Go panic into an error so one bad
// work never takes the node down (CONTRACT 16).
func runWork(ctx context.Context, w Work) (res string, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	if w.Run == nil {
		return "", fmt.Errorf("declared_handler_not_registered:%s", w.Name)
	}
	return w.Run(ctx)
}
