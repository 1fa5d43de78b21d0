#!/usr/bin/env bash
# Times the qualitative workbench on a seeded study of 500 transcripts (≈5M words) and 50,000
# codings: code×case matrix, framework matrix, co-occurrence, full-text search (with grep on the
# same texts as reference), QDPX export and re-import, storing and loading the study.
# Usage: bench/qualitative/run.sh [runs]   (default 5; prints each run and the medians)
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build -c Release bench/qualitative -v q -nologo >/dev/null
dotnet run -c Release --no-build --project bench/qualitative -- bench/results/qualitative "${1:-5}"
