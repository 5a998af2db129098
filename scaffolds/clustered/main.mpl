# Boots the clustered runtime from the MESH_* environment and logs the
# outcome. Placement, continuity and the @cluster work in work.mpl belong
# to the runtime, not to this file.

fn log_bootstrap(status :: BootstrapStatus) do
  println("[clustered-app] runtime bootstrap mode=#{status.mode} node=#{status.node_name} cluster_port=#{status.cluster_port} discovery_seed=#{status.discovery_seed}")
end

fn log_bootstrap_failure(reason :: String) do
  println("[clustered-app] runtime bootstrap failed reason=#{reason}")
end

fn main() do
  case Node.start_from_env() do
    Ok(status) -> log_bootstrap(status)
    Err(reason) -> log_bootstrap_failure(reason)
  end
end
