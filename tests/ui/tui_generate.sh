#!/bin/sh
# Generation through the full-screen station: `:start 'calm piano'` shows
# the generation's progress and then a new loop's title; q asks before
# quitting while a generation runs. The generator is the command backend
# running a slow script around the built-in synth, so that the progress is
# on screen long enough to be seen.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

# Skipped only when the engine has no generation at all.
if printf 'start prompt="calm piano"\nquit\n' | "$IL_BIN" --engine --output null 2>/dev/null |
	grep -q '^error code=unsupported verb=start'; then
	echo "this engine answers start with error code=unsupported: skipped"
	exit 77
fi
rm -f "$XDG_CONFIG_HOME/infiniloop/config"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
cat >"$TEST_TMP/slowgen.sh" <<EOF2
# A generator that takes a while (the synth, after a pause long enough for
# the question and its answer below to be seen before the loop is queued).
sleep 10
exec "$IL_BIN" --generate-only "\$1" "\$2" --backend synth --duration 5 --config "$TEST_TMP/inner.cfg" >/dev/null 2>&1
EOF2
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
cat >"$XDG_CONFIG_HOME/infiniloop/config" <<EOF2
autostart = false;
backend = "command";
duration = 5;
min_duration = 10;
command = [ "sh", "$TEST_TMP/slowgen.sh", "{prompt}", "{output}" ];
EOF2

start_station 80 24 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen 'Lo-fi Study' "the station is up"
# The title in the loop info panel.
title() { screen | LC_ALL=$utf8 sed -n 's/^│Title: *\([^│]*[^ │]\) *│.*/\1/p'; }
before=$(title)
T send-keys -t "$UI_PANE" ":start 'calm piano'" Enter
expect_screen 'State: +running' "the generation panel shows the generation running" 20
expect_screen '[0-9]+%' "the generation panel shows a progress figure" 1
expect_screen 'gen running [0-9]+%' "the status line shows the progress" 5

# q asks whether the music stops too while the generation runs; Esc stays.
T send-keys -t "$UI_PANE" q
expect_screen 'Quit: stop the music too\? \(y: stop it, n/d: leave it playing, Esc: stay\)' \
	"q asks while a generation runs" 5
T send-keys -t "$UI_PANE" Escape
wait_gone 'stop the music too' 5 && pass "Esc answers the question" || fail "the question stays after Esc"
expect_said 'not quitting' "Esc: not quitting" 5
kill -0 "$UI_PID" 2>/dev/null && pass "the station still runs" || fail "the station quit"

expect_screen 'Genre: +calm piano' "a loop of the prompt plays" 60
after=$(title)
[ -n "$after" ] && [ "$after" != "(nothing playing yet)" ] && [ "$after" != "$before" ] &&
	pass "a new title is shown: '$after' (was '$before')" || fail "no new title (was '$before', now '$after')"
expect_screen "▶ $after" "the status line shows the new title" 5
expect_screen 'Artist: +[^ -]' "an artist is shown" 1
expect_screen 'Loop: +[0-9.]+ s' "the loop length is shown" 1
expect_screen 'BPM: +[0-9]+' "the bpm is shown" 1
expect_screen 'Elapsed 0:0[1-9]' "the elapsed time advances" 10

# Volume, pause and resume.
T send-keys -t "$UI_PANE" +
expect_screen 'vol 85%' "+ raises the volume" 5
T send-keys -t "$UI_PANE" - -
expect_screen 'vol 75%' "- lowers the volume" 5
T send-keys -t "$UI_PANE" Space
expect_screen '‖ .* paused \|' "Space pauses" 5
T send-keys -t "$UI_PANE" Space
expect_screen '▶ .* playing \|' "Space resumes" 5

# n crossfades to the next loop once it is ready.
expect_screen 'next: [A-Z][a-z]+ [A-Z][a-z]+ in [0-9]+:[0-9]{2}' "the next loop is ready: its title and when it starts" 60
T send-keys -t "$UI_PANE" n
n=0; while [ $n -lt 100 ] && [ "$(title)" = "$after" ]; do sleep 0.1; n=$((n+1)); done
now=$(title)
[ -n "$now" ] && [ "$now" != "$after" ] && pass "n plays the next loop ('$now')" || fail "n: the title stayed '$after'"

