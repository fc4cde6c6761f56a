#!/usr/bin/env sh
# The release step: checks the working schemas against every release, then freezes schemas/common,
# schemas/events and asyncapi.yaml as schemas/releases/VERSION. Run from anywhere; commit the result.
#   compatibility-gate/release-schemas.sh 1.1.0
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 VERSION   (for example 1.1.0)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
mvn -q -pl compatibility-gate install -Dcompatibility.skip=true -DskipTests
mvn -q -pl compatibility-gate exec:java -Dexec.args="--schemas schemas --releases schemas/releases --asyncapi asyncapi.yaml --release-as $1"
