#!/usr/bin/env bash
# Builds the copro-bot image, runs it against PostgreSQL as its own database user, and waits
# for its HEALTHCHECK (/health) to pass; prints the build time, the image size and the time to
# healthy. Not part of the test command: CI runs it when it has the time (a few minutes).
#
#   deploy/check-container.sh                 # BASE from the environment, or a local one
#   BASE=python:3.12-slim deploy/check-container.sh
#
# Needs podman (Debian: apt-get install podman runc), root, and PostgreSQL on 127.0.0.1:5432
# that lets PG_ADMIN_URL in. With no BASE given it makes a local Debian bookworm base image
# with debootstrap (apt-get install debootstrap), for machines that reach no image registry.
set -euo pipefail
cd "$(dirname "$0")/.."

PG_ADMIN_URL=${PG_ADMIN_URL:-postgresql://postgres@127.0.0.1:5432/postgres}
LOCAL_BASE=localhost/copro-base:bookworm
IMAGE=localhost/copro-bot:check
NAME=copro-bot-check-$$
DB=copro_check_$$
work=$(mktemp -d)
trap 'podman rm -f "$NAME" >/dev/null 2>&1 || true;
      psql -q "$PG_ADMIN_URL" -c "DROP DATABASE IF EXISTS $DB WITH (FORCE)" -c "DROP ROLE IF EXISTS $DB" >/dev/null 2>&1 || true;
      rm -rf "$work"' EXIT

# Podman as this workplace needs it: the runc runtime, and ulimits a container may have.
cat > "$work/containers.conf" <<'CONF'
[containers]
default_ulimits = ["nofile=20000:20000", "nproc=4096:4096"]
[engine]
runtime = "runc"
CONF
export CONTAINERS_CONF="$work/containers.conf"

now() { date +%s.%N; }
seconds() { python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):.1f}')" "$1" "$2"; }

if [ -z "${BASE:-}" ]; then
  BASE=$LOCAL_BASE
  if ! podman image exists "$BASE"; then
    echo "== making a local base image ($BASE) with debootstrap: Debian bookworm + python3"
    rootfs="$work/rootfs"
    debootstrap --variant=minbase --include=python3,python3-venv,ca-certificates \
      bookworm "$rootfs" http://deb.debian.org/debian >"$work/debootstrap.log"
    rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
    tar -C "$rootfs" -c . | podman import --change 'CMD ["/bin/bash"]' - "$BASE" >/dev/null
  fi
fi

# pip inside the build trusts what this machine trusts (a proxy that inspects HTTPS, say).
CA=${CA_BUNDLE:-/etc/ssl/certs/ca-certificates.crt}
ca_args=()
if [ -f "$CA" ]; then
  ca_args=(--volume "$CA:/etc/ssl/host-ca.crt:ro" --build-arg PIP_CERT=/etc/ssl/host-ca.crt)
fi

echo "== building $IMAGE on $BASE"
start=$(now)
podman build --quiet --format docker --build-arg "BASE=$BASE" "${ca_args[@]}" -t "$IMAGE" . >"$work/build.log"
built=$(now)
size=$(podman image inspect --format '{{.Size}}' "$IMAGE")
base_size=$(podman image inspect --format '{{.Size}}' "$BASE")

echo "== the bot's own PostgreSQL user and database ($DB)"
password=$(python3 -c "import secrets; print(secrets.token_hex(16))")
psql -q -v ON_ERROR_STOP=1 "$PG_ADMIN_URL" -v user="$DB" -v password="$password" -v database="$DB" \
  -f deploy/create-database.sql
port=$(python3 -c "import socket; s = socket.socket(); s.bind(('127.0.0.1', 0)); print(s.getsockname()[1])")

echo "== running it (offline against its built-in Slack stand-in: no Slack credentials here)"
started=$(now)
podman run --detach --name "$NAME" --network host --health-interval disable \
  -e DATABASE_URL="postgresql://$DB:$password@127.0.0.1:5432/$DB" -e PORT="$port" \
  "$IMAGE" >/dev/null 2>"$work/run.log"  # without systemd podman notes it has no timers: fine
healthy=""
for _ in $(seq 1 240); do
  if podman healthcheck run "$NAME" >/dev/null 2>&1; then healthy=$(now); break; fi
  if [ "$(podman inspect --format '{{.State.Running}}' "$NAME")" != true ]; then break; fi
  sleep 0.25
done
if [ -z "$healthy" ]; then
  echo "The container never became healthy. Its log:"; podman logs "$NAME"; exit 1
fi
answer=$(python3 -c "import urllib.request, sys; print(urllib.request.urlopen(sys.argv[1]).read().decode())" "http://127.0.0.1:$port/health")
user=$(podman exec "$NAME" id -un)
version=$(podman exec "$NAME" copro-bot --version)
tables=$(psql -qtA "postgresql://$DB:$password@127.0.0.1:5432/$DB" -c "SELECT version_num FROM alembic_version")

echo
echo "base image:      $BASE ($((base_size / 1000000)) MB)"
echo "build time:      $(seconds "$start" "$built") s"
echo "image size:      $((size / 1000000)) MB ($(((size - base_size) / 1000000)) MB above the base)"
echo "time to healthy: $(seconds "$started" "$healthy") s (podman run to a passing HEALTHCHECK)"
echo "/health said:    $answer"
echo "runs as:         $user; $version; database migrated to $tables as its own user"
