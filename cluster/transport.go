package cluster

import (
	"errors"
	"fmt"
	"io"
	"net"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/memberlist"
)

// Preamble bytes: the first byte a dialer writes on every TCP connection to
// a node's port tells memberlist streams from Mesh streams (CONTRACT 10).
const (
	preambleMemberlist byte = 0x01
	preambleMesh       byte = 0x02
)

// portMux owns a node's single port: one TCP listener and one UDP socket
// on the node name's host:port, plus, lazily, one unbound UDP socket of the
// other address family so 127.0.0.1:P and [::1]:P can gossip (CONTRACT 10, 22).
// It implements memberlist.NodeAwareTransport.
type portMux struct {
	ip   net.IP
	port int
	tcp  *net.TCPListener
	udp  *net.UDPConn

	packetCh chan *memberlist.Packet
	streamCh chan net.Conn
	// onMesh receives every accepted connection whose preamble says "Mesh
	// stream", with the preamble already consumed.
	onMesh func(net.Conn)

	// partition, when set, drops everything this node sends to the
	// addresses it reports (tests only: a network partition on loopback).
	partition atomic.Pointer[func(addr string) bool]

	mu       sync.Mutex
	other    *net.UDPConn // unbound socket of the other family
	closed   bool
	shutdown chan struct{}
	wg       sync.WaitGroup
}

var _ memberlist.NodeAwareTransport = (*portMux)(nil)

// listenPort binds host:port: a host name binds the first of its addresses
// where both TCP and UDP bind (CONTRACT 22). logf receives
// `mesh node: listen <a> failed: <err>` for each failed address.
func listenPort(host string, port int, logf func(string, ...any)) (*portMux, error) {
	var ips []net.IP
	if ip := net.ParseIP(host); ip != nil {
		ips = []net.IP{ip}
	} else {
		addrs, err := net.LookupIP(host)
		if err != nil {
			logf("mesh node: listen %s failed: %v", net.JoinHostPort(host, strconv.Itoa(port)), err)
			return nil, err
		}
		ips = addrs
	}
	var lastErr error
	for _, ip := range ips {
		addr := net.JoinHostPort(ip.String(), strconv.Itoa(port))
		network := "4"
		if ip.To4() == nil {
			network = "6"
		}
		tl, err := net.ListenTCP("tcp"+network, &net.TCPAddr{IP: ip, Port: port})
		if err != nil {
			logf("mesh node: listen %s failed: %v", addr, err)
			lastErr = err
			continue
		}
		ul, err := net.ListenUDP("udp"+network, &net.UDPAddr{IP: ip, Port: port})
		if err != nil {
			tl.Close()
			logf("mesh node: listen %s failed: %v", addr, err)
			lastErr = err
			continue
		}
		m := &portMux{
			ip: ip, port: port, tcp: tl, udp: ul,
			packetCh: make(chan *memberlist.Packet, 256),
			streamCh: make(chan net.Conn, 16),
			shutdown: make(chan struct{}),
		}
		return m, nil
	}
	if lastErr == nil {
		lastErr = fmt.Errorf("no address for %s", host)
	}
	return nil, lastErr
}

// start begins accepting; onMesh handles Mesh streams.
func (m *portMux) start(onMesh func(net.Conn)) {
	m.onMesh = onMesh
	m.wg.Add(2)
	go m.acceptLoop()
	go m.readPackets(m.udp)
}

// Addr is the bound host:port.
func (m *portMux) Addr() string { return net.JoinHostPort(m.ip.String(), strconv.Itoa(m.port)) }

func (m *portMux) acceptLoop() {
	defer m.wg.Done()
	for {
		c, err := m.tcp.Accept()
		if err != nil {
			if m.isClosed() {
				return
			}
			var ne net.Error
			if errors.As(err, &ne) && ne.Timeout() {
				continue
			}
			time.Sleep(5 * time.Millisecond)
			continue
		}
		go m.route(c)
	}
}

func (m *portMux) route(c net.Conn) {
	var b [1]byte
	c.SetReadDeadline(time.Now().Add(5 * time.Second))
	if _, err := io.ReadFull(c, b[:]); err != nil {
		c.Close()
		return
	}
	c.SetReadDeadline(time.Time{})
	switch b[0] {
	case preambleMemberlist:
		select {
		case m.streamCh <- c:
		case <-m.shutdown:
			c.Close()
		}
	case preambleMesh:
		if m.onMesh != nil {
			m.onMesh(c)
		} else {
			c.Close()
		}
	default:
		c.Close()
	}
}

