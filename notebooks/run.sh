#!/bin/sh
# Executes every notebook headless against out/cubes.duckdb (or CSC_CUBES_DB) and writes HTML beside it.
# Debian's /usr/bin/jupyter uses /usr/bin/python3, which has the packages setup.sh installs.
set -e
cd "$(dirname "$0")"
out="${CSC_NOTEBOOK_OUT:-../out/notebooks}"
mkdir -p "$out"
for nb in kpi_trend_explorer benchmark_comparison caseload_view; do
  /usr/bin/jupyter nbconvert --to html --execute "$nb.ipynb" --output-dir "$out"
done
