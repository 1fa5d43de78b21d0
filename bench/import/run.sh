#!/usr/bin/env bash
# Generates the seeded benchmark study (10,000 firms, 100,000 operations) once and times
# import + load + analysis of every firm, 5 runs; prints each run and the medians.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=bench/results/import
dotnet build -c Release bench/import -v q -nologo >/dev/null
[ -f "$out/operations.csv" ] || dotnet run -c Release --no-build --project bench/import -- generate "$out"
dotnet run -c Release --no-build --project bench/import -- run "$out" "${1:-5}"
