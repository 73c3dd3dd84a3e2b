#!/usr/bin/env bash
# Google's in-memory Pub/Sub fake (pstest, from cloud.google.com/go/pubsub/v2) wrapped in a small
# Go program that serves it on -addr until SIGTERM, built into the cache dir.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/pstest"
BIN="$DIR/bin/pstest-emu"
[ -x "$BIN" ] && exit 0
echo "== pstest: building Google's Pub/Sub fake (pubsub/v2 v2.9.0) into $DIR/bin"
mkdir -p "$DIR/bin" "$DIR/src"
cd "$DIR/src"
cat > main.go <<'GO'
// Serves pstest on -addr (host:port) until SIGINT/SIGTERM.
package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"os/signal"
	"syscall"

	"cloud.google.com/go/pubsub/v2/pstest"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:8085", "host:port to serve on")
	flag.Parse()
	srv := pstest.NewServerWithAddress(*addr)
	fmt.Printf("pstest listening on %s\n", srv.Addr)
	sig := make(chan os.Signal, 1)
	signal.Notify(sig, syscall.SIGINT, syscall.SIGTERM)
	<-sig
	if err := srv.Close(); err != nil {
		log.Fatal(err)
	}
}
GO
[ -f go.mod ] || go mod init local/pstest-emu >/dev/null 2>&1
go get cloud.google.com/go/pubsub/v2@v2.9.0 >/dev/null 2>&1
go mod tidy >/dev/null 2>&1
nice -n 19 go build -ldflags '-s -w' -o "$BIN.tmp" .
mv "$BIN.tmp" "$BIN"
