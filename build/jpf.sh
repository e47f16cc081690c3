#!/usr/bin/env bash
# Java PathFinder (jpf-core) for the checkers' JPF driver (docs/checkers.md, "Java PathFinder").
#
#   build/jpf.sh [--source TARBALL]   print the directory of a JPF build ("JPF home"), preparing it first if needed
#   build/jpf.sh run JPF-ARGS...      run JPF from that home, e.g. build/jpf.sh run +classpath=DIR Main ARGS
#
# A JPF home is a flat directory holding RunJPF.jar, jpf.jar, jpf-annotations.jar, jpf-classes.jar and a
# jpf.properties that points at them. The first of these is used:
#   1. $JPF_HOME, if set (it is an error if it is not such a directory);
#   2. ../shared/jpf next to the repository (present on the CI machines);
#   3. build/jpf-home, built earlier by this script;
#   4. otherwise jpf-core is built into build/jpf-home from the source archive of the pinned upstream commit
#      (branch java-17), downloaded from GitHub, or taken from TARBALL with --source.
# The build needs a JDK 17 (javac, jar) and nothing else: plain javac, the same steps as upstream's Gradle
# build (gradle/source-sets.gradle, build.gradle), about 15 s.
#
# JPF of the java-17 branch must run on a Java 17 JVM: `run` uses $JPF_JAVA, else `java` on PATH if it is
# Java 17, else a JDK 17 under /usr/lib/jvm. Exit status of `run`: 0 no errors detected, 1 a property
# violated (JPF's "error #N"), 2 JPF did not finish (configuration error or crash), 3 no Java 17.
# Exit status of the other commands: 0 with the home printed on stdout, 2 on failure with one line on stderr.
set -euo pipefail

COMMIT=7ea25de453111be77d09e12eb196fecf2dc6d365
URL=https://github.com/javapathfinder/jpf-core/archive/$COMMIT.tar.gz
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
OWN=$ROOT/build/jpf-home
JARS="RunJPF.jar jpf.jar jpf-annotations.jar jpf-classes.jar jpf.properties"

die() { echo "jpf.sh: $1" >&2; exit "${2:-2}"; }

is_home() {
  local f
  for f in $JARS; do [ -f "$1/$f" ] || return 1; done
}

java_version() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/{print $2}'; }

# A java of version 17: $JPF_JAVA, java on PATH, or a JDK under /usr/lib/jvm; empty if none.
java17() {
  local j candidates
  if [ -n "${JPF_JAVA:-}" ]; then
    candidates=("$JPF_JAVA")
  else
    candidates=("$(command -v java || true)" /usr/lib/jvm/*17*/bin/java)
  fi
  for j in "${candidates[@]}"; do
    if [ -n "$j" ] && [ -x "$j" ] && [ "$(java_version "$j")" = 17 ]; then
      echo "$j"
      return
    fi
  done
}

