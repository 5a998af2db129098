package cluster

import (
	"context"
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"time"

	"github.com/mesh-lang/mesh/store"
)

// discoveryLoop is CONTRACT 23 / cluster-reference §3.5: each tick (first
// at once) resolve the seed, add remembered members, drop self and alive
// members, authenticate each other address with a Mesh hello, then
// serf.Join it; one log line per tick.
func (n *node) discoveryLoop(st *store.State) {
	defer n.wg.Done()
	if n.cfg.DiscoveryDisabled != "" {
		n.log.printf("mesh discovery: provider=dns status=disabled reason=%s last_error=%s", n.cfg.DiscoveryDisabled, n.cfg.DiscoveryDisabled)
		return
	}
	var remembered []string
	if st != nil {
		for _, m := range st.Members {
			remembered = append(remembered, m.Name)
		}
	}
	last := ""
	for {
		if line := n.discoverOnce(append(remembered, n.core.members()...)); line != last {
			// One line per tick upstream; we log a tick only when its
			// outcome changed, so a 300 ms interval does not flood stderr.
			n.log.printf("%s", line)
			last = line
		}
		select {
		case <-n.stop:
			return
		case <-time.After(n.cfg.DiscoveryInterval):
		}
	}
}

// resolveSeed resolves the seed; `localhost` always gives 127.0.0.1 and
// ::1 (RFC 6761), whatever /etc/hosts says.
func resolveSeed(seed string) ([]net.IP, error) {
	if strings.EqualFold(seed, "localhost") {
		return []net.IP{net.ParseIP("127.0.0.1").To4(), net.ParseIP("::1")}, nil
	}
	if ip := net.ParseIP(strings.Trim(seed, "[]")); ip != nil {
		return []net.IP{ip}, nil
	}
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	addrs, err := net.DefaultResolver.LookupIPAddr(ctx, seed)
	if err != nil {
		return nil, err
	}
	var out []net.IP
	for _, a := range addrs {
		out = append(out, a.IP)
	}
	return out, nil
}

func (n *node) discoverOnce(remembered []string) string {
	port := n.cfg.Port
	var targets []string
	lastErr := "none"
	ips, err := resolveSeed(n.cfg.Seed)
	resolved := len(ips)
	if err != nil {
		lastErr = fmt.Sprintf("seed=%s resolve_failed=%v", n.cfg.Seed, err)
	}
	for _, ip := range ips {
		targets = append(targets, net.JoinHostPort(unmapIP(ip).String(), strconv.Itoa(port)))
	}
	for _, name := range remembered {
		if _, h, p, err := ParseTarget(name); err == nil {
			if ip := net.ParseIP(h); ip != nil {
				h = unmapIP(ip).String()
			}
			targets = append(targets, net.JoinHostPort(h, strconv.Itoa(p)))
		}
	}
	self := net.JoinHostPort(unmapIP(n.mux.ip).String(), strconv.Itoa(n.mux.port))
	alive := map[string]bool{}
	n.mu.Lock()
	for _, m := range n.alive {
		alive[net.JoinHostPort(unmapIP(m.Addr).String(), strconv.Itoa(int(m.Port)))] = true
	}
	n.mu.Unlock()
	seen := map[string]bool{}
	var accepted, rejected []string
	for _, t := range targets {
		switch {
		case seen[t]:
			// duplicates (seed and remembered) are silent
			continue
		case t == self:
			seen[t] = true
			rejected = append(rejected, t+":self")
			continue
		case alive[t]:
			seen[t] = true
			rejected = append(rejected, t+":already_connected")
			continue
		}
		seen[t] = true
		c, err := n.dialPeer(t, Hello{Kind: KindPeer}, time.Now().Add(2*time.Second))
		if err != nil {
			var de *DialError
			switch {
			case errors.Is(err, ErrAuthFailed):
				rejected = append(rejected, t+":authentication_failed")
			case errors.As(err, &de):
				rejected = append(rejected, t+":connect_failed")
			default:
				rejected = append(rejected, t+":handshake_failed")
			}
			lastErr = fmt.Sprintf("connect target=%s result=%v seed=%s", t, err, n.cfg.Seed)
			continue
		}
		c.Close()
		if _, err := n.serf.Join([]string{t}, true); err != nil { // via portMux.DialTimeout
			rejected = append(rejected, t+":join_failed")
			lastErr = fmt.Sprintf("join target=%s result=%v seed=%s", t, err, n.cfg.Seed)
			continue
		}
		accepted = append(accepted, t)
	}
	list := func(s []string) string {
		if len(s) == 0 {
			return "none"
		}
		return strings.Join(s, ",")
	}
	return fmt.Sprintf("mesh discovery: provider=dns seed=%s cluster_port=%d resolved=%d accepted=%d accepted_targets=%s rejected_targets=%s last_error=%s",
		n.cfg.Seed, port, resolved, len(accepted), list(accepted), list(rejected), lastErr)
}
