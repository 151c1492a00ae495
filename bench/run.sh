#!/usr/bin/env bash
# The benchmark harness (issue 19): bench/run.sh [h2|postgres] [--quick] [--trials N]
# Builds nothing: package first (mvn -B package -DskipTests). Starts the packaged demo on its own ports and in its
# own folder, measures, stops it, and writes a section into BENCHMARKS.md (the machine, the date, each figure's
# target and the reference measured in the same run). --quick: a smoke run (3 trials, short load), nothing written
# to BENCHMARKS.md unless --write is given too. Needs java, curl-free Python 3 (stdlib only), and for postgres a
# local PostgreSQL that trusts user postgres (createdb/dropdb). Ports: BENCH_PORT (18480), BENCH_STANDIN_PORT (18400).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
exec python3 "$here/harness.py" "$@"
