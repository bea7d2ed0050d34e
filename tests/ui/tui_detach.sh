#!/bin/sh
# The music survives the ssh session. The station plays a loop to a private
# PulseAudio server; the tmux server is killed (as when an ssh link drops)
# while the sink's monitor is recorded: the recording is the loop, sample
# for sample, with no gap. A new station in a new tmux session attaches and
# shows the same title, with the elapsed time going on; d detaches and the
# music goes on; the command-line history is kept; Q stops it and no process
# is left.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"
pulse_require
B="${top_builddir:-.}/tests/audio"
utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
"$B/mkwav" "$TEST_TMP/a.wav" 2 48000 2 chord || exit 99
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'autostart = false;\nvolume = 100;\nlatency_ms = 300;\n' >"$XDG_CONFIG_HOME/infiniloop/config"
pulse_start || exit 99
U="TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 PULSE_SERVER=$PULSE_SERVER"

start_station 100 30 $U -- --output pulse
expect_screen 'Lo-fi Study' "the station is up"
eng=$(engine_pid)
[ -n "$eng" ] && pass "an engine runs (pid $eng)" || fail "no engine"
"$IL_BIN" --remote play "$TEST_TMP/a.wav"
expect_status 0 $? "--remote play queues a file"
expect_screen 'Title: +a( |$)' "the station plays a" 30
"$IL_BIN" --remote save "$TEST_TMP/sa.wav" >/dev/null
expect_status 0 $? "--remote save writes the loop as played"
"$IL_BIN" --remote events >/dev/null 2>&1 & # a client that is stuck all along
stuck=$!
sleep 0.5
kill -STOP "$stuck"
il_at_exit "kill -9 $stuck 2>/dev/null"
pulse_record "$TEST_TMP/rec.raw" || { fail "parec did not start"; finish; }
sleep 3
T kill-server # the ssh link drops: the tmux server and the station's terminal go
n=0; while [ $n -lt 100 ] && pid_running "$UI_PID"; do sleep 0.1; n=$((n + 1)); done
pid_running "$UI_PID" && fail "the station survived its terminal" || pass "the station's client ended with its terminal"
pid_running "$eng" && pass "the engine plays on" || fail "the engine ended with the terminal"
sleep 4
"$IL_BIN" --remote status >"$TEST_TMP/status" 2>&1
expect_status 0 $? "--remote status answers after the drop"
expect_line "$TEST_TMP/status" '^playing +"a", ' "--remote status: a plays"
pulse_record_stop
if "$B/loopcheck" repeat "$TEST_TMP/rec.raw" "$TEST_TMP/sa.wav" 2; then
	pass "the recording across the drop (with a stuck client attached) is the loop, sample for sample, with no gap"
else
	fail "the recording across the drop is not the loop played on"
fi
grep -q underrun "${XDG_STATE_HOME:-$HOME/.local/state}/infiniloop/engine.log" 2>/dev/null &&
	echo "note: the engine reported an underrun (a loaded machine)"

# A new terminal attaches: the same title, the elapsed time goes on.
UI_SOCK="il-ui2-$$"
start_station 100 30 $U --
expect_screen 'Title: +a( |$)' "a new station shows the loop that plays"
el1=$(screen | sed -n 's/.*Elapsed: *\([0-9]*\):\([0-9]*\).*/\1 \2/p' | head -n 1)
[ -n "$el1" ] && [ $(( ${el1% *} * 60 + ${el1#* } )) -ge 4 ] &&
	pass "the elapsed time counts from before the drop ($el1)" || fail "elapsed after attaching: '$el1'"
[ "$(engine_pid)" = "$eng" ] && pass "the same engine" || fail "another engine: $(engine_pid), was $eng"

T send-keys -t "$UI_PANE" ':set crossfade 2' Enter
expect_screen 'crossfade = 2' ":set works when attached" 10

# d detaches: the music goes on.
T send-keys -t "$UI_PANE" d
wait_exit 20 && pass "d: the station exited" || fail "d: the station did not exit"
expect_status 0 "$(cat "$TEST_TMP/exit" 2>/dev/null)" "d: exit status"
expect_screen 'detached; the music plays on' "d: the station says the music plays on" 5
pid_running "$eng" && pass "d: the engine plays on" || fail "d: the engine ended"
"$IL_BIN" --remote status | grep -q '^playing' && pass "d: still playing" || fail "d: not playing"
stop_station

# Q quits and stops the music: no process is left.
start_station 100 30 $U --
expect_screen 'Title: +a( |$)' "attached again"
T send-keys -t "$UI_PANE" : Up
expect_screen '^:set crossfade 2' "the command-line history is kept across sessions" 5
T send-keys -t "$UI_PANE" Escape
T send-keys -t "$UI_PANE" Q
expect_clean_exit 0 "Q" "$eng"
"$IL_BIN" --remote status >/dev/null 2>&1
expect_status 1 $? "Q: --remote status finds no station"
[ ! -e "$XDG_RUNTIME_DIR/infiniloop/engine.sock" ] && pass "Q: the socket is removed" || fail "Q: the socket is left"
stop_station
finish
