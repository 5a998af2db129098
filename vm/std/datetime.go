package std

import (
	"fmt"
	"math"
	"time"

	"github.com/mesh-lang/mesh/vm"
)

// A DateTime is milliseconds since the Unix epoch (UTC).
type dateTime int64

func (d dateTime) String() string {
	return time.UnixMilli(int64(d)).UTC().Format("2006-01-02T15:04:05.000Z")
}

func dtVal(ms int64) value { return vm.HandleVal(&vm.Handle{Type: "DateTime", V: dateTime(ms)}) }
func dtOf(v value) int64   { return int64(v.Handle().V.(dateTime)) }

// maxUnixMs bounds representable instants (years 0000-9999).
const maxUnixMs = 253402300799999

var unitMs = map[string]int64{"ms": 1, "second": 1000, "minute": 60_000, "hour": 3_600_000, "day": 86_400_000, "week": 604_800_000}

func unitOf(t *process, fn string, u value) int64 {
	ms, ok := unitMs[u.Str()]
	if !ok {
		t.Panicf("%s: unknown unit %q; valid units are :ms, :second, :minute, :hour, :day, :week", fn, u.Str())
	}
	return ms
}

func init() {
	reg("DateTime.utc_now", func(t *process, a []value) value { return dtVal(time.Now().UnixMilli()) })
	reg("DateTime.from_iso8601", func(t *process, a []value) value {
		tm, err := time.Parse(time.RFC3339Nano, a[0].Str())
		if err != nil {
			return t.Machine().Err(vm.Str("invalid ISO 8601 datetime"))
		}
		return t.Machine().Ok(dtVal(tm.UnixMilli()))
	})
	reg("DateTime.to_iso8601", func(t *process, a []value) value { return vm.Str(dateTime(dtOf(a[0])).String()) })
	fromMs := func(t *process, ms int64, ok bool) value {
		if !ok || ms > maxUnixMs || ms < -62167219200000 {
			return t.Machine().Err(vm.Str("unix timestamp out of range"))
		}
		return t.Machine().Ok(dtVal(ms))
	}
	reg("DateTime.from_unix_ms", func(t *process, a []value) value { return fromMs(t, a[0].Int(), true) })
	reg("DateTime.from_unix_secs", func(t *process, a []value) value {
		s := a[0].Int()
		return fromMs(t, s*1000, s < math.MaxInt64/1000 && s > math.MinInt64/1000)
	})
	reg("DateTime.to_unix_ms", func(t *process, a []value) value { return vm.Int(dtOf(a[0])) })
	reg("DateTime.to_unix_secs", func(t *process, a []value) value { return vm.Int(dtOf(a[0]) / 1000) })
	reg("DateTime.add", func(t *process, a []value) value {
		return dtVal(dtOf(a[0]) + a[1].Int()*unitOf(t, "DateTime.add", a[2]))
	})
	reg("DateTime.diff", func(t *process, a []value) value {
		u := unitOf(t, "DateTime.diff", a[2])
		return vm.Float(float64(dtOf(a[0])-dtOf(a[1])) / float64(u))
	})
	reg("DateTime.is_before", func(t *process, a []value) value { return vm.Bool(dtOf(a[0]) < dtOf(a[1])) })
	reg("DateTime.is_after", func(t *process, a []value) value { return vm.Bool(dtOf(a[0]) > dtOf(a[1])) })
	_ = fmt.Sprint
}
