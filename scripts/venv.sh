# Sourced by scripts/kgraph and scripts/test: make .venv with kgraph installed, once.
# Re-installs only when pyproject.toml changed since the last install.
PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  echo "kgraph: creating .venv (first run only)" >&2
  "$PYTHON" -m venv .venv
fi
_extras=${KGRAPH_EXTRAS:-}
_stamp=".venv/.kgraph-installed${_extras:+-$_extras}"
if [ ! -f "$_stamp" ] || [ pyproject.toml -nt "$_stamp" ]; then
  echo "kgraph: installing kgraph${_extras:+[$_extras]} into .venv" >&2
  .venv/bin/python -m pip install -q --disable-pip-version-check -e ".${_extras:+[$_extras]}" >&2
  touch "$_stamp"
fi
