#!/usr/bin/env bash
# MinIO server for the `minio` source's tests, built from its Go module into the cache dir. The
# release is RELEASE.2021-05 (module pseudo-version below): the newest build tried never flushed
# its ListenBucketNotification stream (events arrived in 4 KB bursts), this one streams each
# notification at once. A wrapper module builds it, with the replace directive of MinIO's own
# go.mod copied in (go builds ignore a dependency's replaces). AGPLv3: run as a test server only.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/minio"
[ -x "$DIR/bin/minio" ] && exit 0
echo "== minio: building the MinIO server (2021-05-16, ce3d9dc9faa5) into $DIR/bin"
mkdir -p "$DIR/bin" "$DIR/build"
cd "$DIR/build"
[ -f go.mod ] || go mod init local/miniow >/dev/null 2>&1
go mod edit -require=github.com/minio/minio@v0.0.0-20210516060309-ce3d9dc9faa5
go mod edit -replace google.golang.org/grpc=google.golang.org/grpc@v1.29.1
GOFLAGS=-mod=mod nice -n 19 go build -ldflags '-s -w' -o "$DIR/bin/minio.tmp" github.com/minio/minio
mv "$DIR/bin/minio.tmp" "$DIR/bin/minio"
