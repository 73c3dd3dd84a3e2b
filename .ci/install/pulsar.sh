#!/usr/bin/env bash
# Apache Pulsar 4.2.4 standalone (embedded BookKeeper + RocksDB metadata store, no ZooKeeper) as
# Maven Central jars under the cache dir; test/support/servers/pulsar.ts starts it on free ports.
# The OpenTelemetry BOM pin matters: without it Maven's nearest-wins mixes OTel 1.56 and 1.62 and
# the broker dies at startup with NoSuchMethodError ... Ordered.loadOrderedList.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/pulsar-4.2.4"
[ -f "$DIR/lib/.complete" ] && exit 0
echo "== pulsar: resolving Pulsar 4.2.4 broker jars from Maven Central into $DIR/lib"
mkdir -p "$DIR"
cat > "$DIR/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>pulsar-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencyManagement><dependencies>
    <dependency><groupId>io.opentelemetry</groupId><artifactId>opentelemetry-bom</artifactId>
      <version>1.62.0</version><type>pom</type><scope>import</scope></dependency>
  </dependencies></dependencyManagement>
  <dependencies>
    <dependency><groupId>org.apache.pulsar</groupId><artifactId>pulsar-broker</artifactId><version>4.2.4</version></dependency>
  </dependencies></project>
POM
rm -rf "$DIR/lib"
(cd "$DIR" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime)
cat > "$DIR/log4j2.yaml" <<'YAML'
Configuration:
  Appenders: { Console: { name: STDOUT, PatternLayout: { pattern: "[%d] %p %m (%c)%n" } } }
  Loggers: { Root: { level: WARN, AppenderRef: [ { ref: STDOUT } ] } }
YAML
touch "$DIR/lib/.complete"
