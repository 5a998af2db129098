# checks: Sqlite in-memory execute (affected rows, text parameters), query rows as maps in column order with text values (NULL -> ""), aliases, transactions, §12.17
fn run() -> Result<String, String> do
  let db = Sqlite.open(":memory:")?
  let created = Sqlite.execute(db, "CREATE TABLE items (id INTEGER, name TEXT, price REAL)", [])?
  println("created #{created}")
  let n1 = Sqlite.execute(db, "INSERT INTO items (id, name, price) VALUES (?, ?, ?)", ["1", "apple", "3.5"])?
  let n2 = Sqlite.execute(db, "INSERT INTO items (id, name, price) VALUES (?, ?, ?)", ["2", "pear", "2"])?
  let n3 = Sqlite.execute(db, "INSERT INTO items (id, name) VALUES (?, ?)", ["3", "fig"])?
  println("inserted #{n1 + n2 + n3}")
  let rows = Sqlite.query(db, "SELECT id, name, price FROM items ORDER BY id", [])?
  for row in rows do
    println("#{row}")
  end
  let agg = Sqlite.query(db, "SELECT COUNT(*) AS total, SUM(id) AS id_sum FROM items WHERE id > ?", ["1"])?
  println("#{agg}")
  let updated = Sqlite.execute(db, "UPDATE items SET price = price * 2 WHERE price IS NOT NULL", [])?
  println("updated #{updated}")
  Sqlite.begin(db)?
  Sqlite.execute(db, "DELETE FROM items", [])?
  Sqlite.rollback(db)?
  let left = Sqlite.query(db, "SELECT name FROM items ORDER BY id", [])?
  println("#{left}")
  Sqlite.close(db)
  Ok("done")
end

fn main() do
  case run() do
    Ok(msg) -> println(msg)
    Err(e) -> println("error: " <> e)
  end
  case Sqlite.open(":memory:") do
    Ok(db) -> do
      case Sqlite.query(db, "SELECT * FROM no_such_table", []) do
        Ok(_) -> println("query ok?")
        Err(_) -> println("query failed")
      end
    end
    Err(_) -> println("open failed")
  end
end

# expect:
# created 0
# inserted 3
# %{id => 1, name => apple, price => 3.5}
# %{id => 2, name => pear, price => 2.0}
# %{id => 3, name => fig, price => }
# [%{total => 2, id_sum => 5}]
# updated 2
# [%{name => apple}, %{name => pear}, %{name => fig}]
# done
# query failed
