#!/bin/sh
# The audio server missing at start, killed mid-play and restarted: the
# engine says so, keeps running, reconnects and plays on.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
pulse_require
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 3 44100 1 chord || exit 99
mkdir -p "$PULSE_DIR"
export PULSE_SERVER="unix:$PULSE_DIR/sock"

# No server at start: the station starts, says so, and answers requests.
engine_start --headless --output pulse --play "$TEST_TMP/a.wav"
engine_wait '^audio state=none ' 10 && pass "no server at start is reported" || fail "no 'audio state=none'"
expect_line "$ENGINE_EV" '^audio state=none msg="no audio server' "the message says there is no audio server"
engine_send "status"
engine_wait '^status .*audio=none' 10 && pass "status says audio=none" || fail "status without audio=none"

# The server appears: the engine connects and plays.
pulse_start || exit 99
engine_wait '^audio state=ok ' 20 && pass "the engine connects when the server appears" || fail "no reconnection at start"
engine_wait '^loop title=a ' 20 && pass "the loop plays" || fail "no loop event"

# Kill the server mid-play.
sleep 1
pulse_stop kill
engine_wait '^audio state=lost ' 20 && pass "the lost server is reported" || fail "no 'audio state=lost'"
expect_line "$ENGINE_EV" '^audio state=lost msg="audio server lost' "the message says the server was lost"
engine_send "ping id=alive"
engine_wait '^pong id=alive$' 10 && pass "the engine keeps answering without a server" || fail "no pong while lost"
engine_send "status"
engine_wait '^status .*audio=lost' 10 && pass "status says audio=lost" || fail "status without audio=lost"

# Restart it: the engine reconnects and the music is heard again.
pulse_start || exit 99
engine_wait '^audio state=ok ' 20 2 && pass "the engine reconnects" || fail "no reconnection"
pulse_record "$TEST_TMP/rec.raw" || fail "parec did not start"
sleep 2
# Under load parec may deliver the 2 s late: wait for them (at most 10 s more).
rec_has_2s() { [ "$(wc -c <"$TEST_TMP/rec.raw")" -gt 96000 ]; }
retry_until 10 rec_has_2s
pulse_record_stop
bytes=$(wc -c <"$TEST_TMP/rec.raw")
loud=$(od -An -v -td2 -w2 "$TEST_TMP/rec.raw" | awk '{ if ($1 > 1000 || $1 < -1000) n++ } END { print n + 0 }')
[ "$bytes" -gt 96000 ] && [ "$loud" -gt 1000 ] && pass "music plays after the restart ($bytes bytes, $loud loud samples)" \
	|| fail "nothing heard after the restart ($bytes bytes, $loud loud samples)"
engine_send "status"
engine_wait '^status state=playing .*audio=ok' 10 && pass "status says playing, audio=ok" || fail "status after the restart"
# Paused (nothing written), the loss is still noticed.
engine_send "pause"
sleep 1
pulse_stop kill
engine_wait '^audio state=lost ' 20 2 && pass "the loss is reported while paused" || fail "no 'audio state=lost' while paused"
engine_quit; st=$ENGINE_STATUS; expect_status 0 "$st" "the engine exits 0"
[ -s "$ENGINE_ERR" ] && fail "stderr: $(head -c 300 "$ENGINE_ERR")" || pass "nothing on stderr"
finish
