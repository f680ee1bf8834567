#!/usr/bin/env bash
# Installs Debian's OpenStack Glance API (glance-api) when it is missing: non-interactive, no database or
# Keystone questions (the debconf answers below are the package templates' own names; all say "do not
# configure", which start.sh does itself under a temporary directory), and no service started by the package
# (a policy-rc.d that denies it, created only when the machine has none and removed afterwards).
# Needs root and apt-get; exits 0 at once when glance-api is already there. Exit 3: cannot install here.
set -euo pipefail

if [ -x /usr/bin/glance-api ] && [ -x /usr/bin/glance-manage ]; then
  echo "glance-api $(dpkg-query -W -f='${Version}' glance-api 2>/dev/null || echo '(version unknown)') already installed"
  exit 0
fi
if [ "$(id -u)" != 0 ]; then
  echo "glance-api is not installed and installing it needs root (apt-get): run this script as root" >&2
  exit 3
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "glance-api is not installed and this machine has no apt-get (Debian/Ubuntu only)" >&2
  exit 3
fi

export DEBIAN_FRONTEND=noninteractive
created_policy=0
if [ ! -e /usr/sbin/policy-rc.d ]; then
  printf '#!/bin/sh\nexit 101\n' >/usr/sbin/policy-rc.d
  chmod +x /usr/sbin/policy-rc.d
  created_policy=1
fi
cleanup() { if [ "$created_policy" = 1 ]; then rm -f /usr/sbin/policy-rc.d; fi; }
trap cleanup EXIT

debconf-set-selections <<'SEL'
glance-common glance/configure_db boolean false
glance-common glance/configure_rabbit boolean false
glance-common glance/configure_ksat boolean false
glance-api glance/configure_api-endpoint boolean false
SEL

apt-get update -qq || { echo "apt-get update failed" >&2; exit 3; }
apt-get install -y -q --no-install-recommends \
  -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold glance-api \
  || { echo "apt-get install glance-api failed" >&2; exit 3; }
echo "installed glance-api $(dpkg-query -W -f='${Version}' glance-api)"
