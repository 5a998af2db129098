package cluster

import (
	"errors"
	"fmt"
	"math"
	"net"
	"path/filepath"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/mesh-lang/mesh/cluster/continuity"
)

// Defaults of cluster-reference §1.1.
const (
	DefaultClusterPort       = 4370
	DefaultDiscoveryInterval = 5000 * time.Millisecond
	DefaultStartupWorkDelay  = 2500 * time.Millisecond
)

// Mode values of BootstrapStatus.Mode.
const (
	ModeStandalone = "standalone"
	ModeCluster    = "cluster"
)

// Authority roles (cluster-reference §5.1).
const (
	RolePrimary = "primary"
	RoleStandby = "standby"
)

// BootstrapStatus is the value Node.start_from_env() returns (cluster-reference §2).
type BootstrapStatus struct {
	Mode          string
	NodeName      string
	ClusterPort   int
	DiscoverySeed string
}

// Config is the resolved environment of one node.
type Config struct {
	Mode     string // ModeStandalone or ModeCluster
	Cookie   string // trimmed MESH_CLUSTER_COOKIE; never logged
	NodeName string // name@host:port, "" in standalone
	// Host is the host part of NodeName without brackets ("127.0.0.1",
	// "::1", "myhost"); BindHost is what the listener binds (same value).
	Host string
	Port int
	Seed string
	// Role and Epoch come from MESH_CONTINUITY_ROLE/_PROMOTION_EPOCH,
	// validated (CONTRACT 12), defaults primary/0.
	Role  string
	Epoch uint64
	// DiscoveryInterval is MESH_DISCOVERY_INTERVAL_MS (default 5 s).
	// DiscoveryDisabled holds the reason when the value is invalid
	// (cluster-reference §3.5: invalid config disables discovery with a log line).
	DiscoveryInterval time.Duration
	DiscoveryDisabled string
	// StartupWorkDelay is MESH_STARTUP_WORK_DELAY_MS (default 2.5 s; invalid → default, silently).
	StartupWorkDelay time.Duration
	// StateDir is MESH_STATE_DIR, or .mesh/state/<StateDirName(NodeName)>
	// relative to the working directory (CONTRACT 33). "" in standalone:
	// standalone mode journals nothing (CONTRACT 13).
	StateDir string
	// RetainRoutes is MESH_CONTINUITY_RETAIN_ROUTES: how many terminal HTTP.clustered
	// records a node keeps (default continuity.DefaultRetainRoutes; retention is our
	// decision for upstream bug 22).
	RetainRoutes int
}

// Status is the BootstrapStatus for this configuration.
func (c Config) Status() BootstrapStatus {
	return BootstrapStatus{Mode: c.Mode, NodeName: c.NodeName, ClusterPort: c.Port, DiscoverySeed: c.Seed}
}

// StateDirName maps a node name to its default journal directory name: it
// keeps A-Za-z0-9._@- and maps every other byte to '_' (CONTRACT 33), so
// primary@127.0.0.1:4370 → primary@127.0.0.1_4370 and standby@[::1]:4370 → standby@___1__4370.
func StateDirName(node string) string {
	b := []byte(node)
	for i, c := range b {
		switch {
		case c >= 'a' && c <= 'z', c >= 'A' && c <= 'Z', c >= '0' && c <= '9',
			c == '.', c == '_', c == '@', c == '-':
		default:
			b[i] = '_'
		}
	}
	return string(b)
}

// DefaultStateDir is the journal directory of node relative to the working directory.
func DefaultStateDir(node string) string {
	return filepath.Join(".mesh", "state", StateDirName(node))
}

var bootstrapVars = []string{
	"MESH_CLUSTER_PORT", "MESH_CLUSTER_COOKIE", "MESH_DISCOVERY_SEED", "MESH_NODE_NAME",
	"MESH_NODE_HOST", "FLY_APP_NAME", "FLY_REGION", "FLY_MACHINE_ID", "FLY_PRIVATE_IP",
}

var flyVars = []string{"FLY_APP_NAME", "FLY_REGION", "FLY_MACHINE_ID", "FLY_PRIVATE_IP"}

