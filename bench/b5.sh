#!/usr/bin/env bash
# Benchmark B5 (issue 19): bench/b5.sh [h2|postgres]
# Type 1 incidents/s through the automated path (no-op restart), against the same engine running a bare process with
# as many asynchronous jobs; prints the figures and writes them to target/bench-b5.txt. Runs the JUnit class
# src/test/java/dev/recoveryorchestrator/bench/TypeOneThroughputBenchmark.java, which mvn verify leaves out (tag
# benchmark). postgres: a fresh database on the server at RECOVERY_TEST_POSTGRES_URL (default
# jdbc:postgresql://127.0.0.1:5432/test, user RECOVERY_TEST_POSTGRES_USER, default postgres), or Testcontainers when a
# Docker engine answers; dropped afterwards. BENCH_INCIDENTS (50) and BENCH_WARMUPS (5) change the counts.
set -euo pipefail
cd "$(dirname "$0")/.."
database=${1:-h2}
case "$database" in
    h2) ;;
    postgres)
        export RECOVERY_TEST_POSTGRES_URL=${RECOVERY_TEST_POSTGRES_URL:-jdbc:postgresql://127.0.0.1:5432/test}
        export RECOVERY_TEST_REQUIRE_ALL=true ;;
    *) echo "usage: bench/b5.sh [h2|postgres]" >&2; exit 2 ;;
esac
rm -f target/bench-b5.txt
BENCH_DATABASE=$database mvn -B -q test -Dgroups=benchmark -Dbenchmark.excludedGroups=none \
    -Dtest=TypeOneThroughputBenchmark -Dsurefire.failIfNoSpecifiedTests=false
[ -s target/bench-b5.txt ] || { echo "no figures: see target/surefire-reports/" >&2; exit 1; }
echo "--- target/bench-b5.txt"
cat target/bench-b5.txt
