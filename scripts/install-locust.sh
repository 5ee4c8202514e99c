#!/usr/bin/env bash
# Installs a pinned Locust from PyPI into a project-local venv (.tools/locust-venv) for the
# conformance harness and the Locust engine tests. Idempotent: a venv that already has the
# pinned version is left alone. Prints the Locust version.
#   bash scripts/install-locust.sh            # install or check
#   LOCUST_VERSION=2.x.y bash scripts/install-locust.sh
set -euo pipefail
cd "$(dirname "$0")/.."

LOCUST_VERSION="${LOCUST_VERSION:-2.43.3}"
VENV=".tools/locust-venv"
PYTHON="${PYTHON:-python3}"

installed_version() {
  "$VENV/bin/python" -c 'import importlib.metadata as m; print(m.version("locust"))' 2>/dev/null || true
}

if [ -x "$VENV/bin/locust" ] && [ "$(installed_version)" = "$LOCUST_VERSION" ]; then
  echo "locust $LOCUST_VERSION already installed in $VENV"
else
  if ! "$PYTHON" -m venv --help >/dev/null 2>&1; then
    echo "install-locust: '$PYTHON -m venv' is unavailable (on Debian: apt-get install python3-venv)" >&2
    exit 1
  fi
  if [ ! -x "$VENV/bin/python" ]; then
    mkdir -p "$(dirname "$VENV")"
    "$PYTHON" -m venv "$VENV"
  fi
  "$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input "locust==$LOCUST_VERSION"
fi

"$VENV/bin/locust" --version
