package cluster

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/mesh-lang/mesh/cluster/continuity"
	"github.com/mesh-lang/mesh/store"
)

// The operator replies are the engine's snapshots (cluster/continuity,
// cluster-reference §6.5): one schema for the node that builds them and the
// CLI that prints them.
type (
	StatusReply           = continuity.StatusSnapshot
	ContinuityListReply   = continuity.ContinuityListSnapshot
	ContinuityRecordReply = continuity.ContinuityRecordSnapshot
	DiagnosticsReply      = continuity.DiagnosticsSnapshot
	RecordView            = continuity.RecordJSON
)

// operatorQuery is the one frame a client sends on an operator stream.
type operatorQuery struct {
	Query string `json:"query"` // status | continuity_lookup | continuity_list | diagnostics
	Key   string `json:"key,omitempty"`
	Limit int    `json:"limit,omitempty"`
}

// operatorAnswer is the one reply frame; Error is a rejection reason
// (request_key_not_found, request_key_missing).
type operatorAnswer struct {
	Error       string                 `json:"error,omitempty"`
	Status      *StatusReply           `json:"status,omitempty"`
	List        *ContinuityListReply   `json:"list,omitempty"`
	Record      *ContinuityRecordReply `json:"record,omitempty"`
	Diagnostics *DiagnosticsReply      `json:"diagnostics,omitempty"`
}

// operatorSource answers operator queries from a node's local view.
type operatorSource interface {
	answer(q operatorQuery) operatorAnswer
}

// serveOperator answers one query on an authenticated operator stream
// (cluster-reference §6.3: answered inline, never a member).
func serveOperator(c *Conn, src operatorSource) error {
	c.SetDeadline(time.Now().Add(5 * time.Second))
	p, err := c.ReadFrame()
	if err != nil {
		return err
	}
	var q operatorQuery
	if err := json.Unmarshal(p, &q); err != nil {
		return fmt.Errorf("malformed query: %v", err)
	}
	b, err := json.Marshal(src.answer(q))
	if err != nil {
		return err
	}
	c.SetDeadline(time.Now().Add(30 * time.Second))
	return c.WriteFrame(b)
}

// OperatorClient is the `meshc cluster` side: one connection per query,
// one deadline for connect, TLS, auth, query and reply (CONTRACT 37).
type OperatorClient struct {
	Target  string
	Key     []byte // HKDF(cookie, mesh-operator-v1) or HKDF(operator.key, …)
	KeyID   byte   // keyIDCookie or keyIDFile
	Timeout time.Duration
}

// QueryError is a failed operator query, printed as cluster-reference §6.4 says.
type QueryError struct {
	Query, Target string
	Kind          string // "unavailable", "rejected", "invalid", "decode failed"
	Detail        string
}

func (e *QueryError) Error() string {
	if e.Kind == "invalid" {
		return fmt.Sprintf("operator query %s invalid: %s", e.Query, e.Detail)
	}
	return fmt.Sprintf("operator query %s target %s %s: %s", e.Query, e.Target, e.Kind, e.Detail)
}

// UsageError is a command-line usage error (exit code 2).
type UsageError struct{ Msg string }

func (e *UsageError) Error() string { return e.Msg }

// Query runs one operator query.
func (oc *OperatorClient) Query(q operatorQuery) (operatorAnswer, error) {
	_, host, port, err := ParseTarget(oc.Target)
	if err != nil {
		return operatorAnswer{}, &UsageError{Msg: err.Error()}
	}
	qerr := func(kind, detail string) error {
		return &QueryError{Query: q.Query, Target: oc.Target, Kind: kind, Detail: detail}
	}
	if q.Query == "continuity_lookup" && q.Key == "" {
		return operatorAnswer{}, qerr("invalid", "request_key_missing")
	}
	timeout := oc.Timeout
	if timeout < time.Millisecond {
		timeout = time.Millisecond
	}
	deadline := time.Now().Add(timeout)
	var addrs []string
	if ip := net.ParseIP(host); ip != nil {
		addrs = []string{net.JoinHostPort(host, strconv.Itoa(port))}
	} else {
		ctx, cancel := context.WithDeadline(context.Background(), deadline)
		ips, err := net.DefaultResolver.LookupIPAddr(ctx, host)
		cancel()
		if err != nil {
			return operatorAnswer{}, qerr("unavailable", fmt.Sprintf("TCP connect to %s failed: %v", net.JoinHostPort(host, strconv.Itoa(port)), err))
		}
		for _, ip := range ips {
			addrs = append(addrs, net.JoinHostPort(ip.IP.String(), strconv.Itoa(port)))
		}
	}
	var c *Conn
	var lastErr error
	for _, a := range addrs {
		c, lastErr = dialOperator(a, oc.Key, oc.KeyID, deadline)
		if lastErr == nil {
			break
		}
		var he *HandshakeError
		if errors.As(lastErr, &he) {
			break // reached a node: its answer counts
		}
	}
	if c == nil {
		if lastErr == nil {
			lastErr = fmt.Errorf("TCP connect to %s failed: no address", net.JoinHostPort(host, strconv.Itoa(port)))
		}
		return operatorAnswer{}, qerr("unavailable", lastErr.Error())
	}
	defer c.Close()
	c.SetDeadline(deadline)
	b, _ := json.Marshal(q)
	if err := c.WriteFrame(b); err != nil {
		return operatorAnswer{}, qerr("unavailable", "transient_operator_query_write_failed:"+err.Error())
	}
	p, err := c.ReadFrame()
	if err != nil {
		return operatorAnswer{}, qerr("unavailable", "transient_operator_reply_read_failed:"+err.Error())
	}
	var ans operatorAnswer
	if err := json.Unmarshal(p, &ans); err != nil {
		return operatorAnswer{}, qerr("decode failed", err.Error())
	}
	if ans.Error != "" {
		return operatorAnswer{}, qerr("rejected", ans.Error)
	}
	return ans, nil
}

