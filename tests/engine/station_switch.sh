#!/bin/sh
# When a station's first loop comes: the startup loop gives way at its next
# bar line once the first loop is ready, and a station chosen while another
# plays starts at the next bar line once its first loop is ready (also when
# held: the hold stays, for the new loop); neither waits out the minimum
# duration (30 s here), but the station's later loops do, and so does the
# second loop of a station started from silence without a startup loop.
# status names the next loop and when it starts (next_title, next_in), or
# next_in=-1 while held. Frames are the player's own
# timeline (debug "... queued at frame N", "loop started at frame N"); the
# output is the null sink in real time, never --fast.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
printf 'duration = 8;\nmin_duration = 30;\ncrossfade = 1.0;\n' >"$TEST_TMP/c"
MIN=$((30 * 48000))

# The field KEY of the last event matching REGEX.
field() { # REGEX KEY
	grep -E -- "$1" "$ENGINE_EV" | tail -n 1 |
		sed -n -e "s/.* $2=\"\([^\"]*\)\".*/\1/p" -e t -e "s/.* $2=\([^ ]*\).*/\1/p"
}
# The frame at which the loop titled T was queued, and at which it started.
queued_at() { sed -n "s/^log level=debug msg=\"$1 queued at frame \([0-9]*\)\"$/\1/p" "$ENGINE_EV" | tail -n 1; }
started_at() { # T
	awk -v t="title=\"$1\"" 'index($0, "loop " t) == 1 { f = 1; next }
		f && /^log level=debug msg="loop started at frame / { gsub(/[^0-9]/, "", $7); print $7; exit }' "$ENGINE_EV"
}
# Frames of one bar of the loop titled T (from its loop event: metre, bpm).
bar_of() { # T
	grep "^loop title=\"$1\"" "$ENGINE_EV" | head -n 1 |
		awk '{ b = 4; if (match($0, / metre=[0-9]+\//)) b = substr($0, RSTART + 7, RLENGTH - 8) + 0
			if (b == 6) b = 2; match($0, / bpm=[0-9.]+/); bpm = substr($0, RSTART + 5, RLENGTH - 5)
			printf "%d\n", b * 60 / bpm * 48000 }'
}
# True when D frames are a whole number of bars of B frames (within 1 %).
on_bar() { awk -v d="$1" -v b="$2" 'BEGIN { r = d % b; exit !(b > 0 && (r <= b / 100 || b - r <= b / 100)) }'; }
# Ask for status until one, after the loop event of T (or after line FROM
# of the events) and while T plays, names the next loop (at most SECS);
# the line is left in $st.
next_status() { # T SECS [FROM]
	_ns=$(($2 * 5)) _nl=${3:-$(grep -n "^loop title=\"$1\"" "$ENGINE_EV" | head -n 1 | cut -d: -f1)}
	while [ $_ns -gt 0 ]; do
		engine_send status; sleep 0.2
		st=$(tail -n +"${_nl:-1}" "$ENGINE_EV" | grep "^status .* title=\"$1\" .* next_title=\"[^\"]" | tail -n 1)
		[ -n "$st" ] && return 0
		_ns=$((_ns - 1))
	done
	return 1
}
# The status line $st says its next loop waits for the minimum: next_in
# is min_left up to one bar (BAR frames) more.
waits_min() { # BAR
	_ml=$(echo "$st" | sed 's/.* min_left=\([0-9.]*\) .*/\1/') _ni=$(echo "$st" | sed 's/.* next_in=\([-0-9.]*\) .*/\1/')
	awk -v m="$_ml" -v n="$_ni" -v b="$1" 'BEGIN { exit !(m > 5 && n >= m - 0.1 && n <= m + b / 48000 + 0.1) }'
}

engine_start --engine --output null --config "$TEST_TMP/c"
engine_send "debug on=1"
engine_send 'start prompt="lo-fi hip hop, 80 bpm"'
expect_event '^loop .*prompt="startup loop"' "the startup loop plays at once"
expect_event '^loop .*prompt="lo-fi hip hop, 80 bpm"' "the station's first loop follows" 40
engine_wait 'loop started at frame [0-9]+"' 10 2
s0=$(field '^loop .*prompt="startup loop"' title) t1=$(field '^loop .*prompt="lo-fi hip hop' title)
q1=$(queued_at "$t1") f1=$(started_at "$t1") b0=$(bar_of "$s0")
if [ -n "$q1" ] && [ -n "$f1" ] && [ -n "$b0" ] && [ "$f1" -lt "$MIN" ] && [ "$f1" -gt "$q1" ] &&
	[ $((f1 - q1)) -le $((b0 + 200)) ]; then
	pass "the startup loop gave way at frame $f1, within a bar ($b0) of the first loop being ready at $q1, not at $MIN"
else
	fail "the first loop was ready at frame ${q1:-?} and started at ${f1:-?} (bar ${b0:-?}, minimum $MIN)"
fi
f0=$(started_at "$s0")
[ -n "$f0" ] && on_bar $((f1 - f0)) "$b0" &&
	pass "on a bar line of the startup loop" || fail "frame $f1 is not on a bar line of the startup loop (from ${f0:-?}, bar $b0)"

