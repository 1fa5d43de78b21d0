#!/usr/bin/env bash
# The panel analysis inside PostgreSQL (issue 15) beside the embedded DuckDB engine on the same rows:
# 1,000,000 simulated firms × 20 years (bench/panel/run.sh makes the file). Starts a throwaway cluster
# on loopback (as the postgres user when run as root), loads the panel with COPY, then times
# `twoway panel analyze CONNECTION --table panel` and, on the same file, `twoway panel analyze FILE`.
# Usage: bench/panel/postgres.sh [runs] [firms]     (firms: a smaller panel for a quick look)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}; FIRMS=${2:-1000000}
OUT=bench/results/panel-pg; mkdir -p "$OUT"
dotnet build -c Release src/TwoWay.Cli -v q >/dev/null
rm -rf "$OUT/bin"; cp -r src/TwoWay.Cli/bin/Release/net10.0 "$OUT/bin"
TW=$OUT/bin/twoway
[ -f "$OUT/panel-$FIRMS.csv" ] || $TW panel simulate --firms "$FIRMS" --years 20 --seed 1 --hr 1.8 "$OUT/panel-$FIRMS.csv"
BIN=$(ls -d /usr/lib/postgresql/*/bin | tail -1)
PGDIR=$(mktemp -d /tmp/twoway-bench-pg-XXXX); chmod 755 "$PGDIR"
AS=""; if [ "$(id -u)" = 0 ]; then chown postgres "$PGDIR"; AS="runuser -u postgres --"; fi
$AS "$BIN/initdb" -D "$PGDIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
PORT=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
$AS "$BIN/pg_ctl" -D "$PGDIR/data" -w -l "$PGDIR/log" -o "-c listen_addresses=127.0.0.1 -p $PORT -c unix_socket_directories=$PGDIR -c fsync=off -c work_mem=256MB -c max_parallel_workers_per_gather=2" start >/dev/null
trap '$AS "$BIN/pg_ctl" -D "$PGDIR/data" -m fast stop >/dev/null; rm -rf "$PGDIR"' EXIT
CS="Host=127.0.0.1;Port=$PORT;Username=postgres;Database=postgres;Command Timeout=0"
PSQL="$BIN/psql -h 127.0.0.1 -p $PORT -U postgres -q"
$PSQL -c "CREATE TABLE panel (firm_id BIGINT, year INTEGER, import_value DOUBLE PRECISION, export_value DOUBLE PRECISION, sector TEXT, size_class TEXT, region TEXT)"
/usr/bin/time -f "COPY into PostgreSQL: %e s" $PSQL -c "\\copy panel FROM '$OUT/panel-$FIRMS.csv' (FORMAT csv, HEADER true)"
$PSQL -c "ANALYZE panel"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM; PostgreSQL $($BIN/postgres --version | awk '{print $3}'); $(date -u +%FT%TZ)"
for i in $(seq "$RUNS"); do
  echo "load before: $(cut -d' ' -f1-3 /proc/loadavg)"
  /usr/bin/time -f "postgres: %e s wall (client %M KiB peak RSS)" $TW panel analyze "$CS" --table panel --covariates sector,size_class,region --json > "$OUT/pg-$i.json"
  /usr/bin/time -f "duckdb:   %e s wall, %M KiB peak RSS" $TW panel analyze "$OUT/panel-$FIRMS.csv" --covariates sector,size_class,region --json > "$OUT/duck-$i.json"
done
python3 - "$OUT/pg-1.json" "$OUT/duck-1.json" <<'PY'
import json, sys
a, b = (json.load(open(f)) for f in sys.argv[1:3])
ca, cb = a["export_entry"]["cox"]["coefficients"][0], b["export_entry"]["cox"]["coefficients"][0]
print("export entry, lag HR:", ca["ratio"], "(postgres)", cb["ratio"], "(duckdb)", "robust se", ca["robust_se"], cb["robust_se"])
print("postgres stages:", a["seconds"])
PY