func (m *portMux) readPackets(u *net.UDPConn) {
	defer m.wg.Done()
	buf := make([]byte, 65536)
	for {
		n, from, err := u.ReadFrom(buf)
		ts := time.Now()
		if err != nil {
			if m.isClosed() {
				return
			}
			continue
		}
		if n < 1 {
			continue
		}
		pkt := &memberlist.Packet{Buf: append([]byte(nil), buf[:n]...), From: from, Timestamp: ts}
		select {
		case m.packetCh <- pkt:
		case <-m.shutdown:
			return
		}
	}
}

func (m *portMux) isClosed() bool {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.closed
}

// FinalAdvertiseAddr: the node advertises exactly the address it bound.
func (m *portMux) FinalAdvertiseAddr(string, int) (net.IP, int, error) {
	return m.ip, m.port, nil
}

// WriteTo sends a memberlist packet; a destination of the other address
// family leaves from the unbound socket of that family (CONTRACT 22).
func (m *portMux) WriteTo(b []byte, addr string) (time.Time, error) {
	if m.cut(addr) {
		return time.Now(), nil // lost in the partition
	}
	ua, err := net.ResolveUDPAddr("udp", addr)
	if err != nil {
		return time.Time{}, err
	}
	ua.IP = unmapIP(ua.IP)
	conn := m.udp
	if (ua.IP.To4() != nil) != (m.ip.To4() != nil) {
		if conn, err = m.otherSocket(ua.IP.To4() != nil); err != nil {
			return time.Time{}, err
		}
	}
	_, err = conn.WriteTo(b, ua)
	return time.Now(), err
}

func (m *portMux) otherSocket(v4 bool) (*net.UDPConn, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	if m.closed {
		return nil, errors.New("transport shut down")
	}
	if m.other != nil {
		return m.other, nil
	}
	network := "udp6"
	if v4 {
		network = "udp4"
	}
	u, err := net.ListenUDP(network, nil)
	if err != nil {
		return nil, err
	}
	m.other = u
	m.wg.Add(1)
	go m.readPackets(u)
	return u, nil
}

var errPartitioned = errors.New("network partition (test)")

// cut reports whether addr is unreachable through a test partition.
func (m *portMux) cut(addr string) bool {
	f := m.partition.Load()
	return f != nil && (*f)(addr)
}

func unmapIP(ip net.IP) net.IP {
	if v4 := ip.To4(); v4 != nil {
		return v4
	}
	return ip
}

// WriteToAddress implements memberlist.NodeAwareTransport.
func (m *portMux) WriteToAddress(b []byte, a memberlist.Address) (time.Time, error) {
	return m.WriteTo(b, a.Addr)
}

// PacketCh implements memberlist.Transport.
func (m *portMux) PacketCh() <-chan *memberlist.Packet { return m.packetCh }

// DialTimeout opens a memberlist stream: TCP plus the memberlist preamble.
func (m *portMux) DialTimeout(addr string, timeout time.Duration) (net.Conn, error) {
	if m.cut(addr) {
		return nil, errPartitioned
	}
	c, err := net.DialTimeout("tcp", addr, timeout)
	if err != nil {
		return nil, err
	}
	if _, err := c.Write([]byte{preambleMemberlist}); err != nil {
		c.Close()
		return nil, err
	}
	return c, nil
}

// DialAddressTimeout implements memberlist.NodeAwareTransport.
func (m *portMux) DialAddressTimeout(a memberlist.Address, timeout time.Duration) (net.Conn, error) {
	return m.DialTimeout(a.Addr, timeout)
}

// StreamCh implements memberlist.Transport.
func (m *portMux) StreamCh() <-chan net.Conn { return m.streamCh }

// Shutdown closes the port (memberlist calls it when serf shuts down).
func (m *portMux) Shutdown() error {
	m.mu.Lock()
	if m.closed {
		m.mu.Unlock()
		return nil
	}
	m.closed = true
	close(m.shutdown)
	other := m.other
	m.mu.Unlock()
	m.tcp.Close()
	m.udp.Close()
	if other != nil {
		other.Close()
	}
	m.wg.Wait()
	return nil
}
