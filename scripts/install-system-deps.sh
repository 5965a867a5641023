#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages Chairside needs that this machine lacks, and nothing else.
#
#   scripts/install-system-deps.sh            libraries Qt needs offscreen (tests)
#   scripts/install-system-deps.sh --x11      ... plus those for a real X11 window, Xvfb and xauth
#   scripts/install-system-deps.sh --venv     only what `python3 -m venv` needs (python3-venv)
#   scripts/install-system-deps.sh [...] PKG  ... plus any further Debian package names given
#
# Checks with dpkg-query; runs `apt-get update` and `apt-get install -y --no-install-recommends`
# (through sudo when not root) only when something is missing, and is silent when nothing is.
# On a machine without dpkg it prints a hint and succeeds. SKIP_SYSTEM_DEPS=1 skips it all.
set -euo pipefail

# libpulse0: Qt Multimedia (the alarm sounds) loads it even with no sound device
OFFSCREEN=(libgl1 libegl1 libxkbcommon0 libglib2.0-0 libfontconfig1 libfreetype6 libdbus-1-3
           fonts-dejavu-core libpulse0)
X11=(libxkbcommon-x11-0 libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-shape0 xvfb xauth)

want_qt=1 want_x11=0 want_venv=0 extra=()
for arg in "$@"; do
  case "$arg" in
    --x11) want_x11=1 ;;
    --venv) want_venv=1 want_qt=0 ;;
    -h|--help) sed -n '2,12p' "$0"; exit 0 ;;
    -*) echo "install-system-deps: unknown option $arg" >&2; exit 2 ;;
    *) extra+=("$arg") ;;
  esac
done

[ "${SKIP_SYSTEM_DEPS:-0}" = 1 ] && exit 0

wanted=()
if [ "$want_qt" = 1 ]; then
  wanted+=("${OFFSCREEN[@]}")
  [ "$want_x11" = 1 ] && wanted+=("${X11[@]}")
fi
wanted+=("${extra[@]+"${extra[@]}"}")

py=${PYTHON:-python3}
venv_ok() { "$py" -c 'import ensurepip, venv' >/dev/null 2>&1; }
if [ "$want_venv" = 1 ] && ! venv_ok; then
  wanted+=(python3-venv)
fi
[ "${#wanted[@]}" -gt 0 ] || exit 0

if ! command -v dpkg-query >/dev/null 2>&1; then
  echo "install-system-deps: no dpkg-query here (not Debian/Ubuntu); make sure the equivalents of" \
       "these are installed: ${wanted[*]}" >&2
  exit 0
fi

# Installed under its own name, or under Ubuntu 24.04's 64-bit-time name (libglib2.0-0t64).
installed() {
  local status
  status=$(dpkg-query -W -f='${Status}\n' "$1" "${1}t64" 2>/dev/null || true)
  [[ "$status" == *" installed"* ]]
}

missing=()
for p in "${wanted[@]}"; do
  if [ "$p" = python3-venv ]; then missing+=("$p"); continue; fi  # asked for only when broken
  installed "$p" || missing+=("$p")
done
[ "${#missing[@]}" -gt 0 ] || exit 0

if [ "$(id -u)" = 0 ]; then
  SUDO=()
elif command -v sudo >/dev/null 2>&1; then
  SUDO=(sudo)
else
  echo "install-system-deps: missing Debian packages: ${missing[*]}" >&2
  echo "install-system-deps: not root and no sudo; as root run:" \
       "apt-get update && apt-get install -y --no-install-recommends ${missing[*]}" >&2
  echo "install-system-deps: (or set SKIP_SYSTEM_DEPS=1 to go on without them)" >&2
  exit 1
fi

export DEBIAN_FRONTEND=noninteractive
echo "install-system-deps: installing missing Debian packages: ${missing[*]}"
echo "+ ${SUDO[*]:+${SUDO[*]} }apt-get update -q"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null
echo "+ ${SUDO[*]:+${SUDO[*]} }apt-get install -y --no-install-recommends ${missing[*]}"
"${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y -q --no-install-recommends "${missing[@]}" </dev/null >/tmp/install-system-deps.$$.log 2>&1 || {
    cat /tmp/install-system-deps.$$.log >&2; rm -f /tmp/install-system-deps.$$.log; exit 1; }
rm -f /tmp/install-system-deps.$$.log

# python3-venv belongs to the default python3; another Debian python3.X needs python3.X-venv.
if [ "$want_venv" = 1 ] && ! venv_ok; then
  ver=$("$py" -c 'import sys; print("%d.%d" % sys.version_info[:2])')
  echo "+ ${SUDO[*]:+${SUDO[*]} }apt-get install -y --no-install-recommends python${ver}-venv"
  "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive \
    apt-get install -y -q --no-install-recommends "python${ver}-venv" </dev/null >/dev/null
fi
echo "install-system-deps: done"
