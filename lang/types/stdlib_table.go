package types

// stdlibTable lists the type of every standard-library member the checker
// knows (language.md §12, §10, §11.6; cluster-reference.md §2). One entry per
// line: qualified name, then its type in Mesh syntax. Single upper-case
// letters are type variables; `where T: Trait` adds a constraint; a trailing
// `...` marks a variadic function (extra arguments of any type). The same name
// may appear with several arities (dispatch by argument count). Prelude names
// have no module prefix. The compiler receives the qualified name as the
// native's identity (Ref.Native).
const stdlibTable = `
println             fn(String) -> ()
print               fn(String) -> ()
compare             fn(T, T) -> Ordering where T: Ord
default             fn() -> T where T: Default
assert              fn(Bool) -> ()
assert_eq           fn(T, T) -> ()
assert_ne           fn(T, T) -> ()
assert_raises       fn(Fun() -> T) -> ()

String.length       fn(String) -> Int
String.slice        fn(String, Int, Int) -> String
String.contains     fn(String, String) -> Bool
String.starts_with  fn(String, String) -> Bool
String.ends_with    fn(String, String) -> Bool
String.trim         fn(String) -> String
String.to_upper     fn(String) -> String
String.to_lower     fn(String) -> String
String.replace      fn(String, String, String) -> String
String.split        fn(String, String) -> List<String>
String.join         fn(List<String>, String) -> String
String.to_int       fn(String) -> Option<Int>
String.to_float     fn(String) -> Option<Float>
String.from         fn(T) -> String
String.collect      fn(Iter<String>) -> String
String.to_string    fn(String) -> String

Int.to_float        fn(Int) -> Float
Int.to_string       fn(Int) -> String
Float.to_int        fn(Float) -> Int
Float.to_string     fn(Float) -> String
Float.from          fn(Int) -> Float
Bool.to_string      fn(Bool) -> String
Math.abs            fn(T) -> T where T: Num
Math.min            fn(T, T) -> T where T: Num
Math.max            fn(T, T) -> T where T: Num
Math.pi             Float
Math.pow            fn(Float, Float) -> Float
Math.sqrt           fn(Float) -> Float
Math.floor          fn(Float) -> Int
Math.ceil           fn(Float) -> Int
Math.round          fn(Float) -> Int

List.new            fn() -> List<T>
List.length         fn(List<T>) -> Int
List.append         fn(List<T>, T) -> List<T>
List.head           fn(List<T>) -> T
List.tail           fn(List<T>) -> List<T>
List.get            fn(List<T>, Int) -> T
List.nth            fn(List<T>, Int) -> T
List.last           fn(List<T>) -> T
List.concat         fn(List<T>, List<T>) -> List<T>
List.reverse        fn(List<T>) -> List<T>
List.map            fn(List<T>, Fun(T) -> U) -> List<U>
List.filter         fn(List<T>, Fun(T) -> Bool) -> List<T>
List.reduce         fn(List<T>, U, Fun(U, T) -> U) -> U
List.sort           fn(List<T>, Fun(T, T) -> Int) -> List<T>
List.find           fn(List<T>, Fun(T) -> Bool) -> Option<T>
List.any            fn(List<T>, Fun(T) -> Bool) -> Bool
List.all            fn(List<T>, Fun(T) -> Bool) -> Bool
List.contains       fn(List<T>, T) -> Bool
List.zip            fn(List<A>, List<B>) -> List<(A, B)>
List.flat_map       fn(List<T>, Fun(T) -> List<U>) -> List<U>
List.flatten        fn(List<List<T>>) -> List<T>
List.enumerate      fn(List<T>) -> List<(Int, T)>
List.take           fn(List<T>, Int) -> List<T>
List.drop           fn(List<T>, Int) -> List<T>
List.collect        fn(Iter<T>) -> List<T>
List.iter           fn(List<T>) -> Iter<T>
List.to_string      fn(List<T>) -> String
List.is_empty       fn(List<T>) -> Bool

Map.new             fn() -> Map<K, V>
Map.put             fn(Map<K, V>, K, V) -> Map<K, V>
Map.get             fn(Map<K, V>, K) -> V
Map.has_key         fn(Map<K, V>, K) -> Bool
Map.delete          fn(Map<K, V>, K) -> Map<K, V>
Map.size            fn(Map<K, V>) -> Int
Map.keys            fn(Map<K, V>) -> List<K>
Map.values          fn(Map<K, V>) -> List<V>
Map.merge           fn(Map<K, V>, Map<K, V>) -> Map<K, V>
Map.to_list         fn(Map<K, V>) -> List<(K, V)>
Map.from_list       fn(List<(K, V)>) -> Map<K, V>
Map.collect         fn(Iter<(K, V)>) -> Map<K, V>
Map.iter            fn(Map<K, V>) -> Iter<(K, V)>
Map.to_string       fn(Map<K, V>) -> String

Set.new             fn() -> Set<T>
Set.add             fn(Set<T>, T) -> Set<T>
Set.remove          fn(Set<T>, T) -> Set<T>
Set.contains        fn(Set<T>, T) -> Bool
Set.size            fn(Set<T>) -> Int
Set.union           fn(Set<T>, Set<T>) -> Set<T>
Set.intersection    fn(Set<T>, Set<T>) -> Set<T>
Set.difference      fn(Set<T>, Set<T>) -> Set<T>
Set.to_list         fn(Set<T>) -> List<T>
Set.from_list       fn(List<T>) -> Set<T>
Set.collect         fn(Iter<T>) -> Set<T>
Set.iter            fn(Set<T>) -> Iter<T>
Set.to_string       fn(Set<T>) -> String

Tuple.nth           fn(Tuple, Int) -> T
Tuple.first         fn(Tuple) -> A
Tuple.second        fn(Tuple) -> B
Tuple.size          fn(Tuple) -> Int
Range.new           fn(Int, Int) -> Range
Range.to_list       fn(Range) -> List<Int>
Range.map           fn(Range, Fun(Int) -> T) -> List<T>
Range.filter        fn(Range, Fun(Int) -> Bool) -> List<Int>
Range.length        fn(Range) -> Int
Range.iter          fn(Range) -> Iter<Int>
Queue.new           fn() -> Queue<T>
Queue.push          fn(Queue<T>, T) -> Queue<T>
Queue.pop           fn(Queue<T>) -> (T, Queue<T>)
Queue.peek          fn(Queue<T>) -> T
Queue.size          fn(Queue<T>) -> Int
Queue.is_empty      fn(Queue<T>) -> Bool

Iter.from           fn(T) -> Iter<U> where T: Iterable
Iter.map            fn(Iter<T>, Fun(T) -> U) -> Iter<U>
Iter.filter         fn(Iter<T>, Fun(T) -> Bool) -> Iter<T>
Iter.take           fn(Iter<T>, Int) -> Iter<T>
Iter.skip           fn(Iter<T>, Int) -> Iter<T>
Iter.enumerate      fn(Iter<T>) -> Iter<(Int, T)>
Iter.zip            fn(Iter<A>, Iter<B>) -> Iter<(A, B)>
Iter.count          fn(Iter<T>) -> Int
Iter.sum            fn(Iter<Int>) -> Int
Iter.any            fn(Iter<T>, Fun(T) -> Bool) -> Bool
Iter.all            fn(Iter<T>, Fun(T) -> Bool) -> Bool
Iter.find           fn(Iter<T>, Fun(T) -> Bool) -> Option<T>
Iter.reduce         fn(Iter<T>, A, Fun(A, T) -> A) -> A
Iter.next           fn(Iter<T>) -> Option<T>

IO.puts             fn(String) -> ()
IO.println          fn(String) -> ()
IO.print            fn(String) -> ()
IO.read_line        fn() -> Result<String, String>
IO.eprintln         fn(String) -> ()
IO.eprint           fn(String) -> ()
Env.get             fn(String, String) -> String
Env.get_int         fn(String, Int) -> Int
Env.args            fn() -> List<String>
File.read           fn(String) -> Result<String, String>
File.write          fn(String, String) -> Result<(), String>
File.append         fn(String, String) -> Result<(), String>
File.exists         fn(String) -> Bool
File.delete         fn(String) -> Result<(), String>

Crypto.sha256       fn(String) -> String
Crypto.sha512       fn(String) -> String
Crypto.hmac_sha256  fn(String, String) -> String
Crypto.hmac_sha512  fn(String, String) -> String
Crypto.secure_compare fn(String, String) -> Bool
Crypto.uuid4        fn() -> String
Base64.encode       fn(String) -> String
Base64.decode       fn(String) -> Result<String, String>
Base64.encode_url   fn(String) -> String
Base64.decode_url   fn(String) -> Result<String, String>
Hex.encode          fn(String) -> String
Hex.decode          fn(String) -> Result<String, String>

DateTime.utc_now    fn() -> DateTime
DateTime.from_iso8601 fn(String) -> Result<DateTime, String>
DateTime.to_iso8601 fn(DateTime) -> String
DateTime.from_unix_ms fn(Int) -> Result<DateTime, String>
DateTime.from_unix_secs fn(Int) -> Result<DateTime, String>
DateTime.to_unix_ms fn(DateTime) -> Int
DateTime.to_unix_secs fn(DateTime) -> Int
DateTime.add        fn(DateTime, Int, Atom) -> DateTime
DateTime.diff       fn(DateTime, DateTime, Atom) -> Float
DateTime.is_before  fn(DateTime, DateTime) -> Bool
DateTime.is_after   fn(DateTime, DateTime) -> Bool

Regex.compile       fn(String) -> Result<Regex, String>
Regex.is_match      fn(Regex, String) -> Bool
Regex.captures      fn(Regex, String) -> Option<List<String>>
Regex.replace       fn(Regex, String, String) -> String
Regex.split         fn(Regex, String) -> List<String>

JSON.parse          fn(String) -> Result<Json, String>
JSON.encode         fn(Json) -> String
JSON.encode_string  fn(String) -> String
JSON.encode_int     fn(Int) -> String
JSON.encode_bool    fn(Bool) -> String
JSON.encode_map     fn(Map<String, String>) -> String
JSON.encode_list    fn(List<String>) -> String
Json.parse          fn(String) -> Result<Json, String>
Json.encode         fn(T) -> String
Json.encode_string  fn(String) -> String
Json.encode_int     fn(Int) -> String
Json.encode_bool    fn(Bool) -> String
Json.encode_map     fn(Map<String, String>) -> String
Json.encode_list    fn(List<String>) -> String
Json.get            fn(String, String) -> String
Json.get_nested     fn(String, String, String) -> String

HTTP.router         fn() -> Router
HTTP.route          fn(Router, String, Fun(Request) -> Response) -> Router
HTTP.on_get         fn(Router, String, Fun(Request) -> Response) -> Router
HTTP.on_post        fn(Router, String, Fun(Request) -> Response) -> Router
HTTP.on_put         fn(Router, String, Fun(Request) -> Response) -> Router
HTTP.on_delete      fn(Router, String, Fun(Request) -> Response) -> Router
HTTP.use            fn(Router, Fun(Request, Fun(Request) -> Response) -> Response) -> Router
HTTP.response       fn(Int, String) -> Response
HTTP.response_with_headers fn(Int, String, Map<String, String>) -> Response
HTTP.serve          fn(Router, Int) -> ()
HTTP.serve_tls      fn(Router, Int, String, String) -> ()
HTTP.get            fn(String) -> Result<String, String>
HTTP.post           fn(String, String) -> Result<String, String>
HTTP.clustered      fn(Fun(Request) -> Response) -> Fun(Request) -> Response
HTTP.clustered      fn(Int, Fun(Request) -> Response) -> Fun(Request) -> Response
Request.method      fn(Request) -> String
Request.path        fn(Request) -> String
Request.body        fn(Request) -> String
Request.header      fn(Request, String) -> Option<String>
Request.query       fn(Request, String) -> Option<String>
Request.param       fn(Request, String) -> Option<String>

Http.build          fn(Atom, String) -> HttpRequest
Http.header         fn(HttpRequest, String, String) -> HttpRequest
Http.body           fn(HttpRequest, String) -> HttpRequest
Http.json           fn(HttpRequest, String) -> HttpRequest
Http.query          fn(HttpRequest, String, String) -> HttpRequest
Http.timeout        fn(HttpRequest, Int) -> HttpRequest
Http.send           fn(HttpRequest) -> Result<HttpResponse, String>
Http.stream         fn(HttpRequest, Fun(String) -> String) -> Int
Http.stream_bytes   fn(HttpRequest, Fun(String) -> String) -> Int
Http.cancel         fn(Int) -> ()
Http.client         fn() -> Int
Http.send_with      fn(Int, HttpRequest) -> Result<HttpResponse, String>
Http.client_close   fn(Int) -> ()

Ws.serve            fn(Fun(Int, String, Map<String, String>) -> Int, Fun(Int, String) -> (), Fun(Int, Int, String) -> (), Int) -> ()
Ws.send             fn(Int, String) -> Int
Ws.join             fn(Int, String) -> Int
Ws.leave            fn(Int, String) -> Int
Ws.broadcast        fn(String, String) -> Int
Ws.broadcast_except fn(String, String, Int) -> Int

Sqlite.open         fn(String) -> Result<SqliteConn, String>
Sqlite.close        fn(SqliteConn) -> ()
Sqlite.execute      fn(SqliteConn, String, List<String>) -> Result<Int, String>
Sqlite.query        fn(SqliteConn, String, List<String>) -> Result<List<Map<String, String>>, String>
Sqlite.begin        fn(SqliteConn) -> Result<(), String>
Sqlite.commit       fn(SqliteConn) -> Result<(), String>
Sqlite.rollback     fn(SqliteConn) -> Result<(), String>

Pg.connect          fn(String) -> Result<PgConn, String>
Pg.close            fn(PgConn) -> ()
Pg.execute          fn(PgConn, String, List<String>) -> Result<Int, String>
Pg.query            fn(PgConn, String, List<String>) -> Result<List<Map<String, String>>, String>
Pg.begin            fn(PgConn) -> Result<(), String>
Pg.commit           fn(PgConn) -> Result<(), String>
Pg.rollback         fn(PgConn) -> Result<(), String>
Pg.transaction      fn(PgConn, Fun(PgConn) -> Result<(), String>) -> Result<(), String>
Pg.query_as         fn(PgConn, String, List<String>, Fun(Map<String, String>) -> Result<T, String>) -> Result<List<T>, String>
Pg.create_extension fn(PoolHandle, String) -> Result<Int, String>
Pg.create_range_partitioned_table fn(PoolHandle, String, List<String>, String) -> Result<Int, String>
Pg.create_gin_index fn(PoolHandle, String, String, String, String) -> Result<Int, String>
Pg.create_daily_partitions_ahead fn(PoolHandle, String, Int) -> Result<Int, String>
Pg.list_daily_partitions_before fn(PoolHandle, String, Int) -> Result<List<String>, String>
Pg.drop_partition   fn(PoolHandle, String) -> Result<Int, String>
Pg.cast             fn(Expr, String) -> Expr
Pg.gen_salt         fn(String, Int) -> Expr
Pg.crypt            fn(Expr, Expr) -> Expr
Pg.ts_rank          fn(Expr, Expr) -> Expr
Pg.uuid             fn(Expr) -> Expr
Pool.open           fn(String, Int, Int, Int) -> Result<PoolHandle, String>
Pool.close          fn(PoolHandle) -> ()
Pool.checkout       fn(PoolHandle) -> Result<PgConn, String>
Pool.checkin        fn(PoolHandle, PgConn) -> ()
Pool.query          fn(PoolHandle, String, List<String>) -> Result<List<Map<String, String>>, String>
Pool.execute        fn(PoolHandle, String, List<String>) -> Result<Int, String>
Pool.query_as       fn(PoolHandle, String, List<String>, Fun(Map<String, String>) -> Result<T, String>) -> Result<List<T>, String>

Query.from          fn(String) -> Query
Query.where         fn(Query, Atom, String) -> Query
Query.where_op      fn(Query, Atom, Atom, String) -> Query
Query.where_in      fn(Query, Atom, List<String>) -> Query
Query.where_not_in  fn(Query, Atom, List<String>) -> Query
Query.where_null    fn(Query, Atom) -> Query
Query.where_not_null fn(Query, Atom) -> Query
Query.where_between fn(Query, Atom, String, String) -> Query
Query.where_or      fn(Query, List<Atom>, List<String>) -> Query
Query.where_expr    fn(Query, Expr) -> Query
Query.where_raw     fn(Query, String, List<String>) -> Query
Query.where_sub     fn(Query, Atom, Query) -> Query
Query.select        fn(Query, List<String>) -> Query
Query.select_raw    fn(Query, List<String>) -> Query
Query.select_expr   fn(Query, Expr) -> Query
Query.select_exprs  fn(Query, List<Expr>) -> Query
Query.select_count  fn(Query) -> Query
Query.select_count_field fn(Query, Atom) -> Query
Query.select_sum    fn(Query, Atom) -> Query
Query.select_avg    fn(Query, Atom) -> Query
Query.select_min    fn(Query, Atom) -> Query
Query.select_max    fn(Query, Atom) -> Query
Query.order_by      fn(Query, Atom, Atom) -> Query
Query.order_by_raw  fn(Query, String) -> Query
Query.limit         fn(Query, Int) -> Query
Query.offset        fn(Query, Int) -> Query
Query.join          fn(Query, Atom, String, String) -> Query
Query.join_as       fn(Query, Atom, String, String, String) -> Query
Query.group_by      fn(Query, Atom) -> Query
Query.group_by_raw  fn(Query, String) -> Query
Query.having        fn(Query, String, String) -> Query
Query.fragment      fn(Query, String, List<String>) -> Query
Expr.column         fn(String) -> Expr
Expr.value          fn(String) -> Expr
Expr.null           fn() -> Expr
Expr.call           fn(String, List<Expr>) -> Expr
Expr.fn_call        fn(String, List<Expr>) -> Expr
Expr.add            fn(Expr, Expr) -> Expr
Expr.sub            fn(Expr, Expr) -> Expr
Expr.mul            fn(Expr, Expr) -> Expr
Expr.div            fn(Expr, Expr) -> Expr
Expr.eq             fn(Expr, Expr) -> Expr
Expr.neq            fn(Expr, Expr) -> Expr
Expr.lt             fn(Expr, Expr) -> Expr
Expr.lte            fn(Expr, Expr) -> Expr
Expr.gt             fn(Expr, Expr) -> Expr
Expr.gte            fn(Expr, Expr) -> Expr
Expr.case           fn(List<Expr>, List<Expr>, Expr) -> Expr
Expr.case_when      fn(List<Expr>, List<Expr>, Expr) -> Expr
Expr.coalesce       fn(List<Expr>) -> Expr
Expr.excluded       fn(String) -> Expr
Expr.alias          fn(Expr, String) -> Expr
Expr.label          fn(Expr, String) -> Expr
Repo.all            fn(PoolHandle, Query) -> Result<List<Map<String, String>>, String>
Repo.one            fn(PoolHandle, Query) -> Result<Map<String, String>, String>
Repo.get            fn(PoolHandle, String, String) -> Result<Map<String, String>, String>
Repo.get_by         fn(PoolHandle, String, String, String) -> Result<Map<String, String>, String>
Repo.count          fn(PoolHandle, Query) -> Result<Int, String>
Repo.exists         fn(PoolHandle, Query) -> Result<Bool, String>
Repo.insert         fn(PoolHandle, String, Map<String, String>) -> Result<Map<String, String>, String>
Repo.insert_expr    fn(PoolHandle, String, Map<String, Expr>) -> Result<Map<String, String>, String>
Repo.update         fn(PoolHandle, String, String, Map<String, String>) -> Result<Map<String, String>, String>
Repo.delete         fn(PoolHandle, String, String) -> Result<Map<String, String>, String>
Repo.update_where   fn(PoolHandle, String, Map<String, String>, Query) -> Result<List<Map<String, String>>, String>
Repo.update_where_expr fn(PoolHandle, String, Map<String, Expr>, Query) -> Result<List<Map<String, String>>, String>
Repo.delete_where   fn(PoolHandle, String, Query) -> Result<Int, String>
Repo.delete_where_returning fn(PoolHandle, String, Query) -> Result<List<Map<String, String>>, String>
Repo.query_raw      fn(PoolHandle, String, List<String>) -> Result<List<Map<String, String>>, String>
Repo.execute_raw    fn(PoolHandle, String, List<String>) -> Result<Int, String>
Repo.insert_or_update fn(PoolHandle, String, Map<String, String>, List<String>, List<String>) -> Result<Map<String, String>, String>
Repo.insert_or_update_expr fn(PoolHandle, String, Map<String, Expr>, List<String>, List<String>) -> Result<Map<String, String>, String>
Repo.insert_changeset fn(PoolHandle, String, Changeset) -> Result<Map<String, String>, String>
Repo.update_changeset fn(PoolHandle, String, String, Changeset) -> Result<Map<String, String>, String>
Repo.preload        fn(PoolHandle, List<Map<String, String>>, List<Atom>, List<String>) -> Result<List<Map<String, String>>, String>
Repo.transaction    fn(PoolHandle, Fun(PgConn) -> Result<T, String>) -> Result<T, String>
Orm.build_select    fn(String, List<String>, List<String>, List<String>, Int, Int) -> String
Orm.build_insert    fn(String, List<String>, List<String>) -> String
Orm.build_update    fn(String, List<String>, List<String>, List<String>) -> String
Orm.build_delete    fn(String, List<String>, List<String>) -> String

Changeset.cast      fn(Map<String, String>, Map<String, String>, List<Atom>) -> Changeset
Changeset.cast_with_types fn(Map<String, String>, Map<String, String>, List<Atom>, List<String>) -> Changeset
Changeset.validate_required fn(Changeset, List<Atom>) -> Changeset
Changeset.validate_length fn(Changeset, Atom, Int, Int) -> Changeset
Changeset.validate_format fn(Changeset, Atom, String) -> Changeset
Changeset.validate_inclusion fn(Changeset, Atom, List<String>) -> Changeset
Changeset.validate_number fn(Changeset, Atom, Int, Int, Int, Int) -> Changeset
Changeset.valid     fn(Changeset) -> Bool
Changeset.errors    fn(Changeset) -> Map<String, String>
Changeset.changes   fn(Changeset) -> Map<String, String>
Changeset.get_change fn(Changeset, Atom) -> String
Changeset.get_error fn(Changeset, Atom) -> String
Migration.create_table fn(PoolHandle, String, List<String>) -> Result<Int, String>
Migration.drop_table fn(PoolHandle, String) -> Result<Int, String>
Migration.add_column fn(PoolHandle, String, String) -> Result<Int, String>
Migration.drop_column fn(PoolHandle, String, String) -> Result<Int, String>
Migration.rename_column fn(PoolHandle, String, String, String) -> Result<Int, String>
Migration.create_index fn(PoolHandle, String, List<String>, String) -> Result<Int, String>
Migration.drop_index fn(PoolHandle, String, List<String>) -> Result<Int, String>
Migration.execute   fn(PoolHandle, String) -> Result<Int, String>

Timer.sleep         fn(Int) -> ()
Timer.send_after    fn(Pid<T>, Int, T) -> ()
Job.async           fn(Fun() -> T) -> Pid<T>
Job.await           fn(Pid<T>) -> Result<T, String>
Job.await_timeout   fn(Pid<T>, Int) -> Result<T, String>
Job.map             fn(List<T>, Fun(T) -> U) -> List<Result<U, String>>
Process.monitor     fn(Pid) -> Int
Process.demonitor   fn(Int) -> Int
Process.register    fn(String, Pid) -> Int
Process.whereis     fn(String) -> Pid
Process.self        fn() -> Pid
Process.exit        fn(Pid, String) -> ()
Node.start          fn(String, String) -> Int
Node.connect        fn(String) -> Int
Node.self           fn() -> String
Node.list           fn() -> List<String>
Node.monitor        fn(String) -> Int
Node.spawn          fn(String, F) -> Pid ...
Node.spawn_link     fn(String, F) -> Pid ...
Node.start_from_env fn() -> Result<BootstrapStatus, String>
Global.register     fn(String, Pid) -> Int
Global.whereis      fn(String) -> Pid
Global.unregister   fn(String) -> Int
Test.mock_actor     fn(Fun(T) -> String) -> Pid
`

