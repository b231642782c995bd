#!/usr/bin/env bash
# secplay's one setup script: installs the Debian packages the project needs. Idempotent and quick
# when everything is present; run by both README commands (main job and tests) and by CI.
#
#   bash scripts/setup.sh          install what is missing (needs root for apt-get)
#   bash scripts/setup.sh --check  only report what is missing; exit 1 if anything is
set -euo pipefail

CHECK_ONLY=0
[ "${1:-}" = "--check" ] && CHECK_ONLY=1

# Debian (bookworm) packages, one per line, with what needs them.
APT_PACKAGES=(
  bubblewrap              # sandbox for untrusted code (oracle/sandbox)
  util-linux              # setpriv, prlimit (sandbox privilege drop and limits)
  coreutils               # timeout
  gcc g++ binutils        # C/C++ harnesses and gcc -fanalyzer; ld.bfd links the candidates
  gcc-12-plugin-dev       # gcc 12 plugin headers: the PCH plugin of the C++ harness (src/lang/c/pch_plugin.cc)
  python3                 # /usr/bin/python3 inside the sandbox
  python3-pytest          # Python harness
  golang-go               # Go harness (Go 1.19)
  cppcheck flawfinder     # C/C++ static analyzers
  clang clang-tools       # clang --analyze
  python3-rich python3-git python3-jschema-to-python python3-sarif-python-om  # bandit 1.7.10's dependencies
)

# bandit 1.7.10 comes from Debian trixie (bookworm's 1.6.2 misses string-based checks on Python 3.11
# and reports no CWE ids); it is a pure-Python .deb whose dependencies are all in bookworm.
BANDIT_MIN="1.7"
STATE_DIR="${SECPLAY_SETUP_DIR:-/var/cache/secplay-setup}"

say() { printf 'setup: %s\n' "$*" >&2; }

missing=()
for p in "${APT_PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done

bandit_ok() {
  command -v bandit >/dev/null 2>&1 || return 1
  local v
  v=$(bandit --version 2>/dev/null | head -n1 | awk '{print $2}')
  [ "$(printf '%s\n%s\n' "$BANDIT_MIN" "$v" | sort -V | head -n1)" = "$BANDIT_MIN" ]
}
need_bandit=0
bandit_ok || need_bandit=1

if [ ${#missing[@]} -eq 0 ] && [ $need_bandit -eq 0 ]; then
  exit 0
fi

if [ $CHECK_ONLY -eq 1 ]; then
  [ ${#missing[@]} -gt 0 ] && say "missing Debian packages: ${missing[*]}"
  [ $need_bandit -eq 1 ] && say "missing bandit >= $BANDIT_MIN"
  exit 1
fi

if [ "$(id -u)" -ne 0 ]; then
  say "these Debian packages are missing: ${missing[*]:-none}$([ $need_bandit -eq 1 ] && echo ', bandit >= 1.7 (trixie)')"
  say "run this script as root (it uses apt-get), or install them yourself, then try again."
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
if [ ${#missing[@]} -gt 0 ]; then
  say "installing: ${missing[*]}"
  apt-get update -q >/dev/null
  apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
fi

if [ $need_bandit -eq 1 ]; then
  say "installing bandit 1.7.10 from Debian trixie (a private apt state; the system's sources are untouched)"
  mirror=$(awk '/^URIs:/ {print $2; exit}' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
  [ -z "$mirror" ] && mirror=$(awk '/^deb / {print $2; exit}' /etc/apt/sources.list 2>/dev/null || true)
  if [ -z "$mirror" ]; then say "cannot find the Debian mirror in apt's sources"; exit 1; fi
  D="$STATE_DIR/trixie-apt"
  mkdir -p "$D/lists/partial" "$D/cache/archives/partial"
  echo "deb $mirror trixie main" > "$D/sources.list"
  A=(-o "Dir::Etc::SourceList=$D/sources.list" -o Dir::Etc::SourceParts=/nonexistent -o "Dir::State::Lists=$D/lists" -o "Dir::Cache=$D/cache")
  apt-get "${A[@]}" update -q >/dev/null
  (cd "$D" && apt-get "${A[@]}" download python3-bandit >/dev/null)
  deb=$(ls -1 "$D"/python3-bandit_1.7*_all.deb | tail -n1)
  apt-get install -y -q --no-install-recommends "$deb" >/dev/null
  bandit_ok || { say "bandit >= $BANDIT_MIN did not install"; exit 1; }
fi
say "done"
