# checks: Namespace.private_fn() is a compile error (namespaces expose only public items), §1.4
import Vault

fn main() do
  println(Vault.open())
  println(Vault.combination()) # ERROR "combination|private"
end
