#!/bin/sh
# Memory over switches: a station whose generator hands over a 2 s clip
# (the command backend, so each switch still runs a job, a loop analysis and
# a conversion), --fast on the null sink for 200 switches. The engine's RSS
# is sampled along the way (as the soak does); its median over loops
# 190-200 must not be more than 2 MB above its median over loops 10-19.
. "${top_srcdir:-.}/tests/lib.sh"
. "${top_srcdir:-.}/tests/engine_lib.sh"
n=200
"${top_builddir:-.}/tests/audio/mkwav" "$TEST_TMP/clip.wav" 2 48000 2 chord || exit 99
cfg="$XDG_CONFIG_HOME/infiniloop/config"; mkdir -p "${cfg%/*}"
cat >"$cfg" <<EOF
min_duration = 10;
crossfade = 1.0;
duration = 5;
backend = "command";
command = [ "cp", "$TEST_TMP/clip.wav", "{output}" ];
EOF
# ASan keeps freed memory in quarantine, where it would pass for growth.
engine_start "ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}quarantine_size_mb=0" \
	--headless --prompt "chiptune, 140 bpm" --output null --fast --switches $n
samples="$TEST_TMP/samples"; : >"$samples"
while proc_alive "$ENGINE_PID"; do
	rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$ENGINE_PID/status" 2>/dev/null)
	[ -n "$rss" ] && echo "$(grep -c '^loop ' "$ENGINE_EV") $rss" >>"$samples"
	sleep 0.05
done
exec 3>&-
wait "$ENGINE_PID"; st=$?; ENGINE_PID=""
expect_status 0 "$st" "the engine ran $n switches and exited 0"
loops=$(grep -c '^loop ' "$ENGINE_EV")
[ "$loops" -eq $((n + 1)) ] && pass "$loops loops played" || fail "$loops loops played, expected $((n + 1))"
errs=$(grep -c '^error ' "$ENGINE_EV")
[ "$errs" -eq 0 ] && pass "no error events" || { fail "$errs error events"; grep '^error ' "$ENGINE_EV" | head -5 >&2; }
# The median RSS (kB) of the samples taken while loop FROM to TO played.
median() { # FROM TO
	awk -v a="$1" -v b="$2" '$1 >= a && $1 <= b {print $2}' "$samples" | sort -n |
		awk '{v[NR] = $1} END {if (NR >= 3) print v[int((NR + 1) / 2)]}'
}
r10=$(median 10 19); r200=$(median 190 $((n + 1)))
echo "engine RSS: median $r10 kB over loops 10-19, $r200 kB over loops 190-$((n + 1)) ($(wc -l <"$samples") samples)"
if [ -z "$r10" ] || [ -z "$r200" ]; then
	fail "too few RSS samples (loops 10-19: ${r10:-none}, 190-: ${r200:-none})"
elif [ $((r200 - r10)) -le 2048 ]; then
	pass "RSS after 200 switches is within 2 MB of RSS after 10 ($((r200 - r10)) kB)"
else
	fail "RSS grew by $((r200 - r10)) kB from 10 to 200 switches (at most 2048)"
fi
finish
