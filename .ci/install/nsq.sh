#!/usr/bin/env bash
# nsqd built from its Go module into the cache dir. `go install …@v1.3.0` fails here (its
# deprecation check reads the version list the proxy refuses), so a wrapper module builds it,
# with the replace directive of nsq's own go.mod copied in.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/nsq"
[ -x "$DIR/bin/nsqd" ] && [ -x "$DIR/bin/nsqlookupd" ] && exit 0
echo "== nsq: building nsqd and nsqlookupd v1.3.0 into $DIR/bin"
mkdir -p "$DIR/bin" "$DIR/build"
cd "$DIR/build"
[ -f go.mod ] || go mod init local/nsqw >/dev/null 2>&1
go mod edit -require=github.com/nsqio/nsq@v1.3.0
go mod edit -replace github.com/judwhite/go-svc=github.com/mreiferson/go-svc@v1.2.2-0.20210815184239-7a96e00010f6
GOFLAGS=-mod=mod go build -o "$DIR/bin/nsqd" github.com/nsqio/nsq/apps/nsqd
# Argo's hostAddress is an nsqlookupd address, so tests run one beside nsqd.
GOFLAGS=-mod=mod go build -o "$DIR/bin/nsqlookupd" github.com/nsqio/nsq/apps/nsqlookupd
