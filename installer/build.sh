#!/usr/bin/env bash
# Build the one-folder bundle dist/sbdesk/ with PyInstaller (Linux; Windows: build.ps1).
#
#   installer/build.sh            build (reuses .venv; installs pyinstaller if missing)
#   installer/build.sh --portable also write dist/sbdesk-<version>-portable.zip
#
# Uses the repository's .venv (created if missing) with sbdesk installed editable
# plus the optional "build" extra (pyinstaller). Prints the bundle size at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT="$(pwd)"
PY="$ROOT/.venv/bin/python"

PORTABLE=0
for arg in "$@"; do
  case "$arg" in
    --portable) PORTABLE=1 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "unknown option: $arg" >&2; exit 2 ;;
  esac
done

if [ ! -x "$PY" ]; then
  echo "· creating .venv"
  python3 -m venv "$ROOT/.venv"
fi
if ! "$PY" -c "import PyInstaller, sbdesk, PySide6, reportlab, openpyxl" >/dev/null 2>&1; then
  echo "· installing sbdesk with the build extra (pyinstaller)"
  "$PY" -m pip install -q -e "$ROOT[build]"
fi

VERSION="$("$PY" installer/version_info.py)"
echo "· building sbdesk $VERSION"
start=$(date +%s)
"$PY" -m PyInstaller --noconfirm --clean --log-level WARN \
  --distpath "$ROOT/dist" --workpath "$ROOT/build/pyinstaller" \
  installer/sbdesk.spec
end=$(date +%s)

BUNDLE="$ROOT/dist/sbdesk"
test -x "$BUNDLE/sbdesk" || { echo "build failed: $BUNDLE/sbdesk missing" >&2; exit 1; }
rm -f "$BUNDLE/portable.txt"  # a fresh bundle is an installed-style bundle

if [ "$PORTABLE" = 1 ]; then
  zip="$ROOT/dist/sbdesk-$VERSION-portable.zip"
  rm -f "$zip"
  stage="$(mktemp -d)"
  cp -a "$BUNDLE" "$stage/sbdesk"
  printf 'sbdesk portable: data and settings are kept in the data folder beside this file.\n' \
    >"$stage/sbdesk/portable.txt"
  (cd "$stage" && "$PY" -m zipfile -c "$zip" sbdesk)
  rm -rf "$stage"
  echo "· portable zip: $zip ($(du -h "$zip" | cut -f1))"
fi

size_mb=$(du -sm "$BUNDLE" | cut -f1)
files=$(find "$BUNDLE" -type f | wc -l)
echo "· bundle: $BUNDLE — ${size_mb} MB, $files files, built in $((end - start)) s"
