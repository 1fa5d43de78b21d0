#!/usr/bin/env bash
# Self-assessment scoring benchmark (issue 5). Usage: bench/assessment/run.sh [FIRMS=100000] [RUNS=5]
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet run -c Release --project bench/assessment -- "${1:-100000}" "${2:-5}"
