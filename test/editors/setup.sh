#!/usr/bin/env bash
# Installs what the real-editor tests need on a fresh machine, and nothing when it is already there:
# Debian chromium, neovim, ripgrep and the build headers code-server's native modules need, then
# code-server 4.100.3 (VS Code 1.100.3) into a cache folder outside the repository.
# Set PARAPET_SKIP_EDITORS=1 to skip (the editor tests then report that they did not run, and why).
set -euo pipefail

CS_VERSION=4.100.3
# The @vscode/ripgrep version code-server 4.100.3 pins; its postinstall looks for a cached archive first.
RG_PKG_VERSION=1.15.11
CACHE="${PARAPET_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/parapet}"
CS_DIR="$CACHE/code-server-$CS_VERSION"

if [[ "${PARAPET_SKIP_EDITORS:-}" == 1 ]]; then
  echo "editors setup: skipped (PARAPET_SKIP_EDITORS=1)"
  exit 0
fi

start=$(date +%s)
as_root() { if [[ $(id -u) == 0 ]]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
  echo "editors setup: need root (or sudo) to run: $*" >&2; return 1; fi; }

# 1. Debian packages, only those missing (dpkg-query is cheap; apt-get update runs at most once).
debs=(chromium neovim ripgrep libkrb5-dev libx11-dev libxkbfile-dev libsecret-1-dev pkg-config)
missing=()
for d in "${debs[@]}"; do
  dpkg-query -W -f='${Status}' "$d" 2>/dev/null | grep -q 'install ok installed' || missing+=("$d")
done
if (( ${#missing[@]} )); then
  echo "editors setup: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# 2. code-server, cached and reused while its binary is present and the right version.
cs_bin="$CS_DIR/node_modules/.bin/code-server"
if [[ -x "$cs_bin" ]] && [[ "$(node -p "require('$CS_DIR/node_modules/code-server/package.json').version" 2>/dev/null)" == "$CS_VERSION" ]]; then
  echo "editors setup: code-server $CS_VERSION cached in $CS_DIR"
else
  # @vscode/ripgrep's postinstall downloads rg from the internet unless it finds this archive.
  tmp=$(node -p 'require("os").tmpdir()')
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64) rg_target=aarch64-unknown-linux-gnu ;;
    *) rg_target="$(uname -m)-unknown-linux-gnu" ;;
  esac
  rg_cache="$tmp/vscode-ripgrep-cache-$RG_PKG_VERSION"
  rg_archive="$rg_cache/ripgrep-v13.0.0-10-$rg_target.tar.gz"
  if [[ ! -s "$rg_archive" ]]; then
    mkdir -p "$rg_cache"
    stage=$(mktemp -d)
    cp "$(command -v rg)" "$stage/rg"
    tar czf "$rg_archive" -C "$stage" rg
    rm -rf "$stage"
  fi
  echo "editors setup: installing code-server $CS_VERSION into $CS_DIR (a few minutes)"
  rm -rf "$CS_DIR.partial"
  mkdir -p "$CS_DIR.partial"
  echo '{ "name": "parapet-code-server-cache", "private": true }' > "$CS_DIR.partial/package.json"
  # unsafe_perm: the postinstall refuses to run as root otherwise; yes: node-pty's postinstall asks via npx.
  ( cd "$CS_DIR.partial" && npm_config_yes=true npm_config_unsafe_perm=true \
      npm install --no-audit --no-fund --loglevel=error "code-server@$CS_VERSION" >/dev/null )
  rm -rf "$CS_DIR"
  mv "$CS_DIR.partial" "$CS_DIR"
fi
echo "editors setup: ready in $(( $(date +%s) - start )) s (code-server: $cs_bin)"
