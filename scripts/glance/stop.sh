#!/usr/bin/env bash
# Stops the Glance started by start.sh (same GLANCE_PORT / GLANCE_STATE_DIR): SIGTERM to its process group,
# SIGKILL after 10 s, then removes the state directory. Exit 0 when nothing runs.
set -u
port=${GLANCE_PORT:-9292}
state=${GLANCE_STATE_DIR:-${TMPDIR:-/tmp}/ims-conformance-glance-$port}
pidfile="$state/glance.pid"
if [ ! -f "$pidfile" ]; then
  echo "no Glance started from $state" >&2
  exit 0
fi
pid=$(cat "$pidfile")
# The pid is the setsid'd glance-api: the leader of its own process group.
if kill -TERM -- "-$pid" 2>/dev/null; then
  tries=0
  while kill -0 -- "-$pid" 2>/dev/null && [ "$tries" -lt 40 ]; do
    sleep 0.25
    tries=$((tries + 1))
  done
  if kill -0 -- "-$pid" 2>/dev/null; then
    echo "Glance (process group $pid) still running after 10 s: SIGKILL" >&2
    kill -KILL -- "-$pid" 2>/dev/null || true
  fi
  echo "stopped Glance (process group $pid)" >&2
else
  echo "Glance (pid $pid) was not running" >&2
fi
rm -rf "$state"
