#!/usr/bin/env bash
# Debian packages for the servers that ship in Debian (see ../shared/real-servers.md). apt never
# auto-starts them here (policy-rc.d); the tests start each one on free loopback ports.
set -euo pipefail
PKGS=(nats-server redis-server mosquitto rabbitmq-server openssh-server etcd-server chromium)
missing=()
for p in "${PKGS[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "== apt: installing ${missing[*]}"
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
