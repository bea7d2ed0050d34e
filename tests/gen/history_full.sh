#!/bin/sh
# The history on a full disk: one warning, not one per attempt; generation
# goes on, and the history is intact once there is room again.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
command -v sqlite3 >/dev/null 2>&1 || { echo "sqlite3 not found"; exit 77; }
T="$TEST_TMP"
mkdir -p "$T/full"
mount -t tmpfs -o size=256k tmpfs "$T/full" 2>/dev/null || { echo "tmpfs cannot be mounted here: skipped"; exit 77; }
il_at_exit "umount '$T/full' 2>/dev/null"
export XDG_DATA_HOME="$T/full"
printf 'stats\n' | "$IL_BIN" --engine --output null >"$T/out" 2>&1
db="$T/full/infiniloop/history.db"
[ -f "$db" ] && pass "the history is made on the small disk" || fail "no history made"
printf 'duration = 5;\nmin_duration = 10;\ncrossfade = 1.0;\n' >"$T/cfg"
engine_start --headless --config "$T/cfg" --prompt "chiptune, 140 bpm" --output null --fast --switches 40
expect_event '^gen state=ready' "a first loop is made" 60
dd if=/dev/zero of="$T/full/fill" bs=1k 2>/dev/null # the disk is full from now on
engine_wait '^gen state=ready' 60 12
n=$(grep -c '^gen state=ready' "$ENGINE_EV")
[ "$n" -ge 12 ] && pass "loops are still generated on the full disk ($n)" || fail "only $n loops generated"
engine_stop_within 30
expect_status 0 "$ENGINE_STATUS" "the station exits 0"
w=$(grep -c 'cannot add a row' "$ENGINE_EV")
[ "$w" -eq 1 ] && pass "the full history is said once" || fail "the full history is said $w times"
expect_line "$ENGINE_EV" 'cannot add a row: .*full.*; attempts are not recorded until it works again' "the message says what happens"
rm -f "$T/full/fill"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] && pass "the history is intact" || fail "the history is damaged"
finish
