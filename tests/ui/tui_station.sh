#!/bin/sh
# The station keeps playing: Space on a stopped or idle station never hides
# a pause (:stop, Space, a preset plays; Space alone starts the station
# again; the Timing panel names the next loop and when it starts), and a
# killed engine is restarted with the station's prompt. The
# sound is recorded from a private PulseAudio server.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"
pulse_require
pulse_start || exit 99
utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$TEST_TMP/tmp" "$XDG_CONFIG_HOME/infiniloop"
printf 'duration = 6;\nmin_duration = 10;\n' >"$XDG_CONFIG_HOME/infiniloop/config"
U="TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 TMPDIR=$TEST_TMP/tmp PULSE_SERVER=$PULSE_SERVER"

PLAYING=' playing \| vol'

start_station 100 30 $U -- --output pulse
expect_screen "$PLAYING" "autostart: the station plays" 60

# :stop, Space, preset 3: the preset plays.
T send-keys -t "$UI_PANE" ':stop' Enter
expect_screen ' stopped \| vol' ":stop: the station is stopped" 20
T send-keys -t "$UI_PANE" ' '
sleep 0.5
expect_no_screen 'pausing' "Space on a stopped station does not pause"
expect_screen "$PLAYING" "Space on a stopped station starts it again" 60
T send-keys -t "$UI_PANE" ':stop' Enter
expect_screen ' stopped \| vol' ":stop again" 20
T send-keys -t "$UI_PANE" ' ' 3 Enter
expect_screen "$PLAYING" ":stop, Space, preset 3: the preset plays" 60
expect_screen 'Genre: +techno' "the panel shows preset 3" 60
expect_screen 'next: [A-Z][a-z]+ [A-Z][a-z]+ in 0:[0-9]{2}' "the Timing panel names the next loop and when it starts" 60
expect_heard ":stop, Space, preset 3: music is heard"

# The engine dies: the new engine plays the station on.
eng=$(engine_pid)
kill -9 "$eng"
wait_for 'engine (down|starting) \| vol| stopped \| vol' 10 # (the old engine is gone)
n=200; while [ $n -gt 0 ] && { [ -z "$(engine_pid)" ] || [ "$(engine_pid)" = "$eng" ]; }; do sleep 0.1; n=$((n-1)); done
[ -n "$(engine_pid)" ] && [ "$(engine_pid)" != "$eng" ] && pass "engine death: a new engine runs" ||
	fail "engine death: no new engine"
expect_screen "$PLAYING" "engine death: the station plays on" 60
expect_screen 'Genre: +techno' "engine death: the same station" 60
expect_heard "engine death: music is heard again"

# s, then a switch while the name is typed: the file holds the loop that
# played when s was pressed (its title is in the file's INAM tag).
t1=$(title)
T send-keys -t "$UI_PANE" s
expect_screen '^Save loop to: ' "s asks for a file name" 10
n=400; while [ $n -gt 0 ] && [ "$(title)" = "$t1" ]; do sleep 0.1; n=$((n-1)); done
t2=$(title)
[ -n "$t1" ] && [ "$t2" != "$t1" ] && pass "a switch came while the name was typed ($t1, then $t2)" ||
	fail "no switch while the name was typed ($t1)"
T send-keys -t "$UI_PANE" Enter
expect_said 'saved ' "the loop is saved" 20
f=$(find "$HOME" -name 'infiniloop-*.wav' | head -n 1)
[ -n "$f" ] && grep -q "$t1" "$f" && ! grep -q "$t2" "$f" && pass "the file holds the loop of s ($t1), not $t2" ||
	fail "the saved file ${f:-(none)} does not hold $t1 alone"
eng=$(engine_pid)
T send-keys -t "$UI_PANE" q
expect_screen 'stop the music too\?' "q asks whether the music stops too" 5
T send-keys -t "$UI_PANE" y
expect_clean_exit 0 "q" "$eng"
stop_station
finish
