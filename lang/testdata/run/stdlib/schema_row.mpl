# checks: deriving(Schema) metadata (table, primary key, fields, field types, timestamps, relationships) and deriving(Row) from_row parsing and errors, §12.22 §12.23
struct User do
  name :: String
end

struct Comment do
  body :: String
end

struct BlogPost do
  title :: String
  views :: Int
  rating :: Float
  published :: Bool
end deriving(Schema)

struct Post do
  table "articles"
  primary_key :slug
  timestamps true
  belongs_to :user, User
  has_many :comments, Comment
  slug :: String
  note :: Option<String>
end deriving(Schema)

struct Account do
  id :: Int
  name :: String
  score :: Float
  active :: Bool
  nick :: Option<String>
end deriving(Row)

fn show(r :: Result<Account, String>) -> String do
  case r do
    Ok(a) -> "ok #{a.id} " <> a.name <> " #{a.score} #{a.active} #{a.nick}"
    Err(e) -> "err " <> e
  end
end

fn main() do
  println(BlogPost.__table__() <> " " <> BlogPost.__primary_key__())
  println("#{BlogPost.__fields__()}")
  println("#{BlogPost.__field_types__()}")
  println(BlogPost.__views_col__())
  println(Post.__table__() <> " " <> Post.__primary_key__())
  println("#{Post.__fields__()}")
  println("#{Post.__field_types__()}")
  println("#{Post.__relationships__()}")
  println("#{Post.__relationship_meta__()}")
  println(show(Account.from_row(%{"id" => "7", "name" => "Ann", "score" => "2.5", "active" => "yes", "nick" => ""})))
  println(show(Account.from_row(%{"id" => "8", "name" => "Bo", "score" => "1", "active" => "F", "nick" => "b"})))
  println(show(Account.from_row(%{"id" => "9", "name" => "Cy", "active" => "true"})))
  println(show(Account.from_row(%{"id" => "x", "name" => "Di", "score" => "0", "active" => "0"})))
  println(show(Account.from_row(%{"id" => "1", "name" => "Ed", "score" => "0", "active" => "maybe"})))
end

# expect:
# blogposts id
# [title, views, rating, published]
# [title:TEXT, views:BIGINT, rating:DOUBLE PRECISION, published:BOOLEAN]
# views
# articles slug
# [slug, note, inserted_at, updated_at]
# [slug:TEXT, note:TEXT, inserted_at:TEXT, updated_at:TEXT]
# [belongs_to:user:User, has_many:comments:Comment]
# [belongs_to:user:User:user_id:users, has_many:comments:Comment:post_id:comments]
# ok 7 Ann 2.5 true None
# ok 8 Bo 1 false Some(b)
# err missing column: score
# err cannot parse 'x' as Int
# err cannot parse 'maybe' as Bool
