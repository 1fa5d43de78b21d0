#!/usr/bin/env bash
# Runs every test of TwoWay, as CI does. On a fresh machine it first installs what the tests need
# besides the .NET SDK: R with the survival, psych, jsonlite, sandwich and survey packages, whose results the statistics are
# checked against, and Debian's PostgreSQL server, on which the storage tests start a throwaway cluster
# (loopback only, as the unprivileged postgres user), and Debian's Chromium for the web workbench's
# browser tests. Ends with one line "N passed, N failed" summed over
# all test projects. A contributor without R, PostgreSQL or Chromium can leave those tests out:
#   dotnet test TwoWay.sln --filter "Category!=R&Category!=PostgreSQL&Category!=Browser"
set -uo pipefail
cd "$(dirname "$0")"

missing=()
command -v Rscript >/dev/null 2>&1 || missing+=(r-base-core)
Rscript -e 'quit(status = !requireNamespace("survival", quietly = TRUE))' >/dev/null 2>&1 || missing+=(r-cran-survival)
Rscript -e 'quit(status = !requireNamespace("psych", quietly = TRUE))' >/dev/null 2>&1 || missing+=(r-cran-psych)
# The panel statistics' differential tests exchange JSON with R and use sandwich's clustered variances.
Rscript -e 'quit(status = !requireNamespace("jsonlite", quietly = TRUE))' >/dev/null 2>&1 || missing+=(r-cran-jsonlite)
Rscript -e 'quit(status = !requireNamespace("sandwich", quietly = TRUE))' >/dev/null 2>&1 || missing+=(r-cran-sandwich)
# The storage tests run on SQLite and on a real PostgreSQL server (initdb + pg_ctl from Debian's package).
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || missing+=(postgresql)
# The survey designs (strata, clusters, fpc) are checked against the survey package.
Rscript -e 'quit(status = !requireNamespace("survey", quietly = TRUE))' >/dev/null 2>&1 || missing+=(r-cran-survey)
# The web workbench is tested end to end in Debian's Chromium, driven by Playwright.
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
if ((${#missing[@]})); then
  echo "Installing test prerequisites: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null \
    || { echo "could not install ${missing[*]}"; exit 1; }
fi

rm -rf TestResults
dotnet test TwoWay.sln -c Release --logger trx --results-directory TestResults "$@"
rc=$?

passed=0; failed=0; total=0
for f in TestResults/*.trx; do
  [ -f "$f" ] || continue
  counters=$(grep -o '<Counters [^>]*>' "$f" | head -n 1)
  p=$(sed -n 's/.* passed="\([0-9]*\)".*/\1/p' <<<"$counters")
  x=$(sed -n 's/.* failed="\([0-9]*\)".*/\1/p' <<<"$counters")
  t=$(sed -n 's/.* total="\([0-9]*\)".*/\1/p' <<<"$counters")
  passed=$((passed + ${p:-0})); failed=$((failed + ${x:-0})); total=$((total + ${t:-0}))
done
echo "$passed passed, $failed failed"
if [ "$rc" -ne 0 ] || [ "$failed" -ne 0 ] || [ "$passed" -eq 0 ]; then
  exit 1
fi
