#!/bin/sh
# The spectrum's frames on the terminal: about 30 a second, and at most 15
# over ssh (SSH_CONNECTION set), each written in one write() (the kernel's
# count of the station's write calls, /proc/PID/io syscw, over 4 s), each
# drawn at its time; over ssh the engine is asked for 15 and sends no
# more, and none while no spectrum is on screen (read calls, syscr). (The
# output here is null, which holds no frames ahead: the engine sends one
# frame a read, not three; spectrum_clock.sh counts those through
# PulseAudio.)
# Counts, not timing: a frame is a write, an event a read.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"
[ -r "/proc/$$/io" ] || { echo "SKIP: no /proc/PID/io"; exit 77; }
utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
U="TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8"
# The station's write and read calls in 4 s, once the spectrum moves.
calls() {
	_a=$(awk '/^sysc[rw]:/ {printf "%s ", $2}' "/proc/$UI_PID/io")
	sleep 4
	_b=$(awk '/^sysc[rw]:/ {printf "%s ", $2}' "/proc/$UI_PID/io")
	echo $_a $_b | awk '{print $4 - $2, $3 - $1}'
}
# Show the screen of KEY (its title matching PATTERN, WHAT in the test's
# message), then count; r is the station's read calls in 4 s.
reads_on() { # KEY PATTERN WHAT
	T send-keys -t "$UI_PANE" "$1"
	expect_screen "$2" "$3"
	sleep 1
	set -- $(calls)
	r=$2
}
for how in local ssh; do
	env=""
	[ $how = ssh ] && env="SSH_CONNECTION=10.0.0.1" # (the station only asks whether it is set)
	start_station 80 24 $U $env --
	expect_screen 'Spectrum' "$how: the station is up"
	expect_screen '[▁▂▃▄▅▆▇█]' "$how: the spectrum moves" 30
	sleep 1
	set -- $(calls)
	n=$1 r=$2
	echo "$how: $n writes, $r reads in 4 s"
	if [ $how = local ]; then
		[ "$n" -ge 80 ] && [ "$n" -le 150 ] && pass "local: $n writes in 4 s: 30 frames a second, one write each" ||
			fail "local: $n writes in 4 s (30 frames a second in one write each, and a few other draws: 80-150)"
		[ "$r" -ge 30 ] && pass "local: $r reads in 4 s: the frames come" ||
			fail "local: $r reads in 4 s: the frames do not come"
		# No spectrum on screen (Statistics): the engine sends none.
		reads_on F3 '[+┌][^a-z]*Statistics' "F3: the Statistics screen"
		[ "$r" -le 12 ] && pass "Statistics: $r reads in 4 s: no spectrum frames come" ||
			fail "Statistics: $r reads in 4 s: the engine sends frames nobody draws"
		reads_on F2 'Spectrum' "F2: the player screen again"
		[ "$r" -ge 30 ] && pass "F2: $r reads in 4 s: the frames come again" ||
			fail "F2: $r reads in 4 s: the spectrum did not come back"
		# A frame alone redraws the spectrum's inside only: over the help
		# and after it, its frame stands whole.
		T send-keys -t "$UI_PANE" '?'
		expect_screen 'Help 1-' "?: the help over the panels"
		T send-keys -t "$UI_PANE" Escape
		wait_gone 'Help 1-' 5 || fail "Escape: the help did not close"
		sleep 0.5
		expect_screen '┌ Now playing ─*┐┌ Spectrum ─*┐' "the spectrum's frame after the help: its top"
		expect_screen '│[▁▂▃▄▅▆▇█ ]{42}│$' "the spectrum's frame after the help: its sides"
		expect_screen '└─{34}┘└─{42}┘' "the spectrum's frame after the help: its bottom"
	else
		[ "$n" -ge 40 ] && [ "$n" -le 88 ] && pass "ssh: $n writes in 4 s: 15 frames a second" ||
			fail "ssh: $n writes in 4 s (15 frames a second, and a few other draws: 40-88)"
		# It asked the engine for 15 frames a second (`spectrum fps=15`):
		# a read each, not 30.
		[ "$r" -le 85 ] && pass "ssh: $r reads in 4 s: the engine sends 15 frames a second" ||
			fail "ssh: $r reads in 4 s: the engine sends more than the station draws"
	fi
	T send-keys -t "$UI_PANE" Q
	wait_exit 20 || fail "$how: the station did not quit"
	stop_station
done
finish
