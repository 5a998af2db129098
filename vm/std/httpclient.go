package std

import (
	"context"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/mesh-lang/mesh/vm"
)

// HTTP client (§12.15): requests are immutable builder handles.

type clientReq struct {
	method  string
	url     string
	headers [][2]string
	body    string
	query   [][2]string
	timeout time.Duration
}

func reqOf(v value) *clientReq { return v.Handle().V.(*clientReq) }

func reqVal(r *clientReq) value { return vm.HandleVal(&vm.Handle{Type: "HttpRequest", V: r}) }

func (r *clientReq) with(f func(c *clientReq)) value {
	c := *r
	c.headers = append([][2]string(nil), r.headers...)
	c.query = append([][2]string(nil), r.query...)
	f(&c)
	return reqVal(&c)
}

func (r *clientReq) build(ctx context.Context) (*http.Request, error) {
	u, err := url.Parse(r.url)
	if err != nil {
		return nil, err
	}
	if len(r.query) > 0 {
		q := u.Query()
		for _, kv := range r.query {
			q.Add(kv[0], kv[1])
		}
		u.RawQuery = q.Encode()
	}
	req, err := http.NewRequestWithContext(ctx, r.method, u.String(), strings.NewReader(r.body))
	if err != nil {
		return nil, err
	}
	for _, kv := range r.headers {
		req.Header.Set(kv[0], kv[1])
	}
	return req, nil
}

var (
	handles   sync.Map // int64 → context.CancelFunc (streams) or *http.Client (clients)
	handleSeq atomic.Int64
)

func send(t *process, client *http.Client, r *clientReq) value {
	m := t.Machine()
	ctx, cancel := context.WithTimeout(context.Background(), r.timeout)
	defer cancel()
	req, err := r.build(ctx)
	if err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	resp, err := client.Do(req)
	if err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		return m.Err(vm.Str(err.Error()))
	}
	var keys, vals []value
	for k, vs := range resp.Header {
		keys = append(keys, vm.Str(strings.ToLower(k)))
		vals = append(vals, vm.Str(strings.Join(vs, ", ")))
	}
	return m.Ok(m.Struct("HttpResponse", vm.Int(int64(resp.StatusCode)), vm.Str(string(b)), vm.NewMap(keys, vals)))
}

func init() {
	reg("Http.build", func(t *process, a []value) value {
		return reqVal(&clientReq{method: strings.ToUpper(a[0].Str()), url: a[1].Str(), timeout: 30 * time.Second})
	})
	reg("Http.header", func(t *process, a []value) value {
		return reqOf(a[0]).with(func(c *clientReq) { c.headers = append(c.headers, [2]string{a[1].Str(), a[2].Str()}) })
	})
	reg("Http.body", func(t *process, a []value) value {
		return reqOf(a[0]).with(func(c *clientReq) { c.body = a[1].Str() })
	})
	reg("Http.json", func(t *process, a []value) value {
		return reqOf(a[0]).with(func(c *clientReq) {
			c.body = a[1].Str()
			c.headers = append(c.headers, [2]string{"Content-Type", "application/json"})
		})
	})
	reg("Http.query", func(t *process, a []value) value {
		return reqOf(a[0]).with(func(c *clientReq) { c.query = append(c.query, [2]string{a[1].Str(), a[2].Str()}) })
	})
	reg("Http.timeout", func(t *process, a []value) value {
		return reqOf(a[0]).with(func(c *clientReq) { c.timeout = time.Duration(max(1, a[1].Int())) * time.Millisecond })
	})
	reg("Http.send", func(t *process, a []value) value { return send(t, http.DefaultClient, reqOf(a[0])) })
	reg("Http.client", func(t *process, a []value) value {
		id := handleSeq.Add(1)
		handles.Store(id, &http.Client{Transport: &http.Transport{}})
		return vm.Int(id)
	})
	reg("Http.send_with", func(t *process, a []value) value {
		c, ok := handles.Load(a[0].Int())
		client, _ := c.(*http.Client)
		if !ok || client == nil {
			return t.Machine().Err(vm.Str("unknown client"))
		}
		return send(t, client, reqOf(a[1]))
	})
	reg("Http.client_close", func(t *process, a []value) value {
		if c, ok := handles.LoadAndDelete(a[0].Int()); ok {
			if client, ok := c.(*http.Client); ok {
				client.CloseIdleConnections()
			}
		}
		return vm.Unit
	})
	stream := func(t *process, a []value) value {
		r, cb := reqOf(a[0]), a[1]
		m := t.Machine()
		id := handleSeq.Add(1)
		ctx, cancel := context.WithCancel(context.Background())
		handles.Store(id, context.CancelFunc(cancel))
		release := m.Hold()
		go func() {
			defer release()
			defer cancel()
			req, err := r.build(ctx)
			if err != nil {
				return
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				return
			}
			defer resp.Body.Close()
			buf := make([]byte, 32<<10)
			for {
				n, err := resp.Body.Read(buf)
				if n > 0 {
					v, perr := m.CallInProcess(cb, vm.Str(string(buf[:n])))
					if perr != nil || v.Str() == "stop" {
						return
					}
				}
				if err != nil {
					return
				}
			}
		}()
		return vm.Int(id)
	}
	alias(stream, "Http.stream", "Http.stream_bytes")
	reg("Http.cancel", func(t *process, a []value) value {
		if c, ok := handles.LoadAndDelete(a[0].Int()); ok {
			if cancel, ok := c.(context.CancelFunc); ok {
				cancel()
			}
		}
		return vm.Unit
	})
}
