#!/usr/bin/env bash
# The API contract (issue 16): load the demo into a temporary SQLite database, serve it with `chanye serve`
# (gunicorn, default workers) on a free loopback port, and let schemathesis send generated requests to every
# operation of /api/v1/ as the administrator (token). Fails on any server error, any answer outside the schema
# (status code, body, content type). Bounded: a few examples per operation.
#
#   scripts/api_contract.sh [extra schemathesis options]      (CI: .ci/run, after the tests)
#   API_CONTRACT_EXAMPLES=25 scripts/api_contract.sh          more examples per operation
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=$(realpath "${VENV:-.venv}")
CHANYE="$VENV/bin/chanye"

work=$(mktemp -d)
server=""
cleanup() {
  if [ -n "$server" ]; then kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true; fi
  rm -rf "$work"
}
trap cleanup EXIT

export CHANYE_DATA_DIR="$work" CHANYE_ARCHIVE_DIR="$work/archive"
export PYTHONPATH="$PWD/scripts${PYTHONPATH:+:$PYTHONPATH}" DJANGO_SETTINGS_MODULE=api_contract_settings
db="$work/demo.sqlite3"
port=$("$VENV/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')

echo "==> demo into $db"
"$CHANYE" demo --db "$db" --no-serve >"$work/demo.log" 2>&1 || { cat "$work/demo.log"; exit 1; }
token=$("$CHANYE" --db "$db" token create admin | tail -1)

echo "==> chanye serve on 127.0.0.1:$port"
"$CHANYE" --db "$db" serve --port "$port" >"$work/serve.log" 2>&1 &
server=$!
for _ in $(seq 60); do
  curl -fs -o /dev/null -H "Authorization: Token $token" "http://127.0.0.1:$port/api/v1/schema/" && break
  sleep 1
done

echo "==> schemathesis"
status=0
cd "$work"  # its cache of failures (.schemathesis/) goes with the temporary directory
"$VENV/bin/schemathesis" run "http://127.0.0.1:$port/api/v1/schema/" \
  --header "Authorization: Token $token" \
  --checks not_a_server_error,response_schema_conformance,status_code_conformance,content_type_conformance \
  --max-examples "${API_CONTRACT_EXAMPLES:-5}" --workers "${API_CONTRACT_WORKERS:-4}" \
  --seed "${API_CONTRACT_SEED:-1}" --generation-database none --request-timeout 60 --no-color \
  --report junit --report-junit-path "${API_CONTRACT_REPORT:-$work/api-contract.xml}" "$@" || status=$?
if [ "$status" -ne 0 ]; then
  echo "--- server errors logged by the site ---"
  grep -A20 "Internal Server Error" "$work/serve.log" | head -100 || true
fi
exit "$status"
