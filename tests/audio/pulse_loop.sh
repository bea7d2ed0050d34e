#!/bin/sh
# Gapless looping and an equal-power crossfade through a real PulseAudio
# server: a private server with a null sink, its monitor recorded with parec.
# A run in which the engine reported an underrun (a loaded machine starved
# the server or the player) has a gap, as it says; such a run is repeated,
# up to three times, and the recording of the first run without one is
# checked.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
pulse_require
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 3 48000 2 noise || exit 99
pulse_start || exit 99

# One run: play a, then b, recording the monitor; 0 when the engine
# reported no underrun (the recording can then be checked).
run_once() {
	pulse_record "$TEST_TMP/rec.raw" || { fail "parec did not start"; finish; }
	engine_start --headless
	engine_send "debug on=1"
	engine_send "set key=min_duration value=15"
	engine_send "set key=crossfade value=3"
	engine_send "set key=latency_ms value=300"
	engine_send "volume level=100"
	engine_send "play file=$TEST_TMP/a.wav"
	engine_wait '^loop title=a ' 30 && pass "the first loop starts" || fail "no loop event for a.wav"
	expect_line "$ENGINE_EV" '^audio state=ok ' "the engine reports the audio server"
	engine_send "save path=$TEST_TMP/sa.wav"
	engine_wait '^saved path=.*sa\.wav' && pass "the first loop is saved" || fail "save of a.wav"
	engine_send "play file=$TEST_TMP/b.wav"
	engine_wait '^loop title=b ' 40 && pass "the player switches to the second loop" || fail "no switch to b.wav"
	engine_send "save path=$TEST_TMP/sb.wav"
	engine_wait '^saved path=.*sb\.wav' && pass "the second loop is saved" || fail "save of b.wav"
	engine_send "analysis"
	engine_wait '^analysis ' 10 || fail "no analysis of b.wav"
	# b (a beat every 0.5 s) enters on its downbeat: that frame of its loop.
	bstart=$(sed -n 's/^analysis .* downbeat=\([0-9]*\) .*/\1/p' "$ENGINE_EV" | tail -1)
	# Let the 3 s crossfade and two more seconds play, then stop recording first.
	engine_send "ping id=x"
	sleep 6
	pulse_record_stop
	expect_line "$ENGINE_EV" '^spectrum bands=[0-9a-f]{64} at=[0-9]+$' "spectrum events while playing"
	engine_quit; st=$ENGINE_STATUS; expect_status 0 "$st" "the engine exits 0"
	! grep -q '^log level=warn msg="audio underrun' "$ENGINE_EV"
}

attempt=1
while ! run_once; do
	echo "attempt $attempt: the engine reported an underrun; running again"
	attempt=$((attempt + 1))
	[ $attempt -le 3 ] || break
done
[ $attempt -le 3 ] && pass "a run without underruns" || fail "underruns in all three runs"
if "$B/loopcheck" pulse "$TEST_TMP/rec.raw" "$TEST_TMP/sa.wav" "$TEST_TMP/sb.wav" 3 5 "${bstart:-0}"; then
	pass "recording: gapless sample-exact repetitions, equal-power crossfade"
else
	fail "the recording does not match the loops"
fi
finish
