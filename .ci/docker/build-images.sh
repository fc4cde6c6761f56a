#!/usr/bin/env bash
# Builds the local stand-ins for the two official images the Testcontainers mode uses, for machines
# that reach no image registry: apache/kafka (this folder's kafka/: the same /etc/kafka/docker/run
# and KAFKA_* contract) and apicurio/apicurio-registry (registry/: the same app in /deployments).
# Both sit on one base image: a minimal Debian made with debootstrap from the mirror apt is set up
# with, plus a Java runtime linked (jlink) from a JDK 21+ found on this machine. The jars and the
# registry app come from Maven Central at the root pom's versions. Needs a running Docker Engine
# (DOCKER_HOST), debootstrap and root. An image whose inputs have not changed is kept (a warm build
# takes about a second). Prints the image names as KEY=VALUE lines on stdout; progress goes to stderr.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
say() { echo "images: $*" >&2; }
fail() { say "$*"; exit 1; }
elapsed() { echo "$(( $(date +%s%N) / 1000000 - $1 ))"; }

pom_property() { sed -n "s:.*<$1>\(.*\)</$1>.*:\1:p" "$root/pom.xml" | head -n 1; }
kafka_version="$(pom_property kafka.version)"
apicurio_version="$(pom_property apicurio.version)"
[ -n "$kafka_version" ] && [ -n "$apicurio_version" ] || fail "kafka.version / apicurio.version not found in $root/pom.xml"

java_major() { sed -n 's/^JAVA_VERSION="\([0-9]*\).*/\1/p' "$1/release" 2>/dev/null; }