// ResolveFromEnv resolves a node's configuration exactly as cluster-reference
// §1.2 orders it, plus CONTRACT 12 (role/epoch validated right after the
// port, also in standalone mode: CONTRACT 35). The error text is the exact
// Err(reason) that Node.start_from_env() returns. It binds nothing: bind
// errors come from starting the node (§1.2 step 7).
func ResolveFromEnv(getenv func(string) (string, bool), hostname func() (string, error)) (Config, error) {
	get := func(k string) string { v, _ := getenv(k); return v }
	// Step 1: UTF-8.
	for _, k := range bootstrapVars {
		if v, ok := getenv(k); ok && !utf8.ValidString(v) {
			return Config{}, fmt.Errorf("%s must be valid UTF-8", k)
		}
	}
	cfg := Config{
		Mode:              ModeStandalone,
		Port:              DefaultClusterPort,
		Role:              RolePrimary,
		DiscoveryInterval: DefaultDiscoveryInterval,
		StartupWorkDelay:  DefaultStartupWorkDelay,
		RetainRoutes:      continuity.DefaultRetainRoutes,
	}
	// Step 2: port; unset or exactly "" → default, whitespace-only is an error.
	if v, ok := getenv("MESH_CLUSTER_PORT"); ok && v != "" {
		p, err := parsePort(strings.TrimSpace(v))
		if err != nil {
			return Config{}, errors.New("Invalid MESH_CLUSTER_PORT: expected a positive integer")
		}
		cfg.Port = p
	}
	// CONTRACT 12 / 35: authority env is validated right after the port.
	switch r := strings.TrimSpace(get("MESH_CONTINUITY_ROLE")); r {
	case "", RolePrimary:
		cfg.Role = RolePrimary
	case RoleStandby:
		cfg.Role = RoleStandby
	default:
		return Config{}, errors.New("Invalid MESH_CONTINUITY_ROLE: expected primary or standby")
	}
	if e := strings.TrimSpace(get("MESH_CONTINUITY_PROMOTION_EPOCH")); e != "" {
		n, err := strconv.ParseUint(e, 10, 64)
		if err != nil {
			return Config{}, errors.New("Invalid MESH_CONTINUITY_PROMOTION_EPOCH: expected a non-negative integer")
		}
		cfg.Epoch = n
	}
	if v := strings.TrimSpace(get("MESH_CONTINUITY_RETAIN_ROUTES")); v != "" {
		n, err := strconv.ParseInt(v, 10, 64)
		if err != nil || n <= 0 || n > math.MaxInt32 {
			return Config{}, errors.New("Invalid MESH_CONTINUITY_RETAIN_ROUTES: expected a positive integer")
		}
		cfg.RetainRoutes = int(n)
	}
	// Intervals: silent defaults for the startup delay; discovery keeps its
	// reason so the discovery loop can log it (§3.5).
	if v := strings.TrimSpace(get("MESH_STARTUP_WORK_DELAY_MS")); v != "" {
		if n, err := strconv.ParseInt(v, 10, 64); err == nil && n > 0 {
			cfg.StartupWorkDelay = time.Duration(n) * time.Millisecond
		}
	}
	if v, ok := getenv("MESH_DISCOVERY_INTERVAL_MS"); ok {
		n, err := strconv.ParseUint(strings.TrimSpace(v), 10, 64)
		switch {
		case err != nil:
			cfg.DiscoveryDisabled = "MESH_DISCOVERY_INTERVAL_MS must be a valid u64"
		case n == 0:
			cfg.DiscoveryDisabled = "MESH_DISCOVERY_INTERVAL_MS must be greater than zero"
		default:
			cfg.DiscoveryInterval = time.Duration(n) * time.Millisecond
		}
	}

	// Step 3-5.
	cookie := strings.TrimSpace(get("MESH_CLUSTER_COOKIE"))
	seed := strings.TrimSpace(get("MESH_DISCOVERY_SEED"))
	nameEnv := strings.TrimSpace(get("MESH_NODE_NAME"))
	hostEnv := strings.TrimSpace(get("MESH_NODE_HOST"))
	anyFly := false
	for _, k := range flyVars {
		if get(k) != "" { // FLY values are not trimmed for the hint test
			anyFly = true
		}
	}
	if cookie == "" {
		if seed != "" || nameEnv != "" || hostEnv != "" || anyFly {
			return Config{}, errors.New("MESH_CLUSTER_COOKIE is required when discovery or identity env is set")
		}
		cfg.DiscoveryDisabled = ""
		return cfg, nil
	}
	if seed == "" {
		return Config{}, errors.New("Missing required environment variable MESH_DISCOVERY_SEED")
	}
	cfg.Mode = ModeCluster
	cfg.Cookie = cookie
	cfg.Seed = seed

	// Step 6: identity.
	switch {
	case nameEnv != "":
		host, err := validateNodeName(nameEnv, cfg.Port)
		if err != nil {
			return Config{}, err
		}
		cfg.NodeName = nameEnv
		cfg.Host = host
	case anyFly:
		var vals []string
		for _, k := range flyVars {
			v := strings.TrimSpace(get(k))
			if v == "" {
				return Config{}, errors.New("Invalid cluster identity: Fly cluster identity requires FLY_APP_NAME, FLY_REGION, FLY_MACHINE_ID, and FLY_PRIVATE_IP")
			}
			vals = append(vals, v)
		}
		name, host, err := identity(vals[0]+"-"+vals[1]+"-"+vals[2], vals[3], cfg.Port)
		if err != nil {
			return Config{}, err
		}
		cfg.NodeName, cfg.Host = name, host
	default:
		h, err := hostname()
		if err != nil {
			return Config{}, fmt.Errorf("Invalid cluster identity: failed to read system hostname: %v", err)
		}
		if !utf8.ValidString(h) {
			return Config{}, errors.New("Invalid cluster identity: system hostname is not valid UTF-8")
		}
		h = strings.TrimSpace(h)
		if h == "" {
			return Config{}, errors.New("Invalid cluster identity: system hostname is blank")
		}
		if strings.ContainsAny(h, "@ ") {
			return Config{}, errors.New("Invalid cluster identity: system hostname contains invalid characters")
		}
		adv := hostEnv
		if adv == "" {
			adv = h
		}
		name, host, err := identity(h, adv, cfg.Port)
		if err != nil {
			return Config{}, err
		}
		cfg.NodeName, cfg.Host = name, host
	}
	if d, ok := getenv("MESH_STATE_DIR"); ok && strings.TrimSpace(d) != "" {
		cfg.StateDir = strings.TrimSpace(d)
	} else {
		cfg.StateDir = DefaultStateDir(cfg.NodeName)
	}
	return cfg, nil
}

