#!/usr/bin/env bash
# Installs Apache JMeter 5.6.3 under .tools/jmeter (git-ignored) from Maven Central artifacts:
# the launcher (bin/ApacheJMeter.jar), bin/*.properties from ApacheJMeter_config, JMeter's own
# modules in lib/ext and every third-party jar in lib, as the binary distribution lays them out.
# Idempotent: an existing complete install is kept. Prints the version at the end.
# Needs: java (17+), mvn, unzip. Usage: bash scripts/install-jmeter.sh
set -euo pipefail
cd "$(dirname "$0")/.."

VERSION=5.6.3
HOME_DIR="$PWD/.tools/jmeter"
MARKER="$HOME_DIR/.perfplan-installed-$VERSION"

if [ ! -f "$MARKER" ]; then
  for tool in java mvn unzip; do
    command -v "$tool" >/dev/null || { echo "install-jmeter: '$tool' is required (apt-get install -y maven unzip openjdk-17-jre-headless)" >&2; exit 2; }
  done
  STAGE="$(mktemp -d)"
  trap 'rm -rf "$STAGE"' EXIT
  echo "install-jmeter: resolving JMeter $VERSION from Maven Central"
  mvn -B -q -f scripts/jmeter/pom.xml dependency:copy-dependencies -DoutputDirectory="$STAGE/jars" -Djmeter.version="$VERSION"

  rm -rf "$HOME_DIR"
  mkdir -p "$HOME_DIR/bin" "$HOME_DIR/lib/ext" "$HOME_DIR/lib/junit"
  cp "$STAGE/jars/ApacheJMeter-$VERSION.jar" "$HOME_DIR/bin/ApacheJMeter.jar"
  unzip -q -o "$STAGE/jars/ApacheJMeter_config-$VERSION.jar" 'bin/*' -d "$HOME_DIR"
  for jar in "$STAGE"/jars/*.jar; do
    name="$(basename "$jar")"
    case "$name" in
      "ApacheJMeter-$VERSION.jar"|"ApacheJMeter_config-$VERSION.jar") ;;
      ApacheJMeter_*) cp "$jar" "$HOME_DIR/lib/ext/" ;;
      *) cp "$jar" "$HOME_DIR/lib/" ;;
    esac
  done
  touch "$MARKER"
fi

java -jar "$HOME_DIR/bin/ApacheJMeter.jar" --version 2>/dev/null | grep -Eo '[0-9]+\.[0-9]+\.[0-9]+' | head -1 | sed 's/^/JMeter /' \
  || { echo "install-jmeter: JMeter in $HOME_DIR does not start" >&2; exit 1; }
echo "JMeter home: $HOME_DIR (run: java -jar $HOME_DIR/bin/ApacheJMeter.jar -n -t PLAN.jmx)"
