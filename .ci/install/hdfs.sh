#!/usr/bin/env bash
# HDFS for the `hdfs` source's tests: Hadoop 3.4.1's MiniDFSCluster (a NameNode and a DataNode in
# one JVM, WebHDFS on) from Maven Central jars, started by a tiny Java main compiled here;
# test/support/servers/hdfs.ts runs it on a free loopback port. About 90 MB, ~1 minute cold.
set -euo pipefail
DIR="${EVENTIDE_CACHE_DIR:-$HOME/.cache/eventide}/hdfs-3.4.1"
[ -f "$DIR/classes/.complete" ] && exit 0
echo "== hdfs: resolving hadoop-client-minicluster 3.4.1 from Maven Central into $DIR/lib"
mkdir -p "$DIR/src"
cat > "$DIR/pom.xml" <<'POM'
<project xmlns="http://maven.apache.org/POM/4.0.0"><modelVersion>4.0.0</modelVersion>
  <groupId>local</groupId><artifactId>hdfs-runtime</artifactId><version>1</version><packaging>pom</packaging>
  <dependencies>
    <dependency><groupId>org.apache.hadoop</groupId><artifactId>hadoop-client-minicluster</artifactId><version>3.4.1</version></dependency>
    <!-- WebHDFS's Jersey needs JAXB, which Java 11+ no longer ships -->
    <dependency><groupId>javax.xml.bind</groupId><artifactId>jaxb-api</artifactId><version>2.3.1</version></dependency>
    <dependency><groupId>org.slf4j</groupId><artifactId>slf4j-simple</artifactId><version>1.7.36</version></dependency>
  </dependencies></project>
POM
rm -rf "$DIR/lib" "$DIR/classes"
(cd "$DIR" && mvn -q -B dependency:copy-dependencies -DoutputDirectory=lib -DincludeScope=runtime)
cat > "$DIR/src/MiniHdfs.java" <<'JAVA'
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.hdfs.MiniDFSCluster;

/** A one-DataNode HDFS whose NameNode serves WebHDFS on 127.0.0.1:<args[1]>; data under args[0]. */
public class MiniHdfs {
  public static void main(String[] args) throws Exception {
    Configuration conf = new Configuration();
    conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, args[0]);
    conf.set("dfs.permissions.enabled", "false");
    int httpPort = Integer.parseInt(args[1]);
    MiniDFSCluster cluster = new MiniDFSCluster.Builder(conf).numDataNodes(1).nameNodeHttpPort(httpPort).build();
    cluster.waitActive();
    System.out.println("READY webhdfs=127.0.0.1:" + httpPort);
    System.out.flush();
    Thread.currentThread().join();
  }
}
JAVA
mkdir -p "$DIR/classes"
javac -cp "$DIR/lib/*" -d "$DIR/classes" "$DIR/src/MiniHdfs.java"
touch "$DIR/classes/.complete"
