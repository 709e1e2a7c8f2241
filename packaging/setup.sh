#!/usr/bin/env bash
# Sets Ferry up on Debian 12 (bookworm) from a fresh clone: installs the Debian packages that
# are missing, builds, and then either starts Ferry or runs the whole test suite.
#
#   packaging/setup.sh run [FERRY ARGS...]   install, build and start Ferry
#   packaging/setup.sh test                  install, build and run every test
#   packaging/setup.sh build                 install and build only
#
# With CI=true the build treats warnings as errors. Set FERRY_NO_APT=1 to skip installing.
set -euo pipefail

mode="${1:-run}"
[ $# -gt 0 ] && shift

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$here"

# Build tools and libraries, then the runtimes the tests run snippets with, then what a
# window needs to open.
packages=(
    build-essential cmake ninja-build pkg-config
    qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev
    libqscintilla2-qt6-dev qtkeychain-qt6-dev libqt6svg6 qt6-qpa-plugins
    ca-certificates openssl curl python3 python3-requests nodejs
    fonts-dejavu-core
)
if [ "$mode" = "run" ]; then
    packages+=(xvfb xauth)
fi

missing_packages() {
    local pkg
    for pkg in "${packages[@]}"; do
        if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
            echo "$pkg"
        fi
    done
}

install_packages() {
    [ "${FERRY_NO_APT:-0}" = "1" ] && return 0
    local missing
    missing="$(missing_packages)"
    [ -z "$missing" ] && return 0

    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        if command -v sudo >/dev/null 2>&1; then
            sudo="sudo"
        else
            echo "ferry setup: these Debian packages are missing and you are not root:" >&2
            echo "$missing" >&2
            exit 1
        fi
    fi
    echo "ferry setup: installing $(echo "$missing" | tr '\n' ' ')"
    $sudo apt-get update
    # shellcheck disable=SC2086
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends $missing
}

preset=default
[ "${CI:-}" = "true" ] && preset=ci

build() {
    cmake --preset "$preset"
    cmake --build --preset "$preset" --parallel "$(nproc)"
}

install_packages
build

case "$mode" in
run)
    binary="build/$preset/app/ferry/ferry"
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ]; then
        echo "ferry setup: no display found; starting Ferry under xvfb-run"
        exec xvfb-run -a -s "-screen 0 1400x900x24" "$binary" "$@"
    fi
    exec "$binary" "$@"
    ;;
test)
    exec ctest --preset "$preset" --parallel "$(nproc)"
    ;;
build)
    ;;
*)
    echo "usage: packaging/setup.sh run|test|build" >&2
    exit 2
    ;;
esac
