#!/bin/sh
# The station controls on screen: H holds the loop (HOLD in the status row,
# the next one waits), n still switches, z brings the previous title back,
# :sleep 10 shows the time left and :sleep off clears it, :hold off lets
# the next loop follow. The engine races (--fast), so a held loop is what keeps a title on
# screen long enough to read it.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/ui/tmux_lib.sh"

utf8=C.UTF-8
locale -a 2>/dev/null | grep -qi '^c\.utf-\?8$' || utf8=en_US.UTF-8
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'duration = 5;\nmin_duration = 10;\n' >"$XDG_CONFIG_HOME/infiniloop/config"

start_station 120 30 TERM=xterm-256color LANG=$utf8 LC_ALL=$utf8 -- --fast
expect_screen ' playing \| vol' "the station plays" 30
expect_no_screen 'HOLD' "no HOLD before H"
T send-keys -t "$UI_PANE" H
expect_screen ' playing \| HOLD \| vol' "H: the status row says HOLD" 10
expect_screen 'held, next: [A-Z][a-z]+ [A-Z][a-z]+' "held: the next loop is ready, named, and waits" 60
t1=$(title)
T send-keys -t "$UI_PANE" n
t2=$(title_other_than "$t1")
[ -n "$t1" ] && [ -n "$t2" ] && [ "$t2" != "$t1" ] && pass "n switches while held ($t1, then $t2)" ||
	fail "n did not switch ($t1, then $t2)"
expect_screen ' playing \| HOLD \| vol' "the hold stays for the next loop" 5
T send-keys -t "$UI_PANE" z
expect_screen "Title: +$t1 " "z brings the previous title back ($t1)" 10
T send-keys -t "$UI_PANE" ':sleep 10' Enter
expect_screen ' HOLD \| sleep (10:00|9:[0-5][0-9]) \| vol' ":sleep 10 shows the time left" 10
expect_said 'sleep timer: the station stops in 10 minutes' "the engine says when it stops" 5
T send-keys -t "$UI_PANE" ':sleep off' Enter
wait_gone ' sleep [0-9]' 10 && pass ":sleep off clears the time left" || fail ":sleep off: the time left stays"
T send-keys -t "$UI_PANE" ':sleep 5x' Enter
expect_screen 'usage: sleep 45m' ":sleep with a bad time says how" 5
T send-keys -t "$UI_PANE" ':hold off' Enter
wait_gone 'HOLD' 10 && pass ":hold off: HOLD is gone" || fail ":hold off: HOLD stays"
t3=$(title_other_than "$t1")
[ -n "$t3" ] && [ "$t3" != "$t1" ] && pass ":hold off: the next loop follows ($t3)" ||
	fail ":hold off: $t1 plays on"
expect_quit_stops "q"
stop_station
finish
