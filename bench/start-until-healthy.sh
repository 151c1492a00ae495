#!/usr/bin/env bash
# Starts the packaged demo (mvn -B package -DskipTests first), waits until /actuator/health answers, prints the
# time from launch to healthy and the memory after start, then stops it. By default in a fresh folder (a first
# start: Camunda and Flyway create their schema); with BENCH_WORKDIR set, in that folder, kept between runs (a
# restart on an existing database). Whole-process timing over several runs: run it under a timing harness.
set -euo pipefail
jar=$(readlink -f "$(dirname "$0")/../target/recovery-orchestrator.jar")
work=${BENCH_WORKDIR:-$(mktemp -d)}
mkdir -p "$work"
cd "$work"
begin=$(date +%s%N)
java -jar "$jar" >>"$work/app.log" 2>&1 &
pid=$!
cleanup() {
    kill "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
    [ -n "${BENCH_WORKDIR:-}" ] || rm -rf "$work"
}
trap cleanup EXIT
until curl -fsS -o /dev/null http://127.0.0.1:8080/actuator/health 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || { tail -n 50 "$work/app.log"; exit 1; }
    sleep 0.05
done
healthy=$(date +%s%N)
rss_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
heap=$(curl -fsS -u "admin:${RECOVERY_ADMIN_PASSWORD:-admin}" http://127.0.0.1:8080/actuator/prometheus \
    | awk '$1 ~ /^jvm_memory_used_bytes/ && $1 ~ /area="heap"/ { sum += $NF } END { printf "%.0f", sum / 1048576 }')
echo "start_to_healthy_ms=$(( (healthy - begin) / 1000000 )) rss_mb=$(( rss_kb / 1024 )) heap_used_mb=$heap"
