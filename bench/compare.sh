#!/bin/bash
# Paired A/B of two builds on one machine: both servers run at once on a seeded home, each URL is measured in
# alternating 3 s wrk bursts, and the sums are compared. Restarting builds in turn mixes the machine's drift into the
# difference; alternating bursts of two live servers does not.
#
#   bench/compare.sh A-binary B-binary rounds url...
#   HOME_DIR=bench/out/home-large (default)   WARM=8 (s per URL and server)   CONNECTIONS=16
#
# Needs a home seeded by the benchmark (it logs in as its admin), wrk, sqlite3 and curl.
set -euo pipefail
A=$1; B=$2; ROUNDS=$3; shift 3
HOME_DIR=${HOME_DIR:-$(dirname "$0")/out/home-large}
JAR=$(mktemp -d)
trap 'pkill -f "urls http://127.0.0.1:1849[45]" || true; rm -rf "$JAR"' EXIT

start() { # binary port
  "$1" --Kolibri:Home="$HOME_DIR" --urls "http://127.0.0.1:$2" --Logging:LogLevel:Default=Warning >/dev/null 2>&1 &
  for _ in $(seq 100); do curl -sf "http://127.0.0.1:$2/api/public/info/" >/dev/null && break; sleep 0.1; done
  local facility
  facility=$(sqlite3 "$HOME_DIR/db.sqlite3" "SELECT id FROM kolibriauth_collection WHERE kind = 'facility' LIMIT 1")
  curl -sf -c "$JAR/$2" -b "$JAR/$2" -H 'Content-Type: application/json' -o /dev/null \
    -d "{\"username\":\"benchadmin\",\"password\":\"benchpass\",\"facility\":\"$facility\"}" "http://127.0.0.1:$2/api/auth/session/"
}

measure() { # port url seconds -> requests/s
  local csrf key
  csrf=$(awk '/csrftoken/{print $7}' "$JAR/$1"); key=$(awk -F'\t' '$6 == "kolibri" {print $7}' "$JAR/$1")
  wrk -t2 -c"${CONNECTIONS:-16}" -d"$3s" -H "Cookie: kolibri=$key; kolibri_csrftoken=$csrf" -H "X-CSRFToken: $csrf" \
    "http://127.0.0.1:$1$2" | awk '/Requests\/sec/{print $2}'
}

cpu() { awk '{print $14 + $15}' "/proc/$1/stat"; } # user + system ticks

start "$A" 18494; start "$B" 18495
PA=$(pgrep -f "urls http://127.0.0.1:18494" | head -1); PB=$(pgrep -f "urls http://127.0.0.1:18495" | head -1)
for url in "$@"; do measure 18494 "$url" "${WARM:-8}" >/dev/null; measure 18495 "$url" "${WARM:-8}" >/dev/null; done
TICKS=$(getconf CLK_TCK)
for url in "$@"; do
  ra=0; rb=0; ca=0; cb=0
  for _ in $(seq "$ROUNDS"); do
    c0=$(cpu "$PA"); n=$(measure 18494 "$url" 3); c1=$(cpu "$PA"); ra=$(awk -v a="$ra" -v b="$n" 'BEGIN {print a + b}'); ca=$((ca + c1 - c0))
    c0=$(cpu "$PB"); n=$(measure 18495 "$url" 3); c1=$(cpu "$PB"); rb=$(awk -v a="$rb" -v b="$n" 'BEGIN {print a + b}'); cb=$((cb + c1 - c0))
  done
  awk -v ra="$ra" -v rb="$rb" -v ca="$ca" -v cb="$cb" -v r="$ROUNDS" -v t="$TICKS" -v u="$url" 'BEGIN {
    printf "A %7.0f req/s %5.0f us/req | B %7.0f req/s %5.0f us/req | B/A %.3f  %s\n",
      ra / r, ca * 1e6 / t / (ra * 3), rb / r, cb * 1e6 / t / (rb * 3), rb / ra, u }'
done
echo "peak memory (VmHWM): A $(awk '/VmHWM/{print $2}' "/proc/$PA/status") kB, B $(awk '/VmHWM/{print $2}' "/proc/$PB/status") kB"
