package cluster

import (
	"bufio"
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net"
	"time"
)

// Stream kinds of a Mesh hello (CONTRACT 24).
const (
	KindPeer     byte = 1
	KindOperator byte = 2
	KindRoute    byte = 3
)

// HKDF infos (CONTRACT 24): peer and route streams share the peer key.
const (
	infoPeer     = "mesh-peer-v1"
	infoOperator = "mesh-operator-v1"
	infoGossip   = "mesh-gossip-v1"
)

// ErrAuthFailed is the fail-closed handshake error (CONTRACT 11).
var ErrAuthFailed = errors.New("authentication failed")

// DeriveKey is HKDF-SHA256(cookie) with the given info, 32 bytes.
func DeriveKey(cookie, info string) []byte {
	k, err := hkdf.Key(sha256.New, []byte(cookie), nil, info, 32)
	if err != nil {
		panic(err) // only for lengths > 255*32
	}
	return k
}

// Keys holds the keys a node or client authenticates with.
type Keys struct {
	Peer     []byte // nil: peer/route hellos are refused
	Operator []byte // HKDF(cookie, mesh-operator-v1)
	// OperatorFile is HKDF(operator.key, mesh-operator-v1): the CLI's key
	// when it has no cookie (CONTRACT 37).
	OperatorFile []byte
}

// KeysFromCookie derives every stream key from the cluster cookie.
func KeysFromCookie(cookie string) Keys {
	return Keys{Peer: DeriveKey(cookie, infoPeer), Operator: DeriveKey(cookie, infoOperator)}
}

func (k Keys) forKind(kind, keyID byte) []byte {
	if kind == KindOperator {
		if keyID == keyIDFile {
			return k.OperatorFile
		}
		return k.Operator
	}
	return k.Peer
}

// Hello is what the dialing side announces.
type Hello struct {
	Kind        byte
	KeyID       byte // operator streams: keyIDCookie or keyIDFile
	Name        string
	Incarnation string
}

const exporterLabel = "EXPORTER-mesh-stream-auth"

// selfSignedConfig is a TLS 1.3 server config with an ephemeral P-256
// certificate; clients do not verify it (authentication is the cookie
// proof bound to the session, CONTRACT 24).
func selfSignedConfig() (*tls.Config, error) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(time.Now().UnixNano()),
		Subject:      pkix.Name{CommonName: "mesh-node"},
		DNSNames:     []string{"mesh-node"},
		NotBefore:    time.Now().Add(-time.Hour),
		NotAfter:     time.Now().Add(10 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		return nil, err
	}
	return &tls.Config{
		MinVersion:   tls.VersionTLS13,
		Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}},
	}, nil
}

func clientTLSConfig() *tls.Config {
	return &tls.Config{MinVersion: tls.VersionTLS13, InsecureSkipVerify: true, ServerName: "mesh-node"}
}

func proof(key []byte, side string, exporter, cnonce, snonce []byte) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(side))
	m.Write(exporter)
	m.Write(cnonce)
	m.Write(snonce)
	return m.Sum(nil)
}

// Conn is an authenticated Mesh stream carrying length-prefixed frames.
type Conn struct {
	tls    *tls.Conn
	r      *bufio.Reader
	Remote Hello // the client's hello (server side) — empty on the client
	// limit bounds incoming frames: handshakeFrame until authenticated,
	// so an unauthenticated peer cannot make us allocate much.
	limit uint32
}

// handshakeFrame bounds frames before authentication completes.
const handshakeFrame = 4096

// maxFrame bounds a frame to catch garbage lengths; replies of any
// realistic size fit (CONTRACT 18).
const maxFrame = 1 << 30

// WriteFrame writes one u32-big-endian-length-prefixed frame.
func (c *Conn) WriteFrame(p []byte) error {
	var h [4]byte
	binary.BigEndian.PutUint32(h[:], uint32(len(p)))
	buf := make([]byte, 0, 4+len(p))
	buf = append(append(buf, h[:]...), p...)
	_, err := c.tls.Write(buf)
	return err
}

