package std

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

func testMachine(t *testing.T) *vm.Machine {
	p := &bundle.Program{Funcs: []*bundle.Function{{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}}}}
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard})
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func respond(status int, body string) value {
	return vm.NativeClosure("handler", 1, func(t *process, a []value) value {
		return responseVal(&response{status: status, body: body + " " + requestOf(a[0]).params["id"]})
	})
}

func TestRouting(t *testing.T) {
	m := testMachine(t)
	call := func(fn string, a ...value) value {
		f, _ := vm.LookupNative(fn)
		var out value
		m.CallInProcess(vm.NativeClosure(fn, 0, func(p *process, _ []value) value { out = f(p, a); return out }))
		return out
	}
	r := call("HTTP.router")
	r = call("HTTP.on_get", r, vm.Str("/users/:id"), respond(200, "param"))
	r = call("HTTP.on_get", r, vm.Str("/users/me"), respond(200, "exact"))
	r = call("HTTP.route", r, vm.Str("/static/*"), respond(200, "wild"))
	r = call("HTTP.on_post", r, vm.Str("/crash"), vm.NativeClosure("crash", 1, func(p *process, _ []value) value {
		p.Panicf("boom")
		return vm.Unit
	}))
	// A middleware that tags every response body.
	r = call("HTTP.use", r, vm.NativeClosure("mw", 2, func(p *process, a []value) value {
		res := p.CallValue(a[1], a[0])
		rr := res.Handle().V.(*response)
		return responseVal(&response{status: rr.status, body: "mw:" + rr.body})
	}))
	rt := routerOf(r)
	cases := []struct{ method, path, want string }{
		{"GET", "/users/me", "200 mw:exact "},
		{"GET", "/users/me/", "200 mw:param me"}, // exact routes match the path verbatim
		{"GET", "//users//42", "200 mw:param 42"},
		{"GET", "/users/42", "200 mw:param 42"},
		{"GET", "/static/a/b", "200 mw:wild "},
		{"GET", "/static", "200 mw:wild "},
		{"POST", "/users/42", "404 mw:Not Found"},
		{"POST", "/crash", "500 Internal Server Error"},
	}
	for _, c := range cases {
		w := httptest.NewRecorder()
		serveHTTP(m, rt, w, httptest.NewRequest(c.method, c.path, strings.NewReader("")))
		got := strings.TrimSpace(strings.Join([]string{strconv.Itoa(w.Code), w.Body.String()}, " "))
		if got != strings.TrimSpace(c.want) {
			t.Errorf("%s %s: got %q want %q", c.method, c.path, got, c.want)
		}
		if ct := w.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
			t.Errorf("content type %q", ct)
		}
	}
}

// BenchmarkHTTPHello compares a Mesh hello-world route (router match, a
// process per request, response handle) with a plain net/http handler
// writing the same response, in the same run; x-nethttp is the slowdown.
func BenchmarkHTTPHello(b *testing.B) {
	m, rt := meshHello(b, `{"hello":"world"}`)
	plain := func(w http.ResponseWriter, r *http.Request) {
		io.ReadAll(r.Body)
		body := `{"hello":"world"}`
		h := w.Header()
		h.Set("Content-Type", "application/json; charset=utf-8")
		h.Set("Content-Length", strconv.Itoa(len(body)))
		h.Set("Connection", "close")
		w.WriteHeader(200)
		io.WriteString(w, body)
	}
	var meshNs, goNs time.Duration
	for i := 0; i < b.N; i++ {
		req := httptest.NewRequest("GET", "/hello", nil)
		start := time.Now()
		w := httptest.NewRecorder()
		serveHTTP(m, rt, w, req)
		meshNs += time.Since(start)
		if w.Code != 200 {
			b.Fatalf("status %d", w.Code)
		}
		req = httptest.NewRequest("GET", "/hello", nil)
		start = time.Now()
		plain(httptest.NewRecorder(), req)
		goNs += time.Since(start)
	}
	b.ReportMetric(float64(meshNs)/float64(goNs), "x-nethttp")
}
