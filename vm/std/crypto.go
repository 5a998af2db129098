package std

import (
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"encoding/hex"
	"fmt"
	"hash"
	"unicode/utf8"

	"github.com/mesh-lang/mesh/vm"
)

func init() {
	reg("Crypto.sha256", func(t *process, a []value) value {
		s := sha256.Sum256([]byte(a[0].Str()))
		return vm.Str(hex.EncodeToString(s[:]))
	})
	reg("Crypto.sha512", func(t *process, a []value) value {
		s := sha512.Sum512([]byte(a[0].Str()))
		return vm.Str(hex.EncodeToString(s[:]))
	})
	mac := func(h func() hash.Hash) vm.NativeFn {
		return func(t *process, a []value) value {
			m := hmac.New(h, []byte(a[0].Str()))
			m.Write([]byte(a[1].Str()))
			return vm.Str(hex.EncodeToString(m.Sum(nil)))
		}
	}
	reg("Crypto.hmac_sha256", mac(sha256.New))
	reg("Crypto.hmac_sha512", mac(sha512.New))
	reg("Crypto.secure_compare", func(t *process, a []value) value {
		return vm.Bool(subtle.ConstantTimeCompare([]byte(a[0].Str()), []byte(a[1].Str())) == 1)
	})
	reg("Crypto.uuid4", func(t *process, a []value) value {
		var b [16]byte
		rand.Read(b[:])
		b[6] = b[6]&0x0f | 0x40
		b[8] = b[8]&0x3f | 0x80
		return vm.Str(fmt.Sprintf("%x-%x-%x-%x-%x", b[0:4], b[4:6], b[6:8], b[8:10], b[10:16]))
	})
	decoded := func(t *process, b []byte, err error, bad string) value {
		m := t.Machine()
		if err != nil {
			return m.Err(vm.Str(bad))
		}
		if !utf8.Valid(b) {
			return m.Err(vm.Str("invalid utf-8"))
		}
		return m.Ok(vm.Str(string(b)))
	}
	reg("Base64.encode", func(t *process, a []value) value {
		return vm.Str(base64.StdEncoding.EncodeToString([]byte(a[0].Str())))
	})
	reg("Base64.encode_url", func(t *process, a []value) value {
		return vm.Str(base64.RawURLEncoding.EncodeToString([]byte(a[0].Str())))
	})
	reg("Base64.decode", func(t *process, a []value) value {
		s := a[0].Str()
		b, err := base64.StdEncoding.DecodeString(s)
		if err != nil {
			b, err = base64.RawStdEncoding.DecodeString(s)
		}
		return decoded(t, b, err, "invalid base64")
	})
	reg("Base64.decode_url", func(t *process, a []value) value {
		b, err := base64.RawURLEncoding.DecodeString(a[0].Str())
		return decoded(t, b, err, "invalid base64")
	})
	reg("Hex.encode", func(t *process, a []value) value { return vm.Str(hex.EncodeToString([]byte(a[0].Str()))) })
	reg("Hex.decode", func(t *process, a []value) value {
		b, err := hex.DecodeString(a[0].Str())
		return decoded(t, b, err, "invalid hex")
	})
}