// ReadFrame reads one frame.
func (c *Conn) ReadFrame() ([]byte, error) {
	limit := c.limit
	if limit == 0 {
		limit = maxFrame
	}
	return readFrame(c.r, limit)
}

func readFrame(r io.Reader, limit uint32) ([]byte, error) {
	var h [4]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return nil, err
	}
	n := binary.BigEndian.Uint32(h[:])
	if n > limit {
		return nil, fmt.Errorf("frame too large: %d bytes", n)
	}
	p := make([]byte, n)
	if _, err := io.ReadFull(r, p); err != nil {
		return nil, err
	}
	return p, nil
}

// SetDeadline sets the underlying connection deadline.
func (c *Conn) SetDeadline(t time.Time) error { return c.tls.SetDeadline(t) }

// Close closes the stream.
func (c *Conn) Close() error { return c.tls.Close() }

// RemoteAddr is the peer's network address.
func (c *Conn) RemoteAddr() net.Addr { return c.tls.RemoteAddr() }

func encodeHello(h Hello, nonce []byte) []byte {
	var b bytes.Buffer
	b.WriteByte(h.Kind)
	b.WriteByte(h.KeyID)
	putString(&b, h.Name)
	putString(&b, h.Incarnation)
	b.Write(nonce)
	return b.Bytes()
}

func decodeHello(p []byte) (Hello, []byte, error) {
	r := bytes.NewReader(p)
	kind, err := r.ReadByte()
	if err != nil {
		return Hello{}, nil, err
	}
	keyID, err := r.ReadByte()
	if err != nil {
		return Hello{}, nil, err
	}
	name, err := getString(r)
	if err != nil {
		return Hello{}, nil, err
	}
	inc, err := getString(r)
	if err != nil {
		return Hello{}, nil, err
	}
	nonce := make([]byte, 32)
	if _, err := io.ReadFull(r, nonce); err != nil {
		return Hello{}, nil, err
	}
	if kind < KindPeer || kind > KindRoute {
		return Hello{}, nil, fmt.Errorf("unknown stream kind %d", kind)
	}
	return Hello{Kind: kind, KeyID: keyID, Name: name, Incarnation: inc}, nonce, nil
}

func putString(b *bytes.Buffer, s string) {
	var h [4]byte
	binary.BigEndian.PutUint32(h[:], uint32(len(s)))
	b.Write(h[:])
	b.WriteString(s)
}

func getString(r *bytes.Reader) (string, error) {
	var h [4]byte
	if _, err := io.ReadFull(r, h[:]); err != nil {
		return "", err
	}
	n := binary.BigEndian.Uint32(h[:])
	if int64(n) > int64(r.Len()) {
		return "", io.ErrUnexpectedEOF
	}
	s := make([]byte, n)
	io.ReadFull(r, s)
	return string(s), nil
}

func exporter(t *tls.Conn) ([]byte, error) {
	st := t.ConnectionState()
	return st.ExportKeyingMaterial(exporterLabel, nil, 32)
}

// DialMesh opens an authenticated Mesh stream to addr: TCP, preamble, TLS
// 1.3, hello, proofs, verdict (CONTRACT 24). The whole exchange honours
// deadline. A wrong key fails with ErrAuthFailed.
func DialMesh(addr string, hello Hello, key []byte, deadline time.Time) (*Conn, error) {
	d := net.Dialer{Deadline: deadline}
	raw, err := d.Dial("tcp", addr)
	if err != nil {
		return nil, &DialError{Addr: addr, Err: err}
	}
	c, err := clientHandshake(raw, hello, key, deadline)
	if err != nil {
		raw.Close()
		return nil, &HandshakeError{Addr: addr, Err: err}
	}
	return c, nil
}

// DialError is a failed TCP connect.
type DialError struct {
	Addr string
	Err  error
}

func (e *DialError) Error() string { return fmt.Sprintf("TCP connect to %s failed: %v", e.Addr, e.Err) }
func (e *DialError) Unwrap() error { return e.Err }

// HandshakeError is a failed TLS/auth exchange.
type HandshakeError struct {
	Addr string
	Err  error
}

func (e *HandshakeError) Error() string {
	return fmt.Sprintf("handshake with %s failed: %v", e.Addr, e.Err)
}
func (e *HandshakeError) Unwrap() error { return e.Err }

func clientHandshake(raw net.Conn, hello Hello, key []byte, deadline time.Time) (*Conn, error) {
	raw.SetDeadline(deadline)
	if _, err := raw.Write([]byte{preambleMesh}); err != nil {
		return nil, err
	}
	t := tls.Client(raw, clientTLSConfig())
	if err := t.Handshake(); err != nil {
		return nil, err
	}
	exp, err := exporter(t)
	if err != nil {
		return nil, err
	}
	cnonce := make([]byte, 32)
	rand.Read(cnonce)
	c := &Conn{tls: t, r: bufio.NewReader(t), limit: handshakeFrame}
	if err := c.WriteFrame(encodeHello(hello, cnonce)); err != nil {
		return nil, err
	}
	p, err := c.ReadFrame()
	if err != nil {
		return nil, err
	}
	if len(p) != 64 {
		return nil, errors.New("malformed server proof")
	}
	snonce, sproof := p[:32], p[32:]
	serverOK := hmac.Equal(sproof, proof(key, "server", exp, cnonce, snonce))
	// Always answer, so the server can log the mismatch on its side too.
	cproof := proof(key, "client", exp, cnonce, snonce)
	if !serverOK {
		cproof = make([]byte, 32)
	}
	if err := c.WriteFrame(cproof); err != nil {
		return nil, err
	}
	v, err := c.ReadFrame()
	if err != nil {
		if !serverOK {
			return nil, ErrAuthFailed
		}
		return nil, err
	}
	if !serverOK || len(v) != 1 || v[0] != 1 {
		return nil, ErrAuthFailed
	}
	raw.SetDeadline(time.Time{})
	c.limit = maxFrame
	return c, nil
}

// acceptMesh runs the server side of the handshake on a connection whose
// preamble was consumed. keys picks the key by the hello's kind.
func acceptMesh(raw net.Conn, cfg *tls.Config, keys Keys, deadline time.Time) (*Conn, error) {
	raw.SetDeadline(deadline)
	t := tls.Server(raw, cfg)
	if err := t.Handshake(); err != nil {
		return nil, err
	}
	exp, err := exporter(t)
	if err != nil {
		return nil, err
	}
	c := &Conn{tls: t, r: bufio.NewReader(t), limit: handshakeFrame}
	p, err := c.ReadFrame()
	if err != nil {
		return nil, err
	}
	hello, cnonce, err := decodeHello(p)
	if err != nil {
		return nil, err
	}
	key := keys.forKind(hello.Kind, hello.KeyID)
	if key == nil {
		// No such key here: answer with a random one so it fails closed
		// as an authentication failure on both sides.
		key = make([]byte, 32)
		rand.Read(key)
	}
	snonce := make([]byte, 32)
	rand.Read(snonce)
	if err := c.WriteFrame(append(snonce, proof(key, "server", exp, cnonce, snonce)...)); err != nil {
		return nil, err
	}
	cp, err := c.ReadFrame()
	if err != nil {
		return nil, err
	}
	ok := hmac.Equal(cp, proof(key, "client", exp, cnonce, snonce))
	verdict := byte(0)
	if ok {
		verdict = 1
	}
	if err := c.WriteFrame([]byte{verdict}); err != nil {
		return nil, err
	}
	if !ok {
		return nil, ErrAuthFailed
	}
	raw.SetDeadline(time.Time{})
	c.Remote = hello
	c.limit = maxFrame
	return c, nil
}
