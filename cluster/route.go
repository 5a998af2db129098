package cluster

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"strconv"
	"time"

	"github.com/mesh-lang/mesh/cluster/continuity"
)

// RouteHandler runs one HTTP.clustered handler on this node: the VM passes
// its serialised request and gets the serialised response back
// (cluster-reference §7).
type RouteHandler func(ctx context.Context, request []byte) (response []byte, err error)

// Route is one HTTP.clustered handler: runtime name (`Api.Todos.handle_list`),
// replication count N and the handler.
type Route struct {
	Name     string
	Replicas int
	Handler  RouteHandler
}

// RouteError is a failed clustered request: the VM answers 503 with body
// {"error":"<Reason>"} and, when Key is set, the
// X-Mesh-Continuity-Request-Key header (cluster-reference §7 step 6).
type RouteError struct {
	Reason string
	Key    string
}

func (e *RouteError) Error() string { return e.Reason }

// routeExecLimit bounds a handler run for another node (§7 step 4).
const routeExecLimit = 5 * time.Second

// RegisterRoutes declares the program's HTTP.clustered handlers; every node
// of the cluster must register the same ones (the owner runs them).
func (r *Runtime) RegisterRoutes(routes []Route) {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.routes == nil {
		r.routes = map[string]Route{}
	}
	for _, rt := range routes {
		if rt.Replicas <= 0 {
			rt.Replicas = 2
		}
		r.routes[rt.Name] = rt
	}
}

func (r *Runtime) routesSnapshot() map[string]Route {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.routes
}

func (r *Runtime) route(name string) (Route, bool) {
	r.mu.Lock()
	defer r.mu.Unlock()
	rt, ok := r.routes[name]
	return rt, ok
}

// ServeRoute runs one clustered request with this node as ingress: a
// continuity record keyed `http-route::<name>::<incarnation>-<n>`
// (CONTRACT 17), placement, N−1 replica prepares, then the handler on the
// owner (here or remotely). It returns the response and the request key; a
// failure is a *RouteError. Outside cluster mode the handler runs here.
func (r *Runtime) ServeRoute(ctx context.Context, name string, request []byte) ([]byte, string, error) {
	rt, ok := r.route(name)
	if !ok {
		return nil, "", &RouteError{Reason: "declared_handler_not_registered:" + name}
	}
	n := r.clusterNode()
	if n == nil {
		// Standalone: the in-memory engine keys and records the request
		// like any node, as standalone@local (CONTRACT 13, 17).
		c := r.standaloneCore()
		r.mu.Lock()
		inc := r.aloneInc
		r.mu.Unlock()
		key := fmt.Sprintf("http-route::%s::%s-%d", rt.Name, inc, r.routeSeq.Add(1))
		rec, rerr := submitRoute(ctx, c, rt, key, request)
		if rerr != nil {
			return nil, key, rerr
		}
		return runLocalRoute(ctx, c, rt, rec, request)
	}
	return n.serveRoute(ctx, rt, request)
}

// submitRoute creates the route's continuity record with this node as
// ingress; anything but a fresh record is a failure (cluster-reference §7).
func submitRoute(ctx context.Context, c *core, rt Route, key string, request []byte) (continuity.Record, *RouteError) {
	sum := sha256.Sum256(request)
	sub, err := c.submit(ctx, continuity.Submit{RuntimeName: rt.Name, Key: key,
		PayloadHash: hex.EncodeToString(sum[:]), Replicas: rt.Replicas, Route: true})
	if err != nil {
		return continuity.Record{}, &RouteError{Reason: err.Error(), Key: key}
	}
	if sub.Err != "" || sub.Outcome != "created" {
		reason := sub.Err
		if reason == "" {
			reason = "declared_handler_submit_rejected:" + sub.Outcome
		}
		return continuity.Record{}, &RouteError{Reason: reason, Key: key}
	}
	return sub.Record, nil
}

// runLocalRoute runs the handler here, the record's owner, and closes it.
func runLocalRoute(ctx context.Context, c *core, rt Route, rec continuity.Record, request []byte) ([]byte, string, error) {
	resp, err := runRoute(ctx, rt, request)
	c.post(routeFinished(rec, err, nil))
	if err != nil {
		return nil, rec.RequestKey, &RouteError{Reason: "declared_work_failed:" + err.Error(), Key: rec.RequestKey}
	}
	return resp, rec.RequestKey, nil
}

func runRoute(ctx context.Context, rt Route, request []byte) (resp []byte, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("%v", p)
		}
	}()
	return rt.Handler(ctx, request)
}

// routeCall is the one frame an ingress sends on a route stream; routeReply
// the owner's answer.
type routeCall struct {
	Name    string             `json:"name"`
	Key     string             `json:"key"`
	Attempt string             `json:"attempt"`
	Request []byte             `json:"request"`
	Record  *continuity.Record `json:"record"`
}

type routeReply struct {
	Response []byte `json:"response,omitempty"`
	Error    string `json:"error,omitempty"`
}

