#!/usr/bin/env bash
# Benchmarks (not tests): Linkage against igraph, rustworkx, NetworKit and NetworkX on the same
# generated graph, side by side in one run. Usage: bash Benchmarks/run.sh [NODES] [SEED]
# Needs a release build (`make bench` does it) and network access to PyPI once, for the venv.
set -euo pipefail
cd "$(dirname "$0")/.."
NODES=${1:-1000000}
SEED=${2:-1}
BIN=.build/release/linkage
DATA=Benchmarks/data/g${NODES}-s${SEED}
VENV=Benchmarks/.venv
LIBRARIES=${LIBRARIES:-igraph rustworkx networkit networkx}

[ -x "$BIN" ] || swift build -c release
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
  "$VENV/bin/pip" install -q igraph rustworkx networkit networkx
fi
if [ ! -f "$DATA/edges.csv" ]; then
  echo "generating $NODES nodes (seed $SEED) into $DATA"
  /usr/bin/time -f "  generate: %e s, peak %M KB" "$BIN" generate --nodes "$NODES" --seed "$SEED" -o "$DATA" --quiet
fi
echo "graph: $(($(wc -l < "$DATA/nodes.csv") - 1)) nodes, $(($(wc -l < "$DATA/edges.csv") - 1)) edges ($(du -sh "$DATA" | cut -f1))"
"$VENV/bin/python" Benchmarks/compare.py "$DATA" "$BIN" $LIBRARIES
echo
echo "linkage spof end to end (load, analysis, every node ranked, JSON out):"
/usr/bin/time -f "  --semantics or:    %e s, peak %M KB" "$BIN" spof "$DATA" --semantics or --format json --quiet > /dev/null
/usr/bin/time -f "  --semantics parts: %e s, peak %M KB" "$BIN" spof "$DATA" --semantics parts --format json --quiet > /dev/null
echo "linkage reach end to end (load, classes, exact counts, witnesses, table out):"
/usr/bin/time -f "  reach:          %e s, peak %M KB" "$BIN" reach "$DATA" --quiet > /dev/null
/usr/bin/time -f "  reach --robust: %e s, peak %M KB" "$BIN" reach "$DATA" --robust --quiet > /dev/null
echo "what-if and diff (issue 13): a scenario run against the plain run, and a diff of two graphs"
FAILED=$(awk -F, 'NR > 1 && $3 == "integrator" { print $1; exit }' "$DATA/nodes.csv")
/usr/bin/time -f "  spof:                 %e s, peak %M KB" "$BIN" spof "$DATA" --quiet > /dev/null
/usr/bin/time -f "  spof --fail $FAILED: %e s, peak %M KB" "$BIN" spof "$DATA" --fail "$FAILED" --quiet > /dev/null
NEXT=$DATA-next
[ -f "$NEXT/edges.csv" ] || python3 Benchmarks/variant.py "$DATA" "$NEXT" 0.01
/usr/bin/time -f "  diff (1% of edges changed): %e s, peak %M KB" "$BIN" diff "$DATA" "$NEXT" --quiet > /dev/null