# The station's second loop waits for the minimum: status says so.
b1=$(bar_of "$t1")
if next_status "$t1" 40 && waits_min "$b1"; then
	t2=$(echo "$st" | sed 's/.* next_title="\([^"]*\)".*/\1/')
	pass "status: next \"$t2\" after the minimum ($(echo "$st" | grep -o 'min_left=[0-9.]*') $(echo "$st" | grep -o 'next_in=[0-9.]*'))"
else
	fail "status does not say the second loop waits for the minimum: ${st:-none}"
fi

# A new station while the first plays, held: its first loop starts at the
# next bar line once ready all the same, the old queued loop dropped; the
# hold stays, for the new loop.
engine_send "hold on=1"
expect_event '^log level=info msg="holding ' "the loop is held"
engine_send 'start prompt="techno, 128 bpm"'
expect_event '^loop .*prompt="techno, 128 bpm"' "the new station plays" 40
engine_wait 'loop started at frame [0-9]+"' 10 3
t3=$(field '^loop .*prompt="techno' title)
q3=$(queued_at "$t3") f3=$(started_at "$t3")
if [ -n "$q3" ] && [ -n "$f3" ] && [ $((f3 - f1)) -lt "$MIN" ] && [ "$f3" -gt "$q3" ] &&
	[ $((f3 - q3)) -le $((b1 + 200)) ]; then
	pass "the new station started at frame $f3, within a bar ($b1) of its loop being ready at $q3, $((f3 - f1)) frames into the old loop"
else
	fail "the new station's loop was ready at frame ${q3:-?} and started at ${f3:-?} (old loop from $f1, bar $b1)"
fi
on_bar $((f3 - f1)) "$b1" && pass "on a bar line of the old loop" ||
	fail "frame $f3 is not on a bar line of the old loop (from $f1, bar $b1)"
engine_seen "^loop title=\"${t2:-none}\" " && fail "the old station's queued loop played" ||
	pass "the old station's queued loop was dropped"
if next_status "$t3" 40 && echo "$st" | grep -q ' next_in=-1\.0 .* hold=1 '; then
	pass "the hold stays: the new station's second loop waits for its release (next_in=-1, hold=1)"
else
	fail "status does not say the new loop is held: ${st:-none}"
fi
from=$(($(wc -l <"$ENGINE_EV") + 1))
engine_send "hold on=0"
expect_event '^log level=info msg="hold released"$' "the hold is released"
b3=$(bar_of "$t3")
if next_status "$t3" 40 "$from" && echo "$st" | grep -q ' hold=0 ' && waits_min "$b3"; then
	pass "released, the new station's second loop waits for the minimum ($(echo "$st" | grep -o 'next_in=[0-9.]*'))"
else
	fail "status does not say the new station's second loop waits: ${st:-none}"
fi

# A favourite played comes at once (a jump): the station's next loop after
# it waits for the minimum, as after any loop of the station.
engine_send favourite
expect_event "^favourite id=1 title=\"$t3\" " "the new station's loop is a favourite"
from=$(($(wc -l <"$ENGINE_EV") + 1))
engine_send "play_favourite id=1"
expect_event "^log level=info msg=\"playing favourite: $t3 " "play_favourite plays it"
engine_wait "^loop title=\"$t3\" " 60 2 || fail "the favourite did not play again"
from=$(awk -v n="$from" -v t="loop title=\"$t3\" " 'NR >= n && index($0, t) == 1 { print NR; exit }' "$ENGINE_EV")
if next_status "$t3" 60 "$from" && waits_min "$b3"; then
	pass "after the favourite, the station's next loop waits for the minimum ($(echo "$st" | grep -o 'next_in=[0-9.]*'))"
else
	fail "after the favourite, status does not say the next loop waits: ${st:-none}"
fi
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"

# From silence without a startup loop: the first loop starts at once, and
# the second still waits for the minimum.
mkdir -p "$TEST_TMP/data"
for d in $(echo "$INFINILOOP_DATADIR" | tr ':' ' '); do cp "$d"/data/*.txt "$d"/*.txt "$TEST_TMP/data/" 2>/dev/null; done
engine_start INFINILOOP_DATADIR="$TEST_TMP/data" --engine --output null --config "$TEST_TMP/c"
engine_send "debug on=1"
engine_send 'start prompt="lo-fi hip hop, 80 bpm"'
expect_event '^log level=warn msg="no startup loop' "no startup loop here"
expect_event '^loop .*prompt="lo-fi hip hop, 80 bpm"' "the station's first loop plays" 40
t4=$(field '^loop .*prompt="lo-fi hip hop' title)
if next_status "$t4" 40 && waits_min "$(bar_of "$t4")"; then
	pass "from silence, the second loop waits for the minimum ($(echo "$st" | grep -o 'next_in=[0-9.]*'))"
else
	fail "from silence, the second loop does not wait for the minimum: ${st:-none}"
fi
engine_quit
expect_status 0 "$ENGINE_STATUS" "the engine exits 0"
finish
