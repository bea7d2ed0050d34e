#!/bin/sh
# No hard cut anywhere: `crossfade 0` still ramps for 5 ms, quitting ramps
# the sound out. A sink starved of frames (the engine stopped) counts
# underruns, reports them, and grows its buffer when they recur.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 2 48000 2 tone || exit 99

# crossfade 0: the switch from a to b ramps, so no step is larger than the
# music's own (a hard cut makes one of about 0.3 here).
printf 'min_duration = 10;\ncrossfade = 0.0;\nvolume = 100;\n' >"$XDG_CONFIG_HOME/cfg"
"$IL_BIN" --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" \
	--output "file:$TEST_TMP/x0.wav" --fast --switches 1 </dev/null >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_status 0 $? "crossfade 0 run exits 0"
"$B/loopcheck" frames "$TEST_TMP/x0.wav" 960000 && pass "20 s written" || fail "wrong length"
"$B/loopcheck" step "$TEST_TMP/x0.wav" 0.06 && pass "crossfade 0: no step at the switch" \
	|| fail "crossfade 0 cuts hard"

# Quitting ramps the sound out: the file ends in silence, not mid-wave.
printf 'min_duration = 10;\ncrossfade = 3.0;\nvolume = 100;\n' >"$XDG_CONFIG_HOME/cfg"
engine_start --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" --output "file:$TEST_TMP/q.wav"
engine_wait '^loop title=a ' 30 || fail "no loop event"
sleep 1.5
engine_quit; expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
"$B/loopcheck" tail "$TEST_TMP/q.wav" && pass "quit ramps out" || fail "quit cuts the sound"

# The null sink starved three times within 30 s: three underruns, reported,
# and the buffer doubles.
engine_start --headless --config "$XDG_CONFIG_HOME/cfg" --play "$TEST_TMP/a.wav" --output null
engine_wait '^loop title=a ' 30 || fail "no loop event"
sleep 0.5
kill -STOP "$ENGINE_PID"; sleep 0.6; kill -CONT "$ENGINE_PID"
engine_wait '^log level=warn msg="audio underrun: the output ran dry \(1 so far, buffer 200 ms\)' 10 \
	&& pass "the starved sink reports its underrun" || fail "no underrun reported"
engine_send "status"
engine_wait '^status .*audio=off sink=null underruns=1 buffer_ms=200 ' 10 && pass "status: one underrun" \
	|| fail "status does not count the underrun"
for i in 2 3; do
	sleep 0.5; kill -STOP "$ENGINE_PID"; sleep 0.6; kill -CONT "$ENGINE_PID"
done
engine_wait '^log level=warn msg="audio underruns keep happening \(3 so far\): the buffer grows to 400 ms"' 10 \
	&& pass "recurring underruns grow the buffer, and say so" || fail "the buffer did not grow"
engine_send "status"
engine_wait '^status .*underruns=3 buffer_ms=400 ' 10 && pass "status: three underruns, a 400 ms buffer" \
	|| fail "status after three underruns"
engine_quit; expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
[ -s "$ENGINE_ERR" ] && fail "stderr: $(head -c 300 "$ENGINE_ERR")" || pass "nothing on stderr"
finish
