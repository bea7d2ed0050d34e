#!/bin/sh
# A stalled PulseAudio server (SIGSTOP) is detected and reported, never
# blocks quit or SIGTERM, and playback goes on once it answers again. A
# starved sink (the engine itself stopped) counts and reports underruns.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
pulse_require
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 3 44100 1 chord || exit 99
pulse_start || exit 99

# Quit within this many seconds, or say it hung (kill it then).
quit_within() { # SECS WHAT
	n=$(( $1 * 10 ))
	while kill -0 "$ENGINE_PID" 2>/dev/null && [ $n -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
	if kill -0 "$ENGINE_PID" 2>/dev/null; then
		fail "$2: still running after $1 s"
		kill -9 "$ENGINE_PID" 2>/dev/null
	else
		pass "$2"
	fi
	wait "$ENGINE_PID" 2>/dev/null
	ENGINE_PID=""
}

engine_start --headless --output pulse --play "$TEST_TMP/a.wav"
engine_wait '^loop title=a ' 30 || fail "no loop event"
engine_wait '^audio state=ok ' 10 || fail "no audio=ok"
# The engine starves its own stream: an underrun, counted and reported.
sleep 1
kill -STOP "$ENGINE_PID"; sleep 1; kill -CONT "$ENGINE_PID"
expect_event '^log level=warn msg="audio underrun: the output ran dry \([1-9][0-9]* so far' \
	"a starved PulseAudio stream reports an underrun" 20
engine_send "status"
engine_wait '^status .*underruns=[1-9]' 10 && pass "status counts underruns" || fail "status without underruns"

# The server stalls: reported, not audio=ok.
kill -STOP "$PULSE_PID"
engine_wait '^audio state=lost msg="audio server not responding' 20 \
	&& pass "the stalled server is reported" || fail "no report of the stalled server"
engine_send "status"
expect_event '^status .*audio=lost' "status no longer says audio=ok" 10
engine_send "ping id=alive"
engine_wait '^pong id=alive$' 10 && pass "the engine answers while the server is stalled" || fail "no pong"
# It answers again: the engine reconnects and plays on.
kill -CONT "$PULSE_PID"
engine_wait '^audio state=ok msg="audio server back; playing on"' 30 \
	&& pass "the engine plays on once the server answers" || fail "no reconnection after SIGCONT"
# A null sink that was idle sleeps through its longest block (up to 2 s)
# before it takes a new stream's first samples: 4 s hold 2 s of music.
pulse_record "$TEST_TMP/rec.raw" || fail "parec did not start"
sleep 4
pulse_record_stop
loud=$(od -An -v -td2 -w2 "$TEST_TMP/rec.raw" | awk '{ if ($1 > 1000 || $1 < -1000) n++ } END { print n + 0 }')
[ "$loud" -gt 1000 ] && pass "music is heard after the stall ($loud loud samples)" || fail "silence after the stall"

# Stalled again: quit and SIGTERM do not wait for the server.
kill -STOP "$PULSE_PID"
sleep 0.5
engine_send quit
exec 3>&-
quit_within 10 "quit exits while the server is stalled"
engine_start --headless --output pulse --play "$TEST_TMP/a.wav"
sleep 3 # connecting to the stalled server: the engine runs, waiting for it
kill -TERM "$ENGINE_PID"
quit_within 10 "SIGTERM ends the engine while the server is stalled"
kill -CONT "$PULSE_PID"
finish