// legacyAliases maps the snake_case global aliases (language.md §12
// prelude) to the module function they stand for.
var legacyAliases = map[string]string{
	"map": "List.map", "filter": "List.filter", "reduce": "List.reduce", "head": "List.head", "tail": "List.tail",
	"string_length": "String.length", "string_slice": "String.slice", "string_contains": "String.contains",
	"string_starts_with": "String.starts_with", "string_ends_with": "String.ends_with", "string_trim": "String.trim",
	"string_to_upper": "String.to_upper", "string_to_lower": "String.to_lower", "string_replace": "String.replace",
	"string_split": "String.split", "string_join": "String.join", "string_to_int": "String.to_int",
	"string_to_float": "String.to_float",
	"list_new":        "List.new", "list_length": "List.length", "list_append": "List.append", "list_get": "List.get",
	"list_concat": "List.concat", "list_reverse": "List.reverse", "list_map": "List.map", "list_filter": "List.filter",
	"list_reduce": "List.reduce", "list_head": "List.head", "list_tail": "List.tail", "list_sort": "List.sort",
	"list_find": "List.find", "list_any": "List.any", "list_all": "List.all", "list_contains": "List.contains",
	"list_zip": "List.zip", "list_flat_map": "List.flat_map", "list_flatten": "List.flatten",
	"list_enumerate": "List.enumerate", "list_take": "List.take", "list_drop": "List.drop", "list_last": "List.last",
	"list_nth": "List.nth",
	"map_new":  "Map.new", "map_put": "Map.put", "map_get": "Map.get", "map_has_key": "Map.has_key",
	"map_delete": "Map.delete", "map_size": "Map.size", "map_keys": "Map.keys", "map_values": "Map.values",
	"map_merge": "Map.merge", "map_to_list": "Map.to_list", "map_from_list": "Map.from_list",
	"set_new": "Set.new", "set_add": "Set.add", "set_remove": "Set.remove", "set_contains": "Set.contains",
	"set_size": "Set.size", "set_union": "Set.union", "set_intersection": "Set.intersection",
	"set_difference": "Set.difference", "set_to_list": "Set.to_list", "set_from_list": "Set.from_list",
	"tuple_nth": "Tuple.nth", "tuple_first": "Tuple.first", "tuple_second": "Tuple.second", "tuple_size": "Tuple.size",
	"range_new": "Range.new", "range_to_list": "Range.to_list", "range_map": "Range.map",
	"range_filter": "Range.filter", "range_length": "Range.length",
	"queue_new": "Queue.new", "queue_push": "Queue.push", "queue_pop": "Queue.pop", "queue_peek": "Queue.peek",
	"queue_size": "Queue.size", "queue_is_empty": "Queue.is_empty",
	"file_read": "File.read", "file_write": "File.write", "file_append": "File.append", "file_exists": "File.exists",
	"file_delete": "File.delete", "io_read_line": "IO.read_line", "io_eprintln": "IO.eprintln",
	"env_get_with_default": "Env.get", "env_get_int": "Env.get_int", "env_args": "Env.args",
	"regex_compile": "Regex.compile", "regex_is_match": "Regex.is_match", "regex_captures": "Regex.captures",
	"regex_replace": "Regex.replace", "regex_split": "Regex.split",
	"crypto_sha256": "Crypto.sha256", "crypto_sha512": "Crypto.sha512", "crypto_hmac_sha256": "Crypto.hmac_sha256",
	"crypto_hmac_sha512": "Crypto.hmac_sha512", "crypto_secure_compare": "Crypto.secure_compare",
	"crypto_uuid4":  "Crypto.uuid4",
	"base64_encode": "Base64.encode", "base64_decode": "Base64.decode", "base64_encode_url": "Base64.encode_url",
	"base64_decode_url": "Base64.decode_url", "hex_encode": "Hex.encode", "hex_decode": "Hex.decode",
	"datetime_utc_now": "DateTime.utc_now", "datetime_from_iso8601": "DateTime.from_iso8601",
	"datetime_to_iso8601": "DateTime.to_iso8601", "datetime_from_unix_ms": "DateTime.from_unix_ms",
	"datetime_to_unix_ms": "DateTime.to_unix_ms", "datetime_from_unix_secs": "DateTime.from_unix_secs",
	"datetime_to_unix_secs": "DateTime.to_unix_secs", "datetime_add": "DateTime.add", "datetime_diff": "DateTime.diff",
	"datetime_is_before": "DateTime.is_before", "datetime_is_after": "DateTime.is_after",
	"json_parse": "JSON.parse", "json_encode": "JSON.encode", "json_encode_string": "JSON.encode_string",
	"json_encode_int": "JSON.encode_int", "json_encode_bool": "JSON.encode_bool", "json_encode_map": "JSON.encode_map",
	"json_encode_list": "JSON.encode_list",
	"http_router":      "HTTP.router", "http_route": "HTTP.route", "http_serve": "HTTP.serve", "http_serve_tls": "HTTP.serve_tls",
	"http_response": "HTTP.response", "http_response_with_headers": "HTTP.response_with_headers",
	"http_get": "HTTP.get", "http_post": "HTTP.post", "http_on_get": "HTTP.on_get", "http_on_post": "HTTP.on_post",
	"http_on_put": "HTTP.on_put", "http_on_delete": "HTTP.on_delete", "http_use": "HTTP.use",
	"http_build": "Http.build", "http_header": "Http.header", "http_body": "Http.body", "http_timeout": "Http.timeout",
	"http_query": "Http.query", "http_json": "Http.json", "http_send": "Http.send", "http_stream": "Http.stream",
	"http_stream_bytes": "Http.stream_bytes", "http_cancel": "Http.cancel", "http_client": "Http.client",
	"http_send_with": "Http.send_with", "http_client_close": "Http.client_close",
	"request_method": "Request.method", "request_path": "Request.path", "request_body": "Request.body",
	"request_header": "Request.header", "request_query": "Request.query", "request_param": "Request.param",
	"sqlite_open": "Sqlite.open", "sqlite_close": "Sqlite.close", "sqlite_execute": "Sqlite.execute",
	"sqlite_query": "Sqlite.query", "sqlite_begin": "Sqlite.begin", "sqlite_commit": "Sqlite.commit",
	"sqlite_rollback": "Sqlite.rollback",
	"pg_connect":      "Pg.connect", "pg_close": "Pg.close", "pg_execute": "Pg.execute", "pg_query": "Pg.query",
	"pg_begin": "Pg.begin", "pg_commit": "Pg.commit", "pg_rollback": "Pg.rollback", "pg_transaction": "Pg.transaction",
	"pool_open": "Pool.open", "pool_close": "Pool.close", "pool_checkout": "Pool.checkout", "pool_checkin": "Pool.checkin",
	"pool_query": "Pool.query", "pool_execute": "Pool.execute",
}