// Key ids of an operator hello: which secret the proof uses.
const (
	keyIDCookie byte = 0
	keyIDFile   byte = 1
)

func dialOperator(addr string, key []byte, keyID byte, deadline time.Time) (*Conn, error) {
	return DialMesh(addr, Hello{Kind: KindOperator, KeyID: keyID, Name: "mesh-operator-query"}, key, deadline)
}

// OperatorKeyFromFile derives the operator stream key from an operator.key
// file's contents.
func OperatorKeyFromFile(fileKey string) []byte {
	return DeriveKey(strings.TrimSpace(fileKey), infoOperator)
}

// ResolveOperatorKey implements CONTRACT 37 / §6.2: --cookie, else
// MESH_CLUSTER_COOKIE (trimmed), else operator.key in $MESH_STATE_DIR or
// ./.mesh/state/<target's directory name>/.
func ResolveOperatorKey(cookieFlag string, cookieFlagSet bool, target string, getenv func(string) (string, bool)) ([]byte, byte, error) {
	if cookieFlagSet {
		c := strings.TrimSpace(cookieFlag)
		if c == "" {
			return nil, 0, errors.New("meshc cluster: --cookie must not be blank")
		}
		return DeriveKey(c, infoOperator), keyIDCookie, nil
	}
	// An empty variable counts as unset (so `MESH_CLUSTER_COOKIE=` falls
	// through to operator.key); whitespace-only is an error (§6.2).
	if v, ok := getenv("MESH_CLUSTER_COOKIE"); ok && v != "" {
		c := strings.TrimSpace(v)
		if c == "" {
			return nil, 0, errors.New("meshc cluster: MESH_CLUSTER_COOKIE must not be blank")
		}
		return DeriveKey(c, infoOperator), keyIDCookie, nil
	}
	var dirs []string
	if d, ok := getenv("MESH_STATE_DIR"); ok && strings.TrimSpace(d) != "" {
		dirs = append(dirs, strings.TrimSpace(d))
	}
	dirs = append(dirs, filepath.Join(".mesh", "state", StateDirName(target)))
	for _, d := range dirs {
		k, err := store.ReadOperatorKey(d)
		if err == nil {
			return OperatorKeyFromFile(k), keyIDFile, nil
		}
		if !errors.Is(err, os.ErrNotExist) {
			return nil, 0, fmt.Errorf("meshc cluster: %v", err)
		}
	}
	return nil, 0, errors.New("meshc cluster: MESH_CLUSTER_COOKIE is required unless --cookie is provided")
}

// NewOperatorClient returns a client for target with a resolved key.
func NewOperatorClient(target string, key []byte, keyID byte, timeout time.Duration) *OperatorClient {
	return &OperatorClient{Target: target, Key: key, KeyID: keyID, Timeout: timeout}
}

// ExitCode makes usage errors exit 2 (CONTRACT 5, 38).
func (e *UsageError) ExitCode() int { return 2 }

// Status queries `status`.
func (oc *OperatorClient) Status() (StatusReply, error) {
	a, err := oc.Query(operatorQuery{Query: "status"})
	if err != nil {
		return StatusReply{}, err
	}
	if a.Status == nil {
		return StatusReply{}, &QueryError{Query: "status", Target: oc.Target, Kind: "decode failed", Detail: "missing status"}
	}
	st := *a.Status
	st.Target = oc.Target
	return st, nil
}

// ContinuityList queries `continuity_list` (limit 0 = all).
func (oc *OperatorClient) ContinuityList(limit int) (ContinuityListReply, error) {
	a, err := oc.Query(operatorQuery{Query: "continuity_list", Limit: limit})
	if err != nil {
		return ContinuityListReply{}, err
	}
	if a.List == nil {
		return ContinuityListReply{}, &QueryError{Query: "continuity_list", Target: oc.Target, Kind: "decode failed", Detail: "missing list"}
	}
	l := *a.List
	l.Target = oc.Target
	return l, nil
}

// ContinuityRecord queries `continuity_lookup`.
func (oc *OperatorClient) ContinuityRecord(key string) (ContinuityRecordReply, error) {
	a, err := oc.Query(operatorQuery{Query: "continuity_lookup", Key: key})
	if err != nil {
		return ContinuityRecordReply{}, err
	}
	if a.Record == nil {
		return ContinuityRecordReply{}, &QueryError{Query: "continuity_lookup", Target: oc.Target, Kind: "decode failed", Detail: "missing record"}
	}
	r := *a.Record
	r.Target = oc.Target
	return r, nil
}

// Diagnostics queries `diagnostics` (limit 0 = all).
func (oc *OperatorClient) Diagnostics(limit int) (DiagnosticsReply, error) {
	a, err := oc.Query(operatorQuery{Query: "diagnostics", Limit: limit})
	if err != nil {
		return DiagnosticsReply{}, err
	}
	if a.Diagnostics == nil {
		return DiagnosticsReply{}, &QueryError{Query: "diagnostics", Target: oc.Target, Kind: "decode failed", Detail: "missing diagnostics"}
	}
	d := *a.Diagnostics
	d.Target = oc.Target
	return d, nil
}
