#!/bin/sh
# The station controls through the protocol: `hold` keeps the loop playing
# past the minimum duration while the queue waits (skip still switches, and
# after the release the queued loop follows); `prev` crossfades back, step
# by step, to the loops played before, with the queue kept, and says "no
# previous loop" when there is none; `toggle` pauses and resumes; `sleep`
# stops playback and generation when its time is up; a file asked for
# comes ahead of the station's loops. The first run races
# (--fast: the minimum duration passes at once in wall time); the sleep
# timer counts wall time, so the second run plays in real time.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 3 48000 2 noise &&
	"$B/mkwav" "$TEST_TMP/c.wav" 2 48000 2 tone && "$B/mkwav" "$TEST_TMP/d.wav" 3 48000 2 chord || exit 99
printf 'min_duration = 10;\ncrossfade = 0.5;\n' >"$TEST_TMP/cfg"

# Ask for `status` every 0.2 s until one matches REGEX (at most SECS); 0
# when one did.
status_until() { # REGEX SECS
	_su_n=$(($2 * 5))
	while [ "$_su_n" -gt 0 ]; do
		engine_send status
		sleep 0.2
		engine_seen "^status $1" && return 0
		_su_n=$((_su_n - 1))
	done
	return 1
}
# The number of events matching REGEX.
count() { grep -Ec -- "$1" "$ENGINE_EV"; }

engine_start --engine --config "$TEST_TMP/cfg" --output null --fast
engine_send prev
expect_event '^error code=state msg="no previous loop" verb=prev$' "prev before any loop: code=state, no previous loop"
engine_send "play file=$TEST_TMP/a.wav"
expect_event '^loop title=a .* id=1$' "a plays"
engine_send hold
expect_event '^log level=info msg="holding a"$' "hold says holding a"
engine_send "play file=$TEST_TMP/b.wav"
expect_event '^log level=info msg="queued b ' "b is queued"
# The timeline races: a plays far past its 10 s minimum while held.
if status_until '.* title=a .* elapsed=([2-9][0-9]|[0-9]{3,})\.[0-9]+ .* next_ready=1 .* hold=1 ' 20; then
	pass "held: a played over 20 s (minimum 10 s) with b ready"
else
	fail "no status with a held past 20 s"; grep '^status' "$ENGINE_EV" | tail -2 >&2
fi
[ "$(count '^loop title=b')" -eq 0 ] && pass "no loop event for b while a is held" ||
	fail "b started while a was held"
engine_send "hold on=0"
expect_event '^log level=info msg="hold released"$' "hold on=0 releases it"
expect_event '^loop title=b .* id=2$' "after the release, b follows"
engine_send "hold on=1"
expect_event '^log level=info msg="holding b"$' "holding b"
engine_send "play file=$TEST_TMP/c.wav"
expect_event '^log level=info msg="queued c ' "c is queued"
engine_send skip
expect_event '^loop title=c .* id=3$' "skip still switches while held"
engine_send "play file=$TEST_TMP/d.wav"
expect_event '^log level=info msg="queued d ' "d is queued (and waits: held)"
engine_send prev
expect_event '^loop title=b .* id=4$' "prev brings b back (a new loop event, a new id)"
expect_event '^log level=info msg="back to b"$' "prev says back to b"
engine_send prev
expect_event '^loop title=a .* id=5$' "prev again brings a back"
engine_send prev
expect_event '^error code=state msg="no previous loop" verb=prev$' "prev past the first loop: no previous loop"
status_until '.* title=a .* next_ready=1 .* hold=1 ' 10 && pass "a plays, held, d still queued" ||
	fail "status does not say a held with d queued"
[ "$(count '^loop title=d')" -eq 0 ] && pass "d has not played yet" || fail "d played while held"
engine_send hold
expect_event '^log level=info msg="hold released"$' "hold without a field toggles it off"
expect_event '^loop title=d .* id=6$' "the queued d follows the loop brought back"
engine_send toggle
expect_event '^log level=info msg=paused$' "toggle pauses"
status_until 'state=paused ' 10 && pass "status says paused" || fail "status does not say paused"
engine_send toggle
expect_event '^log level=info msg=resumed$' "toggle resumes"
status_until 'state=playing .* hold=0 sleep_left=0\.0$' 10 && pass "status says playing, hold=0, no sleep timer" ||
	fail "status does not say playing"
engine_send "sleep minutes=1 seconds=1"
expect_event '^error code=bad_value msg="give .minutes. or .seconds., not both" verb=sleep$' "sleep with both fields is refused"
engine_send sleep
expect_event '^error code=missing_field .*verb=sleep$' "sleep with no field is refused"
engine_send "sleep minutes=1441"
expect_event '^error code=bad_value msg="minutes=1441 is outside 0..1440" verb=sleep$' "sleep over a day is refused"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"

# A station in real time: sleep stops playback and generation.
engine_start --engine --config "$TEST_TMP/cfg" --output null
engine_send 'start prompt="ambient, 70 bpm"'
expect_event '^loop ' "the station plays"
# A file asked for comes next, ahead of the station's loop queued already
# (held meanwhile, so that the station's loop cannot start first).
status_until 'state=playing .* next_ready=1 next_title="[^"]+" ' 30 || fail "the station queued no next loop"
engine_send hold
expect_event '^log level=info msg="holding ' "the loop is held"
engine_send "play file=$TEST_TMP/a.wav"
expect_event '^log level=info msg="queued a ' "a file asked for is queued"
status_until 'state=playing .* next_ready=1 next_title=a ' 10 && pass "the file comes next, ahead of the station's loop" ||
	{ fail "the file is not next"; grep '^status' "$ENGINE_EV" | tail -1 >&2; }
engine_send hold
expect_event '^log level=info msg="hold released"$' "the hold is released"
engine_send "sleep minutes=45"
status_until '.* sleep_left=(269[0-9]|2700)\.[0-9]$' 10 && pass "sleep minutes=45: status counts 2700 s down" ||
	fail "no sleep_left near 2700"
engine_send "sleep minutes=0"
expect_event '^log level=info msg="sleep timer off"$' "sleep minutes=0 turns it off"
status_until '.* sleep_left=0\.0$' 10 && pass "status: sleep_left=0.0 once off" || fail "sleep_left is not 0 once off"
engine_send "sleep seconds=3"
expect_event '^log level=info msg="sleep timer: the station stops in 3 seconds"$' "sleep seconds=3 is set"
status_until 'state=playing .* sleep_left=[0-3]\.[0-9]$' 5 && pass "status counts the seconds left" ||
	fail "no sleep_left under 3 s while playing"
expect_event '^log level=info msg="sleep timer: stopped"$' "the sleep timer stops the station" 20
expect_event '^gen state=stopped ' "generation is stopped with it" 10
status_until 'state=stopped .* gen=idle .* sleep_left=0\.0$' 10 && pass "status: stopped, generation idle, timer off" ||
	{ fail "status does not say stopped"; grep '^status' "$ENGINE_EV" | tail -1 >&2; }
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish
