#!/usr/bin/env bash
# aiosmtpd, an SMTP server that writes each mail into a Maildir, for the email trigger's tests.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/aiosmtpd"
[ -x "$DIR/venv/bin/python" ] && "$DIR/venv/bin/python" -c 'import aiosmtpd' 2>/dev/null && exit 0
echo "== aiosmtpd: pip install into $DIR/venv"
mkdir -p "$DIR"
python3 -m venv "$DIR/venv"
"$DIR/venv/bin/pip" install -q 'aiosmtpd==1.4.*'
