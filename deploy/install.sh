#!/usr/bin/env bash
# Installs (or updates) the built 救助通 server from a checkout, as README "Running it for a
# county" says. Build first, on a machine with the npm registry:
#   npm ci && npm run build:server && npm run build:web
# then, as root:  deploy/install.sh
# It copies; it never starts, stops or enables anything, and never overwrites the settings file.
#   dist/server/             → $JIUZHU_PREFIX/server/   (the server: main.js + PGlite's files)
#   out/renderer/            → $JIUZHU_PREFIX/web/      (the app for browsers)
#   deploy/jiuzhu            → $JIUZHU_PREFIX/bin/jiuzhu (the command line: user add, …)
#   deploy/                  → $JIUZHU_PREFIX/deploy/   (this kit, for reference)
#   deploy/jiuzhu.service    → $JIUZHU_UNIT_DIR/jiuzhu.service
#   deploy/jiuzhu.env.example→ $JIUZHU_CONFIG_DIR/jiuzhu.env (only when there is none yet)
# Defaults: JIUZHU_PREFIX=/opt/jiuzhu, JIUZHU_CONFIG_DIR=/etc/jiuzhu,
# JIUZHU_UNIT_DIR=/etc/systemd/system; the builds: JIUZHU_SERVER_BUILD=dist/server,
# JIUZHU_WEB_BUILD=out/renderer (of this checkout).
set -euo pipefail
kit=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$kit/.." && pwd)
prefix=${JIUZHU_PREFIX:-/opt/jiuzhu}
config_dir=${JIUZHU_CONFIG_DIR:-/etc/jiuzhu}
unit_dir=${JIUZHU_UNIT_DIR:-/etc/systemd/system}
server_build=${JIUZHU_SERVER_BUILD:-$root/dist/server}
web_build=${JIUZHU_WEB_BUILD:-$root/out/renderer}

if [ ! -f "$server_build/main.js" ]; then
  echo "no built server in $server_build: run npm run build:server first" >&2
  exit 1
fi

# A folder is replaced whole: copied beside the old one, then swapped, so no mix of versions.
replace_dir() {
  local from=$1 to=$2
  rm -rf "$to.new"
  mkdir -p "$(dirname "$to")"
  cp -R "$from" "$to.new"
  rm -rf "$to.old"
  if [ -e "$to" ]; then mv "$to" "$to.old"; fi
  mv "$to.new" "$to"
  rm -rf "$to.old"
}

replace_dir "$server_build" "$prefix/server"
if [ -f "$web_build/index.html" ]; then
  replace_dir "$web_build" "$prefix/web"
else
  echo "warning: no web build in $web_build (npm run build:web): browsers get no app, laptops sync as usual" >&2
fi
mkdir -p "$prefix/bin"
install -m 0755 "$kit/jiuzhu" "$prefix/bin/jiuzhu"
replace_dir "$kit" "$prefix/deploy"

mkdir -p "$unit_dir"
install -m 0644 "$kit/jiuzhu.service" "$unit_dir/jiuzhu.service"

mkdir -p "$config_dir"
install -m 0644 "$kit/jiuzhu.env.example" "$config_dir/jiuzhu.env.example"
fresh_settings=no
if [ ! -e "$config_dir/jiuzhu.env" ]; then
  install -m 0640 "$kit/jiuzhu.env.example" "$config_dir/jiuzhu.env"
  fresh_settings=yes
fi
# The settings hold the database password: readable by root and the service's group only.
if getent group jiuzhu >/dev/null 2>&1; then chgrp jiuzhu "$config_dir/jiuzhu.env"; fi

echo "installed $(cat "$prefix/server/package.json" | grep '"version"' | tr -d ' ,') in $prefix"
if [ "$fresh_settings" = yes ]; then
  echo "next: set DATABASE_URL and the rest in $config_dir/jiuzhu.env, then systemctl daemon-reload && systemctl enable --now jiuzhu"
else
  echo "next: compare $config_dir/jiuzhu.env with jiuzhu.env.example beside it, then systemctl daemon-reload && systemctl restart jiuzhu"
fi
