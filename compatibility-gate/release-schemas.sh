#!/usr/bin/env sh
# The release step: checks the working schemas against every release, then freezes schemas/common,
# schemas/events and asyncapi.yaml as schemas/releases/VERSION. Run from anywhere; commit the result.
#   compatibility-gate/release-schemas.sh 1.1.0
# It runs the gate through the command line (bin/inventory-events check), which builds its jar into
# cli/target if it is missing; nothing is installed into ~/.m2.
set -eu
if [ $# -ne 1 ]; then
  echo "usage: $0 VERSION   (for example 1.1.0)" >&2
  exit 2
fi
cd "$(dirname "$0")/.."
exec bin/inventory-events check --schemas schemas --releases schemas/releases --asyncapi asyncapi.yaml --release-as "$1"
