#!/usr/bin/env bash
# External-baseline comparison: exports HsActors' CV folds into DIR if they are not there yet, then trains and
# scores the baselines on them. Usage: tests/baselines/run.sh [DIR] [compare.py options]   (DIR default /tmp/hs-folds)
set -euo pipefail

dir="${1:-/tmp/hs-folds}"
[[ $# -gt 0 ]] && shift
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
repo="$(cd "$here/../.." && pwd)"
# Debian's python3 carries python3-sklearn; a pyenv python3 earlier on PATH does not.
python=/usr/bin/python3

if [[ ! -x "$python" ]]; then
    echo "error: $python not found -- apt-get install -y python3 python3-sklearn fasttext" >&2
    exit 3
fi

if ! compgen -G "$dir/fold-*/pred-hsactors.tsv" > /dev/null; then
    echo "no exported folds in $dir: running hs evaluate --cv 5 --export-folds $dir" >&2
    (cd "$repo" && dotnet run --project src/HsActors.Cli -c Release -- evaluate --cv 5 --export-folds "$dir")
fi

exec "$python" -B "$here/compare.py" "$dir" "$@"
