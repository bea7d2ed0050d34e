#!/bin/sh
# Lists, overlays and panels of the full-screen station: the preset list
# after a resize, preset numbers under a filter, the help overlay's width,
# scroll indicator and Ctrl-C, the statistics list at its end, the ETA of
# a job that overruns its estimate and during a retry, and the panels
# after :stop.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'autostart = false;\n' >"$XDG_CONFIG_HOME/infiniloop/config"

# 1. Presets and help on an idle station.
start_station 80 24 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen 'Lo-fi Study' "the station is up"
# The last preset selected at 80x24, then a larger terminal: all fit.
T send-keys -t "$UI_PANE" G
expect_screen '[>▸] *Afro Groove' "G selects the last preset"
expect_no_screen 'Lo-fi Study' "at 80x24 the list scrolled to it"
T resize-window -t ui -x 200 -y 60
expect_screen '[>▸] *Afro Groove' "after growing to 200x60 the selection stays"
expect_screen '[ ]1 Lo-fi Study' "after growing to 200x60 the list shows preset 1 again" 2
at=$(screen | grep -n '┌ Timing' | cut -d: -f1)
[ "${at:-0}" -ge 20 ] && pass "at 200x60 the spectrum's row is tall (the timing starts at row $at)" ||
	fail "at 200x60 the timing starts at row ${at:-none}: the spectrum stayed small"
T resize-window -t ui -x 80 -y 24
expect_screen '[>▸] *Afro Groove' "back at 80x24 the selection is on screen"

# Under a filter, presets keep their own numbers, and digits mean them.
T send-keys -t "$UI_PANE" / j a z z Enter
expect_screen '[>▸ ]5 Late Jazz Trio' "under /jazz preset 5 keeps its number"
expect_no_screen '[>▸ ][0-9] Vapor Mall' "Vapor Mall (preset 19) gets no digit"
T send-keys -t "$UI_PANE" 5
expect_screen 'preset 5: Late Jazz Trio' "5 picks preset 5 under the filter" 5
T send-keys -t "$UI_PANE" 2
expect_screen 'preset 2: Deep Ambient' "2 picks preset 2, not the second row" 5
expect_screen '[>▸]2 Deep Ambient' "preset 2 is selected (the filter gave way)" 5

# The help: the terminal's width, a scroll indicator, Ctrl-C listed.
T send-keys -t "$UI_PANE" '?'
expect_screen 'Help .*1-22 of [0-9]+' "at 80x24 the help says which lines it shows" 5
T send-keys -t "$UI_PANE" NPage
expect_screen 'Help .*13-34 of [0-9]+' "PgDn moves on, and the indicator follows" 5
T send-keys -t "$UI_PANE" Escape
T resize-window -t ui -x 200 -y 60
T send-keys -t "$UI_PANE" '?'
expect_screen 'Enter +start the selected preset \(no preset: new prompt\); edit a setting' \
	"at 200 columns help lines are whole" 5
expect_screen 'Q \^C +quit and stop the music' "the help lists Ctrl-C" 1
expect_screen 'd +detach: quit and leave the music playing' "the help lists d" 1
T send-keys -t "$UI_PANE" Escape
T resize-window -t ui -x 100 -y 30
expect_quit_stops "presets: Q"
stop_station

# 2. Generation: the first job is quick, the second overruns that
# estimate, the third fails and waits to retry.
cat >"$TEST_TMP/gen.sh" <<EOF2
n=\$(cat "$TEST_TMP/runs" 2>/dev/null || echo 0)
echo \$((n + 1)) >"$TEST_TMP/runs"
[ "\$n" -ge 2 ] && { echo "no more" >&2; exit 1; }
[ "\$n" -eq 1 ] && sleep 6
exec "$IL_BIN" --generate-only "\$1" "\$2" --backend synth --duration 5 --config "$TEST_TMP/inner.cfg" >/dev/null 2>&1
EOF2
cat >"$XDG_CONFIG_HOME/infiniloop/config" <<EOF2
autostart = false;
backend = "command";
duration = 5;
min_duration = 300;
command = [ "sh", "$TEST_TMP/gen.sh", "{prompt}", "{output}" ];
EOF2
start_station 100 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen 'Backend: command' "the station is up with the command backend"
T send-keys -t "$UI_PANE" ":start 'calm piano'" Enter
# The first loop follows the startup loop (at once, or at n).
expect_screen 'next: |Genre: +calm piano' "the first loop is ready" 30
screen | grep -q 'Genre: +calm piano' || T send-keys -t "$UI_PANE" n
expect_screen 'Genre: +calm piano' "the first loop plays" 10
expect_screen 'ETA: +overrunning \+0:0[1-9] \(expected ~0:0[0-9]\)' "the second job shows it overruns" 20
expect_no_screen 'ETA: +0:00 left' "no '0:00 left' while it overruns"
expect_screen ' --% *│' "the progress is not known while it overruns (no percentage)" 1
expect_no_screen ' 99% *│' "no '99 %' while it overruns"
expect_screen '\| gen running \+0:0[0-9] \|' "the status row says by how much it overruns" 1
expect_screen 'next: [A-Z][a-z]+ [A-Z][a-z]+ in [0-9]+:[0-9]{2}' "the second loop is ready" 30
T send-keys -t "$UI_PANE" n
expect_screen 'Retry: +in [0-9]+ s' "the third job fails and waits to retry" 30
expect_screen 'ETA: +- *│' "no ETA while it waits to retry" 1

# The statistics list stops at its end.
T send-keys -t "$UI_PANE" F3
expect_screen 'command +5s .*calm piano' "the statistics list the generations" 10
for k in 1 2 3 4 5 6 7 8; do T send-keys -t "$UI_PANE" j j j j j; done
expect_screen 'command +5s .*(calm piano|no more)' "after 40 j the last generations are still listed" 5
T send-keys -t "$UI_PANE" F2

# :stop: a stopped state, and nothing left of the old loop.
T send-keys -t "$UI_PANE" ':stop' Enter
expect_screen '■ .* stopped \|' ":stop stops" 10
expect_screen 'Title: +\(stopped\)' "the panel says stopped" 5
expect_no_screen 'nothing playing yet' "not 'nothing playing yet' after a stop"
expect_screen 'Genre: +- ' "the old genre is gone" 1
expect_no_screen 'Loop score' "the old score is gone"
expect_screen 'ETA: +- *│' "no ETA while nothing generates" 1
expect_quit_stops "generation: Q"
stop_station
finish
