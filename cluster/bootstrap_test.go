package cluster

import (
	"errors"
	"strconv"
	"testing"
	"time"

	"github.com/mesh-lang/mesh/cluster/continuity"
)

func envOf(m map[string]string) func(string) (string, bool) {
	return func(k string) (string, bool) { v, ok := m[k]; return v, ok }
}

func host(name string, err error) func() (string, error) {
	return func() (string, error) { return name, err }
}

func TestResolveFromEnvMatrix(t *testing.T) {
	fly := map[string]string{"MESH_CLUSTER_COOKIE": "c", "MESH_DISCOVERY_SEED": "localhost", "MESH_CLUSTER_PORT": "4555",
		"FLY_APP_NAME": "demo", "FLY_REGION": "dfw", "FLY_MACHINE_ID": "machine-1", "FLY_PRIVATE_IP": "127.0.0.1"}
	flyMissing := map[string]string{"MESH_CLUSTER_COOKIE": "c", "MESH_DISCOVERY_SEED": "localhost",
		"FLY_APP_NAME": "demo", "FLY_REGION": "dfw", "FLY_MACHINE_ID": "machine-1"}
	cluster := func(extra map[string]string) map[string]string {
		m := map[string]string{"MESH_CLUSTER_COOKIE": "dev-cookie", "MESH_DISCOVERY_SEED": "localhost"}
		for k, v := range extra {
			m[k] = v
		}
		return m
	}
	tests := []struct {
		name   string
		env    map[string]string
		host   func() (string, error)
		want   BootstrapStatus
		errMsg string
	}{
		{"nothing", nil, nil, BootstrapStatus{"standalone", "", 4370, ""}, ""},
		{"explicit name", cluster(map[string]string{"MESH_NODE_NAME": "app@127.0.0.1:4555", "MESH_CLUSTER_PORT": "4555"}), nil,
			BootstrapStatus{"cluster", "app@127.0.0.1:4555", 4555, "localhost"}, ""},
		{"seed name v6", cluster(map[string]string{"MESH_NODE_NAME": " standby@[::1]:4370 "}), nil,
			BootstrapStatus{"cluster", "standby@[::1]:4370", 4370, "localhost"}, ""},
		{"fly", fly, nil, BootstrapStatus{"cluster", "demo-dfw-machine-1@127.0.0.1:4555", 4555, "localhost"}, ""},
		{"fly v6", cluster(map[string]string{"FLY_APP_NAME": "mesh-app", "FLY_REGION": "iad", "FLY_MACHINE_ID": "m1", "FLY_PRIVATE_IP": "fdaa:0:1::10"}), nil,
			BootstrapStatus{"cluster", "mesh-app-iad-m1@[fdaa:0:1::10]:4370", 4370, "localhost"}, ""},
		{"hostname", cluster(nil), host("box", nil), BootstrapStatus{"cluster", "box@box:4370", 4370, "localhost"}, ""},
		{"hostname + node host v6", cluster(map[string]string{"MESH_NODE_HOST": "fd00::1"}), host("box", nil),
			BootstrapStatus{"cluster", "box@[fd00::1]:4370", 4370, "localhost"}, ""},
		{"hostname + node host bracketed", cluster(map[string]string{"MESH_NODE_HOST": "[fd00::1]"}), host("box", nil),
			BootstrapStatus{"cluster", "box@[fd00::1]:4370", 4370, "localhost"}, ""},
		{"name+seed no cookie", map[string]string{"MESH_NODE_NAME": "app@127.0.0.1:4370", "MESH_DISCOVERY_SEED": "localhost"}, nil, BootstrapStatus{},
			"MESH_CLUSTER_COOKIE is required when discovery or identity env is set"},
		{"node host only", map[string]string{"MESH_NODE_HOST": "x"}, nil, BootstrapStatus{}, "MESH_CLUSTER_COOKIE is required when discovery or identity env is set"},
		{"fly blank is a hint", map[string]string{"FLY_REGION": " "}, nil, BootstrapStatus{}, "MESH_CLUSTER_COOKIE is required when discovery or identity env is set"},
		{"blank seed", map[string]string{"MESH_CLUSTER_COOKIE": "c", "MESH_NODE_NAME": "app@127.0.0.1:4370", "MESH_DISCOVERY_SEED": "  "}, nil, BootstrapStatus{},
			"Missing required environment variable MESH_DISCOVERY_SEED"},
		{"fly missing", flyMissing, nil, BootstrapStatus{},
			"Invalid cluster identity: Fly cluster identity requires FLY_APP_NAME, FLY_REGION, FLY_MACHINE_ID, and FLY_PRIVATE_IP"},
		{"bad-node", cluster(map[string]string{"MESH_NODE_NAME": "bad-node"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: expected name@host:port"},
		{"port 0", map[string]string{"MESH_CLUSTER_PORT": "0"}, nil, BootstrapStatus{}, "Invalid MESH_CLUSTER_PORT: expected a positive integer"},
		{"port blank", map[string]string{"MESH_CLUSTER_PORT": " "}, nil, BootstrapStatus{}, "Invalid MESH_CLUSTER_PORT: expected a positive integer"},
		{"port empty", map[string]string{"MESH_CLUSTER_PORT": ""}, nil, BootstrapStatus{"standalone", "", 4370, ""}, ""},
		{"port 65536", map[string]string{"MESH_CLUSTER_PORT": "65536"}, nil, BootstrapStatus{}, "Invalid MESH_CLUSTER_PORT: expected a positive integer"},
		{"port mismatch", cluster(map[string]string{"MESH_CLUSTER_PORT": "4371", "MESH_NODE_NAME": "app@127.0.0.1:4370"}), nil, BootstrapStatus{},
			"Invalid MESH_NODE_NAME: port must match MESH_CLUSTER_PORT"},
		{"spaces", cluster(map[string]string{"MESH_NODE_NAME": "a b@h:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: value cannot contain spaces"},
		{"two @", cluster(map[string]string{"MESH_NODE_NAME": "a@b@h:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: expected name@host:port"},
		{"blank name", cluster(map[string]string{"MESH_NODE_NAME": "@h:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: node name cannot be blank"},
		{"blank host", cluster(map[string]string{"MESH_NODE_NAME": "a@"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: host cannot be blank"},
		{"blank host port", cluster(map[string]string{"MESH_NODE_NAME": "a@:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: host cannot be blank"},
		{"v6 no port", cluster(map[string]string{"MESH_NODE_NAME": "a@[::1]"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: IPv6 host must use [addr]:port"},
		{"v6 empty", cluster(map[string]string{"MESH_NODE_NAME": "a@[]:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: host cannot be blank"},
		{"stray bracket", cluster(map[string]string{"MESH_NODE_NAME": "a@h]:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: host is invalid"},
		{"bare v6", cluster(map[string]string{"MESH_NODE_NAME": "a@::1:4370"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: expected name@host:port"},
		{"port text", cluster(map[string]string{"MESH_NODE_NAME": "a@h:x"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: port must be a positive integer"},
		{"port zero in name", cluster(map[string]string{"MESH_NODE_NAME": "a@[::1]:0"}), nil, BootstrapStatus{}, "Invalid MESH_NODE_NAME: port must be a positive integer"},
		{"hostname err", cluster(nil), host("", errors.New("boom")), BootstrapStatus{}, "Invalid cluster identity: failed to read system hostname: boom"},
		{"hostname blank", cluster(nil), host(" ", nil), BootstrapStatus{}, "Invalid cluster identity: system hostname is blank"},
		{"hostname @", cluster(nil), host("a@b", nil), BootstrapStatus{}, "Invalid cluster identity: system hostname contains invalid characters"},
		{"hostname utf8", cluster(nil), host("\xff", nil), BootstrapStatus{}, "Invalid cluster identity: system hostname is not valid UTF-8"},
		{"node host @", cluster(map[string]string{"MESH_NODE_HOST": "a@b"}), host("box", nil), BootstrapStatus{}, "Invalid cluster identity: advertised host cannot contain @"},
		{"node host open", cluster(map[string]string{"MESH_NODE_HOST": "[fd00::1"}), host("box", nil), BootstrapStatus{},
			"Invalid cluster identity: advertised host has an opening '[' without a closing ']'"},
		{"node host close", cluster(map[string]string{"MESH_NODE_HOST": "fd00::1]"}), host("box", nil), BootstrapStatus{},
			"Invalid cluster identity: advertised host has a closing ']' without an opening '['"},
		{"utf8", map[string]string{"MESH_NODE_HOST": "\xff"}, nil, BootstrapStatus{}, "MESH_NODE_HOST must be valid UTF-8"},
		// CONTRACT 12/35: checked right after the port, standalone too.
		{"bad role standalone", map[string]string{"MESH_CONTINUITY_ROLE": "Primary"}, nil, BootstrapStatus{}, "Invalid MESH_CONTINUITY_ROLE: expected primary or standby"},
		{"bad epoch standalone", map[string]string{"MESH_CONTINUITY_PROMOTION_EPOCH": "-1"}, nil, BootstrapStatus{},
			"Invalid MESH_CONTINUITY_PROMOTION_EPOCH: expected a non-negative integer"},
		{"port before role", map[string]string{"MESH_CLUSTER_PORT": "x", "MESH_CONTINUITY_ROLE": "x"}, nil, BootstrapStatus{},
			"Invalid MESH_CLUSTER_PORT: expected a positive integer"},
		{"role before cookie", map[string]string{"MESH_CONTINUITY_ROLE": "x", "MESH_NODE_NAME": "a@h:1"}, nil, BootstrapStatus{},
			"Invalid MESH_CONTINUITY_ROLE: expected primary or standby"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			hn := tc.host
			if hn == nil {
				hn = host("", errors.New("hostname must not be read"))
			}
			cfg, err := ResolveFromEnv(envOf(tc.env), hn)
			if tc.errMsg != "" {
				if err == nil || err.Error() != tc.errMsg {
					t.Fatalf("err = %v, want %q", err, tc.errMsg)
				}
				return
			}
			if err != nil {
				t.Fatalf("unexpected error %v", err)
			}
			if got := cfg.Status(); got != tc.want {
				t.Fatalf("status = %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestResolveFromEnvDetails(t *testing.T) {
	cfg, err := ResolveFromEnv(envOf(map[string]string{
		"MESH_CLUSTER_COOKIE": " dev-cookie ", "MESH_DISCOVERY_SEED": "localhost", "MESH_NODE_NAME": "standby@[::1]:4370",
		"MESH_CONTINUITY_ROLE": " standby ", "MESH_CONTINUITY_PROMOTION_EPOCH": "3", "MESH_DISCOVERY_INTERVAL_MS": "250",
		"MESH_STARTUP_WORK_DELAY_MS": "-5",
	}), nil)
	if err != nil {
		t.Fatal(err)
	}
	if cfg.Cookie != "dev-cookie" || cfg.Host != "::1" || cfg.Role != RoleStandby || cfg.Epoch != 3 ||
		cfg.DiscoveryInterval != 250*time.Millisecond || cfg.StartupWorkDelay != DefaultStartupWorkDelay ||
		cfg.StateDir != ".mesh/state/standby@___1__4370" {
		t.Fatalf("cfg = %+v", cfg)
	}
	cfg, err = ResolveFromEnv(envOf(map[string]string{"MESH_CONTINUITY_ROLE": "standby", "MESH_STATE_DIR": "/x"}), nil)
	if err != nil || cfg.Role != RoleStandby || cfg.StateDir != "" {
		t.Fatalf("standalone cfg = %+v, %v", cfg, err)
	}
	cfg, _ = ResolveFromEnv(envOf(map[string]string{"MESH_CLUSTER_COOKIE": "c", "MESH_DISCOVERY_SEED": "s",
		"MESH_NODE_NAME": "a@h:4370", "MESH_DISCOVERY_INTERVAL_MS": "0", "MESH_STATE_DIR": "/tmp/x"}), nil)
	if cfg.DiscoveryDisabled != "MESH_DISCOVERY_INTERVAL_MS must be greater than zero" || cfg.StateDir != "/tmp/x" {
		t.Fatalf("cfg = %+v", cfg)
	}
}

func TestStateDirName(t *testing.T) {
	for in, want := range map[string]string{
		"primary@127.0.0.1:4370": "primary@127.0.0.1_4370",
		"standby@[::1]:4370":     "standby@___1__4370",
	} {
		if got := StateDirName(in); got != want {
			t.Errorf("StateDirName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParseTarget(t *testing.T) {
	ok := map[string][3]string{
		"primary@127.0.0.1:4370": {"primary", "127.0.0.1", "4370"},
		"standby@[::1]:4370":     {"standby", "::1", "4370"},
		"x@localhost:1":          {"x", "localhost", "1"},
	}
	for in, want := range ok {
		n, h, p, err := ParseTarget(in)
		if err != nil || n != want[0] || h != want[1] || itoa(p) != want[2] {
			t.Errorf("ParseTarget(%q) = %q %q %d %v", in, n, h, p, err)
		}
	}
	for _, in := range []string{"primary@127.0.0.1", "noat", "a@::1:4370", "a@[::1]", "@h:1", "a@h:0"} {
		if _, _, _, err := ParseTarget(in); err == nil || err.Error() != "invalid target '"+in+"': expected name@host:port" {
			t.Errorf("ParseTarget(%q) err = %v", in, err)
		}
	}
}

func itoa(n int) string { return strconv.Itoa(n) }

// TestRetainRoutesEnv: MESH_CONTINUITY_RETAIN_ROUTES (retention, our decision for upstream
// bug 22) is a positive integer, checked after the authority env, standalone too.
func TestRetainRoutesEnv(t *testing.T) {
	const bad = "Invalid MESH_CONTINUITY_RETAIN_ROUTES: expected a positive integer"
	for _, v := range []string{"0", "-3", "x", "1.5", "99999999999999999999", "3000000000"} {
		_, err := ResolveFromEnv(envOf(map[string]string{"MESH_CONTINUITY_RETAIN_ROUTES": v}), nil)
		if err == nil || err.Error() != bad {
			t.Errorf("%q: err = %v, want %q", v, err, bad)
		}
	}
	_, err := ResolveFromEnv(envOf(map[string]string{"MESH_CONTINUITY_RETAIN_ROUTES": "0", "MESH_CONTINUITY_ROLE": "x"}), nil)
	if err == nil || err.Error() != "Invalid MESH_CONTINUITY_ROLE: expected primary or standby" {
		t.Errorf("role must be checked first: %v", err)
	}
	_, err = ResolveFromEnv(envOf(map[string]string{"MESH_CONTINUITY_RETAIN_ROUTES": "0", "MESH_NODE_NAME": "a@h:1"}), nil)
	if err == nil || err.Error() != bad {
		t.Errorf("retain must be checked before the cookie: %v", err)
	}
	cfg, err := ResolveFromEnv(envOf(nil), nil)
	if err != nil || cfg.RetainRoutes != continuity.DefaultRetainRoutes {
		t.Fatalf("default: %d, %v", cfg.RetainRoutes, err)
	}
	cfg, err = ResolveFromEnv(envOf(map[string]string{"MESH_CONTINUITY_RETAIN_ROUTES": " 25 "}), nil)
	if err != nil || cfg.RetainRoutes != 25 {
		t.Fatalf("25: %d, %v", cfg.RetainRoutes, err)
	}
}
