#!/bin/bash
# Create (if needed) and fill a virtual environment:  deploy/venv.sh VENV PIP-INSTALL-ARGUMENTS...
# Used by `make run` / `make test` and by deploy/install.sh (bash: on every Debian system). uv installs many times faster than
# pip (docs/benchmarks.md); it is installed from PyPI into the environment by pip itself, and is
# given pip's own configuration (find-links, extra indexes, constraints), so that it finds what
# pip would, offline too. Where uv cannot be had (or TRIBUNE_PIP=1), pip does the work.
set -euo pipefail
VENV=$1
shift
PYTHON=${PYTHON:-python3}
[ -x "$VENV/bin/python" ] || "$PYTHON" -m venv "$VENV"
pip_() { "$VENV/bin/python" -m pip --disable-pip-version-check "$@"; }
if [ -z "${TRIBUNE_PIP:-}" ] && { [ -x "$VENV/bin/uv" ] || pip_ install -q uv >/dev/null 2>&1; }; then
  # Each index's versions in turn (the local ones first): where a local index holds only versions
  # that do not fit (a dev tool's pins), the next index is tried instead of failing. Asking every
  # index for every package (unsafe-best-match) costs minutes of PyPI queries (docs/benchmarks.md).
  options=(--index-strategy unsafe-first-match)
  setting() { pip_ config get "global.$1" 2>/dev/null || true; }
  for link in ${PIP_FIND_LINKS:-} $(setting find-links); do options+=(--find-links "$link"); done
  for index in ${PIP_EXTRA_INDEX_URL:-} $(setting extra-index-url); do options+=(--extra-index-url "$index"); done
  for file in ${PIP_CONSTRAINT:-} $(setting constraint); do options+=(--constraint "$file"); done
  # uv keeps a local project's build while its pyproject.toml is unchanged: REINSTALL=NAME rebuilds it
  # (an upgrade of the same version number); pip always rebuilds a local directory.
  [ -z "${REINSTALL:-}" ] || options+=(--reinstall-package "$REINSTALL")
  if "$VENV/bin/uv" pip install --quiet --python "$VENV/bin/python" "${options[@]}" "$@"; then
    exit 0
  fi
  echo "deploy/venv.sh: uv could not install (see above); trying pip" >&2
fi
exec "$VENV/bin/python" -m pip --disable-pip-version-check install -q "$@"
