#!/bin/sh
# The bad-input catalogue: each bad input gets one clear line naming it and
# the reason, a non-zero exit (or an error event), no crash, and nothing of
# the user's lost.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
command -v python3 >/dev/null || { echo "python3 missing"; exit 77; }
bad="$TEST_TMP/bad"; mkdir -p "$bad"
python3 "$top_srcdir/tests/robust/mkbad.py" "$bad" || exit 99
out="$TEST_TMP/out"; err="$TEST_TMP/err"

# analyze_rejects FILE REASON-REGEX: --analyze fails with one line naming both.
analyze_rejects() {
	before=$(cksum <"$bad/$1")
	"$IL_BIN" --analyze "$bad/$1" >"$out" 2>"$err"; st=$?
	expect_status 1 "$st" "$1: --analyze exits 1"
	if [ "$(wc -l <"$err")" -eq 1 ] && grep -Eq "^infiniloop-tui: .*$1: $2" "$err"; then
		pass "$1: one line naming the file and the reason"
	else
		fail "$1: message is: $(cat "$err")"
	fi
	[ -s "$out" ] && fail "$1: something on stdout" || pass "$1: nothing on stdout"
	[ "$(cksum <"$bad/$1")" = "$before" ] && pass "$1: file untouched" || fail "$1: file changed"
}
analyze_rejects empty.wav 'empty'
analyze_rejects text.wav 'unreadable'
analyze_rejects truncated.wav 'too short'
analyze_rejects truncated-header.wav '(unreadable|empty|too short)'
analyze_rejects huge-header.wav 'too short'
analyze_rejects huge-fmt.wav 'unreadable'
analyze_rejects zero-channels.wav 'unreadable: Channel count is zero'
analyze_rejects one-frame.wav 'too short'
analyze_rejects nan.wav 'invalid audio \(sample 12345 is not a finite number\)'
analyze_rejects inf.wav 'invalid audio \(sample 12345 is not a finite number\)'

# A 2-hour file: refused from its header, in bounded time and memory.
if command -v /usr/bin/time >/dev/null 2>&1; then # Debian package time (setup.sh)
	/usr/bin/time -f '%M' -o "$TEST_TMP/rss" "$IL_BIN" --analyze "$bad/two-hours.wav" >"$out" 2>"$err"
	st=$?
	rss=$(tail -n 1 "$TEST_TMP/rss")
	[ "$rss" -lt 65536 ] && pass "2-hour file refused in $rss kB (under 64 MB)" || fail "2-hour file took $rss kB"
else
	"$IL_BIN" --analyze "$bad/two-hours.wav" >"$out" 2>"$err"; st=$?
fi
expect_status 1 "$st" "2-hour file: exit 1"
expect_line "$err" 'two-hours.wav: too long \(2:00:00; at most 15 minutes\)' "2-hour file: duration and limit named"

"$IL_BIN" --analyze "$bad/good.wav" --json >"$out" 2>"$err"
expect_status 0 $? "the good clip of the same family is accepted"

# The same files through the engine: an error event each, and it plays on.
# The requests go through a FIFO that stays open until the answers are in.
engine_start --engine --output null
for f in empty text truncated huge-header zero-channels one-frame nan two-hours; do
	engine_send "play file=$bad/$f.wav"
done
engine_send "play file=$bad/nonexistent.wav"
engine_send "play file=$bad"
engine_wait '^error code=' 30 10
engine_send 'ping id=alive'
engine_quit
expect_status 0 "$ENGINE_STATUS" "engine exits 0 after bad files"
n=$(grep -c '^error code=\(io\|bad_value\) ' "$ENGINE_EV")
[ "$n" -eq 10 ] && pass "one error event per bad file (10)" || { fail "$n error events for 10 bad files"; cat "$ENGINE_EV" >&2; }
expect_line "$ENGINE_EV" 'error code=[a-z_]+ msg=".*two-hours.wav: too long' "engine names the 2-hour file"
expect_line "$ENGINE_EV" '^pong id=alive$' "engine still answers after the bad files"
[ -s "$ENGINE_ERR" ] && fail "engine wrote to stderr: $(head -c 300 "$ENGINE_ERR")" || pass "nothing on engine stderr"

# Prompts: empty, blank, 100,000 bytes, control characters. A newline is
# a legal part of a prompt (it reaches the generator as it is).
big=$(head -c 100000 /dev/zero | tr '\0' a)
printf 'start prompt=""\nstart prompt="   "\nstart prompt="calm\\x01piano"\nstart prompt="%s"\nstart prompt="calm\\npiano"\nstop\nsettings\n' "$big" |
	"$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_status 0 $? "engine exits 0 after bad prompts"
