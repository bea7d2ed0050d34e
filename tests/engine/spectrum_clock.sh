#!/bin/sh
# The spectrum comes on the engine's clock: 30 events a second, evenly,
# while a loop plays through PulseAudio (which asks for data in bursts of
# its own rhythm: made at each write, the events came about 18 times a
# second), three at each tick, for now and a frame and two frames later
# (at=0, 33 and 67 ms), so that the main thread wakes about 10 times a
# second for them, not 30; none, with no spectrum work at all, while no
# client is attached: the detached engine's main thread then sleeps; a
# client gets the rate it asks for (`spectrum fps=N`).
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/audio/pulse.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
pulse_require
B="${top_builddir:-.}/tests/audio"
"$B/mkwav" "$TEST_TMP/a.wav" 4 48000 2 chord || exit 99
pulse_start || exit 99
mkdir -p "$XDG_CONFIG_HOME/infiniloop"
printf 'autostart = false;\nmin_duration = 10;\n' >"$XDG_CONFIG_HOME/infiniloop/config"
R() { "$IL_BIN" --remote "$@"; }
# Voluntary context switches of the main thread of PID.
switches() { thread_switches "$1" | awk -v t="$1" '$1 == t {print $2}'; }

"$IL_BIN" --daemon --output pulse >"$TEST_TMP/d.out" 2>"$TEST_TMP/d.err" &
DPID=$!
n=100
while ! R status >/dev/null 2>&1 && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
R play "$TEST_TMP/a.wav" >/dev/null; expect_status 0 $? "--remote play exits 0"
n=100
while ! R status 2>/dev/null | grep -q 'playing' && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
sleep 1

# Attached: 30 events a second, counted from the client's first one.
"$IL_BIN" --remote events >"$TEST_TMP/ev" 2>&1 &
EV=$!
spec() { grep -c '^spectrum bands=[0-9a-f]\{64\} at=\(0\|33\|67\)$' "$TEST_TMP/ev"; }
n=100
while [ "$(spec)" -eq 0 ] && [ "$n" -gt 0 ]; do sleep 0.1; n=$((n - 1)); done
c0=$(spec); s0=$(switches "$DPID"); sleep 4; c1=$(spec); s1=$(switches "$DPID")
kill "$EV" 2>/dev/null; wait "$EV" 2>/dev/null
n=$((c1 - c0))
[ "$n" -ge 100 ] && [ "$n" -le 140 ] && pass "attached: $n spectrum events in 4 s (30 a second)" ||
	fail "attached: $n spectrum events in 4 s, not about 120"
# Three at a tick, in order: at=0, 33, 67 (a fourth line of a group, or a
# missing one, breaks the pattern), once the output's latency is known
# (until then the frames ahead are not known to be written: one a tick).
ats=$(sed -n 's/^spectrum .* at=\([0-9]*\)$/\1/p' "$TEST_TMP/ev" | tail -n 60 | tr '\n' ' ')
case " $ats" in
*" 0 33 67 0 33 67 0 33 67 0 33 67 0 33 67 "*) pass "three frames a tick: at=0 33 67" ;;
*) fail "spectrum frames not three a tick: at=$ats" ;;
esac
[ $((s1 - s0)) -le 60 ] && pass "attached: the main thread woke $((s1 - s0)) times in 4 s (a tick every 100 ms)" ||
	fail "attached: the main thread woke $((s1 - s0)) times in 4 s, more than 60"

# Detached: the music plays on, and the main thread is not woken for a spectrum.
sleep 1
s0=$(switches "$DPID"); sleep 4; s1=$(switches "$DPID")
[ $((s1 - s0)) -le 8 ] && pass "detached: the main thread woke $((s1 - s0)) times in 4 s" ||
	fail "detached: the main thread woke $((s1 - s0)) times in 4 s (spectrum work for nobody?)"
R status | grep -q 'playing' && pass "the music plays on while detached" || fail "not playing while detached"
expect_heard "music is heard while detached"
R quit >/dev/null 2>&1
wait "$DPID"
expect_status 0 $? "the engine exits 0"

# A client that asks for fewer (`spectrum fps=N`, as the station over ssh)
# gets N a second; one that asks for none gets none, and with no other
# client the engine makes no frames at all.
engine_start --engine --output pulse
engine_send "play file=$TEST_TMP/a.wav"
engine_wait '^spectrum bands=' 20 || fail "--engine: no spectrum event"
count() { grep -c '^spectrum bands=' "$ENGINE_EV"; }
engine_send "spectrum fps=15"
sleep 2 # past the output's start, when it takes a second or so before it plays on evenly
c0=$(count); sleep 4; c1=$(count)
n=$((c1 - c0))
[ "$n" -ge 50 ] && [ "$n" -le 70 ] && pass "spectrum fps=15: $n events in 4 s (15 a second)" ||
	fail "spectrum fps=15: $n events in 4 s, not about 60"
engine_send "spectrum fps=0"
sleep 1
c0=$(count); s0=$(switches "$ENGINE_PID"); sleep 4; c1=$(count); s1=$(switches "$ENGINE_PID")
[ $((c1 - c0)) -eq 0 ] && pass "spectrum fps=0: no events" || fail "spectrum fps=0: $((c1 - c0)) events in 4 s"
[ $((s1 - s0)) -le 8 ] && pass "spectrum fps=0: the main thread woke $((s1 - s0)) times in 4 s" ||
	fail "spectrum fps=0: the main thread woke $((s1 - s0)) times in 4 s (frames for nobody?)"
engine_send "spectrum fps=31"
expect_event '^error code=bad_value .*verb=spectrum$' "spectrum fps=31 is refused"
engine_send "spectrum"
expect_event '^error code=missing_field .*verb=spectrum$' "spectrum without fps is refused"
engine_quit
expect_status 0 "$ENGINE_STATUS" "--engine exits 0"
finish
