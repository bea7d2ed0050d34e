#!/bin/sh
# The full-screen station in tmux at 80x24, with TERM=xterm-256color in a
# UTF-8 locale and with TERM=linux LANG=C: every panel is on screen, digits
# pick presets, help, screens, the command line, resizing to 40x12 and 20x3,
# and q quits with the terminal restored and no process left behind.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

# The third preset's name, as the engine lists it.
p3=$(printf 'settings\n' | "$IL_BIN" --engine --output null | sed -n 's/^preset index=2 name=\("\([^"]*\)"\|\([^ ]*\)\).*/\2\3/p')
[ -n "$p3" ] && pass "the engine lists presets ($p3)" || fail "no preset 2 from the engine"

# Check that the config file gets a line matching REGEX (within 5 s).
expect_config() { # REGEX WHAT
	_n=0
	while [ $_n -lt 50 ] && ! grep -q -- "$1" "$XDG_CONFIG_HOME/infiniloop/config"; do sleep 0.1; _n=$((_n + 1)); done
	if grep -q -- "$1" "$XDG_CONFIG_HOME/infiniloop/config"; then pass "$2"; else fail "$2 (no /$1/ in the config)"; fi
}

# These runs look at the idle station: no music at launch.
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'autostart = false;\n' >"$XDG_CONFIG_HOME/infiniloop/config"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8

# Run :COMMAND and check that REGEX comes on screen.
command_shows() { # COMMAND REGEX WHAT
	T send-keys -t "$UI_PANE" ":$1" Enter
	expect_screen "$2" "$name: $3"
}

