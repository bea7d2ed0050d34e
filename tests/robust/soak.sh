#!/bin/sh
# Soak: a synth station, --fast, file sink, for SOAK_N generations and loop
# switches (make check: 30; make soak: 1000). The engine's RSS, open
# descriptors and child processes are sampled along the way and must stay
# flat; the output must hold exactly one minimum duration per loop.
# SOAK_VALGRIND=1 runs the engine under valgrind (shorter runs): no errors,
# no definite or indirect leaks.
. "${top_srcdir:-.}/tests/lib.sh"
n=${SOAK_N:-30}
cfg="$XDG_CONFIG_HOME/infiniloop/config"; mkdir -p "${cfg%/*}"
printf 'min_duration = 10;\ncrossfade = 1.0;\n' >"$cfg"
wav="$TEST_TMP/out.wav"; ev="$TEST_TMP/events"; samples="$TEST_TMP/samples"
# The station switches on a downbeat once the minimum has played. The startup
# loop is picked at random from two; pin the 72 bpm one (bars of 3.333 s, so
# 10 s is 3 whole bars) so that every loop plays exactly the minimum.
mkdir -p "$TEST_TMP/data"
for d in $(echo "$INFINILOOP_DATADIR" | tr ':' ' '); do
	[ -f "$d/startup2.wav" ] && { cp "$d/startup2.wav" "$TEST_TMP/data/startup1.wav"; break; }
done
[ -f "$TEST_TMP/data/startup1.wav" ] || { echo "startup2.wav not found in $INFINILOOP_DATADIR"; exit 99; }
cp "$TEST_TMP/data/startup1.wav" "$TEST_TMP/data/startup2.wav"
export INFINILOOP_DATADIR="$TEST_TMP/data:$INFINILOOP_DATADIR"
run="$IL_BIN"
if [ "${SOAK_VALGRIND:-0}" = 1 ]; then
	command -v valgrind >/dev/null || { echo "valgrind missing"; exit 77; }
	# The engine program itself: infiniloop-tui would hand over to it by
	# exec, which valgrind does not follow.
	run="valgrind -q --error-exitcode=9 --leak-check=full --show-leak-kinds=definite,indirect --errors-for-leak-kinds=definite,indirect --log-file=$TEST_TMP/vg.log ${IL_ENGINE_BIN:-$IL_BIN}"
fi
# 120 bpm: a 4/4 bar is 2 s, so the 10 s minimum ends on a downbeat, where
# the station switches; the total length is then exact.
# shellcheck disable=SC2086
$run --headless --prompt "chiptune, 120 bpm, A minor" --output "file:$wav" --fast --switches "$n" >"$ev" 2>"$TEST_TMP/err" &
pid=$!
# The engine itself (valgrind runs it in the same process).
: >"$samples"
while kill -0 $pid 2>/dev/null; do
	if [ -r "/proc/$pid/status" ]; then
		rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null)
		fds=$(ls "/proc/$pid/fd" 2>/dev/null | wc -l)
		kids=$(ps -o pid= --ppid $pid 2>/dev/null | wc -l)
		loops=$(grep -c '^loop ' "$ev")
		[ -n "$rss" ] && echo "$loops $rss $fds $kids" >>"$samples"
	fi
	sleep 0.05
done
wait $pid; st=$?
expect_status 0 "$st" "the engine ran $n switches and exited 0"
[ -s "$TEST_TMP/err" ] && fail "stderr: $(head -c 400 "$TEST_TMP/err")" || pass "nothing on stderr"
[ "${SOAK_VALGRIND:-0}" = 1 ] && { [ -s "$TEST_TMP/vg.log" ] && { fail "valgrind reports:"; head -40 "$TEST_TMP/vg.log" >&2; } || pass "valgrind: no errors, no leaks"; }
loops=$(grep -c '^loop ' "$ev")
gens=$(grep -c '^gen state=ready ' "$ev")
[ "$loops" -eq $((n + 1)) ] && pass "$loops loops played" || fail "$loops loops played, expected $((n + 1))"
[ "$gens" -ge "$n" ] && pass "$gens loops generated" || fail "only $gens loops generated"
errs=$(grep -c '^error ' "$ev")
[ "$errs" -eq 0 ] && pass "no error events" || { fail "$errs error events"; grep '^error ' "$ev" | head -5 >&2; }
# Exactly one minimum duration (10 s at 48 kHz, stereo float) per loop.
bytes=$(stat -c %s "$wav")
want=$(( (n + 1) * 10 * 48000 * 8 ))
[ $((bytes - want)) -ge 0 ] && [ $((bytes - want)) -le 4096 ] && pass "output holds exactly $((n + 1)) x 10 s" ||
	fail "output is $bytes bytes, expected $want plus a header"
rm -f "$wav"
[ -n "${SOAK_KEEP:-}" ] && cp "$samples" "$SOAK_KEEP"
# Flat: memory swings with each job's buffers, so compare peaks: the
# highest RSS and descriptor count of the second half of the run against
# those of the first half (after a warm-up quarter). A leak raises the
# second half's peak; a plateau does not.
cnt=$(wc -l <"$samples")
if [ "$cnt" -ge 8 ] && [ "${SOAK_VALGRIND:-0}" != 1 ]; then
	# ASan keeps freed memory in quarantine: its RSS says nothing about ours.
	# Each job's buffers swing RSS by about 11 MB; a short run can catch
	# that peak in one half only, so it allows 16 MB (a leaked loop would be
	# about 4 MB a switch, 57 MB over the second half); long runs 2 MB.
	rss_slack=16384; [ "$n" -ge 200 ] && rss_slack=2048
	[ "${IL_SANITIZED:-no}" = yes ] && rss_slack=1000000000
	awk -v label="${SOAK_LABEL:-soak}" -v slack="$rss_slack" '
		{ loops[NR] = $1; rss[NR] = $2; fds[NR] = $3; kids[NR] = $4 }
		END {
			q = int(NR / 4); h = int(NR / 2)
			for (i = q; i <= h; i++) {
				if (rss[i] > r1) r1 = rss[i]
				if (fds[i] > f1) f1 = fds[i]
			}
			for (i = h + 1; i <= NR; i++) {
				if (rss[i] > r2) r2 = rss[i]
				if (fds[i] > f2) f2 = fds[i]
			}
			for (i = 1; i <= NR; i++) if (kids[i] > k) k = kids[i]
			printf "%s: %d samples over %d loops; peak RSS %d kB in loops %d-%d, %d kB in loops %d-%d; fds %d then %d; children at most %d\n",
				label, NR, loops[NR], r1, loops[q], loops[h], r2, loops[h + 1], loops[NR], f1, f2, k
			exit !(r2 - r1 <= slack && f2 <= f1 + 1 && k <= 1)
		}' "$samples" >"$TEST_TMP/flat"
	st=$?
	cat "$TEST_TMP/flat"
	[ $st -eq 0 ] && pass "RSS, descriptors and children stay flat" || fail "not flat: $(cat "$TEST_TMP/flat")"
else
	echo "not sampled for flatness ($cnt samples$([ "${SOAK_VALGRIND:-0}" = 1 ] && echo ", under valgrind"))"
fi
finish
