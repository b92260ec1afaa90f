#!/usr/bin/env bash
# Starts the production build on a fresh embedded database, as `npm start` does, and checks that
# it migrates, seeds and answers. Catches what unit tests cannot: bundling and module resolution.
set -euo pipefail
cd "$(dirname "$0")/.."
DATA="$(mktemp -d)"
PORT="${SMOKE_PORT:-3999}"
npm run build --silent
env -u DATABASE_URL -u SEED_PASSWORD DATA_DIR="$DATA" PORT="$PORT" LOG_LEVEL=warn node apps/server/dist/main.js > "$DATA/server.log" 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true; rm -rf "$DATA"' EXIT
for _ in $(seq 1 120); do
  if curl -fsS "http://127.0.0.1:$PORT/api/health" > /dev/null 2>&1; then break; fi
  if ! kill -0 $PID 2>/dev/null; then cat "$DATA/server.log"; echo "server exited"; exit 1; fi
  sleep 0.5
done
curl -fsS "http://127.0.0.1:$PORT/api/health"; echo
curl -fsS "http://127.0.0.1:$PORT/api/procedures?q=khai%20sinh&pageSize=1" | grep -q '"code":"1.001193"'
curl -fsS -o /dev/null "http://127.0.0.1:$PORT/api/docs/json"
curl -fsS -H 'content-type: application/json' -d '{"username":"admin","password":"TayNinh@2026"}' "http://127.0.0.1:$PORT/api/auth/login" | grep -q csrfToken
echo "smoke start: ok"
