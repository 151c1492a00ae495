#!/usr/bin/env bash
# With the demo running (README's run command), kills the stand-in backend with kill -9 and waits until a new
# incident is RECOVERED in GET /api/incidents. Prints the time from the kill to RECOVERED as the API shows it.
set -euo pipefail
api=http://127.0.0.1:8080/api/incidents
auth="admin:${RECOVERY_ADMIN_PASSWORD:-admin}"
port=${RECOVERY_STANDIN_PORT:-18000}
known=$(curl -fsS -u "$auth" "$api" | python3 -c 'import json,sys; print(" ".join(i["id"] for i in json.load(sys.stdin)))')
pid=$(pgrep -f "StandinServer.* --port $port( |$)")
begin=$(date +%s%N)
kill -9 "$pid"
while true; do
    state=$(curl -fsS -u "$auth" "$api" | KNOWN="$known" python3 -c '
import json, os, sys
known = set(os.environ["KNOWN"].split())
new = [i for i in json.load(sys.stdin) if i["id"] not in known]
print(new[0]["state"] if new else "none")')
    [ "$state" = RECOVERED ] && break
    [ $(( ($(date +%s%N) - begin) / 1000000000 )) -lt 120 ] || { echo "not recovered after 120 s" >&2; exit 1; }
    sleep 0.1
done
echo "kill_to_recovered_ms=$(( ($(date +%s%N) - begin) / 1000000 ))"
