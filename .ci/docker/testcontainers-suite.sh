#!/usr/bin/env bash
# CI's extra step (issue #12): the conformance suite once more, with the stack in its testcontainers
# mode, against Kafka and Apicurio Registry in real containers. Installs docker.io and debootstrap
# if missing, starts a Docker Engine of its own (stopped again on any exit), builds the stand-in
# images (build-images.sh: no image registry is reachable here), then runs the testcontainers
# module's tests and the conformance suite with -Dinventory.stack.mode=testcontainers. Needs root.
# Run from .ci/run after mvn verify, or alone: bash .ci/docker/testcontainers-suite.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
say() { echo "ci: $*"; }
fail() { echo "ci: $*" >&2; exit 1; }
now() { date +%s; }

[ "$(id -u)" -eq 0 ] || fail "the testcontainers step runs its own dockerd and debootstrap, which need root"

missing=()
for package in docker.io debootstrap; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
if [ "${#missing[@]}" -gt 0 ]; then
  command -v apt-get >/dev/null || fail "missing ${missing[*]} and no apt-get to install them"
  say "installing ${missing[*]} (apt-get)"
  apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

source .ci/docker/engine.sh
trap engine_stop EXIT
trap 'exit 130' INT TERM
engine_start

started=$(now)
images="$(bash .ci/docker/build-images.sh)"
kafka_image="$(sed -n 's/^INVENTORY_KAFKA_IMAGE=//p' <<<"$images")"
registry_image="$(sed -n 's/^INVENTORY_REGISTRY_IMAGE=//p' <<<"$images")"
say "stand-in images ready in $(( $(now) - started )) s: $kafka_image, $registry_image"

# The machine itself may be a container: Testcontainers must not try to find the host through a
# helper image it cannot pull, nor start Ryuk (not pullable either; the stack and @Container stop
# their containers, and engine_stop removes any left).
export TESTCONTAINERS_HOST_OVERRIDE=localhost TESTCONTAINERS_RYUK_DISABLED=true

started=$(now)
# The fault and secured classes start their own embedded clusters whatever the mode (three brokers,
# SASL_SSL), so the normal mvn verify has already run them; here they are left out. The fuzz classes
# run in their own small-heap execution (fuzz-small-heap), which ignores -Dtest; they must not be
# pulled into the default execution, which lacks Avro's limits.
say "conformance suite in testcontainers mode"
mvn --batch-mode --no-transfer-progress verify -pl testcontainers,conformance-tests -am \
  -Dinventory.stack.mode=testcontainers \
  -Dinventory.kafka.image="$kafka_image" -Dinventory.registry.image="$registry_image" \
  -Dtest='io.inventory.events.testcontainers.*Test,io.inventory.events.conformance.**.*Test,!io.inventory.events.conformance.faults.**,!io.inventory.events.conformance.secured.**,!io.inventory.events.conformance.fuzz.**' \
  -Dsurefire.failIfNoSpecifiedTests=false -DskipITs
say "testcontainers-mode tests took $(( $(now) - started )) s"
