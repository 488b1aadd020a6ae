#!/usr/bin/env bash
# Launcher: builds the application when sources changed (Maven, tests skipped), then runs it with
# the JVM flags Spark 4 needs on Java 17 (one list, kept in pom.xml as spark.jvm.flags).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
JAR="$ROOT/cubes/target/csc.jar"
LIB="$ROOT/cubes/target/lib"

needs_build() {
  [ -f "$JAR" ] && [ -d "$LIB" ] || return 0
  [ -n "$(find "$ROOT/pom.xml" "$ROOT"/warehouse "$ROOT"/etl "$ROOT"/cubes -newer "$JAR" \
      \( -path '*/src/main/*' -o -name pom.xml \) -type f -print -quit 2>/dev/null)" ]
}

if needs_build; then
  command -v mvn >/dev/null || { echo "csc: Maven (mvn) is needed to build: apt-get install -y maven" >&2; exit 2; }
  echo "csc: building (first time downloads ~400 MB of dependencies from Maven Central)..." >&2
  (cd "$ROOT" && mvn -q -B -DskipTests package) >&2
fi

FLAGS=$(sed -n 's:.*<spark.jvm.flags>\(.*\)</spark.jvm.flags>.*:\1:p' "$ROOT/pom.xml")
# The throughput collector: a nightly is a batch on two cores, and G1's concurrent threads and write
# barriers cost more CPU than its short pauses are worth (scale-10 night 5-10% less CPU, README).
# A collector named in CSC_JAVA_OPTS (-XX:+Use...GC) wins, since the JVM refuses two.
GC=-XX:+UseParallelGC
[[ "${CSC_JAVA_OPTS:-}" =~ -XX:\+Use[A-Za-z0-9]*GC ]] && GC=
# shellcheck disable=SC2086
exec java $GC ${CSC_JAVA_OPTS:--Xmx6g} $FLAGS -Dcsc.home="$ROOT" -cp "$JAR:$LIB/*" org.csc.cubes.cli.Csc "$@"
