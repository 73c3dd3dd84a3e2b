#!/usr/bin/env bash
# kube-apiserver v1.32.13 built from Go modules (../shared/real-servers.md section 13): a small
# wrapper module of our own requires k8s.io/kubernetes and points each staging module (which the
# k8s.io/kubernetes module zip leaves out) at its published v0.32.x module. etcd comes from Debian
# (etcd-server, installed by 00-apt.sh). ~8.5 min of CPU once; the binary is cached under the cache dir.
set -euo pipefail
VERSION=1.32.13
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/kube-apiserver"
BIN="$DIR/kube-apiserver-v$VERSION"
[ -x "$BIN" ] && exit 0
echo "== kube-apiserver: building v$VERSION into $DIR (takes several minutes)"
SRC="$DIR/wrapper"
rm -rf "$SRC"; mkdir -p "$SRC"; cd "$SRC"

K8S_DIR=$(GOFLAGS=-mod=mod go mod download -json "k8s.io/kubernetes@v$VERSION" | sed -n 's/.*"Dir": "\(.*\)".*/\1/p')
[ -f "$K8S_DIR/go.mod" ] || { echo "could not download k8s.io/kubernetes@v$VERSION" >&2; exit 1; }

cat > main.go <<'GO'
// kube-apiserver for Eventide's integration tests: the same entry point as
// k8s.io/kubernetes/cmd/kube-apiserver, built as a consumer of the k8s.io/kubernetes module.
package main

import (
	"os"
	_ "time/tzdata"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(cli.Run(app.NewAPIServerCommand()))
}
GO

go mod init eventide.local/kube-apiserver >/dev/null 2>&1
go mod edit -go=1.23.0 -require="k8s.io/kubernetes@v$VERSION"
# Every `k8s.io/X => ./staging/src/k8s.io/X` replace of k8s.io/kubernetes becomes a replace by the
# published module. The proxy refuses the sample-* modules at this version (kube-apiserver does not
# import them: local empty stubs satisfy the module graph) and serves endpointslice only up to v0.32.12.
for m in $(sed -n '/^replace/,/^)/p' "$K8S_DIR/go.mod" | grep '=> ./staging' | awk '{print $1}'); do
  case "$m" in
    k8s.io/sample-*)
      stub="stubs/${m#k8s.io/}"; mkdir -p "$stub"; printf 'module %s\n\ngo 1.23\n' "$m" > "$stub/go.mod"
      go mod edit -replace "$m=./$stub" ;;
    k8s.io/endpointslice) go mod edit -replace "$m=$m@v0.32.12" ;;
    *) go mod edit -replace "$m=$m@v0.${VERSION#1.}" ;;
  esac
done

MINOR=$(echo "$VERSION" | cut -d. -f2)
LDFLAGS="-s -w -X k8s.io/component-base/version.gitVersion=v$VERSION -X k8s.io/component-base/version.gitMajor=1 -X k8s.io/component-base/version.gitMinor=$MINOR"
GOWORK=off GOFLAGS=-mod=mod nice -n 19 go build -ldflags "$LDFLAGS" -o "$BIN.tmp" .
mv "$BIN.tmp" "$BIN"
"$BIN" --version