[ "$(grep -c '^error code=bad_value msg="the prompt is empty' "$out")" -eq 2 ] && pass "empty and blank prompts refused" || fail "empty prompts not refused twice"
expect_line "$out" '^error code=bad_value msg="the prompt holds a control character \(0x01 at byte 5\); use plain text" verb=start$' "control character named with its place"
expect_line "$out" '^error code=too_long ' "a 100,000-byte request line is refused"
expect_line "$out" '^setting key=last_prompt value="calm\\npiano"' "a newline prompt is accepted and kept"
printf 'settings\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_line "$out" '^setting key=last_prompt value="calm\\npiano"' "the newline prompt survives the settings file"
for p in "" "$big" "$(printf 'calm\001piano')"; do
	"$IL_BIN" --generate-only "$p" "$TEST_TMP/g.wav" >"$out" 2>"$err"; st=$?
	expect_status 1 "$st" "--generate-only refuses a bad prompt (${#p} bytes)"
	[ "$(wc -l <"$err")" -eq 1 ] && grep -q '^infiniloop-tui: the prompt ' "$err" && pass "one line says why" || fail "message: $(cat "$err")"
	[ -e "$TEST_TMP/g.wav" ] && fail "an output file was left" || pass "no output file left"
done

# Saving: an existing target (refused unless forced), an unwritable path,
# a full disk (a small tmpfs). Never a partial file, never the user's lost.
engine_start --engine --output null
engine_send "play file=$bad/good.wav"
engine_wait '^loop ' && pass "a loop plays" || fail "no loop played"
mine="$TEST_TMP/mine.wav"; printf 'precious' >"$mine"; sum=$(cksum <"$mine")
engine_send "save path=$mine"
engine_wait "^error code=io msg=\".*mine.wav exists; save with force=1" && pass "an existing file is not overwritten" || fail "no refusal"
[ "$(cksum <"$mine")" = "$sum" ] && pass "the existing file is untouched" || fail "existing file changed"
engine_send "save path=$TEST_TMP/no/such/dir/x.wav"
engine_wait '^error code=io msg=".*no/such/dir/x.wav' && pass "an unwritable path is refused with its name" || fail "no error for an unwritable path"
if mkdir -p "$TEST_TMP/small" && mount -t tmpfs -o size=64k tmpfs "$TEST_TMP/small" 2>/dev/null; then
	il_at_exit "umount '$TEST_TMP/small' 2>/dev/null"
	engine_send "save path=$TEST_TMP/small/loop.wav"
	engine_wait '^error code=io msg=".*small/loop.wav.*(No space left|space)' && pass "a full disk is reported" || fail "no error on a full disk"
	[ -z "$(ls -A "$TEST_TMP/small")" ] && pass "no partial file left on the full disk" || fail "left: $(ls -A "$TEST_TMP/small")"
else
	echo "tmpfs cannot be mounted here: full-disk case not run"
fi
engine_send "save path=$mine force=1"
engine_wait '^saved path=.*mine.wav' && pass "force=1 replaces it" || fail "force=1 did not save"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0 after the failed saves"

# The history: damaged, cut short, on a read-only file system, locked.
# Damaged files are kept aside and a fresh history started; nothing crashes.
db="$XDG_DATA_HOME/infiniloop/history.db"
engine_start --engine --output null; engine_send 'set key=duration value=5'; engine_send 'start prompt="first"'; engine_wait '^gen state=ready' || fail "no first loop"; engine_quit
rows() { sqlite3 "$db" "SELECT count(*) FROM attempts" 2>/dev/null; }
[ "$(rows)" -ge 1 ] && pass "a history row was written" || fail "no history row"
[ "$(stat -c %a "$db")" = 600 ] && pass "the history is created 0600" || fail "history mode $(stat -c %a "$db")"
head -c 4096 /dev/urandom >"$db"; rm -f "$db-wal" "$db-shm"
printf 'stats\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_line "$out" '^log level=warn msg="the history .*history.db was damaged: kept as .*history.db.damaged-[0-9-]+, a fresh one started"' "a damaged history is moved aside, with a message"
ls "$db".damaged-* >/dev/null 2>&1 && pass "the damaged file is kept" || fail "damaged file gone"
[ "$(sqlite3 "$db" 'PRAGMA integrity_check')" = ok ] && pass "a fresh history is made" || fail "no fresh history"
if command -v sqlite3 >/dev/null && mkdir -p "$TEST_TMP/rofs" && mount -t tmpfs -o size=1m tmpfs "$TEST_TMP/rofs" 2>/dev/null; then
	il_at_exit "umount '$TEST_TMP/rofs' 2>/dev/null"
	cp "$db" "$TEST_TMP/rofs/history.db"
	sqlite3 "$TEST_TMP/rofs/history.db" "INSERT INTO attempts (time, backend, model, prompt, secs, wall, outcome) VALUES (1, 'synth', 'builtin', 'old', 5, 1.0, 'ok')"
	mount -o remount,ro "$TEST_TMP/rofs"
	XDG_DATA_HOME_SAVED=$XDG_DATA_HOME; mkdir -p "$TEST_TMP/ro/infiniloop"
	mount --bind "$TEST_TMP/rofs" "$TEST_TMP/ro/infiniloop" 2>/dev/null && il_at_exit "umount '$TEST_TMP/ro/infiniloop' 2>/dev/null"
	XDG_DATA_HOME="$TEST_TMP/ro"; export XDG_DATA_HOME
	engine_start --engine --output null; engine_send 'set key=duration value=5'; engine_send 'start prompt="not kept"'
	engine_wait '^gen state=ready' && pass "generation runs with a read-only history" || fail "generation stopped"
	engine_send stats; engine_wait '^history .*prompt=old ' && pass "the read-only history is still read" || fail "read-only history not read"
	engine_quit
	expect_line "$ENGINE_EV" '^log level=warn msg="the history .* cannot be written: read-only, new attempts are not recorded"' "read-only history: said once"
	XDG_DATA_HOME=$XDG_DATA_HOME_SAVED; export XDG_DATA_HOME
else
	echo "tmpfs cannot be mounted here: read-only history case not run"
fi
# Locked by another program for 8 s: the engine waits, then records.
( sqlite3 "$db" "BEGIN EXCLUSIVE; INSERT INTO attempts (time, backend, model, prompt, secs, wall, outcome) VALUES (2, 'synth', 'builtin', 'locker', 5, 1.0, 'ok');" ".shell sleep 3" "COMMIT;" ) &
lpid=$!
sleep 0.5
engine_start --engine --output null; engine_send 'set key=duration value=5'; engine_send 'start prompt="while locked"'
engine_wait '^gen state=ready' && pass "generation runs while the history is locked" || fail "generation blocked by the lock"
wait $lpid
# The row of the attempt made while the history was locked is in.
locked_row_kept() { [ "$(sqlite3 "$db" "SELECT count(*) FROM attempts WHERE prompt='while locked'")" -ge 1 ]; }
retry_until 10 locked_row_kept
engine_quit
[ "$(sqlite3 "$db" "SELECT count(*) FROM attempts WHERE prompt IN ('locker', 'while locked')")" -ge 2 ] &&
	pass "both the locking program's row and the engine's are kept" || fail "a row was lost to the lock"

# Settings: out of range, wrong type, malformed, a directory. The engine
# starts, names file and line, uses defaults, and leaves the file alone.
cfg="$XDG_CONFIG_HOME/infiniloop/config"; mkdir -p "${cfg%/*}"
printf 'duration = 99;\ncrossfade = "long";\ntheme = [1, 2];\n' >"$cfg"
sum=$(cksum <"$cfg")
printf 'status\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_status 0 $? "engine starts with bad values"
expect_line "$out" "^log level=warn msg=\".*config:1: duration must be between 5 and 30, not 99; using default 15\"" "out of range: file, line, default"
expect_line "$out" "^log level=warn msg=\".*config:2: crossfade must be a number" "wrong type: file and line"
expect_line "$out" "^log level=warn msg=\".*config:3: theme is an array" "wrong shape: file and line"
[ "$(cksum <"$cfg")" = "$sum" ] && pass "bad config left as it is on load" || fail "bad config rewritten on load"
printf 'set key=duration value=20\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
[ -f "$cfg.bak" ] && [ "$(cksum <"$cfg.bak")" = "$sum" ] && pass "first save keeps the user's file as config.bak" || fail "no faithful config.bak"

printf 'duration = = 3;\n' >"$cfg"; sum=$(cksum <"$cfg")
printf 'set key=duration value=25\nstatus\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_line "$out" "^log level=warn msg=\".*config:1: .*your file is left as it is" "malformed: file and line"
expect_line "$out" "^error code=io .*has errors" "malformed: saving is refused"
expect_line "$out" '^status ' "malformed: the engine runs on defaults"
[ "$(cksum <"$cfg")" = "$sum" ] && pass "malformed file never overwritten" || fail "malformed file overwritten"

rm -f "$cfg" "$cfg.bak"; mkdir -p "$cfg"
printf 'status\n' | "$IL_BIN" --engine --output null >"$out" 2>"$err"
expect_status 0 $? "engine starts when the config is a directory"
expect_line "$out" 'config: is a directory, not a settings file' "directory: named"
[ -d "$cfg" ] && pass "directory left in place" || fail "directory removed"
finish
