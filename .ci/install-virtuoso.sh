#!/usr/bin/env bash
# Install Debian's Virtuoso Open Source without prompts, for the store contract tests.
#
# The tests start their own `virtuoso-t` (own database folder, own ports), so the system
# service the package would start is kept from starting and disabled afterwards.
# Run as root (or with sudo). Idempotent.
set -euo pipefail

if [ "$(id -u)" -ne 0 ]; then
    exec sudo --preserve-env=DBA_PASSWORD "$0" "$@"
fi

# The package asks for the dba password twice; answer it in advance. The system service is
# never started, so this password protects nothing the tests use.
DBA_PASSWORD="${DBA_PASSWORD:-dba}"
for q in dba-password dba-password-again; do
    echo "virtuoso-opensource-7 virtuoso-opensource-7/$q password $DBA_PASSWORD"
done | debconf-set-selections

# Refuse service starts during installation (policy-rc.d exit 101 = "action forbidden").
policy=/usr/sbin/policy-rc.d
had_policy=0
[ -e "$policy" ] && had_policy=1
if [ "$had_policy" -eq 0 ]; then
    printf '#!/bin/sh\nexit 101\n' > "$policy"
    chmod +x "$policy"
    trap 'rm -f "$policy"' EXIT
fi

apt-get update -q
DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends virtuoso-opensource

# In case a service manager started it anyway: stop and disable it.
if command -v systemctl >/dev/null && [ -d /run/systemd/system ]; then
    systemctl disable --now virtuoso-opensource-7 || true
else
    service virtuoso-opensource-7 stop >/dev/null 2>&1 || true
    update-rc.d virtuoso-opensource-7 disable >/dev/null 2>&1 || true
fi

command -v virtuoso-t
virtuoso-t +help 2>&1 | head -n 1 || true
