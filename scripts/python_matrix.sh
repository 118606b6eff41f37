#!/usr/bin/env bash
# Runs the Python helper's tests (Tests/python/test_bridge.py, test_helper.py) against the
# oldest and newest pandas and NetworkX that pip offers for this Python, one virtual
# environment per combination, and prints the matrix. Not part of `make test` (it downloads).
#
#   scripts/python_matrix.sh            # needs .build/debug/linkage (swift build)
#
# "Oldest" is the oldest release that installs from a wheel for this Python and imports
# beside today's numpy (NetworkX from 2.0 on, pandas from 1.0 on: older ones predate
# Python 3).
set -uo pipefail
cd "$(dirname "$0")/.."
PYTHON=${PYTHON:-python3}
BIN=${LINKAGE_BIN:-$PWD/.build/debug/linkage}
WORK=${MATRIX_DIR:-/tmp/linkage-python-matrix}
mkdir -p "$WORK"

versions() {  # all versions pip offers for $1, oldest first
  $PYTHON -m pip index versions "$1" 2>/dev/null | sed -n 's/^Available versions: //p' | tr ',' '\n' \
    | sed 's/ //g' | grep -E '^[0-9]+(\.[0-9]+)*$' | sort -V
}

# The oldest version of $1 (from floor $2) that installs from a wheel and imports as $3,
# beside the newest of the packages in $4 (numpy and pandas: what the tests install with it).
oldest() {
  local probe="$WORK/probe-$1"
  rm -rf "$probe" && $PYTHON -m venv "$probe" >/dev/null
  [ -n "${4:-}" ] && "$probe/bin/pip" install -q --only-binary :all: $4 >/dev/null 2>&1
  for v in $(versions "$1" | awk -v floor="$2" 'BEGIN{split(floor,f,".")} {split($0,a,"."); if (a[1]>f[1] || (a[1]==f[1] && a[2]>=f[2])) print}'); do
    if "$probe/bin/pip" install -q --only-binary :all: "$1==$v" >/dev/null 2>&1 \
      && "$probe/bin/python" -c "import $3" >/dev/null 2>&1; then
      echo "$v"
      return
    fi
  done
}

newest() { versions "$1" | tail -1; }

PANDAS_OLD=$(oldest pandas 1.0 pandas)
PANDAS_NEW=$(newest pandas)
NX_OLD=$(oldest networkx 2.0 "networkx; import networkx.readwrite.json_graph" "numpy scipy")
NX_NEW=$(newest networkx)
echo "python $($PYTHON -c 'import sys; print(sys.version.split()[0])'): pandas $PANDAS_OLD … $PANDAS_NEW, networkx $NX_OLD … $NX_NEW"

status=0
printf '%-10s %-10s %s\n' pandas networkx result
for pandas in "$PANDAS_OLD" "$PANDAS_NEW"; do
  for nx in "$NX_OLD" "$NX_NEW"; do
    env="$WORK/pandas-$pandas-networkx-$nx"
    if [ ! -x "$env/bin/python" ]; then
      $PYTHON -m venv "$env" >/dev/null
      "$env/bin/pip" install -q --only-binary :all: "pandas==$pandas" "networkx==$nx" pytest >/dev/null 2>&1 \
        || { printf '%-10s %-10s %s\n' "$pandas" "$nx" "does not install"; status=1; continue; }
    fi
    if out=$(LINKAGE_BIN="$BIN" "$env/bin/python" -m pytest -q -p no:cacheprovider \
      Tests/python/test_bridge.py Tests/python/test_helper.py 2>&1); then
      printf '%-10s %-10s %s\n' "$pandas" "$nx" "$(echo "$out" | tail -1)"
    else
      printf '%-10s %-10s %s\n' "$pandas" "$nx" "FAILED: $(echo "$out" | grep -E '^(FAILED|ERROR)' | head -3 | tr '\n' ' ')"
      status=1
    fi
  done
done
exit $status