# Compiles the jpf-core source tree $1 into the flat home $2.
build_home() {
  local src=$1 out=$2 java bin B M patch
  java=$(java17)
  [ -n "$java" ] || die "building JPF needs a JDK 17 (javac); set JPF_JAVA to its bin/java" 3
  bin=$(dirname "$(readlink -f "$java")")
  [ -x "$bin/javac" ] || die "$bin has java 17 but no javac; install a JDK 17, not only a JRE" 3
  B=$src/build
  M=$src/src/classes/modules
  local javac=("$bin/javac" -g -encoding UTF-8 -source 17 -target 17 -nowarn -XDsuppressNotes)
  # The model classes patch java.base, java.logging and java.xml, as upstream's compileClassesJava does.
  patch=(--patch-module "java.base=$M/java.base" --patch-module "java.logging=$M/java.logging"
         --patch-module "java.xml=$M/java.xml" --add-exports java.base/sun.net.www.protocol.http=ALL-UNNAMED
         --add-reads java.base=ALL-UNNAMED)
  sources() { find "$@" -name '*.java'; }
  echo "jpf.sh: compiling jpf-core $COMMIT into $out" >&2
  rm -rf "$B" && mkdir -p "$B"
  "${javac[@]}" -d "$B/annotations" $(sources "$src/src/annotations")
  "${javac[@]}" -cp "$B/annotations" -d "$B/main" $(sources "$src/src/main")
  "${javac[@]}" -cp "$B/main:$B/annotations" --add-exports java.base/jdk.internal.access=ALL-UNNAMED \
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED -d "$B/peers" $(sources "$src/src/peers")
  # The model classes use internal JDK API on purpose: its warnings are expected and dropped.
  "${javac[@]}" -sourcepath "" -cp "$B/main:$B/annotations" "${patch[@]}" -d "$B/classes" \
    $(sources "$src/src/classes/gov" "$src/src/classes/org") 2>&1 | grep -E '(^|: )error' >&2 || true
  "${javac[@]}" -cp "$B/classes:$B/main:$B/annotations" "${patch[@]}" --module-source-path "$M" \
    -d "$B/classes/modules" $(sources "$M") 2>&1 | grep -E '(^|: )error' >&2 || true
  # JPF looks its models up as modules/<module>/<class>.class.
  [ -f "$B/classes/gov/nasa/jpf/FinalizerThread.class" ] && [ -f "$B/classes/modules/java.base/java/lang/Thread.class" ] \
    || die "compiling jpf-core's model classes failed (see the errors above)"
  echo "$COMMIT" > "$B/main/gov/nasa/jpf/.version"
  printf 'revision=%s\nauthor=javapathfinder/jpf-core java-17 branch, compiled by build/jpf.sh\n' "${COMMIT:0:7}" \
    > "$B/main/gov/nasa/jpf/build.properties"

  # The jars as build.gradle lays them out. Classes a jar lists but this revision lacks are left out, as Gradle does.
  local stage=$B/stage jarbin=$bin/jar
  mkdir -p "$stage/classes" "$stage/run" "$out"
  take() {   # take DIR CLASS...: copy the named classes of build/main into DIR
    local dir=$1 c; shift
    for c in "$@"; do
      if [ -f "$B/main/$c" ]; then (cd "$B/main" && cp --parents "$c" "$dir/"); fi
    done
  }
  take "$stage/classes" gov/nasa/jpf/JPFShell.class gov/nasa/jpf/vm/Verify.class gov/nasa/jpf/util/TypeRef.class \
    gov/nasa/jpf/util/test/TestJPF.class gov/nasa/jpf/util/test/TestMultiProcessJPF.class
  take "$stage/run" gov/nasa/jpf/tool/Run.class gov/nasa/jpf/tool/RunJPF.class gov/nasa/jpf/Config.class \
    gov/nasa/jpf/ConfigChangeListener.class 'gov/nasa/jpf/Config$MissingRequiredKeyException.class' \
    gov/nasa/jpf/JPFClassLoader.class gov/nasa/jpf/JPFShell.class gov/nasa/jpf/JPFException.class \
    gov/nasa/jpf/JPFConfigException.class gov/nasa/jpf/util/JPFSiteUtils.class gov/nasa/jpf/util/FileUtils.class \
    gov/nasa/jpf/util/StringMatcher.class gov/nasa/jpf/util/Pair.class
  # jpf.jar: the VM, its native peers, the annotations and the org.junit stand-ins of the model classes.
  local junit=()
  for c in $(cd "$B/classes" && find org/junit -maxdepth 1 -name '*.class'); do junit+=(-C "$B/classes" "$c"); done
  "$jarbin" --create --file "$out/jpf.jar" -C "$B/main" . -C "$B/peers" . -C "$B/annotations" . "${junit[@]}"
  "$jarbin" --create --file "$out/jpf-annotations.jar" -C "$B/annotations" .
  "$jarbin" --create --file "$out/jpf-classes.jar" -C "$B/classes" . -C "$B/annotations" . -C "$stage/classes" .
  "$jarbin" --create --file "$out/RunJPF.jar" --main-class gov.nasa.jpf.tool.RunJPF -C "$stage/run" .
  # Upstream's jpf.properties, with its class path block pointed at the jars beside it.
  awk '
    /^jpf-core.native_classpath=/ { print "jpf-core.native_classpath=${jpf-core}/jpf.jar;${jpf-core}/jpf-annotations.jar";
                                    print "jpf-core.classpath=${jpf-core}/jpf-classes.jar"; skip=1; next }
    /^jpf-core.peer_packages/     { skip=0 }
    !skip' "$src/jpf.properties" > "$out/jpf.properties"
  cp "$src/LICENSE-2.0.txt" "$out/" 2>/dev/null || true
  echo "$COMMIT" > "$out/COMMIT"
}