# A JDK 21+ (with jlink) to take the images' Java from: REGISTRY_JAVA_HOME, else the newest found.
find_jdk() {
  if [ -n "${REGISTRY_JAVA_HOME:-}" ]; then
    [ -x "$REGISTRY_JAVA_HOME/bin/jlink" ] && [ "$(java_major "$REGISTRY_JAVA_HOME")" -ge 21 ] \
      || fail "REGISTRY_JAVA_HOME=$REGISTRY_JAVA_HOME is not a JDK 21+ with bin/jlink"
    echo "$REGISTRY_JAVA_HOME"; return
  fi
  local best="" best_major=0 candidate major
  for candidate in ${JAVA_HOME:-} /usr/lib/jvm/* /usr/java/* /opt/java/* /opt/jdk* "$HOME"/.sdkman/candidates/java/*; do
    [ -x "$candidate/bin/jlink" ] || continue
    major="$(java_major "$candidate")"
    [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ] || continue
    best="$candidate"; best_major="$major"
  done
  [ -n "$best" ] || fail "no JDK 21+ with jlink found (Apicurio Registry needs Java 21): install one (Debian: openjdk-21-jdk-headless, or a newer suite's) or set REGISTRY_JAVA_HOME"
  echo "$best"
}

# The Debian suite and mirror apt uses here (DEBIAN_SUITE / DEBIAN_MIRROR override them).
debian_suite() {
  [ -z "${DEBIAN_SUITE:-}" ] || { echo "$DEBIAN_SUITE"; return; }
  local codename
  codename="$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")"
  [ -n "$codename" ] || fail "cannot read VERSION_CODENAME from /etc/os-release: set DEBIAN_SUITE (e.g. bookworm)"
  echo "$codename"
}
debian_mirror() {
  [ -z "${DEBIAN_MIRROR:-}" ] || { echo "$DEBIAN_MIRROR"; return; }
  local suite="$1" mirror
  # deb822 (*.sources): a stanza of Types: deb whose Suites list the suite itself; one-line format
  # (*.list): "deb [options] URI SUITE components".
  mirror="$(cat /etc/apt/sources.list.d/*.sources 2>/dev/null | awk -v suite="$suite" '
      function flush() { if (deb && has_suite && uri != "" && found == "") found = uri; deb = 0; has_suite = 0; uri = "" }
      /^[[:space:]]*$/ { flush(); next }
      /^Types:/ { for (i = 2; i <= NF; i++) if ($i == "deb") deb = 1 }
      /^URIs:/ { uri = $2 }
      /^Suites:/ { for (i = 2; i <= NF; i++) if ($i == suite) has_suite = 1 }
      END { flush(); print found }')"
  if [ -z "$mirror" ]; then
    mirror="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list 2>/dev/null | sed 's/\[[^]]*\]//' |
      awk -v suite="$suite" '$1 == "deb" && $3 == suite { print $2; exit }')"
  fi
  [ -n "$mirror" ] || fail "no apt source for suite $suite in /etc/apt/sources.list*: set DEBIAN_MIRROR to a Debian mirror URL"
  echo "$mirror"
}

command -v docker >/dev/null || fail "the docker client is missing (Debian package docker.io)"
docker version >/dev/null 2>&1 || fail "no Docker Engine answers at ${DOCKER_HOST:-the default socket}"
export DOCKER_BUILDKIT=0 # the classic builder needs no buildx plugin and pulls nothing for a local base

jdk="$(find_jdk)"
suite="$(debian_suite)"
mirror="$(debian_mirror "$suite")"
jlink_modules="java.se,jdk.unsupported,jdk.management,jdk.naming.dns,jdk.zipfs,jdk.security.auth,jdk.crypto.cryptoki,jdk.charsets,jdk.net,jdk.jfr"

key_of() { sha256sum | cut -c1-16; }
base_key="$({ echo "$suite $mirror $jlink_modules"; cat "$jdk/release"; sed -n '/^# base image/,/^# end base image/p' "$0"; } | key_of)"
base_image="inventory-ci/base:$base_key"

image_current() { # $1 image, $2 key: true if the image exists and was built from these inputs
  [ "$(docker image inspect --format '{{index .Config.Labels "io.inventory.ci.key"}}' "$1" 2>/dev/null)" = "$2" ]
}

work="$(mktemp -d "${TMPDIR:-/tmp}/inventory-ci-images.XXXXXX")"
trap 'rm -rf "$work"' EXIT

# base image: debootstrap minbase + a jlinked Java runtime
if docker image inspect "$base_image" >/dev/null 2>&1; then
  say "base $base_image is current"
else
  command -v debootstrap >/dev/null || fail "debootstrap is missing (Debian package debootstrap)"
  started=$(( $(date +%s%N) / 1000000 ))
  say "debootstrap --variant=minbase $suite from $mirror"
  rootfs="$work/rootfs"
  debootstrap --variant=minbase "$suite" "$rootfs" "$mirror" >"$work/debootstrap.log" 2>&1 \
    || { tail -n 20 "$work/debootstrap.log" >&2; fail "debootstrap failed (log above)"; }
  rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/*
  say "jlink from $jdk ($(java_major "$jdk"))"
  "$jdk/bin/jlink" --add-modules "$jlink_modules" --strip-debug --no-man-pages --no-header-files \
    --output "$rootfs/opt/java"
  tar -C "$rootfs" -c . | docker import --change "LABEL io.inventory.ci.key=$base_key" \
    --change 'ENV PATH=/opt/java/bin:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' \
    - "$base_image" >/dev/null
  rm -rf "$rootfs"
  say "base $base_image built in $(elapsed "$started") ms"
fi
# end base image

kafka_image="inventory-ci/kafka:$kafka_version"
registry_image="inventory-ci/apicurio-registry:$apicurio_version"
kafka_key="$({ echo "$base_key $kafka_version"; cat "$here/pom.xml" "$here"/kafka/*; } | key_of)"
registry_key="$({ echo "$base_key $apicurio_version"; cat "$here"/registry/*; } | key_of)"

if image_current "$kafka_image" "$kafka_key" && image_current "$registry_image" "$registry_key"; then
  say "$kafka_image and $registry_image are current"
else
  started=$(( $(date +%s%N) / 1000000 ))
  say "resolving Kafka $kafka_version and Apicurio Registry $apicurio_version from the local Maven repository / Maven Central"
  mvn -B -ntp -q -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime \
    -DoutputDirectory="$work/artifacts" >&2
  mkdir -p "$work/kafka/libs" "$work/registry/app"
  cp "$here"/kafka/* "$work/kafka/"
  cp "$work"/artifacts/*.jar "$work/kafka/libs/"
  cp "$here"/registry/* "$work/registry/"
  tar -xzf "$work"/artifacts/apicurio-registry-app-*-all.tar.gz -C "$work/registry/app"
  [ -f "$work/registry/app/quarkus-run.jar" ] || fail "the registry tarball has no quarkus-run.jar at its top"
  say "building $kafka_image"
  docker build -q --build-arg BASE="$base_image" --label "io.inventory.ci.key=$kafka_key" \
    -t "$kafka_image" "$work/kafka" >/dev/null 2>"$work/build.log" \
    || { cat "$work/build.log" >&2; fail "docker build of $kafka_image failed (output above)"; }
  say "building $registry_image"
  docker build -q --build-arg BASE="$base_image" --label "io.inventory.ci.key=$registry_key" \
    -t "$registry_image" "$work/registry" >/dev/null 2>"$work/build.log" \
    || { cat "$work/build.log" >&2; fail "docker build of $registry_image failed (output above)"; }
  say "images built in $(elapsed "$started") ms"
  # the images these replaced would otherwise pile up in the data root (vfs keeps full copies)
  docker image prune -f >/dev/null
fi

echo "INVENTORY_KAFKA_IMAGE=$kafka_image"
echo "INVENTORY_REGISTRY_IMAGE=$registry_image"
