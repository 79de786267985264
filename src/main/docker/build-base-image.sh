#!/usr/bin/env bash
# Builds the base image the test build of Dunwell's image runs on, without a registry: a minimal
# Debian bookworm made with debootstrap, with a Java 17 runtime and curl (for the smoke test's checks
# inside the container), imported into podman as localhost/dunwell-base:17.
#
#   sudo src/main/docker/build-base-image.sh          # skips when the image exists
#   FORCE=1 sudo src/main/docker/build-base-image.sh  # builds it again
#
# Needs root (debootstrap), debootstrap and podman. DEBIAN_MIRROR picks a mirror (debootstrap's
# default otherwise). Users who reach a registry do not need this: the Dockerfile's default base image
# is a public one (see docs/deploy.md).
set -euo pipefail

IMAGE="${BASE_IMAGE_NAME:-localhost/dunwell-base:17}"
SUITE=bookworm
PACKAGES=openjdk-17-jre-headless,ca-certificates,curl

podman_() {
    # crun fails on setrlimit on some hosts; runc does not (and a containers.conf without default ulimits).
    if command -v runc >/dev/null 2>&1; then podman --runtime runc "$@"; else podman "$@"; fi
}

if [[ -z "${FORCE:-}" ]] && podman_ image exists "$IMAGE"; then
    echo "base image $IMAGE exists (FORCE=1 builds it again)"
    exit 0
fi
if [[ "$(id -u)" != 0 ]]; then
    echo "build-base-image.sh: debootstrap needs root (run it with sudo)" >&2
    exit 1
fi
for tool in debootstrap podman; do
    command -v "$tool" >/dev/null || { echo "build-base-image.sh: $tool is missing (apt-get install $tool)" >&2; exit 1; }
done

rootfs="$(mktemp -d /var/tmp/dunwell-base.XXXXXX)"
trap 'rm -rf "$rootfs"' EXIT

started=$SECONDS
echo "debootstrap $SUITE (minbase + $PACKAGES) into $rootfs"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$rootfs" ${DEBIAN_MIRROR:+"$DEBIAN_MIRROR"} \
    > "$rootfs.log" 2>&1 || { tail -30 "$rootfs.log" >&2; rm -f "$rootfs.log"; exit 1; }
rm -f "$rootfs.log"

# Keep the image small: no package lists, caches, documentation or locales the JVM does not read.
rm -rf "$rootfs"/var/cache/apt/archives/*.deb "$rootfs"/var/lib/apt/lists/* \
       "$rootfs"/usr/share/doc/* "$rootfs"/usr/share/man/* "$rootfs"/usr/share/locale/* \
       "$rootfs"/var/log/*.log "$rootfs"/var/cache/debconf/*-old
java_home="$(dirname "$(dirname "$(readlink -f "$rootfs/usr/bin/java")")")"
java_home="${java_home#"$rootfs"}"

echo "importing as $IMAGE"
tar --numeric-owner -C "$rootfs" -c . | podman_ import --quiet \
    --change "ENV JAVA_HOME=$java_home" \
    --change "ENV LANG=C.UTF-8" \
    --change 'CMD ["/bin/bash"]' \
    - "$IMAGE" >/dev/null
echo "base image $IMAGE built in $((SECONDS - started)) s ($(podman_ image inspect --format '{{.Size}}' "$IMAGE" | awk '{printf "%.0f MB", $1/1e6}'))"