# s asks for a file name in the music folder; :save writes where it is told.
T send-keys -t "$UI_PANE" s
expect_screen "^Save loop to: .*/Music/infiniloop-" "s proposes a file in the XDG music folder" 5
T send-keys -t "$UI_PANE" Enter
n=0; while [ $n -lt 50 ] && ! ls "$HOME/Music/"infiniloop-*.wav >/dev/null 2>&1; do sleep 0.1; n=$((n+1)); done
ls "$HOME/Music/"infiniloop-*.wav >/dev/null 2>&1 && pass "s saves the loop in the music folder" || fail "s: no file in $HOME/Music"
T send-keys -t "$UI_PANE" ":save '$TEST_TMP/my loop.wav'" Enter
n=0; while [ $n -lt 50 ] && [ ! -s "$TEST_TMP/my loop.wav" ]; do sleep 0.1; n=$((n+1)); done
[ -s "$TEST_TMP/my loop.wav" ] && pass ":save FILE writes the file" || fail ":save FILE wrote nothing"
expect_said "saved $TEST_TMP/my loop.wav" ":save reports the file" 5
# A relative name is in the screen's current folder (the engine's is /);
# :play takes one too, and queues the file.
cwd=$(readlink "/proc/$UI_PID/cwd")
rel="il-rel-$$.wav"
T send-keys -t "$UI_PANE" ":save $rel" Enter
n=0; while [ $n -lt 50 ] && [ ! -s "$cwd/$rel" ]; do sleep 0.1; n=$((n+1)); done
[ -s "$cwd/$rel" ] && pass ":save NAME writes in the screen's current folder" || fail ":save NAME: no $cwd/$rel"
expect_said "saved $cwd/$rel" ":save NAME reports the whole path" 5
T send-keys -t "$UI_PANE" ":play $rel" Enter
expect_said "queued il-rel-$$ " ":play NAME queues the file of the current folder" 20
rm -f "$cwd/$rel"

# The statistics and analysis screens show the generation.
T send-keys -t "$UI_PANE" F3
expect_screen 'Success rate: +[0-9]+ of [0-9]+' "statistics show the success rate" 10
expect_screen ' 5 s +.*ok' "statistics show the average time for 5 s clips" 1
expect_screen 'command +5s .*calm piano' "statistics list the recent generation" 1
T send-keys -t "$UI_PANE" F5
expect_screen 'Loop [0-9.]+ s - [0-9.]+ s' "analysis shows the loop points" 10
expect_screen 'Score [0-9.]+ +quality' "analysis shows the score" 1
expect_screen '[SE]' "analysis marks the loop start and end" 1
expect_screen '^.seam difference +-?[0-9]+\.[0-9] dB' "analysis gives the seam's difference in dB" 1
expect_screen '^.Loudness -?[0-9.]+ LUFS, range [0-9.]+ LU, peak -?[0-9.]+ dBTP +│' "analysis gives the loudness measured, whole" 1
expect_screen '^. +played -?[0-9.]+ LUFS, peak -?[0-9.]+ dBTP \(gain [-+][0-9.]+ dB\) +│' "analysis gives the loudness played, whole" 1
# A file's loop is found by analysis: its seam distance reads 0 at best.
"${top_builddir:-.}/tests/audio/mkwav" "$TEST_TMP/chord.wav" 8 48000 2 chord || fail "mkwav"
T send-keys -t "$UI_PANE" ":play $TEST_TMP/chord.wav" Enter
expect_said "queued chord " ":play queues the chord" 20
T send-keys -t "$UI_PANE" n
expect_screen 'method advanced' "the chord's loop was found by analysis" 20
expect_screen '^.seam distance +[0-9]\.[0-9]{3} \(0: a perfect splice' "analysis gives the seam's distance, 0 best" 1
T send-keys -t "$UI_PANE" F2
T send-keys -t "$UI_PANE" ':stop' Enter
expect_screen '■ .* stopped \|' ":stop stops playback" 10

expect_quit_stops "Q"
stop_station

# -p starts generating at launch; the estimate now comes from the history.
start_station 80 24 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 -- -p lofi
expect_screen 'State: +running' "-p starts a generation at launch" 20
expect_screen 'ETA: +[0-9]+:[0-9]+ left of ~[0-9]+:[0-9]+' "the ETA comes from the history" 5
expect_quit_stops "-p: Q"
stop_station

# A plain launch plays at once (setting autostart, on by default): a startup
# loop while the last prompt, or else the first preset, is generated.
sed -i 's/^autostart = false;$/autostart = true;/' "$XDG_CONFIG_HOME/infiniloop/config"
start_station 80 24 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen 'State: +running' "a plain launch starts the station" 20
# The UI shows "running" as it sends the start; the engine's first loop
# event may come a moment later on a loaded machine.
wait_gone 'Title: +\(nothing playing yet\)' 5 && pass "a plain launch plays a loop at once" ||
	{ fail "a plain launch plays a loop at once (still nothing playing)"; screen | sed 's/^/  | /' >&2; }
expect_screen 'Genre: +startup loop' "the first loop is a startup loop" 5
expect_quit_stops "autostart: Q"
finish
