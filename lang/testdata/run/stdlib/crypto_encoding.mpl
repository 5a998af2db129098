# checks: Crypto sha256/sha512/hmac (key first)/secure_compare/uuid4 shape, Base64 std/url, Hex encode/decode with errors, §12.10
fn show(r :: Result<String, String>) -> String do
  case r do
    Ok(s) -> "ok " <> s
    Err(e) -> "err " <> e
  end
end

fn main() do
  println(Crypto.sha256("abc"))
  println(Crypto.sha256(""))
  println(Crypto.sha512("abc"))
  println(Crypto.sha256("héllo"))
  println(Crypto.hmac_sha256("key", "The quick brown fox jumps over the lazy dog"))
  println(Crypto.hmac_sha512("key", "The quick brown fox jumps over the lazy dog"))
  println("#{Crypto.secure_compare("abc", "abc")} #{Crypto.secure_compare("abc", "abd")} #{Crypto.secure_compare("abc", "abcd")}")
  let id = Crypto.uuid4()
  println("#{String.length(id)} #{Regex.is_match(~r/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/, id)} #{id != Crypto.uuid4()}")
  println(Base64.encode("hello") <> " " <> Base64.encode_url("hello"))
  println(Base64.encode("a?>~") <> " " <> Base64.encode_url("a?>~"))
  println(Base64.encode("Mesh ✓"))
  println(show(Base64.decode("aGVsbG8=")))
  println(show(Base64.decode("aGVsbG8")))
  println(show(Base64.decode("!!!")))
  println(show(Base64.decode_url("YT8-fg")))
  println(show(Base64.decode_url("YT8-fg==")))
  println(show(Base64.decode("/w==")))
  println(Hex.encode("hi") <> " " <> Hex.encode("héllo"))
  println(show(Hex.decode("4D657368")))
  println(show(Hex.decode("4d657368")))
  println(show(Hex.decode("abc")))
  println(show(Hex.decode("zz")))
  println(show(Hex.decode("ff")))
end

# expect:
# ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad
# e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855
# ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f
# 3c48591d8d098a4538f5e013dfcf406e948eac4d3277b10bf614e295d6068179
# f7bc83f430538424b13298e6aa6fb143ef4d59a14946175997479dbc2d1a3cd8
# b42af09057bac1e2d41708e48a902e09b5ff7f12ab428a4fe86653c73dd248fb82f948a549f7b791a5b41915ee4d1ec3935357e4e2317250d0372afa2ebeeb3a
# true false false
# 36 true true
# aGVsbG8= aGVsbG8
# YT8+fg== YT8-fg
# TWVzaCDinJM=
# ok hello
# ok hello
# err invalid base64
# ok a?>~
# err invalid base64
# err invalid utf-8
# 6869 68c3a96c6c6f
# ok Mesh
# ok Mesh
# err invalid hex
# err invalid hex
# err invalid utf-8
