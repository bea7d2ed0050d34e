#!/bin/sh
# The ALSA sink, with no sound card: ALSA's file plugin over its null plugin
# (a private ~/.asoundrc) records exactly what the sink wrote. Checks the
# recording sample for sample (gapless loop repetitions, an equal-power
# crossfade), `output auto` both ways, and clear messages for a missing
# ALSA device, `output null` and an unwritable `file:` output. With
# PulseAudio and ALSA's pulse plugin (libasound2-plugins), a real-time
# device: an underrun is counted and recovered, and a device that goes away
# and comes back is reopened.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord && "$B/mkwav" "$TEST_TMP/b.wav" 3 48000 2 noise || exit 99
cat >"$HOME/.asoundrc" <<EOF
pcm.ilrec { type file slave.pcm "ilnull" file "$TEST_TMP/rec.raw" format "raw" }
pcm.ilnull { type null }
pcm.ilauto { type file slave.pcm "ilnull" file "$TEST_TMP/auto.raw" format "raw" }
pcm.!default { type plug slave.pcm "ilauto" }
pcm.ilpa { type file slave.pcm "ilpulse" file "$TEST_TMP/rt.raw" format "raw" }
pcm.ilpulse { type pulse }
EOF
printf 'min_duration = 10;\ncrossfade = 3.0;\nvolume = 100;\n' >"$XDG_CONFIG_HOME/cfg"
cfg="--config $XDG_CONFIG_HOME/cfg"

# The loops as the engine prepares them (the null sink, saved with loop points).
engine_start --headless $cfg --output null
engine_send "play file=$TEST_TMP/a.wav"
engine_wait '^loop title=a ' 30 || fail "no loop event for a.wav"
engine_send "save path=$TEST_TMP/sa.wav"
engine_send "play file=$TEST_TMP/b.wav"
engine_wait '^log level=info msg="queued b ' 30 || fail "b.wav was not queued"
engine_send "skip"
engine_wait '^loop title=b ' 30 || fail "no loop event for b.wav"
engine_send "save path=$TEST_TMP/sb.wav"
engine_send "analysis"
engine_send "status"
engine_wait '^status ' 10 || fail "no status"
engine_quit
expect_line "$ENGINE_EV" '^status .*audio=off sink=null ' "status says audio=off (output off) for output null"
[ -s "$TEST_TMP/sa.wav" ] && [ -s "$TEST_TMP/sb.wav" ] || { fail "the loops were not saved"; finish; }
# b (a beat every 0.5 s) enters on its downbeat: that frame of its loop.
bstart=$(sed -n 's/^analysis .* downbeat=\([0-9]*\) .*/\1/p' "$ENGINE_EV" | head -1)
[ -n "$bstart" ] && pass "b's downbeat: frame $bstart of its loop" || fail "no downbeat in the analysis of b"

# Through ALSA: 10 s of a, a 3 s crossfade, then b, written as fast as the
# null plugin takes it (--fast waits for loops being prepared).
"$IL_BIN" --headless $cfg --play "$TEST_TMP/a.wav" "$TEST_TMP/b.wav" --output alsa:ilrec --fast \
	--switches 1 </dev/null >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_status 0 $? "headless through ALSA exits 0"
expect_line "$TEST_TMP/out" '^audio state=ok msg="playing through ALSA device ilrec" sink=alsa:ilrec$' \
	"the audio event names the ALSA device"
[ -s "$TEST_TMP/err" ] && fail "stderr: $(head -c 300 "$TEST_TMP/err")" || pass "nothing on stderr"
bytes=$(wc -c <"$TEST_TMP/rec.raw")
[ "$bytes" -eq $((20 * 48000 * 8)) ] && pass "the recording holds exactly 20 s" || fail "recording of $bytes bytes"
if "$B/loopcheck" alsa "$TEST_TMP/rec.raw" "$TEST_TMP/sa.wav" "$TEST_TMP/sb.wav" 3 4 "${bstart:-0}"; then
	pass "ALSA recording: gapless sample-exact repetitions, equal-power crossfade"
