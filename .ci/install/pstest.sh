#!/usr/bin/env bash
# Google's in-memory Pub/Sub fake (cloud.google.com/go/pubsub/v2/pstest) wrapped in a tiny Go
# program that serves it on -addr until SIGTERM; built into the cache dir.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/pstest"
[ -x "$DIR/pstest-emu" ] && exit 0
echo "== pstest: go build into $DIR"
mkdir -p "$DIR/src"
cd "$DIR/src"
cat > main.go <<'GO'
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
go get cloud.google.com/go/pubsub/v2@v2.9.0
go mod tidy
nice -n 19 go build -o "$DIR/pstest-emu" .
