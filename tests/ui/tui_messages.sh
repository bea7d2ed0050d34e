#!/bin/sh
# Messages in the full-screen station: a config problem (a value out of
# range, a syntax error) is shown at launch and stays on the message row
# while information comes in behind it, until a key is pressed; M and :messages list the history
# with every message whole (the long MusicGPT hint, both :validate
# results); the Generation panel wraps a long failure; at exit the
# config problems are printed on stderr; a prompt's problems are named,
# and a prompt over the limit is refused with it.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
cfg="$XDG_CONFIG_HOME/infiniloop/config"
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
# The message row (the last line of the pane).
msgrow() { screen | tail -n 1; }

# 1. A value out of range, while the station starts playing.
printf 'duration = 5;\ncrossfade = 99;\n' >"$cfg"
start_station 160 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
w='crossfade must be between 0 and 10, not 99; using default 3'
expect_screen "$w" "crossfade = 99 is shown at launch" 10
# The message row keeps it while loops are queued and start (info).
kept=0 lost=""
for k in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
	r=$(msgrow)
	case $r in *"$w"*) kept=$((kept + 1)) ;; *) lost=$r ;; esac
	sleep 0.2
done
[ "$kept" = 20 ] && pass "the warning stays on the message row for 4 s" ||
	fail "the warning was replaced ($kept of 20 samples; once: '$lost')"
# A key pressed: the warning has been seen, and the engine's answer to the
# key replaces it (within 1.5 s, well before the warning's 10 s are up).
T send-keys -t "$UI_PANE" +
n=0; while [ $n -lt 15 ] && ! msgrow | grep -q 'volume 85'; do sleep 0.1; n=$((n + 1)); done
msgrow | grep -q 'volume 85' && pass "after a key, the engine's answer replaces the warning" ||
	fail "after a key, the warning stays: '$(msgrow)'"
expect_screen '▶ .* playing \|' "meanwhile the station plays" 10

# M: the history, the warning and the information that came after it.
T send-keys -t "$UI_PANE" M
expect_screen '[+┌][^a-z]*Messages' "M opens the messages" 5
expect_screen "[0-9]{2}:[0-9]{2}:[0-9]{2} +warn +.*config:2: $w" "the messages list the warning with its time" 1
expect_screen "[0-9]{2}:[0-9]{2}:[0-9]{2} +info +(queued|station started|new loop ready)" "the messages list the information too" 1
T send-keys -t "$UI_PANE" Escape
wait_gone '[+┌][^a-z]*Messages' 5 && pass "Esc closes the messages" || fail "the messages stay open"
T send-keys -t "$UI_PANE" ':messages' Enter
expect_screen '[+┌][^a-z]*Messages' ":messages opens them too" 5
T send-keys -t "$UI_PANE" q
wait_gone '[+┌][^a-z]*Messages' 5 && pass "q closes the messages (and does not quit)" || fail "q: the messages stay open"
kill -0 "$UI_PID" 2>/dev/null && pass "the station still runs" || fail "q in the messages quit the station"
# The key is in the help, from the key table (on its second page).
T send-keys -t "$UI_PANE" '?'
expect_screen 'keys and commands' "? opens the help" 5
T send-keys -t "$UI_PANE" NPage
expect_screen ' M +the messages' "the help lists M" 5
T send-keys -t "$UI_PANE" Escape

# :validate both: two results, both in the history.
T send-keys -t "$UI_PANE" ':validate both' Enter
T send-keys -t "$UI_PANE" M
expect_screen ' current: ' "the messages keep the result for the current loop" 5
expect_screen ' next: ' "and the one for the next loop" 5
T send-keys -t "$UI_PANE" Escape

expect_quit_stops "out of range: Q"
expect_screen "^infiniloop-tui: warning: .*config:2: $w" "at exit the config problem is printed on stderr" 5
stop_station

# 2. A syntax error: defaults are used, and the user is told.
printf 'duration = = 15;\n' >"$cfg"
start_station 160 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen 'config:1: syntax error' "a syntax error is shown at launch" 10
sleep 2
msgrow | grep -q 'syntax error' && pass "the syntax error is still on the message row 2 s later" ||
	fail "the syntax error was replaced: '$(msgrow)'"
expect_quit_stops "syntax error: Q"
expect_screen '^infiniloop-tui: warning: .*config:1: syntax error' "at exit the syntax error is printed on stderr" 5
stop_station

# 3. A long failure: MusicGPT is not installed.
printf 'backend = "musicgpt";\nmusicgpt = "";\nautostart = false;\n' >"$cfg"
start_station 100 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 PATH=/usr/bin:/bin --
expect_screen 'Backend: musicgpt' "the station is up with the MusicGPT backend" 20
T send-keys -t "$UI_PANE" ":start 'calm piano'" Enter
expect_screen 'generation failed.*MusicGPT was not found' "the failure is on the message row" 20
# The Generation panel (the right half of the body) wraps the whole text.
gen=$(screen | LC_ALL=$utf8 sed -n 's/^│.*│\(.*\)│$/\1/p')
printf '%s\n' "$gen" | grep -q 'https://github.com/gabotechs/MusicGPT/releases' &&
	pass "the Generation panel shows the download address" || fail "the panel cuts the address"
printf '%s\n' "$gen" | grep -q "synth')" && pass "the Generation panel shows the end of the hint" ||
	{ fail "the panel cuts the hint"; screen | sed 's/^/  | /' >&2; }
T send-keys -t "$UI_PANE" M
expect_screen 'https://github.com/gabotechs/MusicGPT/releases' "the messages show the address" 5
expect_screen "synth'\)" "the messages show the whole hint" 1
T send-keys -t "$UI_PANE" Escape
expect_quit_stops "musicgpt: Q"
stop_station

# 4. A prompt's problems: a tempo out of range is named and stays on the
# message row; a prompt over the limit is refused with the limit, whole
# (the line editor takes it all), and nothing starts.
printf 'autostart = false;\nduration = 5;\n' >"$cfg"
start_station 160 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 --
expect_screen 'Backend: synth' "the station is up" 20
T send-keys -t "$UI_PANE" p
T send-keys -t "$UI_PANE" -l "lo-fi, 999 bpm"
T send-keys -t "$UI_PANE" Enter
expect_screen 'ignored: 999 bpm \(40-220\)' "p 'lo-fi, 999 bpm': the out-of-range tempo is named" 10
expect_screen '▶ .* playing \|' "the station plays anyway" 30
T send-keys -t "$UI_PANE" M
expect_screen '[0-9]{2}:[0-9]{2}:[0-9]{2} +warn +ignored: 999 bpm \(40-220\)' "the messages keep it as a warning" 5
T send-keys -t "$UI_PANE" Escape
long=$(awk 'BEGIN { for (k = 0; k < 120; k++) printf "calm piano"; }')
T send-keys -t "$UI_PANE" p
T send-keys -t "$UI_PANE" -l "$long"
T send-keys -t "$UI_PANE" Enter
expect_screen 'start: the prompt is 1200 bytes long; at most 1023' "a prompt of 1200 bytes is refused with the limit" 10
expect_screen 'Genre: +lo-fi, 999 bpm' "the station is unchanged" 5
expect_quit_stops "prompt: Q"
stop_station
finish
