package std

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/mesh-lang/mesh/cluster"
	"github.com/mesh-lang/mesh/vm"
)

// HTTP.clustered (cluster-reference §7): the compiler passes each call's
// route runtime name; the wrapped handler hands the serialised request to
// the runtime, which runs the declared handler on the owner node.

type wireRequest struct {
	Method  string              `json:"method"`
	Path    string              `json:"path"`
	Query   string              `json:"query"`
	Headers map[string][]string `json:"headers"`
	Body    string              `json:"body"`
	Params  map[string]string   `json:"params"`
}

type wireResponse struct {
	Status  int         `json:"status"`
	Body    string      `json:"body"`
	Headers [][2]string `json:"headers"`
}

func encodeRequest(r *request) []byte {
	b, _ := json.Marshal(wireRequest{Method: r.r.Method, Path: r.r.URL.Path, Query: r.r.URL.RawQuery,
		Headers: r.r.Header, Body: r.body, Params: r.params})
	return b
}

func decodeRequest(b []byte) (*request, error) {
	var w wireRequest
	if err := json.Unmarshal(b, &w); err != nil {
		return nil, err
	}
	hr, err := http.NewRequest(w.Method, (&url.URL{Path: w.Path, RawQuery: w.Query}).String(), strings.NewReader(w.Body))
	if err != nil {
		return nil, err
	}
	hr.Header = w.Headers
	return &request{r: hr, body: w.Body, params: w.Params}, nil
}

func init() {
	vm.OnStart(func(m *vm.Machine) {
		rr, ok := m.Options().Runtime.(vm.RouteRuntime)
		routes := m.Routes()
		if !ok || len(routes) == 0 {
			return
		}
		var cr []cluster.Route
		for _, r := range routes {
			handler := r.Handler
			cr = append(cr, cluster.Route{Name: r.Name, Replicas: r.Replicas, Handler: func(ctx context.Context, req []byte) ([]byte, error) {
				rq, err := decodeRequest(req)
				if err != nil {
					return nil, err
				}
				v, perr := m.CallInProcess(handler, vm.HandleVal(&vm.Handle{Type: "Request", V: rq}))
				if perr != nil {
					return nil, errors.New(perr.Msg)
				}
				res, _ := v.Handle().V.(*response)
				if res == nil {
					return nil, errors.New("handler did not return a Response")
				}
				return json.Marshal(wireResponse{Status: res.status, Body: res.body, Headers: res.headers})
			}})
		}
		rr.RegisterRoutes(cr)
	})
	// __http_clustered(handler, name) or (n, handler, name).
	reg("__http_clustered", func(t *process, a []value) value {
		handler, name := a[len(a)-2], a[len(a)-1].Str()
		m := t.Machine()
		rr, ok := m.Options().Runtime.(vm.RouteRuntime)
		if !ok {
			return handler // no cluster runtime: the handler runs locally
		}
		return vm.NativeClosure("HTTP.clustered:"+name, 1, func(p *process, args []value) value {
			req := requestOf(args[0])
			out, key, err := rr.ServeRoute(context.Background(), name, encodeRequest(req))
			if err != nil {
				var re *cluster.RouteError
				res := &response{status: 503}
				if errors.As(err, &re) {
					res.body = `{"error":` + jsonString(re.Reason) + `}`
					if re.Key != "" {
						res.headers = append(res.headers, [2]string{"X-Mesh-Continuity-Request-Key", re.Key})
					}
				} else {
					res.body = `{"error":` + jsonString(err.Error()) + `}`
				}
				return responseVal(res)
			}
			var w wireResponse
			if err := json.Unmarshal(out, &w); err != nil {
				p.Panicf("HTTP.clustered %s: bad response: %v", name, err)
			}
			res := &response{status: w.Status, body: w.Body, headers: w.Headers}
			if key != "" {
				res.headers = append(res.headers, [2]string{"X-Mesh-Continuity-Request-Key", key})
			}
			return responseVal(res)
		})
	})
}
