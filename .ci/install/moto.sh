#!/usr/bin/env bash
# moto's AWS server (SQS, S3, Lambda, IAM, STS) in a venv under the cache dir.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/moto"
[ -x "$DIR/venv/bin/moto_server" ] && exit 0
echo "== moto: pip install into $DIR/venv"
mkdir -p "$DIR"
python3 -m venv "$DIR/venv"
"$DIR/venv/bin/pip" install -q 'moto[server]==5.*'
