#!/usr/bin/env bash
# Panel benchmark (issue 3): 1,000,000 simulated firms × 20 years, as CSV, Parquet and a year-partitioned
# Parquet folder. Times `twoway panel analyze` (3 runs each: wall, CPU user/sys, peak RSS, the engine's
# per-stage seconds), DuckDB's bare scan of the same files (the floor), and R's coxph on the same spell
# rows. Data goes to bench/results/panel/ (git-ignored) and is generated only when missing. The binaries
# are copied there first, so building in the worktree during the run cannot change what is measured.
# The load average is logged before each run: the machine is shared.
# Usage: bench/panel/run.sh [runs] [r_rows]     (r_rows: spell rows R fits, default all; 0 skips R)
set -euo pipefail
cd "$(dirname "$0")/../.."
RUNS=${1:-3}; RROWS=${2:-Inf}
OUT=bench/results/panel; mkdir -p "$OUT"
dotnet build -c Release src/TwoWay.Cli -v q >/dev/null
dotnet build -c Release bench/panel/PanelBench -v q >/dev/null
rm -rf "$OUT/bin"; mkdir -p "$OUT/bin"
cp -r src/TwoWay.Cli/bin/Release/net10.0 "$OUT/bin/cli"; cp -r bench/panel/PanelBench/bin/Release/net10.0 "$OUT/bin/pb"
TW=$OUT/bin/cli/twoway; PB=$OUT/bin/pb/PanelBench
load() { cut -d' ' -f1-3 /proc/loadavg; }
[ -f "$OUT/panel.parquet" ] || $TW panel simulate --firms 1000000 --years 20 --seed 1 --hr 1.8 "$OUT/panel.parquet"
[ -f "$OUT/panel.csv" ] || $PB convert "$OUT/panel.parquet" "$OUT/panel.csv" "$OUT/by_year"
echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/{print $2}') GiB RAM, $(uname -sr); $(date -u +%FT%TZ)"
ls -la "$OUT/panel.parquet" "$OUT/panel.csv"; du -sh "$OUT/by_year"
for f in panel.parquet by_year panel.csv; do
  echo "load before scan: $(load)"
  $PB scan "$OUT/$f" "$RUNS"
  for i in $(seq "$RUNS"); do
    echo "load before: $(load)"
    /usr/bin/time -f "analyze $f: %e s wall, %U s user, %S s sys, %M KiB peak RSS" \
      $TW panel analyze "$OUT/$f" --covariates sector,size_class,region --json > "$OUT/analyze-$f-$i.json"
    grep -A20 '"seconds"' "$OUT/analyze-$f-$i.json" | tr -d '\n '; echo
  done
done
[ "$RROWS" = 0 ] && exit 0
$TW panel analyze "$OUT/panel.parquet" --covariates sector,size_class,region --spells-out "$OUT/spells.csv" --json > "$OUT/analyze-spells.json"
wc -l "$OUT/spells.csv"
echo "load before R: $(load)"
/usr/bin/time -f "R: %e s wall, %M KiB peak RSS" Rscript bench/panel/coxph.R "$OUT/spells.csv" "$RROWS"
