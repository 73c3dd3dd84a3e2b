#!/usr/bin/env bash
# Apache Kafka 4.4.0 (KRaft, broker+controller in one JVM) as Maven Central jars under the cache
# dir; test/support/servers/kafka.ts formats a fresh log dir and starts it on free ports.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/kafka-4.4.0"
[ -f "$DIR/lib/.complete" ] && exit 0
echo "== kafka: resolving Kafka 4.4.0 jars from Maven Central into $DIR/lib"
mkdir -p "$DIR"
cat > "$DIR/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>kafka-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka_2.13</artifactId><version>4.4.0</version></dependency>
    <dependency><groupId>org.apache.kafka</groupId><artifactId>kafka-tools</artifactId><version>4.4.0</version></dependency>
    <!-- kafka-clients still pulls slf4j-api 1.7, so the slf4j-1.x binding for log4j2 -->
    <dependency><groupId>org.apache.logging.log4j</groupId><artifactId>log4j-slf4j-impl</artifactId><version>2.25.5</version></dependency>
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