func (n *node) serveRoute(ctx context.Context, rt Route, request []byte) ([]byte, string, error) {
	key := fmt.Sprintf("http-route::%s::%s-%d", rt.Name, n.inc, n.routeSeq.Add(1))
	rec, rerr := submitRoute(ctx, n.core, rt, key, request)
	if rerr != nil {
		return nil, key, rerr
	}
	if rec.OwnerNode == n.cfg.NodeName {
		return runLocalRoute(ctx, n.core, rt, rec, request)
	}
	resp, reason := n.remoteRoute(rt.Name, rec, request)
	if reason != "" {
		return nil, key, &RouteError{Reason: reason, Key: key}
	}
	return resp, key, nil
}

func routeFinished(rec continuity.Record, err error, carried *continuity.Record) continuity.WorkFinished {
	ev := continuity.WorkFinished{Key: rec.RequestKey, Attempt: rec.AttemptID, Record: carried}
	if err != nil {
		ev.Failed, ev.Message = true, err.Error()
	}
	return ev
}

// remoteRoute runs the handler on the record's owner over a route stream.
func (n *node) remoteRoute(name string, rec continuity.Record, request []byte) ([]byte, string) {
	addr := n.memberAddr(rec.OwnerNode)
	if addr == "" {
		return nil, "clustered_http_route_connect_failed:" + rec.OwnerNode + ":not_alive"
	}
	deadline := time.Now().Add(routeExecLimit + 2*time.Second)
	c, err := n.dialPeer(addr, Hello{Kind: KindRoute, Name: n.cfg.NodeName, Incarnation: n.inc}, deadline)
	if err != nil {
		var de *DialError
		if errors.As(err, &de) {
			return nil, fmt.Sprintf("clustered_http_route_connect_failed:%s:%v", addr, de.Err)
		}
		return nil, "clustered_http_route_handshake_failed:" + err.Error()
	}
	defer c.Close()
	c.SetDeadline(deadline)
	b, _ := json.Marshal(routeCall{Name: name, Key: rec.RequestKey, Attempt: rec.AttemptID, Request: request, Record: &rec})
	if err := c.WriteFrame(b); err != nil {
		return nil, "clustered_http_route_reply_read_failed:" + err.Error()
	}
	p, err := c.ReadFrame()
	if err != nil {
		return nil, "clustered_http_route_reply_read_failed:" + err.Error()
	}
	var rep routeReply
	if err := json.Unmarshal(p, &rep); err != nil {
		return nil, "clustered_http_route_reply_read_failed:" + err.Error()
	}
	if rep.Error != "" {
		return nil, rep.Error
	}
	return rep.Response, ""
}

// acceptRoute serves one route stream: run the handler (5 s limit), close
// the record here on the owner, answer (cluster-reference §7 step 4).
func (n *node) acceptRoute(c *Conn) {
	defer c.Close()
	c.SetDeadline(time.Now().Add(5 * time.Second))
	p, err := c.ReadFrame()
	if err != nil {
		n.log.printf("mesh node: transient clustered HTTP route failed for %s: %v", c.Remote.Name, err)
		return
	}
	var call routeCall
	if err := json.Unmarshal(p, &call); err != nil || call.Record == nil {
		n.log.printf("mesh node: transient clustered HTTP route failed for %s: malformed request", c.Remote.Name)
		return
	}
	reply := routeReply{}
	rt, ok := n.r.route(call.Name)
	if !ok {
		reply.Error = "declared_handler_not_registered:" + call.Name
		n.core.post(routeFinished(*call.Record, errors.New(reply.Error), call.Record))
	} else {
		ctx, cancel := context.WithTimeout(context.Background(), routeExecLimit)
		type result struct {
			resp []byte
			err  error
		}
		done := make(chan result, 1)
		go func() { r, e := runRoute(ctx, rt, call.Request); done <- result{r, e} }()
		var res result
		select {
		case res = <-done:
		case <-ctx.Done():
			res.err = errors.New("clustered_http_route_timeout")
		}
		cancel()
		n.core.post(routeFinished(*call.Record, res.err, call.Record))
		if res.err != nil {
			reply.Error = "declared_work_failed:" + res.err.Error()
		} else {
			reply.Response = res.resp
		}
	}
	b, _ := json.Marshal(reply)
	c.SetDeadline(time.Now().Add(5 * time.Second))
	if err := c.WriteFrame(b); err != nil {
		n.log.printf("mesh node: transient clustered HTTP route failed for %s: %v", c.Remote.Name, err)
		return
	}
	n.log.printf("mesh node: transient clustered HTTP route served for %s", c.Remote.Name)
}

// memberAddr is the gossip address of an alive member, "" if none.
func (n *node) memberAddr(name string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	for _, m := range n.alive {
		if m.Name == name {
			return net.JoinHostPort(m.Addr.String(), strconv.Itoa(int(m.Port)))
		}
	}
	return ""
}
