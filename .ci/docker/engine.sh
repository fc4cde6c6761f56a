# Sourced by the scripts in .ci/docker: starts and stops a Docker Engine that belongs to this CI run.
# Its images live under INVENTORY_DOCKER_ROOT (default: a folder in the temp dir, kept between runs so
# that a second run finds its images built; never inside the repository). It listens on a socket of
# its own, publishes container ports on 127.0.0.1 only and leaves iptables and forwarding alone.

docker_root="${INVENTORY_DOCKER_ROOT:-${TMPDIR:-/tmp}/inventory-events-docker}"
docker_log="$docker_root/dockerd.log"
docker_pid=""

engine_start() {
  command -v dockerd >/dev/null || { echo "engine: dockerd is missing (Debian package docker.io)" >&2; return 1; }
  mkdir -p "$docker_root/data" "$docker_root/run"
  export DOCKER_HOST="unix://$docker_root/run/docker.sock"
  if docker version >/dev/null 2>&1; then
    echo "engine: a Docker Engine already answers on $DOCKER_HOST; using it and leaving it running"
    return 0
  fi
  rm -f "$docker_root/run/docker.sock" "$docker_root/run/dockerd.pid"
  # vfs works on every file system (overlay inside a container often does not).
  dockerd --host="$DOCKER_HOST" --data-root="$docker_root/data" --exec-root="$docker_root/run/exec" \
    --pidfile="$docker_root/run/dockerd.pid" --storage-driver=vfs --iptables=false \
    --ip-forward=false --ip=127.0.0.1 >"$docker_log" 2>&1 &
  docker_pid=$!
  local waited=0
  until docker version >/dev/null 2>&1; do
    if ! kill -0 "$docker_pid" 2>/dev/null; then
      docker_pid=""
      echo "engine: dockerd exited at start; last lines of $docker_log:" >&2
      tail -n 20 "$docker_log" >&2
      return 1
    fi
    if [ "$waited" -ge 300 ]; then
      echo "engine: dockerd did not answer within 30 s; see $docker_log" >&2
      engine_stop
      return 1
    fi
    sleep 0.1
    waited=$((waited + 1))
  done
  echo "engine: dockerd $(docker version --format '{{.Server.Version}}') ready in $((waited / 10)).$((waited % 10)) s ($docker_root)"
}

# Stops what engine_start started (the containers first, then the daemon); safe to call twice.
engine_stop() {
  [ -n "$docker_pid" ] || return 0
  local ids
  ids="$(docker ps -q 2>/dev/null || true)"
  [ -z "$ids" ] || docker rm -f $ids >/dev/null 2>&1 || true
  kill "$docker_pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$docker_pid" 2>/dev/null && [ "$waited" -lt 200 ]; do
    sleep 0.1
    waited=$((waited + 1))
  done
  kill -9 "$docker_pid" 2>/dev/null || true
  wait "$docker_pid" 2>/dev/null || true
  docker_pid=""
  echo "engine: dockerd stopped"
}

# For .ci/run's own EXIT trap: stops a dockerd this CI run started and left running (found by its pid
# file), whatever way the run ended; does nothing if none runs. Never fails.
engine_stop_leftover() {
  local pidfile="$docker_root/run/dockerd.pid"
  [ -f "$pidfile" ] || return 0
  docker_pid="$(cat "$pidfile" 2>/dev/null || true)"
  if [ -z "$docker_pid" ] || ! kill -0 "$docker_pid" 2>/dev/null; then
    docker_pid=""
    return 0
  fi
  export DOCKER_HOST="unix://$docker_root/run/docker.sock"
  engine_stop || true
  return 0
}
