#!/bin/sh
# A paused station sleeps: with its next loop made and nothing asked of
# it, the engine's main thread is not woken by a clock, and all its threads
# together wake only for the player's and PulseAudio's own checks (about
# three times a second). Before, a 250 ms tick woke the main thread four
# times a second and a timing query each second woke the rest. Counted
# from the kernel's voluntary context switches of each thread, over 5 s.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
pulse_require
pulse_start || exit 99
printf 'duration = 6;\nmin_duration = 120;\n' >"$TEST_TMP/station.conf"

engine_start --engine --config "$TEST_TMP/station.conf"
engine_send 'start prompt="lo-fi hip hop, 80 bpm"'
expect_event '^loop ' "the station plays"
# The next loop is made in the background: then there is nothing to do.
expect_event '^log level=info msg="queued ' "the next loop is made and queued" 120
engine_send pause
expect_event '^log level=info msg=paused' "paused"
sleep 4 # PulseAudio's timing queries after the last write slow down to one each 1.5 s
thread_switches "$ENGINE_PID" | sort >"$TEST_TMP/s0"
sleep 5
thread_switches "$ENGINE_PID" | sort >"$TEST_TMP/s1"
join "$TEST_TMP/s0" "$TEST_TMP/s1" | awk -v pid="$ENGINE_PID" '
	{ d = $3 - $2; all += d; if ($1 == pid) main = d; printf "  thread %s: %d wakeups\n", $1, d > "/dev/stderr" }
	END { print main + 0, all + 0 }' >"$TEST_TMP/n"
read -r main all <"$TEST_TMP/n"
[ "$main" -le 3 ] && pass "paused: the main thread woke $main times in 5 s" ||
	fail "paused: the main thread woke $main times in 5 s (a clock wakes it)"
[ "$all" -le 30 ] && pass "paused: all threads woke $all times in 5 s" ||
	fail "paused: all threads woke $all times in 5 s"
# Woken by a request, it answers at once.
engine_send status
expect_event '^status state=paused ' "status answers while paused" 5
engine_send resume
expect_event '^log level=info msg=resumed' "resumed"
expect_heard "music is heard after the pause"
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish
