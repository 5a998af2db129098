package std

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/signal"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/mesh-lang/mesh/cluster"
	"github.com/mesh-lang/mesh/vm"
)

// HTTP server (§12.14): routers are immutable handles; each request runs
// its middleware chain and handler in its own Mesh process.

type route struct {
	method  string // "" = any
	raw     string // the pattern as written (exact routes match it verbatim)
	pattern []string
	kind    int // 0 exact, 1 parameterised, 2 wildcard
	handler value
}

type router struct {
	routes []route
	mw     []value
}

type request struct {
	r      *http.Request
	body   string
	params map[string]string
}

type response struct {
	status  int
	body    string
	headers [][2]string
}

func routerOf(v value) *router      { return v.Handle().V.(*router) }
func requestOf(v value) *request    { return v.Handle().V.(*request) }
func routerVal(r *router) value     { return vm.HandleVal(&vm.Handle{Type: "Router", V: r}) }
func responseVal(r *response) value { return vm.HandleVal(&vm.Handle{Type: "Response", V: r}) }

func splitPath(p string) []string {
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

func addRoute(method string) vm.NativeFn {
	return func(t *process, a []value) value {
		old := routerOf(a[0])
		segs := splitPath(a[1].Str())
		kind := 0
		for i, s := range segs {
			if strings.HasPrefix(s, ":") && kind < 1 {
				kind = 1
			}
			if s == "*" && i == len(segs)-1 {
				kind = 2
			}
		}
		nr := &router{routes: append(append([]route(nil), old.routes...), route{method: method, raw: a[1].Str(), pattern: segs, kind: kind, handler: a[2]}), mw: old.mw}
		return routerVal(nr)
	}
}

// match returns the route for a request and its path parameters.
func (r *router) match(method, path string) (*route, map[string]string) {
	segs := splitPath(path)
	for kind := 0; kind <= 2; kind++ {
		for i := range r.routes {
			rt := &r.routes[i]
			if rt.kind != kind || (rt.method != "" && rt.method != method) {
				continue
			}
			if kind == 0 {
				if rt.raw == path {
					return rt, map[string]string{}
				}
				continue
			}
			if params, ok := matchSegs(rt.pattern, segs); ok {
				return rt, params
			}
		}
	}
	return nil, nil
}

func matchSegs(pat, segs []string) (map[string]string, bool) {
	params := map[string]string{}
	for i, p := range pat {
		if p == "*" && i == len(pat)-1 {
			return params, true
		}
		if i >= len(segs) {
			return nil, false
		}
		switch {
		case strings.HasPrefix(p, ":"):
			params[p[1:]] = segs[i]
		case p != segs[i]:
			return nil, false
		}
	}
	return params, len(pat) == len(segs)
}

func notFound(t *process, a []value) value {
	return responseVal(&response{status: 404, body: "Not Found"})
}

// serveHTTP runs one request in its own process.
// maxRequestBody bounds what a request body may hold: the handler gets the
// body as one String, so without a bound one client could exhaust memory.
const maxRequestBody = 16 << 20

func serveHTTP(m *vm.Machine, rt *router, w http.ResponseWriter, r *http.Request) {
	body, err := io.ReadAll(http.MaxBytesReader(w, r.Body, maxRequestBody))
	if err != nil {
		// Too large (413), or the client went away mid-body (400): the
		// handler never sees a truncated body.
		status, msg := http.StatusBadRequest, "could not read the request body"
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			status, msg = http.StatusRequestEntityTooLarge, "request body too large"
		}
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Connection", "close")
		w.WriteHeader(status)
		io.WriteString(w, `{"error":"`+msg+`"}`)
		return
	}
	route, params := rt.match(r.Method, r.URL.EscapedPath()) // segments are not percent-decoded
	req := vm.HandleVal(&vm.Handle{Type: "Request", V: &request{r: r, body: string(body), params: params}})
	var handler value
	if route != nil {
		handler = route.handler
	} else {
		handler = nativeClosure("HTTP.not_found")
	}
	// Middlewares wrap the handler, first registered outermost.
	for i := len(rt.mw) - 1; i >= 0; i-- {
		handler = chain(rt.mw[i], handler)
	}
	v, perr := m.CallInProcessQuiet(handler, req)
	if perr != nil {
		m.ErrOutput("[mesh-rt] HTTP handler panicked: " + perr.Msg + "\n")
	}
	res := &response{status: 500, body: "Internal Server Error"}
	if perr == nil && v.Kind() == vm.KHandle {
		if rr, ok := v.Handle().V.(*response); ok {
			res = rr
		}
	}
	h := w.Header()
	h.Set("Content-Type", "application/json; charset=utf-8")
	for _, kv := range res.headers {
		h.Set(kv[0], kv[1])
	}
	h.Set("Content-Length", strconv.Itoa(len(res.body)))
	h.Set("Connection", "close")
	w.WriteHeader(res.status)
	io.WriteString(w, res.body)
}

// newServer is the server HTTP.serve runs on its listener: every request
// goes through serveHTTP (its own process).
func newServer(m *vm.Machine, rt *router) *http.Server {
	return &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { serveHTTP(m, rt, w, r) }),
		ReadHeaderTimeout: 30 * time.Second, ReadTimeout: 30 * time.Second}
}

// gracefulStop makes HTTP.serve stop on SIGINT/SIGTERM: it stops
// accepting, lets in-flight requests finish (up to cluster.DrainTimeout), and then
// HTTP.serve returns, so the program ends normally (exit 0) instead of
// dying by the signal.
func gracefulStop(m *vm.Machine, srv *http.Server, port int64) (done <-chan struct{}, release func()) {
	return stopOnSignal(m, fmt.Sprintf("[mesh-rt] HTTP server on [::]:%d stopping: finishing in-flight requests\n", port),
		func(ctx context.Context) {
			if err := srv.Shutdown(ctx); err != nil {
				srv.Close()
			}
		})
}

// stopOnSignal runs stop once on SIGINT/SIGTERM, after logging notice. A
// cluster-mode node runs it itself before it leaves the cluster (CONTRACT
// 40); otherwise this watches the signals. done closes once stop has
// returned; release stops watching (the server ended some other way).
func stopOnSignal(m *vm.Machine, notice string, stop func(ctx context.Context)) (done <-chan struct{}, release func()) {
	stopped, quit := make(chan struct{}), make(chan struct{})
	var once, quitOnce sync.Once
	release = func() { quitOnce.Do(func() { close(quit) }) }
	drain := func(ctx context.Context) {
		once.Do(func() {
			m.ErrOutput(notice)
			stop(ctx)
			close(stopped)
		})
	}
	if dr, ok := m.Options().Runtime.(vm.DrainRuntime); ok && dr.AddDrain(drain) {
		return stopped, release
	}
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	go func() {
		defer signal.Stop(sig)
		select {
		case <-sig:
			ctx, cancel := context.WithTimeout(context.Background(), cluster.DrainTimeout)
			defer cancel()
			drain(ctx)
		case <-quit:
		}
	}()
	return stopped, release
}

// chain builds next = fn req -> mw(req, inner) end as a native closure.
func chain(mw, inner value) value {
	return vm.NativeClosure("HTTP.middleware", 1, func(t *process, a []value) value {
		return t.CallValue(mw, a[0], inner)
	})
}

func nativeClosure(name string) value {
	fn, _ := vm.LookupNative(name)
	return vm.NativeClosure(name, 1, fn)
}

func init() {
	reg("HTTP.not_found", notFound)
	reg("HTTP.router", func(t *process, a []value) value { return routerVal(&router{}) })
	reg("HTTP.route", addRoute(""))
	reg("HTTP.on_get", addRoute("GET"))
	reg("HTTP.on_post", addRoute("POST"))
	reg("HTTP.on_put", addRoute("PUT"))
	reg("HTTP.on_delete", addRoute("DELETE"))
	reg("HTTP.use", func(t *process, a []value) value {
		old := routerOf(a[0])
		return routerVal(&router{routes: old.routes, mw: append(append([]value(nil), old.mw...), a[1])})
	})
	reg("HTTP.response", func(t *process, a []value) value {
		return responseVal(&response{status: int(a[0].Int()), body: a[1].Str()})
	})
	reg("HTTP.response_with_headers", func(t *process, a []value) value {
		res := &response{status: int(a[0].Int()), body: a[1].Str()}
		o := a[2].Map()
		for i, k := range o.Keys() {
			res.headers = append(res.headers, [2]string{k.Str(), o.Vals()[i].Str()})
		}
		return responseVal(res)
	})
	serve := func(t *process, a []value, tls bool) value {
		rt := routerOf(a[0])
		port := a[1].Int()
		m := t.Machine()
		ln, err := net.Listen("tcp", fmt.Sprintf(":%d", port))
		if err != nil {
			// Upstream logs and returns, so main goes on (and usually ends).
			m.ErrOutput(fmt.Sprintf("[mesh-rt] Failed to start HTTP server on [::]:%d: %v\n", port, err))
			return vm.Unit
		}
		m.ErrOutput(fmt.Sprintf("[mesh-rt] HTTP server listening on [::]:%d\n", port))
		if st, ok := m.Options().Runtime.(vm.StartupTrigger); ok {
			st.TriggerStartup() // @cluster startup work starts once the server is up
		}
		srv := newServer(m, rt)
		drained, release := gracefulStop(m, srv, port)
		defer release()
		served := make(chan struct{})
		go func() {
			defer close(served)
			if tls {
				err = srv.ServeTLS(ln, a[2].Str(), a[3].Str())
			} else {
				err = srv.Serve(ln)
			}
		}()
		if !t.AwaitOrKilled(served) {
			// The serving process was killed (a supervisor stopping it):
			// stop listening and end it with the kill's reason.
			srv.Close()
			<-served
			t.CheckKilled()
		}
		if err == http.ErrServerClosed {
			<-drained // Serve returns at once; in-flight requests finish first
			return vm.Unit
		}
		if err != nil {
			m.ErrOutput(fmt.Sprintf("[mesh-rt] HTTP server on [::]:%d stopped: %v\n", port, err))
		}
		return vm.Unit
	}
	reg("HTTP.serve", func(t *process, a []value) value { return serve(t, a, false) })
	reg("HTTP.serve_tls", func(t *process, a []value) value { return serve(t, a, true) })
	// HTTP.clustered(handler) / HTTP.clustered(n, handler): single-node
	// behaviour runs the handler locally.
	reg("HTTP.clustered", func(t *process, a []value) value { return a[len(a)-1] })

	reg("Request.method", func(t *process, a []value) value { return vm.Str(requestOf(a[0]).r.Method) })
	reg("Request.path", func(t *process, a []value) value { return vm.Str(requestOf(a[0]).r.URL.Path) })
	reg("Request.body", func(t *process, a []value) value { return vm.Str(requestOf(a[0]).body) })
	opt := func(t *process, s string, ok bool) value {
		if !ok {
			return t.Machine().None()
		}
		return t.Machine().Some(vm.Str(s))
	}
	reg("Request.header", func(t *process, a []value) value {
		vs, ok := requestOf(a[0]).r.Header[http.CanonicalHeaderKey(a[1].Str())]
		if !ok || len(vs) == 0 {
			return opt(t, "", false)
		}
		return opt(t, vs[0], true)
	})
	reg("Request.query", func(t *process, a []value) value {
		q := requestOf(a[0]).r.URL.Query()
		v, ok := q[a[1].Str()]
		if !ok || len(v) == 0 {
			return opt(t, "", false)
		}
		return opt(t, v[0], true)
	})
	reg("Request.param", func(t *process, a []value) value {
		v, ok := requestOf(a[0]).params[a[1].Str()]
		return opt(t, v, ok)
	})
	client := func(t *process, method, url, body string) value {
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		req, err := http.NewRequestWithContext(ctx, method, url, strings.NewReader(body))
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		if err != nil {
			return t.Machine().Err(vm.Str(err.Error()))
		}
		return t.Machine().Ok(vm.Str(string(b)))
	}
	reg("HTTP.get", func(t *process, a []value) value { return client(t, "GET", a[0].Str(), "") })
	reg("HTTP.post", func(t *process, a []value) value { return client(t, "POST", a[0].Str(), a[1].Str()) })
}
