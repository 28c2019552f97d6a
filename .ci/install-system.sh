#!/usr/bin/env bash
# System packages the full test suite uses: Debian's Chromium (browser tests; Playwright's own
# browser download is not used), CJK fonts for legible screenshots, and Virtuoso (a second
# real SPARQL server for the store contract tests). Run as root. Idempotent.
set -euo pipefail
export DEBIAN_FRONTEND=noninteractive
missing=()
for pkg in chromium chromium-driver fonts-noto-cjk; do
    dpkg -s "$pkg" >/dev/null 2>&1 || missing+=("$pkg")
done
if [ "${#missing[@]}" -gt 0 ]; then
    apt-get update -q
    apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
command -v virtuoso-t >/dev/null 2>&1 || "$(dirname "$0")/install-virtuoso.sh"
