#!/usr/bin/env bash
# Debian's nginx and openssl for e2e/nginx-proxy.spec.ts, which runs the README's nginx
# configuration in front of the app on loopback (ports 8440/8441, its own process, stopped by the
# spec). Installs only what is missing; never starts nginx's own service.
set -euo pipefail

if command -v nginx >/dev/null && command -v openssl >/dev/null; then
  exit 0
fi
printf '\n== installing nginx and openssl\n'
export DEBIAN_FRONTEND=noninteractive
# Keep the package's service from starting (it would take port 80): refuse service starts while installing.
policy=/usr/sbin/policy-rc.d
created_policy=false
if [ ! -e "$policy" ]; then
  printf '#!/bin/sh\nexit 101\n' > "$policy"
  chmod +x "$policy"
  created_policy=true
fi
trap '[ "$created_policy" = true ] && rm -f "$policy"' EXIT
apt-get update -qq
apt-get install -y -qq --no-install-recommends nginx openssl >/dev/null
nginx -v
