#!/usr/bin/env bash
# Starts a local OpenStack Glance API (Debian glance-api 25) for the conformance suite: 127.0.0.1, one worker,
# SQLite and a file store in a fresh state directory, no Keystone. Prints the base URL when /versions answers.
#   GLANCE_PORT       port (default 9292)
#   GLANCE_STATE_DIR  state directory (default ${TMPDIR:-/tmp}/ims-conformance-glance-$GLANCE_PORT); wiped first
#   GLANCE_IDENTITY   headers (default: X-Identity-Status/X-Project-Id/X-Roles from the client, 401 without)
#                     | none (every request an admin context, owner null)
# Installs glance-api first when it is missing (install.sh: root and apt-get). Stop with stop.sh (same env); both need bash.
# Exit 3: Glance cannot be installed here; 1: it did not start.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${GLANCE_PORT:-9292}
state=${GLANCE_STATE_DIR:-${TMPDIR:-/tmp}/ims-conformance-glance-$port}
identity=${GLANCE_IDENTITY:-headers}
url="http://127.0.0.1:$port"

case "$port" in '' | *[!0-9]*) echo "GLANCE_PORT must be a port number (got '$port')" >&2; exit 2 ;; esac
case "$identity" in
  headers) flavor=headers ;;
  none) flavor= ;;
  *) echo "GLANCE_IDENTITY must be headers or none (got '$identity')" >&2; exit 2 ;;
esac
if [ -f "$state/glance.pid" ] && kill -0 "$(cat "$state/glance.pid")" 2>/dev/null; then
  echo "Glance already runs from $state (pid $(cat "$state/glance.pid")): stop it first (npm run glance:stop)" >&2
  exit 1
fi
bash "$here/install.sh" >&2

rm -rf "$state"
mkdir -p "$state/etc" "$state/log" "$state/images" "$state/staging" "$state/image-cache" "$state/lock"
fill() { sed -e "s|@STATE@|$state|g" -e "s|@PORT@|$port|g" -e "s|@FLAVOR@|$flavor|g" "$1"; }
fill "$here/glance-api.conf.in" >"$state/etc/glance-api.conf"
fill "$here/glance-api-paste.ini.in" >"$state/etc/glance-api-paste.ini"
echo '{}' >"$state/etc/policy.yaml"
conf="$state/etc/glance-api.conf"

glance-manage --config-file "$conf" db_sync >"$state/log/db_sync.log" 2>&1 || {
  echo "glance-manage db_sync failed ($state/log/db_sync.log):" >&2
  tail -20 "$state/log/db_sync.log" >&2
  exit 1
}

# setsid: Glance (parent and worker) in a process group of its own, which stop.sh ends as a whole.
setsid glance-api --config-file "$conf" >"$state/log/glance-api.out" 2>&1 </dev/null &
echo $! >"$state/glance.pid"

tries=0
until curl -fsS -o /dev/null "$url/versions" 2>/dev/null; do
  tries=$((tries + 1))
  if ! kill -0 "$(cat "$state/glance.pid")" 2>/dev/null; then
    echo "glance-api exited; last lines of its logs:" >&2
    tail -30 "$state/log/glance-api.log" "$state/log/glance-api.out" 2>/dev/null >&2 || true
    rm -f "$state/glance.pid"
    exit 1
  fi
  if [ "$tries" -ge 240 ]; then
    echo "no answer from $url/versions after 60 s (logs in $state/log)" >&2
    exit 1
  fi
  sleep 0.25
done
echo "Glance (identity $identity) answers at $url; state in $state" >&2
echo "$url"
