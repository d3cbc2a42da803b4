#!/usr/bin/env bash
# Installs everything Recobra needs on a Debian 12 machine that has only build-essential,
# cmake, git, python3, curl and Node.js/npm. Idempotent: when everything is present it only
# checks, in well under a second. Every piece comes from Debian's archive or the npm
# registry (README.md lists them); nothing third-party is committed to the repository.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
DEPS="$ROOT/.cache/deps"

# Dear ImGui: the version we build against, from forky/sid (its input API and on-demand
# font loading). When the archive no longer has it we take the newest 1.92.x with a warning.
IMGUI_VERSION=1.92.2b+ds-1
# utf8proc (accent- and case-insensitive search) is compiled from source into both builds so
# native and wasm fold text identically: bookworm's version, which never changes.
UTF8PROC_VERSION=2.8.0-1
# simdjson reads events quickly (loading a large log, importing a backup): its single-file
# build, compiled into both builds (the portable kernel in wasm). Bookworm's version.
SIMDJSON_VERSION=3.0.1-1
# libmd's SHA-256 (src/sha2.c) fingerprints every letter sent (docs/letters.md): compiled from
# source into both builds, as utf8proc is. Bookworm's version.
LIBMD_VERSION=1.0.4-2

PACKAGES=(
    emscripten          # the wasm compiler (3.1.6, clang 14)
    clang-14            # the sanitizer build and the fuzz targets (make asan, make fuzz)
    libclang-rt-14-dev  # clang's sanitizer runtimes and libFuzzer
    dpkg-dev            # unpacks `apt-get source`
    xz-utils            # the ImGui source tarball is .tar.xz
    nlohmann-json3-dev  # JSON (header-only)
    doctest-dev         # unit tests (header-only)
    libhowardhinnant-date-dev # civil-date arithmetic (header-only)
    fonts-roboto-unhinted # the UI font (has € ñ á é í ó ú ü ¿ ¡)
    python3-fonttools   # subsets the font to the scripts we show
    chromium            # browser tests, headless
    unzip               # tests check that the agency package's .zip opens (unzip -t)
    poppler-utils       # tests read the text of printed letters (pdftotext)
    ca-certificates     # npm registry over https
)

say() { printf '\033[1msetup:\033[0m %s\n' "$*"; }
fail() {
    printf '\033[1;31msetup failed:\033[0m %s\n' "$*" >&2
    exit 1
}

as_root() {
    if [ "$(id -u)" -eq 0 ]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        fail "'$*' needs root and sudo is not available. Run 'make' as root or install sudo."
    fi
}

APT_UPDATED=0
apt_update() {
    [ "$APT_UPDATED" -eq 1 ] && return 0
    say "apt-get update"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 update -qq ||
        fail "apt-get update failed: check the network and /etc/apt/sources.list*"
    APT_UPDATED=1
}

# --- Debian packages ----------------------------------------------------------------------
missing=()
for p in "${PACKAGES[@]}"; do
    status=$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)
    [ "$status" = "install ok installed" ] || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
    apt_update
    say "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
        --no-install-recommends "${missing[@]}" >/dev/null ||
        fail "apt-get install ${missing[*]} failed (see the apt output above)"
fi

# --- sources from Debian (apt-get source) --------------------------------------------------
# Dear ImGui has no Debian package with its .cpp files, and utf8proc's C source is compiled
# into both builds: both come from `apt-get source`, through a deb-src entry on the machine's
# own mirror (bookworm for stable sources, forky and sid for ImGui 1.92).
SRC_LIST=/etc/apt/sources.list.d/recobra-src.sources
debian_mirror() {
    local uri=""
    if [ -f /etc/apt/sources.list.d/debian.sources ]; then
        uri=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources)
    fi
    if [ -z "$uri" ] && [ -f /etc/apt/sources.list ]; then
        uri=$(awk '$1 == "deb" && $0 !~ /security/ { for (i = 2; i <= NF; i++) if ($i ~ /^[a-z]+:\/\//) { print $i; exit } }' /etc/apt/sources.list)
    fi
    echo "${uri:-http://deb.debian.org/debian}"
}

ensure_src_list() {
    if [ ! -f "$SRC_LIST" ] || ! grep -q "bookworm forky sid" "$SRC_LIST"; then
        say "adding the Debian source entry $SRC_LIST (bookworm, forky, sid)"
        printf 'Types: deb-src\nURIs: %s\nSuites: bookworm forky sid\nComponents: main\nSigned-By: /usr/share/keyrings/debian-archive-keyring.gpg\n' \
            "$(debian_mirror)" | as_root tee "$SRC_LIST" >/dev/null
        APT_UPDATED=0
    fi
}

source_versions() { { apt-cache showsrc "$1" 2>/dev/null || true; } | awk '/^Version:/ {print $2}' | sort -uV; }

