# @cluster validation (cluster-reference §4.1, CONTRACT 15) and Node.start_from_env typing
import Work

fn log_bootstrap(status :: BootstrapStatus) do
  println("[clustered-app] runtime bootstrap mode=#{status.mode} node=#{status.node_name} cluster_port=#{status.cluster_port} discovery_seed=#{status.discovery_seed}")
end

fn main() do
  case Node.start_from_env() do
    Ok(status) -> log_bootstrap(status)
    Err(reason) -> println("[clustered-app] runtime bootstrap failed reason=#{reason}")
  end
  let bad :: Int = Node.start_from_env() # ERROR "E0001 type mismatch: expected `Int`, found `Result<BootstrapStatus, String>`"
  Node.start_from_env(1) # ERROR "E0003 arity mismatch"
  case Node.start_from_env() do
    Ok(s) -> println(s.nope) # ERROR "E0009 type `BootstrapStatus` has no field `nope`"
    Err(_) -> println("x")
  end
end