# Builds build/jpf-home from TARBALL, or from the download when TARBALL is empty.
prepare_own() {
  local tarball=$1 src
  tmp=$(mktemp -d "${TMPDIR:-/tmp}/jpf-src.XXXXXX")   # global: the EXIT trap runs after this function has returned
  trap 'rm -rf "$tmp"' EXIT
  if [ -z "$tarball" ]; then
    echo "jpf.sh: no JPF_HOME and no ../shared/jpf; downloading $URL" >&2
    curl -fsSL --retry 2 --connect-timeout 20 -o "$tmp/src.tar.gz" "$URL" \
      || die "could not download $URL (no network?); set JPF_HOME to a JPF build or pass --source TARBALL"
    tarball=$tmp/src.tar.gz
  fi
  [ -f "$tarball" ] || die "no such file: $tarball"
  mkdir -p "$tmp/x"
  tar -xzf "$tarball" -C "$tmp/x" || die "$tarball is not a .tar.gz archive"
  # GitHub's archive has one top folder (jpf-core-COMMIT); a git archive has none.
  src=$(dirname "$(find "$tmp/x" -maxdepth 2 -name jpf.properties | head -1)")
  [ -d "$src/src/main/gov/nasa/jpf" ] || die "$tarball does not hold a jpf-core source tree"
  rm -rf "$OWN.part"
  build_home "$src" "$OWN.part"
  rm -rf "$OWN" && mv "$OWN.part" "$OWN"
}

home() {
  local tarball=${1:-}
  if [ -n "$tarball" ]; then
    prepare_own "$(readlink -f "$tarball")"
    echo "$OWN"
  elif [ -n "${JPF_HOME:-}" ]; then
    is_home "$JPF_HOME" || die "JPF_HOME=$JPF_HOME is not a JPF build (it needs $JARS)"
    (cd "$JPF_HOME" && pwd)
  elif is_home "$ROOT/../shared/jpf"; then
    (cd "$ROOT/../shared/jpf" && pwd)
  elif is_home "$OWN" && [ "$(cat "$OWN/COMMIT" 2>/dev/null)" = "$COMMIT" ]; then
    echo "$OWN"
  else
    prepare_own ""
    echo "$OWN"
  fi
}

run() {
  local h java out status
  h=$(home) || exit 2
  java=$(java17)
  [ -n "$java" ] || die "JPF (java-17 branch) runs only on a Java 17 JVM; set JPF_JAVA to a JDK 17's bin/java" 3
  out=$(mktemp "${TMPDIR:-/tmp}/jpf-out.XXXXXX")
  trap 'rm -f "$out"' EXIT
  # JPF's peers reach into jdk.internal.misc and java.lang/java.util internals (upstream's test jvmArgs).
  # RunJPF exits 0 whatever happened, so the status comes from what it printed.
  "$java" ${JVM_FLAGS:--Xmx2g} \
    --add-exports java.base/jdk.internal.misc=ALL-UNNAMED --add-exports java.base/jdk.internal.access=ALL-UNNAMED \
    --add-opens java.base/jdk.internal.misc=ALL-UNNAMED --add-opens java.base/java.lang=ALL-UNNAMED \
    --add-opens java.base/java.util=ALL-UNNAMED \
    -jar "$h/RunJPF.jar" "$@" 2>&1 | tee "$out" || true
  if grep -q '^no errors detected' "$out"; then status=0
  elif grep -q '^error #[0-9]' "$out"; then status=1
  else status=2; fi
  exit $status
}

case "${1:-}" in
  run) shift; run "$@" ;;
  --source) [ $# -eq 2 ] || die "usage: build/jpf.sh [--source TARBALL] | build/jpf.sh run JPF-ARGS..."; home "$2" ;;
  "") home ;;
  *) die "usage: build/jpf.sh [--source TARBALL] | build/jpf.sh run JPF-ARGS..." ;;
esac