# fetch_source PACKAGE PREFERRED_VERSION SERIES_REGEX MARKER_FILE
# Unpacks the package's source into .cache/deps/PACKAGE-VERSION and records the version in
# .cache/deps/PACKAGE.version. When the preferred version is gone from the archive, takes
# the newest one matching SERIES_REGEX with a warning, and fails clearly if there is none.
fetch_source() {
    local pkg=$1 preferred=$2 series=$3 marker=$4
    local recorded=""
    [ -f "$DEPS/$pkg.version" ] && recorded=$(cat "$DEPS/$pkg.version")
    if [ -n "$recorded" ] && [ -f "$DEPS/$pkg-$recorded/$marker" ]; then
        return 0
    fi
    ensure_src_list
    local versions
    versions=$(source_versions "$pkg")
    if ! grep -qxF "$preferred" <<<"$versions"; then
        apt_update
        versions=$(source_versions "$pkg")
    fi
    local want="$preferred"
    if ! grep -qxF "$want" <<<"$versions"; then
        want=$(grep -E "$series" <<<"$versions" | tail -n 1 || true)
        [ -n "$want" ] || fail "the Debian archive has no suitable $pkg source (wanted $preferred; it has: $(echo $versions))."
        say "WARNING: $pkg $preferred is no longer in the archive; using $want instead"
    fi
    rm -rf "$DEPS/$pkg-src" && mkdir -p "$DEPS/$pkg-src"
    say "apt-get source $pkg=$want"
    (cd "$DEPS/$pkg-src" && apt-get source -qq "$pkg=$want" >/dev/null 2>&1) ||
        fail "apt-get source $pkg=$want failed (is dpkg-dev installed? can the mirror be reached?)"
    local unpacked="" dir
    for dir in "$DEPS/$pkg-src"/*/; do
        [ -f "$dir$marker" ] && unpacked=${dir%/}
    done
    [ -n "$unpacked" ] || fail "apt-get source $pkg=$want did not unpack $marker"
    rm -rf "${DEPS:?}/$pkg-$want"
    mv "$unpacked" "$DEPS/$pkg-$want"
    rm -rf "$DEPS/$pkg-src"
    echo "$want" >"$DEPS/$pkg.version"
}

mkdir -p "$DEPS"
fetch_source imgui "$IMGUI_VERSION" '^1\.92\.' imgui.cpp
fetch_source utf8proc "$UTF8PROC_VERSION" '^2\.' utf8proc.c
fetch_source simdjson "$SIMDJSON_VERSION" '^3\.' singleheader/simdjson.cpp
fetch_source libmd "$LIBMD_VERSION" '^1\.' src/sha2.c

# --- Node.js 20 or newer: the browser tests' playwright-core needs it ---------------------
# Debian 12's own nodejs is 18 (emscripten pulls it in). A newer one already installed is
# kept; else the archive's candidate when it is new enough (a later Debian release); else stop
# now, saying what to install, rather than fail every browser test later.
NODE_MIN=20
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt "$NODE_MIN" ]; then
    apt_update
    candidate=$(apt-cache policy nodejs 2>/dev/null | awk '/Candidate:/ {print $2}')
    major=${candidate#*:}
    major=${major%%.*}
    if [[ "$major" =~ ^[0-9]+$ ]] && [ "$major" -ge "$NODE_MIN" ]; then
        say "installing nodejs $candidate (Node.js $NODE_MIN or newer is needed)"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -qq \
            --no-install-recommends "nodejs=$candidate" >/dev/null || fail "apt-get install nodejs=$candidate failed"
    fi
    [ "$(node_major)" -ge "$NODE_MIN" ] ||
        fail "Node.js $(node --version 2>/dev/null || echo '(none)') is too old: the browser tests need Node.js $NODE_MIN or newer, and this release's archive has ${candidate:-no nodejs}. Install Node.js $NODE_MIN+ (Debian 13's nodejs package, or the nodejs package of NodeSource's repository for Debian 12), then run make again."
fi

# --- npm packages for the browser tests (npm ci from the committed lock file) -------------
# No package's install script runs: none is needed (pouchdb-server, the sync tests' server,
# runs on its in-memory adapter; its LevelDB and SQLite adapters would compile native code).
lock_hash=$(sha256sum "$ROOT/package-lock.json" | cut -d' ' -f1)
stamp="$ROOT/node_modules/.recobra-lock"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
    say "npm ci"
    (cd "$ROOT" && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --ignore-scripts --no-audit --no-fund --loglevel=error) ||
        fail "npm ci failed: check access to the npm registry"
    echo "$lock_hash" >"$stamp"
fi

# --- sanity ---------------------------------------------------------------------------------
command -v em++ >/dev/null || fail "em++ not found after installing emscripten"
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium not found after installing chromium"
exit 0