else
	fail "the ALSA recording does not match the loops"
fi

# Errors in plain words. status_until_audio: ask for the status, then keep
# the engine's input open until it has reported on its output (at most 10 s),
# so that its quit at end of input never comes before the report.
status_until_audio() {
	printf 'status\n'
	for _ in $(seq 100); do
		grep -q '^audio ' "$TEST_TMP/out" 2>/dev/null && break
		sleep 0.1
	done
}
: >"$TEST_TMP/out"
status_until_audio | "$IL_BIN" --engine --output alsa:nosuchdevice >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_line "$TEST_TMP/out" '^audio state=none msg="no ALSA device nosuchdevice' "a missing ALSA device is named"
[ -s "$TEST_TMP/err" ] && fail "stderr: $(head -c 300 "$TEST_TMP/err")" || pass "libasound prints nothing on stderr"
: >"$TEST_TMP/out"
status_until_audio | "$IL_BIN" --engine --output "file:$TEST_TMP/nodir/x.wav" >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_line "$TEST_TMP/out" "^audio state=none msg=\"cannot write $TEST_TMP/nodir/x.wav: No such file or directory;" \
	"a failing file output says 'cannot write FILE: reason'"
grep -q 'no audio server\|System error' "$TEST_TMP/out" && fail "the file error speaks of a server or libsndfile" \
	|| pass "the file error names neither a server nor libsndfile's wording"

# output auto without a PulseAudio server: ALSA's default device.
PULSE_SERVER="unix:$TEST_TMP/no-such-server" "$IL_BIN" --headless $cfg --play "$TEST_TMP/a.wav" --output auto \
	--seconds 2 </dev/null >"$TEST_TMP/out" 2>"$TEST_TMP/err"
expect_status 0 $? "auto without a server exits 0"
expect_line "$TEST_TMP/out" '^audio state=ok msg="playing through ALSA device default" sink=alsa:default$' \
	"auto without a server picks ALSA's default device"
[ "$(wc -c <"$TEST_TMP/auto.raw" 2>/dev/null || echo 0)" -gt 96000 ] && pass "ALSA's default device got the sound" \
	|| fail "nothing reached ALSA's default device"

# output auto with a PulseAudio server: pulse.
if [ -z "$PULSEAUDIO_BIN" ] || [ -z "$PACTL_BIN" ]; then
	echo "SKIP: pulseaudio is needed for the rest"
	finish
fi
pulse_start || exit 99
rm -f "$TEST_TMP/auto.raw"
engine_start --headless $cfg --play "$TEST_TMP/a.wav" --output auto
engine_wait '^audio state=ok ' 20 || fail "no audio event with a server"
engine_send "status"
engine_wait '^status ' 10 || fail "no status"
engine_quit
expect_line "$ENGINE_EV" '^audio state=ok msg="playing through the audio server \(PulseAudio\)" sink=pulse$' \
	"auto with a server picks PulseAudio"
expect_line "$ENGINE_EV" '^status .*output=auto audio=ok sink=pulse underruns=0 ' "status names pulse as the output in use"
[ -e "$TEST_TMP/auto.raw" ] && fail "ALSA was opened although a server answered" || pass "ALSA was left alone"

