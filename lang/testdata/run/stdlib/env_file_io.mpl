# checks: Env.get/get_int defaults for unset variables, Env.args has the program path, File write/append/read/exists/delete with errors, IO.eprintln goes to stderr, §12.8 §12.9
fn main() do
  println(Env.get("MESH_CORPUS_SURELY_UNSET_VAR_1", "fallback"))
  println("#{Env.get_int("MESH_CORPUS_SURELY_UNSET_VAR_2", 7)}")
  println("#{List.length(Env.args()) >= 1}")
  let path = "/tmp/mesh_corpus_env_file_io.txt"
  case File.write(path, "alpha\n") do
    Ok(_) -> println("written")
    Err(_) -> println("write failed")
  end
  case File.append(path, "beta\n") do
    Ok(_) -> println("appended")
    Err(_) -> println("append failed")
  end
  case File.read(path) do
    Ok(text) -> print(text)
    Err(_) -> println("read failed")
  end
  println("#{File.exists(path)}")
  case File.delete(path) do
    Ok(_) -> println("deleted")
    Err(_) -> println("delete failed")
  end
  println("#{File.exists(path)}")
  case File.read(path) do
    Ok(_) -> println("still there")
    Err(_) -> println("gone")
  end
  case File.delete(path) do
    Ok(_) -> println("deleted twice?")
    Err(_) -> println("nothing to delete")
  end
  IO.eprintln("this line goes to stderr")
  println("end")
end

# expect-stderr: this line goes to stderr
# expect:
# fallback
# 7
# true
# written
# appended
# alpha
# beta
# true
# deleted
# false
# gone
# nothing to delete
# end
