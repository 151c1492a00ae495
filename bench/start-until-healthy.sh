#!/usr/bin/env bash
# Starts the packaged demo (mvn -B package -DskipTests first) in a fresh folder, waits until /actuator/health
# answers, prints the time from launch to healthy and the memory after start, then stops it.
# Whole-process timing over several runs: run this script under any command-timing harness.
set -euo pipefail
jar=$(readlink -f "$(dirname "$0")/../target/recovery-orchestrator.jar")
work=$(mktemp -d)
cd "$work"
begin=$(date +%s%N)
java -jar "$jar" >"$work/app.log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$work"' EXIT
until curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { cat "$work/app.log"; exit 1; }
    sleep 0.05
done
healthy=$(date +%s%N)
rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
heap=$(curl -fsS -u "admin:${RECOVERY_ADMIN_PASSWORD:-admin}" http://127.0.0.1:8080/actuator/prometheus \
    | awk '/^jvm_memory_used_bytes\{.*area="heap"/ {sum += $2} END {printf "%.0f", sum / 1048576}')
echo "start_to_healthy_ms=$(( (healthy - begin) / 1000000 )) rss_mb=$(( rss_kb / 1024 )) heap_used_mb=$heap"