func parsePort(s string) (int, error) {
	n, err := strconv.ParseUint(s, 10, 16)
	if err != nil || n == 0 {
		return 0, errors.New("bad port")
	}
	return int(n), nil
}

// validateNodeName checks an explicit MESH_NODE_NAME (§1.2 step 6a) and
// returns its host without brackets.
func validateNodeName(v string, clusterPort int) (string, error) {
	bad := func(msg string) error { return errors.New("Invalid MESH_NODE_NAME: " + msg) }
	if strings.ContainsAny(v, " \t\r\n") {
		return "", bad("value cannot contain spaces")
	}
	if strings.Count(v, "@") != 1 {
		return "", bad("expected name@host:port")
	}
	name, hp, _ := strings.Cut(v, "@")
	if strings.TrimSpace(name) == "" {
		return "", bad("node name cannot be blank")
	}
	if strings.TrimSpace(hp) == "" {
		return "", bad("host cannot be blank")
	}
	var host, port string
	if strings.HasPrefix(hp, "[") {
		i := strings.Index(hp, "]:")
		if i < 0 {
			return "", bad("IPv6 host must use [addr]:port")
		}
		host, port = hp[1:i], hp[i+2:]
		if strings.TrimSpace(host) == "" {
			return "", bad("host cannot be blank")
		}
		if strings.ContainsAny(host, "@ []") {
			return "", bad("host is invalid")
		}
	} else {
		if strings.ContainsAny(hp, "[]") {
			return "", bad("host is invalid")
		}
		parts := strings.Split(hp, ":")
		if len(parts) != 2 {
			return "", bad("expected name@host:port")
		}
		host, port = parts[0], parts[1]
		if strings.TrimSpace(host) == "" {
			return "", bad("host cannot be blank")
		}
	}
	p, err := parsePort(port)
	if err != nil {
		return "", bad("port must be a positive integer")
	}
	if p != clusterPort {
		return "", bad("port must match MESH_CLUSTER_PORT")
	}
	return host, nil
}

// identity builds <basename>@<host>:<port> for the FLY and hostname paths,
// normalising the advertised host (bare IPv6 gets brackets).
func identity(base, adv string, port int) (name, host string, err error) {
	adv = strings.TrimSpace(adv)
	switch {
	case adv == "":
		return "", "", errors.New("Invalid cluster identity: advertised host cannot be blank")
	case strings.Contains(adv, "@"):
		return "", "", errors.New("Invalid cluster identity: advertised host cannot contain @")
	case strings.HasPrefix(adv, "[") && !strings.HasSuffix(adv, "]"):
		return "", "", errors.New("Invalid cluster identity: advertised host has an opening '[' without a closing ']'")
	case strings.HasSuffix(adv, "]") && !strings.HasPrefix(adv, "["):
		return "", "", errors.New("Invalid cluster identity: advertised host has a closing ']' without an opening '['")
	}
	if strings.TrimSpace(base) == "" {
		return "", "", errors.New("Invalid cluster identity: node basename cannot be blank")
	}
	if strings.Contains(base, "@") {
		return "", "", errors.New("Invalid cluster identity: node basename cannot contain @")
	}
	host = strings.TrimSuffix(strings.TrimPrefix(adv, "["), "]")
	return base + "@" + net.JoinHostPort(host, strconv.Itoa(port)), host, nil
}

// ParseTarget splits an operator target name@host:port (host may be
// [v6]) into its name and dial address. A missing port is an error
// (CONTRACT 18, 38); the name part is echoed, never checked.
func ParseTarget(t string) (name, host string, port int, err error) {
	bad := fmt.Errorf("invalid target '%s': expected name@host:port", t)
	name, hp, ok := strings.Cut(t, "@")
	if !ok || name == "" || hp == "" || strings.Contains(hp, "@") {
		return "", "", 0, bad
	}
	h, ps, err := net.SplitHostPort(hp)
	if err != nil || h == "" {
		return "", "", 0, bad
	}
	if strings.HasPrefix(hp, "[") != strings.Contains(h, ":") {
		return "", "", 0, bad
	}
	p, err := parsePort(ps)
	if err != nil {
		return "", "", 0, bad
	}
	return name, h, p, nil
}
