#!/usr/bin/env bash
# Record the sample article (/work/shared/samples) through the casefile TUI in tmux, from an
# empty case file, counting every key sent (issue 18). Needs tmux and .venv.
# Usage: scripts/record-sample.sh [REPO] [DB]; screens go to $(dirname DB)/screens.txt.
# Check the result: casefile --db DB list --json; show P1; claims --conflicts.
set -euo pipefail
REPO=${1:-$(pwd)}
DB=${2:-/tmp/casefile-sample/case.db}
OUT=$(dirname "$DB")
mkdir -p "$OUT"
S=rec$$
TOTAL=0   # every key sent
TEXT=0    # of which free text: names, roles, dates, notes, search words (one key per character)
LOG="$OUT/screens.txt"
: >"$LOG"
rm -f "$DB" "$DB".*

cap() { tmux capture-pane -p -t "$S"; }
shot() { { echo "=== $1 (keys so far $TOTAL)"; cap; } >>"$LOG"; }
wait_for() {  # wait until TEXT is on screen (up to 60 s)
  local i
  for i in $(seq 1 300); do
    if cap | grep -qF -- "$1"; then return 0; fi
    sleep 0.2
  done
  shot "TIMEOUT waiting for: $1"
  echo "timeout waiting for: $1 (see $LOG)" >&2
  tmux kill-session -t "$S" 2>/dev/null || true
  exit 1
}
wait_re() {  # the same for an extended regular expression
  local i
  for i in $(seq 1 300); do
    if cap | grep -qE -- "$1"; then return 0; fi
    sleep 0.2
  done
  shot "TIMEOUT waiting for: $1"; echo "timeout waiting for: $1 (see $LOG)" >&2
  tmux kill-session -t "$S" 2>/dev/null || true; exit 1
}
key() { local k; for k in "$@"; do tmux send-keys -t "$S" "$k"; TOTAL=$((TOTAL + 1)); done; }
typ() { tmux send-keys -t "$S" -l -- "$1"; TOTAL=$((TOTAL + ${#1})); TEXT=$((TEXT + ${#1})); }
tabs() { local n; for n in $(seq 1 "$1"); do key Tab; done; }

tmux new-session -d -s "$S" -x 160 -y 45 "$REPO/.venv/bin/casefile --db $DB"
wait_for "Search names"

N_P=0; N_O=0; N_PL=0; N_S=0; N_E=0
saved() { wait_for "Saved $1."; }

# ---- entities ------------------------------------------------------------------------------
ART="Belarus Under Pressure from the U.S. Releases Another 13 Political Prisoners"
key n s; typ "$ART"; tabs 2; typ article; tabs 2; typ "European Pravda"; tabs 2; typ 2025-06-21
tabs 2; typ B; key C-s; saved S1
key n o; typ Viasna; tabs 2; typ NGO; key C-s; saved O1
key n o; typ "Nasha Niva"; tabs 2; typ "media outlet"; key C-s; saved O2
key n l; typ Minsk; tabs 2; typ Belarus; key C-s; saved PL1
key n l; typ Lithuania; key C-s; saved PL2
key n e; typ "Release of political prisoners"; tabs 2; typ release; tabs 1; typ 2025-06-21
key C-s; saved E1
key n e; typ "Keith Kellogg's visit to Minsk"; tabs 2; typ visit; tabs 1; typ 2025-06-21; tabs 1
typ Minsk; key Enter C-s; saved E2
n=0
for who in "Sviatlana Tikhanovskaya" "Natalya Dulina" "Ihor Korney" "Halina Krasnyanskaya" \
           "Akihiro Gayeu-Hanada" "Kyrylo Balakhonov"; do
  n=$((n + 1)); key n p; typ "$who"; tabs 3; typ released; key C-s; saved "P$n"
done
for who in "Sergei Tikhanovsky" "Alexander Lukashenko" "Keith Kellogg" "Donald Trump" "John Coul" \
           "Sviatlana Tsikhanouskaya"; do
  n=$((n + 1)); key n p; typ "$who"; key C-s; saved "P$n"
done
shot "entities saved"

# ---- links from the release (E1): each released person, citing the article ----------------
open_by() { key /; typ "$1"; key Enter; wait_for "— $2"; }   # the header names the open dossier
open_by E1 "E1 Release"
L=0
linked() { L=$((L + 1)); wait_for "Saved link L$L."; }
first=1
for who in Tikhanovskaya Dulina Korney Krasnyanskaya Gayeu Balakhonov; do
  key l; typ "$who"; key Enter Tab; typ released; key Tab; typ 2025-06-21
  if [ $first = 1 ]; then key Tab Tab; typ Belarus; key Enter; first=0; fi
  key C-s; linked
done
shot "release links"
open_by P1 "P1 Sviatlana"
key l; typ Tikhanovsky; key Enter Tab; typ "spouse of"; key C-s; linked
open_by P9 "P9 Keith"
key l; typ Lukashenko; key Enter Tab; typ "met with"; key Tab; typ 2025-06-21; key C-s; linked
key l; typ Trump; key Enter Tab; typ "special envoy of"; key C-s; linked
key l; typ "E2"; key Enter Tab; typ "took part in"; key Tab; typ 2025-06-21; key C-s; linked
open_by P11 "P11 John"
key l; typ Kellogg; key Enter Tab; typ "deputy press secretary of"; key C-s; linked
open_by O1 "O1 Viasna"
key l; typ E1; key Enter Tab; typ "reported"; key C-s; linked
open_by PL2 "PL2 Lithuania"
key l; typ E1; key Enter Tab; typ "supported"; key C-s; linked
shot "links saved"

# ---- a citation on Tikhanovskaya, with locator and quote --------------------------------------
open_by P1 "P1 Sviatlana"
key c; wait_for "Cite"; key Tab; typ "paragraph 1"; key Tab
typ "including well-known opposition figure Sviatlana Tikhanovskaya"; key Tab; typ 2; key C-s
wait_re "Saved citation CI[0-9]+\."
shot "citation saved"

# ---- claims on the release: 13 (headline) vs 14 (body), resolved -----------------------------
open_by E1 "E1 Release"
key k; wait_for "No claims yet"
key a; wait_for "New claim"; typ released_count; key Tab; typ 13; key Tab Tab; typ 2025-06-21; key Tab
typ 3; key Tab; typ headline; key C-s; wait_for "1 claims,"
key a; wait_for "New claim"; typ released_count; key Tab; typ 14; key Tab Tab; typ 2025-06-21; key Tab
typ 2; key Tab; typ "body and Coul's quote"; key C-s; wait_for "2 claims, 1 open"
key r; wait_for "Prefer"; key End Tab; typ "the body and the official quote say 14"; key C-s
wait_for "0 open conflicts"
shot "claims resolved"
key k   # back (Esc followed at once by a key reads as alt+key in a terminal)

# ---- merge the two spellings of Tikhanovskaya --------------------------------------------------
open_by P12 "P12 Sviatlana"
key m; wait_for "likely duplicate"; shot "duplicates"
if cap | grep -qF "P1 Sviatlana Tikhanovskaya  ⇄"; then key 1; else key 2; fi   # keep P1
wait_for "(y)"; shot "merge asked"; key y; wait_for "No likely duplicates"; key m
wait_for "— P1 Sviatlana"
shot "merged"
key C-q
sleep 1
tmux kill-session -t "$S" 2>/dev/null || true
echo "keys: total $TOTAL, free text $TEXT, without free text $((TOTAL - TEXT))"