# A real-time ALSA device (ALSA's pulse plugin): underruns and recovery.
if ! ls /usr/lib/*/alsa-lib/libasound_module_pcm_pulse.so >/dev/null 2>&1; then
	echo "SKIP: ALSA's pulse plugin (libasound2-plugins) is needed for the rest"
	finish
fi
# The file plugin starts its file again at each recovery of the device, so
# the recording holds only what followed the last one: each round starves
# the device (a recovery: the file starts with a), then switches to b. On a
# loaded machine the device may be recovered again on its own (counted as
# an underrun or not) and the file then starts in the crossfade or in b:
# such a round cannot be compared and is played again (at most 3 rounds).
# A round whose recording holds a before the switch (0.1 s at least) is
# compared, sample for sample.
STATUSES=0
underruns_now() { # sets UR to the underrun count of a fresh status event
	STATUSES=$((STATUSES + 1))
	engine_send "status"
	UR=none
	engine_wait '^status ' 10 "$STATUSES" || return 0
	UR=$(grep '^status ' "$ENGINE_EV" | tail -n 1 | sed -n 's/.* underruns=\([0-9]*\) .*/\1/p')
}
engine_start --headless $cfg --output alsa:ilpa
round=0 compared=0 loops_a=0 loops_b=0
while [ "$round" -lt 3 ] && [ "$compared" -eq 0 ]; do
	round=$((round + 1))
	engine_send "play file=$TEST_TMP/a.wav"
	[ "$round" -gt 1 ] && engine_send "skip"
	loops_a=$((loops_a + 1))
	engine_wait '^loop title=a ' 30 "$loops_a" || fail "no loop event through ALSA's pulse plugin"
	sleep 1
	underruns_now; before=$UR
	kill -STOP "$ENGINE_PID"; sleep 1; kill -CONT "$ENGINE_PID" # starve the device
	engine_wait '^log level=warn msg="audio underrun: the output ran dry \([1-9][0-9]* so far' 20 \
		|| fail "no underrun reported"
	# The count grows past the one before the stall (an underrun at the
	# start, on a loaded machine, may have been reported already).
	for _ in $(seq 20); do
		underruns_now; n1=$UR
		[ "$n1" != none ] && [ "$n1" -gt "${before:-0}" ] 2>/dev/null && break
		sleep 1
	done
	engine_send "play file=$TEST_TMP/b.wav"
	engine_wait '^log level=info msg="queued b ' 30 "$round" || fail "b.wav was not queued"
	engine_send "skip"
	loops_b=$((loops_b + 1))
	engine_wait '^loop title=b ' 30 "$loops_b" || fail "no switch to b.wav"
	sleep 5
	"$B/loopcheck" alsa "$TEST_TMP/rt.raw" "$TEST_TMP/sa.wav" "$TEST_TMP/sb.wav" 3 0 "${bstart:-0}" >"$TEST_TMP/check" 2>&1
	check=$?
	echo "round $round: underruns $before before the stall, $n1 after it"
	sed 's/^/  /' "$TEST_TMP/check"
	# comparable: the recording holds at least 0.1 s of a before the switch
	span=$(sed -n 's/.*A from \([0-9]*\), switch at \([0-9]*\)$/\2 - \1/p' "$TEST_TMP/check")
	[ -n "$span" ] && [ $((span)) -ge 4800 ] && compared=1
done
[ "$n1" != none ] && [ "$n1" -gt "${before:-0}" ] 2>/dev/null && pass "the underrun is reported" \
	|| fail "the stall did not count an underrun"
expect_line "$ENGINE_EV" '^status .*audio=ok sink=alsa:ilpa underruns=[1-9][0-9]* ' "status counts the underrun"
if [ "$compared" -eq 0 ]; then
	echo "note: in every round the device was recovered again before the switch (a loaded machine); not compared"
elif [ "$check" -eq 0 ]; then
	pass "after the underrun: a, the crossfade and b, sample for sample"
else
	fail "the recording through the recovered device does not match the loops"
fi
# The device goes away (its server dies) and comes back.
pulse_stop kill
engine_wait '^audio state=lost msg=".*ALSA device ilpa' 20 && pass "the lost device is reported" \
	|| fail "no 'audio state=lost' for the ALSA device"
pulse_start || exit 99
engine_wait '^audio state=ok msg="audio device back; playing on" sink=alsa:ilpa' 30 \
	&& pass "the device is reopened when it is back" || fail "the device was not reopened"
engine_quit; expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
[ -s "$ENGINE_ERR" ] && fail "stderr: $(head -c 300 "$ENGINE_ERR")" || pass "nothing on stderr"
finish
