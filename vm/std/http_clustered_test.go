package std

import (
	"context"
	"io"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/mesh-lang/mesh/cluster"
	"github.com/mesh-lang/mesh/lang/bundle"
	"github.com/mesh-lang/mesh/lang/compile/op"
	"github.com/mesh-lang/mesh/vm"
)

// fakeRuntime serves routes locally, as the cluster runtime does for a
// request this node owns.
type fakeRuntime struct {
	routes map[string]cluster.Route
}

func (f *fakeRuntime) Register([]cluster.Work) {}
func (f *fakeRuntime) StartFromEnv() (cluster.BootstrapStatus, error) {
	return cluster.BootstrapStatus{Mode: "standalone"}, nil
}
func (f *fakeRuntime) AfterMain(context.Context) int { return 0 }
func (f *fakeRuntime) RegisterRoutes(rs []cluster.Route) {
	for _, r := range rs {
		f.routes[r.Name] = r
	}
}
func (f *fakeRuntime) ServeRoute(ctx context.Context, name string, req []byte) ([]byte, string, error) {
	r, ok := f.routes[name]
	if !ok {
		return nil, "", &cluster.RouteError{Reason: "declared_handler_not_registered:" + name}
	}
	out, err := r.Handler(ctx, req)
	return out, "http-route::" + name + "::1", err
}

func TestHTTPClustered(t *testing.T) {
	// handler(req) = HTTP.response(201, Request.param(req, "id") as text)
	p := &bundle.Program{
		Natives: []string{"HTTP.response", "Request.path"},
		Funcs: []*bundle.Function{
			{Name: "Main.main", Code: []op.Instr{{Op: op.UNIT}, {Op: op.RETURN}}},
			{Name: "Api.handle", NumParams: 1, NumLocals: 1, Code: []op.Instr{
				{Op: op.INT, A: 201}, {Op: op.LOAD, A: 0}, {Op: op.CALL_NATIVE, A: 1, B: 1},
				{Op: op.CALL_NATIVE, A: 0, B: 2}, {Op: op.RETURN},
			}},
		},
		Routes: []bundle.Work{{RuntimeName: "Api.handle", Replicas: 2, Func: 1}},
	}
	rt := &fakeRuntime{routes: map[string]cluster.Route{}}
	m, err := vm.Load(p, vm.Options{Stdout: io.Discard, Stderr: io.Discard, Runtime: rt})
	if err != nil {
		t.Fatal(err)
	}
	if code := m.Run(); code != 0 {
		t.Fatalf("exit %d", code)
	}
	if _, ok := rt.routes["Api.handle"]; !ok {
		t.Fatalf("route not registered: %v", rt.routes)
	}
	wrap, _ := vm.LookupNative("__http_clustered")
	var handler value
	m.CallInProcess(vm.NativeClosure("setup", 0, func(p *process, _ []value) value {
		handler = wrap(p, []value{m.Routes()[0].Handler, vm.Str("Api.handle")})
		return vm.Unit
	}))
	r := &router{routes: []route{{pattern: []string{"x", ":id"}, kind: 1, handler: handler}}}
	w := httptest.NewRecorder()
	serveHTTP(m, r, w, httptest.NewRequest("GET", "/x/7", strings.NewReader("")))
	if w.Code != 201 || w.Body.String() != "/x/7" || w.Header().Get("X-Mesh-Continuity-Request-Key") != "http-route::Api.handle::1" {
		t.Fatalf("got %d %q headers %v", w.Code, w.Body.String(), w.Header())
	}
	// An unknown route is a 503 with the reason.
	m.CallInProcess(vm.NativeClosure("setup", 0, func(p *process, _ []value) value {
		handler = wrap(p, []value{m.Routes()[0].Handler, vm.Str("Api.missing")})
		return vm.Unit
	}))
	r.routes[0].handler = handler
	w = httptest.NewRecorder()
	serveHTTP(m, r, w, httptest.NewRequest("GET", "/x/7", strings.NewReader("")))
	if w.Code != 503 || w.Body.String() != `{"error":"declared_handler_not_registered:Api.missing"}` {
		t.Fatalf("got %d %q", w.Code, w.Body.String())
	}
}