run_case() { # TERM LANG NAME
	name=$3
	start_station 80 24 TERM="$1" LANG="$2" LC_ALL="$2" --
	[ -n "$UI_PID" ] && pass "$name: the station runs" || fail "$name: the station did not start"
	expect_screen 'Lo-fi Study' "$name: presets come from the engine"
	for panel in 'Now playing' 'Spectrum' 'Timing' 'Presets' 'Generation'; do
		expect_screen "[+┌][^a-z]*$panel" "$name: panel '$panel' is framed on screen" 1
	done
	expect_screen '^ infiniloop +F2 Player +F3 Statistics +F4 Settings +F5 Analysis' "$name: header with the screens" 1
	expect_screen 'Title: +\(nothing playing yet\)' "$name: loop info (title)" 1
	expect_screen 'Genre: ' "$name: loop info (prompt as genre)" 1
	expect_screen 'BPM: ' "$name: loop info (bpm)" 1
	expect_screen 'Elapsed 0:00 +Left to minimum' "$name: timing bar" 1
	expect_screen 'Backend: synth' "$name: generation panel" 1
	expect_screen 'vol [0-9]+% \| gen idle' "$name: status line" 1
	expect_screen 'q Quit' "$name: key hints" 1
	s=$(screen)
	[ "$(printf '%s\n' "$s" | wc -l)" -eq 24 ] && pass "$name: 24 rows" || fail "$name: not 24 rows"
	if [ "$2" = C ]; then
		if printf '%s\n' "$s" | LC_ALL=C grep -q '[^ -~]'; then fail "$name: non-ASCII bytes in a C locale"
			printf '%s\n' "$s" | LC_ALL=C grep '[^ -~]' | sed 's/^/  | /' >&2
		else pass "$name: ASCII only in a C locale"; fi
	else
		expect_screen '▁' "$name: eighth-block spectrum glyphs in UTF-8" 1
	fi

	# A digit picks a preset.
	T send-keys -t "$UI_PANE" 3
	expect_screen "[>▸]3 $p3" "$name: the digit 3 selects preset 3"
	expect_no_screen '[>▸]1 Lo-fi' "$name: preset 1 is no longer selected"
	expect_screen "preset 3: $p3" "$name: the status line names the preset" 2
	T send-keys -t "$UI_PANE" j
	expect_screen '[>▸]4 ' "$name: j moves down"

	# / filters the presets as you type; Esc clears the filter.
	T send-keys -t "$UI_PANE" / j a z z
	expect_screen 'Presets /jazz' "$name: / shows the filter in the panel title"
	expect_screen '[>▸]5 Late Jazz Trio' "$name: the filter keeps matching presets, with their own numbers"
	expect_no_screen 'Lo-fi Study' "$name: the filter hides the others"
	T send-keys -t "$UI_PANE" Enter Escape
	expect_screen '[ >▸]1 Lo-fi Study' "$name: Esc clears the filter"
	T send-keys -t "$UI_PANE" 4

	# Help overlay, generated from the key table, closed by any key.
	T send-keys -t "$UI_PANE" '?'
	expect_screen 'keys and commands' "$name: ? opens the help"
	expect_screen 'Space +pause or resume' "$name: help lists the keys" 1
	T send-keys -t "$UI_PANE" NPage NPage NPage
	expect_screen 'set KEY VALUE' "$name: the help scrolls to the commands"
	T send-keys -t "$UI_PANE" End
	expect_screen 'glyphs (UTF-8|ASCII)' "$name: the help's last page shows the display mode" 5
	T send-keys -t "$UI_PANE" x
	wait_gone 'keys and commands' 5 && pass "$name: a key closes the help" || fail "$name: help still open"

	# The other screens.
	T send-keys -t "$UI_PANE" F4
	expect_screen 'Settings \(saved at once\)' "$name: F4 shows the settings"
	expect_screen 'min_duration +30 +10-300' "$name: settings come from the engine with their range"
	# Editing a setting on the settings screen: Enter edits, Right steps a choice.
	T send-keys -t "$UI_PANE" g j j Enter C-u 5 Enter
	expect_config '^crossfade = 5' "$name: a setting edited on screen is saved"
	expect_screen '[>▸]crossfade +5 ' "$name: the settings screen shows the new value"
	T send-keys -t "$UI_PANE" j Right
	expect_config '^backend = "musicgpt"' "$name: Right steps to the next choice"
	T send-keys -t "$UI_PANE" Left
	expect_screen '[>▸]backend +synth ' "$name: Left steps back"
	expect_screen '^.Generator: synth \(built in\), musicgpt, or command' "$name: below the list, what the selected setting does"
	T send-keys -t "$UI_PANE" g
	expect_screen '^.Seconds of audio generated per clip \(5-30\)' "$name: what it does follows the selection"
	expect_screen ' true_peak +-1 +-9 to 0 ' "$name: a range below zero reads 'to'"
	# The theme steps through the themes installed, which the screen lists.
	T send-keys -t "$UI_PANE" g j j j j j j
	expect_screen '[>▸]theme +default +default\|high-contrast\|light' "$name: the themes installed are the theme's choices"
	T send-keys -t "$UI_PANE" Right
	expect_config '^theme = "high-contrast"' "$name: Right steps to the next theme"
	T send-keys -t "$UI_PANE" Left
	expect_config '^theme = "default"' "$name: Left steps back to the default theme"
	# The longest key stands whole, apart from its value.
	T send-keys -t "$UI_PANE" G k k k
	expect_screen '[>▸]on_loop_timeout +5 +1-60' "$name: the longest key is whole, then its value"
	T send-keys -t "$UI_PANE" F3
	expect_screen '[+┌][^a-z]*Statistics' "$name: F3 shows the statistics"
	T send-keys -t "$UI_PANE" F5
	expect_screen 'Analysis of the current loop' "$name: F5 shows the analysis"
	T send-keys -t "$UI_PANE" Tab
	expect_screen '[+┌][^a-z]*Now playing' "$name: Tab cycles back to the player"

	# The command line: a setting saved at once, a bad value refused.
	T send-keys -t "$UI_PANE" ':set crossfade 4' Enter
	expect_config '^crossfade = 4' "$name: :set crossfade 4 is saved"
	command_shows 'set crossfade 99' 'crossfade must be a number from 0 to 10' ":set refuses a value out of range"
	command_shows 'set seed -1' 'seed must be a number from 0 to 2147483647$' ":set seed -1 names the range in whole numbers"
	command_shows 'set affinity 9999' 'affinity names CPU 9999, but this machine has CPUs 0-' ":set affinity 9999 is refused"
	command_shows 'set affinity abc' 'affinity must be a CPU list' ":set affinity abc is refused"
	grep -Eq '^affinity = "(9999|abc)"' "$XDG_CONFIG_HOME/infiniloop/config" &&
		fail "$name: a refused affinity was saved" || pass "$name: a refused affinity is not saved"
	T send-keys -t "$UI_PANE" ':sta' Tab
	expect_screen '^:sta(rt|tus)? *$|start +status' "$name: Tab completes commands"
	T send-keys -t "$UI_PANE" Escape
	T send-keys -t "$UI_PANE" ':set d' Tab
	expect_screen '^:set d +duration +driver +debug' "$name: Tab shows the candidates beside the line while typing"
	T send-keys -t "$UI_PANE" Escape
	T send-keys -t "$UI_PANE" ':se crossfade 2' Enter
	expect_config '^crossfade = 2;' "$name: :se is :set (a unique prefix)"
	# The requests of --remote have commands too: volume, pause...
	command_shows 'volume 55' 'vol 55%' ":volume 55 sets the volume"
	command_shows 'volume +500' 'usage: volume N\|\+N\|-N' ":volume +500 is refused"
	command_shows 'pause' 'nothing to pause' ":pause is sent (the engine answers: nothing plays)"
	command_shows 'volume 80' 'vol 80%' ":volume 80 sets it back"
	command_shows 'status' '^idle 0:00, generator idle .*volume 80%, synth/' ":status shows the state"
	T send-keys -t "$UI_PANE" ':frobnicate' Enter
	expect_screen "unknown command 'frobnicate'" "$name: unknown commands are named"
	T send-keys -t "$UI_PANE" : Up
	expect_screen '^:frobnicate *$' "$name: Up recalls the last command"
	T send-keys -t "$UI_PANE" Up
	expect_screen '^:status *$' "$name: Up again recalls the one before"
	T send-keys -t "$UI_PANE" Escape

	# Resizing: compact at 40x12, a notice at 20x3, the full layout again.
	eng=$(engine_pid)
	T resize-window -t ui -x 40 -y 12
	expect_screen '^ infiniloop  Player' "$name: 40x12 redraws in the compact layout"
	s=$(screen)
	wide=$(printf '%s\n' "$s" | LC_ALL=$utf8 wc -L)
	[ "$wide" -le 40 ] && pass "$name: 40x12 fits in 40 columns" || fail "$name: lines $wide columns wide"
	printf '%s\n' "$s" | grep -q '[>▸]4 ' && pass "$name: 40x12 keeps the preset list" || {
		fail "$name: 40x12 lost the presets"; printf '%s\n' "$s" | sed 's/^/  | /' >&2; }
	T resize-window -t ui -x 20 -y 3
	expect_screen 'Terminal too small' "$name: 20x3 shows the too-small notice"
	expect_screen '20x3, need 30x8' "$name: the notice gives the sizes" 1
	T resize-window -t ui -x 80 -y 24
	expect_screen '[+┌][^a-z]*Generation' "$name: back at 80x24 every panel returns"
	expect_screen '[+┌][^a-z]*Now playing' "$name: back at 80x24 loop info returns" 1
	kill -0 "$UI_PID" 2>/dev/null && pass "$name: the station survived the resizes" || fail "$name: the station died"
	[ "$(engine_pid)" = "$eng" ] && pass "$name: the engine survived the resizes" || fail "$name: the engine changed"

	# q quits at once when no generation runs.
	T send-keys -t "$UI_PANE" q
	expect_clean_exit 0 "$name: q" "$eng"
	stop_station
}

run_case xterm-256color "$utf8" "xterm-256color UTF-8"
run_case linux C "linux C"

# PulseAudio output with no server: the station runs and says so plainly.
start_station 80 24 TERM=xterm-256color LANG="$utf8" LC_ALL="$utf8" PULSE_SERVER="unix:$TEST_TMP/no-such-server" -- --output pulse
expect_screen '\| no audio server *$' "no server: the status line says 'no audio server'" 10
eng=$(engine_pid)
T send-keys -t "$UI_PANE" q
expect_clean_exit 0 "no server: q" "$eng"
stop_station
finish
